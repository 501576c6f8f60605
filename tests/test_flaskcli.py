"""The Flask-CLI model reads commands the way Flask's own click declaration does."""

from __future__ import annotations

import pytest

from flasklint.commands import flaskcli
from flasklint.commands.environment import EnvValue, Environment
from flasklint.commands.shellwords import split_commands


def start(command: str, env: dict[str, str] | None = None):
    environment = Environment(EnvValue(k, v, 0, 0, "other") for k, v in (env or {}).items())
    return flaskcli.interpret(split_commands(command)[0], environment)


def test_option_spellings_come_from_flasks_declaration():
    import flask.cli

    cli = flaskcli.flask_cli()
    declared_run = {s for p in flask.cli.run_command.params for s in (*p.opts, *p.secondary_opts)}
    assert declared_run <= set(cli.run)
    assert {"-h", "--host", "-p", "--port", "--debugger", "--no-debugger", "--reload", "--no-reload", "--cert"} <= set(cli.run)
    assert {"-A", "--app", "--debug", "--no-debug", "-e", "--env-file"} <= set(cli.group)


def test_envvars_follow_clicks_auto_prefix():
    cli = flaskcli.flask_cli()
    assert cli.run_by_name["host"].envvar == "FLASK_RUN_HOST"
    assert cli.run_by_name["port"].envvar == "FLASK_RUN_PORT"
    assert cli.group_by_name["app"].envvar == "FLASK_APP"
    assert cli.group_by_name["debug"].envvar == "FLASK_DEBUG"


def test_every_model_variable_has_a_screened_prefix():
    # passes_model_variables screens environments by these prefixes instead of importing Flask
    assert all(name.startswith(flaskcli.MODEL_VARIABLE_PREFIXES) for name in flaskcli.model_variables())


def test_an_environment_without_flask_names_is_screened_without_importing_flask():
    def env(*names: str) -> Environment:
        return Environment(EnvValue(name, "1", 0, 0, "other") for name in names)

    assert not flaskcli.passes_model_variables(env("PATH", "HOME"))
    assert flaskcli.passes_model_variables(env("PATH", "FLASK_DEBUG"))
    assert flaskcli.passes_model_variables(env("WERKZEUG_DEBUG_PIN"))
    assert flaskcli.passes_model_variables(env(*(f"V{i}" for i in range(flaskcli.SCREENED_ENVIRONMENT + 1))))


def test_a_scan_of_scripts_without_flask_variables_never_imports_flask(tmp_path):
    import subprocess
    import sys

    (tmp_path / "Makefile").write_text("export PATH := /bin\nbuild:\n\tpython setup.py build\n\t$(MAKE) -C docs html\n")
    (tmp_path / "run.sh").write_text("#!/bin/sh\nexport HOME=/tmp\npython tools/gen.py\n")
    code = ("import sys; from flasklint.scan.engine import scan; from flasklint.scan.options import ScanOptions; scan([sys.argv[1]], ScanOptions(jobs=1)); "
            "print('flask' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.parametrize("spelling", ["-h 0.0.0.0", "--host 0.0.0.0", "--host=0.0.0.0", "-h0.0.0.0", "--host ::"])
def test_every_host_spelling_binds_all(spelling):
    result = start(f"flask run {spelling}")
    assert result.kind == flaskcli.DEV_SERVER and result.bind_all
    assert result.host.option is not None


def test_last_host_wins():
    assert not start("flask run --host 0.0.0.0 --host 127.0.0.1").bind_all


def test_default_host_is_loopback():
    result = start("flask run")
    assert result.host.value == "127.0.0.1" and result.host.is_default and not result.bind_all


def test_env_host_is_used_unless_the_option_is_given():
    assert start("flask run", {"FLASK_RUN_HOST": "0.0.0.0"}).bind_all
    assert not start("flask run -h 127.0.0.1", {"FLASK_RUN_HOST": "0.0.0.0"}).bind_all


@pytest.mark.parametrize("prefix", [
    "exec ", "env FLASK_X=1 ", "FOO=bar ", "poetry run ", "pipenv run ", "uv run ", "nohup ", "sudo -E ",
])
def test_prefixes_are_peeled(prefix):
    result = start(prefix + "flask run --host 0.0.0.0")
    assert result is not None and result.bind_all and result.words[0].text == "flask"


@pytest.mark.parametrize("python", ["python -m flask", "python3 -m flask", "py -m flask", "/venv/bin/python3.12 -m flask"])
def test_python_dash_m_flask_is_flask(python):
    result = start(f"{python} --app app run --debugger")
    assert result.kind == flaskcli.DEV_SERVER and result.debugger_on and result.app.value == "app"


def test_sh_dash_c_is_resplit_with_file_offsets():
    text = "sh -c 'cd /srv && flask run --host=0.0.0.0'"
    result = flaskcli.interpret(split_commands(text)[0])
    assert result.bind_all and result.cwd == "/srv"
    assert text[result.host.option.start:result.host.option.end] == "--host=0.0.0.0"


@pytest.mark.parametrize("value, on", [
    ("1", True), ("true", True), ("yes", True), ("on", True),
    ("0", False), ("false", False), ("no", False), ("off", False), ("", False),
])
def test_flask_debug_under_the_cli_uses_clicks_bool(value, on):
    assert start("flask run", {"FLASK_DEBUG": value}).debugger_on is on


@pytest.mark.parametrize("value, on", [("1", True), ("off", True), ("0", False), ("false", False), ("No", False), ("", False)])
def test_debug_flag_matches_flask_helpers(value, on, monkeypatch):
    from flask.helpers import get_debug_flag

    monkeypatch.setenv("FLASK_DEBUG", value)
    assert flaskcli.debug_flag(value) is on is get_debug_flag()


def test_debug_options_on_group_and_run():
    assert start("flask --debug run").debugger_on
    assert start("flask run --debug").debugger_on
    assert not start("flask --debug run --no-debugger").debugger_on
    assert not start("flask --no-debug run", {"FLASK_DEBUG": "1"}).debugger_on
    assert start("flask run --debugger").debugger_on


def test_inline_assignment_turns_debug_on():
    result = start("FLASK_DEBUG=1 flask run")
    assert result.debugger_on and result.debugger.env.name == "FLASK_DEBUG"


def test_flask_env_development_is_debug_with_a_note():
    result = start("flask run", {"FLASK_ENV": "development"})
    assert result.debugger_on and "2.3" in result.debugger.note


def test_app_from_option_or_env():
    assert start("flask -A 'pkg:create_app()' run").app.value == "pkg:create_app()"
    assert start("flask run", {"FLASK_APP": "wsgi.py"}).app.value == "wsgi.py"


def test_other_flask_commands_start_nothing():
    assert start("flask db upgrade") is None
    assert start("flask --help run") is None
    assert start("echo flask run --host=0.0.0.0") is None


@pytest.mark.parametrize("command, server, target, bind", [
    ("gunicorn --bind 0.0.0.0:8000 -w 2 app:app", "gunicorn", "app:app", "0.0.0.0:8000"),
    ("gunicorn app:app --workers 2", "gunicorn", "app:app", None),
    ("waitress-serve --port=8000 app:app", "waitress-serve", "app:app", None),
    ("uwsgi --http :8000 --module wsgi:app", "uwsgi", "wsgi:app", ":8000"),
    ("python -m gunicorn -b :80 wsgi:application", "gunicorn", "wsgi:application", ":80"),
    ("uvicorn main:app --host 0.0.0.0", "uvicorn", "main:app", "0.0.0.0"),
])
def test_production_servers(command, server, target, bind):
    result = start(command)
    assert (result.kind, result.server, result.target, result.bind) == (flaskcli.PRODUCTION_SERVER, server, target, bind)


def test_scripts_and_modules():
    assert (start("python -u app.py").kind, start("python -u app.py").target) == (flaskcli.SCRIPT, "app.py")
    assert (start("python3 -m myapp").kind, start("python3 -m myapp").target) == (flaskcli.MODULE, "myapp")
    assert start("python -c 'print(1)'") is None


def _nested(depth: int) -> str:
    command = "flask run --host 0.0.0.0"
    for _ in range(depth):
        command = 'sh -c "' + command.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return command


def test_sh_c_is_followed_down_to_the_depth_limit() -> None:
    cut: list = []
    starts = flaskcli.interpret_all(split_commands(_nested(flaskcli.MAX_SHELL_DEPTH))[0], cut=cut)
    assert [s.kind for s in starts] == [flaskcli.DEV_SERVER] and cut == []


def test_sh_c_deeper_than_the_limit_is_cut_and_the_cut_is_told() -> None:
    cut: list = []
    words = split_commands(_nested(flaskcli.MAX_SHELL_DEPTH + 1))[0]
    assert flaskcli.interpret_all(words, cut=cut) == []
    assert len(cut) == 1 and cut[0].text.startswith("flask run")


def _kinds(command: str) -> list[str]:
    (words,) = split_commands(command)
    return [s.kind for s in flaskcli.interpret_all(list(words), Environment())]


def test_a_server_command_given_to_a_wrapper_script_is_what_it_runs():
    assert _kinds("exec /opt/wait-for-db.sh /bin/sh -c 'flask db upgrade && exec flask run --host=0.0.0.0'") == [
        flaskcli.SCRIPT, flaskcli.DEV_SERVER]
    assert _kinds("./wait.sh python app.py") == [flaskcli.SCRIPT, flaskcli.SCRIPT]
    assert _kinds("./wait.sh gunicorn app:app") == [flaskcli.SCRIPT, flaskcli.PRODUCTION_SERVER]


def test_arguments_that_are_no_server_command_leave_the_script_alone():
    assert _kinds("./deploy.sh production") == [flaskcli.SCRIPT]
    assert _kinds("./run.sh 'flask run'") == [flaskcli.SCRIPT]  # one quoted argument, not a command
    assert _kinds("./run.sh sh setup.sh") == [flaskcli.SCRIPT]  # a shell without -c
