"""Generate a synthetic Flask monorepo with its ground truth, for benchmarks.

    python bench/generate_monorepo.py OUT_DIR [--files 5000] [--seed 1]

Deterministic: the same seed and file count give byte-identical trees. The repo
is a set of services (`services/<name>/`), each a Flask package with models,
views (blueprints), utils, tests and entrypoints. About 15 % of the files start
a development server, in varied shapes (main guard or import time, `app.run`,
`socketio.run`, `run_simple`, hosts from constants and environment defaults,
safe ones too); about 15.3 % of all files contain a `.run(` call (Flask's and
others: `subprocess.run`, `asyncio.run`, a job runner). Each file is ~150 lines.

`OUT_DIR/ground_truth.json` records, per file that starts a server, which server
and the findings flasklint must report as `[line, rule]` pairs (the line where
each finding starts, as in corpus/README.md). Every other file must have none.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

TARGET_LINES = 150
START_SHARE = 0.15
RUN_CALL_SHARE = 766 / 5000

WORDS = (
    "account order invoice user product cart payment report audit session token "
    "inventory shipment customer ticket message profile billing catalog review"
).split()


@dataclass
class Module:
    """One generated file: its lines and the findings expected on them."""

    path: str
    lines: list[str] = field(default_factory=list)
    server: str | None = None
    expected: list[tuple[int, str]] = field(default_factory=list)
    calls_run: bool = False

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def expect(self, offset_from_end: int, *rules: str) -> None:
        """Expect `rules` on a line added `offset_from_end` lines ago (1 = the last line added)."""
        line = len(self.lines) - offset_from_end + 1
        self.expected.extend((line, rule) for rule in rules)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


# ---------------------------------------------------------------- filler code


def _function(rng: random.Random, noun: str, index: int) -> list[str]:
    """A plausible ~10-14 line helper function."""
    name = f"{rng.choice(['load', 'build', 'compute', 'normalize', 'validate', 'fetch'])}_{noun}_{index}"
    field_a, field_b = rng.sample(["id", "name", "total", "status", "created_at", "owner", "amount"], 2)
    body = [
        f"def {name}(records, limit={rng.randint(5, 500)}):",
        f'    """Return the {noun} records worth keeping, at most `limit`."""',
        "    kept = []",
        "    for record in records:",
        f'        if record.get("{field_a}") is None:',
        f'            logger.debug("skipping %s without {field_a}", record)',
        "            continue",
        f'        value = record.get("{field_b}", {rng.randint(0, 9)})',
        "        if isinstance(value, str):",
        "            value = value.strip().lower()",
        f'        kept.append({{"{field_a}": record["{field_a}"], "{field_b}": value}})',
        "        if len(kept) >= limit:",
        "            break",
        "    return kept",
        "",
        "",
    ]
    return body


def _model_class(rng: random.Random, noun: str, index: int) -> list[str]:
    cls = f"{noun.capitalize()}{index}"
    columns = rng.sample(["name", "email", "total", "status", "note", "code", "owner_id"], 3)
    lines = [f"class {cls}(db.Model):", f'    __tablename__ = "{noun}_{index}"', "    id = db.Column(db.Integer, primary_key=True)"]
    for column in columns:
        kind = "db.Integer" if column.endswith(("_id", "total")) else f"db.String({rng.choice([32, 64, 255])})"
        lines.append(f"    {column} = db.Column({kind}, nullable={rng.choice(['True', 'False'])})")
    lines += [
        "",
        "    def to_dict(self):",
        f'        return {{"id": self.id, "{columns[0]}": self.{columns[0]}, "{columns[1]}": self.{columns[1]}}}',
        "",
        "    def __repr__(self):",
        f'        return f"<{cls} {{self.id}}>"',
        "",
        "",
    ]
    return lines


def _view(rng: random.Random, noun: str, index: int) -> list[str]:
    route = f"/{noun}s/{index}"
    return [
        f'@bp.route("{route}", methods=["GET", "POST"])',
        f"def {noun}_view_{index}():",
        '    if request.method == "POST":',
        "        payload = request.get_json(silent=True) or {}",
        '        if not payload.get("name"):',
        '            abort(400, "name is required")',
        f'        current_app.logger.info("created {noun} %s", payload["name"])',
        '        return jsonify(payload), 201',
        f'    page = int(request.args.get("page", {rng.randint(1, 3)}))',
        f'    per_page = current_app.config.get("PER_PAGE", {rng.choice([10, 20, 50])})',
        f'    return jsonify({{"{noun}s": [], "page": page, "per_page": per_page}})',
        "",
        "",
    ]


def _test(rng: random.Random, noun: str, index: int) -> list[str]:
    return [
        f"def test_{noun}_{index}(client):",
        f'    response = client.get("/{noun}s/{index}?page={rng.randint(1, 4)}")',
        "    assert response.status_code == 200",
        f'    assert response.get_json()["page"] >= 1',
        f'    created = client.post("/{noun}s/{index}", json={{"name": "{noun}-{index}"}})',
        "    assert created.status_code == 201",
        "",
        "",
    ]


def _other_run_call(rng: random.Random, module: Module) -> None:
    """A `.run(` that is not a Flask server (the prefilter and the receiver checks must cope)."""
    shape = rng.randrange(3)
    if shape == 0:
        module.add("def build_assets(target):", '    return subprocess.run(["make", target], check=True)', "", "")
    elif shape == 1:
        module.add("def sync_all(coroutine):", "    return asyncio.run(coroutine)", "", "")
    else:
        module.add("def run_jobs(runner, jobs):", "    return runner.run(jobs, retries=3)", "", "")
    module.calls_run = True


# ---------------------------------------------------------------- server starts


def _server_start(rng: random.Random, module: Module, app_name: str) -> None:
    """Append one dev-server start and record what flasklint must report for it."""
    shape = rng.randrange(12)
    port = rng.choice([5000, 8000, 8080, 5001])
    module.server = "flask"
    if shape == 0:
        module.add('if __name__ == "__main__":', f"    {app_name}.run(debug=True)")
        module.expect(1, "FL102")
    elif shape == 1:
        module.add('if __name__ == "__main__":', f'    {app_name}.run(host="0.0.0.0", port={port}, debug=True)')
        module.expect(1, "FL101")
    elif shape == 2:
        module.add('if __name__ == "__main__":', f'    {app_name}.run(host="0.0.0.0", port={port})')
        module.expect(1, "FL103")
    elif shape == 3:
        module.add(f"{app_name}.run()")
        module.expect(1, "FL104")
    elif shape == 4:
        module.add(f'{app_name}.run(host="0.0.0.0")')
        module.expect(1, "FL103", "FL104")
    elif shape == 5:
        module.add('if __name__ == "__main__":', f'    {app_name}.run(host="127.0.0.1", port={port})')
    elif shape == 6:
        module.add('HOST = os.environ.get("APP_HOST", "0.0.0.0")', "", 'if __name__ == "__main__":')
        module.add(f"    {app_name}.run(", "        host=HOST,")
        module.expect(1, "FL103")
        module.add(f"        port={port},", "    )")
    elif shape == 7:
        module.add('if __name__ == "__main__":', f"    {app_name}.run(port={port}, debug=False)")
    elif shape == 8:
        module.server = "socketio"
        module.add("socketio = SocketIO(app)", "", 'if __name__ == "__main__":', "    socketio.run(")
        module.add(f"        {app_name},", '        host="0.0.0.0",')
        module.expect(1, "FL103")
        module.add("        allow_unsafe_werkzeug=True,")
        module.expect(1, "FL106")
        module.add("    )")
    elif shape == 9:
        module.server = "socketio"
        module.add("socketio = SocketIO(app)", "", 'if __name__ == "__main__":', f"    socketio.run({app_name}, port={port})")
    elif shape == 10:
        module.server = "run_simple"
        module.add('if __name__ == "__main__":', f'    run_simple("0.0.0.0", {port}, {app_name}, use_debugger=True)')
        module.expect(1, "FL101")
    else:
        module.server = "run_simple"
        module.add('if __name__ == "__main__":', f'    run_simple("localhost", {port}, {app_name}, use_reloader=True)')
    if module.server != "run_simple":
        module.calls_run = True


# ---------------------------------------------------------------- files


def _header(kind: str, starts: bool, server: bool) -> list[str]:
    lines = [f'"""{kind.capitalize()} of this service (generated for benchmarks)."""', "", "from __future__ import annotations", ""]
    lines += ["import asyncio", "import logging", "import os", "import subprocess", ""]
    if kind == "models":
        lines += ["from flask_sqlalchemy import SQLAlchemy", ""]
    elif kind in ("views", "app"):
        lines += ["from flask import Blueprint, Flask, abort, current_app, jsonify, request"]
        if server:
            lines += ["from flask_socketio import SocketIO", "from werkzeug.serving import run_simple"]
        lines += [""]
    elif kind == "tests":
        lines += ["import pytest", "", "from flask import Flask", ""]
    lines += ["logger = logging.getLogger(__name__)", ""]
    if kind == "models":
        lines += ["db = SQLAlchemy()", "", ""]
    elif kind == "views":
        lines += ['bp = Blueprint("api", __name__)', "", ""]
    elif kind == "app":
        lines += [
            "app = Flask(__name__)",
            'app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "change-me")',
            'app.config["PER_PAGE"] = 20',
            'bp = Blueprint("api", __name__)',
            "",
            "",
        ]
    elif kind == "tests":
        lines += [
            "@pytest.fixture",
            "def client():",
            "    app = Flask(__name__)",
            '    app.config["TESTING"] = True',
            "    return app.test_client()",
            "",
            "",
        ]
    return lines


def _module(rng: random.Random, path: str, kind: str, starts: bool, other_run: bool) -> Module:
    module = Module(path)
    module.add(*_header(kind, starts, starts))
    noun = rng.choice(WORDS)
    makers = {"models": _model_class, "views": _view, "utils": _function, "tests": _test, "app": _view}
    index = 0
    tail_budget = 12 if starts else 0
    if other_run:
        _other_run_call(rng, module)
    while len(module.lines) < TARGET_LINES - tail_budget - 8:
        maker = makers[kind] if rng.random() < 0.8 else _function
        module.add(*maker(rng, noun, index))
        index += 1
    if starts:
        _server_start(rng, module, "app")
    return module


def generate(out: Path, files: int, seed: int) -> dict:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    starts = set(rng.sample(range(files), round(files * START_SHARE)))
    # How many files start a server with a `.run(` call is known only after generation;
    # pick the non-server `.run(` files so the total lands at RUN_CALL_SHARE.
    kinds = ["models", "views", "utils", "tests"]
    plan = []
    for index in range(files):
        service = f"svc{index // 40:04d}"
        kind = "app" if index in starts else kinds[index % 4]
        name = f"{kind}_{index:05d}.py" if kind != "tests" else f"test_{index:05d}.py"
        folder = {"app": "", "models": "models/", "views": "views/", "utils": "utils/", "tests": "tests/"}[kind]
        plan.append((index, f"services/{service}/{folder}{name}", kind))
    modules = []
    for index, path, kind in plan:
        modules.append(_module(rng, path, kind, index in starts, other_run=False))
    run_files = sum(m.calls_run for m in modules)
    wanted = round(files * RUN_CALL_SHARE)
    candidates = [i for i, m in enumerate(modules) if not m.calls_run and m.server is None]
    for i in sorted(rng.sample(candidates, max(0, min(len(candidates), wanted - run_files)))):
        index, path, kind = plan[i]
        modules[i] = _module(random.Random(seed * 1_000_003 + index), path, kind, False, other_run=True)
    truth = {"seed": seed, "files": files, "servers": {}, "run_call_files": 0, "lines": 0}
    for module in modules:
        target = out / module.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(module.text(), encoding="utf-8")
        truth["lines"] += len(module.lines)
        truth["run_call_files"] += module.calls_run
        if module.server:
            truth["servers"][module.path] = {"server": module.server, "findings": sorted(module.expected)}
    (out / "ground_truth.json").write_text(json.dumps(truth, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    truth = generate(args.out, args.files, args.seed)
    print(
        f"{args.files} files, {truth['lines']} lines, {len(truth['servers'])} server starts, "
        f"{truth['run_call_files']} files calling .run( -> {args.out}"
    )


if __name__ == "__main__":
    main()
