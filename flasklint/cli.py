"""The `flasklint` command line: `check`, `rules`, `explain`.

Exit codes: 0 no findings, 1 findings, 2 usage or tool error. Heavy modules
(the engine, analyzers, reporters) are imported inside the commands so that
`flasklint --version` stays fast.
"""

from __future__ import annotations

import sys
from typing import Optional, Sequence

import click

from flasklint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: Sequence[str]) -> list[str]:
    """`--select FL1,FL2 --select FL3` -> ["FL1", "FL2", "FL3"]."""
    return [part.strip().upper() for value in values for part in value.split(",") if part.strip()]


def _check_selectors(option: str, selectors: list[str]) -> None:
    from flasklint.catalog import validate_selectors

    unknown = validate_selectors(selectors)
    if unknown:
        raise click.UsageError(f"{option}: unknown rule id or prefix: {', '.join(unknown)} (see `flasklint rules`)")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="flasklint")
def main() -> None:
    """Find the Flask/Werkzeug development server exposed to a network or run in production."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--select", multiple=True, metavar="RULES", help="Only these rule ids or prefixes (comma-separated, e.g. FL1,FL301).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rule ids or prefixes.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files or folders matching this glob (repeatable).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE instead of stdout.")
@click.option("--no-prefilter", is_flag=True, help="Parse every file, skipping the byte-level screen (for testing).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, metavar="N",
              help="Worker processes (default: one per CPU; a pool starts only for large scans).")
@click.option("--no-cache", is_flag=True, help="Analyse every file again; neither read nor write the cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=str), envvar="FLASKLINT_CACHE_DIR",
              help="Cache folder (default: .flasklint_cache/ in the project root; env FLASKLINT_CACHE_DIR).")
@click.option("--verbose", "-v", is_flag=True, help="Show tracebacks of internal errors.")
def check(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    exclude: tuple[str, ...],
    output_format: str,
    output: Optional[str],
    no_prefilter: bool,
    jobs: int,
    no_cache: bool,
    cache_dir: Optional[str],
    verbose: bool,
) -> None:
    """Scan PATHS (default: the current directory) for exposed or production dev servers."""
    from flasklint.engine import ScanOptions, scan
    from flasklint.report import renderer
    from flasklint.report.text import render_diagnostics

    selected = _split(select) or ["ALL"]
    ignored = _split(ignore)
    _check_selectors("--select", selected)
    _check_selectors("--ignore", ignored)
    from flasklint.progress import for_stream

    bar = for_stream(sys.stderr, output_format)
    options = ScanOptions(select=selected, ignore=ignored, exclude=list(exclude), prefilter=not no_prefilter,
                          jobs=jobs, cache=not no_cache, cache_dir=cache_dir, progress=bar)
    try:
        result = scan(list(paths) or ["."], options)
    finally:
        if bar is not None:
            bar.close()
    text = renderer(output_format)(result)
    if output:
        try:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            raise click.FileError(output, exc.strerror) from None
    else:
        click.echo(text, nl=False)
    if result.diagnostics and (output_format == "text" or output):
        click.echo(render_diagnostics(result), err=True, nl=False)
    missing = [d for d in result.diagnostics if d.message.startswith("cannot read path")]
    internal = [d for d in result.diagnostics if d.message.startswith("internal error")]
    if internal or (missing and len(missing) == len(paths or ["."])):
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if result.findings else EXIT_CLEAN)


@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="markdown prints the table the README embeds.")
def rules(output_format: str) -> None:
    """List every rule of the catalog."""
    from flasklint.catalog import load_catalog, markdown_table

    if output_format == "markdown":
        click.echo(markdown_table(), nl=False)
        return
    catalog = load_catalog()
    width = max(len(r.name) for r in catalog.values())
    click.echo(f"{'ID':<6} {'NAME':<{width}} {'SEVERITY':<8} {'FIX':<6} SUMMARY")
    for rule in catalog.values():
        fix = rule.fix_safety_level if rule.fix_safety_level != "none" else "-"
        click.echo(f"{rule.id:<6} {rule.name:<{width}} {rule.severity.label:<8} {fix:<6} {rule.summary}")


@main.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Show the full text of one rule (id or name), e.g. `flasklint explain FL101`."""
    from flasklint.catalog import load_catalog

    catalog = load_catalog()
    wanted = rule_id.strip()
    rule = catalog.get(wanted.upper()) or next((r for r in catalog.values() if r.name == wanted), None)
    if rule is None:
        raise click.UsageError(f"unknown rule {rule_id!r} (see `flasklint rules`)")
    click.echo(rule.explain(), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
