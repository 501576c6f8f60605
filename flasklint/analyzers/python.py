"""The Python analyzer's registered entry: parse one file, walk it, apply the rules, attach fixes.

The work lives in the `flasklint.python` package (see its docstring for the
map): `prefilter` (which files to parse), `walker` (the single `ast` pass),
`values` (how `host`/`debug` and receivers resolve), `rules` (the FL101-FL106
decisions), `facts` (what the project pass and deployment model read) and
`fixes` (LibCST rewrites). Detection uses CPython's own parser because it is
~20x cheaper than LibCST with positions (see README, "Architecture"); LibCST is
used where only it will do: rewriting code for fixes.
"""

from __future__ import annotations

import ast

from flasklint.analyzers import pylaunchers
from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.model import FileResult, Finding
from flasklint.python import fixes as pyfix
from flasklint.python.changes import FixPlan
from flasklint.python import parsing
from flasklint.python.facts import build_facts
from flasklint.python.prefilter import may_matter, screen_facts
from flasklint.python.rules import Rules
from flasklint.python.walker import Walker
from flasklint.sources.source import SourceText

__all__ = ["RULES", "analyze", "may_matter", "screen_facts"]

RULES = ("FL101", "FL102", "FL103", "FL104", "FL105", "FL106")


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    """Analyse one Python file's text."""
    report = Reporter(context, source)
    if parsing.too_many_tokens(source.text):
        return report.fail(f"more than {parsing.MAX_PARSE_TOKENS:,} tokens: CPython's parser would need more than "
                           f"{parsing.MAX_PARSE_TOKENS * 800 >> 20} MiB (about 800 bytes a token); not analysed")
    try:
        parsed = parsing.parse(source.text, context.display_path)
    except RecursionError:
        return report.fail("nested too deeply for the Python parser; not analysed")
    except MemoryError:
        return report.fail("too large for the Python parser (out of memory); not analysed")
    except ValueError as exc:  # e.g. source with NUL bytes
        return report.fail(f"cannot parse: {exc}")
    if parsed.problem is not None:
        report.warn(parsed.problem)
    if parsed.tree is None:
        return report.result()
    tree = parsed.tree
    walker = Walker()
    try:
        walker.visit(tree)
        rules = Rules(walker.walk, source, report, tree)
        rules.collect()
        starts = rules.evaluate_starts()
        rules.report_debug_sources()
        facts = build_facts(walker.walk, rules, report, starts)
        facts.update(pylaunchers.check(report, tree))  # gunicorn.conf.py's wsgi_app/raw_env, setup.py's Flask pin
    except RecursionError:
        return report.fail("nested too deeply to analyse; not analysed")
    if context.options.get("fixes", True) and parsed.complete:
        _attach_fixes(report, source, rules.plans, tree)
    return report.result(facts)


def _attach_fixes(report: Reporter, source: SourceText, plans: list[tuple[Finding, FixPlan]], tree: ast.AST) -> None:
    """Build the planned fixes with LibCST (only for files that have some) and put them on their findings."""
    if not plans:
        return
    fixes, problem = pyfix.build_fixes(source, [plan for _, plan in plans], tree)
    if problem:
        report.warn(problem)
    for (finding, _), fix in zip(plans, fixes):
        if fix is not None:
            report.attach_fix(finding, fix)
