"""Zero noise on code that starts no dev server: the stdlib and the installed site-packages.

Bandit's B104 and Ruff's S104 report every "0.0.0.0" string there; flasklint must
report only real dev-server starts, each listed below with the reason it is real.
"""

from __future__ import annotations

import importlib.util
import sysconfig
from pathlib import Path

from flasklint.scan.options import ScanOptions
from flasklint.scan.engine import scan

# (path relative to site-packages, rule) -> why the finding is real
KNOWN_REAL = {
    ("moto/moto_server/werkzeug_app.py", "FL102"): "moto's mock AWS server sets `backend_app.debug = True` on a real Flask app",
}

REQUIRED_PACKAGES = ("flask", "werkzeug", "click", "libcst", "pip")


def _relative(path: str, roots: list[Path]) -> str:
    for root in roots:
        try:
            return Path(path).relative_to(root).as_posix()
        except ValueError:
            continue
    return path


def test_stdlib_has_no_findings():
    result = scan([sysconfig.get_paths()["stdlib"]], ScanOptions())
    assert [f"{f.path}:{f.span.start.line} {f.rule}" for f in result.findings] == []


def test_site_packages_have_only_known_real_starts():
    for package in REQUIRED_PACKAGES:
        assert importlib.util.find_spec(package) is not None, f"{package} must be installed for this test"
    roots = sorted({Path(sysconfig.get_paths()[key]) for key in ("purelib", "platlib")})
    result = scan([str(r) for r in roots], ScanOptions())
    unexplained = [
        f"{f.path}:{f.span.start.line} {f.rule} {f.message}"
        for f in result.findings
        if (_relative(f.path, roots), f.rule) not in KNOWN_REAL
    ]
    assert unexplained == []
