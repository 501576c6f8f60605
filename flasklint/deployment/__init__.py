"""The deployment model: which findings someone who should not can reach, decided once per scan.

The question every rule answers is reachability, so context lives here, in one place, and the
analyzers stay pure (facts out):

    graph.py     launchers, edges (runs / imports / loads / builds / inherits), reachability
    units.py     the pieces of files that run, and where a finding sits
    verdicts.py  production / development / test / unknown for a unit, with the reason
    combine.py   one production finding per server start, placed at the launcher that starts it
    (here)       the reporting policy: what is shown by default, at which severity

Policy: production and unknown findings keep their rule's severity. In development and test only
an exposed debugger is shown by default (FL101, and FL105 where the server is exposed), at high;
everything else is left out and counted, and `--include-dev` shows it at low.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from flasklint.sources.collector import collector_paused, older_objects_spared
from flasklint.deployment.combine import combine
from flasklint.deployment.graph import DEVELOPMENT, PRODUCTION, Graph
from flasklint.deployment.places import hop
from flasklint.deployment.serving import is_debug_mode_statement, overridden_by_flask_run, served_units
from flasklint.deployment.units import ENV, FUNC, MAIN, UnitKey
from flasklint.deployment.verdicts import CONTEXTS, TEST, UNKNOWN, Verdict, uncalled_factory, verdict_for
from flasklint.model import Diagnostic, FileResult, Finding, Severity

__all__ = ["Judged", "judge", "judge_findings", "Graph", "CONTEXTS", "PRODUCTION", "DEVELOPMENT", "TEST", "UNKNOWN"]

ALWAYS_SHOWN = frozenset({"FL101"})
"""Rules shown in development and test too: a debugger on all interfaces is reachable by others."""
SHOWN_WHEN_EXPOSED = frozenset({"FL105"})
"""Shown in development when the same launcher also exposes a server (no PIN on a reachable debugger)."""
PART_OF_FL301 = frozenset({"FL103"})
"""Binding all interfaces in a script production runs is what its server must do; FL301 says what is wrong."""
NOT_FOR_SCRIPTS = frozenset({"FL104"})
"""Server-at-import-time: wrong for a unit that is never imported (a package's `__main__.py`)."""


@dataclass
class Judged:
    shown: list[Finding] = field(default_factory=list)
    hidden: list[Finding] = field(default_factory=list)
    """Development/test findings left out by default (shown at low with include_dev)."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    graph: Optional[Graph] = None
    messages: dict[str, str] = field(default_factory=dict)
    """Each placed message once: many findings of one launcher get the same verdict suffix."""


def judge(findings: Sequence[Finding], results: dict[str, FileResult], file_kinds: dict[str, str],
          dev_reasons: dict[str, Optional[str]], *, include_dev: bool = False) -> Judged:
    """Give every finding its verdict, combine findings per start, and apply the reporting policy."""
    # the graph allocates units, facts and edges for every start and frees none: no collection can
    # find garbage in it, nor in the scan's results it reads (flasklint/sources/collector.py)
    with older_objects_spared(), collector_paused():
        return _judge(findings, results, file_kinds, dev_reasons, include_dev=include_dev)


def _judge(findings: Sequence[Finding], results: dict[str, FileResult], file_kinds: dict[str, str],
           dev_reasons: dict[str, Optional[str]], *, include_dev: bool) -> Judged:
    graph = Graph.build(results, file_kinds, dev_reasons)
    combined = combine(graph, results)
    kept = [f for f in findings
            if (f.rule, f.path, f.span.start.line) not in combined.absorbed
            and (f.rule, f.path, f.span) not in combined.replaced and not _chosen_off(f, combined)]
    judged = judge_findings(graph, kept, dev_reasons, include_dev=include_dev)
    judged.diagnostics = list(graph.diagnostics)
    standing = {(f.rule, f.path, f.span) for f in kept}
    fresh = [f for f in combined.fallbacks if (f.rule, f.path, f.span) not in standing]
    variables = {(f.path, f.span.start.line): f.fix for f in findings if f.rule == "FL302" and f.fix is not None}
    for finding in combined.findings + fresh:
        borrowed = combined.borrowed_fixes.get((finding.rule, finding.path, finding.span))
        if borrowed is not None and finding.fix is None and borrowed in variables:
            finding = finding.with_changes(fix=variables[borrowed])  # turning the variable off fixes it
        chain = tuple(hop(r.path, r.span.start.line) for r in finding.related)
        judged.shown.append(finding.with_changes(context=PRODUCTION, launch_path=chain))
    for finding, edges in combined.development:
        root = edges[0].source if edges else graph.unit_at(finding.path, finding.span.start.line) or (
            "file", finding.path, "")  # a development launcher that is its own root
        label = graph.labels.get(root, root[1])
        verdict = Verdict(DEVELOPMENT, f"run only by the development launcher {label}", tuple(edges), label)
        _place(judged, finding, verdict, finding.rule == "FL101", include_dev)
    _absorb_named_variables(judged)
    _with_source_lines(judged, results)
    return judged


def _chosen_off(finding: Finding, combined) -> bool:
    """A config's DEBUG reported because a load picks it by default, where every production launcher sets the
    variable to a config with DEBUG off (the load is a related location of the finding, in another file)."""
    return finding.rule == "FL102" and any(
        r.path != finding.path and (r.path, r.span.start.line) in combined.chosen_by_deployment for r in finding.related)


def _with_source_lines(judged: Judged, results: dict[str, FileResult]) -> None:
    """Findings made from facts (combined, cross-file) get the lines their file's own findings kept there."""
    missing = [f for f in judged.shown + judged.hidden if not f.source_lines]
    if not missing:
        return
    lines: dict[tuple[str, int], tuple[str, ...]] = {}
    for path, result in results.items():
        for start in result.facts.get("command_starts", ()):  # first: a start's lines cover its whole span
            if start.get("source"):
                lines.setdefault((path, int(start["line"])), tuple(start["source"]))
        for finding in result.findings:
            if finding.source_lines:
                lines.setdefault((path, finding.span.start.line), finding.source_lines)
    for bucket in (judged.shown, judged.hidden):
        bucket[:] = [f if f.source_lines or (f.path, f.span.start.line) not in lines
                     else f.with_changes(source_lines=lines[(f.path, f.span.start.line)]) for f in bucket]


def judge_findings(graph: Graph, findings: Sequence[Finding], dev_reasons: dict[str, Optional[str]], *,
                   include_dev: bool = False) -> Judged:
    """The policy for findings of a known graph (also what `--fix` asks of a file it re-analysed)."""
    judged = Judged(graph=graph)
    verdicts: dict[UnitKey, Verdict] = {}
    placed = [(finding, _unit(graph, finding)) for finding in findings]
    exposed = {unit for finding, unit in placed if finding.rule == "FL101"} | _exposed_starts(graph)
    for finding, unit in placed:
        if unit is not None and unit[0] == ENV and finding.rule == "FL101" and _loaded(graph, unit):
            continue  # "flask run here would expose it": the launcher that loads the file decides instead
        verdict = _verdict(graph, unit, dev_reasons, verdicts) if unit is not None else Verdict(UNKNOWN, "")
        if finding.rule == "FL102":
            verdict = _factory_load(graph, finding, verdict)
        if (finding.rule == "FL102" and verdict.context == PRODUCTION and unit is not None
                and unit not in served_units(graph) and is_debug_mode_statement(graph, finding.path,
                                                                                  finding.span.start.line)):
            # production only imports it, from a script that serves no app with it (a CLI tool, run_simple),
            # or serves it with `flask run`, which sets debug mode from FLASK_DEBUG over the app's own
            how = ("; `flask run` sets debug mode from FLASK_DEBUG (and FLASK_ENV before Flask 2.3) after loading "
                   "the app, over this statement"
                   if overridden_by_flask_run(graph, unit) else ", which serves no app with it")
            verdict = Verdict(DEVELOPMENT, f"{verdict.reason}{how}", verdict.chain, verdict.root)
        if finding.rule in NOT_FOR_SCRIPTS and unit is not None and unit[0] == MAIN:
            continue  # "importing this module starts a server": a unit that runs only as a script is never imported
        if finding.rule in PART_OF_FL301 and verdict.context == PRODUCTION and unit is not None and (
                unit[0] in (MAIN, FUNC) or _run_as_program(verdict)):
            continue  # production runs this script: its FL301 is the finding, and a server must bind all there
        _place(judged, finding, verdict, unit in exposed, include_dev)
    return judged


def _factory_load(graph: Graph, finding: Finding, verdict: Verdict) -> Verdict:
    """A config's DEBUG reported through a load in another file (a related location) is judged by that load:
    inside a factory production never calls, it does not run there (verdicts.uncalled_factory)."""
    for related in finding.related:
        if related.path == finding.path or related.path not in graph.files:
            continue
        refs = graph.files[related.path].facts.get("config_refs") or ()
        if any(int(ref.get("line", 0)) == related.span.start.line for ref in refs):
            return uncalled_factory(graph, related.path, related.span.start.line, verdict) or verdict
    return verdict


def _absorb_named_variables(judged: Judged) -> None:
    """An FL302 whose variable a debugger finding names is part of that finding."""
    debuggers = [f for f in judged.shown + judged.hidden if f.rule in ("FL101", "FL202")]
    # a variable named in its own file too: `ENV FLASK_ENV development` above the Dockerfile's `CMD flask run`
    # once the pinned Flask (flaskversion.py) makes it the debugger's origin (VERDICTS 10: one finding per start)
    named = {(r.path, r.span.start.line) for f in debuggers for r in f.related}
    files = {r.path for f in debuggers for r in f.related if r.path != f.path}
    if not named:
        return

    def absorbed(finding: Finding) -> bool:
        if finding.rule == "FL302":
            return (finding.path, finding.span.start.line) in named
        # an env file's own "flask run would expose this" FL101, when production's FL101 names that file
        return (finding.rule == "FL101" and finding.path in files
                and all(r.path == finding.path for r in finding.related))

    judged.shown = [f for f in judged.shown if not absorbed(f)]
    judged.hidden = [f for f in judged.hidden if not absorbed(f)]


def _run_as_program(verdict: Verdict) -> bool:
    """Reached by running a console script (its function is the script's body)."""
    from flasklint.commands.flaskcli import PROGRAM

    last = verdict.chain[-1] if verdict.chain else None
    return last is not None and last.fact is not None and last.fact.kind == PROGRAM


def _loaded(graph: Graph, unit: UnitKey) -> bool:
    return any(graph.chain(unit, role) for role in (PRODUCTION, DEVELOPMENT))


def _unit(graph: Graph, finding: Finding) -> Optional[UnitKey]:
    return graph.unit_at(finding.path, finding.span.start.line)


def _verdict(graph: Graph, unit: UnitKey, dev_reasons: dict[str, Optional[str]],
             cache: dict[UnitKey, Verdict]) -> Verdict:
    if unit not in cache:
        cache[unit] = verdict_for(graph, unit, dev_reasons.get(unit[1]))
    return cache[unit]


def _exposed_starts(graph: Graph) -> set[UnitKey]:
    """Units holding a start bound to all interfaces; computed once per graph (`--fix` asks per file)."""
    from flasklint.commands.checks import FACTS_KEY

    exposed = graph.__dict__.get("_exposed")
    if exposed is None:
        exposed = {units.at(int(raw["line"])) for units in graph.files.values()
                   for raw in units.facts.get(FACTS_KEY, ()) if raw.get("bind_all")}
        graph.__dict__["_exposed"] = exposed
    return exposed


def _dead_setting(finding: Finding) -> bool:
    """`FLASK_ENV=development` under Flask 2.3+ (flasklint.deployment.flaskversion): true, harmless, left out by default."""
    from flasklint.deployment.flaskversion import DEAD_SETTING

    return finding.severity == Severity.LOW and DEAD_SETTING in finding.message


def _place(judged: Judged, finding: Finding, verdict: Verdict, exposed: bool, include_dev: bool) -> None:
    chain = tuple(hop(edge.path, edge.line, edge.label) for edge in verdict.chain)
    message = finding.message
    if verdict.reason and verdict.context != UNKNOWN:
        message = f"{message} ({verdict.context}: {verdict.reason})"
        message = judged.messages.setdefault(message, message)
    finding = finding.with_changes(context=verdict.context, launch_path=chain, message=message)
    dead = _dead_setting(finding)
    if verdict.context in (PRODUCTION, UNKNOWN) and not dead:
        judged.shown.append(finding)
        return
    if not dead and finding.rule in ALWAYS_SHOWN or (finding.rule in SHOWN_WHEN_EXPOSED and exposed):
        judged.shown.append(finding.with_changes(severity=min(finding.severity, Severity.HIGH)))
        return
    if include_dev:
        judged.shown.append(finding.with_changes(severity=Severity.LOW))
    else:
        judged.hidden.append(finding)
