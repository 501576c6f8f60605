"""Environment variables in force for a command, each remembering where it was set.

Every family builds an `Environment` from its own layers (a Dockerfile's `ENV`,
a compose service's `environment` and `env_file`, a script's `export`, an inline
`FLASK_DEBUG=1 flask run`) and hands it to the Flask-CLI model, which reads
`FLASK_*` from it the way Flask does. Because every value keeps its position, a
finding can sit on the assignment that caused it, and a fix can delete it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping, Optional, Union

from flasklint.commands.shellwords import Word
from flasklint.model import Span

__all__ = ["EnvValue", "Environment"]


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
    """An immutable mapping NAME -> EnvValue; `layered` builds a new one where later layers win."""

    __slots__ = ("_values",)

    def __init__(self, values: Union[Mapping[str, EnvValue], Iterable[EnvValue], None] = None) -> None:
        if values is None:
            self._values: dict[str, EnvValue] = {}
        elif isinstance(values, Mapping):
            self._values = dict(values)
        else:
            self._values = {value.name: value for value in values}

    def __getitem__(self, name: str) -> EnvValue:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Environment({self._values!r})"

    def value(self, name: str) -> Optional[str]:
        """The value of NAME, or None when it is not set."""
        entry = self._values.get(name)
        return entry.value if entry is not None else None

    def layered(self, *layers: Union["Environment", Mapping[str, EnvValue], Iterable[EnvValue]]) -> "Environment":
        """This environment with each layer applied on top, in order (later wins)."""
        merged = dict(self._values)
        for layer in layers:
            merged.update(layer.items() if isinstance(layer, Mapping) else ((v.name, v) for v in layer))
        return Environment(merged)

    def with_value(self, value: EnvValue) -> "Environment":
        return self.layered((value,))

    def without(self, *names: str) -> "Environment":
        """This environment with NAMEs unset (`unset FLASK_DEBUG`, `env -u`)."""
        return Environment({k: v for k, v in self._values.items() if k not in names})
