"""Analysing one file: read, screen, decode, hand to the analyzer of its kind.

`analyze_file` is a pure function of one file job, so it can run in a worker
process or be replaced by a cache hit without the rest of the pipeline knowing.
Every failure becomes a diagnostic, never an exception.
"""

from __future__ import annotations

import codecs
import os
import stat
import traceback
from typing import TYPE_CHECKING, Optional

from flasklint import analyzers
from flasklint.knowledge import kinds
from flasklint.findings import suppression
from flasklint.analyzers.base import AnalysisContext
from flasklint.model import Diagnostic, FileResult
from flasklint.sources.source import MAX_FILE_BYTES, DecodeError, SourceText, content_hash, decode, read_at_most

if TYPE_CHECKING:  # pragma: no cover
    from flasklint.scan.options import FileJob


def read_file(path: str) -> bytes:
    """Read a regular file, refusing anything that could block or is absurdly large."""
    return read_file_stat(path)[0]


def read_file_stat(path: str) -> tuple[bytes, os.stat_result]:
    """`read_file`, with the status of the file that was read (for `--fix` to see a later save)."""
    # O_NONBLOCK: a FIFO that replaced a file since discovery must not hang the scan.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError("not a regular file")
        if st.st_size > MAX_FILE_BYTES:
            raise OSError(f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; skipped")
        data = read_at_most(fd, MAX_FILE_BYTES)
        if len(data) > MAX_FILE_BYTES:
            raise OSError(f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; skipped")
        return data, st
    finally:
        os.close(fd)


def _unreadable(job: FileJob, exc: OSError) -> FileResult:
    reason = exc.strerror or str(exc)
    return FileResult(diagnostics=[Diagnostic(job.display, f"cannot read: {reason}")])


def _as_utf8(data: bytes) -> bytes:
    """The bytes the byte-level prefilter can read: UTF-16 text (with its BOM) re-encoded as UTF-8.

    The prefilter looks for ASCII words such as `app.run`; in UTF-16 every other byte is NUL, so a
    UTF-16 file with a finding was skipped unread.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace").encode("utf-8")
    return data


def analyze_file(job: FileJob) -> FileResult:
    """Analyse one file; every failure becomes a diagnostic, never an exception."""
    try:
        data = read_file(job.path)
    except OSError as exc:
        return _unreadable(job, exc)
    return analyze_bytes(job, data)


def analyze_file_for_cache(item: tuple[FileJob, Optional[str]]) -> tuple[Optional[FileResult], Optional[str]]:
    """(result, content hash) of one file; result None when the content hash equals the known one.

    Runs in workers: the file is read once, hashed for the cache, and analysed
    only when its content differs from what the cache holds.
    """
    job, known = item
    try:
        data = read_file(job.path)
    except OSError as exc:
        return _unreadable(job, exc), None
    digest = content_hash(data)
    if digest == known:
        return None, digest
    return analyze_bytes(job, data, digest), digest


CONTENT_HASH = "sha256"
"""The FileResult fact holding the hash of the bytes a file's fixes were computed from."""

SKIPPED_BINARY = "skipped_binary"
"""The FileResult fact saying why an extensionless binary file was skipped (shown only with --verbose)."""


def _binary_program(job: FileJob, data: bytes) -> bool:
    """An extensionless file with NUL bytes: a compiled program or archive in bin/, a zip fixture.

    Such a name is classified by its first bytes (a shebang: zipapps and self-extracting
    installers start with one) or is a bare name like `Procfile`; binary content there is
    normal, not a problem to warn about. A `.py` or `.yml` file with NUL bytes still is.
    """
    return "." not in job.display.rpartition("/")[2] and b"\x00" in data


def analyze_bytes(job: FileJob, data: bytes, digest: Optional[str] = None) -> FileResult:
    """Analyse one file's bytes (what `analyze_file` does after reading)."""
    try:
        screened = _as_utf8(data)
        if job.prefilter and not analyzers.prefilter_for(job.kind)(screened) and not suppression.has_explicit_suppression(screened):
            return analyzers.screen_facts(job.kind, screened)
        source = decode(data, python=job.kind == kinds.PYTHON)
    except DecodeError as exc:
        if _binary_program(job, data):
            return FileResult(facts={SKIPPED_BINARY: f"{exc}; skipped"})
        return FileResult(diagnostics=[Diagnostic(job.display, f"cannot decode: {exc}; not analysed")])
    except Exception as exc:  # a bug in a prefilter or the decoder must not stop the scan either
        return internal_error(job, exc)
    result = analyze_source(job, source)
    result.facts[CONTENT_HASH] = digest or content_hash(data)  # --fix writes only if the file still has these bytes
    return result


def analyze_source(job: FileJob, source: SourceText) -> FileResult:
    """Analyse decoded text (a file's, or the text `--fix` produced); never raises."""
    context = AnalysisContext(display_path=job.display, kind=job.kind, dev_reason=job.dev_reason, options={"dev_paths": job.dev_paths, "fixes": job.fixes})
    try:
        return analyzers.analyze(job.kind, source, context)
    except Exception as exc:  # an internal error in one file must not stop the scan
        return internal_error(job, exc)


def internal_error(job: FileJob, exc: Exception) -> FileResult:
    """The result of a file whose analysis raised: a diagnostic naming it, the traceback for --verbose."""
    return FileResult(
        diagnostics=[
            Diagnostic(
                job.display,
                f"internal error while analysing ({type(exc).__name__}: {exc}); "
                "rerun with --verbose for the traceback and please report it",
            )
        ],
        facts={"internal_error": traceback.format_exc()},
    )
