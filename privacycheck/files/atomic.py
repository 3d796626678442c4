"""Files written beside their final name and then renamed over it, so that nobody ever reads
half a file. (tempfile would do, but costs more start-up time than the rest of a report.)

Every file privacycheck writes (answers, reports, kits, plans) goes through write_private."""

from __future__ import annotations

import os
from pathlib import Path

from privacycheck.errors import PrivacycheckError

FILE_MODE = 0o600  # what privacycheck writes is private to the user: answers, reports, kits


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


def write_private(path: Path, text: str | bytes, mode: int = FILE_MODE) -> None:
    """Atomically replace `path` with `text` (or bytes, e.g. a PDF), created with `mode` (0600 by default).

    A FIFO or a character device at `path` (e.g. /dev/null, or a pipe from the shell) is
    written into, never renamed over; any other kind of file that is not a regular one is
    refused. A write that fails (a full disk) leaves the file that was there as it was.
    A symbolic link is written through: the file it points to is replaced, and the link stays
    (so that every name of the file, and every command reading it, sees the change)."""
    if os.path.islink(path):
        path = Path(os.path.realpath(path))
    folder = path.parent if str(path.parent) else Path(".")
    if _write_into_special(path, text):
        return
    try:
        fd, tmp = create_beside(str(folder / path.name), mode)
    except FileNotFoundError:
        raise PrivacycheckError(f"{path}: folder {folder} does not exist") from None
    except PermissionError:
        raise PrivacycheckError(f"{path}: cannot write in folder {folder}: permission denied") from None
    except OSError as exc:  # the folder is a file, the name is too long, ...
        raise PrivacycheckError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except ValueError:  # a NUL character in the name
        raise PrivacycheckError(f"{str(path)!r}: not a possible file name") from None
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.is_dir():
            raise PrivacycheckError(f"{path}: is a directory")
        os.replace(tmp, path)
    except OSError as exc:  # ENOSPC, EDQUOT, EIO: the old file (if any) is untouched
        Path(tmp).unlink(missing_ok=True)
        raise PrivacycheckError(f"{path}: could not be saved: {exc.strerror or exc}; "
                                "the file that was there (if any) is unchanged") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _write_into_special(path: Path, text: str | bytes) -> bool:
    """Write `text` into a FIFO or character device at `path` (True), or refuse another kind
    of file that is not a regular one; False when `path` is a regular file or absent."""
    import stat

    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return False  # absent, or a name the normal path reports on
    if stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode):
        return False
    if not (stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)):
        raise PrivacycheckError(f"{path}: is not a regular file, a pipe or a terminal; "
                                "not written")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:  # ENXIO: a FIFO nobody is reading from
        raise PrivacycheckError(f"{path}: cannot write into it: {exc.strerror or exc}") from None
    try:
        os.set_blocking(fd, True)
        data = text.encode("utf-8") if isinstance(text, str) else text
        while data:
            data = data[os.write(fd, data):]
    except OSError as exc:
        raise PrivacycheckError(f"{path}: could not be written: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    return True
