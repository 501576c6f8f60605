"""Side-by-side detection quality: flasklint against Bandit, Ruff and (optionally) Semgrep.

Usage (from the repository root; peers come from `pip install -e '.[compare]'`):

    python bench/compare.py [--semgrep-config PATH] [--no-stdlib] [--corpus DIR]

Every tool runs over `corpus/`. What the corpus expects comes from its inline
markers, read by tests/corpus_expectations.py (the one definition the corpus
test uses too). Matching is by (file, line): a tool's finding on a line where the
corpus expects any FL rule counts as a hit for every expectation on that line,
whatever the tool calls it (Bandit's B104 on `host="0.0.0.0"` hits our FL103
there). A finding on a *negative line* is a false positive; negative lines are
the lines carrying an `# ok:` marker and every line of a negative case (a case
with no `# expect:` marker). Findings on other lines are counted as "elsewhere".
Recall is split by rule family (FL1xx Python code, FL2xx commands, FL3xx
production configs) and by the kind of file the expectation is in
(flasklint.knowledge.kinds.classify). Finally each tool runs over the standard library of
this interpreter, where no dev server is started, and its findings are counted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from corpus_expectations import CORPUS, Mark, cases, corpus_marks  # noqa: E402
from flasklint.knowledge.kinds import classify  # noqa: E402

FAMILIES = {"FL1": "FL1xx Python code", "FL2": "FL2xx commands", "FL3": "FL3xx production configs"}

Location = tuple[str, int]
"""(path relative to the corpus, POSIX; 1-based line)."""


# --------------------------------------------------------------------------- what the corpus expects


@dataclass
class Expectations:
    expected: list[Mark]
    negative_lines: set[Location]
    development: list[Mark] = field(default_factory=list)
    """`# expect-dev:` lines: real problems that only development or tests reach (hidden by default)."""
    contexts: dict[Location, str] = field(default_factory=dict)
    """The deployment model's verdict for each expected line (from `flasklint --include-dev`)."""

    @property
    def expected_lines(self) -> set[Location]:
        return {(m.path, m.line) for m in self.expected}


def family(rule: str) -> str:
    return FAMILIES.get(rule[:3], rule[:3] + "xx")


def kind_of(path: str) -> str:
    """The file kind of an expectation's file, classified by its path inside its case."""
    inside = path.split("/", 1)[1] if "/" in path else path
    try:
        head = (CORPUS / path).read_bytes()[:512]  # extensionless scripts and .conf files need their first bytes
    except OSError:
        head = None
    kind = classify(inside, head) or "other"
    return "kubernetes" if kind == "yaml" else kind  # plain *.yaml files are judged as Kubernetes manifests


def load_expectations(root: Path = CORPUS) -> Expectations:
    marks = corpus_marks(root)
    expected = [m for m in marks if m.verdict == "expect"]
    development = [m for m in marks if m.verdict == "expect-dev"]
    negative: set[Location] = {(m.path, m.line) for m in marks if m.verdict == "ok"}
    positive_cases = {m.path.split("/")[0] for m in expected}
    for case in cases(root):
        if case in positive_cases:
            continue
        for path in sorted((root / case).rglob("*")):
            if not path.is_file():
                continue
            try:
                count = len(path.read_text(encoding="utf-8").splitlines())
            except (UnicodeDecodeError, OSError):
                continue
            relative = path.relative_to(root).as_posix()
            negative.update((relative, line) for line in range(1, count + 1))
    return Expectations(expected, negative, development, _contexts(root))


def _contexts(root: Path) -> dict[Location, str]:
    """What flasklint's deployment model calls each line it reports with --include-dev."""
    output = _run([sys.executable, "-m", "flasklint", "check", "--isolated", "--no-cache", "--include-dev",
                   "--format", "json", str(root)], ROOT)
    return {(_relative(f["path"], root), f["start"]["line"]): f.get("context") or "unknown"
            for f in json.loads(output)["findings"]}


# --------------------------------------------------------------------------- scoring


@dataclass
class Score:
    hits_by_family: Counter = field(default_factory=Counter)
    total_by_family: Counter = field(default_factory=Counter)
    hits_by_kind: Counter = field(default_factory=Counter)
    total_by_kind: Counter = field(default_factory=Counter)
    false_positives: int = 0
    elsewhere: int = 0
    hits_by_context: Counter = field(default_factory=Counter)
    total_by_context: Counter = field(default_factory=Counter)
    development_reported: int = 0
    """Findings by default on lines only development or tests reach (noise for a CI gate)."""

    @property
    def hits(self) -> int:
        return sum(self.hits_by_family.values())

    @property
    def total(self) -> int:
        return sum(self.total_by_family.values())


def score(expectations: Expectations, findings: list[Location]) -> Score:
    """Match a tool's findings to the corpus by (file, line); see the module docstring."""
    found = set(findings)
    result = Score()
    for mark in expectations.expected:
        hit = (mark.path, mark.line) in found
        result.total_by_family[family(mark.rule)] += 1
        result.total_by_kind[kind_of(mark.path)] += 1
        context = expectations.contexts.get((mark.path, mark.line), "unknown")
        result.total_by_context[context] += 1
        if hit:
            result.hits_by_family[family(mark.rule)] += 1
            result.hits_by_kind[kind_of(mark.path)] += 1
            result.hits_by_context[context] += 1
    development_lines = {(m.path, m.line) for m in expectations.development}
    result.development_reported = len(set(findings) & development_lines)
    expected_lines = expectations.expected_lines
    for location in findings:
        if location in expectations.negative_lines:
            result.false_positives += 1
        elif location not in expected_lines:
            result.elsewhere += 1
    return result


# --------------------------------------------------------------------------- running the tools


def _relative(path: str, root: Path) -> str:
    candidate = Path(path)
    if not candidate.is_absolute():
        candidate = (root / candidate).resolve()
    try:
        return candidate.relative_to(root.resolve()).as_posix()
    except ValueError:
        return candidate.as_posix()


def _run(command: list[str], cwd: Path) -> str:
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if completed.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed ({completed.returncode}): {completed.stderr[-2000:]}")
    return completed.stdout


@dataclass
class Tool:
    name: str
    version: Callable[[], str]
    command: Callable[[Path], list[str]]
    parse: Callable[[str], list[tuple[str, int, str]]]

    def findings(self, target: Path) -> list[tuple[str, int, str]]:
        """(path relative to target, line, the tool's rule id) for each finding."""
        output = _run(self.command(target), ROOT)
        return [(_relative(path, target), line, rule) for path, line, rule in self.parse(output)]


def _first_line(command: list[str]) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "not installed"
    return out.splitlines()[0] if out else "unknown"


def _flasklint_version() -> str:
    from flasklint import __version__

    return f"flasklint {__version__}"


def _parse_flasklint(output: str) -> list[tuple[str, int, str]]:
    return [(f["path"], f["start"]["line"], f["rule"]) for f in json.loads(output)["findings"]]


def _parse_bandit(output: str) -> list[tuple[str, int, str]]:
    return [(r["filename"], r["line_number"], r["test_id"]) for r in json.loads(output)["results"]]


def _parse_ruff(output: str) -> list[tuple[str, int, str]]:
    """Ruff also reports files it cannot parse (`invalid-syntax`, no rule code): those are not findings."""
    return [(r["filename"], r["location"]["row"], r["code"]) for r in json.loads(output or "[]")
            if r.get("code") in ("S104", "S201")]


def _parse_semgrep(output: str) -> list[tuple[str, int, str]]:
    return [(r["path"], r["start"]["line"], r["check_id"].rsplit(".", 1)[-1]) for r in json.loads(output)["results"]]


def tools(semgrep_config: Optional[str]) -> list[Tool]:
    selected = [
        Tool("flasklint", _flasklint_version,
             lambda t: [sys.executable, "-m", "flasklint", "check", "--format", "json", str(t)], _parse_flasklint),
        Tool("Bandit (B104, B201)", lambda: _first_line(["bandit", "--version"]),
             lambda t: ["bandit", "-r", "-q", "-t", "B104,B201", "-f", "json", str(t)], _parse_bandit),
        Tool("Ruff (S104, S201)", lambda: _first_line(["ruff", "--version"]),
             lambda t: ["ruff", "check", "--isolated", "--no-cache", "--select", "S104,S201",
                        "--output-format", "json", "--exit-zero", str(t)], _parse_ruff),
    ]
    if semgrep_config:
        selected.append(Tool(f"Semgrep ({Path(semgrep_config).name})", lambda: "semgrep " + _first_line(["semgrep", "--version"]),
                             lambda t: ["semgrep", "scan", "--metrics=off", "--quiet", "--json", "--config",
                                        semgrep_config, str(t)], _parse_semgrep))
    missing = [t.name for t in selected[1:] if shutil.which(t.command(CORPUS)[0]) is None]
    if missing:
        sys.exit(f"not installed: {', '.join(missing)} (pip install -e '.[compare]')")
    return selected


# --------------------------------------------------------------------------- the table


def _ratio(hits: int, total: int) -> str:
    return f"{hits}/{total} ({100 * hits / total:.0f}%)" if total else "–"


def _stdlib_cell(findings: Optional[list[tuple[str, int, str]]]) -> str:
    if findings is None:
        return "not run"
    if not findings:
        return "0"
    by_rule = Counter(rule for _, _, rule in findings)
    rules = ", ".join(f"{rule}: {count}" for rule, count in sorted(by_rule.items()))
    return f"{len(findings)} in {len({p for p, _, _ in findings})} files ({rules})"


def table(expectations: Expectations, results: list[tuple[Tool, Score, Optional[list[tuple[str, int, str]]]]]) -> str:
    """One row per measure, one column per tool (a column per file kind would be unreadably wide)."""
    families = sorted({family(m.rule) for m in expectations.expected})
    kinds = sorted({kind_of(m.path) for m in expectations.expected})
    header = ["measure"] + [tool.name for tool, _, _ in results]
    rows: list[list[str]] = [["recall, all expectations"] + [_ratio(r.hits, r.total) for _, r, _ in results]]
    rows += [[f"recall {f}"] + [_ratio(r.hits_by_family[f], r.total_by_family[f]) for _, r, _ in results] for f in families]
    rows += [[f"recall in {k} files"] + [_ratio(r.hits_by_kind[k], r.total_by_kind[k]) for _, r, _ in results] for k in kinds]
    contexts = [c for c in ("production", "unknown", "development", "test")
                if any(r.total_by_context[c] for _, r, _ in results)]
    rows += [[f"recall, {c} context"] + [_ratio(r.hits_by_context[c], r.total_by_context[c]) for _, r, _ in results]
             for c in contexts]
    dev_total = len({(m.path, m.line) for m in expectations.development})
    rows.append([f"development/test-only lines reported by default (of {dev_total})"]
                + [str(r.development_reported) for _, r, _ in results])
    rows.append(["false positives on negative lines"] + [str(r.false_positives) for _, r, _ in results])
    rows.append(["findings elsewhere in the corpus"] + [str(r.elsewhere) for _, r, _ in results])
    rows.append(["findings on the stdlib"] + [_stdlib_cell(stdlib) for _, _, stdlib in results])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--semgrep-config", metavar="PATH", help="also run Semgrep with this config (file, folder or registry id)")
    parser.add_argument("--no-stdlib", action="store_true", help="skip the run over the standard library")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the corpus folder (default: corpus/)")
    args = parser.parse_args(argv)
    corpus = args.corpus.resolve()
    expectations = load_expectations(corpus)
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    results = []
    for tool in tools(args.semgrep_config):
        findings = [(path, line) for path, line, _ in tool.findings(corpus)]
        stdlib_findings = None if args.no_stdlib else tool.findings(stdlib)
        results.append((tool, score(expectations, findings), stdlib_findings))
    command = "python bench/compare.py" + "".join(f" {a}" for a in (argv if argv is not None else sys.argv[1:]))
    negatives = len([c for c in cases(corpus) if c not in {m.path.split('/')[0] for m in expectations.expected}])
    print(f"Corpus: {len(cases(corpus))} cases ({negatives} negative), {len(expectations.expected)} expected findings, "
          f"{len(expectations.negative_lines)} negative lines. Standard library: Python "
          f"{sys.version.split()[0]} ({stdlib}).\n")
    print(table(expectations, results))
    print("Versions: " + "; ".join(tool.version() for tool, _, _ in results) + f". Command: `{command}`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
