"""The catalog is the one source of rule text: complete, consistent, and its examples are tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flasklint import analyzers
from flasklint.knowledge import kinds
from flasklint.analyzers.base import AnalysisContext
from flasklint.findings.catalog import load_catalog, markdown_table
from flasklint.sources.source import decode

ROOT = Path(__file__).resolve().parent.parent
DESIGN_IDS = {"FL101", "FL102", "FL103", "FL104", "FL105", "FL106", "FL201", "FL202", "FL301", "FL302"}


def test_catalog_has_every_rule_of_the_design():
    assert set(load_catalog()) == DESIGN_IDS


@pytest.mark.parametrize("rule_id", sorted(DESIGN_IDS))
def test_rule_is_complete(rule_id):
    rule = load_catalog()[rule_id]
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.name)
    assert rule.cwe and rule.summary and rule.what_it_does.strip() and rule.why_bad.strip()
    assert rule.fix_safety.strip() and rule.references
    assert rule.fix_safety_level in ("safe", "unsafe", "none")
    assert len(rule.examples_of("bad")) >= 2 and len(rule.examples_of("good")) >= 2
    text = rule.explain()
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix safety", "## References"):
        assert section in text


def _examples():
    implemented = analyzers.implemented_rules()
    for rule in load_catalog().values():
        if rule.id not in implemented:
            continue
        for index, example in enumerate(rule.examples):
            kind = kinds.classify(example.filename, example.code.encode()[:512])
            spec = analyzers.spec_for(kind) if kind else None
            if spec is not None and rule.id in spec.rules:
                yield pytest.param(rule.id, example, id=f"{rule.id}-{example.verdict}-{index}-{example.filename}")


@pytest.mark.parametrize("rule_id, example", list(_examples()))
def test_catalog_examples_behave_as_documented(rule_id, example):
    kind = kinds.classify(example.filename, example.code.encode()[:512])
    source = decode(example.code.encode(), python=kind == kinds.PYTHON)
    result = analyzers.analyze(kind, source, AnalysisContext(example.filename, kind))
    found = {f.rule for f in result.findings}
    assert not result.diagnostics
    if example.verdict == "bad":
        assert rule_id in found, f"bad example of {rule_id} produced {found or 'nothing'}"
    else:
        assert not found, f"good example of {rule_id} produced {found}"


def test_every_python_rule_has_runnable_examples():
    ids = {param.values[0] for param in _examples()}
    assert {"FL101", "FL102", "FL103", "FL104", "FL105", "FL106"} <= ids


def test_readme_rule_table_is_generated_from_the_catalog():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- rules-table:start -->\n(.*?)<!-- rules-table:end -->", readme, re.S)
    assert match, "README.md lacks the rules-table markers"
    assert match.group(1) == markdown_table(), "README rule table is stale: run `flasklint rules --format markdown`"


def test_a_checkout_reads_its_own_rules_folder():
    """Run from a checkout, the catalog is this checkout's `rules/`, not an installed copy's (the module's depth
    in the package decides where it looks: a move that changes it must not silently read another tree)."""
    from flasklint.findings.catalog import _rule_files

    assert {Path(entry).parent for entry in _rule_files()} == {ROOT / "rules"}
