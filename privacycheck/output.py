"""Writing command output: to stdout, or to a private file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from privacycheck.answers import FILE_MODE, write_private


def umask_mode() -> int:
    """The mode a new file gets under the user's umask (0644 under the usual umask 022)."""
    mask = os.umask(0o077)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return 0o666 & ~mask


def emit(text: str, out: Path | None, follow_umask: bool = False) -> None:
    """Print `text`, or write it to `out` (atomically; mode 0600, or with `follow_umask` the
    mode the user's umask gives) and say where it went."""
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_private(out, text, umask_mode() if follow_umask else FILE_MODE)
    sys.stderr.write(f"Wrote {out}\n")
