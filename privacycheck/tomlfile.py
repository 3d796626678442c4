"""Read TOML files, turning every way a file can be unreadable into one-line errors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from privacycheck.errors import PrivacycheckError

_AT = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")
_AT_END = re.compile(r"^(?P<msg>.*?)\s*\(at end of document\)$")


def read_text(path: Path, what: str = "file") -> str:
    """Return the UTF-8 text of `path`, or raise a one-line PrivacycheckError."""
    return _decode(_read_bytes(path, what), path)


def _read_bytes(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise PrivacycheckError(f"{path}: no such {what}") from None
    except IsADirectoryError:
        raise PrivacycheckError(f"{path}: is a directory, expected a TOML {what}") from None
    except PermissionError:
        raise PrivacycheckError(f"{path}: permission denied") from None
    except OSError as exc:
        raise PrivacycheckError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except ValueError:  # a NUL character in the name
        raise PrivacycheckError(f"{str(path)!r}: not a possible file name") from None


def _decode(data: bytes, path: Path) -> str:
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


def load(path: Path, what: str = "file", cached: bool = False) -> tuple[str, dict[str, Any]]:
    """Read and parse a TOML file; returns its text (for locating lines) and data.

    With `cached`, the parsed data is kept in the private cache (privacycheck.cache), keyed
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

    from privacycheck import cache

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
    parsed = parse(text, path)
    if entry is not None:
        import marshal

        try:
            payload = marshal.dumps(parsed)
        except ValueError:  # dates and times do not marshal; such a file is simply not cached
            return text, parsed
        cache.write(entry, digest, payload)
    return text, parsed


def line_of(text: str, pattern: str, start: int = 1) -> int | None:
    """The first line number (from `start`) whose text matches the regex `pattern`."""
    regex = re.compile(pattern)
    for number, line in enumerate(text.splitlines(), start=1):
        if number >= start and regex.search(line):
            return number
    return None
