"""systemd service units (see flasklint.analyzers.units)."""

from flasklint.analyzers.units import analyze_systemd as analyze
from flasklint.commands.prefilter import may_matter

__all__ = ["may_matter", "analyze"]
