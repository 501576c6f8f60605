"""Every Python fix, proven on the catalog's bad examples and on a copy of the corpus.

For each: the finding it fixes disappears, a second `--fix` changes nothing,
and the result parses with both `ast` and LibCST. `--diff` shows the same
changes and writes nothing.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from corpus_expectations import CORPUS
from fixing import assert_parses
from flasklint import analyzers
from flasklint.knowledge import kinds
from flasklint.findings.catalog import load_catalog
from flasklint.python.parsing import parses

PYTHON_FIXED_RULES = ("FL101", "FL102", "FL103", "FL104", "FL105")


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _python_bad_examples():
    for rule in load_catalog().values():
        for index, example in enumerate(rule.examples_of("bad")):
            if kinds.classify(example.filename, example.code.encode()[:512]) == kinds.PYTHON:
                yield pytest.param(rule.id, example, id=f"{rule.id}-bad-{index}-{example.filename}")


@pytest.mark.parametrize("rule_id, example", list(_python_bad_examples()))
def test_fix_of_a_bad_example_removes_its_finding(rule_id, example, tmp_path, scan_json, run_cli):
    path = tmp_path / example.filename
    path.write_text(example.code, encoding="utf-8")
    before = [f for f in scan_json(str(tmp_path))["findings"] if f["rule"] == rule_id]
    assert before
    level = load_catalog()[rule_id].fix_safety_level
    for finding in before:
        if level == "none":
            assert finding["fix"] is None
        elif finding["fix"] is not None:
            assert finding["fix"]["safety"] == level
    if level == "none":
        return  # no fix is the documented behaviour, checked above
    assert any(f["fix"] for f in before), f"the bad example of {rule_id} has no fix"
    run_cli("check", "--fix", "--unsafe-fixes", str(tmp_path))
    fixed = path.read_text(encoding="utf-8")
    assert_parses(fixed)
    assert not [f for f in scan_json(str(tmp_path))["findings"] if f["rule"] == rule_id]
    again = _snapshot(tmp_path)
    run_cli("check", "--fix", "--unsafe-fixes", str(tmp_path))
    assert _snapshot(tmp_path) == again


def test_every_python_rule_with_a_fix_is_proven_on_some_example(tmp_path, scan_json):
    proven = set()
    for param in _python_bad_examples():
        rule_id, example = param.values
        folder = tmp_path / f"{len(proven)}-{rule_id}-{abs(hash(example.code))}"
        folder.mkdir()
        (folder / example.filename).write_text(example.code, encoding="utf-8")
        if any(f["rule"] == rule_id and f["fix"] for f in scan_json(str(folder))["findings"]):
            proven.add(rule_id)
    with_fix = {r.id for r in load_catalog().values() if r.fix_safety_level != "none"}
    python_rules = set(analyzers.spec_for(kinds.PYTHON).rules)
    assert proven == with_fix & python_rules == set(PYTHON_FIXED_RULES)


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def _linked_elsewhere(finding) -> bool:
    """A finding without a fix whose cause is in another file (env-file variables feeding a command).

    Fixing that other file (its own FL302) changes or removes it, so it is not
    expected to stay the same after `--fix`.
    """
    return not finding["fix"] and any(r["path"] != finding["path"] for r in finding["related"])


def _by_rule(document) -> tuple[Counter, Counter]:
    """(fixable, unfixable) findings by (path, rule), leaving out the ones linked to another file's variables."""
    fixable, unfixable = Counter(), Counter()
    for f in document["findings"]:
        if not _linked_elsewhere(f):
            (fixable if f["fix"] else unfixable)[(f["path"], f["rule"])] += 1
    return fixable, unfixable


def _contained(document) -> int:
    """Fixes whose edits lie inside another fix of the same file (a combined FL101's `--debug` removal inside
    the FL301 that replaces the whole command): applying the outer one fixes both, so one fix is counted."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for f in document["findings"]:
        if f["fix"]:
            spans.setdefault(f["path"], []).append((min(e["start"] for e in f["fix"]["edits"]),
                                                    max(e["end"] for e in f["fix"]["edits"])))
    inside = 0
    for ranges in spans.values():
        for i, (start, end) in enumerate(ranges):
            if any(j != i and s <= start and end <= e and (s, e) != (start, end) for j, (s, e) in enumerate(ranges)):
                inside += 1
    return inside


def _remaining(document) -> Counter:
    return Counter((f["path"], f["rule"]) for f in document["findings"] if not _linked_elsewhere(f))


def test_fixing_the_corpus_removes_every_fixable_finding_and_is_idempotent(corpus_copy, scan_json, run_cli):
    fixable, unfixable = _by_rule(scan_json(str(corpus_copy)))
    assert {rule for _, rule in fixable} >= set(PYTHON_FIXED_RULES)
    before = scan_json(str(corpus_copy))
    half_fixed = {  # FL101 whose debugger comes from a config class: the fix binds 127.0.0.1, FL102 remains
        f["path"] for f in before["findings"] if f["rule"] == "FL101" and f["fix"] and "debugger stays on" in f["fix"]["description"]
    }
    code, _, err = run_cli("check", "--fix", "--unsafe-fixes", str(corpus_copy))
    assert code == 1  # FL106 and friends have no fix and remain
    after = scan_json(str(corpus_copy))
    applied = sum(fixable.values()) - _contained(before)
    assert f"Fixed {applied} findings ({len(after['findings'])} remaining)." in err
    remaining = _remaining(after)
    revealed = remaining - unfixable
    # what a fix may reveal: the FL102 of a config whose FL101 fix bound 127.0.0.1, and a config's DEBUG that
    # `flask run` overrode, now served by the gunicorn an FL301 fix put there (in the same case)
    def case(path: str) -> str:
        return Path(path).resolve().relative_to(corpus_copy.resolve()).parts[0]

    served = {case(f["path"]) for f in before["findings"] if f["rule"] == "FL301" and f["fix"]}
    assert all(rule == "FL102" and (path in half_fixed or case(path) in served) for path, rule in revealed), revealed
    assert unfixable <= remaining
    assert not any(f["fix"] for f in after["findings"])
    for path in corpus_copy.rglob("*.py"):
        if "{{" not in str(path) and parses((CORPUS / path.relative_to(corpus_copy)).read_text(encoding="utf-8")):
            assert_parses(path.read_text(encoding="utf-8"))
    assert_config_files_parse(corpus_copy)
    snapshot = _snapshot(corpus_copy)
    code, _, err = run_cli("check", "--fix", "--unsafe-fixes", str(corpus_copy))
    assert "Fixed 0 findings" in err and _snapshot(corpus_copy) == snapshot


def test_safe_fixes_leave_the_unsafe_ones(corpus_copy, scan_json, run_cli):
    fixable, unfixable = _by_rule(scan_json(str(corpus_copy)))
    unsafe = Counter({k: v for k, v in fixable.items() if load_catalog()[k[1]].fix_safety_level == "unsafe"})
    assert unsafe and {rule for _, rule in unsafe} == {"FL104", "FL301"}
    run_cli("check", "--fix", str(corpus_copy))
    after = scan_json(str(corpus_copy))
    remaining = _remaining(after)
    revealed = remaining - (unfixable + unsafe)  # FL102 left by a half-fixable FL101 (config-class debugger)
    assert all(rule == "FL102" for _, rule in revealed), revealed
    assert unfixable + unsafe <= remaining
    assert all(f["fix"]["safety"] == "unsafe" for f in after["findings"] if f["fix"])


def test_diff_shows_the_changes_and_writes_nothing(corpus_copy, run_cli):
    snapshot = _snapshot(corpus_copy)
    code, out, err = run_cli("check", "--diff", "--unsafe-fixes", str(corpus_copy))
    assert code == 1
    assert _snapshot(corpus_copy) == snapshot
    assert f"--- {corpus_copy}/py-debug-bind-all/server.py\n" in out
    assert '-    app.run(host="0.0.0.0", debug=True)  # expect: FL101\n' in out
    assert '+    app.run(host="127.0.0.1")  # expect: FL101\n' in out
    assert "Would fix" in err
    run_cli("check", "--fix", "--unsafe-fixes", str(corpus_copy))
    code, out, _ = run_cli("check", "--diff", "--unsafe-fixes", str(corpus_copy))
    assert (code, out) == (0, "")


def test_json_reports_each_fix_with_offsets_and_ranges(scan_json):
    document = scan_json(str(CORPUS / "py-debug-bind-all"))
    (finding,) = document["findings"]
    fix = finding["fix"]
    assert set(fix) == {"description", "safety", "edits"} and fix["safety"] == "safe"
    text = (CORPUS / "py-debug-bind-all" / "server.py").read_text(encoding="utf-8")
    for edit in fix["edits"]:
        assert set(edit) == {"start", "end", "replacement", "range"}
        lines = text.splitlines(keepends=True)
        start = sum(len(line) for line in lines[: edit["range"]["start"]["line"] - 1]) + edit["range"]["start"]["column"] - 1
        assert start == edit["start"]
    json.dumps(document)


def assert_config_files_parse(root):
    """Fixed YAML, TOML and JSON files still load (fixes of every family must keep their format valid)."""
    import json
    import tomllib

    import yaml

    for path in root.rglob("*"):
        if path.is_file() and (path.suffix in (".yml", ".yaml", ".json", ".toml")
                               and "{{" in path.read_text(encoding="utf-8") or path.name == "devcontainer.json"):
            continue  # templates and JSONC (comments, trailing commas) were not valid as such before fixing either
        if path.suffix in (".yml", ".yaml"):
            list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
        elif path.suffix == ".toml":
            tomllib.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
