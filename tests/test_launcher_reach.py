"""Launchers the deployment model reads beyond their own folder and file: where a launcher's reach ends.

Each test writes a small project and scans it as the CLI does; `summary` lists the shown findings as
(rule, path, line, severity, context).
"""

from __future__ import annotations

from projects import scan_project, summary

WSGI_MAIN_EXPOSED = ("from notes import create_app\n\napp = create_app()\n\n"
                     "if __name__ == '__main__':\n    app.run(host='0.0.0.0')\n")  # the host is on line 6
FACTORY = "from flask import Flask\n\n\ndef create_app():\n    return Flask(__name__)\n"
SERVER = "from waitress import serve\nfrom notes import create_app\n\nserve(create_app(), host='0.0.0.0')\n"


def _unit(script: str) -> str:
    return f"[Service]\nWorkingDirectory=/opt/notes\nExecStart=/usr/bin/python3 ./{script}\n"


def test_a_unit_elsewhere_that_runs_a_file_of_the_folder_makes_its_main_block_development(tmp_path):
    result = scan_project(tmp_path, {"etc/systemd/notes.service": _unit("web/server.py"), "web/server.py": SERVER,
                                     "web/notes.py": FACTORY, "web/wsgi.py": WSGI_MAIN_EXPOSED})
    assert result.findings == []
    (hidden,) = result.hidden
    assert (hidden.rule, hidden.path, hidden.context) == ("FL103", "web/wsgi.py", "development")
    assert "etc/systemd/notes.service" in hidden.message


def test_a_unit_elsewhere_that_runs_another_folder_leaves_the_main_block_unknown(tmp_path):
    result = scan_project(tmp_path, {"etc/systemd/worker.service": _unit("worker/run.py"), "worker/run.py": "print(1)\n",
                                     "web/notes.py": FACTORY, "web/wsgi.py": WSGI_MAIN_EXPOSED})
    assert summary(result) == [("FL103", "web/wsgi.py", 6, "medium", "unknown")]


def test_a_launcher_running_a_root_script_is_in_view_of_every_folder(tmp_path):
    result = scan_project(tmp_path, {"deploy/app.service": _unit("serve.py"), "serve.py": SERVER, "notes.py": FACTORY,
                                     "web/wsgi.py": WSGI_MAIN_EXPOSED})
    assert summary(result) == []
    assert [f.context for f in result.hidden] == ["development"]
