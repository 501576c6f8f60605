"""Shared fixtures: the repository layout and a helper that runs the real CLI."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
# Import the flasklint of this checkout (also from a git worktree), and the test helpers.
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

collect_ignore = ["data"]
"""Scanned projects, never collected: tests/data/executes_on_import/conftest.py must never run."""


@pytest.fixture
def run_cli():
    """Run `flasklint ARGS` in-process; returns (exit code, stdout, stderr)."""
    from flasklint.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        runner = CliRunner()
        result = runner.invoke(main, list(args), catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run


@pytest.fixture
def scan_json(run_cli):
    """Run `flasklint check --format json PATHS` and return the parsed document."""

    def run(*paths: str, extra: tuple[str, ...] = ()) -> dict[str, Any]:
        code, out, _ = run_cli("check", "--format", "json", *extra, *paths)
        assert code in (0, 1), out
        return json.loads(out)

    return run


@pytest.fixture(autouse=True)
def _cache_outside_the_checkout(tmp_path_factory, monkeypatch):
    """CLI runs cache by default; keep their cache out of the checkout (tests that need one set their own)."""
    monkeypatch.setenv("FLASKLINT_CACHE_DIR", str(tmp_path_factory.mktemp("flasklint-cache")))
    # the key that seals the cache (flasklint/scan/trust.py) lives in the user's cache folder: never the real one
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
