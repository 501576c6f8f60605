"""Where the real consumers of our reports live, installed by tests/install_consumers.sh.

Tests that feed our output to them never skip when one is missing: a skipped
consumer test would let broken SARIF or graphs pass CI silently. They fail with
the command that installs it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Sequence

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALL = "tests/install_consumers.sh"
PREFIX = ROOT / ".consumers" / "node_modules"

SARIF_MULTITOOL = PREFIX / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool"
"""The native binary: the package's bin.js passes arguments through a shell unquoted (`Gh;Sarif` breaks)."""
MMDC = PREFIX / ".bin" / "mmdc"
AZURE_TASKCOMMAND = PREFIX / "azure-pipelines-task-lib" / "taskcommand.js"
"""The Azure Pipelines task library's parser of `##vso[...]` logging commands (`commandFromString`)."""
PUPPETEER_CONFIG = Path(__file__).resolve().parent / "data" / "puppeteer-config.json"


def require(tool: Path | str) -> str:
    """The path of an installed consumer, or a test failure that says how to install it."""
    found = str(tool) if isinstance(tool, Path) and tool.is_file() else shutil.which(str(tool)) if isinstance(tool, str) else None
    if not found:
        pytest.fail(f"{tool} is not installed: run `{INSTALL}` (it installs every consumer these tests use)", pytrace=False)
    return found


def run(argv: Sequence[str], **kwargs) -> subprocess.CompletedProcess[str]:
    """Run a consumer, capturing its output as text (no timeout: CI, not the test, bounds the time)."""
    return subprocess.run(list(argv), capture_output=True, text=True, **kwargs)
