"""The fixes, proven on what really runs: the Flask/Werkzeug dev server and a WSGI server.

Loopback only, bounded waits, and every process group is stopped in a finally.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from corpus_expectations import CORPUS
from servers import free_port, http_get, listening_addresses, other_local_ipv4, running, serve_wsgi_command, wait_for_port

ERROR_ROUTE = '''

@app.route("/boom")
def boom():
    raise RuntimeError("boom")

'''

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="process groups and /proc are POSIX")


def _prepare(case: Path, tmp_path: Path, port: int, run_cli, *fix_args: str) -> Path:
    """Copy a corpus case, apply flasklint's fixes, then give the copy an error route and the test's port."""
    project = tmp_path / case.name
    shutil.copytree(case, project)
    if fix_args:
        run_cli("check", *fix_args, str(project))
    script = project / "server.py"
    text = script.read_text(encoding="utf-8")
    head, guard, tail = text.partition('if __name__ == "__main__":')
    assert guard, "the case starts its server under a main guard"
    tail, count = re.subn(r"app\.run\((.*)\)", lambda m: f"app.run({m.group(1)}, port={port})", tail)
    assert count == 1
    script.write_text(head.rstrip() + ERROR_ROUTE + "\n" + guard + tail, encoding="utf-8")
    return script


def _refused(address: str, port: int) -> bool:
    import socket

    try:
        with socket.create_connection((address, port), timeout=2):
            return False
    except ConnectionRefusedError:
        return True


def test_fixed_app_serves_on_loopback_only_with_the_debugger_off(tmp_path, run_cli):
    port = free_port()
    script = _prepare(CORPUS / "py-debug-bind-all", tmp_path, port, run_cli, "--fix")
    text = script.read_text(encoding="utf-8")
    assert 'app.run(host="127.0.0.1", port=' in text and "debug" not in text.split("__main__")[-1]
    with running([sys.executable, script.name], script.parent) as process:
        wait_for_port("127.0.0.1", port, process)
        assert http_get("127.0.0.1", port, "/") == (200, '{"message":"it works"}\n')
        status, body = http_get("127.0.0.1", port, "/boom")
        assert status == 500
        assert "Werkzeug Debugger" not in body and "__debugger__" not in body and "Traceback" not in body
        assert http_get("127.0.0.1", port, "/console")[0] == 404
        other = other_local_ipv4()
        if other is not None:
            assert _refused(other, port), f"the fixed server answers on {other}"
        bound = listening_addresses(port)
        if bound is not None:
            assert bound == {"127.0.0.1"}
        assert other is not None or bound is not None, "no way to check the bind address on this machine"


def test_unfixed_app_shows_what_the_test_would_catch(tmp_path, run_cli):
    """Control: the same checks fail on the original code, so the test above has teeth."""
    port = free_port()
    script = _prepare(CORPUS / "py-debug-bind-all", tmp_path, port, run_cli)
    assert 'host="0.0.0.0"' in script.read_text(encoding="utf-8")
    # The reloader that debug mode turns on forks a child; the process group is stopped as a whole.
    with running([sys.executable, script.name], script.parent) as process:
        wait_for_port("127.0.0.1", port, process)
        status, body = http_get("127.0.0.1", port, "/boom")
        assert status == 500 and "__debugger__" in body
        bound = listening_addresses(port)
        if bound is not None:
            assert bound == {"0.0.0.0"}
        other = other_local_ipv4()
        if other is not None:
            assert not _refused(other, port)


def test_gunicorn_command_serves_a_corpus_project(tmp_path):
    """The helper the FL301 fix will be checked with: a gunicorn command line, run on a free loopback port."""
    pytest.importorskip("gunicorn")
    project = tmp_path / "shop"
    shutil.copytree(CORPUS / "py-gunicorn-wsgi", project)
    (project / "gunicorn.conf.py").unlink()  # its bind = "0.0.0.0:8000" must not apply; the command decides
    status, body = serve_wsgi_command(
        "gunicorn --bind 0.0.0.0:$PORT --workers 1 wsgi:app",
        project,
        "/products",
        env={"SECRET_KEY": "test", "DATABASE_URL": "sqlite://"},
    )
    assert status == 200 and '"sku":"A-100"' in body.replace(" ", "")


ROOT = Path(__file__).resolve().parent.parent


def _fix_with_the_cli(project: Path) -> str:
    """`python -m flasklint check --fix --unsafe-fixes`, run as users run it, from this checkout."""
    import subprocess

    completed = subprocess.run(
        [sys.executable, "-m", "flasklint", "check", "--isolated", "--fix", "--unsafe-fixes", str(project)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode in (0, 1), completed.stderr
    return completed.stderr


def test_fl301_fix_of_a_procfile_serves_the_app_with_gunicorn(tmp_path):
    """The corpus Procfile's `flask run` becomes a gunicorn command that really serves the app."""
    pytest.importorskip("gunicorn")
    project = tmp_path / "shop"
    shutil.copytree(CORPUS / "procfile-flask-run", project)
    assert "Fixed 1 finding" in _fix_with_the_cli(project)
    lines = (project / "Procfile").read_text(encoding="utf-8").splitlines()
    (web,) = [line for line in lines if line.startswith("web:")]
    command = web.partition(":")[2].strip()
    assert command == "gunicorn --bind 0.0.0.0:$PORT shop:app"
    assert "release: flask --app shop db upgrade" in lines  # not a server: left alone
    status, body = serve_wsgi_command(command, project, "/products")
    assert status == 200 and '"name":"Mug"' in body.replace(" ", "")


def test_fl301_fix_of_a_dockerfile_keeps_exec_form_and_gunicorn_loads_the_factory(tmp_path):
    """`CMD ["flask", "run", ...]` becomes an exec-form gunicorn CMD naming the app factory FLASK_APP points at."""
    import json
    import shlex

    pytest.importorskip("gunicorn")
    project = tmp_path / "blog"
    shutil.copytree(CORPUS / "docker-flask-run", project)
    _fix_with_the_cli(project)
    (cmd,) = [line for line in (project / "Dockerfile").read_text(encoding="utf-8").splitlines()
              if line.startswith("CMD")]
    argv = json.loads(cmd[len("CMD"):])
    assert argv == ["gunicorn", "--bind", "0.0.0.0:5000", "blog:create_app()"]
    # The factory is called by gunicorn: Flask answers (its 404 page, the app has no routes), not a boot error.
    status, body = serve_wsgi_command(shlex.join(argv), project, "/")
    assert status == 404 and "The requested URL was not found on the server" in body


def test_fl301_fix_of_flask_app_naming_a_factory_calls_it_under_gunicorn(tmp_path):
    """`flask --app notes:create_app run`: Flask calls a function it is named, gunicorn only `notes:create_app()`.
    The fix names the call, gunicorn boots the app, and what remains is counted after the fix, across files:
    the config DEBUG that `flask run` overwrote is now served by gunicorn (FL102)."""
    import shlex

    pytest.importorskip("gunicorn")
    project = tmp_path / "notes"
    shutil.copytree(CORPUS / "procfile-flask-run-config-debug", project)
    err = _fix_with_the_cli(project)
    assert "Fixed 1 finding (1 remaining)." in err
    (web,) = [line for line in (project / "Procfile").read_text(encoding="utf-8").splitlines()
              if line.startswith("web:")]
    command = web.partition(":")[2].strip()
    assert shlex.split(command)[-1] == "notes:create_app()"
    status, body = serve_wsgi_command(command, project, "/")
    assert status == 404 and "The requested URL was not found on the server" in body
