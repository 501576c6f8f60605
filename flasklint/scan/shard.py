"""`--shard i/n`: one CI job of n scans and reports its share of the files; together they report all.

The split is by path: a file belongs to shard `crc32(display path) % n + 1`, so
it stays in its shard when other files come and go, and every shard agrees
without talking to the others (they must be run with the same paths, from the
same folder, as a CI matrix does).

Cross-file findings need facts from files of other shards: a Procfile in one
shard runs a script in another. So every shard plans every file, and analyses:

1. its own files, fully (findings, fixes, facts);
2. every other shard's non-Python file (launchers, env files, requirements:
   few and cheap), for facts only;
3. every other shard's Python file that the facts gathered so far may name:
   one whose module name (its stem, or its folder for `__init__.py` and
   `__main__.py`) is a word of a launcher's or env file's facts, or of an
   analysed Python file's imports, plus the files Flask finds by itself
   (`app.py`, `wsgi.py`); repeated until no new file is named. This
   over-approximates what the project pass can look up (a script or module a
   command names, the app `--app`/`FLASK_APP` names, Flask's discovery, and
   the imports the deployment model follows; setup.py and the modules of its console
   scripts too), so the launcher's shard links as
   an unsharded scan does.

Other shards' files are analysed without fixes and their diagnostics are
dropped; their findings and inline suppressions stay for the project pass and
the deployment model (a suppression on a hop covers a finding wherever it
sits, and `--strict-noqa` sees every use of the shard's own suppressions). A
finding is kept by the shard of the file it is reported on. The findings of
all shards together are those of one scan.
"""

from __future__ import annotations

import dataclasses
import json
import posixpath
import re
import zlib
from typing import TYPE_CHECKING, Any, Callable, Optional, Sequence

from flasklint.knowledge import kinds
from flasklint.model import FileResult

if TYPE_CHECKING:  # pragma: no cover
    from flasklint.scan.options import FileJob, ScanOptions

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
FLASK_DISCOVERY = frozenset({"app", "wsgi", "setup"})
"""Module names `flask run` imports when told nothing (it looks for wsgi.py, then app.py), and setup.py, whose
console scripts a launcher may run (`CMD ["shopctl", "run"]`)."""


class ShardError(ValueError):
    """A --shard value that is not `i/n` with 1 <= i <= n."""


def parse(value: str) -> tuple[int, int]:
    """`"2/4"` -> (2, 4)."""
    index, _, count = value.partition("/")
    try:
        i, n = int(index), int(count)
    except ValueError:
        raise ShardError(f"--shard must be I/N (e.g. 1/4), not {value!r}") from None
    if n < 1 or not 1 <= i <= n:
        raise ShardError(f"--shard {value}: I must be between 1 and N")
    return i, n


def owner(display: str, count: int) -> int:
    """The shard (1-based) that reports the file at `display`."""
    return zlib.crc32(display.encode("utf-8", "surrogateescape")) % count + 1


def module_name(display: str) -> str:
    """What a command or an import calls a Python file: its stem, or its package for `__init__`/`__main__`."""
    folder, name = posixpath.split(display)
    stem = name.rsplit(".", 1)[0]
    if stem in ("__init__", "__main__"):
        return posixpath.basename(folder) or stem
    return stem


def _words(facts: dict[str, Any], python: bool) -> set[str]:
    """The words facts could name a Python file by (all of a launcher's; a Python file's imports)."""
    if python:  # its imports, and the modules of the console scripts a setup.py declares
        named = [*facts.get("imports", ()), *(facts.get("console_scripts") or {}).values()]
        return {word for item in named for word in _WORD.findall(str(item))}
    return set(_WORD.findall(json.dumps(facts)))


def analyze(
    planned: Sequence[tuple["FileJob", Any]],
    options: "ScanOptions",
    analyze_all: Callable[[list[tuple["FileJob", Any]], "ScanOptions"], list[FileResult]],
) -> list[Optional[FileResult]]:
    """Results aligned with `planned`: own files in full, facts of the others that may matter, else None."""
    index, count = options.shard or (1, 1)
    results: list[Optional[FileResult]] = [None] * len(planned)
    mine = [i for i, (job, _) in enumerate(planned) if owner(job.display, count) == index]
    others = [i for i, (job, _) in enumerate(planned) if owner(job.display, count) != index]
    facts_only = dataclasses.replace(options, fixes=False, progress=None)

    def run(indices: list[int], how: "ScanOptions", strip: bool) -> None:
        for i, result in zip(indices, analyze_all([planned[i] for i in indices], how)):
            if strip:  # another shard reports its diagnostics
                result = FileResult(findings=result.findings, facts=result.facts, suppressions=result.suppressions)
            results[i] = result

    run(mine, options, strip=False)
    run([i for i in others if planned[i][0].kind != kinds.PYTHON], facts_only, strip=True)
    python = [i for i in others if planned[i][0].kind == kinds.PYTHON]
    words: set[str] = set(FLASK_DISCOVERY)
    seen: set[int] = set()
    while True:
        for i, result in enumerate(results):
            if result is not None and i not in seen:
                seen.add(i)
                words |= _words(result.facts, planned[i][0].kind == kinds.PYTHON)
        wanted = [i for i in python if results[i] is None and module_name(planned[i][0].display) in words]
        if not wanted:
            return results
        run(wanted, facts_only, strip=True)


def owned(path: str, options: "ScanOptions") -> bool:
    """Whether this shard reports findings on `path` (always, without --shard)."""
    if options.shard is None:
        return True
    index, count = options.shard
    return owner(path, count) == index
