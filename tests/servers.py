"""Start real servers in tests: free loopback ports, bounded waits, and always stopped.

Used by the fix proofs: the Flask/Werkzeug development server running a fixed
corpus app, and a WSGI server command line (gunicorn, what FL301's fix writes)
run against a corpus project.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator, Optional, Sequence

STARTUP_SECONDS = 20.0


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (bound to port 0, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(host: str, port: int, process: subprocess.Popen, timeout: float = STARTUP_SECONDS) -> None:
    """Return once something accepts connections on host:port; fail if the process dies or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode} before listening on {host}:{port}")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listened on {host}:{port} within {timeout} s")


def http_get(host: str, port: int, path: str, timeout: float = 10.0) -> tuple[int, str]:
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


@contextlib.contextmanager
def running(argv: Sequence[str], cwd: Path, env: Optional[dict[str, str]] = None) -> Iterator[subprocess.Popen]:
    """Run a server in its own process group; on exit the whole group is stopped (TERM, then KILL)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "WERKZEUG_"))}
    environment.update(env or {})
    process = subprocess.Popen(
        list(argv), cwd=cwd, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        yield process
    finally:
        for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            try:
                process.wait(wait)
                break
            except subprocess.TimeoutExpired:
                continue
        if process.stdout is not None:
            process.stdout.close()


def other_local_ipv4() -> Optional[str]:
    """A non-loopback IPv4 address of this machine, or None when it has only loopback."""
    candidates = []
    with contextlib.suppress(OSError):
        candidates.append(socket.gethostbyname(socket.gethostname()))
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1; a UDP connect sends nothing, it only picks a route
        candidates.append(probe.getsockname()[0])
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        output = subprocess.run(["ip", "-4", "-o", "addr"], capture_output=True, text=True, timeout=5).stdout
        candidates += [line.split()[3].split("/")[0] for line in output.splitlines() if len(line.split()) > 3]
    for address in candidates:
        if address and not address.startswith("127.") and address != "0.0.0.0":
            return address
    return None


def listening_addresses(port: int) -> Optional[set[str]]:
    """The local addresses with a listening TCP socket on `port`, from /proc/net (None off Linux)."""
    found: set[str] = set()
    seen_any = False
    for table, family in (("/proc/net/tcp", 4), ("/proc/net/tcp6", 6)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        seen_any = True
        for line in lines:
            fields = line.split()
            local, state = fields[1], fields[3]
            address, _, hex_port = local.partition(":")
            if state != "0A" or int(hex_port, 16) != port:
                continue
            raw = bytes.fromhex(address)
            if family == 4:
                found.add(socket.inet_ntop(socket.AF_INET, raw[::-1]))
            else:
                words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
                found.add(socket.inet_ntop(socket.AF_INET6, words))
    return found if seen_any else None


def loopback_wsgi_argv(command: str, port: int) -> list[str]:
    """A gunicorn command line (shell form, e.g. a Procfile's) made to bind only 127.0.0.1:port.

    Any `--bind`/`-b` it has is replaced (gunicorn binds every one it is given),
    `$PORT`/`${PORT}` are expanded to `port`, and `gunicorn` is run by this
    Python so the test does not depend on PATH.
    """
    words = shlex.split(command.replace("${PORT}", str(port)).replace("$PORT", str(port)))
    if not words or Path(words[0]).name != "gunicorn":
        raise ValueError(f"not a gunicorn command: {command!r}")
    argv = [sys.executable, "-m", "gunicorn"]
    index = 1
    while index < len(words):
        word = words[index]
        if word in ("-b", "--bind"):
            index += 2
            continue
        if word.startswith("--bind=") or (word.startswith("-b") and len(word) > 2):
            index += 1
            continue
        argv.append(word)
        index += 1
    argv[3:3] = ["--bind", f"127.0.0.1:{port}"]
    return argv


def serve_wsgi_command(command: str, cwd: Path, path: str = "/", env: Optional[dict[str, str]] = None) -> tuple[int, str]:
    """Run a gunicorn command line against a project on a free loopback port and GET `path` once."""
    port = free_port()
    with running(loopback_wsgi_argv(command, port), cwd, {"PORT": str(port), **(env or {})}) as process:
        wait_for_port("127.0.0.1", port, process)
        return http_get("127.0.0.1", port, path)
