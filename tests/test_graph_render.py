"""The deployment picture draws any graph: Graphviz and real Mermaid render it, hostile labels stay text.

The renderers get hand-built graphs (the model that builds real ones lives in
flasklint/deployment/). Each picture is rendered by the real consumer, installed
by tests/install_consumers.sh: `dot -Tsvg` and Mermaid's CLI (`mmdc`, through
Debian's chromium); the text in the SVG must be exactly the labels we drew.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consumers import MMDC, PUPPETEER_CONFIG, require, run
from flasklint.report import graph as g
from flasklint.report.graph import DeploymentGraph, GraphEdge, GraphNode

HOSTILE = [
    'app.run(host="0.0.0.0", debug=True)',
    "web: python app.py [x] {y} (z) ((w)) [[v]] {{u}} [(t)] [/s/] >r]",
    "<b>bold</b> <script>alert(1)</script> &lt;not an entity&gt; &amp;",
    "`tick` *star* _under_ ~~strike~~ $math$",
    "pipe | -->|label| --> ==> -.-> A---B",
    "%% not a comment %%{init: {'theme': 'dark'}}%%",
    "#quot; #35; #9829; # hash",
    "end",
    'style:"x" classDef a:#b; styles.css:#quot; ;',
    "subgraph x; classDef evil fill:#f00; class n0 evil; click n0 call alert()",
    "back\\slash \\N \\G \\l \\n literal",
    "ünïcødé — “curly” ‘quotes’ 🐍 中文 עברית",
    "line one\nline two\r\nline three\rfour",
    "tab\tnul\x00bell\x07del\x7f lone\udcff surrogate \u2028 sep",
    "",
]


def hostile_graph() -> DeploymentGraph:
    """One node per hostile label, in files whose names are hostile too, joined into a chain."""
    nodes = tuple(
        GraphNode(
            id=f'id "{index}" [{text[:5]}]',
            label=text,
            kind=g.KINDS[index % len(g.KINDS)],
            path=["Procfile", 'dir with "quotes"/app [1].py', "styles/ünï:#é;.env", ""][index % 4],
            line=index + 1,
            verdict=[None, *g.VERDICTS][index % 5],
            offending=index % 3 == 0,
        )
        for index, text in enumerate(HOSTILE)
    )
    edges = tuple(
        GraphEdge(a.id, b.id, HOSTILE[(i + 3) % len(HOSTILE)], offending=i % 2 == 0)
        for i, (a, b) in enumerate(zip(nodes, nodes[1:]))
    )
    return DeploymentGraph(nodes, edges)


def small_graph() -> DeploymentGraph:
    return DeploymentGraph(
        nodes=(
            GraphNode("web", "web: python app.py", "launcher", "Procfile", 1, "production", True),
            GraphNode("main", "app.py as __main__", "script", "app.py", 10, "production", True),
            GraphNode("start", 'app.run(host="0.0.0.0")', "start", "app.py", 11, "production", True),
            GraphNode("dev", "flask run --debug", "launcher", "Procfile.dev", 1, "development", False),
        ),
        edges=(
            GraphEdge("web", "main", "runs", True),
            GraphEdge("main", "start", "calls", True),
            GraphEdge("dev", "start", "runs", False),
        ),
    )


def expected_lines(node: GraphNode) -> list[str]:
    return g._node_text(node)


def svg_texts(svg: str, tags: tuple[str, ...]) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(e.itertext()) for e in root.iter() if e.tag.rsplit("}", 1)[-1] in tags]


# ---- the text, without a consumer ----------------------------------------


def test_ids_in_the_output_never_come_from_the_model():
    text = g.to_mermaid(hostile_graph()) + g.to_dot(hostile_graph())
    assert 'id "0"' not in text and "n0" in text and f"n{len(HOSTILE) - 1}" in text


def test_an_edge_to_a_missing_node_is_an_error():
    broken = DeploymentGraph(small_graph().nodes, (GraphEdge("web", "nowhere", "runs", False),))
    for render in (g.to_mermaid, g.to_dot, g.to_json):
        with pytest.raises(ValueError, match="nowhere"):
            render(broken)


def test_nodes_are_grouped_by_file():
    graph = small_graph()
    mermaid = g.to_mermaid(graph)
    assert mermaid.count("subgraph ") == 3 and '["app.py"]' in mermaid
    app = mermaid.split('subgraph f1["app.py"]')[1].split("  end")[0]
    assert "n1" in app and "n2" in app and "n0" not in app
    dot = g.to_dot(graph)
    assert dot.count("subgraph cluster_") == 3
    assert "n1 [" in dot.split("cluster_1")[1].split("}")[0]


def test_offending_nodes_and_edges_are_marked():
    mermaid = g.to_mermaid(small_graph())
    assert "class n0,n1,n2 offending" in mermaid and "class n3 development" in mermaid
    assert "linkStyle 0,1 stroke:" in mermaid and "n0 ==>" in mermaid and "n3 -->" in mermaid
    dot = g.to_dot(small_graph())
    assert dot.count("penwidth=3") == 5  # three nodes, two edges
    assert "n3 -> n2 [label=\"runs\"];" in dot


def test_nothing_offending_adds_no_red():
    calm = DeploymentGraph(
        (GraphNode("a", "a", "script", "a.py", 1, "unknown", False),), ()
    )
    assert "class " not in g.to_mermaid(calm) and "linkStyle" not in g.to_mermaid(calm)
    assert g.OFFENDING_COLOUR not in g.to_dot(calm)


def test_json_round_trips_and_keeps_the_model_ids():
    graph = hostile_graph()
    data = g.to_json(graph)
    assert json.loads(json.dumps(data)) == data
    assert data["nodes"][0]["id"] == graph.nodes[0].id
    assert set(data["nodes"][0]) == {"id", "label", "kind", "path", "line", "verdict", "offending"}
    assert g.from_json(data) == graph
    assert data["files"] == ["Procfile", 'dir with "quotes"/app [1].py', "styles/ünï:#é;.env"]


@settings(max_examples=200, deadline=None)
@given(st.text(), st.text(), st.text())
def test_no_label_can_break_out_of_its_quotes(label, path, edge):
    graph = DeploymentGraph(
        (GraphNode("a", label, "script", path or "p", 1, None, False), GraphNode("b", "b", "script", "", 1, None, False)),
        (GraphEdge("a", "b", edge, False),),
    )
    lines = g.to_mermaid(graph).splitlines()
    assert len(lines) == 8 and lines[0] == "flowchart LR"
    assert re.fullmatch(r'  subgraph f0\["[^"`<>]*"\]', lines[1])
    assert re.fullmatch(r'    n0\["[^"`<>]*(<br/>[^"`<>]*)*"\]', lines[2])
    assert re.fullmatch(r'  n0 -->(\|"[^"`<>|]*"\|)? n1', lines[5])
    dot = g.to_dot(graph).splitlines()
    assert len(dot) == 12
    unquoted = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', "\n".join(dot))
    assert '"' not in unquoted.replace('""', "")


# ---- real consumers --------------------------------------------------------


def test_graphviz_renders_hostile_labels_exactly(tmp_path):
    dot = require("dot")
    graph = hostile_graph()
    done = run([dot, "-Tsvg"], input=g.to_dot(graph))
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr
    texts = svg_texts(done.stdout, ("text",))
    for node in graph.nodes:
        for line in expected_lines(node):
            if line.strip():
                assert line.strip() in [t.strip() for t in texts], line
    for edge in graph.edges:
        if edge.label.strip():
            assert g._one_line(edge.label).strip() in [t.strip() for t in texts], edge.label


def test_graphviz_colours_offending_nodes(tmp_path):
    done = run([require("dot"), "-Tsvg"], input=g.to_dot(small_graph()))
    assert done.returncode == 0
    assert done.stdout.count(f'stroke="{g.OFFENDING_COLOUR}"') >= 5


def _mmdc(tmp_path: Path, name: str, source: str) -> tuple[int, str, str]:
    """Render Mermaid with the real CLI through Debian's chromium; (exit code, SVG, stderr)."""
    tool = require(MMDC)
    require("chromium")
    source_file, out = tmp_path / f"{name}.mmd", tmp_path / f"{name}.svg"
    source_file.write_text(source, encoding="utf-8")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": "/usr/bin/chromium", "PUPPETEER_SKIP_DOWNLOAD": "1"}
    done = run([tool, "-q", "-p", str(PUPPETEER_CONFIG), "-i", str(source_file), "-o", str(out)], env=env)
    return done.returncode, out.read_text(encoding="utf-8") if out.exists() else "", done.stdout + done.stderr


def test_mermaid_rejects_what_we_must_escape(tmp_path):
    """The consumer is strict: an unescaped quote is a parse error (so passing below means something)."""
    code, _, err = _mmdc(tmp_path, "bad", 'flowchart LR\n  a["x"y"] --> b\n')
    assert code != 0 and "Parse error" in err


def test_mermaid_renders_hostile_labels_exactly(tmp_path):
    graph = hostile_graph()
    code, svg, err = _mmdc(tmp_path, "hostile", g.to_mermaid(graph))
    assert code == 0, err
    # a word joiner keeps `\\n` from becoming a line break (see graph.mermaid_text); it is invisible
    texts = [t.replace("\u2060", "") for t in svg_texts(svg, ("p", "span", "text"))]
    for node in graph.nodes:
        assert "".join(expected_lines(node)) in texts, expected_lines(node)
    for path in ("Procfile", 'dir with "quotes"/app [1].py', "styles/ünï:#é;.env"):
        assert path in texts
    for edge in graph.edges:
        if edge.label.strip():
            assert g._one_line(edge.label) in texts, edge.label
    assert "evil" not in svg.split("<style>")[-1].split("</style>")[0] or "classDef evil" in "".join(texts)
    assert "<script>" not in svg


def test_mermaid_marks_offending_nodes(tmp_path):
    code, svg, err = _mmdc(tmp_path, "small", g.to_mermaid(small_graph()))
    assert code == 0, err
    root = ET.fromstring(svg)
    classes = {
        match.group(1): e.get("class", "").split()
        for e in root.iter()
        if (match := re.search(r"flowchart-(n\d+)-\d+$", e.get("id", ""))) and "node" in e.get("class", "")
    }
    assert {k for k, v in classes.items() if "offending" in v} == {"n0", "n1", "n2"}
    assert "development" in classes["n3"]
