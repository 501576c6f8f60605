"""Keeping Python's cyclic garbage collector from walking, again and again, objects that are not garbage.

A large scan allocates a lot and frees little: a 100,000-line compose file composes a node per
YAML event, and its 20,000 services leave 20,000 start facts that the project pass then reads
into units and edges. The collector's full collections walk every live object, and each one
that triggered in those phases found nothing: a third of a large file's analysis, and most of
the deployment model's time. Both helpers only change when the collector looks, never what
is collected in the end.
"""

from __future__ import annotations

import contextlib
import gc
from typing import ContextManager, Iterator

__all__ = ["collector_paused", "collector_paused_for", "older_objects_spared", "BIG_INPUT"]

BIG_INPUT = 1 << 16
"""Characters of a file from which the collector is paused while it is analysed (`collector_paused_for`)."""


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (if it runs) for the block; it runs again after it.

    For phases that allocate much and free little. Composing a YAML stream allocates a node per
    event and frees none, and the analyzers then allocate words, launches and facts while every
    node is alive: each collection that triggered found nothing and walked all the nodes made so
    far, a third of a 100,000-line file's time. Nodes form cycles only through recursive aliases,
    which the collector finds once it runs again.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def collector_paused_for(size: int) -> ContextManager[None]:
    """`collector_paused()` while a file of `size` characters is analysed, when it is big.

    A generated 100,000-line script, Makefile, Dockerfile or env file allocates words,
    assignments, environment versions and facts that stay alive until its analysis ends and
    form no cycles; each collection that triggered walked all of them and found nothing (a fifth
    to a third of such a file's time). A small file allocates too little for it to matter.
    """
    return collector_paused() if size >= BIG_INPUT else contextlib.nullcontext()


@contextlib.contextmanager
def older_objects_spared() -> Iterator[None]:
    """Leave the objects that exist now out of the collector's walks until the block ends (`gc.freeze`).

    For a pass that reads a large structure made before it (the project pass reads every file's
    facts): a collection during it, or the first ones after it when the pass also pauses the
    collector, no longer walks the scan's results, which it cannot free. A process that froze
    objects itself (a pre-fork server) keeps its own freeze: nothing is frozen or thawed then.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
