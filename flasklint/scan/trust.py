"""Trusting the cache: what flasklint reads back is sealed with a key the scanned tree cannot reach.

Why: the cache folder usually lies in the scanned tree (`.flasklint_cache/` in
the project root), so a repository can ship one, and CI checkout paths are
predictable: entries with the real content hash and emptied findings would hide
findings from the next scan. Cache files are flasklint's own output, never input
(DESIGN.md, "Trust"):

- The key: 32 random bytes in `$XDG_CACHE_HOME/flasklint/key` (else
  `~/.cache/flasklint/key`), outside any scanned tree, created with mode 0600
  by an atomic hard link of a finished temporary (O_EXCL: two first runs agree
  on one key). A key that is a symlink, not the user's, readable or writable by
  group or others, or not 32 bytes is refused: the scan then trusts no cache
  (it runs as with --no-cache) and `--verbose` says why.
- The seal: a MAC over a domain (which kind of file), the file's name and its
  bytes, so a sealed file can be neither edited nor renamed into another
  scan's place. It is keyed BLAKE2b-256, a MAC by construction (RFC 7693, no
  HMAC wrapper needed): `_blake2` is already loaded, while `hmac` would load
  OpenSSL through hashlib (2-12 ms on every warm run). A file whose seal does
  not verify is ignored and rewritten.
- The folder: used only when it is a real folder (never a symlink) of this
  user holding a marker sealed over the folder's own identity (path, device,
  inode). A folder without a valid marker (a copy, an older flasklint's, or an
  empty folder made by hand) is taken over only if it holds nothing but names
  flasklint writes; its files are still verified one by one. Anything else in
  it, and the cache is not used.
- Reads: never through a symlink (O_NOFOLLOW), only regular files, at most a
  given size, so a result file that is a link to /dev/zero costs nothing.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from flasklint.sources.source import read_at_most

try:
    from _blake2 import blake2b  # CPython's built-in module: importing hashlib also loads OpenSSL (2-9 ms a run)
except ImportError:  # pragma: no cover - other implementations
    from hashlib import blake2b

try:
    from _operator import _compare_digest as compare_digest
except ImportError:  # pragma: no cover - other implementations
    from hmac import compare_digest

KEY_BYTES = 32
SEAL_CHARS = 64
"""A seal is the hex of a 32-byte keyed BLAKE2b digest."""
MARKER = ".flasklint-folder"
"""The file in the cache folder holding the seal of the folder's identity."""
GITIGNORE = ".gitignore"
OWN_PREFIXES = ("results-", "scan-", "report-")
"""Names flasklint writes in its cache folder (plus GITIGNORE, MARKER and `.<name>.tmp` temporaries)."""
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class TooLarge(OSError):
    """A cache file beyond its cap: not read."""


def key_path() -> Optional[Path]:
    """`$XDG_CACHE_HOME/flasklint/key`, else `~/.cache/flasklint/key`; None without an absolute home.

    An XDG path must be absolute; a home that cannot be found must not become a folder named `~` in the
    current directory, which may be the scanned tree.
    """
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
        if not os.path.isabs(base):
            return None
    return Path(base) / "flasklint" / "key"


def _symlink_unguarded(path: Path) -> bool:
    """Where open() has no O_NOFOLLOW (Windows), a symlink must be refused before opening."""
    return _NOFOLLOW == 0 and os.path.islink(path)


def read_capped(path: Path, cap: int) -> bytes:
    """A regular file's bytes, never through a symlink and never more than `cap` (else OSError)."""
    if _symlink_unguarded(path):
        raise OSError(f"{path.name} is a symlink")
    fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(f"{path.name} is not a regular file")
        if st.st_size > cap:
            raise TooLarge(f"{path.name} is larger than {cap} bytes")
        data = read_at_most(fd, cap)
        if len(data) > cap:  # it grew since fstat
            raise TooLarge(f"{path.name} is larger than {cap} bytes")
        return data
    finally:
        os.close(fd)


def _check_key_file(st: os.stat_result) -> Optional[str]:
    """Why a key file cannot be trusted, or None."""
    if not stat.S_ISREG(st.st_mode):
        return "it is not a regular file"
    getuid = getattr(os, "getuid", None)
    if getuid is not None and st.st_uid != getuid():
        return "it is not owned by you"
    if os.name != "nt" and st.st_mode & 0o077:
        return f"its mode is {stat.S_IMODE(st.st_mode):04o}, readable or writable by others (want 0600)"
    if st.st_size != KEY_BYTES:
        return f"it holds {st.st_size} bytes, not {KEY_BYTES}"
    return None


def _create_key(path: Path) -> None:
    """Write a new key beside `path` and link it into place: either this key or a concurrent run's wins, whole."""
    import tempfile

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key.", suffix=".tmp")  # mode 0600, O_EXCL
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(KEY_BYTES))
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another run created it first: use that one
        except OSError:  # no hard links here: exclusive creation of the final name instead
            try:
                final = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
            except FileExistsError:
                return
            with os.fdopen(final, "wb") as handle:
                handle.write(Path(temporary).read_bytes())
    finally:
        os.unlink(temporary)


def load_key() -> tuple[Optional[bytes], Optional[str]]:
    """(the user's cache key, None), creating it on first use; or (None, why it is refused)."""
    path = key_path()
    if path is None:
        return None, "no home folder to keep the cache key in (set XDG_CACHE_HOME)"
    if _symlink_unguarded(path):
        return None, f"the cache key {path} is refused: it is a symlink"
    for _ in range(2):
        try:
            fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
        except FileNotFoundError:
            try:
                _create_key(path)
            except OSError as exc:
                return None, f"cannot create the cache key {path}: {exc.strerror or exc}"
            continue
        except OSError as exc:
            why = "it is a symlink" if os.path.islink(path) else exc.strerror or str(exc)
            return None, f"the cache key {path} is refused: {why}"
        try:
            problem = _check_key_file(os.fstat(fd))
            key = os.read(fd, KEY_BYTES + 1) if problem is None else b""
        finally:
            os.close(fd)
        if problem is None and len(key) != KEY_BYTES:
            problem = f"it holds {len(key)} bytes, not {KEY_BYTES}"
        if problem is not None:
            return None, f"the cache key {path} is refused: {problem}"
        return key, None
    return None, f"cannot create the cache key {path}"  # pragma: no cover - created, then gone at once


@dataclass(frozen=True)
class CacheFolder:
    """The cache folder this scan may use, and the key that seals its files."""

    path: Path
    key: bytes

    def sealer(self, domain: str, name: str) -> Any:
        """A keyed BLAKE2b fed the domain and name: update it with the file's bytes, piece by piece if streamed."""
        mac = blake2b(key=self.key, digest_size=SEAL_CHARS // 2)
        mac.update(f"{domain}\0{name}\0".encode("utf-8", "surrogateescape"))
        return mac

    def seal(self, domain: str, name: str, data: bytes) -> str:
        """The seal of `data` written as the cache file `name` of kind `domain`."""
        mac = self.sealer(domain, name)
        mac.update(data)
        return str(mac.hexdigest())

    def verifies(self, seal: str, domain: str, name: str, data: bytes) -> bool:
        return len(seal) == SEAL_CHARS and compare_digest(seal, self.seal(domain, name, data))

    def read(self, name: str, cap: int) -> bytes:
        """A file of the folder (OSError when missing, not a regular file, or over `cap`)."""
        return read_capped(self.path / name, cap)

    def identity(self, st: os.stat_result) -> bytes:
        """What the folder's marker seals: its path and the device and inode it has (a copy is another folder)."""
        return f"{os.path.abspath(self.path)}\0{st.st_dev}:{st.st_ino}".encode("utf-8", "surrogateescape")

    def marked(self, st: os.stat_result) -> bool:
        """Whether the folder (`st`: its lstat) holds a marker sealed over its identity with this key."""
        try:
            seal = self.read(MARKER, SEAL_CHARS).decode("ascii")
        except (OSError, ValueError):
            return False
        return self.verifies(seal, "folder", MARKER, self.identity(st))


def own_name(name: str) -> bool:
    """A name flasklint writes in its cache folder."""
    return name in (GITIGNORE, MARKER) or name.startswith(OWN_PREFIXES) or (name.startswith(".") and name.endswith(".tmp"))


_SEAL_HEAD = b',"seal":"'
_SEAL_TAIL = b'"}'
_SEALED_TAIL = len(_SEAL_HEAD) + SEAL_CHARS + len(_SEAL_TAIL)


def sealed_json(folder: CacheFolder, domain: str, name: str, document: bytes) -> tuple[bytes, str]:
    """(a JSON object's bytes (`{...}`, not empty) with a last member `"seal"` over everything before it, the seal).

    The seal is checked on the bytes as read, so nothing is encoded twice, and the file stays plain JSON.
    """
    body = document[:-1]
    seal = folder.seal(domain, name, body)
    return body + _SEAL_HEAD + seal.encode() + _SEAL_TAIL, seal


def verified_seal(folder: CacheFolder, domain: str, name: str, data: bytes) -> Optional[str]:
    """The seal of `data` when it is a JSON object written by `sealed_json` with this key, domain and name."""
    if len(data) <= _SEALED_TAIL or not data.endswith(_SEAL_TAIL):
        return None
    body, tail = data[:-_SEALED_TAIL], data[-_SEALED_TAIL:]
    if not tail.startswith(_SEAL_HEAD):
        return None
    seal = tail[len(_SEAL_HEAD):-len(_SEAL_TAIL)].decode("ascii", "replace")
    return seal if folder.verifies(seal, domain, name, body) else None
