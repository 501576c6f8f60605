"""The deployment graph as a picture: launchers, what each runs, and where a dev server starts.

`picture` keeps what explains the findings: every launcher that runs something, every unit on the
chain that reaches a finding, and one node per finding's place with its verdict. A finding that is
reported marks its node, and the production chain that reaches it, as offending. Drawing is
`flasklint.report.graph`'s job.
"""

from __future__ import annotations

from typing import Iterable, Optional

from flasklint.deployment.graph import DEVELOPMENT, PRODUCTION, Edge, Graph, part_name
from flasklint.deployment.units import ENV, FUNC, MAIN, MAKE, MODULE, SCRIPT, SERVICE, STAGE, UnitKey
from flasklint.findings.catalog import load_catalog
from flasklint.model import Finding
from flasklint.report.graph import DeploymentGraph, GraphEdge, GraphNode

__all__ = ["picture"]

MAX_NODES = 400
"""Beyond this the picture stops growing (a monorepo's graph is a list, not a picture)."""

_KIND = {MAIN: "module", MODULE: "module", FUNC: "module", SCRIPT: "script", MAKE: "script", ENV: "env"}


def _unit_id(unit: UnitKey) -> str:
    return "u:" + "|".join(unit)


def _label(graph: Graph, unit: UnitKey) -> str:
    """The unit as its file's group shows it (the group is labelled with the path)."""
    base = unit[1].rsplit("/", 1)[-1]
    part = part_name(unit, graph.files)
    if unit[0] == MAIN:
        return f"{base} {part}"
    if unit[0] == MAKE:
        return f"make {unit[2]}"
    return part or base


def _line(graph: Graph, unit: UnitKey) -> int:
    kind, path, name = unit
    units = graph.files.get(path)
    if units is None:
        return 1
    if kind == STAGE:
        info = units.stage_info(name)
        return int(info["line"]) if info else 1
    if kind == SERVICE:
        info = units.service_info(name)
        return int(info["line"]) if info else 1
    if kind == MAKE:
        span = units.facts.get("make_targets", {}).get(name)
        return int(span[0]) if span else 1
    return 1


def picture(graph: Graph, shown: Iterable[Finding], hidden: Iterable[Finding] = ()) -> DeploymentGraph:
    catalog = load_catalog()
    nodes: dict[str, GraphNode] = {}
    edges: dict[tuple[str, str], GraphEdge] = {}
    offending_units: set[UnitKey] = set()

    def add_unit(unit: UnitKey, offending: bool = False) -> Optional[str]:
        node_id = _unit_id(unit)
        if node_id not in nodes:
            if len(nodes) >= MAX_NODES:
                return None
            role = graph.roles.get(unit)
            verdict = PRODUCTION if unit in graph.reached.get(PRODUCTION, {}) else (
                DEVELOPMENT if unit in graph.reached.get(DEVELOPMENT, {}) else role)
            nodes[node_id] = GraphNode(node_id, _label(graph, unit), "launcher" if role else _KIND.get(unit[0], "launcher"),
                                       unit[1], _line(graph, unit), verdict, offending)
        elif offending and not nodes[node_id].offending:
            old = nodes[node_id]
            nodes[node_id] = GraphNode(old.id, old.label, old.kind, old.path, old.line, old.verdict, True)
        return node_id

    def add_edge(edge: Edge, offending: bool) -> None:
        source, target = add_unit(edge.source, offending), add_unit(edge.target, offending)
        if source is None or target is None:
            return
        key = (source, target)
        if key not in edges or (offending and not edges[key].offending):
            label = edge.label if edge.label.startswith(edge.how) else f"{edge.how} {edge.label}"
            edges[key] = GraphEdge(source, target, label.strip(), offending)

    for role in (PRODUCTION, DEVELOPMENT):
        for unit, r in sorted(graph.roles.items()):
            if r == role and graph.edges.get(unit):
                add_unit(unit)
    for finding, reported in [(f, True) for f in shown] + [(f, False) for f in hidden]:
        units = graph.files.get(finding.path)
        unit = graph.unit_at(finding.path, finding.span.start.line) if units is not None else None
        if unit is None:
            continue
        offending = reported and finding.context == PRODUCTION
        for role in (PRODUCTION, DEVELOPMENT):
            for edge in graph.chain(unit, role) or ():
                add_edge(edge, offending and role == PRODUCTION)
        unit_id = add_unit(unit, reported)
        if unit_id is None:
            continue
        start_id = f"f:{finding.path}:{finding.span.start.line}:{finding.rule}"
        if start_id not in nodes and len(nodes) < MAX_NODES:
            nodes[start_id] = GraphNode(start_id, f"{finding.rule} {catalog[finding.rule].name}", "start",
                                        finding.path, finding.span.start.line, finding.context or None, reported)
            edges[(unit_id, start_id)] = GraphEdge(unit_id, start_id, "starts", reported)
        if reported:
            offending_units.add(unit)
        upstream = {edge.source for role in (PRODUCTION, DEVELOPMENT) for edge in graph.chain(unit, role) or ()}
        for related in finding.related:  # the hops of a combined finding: the script it runs, the env line
            other = graph.files.get(related.path)
            target = other.at(related.span.start.line) if other is not None else None
            if target is None or target == unit or target in upstream:
                continue
            direct = next((e for e in graph.edges.get(unit, ()) if e.target == target), None)
            if direct is not None:
                add_edge(direct, offending)
                continue
            target_id = add_unit(target, offending)
            if target_id is not None and (unit_id, target_id) not in edges:
                edges[(unit_id, target_id)] = GraphEdge(unit_id, target_id, "reaches", offending)
    for unit in sorted(u for u in graph.roles if _unit_id(u) in nodes):
        for edge in graph.edges.get(unit, ()):
            if _unit_id(edge.target) in nodes:
                add_edge(edge, False)
    return DeploymentGraph(tuple(nodes.values()), tuple(edges.values()))
