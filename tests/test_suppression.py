"""Inline suppressions: `# flasklint: ignore[...]` and `# noqa: ...`, in Python and `#`-comment formats."""

from __future__ import annotations

import pytest

from flasklint.knowledge import kinds
from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.model import FileResult
from flasklint.sources.source import decode

HEAD = "from flask import Flask\napp = Flask(__name__)\n"


def rules_found(scan_json, tmp_path, body: str) -> list[str]:
    (tmp_path / "app.py").write_text(HEAD + body)
    return [f["rule"] for f in scan_json(str(tmp_path))["findings"]]


@pytest.mark.parametrize(
    "comment",
    [
        "# flasklint: ignore[FL102]",
        "# flasklint: ignore[FL103, FL102]",
        "# flasklint: ignore",
        "# noqa: FL102",
        "# noqa:FL102,E501",
        "# noqa",
        "# NOQA: fl102",
        "# type: ignore  # noqa: FL102",
    ],
)
def test_python_suppression_on_the_finding_line(scan_json, tmp_path, comment):
    assert "FL102" in rules_found(scan_json, tmp_path, "app.run(debug=True)\n")
    assert "FL102" not in rules_found(scan_json, tmp_path, f"app.run(debug=True)  {comment}\n")


@pytest.mark.parametrize(
    "body",
    [
        "app.run(debug=True)  # flasklint: ignore[FL103]\n",  # another rule
        "app.run(debug=True)  # noqa: E501\n",  # another linter's code
        "# flasklint: ignore\napp.run(debug=True)\n",  # Python: the line above does not count
        "app.run(debug=True); note = '# flasklint: ignore'\n",  # inside a string, not a comment
    ],
)
def test_python_suppression_that_does_not_apply(scan_json, tmp_path, body):
    assert "FL102" in rules_found(scan_json, tmp_path, body)


def test_suppression_inside_a_multiline_string_is_not_a_comment(scan_json, tmp_path):
    body = 'doc = """\napp.run(debug=True)  # noqa\n"""\napp.run(debug=True)\n'
    assert rules_found(scan_json, tmp_path, body).count("FL102") == 1


def _other_family(kind: str, name: str, text: str, line: int, column: int, end: int) -> FileResult:
    """Run the shared Reporter as a non-Python analyzer would, with one finding at (line, column..end)."""
    source = decode(text.encode(), python=False)
    reporter = Reporter(AnalysisContext(name, kind), source)
    start = source.line_starts[line - 1] + column - 1
    reporter.add("FL201", reporter.offset_span(start, start + (end - column)), "flask run binds all interfaces")
    return reporter.result()


@pytest.mark.parametrize(
    "kind, name, text, line, suppressed",
    [
        (kinds.PROCFILE, "Procfile", "web: flask run --host 0.0.0.0  # flasklint: ignore[FL201]\n", 1, True),
        (kinds.PROCFILE, "Procfile", "web: flask run --host 0.0.0.0  # noqa: FL201\n", 1, True),
        (kinds.SHELL, "run.sh", "#!/bin/sh\nflask run --host 0.0.0.0 # noqa\n", 2, True),
        (kinds.SHELL, "run.sh", "#!/bin/sh\necho '# noqa'; flask run --host 0.0.0.0\n", 2, False),
        (kinds.SHELL, "run.sh", "#!/bin/sh\nflask run --host 0.0.0.0#noqa\n", 2, False),
        (kinds.DOCKERFILE, "Dockerfile", "FROM python\n# flasklint: ignore[FL201]\nCMD flask run --host 0.0.0.0\n", 3, True),
        (kinds.DOCKERFILE, "Dockerfile", "# flasklint: ignore[FL201]\n\nCMD flask run --host 0.0.0.0\n", 3, False),
        (kinds.ENVFILE, ".flaskenv", "# flasklint: ignore\nFLASK_RUN_HOST=0.0.0.0\n", 2, True),
        (kinds.YAML, "compose.yaml", "command: flask run --host 0.0.0.0  # flasklint: ignore[FL201]\n", 1, True),
        (kinds.YAML, "compose.yaml", "command: 'flask run --host 0.0.0.0  # flasklint: ignore[FL201]'\n", 1, False),
        (kinds.MAKEFILE, "Makefile", "run:\n\tflask run --host 0.0.0.0  # noqa: FL202\n", 2, False),
    ],
)
def test_suppression_in_other_families(kind, name, text, line, suppressed):
    result = _other_family(kind, name, text, line, 1, 5)
    assert (not result.findings) is suppressed


def test_suppressions_are_recorded_and_survive_a_cache_round_trip():
    text = "web: flask run --host 0.0.0.0  # flasklint: ignore[FL201, FL999]\n"
    result = _other_family(kinds.PROCFILE, "Procfile", text, 1, 1, 5)
    (suppression,) = result.suppressions
    assert suppression.used == ("FL201",) and suppression.unknown == ("FL999",)
    assert FileResult.from_json(result.to_json()).suppressions == result.suppressions


def test_strict_noqa_reports_unused_and_unknown(run_cli, tmp_path):
    (tmp_path / "app.py").write_text(
        HEAD
        + "if __name__ == '__main__':\n"
        + "    app.run(debug=True)  # flasklint: ignore[FL102]\n"  # used: fine
        + "x = 1  # flasklint: ignore[FL103]\n"  # unused
        + "y = 2  # noqa: FL999\n"  # unknown rule
        + "z = 3  # noqa\n"  # bare noqa: maybe another linter's, never reported
    )
    code, out, err = run_cli("check", str(tmp_path))
    assert code == 0 and err == ""
    code, out, err = run_cli("check", "--strict-noqa", str(tmp_path))
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].endswith("app.py:5:8: unused suppression of FL103 (no such finding on this line): `# flasklint: ignore[FL103]`")
    assert "app.py:6:8: unknown rule FL999" in lines[1]


def test_strict_noqa_sees_files_the_prefilter_would_skip(run_cli, tmp_path):
    (tmp_path / "util.py").write_text("import os\nx = os.sep  # flasklint: ignore\n")
    code, _, err = run_cli("check", "--strict-noqa", str(tmp_path))
    assert code == 1 and "util.py:2:13: unused suppression (no finding on this line)" in err
