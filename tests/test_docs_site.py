"""The documentation: a short README, and an MkDocs site under docs/ that builds with --strict.

The site's rule pages and its architecture picture are generated at build time
(docs/hooks/), so these tests build the real site and look at what came out.
mkdocs comes with the `docs` extra and Graphviz with tests/install_consumers.sh
(tests/run_all.sh installs both); a missing one fails these tests, never skips
them, so a broken link cannot pass unseen.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from consumers import require

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "docs" / "hooks"
README = ROOT / "README.md"


def _hook(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"docs_hook_{name}", HOOKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def _mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec("mkdocs") is None:
        pytest.fail("mkdocs is not installed: run `tests/run_all.sh` (it installs the `docs` extra)", pytrace=False)
    require("dot")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                          capture_output=True, text=True, env=env, cwd=project)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    done = _mkdocs_build(ROOT, out)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def _catalog(run_cli) -> list[tuple[str, str]]:
    """(id, name) of every rule, as `flasklint rules` lists them (whatever module holds the catalog)."""
    code, out, _ = run_cli("rules")
    assert code == 0
    found = re.findall(r"^(FL\d+) +([a-z0-9-]+) ", out, re.M)
    assert len(found) >= 10, out
    return found


def test_site_has_a_page_per_rule_linked_from_the_rules_index(site, run_cli):
    index = (site / "rules" / "index.html").read_text(encoding="utf-8")
    for rule_id, name in _catalog(run_cli):
        page = site / "rules" / rule_id.lower() / "index.html"
        assert page.is_file(), f"no page for {rule_id}"
        html = page.read_text(encoding="utf-8")
        assert f'<h1 id="{rule_id.lower()}-{name}">{rule_id} {name}' in html
        for section in ("What it does", "Why is this bad?", "Fix safety"):
            assert f">{section}<" in html, (rule_id, section)
        assert f'href="{rule_id.lower()}/"' in index, f"rules index does not link {rule_id}"
        # the anchors every SARIF helpUri ends with (tests/test_sarif.py) stay on the index page
        assert f'<a id="{rule_id.lower()}-{name}"></a>' in index


def test_site_has_the_architecture_picture_of_every_package(site):
    svg = (site / "architecture.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    packages = sorted(p.name for p in (ROOT / "flasklint").iterdir() if (p / "__init__.py").is_file())
    assert packages, "flasklint has no sub-packages?"
    for package in packages:
        assert f"<title>{package}/</title>" in svg, f"{package}/ missing from the picture"
    page = (site / "architecture" / "index.html").read_text(encoding="utf-8")
    assert 'src="../architecture.svg"' in page
    assert "<!-- architecture:" not in page
    for module in (ROOT / "flasklint").rglob("*.py"):
        assert f"<code>{module.relative_to(ROOT).as_posix()}</code>" in page, f"{module} missing from the module table"


def test_rule_pages_are_exactly_what_explain_prints(run_cli, tmp_path):
    from mkdocs.structure.files import Files

    hook = _hook("rules_pages")
    files = hook.on_files(Files([]), {"site_dir": str(tmp_path / "site"), "use_directory_urls": True})
    try:
        pages = {Path(f.src_uri).stem: Path(f.abs_src_path).read_text(encoding="utf-8") for f in files}
        catalog = [rule_id for rule_id, _ in _catalog(run_cli)]
        assert sorted(pages) == sorted(rule_id.lower() for rule_id in catalog)
        for rule_id in catalog:
            code, out, _ = run_cli("explain", rule_id)
            assert code == 0 and pages[rule_id.lower()] == out
    finally:
        hook.on_post_build({})


def _copy_project(tmp_path: Path) -> Path:
    """A throwaway copy of the docs beside links to the real code, to break on purpose."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    for name in ("flasklint", "rules", "pyproject.toml"):
        (project / name).symlink_to(ROOT / name)
    return project


def test_a_stale_rules_index_fails_the_build(tmp_path):
    project = _copy_project(tmp_path)
    rules = project / "docs" / "rules.md"
    rules.write_text(rules.read_text(encoding="utf-8") + "\nedited by hand\n", encoding="utf-8")
    done = _mkdocs_build(project, tmp_path / "site")
    assert done.returncode != 0 and "docs/rules.md is stale" in done.stdout + done.stderr


def test_a_broken_link_fails_the_build(tmp_path):
    project = _copy_project(tmp_path)
    page = project / "docs" / "fixes.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [nowhere](no-such-page.md).\n", encoding="utf-8")
    done = _mkdocs_build(project, tmp_path / "site")
    assert done.returncode != 0 and "no-such-page.md" in done.stdout + done.stderr


# The architecture script, on a small package of known shape --------------------------------------

def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "flasklint" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "flasklint"


PACKAGE = {
    "__init__.py": '"""The package."""\n',
    "cli.py": '"""The command line."""\nfrom flasklint.scan import engine\n',
    "scan/__init__.py": "",
    "scan/engine.py": '"""Runs a scan.\n\nMore text."""\nfrom ..findings import model\nfrom . import plan\n',
    "scan/plan.py": "from flasklint.findings.model import Finding\n",
    "findings/__init__.py": "",
    "findings/model.py": '"""Shared | types."""\nclass Finding: ...\n',
}


def test_architecture_groups_modules_into_rooms_with_their_imports(tmp_path):
    arch = _hook("architecture")
    rooms = arch.build_rooms(_write(tmp_path, PACKAGE))
    assert sorted(rooms.members) == ["__init__.py", "cli.py", "findings/", "scan/"]
    assert rooms.edges == {("cli.py", "scan/"): [False], ("scan/", "findings/"): [False, False]}
    assert rooms.cycles() == []
    assert arch.cycles_text(rooms).startswith("No rooms import each other")
    table = arch.rooms_table(rooms)
    assert "| `scan/` | `flasklint/scan/engine.py` | Runs a scan. |" in table
    assert "| `findings/` | `flasklint/findings/model.py` | Shared \\| types. |" in table
    dot = arch.to_dot(rooms)
    assert '"scan/" [shape=box, label="scan/\\n2 modules"];' in dot and "#d1242f" not in dot


def test_architecture_marks_an_upward_import_as_a_cycle_and_a_deferred_one_dashed(tmp_path):
    arch = _hook("architecture")
    upward = dict(PACKAGE)
    upward["findings/model.py"] += "def show():\n    from flasklint import cli\n"
    rooms = arch.build_rooms(_write(tmp_path, upward))
    assert rooms.edges[("findings/", "cli.py")] == [True]
    assert rooms.cycles() == [["cli.py", "findings/", "scan/"]]
    dot = arch.to_dot(rooms)
    assert re.search(r'"findings/" -> "cli.py" \[[^]]*style=dashed[^]]*#d1242f', dot)
    assert "`cli.py`, `findings/`, `scan/`" in arch.cycles_text(rooms)


# The README -----------------------------------------------------------------------------------------

def test_readme_is_short_and_starts_with_the_two_commands():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 300
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    assert blocks[:2] == ["pip install . && flasklint check corpus/\n", "bash tests/run_all.sh\n"]
    assert "-e '.[test,docs]'" in (ROOT / "tests" / "run_all.sh").read_text(encoding="utf-8")


def test_readme_links_to_docs_pages_and_headings_that_exist(site):
    text = README.read_text(encoding="utf-8")
    links = re.findall(r"\]\((docs/[^)#]+\.md)(?:#([^)]*))?\)", text)
    assert links, "the README links to no docs page"
    for page, anchor in links:
        assert (ROOT / page).is_file(), page
        name = Path(page).relative_to("docs").with_suffix("").as_posix()
        built = site / ("index.html" if name == "index" else f"{name}/index.html")
        if anchor:
            assert f'id="{anchor}"' in built.read_text(encoding="utf-8"), f"{page}#{anchor}"


def test_readme_names_no_release_that_does_not_exist():
    text = README.read_text(encoding="utf-8") + "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    assert "v0.1.0" not in text
    assert not re.search(r"pip install flasklint\b(?! @)", text)
