"""`.dockerignore` and `<Dockerfile>.dockerignore`: facts only, never findings.

Which project files an image holds decides whether a `.flaskenv` can switch anything on inside it. This
analyzer records the file's lines (`facts["dockerignore"]`: [line number, text] of every non-blank line);
the deployment model reads them with Docker's own pattern rules (flasklint.deployment.dockerignore).
"""

from __future__ import annotations

from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.model import FileResult
from flasklint.sources.source import SourceText

__all__ = ["may_matter", "analyze", "FACTS_KEY"]

FACTS_KEY = "dockerignore"


def may_matter(data: bytes) -> bool:
    """Every ignore file matters: an empty one still says nothing is left out."""
    return True


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    reporter = Reporter(context, source)
    lines = [[number, text] for number, text in enumerate(source.text.removeprefix("\ufeff").splitlines(), start=1)
             if text.strip()]
    return reporter.result({FACTS_KEY: lines})
