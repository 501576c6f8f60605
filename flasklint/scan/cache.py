"""Per-file result cache, so a re-run only analyses what changed.

Where: `.flasklint_cache/` in the project root found from the *current*
directory (the nearest folder with `pyproject.toml` or `.git`, else the current
directory), as ruff does; never inside a scanned tree that lies elsewhere.
`--cache-dir` or `FLASKLINT_CACHE_DIR` move it. The folder has its own
`.gitignore` (`*`).

What is cached: each file's `FileResult` (findings before `--select/--ignore`,
diagnostics, and the facts the project pass needs). The project pass itself is
never cached: it runs on the facts every time, so a finding that links two files
is right when only one of them changed.

Keys. One cache file per *analysis key*: the flasklint version, the Python
minor version (its `ast` decides what parses), and a hash of every option that
changes what an analyzer produces (those passed into `AnalysisContext`; select
and ignore are applied after, so they are not part of it). Inside, one entry per
file, keyed by its absolute path, display path and kind, holding:

- the stat fingerprint (size, mtime_ns, inode): the **fast path**. When it
  matches, the file is not even read, which is what makes a warm run cheap;
- the BLAKE2b hash of the content: the **truth**. When the fingerprint differs
  (a touch, a checkout, a copy) the file is read and hashed, and the cached
  result is reused only if the content is the same.

A file modified twice within the filesystem's timestamp granularity could keep
size and mtime; like git's "racily clean" check, a fingerprint whose mtime is
within `RACY_SECONDS` of the moment it was recorded is never trusted, so such a
file is always re-hashed.

Pruning. Entries of files that no longer exist are dropped when a run did not
look them up (a run on the whole tree looks up every file that still exists),
and at most `MAX_ENTRIES` entries are kept (the ones this run used first, then
the most recently stored). Result files of other analysis keys (another version
or other settings) are kept only for the `MAX_RESULT_FILES` most recent, and
temporaries left by a killed save are removed. A warm run with nothing to prune
writes nothing.

Writes go to a temporary file renamed over the old one (`os.replace`), so two
concurrent runs never see a half-written cache: the last writer wins, and a
lost update only costs a re-analysis. A cache file that cannot be parsed is
ignored and rebuilt.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Optional

from flasklint import __version__

try:
    from _blake2 import blake2b  # CPython's built-in module: importing hashlib also loads OpenSSL (2-9 ms a run)
except ImportError:  # pragma: no cover - other implementations
    from hashlib import blake2b

CACHE_DIR_NAME = ".flasklint_cache"
ENVIRONMENT_VARIABLE = "FLASKLINT_CACHE_DIR"
FORMAT = 4
"""2: start facts keep their source lines, with the deployment model's facts (make targets, stages...).
3: stages record their COPY sources, services their environment, requirements whether python-dotenv is installed,
and .dockerignore files are analysed. 4: suppressions record whether they cover the line below (`covers_next`)."""
RACY_SECONDS = 2
MAX_ENTRIES = 100_000
"""About 150 MB of cache JSON at the worst; a 20,000-file monorepo needs 20,000."""
MAX_RESULT_FILES = 8
"""Result files (analysis keys) kept: enough to switch between versions or configurations."""
STALE_SECONDS = 60
"""A temporary file this old was left by a killed process (a live one renames it within a second)."""


def project_root(start: Optional[Path] = None) -> Path:
    """The nearest folder at or above `start` (default: cwd) with pyproject.toml or .git, else `start`."""
    here = (start or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() or (folder / ".git").exists():
            return folder
    return here


def default_cache_dir(explicit: Optional[str] = None) -> Path:
    """`--cache-dir`, else `$FLASKLINT_CACHE_DIR`, else `<project root>/.flasklint_cache`."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get(ENVIRONMENT_VARIABLE)
    if from_env:
        return Path(from_env)
    return project_root() / CACHE_DIR_NAME


def fingerprint(st: Optional[os.stat_result]) -> Optional[list[int]]:
    if st is None:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def analysis_key(settings: dict[str, Any]) -> str:
    """What must match for a cached result to be valid, besides the file itself."""
    material = json.dumps(
        {"flasklint": __version__, "format": FORMAT, "python": sys.version_info[:2], "settings": settings},
        sort_keys=True,
    )
    return short_digest(material.encode())


def short_digest(data: bytes) -> str:
    """A 12-byte BLAKE2b hex digest: what names the cache's result, memo and report files."""
    return blake2b(data, digest_size=12).hexdigest()


class ResultCache:
    """One analysis key's entries: load once, look up per file, save once if anything changed."""

    def __init__(self, directory: Path, settings: dict[str, Any]) -> None:
        self.directory = directory
        self.path = directory / f"results-{analysis_key(settings)}.json"
        self.entries: dict[str, dict[str, Any]] = {}
        self.seen: set[str] = set()
        """Keys this run looked up: they exist, and they are kept first when the cache is capped."""
        self.dirty = False
        self.started_ns = time.time_ns()
        self._cwd = os.getcwd()
        self._load()

    def _load(self) -> None:
        try:
            with open(self.path, "rb") as handle:
                document = json.loads(handle.read())
            if not isinstance(document, dict) or document.get("format") != FORMAT:
                raise ValueError("unknown cache format")
            entries = document["entries"]
            if not isinstance(entries, dict):
                raise ValueError("entries is not an object")
            self.entries = entries
        except FileNotFoundError:
            pass
        except (OSError, ValueError, KeyError, TypeError):
            self.entries = {}  # corrupted or foreign: ignore it, it is rebuilt on save
            self.dirty = True

    def key(self, path: str, display: str, kind: str) -> str:
        absolute = path if os.path.isabs(path) else os.path.join(self._cwd, path)
        return f"{absolute}\0{display}\0{kind}"

    def fresh(self, key: str, stamp: Optional[list[int]]) -> Optional[dict[str, Any]]:
        """The cached result's JSON when the fingerprint proves the file unchanged, else None."""
        self.seen.add(key)
        entry = self.entries.get(key)
        if entry is None or stamp is None or not entry.get("trusted") or entry.get("stat") != stamp:
            return None
        return entry.get("result")

    def by_content(self, key: str, digest: str) -> Optional[dict[str, Any]]:
        """The cached result's JSON when the content hash matches, else None."""
        entry = self.entries.get(key)
        if entry is None or entry.get("hash") != digest:
            return None
        return entry.get("result")

    def store(self, key: str, stamp: Optional[list[int]], digest: str, result: dict[str, Any]) -> None:
        trusted = stamp is not None and stamp[1] < self.started_ns - RACY_SECONDS * 1_000_000_000
        old = self.entries.get(key)
        entry = {"stat": stamp, "trusted": trusted, "hash": digest, "result": result}
        if old != entry:
            self.entries[key] = entry
            self.dirty = True

    def prune(self) -> None:
        """Drop entries of files that are gone, then the least recently stored beyond MAX_ENTRIES."""
        if len(self.seen & self.entries.keys()) == len(self.entries):
            return  # every entry was looked up by this run: nothing is gone (the warm run's path)
        unseen = [key for key in self.entries if key not in self.seen]
        for key in unseen:
            if not os.path.lexists(key.partition("\0")[0]):
                del self.entries[key]
                self.dirty = True
        excess = len(self.entries) - MAX_ENTRIES
        if excess > 0:
            for key in [k for k in unseen if k in self.entries][:excess]:
                del self.entries[key]
            self.dirty = True

    def save(self) -> None:
        """Prune, then write atomically; a cache that cannot be written is not an error (the scan is still right)."""
        self.prune()
        if not self.dirty:
            return
        try:
            prepare_directory(self.directory)
            document = {"format": FORMAT, "flasklint": __version__, "entries": self.entries}
            write_atomically(self.path, json.dumps(document, separators=(",", ":")).encode())
            self.dirty = False
        except OSError:
            pass
        self._remove_old_files()

    def _remove_old_files(self) -> None:
        """Result files of old analysis keys beyond MAX_RESULT_FILES, and temporaries of killed saves."""
        prune(self.directory, "results-", ".json", MAX_RESULT_FILES, current=self.path)


def prune(directory: Path, prefix: str, suffix: str, keep: int, current: Optional[Path] = None) -> None:
    """Keep the `keep` newest `<prefix>*<suffix>` files of the cache folder (`current` always); drop stale temporaries.

    One rule for every kind of file the cache folder holds (per-file results, scan memos, reports):
    a temporary `.<prefix>*.tmp` older than STALE_SECONDS was left by a killed write.
    """
    try:
        now = time.time()
        kept = []
        for name in os.listdir(directory):
            path = directory / name
            if name.startswith("." + prefix) and name.endswith(".tmp"):
                if now - path.stat().st_mtime > STALE_SECONDS:
                    path.unlink()
            elif name.startswith(prefix) and name.endswith(suffix) and path != current:
                kept.append((path.stat().st_mtime, path))
        kept.sort(reverse=True)
        for _, path in kept[keep - (current is not None):]:
            path.unlink()
    except OSError:
        pass


def prepare_directory(directory: Path) -> None:
    """Create the cache folder with its own `.gitignore`, so it is never committed."""
    directory.mkdir(parents=True, exist_ok=True)
    ignore = directory / ".gitignore"
    if not ignore.exists():
        write_atomically(ignore, b"# Created by flasklint: this folder is a cache.\n*\n")


def write_atomically(path: Path, data: bytes) -> None:
    import tempfile  # only when writing: a warm run that changes nothing never pays for it

    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
