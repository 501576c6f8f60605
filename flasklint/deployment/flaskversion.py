"""`FLASK_ENV=development` judged by the Flask version the project pins: debug below 2.3, a dead setting from 2.3.

Flask 1.0 to 2.2 turned debug mode on from `FLASK_ENV=development` (when
`FLASK_DEBUG` was unset); 2.3 removed it. Per-file rules cannot know which
Flask runs, so they word it for both. This project-wide step reads the
`flask_version` facts (requirements files, pyproject.toml, Pipfile and
Pipfile.lock, poetry.lock, uv.lock, setup.cfg/setup.py; see
flasklint.knowledge.flaskpin) and rewrites every finding whose cause is
`FLASK_ENV=development`:

- every allowed version is below 2.3: it turns debug on, said so with the
  version and the file that pins it, severity unchanged;
- every allowed version is 2.3 or later: "no effect since Flask 2.3 (dead
  setting)", severity `low` (the deployment model hides low dead settings by
  default);
- no version found, or a range across 2.3: "may" wording, severity unchanged.

The version that applies to a finding is the one nearest to it: its own
folder first, then each folder up; in one folder a lock file wins over a
requirements file, which wins over pyproject.toml, Pipfile and setup files.
Call it on the scan's findings after the project pass:
`findings = flaskversion.adjust(findings, results)`.
"""

from __future__ import annotations

import posixpath
from typing import Any, Iterable, Optional

from flasklint.deployment.paths import folders_up as _folders_up
from flasklint.knowledge.flaskpin import FACTS_KEY
from flasklint.model import FileResult, Finding, Severity

__all__ = ["adjust", "version_for", "debug_mode_note", "DEAD_SETTING"]

DEAD_SETTING = "no effect since Flask 2.3 (dead setting)"
_CAUSE = "FLASK_ENV=development"
_PREFERENCE = {"lock": 0, "Pipfile.lock": 0, "requirements": 1, "pyproject.toml": 2, "Pipfile": 2, "setup.cfg": 3,
               "setup.py": 3}


def version_for(path: str, results: dict[str, FileResult]) -> Optional[tuple[str, dict[str, Any]]]:
    """(pinning file, its flask_version fact) nearest to `path`, or None."""
    pins = {p: r.facts[FACTS_KEY] for p, r in results.items() if isinstance(r.facts.get(FACTS_KEY), dict)}
    if not pins:
        return None
    for folder in _folders_up(path):
        here = [p for p in pins if posixpath.dirname(p) == folder]
        if here:
            best = min(here, key=lambda p: (_PREFERENCE.get(pins[p].get("source", ""), 9), p))
            return best, pins[best]
    if len({pins[p].get("below_2_3") for p in pins}) == 1:  # the project agrees with itself: use it
        best = min(pins, key=lambda p: (p.count("/"), p))
        return best, pins[best]
    return None


def _where(pin: tuple[str, dict[str, Any]]) -> str:
    return f"Flask {pin[1].get('spec') or pin[1].get('version')} in {pin[0]}"


def debug_mode_note(path: str, results: dict[str, FileResult]) -> Optional[str]:
    """Why `FLASK_ENV=development` is debug mode for a start in `path`, when every Flask the nearest pin allows
    is below 2.3 ("Flask ==2.0.1 in requirements.txt is below 2.3, ..."); None when it may not be."""
    pin = version_for(path, results)
    if pin is None or pin[1].get("below_2_3") is not True:
        return None
    return f"{_where(pin)} is below 2.3, so FLASK_ENV=development turns debug mode on"


def _rewrite(finding: Finding, pin: Optional[tuple[str, dict[str, Any]]]) -> Finding:
    below = pin[1].get("below_2_3") if pin else None
    where = _where(pin) if pin else ""
    if below is False:
        note = (f"`FLASK_ENV=development` has {DEAD_SETTING}: {where} ignores it, debug mode stays off; remove it, "
                "it only misleads readers")
        if finding.rule == "FL302":
            return finding.with_changes(message=note, severity=Severity.LOW)
        if finding.rule == "FL301":  # the dev server in production stands whatever debug mode is
            return finding.with_changes(message=f"{finding.message} [{note}]")
        return finding.with_changes(message=f"{finding.message} [{note}]", severity=Severity.LOW)
    if below is True:
        note = f"{where} is below 2.3, so FLASK_ENV=development turns debug mode on"
        if finding.rule == "FL302":
            return finding.with_changes(message=f"`FLASK_ENV=development` in a production environment: {note} "
                                                "(as FLASK_DEBUG=1 would); remove it")
        return finding.with_changes(message=f"{finding.message} [{note}]")
    why = "no pinned Flask version was found" if pin is None else f"{where} allows versions on both sides of 2.3"
    if finding.rule == "FL302":
        return finding.with_changes(message="`FLASK_ENV=development` in a production environment may turn debug "
                                            f"mode on: Flask before 2.3 reads it, and {why}; remove it, or pin Flask")
    return finding.with_changes(message=f"{finding.message} [debug mode may be on: Flask before 2.3 reads "
                                        f"FLASK_ENV, and {why}]")


def _caused_by_flask_env(finding: Finding) -> bool:
    """A finding whose only debug switch is FLASK_ENV=development (the rules name it in the message)."""
    if _CAUSE not in finding.message:
        return False
    return finding.rule == "FL302" or "FLASK_DEBUG" not in finding.message.split(_CAUSE)[0]


def adjust(findings: Iterable[Finding], results: dict[str, FileResult]) -> list[Finding]:
    """The findings with every FLASK_ENV=development cause judged by the nearest pinned Flask version."""
    adjusted = []
    for finding in findings:
        if _caused_by_flask_env(finding):
            finding = _rewrite(finding, version_for(finding.path, results))
        adjusted.append(finding)
    return adjusted
