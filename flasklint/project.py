"""The project pass: findings that need two files, computed from facts alone (no file is re-read).

A production entrypoint that runs `python app.py` or `python -m myapp` is only
a problem when that script starts the development server when run as
`__main__`: the Python analyzer records its server starts (`facts["starts"]`)
and its Flask apps and factories (`facts["apps"]`, `facts["factories"]`); every
command family records what its commands start (`facts["command_starts"]`, see
`flasklint.commands.checks`). Linking them gives FL301 on the config line, with
the Python start as a related location.

`flask run` in a production entrypoint is already FL301 in its own file; here
the finding is refined with the app module it serves (`--app`/`FLASK_APP`, or
Flask's `wsgi.py`/`app.py` discovery) so the gunicorn fix names the right
`module:app`. A refined finding has the same rule, path and span as the
original and replaces it (`merge`).

Everything is keyed and sorted by path, so the result never depends on the
order in which files were analysed.
"""

from __future__ import annotations

import posixpath
from typing import Any, Iterable, Optional

from flasklint.catalog import load_catalog
from flasklint.commands import flaskcli
from flasklint.commands.checks import FACTS_KEY, StartFact, gunicorn_target
from flasklint.commands.shellwords import quote
from flasklint.model import Edit, FileResult, Finding, Fix, FixSafety, Position, Related, Severity, Span

__all__ = ["link", "merge"]


def link(results: dict[str, FileResult]) -> list[Finding]:
    """Cross-file findings for one scan (new ones, and refinements of per-file ones)."""
    python = {path: result.facts for path, result in results.items() if "starts" in result.facts or "apps" in result.facts}
    scripts = {path: result.facts[FACTS_KEY] for path, result in results.items() if result.facts.get(FACTS_KEY)}
    findings: list[Finding] = []
    for path in sorted(results):
        for raw in results[path].facts.get(FACTS_KEY, ()):
            fact = StartFact.from_json(raw)
            if not fact.production:
                continue
            if fact.kind in (flaskcli.SCRIPT, flaskcli.MODULE) and not fact.reported:
                finding = _script_start(path, fact, python) or _shell_script_start(path, fact, scripts)
                if finding is not None:
                    findings.append(finding)
            elif fact.kind == flaskcli.DEV_SERVER:
                finding = _refine_dev_server(path, fact, python, results[path].findings)
                if finding is not None:
                    findings.append(finding)
    return findings


def merge(findings: Iterable[Finding], linked: Iterable[Finding]) -> list[Finding]:
    """Per-file findings with the project pass's added; a linked finding replaces one at the same place."""
    by_key: dict[tuple[str, str, Span], Finding] = {}
    for finding in findings:
        by_key.setdefault((finding.rule, finding.path, finding.span), finding)
    for finding in linked:
        by_key[(finding.rule, finding.path, finding.span)] = finding
    return list(by_key.values())


# --------------------------------------------------------------------------- resolution


def _candidates(config_path: str, fact: StartFact) -> list[str]:
    """Project paths the started script or module may be, nearest first."""
    base = posixpath.dirname(config_path)
    if fact.resolved:
        return [posixpath.normpath(posixpath.join(base, fact.resolved)) if base else posixpath.normpath(fact.resolved)]
    target = fact.target or ""
    if fact.kind == flaskcli.MODULE:
        module = target.replace(".", "/")
        relatives = [f"{module}/__main__.py", f"{module}.py"]
    else:
        relatives = [target]
    found: list[str] = []
    for relative in relatives:
        options = [relative]
        if fact.cwd and posixpath.isabs(relative) and relative.startswith(fact.cwd.rstrip("/") + "/"):
            options.insert(0, relative[len(fact.cwd.rstrip("/")) + 1:])
        elif posixpath.isabs(relative):
            options.append(relative.lstrip("/"))
        for option in options:
            if posixpath.isabs(option):
                continue
            found.append(posixpath.normpath(posixpath.join(base, option)) if base else posixpath.normpath(option))
    return found


def _python_facts(candidates: list[str], python: dict[str, dict[str, Any]]) -> Optional[tuple[str, dict[str, Any]]]:
    for candidate in candidates:
        if candidate in python:
            return candidate, python[candidate]
    return None


def _main_start(facts: dict[str, Any]) -> Optional[dict[str, Any]]:
    """The first server start that runs when the file is executed as a script."""
    for start in facts.get("starts", ()):
        if start.get("main_guarded") or start.get("import_time"):
            return start
    return None


def _as_started(fact: StartFact) -> Optional[str]:
    """The script path relative to the directory the command runs in (what gunicorn imports from)."""
    target = fact.target or ""
    if fact.kind == flaskcli.MODULE:
        return target.replace(".", "/") + ".py"
    cwd = (fact.cwd or "").rstrip("/")
    if cwd and target.startswith(cwd + "/"):
        return target[len(cwd) + 1:]
    if target and not posixpath.isabs(target):
        return posixpath.normpath(target)
    return None


def _module_name(path: str, cwd_base: str) -> str:
    relative = path[len(cwd_base) + 1:] if cwd_base and path.startswith(cwd_base + "/") else path
    if relative.endswith("/__main__.py"):
        relative = relative[: -len("/__main__.py")]
    if relative.endswith("/__init__.py"):
        relative = relative[: -len("/__init__.py")]
    if relative.endswith(".py"):
        relative = relative[:-3]
    return relative.replace("/", ".")


# --------------------------------------------------------------------------- findings


def _span(fact: StartFact) -> Span:
    return Span(Position(fact.line, fact.column), Position(fact.end_line, fact.end_column))


def _severity(fact: StartFact) -> tuple[Severity, str]:
    severity = load_catalog()["FL301"].severity
    if fact.dev_reason:
        return severity.lowered(), f" [severity lowered: {fact.dev_reason}]"
    return severity, ""


def _gunicorn_fix(fact: StartFact, target: str) -> tuple[list[str], Fix]:
    port = fact.port or fact.port_hint or "5000"
    argv = ["gunicorn", "--bind", f"0.0.0.0:{port}", target]
    if fact.argv_style == "json":
        import json

        replacement = ", ".join(json.dumps(a) for a in argv)
    else:
        replacement = " ".join(quote(a) for a in argv)
    fix = Fix(f"Replace the development server with `{' '.join(argv)}` (add gunicorn to the requirements)",
              FixSafety.UNSAFE, (Edit(fact.start, fact.end, replacement),))
    return argv, fix


def _script_start(config_path: str, fact: StartFact, python: dict[str, dict[str, Any]]) -> Optional[Finding]:
    found = _python_facts(_candidates(config_path, fact), python)
    if found is None:
        return None
    script_path, facts = found
    start = _main_start(facts)
    if start is None:
        return None
    module = _module_name(_as_started(fact) or script_path, "" if _as_started(fact) else posixpath.dirname(config_path))
    target = gunicorn_target(module, facts.get("apps", ()), facts.get("factories", ()))
    argv, fix = _gunicorn_fix(fact, target)
    severity, lowered = _severity(fact)
    if not fact.fixable:
        fix = None
    call = start.get("call", "the server start")
    related = Related(
        script_path,
        Span(Position(start["line"], start["column"]), Position(start["end_line"], start["end_column"])),
        f"`{call}` starts the development server when {script_path} runs as __main__",
    )
    return Finding(
        rule="FL301", path=config_path, span=_span(fact), severity=severity, fix=fix, related=(related,),
        message=(
            f"production entrypoint `{fact.program}` starts the Flask development server: {script_path} line "
            f"{start['line']} calls `{call}` when run as a script; serve the app with gunicorn "
            f"(`{' '.join(argv)}`) and add gunicorn to your requirements{lowered}"
        ),
    )


def _shell_script_start(config_path: str, fact: StartFact, scripts: dict[str, list[dict[str, Any]]]) -> Optional[Finding]:
    """`CMD ["./start.sh"]` where start.sh runs `flask run`."""
    if fact.kind != flaskcli.SCRIPT or not (fact.target or "").endswith((".sh", ".bash")):
        return None
    for candidate in _candidates(config_path, fact):
        if candidate == config_path:
            continue
        for raw in scripts.get(candidate, ()):
            inner = StartFact.from_json(raw)
            if inner.kind != flaskcli.DEV_SERVER:
                continue
            severity, lowered = _severity(fact)
            related = Related(candidate, _span(inner), f"`{inner.program}` starts the development server here")
            return Finding(
                rule="FL301", path=config_path, span=_span(fact), severity=severity, related=(related,),
                message=(
                    f"production entrypoint `{fact.program}` starts the Flask development server: {candidate} "
                    f"line {inner.line} runs `{inner.program}`; serve the app with gunicorn in that script and add "
                    f"gunicorn to your requirements{lowered}"
                ),
            )
    return None


def _refine_dev_server(config_path: str, fact: StartFact, python: dict[str, dict[str, Any]],
                       own: list[Finding]) -> Optional[Finding]:
    """The per-file FL301 for `flask run`, with the app module found the way Flask finds it."""
    span = _span(fact)
    original = next((f for f in own if f.rule == "FL301" and f.span == span), None)
    if original is None:
        return None
    base = posixpath.dirname(config_path)
    if fact.app:
        module = fact.app.partition(":")[0]
        module_path = module if module.endswith(".py") else module.replace(".", "/") + ".py"
        paths = [module_path, module.replace(".", "/") + "/__init__.py"]
    else:
        paths = ["wsgi.py", "app.py"]  # flask.cli.ScriptInfo.load_app without --app
    for relative in paths:
        candidate = posixpath.normpath(posixpath.join(base, relative)) if base else relative
        facts = python.get(candidate)
        if facts is None:
            continue
        apps, factories = facts.get("apps", ()), facts.get("factories", ())
        if not apps and not factories:
            continue
        name = fact.app if fact.app and ":" in fact.app else _module_name(candidate, base)
        target = gunicorn_target(name, apps, factories)
        argv, fix = _gunicorn_fix(fact, target)
        if not fact.fixable:
            fix = None
        related = Related(candidate, Span(Position(1, 1), Position(1, 1)), f"the Flask app `{target}` is defined in {candidate}")
        message = original.message.split(": it is single-process")[0] + (
            f": it is single-process, unhardened and not meant for production; serve the app with gunicorn "
            f"(`{' '.join(argv)}`) and add gunicorn to your requirements"
        )
        lowered = original.message.partition(" [severity lowered:")[2]
        if lowered:
            message += " [severity lowered:" + lowered
        return original.with_changes(fix=fix, related=original.related + (related,), message=message)
    return None
