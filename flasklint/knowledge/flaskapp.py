"""How Flask's command line finds the app in a module: names it tries, in order (a data table).

Source: flask/cli.py, `find_best_app` (Flask 2.x-3.1): an attribute `app` or
`application`, then a factory `create_app` or `make_app`, called with no
arguments. `find_app_by_string` (`--app module:name`) also calls `name` when
it is a function, parentheses or not; gunicorn calls only what it is given
with parentheses (`module:factory()`).
"""

from __future__ import annotations

__all__ = ["APP_NAMES", "FACTORY_NAMES"]

APP_NAMES = ("app", "application")
"""The attributes `find_best_app` takes for the app, in its order."""
FACTORY_NAMES = ("create_app", "make_app")
"""The factories `find_best_app` calls by name when the module has no app attribute, in its order."""
