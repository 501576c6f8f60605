"""Management scripts whose command line starts the development server: a Flask `FlaskGroup`, Flask-Script's `Manager`.

`python manage.py run -h 0.0.0.0` on a script built on `FlaskGroup` is `flask run
-h 0.0.0.0`; `python manage.py runserver -h 0.0.0.0` on a Flask-Script `Manager`
runs the `Server` registered as `runserver`, or the plain one Flask-Script adds
when the project registered none. The file's part is this fact; which command a
launcher runs, with which options, is the deployment model's
(flasklint.deployment.management).

`management`: {"kind": "flask_group" | a framework kind with a command row
("flask_script"), "line": where the group or manager is built, "own": the command
names the project registers itself (`add_command("runserver", ...)`, decorated
functions)}.
"""

from __future__ import annotations

import ast
from typing import Any, Optional

from flasklint.python import frameworks
from flasklint.python import values as pr
from flasklint.python.walker import Walk

__all__ = ["management_facts"]


def management_facts(walk: Walk, resolver: pr.Resolver) -> dict[str, Any]:
    """{"management": ...} when this file builds a FlaskGroup or a framework's command dispatcher, else {}."""
    found = _flask_group(walk, resolver) or _dispatcher(walk, resolver)
    return {"management": found} if found is not None else {}


def _flask_group(walk: Walk, resolver: pr.Resolver) -> Optional[dict[str, Any]]:
    """`FlaskGroup(app)`, `@click.group(cls=FlaskGroup)`, or a module-level subclass of FlaskGroup."""
    for site in walk.calls:
        call = site.call
        if resolver.qualified_name(call.func, site.scope) == frameworks.FLASK_GROUP or any(
                keyword.arg == "cls" and resolver.qualified_name(keyword.value, site.scope) == frameworks.FLASK_GROUP
                for keyword in call.keywords):
            return {"kind": "flask_group", "line": call.lineno}
    for scope, node in walk.classes.values():
        if any(resolver.qualified_name(base, walk.module) == frameworks.FLASK_GROUP for base in node.bases):
            return {"kind": "flask_group", "line": node.lineno}
    return None


def _dispatcher(walk: Walk, resolver: pr.Resolver) -> Optional[dict[str, Any]]:
    """Flask-Script's `Manager(app)`: its kind, and the command names the project registers itself."""
    for site in walk.calls:
        framework = frameworks.by_dispatcher(resolver.qualified_name(site.call.func, site.scope))
        if framework is None:
            continue
        own = {name.rpartition(".")[2] for name, _ in walk.cli_commands}
        for other in walk.calls:
            call = other.call
            if isinstance(call.func, ast.Attribute) and call.func.attr == "add_command" and call.args:
                name = resolver.evaluate(call.args[0], other.scope)
                if name.known and isinstance(name.value, str):
                    own.add(name.value)
        return {"kind": framework.kind, "line": site.call.lineno, "own": sorted(own)}
    return None
