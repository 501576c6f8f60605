"""The project pass links production entrypoints to the Python (or shell) file they start."""

from __future__ import annotations

import json
import random
from pathlib import Path

from flasklint import project
from flasklint.engine import ScanOptions, scan

APP_MAIN = "from flask import Flask\napp = Flask(__name__)\nif __name__ == '__main__':\n    app.run()\n"
APP_PLAIN = "from flask import Flask\napp = Flask(__name__)\n"


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def found(root: Path) -> set[tuple[str, int, str]]:
    prefix = str(root) + "/"
    return {(f.path[len(prefix):], f.span.start.line, f.rule) for f in scan([str(root)], ScanOptions()).findings}


def test_procfile_python_script_that_runs_the_dev_server(tmp_path):
    write(tmp_path, {"Procfile": "web: python app.py\n", "app.py": APP_MAIN})
    result = scan([str(tmp_path)], ScanOptions())
    (finding,) = result.findings
    assert finding.rule == "FL301" and finding.path.endswith("Procfile")
    (related,) = finding.related
    assert related.path.endswith("app.py") and related.span.start.line == 4
    data = finding.to_json()["related"][0]
    assert set(data) == {"path", "start", "end", "message"} and data["start"]["line"] == 4
    assert finding.fix.edits[0].replacement == "gunicorn --bind 0.0.0.0:$PORT app:app"


def test_script_without_a_dev_server_is_not_linked(tmp_path):
    write(tmp_path, {"Procfile": "web: python app.py\n", "app.py": APP_PLAIN})
    assert found(tmp_path) == set()


def test_python_dash_m_package_main(tmp_path):
    write(tmp_path, {"Procfile": "web: python -m api\n", "api/__init__.py": APP_PLAIN,
                     "api/__main__.py": APP_MAIN})
    assert found(tmp_path) == {("Procfile", 1, "FL301")}


def test_dockerfile_workdir_and_copy_resolve_the_script(tmp_path):
    write(tmp_path, {"Dockerfile": 'FROM python\nWORKDIR /srv\nCOPY web/ /srv/\nCMD ["python", "main.py"]\n',
                     "web/main.py": APP_MAIN, "main.py": APP_PLAIN})
    assert found(tmp_path) == {("Dockerfile", 4, "FL301")}


def test_development_configs_are_not_linked(tmp_path):
    write(tmp_path, {"run.sh": "python app.py\n", "app.py": APP_MAIN})
    assert found(tmp_path) == set()


def test_flask_run_fix_names_the_factory(tmp_path):
    write(tmp_path, {"Procfile": "web: flask --app shop run\n",
                     "shop/__init__.py": "from flask import Flask\ndef create_app():\n    return Flask(__name__)\n"})
    (finding,) = scan([str(tmp_path)], ScanOptions()).findings
    assert finding.fix.edits[0].replacement == "gunicorn --bind 0.0.0.0:$PORT 'shop:create_app()'"


def test_link_does_not_depend_on_file_order(tmp_path):
    write(tmp_path, {"Procfile": "web: python app.py\n", "app.py": APP_MAIN, "start.sh": "flask run\n",
                     "Dockerfile": 'FROM python\nCMD ["./start.sh"]\n'})
    results = scan([str(tmp_path)], ScanOptions()).results
    baseline = [f.to_json() for f in project.link(results)]
    items = list(results.items())
    for seed in range(3):
        random.Random(seed).shuffle(items)
        assert [f.to_json() for f in project.link(dict(items))] == baseline
    assert len(baseline) == 2
    json.dumps(baseline)
