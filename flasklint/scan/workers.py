"""Running file jobs, in this process or in a pool, with results in job order.

A pool pays for itself only when there is enough work: on the reference
machine (2 cores, Linux, fork) starting two workers and shipping results back
costs ~15-25 ms, while reading and prefiltering costs ~10 ms per MiB and parsing
a candidate ~5 µs per line. So the pool starts only when the files to analyse
total more than `POOL_MIN_BYTES` and there are at least `POOL_MIN_FILES` of
them (README, "Performance"). `imap` keeps the input order, so output is
identical whatever `--jobs` is.
"""

from __future__ import annotations

import os
import sys
from typing import Callable, Iterator, Sequence, TypeVar

POOL_MIN_BYTES = 4 * 1024 * 1024
POOL_MIN_FILES = 64

Job = TypeVar("Job")
Result = TypeVar("Result")


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def worth_a_pool(jobs: int, files: int, total_bytes: int) -> bool:
    return jobs > 1 and files >= POOL_MIN_FILES and total_bytes >= POOL_MIN_BYTES


def run_ordered(function: Callable[[Job], Result], items: Sequence[Job], jobs: int, total_bytes: int) -> Iterator[Result]:
    """`map(function, items)`, in a process pool when the work justifies one."""
    if not worth_a_pool(jobs, len(items), total_bytes):
        yield from map(function, items)
        return
    import multiprocessing  # only for a pool: a warm run has nothing to analyse and never pays for it

    processes = min(jobs, len(items))
    # fork is cheap and needs no re-import; elsewhere (macOS, Windows) spawn is the safe default.
    method = "fork" if sys.platform.startswith("linux") else None
    context = multiprocessing.get_context(method)
    chunksize = max(1, min(64, len(items) // (processes * 8)))
    with context.Pool(processes) as pool:
        yield from pool.imap(function, items, chunksize)
