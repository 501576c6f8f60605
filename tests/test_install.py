"""The wheel carries every package and the catalog: a non-editable install into a fresh venv works."""

from __future__ import annotations

import os
import subprocess
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
"""The installed copy, never a checkout that PYTHONPATH puts first (as when a worktree runs its own tests)."""


def test_non_editable_install_runs_rules_and_check(tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(ROOT)],
        capture_output=True, text=True, timeout=600, env=ENV,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    flasklint = env_dir / "bin" / "flasklint"
    rules = subprocess.run([str(flasklint), "rules"], capture_output=True, text=True, cwd=tmp_path, timeout=60, env=ENV)
    assert rules.returncode == 0, rules.stderr
    assert "FL101" in rules.stdout and "FL302" in rules.stdout
    where = subprocess.run(
        [str(python), "-c", "import flasklint, pathlib; print(pathlib.Path(flasklint.__file__).parent)"],
        capture_output=True, text=True, cwd=tmp_path, timeout=60, env=ENV,
    )
    assert str(env_dir) in where.stdout, "the test must exercise the installed copy, not the checkout"
    installed = Path(where.stdout.strip())
    packages = {p.parent.relative_to(ROOT / "flasklint") for p in (ROOT / "flasklint").rglob("__init__.py")}
    missing = sorted(str(package) for package in packages if not (installed / package / "__init__.py").is_file())
    assert len(packages) > 10 and missing == [], f"packages missing from the wheel: {missing}"
    shipped = sorted(p.name for p in (installed / "rules").glob("*.toml"))
    assert shipped == sorted(p.name for p in (ROOT / "rules").glob("*.toml")), "the rule catalog must ship whole"
    app = tmp_path / "app.py"
    app.write_text('from flask import Flask\napp = Flask(__name__)\napp.run(host="0.0.0.0")\n')
    check = subprocess.run([str(flasklint), "check", "app.py"], capture_output=True, text=True, cwd=tmp_path, timeout=60, env=ENV)
    assert check.returncode == 1 and "FL103" in check.stdout
