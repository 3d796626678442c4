"""Read TOML files, turning every way a file can be unreadable into one-line errors."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from privacycheck.errors import PrivacycheckError

_AT = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")
_AT_END = re.compile(r"^(?P<msg>.*?)\s*\(at end of document\)$")


def read_text(path: Path, what: str = "file") -> str:
    """Return the UTF-8 text of `path`, or raise a one-line PrivacycheckError."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PrivacycheckError(f"{path}: no such {what}") from None
    except IsADirectoryError:
        raise PrivacycheckError(f"{path}: is a directory, expected a TOML {what}") from None
    except PermissionError:
        raise PrivacycheckError(f"{path}: permission denied") from None
    except OSError as exc:
        raise PrivacycheckError(f"{path}: cannot read: {exc.strerror or exc}") from None
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
    try:
        return tomllib.loads(text)
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


def load(path: Path, what: str = "file") -> tuple[str, dict[str, Any]]:
    """Read and parse a TOML file; returns its text (for locating lines) and data."""
    text = read_text(path, what)
    return text, parse(text, path)


def line_of(text: str, pattern: str, start: int = 1) -> int | None:
    """The first line number (from `start`) whose text matches the regex `pattern`."""
    regex = re.compile(pattern)
    for number, line in enumerate(text.splitlines(), start=1):
        if number >= start and regex.search(line):
            return number
    return None
