"""The pre-commit hooks, run by the real `pre-commit try-repo` against a throwaway git repository.

try-repo clones the hook repository at a commit, so the test first copies this
checkout's working tree (tracked and untracked files, uncommitted edits
included) into a temporary git repository and commits it. pre-commit then
builds the hook's Python environment with pip from that copy (network access
to PyPI, or a warm pip cache, is needed), exactly as users get it.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Optional

import pytest
import yaml
from identify.identify import tags_from_path

ROOT = Path(__file__).resolve().parent.parent
HOOKS = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
BAD_APP = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n'
GOOD_APP = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run()\n'
GIT_ENV = {
    "GIT_AUTHOR_NAME": "flasklint tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "flasklint tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(*args: str, cwd: Path) -> str:
    env = dict(os.environ, **GIT_ENV, HOME=str(cwd))
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def _working_tree_files() -> list[str]:
    if (ROOT / ".git").exists():
        listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
        return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]
    skip = {".git", "__pycache__", ".pytest_cache", "build", "dist"}
    return [
        p.relative_to(ROOT).as_posix()
        for p in ROOT.rglob("*")
        if p.is_file() and not skip & set(p.relative_to(ROOT).parts) and not p.name.endswith(".egg-info")
    ]


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory) -> Path:
    """A committed copy of this checkout's working tree, for try-repo."""
    copy = tmp_path_factory.mktemp("hook-repo")
    for name in _working_tree_files():
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    git("init", "-q", "-b", "main", cwd=copy)  # the branch the README's snippets name
    git("add", "-A", cwd=copy)
    git("commit", "-q", "-m", "snapshot of the working tree", cwd=copy)
    return copy


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    """One PRE_COMMIT_HOME for the module, outside the throwaway repositories."""
    return tmp_path_factory.mktemp("pre-commit-home")


def project(path: Path, files: dict[str, str]) -> Path:
    path.mkdir()
    for name, text in files.items():
        (path / name).write_text(text)
    git("init", "-q", cwd=path)
    git("add", "-A", cwd=path)
    return path


@functools.lru_cache(maxsize=1)
def _pip_cache() -> str:
    """The user's pip cache: HOME is the throwaway repository below, which must not make pip start cold."""
    if os.environ.get("PIP_CACHE_DIR"):
        return os.environ["PIP_CACHE_DIR"]
    found = subprocess.run([sys.executable, "-m", "pip", "cache", "dir"], capture_output=True, text=True)
    return found.stdout.strip() or str(Path.home() / ".cache" / "pip")


def try_repo(hook_repo: Path, project_dir: Path, hook: Optional[str], home: Path) -> subprocess.CompletedProcess:
    """`pre-commit try-repo <checkout> [HOOK] --all-files` in `project_dir` (no HOOK: every hook of the repo).

    try-repo always builds the hook environment in a fresh store of its own
    (PRE_COMMIT_HOME only holds pre-commit's logs here), so each call costs a
    pip install from the cache; the tests keep the number of calls small.
    """
    env = dict(os.environ, **GIT_ENV, PRE_COMMIT_HOME=str(home), HOME=str(project_dir), PRE_COMMIT_COLOR="never",
               PIP_CACHE_DIR=_pip_cache())
    env.pop("VIRTUAL_ENV", None)
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), *([hook] if hook else []),
               "--all-files", "--verbose"]
    completed = subprocess.run(command, cwd=project_dir, env=env, capture_output=True, text=True, timeout=600)
    print(f"\n$ pre-commit try-repo <checkout> {hook or ''} --all-files   (in {project_dir.name}/)")
    print(completed.stdout)
    print(f"exit code {completed.returncode}")
    return completed


def test_pre_commit_hook_fails_on_a_bad_app_and_a_bad_procfile(hook_repo, pre_commit_home, tmp_path):
    bad = project(tmp_path / "bad", {"app.py": BAD_APP, "Procfile": "web: flask run --host 0.0.0.0\n",
                                     "README.md": "# demo\n",
                                     "Dockerfile_alpine": "FROM python:3.12-alpine\nCMD flask run\n",
                                     "nixpacks.toml": '[start]\ncmd = "flask run"\n'})
    completed = try_repo(hook_repo, bad, "flasklint", pre_commit_home)
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert "Failed" in completed.stdout
    # the Procfile serves the app with `flask run`, so app.py's __main__ block is development: an exposed
    # debugger there is still reported, at high
    assert re.search(r"app\.py:4:5: FL101 \[high\]", completed.stdout)
    assert re.search(r"Procfile:1:6: FL301 \[high\] production entrypoint runs the Flask development server",
                     completed.stdout)
    assert re.search(r"Dockerfile_alpine:2:5: FL301 \[high\]", completed.stdout)  # families of issue 13 reach the hook
    assert re.search(r"nixpacks.toml:2:8: FL301 \[high\]", completed.stdout)


def test_fix_hook_rewrites_the_app_then_every_hook_passes(hook_repo, pre_commit_home, tmp_path):
    """`flasklint-fix` applies the safe fix, so pre-commit fails that run (files modified); then both hooks pass."""
    repo = project(tmp_path / "fixme", {"app.py": BAD_APP, "Procfile": "web: gunicorn app:app\n"})
    completed = try_repo(hook_repo, repo, "flasklint-fix", pre_commit_home)
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert "Failed" in completed.stdout and "files were modified by this hook" in completed.stdout
    assert "Fixed 1 finding (0 remaining)." in completed.stdout
    assert (repo / "app.py").read_text() == BAD_APP.replace('host="0.0.0.0", debug=True', 'host="127.0.0.1"')
    assert (repo / "Procfile").read_text() == "web: gunicorn app:app\n"
    assert git("diff", "--name-only", cwd=repo).split() == ["app.py"]
    git("add", "app.py", cwd=repo)
    completed = try_repo(hook_repo, repo, None, pre_commit_home)  # flasklint and flasklint-fix
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert re.search(r"^flasklint\.+Passed$", completed.stdout, re.M)
    assert re.search(r"^flasklint \(fix\)\.+Passed$", completed.stdout, re.M)
    assert completed.stdout.count("No findings in 2 files analysed.") == 2


def _hook_selects(hook: dict, path: str) -> bool:
    """pre-commit's own filter: the `files` regex on the path, and every `types` tag from identify."""
    return bool(re.search(hook["files"], path)) and set(hook.get("types", [])) <= tags_from_path(path)


def test_hook_covers_python_and_the_deployment_families(tmp_path, monkeypatch):
    wanted = [
        "app.py", "Procfile", "Procfile.web", "Dockerfile", "api.Dockerfile", "Containerfile",
        "docker-compose.yml", "compose.yaml", "k8s/deployment.yaml", "app.yaml", "render.yaml",
        ".env", ".flaskenv", ".env.production", "prod.env", "scripts/run.sh", "Makefile",
        "package.json", "tox.ini", "fly.toml", "deploy/app.service", "supervisord.conf", "bin/serve",
        # the families read since issue 13
        "dockerfile", "Dockerfile_alpine", "Dockerfile.prod", "prod.Dockerfile", "docker/web", "Containerfile.web",
        "web.docker", "deploy/stack.yml", "chart/templates/deployment.yaml", "chart/values-dev.yaml",
        ".gitlab-ci.yml", ".circleci/config.yml", "azure-pipelines.yml", "Taskfile.yml", "railway.json",
        "railway.toml", "nixpacks.toml", "app.json", ".ebextensions/01-flask.config",
        ".devcontainer/devcontainer.json", "uwsgi.ini", "deploy/app.ini", "gunicorn.conf.py", "justfile",
        "Justfile", "tasks.py", "noxfile.py", "pyproject.toml", "Pipfile", "Pipfile.lock", "poetry.lock", "uv.lock",
        "setup.cfg", "setup.py", "requirements.txt", "requirements/prod.txt",
    ]
    unwanted = ["README.md", "logo.png", "docs/index.rst", "package-lock.json"]
    for name in wanted + unwanted:
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"\x89PNG\r\n\x1a\n\x00" if name.endswith(".png") else b"x = 1\n")
    monkeypatch.chdir(tmp_path)
    for hook in HOOKS.values():
        assert hook["language"] == "python" and hook["types"] != ["python"]
        assert [n for n in wanted if not _hook_selects(hook, n)] == []
        assert [n for n in unwanted if _hook_selects(hook, n)] == []


def test_fix_hook_is_declared_like_the_check_hook():
    fix = HOOKS["flasklint-fix"]
    assert fix["entry"].split()[:2] == ["flasklint", "check"] and "--fix" in fix["entry"].split()
    assert fix["files"] == HOOKS["flasklint"]["files"] and fix["types"] == HOOKS["flasklint"]["types"]


# ------------------------------------------------------------------ the install snippets, as users copy them

REPOSITORY = "https://github.com/flasklint/flasklint"
CONFIG_SNIPPET = "# .pre-commit-config.yaml"
CODE_BLOCK = re.compile(r"^```[a-z]*\n(.*?)^```", re.M | re.S)


def _documents() -> list[Path]:
    """Where install instructions are written: the README and the documentation pages."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def _snippets() -> list[tuple[str, str]]:
    return [(doc.relative_to(ROOT).as_posix(), block) for doc in _documents() if doc.is_file()
            for block in CODE_BLOCK.findall(doc.read_text(encoding="utf-8"))]


def _pre_commit_config() -> str:
    found = [block for _, block in _snippets() if block.startswith(CONFIG_SNIPPET)]
    assert len(found) == 1, "one .pre-commit-config.yaml snippet in the README or docs/"
    return found[0]


def test_every_install_instruction_names_what_this_repository_has():
    """No release is tagged and nothing is on an index: a ref is `main` or a full commit SHA (pinned by the
    user), pip installs a clone (`.`) or this repository over git, pre-commit's rev comes from autoupdate."""
    refs = re.compile(r"(?:uses: flasklint/flasklint|git\+https://github\.com/flasklint/flasklint)@([^\s\"']+)")
    checked = 0
    for where, block in _snippets():
        for ref in refs.findall(block):
            assert ref == "main" or re.fullmatch(r"[0-9a-f]{40}", ref), (where, ref)
            checked += 1
        for line in block.splitlines():
            for command in re.findall(r"pip install ([^&|;\n]+)", line):
                if re.search(r"(^|\s)[\"']?flasklint\b", command):  # flasklint itself, not a project's requirements
                    assert command.startswith(f'"flasklint @ git+{REPOSITORY}@'), (where, line)
                    checked += 1
    config = yaml.safe_load(_pre_commit_config())
    assert config["repos"][0]["repo"] == REPOSITORY and config["repos"][0]["rev"] == "PIN-A-COMMIT"
    assert checked >= 6


def test_pip_installs_this_repository_over_git_as_the_readme_says(hook_repo, tmp_path):
    """`pip install "flasklint @ git+URL@main"`, with URL this checkout's committed copy (no deps: they are here)."""
    lines = [line for _, block in _snippets() for line in block.splitlines() if f"git+{REPOSITORY}@main" in line]
    assert lines
    # the file URL with a host: pip's requirement parser refuses `git+file:///...`
    requirement = re.search(r'"(flasklint @ git\+\S+)"', lines[0]).group(1).replace(REPOSITORY, f"file://localhost{hook_repo}")
    target = tmp_path / "site"
    env = dict(os.environ, **GIT_ENV, PIP_CACHE_DIR=_pip_cache())
    env.pop("PYTHONPATH", None)
    installed = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                                "--no-deps", "--target", str(target), requirement],
                               capture_output=True, text=True, env=env, timeout=600)
    assert installed.returncode == 0, installed.stderr[-3000:]
    env["PYTHONPATH"] = str(target)
    ran = subprocess.run([sys.executable, "-c", "import flasklint; print(flasklint.__file__)"],
                         capture_output=True, text=True, env=env, cwd=tmp_path)
    assert ran.stdout.startswith(str(target)), ran.stdout + ran.stderr  # the installed copy, not the checkout
    rules = subprocess.run([sys.executable, "-m", "flasklint", "rules"], capture_output=True, text=True, env=env,
                           cwd=tmp_path)
    assert rules.returncode == 0 and "FL301" in rules.stdout, rules.stderr


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    """The real `pre-commit ARGS` in `cwd`, printed for the test log."""
    env = dict(os.environ, **GIT_ENV, PRE_COMMIT_HOME=str(home), HOME=str(cwd), PRE_COMMIT_COLOR="never",
               PIP_CACHE_DIR=_pip_cache())
    for name in ("VIRTUAL_ENV", "PYTHONPATH"):  # the hook runs the flasklint pre-commit installed
        env.pop(name, None)
    completed = subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True,
                               text=True, timeout=600)
    print(f"\n$ pre-commit {' '.join(args)}   (in {cwd.name}/)\n{completed.stdout}{completed.stderr}"
          f"exit code {completed.returncode}")
    return completed


LAUNCHERS = {
    "Procfile": ("web: ./start.sh\n", "Procfile:1:6: FL301"),
    "Dockerfile": ('FROM python:3.12-slim\nWORKDIR /app\nCOPY . /app\nENTRYPOINT ["./start.sh"]\n', "Dockerfile:4:13: FL301"),
}


@pytest.mark.parametrize("launcher", sorted(LAUNCHERS))
def test_readme_hook_fails_a_staged_script_change_on_the_unchanged_launcher(launcher, hook_repo, pre_commit_home,
                                                                           tmp_path):
    """Issue 20: a staged start.sh that switches to `flask run` fails the hook on the launcher that runs it,
    although pre-commit names only start.sh; the README's config, its rev filled in by `pre-commit autoupdate`."""
    text, finding = LAUNCHERS[launcher]
    repo = project(tmp_path / "proj", {"app.py": "from flask import Flask\napp = Flask(__name__)\n",
                                       "requirements.txt": "flask\ngunicorn\n", launcher: text,
                                       "start.sh": "#!/bin/sh\nexec gunicorn --bind 0.0.0.0:8000 app:app\n",
                                       ".pre-commit-config.yaml": _pre_commit_config().replace(REPOSITORY,
                                                                                               hook_repo.as_uri())})
    updated = pre_commit("autoupdate", cwd=repo, home=pre_commit_home)
    assert updated.returncode == 0
    head = git("rev-parse", "HEAD", cwd=hook_repo).strip()
    assert yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())["repos"][0]["rev"] == head
    git("add", "-A", cwd=repo)
    clean = pre_commit("run", "--all-files", "--verbose", cwd=repo, home=pre_commit_home)
    assert clean.returncode == 0 and "No findings" in clean.stdout
    git("commit", "-q", "-m", "serve with gunicorn", cwd=repo)
    assert pre_commit("install", cwd=repo, home=pre_commit_home).returncode == 0

    (repo / "start.sh").write_text("#!/bin/sh\nexec flask run --host=0.0.0.0\n")
    git("add", "start.sh", cwd=repo)
    caught = pre_commit("run", "--verbose", cwd=repo, home=pre_commit_home)  # the staged files: start.sh alone
    assert caught.returncode == 1 and re.search(r"^flasklint\.+Failed$", caught.stdout, re.M)
    assert finding in caught.stdout and "Found 1 finding in 1 file analysed." in caught.stdout
    env = dict(os.environ, **GIT_ENV, PRE_COMMIT_HOME=str(pre_commit_home), HOME=str(repo), PRE_COMMIT_COLOR="never")
    env.pop("PYTHONPATH", None)
    committed = subprocess.run(["git", "commit", "-m", "serve with flask run"], cwd=repo, env=env,
                               capture_output=True, text=True)
    assert committed.returncode != 0 and finding in committed.stdout + committed.stderr  # the git hook refuses it
    assert git("log", "--format=%s", cwd=repo).split("\n")[0] == "serve with gunicorn"

    # a suppression on the script's line that starts the server covers the launcher's finding (and counts as used)
    (repo / "start.sh").write_text("#!/bin/sh\nexec flask run --host=0.0.0.0  # flasklint: ignore[FL301]\n")
    git("add", "start.sh", cwd=repo)
    allowed = pre_commit("run", "--verbose", cwd=repo, home=pre_commit_home)
    assert allowed.returncode == 0 and "No findings in 1 file analysed." in allowed.stdout
