"""The corpus is end-to-end truth: the findings on corpus/ equal its `# expect:` markers exactly."""

from __future__ import annotations

import pytest

from corpus_expectations import CORPUS, cases, corpus_marks
from flasklint.scan.options import ScanOptions
from flasklint.scan.engine import scan


def _found(prefilter: bool, include_dev: bool = False) -> set[tuple[str, int, str]]:
    result = scan([str(CORPUS)], ScanOptions(prefilter=prefilter, include_dev=include_dev))
    root = str(CORPUS).rstrip("/") + "/"
    return {(f.path[len(root):], f.span.start.line, f.rule) for f in result.findings}


@pytest.fixture(scope="module")
def found() -> set[tuple[str, int, str]]:
    return _found(prefilter=True)


def _compare(found: set[tuple[str, int, str]], verdicts: tuple[str, ...]) -> None:
    expected = {(m.path, m.line, m.rule) for m in corpus_marks() if m.verdict in verdicts}
    missing = sorted(expected - found)
    unexpected = sorted(found - expected)
    assert not missing and not unexpected, f"missing: {missing}\nunexpected: {unexpected}"


def test_corpus_findings_match_expectations(found):
    _compare(found, ("expect",))


def test_include_dev_adds_exactly_the_development_findings():
    _compare(_found(prefilter=True, include_dev=True), ("expect", "expect-dev"))


def test_ok_markers_are_respected(found):
    oks = {(m.path, m.line, m.rule) for m in corpus_marks() if m.verdict == "ok"}
    assert not oks & found


def test_corpus_is_large_enough():
    names = cases()
    py = [n for n in names if n.startswith("py-")]
    expected_cases = {m.path.split("/")[0] for m in corpus_marks() if m.verdict == "expect"}
    assert len(py) >= 90
    assert len([n for n in py if n not in expected_cases]) >= 30


def test_prefilter_never_drops_a_finding(found):
    assert _found(prefilter=False) == found
