"""supervisord program sections (see flasklint.analyzers.units)."""

from flasklint.analyzers.units import analyze_supervisord as analyze
from flasklint.commands.prefilter import may_matter

__all__ = ["may_matter", "analyze"]
