"""Generate a real-shaped Flask project of about 500 files, for benchmarks.

    python bench/generate_project.py OUT_DIR [--files 500] [--seed 1]

Unlike the monorepo (bench/generate_monorepo.py, almost all Python), this is
what a deployment-heavy repository looks like: services that each have a
Dockerfile, a Procfile, shell scripts, a Makefile, requirements, `.env` and
`.flaskenv` files, and Kubernetes manifests, with a docker-compose.yml and
a GitHub workflow at the top, next to Python packages, tests and
extensionless scripts in bin/. About one service in four launches the
development server somewhere (a Procfile `flask run`, a Dockerfile running
`python app.py`, a compose `FLASK_DEBUG=1`), so the project pass links files
across families. Deterministic for a seed; nothing here is a ground truth.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

from generate_monorepo import WORDS, _function, _model_class, _view

SERVICE_FILES = 20
"""Files per service: the deployment files below plus Python modules to fill it up."""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def _python(rng: random.Random, noun: str, index: int, app: bool, starts: bool) -> str:
    lines = ['"""Service module."""', "import logging", "import os", "", "logger = logging.getLogger(__name__)", ""]
    if app:
        lines += ["from flask import Blueprint, Flask, abort, current_app, jsonify, request", "",
                  "app = Flask(__name__)", f'bp = Blueprint("{noun}", __name__)', ""]
    for part in range(rng.randint(3, 6)):
        lines += _function(rng, noun, index * 10 + part) + [""]
    if rng.random() < 0.5:
        lines += _model_class(rng, noun, index) + [""]
    if app:
        lines += _view(rng, noun, index) + [""]
        host = '"0.0.0.0"' if starts else '"127.0.0.1"'
        lines += ['if __name__ == "__main__":', f"    app.run(host={host}, port=int(os.environ.get('PORT', 5000)))"]
    return "\n".join(lines) + "\n"


def _service(rng: random.Random, root: Path, name: str, dev_server: bool) -> int:
    """One service folder; the number of files written."""
    folder = root / "services" / name
    command = "python app.py" if dev_server and rng.random() < 0.5 else "gunicorn -b 0.0.0.0:8000 app:app"
    files = {
        "Dockerfile": "FROM python:3.11-slim\nWORKDIR /srv\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
                      f"COPY . .\nEXPOSE 8000\nCMD {command.split()!r}\n".replace("'", '"'),
        "Procfile": ("web: flask run --host 0.0.0.0\n" if dev_server else "web: gunicorn -b 0.0.0.0:$PORT app:app\n")
                    + "worker: python worker.py\n",
        "Makefile": ".PHONY: dev test\ndev:\n\tflask --app app run --debug\ntest:\n\tpytest -q\n",
        "requirements.txt": "flask==3.0.3\n" + ("gunicorn==22.0.0\n" if not dev_server else "") + "requests==2.32.3\n",
        ".env": f"DATABASE_URL=postgres://db/{name}\n" + ("FLASK_DEBUG=1\n" if dev_server else ""),
        ".flaskenv": "FLASK_APP=app.py\n",
        "scripts/start.sh": f"#!/bin/sh\nset -e\n{'flask run --host=0.0.0.0' if dev_server else 'exec gunicorn app:app'}\n",
        "scripts/migrate.sh": "#!/bin/sh\nset -e\nflask db upgrade\n",
        "bin/manage": "#!/usr/bin/env python3\nimport sys\nfrom app import app\nprint(app.name, sys.argv)\n",
        "k8s/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\nspec:\n  template:\n"
                               "    spec:\n      containers:\n        - name: web\n          image: " + name + ":latest\n"
                               f"          command: {command.split()!r}\n".replace("'", '"'),
        "app.py": _python(rng, name.split("-")[0], 0, app=True, starts=dev_server and rng.random() < 0.5),
        "worker.py": _python(rng, name.split("-")[0], 1, app=False, starts=False),
        "tests/test_app.py": "from app import app\n\n\ndef test_index():\n    assert app.test_client().get('/').status_code in (200, 404)\n",
    }
    index = 2
    while len(files) < SERVICE_FILES:
        files[f"{name.split('-')[0]}/{rng.choice(WORDS)}_{index}.py"] = _python(rng, rng.choice(WORDS), index, app=False, starts=False)
        index += 1
    for relative, text in files.items():
        _write(folder / relative, text)
    return len(files)


def generate(out: Path, files: int = 500, seed: int = 1) -> int:
    """Write the project into `out` (replaced); the number of files written."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    written = 0
    services = []
    while written + SERVICE_FILES + 3 <= files:
        name = f"{rng.choice(WORDS)}-{len(services)}"
        written += _service(rng, out, name, dev_server=rng.random() < 0.25)
        services.append(name)
    compose = ["services:"]
    for name in services:
        compose += [f"  {name}:", f"    build: ./services/{name}", "    env_file: .env", "    environment:",
                    f"      FLASK_DEBUG: \"{1 if rng.random() < 0.2 else 0}\""]
    _write(out / "docker-compose.yml", "\n".join(compose) + "\n")
    _write(out / ".github" / "workflows" / "ci.yml",
           "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
           "      - run: pip install -r requirements.txt\n      - run: pytest -q\n")
    _write(out / "pyproject.toml", '[project]\nname = "shop"\nversion = "1.0"\ndependencies = ["flask"]\n')
    written += 3
    while written < files:
        _write(out / "libs" / f"{rng.choice(WORDS)}_{written}.py", _python(rng, rng.choice(WORDS), written, app=False, starts=False))
        written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"wrote {generate(args.out, args.files, args.seed)} files to {args.out}")


if __name__ == "__main__":
    main()
