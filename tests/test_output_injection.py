"""Terminal and CI-log injection: names and text from a scanned repository never reach a reader raw.

A file named `a\\n::add-mask::secret\\n.py` printed as it is starts lines the GitHub Actions
runner executes as workflow commands; `\\x1b]0;pwned\\x07` in a name retitles the terminal.
Every format and stderr must spell such characters out (or escape them its own way).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from flasklint.sources.filenames import terminal_safe

ROOT = Path(__file__).resolve().parent.parent
START = 'from flask import Flask\napp = Flask(__name__)\napp.run(host="0.0.0.0", debug=True)\n'
HOSTILE_NAMES = ["a\n::add-mask::secret\n.py", "r\r::warning::x.py", "b\x1b]0;pwned\x07.py"]
ALL_FORMATS = ["text", "full", "json", "json-lines", "sarif", "github", "gitlab", "junit", "rdjson", "azure", "pylint",
               "markdown"]
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
"""Any C0 control but tab and LF (reports end their lines with LF) and DEL, found raw in output."""


def test_terminal_safe_spells_out_controls():
    assert terminal_safe("a\n::x\r\x1b]0;t\x07\x85\u202e") == "a\\n::x\\r\\x1b]0;t\\x07\\x85\\u202e"
    assert terminal_safe("plain/path.py") == "plain/path.py"
    assert terminal_safe("tab\there") == "tab\\there"
    assert terminal_safe("tab\there", tabs=True) == "tab\there"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile-names")
    for name in HOSTILE_NAMES:
        (root / name).write_text(START)
    (root / "broken\x1b[2J.py").write_bytes(b"from flask import Flask\napp.run(\n")  # a diagnostic on stderr, with an ESC in its name
    return root


def _run(root: Path, fmt: str) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "FLASKLINT_CACHE_DIR": str(root.parent / f"c-{fmt}")}
    return subprocess.run([sys.executable, "-m", "flasklint", "check", "--isolated", "--format", fmt, "."], cwd=root,
                          env=env, capture_output=True, text=True, errors="surrogateescape")


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_no_format_lets_a_name_start_a_workflow_command_or_a_control_sequence(hostile, fmt):
    run = _run(hostile, fmt)
    assert run.returncode == 1, run.stderr
    for stream in (run.stdout, run.stderr):
        assert not RAW_CONTROL.search(stream), repr(RAW_CONTROL.search(stream))
        commands = [line for line in stream.split("\n") if line.startswith("::")]
        if fmt == "github" and stream is run.stdout:
            assert all(re.match(r"::(error|warning) file=", line) for line in commands), commands
        else:
            assert commands == []
    assert not any(line.startswith("::add-mask::") for line in run.stdout.splitlines())


def test_text_output_and_stderr_spell_the_names_out(hostile):
    run = _run(hostile, "text")
    assert "a\\n::add-mask::secret\\n.py:3:" in run.stdout
    assert "r\\r::warning::x.py:3:" in run.stdout
    assert "b\\x1b]0;pwned\\x07.py:3:" in run.stdout
    assert "broken\\x1b[2J.py" in run.stderr


def test_markdown_cells_hold_no_raw_escape_or_bell(hostile):
    out = _run(hostile, "markdown").stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b" in out
