"""The byte-level screen for command families: can this file start or configure Flask at all?

Every command and environment rule needs one of these in the file: `flask` /
`FLASK_*` (the CLI and its variables), `werkzeug` (`WERKZEUG_DEBUG_PIN`),
`python`/`py` (a script start the project pass may link, or `-m flask`), or a
shell script that may run one (`start.sh`). Escapes (`\\u0066lask` in JSON) and
UTF-16 files could hide them from a byte search, so those always pass.
"""

from __future__ import annotations

import re

_WORDS = (b"flask", b"python", b"gunicorn", b"werkzeug", b"uwsgi", b"waitress", b"hypercorn", b"uvicorn", b"granian",
          b"mod_wsgi", b"$(make)")
"""Mentions that are plain substrings (of the lowercased bytes): one C-speed `in` each."""
_BOUNDED = tuple((core, re.compile(pattern)) for core, pattern in (
    (b"py", rb"\bpy\b"), (b".sh", rb"\.sh\b"), (b".bash", rb"\.bash\b"), (b"\\u", rb"\\u[0-9a-f]{4}"),
    (b"make", rb"\bmake\b"), (b"npm ", rb"\bnpm "), (b"yarn ", rb"\byarn "), (b"pnpm ", rb"\bpnpm "),
    (b"honcho", rb"\bhoncho\b"), (b"foreman", rb"\bforeman\b"),
    # `docker build -t NAME`: the deployment model ties a manifest's `image: NAME` to the Dockerfile it builds
    (b"docker", rb"\bdocker\s+(?:buildx\s+|image\s+)?build\b.*\s(?:-t|--tag)[\s=]"),
))
"""Mentions that need a word boundary: the regex runs only when its literal core is in the file at all."""
# Also production servers, `make` and Procfile runners: the deployment model needs every launcher and what it
# imports. One case-insensitive alternation of all of these ran at ~10 MB/s (a 5 MB generated file spent
# 0.6 s here); the lowercased bytes searched a mention at a time give the same answer ~50 times faster.


def may_matter(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    lowered = data.lower()  # ASCII-only, like a bytes pattern's (?i)
    if any(word in lowered for word in _WORDS):
        return True
    return any(core in lowered and pattern.search(lowered) is not None for core, pattern in _BOUNDED)
