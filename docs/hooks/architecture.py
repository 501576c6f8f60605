"""The architecture picture, drawn from the code: flasklint's rooms and who imports whom.

Every module under `flasklint/` is parsed with `ast` (never imported), its
imports of other flasklint modules are resolved (relative ones included), and
modules are grouped into rooms: a sub-package is one room (`deployment/`), a
plain top-level module is one on its own (`cli.py`). An arrow A -> B means code
in A imports B: the caller sits above what it calls, so data flows down the
picture. Arrows inside an import cycle are red; dashed arrows are imports made
only inside functions (deferred until they run).

The MkDocs build runs this as a hook, so the picture follows the package
layout as it changes. Run it by hand to see the graph:

    python docs/hooks/architecture.py            # Graphviz DOT on stdout
    python docs/hooks/architecture.py --svg      # rendered with `dot`
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "flasklint"
PAGE = "architecture.md"
PICTURE = "architecture.svg"
PICTURE_MARKER = "<!-- architecture:picture -->"
ROOMS_MARKER = "<!-- architecture:rooms -->"
CYCLES_MARKER = "<!-- architecture:cycles -->"


@dataclass
class Module:
    name: str  # dotted, e.g. flasklint.deployment.graph
    path: Path
    shown: str  # its path from the package's parent folder, e.g. flasklint/deployment/graph.py
    is_package: bool  # an __init__.py
    summary: str  # first line of its docstring
    imports: list[tuple[str, bool]] = field(default_factory=list)  # (module, only inside functions)


def _module_name(path: Path, package_dir: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def _summary(tree: ast.Module) -> str:
    doc = ast.get_docstring(tree) or ""
    first = doc.strip().split("\n\n", 1)[0]
    return " ".join(first.split())


def read_modules(package_dir: Path) -> dict[str, Module]:
    """Every module of the package, with its docstring's first paragraph and its raw imports."""
    modules: dict[str, Module] = {}
    for path in sorted(package_dir.rglob("*.py")):
        name, is_package = _module_name(path, package_dir)
        tree = ast.parse(path.read_bytes(), filename=str(path))
        module = Module(name, path, path.relative_to(package_dir.parent).as_posix(), is_package, _summary(tree))
        module.imports = list(_raw_imports(tree, name, is_package))
        modules[name] = module
    return modules


def _raw_imports(tree: ast.Module, name: str, is_package: bool) -> Iterable[tuple[str, bool]]:
    """(absolute dotted name, deferred) for every import; `from X import y` yields X.y (which resolve() trims to X when y is no module)."""
    deferred_nodes: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            deferred_nodes.update(id(inner) for inner in ast.walk(node) if inner is not node)
    base = name.split(".") if is_package else name.split(".")[:-1]
    for node in ast.walk(tree):
        deferred = id(node) in deferred_nodes
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, deferred
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = base[: len(base) - node.level + 1]
                target = ".".join(anchor + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                yield f"{target}.{alias.name}", deferred


def resolve(target: str, modules: dict[str, Module]) -> str | None:
    """The flasklint module an import names (a `from pkg import name` of a non-module is pkg)."""
    while target and target not in modules:
        target = target.rpartition(".")[0]
    return target if target.startswith(PACKAGE) else None


def room_of(module: str, package_dir: Path) -> str:
    """`flasklint.deployment.graph` -> `deployment/`; `flasklint.cli` -> `cli.py`."""
    parts = module.split(".")
    if len(parts) == 1:
        return "__init__.py"
    if (package_dir / parts[1]).is_dir():
        return f"{parts[1]}/"
    return f"{parts[1]}.py"


@dataclass
class Rooms:
    members: dict[str, list[Module]]
    edges: dict[tuple[str, str], list[bool]]  # (importer, imported) -> deferred flag of each import

    def cycles(self) -> list[list[str]]:
        """Rooms that import each other, directly or around a loop."""
        graph: dict[str, set[str]] = {room: set() for room in self.members}
        for a, b in self.edges:
            graph.setdefault(a, set()).add(b)
        return cycles(graph)


def import_graph(modules: dict[str, Module]) -> dict[str, set[str]]:
    """Each module and the flasklint modules it imports, anywhere in its body (tests/test_architecture.py
    holds the layout to it)."""
    graph: dict[str, set[str]] = {}
    for name, module in modules.items():
        resolved = (resolve(target, modules) for target, _ in module.imports)
        graph[name] = {target for target in resolved if target is not None and target != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node, sorted (Tarjan, iterative: a module
    graph is deeper than the recursion a picture would need)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def build_rooms(package_dir: Path = ROOT / PACKAGE) -> Rooms:
    modules = read_modules(package_dir)
    members: dict[str, list[Module]] = defaultdict(list)
    edges: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for module in modules.values():
        here = room_of(module.name, package_dir)
        members[here].append(module)
        for target, deferred in module.imports:
            resolved = resolve(target, modules)
            if resolved is None or resolved == module.name:
                continue
            there = room_of(resolved, package_dir)
            if there != here and there not in ("__init__.py", "__main__.py"):
                edges[(here, there)].append(deferred)
    return Rooms(dict(sorted(members.items())), dict(sorted(edges.items())))


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(rooms: Rooms) -> str:
    in_cycle = {(a, b) for cycle in rooms.cycles() for a in cycle for b in cycle}
    lines = [
        "digraph flasklint {",
        "  rankdir=TB; nodesep=0.25; ranksep=0.45;",
        '  node [fontname="Helvetica", fontsize=11, style=filled, fillcolor="#f6f8fa", color="#57606a"];',
        '  edge [color="#8c959f", arrowsize=0.6];',
    ]
    for room, members in rooms.members.items():
        if room.endswith("/"):
            count = sum(1 for m in members if not m.is_package)
            label = f"{room}\\n{count} module{'s' if count != 1 else ''}"
            lines.append(f'  {_quote(room)} [shape=box, label="{label}"];')
        else:
            lines.append(f"  {_quote(room)} [shape=ellipse, fillcolor=white];")
    for (a, b), flags in rooms.edges.items():
        attributes = [f"penwidth={min(0.6 + len(flags) / 6, 3.5):.1f}"]
        if all(flags):
            attributes.append("style=dashed")
        if (a, b) in in_cycle:
            attributes.append('color="#d1242f"')
        lines.append(f"  {_quote(a)} -> {_quote(b)} [{', '.join(attributes)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_svg(dot_source: str) -> str:
    dot = shutil.which("dot")
    if dot is None:
        raise RuntimeError("Graphviz `dot` is not installed (tests/install_consumers.sh installs it: apt-get install graphviz)")
    done = subprocess.run([dot, "-Tsvg"], input=dot_source, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"dot failed: {done.stderr.strip()}")
    return done.stdout


def rooms_table(rooms: Rooms) -> str:
    """Markdown: every room, its modules and the first paragraph of each module's docstring."""
    lines = ["| room | module | what it is for |", "|---|---|---|"]
    for room, members in rooms.members.items():
        for module in sorted(members, key=lambda m: (not m.is_package, m.name)):
            summary = module.summary.replace("|", "\\|") or "—"
            lines.append(f"| `{room}` | `{module.shown}` | {summary} |")
    return "\n".join(lines) + "\n"


def cycles_text(rooms: Rooms) -> str:
    cycles = rooms.cycles()
    if not cycles:
        return "No rooms import each other: every import points down the picture.\n"
    listed = "\n".join(f"- {', '.join(f'`{r}`' for r in cycle)}" for cycle in cycles)
    return f"Rooms that import each other (red arrows), {len(cycles)} group{'s' if len(cycles) != 1 else ''}:\n\n{listed}\n"


# MkDocs hook events -----------------------------------------------------------------------------

_generated: list[Path] = []


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File

    try:
        svg = to_svg(to_dot(build_rooms()))
    except RuntimeError as exc:
        raise PluginError(str(exc)) from None
    folder = Path(tempfile.mkdtemp(prefix="flasklint-architecture-"))
    _generated.append(folder)
    (folder / PICTURE).write_text(svg, encoding="utf-8")
    files.append(File(PICTURE, str(folder), config["site_dir"], config["use_directory_urls"]))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if page.file.src_uri != PAGE:
        return markdown
    from mkdocs.exceptions import PluginError

    for marker in (PICTURE_MARKER, ROOMS_MARKER, CYCLES_MARKER):
        if marker not in markdown:
            raise PluginError(f"docs/{PAGE} lacks the marker {marker}")
    rooms = build_rooms()
    picture = f"![flasklint's rooms and their imports, drawn from the code]({PICTURE})"
    return (markdown.replace(PICTURE_MARKER, picture)
            .replace(ROOMS_MARKER, rooms_table(rooms))
            .replace(CYCLES_MARKER, cycles_text(rooms)))


def on_post_build(config: Any) -> None:
    while _generated:
        shutil.rmtree(_generated.pop(), ignore_errors=True)


if __name__ == "__main__":
    source = to_dot(build_rooms())
    sys.stdout.write(to_svg(source) if "--svg" in sys.argv[1:] else source)
