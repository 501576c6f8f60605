"""The byte-level screen for command families: can this file start or configure Flask at all?

Every command and environment rule needs one of these in the file: `flask` /
`FLASK_*` (the CLI and its variables), `werkzeug` (`WERKZEUG_DEBUG_PIN`),
`python`/`py` (a script start the project pass may link, or `-m flask`), or a
shell script that may run one (`start.sh`). Escapes (`\\u0066lask` in JSON) and
UTF-16 files could hide them from a byte search, so those always pass.
"""

from __future__ import annotations

import re

_MENTIONS = re.compile(
    rb"(?i)flask|werkzeug|python|\bpy\b|\.sh\b|\.bash\b|\\u[0-9a-f]{4}"
    rb"|gunicorn|uwsgi|waitress|hypercorn|uvicorn|granian|mod_wsgi|\bmake\b|\$\(MAKE\)|\bnpm |\byarn |\bpnpm "
    rb"|\bhoncho\b|\bforeman\b"
)
"""Also production servers, `make` and Procfile runners: the deployment model needs every launcher and what it imports."""


def may_matter(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return _MENTIONS.search(data) is not None
