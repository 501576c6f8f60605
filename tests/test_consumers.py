"""A missing consumer fails its tests with the command that installs it; it never skips them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import consumers


def test_a_missing_tool_fails_naming_the_install_script(tmp_path):
    with pytest.raises(pytest.fail.Exception, match=r"run `tests/install_consumers\.sh`"):
        consumers.require(tmp_path / "no-such-tool")
    with pytest.raises(pytest.fail.Exception, match="install_consumers"):
        consumers.require("no-such-command-flasklint-test")


def test_an_installed_tool_is_found():
    assert consumers.require("bash").endswith("bash")


def test_the_install_script_is_valid_bash_and_installs_locally():
    script = Path(consumers.ROOT / consumers.INSTALL)
    assert subprocess.run(["bash", "-n", str(script)]).returncode == 0
    text = script.read_text(encoding="utf-8")
    assert "--prefix \"$PREFIX\"" in text and "PREFIX=.consumers" in text and "apt-get install -y" in text
    assert ".consumers/" in (consumers.ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
