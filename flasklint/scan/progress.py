"""A progress bar on a terminal's stderr, for scans that take more than about a second.

It draws nothing before `DELAY_SECONDS` (short scans stay silent), redraws at
most ten times a second, and erases itself when the scan ends. The CLI uses it
only when stderr is a TTY and the output format is for humans.
"""

from __future__ import annotations

import time
from typing import Callable, Optional, TextIO

DELAY_SECONDS = 1.0
REDRAW_SECONDS = 0.1
WIDTH = 30


class ProgressBar:
    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.last_draw: Optional[float] = None

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.started < DELAY_SECONDS and done < total:
            return
        if self.last_draw is not None and now - self.last_draw < REDRAW_SECONDS and done < total:
            return
        if self.last_draw is None and done >= total:
            return  # finished before it was worth showing
        self.last_draw = now
        filled = WIDTH * done // total if total else WIDTH
        self.stream.write(f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total} files")
        self.stream.flush()

    def close(self) -> None:
        if self.last_draw is not None:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()


def for_stream(stream: TextIO, output_format: str) -> Optional[ProgressBar]:
    """A bar for human output on a terminal, else None (never in pipes, CI logs or JSON/SARIF)."""
    if output_format not in ("text", "concise", "full"):
        return None
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    return ProgressBar(stream)
