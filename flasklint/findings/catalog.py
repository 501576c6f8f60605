"""The rule catalog: loads the data files of `rules/` (shipped as `flasklint.rules`).

Help text, `flasklint rules`, `flasklint explain`, the README table and SARIF
rule metadata are all generated from these records, so the catalog is the one
place a rule's meaning is written down.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from flasklint.model import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on older Pythons only
    import tomli as tomllib

DOCS_URL = "https://github.com/flasklint/flasklint/blob/main/docs/rules.md"


@dataclass(frozen=True)
class Example:
    verdict: str  # "bad" | "good"
    filename: str
    code: str


@dataclass(frozen=True)
class Reference:
    title: str
    url: str


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: Severity
    cwe: tuple[int, ...]
    precision: str
    summary: str
    message: str
    fix: str
    fix_safety_level: str
    what_it_does: str
    why_bad: str
    fix_safety: str
    references: tuple[Reference, ...]
    examples: tuple[Example, ...]

    @property
    def help_uri(self) -> str:
        return f"{DOCS_URL}#{self.id.lower()}-{self.name}"

    def examples_of(self, verdict: str) -> list[Example]:
        return [e for e in self.examples if e.verdict == verdict]

    def explain(self) -> str:
        """The rule's full text in the ruff-style sections, as Markdown."""
        parts = [
            f"# {self.id} {self.name}",
            "",
            f"{self.summary}.",
            "",
            f"Severity: {self.severity.label}. CWE: "
            + ", ".join(f"CWE-{c}" for c in self.cwe)
            + ".",
            "",
            "## What it does",
            self.what_it_does.strip(),
            "",
            "## Why is this bad?",
            self.why_bad.strip(),
        ]
        for title, verdict in (("Example", "bad"), ("Use instead", "good")):
            examples = self.examples_of(verdict)
            if examples:
                example = examples[0]
                parts += ["", f"## {title}", f"`{example.filename}`:", "```", example.code.strip("\n"), "```"]
        parts += ["", "## Fix safety", self.fix_safety.strip()]
        if self.references:
            parts += ["", "## References"]
            parts += [f"- [{r.title}]({r.url})" for r in self.references]
        return "\n".join(parts) + "\n"


class CatalogError(Exception):
    """A rule file is malformed: a packaging or authoring bug, reported with the file name."""


_REQUIRED = ("id", "name", "severity", "cwe", "precision", "summary", "message", "fix", "fix_safety_level", "doc", "examples")


def _rule_from_data(source: str, data: dict[str, Any]) -> Rule:
    missing = [key for key in _REQUIRED if key not in data]
    if missing:
        raise CatalogError(f"{source}: missing keys: {', '.join(missing)}")
    doc = data["doc"]
    try:
        return Rule(
            id=data["id"],
            name=data["name"],
            severity=Severity.parse(data["severity"]),
            cwe=tuple(int(c) for c in data["cwe"]),
            precision=data["precision"],
            summary=data["summary"].rstrip("."),
            message=data["message"],
            fix=data["fix"],
            fix_safety_level=data["fix_safety_level"],
            what_it_does=doc["what_it_does"],
            why_bad=doc["why_bad"],
            fix_safety=doc["fix_safety"],
            references=tuple(Reference(r["title"], r["url"]) for r in doc.get("references", ())),
            examples=tuple(Example(e["verdict"], e["filename"], e["code"]) for e in data["examples"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise CatalogError(f"{source}: {exc}") from None


def _rule_files() -> list[Any]:
    """The catalog files: from the source checkout when running from one, else from the wheel.

    In a checkout (editable install, or `python -m` with the checkout on the
    path) `rules/` sits beside the package; an installed wheel carries it as
    the `flasklint.rules` package.
    """
    checkout = Path(__file__).resolve().parents[2]  # flasklint/findings/catalog.py
    if (checkout / "pyproject.toml").is_file() and (checkout / "rules").is_dir():
        return sorted((checkout / "rules").iterdir(), key=lambda e: e.name)
    from importlib import resources  # ~10 ms to import: only an installed wheel needs it

    return sorted(resources.files("flasklint.rules").iterdir(), key=lambda e: e.name)


@functools.lru_cache(maxsize=None)
def load_catalog() -> dict[str, Rule]:
    """All rules by id, in id order."""
    rules: dict[str, Rule] = {}
    for entry in _rule_files():
        if not entry.name.endswith(".toml"):
            continue
        try:
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise CatalogError(f"rules/{entry.name}: {exc}") from None
        rule = _rule_from_data(f"rules/{entry.name}", data)
        if not entry.name.startswith(rule.id):
            raise CatalogError(f"rules/{entry.name}: file name does not start with its id {rule.id}")
        rules[rule.id] = rule
    return dict(sorted(rules.items()))


def markdown_table() -> str:
    """The rule table of the README (a test keeps the README in step with it)."""
    lines = ["| id | name | severity | CWE | fix | what it finds |", "|---|---|---|---|---|---|"]
    for rule in load_catalog().values():
        cwe = ", ".join(f"CWE-{c}" for c in rule.cwe)
        fix = rule.fix_safety_level if rule.fix_safety_level != "none" else "—"
        lines.append(f"| {rule.id} | {rule.name} | {rule.severity.label} | {cwe} | {fix} | {rule.summary} |")
    return "\n".join(lines) + "\n"


def validate_selectors(selectors: Iterable[str]) -> list[str]:
    """Selectors that name no rule at all (so a typo is an error, not a silent no-op)."""
    selectors = list(selectors)
    if not selectors:
        return []  # nothing to check: a run without --select/--ignore never parses the catalog for it
    ids = load_catalog().keys()
    return [s for s in selectors if s != "ALL" and not any(i.startswith(s) for i in ids)]
