"""Procfiles (Heroku, Dokku, honcho, foreman): one `type: command` per line.

The `web` process is what serves traffic, so it is judged as a production
entrypoint (FL301 for the dev server, with `$PORT` for the replacement bind);
other process types (`worker`, `release`, `clock`) are not servers and are
judged like scripts. `Procfile.dev` is development-only by name
(flasklint.knowledge.context). A line without `type:` is reported and skipped.
"""

from __future__ import annotations

import re

from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.analyzers.shell import check_script
from flasklint.sources.collector import collector_paused_for
from flasklint.commands.prefilter import may_matter as _mentions_a_server
from flasklint.model import FileResult
from flasklint.sources.source import SourceText

def may_matter(data: bytes) -> bool:
    """Every launcher line matters to the deployment model (`web: pantry-serve` may be a console script),
    and these files are few and small: only an empty one is skipped."""
    return bool(data.strip()) or _mentions_a_server(data)


__all__ = ["may_matter", "analyze", "PRODUCTION_TYPES"]

PRODUCTION_TYPES = frozenset({"web", "worker"})
"""Process types that are production launchers (issue 11): `web` serves traffic, `worker` runs beside it.
Others (`release`, `clock`, one-off tasks) are judged as development commands."""
_ENTRY = re.compile(r"^(?P<type>[A-Za-z0-9_-]+)[ \t]*:[ \t]*")


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    reporter = Reporter(context, source)
    with collector_paused_for(len(source.text)):
        _entries(reporter, source)
    return reporter.result()


def _entries(reporter: Reporter, source: SourceText) -> None:
    for number, start in enumerate(source.line_starts, start=1):
        line = source.line_text(number)
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _ENTRY.match(line)
        if match is None:
            reporter.warn(f"line {number}: not a `type: command` entry; skipped")
            continue
        offset = start + match.end()
        production = match.group("type") in PRODUCTION_TYPES
        snippet_end = start + len(line)
        check_script(reporter, offset, snippet_end, production=production, port_hint="$PORT" if production else None)
