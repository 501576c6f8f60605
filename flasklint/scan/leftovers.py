"""Removing the temporary files a killed `--fix` left behind.

`--fix` writes a fixed file to `.<name>.<8 random characters>.flasklint` in the
same folder and renames it over `<name>` (fixer.write_fixed). A kill between
the two leaves the temporary file: the next scan, which walks past it anyway,
removes it. Only a regular file named exactly so, next to the `<name>` it was
for, and older than `STALE_SECONDS` (a live `--fix` renames within a second)
is removed; anything else with that suffix is left alone.
"""

from __future__ import annotations

import os
import re
import stat
import time
from typing import Iterable

SUFFIX = ".flasklint"
STALE_SECONDS = 60
_NAME = re.compile(r"\.(?P<target>.+)\.[a-z0-9_]{8}\.flasklint")  # tempfile.mkstemp's random part


def is_leftover_name(name: str) -> bool:
    """Whether a base name is what fixer.write_fixed names its temporary files."""
    return name.endswith(SUFFIX) and _NAME.fullmatch(name) is not None


def remove(paths: Iterable[str], now: float | None = None) -> list[str]:
    """Remove the stale leftovers among `paths`; the ones removed."""
    removed = []
    moment = time.time() if now is None else now
    for path in paths:
        folder, _, name = path.rpartition(os.sep)
        match = _NAME.fullmatch(name)
        if match is None:
            continue
        try:
            st = os.lstat(path)
            if not stat.S_ISREG(st.st_mode) or moment - st.st_mtime < STALE_SECONDS:
                continue
            if not os.path.lexists(os.path.join(folder or ".", match.group("target"))):
                continue
            os.unlink(path)
            removed.append(path)
        except OSError:
            continue
    return removed
