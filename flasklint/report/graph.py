"""The deployment picture: launchers, what they run and where a dev server starts, as Mermaid, DOT or JSON.

picture.py builds a `DeploymentGraph` from the deployment model; this module only draws it,
with pure functions and no file access. Nodes are grouped by the file they
come from (a Mermaid subgraph, a DOT cluster); offending nodes and edges (a
path by which a development server is reached where it should not be) are
drawn red and thick. Labels come from scanned files and may hold anything, so
each syntax gets its own escaping, and ids are never taken from labels or paths.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, Optional

KINDS = ("launcher", "script", "module", "start", "env")
VERDICTS = ("production", "development", "test", "unknown")

OFFENDING_COLOUR = "#d1242f"
"""GitHub's danger red: readable on the light and the dark theme."""


@dataclass(frozen=True)
class GraphNode:
    """One launcher, script, module, dev-server start or environment source, where it is written."""

    id: str
    label: str
    kind: str  # "launcher" | "script" | "module" | "start" | "env"
    path: str
    line: int
    verdict: Optional[str]  # production | development | test | unknown | None
    offending: bool


@dataclass(frozen=True)
class GraphEdge:
    """`source` runs, imports or configures `target` (node ids); `label` says how (`runs`, `env_file`)."""

    source: str
    target: str
    label: str
    offending: bool


@dataclass(frozen=True)
class DeploymentGraph:
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]


def _short_ids(graph: DeploymentGraph) -> dict[str, str]:
    """Model ids -> `n0`, `n1`, ...: safe in every syntax whatever the model's ids contain.

    Raises ValueError for an edge whose end is not a node (a broken model should
    fail loudly rather than draw a picture with a node missing).
    """
    ids: dict[str, str] = {}
    for node in graph.nodes:
        ids.setdefault(node.id, f"n{len(ids)}")
    for edge in graph.edges:
        for end in (edge.source, edge.target):
            if end not in ids:
                raise ValueError(f"edge {edge.source!r} -> {edge.target!r}: no node {end!r}")
    return ids


def _files(graph: DeploymentGraph) -> dict[str, list[GraphNode]]:
    """Nodes grouped by file, in first-seen order; nodes without a path under ""."""
    groups: dict[str, list[GraphNode]] = {}
    for node in graph.nodes:
        groups.setdefault(node.path, []).append(node)
    return groups


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _clean(text: str) -> str:
    """Newlines as \\n, other control characters and lone surrogates as U+FFFD: never raw in the output."""
    return _CONTROL.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def _one_line(text: str) -> str:
    """For what must stay on one line (file names, edge labels): newlines become spaces."""
    return _clean(text).replace("\n", " ")


def _node_text(node: GraphNode) -> list[str]:
    """The lines a node shows: its label, then its line (the file is the group's title) and its verdict."""
    where = f"line {node.line}" if node.path and node.line > 0 else ""
    verdict = node.verdict or ""
    tail = " · ".join(part for part in (where, verdict) if part)
    label = _clean(node.label).split("\n") if node.label else []
    return [*label, *([_one_line(tail)] if tail else [])] or [""]


# ---- Mermaid ---------------------------------------------------------------

_MERMAID_ENTITIES = {"#": "#35;", '"': "#quot;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "`": "#96;", "|": "#124;", "%": "#37;", "\\": "#92;"}
_MERMAID_SPECIAL = re.compile("[" + re.escape("".join(_MERMAID_ENTITIES)) + "]")

_MERMAID_SHAPES = {
    "launcher": ('(["', '"])'),
    "script": ('["', '"]'),
    "module": ('[["', '"]]'),
    "start": ('{{"', '"}}'),
    "env": ('[("', '")]'),
}


def mermaid_text(text: str) -> str:
    """One line of a quoted Mermaid label: every character Mermaid could read as syntax as an entity code.

    Each character is replaced once (so `#` cannot start a fake entity), `<`/`>`
    never reach the HTML label, a backtick cannot open a markdown string, `%%`
    cannot start a comment. In a label with several lines Mermaid reads a
    backslash before `n` as a line break even when encoded, so a word joiner
    (U+2060, invisible) goes between them. Mermaid also edits the raw diagram text before
    parsing: on any line holding `style` or `classDef`, then `:`, `#` and `;`,
    it drops the last `;` (mermaidAPI's encodeEntities), which would break our
    entity codes; so those two words get one letter encoded.
    """
    escaped = _MERMAID_SPECIAL.sub(lambda m: _MERMAID_ENTITIES[m.group()], text.replace("\\n", "\\\u2060n"))
    return escaped.replace("style", "st#121;le").replace("classDef", "class#68;ef")


def _mermaid_label(lines: list[str]) -> str:
    return "<br/>".join(mermaid_text(line) for line in lines)


def to_mermaid(graph: DeploymentGraph) -> str:
    """A `flowchart LR`: one subgraph per file, offending nodes and edges in red, development ones dashed."""
    ids = _short_ids(graph)
    out = ["flowchart LR"]
    for index, (path, nodes) in enumerate(_files(graph).items()):
        indent = "    " if path else "  "
        if path:
            out.append(f'  subgraph f{index}["{mermaid_text(_one_line(path))}"]')
        for node in nodes:
            open_, close = _MERMAID_SHAPES.get(node.kind, _MERMAID_SHAPES["script"])
            out.append(f"{indent}{ids[node.id]}{open_}{_mermaid_label(_node_text(node))}{close}")
        if path:
            out.append("  end")
    for edge in graph.edges:
        arrow = "==>" if edge.offending else "-->"
        label = f'|"{mermaid_text(_one_line(edge.label))}"|' if edge.label else ""
        out.append(f"  {ids[edge.source]} {arrow}{label} {ids[edge.target]}")
    out.append(f"  classDef offending fill:#ffebe9,stroke:{OFFENDING_COLOUR},stroke-width:3px,color:#000")
    out.append("  classDef development stroke-dasharray:4 3")
    offending = [ids[n.id] for n in graph.nodes if n.offending]
    quiet = [ids[n.id] for n in graph.nodes if not n.offending and n.verdict in ("development", "test")]
    if offending:
        out.append(f"  class {','.join(offending)} offending")
    if quiet:
        out.append(f"  class {','.join(quiet)} development")
    red = [str(i) for i, edge in enumerate(graph.edges) if edge.offending]
    if red:
        out.append(f"  linkStyle {','.join(red)} stroke:{OFFENDING_COLOUR},stroke-width:3px")
    return "\n".join(out) + "\n"


# ---- Graphviz DOT ----------------------------------------------------------

_DOT_SHAPES = {"launcher": "box", "script": "note", "module": "component", "start": "hexagon", "env": "cylinder"}


def dot_text(text: str) -> str:
    """A DOT quoted string's content: `\\N`, `\\l`, `"` and `&lt;` stay literal.

    Graphviz reads backslash escapes and HTML entities in quoted strings, so
    backslashes, quotes and ampersands are escaped.
    """
    return text.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')


def _dot_label(lines: list[str]) -> str:
    return "\\n".join(dot_text(line) for line in lines)


def _dot_node(short: str, node: GraphNode) -> str:
    attrs = [f'label="{_dot_label(_node_text(node))}"', f"shape={_DOT_SHAPES.get(node.kind, 'box')}"]
    if node.offending:
        attrs += [f'color="{OFFENDING_COLOUR}"', 'fillcolor="#ffebe9"', "style=filled", "penwidth=3"]
    elif node.verdict in ("development", "test"):
        attrs.append("style=dashed")
    return f"{short} [{', '.join(attrs)}];"


def to_dot(graph: DeploymentGraph) -> str:
    """A Graphviz digraph: one `cluster_` subgraph per file, offending nodes filled red, offending edges thick."""
    ids = _short_ids(graph)
    out = [
        "digraph deployment {",
        "  rankdir=LR;",
        '  graph [fontname="Helvetica", fontsize=12];',
        '  node [fontname="Helvetica", fontsize=11];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for index, (path, nodes) in enumerate(_files(graph).items()):
        if path:
            out.append(f"  subgraph cluster_{index} {{")
            out.append(f'    label="{dot_text(_one_line(path))}"; style=rounded; color="#8c959f";')
            out.extend(f"    {_dot_node(ids[node.id], node)}" for node in nodes)
            out.append("  }")
        else:
            out.extend(f"  {_dot_node(ids[node.id], node)}" for node in nodes)
    for edge in graph.edges:
        attrs = [f'label="{dot_text(_one_line(edge.label))}"'] if edge.label else []
        if edge.offending:
            attrs += [f'color="{OFFENDING_COLOUR}"', "penwidth=3"]
        suffix = f" [{', '.join(attrs)}]" if attrs else ""
        out.append(f"  {ids[edge.source]} -> {ids[edge.target]}{suffix};")
    out.append("}")
    return "\n".join(out) + "\n"


# ---- JSON ------------------------------------------------------------------


def to_json(graph: DeploymentGraph) -> dict[str, Any]:
    """`{"nodes": [...], "edges": [...], "files": [...]}` with the model's own ids; `from_json` reads it back."""
    _short_ids(graph)  # the same check as the pictures: every edge joins two nodes
    return {
        "nodes": [asdict(node) for node in graph.nodes],
        "edges": [asdict(edge) for edge in graph.edges],
        "files": [path for path in _files(graph) if path],
    }


def from_json(data: dict[str, Any]) -> DeploymentGraph:
    return DeploymentGraph(
        nodes=tuple(
            GraphNode(
                id=str(n["id"]), label=str(n["label"]), kind=str(n["kind"]), path=str(n["path"]),
                line=int(n["line"]), verdict=None if n.get("verdict") is None else str(n["verdict"]),
                offending=bool(n["offending"]),
            )
            for n in data["nodes"]
        ),
        edges=tuple(
            GraphEdge(str(e["source"]), str(e["target"]), str(e["label"]), bool(e["offending"])) for e in data["edges"]
        ),
    )
