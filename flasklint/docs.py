"""docs/rules.md, generated from the catalog: the page every rule's `helpUri` points into.

Each rule gets an explicit anchor `<id>-<name>` (e.g. `fl101-debugger-exposed`),
the same string `Rule.help_uri` ends with, so SARIF links stay stable. A test
fails when the committed file drifts from the catalog; regenerate it with
`flasklint rules --format docs > docs/rules.md`.
"""

from __future__ import annotations

from flasklint.findings.catalog import Rule, load_catalog, markdown_table


def anchor(rule: Rule) -> str:
    return rule.help_uri.rsplit("#", 1)[1]


def _demoted(markdown: str) -> str:
    """Move every heading one level down (outside code fences), so rules nest under the page title."""
    lines = []
    fenced = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            line = "#" + line
        lines.append(line)
    return "\n".join(lines)


def rules_markdown() -> str:
    parts = [
        "# flasklint rules",
        "",
        "<!-- Generated from rules/*.toml by `flasklint rules --format docs`; do not edit by hand. -->",
        "",
        markdown_table().rstrip("\n"),
    ]
    for rule in load_catalog().values():
        parts += ["", f'<a id="{anchor(rule)}"></a>', "", _demoted(rule.explain()).rstrip("\n")]
    return "\n".join(parts) + "\n"
