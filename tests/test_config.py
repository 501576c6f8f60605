"""Configuration: found by walking up, `--config`, `--isolated`, every key, and clear errors."""

from __future__ import annotations

import pytest

from flasklint.config import ConfigError, find, load

MIXED = 'from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\n'  # FL102 high + FL104 medium


def project(tmp_path, config_text: str, *, name: str = "pyproject.toml", files: dict[str, str] | None = None):
    (tmp_path / name).write_text(config_text)
    for relative, text in (files or {"src/app.py": MIXED}).items():
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return tmp_path


def rules(scan_json, *paths: str, extra: tuple[str, ...] = ()) -> list[str]:
    return sorted(f["rule"] for f in scan_json(*paths, extra=extra)["findings"])


def test_pyproject_section_is_found_by_walking_up_from_the_scanned_path(scan_json, tmp_path):
    project(tmp_path, '[tool.flasklint]\nignore = ["FL104"]\n')
    assert rules(scan_json, str(tmp_path / "src")) == ["FL102"]
    assert rules(scan_json, str(tmp_path / "src" / "app.py")) == ["FL102"]


def test_pyproject_without_a_section_is_passed_over(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.flasklint]\nselect = ["FL1"]\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find(str(tmp_path / "sub")) == tmp_path / "pyproject.toml"


def test_flasklint_toml_uses_top_level_keys_and_wins_over_pyproject(scan_json, tmp_path):
    project(tmp_path, 'select = ["FL104"]\n', name="flasklint.toml")
    (tmp_path / "pyproject.toml").write_text('[tool.flasklint]\nselect = ["FL102"]\n')
    assert rules(scan_json, str(tmp_path / "src")) == ["FL104"]


def test_cli_flags_override_the_configuration(scan_json, tmp_path):
    project(tmp_path, '[tool.flasklint]\nselect = ["FL104"]\n')
    assert rules(scan_json, str(tmp_path), extra=("--select", "FL102")) == ["FL102"]


def test_explicit_config_and_isolated(scan_json, tmp_path):
    project(tmp_path, '[tool.flasklint]\nignore = ["FL104"]\n')
    other = tmp_path / "other.toml"
    other.write_text('ignore = ["FL102"]\n')
    assert rules(scan_json, str(tmp_path), extra=("--config", str(other))) == ["FL104"]
    assert rules(scan_json, str(tmp_path), extra=("--isolated",)) == ["FL102", "FL104"]


def test_extend_select_and_ignore_prefixes(scan_json, tmp_path):
    project(tmp_path, '[tool.flasklint]\nselect = ["FL103"]\nextend-select = ["FL104"]\n')
    assert rules(scan_json, str(tmp_path)) == ["FL104"]
    project(tmp_path, '[tool.flasklint]\nignore = ["FL10"]\n')
    assert rules(scan_json, str(tmp_path)) == []


def test_exclude_and_extend_exclude(scan_json, tmp_path):
    files = {"src/app.py": MIXED, "scripts/dev.py": MIXED, "legacy/old.py": MIXED}
    project(tmp_path, '[tool.flasklint]\nexclude = ["scripts"]\nextend-exclude = ["legacy/*"]\n', files=files)
    paths = {f["path"].rsplit("/", 2)[-2] for f in scan_json(str(tmp_path))["findings"]}
    assert paths == {"src"}
    # --exclude replaces `exclude`; extend-exclude still applies (scripts/dev.py is development: --include-dev)
    paths = {f["path"].rsplit("/", 2)[-2]
             for f in scan_json(str(tmp_path), extra=("--exclude", "src", "--include-dev"))["findings"]}
    assert paths == {"scripts"}


def test_per_file_ignores(scan_json, tmp_path):
    files = {"src/app.py": MIXED, "scripts/dev.py": MIXED}
    project(tmp_path, '[tool.flasklint.per-file-ignores]\n"scripts/*" = ["FL102", "FL104"]\n"app.py" = ["FL104"]\n', files=files)
    found = sorted((f["path"].rsplit("/", 2)[-2], f["rule"]) for f in scan_json(str(tmp_path))["findings"])
    assert found == [("src", "FL102")]


def test_severity_override_and_fail_on(run_cli, scan_json, tmp_path):
    project(tmp_path, '[tool.flasklint]\nseverity = { FL104 = "low" }\nfail-on = "critical"\n')
    severities = {f["rule"]: f["severity"] for f in scan_json(str(tmp_path))["findings"]}
    assert severities == {"FL102": "high", "FL104": "low"}
    code, out, _ = run_cli("check", str(tmp_path))
    assert code == 0 and "FL102" in out  # reported, but below the fail-on threshold
    assert run_cli("check", "--fail-on", "high", str(tmp_path))[0] == 1


def test_dev_paths_reach_the_analyzers(tmp_path, monkeypatch):
    from flasklint import analyzers
    from flasklint.scan import engine
    from flasklint.config import scan_options

    project(tmp_path, '[tool.flasklint]\ndev-paths = ["scripts/*", "*.dev.py"]\n')
    seen = []
    original = analyzers.analyze

    def spy(kind, source, context):
        seen.append(context.options.get("dev_paths"))
        return original(kind, source, context)

    monkeypatch.setattr(analyzers, "analyze", spy)
    options = scan_options(load(tmp_path / "pyproject.toml"), select=[], ignore=[], exclude=[], prefilter=True)
    engine.scan([str(tmp_path)], options)
    assert seen and set(seen) == {("scripts/*", "*.dev.py")}  # app.py, and pyproject.toml (requirements facts)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ('[tool.flasklint]\nselct = ["FL1"]\n', "unknown key `selct`"),
        ('[tool.flasklint]\nselect = "FL101"\n', "`select` must be a list of strings"),
        ('[tool.flasklint]\nignore = ["FL999"]\n', "`ignore`: unknown rule id or prefix: FL999"),
        ('[tool.flasklint]\nfail-on = "severe"\n', "`fail-on`: unknown severity 'severe'"),
        ('[tool.flasklint]\nseverity = { FL999 = "low" }\n', "`severity.FL999`: unknown rule id"),
        ('[tool.flasklint]\nseverity = { FL101 = 3 }\n', "`severity.FL101` must be a severity string"),
        ('[tool.flasklint]\nper-file-ignores = ["x"]\n', "`per-file-ignores` must be a table"),
        ('[tool.flasklint]\ndev-paths = [1]\n', "`dev-paths` must be a list of strings"),
        ("[tool.flasklint\n", "invalid TOML"),
    ],
)
def test_invalid_configuration_is_an_error_naming_the_key_and_file(run_cli, tmp_path, text, fragment):
    project(tmp_path, text)
    code, _, err = run_cli("check", str(tmp_path))
    assert code == 2
    assert str(tmp_path / "pyproject.toml") in err and fragment in err


def test_configuration_is_read_as_data_only(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.flasklint]\nselect = ["FL1"]\n[tool.other]\ncmd = "rm -rf /"\n')
    assert load(tmp_path / "pyproject.toml").select == ["FL1"]
    with pytest.raises(ConfigError):
        load(tmp_path / "missing.toml")


def test_force_exclude_applies_excludes_to_named_files(scan_json, tmp_path, monkeypatch):
    project(tmp_path, '[tool.flasklint]\nexclude = ["legacy"]\n', files={"legacy/old.py": MIXED})
    monkeypatch.chdir(tmp_path)
    named = "legacy/old.py"
    assert rules(scan_json, named) == ["FL102", "FL104"]
    assert rules(scan_json, named, extra=("--force-exclude",)) == []
