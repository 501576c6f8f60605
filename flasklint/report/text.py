"""Human-readable output: `path:line:col: FLxxx message`, like ruff and flake8.

With `show_source`, each finding is followed by a code frame (its lines with a
caret underline), built from the lines the analyzer captured in the finding:
this module never reads a file.

Paths, messages and source lines come from the scanned repository, so every one
is passed through `terminal_safe` (control characters spelled out): a file name
holding a newline cannot start a CI runner's workflow command, nor ESC sequences
retitle a terminal. With `colour`, the path, rule id and severity are coloured as
ruff colours its own (see `Palette`); the escape codes are ours alone.
"""

from __future__ import annotations

from typing import Iterator

from flasklint.scan.engine import ScanResult
from flasklint.sources.filenames import terminal_safe
from flasklint.model import Finding, Severity
from flasklint.report.summary import by_rule_line, coverage, headline, hidden_parts, left_out


class Palette:
    """ANSI styles for a terminal, ruff's choices: bold path, red bold rule id; severity by level."""

    RESET = "\x1b[0m"
    PATH = "\x1b[1m"
    PUNCTUATION = "\x1b[36m"
    RULE = "\x1b[1;31m"
    SEVERITY = {Severity.CRITICAL: "\x1b[1;35m", Severity.HIGH: "\x1b[1;31m", Severity.MEDIUM: "\x1b[33m",
                Severity.LOW: "\x1b[34m"}

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def paint(self, style: str, text: str) -> str:
        return f"{style}{text}{self.RESET}" if self.enabled else text


def finding_line(f: Finding, palette: Palette) -> str:
    """`path:line:col: FL101 [critical] message`, escaped for a terminal, coloured when asked."""
    paint = palette.paint
    colon = paint(Palette.PUNCTUATION, ":")
    where = f"{paint(Palette.PATH, terminal_safe(f.path))}{colon}{f.span.start.line}{colon}{f.span.start.column}{colon}"
    severity = paint(Palette.SEVERITY[f.severity], f"[{f.severity.label}]")
    return f"{where} {paint(Palette.RULE, f.rule)} {severity} {terminal_safe(f.message)}"


def _underline(line: str, start: int, end: int) -> str:
    """Spaces (tabs kept, so the carets line up) up to 1-based column `start`, then carets to `end`."""
    start = min(max(start, 1), len(line) + 1)
    end = max(min(end, len(line) + 1), start + 1)
    pad = "".join(ch if ch == "\t" else " " for ch in line[: start - 1])
    return pad + "^" * (end - start)


def code_frame(finding: Finding) -> list[str]:
    """The finding's lines, numbered, with a caret underline under where the span starts.

    A one-line span is underlined exactly; a multi-line span (a call over several
    lines) is underlined from its start to the end of its first line, and its
    other lines are shown beneath without carets, to keep the frame readable.
    """
    lines = finding.source_lines
    if not lines:
        return []
    span = finding.span
    first = span.start.line
    width = len(str(first + len(lines) - 1))
    gutter = " " * width + " |"
    head = lines[0]
    end = span.end.column if span.end.line == first else len(head.rstrip()) + 1
    frame = [gutter, f"{first:>{width}} | {terminal_safe(head, tabs=True)}".rstrip(),
             f"{gutter} {_underline(head, span.start.column, end)} {finding.rule}"]
    for index, text in enumerate(lines[1:], start=1):
        frame.append(f"{first + index:>{width}} | {terminal_safe(text, tabs=True)}".rstrip())
    if span.end.line > first + len(lines) - 1:
        frame.append(f"{' ' * width} | ...")
    frame.append(gutter)
    return frame


def context_lines(finding: Finding) -> list[str]:
    """`--show-context`: the verdict and the launchers that reach the finding, root first."""
    lines = [f"    context: {finding.context or 'unknown'}"]
    lines.extend(f"      {'└─' if i == len(finding.launch_path) - 1 else '├─'} {terminal_safe(hop)}"
                 for i, hop in enumerate(finding.launch_path))
    return lines


def hidden_summary(result: ScanResult) -> str:
    """The findings the policy left out, and the flag that shows them ("" when none were)."""
    counts = result.hidden_counts()
    if not counts:
        return ""
    total = sum(counts.values())
    return (f"{total} {left_out(counts)} finding{'s' if total != 1 else ''} not shown ({hidden_parts(counts)}); "
            "--include-dev shows them.")


def summary(result: ScanResult) -> list[str]:
    """The closing lines: what was found in how many files (analysed, not analysed, skipped), then per rule."""
    cov = coverage(result)
    lines = [headline(cov)]
    rules = by_rule_line(cov)
    if rules:
        lines.append(rules)
    hidden = hidden_summary(result)
    if hidden:
        lines.append(hidden)
    return lines


def chunks(
    result: ScanResult, *, show_source: bool = False, show_context: bool = False, colour: bool = False,
    quiet: bool = False,
) -> Iterator[str]:
    """The report a finding at a time (bounded memory), every line ending in a newline.

    `quiet` leaves out the closing summary (`--quiet`: findings only, as ruff's `-q`).
    """
    palette = Palette(colour)
    for f in result.findings:
        lines = [finding_line(f, palette)]
        if show_source:
            lines.extend(code_frame(f))
        if show_context:
            lines.extend(context_lines(f))
        yield "".join(line + "\n" for line in lines)
    if not quiet:
        yield "".join(line + "\n" for line in summary(result))


def render(result: ScanResult, *, show_source: bool = False, show_context: bool = False) -> str:
    return "".join(chunks(result, show_source=show_source, show_context=show_context))


def render_diagnostics(result: ScanResult) -> str:
    """One line per file that could not be analysed, for stderr (escaped: the path is the repository's)."""
    return "".join(f"flasklint: {terminal_safe(d.path)}: {terminal_safe(d.message)}\n" for d in result.diagnostics)


def render_suppression_problems(result: ScanResult) -> str:
    """`--strict-noqa`: one line per unused suppression or unknown rule id, ruff-style, for stderr.

    Only in the files reported on: files read for their project context alone (pre-commit names the changed
    ones) and other shards' files are not this run's to judge."""
    from flasklint.findings.suppression import problems

    lines = []
    for job in result.jobs:
        file_result = result.results.get(job.display)
        for suppression in file_result.suppressions if file_result is not None else ():
            for problem in problems(suppression):
                lines.append(terminal_safe(
                    f"{suppression.path}:{suppression.line}:{suppression.column}: {problem}: `{suppression.text}`"))
    return "".join(f"flasklint: {line}\n" for line in sorted(lines))
