"""Property tests over the corpus: mutated files never crash an analyzer, every fix re-parses and
is idempotent, findings are deterministic whatever the file order.

The analyzers are called directly (not through the engine's internal-error
guard), so a crash shows up as the exception itself. Example counts are
modest and derandomized so the suite stays fast and repeatable. There is no
`--jobs` option on this branch, so determinism is checked across file orders
and repeated runs only.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import libcst
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flasklint import analyzers
from flasklint.knowledge import kinds
from flasklint.python import fixes as pyfix
from flasklint.python.parsing import parses
from flasklint.analyzers.base import AnalysisContext
from flasklint.scan.analysis import analyze_file
from flasklint.scan.options import FileJob, ScanOptions
from flasklint.scan.engine import scan
from flasklint.scan.planning import plan
from flasklint.fix.fixer import fix_file
from flasklint.sources.source import DecodeError, decode

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
JOBS = plan([str(CORPUS)], ScanOptions(), [])
SETTINGS = settings(
    max_examples=2000, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
INSERTIONS = [b'"', b"'", b"(", b")", b"[", b"]", b"{", b"}", b"\\", b"\n", b"\r", b"\t", b"\x00", b"\xff",
              b"`", b"$(", b":", b"- ", b"&a ", b"*a", b"---\n", b"#", b"=", b",", b'"""', b"\\\n"]
YAML_KINDS = {kinds.COMPOSE, kinds.KUBERNETES, kinds.YAML, kinds.APPENGINE, kinds.RENDER, kinds.GITHUB_ACTIONS}


def _mutate(data: bytes, mutations: list[tuple[str, float, int]]) -> bytes:
    for operation, where, value in mutations:
        position = int(where * len(data))
        if operation == "flip" and data:
            position = min(position, len(data) - 1)
            data = data[:position] + bytes([data[position] ^ (1 << (value % 8))]) + data[position + 1 :]
        elif operation == "truncate":
            data = data[:position]
        elif operation == "insert":
            data = data[:position] + INSERTIONS[value % len(INSERTIONS)] + data[position:]
        elif operation == "delete":
            data = data[:position] + data[position + 1 + value % 8 :]
    return data


MUTATIONS = st.lists(
    st.tuples(st.sampled_from(["flip", "truncate", "insert", "delete"]), st.floats(0, 1), st.integers(0, 255)),
    min_size=1, max_size=4,
)


def test_the_corpus_has_files_of_every_family() -> None:
    assert len(JOBS) >= 100
    assert {job.kind for job in JOBS} >= {kinds.PYTHON, kinds.COMPOSE, kinds.DOCKERFILE, kinds.PROCFILE, kinds.FLY}


@SETTINGS
@given(job=st.sampled_from(JOBS), mutations=MUTATIONS)
def test_mutated_corpus_files_never_crash_an_analyzer(job: FileJob, mutations) -> None:
    data = _mutate(Path(job.path).read_bytes(), mutations)
    analyzers.prefilter_for(job.kind)(data)
    try:
        source = decode(data, python=job.kind == kinds.PYTHON)
    except DecodeError:
        return
    context = AnalysisContext(display_path=job.display, kind=job.kind, dev_reason=job.dev_reason)
    result = analyzers.analyze(job.kind, source, context)  # raises on a crash: no guard here
    assert not [d for d in result.diagnostics if d.message.startswith("internal error")]
    for finding in result.findings:
        assert 1 <= finding.span.start.line <= len(source.line_starts)
        for edit in finding.fix.edits if finding.fix else ():
            assert 0 <= edit.start <= edit.end <= len(source.text)


def _parses(kind: str, text: str) -> None:
    if kind == kinds.PYTHON:
        assert parses(text)  # as Python of some version (the corpus has 3.10-3.13 syntax)
        assert libcst.parse_module(text).code == text
    elif kind in YAML_KINDS:
        list(yaml.safe_load_all(text))
    elif kind == kinds.FLY:
        tomllib.loads(text)
    elif kind == kinds.PACKAGE_JSON:
        json.loads(text)


FIXABLE = [job for job in JOBS if any(f.fix for f in analyze_file(job).findings)]


@pytest.mark.parametrize("job", FIXABLE, ids=[j.display.removeprefix(str(CORPUS) + "/") for j in FIXABLE])
def test_every_fix_alone_reparses_and_fixing_is_idempotent(job: FileJob, tmp_path: Path) -> None:
    from flasklint.fix.fixer import apply_fixes

    result = analyze_file(job)
    text = decode(Path(job.path).read_bytes(), python=job.kind == kinds.PYTHON).text
    for finding in result.findings:
        if finding.fix is not None:
            fixed, count = apply_fixes(text, [finding.fix])
            assert count == 1
            _parses(job.kind, fixed)
    copy = tmp_path / Path(job.path).name
    shutil.copy2(job.path, copy)
    local = FileJob(str(copy), job.display, job.kind, root=str(tmp_path), dev_reason=job.dev_reason)
    first = fix_file(local, analyze_file(local).findings, None, ScanOptions(), unsafe=True)
    assert first.changed
    _parses(job.kind, first.fixed)
    copy.write_bytes(first.source.encode(first.fixed))
    second = fix_file(local, analyze_file(local).findings, None, ScanOptions(), unsafe=True)
    assert second.fixed == second.original == first.fixed


PYTHON_FIXABLE = [job for job in FIXABLE if job.kind == kinds.PYTHON]


def test_local_fix_edits_equal_printing_the_whole_module(monkeypatch) -> None:
    """pyfix prints only the replaced node; the result must be what printing the whole module gives."""
    local = {job.display: analyze_file(job).findings for job in PYTHON_FIXABLE}
    monkeypatch.setattr(pyfix._Tree, "_local_edit", lambda self, old, new: None)
    whole = {job.display: analyze_file(job).findings for job in PYTHON_FIXABLE}
    assert local == whole
    assert sum(1 for findings in local.values() for f in findings if f.fix) >= 40


def _signature(result) -> tuple:
    return (
        [(f.path, f.rule, f.span, f.message, f.severity, f.fix, f.related) for f in result.findings],
        [(d.path, d.message) for d in result.diagnostics],
    )


@pytest.fixture(scope="module")
def corpus_scan():
    """The corpus scanned from the repository root (which the tests using it stay in)."""
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.chdir(ROOT)
    yield _signature(scan(["corpus"], ScanOptions()))
    monkeypatch.undo()


@settings(max_examples=6, deadline=None, derandomize=True, database=None)
@given(order=st.permutations([job.path for job in JOBS]))
def test_findings_do_not_depend_on_file_order(corpus_scan, order) -> None:
    named = [str(Path(path).relative_to(ROOT)) for path in order]
    # every corpus file named, without the rest of this repository as context (its pyproject.toml lists gunicorn)
    assert _signature(scan(named, ScanOptions(project_context=False))) == corpus_scan


def test_findings_are_the_same_on_every_run(corpus_scan, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    assert _signature(scan(["corpus"], ScanOptions())) == corpus_scan
