"""What a Python name is bound to and what an expression evaluates to, statically.

This module knows nothing about rules. The Python analyzer records scopes and
bindings while it walks a tree once, then asks here: "what does this receiver
resolve to?" (a `flask.Flask` instance, a `SocketIO`, something else, or
unknown) and "what value does this argument have?" (a literal, with the
provenance that explains it: a module constant, an environment default).

Nothing is ever imported or executed: evaluation covers literals, names,
`os.environ.get`/`os.getenv` defaults, `bool()`/`int()`/`str()`, `or`/`and`,
comparisons and a few `str` methods, and gives up (`UNKNOWN`) on anything else.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence, Union

from flasklint.python import frameworks

MAX_DEPTH = 12
"""How many names/calls evaluation follows before giving up (also breaks cycles)."""

FLASK_CLASS = "flask.Flask"
"""Frameworks built on Flask (Flask-SocketIO, Dash, connexion, ...) are rows of `frameworks.FRAMEWORKS`."""
RUN_SIMPLE = ("werkzeug.serving.run_simple", "werkzeug.run_simple")
DEBUGGED_APPLICATION = ("werkzeug.debug.DebuggedApplication", "werkzeug.DebuggedApplication")
ENV_GETTERS = ("os.environ.get", "os.getenv", "os.environ.setdefault")
NOT_FLASK_MODULES = frozenset(
    {"fastapi", "starlette", "quart", "sanic", "aiohttp", "bottle", "tornado", "django", "falcon",
     "litestar", "pyramid", "cherrypy", "uvicorn", "gunicorn", "waitress", "hypercorn", "threading",
     "multiprocessing", "subprocess", "asyncio", "unittest", "doctest", "pdb", "cProfile", "profile",
     "trace", "timeit", "sched", "concurrent"}
)
"""Modules whose objects are known not to be Flask apps, even when named `app`."""


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


# --------------------------------------------------------------------------- resolver


Expr = ast.AST
Number = Union[int, float]


class Resolver:
    """Answers questions about names and values once a module has been walked."""

    def __init__(self, module: Scope, functions: dict[str, Scope], calls: Sequence[Any] = (), assigns: Sequence[Any] = ()) -> None:
        self.module = module
        self.functions = functions  # module-level function name -> its scope
        self.calls = calls  # walker.CallSite of every call, in source order
        self.assigns = assigns  # walker.AssignSite of every attribute/subscript assignment
        self._calls_by_name: Optional[dict[str, list[ast.Call]]] = None
        self._method_calls: Optional[dict[tuple[str, str], list[tuple[ast.Call, Scope]]]] = None

    # ---- indexes of the walk (built on first use) ------------------------

    def calls_of(self, function: str) -> list[ast.Call]:
        """Calls by name of a function (`serve(...)`) anywhere in the file."""
        if self._calls_by_name is None:
            index: dict[str, list[ast.Call]] = {}
            for site in self.calls:
                if isinstance(site.call.func, ast.Name):
                    index.setdefault(site.call.func.id, []).append(site.call)
            self._calls_by_name = index
        return self._calls_by_name.get(function, [])

    def method_calls(self, receiver: str, method: str) -> list[tuple[ast.Call, Scope]]:
        """Calls `receiver.method(...)` on a plain name (`parser.add_argument(...)`), with their scopes."""
        if self._method_calls is None:
            index: dict[tuple[str, str], list[tuple[ast.Call, Scope]]] = {}
            for site in self.calls:
                func = site.call.func
                if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                    index.setdefault((func.value.id, func.attr), []).append((site.call, site.scope))
            self._method_calls = index
        return self._method_calls.get((receiver, method), [])

    # ---- names -----------------------------------------------------------

    def qualified_name(self, expr: Expr, scope: Scope, depth: int = 0) -> Optional[str]:
        """The dotted name an expression refers to through imports (`F` -> `flask.Flask`)."""
        if depth > MAX_DEPTH:
            return None
        if isinstance(expr, ast.Name):
            binding, owner = scope.lookup(expr.id, getattr(expr, "lineno", 0))
            if binding is None:
                return None
            if binding.kind == "import":
                return binding.target
            if binding.kind == "assign" and isinstance(binding.expr, (ast.Name, ast.Attribute)):
                return self.qualified_name(binding.expr, owner, depth + 1)
            return None
        if isinstance(expr, ast.Attribute):
            base = self.qualified_name(expr.value, scope, depth + 1)
            return f"{base}.{expr.attr}" if base else None
        return None

    def is_imported(self, expr: Expr, scope: Scope) -> bool:
        """Whether a Name/Attribute chain starts at an import (so it is defined elsewhere)."""
        root = root_name(expr)
        if root is None:
            return False
        binding, _ = scope.lookup(root.id, getattr(root, "lineno", 0))
        return binding is not None and binding.kind == "import"

    # ---- objects ---------------------------------------------------------

    def resolve_object(self, expr: Expr, scope: Scope, depth: int = 0) -> Obj:
        """What kind of object an expression is (see the kinds above)."""
        if depth > MAX_DEPTH:
            return MAYBE_OBJ
        if isinstance(expr, ast.Name):
            binding, owner = scope.lookup(expr.id, getattr(expr, "lineno", 0))
            if binding is None:
                return MAYBE_OBJ
            if binding.kind == "assign" and binding.expr is not None:
                obj = self.resolve_object(binding.expr, owner, depth + 1)
                if obj.kind == FLASK and obj.identity is None:
                    return Obj(FLASK, (id(owner), expr.id), obj.node)
                return obj
            if binding.kind in ("def", "class"):
                return OTHER_OBJ
            return MAYBE_OBJ  # imported, a parameter, a loop variable...
        if isinstance(expr, ast.Call):
            return self._resolve_call(expr, scope, depth)
        if isinstance(expr, ast.Attribute):
            return MAYBE_OBJ if self.is_imported(expr, scope) or _is_self_attr(expr) else OTHER_OBJ
        if isinstance(expr, (ast.Constant, ast.JoinedStr, ast.List, ast.Tuple, ast.Dict, ast.Set, ast.BinOp, ast.Compare, ast.Lambda)):
            return OTHER_OBJ
        return MAYBE_OBJ

    def _resolve_call(self, call: ast.Call, scope: Scope, depth: int) -> Obj:
        name = self.qualified_name(call.func, scope)
        if name == FLASK_CLASS or name in frameworks.FLASK_SUBCLASSES:
            return Obj(FLASK, ("call", id(call)), call)
        if name in DEBUGGED_APPLICATION:
            return Obj(DEBUGGED, ("call", id(call)), call)
        framework = frameworks.by_constructor(name)
        if framework is not None:  # Flask-SocketIO, Dash, connexion, ...: the kind is the table's
            app_obj = None
            if framework.wraps_app is not None:
                index = framework.wraps_app
                app = call.args[index] if len(call.args) > index else keyword(call, "app")
                app_obj = self.resolve_object(app, scope, depth + 1) if app is not None else MAYBE_OBJ
            return Obj(framework.kind, ("call", id(call)), call, app_obj)
        if isinstance(call.func, ast.Name) and name is None:
            function = self.functions.get(call.func.id)
            binding, _ = scope.lookup(call.func.id, call.lineno)
            if function is not None and binding is not None and binding.kind == "def":
                return self._resolve_factory(function, depth)
            if binding is not None and binding.kind == "class":
                return OTHER_OBJ
        if name is not None and name.split(".")[0] in NOT_FLASK_MODULES:
            return OTHER_OBJ
        return MAYBE_OBJ  # a call into another module: could build anything

    def _resolve_factory(self, function: Scope, depth: int) -> Obj:
        """A module-level function that returns a Flask app is an app factory."""
        for returned in function.returns:
            obj = self.resolve_object(returned, function, depth + 1)
            if obj.kind == FLASK:
                return obj
        return OTHER_OBJ if function.returns else MAYBE_OBJ

    # ---- values ----------------------------------------------------------

    def evaluate(self, expr: Optional[Expr], scope: Scope, depth: int = 0) -> Value:
        """The value of an expression, or UNKNOWN."""
        if expr is None or depth > MAX_DEPTH:
            return UNKNOWN
        if isinstance(expr, ast.Constant):
            return literal(expr.value, expr)
        if isinstance(expr, ast.Name):
            return self._evaluate_name(expr, scope, depth)
        if isinstance(expr, ast.Call):
            return self._evaluate_call(expr, scope, depth)
        if isinstance(expr, ast.BoolOp):
            return self._evaluate_boolop(expr, scope, depth)
        if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.Not):
            inner = self.evaluate(expr.operand, scope, depth + 1)
            return _derive(inner, not inner.value) if inner.known else UNKNOWN
        if isinstance(expr, ast.Compare) and len(expr.ops) == 1:
            return self._evaluate_compare(expr, scope, depth)
        if isinstance(expr, ast.Subscript):
            return self._evaluate_subscript(expr, scope, depth)
        if isinstance(expr, ast.IfExp):
            test = self.evaluate(expr.test, scope, depth + 1)
            if test.known:
                chosen = self.evaluate(expr.body if test.value else expr.orelse, scope, depth + 1)
                return chosen
        if isinstance(expr, ast.Attribute):
            return self._evaluate_argparse(expr, scope, depth)
        return UNKNOWN

    def _evaluate_name(self, expr: ast.Name, scope: Scope, depth: int) -> Value:
        if expr.id in ("True", "False", "None"):  # pragma: no cover - Constants in py3.8+
            return literal({"True": True, "False": False, "None": None}[expr.id], expr)
        binding, owner = scope.lookup(expr.id, expr.lineno)
        if (binding is not None and binding.kind == "assign" and binding.line == expr.lineno and binding.expr is not None
                and any(node is expr for node in ast.walk(binding.expr))):
            binding, owner = scope.lookup(expr.id, expr.lineno - 1)  # `x = x or ...`: the x before this line
        if binding is not None and binding.kind == "param":
            return self._evaluate_parameter(binding, owner, depth)
        if binding is None or binding.kind != "assign" or binding.expr is None:
            return UNKNOWN
        inner = self.evaluate(binding.expr, owner, depth + 1)
        if not inner.known:
            return UNKNOWN
        return Value(True, inner.value, (f"{expr.id} on line {binding.line}",) + inner.via, inner.env, inner.origin, inner.note)

    def _evaluate_call(self, call: ast.Call, scope: Scope, depth: int) -> Value:
        name = self.qualified_name(call.func, scope)
        if name in ENV_GETTERS:
            return self._evaluate_env_get(call, scope, depth)
        if isinstance(call.func, ast.Name) and name is None and len(call.args) == 1 and not call.keywords:
            builtin = call.func.id
            if scope.lookup(builtin, call.lineno)[0] is None and builtin in ("bool", "int", "str"):
                inner = self.evaluate(call.args[0], scope, depth + 1)
                if not inner.known:
                    return UNKNOWN
                try:
                    converted = {"bool": bool, "int": int, "str": str}[builtin](inner.value)
                except (TypeError, ValueError):
                    return UNKNOWN
                note = inner.note
                if builtin == "bool" and isinstance(inner.value, str) and inner.value:
                    note = f'bool() of the non-empty string "{inner.value}" is True'
                return Value(True, converted, inner.via, inner.env, inner.origin, note)
        if isinstance(call.func, ast.Attribute) and not call.args and call.func.attr in ("lower", "upper", "strip", "casefold"):
            inner = self.evaluate(call.func.value, scope, depth + 1)
            if inner.known and isinstance(inner.value, str):
                return _derive(inner, getattr(inner.value, call.func.attr)())
        if isinstance(call.func, ast.Name) and name is None:
            return self._evaluate_helper(call, scope, depth)
        return UNKNOWN

    # ---- values through functions ----------------------------------------

    def _evaluate_helper(self, call: ast.Call, scope: Scope, depth: int) -> Value:
        """`get_host()`: what a module-level function of this file returns, when every `return` agrees."""
        function = self.functions.get(call.func.id)  # type: ignore[attr-defined]
        binding, _ = scope.lookup(call.func.id, call.lineno)  # type: ignore[attr-defined]
        if function is None or binding is None or binding.kind != "def" or not function.returns:
            return UNKNOWN
        values = [self.evaluate(r, function, depth + 1) for r in function.returns]
        first = values[0]
        if not all(v.known for v in values) or any(v.value != first.value for v in values[1:]):
            return UNKNOWN
        return Value(True, first.value, (f"the return value of {call.func.id}() on line {function.returns[0].lineno}",)  # type: ignore[attr-defined]
                     + first.via, first.env, first.origin, first.note)

    def _evaluate_parameter(self, binding: Binding, function: Scope, depth: int) -> Value:
        """A parameter's value when the caller does not choose it: a click option's default, or its own default.

        Only when no call in this file passes it (by position, keyword or splat): a
        value a caller passes is followed no further.
        """
        node, name = binding.node, binding.target or ""
        click_default = self._click_default(node, name, function, depth)
        if click_default is not None:
            return click_default
        if binding.expr is None or self._passed_by_a_caller(node, name):
            return UNKNOWN
        inner = self.evaluate(binding.expr, function.parent or function, depth + 1)
        if not inner.known:
            return UNKNOWN
        return Value(True, inner.value, (f"the default of parameter {name} on line {binding.line}",) + inner.via,
                     inner.env, inner.origin, inner.note)

    def _passed_by_a_caller(self, node: Any, name: str) -> bool:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return True
        arguments = node.args
        positional = [a.arg for a in arguments.posonlyargs + arguments.args]
        index = positional.index(name) if name in positional else None
        for call in self.calls_of(node.name):
            if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
                return True
            if index is not None and len(call.args) > index:
                return True
            if any(k.arg == name for k in call.keywords):
                return True
        return False

    def _click_default(self, node: Any, name: str, function: Scope, depth: int) -> Optional[Value]:
        """The default of `@click.option("--host", default=...)` (or `is_flag`) that fills parameter `name`."""
        for decorator in getattr(node, "decorator_list", ()):
            if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)
                    and decorator.func.attr in ("option", "argument")):
                continue
            declared = [a.value for a in decorator.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if _click_parameter_name(declared) != name:
                continue
            default = keyword(decorator, "default")
            option = next((d for d in declared if d.startswith("-")), name)
            if default is None:
                flag = keyword(decorator, "is_flag")
                is_flag = (flag is not None and isinstance(flag, ast.Constant) and flag.value is True) or any("/" in d for d in declared)
                return Value(True, False if is_flag else None, (f"the default of {option} on line {decorator.lineno}",))
            inner = self.evaluate(default, function.parent or function, depth + 1)
            if not inner.known:
                return UNKNOWN
            return Value(True, inner.value, (f"the default of {option} on line {decorator.lineno}",) + inner.via,
                         inner.env, inner.origin, inner.note)
        return None

    def _evaluate_argparse(self, expr: ast.Attribute, scope: Scope, depth: int) -> Value:
        """`args.host` after `args = parser.parse_args()`: the default of the `add_argument` whose dest is `host`."""
        if not isinstance(expr.value, ast.Name):
            return UNKNOWN
        binding, owner = scope.lookup(expr.value.id, expr.lineno)
        parsed = binding.expr if binding is not None and binding.kind == "assign" else None
        if not (isinstance(parsed, ast.Call) and isinstance(parsed.func, ast.Attribute)
                and parsed.func.attr == "parse_args" and isinstance(parsed.func.value, ast.Name)):
            return UNKNOWN
        for call, call_scope in self.method_calls(parsed.func.value.id, "add_argument"):
            if call_scope is not owner or _argparse_dest(call) != expr.attr:
                continue
            option = next((a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)), expr.attr)
            via = (f"the default of {option} on line {call.lineno}",)
            default = keyword(call, "default")
            if default is not None:
                inner = self.evaluate(default, call_scope, depth + 1)
                return Value(True, inner.value, via + inner.via, inner.env, inner.origin, inner.note) if inner.known else UNKNOWN
            action = keyword(call, "action")
            action_name = action.value if isinstance(action, ast.Constant) else None
            if action_name == "store_true":
                return Value(True, False, via)
            if action_name == "store_false":
                return Value(True, True, via)
            return Value(True, None, via) if action is None else UNKNOWN
        return UNKNOWN

    def _evaluate_env_get(self, call: ast.Call, scope: Scope, depth: int) -> Value:
        key = self.evaluate(call.args[0], scope, depth + 1) if call.args else UNKNOWN
        env = str(key.value) if key.known else "the variable"
        default_expr = call.args[1] if len(call.args) > 1 else keyword(call, "default")
        if default_expr is None:
            return Value(True, None, env=env, origin=None)
        default = self.evaluate(default_expr, scope, depth + 1)
        if not default.known:
            return UNKNOWN
        return Value(True, default.value, default.via, env, default.origin, default.note)

    def _evaluate_boolop(self, expr: ast.BoolOp, scope: Scope, depth: int) -> Value:
        result = UNKNOWN
        for index, operand in enumerate(expr.values):
            result = self.evaluate(operand, scope, depth + 1)
            if not result.known:
                if isinstance(expr.op, ast.Or):
                    return self._always_truthy(expr, index, scope, depth)
                return UNKNOWN
            truthy = bool(result.value)
            if isinstance(expr.op, ast.Or) and truthy or isinstance(expr.op, ast.And) and not truthy:
                return result
        return result

    def _always_truthy(self, expr: ast.BoolOp, unknown: int, scope: Scope, depth: int) -> Value:
        """`os.environ["DEBUG"] or True`: whatever the unknown operand is, a later `True` (or non-zero number)
        makes the whole truthy. Only flags: a later string would make the value unknown, not that string."""
        for operand in expr.values[unknown + 1:]:
            value = self.evaluate(operand, scope, depth + 1)
            if value.known and isinstance(value.value, (bool, int, float)) and value.value:
                return Value(True, True, value.via, value.env, value.origin, f"`... or {_source_text(operand)}` is always true")
        return UNKNOWN

    def _evaluate_compare(self, expr: ast.Compare, scope: Scope, depth: int) -> Value:
        left = self.evaluate(expr.left, scope, depth + 1)
        right = self.evaluate(expr.comparators[0], scope, depth + 1)
        if not (left.known and right.known):
            return UNKNOWN
        op = expr.ops[0]
        try:
            if isinstance(op, ast.Eq):
                value = left.value == right.value
            elif isinstance(op, ast.NotEq):
                value = left.value != right.value
            elif isinstance(op, ast.In):
                value = left.value in right.value
            elif isinstance(op, ast.NotIn):
                value = left.value not in right.value
            else:
                return UNKNOWN
        except TypeError:
            return UNKNOWN
        return _derive(left, value, env=left.env or right.env)

    def _evaluate_subscript(self, expr: ast.Subscript, scope: Scope, depth: int) -> Value:
        container = expr.value
        if isinstance(container, ast.Name):
            binding, owner = scope.lookup(container.id, container.lineno)
            if binding is not None and binding.kind == "assign":
                container = binding.expr
                scope = owner
        if isinstance(container, (ast.Tuple, ast.List)):
            items = container.elts
            index = self.evaluate(expr.slice, scope, depth + 1)
            if index.known and isinstance(index.value, int) and -len(items) <= index.value < len(items):
                return self.evaluate(items[index.value], scope, depth + 1)
            return UNKNOWN
        if isinstance(container, ast.Dict):
            key = self.evaluate(expr.slice, scope, depth + 1)
            if key.known:
                value_expr = dict_item(container, key.value, self, scope)
                if value_expr is not None:
                    return self.evaluate(value_expr, scope, depth + 1)
        return UNKNOWN

    # ---- selection -------------------------------------------------------

    def select(self, expr: Expr, scope: Scope, depth: int = 0) -> "Selected":
        """The expression finally used when `expr` picks one of several by a known key or test.

        Follows names bound by assignment, `MAPPING[key]` and `MAPPING.get(key, default)`
        on a dict literal, `SEQUENCE[index]`, and `A if test else B`, whenever the key or
        the test evaluates (an environment lookup evaluates to its default, which is
        what runs when the variable is unset). Stops at anything else, which is
        returned as is: a class name, a string, an unknown call.
        """
        if depth > MAX_DEPTH:
            return Selected(expr, scope)
        if isinstance(expr, ast.Name):
            binding, owner = scope.lookup(expr.id, getattr(expr, "lineno", 0))
            if binding is None or binding.kind != "assign" or binding.expr is None:
                return Selected(expr, scope)
            inner = self.select(binding.expr, owner, depth + 1)
            return Selected(expr, scope) if isinstance(inner.node, (ast.Dict, ast.List, ast.Tuple)) else inner
        chosen: Optional[ast.AST] = None
        key = UNKNOWN
        if isinstance(expr, ast.IfExp):
            key = self.evaluate(expr.test, scope, depth + 1)
            if key.known:
                chosen = expr.body if key.value else expr.orelse
        elif isinstance(expr, ast.Subscript):
            container = self._literal_container(expr.value, scope)
            key = self.evaluate(expr.slice, scope, depth + 1)
            if container is not None and key.known:
                chosen = _item(container, key.value, self, scope)
        elif (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "get"
              and expr.args and not expr.keywords):
            container = self._literal_container(expr.func.value, scope)
            key = self.evaluate(expr.args[0], scope, depth + 1)
            if isinstance(container, ast.Dict) and key.known:
                chosen = dict_item(container, key.value, self, scope)
                if chosen is None:
                    chosen = expr.args[1] if len(expr.args) > 1 else None
        if chosen is None:
            return Selected(expr, scope)
        inner = self.select(chosen, scope, depth + 1)
        return Selected(inner.node, inner.scope, inner.env or key.env, key if inner.env is None else inner.key)

    def _literal_container(self, expr: Expr, scope: Scope) -> Optional[ast.AST]:
        """The dict/list/tuple literal a name is bound to (or the literal itself), else None."""
        if isinstance(expr, ast.Name):
            binding, _ = scope.lookup(expr.id, expr.lineno)
            if binding is None or binding.kind != "assign":
                return None
            expr = binding.expr
        return expr if isinstance(expr, (ast.Dict, ast.List, ast.Tuple)) else None

    # ---- keyword splats --------------------------------------------------

    def splat_items(self, expr: Expr, scope: Scope, depth: int = 0) -> Optional[dict[str, ast.AST]]:
        """The items of `**X`, or None when they cannot all be known.

        X may be a dict literal, `dict(k=v)`, `dict(BASE, k=v)`, `BASE.copy()` or
        `{**BASE, ...}`, directly or through a name; a name then also takes the
        changes made to it before the call in its scope: `X["host"] = ...`,
        `X.update(...)`, `X.setdefault(...)`.
        """
        if depth > MAX_DEPTH:
            return None
        if not isinstance(expr, ast.Name):
            return self._mapping_items(expr, scope, depth)
        binding, owner = scope.lookup(expr.id, expr.lineno)
        if binding is None or binding.kind != "assign" or binding.expr is None:
            return None
        items = self._mapping_items(binding.expr, owner, depth)
        if items is None:
            return None
        first, last = binding.line, expr.lineno if scope is owner else 10**9
        for site in self.assigns:
            target = site.target
            if (site.scope is owner and isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
                    and target.value.id == expr.id and first < site.statement.lineno <= last):
                key = self.evaluate(target.slice, owner, depth + 1)
                if not key.known or not isinstance(key.value, str):
                    return None
                items[key.value] = site.value
        for method in ("update", "setdefault"):
            for call, call_scope in self.method_calls(expr.id, method):
                if call_scope is not owner or not first < call.lineno <= last:
                    continue
                if method == "setdefault":
                    key = self.evaluate(call.args[0], owner, depth + 1) if len(call.args) == 2 else UNKNOWN
                    if not key.known or not isinstance(key.value, str):
                        return None
                    items.setdefault(key.value, call.args[1])
                    continue
                update = self._call_items(call, owner, depth)
                if update is None:
                    return None
                items.update(update)
        return items

    def _mapping_items(self, expr: Expr, scope: Scope, depth: int) -> Optional[dict[str, ast.AST]]:
        if isinstance(expr, ast.Name):
            return self.splat_items(expr, scope, depth + 1)
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id == "dict":
            return self._call_items(expr, scope, depth)
        if (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "copy"
                and not expr.args and not expr.keywords):
            return self._mapping_items(expr.func.value, scope, depth + 1)
        if not isinstance(expr, ast.Dict):
            return None
        items: dict[str, ast.AST] = {}
        for key, value in zip(expr.keys, expr.values):
            if key is None:  # {**BASE, ...}
                nested = self._mapping_items(value, scope, depth + 1)
                if nested is None:
                    return None
                items.update(nested)
                continue
            key_value = self.evaluate(key, scope)
            if not key_value.known or not isinstance(key_value.value, str):
                return None
            items[key_value.value] = value
        return items

    def _call_items(self, call: ast.Call, scope: Scope, depth: int) -> Optional[dict[str, ast.AST]]:
        """The items `dict(BASE, k=v)` builds, or `X.update(BASE, k=v)` adds."""
        items: dict[str, ast.AST] = {}
        if len(call.args) > 1:
            return None
        if call.args:
            base = self._mapping_items(call.args[0], scope, depth + 1)
            if base is None:
                return None
            items.update(base)
        for kw in call.keywords:
            if kw.arg is None:
                nested = self._mapping_items(kw.value, scope, depth + 1)
                if nested is None:
                    return None
                items.update(nested)
            else:
                items[kw.arg] = kw.value
        return items


@dataclass(frozen=True)
class Selected:
    """What `Resolver.select` arrived at: the chosen expression, and the environment variable whose
    absence chose it (with the key or test value it evaluated to), when one did."""

    node: ast.AST
    scope: Scope
    env: Optional[str] = None
    key: Value = UNKNOWN


def _item(container: ast.AST, key: Any, resolver: Resolver, scope: Scope) -> Optional[ast.AST]:
    if isinstance(container, ast.Dict):
        return dict_item(container, key, resolver, scope)
    if isinstance(container, (ast.List, ast.Tuple)) and isinstance(key, int) and -len(container.elts) <= key < len(container.elts):
        return container.elts[key]
    return None


def _derive(source: Value, value: Any, env: Optional[str] = None) -> Value:
    return Value(True, value, source.via, env or source.env, source.origin, source.note)


def _source_text(node: ast.AST) -> str:
    try:
        return ast.unparse(node)
    except Exception:  # pragma: no cover - unparse of a valid tree should not fail
        return "..."


def _click_parameter_name(declared: list[str]) -> Optional[str]:
    """The parameter name click derives from `("--listen-host", "-h")`, or an explicit `("host", "--bind")`."""
    declared = [d.split("/")[0].strip() for d in declared]  # "--debug/--no-debug"
    for name in declared:
        if name.isidentifier():
            return name
    longs = [d for d in declared if d.startswith("--")] or [d for d in declared if d.startswith("-")]
    if not longs:
        return None
    return longs[0].lstrip("-").replace("-", "_").lower()


def _argparse_dest(call: ast.Call) -> Optional[str]:
    """argparse's `dest` for an `add_argument(...)`: `dest=`, else the first long option, else the first short."""
    dest = keyword(call, "dest")
    if isinstance(dest, ast.Constant) and isinstance(dest.value, str):
        return dest.value
    names = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    if not names:
        return None
    if not names[0].startswith("-"):
        return names[0]
    longs = [n for n in names if n.startswith("--")]
    return (longs[0] if longs else names[0]).lstrip("-").replace("-", "_")


def root_name(expr: Expr) -> Optional[ast.Name]:
    """The name an attribute chain starts from (`a` of `a.b.c`), or None."""
    while isinstance(expr, ast.Attribute):
        expr = expr.value
    return expr if isinstance(expr, ast.Name) else None


def _is_self_attr(expr: ast.Attribute) -> bool:
    root = root_name(expr)
    return root is not None and root.id in ("self", "cls")


def keyword(call: ast.Call, name: str) -> Optional[ast.AST]:
    """The value of a keyword argument, or None."""
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    return None


def dict_item(node: ast.Dict, key: Any, resolver: Resolver, scope: Scope) -> Optional[ast.AST]:
    for k, v in zip(node.keys, node.values):
        if k is None:
            continue
        key_value = resolver.evaluate(k, scope)
        if key_value.known and key_value.value == key:
            return v
    return None
