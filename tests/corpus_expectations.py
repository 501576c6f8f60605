"""Reads the `# expect: FLxxx` / `# ok: FLxxx` markers of corpus/ (see corpus/README.md).

Shared by the corpus test and bench/compare.py, so "what the corpus expects" has
one definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

MARKER = re.compile(r"#\s*(expect-dev|expect|ok):\s*(FL\d{3}(?:\s*,\s*FL\d{3})*)")
"""`expect` is reported by default; `expect-dev` only with --include-dev (a development-only or test finding)."""
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@dataclass(frozen=True, order=True)
class Mark:
    path: str  # relative to corpus/, POSIX
    line: int
    rule: str
    verdict: str  # "expect" | "expect-dev" | "ok"


def _marks_in(path: Path, relative: str) -> list[Mark]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (UnicodeDecodeError, OSError):
        return []
    marks: list[Mark] = []
    pending: list[tuple[str, str]] = []
    for number, line in enumerate(lines, start=1):
        found = [(m.group(1), rule.strip()) for m in MARKER.finditer(line) for rule in m.group(2).split(",")]
        stripped = line.strip()
        marker_only = bool(found) and stripped.startswith("#") and MARKER.sub("", stripped).strip("# \t") == ""
        if marker_only:
            pending.extend(found)
            continue
        if not stripped:
            continue
        for verdict, rule in pending + found:
            marks.append(Mark(relative, number, rule, verdict))
        pending = []
    return marks


SIDECAR = "expect.txt"
SIDECAR_LINE = re.compile(r"^(?P<path>[^:#]+):(?P<line>\d+):\s*(?:(?P<verdict>expect-dev|expect|ok):\s*)?(?P<rules>FL\d{3}(?:\s*,\s*FL\d{3})*)\s*$")


def _sidecar_marks(path: Path, root: Path) -> list[Mark]:
    """`expect.txt` lines `package.json:5: FL202` (or `ok: FL201`) for files that cannot hold comments."""
    case = path.parent.relative_to(root).as_posix()
    marks = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = SIDECAR_LINE.match(line.strip())
        if match is None:
            raise ValueError(f"{path}:{number}: not `file:line: FLxxx` (see corpus/README.md)")
        for rule in match.group("rules").split(","):
            marks.append(Mark(f"{case}/{match.group('path').strip()}", int(match.group("line")), rule.strip(),
                              match.group("verdict") or "expect"))
    return marks


def corpus_marks(root: Path = CORPUS) -> list[Mark]:
    """Every marker in the corpus, resolved to the line it refers to (sidecar `expect.txt` included)."""
    marks: list[Mark] = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.name == "README.md":
            continue
        if path.name == SIDECAR:
            marks.extend(_sidecar_marks(path, root))
        else:
            marks.extend(_marks_in(path, path.relative_to(root).as_posix()))
    return marks


def cases(root: Path = CORPUS) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.is_dir())
