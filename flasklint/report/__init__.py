"""Reporters: turn a finished scan into text for a terminal or a machine. They never read files."""

from __future__ import annotations

import functools
from typing import Any, Callable, Iterable, Iterator, Optional

from flasklint.scan.engine import ScanResult

Renderer = Callable[[ScanResult], str]
ChunkedRenderer = Callable[[ScanResult], Iterable[str]]


TEXT_FORMATS = ("text", "concise", "full")
"""`concise` is `text` and `full` is `text` with code frames: ruff's names for its two text forms."""


def renderer(
    name: str, *, sarif_category: Optional[str] = None, show_source: bool = False, graph: Optional[Any] = None,
    show_context: bool = False,
) -> Renderer:
    """The renderer for a `--format` name: the whole report as one string (see `chunked_renderer`).

    Kept for callers that want the text; the command line writes `chunked_renderer`'s pieces.
    """
    chunked = chunked_renderer(name, sarif_category=sarif_category, show_source=show_source, graph=graph,
                               show_context=show_context)
    return lambda result: "".join(chunked(result))


def chunked_renderer(
    name: str, *, sarif_category: Optional[str] = None, show_source: bool = False, graph: Optional[Any] = None,
    show_context: bool = False, colour: bool = False, quiet: bool = False, statistics: bool = False,
) -> ChunkedRenderer:
    """The renderer for a `--format` name, as pieces of text to write in order.

    Imported lazily: SARIF needs the catalog, text does not. Pieces are made as they are
    written, so a report of many findings is never held whole.

    `show_source` adds a code frame under each finding in text output; `graph`
    (a report.graph.DeploymentGraph) adds the deployment picture to markdown;
    `colour` paints text output; `quiet` leaves out its summary; `statistics`
    writes the count per rule instead of the findings (as JSON for `json`).
    """
    if statistics:
        from flasklint.report import statistics as stats

        return functools.partial(stats.chunks, as_json=name == "json")
    if name in TEXT_FORMATS:
        from flasklint.report.text import chunks

        return functools.partial(chunks, show_source=show_source or name == "full", show_context=show_context,
                                 colour=colour, quiet=quiet)
    elif name == "json":
        from flasklint.report.json import chunks
    elif name == "json-lines":
        from flasklint.report.jsonlines import chunks
    elif name == "gitlab":
        from flasklint.report.gitlab import chunks
    elif name == "junit":
        from flasklint.report.junit import chunks
    elif name == "rdjson":
        from flasklint.report.rdjson import chunks
    elif name == "azure":
        from flasklint.report.azure import chunks
    elif name == "pylint":
        from flasklint.report.pylint import chunks
    elif name == "sarif":
        from flasklint.report import sarif

        return functools.partial(sarif.chunks, category=sarif_category)
    elif name == "github":
        from flasklint.report.github import chunks
    elif name == "markdown":
        from flasklint.report import markdown

        return lambda result: (markdown.render(result, graph=graph),)  # a page of tables: small whatever the scan
    else:  # pragma: no cover - click restricts the choices
        raise ValueError(f"unknown format {name!r}")
    return chunks


def batched(chunks: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """Pieces joined into writes of about `size` characters: one write (and flush) per finding was slow."""
    pending: list[str] = []
    count = 0
    for chunk in chunks:
        pending.append(chunk)
        count += len(chunk)
        if count >= size:
            yield "".join(pending)
            pending, count = [], 0
    if pending:
        yield "".join(pending)
