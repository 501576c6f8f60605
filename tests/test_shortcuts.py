"""Every speed shortcut (prefilter, cache, process pool) gives exactly the output of the slow path."""

from __future__ import annotations

import io
import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from corpus_expectations import CORPUS
from flasklint.scan import workers
from flasklint.analyzers.python import may_matter
from flasklint.scan.cache import CACHE_DIR_NAME, ResultCache, project_root
from flasklint.scan.trust import CacheFolder
from flasklint.scan.options import ScanOptions
from flasklint.scan.engine import scan
from flasklint.scan.progress import ProgressBar, for_stream

APP = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="0.0.0.0"{extra})\n'


def _output(result) -> list[dict]:
    """Everything a reporter sees, in order."""
    return [f.to_json() for f in result.findings] + [d.to_json() for d in result.diagnostics]


@pytest.fixture
def force_pool(monkeypatch):
    """Make the pool start even for the small corpus, so --jobs really forks."""
    monkeypatch.setattr(workers, "POOL_MIN_BYTES", 0)
    monkeypatch.setattr(workers, "POOL_MIN_FILES", 1)


def test_every_shortcut_gives_identical_output(tmp_path, force_pool):
    slow = _output(scan([str(CORPUS)], ScanOptions(prefilter=False, jobs=1)))
    assert slow
    for prefilter in (True, False):
        for jobs in (1, 2, 3):
            options = ScanOptions(prefilter=prefilter, jobs=jobs, cache=True, cache_dir=str(tmp_path / f"c{prefilter}{jobs}"))
            assert _output(scan([str(CORPUS)], options)) == slow, (prefilter, jobs, "cold cache")
            assert _output(scan([str(CORPUS)], options)) == slow, (prefilter, jobs, "warm cache")


def test_results_are_identically_ordered_whatever_jobs(force_pool):
    one = scan([str(CORPUS)], ScanOptions(jobs=1))
    two = scan([str(CORPUS)], ScanOptions(jobs=2))
    assert list(one.results) == list(two.results)
    assert [r.to_json() for r in one.results.values()] == [r.to_json() for r in two.results.values()]


def test_pool_starts_only_for_large_work():
    assert not workers.worth_a_pool(jobs=2, files=10, total_bytes=100_000)
    assert not workers.worth_a_pool(jobs=1, files=10_000, total_bytes=10**9)
    assert workers.worth_a_pool(jobs=2, files=5_000, total_bytes=25 * 2**20)


@pytest.mark.parametrize(
    "text",
    [
        "from flask import Flask\napp = Flask(__name__)\napp.debug = True\n",
        "from myapp import app\napp.run(host='0.0.0.0', debug=True)\n",
        "from flask import Flask\napp = Flask(__name__)\n(app.  # start it\n    run)(debug=True)\n",
        "from flask import Flask\napp = Flask(__name__)\napp.\\\nrun(debug=True)\n",
        "import os\nos.environ['WERKZEUG_DEBUG_PIN'] = 'off'\n",
        "from werkzeug.serving import run_simple as serve\nserve('0.0.0.0', 5000, app)\n",
        "class Config:\n    DEBUG = True\napp.config.from_object(Config)\n",
    ],
)
def test_prefilter_keeps_files_that_can_matter(text):
    assert may_matter(text.encode())


@pytest.mark.parametrize(
    "text",
    [
        "from flask import Blueprint\nbp = Blueprint('x', __name__)\nlogger.debug('hello')\n",
        "import subprocess\nsubprocess.run(['ls'])\n",
        "runner = 1\nprint(runner)\n",
    ],
)
def test_prefilter_drops_files_that_cannot(text):
    assert not may_matter(text.encode())


# ---------------------------------------------------------------- cache


def _cached_scan(root: Path, cache_dir: Path, **changes) -> object:
    return scan([str(root)], ScanOptions(cache=True, cache_dir=str(cache_dir), jobs=1, **changes))


def test_cache_reuses_results_without_reading_files(tmp_path, monkeypatch):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.py").write_text(APP.format(extra=""))
    os.utime(tmp_path / "src" / "app.py", ns=(10**18, 10**18 - 10**10))  # an old mtime: fingerprint trusted
    first = _cached_scan(tmp_path / "src", tmp_path / "cache")
    from flasklint.scan import analysis

    def no_reading(*args, **kwargs):
        raise AssertionError("a fresh cache entry must not be read again")

    monkeypatch.setattr(analysis, "read_file", no_reading)
    second = _cached_scan(tmp_path / "src", tmp_path / "cache")
    assert _output(second) == _output(first) and [f.rule for f in first.findings] == ["FL103"]


def test_changed_content_is_analysed_again_and_touch_is_not(tmp_path):
    app = tmp_path / "src" / "app.py"
    app.parent.mkdir()
    app.write_text(APP.format(extra=""))
    assert [f.rule for f in _cached_scan(app.parent, tmp_path / "cache").findings] == ["FL103"]
    app.write_text(APP.format(extra=", debug=True"))  # same mtime second possible: the racy rule re-hashes
    assert [f.rule for f in _cached_scan(app.parent, tmp_path / "cache").findings] == ["FL101"]
    os.utime(app)  # touched, same content: served from the content hash
    assert [f.rule for f in _cached_scan(app.parent, tmp_path / "cache").findings] == ["FL101"]


def test_corrupted_cache_is_ignored_and_rebuilt(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.py").write_text(APP.format(extra=""))
    expected = _output(_cached_scan(tmp_path / "src", tmp_path / "cache"))
    (cache_file,) = (tmp_path / "cache").glob("results-*.json")
    for garbage in (b"{not json", b"[]", b'{"format": 1, "entries": 3}', b""):
        cache_file.write_bytes(garbage)
        assert _output(_cached_scan(tmp_path / "src", tmp_path / "cache")) == expected
        assert json.loads(cache_file.read_bytes())["entries"], "rebuilt on save"
    assert (tmp_path / "cache" / ".gitignore").read_text().strip().endswith("*")


def test_concurrent_runs_share_a_cache_safely(tmp_path):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    expected = _output(scan([str(tmp_path / "corpus")], ScanOptions(jobs=1)))
    outputs: list[list[dict]] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            for _ in range(3):
                outputs.append(_output(_cached_scan(tmp_path / "corpus", tmp_path / "cache")))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(outputs) == 12 and all(o == expected for o in outputs)
    assert not list((tmp_path / "cache").glob("*.tmp")), "no temporary file left behind"


def test_cache_key_includes_analysis_settings(tmp_path):
    folder = CacheFolder(tmp_path, b"k" * 32)  # a ResultCache reads its folder with the key that seals it
    with_prefilter = ResultCache(folder, ScanOptions(prefilter=True).analysis_settings())
    without = ResultCache(folder, ScanOptions(prefilter=False).analysis_settings())
    selected = ResultCache(folder, ScanOptions(select=["FL101"]).analysis_settings())
    assert with_prefilter.path != without.path
    assert with_prefilter.path == selected.path  # select/ignore filter after analysis


def test_cross_file_facts_stay_right_when_only_one_side_changes(tmp_path):
    """The project pass works on facts; cached and fresh FileResults must both carry current facts.

    No Procfile analyzer exists on this branch yet, so the "other side" is a file
    whose cached result is reused while the Python file it points at changes.
    """
    (tmp_path / "app.py").write_text(APP.format(extra=""))
    (tmp_path / "wsgi.py").write_text("from app import app as application\n")
    first = _cached_scan(tmp_path, tmp_path / "cache")
    assert first.results[str(tmp_path / "app.py")].facts["starts"][0]["bind_all"] is True
    (tmp_path / "app.py").write_text('from flask import Flask\napp = Flask(__name__)\n')
    second = _cached_scan(tmp_path, tmp_path / "cache")
    assert not second.results[str(tmp_path / "app.py")].facts.get("starts")
    assert second.results[str(tmp_path / "wsgi.py")].to_json() == first.results[str(tmp_path / "wsgi.py")].to_json()


def test_project_root_is_found_from_the_current_directory(tmp_path, monkeypatch):
    (tmp_path / "proj" / "pkg" / "deep").mkdir(parents=True)
    (tmp_path / "proj" / "pyproject.toml").write_text("")
    assert project_root(tmp_path / "proj" / "pkg" / "deep") == tmp_path / "proj"
    monkeypatch.delenv("FLASKLINT_CACHE_DIR")
    scanned = tmp_path / "elsewhere"
    scanned.mkdir()
    (scanned / "app.py").write_text(APP.format(extra=""))
    monkeypatch.chdir(tmp_path / "proj" / "pkg")
    from flasklint.cli import main
    from click.testing import CliRunner

    assert CliRunner().invoke(main, ["check", str(scanned)]).exit_code == 1
    assert (tmp_path / "proj" / CACHE_DIR_NAME / ".gitignore").is_file()
    assert not (scanned / CACHE_DIR_NAME).exists()


def test_no_cache_writes_nothing(tmp_path, run_cli):
    (tmp_path / "app.py").write_text(APP.format(extra=""))
    code, _, _ = run_cli("check", "--no-cache", "--cache-dir", str(tmp_path / "cache"), str(tmp_path / "app.py"))
    assert code == 1 and not (tmp_path / "cache").exists()


# ---------------------------------------------------------------- progress


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_silent_without_a_tty_or_for_machine_output(run_cli, tmp_path):
    assert for_stream(io.StringIO(), "text") is None
    assert for_stream(_Tty(), "json") is None
    assert for_stream(_Tty(), "text") is not None
    (tmp_path / "app.py").write_text(APP.format(extra=""))
    code, out, err = run_cli("check", "--format", "json", str(tmp_path))
    assert "files" not in err and "\r" not in err and "\r" not in out


def test_progress_bar_appears_only_after_a_second():
    now = [0.0]
    stream = _Tty()
    bar = ProgressBar(stream, clock=lambda: now[0])
    bar(1, 10)
    assert stream.getvalue() == ""
    now[0] = 1.5
    bar(5, 10)
    assert "5/10 files" in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[2K")
