"""The changes a Python rule asks for, before any is built: what to replace, remove or wrap, at which span.

Rules plan with these (`FixPlan`); fixes.py builds them with LibCST and
plainfixes.py builds the plainest without it, so both import them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from flasklint.model import Edit, FixSafety, Span


@dataclass(frozen=True)
class ReplaceWithString:
    """Replace the expression at `span` with the string literal `value`.

    A string literal keeps its prefix and quote style (`'0.0.0.0'` becomes
    `'127.0.0.1'`); any other expression becomes a double-quoted literal.
    """

    span: Span
    value: str


@dataclass(frozen=True)
class RemoveArgument:
    """Remove the call argument at `span` (a keyword, or a positional value).

    A positional argument followed by other positional arguments cannot be
    removed without shifting them, so it is replaced by `default`, the code of
    the parameter's default value, which means the same as leaving it out.
    """

    span: Span
    default: str


@dataclass(frozen=True)
class RemoveDictElement:
    """Remove the `key: value` element of a dict literal whose key is at `span`."""

    span: Span


@dataclass(frozen=True)
class RemoveStatement:
    """Remove the statement at `span` (or the expression statement whose value is at `span`).

    Comments on the lines above it are kept; a block left empty gets `pass`.
    """

    span: Span


@dataclass(frozen=True)
class WrapInMainGuard:
    """Put the expression statement whose value is at `span` under `if __name__ == "__main__":`."""

    span: Span


@dataclass(frozen=True)
class AddKeyword:
    """Add `name="value"` as the last argument of the call at `span`."""

    span: Span
    name: str
    value: str


Change = Union[ReplaceWithString, RemoveArgument, RemoveDictElement, RemoveStatement, WrapInMainGuard, AddKeyword]


@dataclass(frozen=True)
class FixPlan:
    """One finding's fix before it is built: what it does, how safe it is, and its changes."""

    description: str
    safety: FixSafety
    changes: tuple[Change, ...]


def minimal_edit(old: str, new: str) -> Edit:
    """The single stretch where `new` differs from `old` (common prefix and suffix trimmed)."""
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return Edit(prefix, len(old) - suffix, new[prefix : len(new) - suffix])
