"""Fixes built from windows (LibCST parses only the lines a fix edits) equal the whole-module ones.

The whole-module path is the reference: `pyfix.build_fixes(..., windows=False)` is what every
release before did. Compared on every Python file of the corpus and the tests' data, a generated
monorepo, and shapes chosen to break a window (comments and blank lines around removals, nested
blocks and their footers, semicolons, one-line suites, decorators, tabs, CRLF, no final newline).
"""

from __future__ import annotations

import sys
from pathlib import Path
from unittest import mock

import pytest

from flasklint.python import fixes as pyfix
from flasklint.analyzers import python as python_analyzer
from flasklint.analyzers.base import AnalysisContext
from flasklint.sources.source import decode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from generate_monorepo import generate  # noqa: E402

_BUILD = pyfix.build_fixes


def _fixes(data: bytes, windows: bool) -> tuple[list, list[str]]:
    def build(source, plans, tree=None):
        return _BUILD(source, plans, tree, windows=windows)

    with mock.patch.object(pyfix, "build_fixes", build):
        result = python_analyzer.analyze(decode(data, python=True), AnalysisContext("app.py", "python"))
    return [(f.rule, f.span, f.fix) for f in result.findings], [d.message for d in result.diagnostics]


def _same(data: bytes) -> int:
    """Assert both paths agree; the number of fixes."""
    whole, windowed = _fixes(data, False), _fixes(data, True)
    assert windowed == whole
    return sum(1 for _, _, fix in whole[0] if fix is not None)


def _python_files() -> list[Path]:
    return sorted(p for folder in ("corpus", "tests") for p in (ROOT / folder).rglob("*.py"))


def test_corpus_and_test_data_fixes_are_the_same_from_windows():
    fixes = sum(_same(path.read_bytes()) for path in _python_files())
    assert fixes > 40  # the comparison covered real fixes


def test_generated_monorepo_fixes_are_the_same_from_windows(tmp_path):
    generate(tmp_path, 300, seed=7)
    fixes = sum(_same(path.read_bytes()) for path in sorted(tmp_path.rglob("*.py")))
    assert fixes > 20


HEAD = "from flask import Flask\n\napp = Flask(__name__)\n"
SHAPES = {
    "first statement removed": "app = Flask(__name__)\napp.debug = True\n",
    "module header comment": "# header\n\nfrom flask import Flask\napp = Flask(__name__)\n# about debug\napp.debug = True\n# after\nx = 1\n",
    "removed last, footer": HEAD + "x = 1\n\n# c\napp.debug = True\n\n# trailing\n",
    "removed after a def with footer": HEAD + "def f():\n    pass\n    # inner\n# outer\n\napp.debug = True\n\n\ndef g():\n    return 1\n    # g footer\n# next\ny = 2\n",
    "same statement twice": HEAD + "app.debug = True\napp.debug = True\n",
    "nested removal last in block": HEAD + "def configure():\n    x = 1\n    # keep me\n    app.debug = True\n    # block footer\n\n# module\nz = 3\n",
    "nested removal only statement": HEAD + "def configure():\n    app.debug = True\n\nconfigure()\n",
    "one-line suite": HEAD + "if True: app.debug = True\n",
    "semicolons": HEAD + "x = 1; app.debug = True; y = 2\n",
    "semicolon run": HEAD + 'x = 1; app.run(host="0.0.0.0")\n',
    "backslash": HEAD + 'x = 1; \\\napp.run(host="0.0.0.0")\n',
    "decorated": HEAD + '@app.route("/")\ndef index(host="0.0.0.0"):\n    app.run(host=host)\n',
    "tabs": HEAD + 'if __name__ == "__main__":\n\tif True:\n\t\tapp.run(host="0.0.0.0", debug=True)\n',
    "two-space import-time run": HEAD + "def f():\n  return 1\n\napp.run()\n",
    "tab import-time run nested": HEAD + "def f():\n\treturn 1\n\nif True:\n    app.run()\n",
    "crlf": (HEAD + 'if __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n').replace("\n", "\r\n"),
    "crlf removal": (HEAD + "app.debug = True\nx = 1\n").replace("\n", "\r\n"),
    "mixed newlines": HEAD + 'x = 1\r\napp.run(host="0.0.0.0",\r\n        debug=True)\n',
    "no final newline": HEAD + 'app.run(host="0.0.0.0", debug=True)',
    "no final newline removal": HEAD + "app.debug = True",
    "multi-line call with comments": HEAD + 'app.run(\n    host="0.0.0.0",  # all\n    # debug next\n    debug=True,\n)\n',
    "string continuation": HEAD + 'x = """\napp.run(host="0.0.0.0")\n"""\napp.run(host="0.0.0.0")\n',
    "try and else": HEAD + 'try:\n    pass\nexcept Exception:\n    app.debug = True\nelse:\n    app.run(host="0.0.0.0")\nfinally:\n    pass\n',
    "config dict": HEAD + 'app.config.update({\n    "DEBUG": True,\n    "X": 1,\n})\n',
    "unicode before": HEAD + 'é = "ü"; app.run(host="0.0.0.0")\n',
    "unicode in line": HEAD + 'app.run(host="0.0.0.0", extra_files=["é"], debug=True)  # ü\n',
}


@pytest.mark.parametrize("code", SHAPES.values(), ids=SHAPES.keys())
def test_window_shapes_give_the_whole_module_fixes(code):
    _same(code.encode())


def test_most_fixes_are_built_without_parsing_the_module(tmp_path):
    generate(tmp_path, 120, seed=5)
    parsed = []
    original = pyfix._Trees.full

    def full(self):
        parsed.append(self.source)
        return original(self)

    with mock.patch.object(pyfix._Trees, "full", full):
        fixes = sum(1 for p in tmp_path.rglob("*.py") for *_, fix in _fixes(p.read_bytes(), True)[0] if fix)
    assert fixes > 5 and not parsed


def test_printer_positions_and_parents_equal_libcst_providers():
    checked = 0
    for path in _python_files():
        try:
            tree = pyfix._Tree(path.read_text("utf-8"))
        except Exception:
            continue
        fast = ({k: [id(n) for n in v] for k, v in tree.at.items()}, {id(k): id(v) for k, v in tree.parents.items()})
        tree._resolve_metadata()
        slow = ({k: [id(n) for n in v] for k, v in tree.at.items()}, {id(k): id(v) for k, v in dict(tree.parents).items()})
        assert fast == slow, path
        checked += 1
    assert checked > 100
