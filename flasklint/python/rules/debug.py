"""FL102 debug-enabled: what turns the Werkzeug debugger on for a start (debug flags, `use_debugger`,
`DebuggedApplication(evalex=True)`, FLASK_DEBUG), the sources reported on their own, and setting gates."""

from __future__ import annotations

import ast
import re
from typing import Any, Optional

from flasklint.python import values as pr
from flasklint.python.rules.base import RulesBase
from flasklint.python.rules.common import (
    ADVICE_EVALEX,
    ADVICE_RUN,
    ADVICE_USE_DEBUGGER,
    DEBUG_POSITION,
    TRUTHINESS_ADVICE,
    AppEvent,
    DebugSource,
    Start,
    _argument,
    _debug_flag,
    _described,
    _env_debug_flag,
    _note,
    _truthiness_note,
    _value_node,
)
from flasklint.python.walker import CallSite, IfSite


class Debugger(RulesBase):
    """The debugger's sources and FL102."""

    def _debugged_source(self, call: ast.Call, scope: pr.Scope) -> Optional[DebugSource]:
        """The `evalex=True` of `DebuggedApplication(app, evalex=True)` (positional or keyword)."""
        arg = _argument(call, 1, "evalex", {})
        if arg is None:
            return None
        value = _truthiness_note(self.resolver.evaluate(_value_node(arg), scope))
        if not _debug_flag(value):
            return None
        for existing in self.debug_sources:
            if existing.node is arg:
                return existing
        return DebugSource(arg, value, _described(self.argument_text(arg, "evalex"), value), ADVICE_EVALEX,
                           change=self._removal(arg, call, "False"))

    def _last_event(self, identity: Any, what: str, site: CallSite) -> Optional[AppEvent]:
        if identity is None:
            return None
        line = site.call.lineno
        in_function = site.scope.kind != "module"
        chosen: Optional[AppEvent] = None
        for event in self.events:
            if event.identity == identity and event.what == what and (event.line <= line or in_function):
                chosen = event
        return chosen

    def _debugger(self, start: Start, splat: dict[str, ast.AST]) -> tuple[Optional[DebugSource], Optional[DebugSource]]:
        """(the source that turns the debugger on for this start, or None; a new keyword source to report)."""
        call, scope = start.site.call, start.site.scope
        if start.kind == "run_simple":
            use_debugger = _argument(call, 4, "use_debugger", splat)
            if use_debugger is not None:
                value = _truthiness_note(self.resolver.evaluate(_value_node(use_debugger), scope))
                if _debug_flag(value):
                    source = DebugSource(use_debugger, value, _described(self.argument_text(use_debugger, "use_debugger"), value),
                                         ADVICE_USE_DEBUGGER, change=self._removal(use_debugger, call, "False"))
                    return source, source
            application = _value_node(_argument(call, 2, "application", splat))
            if application is not None:
                wrapped = self.resolver.resolve_object(application, scope)
                if wrapped.kind == pr.DEBUGGED and wrapped.node is not None:
                    return self._debugged_source(wrapped.node, scope), None
                identity, _ = self._app_identity(application, scope)
                if identity is not None:
                    self.served_by_run_simple.add(identity)
            return None, None
        if start.identity is not None:
            self.served_by_run.add(start.identity)
        explicit = _argument(call, 2 if start.kind == "flask_script" else None, "use_debugger", splat)
        if explicit is not None:
            value = _truthiness_note(self.resolver.evaluate(_value_node(explicit), scope))
            if not value.known or not value.value:
                return None, None  # debugger explicitly off (or unknowable)
            source = DebugSource(explicit, value, _described(self.argument_text(explicit, "use_debugger"), value),
                                 ADVICE_USE_DEBUGGER, change=self._removal(explicit, call, "None"))
            return source, source
        debug_arg = _argument(call, DEBUG_POSITION.get(start.kind), "debug", splat)
        if debug_arg is not None:
            value = _truthiness_note(self.resolver.evaluate(_value_node(debug_arg), scope))
            if value.known and value.value is not None:
                if not value.value:
                    return None, None
                source = DebugSource(debug_arg, value, _described(self.argument_text(debug_arg, "debug"), value),
                                     ADVICE_RUN, change=self._removal(debug_arg, call, "None"))
                return source, source
            if not value.known:
                return None, None
        identity = start.identity
        if start.kind == "socketio":
            app = _value_node(_argument(call, 0, "app", splat))
            identity = self._app_identity(app, scope)[0] if app is not None else None
        wsgi = self._last_event(identity, "debugger_wsgi", start.site)
        if wsgi is not None and wsgi.source is not None:
            return wsgi.source, None
        event = self._last_event(identity, "debug", start.site)
        env_events = [e for e in self.env_debug if e.line <= call.lineno or start.site.scope.kind != "module"]
        if env_events and start.kind == "flask":
            load_dotenv = _argument(call, 3, "load_dotenv", splat)
            load = self.resolver.evaluate(_value_node(load_dotenv), scope) if load_dotenv is not None else pr.literal(True, None)
            if load.known and load.value and _env_debug_flag(env_events[-1].value):
                return env_events[-1].source, None  # Flask.run re-reads FLASK_DEBUG over app.debug
        if event is not None and event.source is not None and _debug_flag(event.value):
            return event.source, None
        return None, None

    def report_debug_sources(self) -> None:
        consumed = {id(s.node) for s in self.debug_sources if s.consumed}
        # Debug mode (`app.debug = True`, DEBUG) of an app served only by run_simple() turns no debugger on:
        # run_simple serves the console only with use_debugger (or a DebuggedApplication), both reported apart.
        no_console = self.served_by_run_simple - self.served_by_run
        consumed |= {id(e.source.node) for e in self.events
                     if e.what == "debug" and e.source is not None and e.identity in no_console}
        seen: set[int] = set()
        for source in self.debug_sources:
            if id(source.node) in consumed or id(source.node) in seen or not _debug_flag(source.value):
                continue
            seen.add(id(source.node))
            gate = self.gate(source.node)
            if gate is not None:
                self._report_gate(source, gate)
                continue
            finding = self.report.add(
                "FL102", source.node,
                f"{source.description}, which turns on the Werkzeug debugger{_note(source.value)}: its browser "
                f"console runs any Python typed into it, for whoever reaches the server; {source.advice}"
                + (TRUTHINESS_ADVICE if source.value.note else ""),
                related=[(source.related_node, "DEBUG is set here")] if source.related_node is not None else [],
            )
            self._offer(finding, f"Turn the debugger off: remove `{self.code(source.node)}`", [source.change])

    def gate(self, node: ast.AST) -> Optional[tuple[IfSite, pr.Value]]:
        """The setting that a debug switch is written under, when there is one: `if settings.DEBUG:` above
        `app.run(debug=True)`, `if debug:` above `DebuggedApplication(app, evalex=True)`.

        Such a switch is the setting's consequence, not a finding of its own:
        the setting decides (VERDICTS 16). The innermost enclosing `if` whose
        test names a debug or development setting is the gate; its value is the
        test's truth on the branch the switch is in (an `else` negates it).
        """
        line = getattr(node, "lineno", None)
        if line is None:
            return None
        for site in reversed(self.walk.ifs):  # innermost last in source order among those that enclose
            branch = site.body if site.body and site.body[0] <= line <= site.body[1] else None
            negated = False
            if branch is None and site.orelse and site.orelse[0] <= line <= site.orelse[1]:
                branch, negated = site.orelse, True
            if branch is None or not _names_a_setting(site.node.test):
                continue
            value = self.resolver.evaluate(site.node.test, site.scope)
            if value.known and negated:
                value = pr.Value(True, not value.value, value.via, value.env, value.origin, value.note)
            return site, value
        return None

    def _report_gate(self, source: DebugSource, gate: tuple[IfSite, pr.Value]) -> None:
        """A switch behind a setting: a finding at the setting only when it is on when nothing is set."""
        site, value = gate
        if not value.known or not value.value:
            return  # off by default, or chosen where the code is deployed: the setting decides
        test = site.node.test
        self.report.add(
            "FL102", test,
            f"`if {self.code(test)}:` is true when nothing is set{value.explain()}, and under it "
            f"{source.description} turns on the Werkzeug debugger: its browser console runs any Python typed into "
            f"it, for whoever reaches the server; make the setting default to off",
            related=[(source.node, "the debugger is turned on here")],
        )

    def _related(self, debugger: Optional[DebugSource], server_name: Optional[AppEvent]) -> list[tuple[ast.AST, str]]:
        related = []
        if debugger is not None and debugger.node is not None:
            related.append((debugger.node, f"the debugger is turned on here: {debugger.description}"))
            if debugger.related_node is not None:
                related.append((debugger.related_node, "DEBUG is set here"))
        if server_name is not None:
            related.append((server_name.node, "SERVER_NAME names all interfaces here"))
        return related


_SETTING_WORDS = re.compile(r"debug|(?:^|_)dev(?:elopment)?(?:$|_)", re.IGNORECASE)


def _names_a_setting(test: ast.AST) -> bool:
    """Whether an `if` test reads a debug or development setting (`settings.DEBUG`, `args.debug`, `DEV_MODE`,
    `os.environ.get("FLASK_DEBUG")`, `env == "development"`); never the `__main__` guard."""
    for node in ast.walk(test):
        word = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else (
            node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None)
        if word and _SETTING_WORDS.search(word):
            return True
    return False
