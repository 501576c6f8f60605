"""Config loading for FL102: `from_object`/`from_pyfile`/`from_envvar`, the DEBUG of config classes and
modules, and the facts the project pass links across files."""

from __future__ import annotations

import ast
from typing import Any, Optional

from flasklint.python import values as pr
from flasklint.python.rules.base import RulesBase
from flasklint.python.rules.common import (
    AppEvent,
    DebugSource,
    _debug_flag,
    _shown,
    _truthiness_note,
    _value_node,
)


class ConfigLoading(RulesBase):
    """DEBUG from the config a file loads."""

    def _collect_from_object(self, identity: Any, call: ast.Call, scope: pr.Scope) -> None:
        """`app.config.from_object(X)`: read DEBUG from the class (or module) X selects.

        X may pick a class by an environment variable (`config[os.getenv("FLASK_CONFIG",
        "default")]`, `Dev if os.getenv("X") else Prod`): the branch taken when the
        variable is unset is what production gets by default, so that is the one
        judged. A class or module in another file (`"config.DevelopmentConfig"`, an
        imported class) is recorded as a fact for the project pass.
        """
        if not call.args:
            return
        chosen = self.resolver.select(call.args[0], scope)
        node = chosen.node
        if isinstance(node, ast.Call) and not node.args and not node.keywords:
            node = node.func  # an instance of the class: DevelopmentConfig()
        when = f" when {chosen.env} is unset" if chosen.env else ""
        found: Optional[tuple[str, ast.AST, pr.Value]] = None
        if isinstance(node, ast.Name) and node.id == "__name__" and self.walk.module.bindings.get("__name__") is None:
            found = self._module_setting("DEBUG")
            label = "this module's settings"
        elif isinstance(node, ast.Name) and self._is_module_class(node, chosen.scope):
            found = self._class_attribute(node.id, "DEBUG", set())
            label = node.id
        else:
            mapping = self._imported_mapping(node, chosen.scope)
            if mapping is not None:
                container, key = mapping
                ref = self._config_ref("mapping", container, call, key.env or chosen.env)
                ref["key"] = key.value
                self.config_refs.append(ref)
                self.external_config[identity] = ref
                return
            target = self.resolver.evaluate(node, chosen.scope)
            name = target.value if target.known and isinstance(target.value, str) else self.resolver.qualified_name(node, chosen.scope)
            if name:
                ref = self._config_ref("object", name, call, chosen.env)
                self.config_refs.append(ref)
                self.external_config[identity] = ref
            return
        if found is None:
            return
        where_set, assign, value = found
        value = _truthiness_note(value)  # Flask uses config["DEBUG"] as a truth value
        if chosen.env:
            advice = (f"make the fallback a production config (DEBUG off), so that an unset {chosen.env} never turns "
                      "debug on, and turn debug on locally with `flask run --debug`")
        else:
            advice = f"set DEBUG = False in {where_set} (or leave it out), and turn debug on locally with `flask run --debug`"
        source = DebugSource(
            call, value,
            f"`{self.code(call, 100)}` loads {label}{when}, whose DEBUG is {_shown(value.value)}{value.explain()} "
            f"(line {assign.lineno})",
            advice,
            related_node=assign,
        )
        if _debug_flag(value):
            self.debug_sources.append(source)
        self.events.append(AppEvent(identity, "debug", call.lineno, value, source, call))

    def _imported_mapping(self, node: ast.AST, scope: pr.Scope) -> Optional[tuple[str, pr.Value]]:
        """`config[os.getenv("FLASK_CONFIG", "default")]` (or `.get(key)`) on an imported dict: (its dotted name,
        the key when nothing is set), for the project pass to look up in the module that defines it."""
        if isinstance(node, ast.Subscript):
            container, key_node = node.value, node.slice
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
              and node.args):
            container, key_node = node.func.value, node.args[0]
        else:
            return None
        if not self.resolver.is_imported(container, scope):
            return None
        name = self.resolver.qualified_name(container, scope)
        key = self.resolver.evaluate(key_node, scope)
        if name is None or not key.known or not isinstance(key.value, str):
            return None
        return name, key

    def _is_module_class(self, name: ast.Name, scope: pr.Scope) -> bool:
        binding, _ = scope.lookup(name.id, getattr(name, "lineno", 0))
        return binding is not None and binding.kind == "class" and name.id in self.walk.classes

    def _module_setting(self, name: str) -> Optional[tuple[str, ast.AST, pr.Value]]:
        """A module-level `NAME = value` (its last binding), as `_class_attribute` returns it."""
        bindings = self.walk.module.bindings.get(name)
        if not bindings or bindings[-1].kind != "assign" or bindings[-1].node is None:
            return None
        binding = bindings[-1]
        return "this module", binding.node, self.resolver.evaluate(binding.expr, self.walk.module)

    def _config_ref(self, how: str, target: str, call: ast.Call, env: Optional[str]) -> dict[str, Any]:
        span = self.span(call)
        return {"how": how, "target": target, "env": env, "line": span.start.line, "column": span.start.column,
                "end_line": span.end.line, "end_column": span.end.column, "call": self.code(call)}

    def config_facts(self) -> dict[str, Any]:
        """What other files' `from_object`/`from_pyfile` may load from this one, and what this one loads.

        `config_refs`: this file's loads that name another file (`"config.DevelopmentConfig"`,
        an imported class, `from_pyfile("settings.py")`); `config_classes`: each
        module-level class's DEBUG (bases in this module followed); `module_debug`: a
        module-level `DEBUG = ...`. The project pass links them without re-reading files.
        """
        classes: dict[str, Any] = {}
        for class_name in self.walk.classes:
            found = self._class_attribute(class_name, "DEBUG", set())
            if found is not None:
                classes[class_name] = self._setting_fact(found)
        facts: dict[str, Any] = {}
        if self.config_refs:
            facts["config_refs"] = self.config_refs
        if classes:
            facts["config_classes"] = classes
        module = self._module_setting("DEBUG")
        if module is not None:
            facts["module_debug"] = self._setting_fact(module)
        return facts

    def _setting_fact(self, found: tuple[str, ast.AST, pr.Value]) -> dict[str, Any]:
        fact = _setting_fact(found)
        span = self.span(found[1])
        fact.update(column=span.start.column, end_line=span.end.line, end_column=span.end.column,
                    code=self.code(found[1]))
        return fact

    def imported_value(self, what: str, arg: Optional[ast.AST], scope: pr.Scope) -> Optional[dict[str, Any]]:
        """A host or debug argument whose value is a name imported from another module (`settings.DEBUG`,
        `default_config.BIND_ADDRESS`), for the project pass to read in that module's `constants`."""
        expr = _value_node(arg)
        if not isinstance(expr, (ast.Name, ast.Attribute)) or not self.resolver.is_imported(expr, scope):
            return None
        if self.resolver.evaluate(expr, scope).known:
            return None
        target = self.resolver.qualified_name(expr, scope)
        if target is None or "." not in target.strip("."):
            return None
        span = self.span(arg)  # type: ignore[arg-type]
        return {"what": what, "target": target, "code": self.code(arg), "line": span.start.line,  # type: ignore[arg-type]
                "column": span.start.column, "end_line": span.end.line, "end_column": span.end.column}

    def _class_attribute(self, class_name: str, attribute: str, seen: set[str]) -> Optional[tuple[str, ast.AST, pr.Value]]:
        """A class attribute of a module-level class, following its bases in this module."""
        entry = self.walk.classes.get(class_name)
        if entry is None or class_name in seen:
            return None
        seen.add(class_name)
        scope, node = entry
        bindings = scope.bindings.get(attribute)
        if bindings and bindings[-1].kind == "assign":
            binding = bindings[-1]
            return class_name, binding.node or node, self.resolver.evaluate(binding.expr, scope)
        for base in node.bases:
            if isinstance(base, ast.Name):
                found = self._class_attribute(base.id, attribute, seen)
                if found is not None:
                    return found
        return None


def _setting_fact(found: tuple[str, ast.AST, pr.Value]) -> dict[str, Any]:
    _, node, value = found
    shown = value.value if value.known and isinstance(value.value, (bool, int, str, type(None))) else None
    return {"line": node.lineno, "known": value.known, "value": shown, "debug": _debug_flag(value)}
