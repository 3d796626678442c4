"""Writing command output: to stdout, or to a private file."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from privacycheck.answers import FILE_MODE, write_private
from privacycheck.errors import PrivacycheckError

# The table that starts an answers file, a checklist or a training scenario.
_INPUT_FILE = re.compile(r"^[ \t]*\[(assessment|checklist|scenario)\][ \t]*(?:#.*)?$", re.MULTILINE)
_WHAT = {"assessment": "an answers file", "checklist": "a checklist", "scenario": "a training scenario"}


def umask_mode() -> int:
    """The mode a new file gets under the user's umask (0644 under the usual umask 022)."""
    mask = os.umask(0o077)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return 0o666 & ~mask


def emit(text: str, out: Path | None, follow_umask: bool = False) -> None:
    """Print `text`, or write it to `out` (atomically; mode 0600, or with `follow_umask` the
    mode the user's umask gives) and say where it went."""
    if out is None:
        if sys.stdout.isatty():  # a pipe or a file gets the data exactly; a terminal, no controls
            from privacycheck.safe_text import for_terminal

            text = for_terminal(text)
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    refuse_overwrite(out)
    write_private(out, text, umask_mode() if follow_umask else FILE_MODE)
    from privacycheck.safe_text import for_terminal

    sys.stderr.write(for_terminal(f"Wrote {out}") + "\n")


def refuse_overwrite(out: Path) -> None:
    """Refuse to write over an existing answers file, checklist or scenario: output never
    replaces what a command (this one or another) reads."""
    try:
        if not out.is_file():
            return
        fd = os.open(out, os.O_RDONLY | os.O_NONBLOCK)
        try:
            head = os.read(fd, 1 << 20).decode("utf-8", "replace")
        finally:
            os.close(fd)
    except (OSError, ValueError):
        return  # not readable: writing will say what is wrong
    match = _INPUT_FILE.search(head)
    if match:
        raise PrivacycheckError(f"{out}: is {_WHAT[match[1]]}, which privacycheck never writes "
                                "over; give the output another name with -o")
