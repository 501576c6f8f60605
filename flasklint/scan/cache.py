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

- the stat fingerprint (size, mtime_ns, inode, ctime_ns): the **fast path**.
  When it matches, the file is not even read, which is what makes a warm run
  cheap. `utime` can set an old mtime back after an in-place rewrite of the
  same size, but not the ctime, which every write and `utime` itself move;
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
lost update only costs a re-analysis.

Trust (see trust.py): the folder is used only when it is flasklint's own (a
real folder with its sealed marker), each result file is sealed with the
user's key and read with a size cap, and an entry is used only when it has
the shape flasklint writes. A file that does not verify, cannot be parsed or
is too deep for the parser is ignored and rebuilt; a malformed entry is
dropped and analysed again. Neither ever stops the scan.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Optional

from flasklint import __version__
from flasklint.model import FileResult
from flasklint.scan.trust import CacheFolder, load_key, own_name, sealed_json, verified_seal

try:
    from _blake2 import blake2b  # CPython's built-in module: importing hashlib also loads OpenSSL (2-9 ms a run)
except ImportError:  # pragma: no cover - other implementations
    from hashlib import blake2b

CACHE_DIR_NAME = ".flasklint_cache"
ENVIRONMENT_VARIABLE = "FLASKLINT_CACHE_DIR"
FORMAT = 11
"""2: start facts keep their source lines, with the deployment model's facts (make targets, stages...).
3: stages record their COPY sources, services their environment, requirements whether python-dotenv is installed,
and .dockerignore files are analysed. 4: suppressions record whether they cover the line below (`covers_next`).
5: sealed (trust.py), ctime in the stat fingerprint. 6: compose services keep every variable of their
`environment:`, not only FLASK_*/WERKZEUG_*. 7: a start's script arguments are one field (`args`).
8: a start's words are differences, with the offsets of their lines (`commands/factwords.py`), and an env
file's assignments are placed by a list of four (`Span.to_compact`). 9: a start's plain words are one
joined string, the others keep their fields (`factwords.encode`). 10: a ConfigMap's keys are placed by a list
of four, without their line. 11: a Python start whose app loads a config from another file names it
(`starts[i].config`)."""
RACY_SECONDS = 2
MAX_ENTRIES = 100_000
"""About 150 MB of cache JSON at the worst; a 20,000-file monorepo needs 20,000."""
MAX_RESULT_FILES = 8
"""Result files (analysis keys) kept: enough to switch between versions or configurations."""
MAX_RESULT_BYTES = 256 << 20
"""A result file larger than this is not read (MAX_ENTRIES entries take about 150 MB)."""
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
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]


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


def open_folder(directory: Path) -> tuple[Optional[CacheFolder], Optional[str]]:
    """(the cache folder to use, None), or (None, why no cache is trusted this run: said with --verbose).

    Never through a symlink, only the user's own folder, only one flasklint marked (or may take over:
    nothing in it but names flasklint writes, whose files are each verified anyway).
    """
    import stat

    key, problem = load_key()
    if key is None:
        return None, problem
    folder = CacheFolder(directory, key)
    try:
        st = os.lstat(directory)
    except FileNotFoundError:
        return folder, None  # created, with its marker, when something is first written
    except OSError as exc:
        return None, f"the cache folder {directory} cannot be used: {exc.strerror or exc}"
    if stat.S_ISLNK(st.st_mode):
        return None, f"the cache folder {directory} is a symlink, which flasklint never follows"
    if not stat.S_ISDIR(st.st_mode):
        return None, f"the cache folder {directory} is not a folder"
    getuid = getattr(os, "getuid", None)
    if getuid is not None and st.st_uid != getuid():
        return None, f"the cache folder {directory} is not owned by you"
    if folder.marked(st):
        return folder, None
    try:
        foreign = sorted(name for name in os.listdir(directory) if not own_name(name))
        if not foreign:
            prepare_directory(folder)  # flasklint's kind of folder without a valid marker: take it over
            return folder, None
    except OSError as exc:
        return None, f"the cache folder {directory} cannot be used: {exc.strerror or exc}"
    return None, (f"the cache folder {directory} was not created by flasklint for you (it holds "
                  f"{foreign[0]!r}); delete it, or choose another with --cache-dir")


def _valid_stamp(value: Any) -> bool:
    return value is None or (isinstance(value, list) and len(value) == 4 and all(type(n) is int for n in value))


def parse_result(data: Any) -> FileResult:
    """A cached FileResult, checked for the shape flasklint writes (else TypeError, ValueError...)."""
    if not isinstance(data, dict):
        raise TypeError("a result is not an object")
    for name in ("findings", "diagnostics", "suppressions"):
        if not isinstance(data.get(name, []), list):
            raise TypeError(f"{name} is not a list")
    if not isinstance(data.get("facts"), dict):
        raise TypeError("facts is not an object")
    return FileResult.from_json(data)


MALFORMED = (TypeError, ValueError, KeyError, AttributeError, IndexError, RecursionError)
"""What decoding a malformed cache file or entry raises: it is ignored, never a traceback."""


class ResultCache:
    """One analysis key's entries: load once, look up per file, save once if anything changed."""

    def __init__(self, folder: CacheFolder, settings: dict[str, Any]) -> None:
        self.folder = folder
        self.directory = folder.path
        self.path = folder.path / f"results-{analysis_key(settings)}.json"
        self.entries: dict[str, dict[str, Any]] = {}
        self.seen: set[str] = set()
        """Keys this run looked up: they exist, and they are kept first when the cache is capped."""
        self.dirty = False
        self.started_ns = time.time_ns()
        self._cwd = os.getcwd()
        self._load()

    def _load(self) -> None:
        try:
            data = self.folder.read(self.path.name, MAX_RESULT_BYTES)
            if verified_seal(self.folder, "results", self.path.name, data) is None:
                raise ValueError("not sealed with this user's key")
            document = json.loads(data)
            if not isinstance(document, dict) or document.get("format") != FORMAT:
                raise ValueError("unknown cache format")
            entries = document["entries"]
            if not isinstance(entries, dict):
                raise ValueError("entries is not an object")
            self.entries = entries
        except FileNotFoundError:
            pass
        except (OSError, *MALFORMED):
            self.entries = {}  # corrupted, foreign or too large: ignore it, it is rebuilt on save
            self.dirty = True

    def key(self, path: str, display: str, kind: str) -> str:
        absolute = path if os.path.isabs(path) else os.path.join(self._cwd, path)
        return f"{absolute}\0{display}\0{kind}"

    def _entry(self, key: str) -> Optional[dict[str, Any]]:
        """The entry of `key` when it has the shape flasklint writes; a malformed one is dropped (and rewritten)."""
        entry = self.entries.get(key)
        if entry is None:
            return None
        if (isinstance(entry, dict) and _valid_stamp(entry.get("stat")) and type(entry.get("trusted")) is bool
                and isinstance(entry.get("hash"), str)):
            return entry
        self.drop(key)
        return None

    def drop(self, key: str) -> None:
        if self.entries.pop(key, None) is not None:
            self.dirty = True

    def fresh(self, key: str, stamp: Optional[list[int]]) -> Optional[FileResult]:
        """The cached result when the fingerprint proves the file unchanged, else None."""
        self.seen.add(key)
        entry = self._entry(key)
        if entry is None or stamp is None or not entry["trusted"] or entry["stat"] != stamp:
            return None
        return self.result(key)

    def known_hash(self, key: str) -> Optional[str]:
        """The content hash the cached result of `key` was computed from."""
        entry = self._entry(key)
        return entry["hash"] if entry is not None else None

    def result(self, key: str) -> Optional[FileResult]:
        """The cached result of `key`; None (and the entry dropped) when it does not have a result's shape."""
        entry = self._entry(key)
        if entry is None:
            return None
        try:
            return parse_result(entry.get("result"))
        except MALFORMED:
            self.drop(key)
            return None

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
            prepare_directory(self.folder)
            document = {"format": FORMAT, "flasklint": __version__, "entries": self.entries}
            data = json.dumps(document, separators=(",", ":")).encode()
            write_atomically(self.path, sealed_json(self.folder, "results", self.path.name, data)[0])
            self.dirty = False
        except (OSError, ValueError, RecursionError):  # ValueError: an entry of a malformed file was kept
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
                if now - path.lstat().st_mtime > STALE_SECONDS:
                    path.unlink()
            elif name.startswith(prefix) and name.endswith(suffix) and path != current:
                kept.append((path.lstat().st_mtime, path))
        kept.sort(reverse=True)
        for _, path in kept[keep - (current is not None):]:
            path.unlink()
    except OSError:
        pass


def prepare_directory(folder: CacheFolder) -> None:
    """Create the cache folder with its own `.gitignore` (it is never committed) and its sealed marker.

    OSError when the path is not a real folder (a symlink put there since the scan began is not followed).
    """
    import stat

    from flasklint.scan.trust import GITIGNORE, MARKER

    folder.path.mkdir(parents=True, exist_ok=True)
    st = os.lstat(folder.path)
    if not stat.S_ISDIR(st.st_mode):
        raise OSError(f"{folder.path} is not a real folder")
    if not os.path.lexists(folder.path / GITIGNORE):
        write_atomically(folder.path / GITIGNORE, b"# Created by flasklint: this folder is a cache.\n*\n")
    if not folder.marked(st):
        write_atomically(folder.path / MARKER, folder.seal("folder", MARKER, folder.identity(st)).encode())


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
