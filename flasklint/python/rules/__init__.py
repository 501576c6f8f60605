"""The FL101-FL106 decisions: what in a walked Python file is a finding, and its message and fix plan.

`Rules` reads the `Walk` (walker.py), asks `values.Resolver` what receivers and
arguments resolve to, and reports through the analyzer's `Reporter`. How a
host or debug value is resolved lives in values.py; how a fix is written in
fixes.py. One module per rule family, so a rule's logic is found from its id:

- starts.py: each server start judged; FL101, FL103, FL104 and FL106 are reported there;
- debug.py: FL102 and what turns the debugger on; config.py: the DEBUG of loaded configs;
- bind.py: FL103's host; environment.py: FL105 and FLASK_DEBUG set in code;
- collect.py reads the walk once; base.py and common.py hold what every family shares.
"""

from __future__ import annotations

from flasklint.python.rules.bind import Binding
from flasklint.python.rules.collect import Collection
from flasklint.python.rules.config import ConfigLoading
from flasklint.python.rules.debug import Debugger
from flasklint.python.rules.environment import Environment
from flasklint.python.rules.starts import Starts


class Rules(Starts, Binding, Debugger, ConfigLoading, Environment, Collection):
    """Turns the walk into findings. Methods read top to bottom with early returns."""
