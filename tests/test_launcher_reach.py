"""Launchers the deployment model reads beyond their own folder and file: where a launcher's reach ends.

Each test writes a small project and scans it as the CLI does; `summary` lists the shown findings as
(rule, path, line, severity, context).
"""

from __future__ import annotations

import pytest

from flasklint.analyzers import compose
from flasklint.commands import flaskcli
from flasklint.commands.shellwords import split_commands
from flasklint.knowledge.context import dev_reason
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


# --------------------------------------------------------------------------- programs that run their arguments

def _starts(line: str) -> list[tuple[str, str, bool, bool]]:
    (words,) = split_commands(line)[:1]
    return [(s.kind, s.program, s.bind_all, s.debugger_on) for s in flaskcli.interpret_all(words)]


@pytest.mark.parametrize("line", [
    "screen -dmS web flask run --host 0.0.0.0 --debug",
    "screen -S ail -X screen -t web bash -c 'cd www; flask run --host 0.0.0.0 --debug; read x'",
    "tmux new-session -d -s web 'flask run --host 0.0.0.0 --debug'",
    "tmux -L sock new -d -c /srv flask run --host 0.0.0.0 --debug",
    "nohup setsid timeout 3600 env A=1 flask run --host 0.0.0.0 --debug",
    "gosu app flask run --host 0.0.0.0 --debug",
    "su-exec app:app flask run --host 0.0.0.0 --debug",
    "chpst -u app flask run --host 0.0.0.0 --debug",
    "tini -s -- flask run --host 0.0.0.0 --debug",
    "dumb-init --rewrite 15:2 -- flask run --host 0.0.0.0 --debug",
    "runuser -u app -- flask run --host 0.0.0.0 --debug",
    "s6-setuidgid app stdbuf -oL unbuffer flask run --host 0.0.0.0 --debug",
    "su -s /bin/sh app -c 'exec flask run --host 0.0.0.0 --debug'",
])
def test_multiplexers_user_switchers_and_shims_run_their_command(line):
    assert _starts(line) == [(flaskcli.DEV_SERVER, "flask run", True, True)]


@pytest.mark.parametrize("line", [
    "screen -r web", "screen -ls", "screen -S web -X quit", "screen -S web -X stuff 'flask run'",
    "tmux attach -t web", "tmux kill-session -t web", "tmux new-session -d -s web",
    "gosu app", "su - app", "tini --", "gosu nobody true",
])
def test_multiplexer_lines_that_run_nothing(line):
    assert _starts(line) == []


def test_a_script_run_after_cd_into_a_computed_folder_is_found_by_its_tail(tmp_path):
    launch = '#!/bin/bash\nHOME_DIR="$(cd "$(dirname "$0")/.." && pwd)"\ncd "$HOME_DIR/www"\nexec python3 ./site_server.py\n'
    server = "from flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == '__main__':\n    app.run(host='0.0.0.0')\n"
    files = {"deploy/site.service": "[Service]\nExecStart=/opt/site/bin/launch.sh\n", "bin/launch.sh": launch,
             "www/site_server.py": server}
    assert summary(scan_project(tmp_path / "one", files)) == [("FL301", "deploy/site.service", 2, "high", "production")]
    # two files of that name: no guess, the start stays unresolved
    files["old/www/site_server.py"] = server
    assert ("FL301", "deploy/site.service", 2, "high", "production") not in summary(scan_project(tmp_path / "two", files))


def test_a_shell_script_run_after_cd_into_a_computed_folder_is_not_guessed(tmp_path):
    # `./manage.sh install` in a folder only a variable names: the script may dispatch on its argument
    entry = '#!/bin/bash\ncd "$APP/src" || exit\n/bin/bash ./manage.sh install\n'
    manage = '#!/bin/bash\nif [ "$1" = "debug" ]; then\n  python3 site_server.py\nfi\n'
    server = "from flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == '__main__':\n    app.run(host='0.0.0.0')\n"
    files = {"Dockerfile": "FROM python:3.12\nCOPY . /app\nCMD [\"/bin/bash\", \"/app/docker/entry.sh\"]\n",
             "docker/entry.sh": entry, "src/manage.sh": manage, "src/site_server.py": server}
    assert not any(rule == "FL301" for rule, *_ in summary(scan_project(tmp_path, files)))


# --------------------------------------------------------------------------- development compose files and images
DEV_COMPOSE = ("services:\n  web:\n    build:\n      context: .\n      dockerfile: Dockerfile-dev\n"
               "    ports:\n      - '5000:5000'\n    env_file:\n      - .env.docker.dev\n")
DEV_IMAGE = "FROM python:3.12\nCOPY . /app\nCOPY entry-dev.sh /entry.sh\nENTRYPOINT [\"/entry.sh\"]\n"
ENTRY = "#!/bin/sh\nexec flask --app web run --host=0.0.0.0\n"  # the start is on line 2


@pytest.mark.parametrize("name", ["Dockerfile-dev", "Dockerfile_dev", "Dockerfile.development", "Containerfile.dev"])
def test_development_images_by_name(name):
    assert dev_reason(name) is not None
    assert dev_reason("Dockerfile") is None and dev_reason("Dockerfile-prod") is None


def test_a_dev_compose_env_file_turns_on_the_debugger_of_the_dev_image_it_builds(tmp_path):
    files = {"docker-compose-dev.yml": DEV_COMPOSE, "Dockerfile-dev": DEV_IMAGE, "entry-dev.sh": ENTRY,
             ".env.docker.dev": "export FLASK_DEBUG=1\n", "web.py": "from flask import Flask\napp = Flask(__name__)\n"}
    result = scan_project(tmp_path / "on", files)
    assert summary(result) == [("FL101", "entry-dev.sh", 2, "high", "development")]
    assert ".env.docker.dev" in {r.path for r in result.findings[0].related}
    files[".env.docker.dev"] = "export FLASK_DEBUG=0\n"
    assert summary(scan_project(tmp_path / "off", files)) == []


def test_a_screened_compose_file_still_names_its_env_files():
    facts = compose.screen_facts(DEV_COMPOSE.encode())
    assert [(e["service"], e["path"]) for e in facts["env_files"]] == [("service 'web'", ".env.docker.dev")]


def test_an_exec_form_init_and_user_switch_reach_the_dev_server(tmp_path):
    image = "FROM python:3.12\nCOPY entry.sh /entry.sh\nENTRYPOINT [\"tini\", \"--\", \"/entry.sh\"]\n"
    files = {"Dockerfile": image, "entry.sh": "#!/bin/sh\nexec gosu app flask --app web run --host 0.0.0.0\n",
             "web.py": "from flask import Flask\napp = Flask(__name__)\n"}
    assert summary(scan_project(tmp_path, files)) == [("FL301", "Dockerfile", 3, "high", "production")]
