"""flasklint never imports or runs the code it scans, nor a scanned project's build or test hooks.

tests/data/executes_on_import is a project whose every module leaves a marker
file, runs a shell command and opens a socket when imported (see its README).
flasklint scans and fixes it from inside the project (so the project's
pyproject.toml is the configuration, read as data) the way the `flasklint`
console script runs: the working directory is not on sys.path (`python -P`),
so modules named like flasklint's own dependencies (yaml.py, click.py) are
not importable by accident. A control run proves the markers work.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from hostile import child_env, limit_resources

PROJECT = Path(__file__).resolve().parent / "data" / "executes_on_import"

pytestmark = pytest.mark.skipif(sys.version_info < (3, 11), reason="`python -P` (safe sys.path) needs Python 3.11")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(PROJECT, target)
    return target


@pytest.fixture
def listener():
    """A socket the scanned app would connect to if it ran."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.setblocking(False)
    yield server
    server.close()


def _connected(server: socket.socket) -> bool:
    try:
        connection, _ = server.accept()
    except BlockingIOError:
        return False
    connection.close()
    return True


def _flasklint(project: Path, marker: Path, port: int, *args: str) -> subprocess.CompletedProcess:
    env = child_env(FLASKLINT_TEST_MARKER=str(marker), FLASKLINT_TEST_PORT=str(port))
    return subprocess.run(
        [sys.executable, "-P", "-m", "flasklint", "check", *args], cwd=project, env=env, capture_output=True,
        text=True, timeout=60, preexec_fn=limit_resources,
    )


def test_the_markers_work_when_the_code_is_run(project: Path, tmp_path: Path, listener) -> None:
    marker = tmp_path / "marker"
    env = child_env(FLASKLINT_TEST_MARKER=str(marker), FLASKLINT_TEST_PORT=str(listener.getsockname()[1]))
    subprocess.run([sys.executable, "-c", "import conftest, setup, build_backend"], cwd=project, env=env, timeout=30)
    assert marker.read_text().split() == ["conftest", "setup", "build_backend"]
    subprocess.run([sys.executable, "-c", "import app"], cwd=project, env=env, capture_output=True, timeout=30)
    assert "app" in marker.read_text().split() and Path(f"{marker}.system").exists() and _connected(listener)


@pytest.mark.parametrize("args", [(), ("--format", "sarif"), ("--diff",), ("--fix",), ("--fix", "--unsafe-fixes")])
def test_check_and_fix_execute_nothing(project: Path, tmp_path: Path, listener, args: tuple[str, ...]) -> None:
    marker = tmp_path / "marker"
    done = _flasklint(project, marker, listener.getsockname()[1], "--no-prefilter", *args)
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    assert not marker.exists() and not Path(f"{marker}.system").exists()
    assert not _connected(listener)
    assert not list(project.rglob("__pycache__"))  # nothing was even compiled to bytecode


def test_the_scanned_pyproject_is_read_as_configuration_data(project: Path, tmp_path: Path, listener) -> None:
    marker = tmp_path / "marker"
    done = _flasklint(project, marker, listener.getsockname()[1], "--format", "json")
    assert done.returncode == 1
    assert '"rule": "FL101"' in done.stdout and '"rule": "FL301"' in done.stdout  # the app and the Procfile
    assert '"rule": "FL104"' not in done.stdout  # ignored by the project's [tool.flasklint]
    assert not marker.exists()
