"""Reporters: turn a finished scan into text for a terminal or a machine. They never read files."""

from __future__ import annotations

import functools
from typing import Any, Callable, Optional

from flasklint.engine import ScanResult

Renderer = Callable[[ScanResult], str]


def renderer(
    name: str, *, sarif_category: Optional[str] = None, show_source: bool = False, graph: Optional[Any] = None,
    show_context: bool = False,
) -> Renderer:
    """The renderer for a `--format` name (imported lazily: SARIF needs the catalog, text does not).

    `show_source` adds a code frame under each finding in text output; `graph`
    (a report.graph.DeploymentGraph) adds the deployment picture to markdown.
    """
    if name == "text":
        from flasklint.report.text import render

        return functools.partial(render, show_source=show_source, show_context=show_context)
    elif name == "json":
        from flasklint.report.json import render
    elif name == "sarif":
        from flasklint.report import sarif

        return functools.partial(sarif.render, category=sarif_category)
    elif name == "github":
        from flasklint.report.github import render
    elif name == "markdown":
        from flasklint.report import markdown

        return functools.partial(markdown.render, graph=graph)
    else:  # pragma: no cover - click restricts the choices
        raise ValueError(f"unknown format {name!r}")
    return render
