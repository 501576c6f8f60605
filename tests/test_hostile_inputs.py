"""Hostile input never crashes the scan: every case in every output format, `--diff` and `--fix`.

Each case is a tree with one hostile file and, beside it, a known-bad
`beside/app.py`. Every invocation must exit 0 or 1 (never a traceback, never
2 for an input problem), name the hostile file in a diagnostic where it could
not be analysed (or find what it holds where it could), and still report the
known-bad file, which `--fix` must still fix. Each case runs in a child with
1 GiB of address space and a timeout (see hostile.py).
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import pytest

from hostile import FORMATS, diagnostics_of, findings_of, run_all, standard_invocations

BAD_APP = (
    'from flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n'
    '    app.run(host="0.0.0.0", debug=True)\n'
)
FIXED_APP = 'from flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(host="127.0.0.1")\n'
RUN = b'app.run(host="0.0.0.0", debug=True)\n'
"""A finding's worth of bytes: hostile Python files carry it, so they are not skipped by the byte prefilter."""
HEADER = b"from flask import Flask\napp = Flask(__name__)\n"


@dataclass
class Case:
    name: str
    files: dict[str, bytes]
    hostile: str
    """The path (relative to the case root) that a diagnostic or finding must name."""
    diagnostic: Optional[str] = None
    """A substring of the hostile file's diagnostic; None when the file is analysed normally."""
    finding: Optional[str] = None
    """A rule the hostile file must still be reported for (it was analysed)."""
    fixed: Optional[bytes] = None
    """What `--fix` makes of the hostile file (None: it is left byte for byte as it was)."""
    build: Optional[Callable[[Path], None]] = None
    """Makes what `files` cannot (links, FIFOs)."""
    paths: tuple[str, ...] = (".",)
    extra: dict[str, str] = field(default_factory=dict)


def _nested(depth: int) -> bytes:
    return HEADER + b"x = " + b"-" * depth + b"1\n" + RUN


def _bool_chain(operands: int) -> bytes:
    return HEADER + b"x = a" + b" and a" * operands + b"\n" + RUN


def _big(size: int) -> bytes:
    line = b"x = 1  # a line of padding to make the file large\n"
    return HEADER + line * (size // len(line)) + RUN


def _symlink(name: str, target: str) -> Callable[[Path], None]:
    return lambda root: os.symlink(target, root / name)


def _loop(root: Path) -> None:
    os.symlink("loop_b", root / "loop_a")
    os.symlink("loop_a", root / "loop_b")
    os.symlink("..", root / "beside" / "up")  # a folder link back up: walked once, not forever


def _outside(root: Path) -> None:
    outside = root.parent / (root.name + "-outside")
    outside.mkdir()
    (outside / "app.py").write_text(BAD_APP)
    os.symlink(outside, root / "elsewhere")


def _fifo(root: Path) -> None:
    os.mkfifo(root / "Procfile")


CRLF = (HEADER + RUN).replace(b"\n", b"\r\n")
LAUGHS = (
    b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + b"".join(
        b"%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n" % ((bytes([98 + i]),) * 2 + (bytes([97 + i]),) * 9)
        for i in range(8)
    )
    + b"services:\n  web:\n    command: flask run --host 0.0.0.0\n    environment: *i\n    labels: *i\n"
)

DUPLICATE = b"services:\n  web:\n    command: gunicorn app:app\n    command: flask run --host 0.0.0.0 --debug\n"

CASES = [
    Case("python2", {"app.py": HEADER + b'print "hello"\nexec "code"\n' + RUN}, "app.py", "syntax error"),
    Case("cut-off", {"app.py": HEADER + b'app.run(host="0.0.0.0", debug='}, "app.py", "syntax error"),
    Case("only-nul", {"app.py": b"\x00" * 4096}, "app.py", "binary file"),
    Case("binary", {"app.py": bytes(random.Random(7).randrange(256) for _ in range(8192)) + RUN}, "app.py", "cannot decode"),
    Case("invalid-utf8", {"app.py": HEADER + b'x = "\xff\xfe\xc3("\n' + RUN}, "app.py", "not valid utf-8"),
    Case("unknown-codec", {"app.py": b"# -*- coding: klingon -*-\n" + HEADER + RUN}, "app.py", "unknown encoding 'klingon'"),
    Case("utf16-bom", {"app.py": (HEADER + RUN).decode().encode("utf-16")}, "app.py", finding="FL101",
         fixed=(HEADER + b'app.run(host="127.0.0.1")\n').decode().encode("utf-16")),
    Case("mixed-tabs", {"app.py": HEADER + b"if True:\n\tx = 1\n        y = 2\n" + RUN}, "app.py", "inconsistent use of tabs"),
    Case("crlf", {"app.py": CRLF}, "app.py", finding="FL101", fixed=CRLF.replace(b', debug=True', b'').replace(b'0.0.0.0', b'127.0.0.1')),
    # LibCST cannot parse a file of lone CRs; the edits of this fix are built from the text (plainfixes.py).
    Case("lone-cr", {"app.py": (HEADER + RUN).replace(b"\n", b"\r")}, "app.py", finding="FL101",
         fixed=(HEADER + RUN).replace(b", debug=True", b"").replace(b"0.0.0.0", b"127.0.0.1").replace(b"\n", b"\r")),
    # LibCST does not round-trip the form feeds, but it parses only the fixed line (pyfixwindow.py).
    Case("form-feed", {"app.py": b"\x0c" + HEADER + b"\x0c\n" + RUN}, "app.py", finding="FL101",
         fixed=b"\x0c" + HEADER + b"\x0c\n" + RUN.replace(b', debug=True', b'').replace(b'0.0.0.0', b'127.0.0.1')),
    Case("empty", {"app.py": b""}, "app.py"),
    Case("20-mb", {"app.py": _big(20 << 20)}, "app.py", "larger than 16 MiB"),
    # Analysed; too large for LibCST fixes (pyfix.MAX_FIX_SOURCE_CHARS), which is said.
    Case("1-mb-line", {"app.py": HEADER + b"x = '" + b"a" * (1 << 20) + b"'\n" + RUN}, "app.py",
         "fixes not available: file larger than 1 MiB", finding="FL101"),
    Case("nested-5000", {"app.py": _nested(5000)}, "app.py", "nested too deeply for the Python parser"),
    Case("parentheses-5000", {"app.py": HEADER + b"x = " + b"(" * 5000 + b"1" + b")" * 5000 + b"\n" + RUN}, "app.py",
         "too many nested parentheses"),
    # ast keeps `a and a and ...` flat, LibCST's native parser nests it and segfaulted at ~6,500 operands.
    # LibCST parses only the lines a fix edits (pyfixwindow.py): a chain elsewhere no longer costs the fix ...
    Case("and-chain-8000", {"app.py": _bool_chain(8000)}, "app.py", finding="FL101",
         fixed=_bool_chain(8000).replace(b', debug=True', b'').replace(b'0.0.0.0', b'127.0.0.1')),
    # ... but one LibCST must parse with it (a removal's window holds the statement beside it) does.
    Case("and-chain-8000-beside", {"app.py": _bool_chain(8000)[: -len(RUN)] + b"app.debug = True\n"}, "app.py",
         "fixes not available: nested too deeply for LibCST", finding="FL102"),
    # Fixes used to print the whole module once each: 250 such lines took 27 s, 500 would take minutes.
    Case("1000-findings", {"app.py": HEADER + RUN * 500}, "app.py", finding="FL101",
         fixed=HEADER + b'app.run(host="127.0.0.1")\n' * 500),
    Case("yaml-billion-laughs", {"docker-compose.yml": LAUGHS}, "docker-compose.yml", finding="FL301"),
    Case("yaml-1000-deep", {"docker-compose.yml": b"services:\n  web:\n    command: flask run --host 0.0.0.0\n    x: "
                            + b"[" * 1000 + b"]" * 1000 + b"\n"}, "docker-compose.yml", "invalid YAML"),
    Case("yaml-tabs", {"docker-compose.yml": b"services:\n\tweb:\n\t\tcommand: flask run --host 0.0.0.0\n"},
         "docker-compose.yml", "invalid YAML"),
    # The last key wins, as in PyYAML and Compose: its `--debug` is found and removed.
    Case("yaml-duplicate-keys", {"docker-compose.yml": DUPLICATE}, "docker-compose.yml", finding="FL301",
         fixed=DUPLICATE.replace(b" --debug", b"")),
    Case("yaml-broken-document", {"k8s.yaml": b"apiVersion: v1\nkind: Pod\nspec: [unclosed\n---\napiVersion: v1\nkind: Pod\n"
                                  b"spec:\n  containers:\n  - command: [flask, run, --host, 0.0.0.0]\n"},
         "k8s.yaml", "invalid YAML (document 1)", finding="FL301"),
    Case("toml-syntax", {"fly.toml": b"app = 'x'\n[processes]\napp = \"flask run --host 0.0.0.0\n[[services\n"}, "fly.toml",
         "invalid TOML"),
    Case("json-syntax", {"package.json": b'{"scripts": {"dev": "flask run --host 0.0.0.0",}'}, "package.json", "malformed JSON"),
    Case("dockerfile-unterminated-exec", {"Dockerfile": b'FROM python\nCMD ["flask", "run", "--host", "0.0.0.0"\n'},
         "Dockerfile", "not a valid JSON array"),
    Case("shell-unbalanced-quote", {"run.sh": b'#!/bin/sh\nflask run --host 0.0.0.0 "--debug\n'}, "run.sh",
         "unterminated double quote", finding="FL201", fixed=b'#!/bin/sh\nflask run "--debug\n'),
    Case("procfile-without-colon", {"Procfile": b"web flask run --host 0.0.0.0\n"}, "Procfile", "not a `type: command` entry"),
    Case("symlink-loop", {}, "loop_a", "dangling or looping symlink", build=_loop),
    Case("symlink-outside", {}, "elsewhere", "symlink points outside the scanned root", build=_outside),
    Case("dangling-symlink", {}, "gone.py", "dangling or looping symlink", build=_symlink("gone.py", "nowhere.py")),
    Case("fifo-procfile", {}, "Procfile", "not a regular file", build=_fifo),
    Case("fifo-procfile-named", {}, "Procfile", "not a regular file", build=_fifo, paths=(".", "Procfile")),
    Case("directory-named-app-py", {"app.py/app.py": BAD_APP.encode()}, "app.py/app.py", finding="FL101",
         fixed=FIXED_APP.encode()),
    Case("spaces-in-names", {"my project/my app.py": BAD_APP.encode()}, "my project/my app.py", finding="FL101",
         fixed=FIXED_APP.encode()),
]


def _uri(path: str) -> str:
    return path.replace(" ", "%20")


def _names(run, path: str) -> bool:
    return path in (run_path for run_path, _ in diagnostics_of(run)) or _uri(path) in (p for p, _ in diagnostics_of(run))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input_is_reported_and_the_scan_goes_on(case: Case, tmp_path: Path) -> None:
    root = tmp_path / "case"
    (root / "beside").mkdir(parents=True)
    (root / "beside" / "app.py").write_text(BAD_APP)
    for name, data in case.files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    if case.build:
        case.build(root)
    before = (root / case.hostile).read_bytes() if (root / case.hostile).is_file() else None

    runs = run_all(standard_invocations(case.paths), root)

    for run in runs:
        assert run.exception is None, f"{run.args}: {run.exception}"
        assert "Traceback" not in run.stderr, run.stderr
        assert run.code in (0, 1), (run.args, run.code, run.stderr[-2000:])
    for run in runs[: len(FORMATS)]:
        found = findings_of(run)
        assert ("beside/app.py", "FL101") in found, (run.format, found)
        fix_only = case.diagnostic is not None and case.diagnostic.startswith("fixes not available")
        if case.diagnostic is not None and not (fix_only and run.format in ("text", "github")):
            # (text and annotations build no fixes, so they have nothing to say about fixes)
            named = [m for p, m in diagnostics_of(run) if p in (case.hostile, _uri(case.hostile))]
            assert any(case.diagnostic in m for m in named), (run.format, diagnostics_of(run))
        if case.finding is not None:
            assert (case.hostile, case.finding) in found or (_uri(case.hostile), case.finding) in found, (run.format, found)
    diff, fix = runs[len(FORMATS):]
    assert diff.code == 1 and "+++ beside/app.py" in diff.stdout
    assert (root / "beside" / "app.py").read_text() == FIXED_APP  # the scan went on to fix the known-bad file
    if before is not None:
        expected = case.fixed if case.fixed is not None else before
        assert (root / case.hostile).read_bytes() == expected
