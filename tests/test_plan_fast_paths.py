"""The planning fast paths (precompiled dev patterns, no Path per walked file) change no result.

Each is compared with the code it replaced, kept here as the reference.
"""

from __future__ import annotations

import fnmatch
import itertools
import os
from pathlib import Path, PurePosixPath

import pytest

from flasklint.knowledge.context import DEFAULT_DEV_PATTERNS, DEV_DIRECTORIES, dev_reason
from flasklint.scan.discovery import discover

ROOT = Path(__file__).resolve().parent.parent


def _reference_dev_reason(path, extra_patterns=()):
    pure = PurePosixPath(path)
    name = pure.name
    for pattern, reason in DEFAULT_DEV_PATTERNS:
        if fnmatch.fnmatchcase(name, pattern):
            return reason
    parents = list(pure.parts[:-1])
    for part in parents:
        if part in DEV_DIRECTORIES:
            return DEV_DIRECTORIES[part]
    if "scripts" in parents and name.startswith("dev"):
        return "scripts/dev* is a development script"
    for pattern in extra_patterns:
        if fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(name, pattern) or any(
            fnmatch.fnmatchcase("/".join(pure.parts[i:]), pattern) for i in range(1, len(pure.parts))
        ):
            return f"it matches the dev-paths pattern {pattern!r}"
    return None


NAMES = ["app.py", "Dockerfile.dev", "docker-compose.override.yml", "x.dev.py", "a-dev.sh", "dev.py", "devtools.py",
         "Procfile.dev", ".flaskenv", ".env.local", "x_dev.txt", "foo.dev", "compose.override.yaml", "README", "", ".",
         "..", "dev"]
FOLDERS = ["", "tests/", "scripts/", "src/", "./", "/abs/", "a//b/", "a/./b/", "../", "scripts/sub/", "x/testing/", "/", "//x/"]
PATTERNS = [(), ("local/*",), ("*_local.py", "sandbox"), ("src/*.py",), ("**/x",)]


def test_dev_reason_equals_the_fnmatch_loop():
    for folder, name, patterns in itertools.product(FOLDERS, NAMES, PATTERNS):
        for path in (folder + name, folder + name + "/"):
            assert dev_reason(path, patterns) == _reference_dev_reason(path, patterns), (path, patterns)


@pytest.mark.parametrize("named", [".", "./", "corpus", "corpus/", "./corpus", "{root}/corpus", "{root}/corpus/",
                                   "../{base}/corpus", "{root}/./corpus"])
def test_walked_files_know_their_path_below_the_root(named, monkeypatch):
    monkeypatch.chdir(ROOT)
    named = named.format(root=ROOT, base=ROOT.name)
    files = list(discover([named]))
    assert files
    for file in files:
        try:
            expected = Path(file.path).relative_to(file.root).as_posix()
        except ValueError:
            expected = file.display
        assert (file.relative or file.display) == expected
        assert os.path.exists(file.path) and str(file.path) == str(Path(file.path))  # spelled as a Path would


KIND_NAMES = ["app.py", "x.pyw", "a.sh", "b.bash", "Makefile", "makefile", "GNUmakefile", "x.mk", "Procfile", "Procfile.dev",
              "Dockerfile", "Dockerfile.prod", "a.Dockerfile", "a.dockerfile", "Containerfile", "Containerfile.x",
              "docker-compose.yml", "docker-compose.override.yaml", "compose.yml", "compose-dev.yaml", "app.yaml", "app.yml",
              "fly.toml", "render.yaml", "render.yml", "supervisord.conf", "x.supervisor.conf", "a.service", ".env",
              ".flaskenv", ".env.local", "prod.env", "package.json", "tox.ini", "requirements.txt", "requirements-dev.txt",
              "pyproject.toml", "x.yml", "x.yaml", "README", "x.txt", "x.c", "", ".", "..", "X.PY", "a.py.bak",
              "compose", "Dockerfile\n", "a\nb.py"]


def test_kind_by_name_equals_the_fnmatch_loop():
    from flasklint.knowledge import kinds

    def loop(name):
        return next((kind for pattern, kind in kinds._BY_NAME if fnmatch.fnmatchcase(name, pattern)), None)

    for name in KIND_NAMES:
        match = kinds._BY_NAME_RE.fullmatch(name)
        assert (kinds._BY_NAME[int(match.lastgroup[1:])][1] if match else None) == loop(name), name
    for path in ["a/b", "a/b/", "a/.", ".", "", "/", "x.conf", "a/b.c", "a//b", "./x"]:
        name = PurePosixPath(path).name
        assert kinds.needs_head(path) == ("." not in name or name.endswith(".conf")), path
