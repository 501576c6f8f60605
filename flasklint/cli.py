"""The `flasklint` command line: `check`, `rules`, `explain`.

Exit codes: 0 no findings, 1 findings (or, with --error-on-unanalysed, a file
that could not be analysed), 2 usage or tool error. Heavy modules
(the engine, analyzers, reporters) are imported inside the commands so that
`flasklint --version` stays fast.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import TYPE_CHECKING, Iterable, Optional, Sequence

import click

from flasklint import __version__

if TYPE_CHECKING:  # pragma: no cover
    from flasklint.config import Config
    from flasklint.scan.engine import ScanResult
    from flasklint.report.reportmemo import ReportMemo

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "concise", "full", "json", "json-lines", "sarif", "github", "gitlab", "junit", "rdjson", "azure",
           "pylint", "markdown")
"""Every `--format`/`--output-format` name (kept here, not imported: `--help` must not import reporters).
`concise` is `text`, `full` is text with code frames: ruff's names; the rest are ruff's names where ruff has one."""
TEXT_FORMATS = ("text", "concise", "full")
FIX_FORMATS = ("json", "json-lines", "sarif", "markdown", "rdjson")
"""Formats that carry each finding's fix, so the scan must compute fixes for them."""


def _colour(stream: object) -> bool:
    """Colour on a terminal, like ruff: FORCE_COLOR turns it on anywhere, NO_COLOR or a pipe turns it off."""
    import os

    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False


def _split(values: Sequence[str]) -> list[str]:
    """`--select FL1,FL2 --select FL3` -> ["FL1", "FL2", "FL3"]."""
    return [part.strip().upper() for value in values for part in value.split(",") if part.strip()]


def _tolerant_output() -> None:
    """Print file names that are not valid UTF-8 (lone surrogates, see filenames.py) instead of crashing.

    A strict UTF-8 stdout (`PYTHONIOENCODING=utf-8`) would raise UnicodeEncodeError on them: it
    gets the name's original bytes; any other strict encoding gets `?` for what it cannot show.
    """
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            utf8 = (getattr(stream, "encoding", "") or "").lower().replace("_", "-") in ("utf-8", "utf8")
            stream.reconfigure(errors="surrogateescape" if utf8 else "replace")


def _check_selectors(option: str, selectors: list[str]) -> None:
    if not selectors:
        return  # nothing to check: the catalog is not even read (a warm run's import budget)
    from flasklint.findings.catalog import validate_selectors

    unknown = validate_selectors(selectors)
    if unknown:
        raise click.UsageError(f"{option}: unknown rule id or prefix: {', '.join(unknown)} (see `flasklint rules`)")


def _settings(targets: list[str], config_file: Optional[str], isolated: bool) -> "Config":
    """The configuration for these paths; a configuration error ends the command (exit 2)."""
    from flasklint import config

    try:
        return config.resolve(targets, config_file, isolated)
    except config.ConfigError as exc:
        click.echo(f"flasklint: {exc}", err=True)
        sys.exit(EXIT_ERROR)


def _shard(value: Optional[str]) -> Optional[tuple[int, int]]:
    if value is None:
        return None
    from flasklint.scan.shard import ShardError, parse

    try:
        return parse(value)
    except ShardError as exc:
        raise click.UsageError(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="flasklint")
def main() -> None:
    """Find the Flask/Werkzeug development server exposed to a network or run in production."""


@main.command(short_help="Scan PATHS for dev servers exposed or run in production.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--select", multiple=True, metavar="RULES", help="Only these rule ids or prefixes (comma-separated, e.g. FL1,FL301).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rule ids or prefixes.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files or folders matching this glob (repeatable).")
@click.option("--format", "--output-format", "output_format", type=click.Choice(list(FORMATS)), default="text",
              show_default=True,
              help="text (alias concise), full (text with code frames), json, json-lines, sarif, github, gitlab, "
                   "junit, rdjson, azure, pylint, or markdown (a findings table for a job summary or PR comment).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE instead of stdout.")
@click.option("--include-dev", is_flag=True, default=None,
              help="Also report development-only and test findings (at low severity).")
@click.option("--show-context", is_flag=True,
              help="Under each finding, print its verdict and the launchers that reach it (text output).")
@click.option("--show-source", is_flag=True, help="Show each finding's source lines with a caret under the span (text output).")
@click.option("--no-prefilter", is_flag=True, help="Parse every file, skipping the byte-level screen (for testing).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, metavar="N",
              help="Worker processes (default: one per CPU; a pool starts only for large scans).")
@click.option("--no-cache", is_flag=True, help="Analyse every file again; neither read nor write the cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=str), envvar="FLASKLINT_CACHE_DIR",
              help="Cache folder (default: .flasklint_cache/ in the project root; env FLASKLINT_CACHE_DIR).")
@click.option("--verbose", "-v", is_flag=True, help="Show tracebacks of internal errors.")
@click.option("--sarif-category", metavar="NAME", help="SARIF run.automationDetails.id (GitHub code scanning category).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True), help="Read configuration from FILE only.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--fail-on", type=click.Choice(["critical", "high", "medium", "low"]), help="Exit 1 only for findings of this severity or above (default: low).")
@click.option("--strict-noqa", is_flag=True, help="Report unused suppressions and ones naming unknown rules (exit 1).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), help="Report only findings not recorded in this baseline.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record the current findings in FILE and exit 0.")
@click.option("--force-exclude", is_flag=True, help="Apply excludes to files named on the command line too (for pre-commit).")
@click.option("--fix", is_flag=True, help="Apply safe fixes, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: apply unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print a unified diff of what --fix would change; write nothing (exit 1 if there is a diff).")
@click.option("--error-on-unanalysed", is_flag=True,
              help="Exit 1 when a file could not be read, decoded or parsed, even without findings.")
@click.option("--shard", metavar="I/N", help="Report only shard I of N (a stable split by path, for CI matrices; see README).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (errors still exit 2).")
@click.option("--quiet", "-q", is_flag=True, help="Print the findings only: no summary, no progress, no fix count.")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule has, most first, instead of the findings.")
@click.option("--show-settings", is_flag=True, help="Print the resolved settings and where each came from, then exit.")
def check(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    exclude: tuple[str, ...],
    output_format: str,
    output: Optional[str],
    show_source: bool,
    no_prefilter: bool,
    jobs: int,
    no_cache: bool,
    cache_dir: Optional[str],
    verbose: bool,
    sarif_category: Optional[str],
    config_file: Optional[str],
    isolated: bool,
    fail_on: Optional[str],
    strict_noqa: bool,
    baseline_file: Optional[str],
    write_baseline: Optional[str],
    force_exclude: bool,
    fix: bool = False,
    unsafe_fixes: bool = False,
    diff: bool = False,
    include_dev: Optional[bool] = None,
    show_context: bool = False,
    error_on_unanalysed: bool = False,
    shard: Optional[str] = None,
    exit_zero: bool = False,
    quiet: bool = False,
    statistics: bool = False,
    show_settings: bool = False,
) -> None:
    """Scan PATHS (default: the current directory) for exposed or production dev servers."""
    from flasklint import config
    from flasklint.scan.engine import scan
    from flasklint.model import Severity
    from flasklint.report import batched, chunked_renderer
    from flasklint.report.text import render_diagnostics, render_suppression_problems

    _tolerant_output()
    selected = _split(select)
    ignored = _split(ignore)
    _check_selectors("--select", selected)
    _check_selectors("--ignore", ignored)
    targets = list(paths) or ["."]
    settings = _settings(targets, config_file, isolated)
    if show_settings:
        from flasklint.config import show_settings

        click.echo(show_settings(settings, targets, isolated=isolated, given={
            "select": selected, "ignore": ignored, "exclude": list(exclude), "fail-on": fail_on,
            "include-dev": include_dev, "format": output_format}), nl=False)
        sys.exit(EXIT_CLEAN)
    if verbose:
        from flasklint.sources.filenames import terminal_safe

        where = "none (--isolated)" if isolated else str(settings.path) if settings.path else "none found"
        click.echo(f"flasklint: configuration: {terminal_safe(where)}", err=True)
    known = None
    if baseline_file:  # imported only when used: fingerprinting is not cheap to import
        from flasklint.findings import baseline

        try:
            known = baseline.load(baseline_file)
        except baseline.BaselineError as exc:
            click.echo(f"flasklint: {exc}", err=True)
            sys.exit(EXIT_ERROR)
    options = config.scan_options(
        settings, select=selected, ignore=ignored, exclude=exclude, prefilter=not no_prefilter, force_exclude=force_exclude
    )
    from flasklint.scan.progress import for_stream

    bar = None if quiet or statistics else for_stream(sys.stderr, output_format)
    wants_fixes = fix or diff or output_format in FIX_FORMATS  # text and annotations show no fix
    options = dataclasses.replace(
        options, jobs=jobs, cache=not no_cache, cache_dir=cache_dir, progress=bar, fixes=wants_fixes,
        include_dev=settings.include_dev if include_dev is None else include_dev,
        shard=_shard(shard),
        # the whole-scan memo holds no per-file results nor graph: only runs that need neither use it
        reuse_scan=not (fix or diff or strict_noqa or verbose),
    )
    colour = output is None and output_format in TEXT_FORMATS and _colour(sys.stdout)
    rendering = {"format": output_format, "sarif_category": sarif_category, "show_source": show_source,
                 "show_context": show_context or verbose, "colour": colour, "quiet": quiet, "statistics": statistics}
    keeps_report = known is None and not (fix or diff)  # then the report follows from the memo alone

    def kept_report(result: "ScanResult") -> "Optional[ReportMemo]":
        from flasklint.report.reportmemo import ReportMemo

        return ReportMemo.for_result(result, options, **rendering) if keeps_report else None

    try:
        result = scan(targets, options)
        kept = kept_report(result)
        replayed = kept.replay() if kept is not None else None
        if output_format == "markdown" and replayed is None and result.graph is None:
            # the picture needs the graph, which a memo does not hold: compute the scan (and keep its report)
            result = scan(targets, dataclasses.replace(options, reuse_scan=False))
            kept = kept_report(result)
    finally:
        if bar is not None:
            bar.close()
    if fix or diff:
        from flasklint.fix.fixer import fix_scan

        outcome = fix_scan(result, options, unsafe=unsafe_fixes, write=not diff)
        if not diff and outcome.files:
            # what remains is the project's verdict after the fix, not each file's alone: fixing a Procfile's
            # `flask run` makes gunicorn serve a config's DEBUG that `flask run` overrode, in another file
            said = result.diagnostics
            result = scan(targets, dataclasses.replace(options, reuse_scan=False))
            result.diagnostics = sorted(result.diagnostics + [d for d in said if d not in result.diagnostics],
                                        key=lambda d: (d.path, d.message))
        if diff:
            changes = outcome.diff()
            click.echo(changes, nl=False)
            if result.diagnostics:
                click.echo(render_diagnostics(result), err=True, nl=False)
            count = outcome.fixed
            click.echo(f"Would fix {count} finding{'s' if count != 1 else ''} ({len(result.findings)} would remain).", err=True)
            sys.exit(EXIT_FINDINGS if changes else EXIT_CLEAN)
    if write_baseline:
        from flasklint.findings import baseline

        try:
            baseline.write(write_baseline, result.findings, result.root)
        except baseline.BaselineError as exc:
            click.echo(f"flasklint: {exc}", err=True)
            sys.exit(EXIT_ERROR)
        click.echo(f"flasklint: wrote {len(result.findings)} findings to {write_baseline}", err=True)
        sys.exit(EXIT_CLEAN)
    if known is not None:
        from flasklint.findings import baseline

        result.findings = baseline.new_findings(result.findings, known, result.root)
    picture = None
    if output_format == "markdown" and result.graph is not None and replayed is None:
        from flasklint.report.picture import picture as draw

        picture = draw(result.graph, result.findings, result.hidden)
    if replayed is not None:
        pieces: Iterable[str] = (replayed,)
    else:
        pieces = batched(chunked_renderer(output_format, sarif_category=sarif_category, show_source=show_source,
                                          show_context=show_context or verbose, graph=picture, colour=colour,
                                          quiet=quiet, statistics=statistics)(result))
        if kept is not None:
            pieces = kept.recording(pieces)
    if output:
        try:
            with open(output, "w", encoding="utf-8", errors="surrogateescape") as handle:
                for piece in pieces:
                    handle.write(piece)
        except OSError as exc:  # a usage error (exit 2), not click.FileError's exit 1, which means findings
            click.echo(f"flasklint: {output}: cannot write the report: {exc.strerror or exc}", err=True)
            sys.exit(EXIT_ERROR)
    else:
        for piece in pieces:
            click.echo(piece, nl=False, color=colour or None)  # click strips codes it did not expect
    if result.diagnostics and (output_format in TEXT_FORMATS or output):
        click.echo(render_diagnostics(result), err=True, nl=False)
    if verbose:
        for note in dict.fromkeys(result.notes):
            click.echo(f"flasklint: {terminal_safe(note)}", err=True)
        for path, file_result in result.results.items():
            trace = file_result.facts.get("internal_error")
            if trace:
                click.echo(f"flasklint: traceback for {path}:\n{trace}", err=True)
            skipped = file_result.facts.get("skipped_binary")
            if skipped:
                click.echo(f"flasklint: {path}: {skipped}", err=True)
    suppression_problems = render_suppression_problems(result) if strict_noqa else ""
    click.echo(suppression_problems, err=True, nl=False)
    if fix and output_format in TEXT_FORMATS and not quiet:
        skipped = len(outcome.outside_root)
        outside = (f"; {skipped} file{'s' if skipped != 1 else ''} not written: a symlink leads outside the project root"
                   if skipped else "")
        click.echo(f"Fixed {outcome.fixed} finding{'s' if outcome.fixed != 1 else ''} ({len(result.findings)} remaining)"
                   f"{outside}.", err=True)
    missing = [d for d in result.diagnostics if d.message.startswith("cannot read path")]
    internal = [d for d in result.diagnostics if d.message.startswith("internal error")]
    if missing and len(missing) < len(targets):  # alone, its own line says it all
        named = ", ".join(d.path for d in missing)
        click.echo(f"flasklint: {'a path' if len(missing) == 1 else f'{len(missing)} paths'} named on the command line "
                   f"cannot be read ({named}): the other paths were scanned and reported; exit code 2", err=True)
    if internal or missing:  # a path named and not scanned: the run did not do what was asked
        sys.exit(EXIT_ERROR)
    threshold = Severity.parse(fail_on) if fail_on else settings.fail_on or Severity.LOW
    failing = any(f.severity >= threshold for f in result.findings)
    if error_on_unanalysed and not failing:
        from flasklint.report.summary import coverage

        failing = bool(coverage(result).not_analysed)
    sys.exit(EXIT_FINDINGS if (failing or suppression_problems) and not exit_zero else EXIT_CLEAN)


@main.command("merge-sarif", short_help="Merge the SARIF files of `check --shard` jobs into one.")
@click.argument("out", type=click.Path(dir_okay=False, allow_dash=True))
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True))
def merge_sarif(out: str, inputs: tuple[str, ...]) -> None:
    """Merge the SARIF files of `check --shard` jobs into OUT (`-`: stdout), one run for one upload."""
    from flasklint.report.sarif_merge import MergeError, render

    try:
        text = render(inputs)
    except MergeError as exc:
        click.echo(f"flasklint: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    if out == "-":
        click.echo(text, nl=False)
        return
    try:
        with open(out, "w", encoding="utf-8", errors="surrogateescape") as handle:
            handle.write(text)
    except OSError as exc:
        click.echo(f"flasklint: {out}: cannot write: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_ERROR)


@main.command(short_help="Print the deployment picture of PATHS.")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["mermaid", "dot", "json"]), default="mermaid",
              show_default=True, help="mermaid for GitHub markdown, dot for Graphviz, json for tools.")
@click.option("--include-dev", is_flag=True, help="Mark development-only findings too (as not offending).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files or folders matching this glob (repeatable).")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the picture to FILE.")
def graph(paths: Sequence[str], output_format: str, include_dev: bool, exclude: Sequence[str], isolated: bool,
          output: Optional[str]) -> None:
    """Print the deployment picture of PATHS: launchers, what each runs, where a dev server starts."""
    from flasklint import config
    from flasklint.report.picture import picture
    from flasklint.scan.engine import scan
    from flasklint.report.graph import to_dot, to_json, to_mermaid
    from flasklint.sources.filenames import json_text

    _tolerant_output()
    targets = list(paths) or ["."]
    settings = _settings(targets, None, isolated)
    options = config.scan_options(settings, select=[], ignore=[], exclude=exclude, prefilter=True)
    options = dataclasses.replace(options, fixes=False, cache=True, include_dev=include_dev)
    result = scan(targets, options)
    drawn = picture(result.graph, result.findings, result.hidden)
    if output_format == "dot":
        text = to_dot(drawn)
    elif output_format == "json":
        text = json_text(to_json(drawn), indent=2) + "\n"
    else:
        text = to_mermaid(drawn)
    if output:
        with open(output, "w", encoding="utf-8", errors="surrogateescape") as handle:
            handle.write(text)
    else:
        click.echo(text, nl=not text.endswith("\n"))


@main.command(short_help="List every rule of the catalog.")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "docs"]), default="text", show_default=True,
              help="markdown prints the table the README embeds; docs prints docs/rules.md.")
def rules(output_format: str) -> None:
    """List every rule of the catalog."""
    from flasklint.findings.catalog import load_catalog, markdown_table

    if output_format == "markdown":
        click.echo(markdown_table(), nl=False)
        return
    if output_format == "docs":
        from flasklint.docs import rules_markdown

        click.echo(rules_markdown(), nl=False)
        return
    catalog = load_catalog()
    width = max(len(r.name) for r in catalog.values())
    click.echo(f"{'ID':<6} {'NAME':<{width}} {'SEVERITY':<8} {'FIX':<6} SUMMARY")
    for rule in catalog.values():
        fix = rule.fix_safety_level if rule.fix_safety_level != "none" else "-"
        click.echo(f"{rule.id:<6} {rule.name:<{width}} {rule.severity.label:<8} {fix:<6} {rule.summary}")


@main.command(short_help="Show one rule's full text (`flasklint explain FL101`).")
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Show the full text of one rule (id or name), e.g. `flasklint explain FL101`."""
    from flasklint.findings.catalog import load_catalog

    catalog = load_catalog()
    wanted = rule_id.strip()
    rule = catalog.get(wanted.upper()) or next((r for r in catalog.values() if r.name == wanted), None)
    if rule is None:
        raise click.UsageError(f"unknown rule {rule_id!r} (see `flasklint rules`)")
    click.echo(rule.explain(), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
