"""What the graph says about one place in one file: production, development, test or unknown, and why.

- `production`: a production launcher reaches the unit (Procfile `web`, the built stage, a compose
  service, a manifest, a platform config, a unit file...), directly or through scripts, make targets,
  Python scripts and WSGI imports. Staging and shared clusters count: others can reach them.
- `test`: a test file or fixture that no production launcher reaches.
- `development`: reached only by development launchers (Procfile.dev, override files, scripts,
  Makefile targets, CI runs), itself such a launcher, a file that is development by convention, or
  Python that nothing runs in a project whose launchers serve something else (a `__main__` block
  next to a gunicorn Procfile runs only when someone types `python app.py`).
- `unknown`: no launcher in view; the file is its own launcher (a one-file app), judged as before.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Optional

from flasklint.commands import flaskcli
from flasklint.knowledge import kinds
from flasklint.knowledge.context import dev_name
from flasklint.knowledge.flaskapp import FACTORY_NAMES
from flasklint.deployment.graph import DEVELOPMENT, PRODUCTION, Edge, Graph
from flasklint.deployment.units import CLI, ENV, FUNC, MAIN, MODULE, PYTHON_UNITS, SERVICE, STAGE, UnitKey, is_test_path

__all__ = ["Verdict", "verdict_for", "TEST", "UNKNOWN", "PRODUCTION", "DEVELOPMENT", "CONTEXTS"]

TEST, UNKNOWN = "test", "unknown"
CONTEXTS = (PRODUCTION, DEVELOPMENT, TEST, UNKNOWN)


@dataclass(frozen=True)
class Verdict:
    context: str
    reason: str
    """One clause for the message: "served by `gunicorn app:app` (Procfile line 1); this block runs only
    with `python app.py`". Empty for `unknown` (a one-file app reads as it always did)."""
    chain: tuple[Edge, ...] = ()
    """The launch path that decided it, root first (for related locations and --show-context)."""
    root: Optional[str] = None
    """The launcher at the head of the chain, as the message names it."""


def verdict_for(graph: Graph, unit: UnitKey, dev_reason: Optional[str]) -> Verdict:
    """The verdict for a unit, from reachability first and conventions second."""
    chain = graph.chain(unit, PRODUCTION)
    if chain is not None:
        root = chain[0].source if chain else unit
        label = graph.labels.get(root, root[1])
        return Verdict(PRODUCTION, _production_reason(label, chain, unit), tuple(chain), label)
    path = unit[1]
    if is_test_path(path):
        return Verdict(TEST, f"{path} is a test file")
    kept_out = graph.kept_out_because(path) if unit[0] == ENV else None
    if kept_out:
        return Verdict(DEVELOPMENT, f"the production `flask run` that would load it does not: {kept_out}")
    dev_chain = graph.chain(unit, DEVELOPMENT)
    if dev_chain is not None:
        root = dev_chain[0].source if dev_chain else unit
        if _own_launcher(graph, root):
            return Verdict(UNKNOWN, "")
        label = graph.labels.get(root, root[1])
        if dev_chain:
            return Verdict(DEVELOPMENT, f"run only by the development launcher {label}", tuple(dev_chain), label)
        if unit[0] == STAGE:
            info = graph.files[path].stage_info(unit[2]) if path in graph.files else None
            name = f"`{info['name']}`" if info and info.get("name") else f"number {unit[2]}"
            return Verdict(DEVELOPMENT, f"stage {name} of {path} is not built by any production launcher")
        reason = dev_reason or f"{label} is a development launcher that no production launcher runs"
        return Verdict(DEVELOPMENT, reason + _loopback_note(graph, unit), (), label)
    if dev_reason and not (unit[0] in PYTHON_UNITS and graph.loaded_by_code(unit)):
        # `dev.py` by name, unless the app itself imports or loads it (then it runs wherever the app does)
        return Verdict(DEVELOPMENT, dev_reason + _loopback_note(graph, unit))
    if unit[0] in PYTHON_UNITS:
        return _unreached_python(graph, unit)
    if unit[0] == ENV:
        name = posixpath.basename(path)
        if name == ".flaskenv":
            return Verdict(DEVELOPMENT, ".flaskenv is read only by `flask run`, and no production launcher runs "
                           "`flask run` in its folder")
        return Verdict(DEVELOPMENT, f"no production launcher loads {name} (`flask run` and local tools read it)")
    return Verdict(UNKNOWN, "")


def _own_launcher(graph: Graph, root: UnitKey) -> bool:
    """A shell script that is how the project is run: no production launcher anywhere in view, the script not
    development by its name or folder. Like a one-file app's `__main__` block, it is its own launcher
    (`unknown`), not a development helper beside launchers that serve something else: a lone `run.sh`, or
    an unreferenced `docker-entrypoint.sh` that picks `flask run` for all but one value of a variable."""
    path = root[1]
    units = graph.files.get(path)
    if units is None or units.kind != kinds.SHELL or graph.dev_reasons.get(path) or is_test_path(path):
        return False
    if dev_name(path) or path in _run_by_others(graph):
        return False  # a script another launcher runs (`bin/dev.sh` -> `bin/serve.sh`) is that launcher's
    return not graph.launchers_in_view(path, PRODUCTION)


def _run_by_others(graph: Graph) -> set[str]:
    """Files that a unit of another file runs, sources or imports (once per graph)."""
    cached = graph.__dict__.get("_run_by_others")
    if cached is None:
        cached = graph.__dict__["_run_by_others"] = {edge.target[1] for edges in graph.edges.values()
                                                     for edge in edges if edge.source[1] != edge.target[1]}
    return cached


def _loopback_note(graph: Graph, unit: UnitKey) -> str:
    """A compose service whose ports are all published on the host's loopback: say who still reaches it."""
    if unit[0] != SERVICE or unit[1] not in graph.files:
        return ""
    info = graph.files[unit[1]].service_info(unit[2])
    if not info or not info.get("loopback_only"):
        return ""
    return "; the port is published on loopback only, but every container on its network still reaches it"


def _production_reason(label: str, chain: list[Edge], unit: UnitKey) -> str:
    if not chain:
        return ""  # a production launcher itself: its message already says so
    hops = " -> ".join(edge.label for edge in chain[1:])
    via = f" via {hops}" if hops else ""
    if unit[0] == MAIN:
        return f"run in production by {label}{via}, which runs this `__main__` block"
    if unit[0] == FUNC:
        return f"run in production by {label}{via}"
    return f"reached in production from {label}{via}"


def _unreached_python(graph: Graph, unit: UnitKey) -> Verdict:
    kind, path, _ = unit
    module = graph.chain((MODULE, path, ""), PRODUCTION) if kind == MAIN else None
    if module is not None:
        # production imports this very file (a manifest in deploy/ serving `pkg:app`): only the block is by hand
        root = module[0].source if module else (MODULE, path, "")
        label = graph.labels.get(root, root[1])
    else:
        served = graph.launchers_in_view(path, PRODUCTION)
        if not served:
            return Verdict(UNKNOWN, "")
        label = graph.labels.get(served[0], served[0][1])
    script = f"`python {posixpath.basename(path)}`"
    if posixpath.basename(path) == "__main__.py":
        script = f"`python -m {posixpath.dirname(path).replace('/', '.') or '<package>'}`"
    if kind == MAIN:
        return Verdict(DEVELOPMENT, f"served by {label}; this block runs only with {script}", (), label)
    if kind == CLI:
        return Verdict(DEVELOPMENT, f"served by {label}; `{unit[2]}` is a CLI command, run only when someone "
                       "types it", (), label)
    if any(u in graph.unresolved for u in graph.launchers_in_view(path, PRODUCTION)):
        return Verdict(UNKNOWN, "")
    return Verdict(DEVELOPMENT, f"served by {label}, which never imports {path}", (), label)



def uncalled_factory(graph: Graph, load_path: str, load_line: int, verdict: Verdict) -> Optional[Verdict]:
    """A config load inside a factory that production never calls, although production imports its module.

    `def create_app(config_name="development"): app.config.from_object(config[config_name])` loads the
    default only when something calls `create_app()`. A maintenance script that imports the module and calls
    a sibling factory (`create_docker_app()`), while the server serves that sibling, never runs the load.
    Called means: the factory's function unit is reached in production (a call from code production runs),
    or a start production runs names the module itself (a WSGI target `module:factory()`, `flask run` with
    its factory discovery, a console script): then only a target naming another function of it rules it out.
    Returns the verdict to use instead, or None when the load may run in production.
    """
    if verdict.context != PRODUCTION or load_path not in graph.files:
        return None
    units = graph.files[load_path]
    factory = units.function_at(load_line)
    if factory is None or factory not in (units.facts.get("factories") or ()):
        return None
    if units.facts.get("apps"):
        return None  # a module-level app may be built by this factory at import: no fact says it is not
    production = graph.reached.get(PRODUCTION, {})
    if (FUNC, load_path, factory) in production:
        return None
    module = (MODULE, load_path, "")
    for unit in production:
        for edge in graph.edges.get(unit, ()):
            if edge.target != module or edge.fact is None:
                continue
            named = (edge.fact.target or edge.fact.app or "").partition(":")[2].split("(")[0].strip("'\" ")
            if named == factory or not named and (edge.fact.kind != flaskcli.DEV_SERVER or factory in FACTORY_NAMES):
                return None  # the start names this factory, or serves the module as a whole (flask run: by name)
    label = verdict.root or "the production launchers"
    return Verdict(DEVELOPMENT, f"{load_path} is imported in production by {label}, which never calls "
                   f"`{factory}()`, where this config is loaded", verdict.chain, verdict.root)
