"""Read TOML files, turning every way a file can be unreadable into one-line errors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from privacycheck.errors import PrivacycheckError

_AT = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")
_AT_END = re.compile(r"^(?P<msg>.*?)\s*\(at end of document\)$")


# The most a reader takes from one file: far more than any real one (the bundled checklist
# is about 100 KB, a 20,000-item checklist about 10 MB), and a bound on memory for the rest.
MAX_BYTES = {"answers file": 16 << 20, "checklist file": 64 << 20, "scenario file": 64 << 20,
             "report template": 4 << 20}
DEFAULT_MAX_BYTES = 16 << 20


def read_text(path: Path, what: str = "file") -> str:
    """Return the UTF-8 text of `path`, or raise a one-line PrivacycheckError."""
    return _decode(_read_bytes(path, what), path)


def read_bytes(path: Path, what: str = "file", limit: int | None = None) -> bytes:
    """The bytes of the regular file `path`, at most `limit` (by default MAX_BYTES[what]).

    Files come from others: only a regular file is read (checked on the opened file, so a
    FIFO, a device or a folder under a .toml name is refused, and opening never blocks),
    and never more than the limit. Any problem is a one-line PrivacycheckError."""
    return _read_bytes(path, what, limit)


def _read_bytes(path: Path, what: str, limit: int | None = None) -> bytes:
    import os
    import stat

    limit = MAX_BYTES.get(what, DEFAULT_MAX_BYTES) if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise PrivacycheckError(f"{path}: no such {what}") from None
    except IsADirectoryError:
        raise PrivacycheckError(f"{path}: is a directory, expected a TOML {what}") from None
    except PermissionError:
        raise PrivacycheckError(f"{path}: permission denied") from None
    except OSError as exc:  # a symlink loop, a name too long, ...
        raise PrivacycheckError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except ValueError:  # a NUL character in the name
        raise PrivacycheckError(f"{str(path)!r}: not a possible file name") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise PrivacycheckError(f"{path}: is a directory, expected a TOML {what}")
        if not stat.S_ISREG(info.st_mode):
            kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else
                    "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else
                    "not a regular file")
            raise PrivacycheckError(f"{path}: is {kind}, expected a TOML {what}")
        if info.st_size > limit:
            raise PrivacycheckError(f"{path}: too large for a {what} "
                                    f"({info.st_size:,} bytes; the most read is {limit:,})")
        chunks = []
        size = 0
        while size <= limit:  # the size may have changed since fstat
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise PrivacycheckError(f"{path}: too large for a {what} (the most read is {limit:,} bytes)")
        return b"".join(chunks)
    except OSError as exc:
        raise PrivacycheckError(f"{path}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _decode(data: bytes, path: Path) -> str:
    if data.startswith(b"\xef\xbb\xbf"):  # a byte-order mark, as some Windows editors write
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise PrivacycheckError(
            f"{path}: line {line}, column {col}: not valid UTF-8 text"
        ) from None


def parse(text: str, path: Path) -> dict[str, Any]:
    """Parse TOML text; a syntax error names the file, line and column."""
    import tomllib

    try:
        return tomllib.loads(text)
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        raise PrivacycheckError(f"{path}: invalid TOML: lists or tables nested too deeply") from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _AT.match(message)
        if match:
            raise PrivacycheckError(
                f"{path}: line {match['line']}, column {match['col']}: "
                f"invalid TOML: {match['msg']}"
            ) from None
        match = _AT_END.match(message)
        if match:
            last = text.count("\n") + 1
            raise PrivacycheckError(
                f"{path}: line {last}: invalid TOML at end of file: {match['msg']}"
            ) from None
        raise PrivacycheckError(f"{path}: invalid TOML: {message}") from None
    except ValueError:  # an integer of thousands of digits, which int() refuses to convert
        raise PrivacycheckError(f"{path}: invalid TOML: a number too long to read") from None


def load(path: Path, what: str = "file", cached: bool = False) -> tuple[str, dict[str, Any]]:
    """Read and parse a TOML file; returns its text (for locating lines) and data.

    With `cached`, the parsed data is kept in the private cache (privacycheck.files.cache), keyed
    by the file's path and checked against the digest of its bytes, so a file that has not
    changed since it was last read is not parsed again (the bundled checklist takes longer
    to parse than all the rest of a report). Worth it for files read often and rarely
    changed: checklists, not answers files.
    """
    data = _read_bytes(path, what)
    text = _decode(data, path)
    if not cached:
        return text, parse(text, path)
    import os

    from privacycheck.files import cache

    entry = cache.entry("toml", os.path.abspath(path))
    digest = b""
    if entry is not None:
        import hashlib
        import marshal

        digest = hashlib.sha256(data).digest()
        payload = cache.read(entry, digest)
        if payload is not None:
            try:
                value = marshal.loads(payload)
            except (EOFError, ValueError, TypeError):
                value = None
            if isinstance(value, dict):
                return text, value
            if isinstance(value, tuple) and len(value) == 2 and value[0] == "with dates" and isinstance(value[1], dict):
                return text, _thaw(value[1])
    parsed = parse(text, path)
    if entry is not None:
        import marshal

        try:
            payload = marshal.dumps(parsed)
        except ValueError:  # dates and times: kept as tagged text (and turned back when read)
            try:
                payload = marshal.dumps(("with dates", _freeze(parsed)))
            except ValueError:  # a value marshal cannot hold: such a file is simply not cached
                return text, parsed
        cache.write(entry, digest, payload)
    return text, parsed


def _freeze(value: Any) -> Any:
    """Parsed TOML with its dates and times as ("date", "2026-12-03") tuples, which marshal
    can keep (TOML has no tuples, so a tuple in the cache is always one of these)."""
    import datetime as dt

    if isinstance(value, dict):
        return {key: _freeze(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_freeze(item) for item in value]
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return (type(value).__name__, value.isoformat())
    return value


def _thaw(value: Any) -> Any:
    import datetime as dt

    if isinstance(value, dict):
        return {key: _thaw(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_thaw(item) for item in value]
    if isinstance(value, tuple) and len(value) == 2:
        if value[0] == "datetime":
            return dt.datetime.fromisoformat(value[1])
        if value[0] == "date":
            return dt.date.fromisoformat(value[1])
        if value[0] == "time":
            return dt.time.fromisoformat(value[1])
    return value


_split: tuple[str, list[str]] = ("", [])  # the last text split into lines, and its lines


def line_of(text: str, pattern: str, start: int = 1) -> int | None:
    """The first line number (from `start`) whose text matches the regex `pattern`.

    The text is split once (the last one is remembered) and searched from `start`, so that a
    reader that walks a file's tables in order stays linear in its length."""
    global _split
    if _split[0] is not text:
        _split = (text, text.splitlines())
    lines = _split[1]
    regex = re.compile(pattern)
    for number in range(max(start, 1), len(lines) + 1):
        if regex.search(lines[number - 1]):
            return number
    return None
