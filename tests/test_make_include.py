"""`include FILE` in a Makefile: the included file's variables and exports reach the recipes (make's order)."""

from __future__ import annotations

from flasklint.knowledge import kinds
from projects import scan_project, summary

RECIPE = "serve:\n\t$(FLASK) run -h $(HOST)\n"  # the recipe is on the makefile's last line


def test_included_variables_and_exports_make_the_recipe_an_exposed_debugger(tmp_path):
    config = "export HOST = 0.0.0.0\nexport FLASK_DEBUG = 1\nFLASK = .venv/bin/flask\n"
    result = scan_project(tmp_path, {"Makefile": "include Makefile.config\n\n" + RECIPE, "Makefile.config": config})
    assert summary(result) == [("FL101", "Makefile", 4, "high", "development")]
    (finding,) = result.findings
    assert [(r.path, r.span.start.line) for r in finding.related] == [("Makefile.config", 2)]
    assert "Makefile.config" in finding.message


def test_a_definition_after_the_include_wins_and_one_before_it_loses(tmp_path):
    config = "HOST = 0.0.0.0\nFLASK = flask\n"
    after = scan_project(tmp_path / "after", {"Makefile": "include site.mk\nHOST = 127.0.0.1\n" + RECIPE,
                                              "site.mk": config}, include_dev=True)
    before = scan_project(tmp_path / "before", {"Makefile": "HOST = 127.0.0.1\ninclude site.mk\n" + RECIPE,
                                                "site.mk": config}, include_dev=True)
    assert summary(after) == []
    assert summary(before) == [("FL201", "Makefile", 4, "low", "development")]


def test_optional_include_of_a_missing_file_and_of_an_env_file(tmp_path):
    files = {"Makefile": "-include .env\nsinclude missing.mk\nexport\n" + RECIPE,
             ".env": "HOST=0.0.0.0\nFLASK=flask\nFLASK_DEBUG=1\n"}
    result = scan_project(tmp_path, files)
    assert summary(result) == [("FL101", "Makefile", 5, "high", "development")]


def test_nested_and_cyclic_includes_end(tmp_path):
    files = {"Makefile": "include a.mk\n" + RECIPE, "a.mk": "include b.mk\nHOST = 0.0.0.0\n",
             "b.mk": "include a.mk\nFLASK = flask\n"}
    assert summary(scan_project(tmp_path, files, include_dev=True)) == [("FL201", "Makefile", 3, "low", "development")]


def test_without_the_included_file_in_the_scan_nothing_is_guessed(tmp_path):
    assert summary(scan_project(tmp_path, {"Makefile": "include Makefile.config\n" + RECIPE}, include_dev=True)) == []


def test_included_makefiles_are_classified_by_name():
    assert kinds.classify("Makefile.config") == kinds.MAKEFILE
    assert kinds.classify("sub/makefile.local") == kinds.MAKEFILE
    assert kinds.classify("Makefile") == kinds.MAKEFILE
