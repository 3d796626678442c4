"""A private, self-checking cache of work that is slow to redo: parsed checklists, compiled templates.

Entries live in $XDG_CACHE_HOME/privacycheck (else ~/.cache/privacycheck), a folder only the
user can open (0700), each entry a file only the user can read (0600). An entry carries the
digest of its source and of its own payload, and the versions of privacycheck and Python that
wrote it: anything that does not match exactly (a changed file, a damaged entry, an upgrade)
is ignored and rewritten. Any problem with the folder (missing HOME, read-only disk, someone
else's folder) just means no cache. Set PRIVACYCHECK_NO_CACHE=1 to do without it.
"""

from __future__ import annotations

import os
import sys

from privacycheck import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

_MAGIC = b"privacycheck-cache 1\n"
_TAG = f"{__version__} {sys.version} {sys.implementation.cache_tag}".encode()
_DIGEST = 32  # sha256


def folder(kind: str) -> Path | None:
    """The cache folder for `kind` (created 0700), or None when there is no usable one."""
    if os.environ.get("PRIVACYCHECK_NO_CACHE"):
        return None
    from pathlib import Path

    base = os.environ.get("XDG_CACHE_HOME", "")
    try:
        root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
        path = root / "privacycheck" / kind
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        for level in (path.parent, path):
            info = level.lstat()
            if not _private_folder(level, info):
                return None
    except (OSError, RuntimeError):  # RuntimeError: no home folder to be found
        return None
    return path


def _private_folder(path: Path, info: os.stat_result) -> bool:
    """A real folder of this user that nobody else can open (made so if need be)."""
    import stat

    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        return False
    if info.st_mode & 0o077:
        os.chmod(path, 0o700)
    return True


def _sha256(data: bytes) -> bytes:
    import hashlib

    return hashlib.sha256(data).digest()


def read(path: Path, source_digest: bytes) -> bytes | None:
    """The payload stored at `path` for a source with `source_digest`, or None if absent,
    stale or damaged."""
    try:
        with open(path, "rb") as handle:
            blob = handle.read()
    except OSError:
        return None
    head = _MAGIC + _TAG + b"\n" + source_digest
    if not blob.startswith(head) or len(blob) < len(head) + _DIGEST:
        return None
    stored = blob[len(head):len(head) + _DIGEST]
    payload = blob[len(head) + _DIGEST:]
    return payload if _sha256(payload) == stored else None


def write(path: Path, source_digest: bytes, payload: bytes) -> None:
    """Store `payload` for a source with `source_digest` (atomically, mode 0600); never fails."""
    from privacycheck.files.atomic import create_beside

    blob = _MAGIC + _TAG + b"\n" + source_digest + _sha256(payload) + payload
    try:
        fd, tmp = create_beside(str(path), 0o600)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def entry(kind: str, *key: str) -> Path | None:
    """The cache file for `key` within `kind`, or None when there is no cache."""
    where = folder(kind)
    if where is None:
        return None
    name = _sha256("\0".join(key).encode("utf-8", "surrogatepass")).hex()[:40]
    return where / name
