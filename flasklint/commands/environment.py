"""Environment variables in force for a command, each remembering where it was set.

Every family builds an `Environment` from its own layers (a Dockerfile's `ENV`,
a compose service's `environment` and `env_file`, a script's `export`, an inline
`FLASK_DEBUG=1 flask run`) and hands it to the Flask-CLI model, which reads
`FLASK_*` from it the way Flask does. Because every value keeps its position, a
finding can sit on the assignment that caused it, and a fix can delete it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ItemsView, Iterable, Iterator, Mapping, Optional, Union, ValuesView

from flasklint.commands.persistent import PersistentMap
from flasklint.commands.shellwords import Word
from flasklint.model import Span

__all__ = ["EnvValue", "Environment", "MAX_FILE_ASSIGNMENTS"]

MAX_FILE_ASSIGNMENTS = 5_000
"""Variable assignments kept of one env file or one Dockerfile's `ENV` lines; the rest is not analysed.

Each costs about 1.2 KB while the file is analysed (its value, its place, its fact), and an env file
holds one every 4 bytes (`A=1`): 15 MB of them passed 1 GiB. Real files hold hundreds.
"""


@dataclass(frozen=True)
class EnvValue:
    """One `NAME=value` assignment: its value and where it sits.

    `start`/`end` cover the assignment (`NAME=value`, or the key-value pair of a
    YAML map) in the file `path`. The optional ranges make fixes possible:
    `value_start`/`value_end` cover the value's text (inside any quotes), and
    `removal_start`/`removal_end` the text to delete to remove the assignment
    (typically the whole line with its newline); -1 when not known.
    `span` is the assignment's place as lines and columns, given for a value
    read from another file (an env file linked by the project pass), so a
    finding about it can name that line without re-reading the file.
    """

    name: str
    value: str
    start: int
    end: int
    path: str
    value_start: int = -1
    value_end: int = -1
    removal_start: int = -1
    removal_end: int = -1
    span: Optional[Span] = None

    @classmethod
    def from_word(cls, word: Word, path: str) -> "EnvValue":
        """An inline `NAME=value` shell word (`FLASK_DEBUG=1 flask run`, `env A=b cmd`)."""
        name, _, value = word.text.partition("=")
        value_start = value_end = -1
        if word.inner_start >= 0:
            value_start = word.inner_start + len(name) + 1
            value_end = value_start + len(value)
        elif not word.quoted or word.plain_prefix == len(name) + 1:
            # NAME='v a l': the raw value runs from after `=` to the end of the token
            value_start, value_end = word.start + len(name) + 1, word.end
        return cls(name, value, word.start, word.end, path, value_start, value_end)

    @property
    def has_removal(self) -> bool:
        return self.removal_start >= 0 and self.removal_end >= self.removal_start

    @property
    def has_value_range(self) -> bool:
        return self.value_start >= 0 and self.value_end >= self.value_start


class Environment(Mapping[str, EnvValue]):
    """An immutable mapping NAME -> EnvValue; `layered` builds a new one where later layers win.

    Built in bulk it holds a plain dict; the first `with_value`/`without` on it
    turns that into a persistent map (kept), so a script that sets one
    variable per line costs O(log n) a step instead of a copy of everything.
    """

    __slots__ = ("_values", "_map")

    def __init__(self, values: Union[Mapping[str, EnvValue], Iterable[EnvValue], None] = None) -> None:
        self._map: Optional[PersistentMap[EnvValue]] = None
        if values is None:
            self._values: Optional[dict[str, EnvValue]] = {}
        elif isinstance(values, Environment):
            self._values, self._map = values._values, values._map
        elif isinstance(values, Mapping):
            self._values = dict(values)
        else:
            self._values = {value.name: value for value in values}

    @classmethod
    def _of(cls, values: PersistentMap[EnvValue]) -> "Environment":
        env = cls.__new__(cls)
        env._values, env._map = None, values
        return env

    def _persistent(self) -> PersistentMap[EnvValue]:
        if self._map is None:
            self._map = PersistentMap().update((self._values or {}).items())
        return self._map

    def __getitem__(self, name: str) -> EnvValue:
        entry = self._values.get(name) if self._values is not None else self._persistent().get(name)
        if entry is None:
            raise KeyError(name)
        return entry

    def get(self, name: str, default: Optional[EnvValue] = None) -> Optional[EnvValue]:  # type: ignore[override]
        """Mapping.get without the KeyError round trip (the model asks for ~20 names a start)."""
        entry = self._values.get(name) if self._values is not None else self._persistent().get(name)
        return entry if entry is not None else default

    def __contains__(self, name: object) -> bool:
        return name in self._values if self._values is not None else name in self._persistent()

    def __iter__(self) -> Iterator[str]:
        if self._values is not None:
            return iter(self._values)
        return iter([name for name, _ in self._persistent().items()])

    def __len__(self) -> int:
        return len(self._values) if self._values is not None else len(self._persistent())

    def __repr__(self) -> str:
        return f"Environment({dict(self.items())!r})"

    def items(self) -> ItemsView[str, EnvValue]:  # type: ignore[override]
        """(NAME, EnvValue) pairs in the order the names were set (one pass, not a lookup per name)."""
        if self._values is not None:
            return self._values.items()
        return dict(self._persistent().items()).items()

    def values(self) -> ValuesView[EnvValue]:  # type: ignore[override]
        return dict(self.items()).values() if self._values is None else self._values.values()

    def value(self, name: str) -> Optional[str]:
        """The value of NAME, or None when it is not set."""
        entry = self._values.get(name) if self._values is not None else self._persistent().get(name)
        return entry.value if entry is not None else None

    def layered(self, *layers: Union["Environment", Mapping[str, EnvValue], Iterable[EnvValue]]) -> "Environment":
        """This environment with each layer applied on top, in order (later wins)."""
        if self._values is not None:
            merged = dict(self._values)
            for layer in layers:
                merged.update(layer.items() if isinstance(layer, Mapping) else ((v.name, v) for v in layer))
            return Environment(merged)
        values = self._persistent()
        for layer in layers:
            values = values.update(layer.items() if isinstance(layer, Mapping) else ((v.name, v) for v in layer))
        return Environment._of(values)

    def with_value(self, value: EnvValue) -> "Environment":
        return Environment._of(self._persistent().set(value.name, value))

    def with_values(self, values: Iterable[EnvValue]) -> "Environment":
        """This environment with each value set in order, in one update (`with_value` one after another)."""
        return Environment._of(self._persistent().update((value.name, value) for value in values))

    def without(self, *names: str) -> "Environment":
        """This environment with NAMEs unset (`unset FLASK_DEBUG`, `env -u`)."""
        values = self._persistent()
        for name in names:
            values = values.delete(name)
        return Environment._of(values)
