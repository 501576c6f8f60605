"""The single `ast` pass over a Python file: scopes, bindings, calls, attribute assignments.

Nothing here decides anything: `Walker` records what the rules (`rules/`)
and value resolution (`values.py`) later ask about, plus the shapes the
deployment model reads as facts (main-guard blocks, imports).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any, Optional

from flasklint.python import values as pr


@dataclass
class CallSite:
    call: ast.Call
    scope: pr.Scope
    import_time: bool
    main_guarded: bool
    function: Optional[str] = None
    """Qualified name of the innermost enclosing function (`main`, `Server.run`, `outer.inner`), or None."""
    top_function: Optional[str] = None
    """The module-level function the call is inside (for the call graph of `main_calls`), or None."""


@dataclass
class AssignSite:
    statement: ast.stmt
    target: ast.AST
    value: ast.AST
    scope: pr.Scope


@dataclass
class Walk:
    module: pr.Scope
    functions: dict[str, pr.Scope]
    classes: dict[str, tuple[pr.Scope, ast.ClassDef]]
    calls: list[CallSite] = field(default_factory=list)
    assigns: list[AssignSite] = field(default_factory=list)
    main_blocks: list[tuple[int, int]] = field(default_factory=list)
    """(first line, last line) of each `if __name__ == "__main__":` body: code that runs only as a script."""
    imports: list[tuple[int, str]] = field(default_factory=list)
    """(relative level, dotted module) of every import, for the deployment model's import edges."""
    function_lines: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Module-level function name -> (its `def` line, its last line)."""
    cli_commands: list[tuple[str, int]] = field(default_factory=list)
    """(qualified name, `def` line) of each function decorated as a CLI command."""
    server_methods: list[tuple[str, int, int]] = field(default_factory=list)
    """(class, first line, last line) of each `run`/`run_server` method of a module-level class: a library's
    own server start (Flask-SocketIO's `SocketIO.run`), not the user's."""
    ifs: list["IfSite"] = field(default_factory=list)
    """Every `if` statement whose body or `else` is analysed, for the rules' setting gates."""


@dataclass
class IfSite:
    """An `if` statement: its test, the scope the test runs in, and the lines of its body and `else`."""

    node: ast.If
    scope: pr.Scope
    body: Optional[tuple[int, int]]
    orelse: Optional[tuple[int, int]]


def _lines(statements: list[ast.stmt]) -> Optional[tuple[int, int]]:
    if not statements:
        return None
    last = statements[-1]
    return statements[0].lineno, getattr(last, "end_lineno", None) or last.lineno


def is_main_guard(test: ast.AST) -> bool:
    """`__name__ == "__main__"` (either way round)."""
    if not isinstance(test, ast.Compare) or len(test.ops) != 1 or not isinstance(test.ops[0], ast.Eq):
        return False
    sides = [test.left, test.comparators[0]]
    names = [s for s in sides if isinstance(s, ast.Name) and s.id == "__name__"]
    consts = [s for s in sides if isinstance(s, ast.Constant) and s.value == "__main__"]
    return len(names) == 1 and len(consts) == 1


LIBRARY_METHODS = frozenset({"run", "run_server"})
"""Methods whose body, in a file that defines their class, is a library's implementation of a server start."""

CLI_GROUP_NAMES = frozenset({"cli", "manager", "group", "commands"})
"""Receivers whose `.command` decorator registers a CLI command when their type is not known:
a click group, Flask-Script's `Manager`."""


def _is_cli_command(decorator: ast.AST) -> bool:
    """`@app.cli.command(...)`, `@click.command()`, `@cli.command()`, Flask-Script `@manager.command`/`.option`."""
    func = decorator.func if isinstance(decorator, ast.Call) else decorator
    if not isinstance(func, ast.Attribute) or func.attr not in ("command", "option"):
        return False
    receiver = func.value
    if func.attr == "option":  # Flask-Script's @manager.option; click's @click.option is not a command
        return isinstance(receiver, ast.Name) and receiver.id == "manager"
    if isinstance(receiver, ast.Attribute):
        return receiver.attr == "cli"  # app.cli.command, bp.cli.command
    return isinstance(receiver, ast.Name) and (receiver.id == "click" or receiver.id in CLI_GROUP_NAMES
                                               or receiver.id.endswith("_cli") or receiver.id.endswith("manager"))


_LEAVES = frozenset(
    {ast.Constant, ast.Name, ast.Load, ast.Store, ast.Del, ast.Pass, ast.Break, ast.Continue}
    | {cls for base in (ast.operator, ast.unaryop, ast.cmpop, ast.boolop) for cls in base.__subclasses__()}
)
"""Nodes with nothing to record below them: the walk does not descend (they are most of a tree)."""


class Walker(ast.NodeVisitor):
    """Records scopes, bindings, calls and attribute assignments in a single pass.

    `visit` and `generic_visit` replace NodeVisitor's: a per-class dispatch
    table and no descent into leaves make the walk ~2x faster, and the walk
    is most of the analysis time of a parsed file (README, "Performance").
    """

    _dispatch: dict[type, Any] = {}

    def visit(self, node: ast.AST) -> None:
        cls = type(node)
        method = self._dispatch.get(cls)
        if method is None:
            method = getattr(type(self), "visit_" + cls.__name__, None)
            if method is None or cls in _LEAVES:
                method = Walker.generic_visit if cls not in _LEAVES else Walker._skip
            self._dispatch[cls] = method
        method(self, node)

    def _skip(self, node: ast.AST) -> None:
        pass

    def generic_visit(self, node: ast.AST) -> None:
        for name in node._fields:
            value = getattr(node, name, None)
            if type(value) is list:
                for item in value:
                    if isinstance(item, ast.AST) and type(item) not in _LEAVES:
                        self.visit(item)
            elif isinstance(value, ast.AST) and type(value) not in _LEAVES:
                self.visit(value)

    def __init__(self) -> None:
        module = pr.Scope("module")
        self.walk = Walk(module, {}, {})
        self.scope = module
        self.function_depth = 0
        self.guard_depth = 0
        self.names: list[str] = []  # enclosing class/function names, outermost first
        self.function_names: list[str] = []  # qualified names of the enclosing functions

    # ---- binding helpers -------------------------------------------------

    def _bind_target(self, target: ast.AST, value: Optional[ast.AST], statement: ast.stmt) -> None:
        if isinstance(target, ast.Name):
            self.scope.bind(target.id, pr.Binding(target.lineno, "assign" if value is not None else "opaque", value, node=statement))
        elif isinstance(target, (ast.Tuple, ast.List)):
            values = value.elts if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts) else None
            for index, element in enumerate(target.elts):
                self._bind_target(element, values[index] if values else None, statement)
        elif isinstance(target, ast.Starred):
            self._bind_target(target.value, None, statement)
        elif isinstance(target, (ast.Attribute, ast.Subscript)) and value is not None:
            self.walk.assigns.append(AssignSite(statement, target, value, self.scope))

    def _bind_opaque(self, target: Optional[ast.AST], statement: ast.AST) -> None:
        if target is None:
            return
        for node in ast.walk(target):
            if isinstance(node, ast.Name):
                self.scope.bind(node.id, pr.Binding(node.lineno, "opaque", node=statement))

    # ---- statements ------------------------------------------------------

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.walk.imports.append((0, alias.name))
            if alias.asname:
                self.scope.bind(alias.asname, pr.Binding(node.lineno, "import", target=alias.name))
            else:
                top = alias.name.split(".")[0]
                self.scope.bind(top, pr.Binding(node.lineno, "import", target=top))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = "." * node.level + (node.module or "")
        self.walk.imports.append((node.level, node.module or ""))
        for alias in node.names:
            if node.module is None or node.level:
                self.walk.imports.append((node.level, ".".join(p for p in (node.module, alias.name) if p)))
            if alias.name == "*":
                continue
            target = module + alias.name if module.endswith(".") else f"{module}.{alias.name}"  # `from . import x`: `.x`
            self.scope.bind(alias.asname or alias.name, pr.Binding(node.lineno, "import", target=target))

    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        for target in node.targets:
            self._visit_target_parts(target)
            self._bind_target(target, node.value, node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
        self._visit_target_parts(node.target)
        self._bind_target(node.target, node.value, node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.visit(node.value)
        self._visit_target_parts(node.target)
        if isinstance(node.target, ast.Name):
            self.scope.bind(node.target.id, pr.Binding(node.lineno, "opaque", node=node))

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        self.scope.bind(node.target.id, pr.Binding(node.lineno, "assign", node.value, node=node))

    def _visit_target_parts(self, target: ast.AST) -> None:
        """Calls inside assignment targets (`x[f()] = 1`) still run."""
        if isinstance(target, (ast.Attribute, ast.Subscript)):
            self.generic_visit(target)

    def visit_For(self, node: ast.For) -> None:
        self._bind_opaque(node.target, node)
        self.generic_visit(node)

    visit_AsyncFor = visit_For  # type: ignore[assignment]

    def visit_With(self, node: ast.With) -> None:
        for item in node.items:
            self._bind_opaque(item.optional_vars, node)
        self.generic_visit(node)

    visit_AsyncWith = visit_With  # type: ignore[assignment]

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self.scope.bind(node.name, pr.Binding(node.lineno, "opaque", node=node))
        self.generic_visit(node)

    def visit_comprehension(self, node: ast.comprehension) -> None:
        self._bind_opaque(node.target, node)
        self.generic_visit(node)

    def visit_Global(self, node: ast.Global) -> None:
        self.scope.globals.update(node.names)

    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None:
            self.scope.returns.append(node.value)
            self.visit(node.value)

    def visit_If(self, node: ast.If) -> None:
        self.visit(node.test)
        constant = node.test.value if isinstance(node.test, ast.Constant) else None
        if isinstance(node.test, ast.Constant) and not constant:
            body: list[ast.stmt] = []  # `if False:` / `if 0:` never runs: nothing in it is recorded
        else:
            body = node.body
        orelse = [] if isinstance(node.test, ast.Constant) and constant else node.orelse
        guarded = self.function_depth == 0 and is_main_guard(node.test)
        if guarded:
            self.guard_depth += 1
            last = node.body[-1]
            self.walk.main_blocks.append((node.lineno, getattr(last, "end_lineno", None) or last.lineno))
        self.walk.ifs.append(IfSite(node, self.scope, _lines(body), _lines(orelse)))
        for statement in body:
            self.visit(statement)
        if guarded:
            self.guard_depth -= 1
        for statement in orelse:
            self.visit(statement)

    # ---- scopes ----------------------------------------------------------

    def _visit_function(self, node: Any) -> None:
        for decorator in getattr(node, "decorator_list", ()):
            self.visit(decorator)
        self.visit(node.args)
        if not isinstance(node, ast.Lambda):
            self.scope.bind(node.name, pr.Binding(node.lineno, "def", node=node))
        scope = pr.Scope("function", self.scope, node=node)
        name = "<lambda>" if isinstance(node, ast.Lambda) else node.name
        if not isinstance(node, ast.Lambda):
            if self.scope.kind == "module":
                self.walk.functions[node.name] = scope
                self.walk.function_lines[node.name] = (node.lineno, getattr(node, "end_lineno", None) or node.lineno)
            elif self.scope.kind == "class" and len(self.names) == 1 and node.name in LIBRARY_METHODS:
                self.walk.server_methods.append((self.names[0], node.lineno, getattr(node, "end_lineno", None) or node.lineno))
            if any(_is_cli_command(d) for d in node.decorator_list):
                self.walk.cli_commands.append((".".join(self.names + [name]), node.lineno))
        outer = self.scope
        self.scope = scope
        self.function_depth += 1
        self.names.append(name)
        self.function_names.append(".".join(self.names))
        arguments = node.args
        positional = arguments.posonlyargs + arguments.args
        defaults: dict[str, ast.AST] = dict(zip([a.arg for a in positional[len(positional) - len(arguments.defaults):]],
                                                arguments.defaults))
        defaults.update({a.arg: d for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults) if d is not None})
        for arg in positional + arguments.kwonlyargs:
            # A parameter: values.Resolver reads its default (or a click option's) when no call in the file passes it.
            scope.bind(arg.arg, pr.Binding(node.lineno, "param", defaults.get(arg.arg), target=arg.arg, node=node))
        for arg in (arguments.vararg, arguments.kwarg):
            if arg is not None:
                scope.bind(arg.arg, pr.Binding(node.lineno, "opaque", node=node))
        body = node.body if isinstance(node.body, list) else [node.body]
        for statement in body:
            self.visit(statement)
        self.names.pop()
        self.function_names.pop()
        self.function_depth -= 1
        self.scope = outer

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._visit_function(node)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._visit_function(node)

    def visit_arguments(self, node: ast.arguments) -> None:
        for default in node.defaults + [d for d in node.kw_defaults if d is not None]:
            self.visit(default)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for expr in node.decorator_list + node.bases + [k.value for k in node.keywords]:
            self.visit(expr)
        self.scope.bind(node.name, pr.Binding(node.lineno, "class", node=node))
        scope = pr.Scope("class", self.scope, node=node)
        if self.scope.kind == "module":
            self.walk.classes[node.name] = (scope, node)
        outer = self.scope
        self.scope = scope
        self.function_depth += 1  # a class body runs at import, but app.run() there is exotic
        self.names.append(node.name)
        for statement in node.body:
            self.visit(statement)
        self.names.pop()
        self.function_depth -= 1
        self.scope = outer

    # ---- expressions -----------------------------------------------------

    def visit_Call(self, node: ast.Call) -> None:
        function = self.function_names[-1] if self.function_names else None
        top = self.names[0] if self.function_names and self.names[0] in self.walk.functions else None
        self.walk.calls.append(CallSite(node, self.scope, self.function_depth == 0 and self.guard_depth == 0,
                                        self.guard_depth > 0, function=function, top_function=top))
        self.generic_visit(node)
