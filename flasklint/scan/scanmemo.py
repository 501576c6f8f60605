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
with the same size and its old mtime restored is still seen. Two things this
cannot see make a memo untrusted, so it is never used: a symlink met by the
walk (its target may change without any folder changing), and a file or
folder whose mtime is within `cache.RACY_SECONDS` of the scan's start (a
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
from typing import TYPE_CHECKING, Any, Optional, Sequence

from flasklint import __version__
from flasklint.scan.cache import MALFORMED, RACY_SECONDS, prepare_directory, prune, short_digest, write_atomically
from flasklint.scan.trust import CacheFolder, sealed_json, verified_seal
from flasklint.model import Diagnostic, Finding

if TYPE_CHECKING:  # pragma: no cover
    from flasklint.scan.options import ScanOptions

FORMAT = 4
"""2: folders and files stamped in two strings. 3: a scan of named files keeps every finding with a place in
them, and suppressions cover a finding at any of its places (a memo of 2 holds fewer findings). 4: sealed,
ctime in every stamp."""
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


STAMPS = (("folders", _folder_stamp), ("files", _file_stamp))
"""The two stamp strings of a memo and how each entry is written."""


def stamps(files: Sequence[tuple[str, Optional[os.stat_result]]], folders: Sequence[tuple[str, os.stat_result]],
           symlinks: bool, started_ns: int) -> tuple[dict[str, str], bool]:
    """(the folders' and the files' stamps, whether they may be trusted).

    Each is one string, `path NUL stamp NUL path NUL stamp ...`, so a later run rebuilds it from its stats and
    compares two strings. A folder is stamped by mtime, inode and ctime, a file by size, mtime, inode and ctime.
    """
    present = [(path, st) for path, st in files if st is not None]
    stats = [st for _, st in folders] + [st for _, st in present]
    newest = max((st.st_mtime_ns for st in stats), default=0)
    trusted = len(present) == len(files) and not symlinks and newest < started_ns - RACY_SECONDS * 1_000_000_000
    entries = {"folders": folders, "files": present}
    return {key: "\0".join(stamp(path, st) for path, st in entries[key]) for key, stamp in STAMPS}, trusted


def _unchanged(recorded: dict[str, str]) -> bool:
    """Whether every folder and file stamped in `recorded` still has the same stamp (one stat each)."""
    try:
        for key, stamp in STAMPS:
            text = recorded[key]
            paths = text.split("\0")[::2] if text else []
            if "\0".join(stamp(path, st) for path, st in zip(paths, map(os.stat, paths))) != text:
                return False
    except (OSError, *MALFORMED):  # ValueError among them: a path with a NUL byte
        return False
    return True


class ScanMemo:
    """The memo file of one scan identity: read once, written when the scan had to compute its result."""

    def __init__(self, folder: CacheFolder, paths: Sequence[str], options: "ScanOptions", project_root: Optional[str]) -> None:
        self.folder = folder
        self.directory = folder.path
        self.path = folder.path / f"scan-{_identity(paths, options, project_root)}.json"
        self.started_ns = time.time_ns()
        self.token: Optional[str] = None
        """The seal of the trusted memo file this scan read or wrote (what a kept report was rendered from)."""

    def lookup(self) -> Optional[Memo]:
        """The memo when it is sealed with this user's key, trusted, and no folder or file it stamped changed."""
        try:
            data = self.folder.read(self.path.name, MAX_MEMO_BYTES)
            seal = verified_seal(self.folder, "memo", self.path.name, data)
            if seal is None:
                return None
            document = json.loads(data)
            if document.get("format") != FORMAT or document.get("trusted") is not True:
                return None
            if not _unchanged(document["stamps"]):
                return None
            memo = Memo.from_json(document["memo"])
        except (OSError, *MALFORMED):
            return None  # missing, corrupted, foreign or too large: the scan computes the result (and rewrites it)
        self.token = seal
        return memo

    def store(self, recorded: dict[str, str], trusted: bool, memo: Memo) -> None:
        """Write the memo atomically; a memo that cannot be written is not an error."""
        # like the per-file cache, never keep an internal error: the next run tries again (with --verbose, say)
        trusted = trusted and not any(d.message.startswith("internal error") for d in memo.diagnostics)
        document = {"format": FORMAT, "flasklint": __version__, "trusted": trusted, "stamps": recorded,
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
