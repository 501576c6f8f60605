"""The whole-scan memo: a warm run on an unchanged tree reports from one small file.

Why: the per-file cache makes analysis free on a warm run, but planning (the
walk, classifying every name, the development-path patterns), loading every
file's cached facts and the project pass (linking, the deployment graph,
judging) still cost several times the interpreter's own start-up. When nothing
in the tree changed, the judged findings, the hidden ones and the diagnostics
are those of the last run, so they are read back instead: one file read and
one `stat` per folder and per file.

"Nothing changed" is the per-file cache's fast path applied to the walk:
every file keeps its stat fingerprint (size, mtime_ns, inode, ctime_ns), and
every folder the walk listed keeps its mtime, inode and ctime, since adding,
removing or renaming an entry changes its folder's mtime. The ctime is there
because `utime` cannot set it back: a launcher or a source rewritten in place
with the same size and its old mtime restored is still seen. A symlink that
resolves inside the tree is stamped by its own lstat, its text and the path it
resolves to, since its target may change without any folder changing. Two
things this cannot see make a memo untrusted, so it is never used: a symlink
that dangles or leads outside the tree (what it would lead to is stamped
nowhere), and a file or folder whose mtime is within `cache.RACY_SECONDS` of the scan's start (a
change within the timestamp granularity keeps the stat; git's "racily clean"
rule, which like git's looks at the mtime only). The next run computes the
result from the per-file cache and writes a trusted memo.

One memo file per scan identity: flasklint version, Python minor version,
working directory, the paths named and the project root found for them,
every option that changes findings before selection. `--select`/`--ignore`,
per-file ignores and severities are applied after, as for the per-file cache.
At most `MAX_MEMOS` memo files are kept (the newest).

Trust (see trust.py): a memo is sealed with the user's key over its name and
bytes, read with a size cap, and checked for the shape flasklint writes; a
memo that fails any of these is ignored and the scan computes its result.
The seal is also the memo's token, what a kept report is keyed by.

A scan of a few named files (pre-commit's) also keeps each named file's job
and a digest of its result. When a later run finds only those files changed
(the rest stamped as before and not racy), it re-analyses just them; if their
results are the same (a touch, or an edit no rule reads), so is every finding,
since the project pass is a function of the results, and the memo answers:
the interpreter, one memo read, the stats, and those files. The per-file
cache, the walk and the deployment graph are not touched.

The memo holds no per-file results and no graph: a caller that needs them
(`--fix`, `--diff`, `--strict-noqa`, `--verbose`, the markdown picture,
`flasklint graph`) asks the engine not to use it (ScanOptions.reuse_scan);
such runs still write it.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Collection, Optional, Sequence

from flasklint import __version__
from flasklint.scan.cache import MALFORMED, RACY_SECONDS, prepare_directory, prune, short_digest, write_atomically
from flasklint.scan.trust import CacheFolder, sealed_json, verified_seal
from flasklint.model import Diagnostic, FileResult, Finding
from flasklint.scan.options import FileJob

if TYPE_CHECKING:  # pragma: no cover
    from flasklint.scan.options import ScanOptions

FORMAT = 9
"""2: folders and files stamped in two strings. 3: a scan of named files keeps every finding with a place in
them, and suppressions cover a finding at any of its places (a memo of 2 holds fewer findings). 4: sealed,
ctime in every stamp. 5: the symlinks inside the tree in a third string, and a scan of named files keeps
each one's job and result digest. 6: result digests over start facts whose words are differences
(cache format 8). 7: over start facts whose plain words are one string (cache format 9). 8: over ConfigMap keys placed by four
numbers (cache format 10). 9: over Python starts that name the config their app loads (cache format 11)."""
MAX_MEMOS = 16
MAX_MEMO_BYTES = 256 << 20
"""A memo larger than this is not read (20,000 files with 2,500 findings take about 4 MB)."""


@dataclass
class Memo:
    """What a scan produced before selection: enough for every report but the picture."""

    shown: list[Finding]
    hidden: list[Finding]
    diagnostics: list[Diagnostic]
    """Every diagnostic before the shard's selection: the walk's, the files', the project pass's."""
    analysed: list[str]
    """Display paths of the files with a result (summary.coverage counts them)."""
    files_scanned: int

    def to_json(self) -> dict[str, Any]:
        return {
            "shown": [f.to_json() for f in self.shown],
            "hidden": [f.to_json() for f in self.hidden],
            "diagnostics": [d.to_json() for d in self.diagnostics],
            "analysed": self.analysed,
            "files_scanned": self.files_scanned,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Memo":
        """The memo in `data`; TypeError (or another of cache.MALFORMED) when it is not shaped as written."""
        for name in ("shown", "hidden", "diagnostics", "analysed"):
            if not isinstance(data[name], list):
                raise TypeError(f"{name} is not a list")
        if type(data["files_scanned"]) is not int:
            raise TypeError("files_scanned is not a number")
        return cls(
            [Finding.from_json(f) for f in data["shown"]],
            [Finding.from_json(f) for f in data["hidden"]],
            [Diagnostic.from_json(d) for d in data["diagnostics"]],
            [str(p) for p in data["analysed"]],
            data["files_scanned"],
        )


def _identity(paths: Sequence[str], options: "ScanOptions", project_root: Optional[str]) -> str:
    material = json.dumps(
        {
            "flasklint": __version__, "format": FORMAT, "python": sys.version_info[:2], "cwd": os.getcwd(),
            "paths": list(paths), "project_root": project_root, "settings": options.analysis_settings(),
            "include_dev": options.include_dev, "project_context": options.project_context, "shard": options.shard,
            "exclude": list(options.exclude), "force_exclude": options.force_exclude,
        },
        sort_keys=True,
    )
    return short_digest(material.encode("utf-8", "surrogateescape"))


def _folder_stamp(path: str, st: os.stat_result) -> str:
    return f"{path}\0{st.st_mtime_ns}:{st.st_ino}:{st.st_ctime_ns}"  # a folder's size says nothing on most filesystems


def _file_stamp(path: str, st: os.stat_result) -> str:
    return f"{path}\0{st.st_size}:{st.st_mtime_ns}:{st.st_ino}:{st.st_ctime_ns}"


def _link_stamp(path: str, st: os.stat_result) -> str:
    # the link's own lstat, its text and where it resolves to (a link further down the chain may change)
    return f"{path}\0{st.st_mtime_ns}:{st.st_ino}:{st.st_ctime_ns}:{os.readlink(path)}\1{os.path.realpath(path)}"


STAMPS = (("folders", _folder_stamp, os.stat), ("files", _file_stamp, os.stat), ("links", _link_stamp, os.lstat))
"""The stamp strings of a memo, how each entry is written and the stat it is written from."""


def stamps(files: Sequence[tuple[str, Optional[os.stat_result]]], folders: Sequence[tuple[str, os.stat_result]],
           symlinks: bool, started_ns: int, links: Sequence[str] = (),
           named: Collection[str] = ()) -> tuple[dict[str, str], bool, bool]:
    """(the folders', the files' and the links' stamps, whether they may be trusted, whether all but the `named`
    files' may be: a file just edited and named, as pre-commit names it, is racy, and `lookup_named` re-reads it).

    Each is one string, `path NUL stamp NUL path NUL stamp ...`, so a later run rebuilds it from its stats and
    compares strings. A folder is stamped by mtime, inode and ctime, a file by size, mtime, inode and ctime, a
    symlink inside the tree by its lstat's mtime, inode and ctime, its text and the path it resolves to.
    """
    present = [(path, st) for path, st in files if st is not None]
    try:
        linked = [(path, os.lstat(path)) for path in links]
    except OSError:  # removed since the walk: the next run sees a changed folder anyway
        linked, symlinks = [], True
    limit = started_ns - RACY_SECONDS * 1_000_000_000
    stats = [st for _, st in folders] + [st for path, st in present if path not in named] + [st for _, st in linked]
    context_trusted = (len(present) == len(files) and not symlinks
                       and max((st.st_mtime_ns for st in stats), default=0) < limit)
    trusted = context_trusted and all(st.st_mtime_ns < limit for path, st in present if path in named)
    entries = {"folders": folders, "files": present, "links": linked}
    try:
        return ({key: "\0".join(stamp(path, st) for path, st in entries[key]) for key, stamp, _ in STAMPS},
                trusted, context_trusted)
    except OSError:  # a link removed since: stamp none of them and trust nothing
        entries["links"] = []
        return {key: "\0".join(stamp(path, st) for path, st in entries[key]) for key, stamp, _ in STAMPS}, False, False


def _unchanged(recorded: dict[str, str], skipped: Collection[str] = ()) -> bool:
    """Whether every folder, file and link stamped in `recorded` still has the same stamp (one stat each),
    the `skipped` files apart."""
    try:
        for key, stamp, stat in STAMPS:
            text = recorded[key]
            if skipped and key == "files":
                fields = text.split("\0") if text else []
                pairs = [(path, old) for path, old in zip(fields[::2], fields[1::2]) if path not in skipped]
                if any(stamp(path, stat(path)) != f"{path}\0{old}" for path, old in pairs):
                    return False
                continue
            paths = text.split("\0")[::2] if text else []
            if "\0".join(stamp(path, st) for path, st in zip(paths, map(stat, paths))) != text:
                return False
    except (OSError, *MALFORMED):  # ValueError among them: a path with a NUL byte
        return False
    return True


MAX_NAMED = 64
"""A scan naming more files than this (or a folder) keeps no results of its named files: see `lookup_named`."""


def result_digest(result: FileResult, ignored_facts: Collection[str] = ()) -> str:
    """What a named file's result was, to tell whether re-reading it changed anything (`ignored_facts`: facts
    that no report reads, such as the hash of the bytes that only --fix checks)."""
    data = result.to_json()
    data["facts"] = {key: value for key, value in data.get("facts", {}).items() if key not in ignored_facts}
    return short_digest(json.dumps(data, sort_keys=True, separators=(",", ":")).encode())


class ScanMemo:
    """The memo file of one scan identity: read once, written when the scan had to compute its result."""

    def __init__(self, folder: CacheFolder, paths: Sequence[str], options: "ScanOptions", project_root: Optional[str]) -> None:
        self.folder = folder
        self.directory = folder.path
        self.path = folder.path / f"scan-{_identity(paths, options, project_root)}.json"
        self.started_ns = time.time_ns()
        self.token: Optional[str] = None
        """The seal of the trusted memo file this scan read or wrote (what a kept report was rendered from)."""
        self._read: Optional[tuple[str, dict[str, Any]]] = None
        """The sealed memo file as `lookup` read it (its seal, its document), for `lookup_named`."""

    def lookup(self) -> Optional[Memo]:
        """The memo when it is sealed with this user's key, trusted, and no folder or file it stamped changed."""
        try:
            data = self.folder.read(self.path.name, MAX_MEMO_BYTES)
            seal = verified_seal(self.folder, "memo", self.path.name, data)
            if seal is None:
                return None
            document = json.loads(data)
            if document.get("format") != FORMAT:
                return None
            self._read = (seal, document)
            if document.get("trusted") is not True or not _unchanged(document["stamps"]):
                return None
            memo = Memo.from_json(document["memo"])
        except (OSError, *MALFORMED):
            return None  # missing, corrupted, foreign or too large: the scan computes the result (and rewrites it)
        self.token = seal
        return memo

    def lookup_named(self, reanalyse: Callable[[FileJob], Optional[str]]) -> Optional[Memo]:
        """The memo of a scan of named files (pre-commit's) when only those files changed and re-analysing
        them gives the results the memo was computed from, else None.

        Why this is exact: the walk, every other file and so every other result are as stamped, and the
        project pass is a function of the results and the jobs, so the same named results give the same
        findings; an edit that changes a named file's result (a finding, a line, a fact) is computed.
        `reanalyse` gives the digest of a named file's result as a scan now would give it (as `store` was
        given it), or None when the file would no longer be planned as it was (its kind changed).
        """
        if self._read is None:
            return None
        seal, document = self._read
        try:
            named = document.get("named")
            if not named or not document.get("context_trusted") or not _unchanged(document["stamps"], named):
                return None
            for entry in named.values():
                job = FileJob(**{**entry["job"], "dev_paths": tuple(entry["job"]["dev_paths"])})
                if reanalyse(job) != entry["result"]:
                    return None
            memo = Memo.from_json(document["memo"])
        except (OSError, *MALFORMED):
            return None
        self.token = seal if document.get("trusted") is True else None
        return memo

    def store(self, recorded: dict[str, str], trusted: bool, memo: Memo, context_trusted: bool = False,
              named: Optional[dict[str, dict[str, Any]]] = None) -> None:
        """Write the memo atomically; a memo that cannot be written is not an error.

        `named`: for a scan of a few named files, each one's job and `result_digest`, by path (`lookup_named`).
        """
        # like the per-file cache, never keep an internal error: the next run tries again (with --verbose, say)
        sound = not any(d.message.startswith("internal error") for d in memo.diagnostics)
        trusted, context_trusted = trusted and sound, context_trusted and sound and bool(named)
        document = {"format": FORMAT, "flasklint": __version__, "trusted": trusted, "stamps": recorded,
                    "context_trusted": context_trusted, "named": named if context_trusted else None,
                    "memo": memo.to_json()}
        data = json.dumps(document, separators=(",", ":")).encode()
        sealed, seal = sealed_json(self.folder, "memo", self.path.name, data)
        try:
            prepare_directory(self.folder)
            write_atomically(self.path, sealed)
        except OSError:
            return
        self.token = seal if trusted else None
        prune(self.directory, "scan-", ".json", MAX_MEMOS)
