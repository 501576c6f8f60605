"""Starts under `if` tests with a default (`if USE_SOCKETIO: socketio.run(...) else: app.run(...)`): the branch the
defaults take is the one production runs (rules.Rules._branch, facts.skipped_by_default, the deployment model)."""

from __future__ import annotations

import pytest

from flasklint.analyzers import python as py
from flasklint.analyzers.base import AnalysisContext
from flasklint.python.facts import skipped_by_default
from flasklint.sources.source import decode
from projects import scan_project, summary

APP = (
    "import os\n"
    "from flask import Flask\n"
    "from waitress import serve\n"
    "DEV = os.environ.get('APP_DEV', '{default}') == '1'\n"
    "app = Flask(__name__)\n"
    "if __name__ == '__main__':\n"
    "    if DEV:\n"
    "        app.run(port=8000)\n"
    "    else:\n"
    "        serve(app, port=8000)\n"
)


def _starts(code: str) -> list[dict]:
    return py.analyze(decode(code.encode(), python=True), AnalysisContext("app.py", "python")).facts["starts"]


def test_the_branch_fact_says_whether_the_defaults_reach_the_start():
    (start,) = _starts(APP.format(default="0"))
    assert start["branch"] == {"taken": False, "tests": [{"line": 7, "test": "DEV", "taken": False, "env": "APP_DEV"}]}
    (start,) = _starts(APP.format(default="1"))
    assert start["branch"]["taken"] is True


def test_an_unknown_test_or_the_main_guard_is_no_branch():
    (start,) = _starts(APP.format(default="0").replace("    if DEV:", "    if os.environ.get('APP_DEV') == x:"))
    assert "branch" not in start


def test_else_branches_and_nested_tests():
    code = APP.format(default="0").replace("        app.run(port=8000)\n    else:\n        serve(app, port=8000)\n",
                                           "        serve(app, port=8000)\n    else:\n        app.run(port=8000)\n")
    (start,) = _starts(code)
    assert start["branch"]["taken"] is True
    nested = code.replace("        app.run(port=8000)\n", "        if not DEV:\n            app.run(port=8000)\n")
    assert _starts(nested)[0]["branch"]["taken"] is True


@pytest.mark.parametrize("start, variables, skipped", [
    ({"branch": {"taken": False, "tests": [{"taken": False, "env": "APP_DEV"}]}}, [], True),
    ({"branch": {"taken": False, "tests": [{"taken": False, "env": "APP_DEV"}]}}, ["APP_DEV"], False),
    ({"branch": {"taken": True, "tests": [{"taken": True, "env": "APP_DEV"}]}}, [], False),
    ({}, [], False),
])
def test_skipped_by_default(start, variables, skipped):
    assert skipped_by_default(start, variables) is skipped


def test_a_production_script_whose_default_branch_serves_with_waitress_is_not_fl301(tmp_path):
    files = {"app.py": APP.format(default="0"), "Procfile": "web: python app.py\n"}
    assert summary(scan_project(tmp_path, files)) == []
    files["app.py"] = APP.format(default="1")
    assert [(rule, path) for rule, path, *_ in summary(scan_project(tmp_path / "on", files))] == [("FL301", "Procfile")]


def test_a_start_in_a_function_main_calls_is_run_by_the_script(tmp_path):
    code = ("from flask import Flask\napp = Flask(__name__)\n\ndef main():\n    app.run(port=8000)\n\n"
            "if __name__ == '__main__':\n    main()\n")
    found = summary(scan_project(tmp_path, {"app.py": code, "Procfile": "web: python app.py\n"}))
    assert [(rule, path, line) for rule, path, line, *_ in found] == [("FL301", "Procfile", 1)]
    found = summary(scan_project(tmp_path / "gunicorn", {"app.py": code, "Procfile": "web: gunicorn app:app\n"}))
    assert found == []


WRAPPER = (
    "from flask import Flask\n"
    "\n"
    "class Manager:\n"
    "    def __init__(self, app):\n"
    "        self.app = app\n"
    "\n"
    "    def run(self):\n"
    "        self.app.run(host='127.0.0.1', port=8000)\n"
    "\n"
    "app = Flask(__name__)\n"
    "\n"
    "if __name__ == '__main__':\n"
    "    manager = Manager(app)\n"
    "    manager.run()\n"
)


def test_a_wrapper_class_the_script_builds_and_runs_is_followed(tmp_path):
    facts = py.analyze(decode(WRAPPER.encode(), python=True), AnalysisContext("app.py", "python")).facts
    assert [s["function"] for s in facts["starts"]] == ["Manager.run"]
    assert "Manager.run" in facts["main_calls"] and facts["functions"]["Manager.run"] == [7, 8]
    found = summary(scan_project(tmp_path, {"app.py": WRAPPER, "Procfile": "web: python app.py\n"}))
    assert [(rule, path, line) for rule, path, line, *_ in found] == [("FL301", "Procfile", 1)]


def test_a_library_server_class_the_file_never_builds_is_not_a_start():
    library = WRAPPER.split("app = Flask")[0]
    assert py.analyze(decode(library.encode(), python=True), AnalysisContext("lib.py", "python")).facts["starts"] == []
