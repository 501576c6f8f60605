"""Plain fixes (flasklint/python/plainfixes.py) are the edits LibCST would give, or none at all.

The LibCST path is the reference (`build_fixes(..., plain=False)`). Compared on every Python file
of the corpus and the tests' data, a generated monorepo, and shapes at the edge of each plain
rule: quotes and prefixes, parentheses, spacing and separators, star arguments, trailing commas,
several lines, positional arguments, comments, CRLF, tabs and a missing final newline.
"""

from __future__ import annotations

import sys
from pathlib import Path
from unittest import mock

import pytest

from flasklint.python import fixes as pyfix
from flasklint.analyzers import python as python_analyzer
from flasklint.analyzers.base import AnalysisContext
from flasklint.python import plainfixes
from flasklint.sources.source import decode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from generate_monorepo import generate  # noqa: E402

_BUILD = pyfix.build_fixes
HEAD = "from flask import Flask\n\napp = Flask(__name__)\n"
MAIN = HEAD + 'if __name__ == "__main__":\n    '


def _fixes(data: bytes, plain: bool) -> tuple[list, list[str], int]:
    """(rule, span, fix) per finding, the diagnostics, and how many changes the plain path built."""
    built = []
    original = plainfixes.PlainEdits.edit

    def counting(self, change):
        edit = original(self, change)
        built.append(edit is not None)
        return edit

    def build(source, plans, tree=None):
        return _BUILD(source, plans, tree, plain=plain)

    with mock.patch.object(pyfix, "build_fixes", build), mock.patch.object(plainfixes.PlainEdits, "edit", counting):
        result = python_analyzer.analyze(decode(data, python=True), AnalysisContext("app.py", "python"))
    return [(f.rule, f.span, f.fix) for f in result.findings], [d.message for d in result.diagnostics], sum(built)


def _same(data: bytes) -> tuple[int, int]:
    """Assert both paths agree; (fixes, changes built plainly)."""
    reference, plain = _fixes(data, False), _fixes(data, True)
    assert reference[2] == 0
    if not any(message.startswith("fixes not available") for message in reference[1]):
        assert plain[:2] == reference[:2]
    return sum(1 for *_, fix in reference[0] if fix is not None), plain[2]


def test_corpus_and_test_data_fixes_are_the_same_built_plainly():
    paths = sorted(p for folder in ("corpus", "tests") for p in (ROOT / folder).rglob("*.py"))
    fixes, plain = map(sum, zip(*(_same(path.read_bytes()) for path in paths)))
    assert fixes > 40 and plain > 30  # the comparison covered real fixes, most of them plain


def test_generated_monorepo_fixes_are_the_same_built_plainly(tmp_path):
    generate(tmp_path, 400, seed=11)
    fixes, plain = map(sum, zip(*(_same(path.read_bytes()) for path in sorted(tmp_path.rglob("*.py")))))
    assert fixes > 30 and plain >= fixes  # every generated shape is a plain one


PLAIN = {
    "double quotes": MAIN + 'app.run(host="0.0.0.0")\n',
    "single quotes": MAIN + "app.run(host='0.0.0.0')\n",
    "raw prefix": MAIN + "app.run(host=r'0.0.0.0')\n",
    "u prefix": MAIN + "app.run(host=U'0.0.0.0')\n",
    "string in parentheses": MAIN + 'app.run(host=("0.0.0.0"))\n',
    "module constant": HEAD + 'HOST = "0.0.0.0"\nif __name__ == "__main__":\n    app.run(host=HOST)\n',
    "only argument": MAIN + "app.run(debug=True)\n",
    "only argument spaced": MAIN + "app.run( debug = True )\n",
    "space before the parenthesis": MAIN + "app.run (debug=True)\n",
    "first argument": MAIN + 'app.run(debug=True, host="0.0.0.0")\n',
    "middle argument": MAIN + 'app.run(host="0.0.0.0" , debug=True , port=1)\n',
    "last argument": MAIN + "app.run(port=1, debug=True)\n",
    "last argument spaced": MAIN + "app.run(port=1 ,  debug=True  )\n",
    "after star arguments": MAIN + "app.run(*args, debug=True)\n",
    "before keyword arguments": MAIN + "app.run(debug=True, **options)\n",
    "positional last": MAIN + 'app.run("0.0.0.0", 5000, True)\n',
    "positional before keywords": MAIN + 'app.run("0.0.0.0", 5000, True, load_dotenv=False)\n',
    "trailing comment": MAIN + "app.run(debug=True)  # local\n",
    "import-time run": HEAD + "app.run()\n",
    "import-time run with comment": HEAD + "# start it\napp.run()  # here\n\nx = 1\n",
    "import-time run, no final newline": HEAD + "app.run()",
    "import-time run, crlf": (HEAD + "def f():\n    pass\n\napp.run()\n").replace("\n", "\r\n"),
    "import-time run, tabs": HEAD + "def f():\n\tpass\n\napp.run()\n",
    "import-time run, two spaces": HEAD + "def f():\n  pass\n\napp.run(debug=True)\n",
    "crlf": (MAIN + 'app.run(host="0.0.0.0", debug=True)\n').replace("\n", "\r\n"),
}

TO_LIBCST = {
    "escaped string": MAIN + 'app.run(host="0.0.0.\\x30")\n',
    "triple quotes": MAIN + 'app.run(host="""0.0.0.0""")\n',
    "f-string": MAIN + 'app.run(host=f"0.0.0.0")\n',
    "trailing comma": MAIN + "app.run(port=1, debug=True,)\n",
    "several lines": MAIN + "app.run(\n        debug=True,\n    )\n",
    "parenthesised call": MAIN + "(app.run(debug=True))\n",
    "call inside a call": MAIN + "print(app.run(debug=True))\n",
    "parenthesised argument": MAIN + "app.run((True), debug=True)\n",
    "positional shifting others": MAIN + 'app.run("0.0.0.0", 5000, True, {})\n',
    "unicode on the line": MAIN + 'app.run(host="0.0.0.0", extra_files=["é"])\n',
    "semicolon before an import-time run": HEAD + "x = 1; app.run()\n",
    "continued line above": HEAD + "x = 1; \\\napp.run()\n",
    "import-time run in a block": HEAD + "if True:\n    app.run()\n",
}


@pytest.mark.parametrize("code", PLAIN.values(), ids=PLAIN.keys())
def test_plain_shapes_are_built_plainly_and_equal_libcst(code):
    fixes, plain = _same(code.encode())
    assert fixes > 0 and plain > 0


@pytest.mark.parametrize("code", TO_LIBCST.values(), ids=TO_LIBCST.keys())
def test_other_shapes_are_left_to_libcst(code):
    _same(code.encode())
    assert _fixes(code.encode(), True)[2] == 0 or code == TO_LIBCST["positional shifting others"]
