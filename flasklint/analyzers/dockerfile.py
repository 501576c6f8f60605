"""Dockerfiles and Containerfiles: the final stage's CMD/ENTRYPOINT and ENV are what ships.

The file is read instruction by instruction (line continuations, comment lines
inside them, the `# escape=` directive). Stages are tracked so that only the
final stage counts as production, together with the stages it is built `FROM`
(their `ENV`, `WORKDIR`, `EXPOSE`, `CMD` are inherited); earlier stages such as
a `dev` target are not shipped and their commands are not judged.

- `CMD`/`ENTRYPOINT` in exec form (a JSON array; each string is a word with the
  position of its JSON token) or shell form (`/bin/sh -c`), combined the way
  Docker combines them: a shell-form ENTRYPOINT ignores CMD; an exec-form
  ENTRYPOINT gets CMD appended. An entrypoint script or init (`tini`,
  `docker-entrypoint.sh`) usually ends with `exec "$@"`, so CMD is judged on its
  own too. An array that is not valid JSON is run by Docker as shell form: so
  is it here, with a diagnostic.
- `ENV` (`ENV A=b C=d` and the legacy `ENV A b`) becomes the environment of the
  command, and is checked for FL105/FL302. `ARG` values substitute into `ENV`.
- `WORKDIR` and `COPY`/`ADD` map a started `python app.py` back to the build
  context, for the project pass; `EXPOSE` gives the replacement server's port.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from typing import Iterator, Optional

from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.analyzers.devcontainer import in_devcontainer
from flasklint.sources.collector import collector_paused_for
from flasklint.commands import flaskcli
from flasklint.commands.checks import check_command, check_environment, split_snippet
from flasklint.commands.environment import MAX_FILE_ASSIGNMENTS, EnvValue, Environment
from flasklint.commands.persistent import PersistentMap
from flasklint.commands.prefilter import may_matter as _mentions_a_server
from flasklint.commands.shellwords import Word, split_commands
from flasklint.model import FileResult
from flasklint.sources.source import SourceText

def may_matter(data: bytes) -> bool:
    """Every launcher line matters to the deployment model (`web: pantry-serve` may be a console script),
    and these files are few and small: only an empty one is skipped."""
    return bool(data.strip()) or _mentions_a_server(data)


__all__ = ["may_matter", "analyze"]

_DIRECTIVE = re.compile(r"^#\s*escape\s*=\s*(\S)\s*$", re.I)
_INSTRUCTION = re.compile(r"^[ \t]*([A-Za-z]+)(?:[ \t]+|$)")
_NOT_PLAIN = re.compile(r"[\n\r'\"\\`;&|()<>]|\$['({]")
"""What makes the shell splitter do more than cut at blanks: quotes, escapes, operators, `${`, `$(`, `$'`
(a plain `$NAME` stays in its word as written)."""
_BLANK_SEPARATED = re.compile(r"[^ \t]+")
_VARIABLE = re.compile(r"\$(?:\{(?P<brace>[A-Za-z_][A-Za-z0-9_]*)(?::?[-+][^}]*)?\}|(?P<plain>[A-Za-z_][A-Za-z0-9_]*))")
MAX_PATH_CHARS = 4096
"""Linux's PATH_MAX: a longer WORKDIR (relative ones piling up down a FROM chain) is not followed."""
INIT_PROGRAMS = frozenset({"tini", "dumb-init", "/tini", "/usr/bin/tini", "/sbin/tini", "/usr/bin/dumb-init"})


@dataclass
class Instruction:
    keyword: str  # upper case
    start: int  # offset of the keyword
    args_start: int  # offset of the arguments
    end: int  # end of the instruction (before the final newline)
    line_end: int  # after the final newline
    args: str  # the arguments with continuations joined (positions: see `raw_args`)


_INHERITED = ("workdir", "expose", "cmd", "entrypoint")


@dataclass(eq=False)
class Stage:
    name: Optional[str]
    index: int
    parent: Optional["Stage"] = None
    env: list[EnvValue] = field(default_factory=list)
    args: dict[str, str] = field(default_factory=dict)
    workdir: Optional[str] = None
    copies: list[tuple[str, str]] = field(default_factory=list)  # (source, destination)
    copied_from: list[str] = field(default_factory=list)
    """Stages (or images) a `COPY --from=` takes files from: what they copied from the context may be here too."""
    expose: Optional[str] = None
    cmd: Optional[Instruction] = None
    entrypoint: Optional[Instruction] = None
    first: int = 0  # offset of its FROM
    last: int = 0  # end offset of its last instruction
    entrypoint_line: int = 0
    """The line of the entrypoint script this stage runs its CMD (or a compose `command`) through; 0: none."""
    scope: PersistentMap[tuple[int, bool, str]] = field(default_factory=PersistentMap)
    """NAME -> (stage index, set by ENV, value): what `$NAME` means in the base stages, shared with them
    (a FROM chain thousands deep costs O(log n) a lookup, not a walk down the chain)."""
    own: dict[str, tuple[int, bool, str]] = field(default_factory=dict)
    """The same for this stage's own ARG/ENV: a plain dict while the stage is read (nothing needs the
    scope as it was at an earlier line), folded into `scope` once, when a later stage builds on it."""
    base: dict[str, object] = field(default_factory=dict)
    """`inherited` values of the base stage, taken when this stage starts (the base is finished then)."""

    def __post_init__(self) -> None:
        if self.parent is not None:
            self.scope = self.parent.finished_scope()
            self.base = {attribute: self.parent.inherited(attribute) for attribute in _INHERITED}

    def finished_scope(self) -> PersistentMap[tuple[int, bool, str]]:
        """`scope` with this stage's own values folded in, for a stage built on it (this one is finished)."""
        if self.own:
            scope = self.scope
            for name, known in self.own.items():
                scope = scope.set(name, known)
            self.scope, self.own = scope, {}
        return self.scope

    def lineage(self) -> list["Stage"]:
        stages: list[Stage] = []
        stage: Optional[Stage] = self
        seen: set[int] = set()
        while stage is not None and id(stage) not in seen:
            stages.append(stage)
            seen.add(id(stage))
            stage = stage.parent
        return stages

    def inherited(self, attribute: str) -> object:
        """This stage's own value, else the nearest base stage's."""
        return getattr(self, attribute) or self.base.get(attribute)

    def set_arg(self, name: str, value: str) -> None:
        self.args[name] = value
        known = self.own.get(name)
        if known is None or not known[1]:  # an ENV of this stage wins over its ARG
            self.own[name] = (self.index, False, value)

    def set_env(self, name: str, value: str) -> None:
        self.own[name] = (self.index, True, value)

    def lookup(self, name: str) -> Optional[str]:
        """The value `$NAME` has in this stage: its own ENV, then its ARG, then its base stage's."""
        known = self.own.get(name)
        if known is None:
            known = self.scope.get(name)
        return known[2] if known is not None else None


def _instructions(text: str) -> Iterator[Instruction]:
    """Split into instructions; comment lines and blank lines inside a continuation are skipped.

    One at a time: the caller keeps only those it needs (CMD, ENTRYPOINT), so a 100,000-line file
    does not hold 100,000 of them for the garbage collector to walk again and again."""
    escape = "\\"
    first = text.split("\n", 1)[0]
    directive = _DIRECTIVE.match(first.strip())
    if directive:
        escape = directive.group(1)
    n = len(text)
    i = 0
    while i < n:
        end = text.find("\n", i)
        end = n if end < 0 else end
        line = text[i:end]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            i = end + 1
            continue
        match = _INSTRUCTION.match(line)
        if not stripped.endswith(escape) or end >= n:  # the usual instruction, alone on its line
            if match:
                yield Instruction(match.group(1).upper(), i + match.start(1), i + match.end(), end,
                                  min(end + 1, n), line.rstrip("\r")[match.end():])
            i = end + 1
            continue
        start = i
        parts = []
        j = i
        last_end = end
        while True:
            segment = text[j:last_end].rstrip("\r")
            body = segment.rstrip()
            if body.endswith(escape) and last_end < n:
                parts.append(body[:-1])
                j = last_end + 1
                # skip comment/blank lines inside a continuation
                while j < n:
                    nxt = text.find("\n", j)
                    nxt = n if nxt < 0 else nxt
                    if text[j:nxt].strip().startswith("#") or (not text[j:nxt].strip() and nxt < n):
                        j = nxt + 1
                        continue
                    break
                last_end = text.find("\n", j)
                last_end = n if last_end < 0 else last_end
                continue
            parts.append(segment)
            break
        if match:
            keyword = match.group(1).upper()
            args_start = i + match.end()
            joined = "\n".join(parts)[match.end():]
            yield Instruction(keyword, start + match.start(1), args_start, last_end, min(last_end + 1, n), joined)
        i = last_end + 1


def _exec_form(text: str, start: int, end: int) -> Optional[list[Word]]:
    """The words of a JSON array `["a", "b"]` written in text[start:end], or None when it is not valid JSON."""
    body = text[start:end].strip()
    if not body.startswith("["):
        return None
    if body[1:].lstrip()[:1] in ("[", "{"):
        return None  # an array of strings only: Docker runs anything else as shell form
    try:
        values = json.loads(body.replace("\\\n", ""))
    except (ValueError, RecursionError):  # `["a", [[[[...` 100,000 deep: not an exec form either
        return None
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        return None
    words = []
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"', text[start:end], re.S):
        raw = match.group(0)
        try:
            value = json.loads(raw)
        except ValueError:
            return None
        token_start = start + match.start()
        inner = token_start + 1 if raw[1:-1] == value else -1
        words.append(Word(value, token_start, start + match.end(), True, 0, inner))
    if [w.text for w in words] != values:
        return None
    return words


MAX_STAGE_COMMANDS = 64
"""Stages besides the final one whose own CMD/ENTRYPOINT is judged (real Dockerfiles have a handful)."""


class _Dockerfile:
    def __init__(self, reporter: Reporter) -> None:
        self.reporter = reporter
        self.text = reporter.source.text
        self.path = reporter.context.display_path
        self.stages: list[Stage] = []
        self.global_args: dict[str, str] = {}
        self.named: dict[str, Stage] = {}
        """The last stage of each `AS` name so far: what a later `FROM name` builds on."""
        self.assignments_kept = 0
        """ENV assignments analysed so far (MAX_FILE_ASSIGNMENTS bounds them)."""

    def run(self) -> None:
        instructions = 0
        for instructions, instruction in enumerate(_instructions(self.text), start=1):
            self._instruction(instruction)
        if not self.stages:
            if instructions:
                self.reporter.warn("no FROM instruction; not a Dockerfile this analyzer understands")
            return
        final = self.stages[-1]
        shipped = {id(stage) for stage in final.lineage()}
        production_file = not in_devcontainer(self.path)
        for stage in self.stages:
            production = id(stage) in shipped and production_file
            check_environment(self.reporter, Environment(stage.env), production=production)
        self._entrypoint(final, production_file)
        used = self._command_stage(final)
        own = [stage for stage in self.stages[:-1]
               if stage is not used and (stage.cmd is not None or stage.entrypoint is not None)]
        for stage in own[:MAX_STAGE_COMMANDS]:
            # a stage can be built on its own (`target:` in compose, `--target`) although the final
            # stage does not run its command: that command is judged as development here, and the
            # deployment model promotes it when a production launcher builds the stage
            self._entrypoint(stage, production=False)
        if len(own) > MAX_STAGE_COMMANDS:
            self.reporter.warn(f"{len(own)} stages have a command of their own; only the first "
                               f"{MAX_STAGE_COMMANDS} were judged (each walks its FROM chain)")
        self._record_stages(shipped)

    @staticmethod
    def _command_stage(final: Stage) -> Optional[Stage]:
        """The stage whose CMD/ENTRYPOINT the final stage runs (itself, or the ancestor it inherits from)."""
        for stage in final.lineage():
            if stage.cmd is not None or stage.entrypoint is not None:
                return stage
        return None

    def _record_stages(self, shipped: set[int]) -> None:
        """`facts["docker_stages"]`: each stage's name, lines, parent and whether the final stage ships it."""
        position = self.reporter.source.position
        self.reporter.result_.facts["docker_stages"] = [
            {"name": stage.name, "index": stage.index, "line": position(stage.first).line,
             "end_line": position(stage.last).line, "parent": stage.parent.name if stage.parent else None,
             "shipped": id(stage) in shipped,
             # what the stage takes from the build context (the deployment model asks which files an image holds)
             "copies": [list(copy) for copy in stage.copies], "copied_from": list(stage.copied_from),
             **({"entrypoint_line": stage.entrypoint_line} if stage.entrypoint_line else {})}
            for stage in self.stages
        ]

    # ---- instructions -------------------------------------------------------------

    def _instruction(self, ins: Instruction) -> None:
        keyword = ins.keyword
        if keyword == "FROM":
            words = ins.args.split()
            words = [w for w in words if not w.startswith("--")]
            base = words[0] if words else ""
            name = words[2] if len(words) >= 3 and words[1].lower() == "as" else None
            parent = self.named.get(base) or self.named.get(base.lower())
            stage = Stage(name, len(self.stages), parent, first=ins.start, last=ins.end)
            self.stages.append(stage)
            if name:
                self.named[name] = stage
                self.named.setdefault(name.lower(), stage)
            return
        if keyword == "ARG":
            for part in ins.args.split():
                name, _, value = part.partition("=")
                if self.stages:
                    self.stages[-1].set_arg(name, value.strip("\"'"))
                else:
                    self.global_args[name] = value.strip("\"'")
            return
        if not self.stages:
            return
        stage = self.stages[-1]
        stage.last = ins.end
        if keyword == "ENV":
            if self.assignments_kept >= MAX_FILE_ASSIGNMENTS:
                line = self.reporter.source.position(ins.start).line
                self.reporter.warn_once("ENV", f"line {line}: more than {MAX_FILE_ASSIGNMENTS:,} ENV assignments in "
                                               "this file; the later ENV lines were not analysed")
                return
            values = self._env(ins, stage)
            self.assignments_kept += len(values)
            stage.env.extend(values)
            for value in values:
                stage.set_env(value.name, value.value)
        elif keyword == "WORKDIR":
            path = self._substitute(ins.args.strip(), stage)
            current = stage.inherited("workdir") or "/"
            workdir = posixpath.normpath(posixpath.join(str(current), path))
            if len(workdir) > MAX_PATH_CHARS:  # relative WORKDIRs down a long FROM chain: quadratic text
                line = self.reporter.source.position(ins.start).line  # said once: every later stage repeats it
                self.reporter.warn_once("WORKDIR", f"line {line}: WORKDIR longer than {MAX_PATH_CHARS:,} characters; "
                                                   "not followed")
                return
            stage.workdir = workdir
        elif keyword in ("COPY", "ADD"):
            self._copy(ins, stage)
        elif keyword == "EXPOSE":
            first = ins.args.split()[0] if ins.args.split() else ""
            stage.expose = stage.expose or first.split("/")[0]
        elif keyword == "CMD":
            stage.cmd = ins
        elif keyword == "ENTRYPOINT":
            stage.entrypoint = ins
            stage.cmd = None  # Docker: setting ENTRYPOINT resets a CMD inherited from the base image/stage

    def _substitute(self, value: str, stage: Stage) -> str:
        """`$NAME`/`${NAME}` replaced by what the stage knows (each name looked up, nothing copied)."""
        if "$" not in value:
            return value

        def sub(match: re.Match[str]) -> str:
            name = match.group("brace") or match.group("plain")
            known = stage.lookup(name)
            if known is None:
                known = self.global_args.get(name)
            return known if known is not None else match.group(0)

        return _VARIABLE.sub(sub, value)

    def _env_words(self, ins: Instruction) -> list[Word]:
        """The shell words of an ENV's arguments; a line of plain words (the usual `ENV A=b C=d`) is split
        on its blanks directly, which is what the shell splitter would make of it at a fraction of the cost."""
        plain = self._arguments(ins)
        if _NOT_PLAIN.search(plain) is None:
            words = []
            for match in _BLANK_SEPARATED.finditer(plain):
                if match.group().startswith("#"):  # a comment to the end of the line
                    break
                start = ins.args_start + match.start()
                words.append(Word(match.group(), start, ins.args_start + match.end(), False, -1, start))
            return words
        words = [w for c in split_commands(self.text[ins.args_start:ins.end], ins.args_start) for w in c]
        return [w for w in words if w.text != "\\"]

    def _arguments(self, ins: Instruction) -> str:
        """The instruction's arguments as the line holds them, without a CRLF line's \\r (it only ends the command)."""
        args = self.text[ins.args_start:ins.end]
        return args[:-1] if args.endswith("\r") else args

    def _plain_assignment(self, ins: Instruction, stage: Stage) -> Optional[EnvValue]:
        """`ENV NAME=value` alone on its line with a plain value (the usual case, and a generated file's
        100,000 lines): the EnvValue the general path below makes of it, built without the words between
        (what `EnvValue.from_word` gives a plain word, and the whole line as the removal). None otherwise."""
        start = ins.args_start
        args = self._arguments(ins)
        if _NOT_PLAIN.search(args) is not None or " " in args or "\t" in args or args.startswith("#"):
            return None
        name, eq, value = args.partition("=")
        if not eq or not name.isascii() or not name.isidentifier():
            return None
        end = start + len(args)
        return EnvValue(name, self._substitute(value, stage), start, end, self.path, start + len(name) + 1, end,
                        self._line_start(ins.start), ins.line_end)

    def _env(self, ins: Instruction, stage: Stage) -> list[EnvValue]:
        plain = self._plain_assignment(ins, stage)
        if plain is not None:
            return [plain]
        end = ins.end
        words = self._env_words(ins)
        if not words:
            return []
        single_line = "\n" not in self.text[ins.start:end]
        values: list[EnvValue] = []
        assignments = [word.is_assignment for word in words]
        if not assignments[0]:  # legacy `ENV NAME value with spaces`
            name = words[0].text
            rest = words[1:]
            if not rest:
                return []
            value = self._substitute(" ".join(w.text for w in rest), stage)
            removal = (self._line_start(ins.start), ins.line_end) if single_line else (-1, -1)
            value_range = (rest[0].start, rest[-1].end) if len(rest) == 1 and rest[0].inner_start >= 0 else (-1, -1)
            return [EnvValue(name, value, words[0].start, rest[-1].end, self.path, value_range[0], value_range[1],
                             *removal)]
        for index, word in enumerate(words):
            if not assignments[index]:
                continue
            value = EnvValue.from_word(word, self.path)
            if len(words) == 1 and single_line:
                removal = (self._line_start(ins.start), ins.line_end)
            elif index > 0:
                removal = (words[index - 1].end, word.end)
            else:
                removal = (value.removal_start, value.removal_end)
            # one constructor call, not dataclasses.replace (a generic copy that cost more than the parse)
            values.append(EnvValue(value.name, self._substitute(value.value, stage), value.start, value.end,
                                   value.path, value.value_start, value.value_end, *removal, value.span))
        return values

    def _line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def _copy(self, ins: Instruction, stage: Stage) -> None:
        words = _exec_form(self.text, ins.args_start, ins.end)
        parts = [w.text for w in words] if words else ins.args.split()
        parts = [p for p in parts if not p.startswith("--")]
        source_stage = next((p.partition("=")[2] for p in ins.args.split() if p.startswith("--from=")), None)
        if source_stage is not None:
            stage.copied_from.append(self._substitute(source_stage, stage))
        if len(parts) < 2 or source_stage is not None or any(p.startswith("--from") for p in ins.args.split()):
            return
        destination = self._substitute(parts[-1], stage)
        workdir = str(stage.inherited("workdir") or "/")
        destination = posixpath.normpath(posixpath.join(workdir, destination))
        for source in parts[:-1]:
            if len(parts) > 2 or parts[-1].endswith("/") or source in (".", "./") or source.endswith("/"):
                target = destination if source.rstrip("/") in (".", "") else (
                    destination if source.endswith("/") else posixpath.join(destination, posixpath.basename(source)))
            else:
                target = destination
            stage.copies.append((posixpath.normpath(source), target))

    # ---- the command that ships -------------------------------------------------

    def _words(self, ins: Instruction) -> tuple[list[list[Word]], str]:
        """The commands of a CMD/ENTRYPOINT and their form ("json" for exec form, "shell")."""
        words = _exec_form(self.text, ins.args_start, ins.end)
        if words is not None:
            return [words], "json"
        if ins.args.lstrip().startswith("["):
            line = self.reporter.source.position(ins.start).line
            self.reporter.warn(f"line {line}: {ins.keyword} is not a valid JSON array, so Docker runs it with "
                               "/bin/sh -c as shell form; analysed that way")
        commands = split_snippet(self.reporter, ins.args_start, ins.end, where=f" in {ins.keyword}")
        return list(commands), "shell"

    def _resolver(self, stage: Stage):
        copies = [c for s in reversed(stage.lineage()) for c in s.copies]
        workdir = str(stage.inherited("workdir") or "/")
        python_path = next((v.value for s in stage.lineage() for v in reversed(s.env) if v.name == "PYTHONPATH"), "")
        module_roots = [workdir] + [p for p in python_path.split(":") if p.startswith("/")]

        def resolve(target: str) -> Optional[str]:
            if "/" not in target and "." in target.strip(".") and not target.endswith((".py", ".sh", ".bash")):
                # `python -m pkg.mod`: found in the working directory or on the image's PYTHONPATH
                # (`COPY ./src/pkg /code/pkg`, `ENV PYTHONPATH=/code`, `WORKDIR /`)
                for root in module_roots:
                    found = copied(posixpath.normpath(posixpath.join(root, target.replace(".", "/"))))
                    if found is not None:
                        return found
                return None
            return copied(posixpath.normpath(posixpath.join(workdir, target)))

        def copied(container: str) -> Optional[str]:
            for source, destination in reversed(copies):
                if container == destination:
                    return source
                if container.startswith(destination.rstrip("/") + "/"):
                    rest = container[len(destination.rstrip("/")) + 1:]
                    return posixpath.normpath(posixpath.join(source, rest))
            return None

        return resolve

    def _entrypoint(self, stage: Stage, production: bool = True) -> None:
        entrypoint = stage.inherited("entrypoint")
        cmd = stage.cmd if stage.cmd is not None else (None if stage.entrypoint else stage.inherited("cmd"))
        env = Environment(v for s in reversed(stage.lineage()) for v in s.env)
        options = dict(production=production, port_hint=stage.inherited("expose"), cwd=stage.inherited("workdir"),
                       resolve=self._resolver(stage))
        if entrypoint is None and cmd is None:
            return
        if entrypoint is None:
            commands, style = self._words(cmd)
            for words in commands:
                check_command(self.reporter, words, env, argv_style=style, **options)
            return
        ep_commands, ep_style = self._words(entrypoint)
        if ep_style == "shell" or cmd is None:
            for words in ep_commands:
                check_command(self.reporter, words, env, argv_style=ep_style, **options)
            return
        cmd_commands, cmd_style = self._words(cmd)
        cmd_words = [w for c in cmd_commands for w in c] if cmd_style == "json" else []
        combined = ep_commands[0] + cmd_words
        if cmd_style == "shell":  # Docker passes ["/bin/sh", "-c", "<cmd>"] to an exec-form ENTRYPOINT
            raw = self.text[cmd.args_start:cmd.end].strip()
            combined = ep_commands[0] + [Word("/bin/sh", cmd.start, cmd.start + 3), Word("-c", cmd.start, cmd.start + 3),
                                         Word(raw, cmd.args_start, cmd.end, True, 0, cmd.args_start)]
        head = posixpath.basename(ep_commands[0][0].text) if ep_commands and ep_commands[0] else ""
        start = flaskcli.interpret(ep_commands[0], env) if ep_commands and ep_commands[0] else None
        wrapper = head in INIT_PROGRAMS or (start is not None and start.kind == flaskcli.SCRIPT
                                            and (start.target or "").endswith(".sh"))
        if not wrapper:
            check_command(self.reporter, combined, env, argv_style="json", fixable=False, **options)
            return
        # an init or entrypoint script that ends with `exec "$@"`: the CMD is what it runs, and what selects
        # the script's `case "$1"` branch (recorded as its arguments)
        passed = [w.text for w in cmd_words] if cmd_style == "json" else [w.text for w in combined[len(ep_commands[0]):]]
        fact = check_command(self.reporter, ep_commands[0], env, argv_style="json", args=passed, **options)
        if fact is not None and fact.kind == flaskcli.SCRIPT:
            stage.entrypoint_line = fact.line
        for words in (cmd_commands if cmd_style == "shell" else [cmd_words]):
            check_command(self.reporter, words, env, argv_style=cmd_style, **options)


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    reporter = Reporter(context, source)
    with collector_paused_for(len(source.text)):
        _Dockerfile(reporter).run()
        return reporter.result()
