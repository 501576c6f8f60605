"""Hostile configuration (issue 22, section 3): a scanned repository's pyproject.toml, or a baseline, nested
thousands of levels deep. Each gave a RecursionError traceback and exit 1; now exit 2 with one line naming
the file. Deep nesting outside flasklint's own settings is cut (sources/nesting.py) and the scan goes on.

Each case runs `python -m flasklint` in a bounded child (hostile.run_flasklint), as CI would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hostile import REAL_FINDINGS, run_flasklint, with_real_findings, write_tree

CHECK = ["check", "--no-cache", "--format", "json", "."]
"""Without --isolated: the configuration the scanned tree supplies is read."""

HOSTILE_CONFIGS = {
    "select-array-3000": b"[tool.flasklint]\nselect = " + b"[" * 3_000 + b"]" * 3_000 + b"\n",
    "select-inline-table-3000": b"[tool.flasklint]\nselect = " + b"{a = " * 3_000 + b"1" + b"}" * 3_000 + b"\n",
    "severity-inline-table-3000": b"[tool.flasklint.severity]\nFL101 = " + b"{a = " * 3_000 + b"1" + b"}" * 3_000 + b"\n",
}


def _one_line(stderr: bytes) -> str:
    lines = stderr.decode().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr.decode(), stderr.decode()[-2000:]
    return lines[0]


@pytest.mark.parametrize("name", sorted(HOSTILE_CONFIGS))
@pytest.mark.parametrize("config_name", ["pyproject.toml", "flasklint.toml"])
def test_a_configuration_nested_3000_deep_exits_2_naming_the_file(name: str, config_name: str, tmp_path: Path) -> None:
    text = HOSTILE_CONFIGS[name]
    if config_name == "flasklint.toml":
        text = text.replace(b"[tool.flasklint.severity]", b"[severity]").replace(b"[tool.flasklint]\n", b"")
    root = write_tree(tmp_path / "case", with_real_findings({config_name: text}))
    child = run_flasklint(CHECK, root)
    assert child.returncode == 2, child.stderr.decode()[-2000:]
    line = _one_line(child.stderr)
    key = "severity" if name.startswith("severity") else "select"
    assert line == (f"flasklint: {root / config_name}: `{key}` nests arrays or tables more than 2 levels deep; "
                    "no setting does"), line


def test_a_configuration_named_with_config_is_refused_the_same_way(tmp_path: Path) -> None:
    config = tmp_path / "hostile.toml"
    config.write_bytes(HOSTILE_CONFIGS["select-array-3000"].replace(b"[tool.flasklint]\n", b""))
    root = write_tree(tmp_path / "case", with_real_findings({}))
    child = run_flasklint(["check", "--no-cache", "--config", str(config), "."], root)
    assert child.returncode == 2 and _one_line(child.stderr).startswith(f"flasklint: {config}: `select` nests")


def test_a_sound_configuration_beside_deep_dependencies_still_applies(tmp_path: Path) -> None:
    """Negative case: the deep part is cut, the rest of pyproject.toml (here: `ignore`) is still the configuration."""
    pyproject = (b"[project]\nname = 'x'\ndependencies = " + b"[" * 5_000 + b"]" * 5_000
                 + b"\n\n[tool.flasklint]\nignore = ['FL301']\n")
    root = write_tree(tmp_path / "case", with_real_findings({"pyproject.toml": pyproject}))
    child = run_flasklint(CHECK, root)
    assert child.returncode == 1, child.stderr.decode()[-2000:]
    document = json.loads(child.stdout)
    assert {(f["path"], f["rule"]) for f in document["findings"]} == REAL_FINDINGS - {("Procfile", "FL301")}
    assert [(e["path"], e["message"]) for e in document["errors"]] == [
        ("pyproject.toml", "line 3: nested deeper than 100 levels; cut there, the rest of the file was analysed")]


def test_a_baseline_of_100000_nested_brackets_exits_2_naming_the_file(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "case", with_real_findings({}))
    (tmp_path / "baseline.json").write_bytes(b"[" * 100_000)
    child = run_flasklint(["check", "--isolated", "--no-cache", "--baseline", str(tmp_path / "baseline.json"), "."],
                          root)
    assert child.returncode == 2
    assert _one_line(child.stderr) == f"flasklint: {tmp_path / 'baseline.json'}: nested too deeply to be a flasklint baseline"


def test_a_sound_baseline_still_hides_what_it_records(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "case", with_real_findings({}))
    baseline = tmp_path / "baseline.json"
    written = run_flasklint(["check", "--isolated", "--no-cache", "--write-baseline", str(baseline), "."], root)
    assert written.returncode == 0, written.stderr.decode()
    child = run_flasklint(["check", "--isolated", "--no-cache", "--baseline", str(baseline), "."], root)
    assert child.returncode == 0 and child.stdout.decode().count("FL") == 0, child.stdout.decode()


def test_sarif_inputs_nested_100000_deep_are_refused_by_merge(tmp_path: Path) -> None:
    deep = tmp_path / "deep.sarif"
    deep.write_bytes(b"[" * 100_000)
    child = run_flasklint(["merge-sarif", str(tmp_path / "out.sarif"), str(deep)], tmp_path)
    assert child.returncode != 0 and b"Traceback" not in child.stderr, child.stderr.decode()[-2000:]
    assert f"{deep}: not a SARIF file (nested too deeply to read)".encode() in child.stderr
