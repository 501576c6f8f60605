"""bench/compare.py's matching logic on a tiny corpus: no peers, no timing."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _compare():
    spec = importlib.util.spec_from_file_location("flasklint_bench_compare", ROOT / "bench" / "compare.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["flasklint_bench_compare"] = module  # dataclasses look their module up while being created
    spec.loader.exec_module(module)
    return module


def _tiny_corpus(root: Path) -> Path:
    (root / "py-bad").mkdir(parents=True)
    (root / "py-bad" / "app.py").write_text(
        "from flask import Flask\n"
        "app = Flask(__name__)\n"
        "HOST = '0.0.0.0'  # ok: FL103\n"
        "if __name__ == '__main__':\n"
        "    # expect: FL101\n"
        "    app.run(host=HOST, debug=True)\n"
    )
    (root / "py-good").mkdir()
    (root / "py-good" / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    (root / "procfile-web").mkdir()
    (root / "procfile-web" / "Procfile").write_text("# expect: FL301\nweb: flask run --host 0.0.0.0\n")
    return root


def test_expectations_and_negative_lines(tmp_path):
    compare = _compare()
    expectations = compare.load_expectations(_tiny_corpus(tmp_path))
    assert sorted((m.path, m.line, m.rule) for m in expectations.expected) == [
        ("procfile-web/Procfile", 2, "FL301"), ("py-bad/app.py", 6, "FL101")
    ]
    # the `# ok:` line, and every line of the negative case
    assert expectations.negative_lines == {("py-bad/app.py", 3), ("py-good/app.py", 1), ("py-good/app.py", 2)}
    assert compare.kind_of("procfile-web/Procfile") == "procfile" and compare.kind_of("py-bad/app.py") == "python"


def test_score_matches_by_file_and_line(tmp_path):
    compare = _compare()
    expectations = compare.load_expectations(_tiny_corpus(tmp_path))
    # a peer that flags the constant line (a negative line), the run() line, a line of the negative case,
    # and an unmarked line of a positive case
    findings = [("py-bad/app.py", 3), ("py-bad/app.py", 6), ("py-good/app.py", 2), ("py-bad/app.py", 2)]
    result = compare.score(expectations, findings)
    assert (result.hits, result.total) == (1, 2)
    assert result.hits_by_family == {"FL1xx Python code": 1}
    assert result.total_by_family == {"FL1xx Python code": 1, "FL3xx production configs": 1}
    assert result.hits_by_kind == {"python": 1} and result.total_by_kind == {"python": 1, "procfile": 1}
    assert (result.false_positives, result.elsewhere) == (2, 1)


def test_table_is_markdown_with_one_column_per_tool(tmp_path):
    compare = _compare()
    expectations = compare.load_expectations(_tiny_corpus(tmp_path))
    tool = compare.Tool("toy", lambda: "toy 1.0", lambda t: [], lambda out: [])
    stdlib = [("a.py", 1, "B104"), ("a.py", 9, "B104"), ("b.py", 2, "B201")]
    text = compare.table(expectations, [(tool, compare.score(expectations, [("py-bad/app.py", 6)]), stdlib)])
    header, rule, *rows = text.strip().splitlines()
    assert header == "| measure | toy |" and rule == "|---|---|"
    assert rows[0] == "| recall, all expectations | 1/2 (50%) |"
    assert rows[-1] == "| findings on the stdlib | 3 in 2 files (B104: 2, B201: 1) |"
