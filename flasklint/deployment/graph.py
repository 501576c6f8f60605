"""The deployment graph: launchers, what each one runs, and which units production reaches.

Built once per scan from facts (no file is read). Vertices are units (`units.py`); an edge says that
running its source runs its target:

- a start runs what it names: `python app.py` runs that file's `__main__` block and its import-time
  code, `python -m pkg` runs `pkg/__main__.py`, `./start.sh` the script, `make serve` the target
  (with `VAR=value` passed on), `gunicorn app:app` and `flask run --app app` import the module;
- a `flask run` loads the `.flaskenv`/`.env` of its folder, a compose service its `env_file`s; production
  makes the first only with python-dotenv installed and, in an image, only when the image holds the file
  (its COPY/ADD minus `.dockerignore`): the loads it cannot make are `kept_out` of the production walk;
- a compose service builds a Dockerfile stage (`build.target`, else the final one), and a stage
  inherits its `FROM` parent stage;
- a Python module imports the project modules it names (resolved as Python would from the project
  root: packages, `src/` layouts, relative imports), never by importing anything.

Roots are launchers. A unit whose own start is a production entrypoint (Procfile `web`, the shipped
Dockerfile stage, compose, manifests, platform configs, units) is a production root; every other
launcher (scripts, Makefile targets, npm scripts, CI steps, override files) is a development root.
Reachability is a breadth-first walk, so cycles end and the shortest chain explains each verdict;
chains longer than `MAX_CHAIN` are cut with a diagnostic.
"""

from __future__ import annotations

import posixpath
from collections import deque
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence

from flasklint.knowledge import kinds
from flasklint.commands import flaskcli
from flasklint.commands.checks import FACTS_KEY, MAX_PASSED_VARIABLES, StartFact
from flasklint.commands.shellcase import Branch, chosen, first_argument, launcher_env
from flasklint.deployment.containers import IMAGE_CONTAINERS, ImageContainer, link_containers
from flasklint.deployment.images import ProductionLoads
from flasklint.deployment.modules import ModuleResolution, command_folder
from flasklint.deployment.paths import candidates, folders_up, join
from flasklint.deployment.requirements import Requirements
from flasklint.deployment.units import (
    DEVELOPMENT, PRODUCTION, CLI, ENV, FILE, FUNC, MAIN, MAKE, MODULE, NPM, PYTHON_UNITS, SCRIPT, SERVICE, STAGE, FileUnits, UnitKey,
)
from flasklint.model import Diagnostic, FileResult
from flasklint.python.factories import config_ref

if TYPE_CHECKING:  # pragma: no cover
    from flasklint.deployment.dockerignore import DockerIgnore

__all__ = ["Edge", "Graph", "PRODUCTION", "DEVELOPMENT", "MAX_CHAIN", "part_name"]

MAX_CHAIN = 1000
"""Hops a launch chain may have before it is cut (a generated 5,000-deep Makefile ends with a diagnostic)."""
MAKEFILES = ("Makefile", "makefile", "GNUmakefile")
DEVELOPMENT_LAUNCHERS = frozenset({kinds.SHELL, kinds.MAKEFILE, kinds.PACKAGE_JSON, kinds.TOX, kinds.GITHUB_ACTIONS})
"""Files whose commands people (or CI) run by hand: development unless a production launcher runs them."""
DEFAULT_APPS = ("wsgi.py", "app.py")  # flask.cli.ScriptInfo.load_app without --app
TASK_FILES = {"pipenv": "Pipfile", "pdm": "pyproject.toml"}
"""Where a runner's own scripts are declared (`pipenv run NAME` runs the Pipfile's `[scripts]` NAME)."""


@dataclass(frozen=True)
class Edge:
    """Running `source` runs `target`; written at `path` line `line` as `label`."""

    source: UnitKey
    target: UnitKey
    how: str  # runs | imports | loads | builds | inherits
    path: str
    line: int
    label: str
    fact: Optional[StartFact] = None


@dataclass
class Graph(ProductionLoads, ModuleResolution):
    files: dict[str, FileUnits]
    roles: dict[UnitKey, str] = field(default_factory=dict)
    """production / development, for launchers (units that start something, or are deployed)."""
    labels: dict[UnitKey, str] = field(default_factory=dict)
    """How a launcher reads in a message: "`web: gunicorn app:app` (Procfile line 1)"."""
    edges: dict[UnitKey, list[Edge]] = field(default_factory=dict)
    unresolved: set[UnitKey] = field(default_factory=set)
    """Production launchers that serve or run Python we could not find in the project."""
    reached: dict[str, dict[UnitKey, Optional[Edge]]] = field(default_factory=dict)
    """Per root role, each reached unit with the edge it was first reached by (None: a root)."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    requirements: Requirements = field(default_factory=lambda: Requirements({}))
    """The project's requirements: is gunicorn listed, is python-dotenv installed (deployment/requirements.py)."""
    containers: dict[UnitKey, ImageContainer] = field(default_factory=dict)
    """Manifest containers that run an image built here as it is, with their resolved `env`."""
    dev_reasons: dict[str, Optional[str]] = field(default_factory=dict)
    """Why a file is development by convention (its name or folder: knowledge/context.py), by path."""
    kept_out: dict[tuple[UnitKey, UnitKey], str] = field(default_factory=dict)
    """(start unit, env file) dotenv loads that production does not make, with why: python-dotenv is not in the
    production requirements, or the image the start runs in does not hold the file."""
    _dotenv_loads: list[tuple[UnitKey, UnitKey]] = field(default_factory=list, init=False, repr=False, compare=False)
    _contexts: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    """A Dockerfile's build context when compose names one (else the Dockerfile's own folder)."""
    _ignores: dict[str, DockerIgnore] = field(default_factory=dict, init=False, repr=False, compare=False)
    _served_targets: dict[tuple[Optional[str], str, Optional[str]], tuple[Optional[str], list[str]]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    """`_served` per (target, folder, cwd): a large compose file's services all serve `app:app`."""
    _bases: dict[tuple[str, Optional[str]], tuple[str, ...]] = field(default_factory=dict, init=False, repr=False,
                                                                      compare=False)
    """`_bases_of` per (folder, cwd): once per folder, not once per start."""
    _found_modules: dict[tuple[str, tuple[str, ...]], list[str]] = field(default_factory=dict, init=False,
                                                                         repr=False, compare=False)
    """`_modules` per (dotted name, bases)."""
    _roots: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False, repr=False, compare=False)
    """`_import_roots` per folder."""

    # ---- building ----------------------------------------------------------------

    @classmethod
    def build(cls, results: dict[str, FileResult], file_kinds: dict[str, str],
              dev_reasons: dict[str, Optional[str]]) -> "Graph":
        graph = cls({path: FileUnits.of(path, file_kinds[path], result) for path, result in results.items()
                     if path in file_kinds}, requirements=Requirements(results), dev_reasons=dict(dev_reasons))
        graph._python = {p for p, f in graph.files.items() if f.kind == kinds.PYTHON}
        graph._env_files = {p for p, f in graph.files.items() if f.kind == kinds.ENVFILE}
        for path in sorted(graph.files):
            graph._add_file(graph.files[path], dev_reasons.get(path))
        for source, stage, path, line, label in link_containers(graph):
            graph._add_edge(Edge(source, stage, "builds", path, line, label))
        graph._built_by_compose()
        graph._walk()
        graph._dotenv_in_production()
        return graph

    def _built_by_compose(self) -> None:
        """A Dockerfile that compose builds ships what compose builds: the other stages are not roots."""
        built: dict[str, set[UnitKey]] = {}
        for edges in self.edges.values():
            for edge in edges:
                if edge.how == "builds" and self.roles.get(edge.source) == PRODUCTION:
                    built.setdefault(edge.target[1], set()).add(edge.target)
        for dockerfile, stages in built.items():
            for unit, role in list(self.roles.items()):
                if unit[0] == STAGE and unit[1] == dockerfile and role == PRODUCTION and unit not in stages:
                    self.roles[unit] = DEVELOPMENT
                    self.labels[unit] = f"{_unit_text(unit)}, which compose does not build"

    def _add_edge(self, edge: Edge) -> None:
        if edge.source != edge.target:
            self.edges.setdefault(edge.source, []).append(edge)
        elif edge.how == "runs":
            # `deploy: $(MAKE) deploy`: a cycle of one launcher, said like every other cycle
            text = _unit_text(edge.source)
            message = f"launch cycle: {text} -> {text}; each launcher is followed once"
            if not any(d.message == message for d in self.diagnostics):
                self.diagnostics.append(Diagnostic(edge.path, message))

    def _role(self, unit: UnitKey, role: str, label: str) -> None:
        if self.roles.get(unit) != PRODUCTION:
            self.roles[unit] = role
            self.labels[unit] = label

    def _add_file(self, units: FileUnits, dev_reason: Optional[str]) -> None:
        path, facts = units.path, units.facts
        if units.kind in DEVELOPMENT_LAUNCHERS:
            # someone runs these by hand (or CI does): each is a development launcher, whatever it starts
            per_part = {kinds.MAKEFILE: (MAKE, "make_targets"), kinds.PACKAGE_JSON: (NPM, "npm_scripts")}
            part = per_part.get(units.kind)
            # (a script's `case "$1"` branches too: by hand it is run with any argument)
            for unit in ([units.whole] + [u for u, _ in units.branches()] if part is None
                         else [(part[0], path, name) for name in facts.get(part[1], {})]):
                self._role(unit, DEVELOPMENT, f"{_unit_text(unit)}")
        for target in facts.get("wsgi_imports", ()):
            # a WSGI server's own config (uwsgi `module =`, gunicorn.conf.py `wsgi_app =`) serves that app
            unit = units.whole
            label = f"the WSGI server config {path} (`{target}`)"
            self._role(unit, PRODUCTION if dev_reason is None else DEVELOPMENT, label)
            module = _wsgi_module(str(target))
            found = self._modules(module, self._bases_of(units, None)) if module else []
            for module_path in found:
                self._add_edge(Edge(unit, (MODULE, module_path, ""), "imports", path, 1, f"`{target}`"))
            if module and not found and dev_reason is None:
                self.unresolved.add(unit)
        for dockerfile in facts.get("dockerfile_paths", ()):
            other = self.files.get(join(units.folder, str(dockerfile)))
            stage = other.stage(None) if other is not None else None
            if stage is not None:
                self._role(units.whole, PRODUCTION if dev_reason is None else DEVELOPMENT, f"{path}")
                self._add_edge(Edge(units.whole, stage, "builds", path, 1, f"builds {dockerfile}"))
        if units.kind == getattr(kinds, "HELM_VALUES", None):
            # every values file describes a deployed environment: a dev or staging cluster is shared
            self._role(units.whole, PRODUCTION, f"the Helm values of a deployed environment ({path})")
        if units.kind == kinds.APPENGINE and not facts.get(FACTS_KEY):
            # no `entrypoint`: App Engine's python3 runtime serves `main:app` with gunicorn
            unit = units.whole
            self._role(unit, PRODUCTION, f"App Engine's default entrypoint `gunicorn main:app` ({path})")
            main = join(units.folder, "main.py")
            if main in self._python:
                self._add_edge(Edge(unit, (MODULE, main, ""), "imports", path, 1, "`gunicorn main:app` (App Engine default)"))
        for raw in facts.get(FACTS_KEY, ()):
            fact = StartFact.from_json(raw)
            unit = units.at(fact.line)
            label = f"`{_command(fact)}` ({path} line {fact.line})"
            # a file that is development by name (Dockerfile.dev, an override) launches development
            role = PRODUCTION if fact.production and dev_reason is None else DEVELOPMENT
            self._role(unit, role, label)
            if unit[0] == FILE and unit != units.whole:
                self._role(units.whole, role, label)  # the file's other lines (env, settings) go with it
            for edge in self._start_edges(units, unit, fact, label):
                self._add_edge(edge)
        if units.kind == kinds.PYTHON:
            self._add_edge(Edge((MAIN, path, ""), (MODULE, path, ""), "imports", path, 1, "its own module"))
            for target in self._imports(units):
                self._add_edge(Edge((MODULE, path, ""), (MODULE, target, ""), "imports", path, 1,
                                    f"imported by {path}"))
            self._call_edges(units)
            for target, ref in self._config_loads(units):
                self._add_edge(Edge((MODULE, path, ""), (MODULE, target, ""), "loads", path, int(ref.get("line", 1)),
                                    f"`{ref.get('call') or 'config load'}`"))

        for stage in facts.get("docker_stages", ()):
            unit = (STAGE, path, str(stage["index"]))
            if stage.get("shipped") and dev_reason is None:
                self._role(unit, PRODUCTION, f"the built stage of {path}")
            parent = units.stage_parent(str(stage["index"]))
            if parent is not None:
                self._add_edge(Edge(unit, parent, "inherits", path, int(stage["line"]), f"FROM {stage['parent']}"))
        for container in facts.get(IMAGE_CONTAINERS, ()):
            # a manifest's container that runs its image as it is (linked to the image's stage once all are read)
            self._role((SERVICE, path, str(container["name"])), PRODUCTION if dev_reason is None else DEVELOPMENT,
                       f"{container['name'].rsplit(' line ', 1)[0]} ({path} line {container['line']})")
        for service in facts.get("compose_services", ()):
            unit = (SERVICE, path, str(service["name"]))
            # a development compose file (an override, docker-compose-dev.yml) is a development launcher
            self._role(unit, PRODUCTION if dev_reason is None else DEVELOPMENT,
                       f"service `{service['name']}` ({path} line {service['line']})")
            build = service.get("build")
            if build:
                self._build_edge(units, unit, service, build)
        if units.kind == kinds.PROCFILE:
            # Heroku gives the app's config vars (app.json `env`) to every process of the Procfile beside it
            app = join(units.folder, "app.json")
            other = self.files.get(app)
            if other is not None and other.kind == kinds.HEROKU_APP and other.facts.get("env"):
                for raw in facts.get(FACTS_KEY, ()):
                    self._add_edge(Edge(units.at(int(raw["line"])), (ENV, app, ""), "loads", path, int(raw["line"]),
                                        "the app.json config vars"))
        for entry in facts.get("env_files", ()):
            service = str(entry.get("service", "")).removeprefix("service ").strip("'\"")
            unit = (SERVICE, path, service) if units.kind == kinds.COMPOSE else units.whole
            target = join(units.folder, str(entry["path"]))
            if target in self._env_files:
                line = _line_of(units, entry)
                self._add_edge(Edge(unit, (ENV, target, ""), "loads", path, line, f"env_file {entry['path']}"))

    def _build_edge(self, units: FileUnits, unit: UnitKey, service: dict[str, Any], build: dict[str, Any]) -> None:
        context = join(units.folder, str(build.get("context") or "."))
        dockerfile = join(context, str(build.get("dockerfile") or "Dockerfile"))
        target_units = self.files.get(dockerfile)
        if target_units is None or target_units.kind != kinds.DOCKERFILE:
            return
        self._contexts.setdefault(dockerfile, context)
        stage = target_units.stage(build.get("target"))
        if stage is None:
            return
        line = int(build.get("target_line") or service["line"])
        what = f"target {build['target']}" if build.get("target") else "its final stage"
        self._add_edge(Edge(unit, stage, "builds", units.path, line, f"builds {dockerfile} ({what})"))
        self._entrypoint_edges(units, unit, service, stage)

    # ---- what a start runs -------------------------------------------------------

    def _start_edges(self, units: FileUnits, unit: UnitKey, fact: StartFact, label: str) -> Iterable[Edge]:
        path = units.path

        def edge(target: UnitKey, how: str = "runs") -> Edge:
            return Edge(unit, target, how, path, fact.line, f"`{_command(fact)}`", fact)

        found = False
        if fact.kind in (flaskcli.SCRIPT, flaskcli.MODULE):
            for candidate in candidates(path, fact) + self._from_above(path, fact) + self._by_suffix(
                    fact.target, unknown_folder="$" in (fact.cwd or "")):
                other = self.files.get(candidate)
                if other is None:
                    continue
                found = True
                if other.kind == kinds.PYTHON:
                    yield edge((MAIN, candidate, ""))
                    command = _subcommand(other, fact)
                    if command is not None:  # `python manage.py run`: the management command it names runs
                        yield edge((CLI, candidate, command))
                elif other.kind == kinds.SHELL:
                    yield edge((SCRIPT, candidate, ""))
                    for branch in self._branches(other, fact.args, fact.env):
                        yield edge(branch)
                break
            if fact.kind == flaskcli.MODULE:
                package = join(units.folder, (fact.target or "").replace(".", "/") + "/__init__.py")
                if package in self._python:
                    found = True
                    yield edge((MODULE, package, ""), "imports")
            if not found and fact.production and (fact.target or "").endswith(".py") or (
                    not found and fact.production and fact.kind == flaskcli.MODULE):
                self.unresolved.add(unit)
        elif fact.kind == flaskcli.PRODUCTION_SERVER:
            module, targets = self._served(units, fact)
            for target in targets:
                yield edge((MODULE, target, ""), "imports")
            if module and not targets and fact.production:
                self.unresolved.add(unit)
        elif fact.kind == flaskcli.DEV_SERVER:
            folder = command_folder(units.folder, fact.cwd)
            app = _wsgi_module(fact.app) if fact.app else None
            if app:
                targets = [t for t in self._modules(app, self._bases_of(units, fact))] if not app.endswith(".py") else [
                    p for p in (join(folder, app),) if p in self._python]
            else:
                targets = [p for p in (join(folder, name) for name in DEFAULT_APPS) if p in self._python][:1]
            for target in targets:
                yield edge((MODULE, target, ""), "imports")
            if not targets and fact.production:
                self.unresolved.add(unit)
            if fact.reads_dotenv:
                for name in (".flaskenv", ".env"):
                    for up in folders_up(join(folder, "x")):
                        candidate = join(up, name)
                        if candidate in self._env_files:
                            self._dotenv_loads.append((unit, (ENV, candidate, "")))
                            yield edge((ENV, candidate, ""), "loads")
                            break
        elif fact.kind == flaskcli.PROGRAM:
            task = TASK_FILES.get(fact.runner or "")
            if task is not None:
                # `pipenv run start`: the runner runs its own script of that name first (Pipfile `[scripts]`,
                # `[tool.pdm.scripts]`), from the nearest declaring file up
                for up in folders_up(join(command_folder(units.folder, fact.cwd), "x")):
                    other = self.files.get(join(up, task))
                    line = ((other.facts.get("task_scripts") or {}).get(fact.runner or "") or {}).get(
                        fact.target or "") if other is not None else None
                    if line is not None:
                        yield edge(other.at(int(line)))
                        return
            # a console script of the project (`[project.scripts] pantry-serve = "pantry.cli:main"`)
            for declared_in, target in self._console_script(path, fact.target or ""):
                module = _wsgi_module(target)
                found_modules = self._modules(module, self._bases_of(self.files[declared_in], None)) if module else []
                for module_path in found_modules[:1]:
                    yield Edge(unit, (MODULE, module_path, ""), "runs", path, fact.line,
                               f"`{fact.program}` (console script `{target}` in {declared_in})", fact)
                    function = target.partition(":")[2]
                    if function in (self.files[module_path].facts.get("functions") or {}):
                        # the function runs, even when the module's __main__ block calls it too (`main()`)
                        yield Edge(unit, (FUNC, module_path, function), "runs", path, fact.line,
                                   f"`{fact.program}` (console script `{target}` in {declared_in})", fact)
        elif fact.kind == flaskcli.HONCHO:
            # `honcho start -f ./procfile` in deploy/app.conf, run in the deployed checkout's root: the
            # nearest procfile of that name, from the launcher's folder up
            name = fact.target or "Procfile"
            for up in folders_up(join(command_folder(units.folder, fact.cwd), "x")):
                other = self.files.get(join(up, name))
                if other is not None:
                    for raw in other.facts.get(FACTS_KEY, ()):
                        yield edge(other.at(int(raw["line"])))
                    break
        elif fact.kind == flaskcli.NPM:
            package = join(command_folder(units.folder, fact.cwd), "package.json")
            other = self.files.get(package)
            if other is not None and (fact.target or "") in other.facts.get("npm_scripts", {}):
                yield edge((NPM, package, fact.target or ""))
        elif fact.kind == flaskcli.MAKE:
            folder = command_folder(units.folder, fact.cwd)
            for name in MAKEFILES:
                makefile = join(folder, name)
                other = self.files.get(makefile)
                if other is None or other.kind != kinds.MAKEFILE:
                    continue
                target = fact.target or other.facts.get("make_default") or ""
                if target in other.facts.get("make_targets", {}):
                    yield edge((MAKE, makefile, target))
                break

    @staticmethod
    def _branches(script: FileUnits, args: Optional[Sequence[str]],
                  env: Optional[Sequence[dict[str, Any]]] = None) -> list[UnitKey]:
        """The `case "$1"` and `if "$VAR"` branches a script run with `args` and the variables `env` takes: all
        of a statement's when what it tests is not known (not recorded, or a variable such as `"$@"`); none
        matching runs none."""
        found = script.branches()
        if not found:
            return []
        picked = {branch.line for branch in chosen([Branch.from_json(data) for _, data in found], first_argument(args),
                                                   launcher_env(env, MAX_PASSED_VARIABLES))}
        return [unit for unit, data in found if int(data["line"]) in picked]

    def _entrypoint_edges(self, units: FileUnits, unit: UnitKey, service: dict[str, Any], stage: UnitKey) -> None:
        """A compose `command:` is the argument list of the image's entrypoint script: it selects the script's
        `case "$1"` branch (`command: dev_server` -> `dev_server) exec flask run ...`)."""
        args = service.get("command")
        dockerfile = self.files.get(stage[1])
        info = dockerfile.stage_info(stage[2]) if dockerfile is not None else None
        if args is None or info is None or not info.get("entrypoint_line"):
            return
        entry = next((StartFact.from_json(raw) for raw in dockerfile.facts.get(FACTS_KEY, ())
                      if int(raw["line"]) == int(info["entrypoint_line"]) and raw.get("kind") == flaskcli.SCRIPT), None)
        if entry is None:
            return
        line = int(service.get("command_line") or service["line"])
        # the service's `environment:` overrides the image's ENV for the script's `if "$VAR"` tests
        env = list(entry.env or ()) + list(service.get("env") or ())
        for edge in self._start_edges(dockerfile, unit, replace(entry, args=list(args), env=env), ""):
            if edge.target[0] == SCRIPT and edge.target[2]:
                shown = " ".join(str(a) for a in args)
                # no start fact: the command may be no program of its own (a prefiltered file has none), so
                # findings sit at the branch's start, with this hop as a related location
                self._add_edge(Edge(unit, edge.target, "runs", units.path, line,
                                    f"`command: {shown}` (the argument of the entrypoint {edge.target[1]})"))

    def _served(self, units: FileUnits, fact: StartFact) -> tuple[Optional[str], list[str]]:
        """The module a WSGI server's start names and the project files importing it loads.

        Once per target, folder and cwd: a large compose file's services all serve `app:app`.
        """
        key = (fact.target, units.folder, fact.cwd)
        found = self._served_targets.get(key)
        if found is None:
            module = _wsgi_module(fact.target)
            found = self._served_targets[key] = (module, self._modules(module, self._bases_of(units, fact)) if module else [])
        return found

    def _console_script(self, path: str, name: str) -> list[tuple[str, str]]:
        """(declaring file, `module:function`) of a console script named `name`, nearest declaration first."""
        if not hasattr(self, "_scripts"):
            self._scripts: dict[str, list[tuple[str, str]]] = {}
            for file_path in sorted(self.files):
                for script, target in (self.files[file_path].facts.get("console_scripts") or {}).items():
                    self._scripts.setdefault(str(script), []).append((file_path, str(target)))
        declared = self._scripts.get(name, [])
        folders = folders_up(path)
        return sorted(declared, key=lambda d: folders.index(posixpath.dirname(d[0]))
                      if posixpath.dirname(d[0]) in folders else len(folders))[:1]

    def _config_loads(self, units: FileUnits) -> list[tuple[str, dict[str, Any]]]:
        """Config modules a file loads by name (`from_object("config")`, `from_pyfile("settings.py")`):
        loading runs them like an import, so what production loads is production."""
        refs = list(units.facts.get("config_refs") or ())
        if units.facts.get("factory_calls"):
            refs += self._factory_config_refs(units)
        if not refs:
            return []
        found = []
        roots = [f for up in folders_up(join(units.folder, "x")) for f in (up, join(up, "src"), join(up, "instance"))]
        for ref in refs:
            target = str(ref.get("target") or "")
            if not target:
                continue
            if ref.get("how") in ("pyfile", "envvar") or target.endswith(".py"):
                paths = [join(root, target) for root in roots if join(root, target) in self._python][:1]
            else:
                paths = self._modules(target, roots) or self._modules(target.rpartition(".")[0], roots)
                paths += self._reexported(paths, target.rpartition(".")[2])
            found.extend((p, ref) for p in paths if p != units.path)
        return found

    def _reexported(self, paths: list[str], name: str) -> list[str]:
        """The module of a package that defines config class `name` when `from_object("pkg.Name")` resolved to the
        package's __init__.py, which only re-exports it (`from pkg.default import Name`; crossfile follows the same)."""
        if not paths or not paths[0].endswith("__init__.py"):
            return []
        if name in (self.files[paths[0]].facts.get("config_classes") or {}) if paths[0] in self.files else False:
            return []
        folder = posixpath.dirname(paths[0])
        found = [p for p in self._python if posixpath.dirname(p) == folder and p in self.files
                 and name in (self.files[p].facts.get("config_classes") or {})]
        return found if len(found) == 1 else []

    def _factory_config_refs(self, units: FileUnits) -> list[dict[str, Any]]:
        """What this file's calls of app factories load (`create_app("config.Dev")` where the factory does
        `app.config.from_object(config_name)`; python/factories.py), as its own config_refs."""
        refs = []
        for call in units.facts.get("factory_calls", ()):
            target = str(call.get("target", ""))
            module, _, name = target.rpartition(".")
            if target.startswith("local:"):
                defining = [units.path]
                name = target[len("local:"):]
            else:
                defining = self._resolve_import(units.folder, 0, module) if module and not target.startswith(".") else []
            for path in defining[:1]:
                entry = (self.files[path].facts.get("factory_config") or {}).get(name) if path in self.files else None
                ref = config_ref(call, entry, name) if entry else None
                if ref is not None:
                    refs.append(ref)
        return refs

    def _call_edges(self, units: FileUnits) -> None:
        """A script's code that calls a function runs it: `__main__.py` calling `main` of `.cli` runs `cli.main`,
        and what `main` calls in its own file runs too (facts `function_calls`, `imported_calls`)."""
        path, facts = units.path, units.facts
        functions = facts.get("functions") or {}
        for caller, callees in (facts.get("function_calls") or {}).items():
            for callee in callees:
                if callee in functions:
                    self._add_edge(Edge((FUNC, path, str(caller)), (FUNC, path, str(callee)), "calls", path,
                                        int(functions[callee][0]), f"`{callee}()`"))
        for caller, target in facts.get("imported_calls") or ():
            found = self._called_function(units, str(target))
            if found is None:
                continue
            source: UnitKey = ((MAIN, path, "") if caller == "__main__" else (MODULE, path, "") if caller == "<module>"
                               else (FUNC, path, str(caller)))
            line = int(functions[caller][0]) if caller in functions else 1
            self._add_edge(Edge(source, found, "calls", path, line, f"`{found[2]}()` of {found[1]}"))

    def _called_function(self, units: FileUnits, target: str) -> Optional[UnitKey]:
        """The project function `level:dotted.name` names, when its module is a project file that defines it."""
        level_text, _, dotted = target.partition(":")
        module, _, name = dotted.rpartition(".")
        if not name:
            return None
        found = self._resolve_import(units.folder, int(level_text or 0), module)
        if not found or found[0] not in self.files:
            return None
        if name not in (self.files[found[0]].facts.get("functions") or {}):
            return None  # a re-export or a class: not followed
        return (FUNC, found[0], name)

    def unit_at(self, path: str, line: int) -> Optional[UnitKey]:
        """The unit a finding or a start on `line` of `path` belongs to: its line range's, or the function that
        holds it when another file's code calls that function and the range's unit is not reached as well."""
        units = self.files.get(path)
        if units is None:
            return None
        unit = units.at(line)
        if unit[0] not in (MODULE, CLI, MAIN) or units.kind != kinds.PYTHON:
            return unit
        name = units.function_at(line)
        if name is None:
            return unit
        function = (FUNC, path, name)
        production = self.reached.get(PRODUCTION, {})
        if function in production:
            return function
        if function in self.reached.get(DEVELOPMENT, {}) and unit not in production:
            return function
        return unit

    # ---- reachability ------------------------------------------------------------

    def _walk(self) -> None:
        for role in (PRODUCTION, DEVELOPMENT):
            roots = sorted(unit for unit, r in self.roles.items() if r == role)
            self.reached[role] = self._reach(roots)
        self._report_cycles()

    def _reach(self, roots: list[UnitKey], skip: Optional[dict[tuple[UnitKey, UnitKey], str]] = None
               ) -> dict[UnitKey, Optional[Edge]]:
        parent: dict[UnitKey, Optional[Edge]] = {root: None for root in roots}
        depth = {root: 0 for root in roots}
        queue = deque(roots)
        cut = False
        while queue:
            unit = queue.popleft()
            if depth[unit] >= MAX_CHAIN:
                cut = True
                continue
            for edge in self.edges.get(unit, ()):
                if edge.target not in parent and not (skip and (edge.source, edge.target) in skip):
                    parent[edge.target] = edge
                    depth[edge.target] = depth[unit] + 1
                    queue.append(edge.target)
        if cut and not any("longer than" in d.message for d in self.diagnostics):
            self.diagnostics.append(Diagnostic(
                roots[0][1] if roots else "", f"a launch chain is longer than {MAX_CHAIN} hops; it was cut there"))
        return parent

    def _report_cycles(self) -> None:
        """One diagnostic per cycle of launchers (make targets, scripts, services that run each other)."""
        launchers = {u for u in self.edges if u[0] in (SCRIPT, MAKE, NPM, SERVICE, FILE, STAGE)}
        color: dict[UnitKey, int] = {}
        seen_cycles: set[frozenset[UnitKey]] = set()
        runs: dict[UnitKey, list[Edge]] = {}
        """Each unit's launcher edges, filtered once: a unit is on the stack once per edge it has."""
        for start in sorted(launchers):
            if start in color:
                continue
            stack: list[tuple[UnitKey, int]] = [(start, 0)]
            path: list[UnitKey] = []
            while stack:
                unit, index = stack.pop()
                if index == 0:
                    color[unit] = 1
                    path.append(unit)
                edges = runs.get(unit)  # type: ignore[assignment]
                if edges is None:
                    edges = runs[unit] = [e for e in self.edges.get(unit, ()) if e.how == "runs"
                                          and e.target[0] in (SCRIPT, MAKE, NPM, SERVICE, FILE)]
                if index < len(edges):
                    stack.append((unit, index + 1))
                    target = edges[index].target
                    state = color.get(target, 0)
                    if state == 0:
                        stack.append((target, 0))
                    elif state == 1 and len(seen_cycles) < 100:
                        ring = path[path.index(target):]
                        key = frozenset(ring)
                        if key not in seen_cycles:
                            seen_cycles.add(key)
                            shown = " -> ".join(_unit_text(u) for u in ring + [target])
                            self.diagnostics.append(Diagnostic(
                                target[1], f"launch cycle: {shown}; each launcher is followed once"))
                else:
                    color[unit] = 2
                    path.pop()

    # ---- questions the verdicts ask ------------------------------------------------

    def loaded_by_code(self, unit: UnitKey) -> bool:
        """Whether other Python code imports or loads this module (then its name's convention says nothing)."""
        if not hasattr(self, "_loaded"):
            self._loaded = {e.target for edges in self.edges.values() for e in edges
                            if e.how in ("imports", "loads") and e.source[0] in PYTHON_UNITS and e.source[1] != e.target[1]}
        return unit in self._loaded

    def chain(self, unit: UnitKey, role: str) -> Optional[list[Edge]]:
        """The edges from a `role` root to `unit`, root first; None when no such root reaches it."""
        reached = self.reached.get(role, {})
        if unit not in reached:
            return None
        edges: list[Edge] = []
        current: Optional[Edge] = reached[unit]
        while current is not None and len(edges) <= MAX_CHAIN:
            edges.append(current)
            current = reached.get(current.source)
        edges.reverse()
        return edges

    def chains(self, unit: UnitKey, role: str, limit: int = 16, depth: int = 24) -> list[list[Edge]]:
        """Every chain (up to `limit`, none longer than `depth`) from a `role` root to `unit`, root first; `chain`
        gives only the shortest, and another may carry what the shortest does not (a compose service's
        `environment:` for the stage it builds, which is a root of its own)."""
        if unit not in self.reached.get(role, {}):
            return []
        into = self.__dict__.get("_into")
        if into is None:
            into = {}
            for edges in self.edges.values():
                for edge in edges:
                    into.setdefault(edge.target, []).append(edge)
            self.__dict__["_into"] = into
        found: list[list[Edge]] = []
        stack: list[tuple[UnitKey, list[Edge]]] = [(unit, [])]
        while stack and len(found) < limit:
            current, after = stack.pop()
            if self.roles.get(current) == role:
                found.append(after)
            if len(after) >= depth:
                continue
            on_path = {current} | {edge.source for edge in after}
            for edge in into.get(current, ()):
                if edge.source not in on_path and edge.source in self.reached.get(role, {}):
                    stack.append((edge.source, [edge] + after))
        return found

    def root_of(self, unit: UnitKey, role: str) -> Optional[UnitKey]:
        edges = self.chain(unit, role)
        if edges is None:
            return None
        return edges[0].source if edges else unit

    def launchers_in_view(self, path: str, role: str) -> list[UnitKey]:
        """Roots of `role` in the folder of `path` or a folder above it (a project's own launchers).

        A launcher is also in view of every folder holding a file it reaches: a unit file in
        `_etc/systemd/system/` running `./web/index.py` from the deployed checkout is a launcher of `web/`,
        so `web/wsgi.py`'s `__main__` block beside it runs only by hand.
        """
        folder = posixpath.dirname(path)
        found = set()
        for unit, r in self.roles.items():
            if r != role or unit[0] in PYTHON_UNITS:
                continue
            home = posixpath.dirname(unit[1])
            if not home or folder == home or folder.startswith(home + "/"):
                found.add(unit)
        homes = self._homes(role)
        for up in folders_up(path):
            found |= homes.get(up, set())
        return sorted(found)

    def _homes(self, role: str) -> dict[str, set[UnitKey]]:
        """Folder -> the `role` launchers (not Python units) that reach a file in it; once per role."""
        cache = self.__dict__.setdefault("_home_roots", {})
        if role not in cache:
            reached = self.reached.get(role, {})
            roots: dict[UnitKey, UnitKey] = {}

            def root(unit: UnitKey) -> UnitKey:
                trail = []
                while unit not in roots:
                    edge = reached.get(unit)
                    if edge is None or len(trail) > MAX_CHAIN:
                        break
                    trail.append(unit)
                    unit = edge.source
                found = roots.get(unit, unit)
                for step in trail:
                    roots[step] = found
                return found

            homes: dict[str, set[UnitKey]] = {}
            for unit in reached:
                head = root(unit)
                if head != unit and head[0] not in PYTHON_UNITS:
                    homes.setdefault(posixpath.dirname(unit[1]), set()).add(head)
            cache[role] = homes
        return cache[role]


def _subcommand(units: FileUnits, fact: StartFact) -> Optional[str]:
    """The CLI command of a management script (`@manager.command def run()`, `@cli.command() def serve()`) that a
    start's first argument names (`python manage.py run`), or None."""
    if not fact.args:
        return None
    word = fact.args[0]
    functions = units.facts.get("functions") or {}
    for command in units.facts.get("cli_commands", ()):
        name = command.get("name", "")
        if name in functions and word in (name, name.replace("_", "-")):
            return str(name)
    return None


def _command(fact: StartFact) -> str:
    """How a start reads in a message: its program, with the WSGI target a server imports."""
    target = fact.target or ""
    if fact.kind == flaskcli.PRODUCTION_SERVER and target and target not in fact.program:
        return f"{fact.program} {target}"
    return fact.program


def part_name(unit: UnitKey, files: Optional[dict[str, FileUnits]] = None) -> str:
    """The piece of its file a unit is ("target serve", "service web", "stage dev"); "" for a whole file.

    With the graph's files, a stage is named by its `AS` name rather than its index.
    """
    kind, path, name = unit
    if kind == MAKE:
        return f"target {name}"
    if kind == NPM:
        return f"script {name}"
    if kind == SERVICE:
        return f"service {name}"
    if kind == STAGE:
        info = files[path].stage_info(name) if files is not None and path in files else None
        return f"stage {info['name'] if info and info.get('name') else name}"
    if kind == SCRIPT and name:
        return f"branch `{name}`"
    if kind == MAIN:
        return "(__main__)"
    if kind == FUNC:
        return f"function {name}"
    return ""


def _unit_text(unit: UnitKey) -> str:
    part = part_name(unit) if unit[0] != MAIN else ""
    return f"{unit[1]} {part}" if part else unit[1]


def _wsgi_module(target: Optional[str]) -> Optional[str]:
    """`pkg.wsgi:app` / `app:create_app()` / `app.py` -> the module part."""
    if not target:
        return None
    module = target.partition(":")[0].strip().strip("'\"")
    module = module.split("(")[0]
    return module or None


def _line_of(units: FileUnits, entry: dict[str, Any]) -> int:
    service = str(entry.get("service", "")).removeprefix("service ").strip("'\"")
    info = units.service_info(service)
    return int(info["line"]) if info else 1
