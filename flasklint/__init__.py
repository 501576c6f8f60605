"""flasklint: find the Flask/Werkzeug development server exposed to a network or run in production.

Importing this package must stay cheap (`flasklint --version` is budgeted at
0.15 s), so nothing heavy (LibCST, Flask, YAML) is imported here.
"""

__version__ = "0.2.0"
