"""`python manage.py <command>`: the deployment model follows a management script's subcommand into the command
it names (a Flask-Script `@manager.command` function, a `Server` registered with `add_command`)."""

from __future__ import annotations

import pytest

from flasklint.analyzers import python as py
from flasklint.analyzers.base import AnalysisContext
from flasklint.sources.source import decode
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


FLASK_GROUP = (
    "from flask.cli import FlaskGroup\n"
    "from shop import create_app\n"
    "cli = FlaskGroup(create_app=create_app)\n"
    "if __name__ == '__main__':\n"
    "    cli()\n"
)
SHOP = "from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n"


@pytest.mark.parametrize("group", [
    FLASK_GROUP,
    FLASK_GROUP.replace("cli = FlaskGroup(create_app=create_app)\n",
                        "import click\n@click.group(cls=FlaskGroup, create_app=create_app)\ndef cli():\n    pass\n"),
    FLASK_GROUP.replace("cli = FlaskGroup(create_app=create_app)\n",
                        "class Group(FlaskGroup):\n    pass\ncli = Group(create_app=create_app)\n"),
])
def test_every_shape_of_flask_group_is_a_management_fact(group):
    facts = py.analyze(decode(group.encode(), python=True), AnalysisContext("manage.py", "python")).facts
    assert facts["management"]["kind"] == "flask_group"


def test_flask_script_manager_lists_the_commands_the_project_registers():
    facts = py.analyze(decode(MANAGE.encode(), python=True), AnalysisContext("manage.py", "python")).facts
    assert facts["management"] == {"kind": "flask_script", "line": 4, "own": ["hooks", "init_db", "serve"]}


@pytest.mark.parametrize("procfile, expected", [
    ("web: python manage.py run -h 0.0.0.0\n", [("FL301", "Procfile", 1)]),
    ("web: python manage.py run\n", [("FL301", "Procfile", 1)]),
    ("web: FLASK_DEBUG=1 python manage.py run --host=0.0.0.0\n", [("FL101", "Procfile", 1), ("FL301", "Procfile", 1)]),
    ("web: python manage.py --debug run --host 0.0.0.0\n", [("FL101", "Procfile", 1), ("FL301", "Procfile", 1)]),
    ("web: gunicorn 'shop:create_app()'\nrelease: python manage.py routes\n", []),
    ("web: gunicorn 'shop:create_app()'\nrelease: python manage.py\n", []),
])
def test_a_flask_group_script_run_is_read_as_flask_run(tmp_path, procfile, expected):
    found = summary(scan_project(tmp_path, {"manage.py": FLASK_GROUP, "shop.py": SHOP, "Procfile": procfile}))
    assert sorted((rule, path, line) for rule, path, line, *_ in found) == expected


@pytest.mark.parametrize("command, expected", [
    ("python manage.py runserver -h 0.0.0.0 -d", [("FL101", "Procfile", 1), ("FL301", "Procfile", 1)]),
    ("python manage.py runserver --host=0.0.0.0 --debug", [("FL101", "Procfile", 1), ("FL301", "Procfile", 1)]),
    ("python manage.py runserver -h 0.0.0.0 -d -D", [("FL301", "Procfile", 1)]),
    ("python manage.py runserver", [("FL301", "Procfile", 1)]),
    ("python manage.py init_db", []),
])
def test_flask_script_default_runserver_reads_its_flags(tmp_path, command, expected):
    manage = MANAGE.replace("manager.add_command('serve', server)\n", "").replace("server = Server(host='0.0.0.0')\n", "")
    found = summary(scan_project(tmp_path, {"manage.py": manage, "Procfile": f"web: {command}\n"}))
    assert sorted((rule, path, line) for rule, path, line, *_ in found) == expected


def test_a_registered_runserver_is_left_to_its_own_start(tmp_path):
    """The project's own `runserver` says what it runs (its start): the default's flags do not apply."""
    manage = MANAGE.replace("'serve'", "'runserver'")
    found = summary(scan_project(tmp_path, {"manage.py": manage, "Procfile": "web: python manage.py runserver -d\n"}))
    assert sorted((rule, path, line) for rule, path, line, *_ in found) == [("FL103", "manage.py", 5),
                                                                          ("FL301", "Procfile", 1)]


def test_setup_py_console_scripts_are_read_as_text():
    from flasklint.analyzers import pylaunchers

    text = (b'setup(name="x", entry_points={\n    "console_scripts": [\n        "shopctl = shop.cli:cli",\n'
            b'        \'shop-worker=shop.worker:main\',\n    ],\n    "shop.plugins": ["a = shop.a:A"],\n})\n')
    assert pylaunchers.setup_py_scripts(text) == {"console_scripts": {"shopctl": "shop.cli:cli",
                                                                      "shop-worker": "shop.worker:main"}}
    assert pylaunchers.setup_py_scripts(b"setup(entry_points=dict(console_scripts=['a = b.c:d']))") == {
        "console_scripts": {"a": "b.c:d"}}
    assert pylaunchers.setup_py_scripts(b"setup(name='x')") == {}


@pytest.mark.parametrize("words, program", [
    (['"shopctl"', '"run"'], "shopctl"),  # an exec-form JSON string
    (["/usr/local/bin/shopctl", "run"], "shopctl"),
    (["./shopctl", "run"], None),
    (['"$BIN"x', "run"], None),
])
def test_console_script_heads(words, program):
    from flasklint.commands import flaskcli
    from flasklint.commands.shellwords import split_commands

    (command,) = split_commands(" ".join(words))
    starts = [s for s in flaskcli.interpret_all(list(command)) if s.kind == flaskcli.PROGRAM]
    assert [s.program for s in starts] == ([program] if program else [])


def test_a_console_script_function_that_main_also_calls_runs_in_production(tmp_path):
    server = ("import argparse\nfrom werkzeug.serving import run_simple\n\n"
              "def main():\n    args = argparse.ArgumentParser().parse_args()\n"
              "    run_simple('127.0.0.1', 5000, None)\n\nif __name__ == '__main__':\n    main()\n")
    files = {"mock/__init__.py": "", "mock/server.py": server,
             "pyproject.toml": '[project]\nname = "mock"\n[project.scripts]\nmock-server = "mock.server:main"\n',
             "Dockerfile": 'FROM python:3.11\nCOPY . .\nRUN pip install .\nENTRYPOINT ["/usr/local/bin/mock-server"]\n'}
    found = summary(scan_project(tmp_path, files))
    assert [(rule, path, line) for rule, path, line, *_ in found] == [("FL301", "Dockerfile", 4)]
