"""The cache is flasklint's own output, never input a scanned repository can supply (issue 22.1).

flasklint/scan/trust.py: results, memos and kept reports are sealed with a key in the user's cache
folder; the cache folder is a real folder flasklint marked, never a symlink; reads are capped and never
follow a symlink; a malformed entry is dropped and rewritten; every stamp carries the ctime.
Each test gets its own key folder (conftest sets XDG_CACHE_HOME); a tree is made "old" first, as a
checkout is, so that its memo is trusted (a tree written a moment ago is racy).
"""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest

from flasklint.scan import cache as result_cache
from flasklint.scan import trust
from flasklint.scan.engine import scan
from flasklint.scan.options import ScanOptions

APP = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n'
OLD = 1_600_000_000


def _age(root: Path) -> None:
    for path in sorted(root.rglob("*"), key=lambda p: -len(p.parts)):
        os.utime(path, (OLD, OLD), follow_symlinks=False)
    os.utime(root, (OLD, OLD))


def _options(cache: Path, **changes) -> ScanOptions:
    return ScanOptions(**{"cache": True, "cache_dir": str(cache), "reuse_scan": True, "jobs": 1, **changes})


def _report(result) -> list:
    return [f.to_json() for f in result.findings] + [d.to_json() for d in result.diagnostics]


def _folder(directory: Path) -> trust.CacheFolder:
    key, problem = trust.load_key()
    assert key is not None, problem
    return trust.CacheFolder(directory, key)


def _reseal(path: Path, domain: str, document: bytes) -> None:
    """Write `document` sealed with this user's key: what reaches the shape checks behind the seal."""
    path.write_bytes(trust.sealed_json(_folder(path.parent), domain, path.name, document)[0])


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    root.mkdir()
    for index in range(10):
        (root / f"app{index}.py").write_text(APP)
    (root / "Procfile").write_text("web: python app0.py\n")
    _age(root)
    return root


# -- a cache shipped by the scanned repository ------------------------------------------------------


def _poison(cache: Path) -> None:
    """What an attacker ships: their own valid cache, every entry's findings emptied, sealed with their key."""
    (results,) = cache.glob("results-*.json")
    document = json.loads(results.read_bytes())
    del document["seal"]
    for entry in document["entries"].values():
        entry["result"]["findings"] = []
    _reseal(results, "results", json.dumps(document).encode())
    for memo in cache.glob("scan-*.json"):
        memo.unlink()  # the attacker's next run memoises (and keeps the report of) the poisoned results


def test_a_cache_shipped_with_the_repository_hides_no_finding(tree, tmp_path, run_cli, monkeypatch):
    monkeypatch.chdir(tree)
    monkeypatch.delenv("FLASKLINT_CACHE_DIR")  # the default: .flasklint_cache in the scanned project
    expected = run_cli("check", "--isolated", "--no-cache", "--format", "json", ".")
    assert len(json.loads(expected[1])["findings"]) == 11
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "attacker"))
    run_cli("check", "--isolated", "--format", "json", ".")
    _poison(tree / ".flasklint_cache")
    # against the attacker's own key the poisoned cache verifies and hides findings: the attack is real
    hidden = json.loads(run_cli("check", "--isolated", "--format", "json", ".")[1])["findings"]
    assert len(hidden) < 11
    shipped = sorted(p.name for p in (tree / ".flasklint_cache").iterdir())
    assert any(n.startswith("scan-") for n in shipped) and any(n.startswith("report-") for n in shipped)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "victim"))  # the CI runner checks the repository out
    assert run_cli("check", "--isolated", "--format", "json", ".") == expected
    assert run_cli("check", "--isolated", "--format", "json", ".") == expected  # from its own, rewritten cache


def test_an_unsealed_or_foreign_file_in_a_cache_folder_is_ignored(tree, tmp_path):
    expected = _report(scan([str(tree)], ScanOptions(jobs=1)))
    scan([str(tree)], _options(tmp_path / "cache"))
    (results,) = (tmp_path / "cache").glob("results-*.json")
    document = json.loads(results.read_bytes())
    for entry in document["entries"].values():
        entry["result"]["findings"] = []
    results.write_text(json.dumps(document))  # the old seal no longer matches
    for memo in (tmp_path / "cache").glob("scan-*.json"):
        memo.write_bytes(memo.read_bytes().replace(b'"trusted":false', b'"trusted":true'))
    assert _report(scan([str(tree)], _options(tmp_path / "cache", reuse_scan=False))) == expected
    assert _report(scan([str(tree)], _options(tmp_path / "cache"))) == expected


def test_a_sealed_file_renamed_into_another_scans_place_is_ignored(tree, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "views.py").write_text("def index():\n    return 'hi'\n")
    _age(other)
    scan([str(other)], _options(tmp_path / "cache"))
    (clean,) = (tmp_path / "cache").glob("scan-*.json")
    expected = _report(scan([str(tree)], _options(tmp_path / "cache")))
    for memo in (tmp_path / "cache").glob("scan-*.json"):
        if memo != clean:
            memo.write_bytes(clean.read_bytes())  # a valid seal, but over another file's name
    assert _report(scan([str(tree)], _options(tmp_path / "cache"))) == expected


# -- the key --------------------------------------------------------------------------------------


def test_the_key_is_created_once_private_and_outside_the_tree(tree, tmp_path):
    scan([str(tree)], _options(tmp_path / "cache"))
    key = Path(os.environ["XDG_CACHE_HOME"]) / "flasklint" / "key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and key.stat().st_size == trust.KEY_BYTES
    before = key.read_bytes()
    scan([str(tree)], _options(tmp_path / "cache"))
    assert key.read_bytes() == before
    assert not list(Path(os.environ["XDG_CACHE_HOME"]).rglob("*.tmp"))


def test_without_xdg_the_key_is_in_the_homes_cache_folder(tree, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/paths/are/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    scan([str(tree)], _options(tmp_path / "cache"))
    assert (tmp_path / "home" / ".cache" / "flasklint" / "key").stat().st_size == trust.KEY_BYTES


def test_without_a_home_no_cache_is_trusted_and_nothing_is_written_here(tree, tmp_path, monkeypatch):
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "not-absolute")
    monkeypatch.chdir(tree)
    result = scan([str(tree)], _options(tmp_path / "cache"))
    assert _report(result) == _report(scan([str(tree)], ScanOptions(jobs=1)))
    assert result.notes == ["cache not used: no home folder to keep the cache key in (set XDG_CACHE_HOME)"]
    assert not (tmp_path / "cache").exists() and not (tree / "not-absolute").exists()


def test_concurrent_first_runs_agree_on_one_key(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "fresh"))
    keys: list = []
    threads = [threading.Thread(target=lambda: keys.append(trust.load_key())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({key for key, _ in keys}) == 1 and all(key is not None for key, _ in keys)


def _key(tmp_path: Path) -> Path:
    trust.load_key()
    return tmp_path / "xdg" / "flasklint" / "key"


@pytest.mark.parametrize("fault", ["symlink", "group-readable", "world-readable", "other-owner", "short", "folder"])
def test_a_key_that_is_not_private_means_no_cache_is_trusted(fault, tree, tmp_path, run_cli, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    key = _key(tmp_path)
    if fault == "symlink":
        (tmp_path / "elsewhere").write_bytes(key.read_bytes())
        os.chmod(tmp_path / "elsewhere", 0o600)
        key.unlink()
        key.symlink_to(tmp_path / "elsewhere")
    elif fault == "group-readable":
        key.chmod(0o640)
    elif fault == "world-readable":
        key.chmod(0o604)
    elif fault == "other-owner":
        real = os.getuid()
        monkeypatch.setattr(os, "getuid", lambda: real + 1)
    elif fault == "short":
        key.write_bytes(b"0123")
    else:
        key.unlink()
        key.mkdir()
    expected = run_cli("check", "--isolated", "--no-cache", "--format", "json", "-v", str(tree))
    code, out, err = run_cli("check", "--isolated", "--cache-dir", str(tmp_path / "cache"), "--format", "json", "-v",
                             str(tree))
    assert (code, out) == expected[:2]
    assert err.count("cache not used: the cache key") == 1, err
    assert not (tmp_path / "cache").exists(), "nothing is written that could not be trusted later"
    assert "cache not used" not in run_cli("check", "--isolated", "--cache-dir", str(tmp_path / "cache"), str(tree))[2]


# -- the folder -----------------------------------------------------------------------------------


def test_a_symlinked_cache_folder_is_never_followed(tree, tmp_path, run_cli, monkeypatch):
    outside = tmp_path / "outside"
    outside.mkdir()
    (tree / ".flasklint_cache").symlink_to(outside, target_is_directory=True)
    monkeypatch.chdir(tree)
    monkeypatch.delenv("FLASKLINT_CACHE_DIR")
    expected = run_cli("check", "--isolated", "--no-cache", "-v", ".")
    code, out, err = run_cli("check", "--isolated", "-v", ".")
    assert (code, out) == expected[:2]
    assert "is a symlink, which flasklint never follows" in err
    assert list(outside.iterdir()) == []
    assert run_cli("check", "--isolated", "--cache-dir", str(tree / ".flasklint_cache"), "-v", ".")[:2] == expected[:2]
    assert list(outside.iterdir()) == []


def test_a_folder_holding_other_files_is_not_used(tree, tmp_path, run_cli):
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    expected = run_cli("check", "--isolated", "--no-cache", "-v", str(tree))
    code, out, err = run_cli("check", "--isolated", "--cache-dir", str(folder), "-v", str(tree))
    assert (code, out) == expected[:2] and "was not created by flasklint" in err and "'notes.txt'" in err
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_a_folder_of_flasklint_names_without_a_marker_is_taken_over(tree, tmp_path):
    """An older flasklint's folder, a copy, or an empty folder made by hand: marked, and its files still verified."""
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "results-0123.json").write_text('{"format": 3, "entries": {}}')
    assert _report(scan([str(tree)], _options(folder))) == _report(scan([str(tree)], ScanOptions(jobs=1)))
    assert (folder / trust.MARKER).exists() and (folder / ".gitignore").exists()
    st = os.lstat(folder)
    assert _folder(folder).marked(st)


def test_a_result_file_linked_to_dev_zero_is_never_read(tree, tmp_path, monkeypatch):
    expected = _report(scan([str(tree)], ScanOptions(jobs=1)))
    scan([str(tree)], _options(tmp_path / "cache"))
    reads: list[str] = []
    real = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(os.readlink(f"/proc/self/fd/{fd}")) or real(fd, n))
    for path in [p for p in (tmp_path / "cache").iterdir() if p.name.startswith(trust.OWN_PREFIXES)]:
        path.unlink()
        path.symlink_to("/dev/zero")
    assert _report(scan([str(tree)], _options(tmp_path / "cache"))) == expected
    assert "/dev/zero" not in reads


def test_every_read_is_capped(tree, tmp_path, monkeypatch):
    expected = _report(scan([str(tree)], ScanOptions(jobs=1)))
    scan([str(tree)], _options(tmp_path / "cache"))
    (results,) = (tmp_path / "cache").glob("results-*.json")
    monkeypatch.setattr(result_cache, "MAX_RESULT_BYTES", results.stat().st_size - 1)
    with pytest.raises(trust.TooLarge):
        _folder(tmp_path / "cache").read(results.name, result_cache.MAX_RESULT_BYTES)
    with open(results, "r+b") as handle:  # a sparse file far beyond any cap
        handle.truncate(1 << 34)
    assert _report(scan([str(tree)], _options(tmp_path / "cache", reuse_scan=False))) == expected
    fifo = tmp_path / "cache" / "scan-fifo.json"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        trust.read_capped(fifo, 100)


# -- stale results after an in-place rewrite ------------------------------------------------------


def _rewrite_in_place(path: Path, text: str) -> None:
    """Same size, new bytes, the old mtime restored: only the ctime tells."""
    before = path.stat()
    assert len(text.encode()) == before.st_size
    path.write_text(text)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_mtime_ns == before.st_mtime_ns and path.stat().st_size == before.st_size


@pytest.mark.parametrize("reuse_scan", [True, False], ids=["memo", "per-file-cache"])
@pytest.mark.parametrize("which", ["python", "launcher"])
def test_a_rewrite_with_the_same_size_and_mtime_is_seen(which, reuse_scan, tree, tmp_path):
    options = _options(tmp_path / "cache", reuse_scan=reuse_scan)
    first = scan([str(tree)], options)
    scan([str(tree)], options)
    if which == "python":  # app0's finding goes
        _rewrite_in_place(tree / "app0.py", APP.replace('"0.0.0.0"', '"127.0.0"'))
    else:  # the Procfile no longer starts app0.py: its finding is a development one now
        _rewrite_in_place(tree / "Procfile", "web: python xyz0.py\n")
    warm = scan([str(tree)], options)
    assert _report(warm) == _report(scan([str(tree)], ScanOptions(jobs=1)))
    assert _report(warm) != _report(first)


# -- malformed entries --------------------------------------------------------------------------------

DEEP = "[" * 100_000 + "]" * 100_000


def _corrupt_entries(cache: Path, how: str) -> None:
    (results,) = cache.glob("results-*.json")
    document = json.loads(results.read_bytes())
    del document["seal"]
    entries = document["entries"]
    for key in entries:
        entry = entries[key]
        if how == "number":
            entries[key] = 7
        elif how == "findings-nope":
            entry["result"]["findings"] = "nope"
        elif how == "findings-numbers":
            entry["result"]["findings"] = [1, 2]
        elif how == "facts-list":
            entry["result"]["facts"] = []
        elif how == "stat-text":
            entry["stat"] = "x"
        elif how == "hash-number":
            entry["hash"], entry["stat"] = 5, None
        elif how == "result-missing":
            del entry["result"]
        elif how == "entries-list":
            document["entries"] = []
    text = json.dumps(document)
    if how == "nested":
        text = text.replace('"findings":', f'"deep":{DEEP},"findings":', 1)
    _reseal(results, "results", text.encode())


SHAPES = ["number", "findings-nope", "findings-numbers", "facts-list", "stat-text", "hash-number", "result-missing",
          "entries-list", "nested"]


@pytest.mark.parametrize("how", SHAPES)
def test_a_malformed_cache_entry_is_ignored_and_rewritten(how, tree, tmp_path):
    options = _options(tmp_path / "cache", reuse_scan=False)
    cold = _report(scan([str(tree)], options))
    _corrupt_entries(tmp_path / "cache", how)
    assert _report(scan([str(tree)], options)) == cold
    (results,) = (tmp_path / "cache").glob("results-*.json")
    entries = json.loads(results.read_bytes())["entries"]
    assert len(entries) == 11 and all(isinstance(e["result"]["findings"], list) for e in entries.values())
    assert _report(scan([str(tree)], options)) == cold


@pytest.mark.parametrize("how", ["number", "shown-nope", "shown-numbers", "files-text", "stamps-list", "nested"])
def test_a_malformed_memo_is_ignored_and_rewritten(how, tree, tmp_path):
    options = _options(tmp_path / "cache")
    cold = _report(scan([str(tree)], options))
    (memo,) = (tmp_path / "cache").glob("scan-*.json")
    document = json.loads(memo.read_bytes())
    del document["seal"]
    if how == "number":
        document["memo"] = 7
    elif how == "shown-nope":
        document["memo"]["shown"] = "nope"
    elif how == "shown-numbers":
        document["memo"]["shown"] = [1]
    elif how == "files-text":
        document["memo"]["files_scanned"] = "eleven"
    elif how == "stamps-list":
        document["stamps"] = []
    text = json.dumps(document)
    if how == "nested":
        text = text.replace('"memo":', f'"deep":{DEEP},"memo":', 1)
    _reseal(memo, "memo", text.encode())
    assert _report(scan([str(tree)], options)) == cold
    assert json.loads(memo.read_bytes())["memo"]["files_scanned"] == 11
    assert _report(scan([str(tree)], options)) == cold


def test_a_malformed_cache_never_gives_a_traceback_on_the_command_line(tree, tmp_path, run_cli):
    cold = run_cli("check", "--isolated", "--no-cache", str(tree))
    run_cli("check", "--isolated", "--cache-dir", str(tmp_path / "cache"), str(tree))
    for how in SHAPES:
        _corrupt_entries(tmp_path / "cache", how)
        for memo in (tmp_path / "cache").glob("scan-*.json"):
            memo.unlink()
        assert run_cli("check", "--isolated", "--cache-dir", str(tmp_path / "cache"), str(tree)) == cold, how


# -- kept reports ---------------------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["truncated", "emptied", "edited", "grown"])
def test_a_damaged_kept_report_is_not_served(damage, tree, tmp_path, run_cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cold = run_cli("check", "--isolated", "--no-cache", "--format", "json", "proj")
    assert run_cli("check", "--isolated", "--cache-dir", "cache", "--format", "json", "proj") == cold
    (kept,) = (tmp_path / "cache").glob("report-*.txt")
    data = kept.read_bytes()
    assert data.startswith(b"flasklint-report ") and data.endswith(cold[1].encode())
    damaged = {"truncated": data[:-40], "emptied": b"", "edited": data.replace(b"FL101", b"FL000"),
               "grown": data + b"\n"}[damage]
    kept.write_bytes(damaged)
    assert run_cli("check", "--isolated", "--cache-dir", "cache", "--format", "json", "proj") == cold
    assert kept.read_bytes() == data, "rendered again and kept again"
    assert run_cli("check", "--isolated", "--cache-dir", "cache", "--format", "json", "proj") == cold
