"""Debug mode set in code matters where production serves the app, not where it only imports it
(flasklint.deployment.serving)."""

from __future__ import annotations

import pytest

from projects import scan_project, summary

PACKAGE = "from flask import Flask\napp = Flask(__name__)\napp.debug = True\n"
SCRIPTS = {
    "a CLI that imports the package": "from pkg import app\n\ndef main():\n    print(app.name)\n",
    "a run_simple server (app.debug ignored)": (
        "from werkzeug.serving import run_simple\nfrom pkg import app\n\n"
        "def main():\n    run_simple('0.0.0.0', 5000, app)\n"),
}


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_a_console_script_that_serves_no_debug_mode_leaves_it_development(tmp_path, script):
    files = {"pkg/__init__.py": PACKAGE, "pkg/tool.py": SCRIPTS[script],
             "pyproject.toml": '[project]\nname = "pkg"\n[project.scripts]\npkg-tool = "pkg.tool:main"\n',
             "Procfile": "worker: pkg-tool\n"}
    assert [(rule, context) for rule, _, _, _, context in summary(scan_project(tmp_path, files))
            if rule == "FL102"] == []


def test_a_script_that_serves_with_app_run_keeps_it_production(tmp_path):
    files = {"pkg/__init__.py": PACKAGE,
             "serve.py": "from pkg import app\nif __name__ == '__main__':\n    app.run(port=5000)\n",
             "Procfile": "web: python serve.py\n"}
    found = summary(scan_project(tmp_path, files))
    assert ("FL102", "pkg/__init__.py", 3, "high", "production") in found


def test_a_wsgi_server_keeps_it_production(tmp_path):
    files = {"pkg/__init__.py": PACKAGE, "Procfile": "web: gunicorn pkg:app\nworker: python -m pkg.tool\n",
             "pkg/tool.py": SCRIPTS["a CLI that imports the package"]}
    assert summary(scan_project(tmp_path, files)) == [("FL102", "pkg/__init__.py", 3, "high", "production")]
