"""Writing fixed files: encodings, BOM, line endings, mode, symlinks, races and failures, byte for byte."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from flasklint.fix import fixer
from flasklint.scan.options import ScanOptions
from flasklint.scan.engine import scan

BAD = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n'
GOOD = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="127.0.0.1")\n'


def _fix(path: Path, run_cli) -> tuple[int, str, str]:
    return run_cli("check", "--fix", str(path))


def test_crlf_stays_crlf(tmp_path, run_cli):
    path = tmp_path / "app.py"
    path.write_bytes(BAD.replace("\n", "\r\n").encode())
    code, _, err = _fix(tmp_path, run_cli)
    assert code == 0 and "Fixed 1 finding (0 remaining)." in err
    assert path.read_bytes() == GOOD.replace("\n", "\r\n").encode()


def test_crlf_insertion_uses_crlf(tmp_path, run_cli):
    path = tmp_path / "app.py"
    path.write_bytes(b"from flask import Flask\r\napp = Flask(__name__)\r\napp.run()\r\n")
    run_cli("check", "--fix", "--unsafe-fixes", str(tmp_path))
    assert path.read_bytes() == b'from flask import Flask\r\napp = Flask(__name__)\r\nif __name__ == "__main__":\r\n    app.run()\r\n'


def test_latin1_with_coding_cookie_keeps_its_encoding(tmp_path, run_cli):
    path = tmp_path / "app.py"
    header = "# -*- coding: latin-1 -*-\n# Café de l'été\n"
    path.write_bytes((header + BAD).encode("latin-1"))
    _fix(tmp_path, run_cli)
    data = path.read_bytes()
    assert data == (header + GOOD).encode("latin-1")
    assert "é".encode("latin-1") in data and "é".encode("utf-8") not in data


def test_utf8_bom_is_kept(tmp_path, run_cli):
    path = tmp_path / "app.py"
    path.write_bytes(b"\xef\xbb\xbf" + ("# naïve\n" + BAD).encode())
    _fix(tmp_path, run_cli)
    assert path.read_bytes() == b"\xef\xbb\xbf" + ("# naïve\n" + GOOD).encode()


def test_mode_is_kept_and_no_temporary_file_is_left(tmp_path, run_cli):
    path = tmp_path / "app.py"
    path.write_text(BAD)
    path.chmod(0o751)
    _fix(tmp_path, run_cli)
    assert path.read_text() == GOOD
    assert stat.S_IMODE(path.stat().st_mode) == 0o751
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.py"]


def test_read_only_file_is_reported_and_left_alone(tmp_path, run_cli):
    path = tmp_path / "app.py"
    path.write_text(BAD)
    path.chmod(0o444)
    try:
        code, out, err = _fix(tmp_path, run_cli)
        assert path.read_text() == BAD
        assert "read-only; not written" in err
        assert code == 1 and "FL101" in out and "Fixed 0 findings (1 remaining)." in err
    finally:
        path.chmod(0o644)


def test_symlink_inside_the_root_writes_the_target_and_keeps_the_link(tmp_path, run_cli):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "app.py"
    target.write_text(BAD)
    link = tmp_path / "link.py"
    link.symlink_to(target)
    _fix(tmp_path, run_cli)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == GOOD


def test_symlink_leaving_the_root_is_never_written(tmp_path, run_cli):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "app.py").write_text(BAD)
    root = tmp_path / "root"
    root.mkdir()
    (root / "app.py").symlink_to(outside / "app.py")
    _fix(root, run_cli)
    assert (outside / "app.py").read_text() == BAD


@pytest.fixture
def project_with_links(tmp_path, monkeypatch) -> Path:
    """A project whose `link.py` and `linked/` lead to files outside it; run from inside it."""
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "app.py").write_text(BAD)
    (outside / "folder" / "app.py").write_text(BAD)
    project = tmp_path / "project"
    project.mkdir()
    (project / "link.py").symlink_to(outside / "app.py")
    (project / "linked").symlink_to(outside / "folder")
    monkeypatch.chdir(project)
    return outside


@pytest.mark.parametrize("named", ["link.py", "linked/app.py"])
def test_a_named_symlink_out_of_the_project_is_read_but_never_written(project_with_links, run_cli, named):
    code, out, err = run_cli("check", "--isolated", "--no-cache", "--fix", named)
    # read: a file named on the command line is analysed (the discovery rule), so its findings remain
    assert code == 1 and f"{named}:4:5: FL101" in out
    assert f"{named}: a symlink that leads outside the project root; not written" in err
    assert "Fixed 0 findings (1 remaining); 1 file not written: a symlink leads outside the project root." in err
    assert (project_with_links / "app.py").read_text() == BAD
    assert (project_with_links / "folder" / "app.py").read_text() == BAD


def test_a_walked_symlink_out_of_the_project_is_not_read(project_with_links, run_cli):
    code, _, err = run_cli("check", "--isolated", "--no-cache", "--fix", ".")
    assert code == 0 and "link.py: symlink points outside the scanned root; skipped" in err
    assert "Fixed 0 findings (0 remaining)." in err
    assert (project_with_links / "app.py").read_text() == BAD


def test_a_symlink_that_stays_in_the_project_is_written(tmp_path, run_cli, monkeypatch):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "real.py").write_text(BAD)
    (tmp_path / "app.py").symlink_to(tmp_path / "src" / "real.py")
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("check", "--isolated", "--no-cache", "--fix", "app.py")
    assert code == 0 and "Fixed 1 finding (0 remaining)." in err
    assert (tmp_path / "src" / "real.py").read_text() == GOOD and (tmp_path / "app.py").is_symlink()


def test_symlink_swapped_to_leave_the_root_after_the_scan_is_not_written(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    (root / "real.py").write_text(BAD)
    link = root / "app.py"
    link.symlink_to(root / "real.py")
    options = ScanOptions()
    result = scan([str(root)], options)
    outside = tmp_path / "outside.py"
    outside.write_text(BAD)
    link.unlink()
    link.symlink_to(outside)  # same bytes, so the hash still matches: only the symlink check stops it
    outcome = fixer.fix_scan(result, options, unsafe=False, write=True)
    assert outside.read_text() == BAD
    assert [d.message for d in outcome.diagnostics] == ["a symlink that leads outside the project root; not written"]


def test_file_changed_since_the_scan_is_not_fixed(tmp_path):
    path = tmp_path / "app.py"
    path.write_text(BAD)
    options = ScanOptions()
    result = scan([str(tmp_path)], options)
    edited = BAD + "# edited meanwhile\n"
    path.write_text(edited)
    outcome = fixer.fix_scan(result, options, unsafe=False, write=True)
    assert path.read_text() == edited
    assert [d.message for d in outcome.diagnostics] == [
        "changed on disk since it was analysed; not fixed (run flasklint again)"
    ]
    assert [f.rule for f in result.findings] == ["FL101"]


def test_file_changed_between_read_and_write_is_not_written(tmp_path):
    path = tmp_path / "app.py"
    path.write_text(BAD)
    options = ScanOptions()
    result = scan([str(tmp_path)], options)
    (job,) = result.jobs
    fixed = fixer.fix_file(job, result.findings, None, options, unsafe=False)
    assert fixed.fixed == GOOD
    edited = BAD.replace("Flask(__name__)", "Flask('other')")
    path.write_text(edited)
    assert fixer.write_fixed(fixed) == "changed on disk while fixing; not written (run flasklint again)"
    assert path.read_text() == edited


@pytest.mark.parametrize(
    ("target", "error"),
    [("replace", errno.ENOSPC), ("mkstemp", errno.EACCES)],
)
def test_failing_write_leaves_the_file_untouched(tmp_path, monkeypatch, target, error):
    path = tmp_path / "app.py"
    path.write_text(BAD)
    options = ScanOptions()
    result = scan([str(tmp_path)], options)

    def fail(*args, **kwargs):
        raise OSError(error, os.strerror(error))

    if target == "replace":
        monkeypatch.setattr(fixer.os, "replace", fail)
    else:
        monkeypatch.setattr(fixer.tempfile, "mkstemp", fail)
    outcome = fixer.fix_scan(result, options, unsafe=False, write=True)
    monkeypatch.undo()
    assert path.read_text() == BAD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.py"]
    assert [d.message for d in outcome.diagnostics] == [f"cannot write: {os.strerror(error)}; file left unchanged"]
    assert outcome.fixed == 0 and [f.rule for f in result.findings] == ["FL101"]


def test_overlapping_fixes_are_applied_over_several_passes(tmp_path, run_cli):
    path = tmp_path / "bot.py"
    path.write_text(
        "from flask import Flask\napp = Flask(__name__)\n"
        "app.run(\n    host='0.0.0.0',\n    debug=True,\n)\n"
    )
    code, _, err = run_cli("check", "--fix", "--unsafe-fixes", str(tmp_path))
    assert code == 0 and "Fixed 2 findings (0 remaining)." in err
    assert path.read_text() == (
        "from flask import Flask\napp = Flask(__name__)\n"
        "if __name__ == \"__main__\":\n    app.run(\n        host='127.0.0.1',\n    )\n"
    )


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EIO])
def test_disk_full_half_way_through_a_write_leaves_that_file_whole_and_fixes_the_others(tmp_path, monkeypatch, error):
    (tmp_path / "full.py").write_text(BAD)
    (tmp_path / "other.py").write_text(BAD)
    options = ScanOptions()
    result = scan([str(tmp_path)], options)
    real_write = os.write

    def write_half_then_fail(fd, data):
        if os.path.basename(os.readlink(f"/proc/self/fd/{fd}")).startswith(".full.py."):
            real_write(fd, bytes(data[: len(data) // 2]))
            raise OSError(error, os.strerror(error))
        return real_write(fd, data)

    monkeypatch.setattr(fixer.os, "write", write_half_then_fail)
    outcome = fixer.fix_scan(result, options, unsafe=False, write=True)
    monkeypatch.undo()
    assert (tmp_path / "full.py").read_text() == BAD
    assert 'host="127.0.0.1"' in (tmp_path / "other.py").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full.py", "other.py"]  # the half-written temporary is gone
    assert [(d.path.endswith("full.py"), d.message) for d in outcome.diagnostics] == [
        (True, f"cannot write: {os.strerror(error)}; file left unchanged")
    ]


# ---- issue 22, section 2: owners, groups and saves made while fixing ---------------------------------------

AS_ROOT = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file to another owner needs root")


@AS_ROOT
def test_fix_as_root_keeps_owner_group_mode_encoding_and_line_endings(tmp_path, run_cli):
    """Reproduction: `chown 1234:5678 app.py; chmod 640 app.py; flasklint check . --fix` left it 0:0."""
    path = tmp_path / "app.py"
    header = "# -*- coding: latin-1 -*-\n# Café\n"
    path.write_bytes((header + BAD).replace("\n", "\r\n").encode("latin-1"))
    os.chown(path, 1234, 5678)
    path.chmod(0o640)
    code, _, err = _fix(tmp_path, run_cli)
    assert code == 0 and "Fixed 1 finding (0 remaining)." in err
    st = path.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (1234, 5678, 0o640)
    assert path.read_bytes() == (header + GOOD).replace("\n", "\r\n").encode("latin-1")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.py"]
    assert _fix(tmp_path, run_cli)[0] == 0 and path.stat().st_uid == 1234  # idempotent: nothing left to fix


def test_an_owner_that_cannot_be_kept_means_the_file_is_not_written(tmp_path, run_cli, monkeypatch):
    path = tmp_path / "app.py"
    path.write_text(BAD)
    st = path.stat()

    def not_permitted(*args):
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(fixer.os, "fchown", not_permitted)
    code, _, err = _fix(tmp_path, run_cli)
    monkeypatch.undo()
    assert code == 1  # as for any fix that failed: the finding remains
    assert path.read_text() == BAD and sorted(p.name for p in tmp_path.iterdir()) == ["app.py"]
    assert (f"app.py: cannot keep its owner and group ({st.st_uid}:{st.st_gid}): {os.strerror(errno.EPERM)}; "
            "not written") in err
    assert "Fixed 0 findings (1 remaining)." in err


@AS_ROOT
def test_a_user_who_may_write_a_file_but_not_give_it_away_leaves_it_alone(tmp_path):
    """A real EPERM: a process of uid 1234 in the file's group, fixing a group-writable file of uid 4321."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="flasklint-owner-", dir="/tmp"))  # tmp_path's parents are root's alone
    try:
        folder.chmod(0o777)
        path = folder / "app.py"
        path.write_text(BAD)
        os.chown(path, 4321, 5678)
        path.chmod(0o664)
        options = ScanOptions()
        result = scan([str(folder)], options)
        fixer.VALIDATORS[fixer.kinds.PYTHON](GOOD)  # imports the parser now: the child may not read root's files
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child
            try:
                os.close(read)
                os.setgroups([])
                os.setgid(5678)
                os.setuid(1234)
                outcome = fixer.fix_scan(result, options, unsafe=False, write=True)
                os.write(write, "\n".join(d.message for d in outcome.diagnostics).encode())
            finally:
                os._exit(0)
        os.close(write)
        with os.fdopen(read, "rb") as pipe:
            messages = pipe.read().decode()
        os.waitpid(child, 0)
        assert messages == f"cannot keep its owner and group (4321:5678): {os.strerror(errno.EPERM)}; not written"
        assert path.read_text() == BAD and (path.stat().st_uid, path.stat().st_gid) == (4321, 5678)
        assert sorted(p.name for p in folder.iterdir()) == ["app.py"]
    finally:
        shutil.rmtree(folder)


def _save_while_writing(monkeypatch, path: Path, save) -> None:
    """Make the editor's save land after flasklint wrote its temporary file, before the rename."""
    real_fsync = os.fsync
    saved = []

    def fsync_then_save(fd):
        real_fsync(fd)
        if not saved and os.path.basename(os.readlink(f"/proc/self/fd/{fd}")).startswith(f".{path.name}."):
            saved.append(True)
            save()

    monkeypatch.setattr(fixer.os, "fsync", fsync_then_save)


def test_an_editors_save_between_read_and_rename_is_kept(tmp_path, monkeypatch):
    """Reproduction: a save made between flasklint's last content check and its rename was lost."""
    path = tmp_path / "app.py"
    path.write_text(BAD)
    options = ScanOptions()
    result = scan([str(tmp_path)], options)
    saved = BAD.replace("Flask(__name__)", "Flask('saved')")
    _save_while_writing(monkeypatch, path, lambda: path.write_text(saved))
    outcome = fixer.fix_scan(result, options, unsafe=False, write=True)
    monkeypatch.undo()
    assert path.read_text() == saved
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.py"]
    assert [d.message for d in outcome.diagnostics] == ["changed on disk while fixing; not written (run flasklint again)"]
    assert outcome.fixed == 0 and [f.rule for f in result.findings] == ["FL101"]


def test_a_save_of_the_same_size_with_its_mtime_set_back_is_still_seen(tmp_path, monkeypatch):
    """ctime is in the stamp: `utime` can restore size and mtime, never ctime (the bytes here are even the same)."""
    path = tmp_path / "app.py"
    path.write_text(BAD)
    options = ScanOptions()
    result = scan([str(tmp_path)], options)
    before = path.stat()

    def same_bytes_old_mtime():
        path.write_text(BAD)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))

    _save_while_writing(monkeypatch, path, same_bytes_old_mtime)
    outcome = fixer.fix_scan(result, options, unsafe=False, write=True)
    monkeypatch.undo()
    assert path.read_text() == BAD and path.stat().st_mtime_ns == before.st_mtime_ns
    assert [d.message for d in outcome.diagnostics] == ["changed on disk while fixing; not written (run flasklint again)"]


_SLOW_DISK = r"""
import os, sys, time
sys.path.insert(0, sys.argv[1])
real_fsync = os.fsync
def slow_fsync(fd):  # a slow disk: the rename comes half a second after the temporary file appears
    time.sleep(0.5)
    real_fsync(fd)
os.fsync = slow_fsync
from flasklint.cli import main
main(["check", "--isolated", "--no-cache", "--fix", "."])
"""


def test_an_editor_process_saving_while_a_fix_is_written_keeps_its_save(tmp_path):
    """Two real processes: flasklint fixing on a slow disk, an editor that saves as soon as the fix's
    temporary file appears. Whichever renames last, the editor's save must be what the file holds."""
    import subprocess
    import sys
    import time

    from hostile import ROOT, child_env

    path = tmp_path / "app.py"
    path.write_text(BAD)
    saved = BAD.replace("Flask(__name__)", "Flask('saved')")
    fixing = subprocess.Popen([sys.executable, "-c", _SLOW_DISK, str(ROOT)], cwd=tmp_path, env=child_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".app.py.") for p in tmp_path.iterdir()):
        assert fixing.poll() is None and time.monotonic() < deadline, "the fix never wrote its temporary file"
        time.sleep(0.001)
    path.write_text(saved)  # the editor saves: after flasklint read the file, before its rename
    _, err = fixing.communicate(timeout=60)
    assert fixing.returncode == 1, err.decode()
    assert path.read_text() == saved
    assert b"app.py: changed on disk while fixing; not written (run flasklint again)" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.py"]
