"""Extensionless binary files (programs in bin/, zipapps, zip fixtures) are skipped quietly.

They are named like scripts (a shebang, or a bare name like `Procfile`), so flasklint reads
them; binary content there is normal, so only --verbose says they were skipped. A source file
with an extension and NUL bytes is still a "cannot decode" warning.
"""

from __future__ import annotations

import json

import pytest

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 32 + b"app.run(host='0.0.0.0')"
ZIPAPP = b"#!/usr/bin/env python3\nPK\x03\x04\x14\x00\x00\x00" + b"app.run(host='0.0.0.0')\x00\x00"
SELF_EXTRACTING = b"#!/bin/sh\nexec tail -n +3 \"$0\" | tar x\n\x1f\x8b\x08\x00\x00flask run --host 0.0.0.0\x00"


def _tree(tmp_path):
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "server").write_bytes(ELF)
    (tmp_path / "bin" / "tool").write_bytes(ZIPAPP)
    (tmp_path / "bin" / "install").write_bytes(SELF_EXTRACTING)
    (tmp_path / "tests" / "fixtures").mkdir(parents=True)
    (tmp_path / "tests" / "fixtures" / "Procfile").write_bytes(b"PK\x03\x04web: flask run\x00\x00")
    return tmp_path


@pytest.mark.parametrize("extra", [(), ("--no-prefilter",)])
def test_extensionless_binary_files_are_skipped_without_a_message(run_cli, tmp_path, extra):
    root = _tree(tmp_path)
    code, out, err = run_cli("check", str(root), "--no-cache", *extra)
    assert code == 0 and "cannot decode" not in err and "binary" not in err
    code, out, _ = run_cli("check", str(root), "--no-cache", "--format", "json", *extra)
    assert json.loads(out)["errors"] == []


def test_verbose_says_which_binary_files_were_skipped(run_cli, tmp_path):
    root = _tree(tmp_path)
    code, out, err = run_cli("check", str(root), "--no-cache", "--no-prefilter", "--verbose")
    assert code == 0
    assert f"{root}/bin/tool: binary file (contains NUL bytes); skipped" in err
    assert f"{root}/tests/fixtures/Procfile: binary file (contains NUL bytes); skipped" in err


def test_a_source_file_with_nul_bytes_is_still_reported(run_cli, tmp_path):
    (tmp_path / "app.py").write_bytes(b"from flask import Flask\napp = Flask(__name__)\napp.run()\x00\n")
    code, out, err = run_cli("check", str(tmp_path), "--no-cache")
    assert "app.py: cannot decode: binary file (contains NUL bytes); not analysed" in err
