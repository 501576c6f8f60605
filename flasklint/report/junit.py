"""JUnit XML, for CI systems that show test reports (Jenkins, GitLab's test report, Azure's PublishTestResults).

One `<testsuite>` per file with findings, one `<testcase>` with a `<failure>` per finding, as
ruff writes it; a clean scan is one passing test case, so a report that CI requires is never
empty. Files not analysed are `<skipped>` cases in a suite of their own (not run, not passed).
XML 1.0 cannot carry most control characters even as references, so paths and messages are
spelled out as in the text report (`terminal_safe`) before XML escaping.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator
from xml.sax.saxutils import escape, quoteattr

from flasklint.findings.catalog import load_catalog
from flasklint.scan.engine import ScanResult
from flasklint.sources.filenames import printable, terminal_safe
from flasklint.model import Finding


def _text(text: str) -> str:
    return terminal_safe(printable(text))


def _case(finding: Finding, name: str) -> str:
    where = f"{finding.path}:{finding.span.start.line}:{finding.span.start.column}"
    message = f"[{finding.severity.label}] {finding.message}"
    return (
        f"    <testcase name={quoteattr(_text(f'{finding.rule} ({name}) at {where}'))} "
        f"classname={quoteattr(_text(finding.path))} file={quoteattr(_text(finding.path))} "
        f"line=\"{finding.span.start.line}\">\n"
        f"      <failure message={quoteattr(_text(message))} type={quoteattr(finding.rule)}>"
        f"{escape(_text(f'{where}: {finding.rule} {message}'))}</failure>\n"
        f"    </testcase>\n"
    )


def chunks(result: ScanResult) -> Iterator[str]:
    names = {rule.id: rule.name for rule in load_catalog().values()}
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        by_path[f.path].append(f)
    count, skipped = len(result.findings), len(result.diagnostics)
    tests = count + skipped if count + skipped else 1
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield (f'<testsuites name="flasklint" tests="{tests}" failures="{count}" errors="0" '
           f'skipped="{skipped}">\n')
    for path, findings in by_path.items():
        yield (f'  <testsuite name={quoteattr(_text(path))} tests="{len(findings)}" failures="{len(findings)}" '
               f'errors="0" skipped="0">\n')
        for f in findings:
            yield _case(f, names.get(f.rule, ""))
        yield "  </testsuite>\n"
    if skipped:
        yield f'  <testsuite name="not analysed" tests="{skipped}" failures="0" errors="0" skipped="{skipped}">\n'
        for d in result.diagnostics:
            yield (f"    <testcase name={quoteattr(_text(d.path))} classname={quoteattr(_text(d.path))}>\n"
                   f"      <skipped message={quoteattr(_text(d.message))}/>\n    </testcase>\n")
        yield "  </testsuite>\n"
    if not count and not skipped:
        yield ('  <testsuite name="flasklint" tests="1" failures="0" errors="0" skipped="0">\n'
               '    <testcase name="no findings" classname="flasklint"/>\n  </testsuite>\n')
    yield "</testsuites>\n"
