"""Large, cyclic and deep deployments: linear growth, bounded depth, the real findings still reported.

Growth is asserted, not wall-clock time: each family's file is scanned at n
and at 4n lines in one bounded child (hostile.measure_growth), and the ratio
must stay under GROWTH_BOUND (linear is 4, quadratic 16). Trees of launcher
cycles and deep chains are the deployment model's hostile inputs; today's
scan must finish on them in every output format, `--diff` and `--fix`, and
keep the two real findings placed beside every case (hostile.REAL_FINDINGS).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flasklint.analyzers.base import MAX_FILE_FINDINGS, MAX_FILE_STARTS
from flasklint.analyzers.compose import MAX_SERVICES
from flasklint.commands.environment import MAX_FILE_ASSIGNMENTS

from hostile import (
    BIG_FAMILIES, FORMATS, GROWTH_BOUND, LAUNCHER_SHAPES, MEMORY_GROWTH_BOUND, ONE_LINE_FAMILIES, REAL_APP,
    REAL_FINDINGS, deep_nesting, diagnostics_of, findings_of, many_findings, many_launched_scripts, many_server_starts,
    measure_growth, measure_memory_growth, peak_rss, run_all, standard_invocations, with_real_findings, write_tree,
)

JSON = ["check", "--isolated", "--no-cache", "--include-dev", "--no-prefilter", "--format", "json", "."]
"""--include-dev: the big files are scripts and env files (development); their own findings must still come out."""
FIXED_APP = REAL_APP.replace(b'host="0.0.0.0", debug=True', b'host="127.0.0.1"')


def _runs_cleanly(runs) -> None:
    for run in runs:
        assert run.exception is None, f"{run.args}: {run.exception}"
        assert "Traceback" not in run.stderr, run.stderr[-2000:]
        assert run.code in (0, 1), (run.args, run.code, run.stderr[-2000:])


@pytest.mark.parametrize("family", sorted(BIG_FAMILIES))
def test_each_family_scans_in_linear_time(family: str, tmp_path: Path) -> None:
    growth = measure_growth(lambda n: with_real_findings(BIG_FAMILIES[family](n)), 5_000, tmp_path, JSON)
    _runs_cleanly([growth.large])
    assert growth.ratio <= GROWTH_BOUND, f"{family}: {growth.seconds[0]:.3f}s -> {growth.seconds[1]:.3f}s"
    found = findings_of(growth.large)
    assert REAL_FINDINGS <= found, found
    assert any(path.startswith("big/") for path, _ in found), found  # the big file's own finding is not lost
    assert diagnostics_of(growth.large) == []


@pytest.mark.parametrize("family", sorted(ONE_LINE_FAMILIES))
def test_work_that_grows_on_one_line_is_linear(family: str, tmp_path: Path) -> None:
    """Issue 22, section 4: a repeated option, many starts on one line, one long Procfile command: n against 4n."""
    build, n = ONE_LINE_FAMILIES[family]
    growth = measure_growth(lambda k: with_real_findings(build(k)), n, tmp_path, JSON)
    _runs_cleanly([growth.large])
    assert growth.ratio <= GROWTH_BOUND, f"{family}: {growth.seconds[0]:.3f}s -> {growth.seconds[1]:.3f}s"
    found = findings_of(growth.large)
    assert REAL_FINDINGS <= found and any(path.startswith("big/") for path, _ in found), found
    assert diagnostics_of(growth.large) == []


def _mode_args(mode: str) -> list[str]:
    return ["check", "--isolated", "--no-cache", *([mode] if mode.startswith("--") else ["--format", mode]), "."]


@pytest.mark.parametrize("mode", [*FORMATS, "--diff", "--fix"])
def test_many_findings_report_in_linear_time_in_every_format(mode: str, tmp_path: Path) -> None:
    growth = measure_growth(lambda n: with_real_findings(many_findings(n, per_file=1_000)), 1_000, tmp_path,
                            _mode_args(mode))
    _runs_cleanly([growth.large])
    assert growth.ratio <= GROWTH_BOUND, f"{mode}: {growth.seconds[0]:.3f}s -> {growth.seconds[1]:.3f}s"
    large = tmp_path / "n4000"
    if mode == "--fix":
        assert (large / "big/scripts/s3.sh").read_bytes().count(b"flask run --host 0.0.0.0 --debug") == 0
        assert (large / "app.py").read_bytes() == FIXED_APP
    elif mode == "--diff":
        assert growth.large.stdout.count("\n-flask run --host 0.0.0.0 --debug") == 4_000
    else:
        found = findings_of(growth.large)
        assert REAL_FINDINGS <= found and ("big/scripts/s3.sh", "FL101") in found, sorted(found)[:10]


@pytest.mark.parametrize("mode", ["json", "sarif", "--diff", "--fix"])
def test_many_server_starts_report_and_fix_in_linear_time(mode: str, tmp_path: Path) -> None:
    growth = measure_growth(lambda n: with_real_findings(many_server_starts(n)), 100, tmp_path, _mode_args(mode))
    _runs_cleanly([growth.large])
    assert growth.ratio <= GROWTH_BOUND, f"{mode}: {growth.seconds[0]:.3f}s -> {growth.seconds[1]:.3f}s"
    large = tmp_path / "n400"
    if mode == "--fix":
        assert (large / "app.py").read_bytes() == FIXED_APP
        assert (large / "big/starts.py").read_bytes().count(b'app.run(host="127.0.0.1")') == 400
    else:
        found = findings_of(growth.large) if mode != "--diff" else None
        assert found is None or (REAL_FINDINGS <= found and ("big/starts.py", "FL101") in found)
        assert mode != "--diff" or growth.large.stdout.count('+app.run(host="127.0.0.1")') == 400


@pytest.mark.parametrize("shape", sorted(LAUNCHER_SHAPES))
def test_launcher_cycles_and_deep_chains_finish_with_the_real_findings(shape: str, tmp_path: Path) -> None:
    root = write_tree(tmp_path / "case", with_real_findings(LAUNCHER_SHAPES[shape]()))
    runs = run_all(standard_invocations(), root)
    _runs_cleanly(runs)
    for run in runs[: len(FORMATS)]:
        assert REAL_FINDINGS <= findings_of(run), (run.format, findings_of(run))
    assert (root / "app.py").read_bytes() == FIXED_APP  # --fix went on to fix the real finding


NESTING = {
    "sh-c-escaped-4": (None, "FL201"),  # within the limit: the innermost `flask run` is found
    "sh-c-escaped-16": ("`sh -c` nested more than 4 levels deep", None),
    "sh-c-substitution-5000": (None, None),  # `$(...)` is kept whole, never run: nothing to cut
    "dockerfile-sh-c-12": ("`sh -c` nested more than 4 levels deep", None),
    "compose-sh-c-12": ("`sh -c` nested more than 4 levels deep", None),
    "yaml-block-sequences-5000": ("nested deeper than 256 levels", None),
    "yaml-flow-mappings-5000": ("nested deeper than 256 levels", None),
    "python-blocks-1000": ("too many levels of indentation", None),
    "python-calls-5000": ("too many nested parentheses", None),
    "python-lambdas-2000": ("nested too deeply to analyse", None),
    # issue 22, section 4: read to MAX_NESTING (100) levels, cut with one diagnostic, the rest analysed
    "dockerfile-cmd-brackets-100000": ("CMD is not a valid JSON array", "FL301"),
    "pyproject-dependencies-5000": ("line 3: nested deeper than 100 levels; cut there", "FL201"),
    "package-json-5000": ("line 1: nested deeper than 100 levels; cut there", "FL201"),
}
"""Per case: the diagnostic naming the hostile file (None: it has none), and a finding it must still hold."""


def test_every_nesting_case_has_an_expectation() -> None:
    assert set(NESTING) == set(deep_nesting())


@pytest.mark.parametrize("name", sorted(NESTING))
def test_deep_nesting_is_cut_with_a_diagnostic_and_the_scan_goes_on(name: str, tmp_path: Path) -> None:
    tree = deep_nesting()[name]
    diagnostic, finding = NESTING[name]
    root = write_tree(tmp_path / "case", with_real_findings(tree))
    runs = run_all(standard_invocations(), root)
    _runs_cleanly(runs)
    (hostile,) = tree
    for run in runs[: len(FORMATS)]:
        found = findings_of(run)
        assert REAL_FINDINGS <= found, (run.format, found)
        named = [message for path, message in diagnostics_of(run) if path == hostile]
        if diagnostic is None:
            assert named == [], (run.format, named)
        else:
            assert len(named) == 1 and diagnostic in named[0], (run.format, named)
        assert finding is None or (hostile, finding) in found, (run.format, found)
    assert (root / "app.py").read_bytes() == FIXED_APP


def test_relative_workdirs_piling_up_down_a_from_chain_are_cut(tmp_path: Path) -> None:
    chain = "".join(f"FROM s{i} AS s{i + 1}\nWORKDIR app{i}\n" for i in range(5_000))
    tree = {"Dockerfile": ("FROM python AS s0\n" + chain + "CMD flask run --host 0.0.0.0\n").encode()}
    runs = run_all(standard_invocations()[:2], write_tree(tmp_path / "case", with_real_findings(tree)))
    _runs_cleanly(runs)
    for run in runs:
        assert REAL_FINDINGS | {("Dockerfile", "FL301")} <= findings_of(run)
        messages = [m for p, m in diagnostics_of(run) if p == "Dockerfile"]
        assert len(messages) == 1 and "WORKDIR longer than 4,096 characters; not followed" in messages[0], messages


def test_the_project_pass_links_many_files_in_linear_time(tmp_path: Path) -> None:
    growth = measure_growth(lambda n: with_real_findings(many_launched_scripts(n)), 250, tmp_path, JSON)
    _runs_cleanly([growth.large])
    assert growth.ratio <= GROWTH_BOUND, f"{growth.seconds[0]:.3f}s -> {growth.seconds[1]:.3f}s"
    found = findings_of(growth.large)
    assert REAL_FINDINGS <= found and ("bin/s999.sh", "FL202") in found  # FLASK_DEBUG from .env, linked by the pass, sorted(found)[:10]


REPORT_MEMORY_BOUND = 1.5
"""A format's memory for n findings against text's: a report written whole (a document, then one string) took 2-3x."""


def test_many_findings_report_in_memory_linear_in_their_number_in_every_format(tmp_path: Path) -> None:
    """Peak memory grows with the findings, never faster, and no format builds its report whole."""
    growths = {}
    for output in (*FORMATS, "markdown"):
        args = ["check", "--isolated", "--no-cache", "--format", output, "."]
        growths[output] = measure_memory_growth(lambda n: with_real_findings(many_findings(n)), 2_500,
                                                tmp_path / output, args)
    for output, growth in growths.items():
        assert growth.ratio <= MEMORY_GROWTH_BOUND, f"{output}: peak RSS (KiB) {growth.peaks}, ratio {growth.ratio:.1f}"
        assert growth.cost <= REPORT_MEMORY_BOUND * growths["text"].cost, (output, growth.peaks, growths["text"].peaks)


# ---- issue 22, section 4: the reproductions at their reported sizes ------------------------------------------

SECONDS_BOUND = 30.0
"""The reported sizes took 10 s, 35 s (killed) and 40 s; linear work takes a few seconds on a loaded CI machine."""


@pytest.mark.parametrize(("name", "rule"), [("repeated-option", "FL202"), ("starts-on-one-line", "FL201")])
def test_work_that_grows_on_one_line_at_the_reported_size(name: str, rule: str, tmp_path: Path) -> None:
    """Reproductions: `--debug` 20,000 times in one `flask run` (10.4 s), `flask run --host=0.0.0.0;` 20,000
    times on one line (killed at 35 s)."""
    tree = ONE_LINE_FAMILIES[name][0](20_000)
    import time

    root = write_tree(tmp_path / "case", with_real_findings(tree))
    started = time.monotonic()
    (run,) = run_all([JSON], root)
    elapsed = time.monotonic() - started
    _runs_cleanly([run])
    assert elapsed <= SECONDS_BOUND, f"{name}: {elapsed:.1f}s"
    assert REAL_FINDINGS <= findings_of(run) and ("big/run.sh", rule) in findings_of(run)
    # 20,000 starts: the first 1,000 are kept (base.MAX_FILE_FINDINGS, base.MAX_FILE_STARTS), and said so
    assert diagnostics_of(run) == ([] if name == "repeated-option" else [
        ("big/run.sh", f"line 2: more than {MAX_FILE_FINDINGS:,} findings in this file; the later ones were not reported"),
        ("big/run.sh", f"line 2: more than {MAX_FILE_STARTS:,} server starts in this file; the later ones were judged "
                       "here but not given to the deployment model")])


FILE_MEMORY_BOUND = 10
"""Peak memory a file may add to a scan, as a multiple of its size (issue 22: at most 10x the largest file)."""


def _added_peak(tree, tmp_path: Path) -> tuple[int, int]:
    """KiB of peak RSS the tree adds to a scan of the real findings alone, and the whole peak."""
    base = peak_rss(JSON, write_tree(tmp_path / "base", with_real_findings({})))
    peak = peak_rss(JSON, write_tree(tmp_path / "case", with_real_findings(tree)))
    return peak - base, peak


def test_a_12_mb_one_line_procfile_is_cut_and_stays_within_ten_times_its_size(tmp_path: Path) -> None:
    """Reproduction: 12 MB of `web: flask run --host=0.0.0.0 a a a ...` took 40 s and 1.4 GiB."""
    from hostile import run_flasklint

    tree = ONE_LINE_FAMILIES["one-line-procfile"][0](6 * 1024 * 1024)
    size = len(tree["big/Procfile"])
    added, peak = _added_peak(tree, tmp_path)
    assert added * 1024 <= FILE_MEMORY_BOUND * size and peak * 1024 <= 1 << 30, (added, peak, size)
    child = run_flasklint(JSON, tmp_path / "case", timeout=SECONDS_BOUND)
    assert child.returncode == 1, child.stderr[-2000:]
    document = __import__("json").loads(child.stdout)
    found = {(f["path"], f["rule"]) for f in document["findings"]}
    assert REAL_FINDINGS | {("big/Procfile", "FL301")} <= found, found
    assert [(e["path"], e["message"]) for e in document["errors"]] == [
        ("big/Procfile", "line 1: a command of more than 50,000 words; the words after those were not analysed")]


def test_a_file_dense_with_words_keeps_a_bounded_number_of_them(tmp_path: Path) -> None:
    """4 MB of `flask run --port 1 a a ...` lines (2,000 commands of 1,000 words) held 780 MB: each command was
    under the per-command bound. The file's words are bounded too (200,000), with one diagnostic; a script is
    checked one command at a time and a start's fact keeps its plain words as one string (92 MiB -> 19 MiB)."""
    tree = {"big/run.sh": b"#!/bin/sh\n" + (b"flask run --port 1" + b" a" * 1_000 + b"\n") * 2_000}
    size = len(tree["big/run.sh"])
    added, peak = _added_peak(tree, tmp_path)
    assert added * 1024 <= FILE_MEMORY_BOUND * size and peak * 1024 <= 1 << 30, (added, peak, size)
    (run,) = run_all([JSON], tmp_path / "case")
    _runs_cleanly([run])
    assert diagnostics_of(run) == [
        ("big/run.sh", "line 201: more than 200,000 words of commands in this file; the rest was not analysed")]
    assert REAL_FINDINGS <= findings_of(run)


def test_a_python_file_too_dense_for_the_parser_is_not_parsed(tmp_path: Path) -> None:
    """2 MB of `x = 1` lines: `ast.parse` alone would need about 830 MiB (it needs ~800 bytes a token, whatever
    flasklint does), so the file is counted first and reported, not parsed; the rest of the tree is analysed."""
    tree = {"big/gen.py": b"from flask import Flask\napp = Flask(__name__)\n" + b"x = 1\n" * 350_000
            + b"app.run(debug=True)\n"}
    added, peak = _added_peak(tree, tmp_path)
    assert peak * 1024 <= 1 << 30 and added <= 64 * 1024, (added, peak)
    (run,) = run_all([JSON], tmp_path / "case")
    _runs_cleanly([run])
    assert diagnostics_of(run) == [("big/gen.py", "more than 600,000 tokens: CPython's parser would need more than "
                                    "457 MiB (about 800 bytes a token); not analysed")]
    assert REAL_FINDINGS <= findings_of(run)


def test_a_large_python_file_of_ordinary_density_is_still_parsed(tmp_path: Path) -> None:
    """1.3 MB of ordinary code (about 11 bytes a token) is under the token limit: analysed, its finding kept."""
    body = b"".join(b"def handler_%d(request, *args, **kwargs):\n    return render_template('page_%d.html', "
                    b"title='Page %d', items=list(range(%d)))\n\n\n" % (i, i, i, i) for i in range(12_000))
    tree = {"big/views.py": b"from flask import Flask, render_template\napp = Flask(__name__)\n" + body
            + b"app.run(debug=True)\n"}
    assert len(tree["big/views.py"]) > 1_000_000
    (run,) = run_all([JSON], write_tree(tmp_path / "case", with_real_findings(tree)))
    _runs_cleanly([run])
    assert diagnostics_of(run) == [("big/views.py", "fixes not available: file larger than 1 MiB")]
    assert ("big/views.py", "FL104") in findings_of(run)  # debug=True


@pytest.mark.parametrize("name, head, line, message", [
    ("big/.env", b"FLASK_DEBUG=1\n", b"A=1\n",
     f"line {MAX_FILE_ASSIGNMENTS + 1}: more than {MAX_FILE_ASSIGNMENTS:,} assignments in this file; the rest was not "
     "analysed"),
    ("big/Dockerfile", b"FROM python\nENV FLASK_DEBUG=1\n", b"ENV A=1\n",
     f"line {MAX_FILE_ASSIGNMENTS + 2}: more than {MAX_FILE_ASSIGNMENTS:,} ENV assignments in this file; the later "
     "ENV lines were not analysed"),
])
def test_assignments_past_the_file_bound_are_cut_with_one_diagnostic(name: str, head: bytes, line: bytes,
                                                                    message: str, tmp_path: Path) -> None:
    """15 MB of `A=1` lines passed 1 GiB (a value, a place and a fact each); 5,000 are kept, the first
    assignment's finding stays, and the file says where it was cut."""
    tree = {name: head + line * (MAX_FILE_ASSIGNMENTS + 1_000)}
    (run,) = run_all([JSON], write_tree(tmp_path / "case", with_real_findings(tree)))
    _runs_cleanly([run])
    assert diagnostics_of(run) == [(name, message)]
    assert any(path == name for path, _ in findings_of(run)), findings_of(run)
    assert REAL_FINDINGS <= findings_of(run)


def test_a_configmap_keeps_a_bounded_number_of_keys(tmp_path: Path) -> None:
    """A ConfigMap key every 12 bytes cost about 1.4 KB each (its value, line and a span of three dicts): 4 MB
    held 500 MiB. Keys are placed by four numbers, the first MAX_FILE_ASSIGNMENTS kept, and the cut said once."""
    data = b"".join(b"  K%d: v\n" % i for i in range(MAX_FILE_ASSIGNMENTS + 10))
    tree = {"big/k8s/config.yaml": b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n" + data}
    (run,) = run_all([JSON], write_tree(tmp_path / "case", with_real_findings(tree)))
    _runs_cleanly([run])
    assert diagnostics_of(run) == [("big/k8s/config.yaml", f"line {MAX_FILE_ASSIGNMENTS + 6}: more than "
                                    f"{MAX_FILE_ASSIGNMENTS:,} keys in ConfigMap big; the later ones were not analysed")]
    assert REAL_FINDINGS <= findings_of(run)


@pytest.mark.parametrize("path, head, line, diagnostics", [
    # a script that starts the debugger on every line: a finding and a fact each, about 2 KB, every 18 bytes
    # (4 MB held 209 MiB); its later starts are still judged in the file
    ("big/run.sh", b"#!/bin/sh\n", b"flask run --debug\n", [
        f"line {MAX_FILE_FINDINGS + 2}: more than {MAX_FILE_FINDINGS:,} findings in this file; the later ones were "
        "not reported",
        f"line {MAX_FILE_STARTS + 2}: more than {MAX_FILE_STARTS:,} server starts in this file; the later ones were "
        "judged here but not given to the deployment model"]),
    # `app.run(debug=True)` on every line: each start was judged (a fact, a finding and a planned fix: 1 MB
    # held 390 MiB and took 8 s); each judged start is a finding (FL104) and turns the debugger on (FL102,
    # reported after the starts, so past the findings' bound from line 3)
    ("big/starts.py", b"from flask import Flask\napp = Flask(__name__)\n", b"app.run(debug=True)\n", [
        f"line 3: more than {MAX_FILE_FINDINGS:,} findings in this file; the later ones were not reported",
        f"line {MAX_FILE_STARTS + 3}: more than {MAX_FILE_STARTS:,} server starts in this file; the later ones were "
        "not analysed"]),
])
def test_a_file_of_starts_keeps_a_thousand_findings_and_starts(path: str, head: bytes, line: bytes,
                                                             diagnostics: list[str], tmp_path: Path) -> None:
    """The first 1,000 findings and starts of a file are kept, and each bound is said once."""
    tree = {path: head + line * (MAX_FILE_STARTS + 200)}
    (run,) = run_all([JSON], write_tree(tmp_path / "case", with_real_findings(tree)))
    _runs_cleanly([run])
    assert diagnostics_of(run) == [(path, message) for message in diagnostics]
    document = __import__("json").loads(run.stdout)
    assert sum(f["path"] == path for f in document["findings"]) == MAX_FILE_FINDINGS
    assert REAL_FINDINGS <= findings_of(run)


@pytest.mark.parametrize("name", ["big/docker-compose.yml", "big/deploy/stack.yml"])  # by name, by content
def test_a_compose_document_analyses_a_thousand_services(name: str, tmp_path: Path) -> None:
    """A service every 40 bytes cost about 4 KB each while read (3.5 MB: 381 MiB); the first 1,000 are
    analysed, their findings kept, and the document says where it was cut, whether the file is compose by its
    name or by its content."""
    services = b"".join(b"  s%d:\n    command: flask run --port %d\n" % (i, i) for i in range(MAX_SERVICES + 5))
    tree = {name: b"services:\n  web:\n    command: flask run --host 0.0.0.0\n" + services}
    (run,) = run_all([JSON], write_tree(tmp_path / "case", with_real_findings(tree)))
    _runs_cleanly([run])
    assert diagnostics_of(run) == [(name, f"line {2 * MAX_SERVICES + 2}: more than {MAX_SERVICES:,} services in "
                                          "this document; the later ones were not analysed")]
    assert (name, "FL301") in findings_of(run) and REAL_FINDINGS <= findings_of(run)
