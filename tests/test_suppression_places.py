"""Inline suppressions of findings that span files: on the finding's line, the line that starts the server,
or any hop of its launch path (DESIGN.md, "Named files and context"), and `--strict-noqa` counts them used.

Each case is checked in a cold run, the per-file cache and the whole-scan memo, and through the CLI.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flasklint.scan.engine import ScanOptions, scan
from projects import age, every_way, write

APP = "from flask import Flask\napp = Flask(__name__)\n"
MAIN_EXPOSED = APP + 'if __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n'
PROCFILE = "web: ./start.sh\n"
DOCKERFILE = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . /app\n{above}ENTRYPOINT ["./start.sh"]\n'
SERVE = "exec flask run --host=0.0.0.0"
SUPPRESSION = re.compile(r"[ \t]*#\s*(?:flasklint:\s*ignore(?:\[[^\]]*\])?|noqa(?::\s*[A-Z0-9, ]+)?)")


def _tree(root: Path, files: dict[str, str]) -> Path:
    root.mkdir()
    (root / ".git").mkdir()
    write(root, {"app.py": APP, "requirements.txt": "flask\ngunicorn\n", **files})
    age(root)
    return root


def _script(line: str) -> str:
    return f"#!/bin/sh\nset -e\n{line}\n"


# (name, files, the finding it is about (rule, path, line), the suppression's place "path:line")
CASES = {
    "own line (Procfile)": (
        {"Procfile": "web: ./start.sh  # flasklint: ignore[FL301]\n", "start.sh": _script(SERVE)},
        ("FL301", "Procfile", 1), "Procfile:1"),
    "own line (alone above a Dockerfile ENTRYPOINT)": (
        {"Dockerfile": DOCKERFILE.format(above="# flasklint: ignore[FL301]\n"), "start.sh": _script(SERVE)},
        ("FL301", "Dockerfile", 5), "Dockerfile:4"),
    "start line (noqa on the script's flask run)": (
        {"Procfile": PROCFILE, "start.sh": _script(SERVE + "  # noqa: FL301")},
        ("FL301", "Procfile", 1), "start.sh:3"),
    "start line (alone above the script's flask run)": (
        {"Dockerfile": DOCKERFILE.format(above=""), "start.sh": _script("# flasklint: ignore[FL301]\n" + SERVE)},
        ("FL301", "Dockerfile", 4), "start.sh:3"),
    "start line (bare flasklint: ignore)": (
        {"Procfile": PROCFILE, "start.sh": _script(SERVE + "  # flasklint: ignore")},
        ("FL301", "Procfile", 1), "start.sh:3"),
    "hop (a script between launcher and start)": (
        {"Procfile": PROCFILE, "start.sh": _script("exec bin/serve.sh  # flasklint: ignore[FL301]"),
         "bin/serve.sh": _script(SERVE)},
        ("FL301", "Procfile", 1), "start.sh:3"),
    "hop (alone above a Dockerfile CMD that runs a Python __main__)": (
        {"Dockerfile": 'FROM python:3.12-slim\nCOPY . .\n# noqa: FL101\nCMD ["python", "app.py"]\n',
         "app.py": MAIN_EXPOSED},
        ("FL101", "app.py", 4), "Dockerfile:3"),
}
NOT_COVERED = {
    "another rule on the start line": (
        {"Procfile": PROCFILE, "start.sh": _script(SERVE + "  # flasklint: ignore[FL101]")},
        ("FL301", "Procfile", 1), "start.sh:3", "unused suppression of FL101"),
    "two lines above the ENTRYPOINT": (
        {"Dockerfile": DOCKERFILE.format(above="# flasklint: ignore[FL301]\n\n"), "start.sh": _script(SERVE)},
        ("FL301", "Dockerfile", 6), "Dockerfile:4", "unused suppression of FL301"),
    "a line of the script that is no hop": (
        {"Procfile": PROCFILE, "start.sh": _script("echo starting  # noqa: FL301\n" + SERVE)},
        ("FL301", "Procfile", 1), "start.sh:3", "unused suppression of FL301"),
    "a bare noqa away from the finding's own line (another linter's)": (
        {"Procfile": PROCFILE, "start.sh": _script(SERVE + "  # noqa")},
        ("FL301", "Procfile", 1), "start.sh:3", None),
}


def _keys(findings: list[dict]) -> list[tuple[str, str, int]]:
    return [(f["rule"], f["path"], f["start"]["line"]) for f in findings]


def _without_suppressions(files: dict[str, str]) -> dict[str, str]:
    """The same files with every suppression comment taken out (a line that was only one goes)."""
    bare = {}
    for name, text in files.items():
        lines = [(SUPPRESSION.sub("", line), line) for line in text.splitlines()]
        bare[name] = "".join(f"{new}\n" for new, old in lines if new.strip() or not old.strip())
    return bare


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_suppression_at_a_place_of_the_finding_silences_it(case, tmp_path, monkeypatch, run_cli):
    files, finding, place = CASES[case]
    bare = _tree(tmp_path / "bare", _without_suppressions(files))
    monkeypatch.chdir(bare)
    found = _keys([f.to_json() for f in scan(["."], ScanOptions(jobs=1)).findings])
    assert finding[:2] in [k[:2] for k in found], found  # without the comment, the finding is there

    root = _tree(tmp_path / "proj", files)
    monkeypatch.chdir(root)
    whole = scan(["."], ScanOptions(jobs=1))
    assert finding[:2] not in [(f.rule, f.path) for f in whole.findings + whole.hidden]
    used = [s for r in whole.results.values() for s in r.suppressions if f"{s.path}:{s.line}" == place]
    assert used and finding[0] in used[0].used, used
    named = sorted({finding[1], place.split(":")[0]})
    for paths in (["."], *[[name] for name in named]):
        for way, (shown, hidden, _) in every_way(paths, tmp_path / "cache" / "-".join(paths)).items():
            assert finding[:2] not in [k[:2] for k in _keys(shown + hidden)], (paths, way)
    for paths in (["."], *[[name] for name in named]):
        for _ in range(2):  # cold, then warm (the per-file cache: --strict-noqa never reads the memo)
            code, out, err = run_cli("check", "--strict-noqa", *paths)
            assert "unused suppression" not in err and finding[0] not in out, (paths, out, err)
        code, out, _ = run_cli("check", *paths)
        assert finding[0] not in out, (paths, out)


@pytest.mark.parametrize("case", sorted(NOT_COVERED))
def test_a_suppression_elsewhere_leaves_the_finding(case, tmp_path, monkeypatch, run_cli):
    files, finding, place, problem = NOT_COVERED[case]
    root = _tree(tmp_path / "proj", files)
    monkeypatch.chdir(root)
    for way, (shown, _, _) in every_way(["."], tmp_path / "cache").items():
        assert finding in _keys(shown), (way, shown)
    code, out, err = run_cli("check", "--strict-noqa", ".")
    assert code == 1 and f"{finding[1]}:{finding[2]}:" in out
    if problem is None:
        assert "unused" not in err  # a bare noqa may be another linter's: never reported
    else:
        assert f"flasklint: {place}:" in err and problem in err, err


def test_strict_noqa_judges_only_the_files_named(tmp_path, monkeypatch, run_cli):
    """pre-commit names start.sh: the Procfile's unused suppression is not this run's to report."""
    root = _tree(tmp_path / "proj", {"Procfile": "web: gunicorn app:app  # flasklint: ignore[FL301]\n",
                                     "start.sh": _script("echo hello")})
    monkeypatch.chdir(root)
    code, _, err = run_cli("check", "--strict-noqa", "start.sh")
    assert code == 0 and err == ""
    code, _, err = run_cli("check", "--strict-noqa", "Procfile")
    assert code == 1 and "Procfile:1:" in err and "unused suppression of FL301" in err


def test_sharded_scans_suppress_as_one_scan_does(tmp_path, monkeypatch):
    """The suppression sits in one shard's file, the finding in another's: together they report what one scan does."""
    files = {"Procfile": PROCFILE, "start.sh": _script("exec bin/serve.sh  # flasklint: ignore[FL301]"),
             "bin/serve.sh": _script(SERVE), "Procfile.web": "web: ./bin/serve.sh\n"}
    root = _tree(tmp_path / "proj", files)
    monkeypatch.chdir(root)
    whole = sorted(f.to_json()["path"] for f in scan(["."], ScanOptions(jobs=1)).findings)
    assert whole == ["Procfile.web"]  # the Procfile's FL301 passes the suppressed hop, Procfile.web's does not
    for count in (2, 3, 5):
        sharded = sorted(f.path for i in range(1, count + 1)
                         for f in scan(["."], ScanOptions(jobs=1, shard=(i, count))).findings)
        assert sharded == whole, count


def test_fix_leaves_a_finding_suppressed_at_a_hop_as_it_is(tmp_path, monkeypatch, run_cli):
    """--fix re-analyses app.py after fixing its FL102: the FL101 the Dockerfile CMD's comment covers stays."""
    app = APP + 'app.debug = True\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n'
    root = _tree(tmp_path / "proj", {"app.py": app,
                                     "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\n# noqa: FL101, FL301\n'
                                                   'CMD ["python", "app.py"]\n'})
    monkeypatch.chdir(root)
    code, out, err = run_cli("check", "--fix", "--unsafe-fixes", "--strict-noqa", ".")
    assert code == 0 and "Fixed 1 finding (0 remaining)." in err and "unused" not in err
    assert (root / "app.py").read_text() == app.replace("app.debug = True\n", "")
    code, out, _ = run_cli("check", "--fix", "--unsafe-fixes", ".")
    assert code == 0 and (root / "app.py").read_text() == app.replace("app.debug = True\n", "")
    (root / "Dockerfile").write_text('FROM python:3.12-slim\nCOPY . .\nCMD ["python", "app.py"]\n')
    code, out, _ = run_cli("check", "--diff", ".")  # without the comment, the same fix run would change the start
    assert code == 1 and '-    app.run(host="0.0.0.0", debug=True)' in out


def test_strict_noqa_in_shards_sees_uses_by_findings_of_other_shards(tmp_path, monkeypatch, run_cli):
    """The Dockerfile's comment covers app.py's FL101: whichever shard owns the Dockerfile counts it as used."""
    root = _tree(tmp_path / "proj", {"app.py": MAIN_EXPOSED,
                                     "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\n# noqa: FL101, FL301\n'
                                                   'CMD ["python", "app.py"]\n'})
    monkeypatch.chdir(root)
    for count in (1, 2, 3):
        for index in range(1, count + 1):
            code, out, err = run_cli("check", "--strict-noqa", "--shard", f"{index}/{count}", ".")
            assert code == 0 and "unused" not in err and "FL101" not in out, (index, count, out, err)
