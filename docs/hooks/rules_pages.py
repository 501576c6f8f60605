"""MkDocs hook: one page per rule, generated from the catalog at build time.

Each page is exactly what `flasklint explain FLxxx` prints, so the site cannot
drift from `rules/*.toml`. The hook asks flasklint's own command line (not a
catalog module, whose place in the package may change) for the list of rules
and their text. `docs/rules.md` stays a committed file, because every SARIF
`helpUri` points into it; the build fails when it is stale, and the site's copy
links each rule id to its page.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[2]
RULES_INDEX = "rules.md"
_ROW = re.compile(r"^\| (FL\d+) \| ([a-z0-9-]+) \|", re.M)
_generated: list[Path] = []


def flasklint(*args: str) -> str:
    """What `flasklint ARGS` prints, run in-process from this checkout."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from click.testing import CliRunner

    from flasklint.cli import main

    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    if result.exit_code != 0:
        raise PluginError(f"`flasklint {' '.join(args)}` exited {result.exit_code}: {result.output}")
    return result.stdout


def rules() -> list[tuple[str, str]]:
    """(id, name) of every rule, in catalog order, read from `flasklint rules --format markdown`."""
    found = _ROW.findall(flasklint("rules", "--format", "markdown"))
    if not found:
        raise PluginError("`flasklint rules --format markdown` listed no rules")
    return found


def page_path(rule_id: str) -> str:
    return f"rules/{rule_id.lower()}.md"


def on_config(config: Any) -> Any:
    """Expand the nav's `Rules: rules.md` into the index and one entry per rule."""
    entries = [{"All rules": RULES_INDEX}] + [{f"{rid} {name}": page_path(rid)} for rid, name in rules()]
    nav = config.get("nav") or []
    for index, item in enumerate(nav):
        if isinstance(item, dict) and list(item.values()) == [RULES_INDEX]:
            nav[index] = {next(iter(item)): entries}
            break
    else:
        raise PluginError(f"mkdocs.yml nav has no `<title>: {RULES_INDEX}` entry for the rule pages")
    return config


def on_files(files: Files, config: Any) -> Files:
    """Write each rule's page into a temporary folder and add it to the site's files."""
    folder = Path(tempfile.mkdtemp(prefix="flasklint-rule-pages-"))
    _generated.append(folder)
    for rule_id, _name in rules():
        path = folder / page_path(rule_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(flasklint("explain", rule_id), encoding="utf-8")
        files.append(File(page_path(rule_id), str(folder), config["site_dir"], config["use_directory_urls"]))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """Refuse a stale `docs/rules.md`; in the site, link each id of its table to the rule's page."""
    if page.file.src_uri != RULES_INDEX:
        return markdown
    if markdown.rstrip("\n") != flasklint("rules", "--format", "docs").rstrip("\n"):
        raise PluginError("docs/rules.md is stale: run `flasklint rules --format docs > docs/rules.md`")
    return _ROW.sub(lambda m: f"| [{m[1]}]({page_path(m[1])}) | {m[2]} |", markdown)


def on_post_build(config: Any) -> None:
    while _generated:
        shutil.rmtree(_generated.pop(), ignore_errors=True)
