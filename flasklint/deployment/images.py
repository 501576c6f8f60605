"""What production loads: which dotenv files a production `flask run` reads, and what an image holds.

A mixin of the deployment graph (graph.py), kept apart because it answers one question with its own
knowledge: python-dotenv in the production requirements, and an image's contents as Docker builds them
(its `COPY`/`ADD`, its base stages and `--from` stages, minus what `.dockerignore` leaves out of the build
context). It reads the graph's edges, roles and facts; the graph calls `_dotenv_in_production` after the
first walk and the verdicts ask the public questions.
"""

from __future__ import annotations

import fnmatch
import posixpath
from typing import Any, Optional

from flasklint.deployment.dockerignore import DockerIgnore, ignore_file_for
from flasklint.deployment.units import ENV, PRODUCTION, SERVICE, STAGE, FileUnits, UnitKey
from flasklint.knowledge import kinds
from flasklint.model import Diagnostic

__all__ = ["ProductionLoads"]


class ProductionLoads:
    """The graph's answers about dotenv loads and image contents (see the module docstring)."""

    def _dotenv_in_production(self) -> None:
        """Drop, for production only, the dotenv loads production does not make (`kept_out`), and walk again."""
        production = self.reached.get(PRODUCTION, {})
        for source, target in self._dotenv_loads:
            if source in production and (source, target) not in self.kept_out:
                why = self._dotenv_absent(source, target[1])
                if why:
                    self.kept_out[(source, target)] = why
        if self.kept_out:
            roots = sorted(unit for unit, r in self.roles.items() if r == PRODUCTION)
            self.reached[PRODUCTION] = self._reach(roots, self.kept_out)

    def _dotenv_absent(self, start: UnitKey, path: str) -> Optional[str]:
        """Why a production `flask run` in `start` does not load the dotenv file `path`, or None (it does)."""
        dotenv = self.requirements.dotenv(start[1])
        if dotenv.installed is False:
            return (f"python-dotenv is not in the production requirements ({dotenv.where}), so `flask run` loads "
                    f"no {posixpath.basename(path)}")
        image = self.image_of(start)
        if image is not None:
            held, why = self.image_holds(image, path)
            if not held:
                return f"{path} is not in the image: {why}"
        return None

    def loads(self, unit: UnitKey, role: str) -> list[Any]:  # graph.Edge (not imported: the graph imports this module)
        """The env files `unit` loads when `role` runs it (production makes no load in `kept_out`)."""
        return [edge for edge in self.edges.get(unit, ()) if edge.how == "loads"
                and not (role == PRODUCTION and (edge.source, edge.target) in self.kept_out)]

    def loads_dotenv(self, unit: UnitKey, path: str) -> bool:
        """Whether `unit`'s `flask run` loads `path` as its `.flaskenv`/`.env` (python-dotenv's doing)."""
        return (unit, (ENV, path, "")) in self._dotenv_loads

    def kept_out_because(self, path: str) -> Optional[str]:
        """Why production loads the env file `path` nowhere it would have been loaded, if that is so."""
        return next((why for (_, target), why in sorted(self.kept_out.items()) if target[1] == path), None)

    def image_of(self, unit: UnitKey) -> Optional[UnitKey]:
        """The Dockerfile stage whose image production runs `unit` in (the last image on its chain), or None."""
        chain = self.chain(unit, PRODUCTION)
        if chain is None:
            return None
        image = None
        for hop in [chain[0].source if chain else unit] + [edge.target for edge in chain]:
            if hop[0] == STAGE:
                image = hop
            elif hop[0] == SERVICE:
                built = next((e.target for e in self.edges.get(hop, ()) if e.how == "builds"), None)
                image = built or image
        return image

    def image_holds(self, stage: UnitKey, path: str) -> tuple[bool, str]:
        """(whether the image of `stage` holds the project file `path`, why not): what its `COPY`/`ADD` (and
        its base stages', and the stages it copies `--from`) bring in from the build context, minus what the
        build's `.dockerignore` leaves out of the context."""
        dockerfile = stage[1]
        units = self.files.get(dockerfile)
        if units is None:
            return True, ""
        context = self._contexts.get(dockerfile, units.folder)
        if context in ("", "."):
            relative = path
        elif path.startswith(context + "/"):
            relative = path[len(context) + 1:]
        else:
            return False, f"it is outside the build context of {dockerfile}"
        ignore_path = ignore_file_for(dockerfile, context, self._ignore_files())
        if ignore_path is not None:
            deciding = self._ignore(ignore_path).deciding(relative)
            if deciding is not None and not deciding.exception:
                return False, f"{ignore_path} line {deciding.line} (`{deciding.text}`) keeps it out of the build"
        if any(_covers(source, relative) for source in self._copied(units, stage[2], set())):
            return True, ""
        return False, f"no COPY or ADD of {dockerfile} brings it in"

    def _copied(self, units: FileUnits, index: str, seen: set[str]) -> list[str]:
        """Context paths a stage copies, with its base stages' and those of the stages it copies from."""
        if index in seen:
            return []
        seen.add(index)
        info = units.stage_info(index) or {}
        sources = [str(copy[0]) for copy in info.get("copies", ())]
        parent = units.stage_parent(index)
        if parent is not None:
            sources += self._copied(units, parent[2], seen)
        for name in info.get("copied_from", ()):
            other = units.stage(str(name)) or (
                (STAGE, units.path, str(name)) if units.stage_info(str(name)) is not None else None)
            if other is not None:
                sources += self._copied(units, other[2], seen)
        return sources

    def _ignore_files(self) -> frozenset[str]:
        found = self.__dict__.get("_ignore_paths")
        if found is None:
            found = self.__dict__["_ignore_paths"] = frozenset(
                p for p, f in self.files.items() if f.kind == getattr(kinds, "DOCKERIGNORE", None))
        return found

    def _ignore(self, path: str) -> DockerIgnore:
        ignore = self._ignores.get(path)
        if ignore is None:
            lines = [(int(n), str(t)) for n, t in self.files[path].facts.get("dockerignore", ())]
            ignore = self._ignores[path] = DockerIgnore.parse(lines)
            for line, problem in ignore.errors:
                self.diagnostics.append(Diagnostic(path, f"line {line}: {problem}; Docker refuses to build with "
                                                         "this line, so the image was judged without it"))
        return ignore


def _covers(source: str, relative: str) -> bool:
    """Whether a COPY/ADD source (a context path, a folder, a glob) brings in the context file `relative`."""
    if "://" in source:
        return False  # ADD of a URL
    if source in (".", "", "/") or "$" in source:
        return True  # the whole context, or a variable we cannot read: assume it does
    source = source.lstrip("/")
    if relative == source or relative.startswith(source + "/"):
        return True
    if not any(c in source for c in "*?["):
        return False
    parts = relative.split("/")
    return any(fnmatch.fnmatchcase("/".join(parts[:i]), source) for i in range(1, len(parts) + 1))
