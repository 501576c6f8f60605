"""The data a static evaluation works with: values with their provenance, objects, scopes and bindings.

Kept apart from the resolver (values.py) that computes them, so that the types every Python rule and
analyzer passes around are read on their own; values.py imports every name here.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any, Optional


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Value:
    """The result of evaluating an expression.

    `known` is False when flasklint cannot tell. `via` explains a known value
    ("HOST on line 4"); `env` names the environment variable whose absence
    yields this value; `origin` is the literal node the value came from (what
    a fix would rewrite).
    """

    known: bool
    value: Any = None
    via: tuple[str, ...] = ()
    env: Optional[str] = None
    origin: Optional[ast.AST] = None
    note: str = ""

    def explain(self) -> str:
        """Where the value came from: ` via HOST on line 4 (the default when HOST is unset)`.

        The `note` (why a value means what it does) is left to the caller, which
        places it in its message.
        """
        text = ""
        if self.via:
            text += " via " + ", then ".join(self.via)
        if self.env:
            text += f" (the default when {self.env} is unset)"
        return text

    @property
    def resolved(self) -> bool:
        """Whether the value came from somewhere else than the literal where it is used."""
        return bool(self.via or self.env)


UNKNOWN = Value(False)

TRIED_VALUES = ("", "0", "1", "true", "false", "True", "False", "TRUE", "FALSE", "yes", "no", "on", "off",
                "development", "production", "0.0.0.0", "127.0.0.1", "localhost", "::")
"""Values `Resolver.env_table` tries for a variable, besides the strings its expression is compared with."""


def shown_result(value: Value) -> Any:
    """An evaluation result as JSON: the value when known and plain, else "?"."""
    if value.known and isinstance(value.value, (str, bool, int, type(None))) and not isinstance(value.value, float):
        return value.value
    return "?"


def literal(value: Any, node: Optional[ast.AST]) -> Value:
    return Value(True, value, origin=node)


# --------------------------------------------------------------------------- objects

FLASK = "flask"
SOCKETIO = "socketio"
DEBUGGED = "debugged"
DASH = "dash"
CONNEXION = "connexion"
OTHER = "other"  # known to be something that is not a Flask app
MAYBE = "maybe"  # cannot be resolved: imported from elsewhere, a parameter, ...


@dataclass(frozen=True)
class Obj:
    """What a receiver expression is. `identity` links every use of one app together."""

    kind: str
    identity: Any = None
    node: Optional[ast.AST] = None  # the creating call (Flask(...), SocketIO(app), ...)
    app: Optional["Obj"] = None  # for SOCKETIO / DEBUGGED: the wrapped app


MAYBE_OBJ = Obj(MAYBE)
OTHER_OBJ = Obj(OTHER)


# --------------------------------------------------------------------------- scopes


@dataclass
class Binding:
    """One binding of a name: `expr` is the assigned expression when simple, else None."""

    line: int
    kind: str  # "assign" | "import" | "def" | "class" | "opaque"
    expr: Optional[ast.AST] = None
    target: Optional[str] = None  # for imports: the dotted name it refers to
    node: Optional[ast.AST] = None  # the defining statement (def, class, assign)


@dataclass
class Scope:
    """A module, function or class scope; lookups fall back to the module (Python's LEGB, minus builtins)."""

    kind: str  # "module" | "function" | "class"
    parent: Optional["Scope"] = None
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    returns: list[ast.AST] = field(default_factory=list)
    globals: set[str] = field(default_factory=set)
    node: Optional[ast.AST] = None

    def bind(self, name: str, binding: Binding) -> None:
        if name in self.globals and self.parent is not None:
            self.module.bind(name, binding)
            return
        self.bindings.setdefault(name, []).append(binding)

    @property
    def module(self) -> "Scope":
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope

    def lookup(self, name: str, line: int) -> tuple[Optional[Binding], "Scope"]:
        """The binding in force for a use of `name` on `line`.

        In the module scope, statements run in order, so the last binding at or
        before the use wins. A function body runs later than the module body,
        so a module name used inside a function sees its last binding overall.
        """
        scope: Optional[Scope] = self
        crossed_function = False
        while scope is not None:
            if scope.kind == "class" and scope is not self:
                scope = scope.parent  # class bodies do not enclose the functions inside them
                continue
            candidates = scope.bindings.get(name)
            if candidates:
                if crossed_function:
                    return candidates[-1], scope
                before = [b for b in candidates if b.line <= line]
                if before:
                    return before[-1], scope
                if scope.kind == "function":
                    return candidates[-1], scope  # a local is local in the whole body
            if scope.kind == "function":
                crossed_function = True
            scope = scope.parent
        return None, self.module
