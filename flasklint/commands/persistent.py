"""A persistent (immutable, structure-sharing) string-keyed map: setting one key costs O(log n), not a copy.

A shell script steps through `export A=1` ... `flask run` ... `export B=2`, and
every command keeps the environment that was in force on its line. With a
copied dict per step, a generated 100,000-line script is quadratic; with this
map every version shares all but one path of a shallow hash trie (32 slots a
level) with the one it came from, so each step costs a few small tuple copies.

Entries remember when they were first set, so iteration follows insertion
order like a dict (reports and facts stay in file order).
"""

from __future__ import annotations

from typing import Generic, Iterable, Iterator, Optional, TypeVar

__all__ = ["PersistentMap"]

V = TypeVar("V")

_BITS = 5
_WIDTH = 1 << _BITS
_MASK = _WIDTH - 1
_MAX_SHIFT = 60
"""Below this many hash bits the trie stops branching and keys that still collide share a bucket."""
_EMPTY: tuple = (None,) * _WIDTH


class _Entry:
    """One key's value and its insertion rank (a re-set key keeps its rank, like a dict)."""

    __slots__ = ("key", "value", "rank")

    def __init__(self, key: str, value: object, rank: int) -> None:
        self.key = key
        self.value = value
        self.rank = rank


class _Bucket:
    """Keys whose hashes agree on every bit the trie uses (practically never happens)."""

    __slots__ = ("entries",)

    def __init__(self, entries: tuple[_Entry, ...]) -> None:
        self.entries = entries


def _find(node: tuple, key: str, hashed: int) -> Optional[_Entry]:
    shift = 0
    while True:
        slot = node[(hashed >> shift) & _MASK]
        if slot is None:
            return None
        if isinstance(slot, _Entry):
            return slot if slot.key == key else None
        if isinstance(slot, _Bucket):
            return next((e for e in slot.entries if e.key == key), None)
        node, shift = slot, shift + _BITS


def _with(node: tuple, entry: _Entry, hashed: int, shift: int) -> tuple[tuple, Optional[_Entry]]:
    """`node` with `entry` set (a new path of tuples; the rest shared), and the entry it replaced."""
    index = (hashed >> shift) & _MASK
    slot = node[index]
    old: Optional[_Entry] = None
    if slot is None:
        replacement: object = entry
    elif isinstance(slot, _Entry):
        if slot.key == entry.key:
            old, replacement = slot, _Entry(entry.key, entry.value, slot.rank)
        elif shift >= _MAX_SHIFT:
            replacement = _Bucket((slot, entry))
        else:
            other = hash(slot.key) & ((1 << 64) - 1)
            replacement = _with(_with(_EMPTY, slot, other, shift + _BITS)[0], entry, hashed, shift + _BITS)[0]
    elif isinstance(slot, _Bucket):
        old = next((e for e in slot.entries if e.key == entry.key), None)
        if old is not None:
            entry = _Entry(entry.key, entry.value, old.rank)
        replacement = _Bucket(tuple(e for e in slot.entries if e.key != entry.key) + (entry,))
    else:
        replacement, old = _with(slot, entry, hashed, shift + _BITS)
    copy = list(node)
    copy[index] = replacement
    return tuple(copy), old


def _without(node: tuple, key: str, hashed: int, shift: int) -> tuple:
    index = (hashed >> shift) & _MASK
    slot = node[index]
    if slot is None or (isinstance(slot, _Entry) and slot.key != key):
        return node
    if isinstance(slot, _Entry):
        replacement: object = None
    elif isinstance(slot, _Bucket):
        replacement = _Bucket(tuple(e for e in slot.entries if e.key != key))
    else:
        replacement = _without(slot, key, hashed, shift + _BITS)
    copy = list(node)
    copy[index] = replacement
    return tuple(copy)


def _entries(node: tuple) -> Iterator[_Entry]:
    stack = [node]
    while stack:
        for slot in stack.pop():
            if slot is None:
                continue
            if isinstance(slot, _Entry):
                yield slot
            elif isinstance(slot, _Bucket):
                yield from slot.entries
            else:
                stack.append(slot)


class PersistentMap(Generic[V]):
    """An immutable str -> V map; `set` and `delete` return a new map sharing the old one's structure."""

    __slots__ = ("_root", "_size", "_next_rank")

    def __init__(self, _root: tuple = _EMPTY, _size: int = 0, _next_rank: int = 0) -> None:
        self._root = _root
        self._size = _size
        self._next_rank = _next_rank

    def get(self, key: str, default: Optional[V] = None) -> Optional[V]:
        entry = _find(self._root, key, hash(key) & ((1 << 64) - 1))
        return entry.value if entry is not None else default  # type: ignore[return-value]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and _find(self._root, key, hash(key) & ((1 << 64) - 1)) is not None

    def __len__(self) -> int:
        return self._size

    def set(self, key: str, value: V) -> "PersistentMap[V]":
        root, old = _with(self._root, _Entry(key, value, self._next_rank), hash(key) & ((1 << 64) - 1), 0)
        return PersistentMap(root, self._size + (old is None), self._next_rank + (old is None))

    def update(self, items: Iterable[tuple[str, V]]) -> "PersistentMap[V]":
        """This map with each (key, value) set in order; one new map, not one a key."""
        root, size, rank = self._root, self._size, self._next_rank
        for key, value in items:
            root, old = _with(root, _Entry(key, value, rank), hash(key) & ((1 << 64) - 1), 0)
            if old is None:
                size, rank = size + 1, rank + 1
        return PersistentMap(root, size, rank)

    def delete(self, key: str) -> "PersistentMap[V]":
        hashed = hash(key) & ((1 << 64) - 1)
        if _find(self._root, key, hashed) is None:
            return self
        return PersistentMap(_without(self._root, key, hashed, 0), self._size - 1, self._next_rank)

    def items(self) -> list[tuple[str, V]]:
        """Every (key, value), in the order the keys were first set."""
        ordered = sorted(_entries(self._root), key=lambda e: e.rank)
        return [(e.key, e.value) for e in ordered]  # type: ignore[misc]
