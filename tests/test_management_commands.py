"""`python manage.py <command>`: the deployment model follows a management script's subcommand into the command
it names (a Flask-Script `@manager.command` function, a `Server` registered with `add_command`)."""

from __future__ import annotations

from flasklint.analyzers import python as py
from flasklint.analyzers.base import AnalysisContext
from flasklint.source import decode
from projects import scan_project, summary

MANAGE = (
    "from flask import Flask\n"
    "from flask_script import Manager, Server\n"
    "app = Flask(__name__)\n"
    "manager = Manager(app)\n"
    "server = Server(host='0.0.0.0')\n"
    "manager.add_command('serve', server)\n"
    "\n"
    "@manager.command\n"
    "def hooks():\n"
    "    app.run(port=5001)\n"
    "\n"
    "@manager.command\n"
    "def init_db():\n"
    "    print('ready')\n"
    "\n"
    "if __name__ == '__main__':\n"
    "    manager.run()\n"
)


def test_a_flask_script_server_records_the_name_it_is_registered_under():
    facts = py.analyze(decode(MANAGE.encode(), python=True), AnalysisContext("manage.py", "python")).facts
    assert [(s["kind"], s.get("command")) for s in facts["starts"]] == [("flask_script", "serve"), ("flask", None)]
    unregistered = MANAGE.replace("manager.add_command('serve', server)\n", "")
    facts = py.analyze(decode(unregistered.encode(), python=True), AnalysisContext("manage.py", "python")).facts
    assert facts["starts"][0]["command"] == "runserver"  # Flask-Script's own name for it


def test_the_launcher_naming_a_command_function_runs_its_server(tmp_path):
    result = scan_project(tmp_path, {"manage.py": MANAGE.replace("Server(host='0.0.0.0')", "Server()"),
                                     "Procfile": "web: gunicorn manage:app\nworker: python manage.py hooks\n"})
    assert [(rule, path, line) for rule, path, line, *_ in summary(result)] == [("FL301", "Procfile", 2)]


def test_the_launcher_naming_a_registered_server_runs_it(tmp_path):
    result = scan_project(tmp_path, {"manage.py": MANAGE,
                                     "Dockerfile": 'FROM python:3.11\nCOPY . .\nCMD ["python", "manage.py", "serve"]\n'})
    assert sorted((rule, path, line) for rule, path, line, *_ in summary(result)) == [
        ("FL103", "manage.py", 5), ("FL301", "Dockerfile", 3)]


def test_other_commands_run_no_server(tmp_path):
    files = {"manage.py": MANAGE.replace("Server(host='0.0.0.0')", "Server()"),
             "Procfile": "web: gunicorn manage:app\nrelease: python manage.py init_db\n"}
    assert summary(scan_project(tmp_path, files)) == []
    files["Procfile"] = "web: gunicorn manage:app\nrelease: python manage.py\n"
    assert summary(scan_project(tmp_path / "bare", files)) == []
