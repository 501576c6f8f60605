"""`os.environ` assignments: FL105 (WERKZEUG_DEBUG_PIN=off, reported here) and FLASK_DEBUG, a debug
source for FL101/FL102."""

from __future__ import annotations

import ast

from flasklint.python import values as pr
from flasklint.python.rules.base import RulesBase
from flasklint.python.rules.common import (
    ADVICE_ENV,
    PIN_VARIABLE,
    AppEvent,
    DebugSource,
    _described,
    _env_debug_flag,
)


class Environment(RulesBase):
    """Environment variables set in code."""

    def _environment_assignment(self, name: str, value: pr.Value, node: ast.AST, statement: ast.AST) -> None:
        removal = self._removal(node, statement if isinstance(statement, ast.Call) and statement is not node else None)
        if name == PIN_VARIABLE and value.known and str(value.value).lower() == "off":
            finding = self.report.add(
                "FL105", node,
                f'`{self.code(node)}` sets {PIN_VARIABLE} to "off"{value.explain()}: that removes the PIN that guards '
                "the Werkzeug debugger console, so anyone who reaches a debugger page can run Python on this "
                "machine; remove it, and keep the PIN on wherever the debugger runs",
            )
            self._offer(finding, f"Remove the {PIN_VARIABLE}=off setting", [removal])
        elif name == "FLASK_DEBUG":
            source = DebugSource(node, value, _described(f"`{self.code(node)}`", value), ADVICE_ENV, change=removal)
            if _env_debug_flag(value):
                self.debug_sources.append(source)
            self.env_debug.append(AppEvent(None, "debug", statement.lineno, value, source, node))
