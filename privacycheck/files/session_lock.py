"""One walk at a time on an answers file: a lock held for the whole session, so that a second
`assess --resume` (or `train --resume`) of the same file in another window is refused, with
who holds it, instead of each window silently overwriting the other's answers.

The lock is an fcntl lock on a hidden file beside the answers file (the answers file itself
is replaced by a rename at every save, so it cannot carry the lock). The system drops the
lock when the process ends, however it ends, so a crash never leaves the file locked.
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path

from privacycheck.errors import PrivacycheckError


class Held:
    """A lock on one answers file, released (and its lock file removed) when this is dropped."""

    def __init__(self, lock_path: Path, fd: int) -> None:
        self.lock_path = lock_path
        self._finalizer = weakref.finalize(self, _release, str(lock_path), fd)

    def release(self) -> None:
        self._finalizer()


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def hold(path: Path) -> Held | None:
    """Lock `path` for this session; PrivacycheckError naming the holder when another has it.
    None where no lock can be taken (no fcntl, a folder without write access): saving then
    says what is wrong."""
    try:
        import fcntl
    except ImportError:  # not on this system
        return None
    # The file, not the name: a review through a symbolic link (current.toml) and one of the
    # file it points to (clinics/2027/riverside.toml) take the same lock.
    target = lock_path(Path(os.path.realpath(path)))
    for _ in range(5):
        try:
            fd = os.open(target, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        except (OSError, ValueError):
            return None
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.read(fd, 300).decode("utf-8", "replace").strip() or "another process"
            os.close(fd)
            raise PrivacycheckError(
                f"{path}: open in another privacycheck session ({holder}); finish or stop "
                "that one first, so that neither overwrites the other's answers") from None
        try:
            same = os.stat(target).st_ino == os.fstat(fd).st_ino
        except OSError:
            same = False
        if not same:  # the holder removed it as we opened it: take the new one
            os.close(fd)
            continue
        _describe(fd)
        return Held(target, fd)
    return None


def _describe(fd: int) -> None:
    """Who holds the lock, for the message another session shows. Only a courtesy: where it
    cannot be written (a full disk), the lock holds all the same and saving says what is wrong."""
    import datetime as dt
    import socket

    started = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()}, since {started}\n".encode(), 0)
    except OSError:
        pass


def _release(lock_path: str, fd: int) -> None:
    try:
        os.unlink(lock_path)  # while still locked: nobody takes a lock on a removed file
    except OSError:
        pass
    os.close(fd)
