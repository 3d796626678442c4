"""Writing command output: to stdout, or to a private file."""

from __future__ import annotations

import sys
from pathlib import Path

from privacycheck.answers import write_private


def emit(text: str, out: Path | None) -> None:
    """Print `text`, or write it to `out` (atomically, mode 0600) and say where it went."""
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_private(out, text)
    sys.stderr.write(f"Wrote {out}\n")
