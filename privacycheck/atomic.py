"""Files written beside their final name and then renamed over it, so that nobody ever reads
half a file. (tempfile would do, but costs more start-up time than the rest of a report.)"""

from __future__ import annotations

import os


def create_beside(path: str, mode: int) -> tuple[int, str]:
    """Create a new empty file in the folder of `path`, open for writing with exactly `mode`
    (never wider than 0600 while it is being created); returns (file descriptor, its name).
    OSError as from os.open when the folder is missing or not writable."""
    folder, name = os.path.split(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        temporary = os.path.join(folder, f".{name}.{os.urandom(6).hex()}.tmp")
        try:
            fd = os.open(temporary, flags, 0o600)
        except FileExistsError:
            continue
        try:
            os.fchmod(fd, mode)
        except BaseException:
            os.close(fd)
            os.unlink(temporary)
            raise
        return fd, temporary
    raise FileExistsError(f"no free temporary name beside {path}")
