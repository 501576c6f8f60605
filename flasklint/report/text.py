"""Human-readable output: `path:line:col: FLxxx message`, like ruff and flake8."""

from __future__ import annotations

from flasklint.engine import ScanResult


def render(result: ScanResult) -> str:
    lines = [
        f"{f.path}:{f.span.start.line}:{f.span.start.column}: {f.rule} [{f.severity.label}] {f.message}"
        for f in result.findings
    ]
    count = len(result.findings)
    if count:
        lines.append(f"Found {count} finding{'s' if count != 1 else ''} in {result.files_scanned} files scanned.")
    else:
        lines.append(f"No findings in {result.files_scanned} files scanned.")
    return "\n".join(lines) + "\n"


def render_diagnostics(result: ScanResult) -> str:
    """One line per file that could not be analysed, for stderr."""
    return "".join(f"flasklint: {d.path}: {d.message}\n" for d in result.diagnostics)


def render_suppression_problems(result: ScanResult) -> str:
    """`--strict-noqa`: one line per unused suppression or unknown rule id, ruff-style, for stderr."""
    from flasklint.suppression import problems

    lines = []
    for file_result in result.results.values():
        for suppression in file_result.suppressions:
            for problem in problems(suppression):
                lines.append(f"{suppression.path}:{suppression.line}:{suppression.column}: {problem}: `{suppression.text}`")
    return "".join(f"flasklint: {line}\n" for line in sorted(lines))
