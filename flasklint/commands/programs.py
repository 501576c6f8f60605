"""The programs a command line may run, as data: what the Flask-CLI model (flaskcli.py) dispatches on.

Start kinds, the programs that run other programs (shells, launchers, task runners, containers, make,
npm), production servers and the options that take a value: knowledge of other tools, kept as tables so
that teaching the interpreter a program is one entry here. flaskcli.py imports every name.
"""

from __future__ import annotations

import re

DEV_SERVER = "dev-server"
PRODUCTION_SERVER = "production-server"
SCRIPT = "script"
MODULE = "module"
MAKE = "make"
"""`make TARGET` / `$(MAKE) TARGET VAR=value`: runs a make target (the deployment model follows it)."""
MAKE_PROGRAMS = frozenset({"make", "gmake", "$(MAKE)", "${MAKE}"})
MAKE_VALUE_OPTIONS = frozenset({"-C", "--directory", "-f", "--file", "--makefile", "-I", "--include-dir", "-j", "-l",
                                "-o", "-W"})
DOCKER_RUN_VALUE_OPTIONS = frozenset({"-e", "--env", "--env-file", "-p", "--publish", "-v", "--volume", "-w",
                                      "--workdir", "--name", "--network", "--entrypoint", "-u", "--user", "-l",
                                      "--label", "--mount", "--platform", "--add-host", "--hostname", "-h",
                                      "--link", "--cpus", "-m", "--memory", "--restart", "--pull", "--profile",
                                      "-f", "--file", "-p", "--project-name", "--project-directory"})
NPM = "npm"
"""`npm start` / `npm run dev` / `yarn run dev` / `pnpm dev`: runs a package.json script (followed by the model)."""
NPM_PROGRAMS = frozenset({"npm", "yarn", "pnpm"})
NPM_LIFECYCLE = frozenset({"start", "test", "stop", "restart"})
NPM_RUN = frozenset({"run", "run-script"})
PROGRAM = "program"
"""Any other program named by its bare name (`pantry-serve`): a console script the model may resolve."""
HONCHO = "honcho"
"""`honcho start` / `foreman start`: runs the Procfile of its folder (`-f FILE` another one)."""
COMMON_PROGRAMS = frozenset({
    "echo", "cd", "export", "set", "unset", "source", ".", "test", "[", "[[", "if", "then", "fi", "for", "do",
    "done", "while", "until", "case", "esac", "exit", "return", "true", "false", "printf", "read", "shift",
    "trap", "wait", "sleep", "mkdir", "rm", "cp", "mv", "ln", "chmod", "chown", "cat", "grep", "sed", "awk",
    "find", "ls", "touch", "curl", "wget", "pip", "pip3", "apt-get", "apt", "apk", "yum", "dnf", "git", "tar",
    "unzip", "node", "npx", "pytest", "tox", "nox", "celery", "alembic", "flake8", "ruff", "mypy", "black",
    "isort", "coverage", "bash", "sh", "eval", "local", "declare", "readonly", "alias", "kill", "ps", "tail",
    "head", "tee", "xargs", "envsubst", "nginx", "redis-server", "postgres", "psql", "mysql", "service",
    "systemctl", "su", "gosu", "chpst", "id", "whoami", "date", "uname", "which", "type", "hash", "ulimit",
    "umask", "getopts", "let", "wait-for-it", "dockerize", "supervisord", "caddy", "openssl", "ssh", "scp",
})
"""Commands that are never a project's console script: not recorded, so scripts keep their facts small."""
PROGRAM_NAME = re.compile(r"[a-z][a-z0-9_-]*")
INSTALLED_BIN = frozenset({"/usr/local/bin", "/usr/bin", "/opt/venv/bin", "/venv/bin", "/app/.venv/bin"})
"""Where pip installs console scripts in images: `/usr/local/bin/moto_server` is the console script `moto_server`.
A program word wholly in quotes (an exec-form JSON string, `"alertad"`) is a program too; a word only partly quoted
(`"$BIN"x`) is not."""
ENVIRONMENT_BIN = re.compile(r"(?:.*/)?(?:\.?venv|\.?virtualenv|env|\.local)/bin")
"""Where a virtual environment (venv's and virtualenv's usual folder names, relative or not: `./venv/bin`,
`/srv/app/.venv/bin`) or `pip install --user` (`~/.local/bin`) puts console scripts: `./venv/bin/pkgserve` is
the console script `pkgserve`, as the INSTALLED_BIN paths are."""


def installed_bin(folder: str) -> bool:
    """Whether console scripts live in `folder` (a program's folder): INSTALLED_BIN, or an environment's bin."""
    folder = folder.rstrip("/") or "/"
    return folder in INSTALLED_BIN or ENVIRONMENT_BIN.fullmatch(folder) is not None


WRAPPER_SEPARATOR = "--"
"""`wait-for-it.sh db:5432 -- flask run`: a wrapper script runs what follows its `--`."""

ALL_INTERFACES = frozenset({"0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0"})
DEBUG_OFF_STRINGS = frozenset({"0", "false", "no"})  # flask.helpers.get_debug_flag

PRODUCTION_SERVERS = frozenset({"gunicorn", "waitress-serve", "uwsgi", "hypercorn", "uvicorn", "mod_wsgi-express",
                                "granian", "daphne", "bjoern"})
PRODUCTION_MODULES = {"gunicorn": "gunicorn", "waitress": "waitress-serve", "uvicorn": "uvicorn",
                      "hypercorn": "hypercorn", "granian": "granian", "daphne": "daphne"}
RUNNERS = {"poetry": "run", "pipenv": "run", "uv": "run", "pdm": "run", "hatch": "run", "rye": "run"}
"""Tools that run the rest of the line in the project's virtualenv: `poetry run flask run`."""
RUNNER_VALUE_OPTIONS = frozenset({"--with", "--python", "-p", "--env-file", "--directory", "--project", "--extra",
                                  "--group", "--package", "--with-requirements", "--index", "--env", "-e"})
SHELL_WORDS = frozenset({"exec", "command", "builtin", "time", "then", "do", "else", "{", "!"})
"""Shell keywords and builtins that run the rest of the line as the command (only when unquoted)."""
LAUNCHERS = frozenset({"nohup", "setsid", "catatonit"})
"""Programs that run their arguments as the command (those with options or a user first: wrappers.py)."""
SHELLS = frozenset({"sh", "bash", "dash", "zsh", "ash", "ksh"})
ENV_PROGRAM = "env"
SUDO_PROGRAM = "sudo"
PRIORITY_PROGRAMS = frozenset({"nice", "timeout", "ionice"})
"""Programs that run their arguments after options of their own (`timeout` also takes a duration)."""
CONTAINER_PROGRAMS = frozenset({"docker", "docker-compose", "podman"})
PROCFILE_RUNNERS = frozenset({"honcho", "foreman"})
PYTHON_VALUE_OPTIONS = frozenset({"-X", "-W", "-Q"})
