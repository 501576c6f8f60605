"""Command lines and environments shared by every non-Python family.

`shellwords` splits shell into words with positions, `environment` holds the
variables in force, `script` steps through a script's exports, `flaskcli`
interprets one command with Flask's own CLI declaration, and `checks` applies
the command and environment rules (FL101, FL105, FL201, FL202, FL301, FL302).
"""
