"""Writing command output: to stdout, or to a private file, named by a suffix we really write."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from privacycheck.errors import PrivacycheckError
from privacycheck.files.atomic import FILE_MODE, write_private

# The table that starts an answers file, a checklist or a training scenario.
_INPUT_FILE = re.compile(r"^[ \t]*\[(assessment|checklist|scenario)\][ \t]*(?:#.*)?$", re.MULTILINE)
_WHAT = {"assessment": "an answers file", "checklist": "a checklist", "scenario": "a training scenario"}

SUFFIXES = {".txt": "txt", ".json": "json", ".csv": "csv", ".html": "html", ".htm": "html",
            ".md": "md", ".pdf": "pdf", ".ics": "ics"}

# What the "Wrote FILE" line adds: how to open or print what was written.
HOW_TO_OPEN = {
    "html": "open it in a web browser, and print it from there to paper or PDF",
    "pdf": "open it in any PDF viewer, or print it",
    "md": "a Markdown viewer shows it formatted; any text editor opens it",
    "txt": "any text editor opens it, and prints it",
    "csv": "open it in a spreadsheet",
    "json": "for scripts; any text editor opens it",
    "ics": "import it into your calendar; importing a newer one updates its events",
}


def format_of(out: Path | None, fmt: str | None, formats: tuple[str, ...], command: str,
              default: str = "txt") -> str:
    """The format to write: -f, else the -o suffix, else `default`. A suffix we do not write, or
    one that disagrees with -f, is an error: never a file of one kind under another's name."""
    suffix = out.suffix.lower() if out is not None else ""
    by_suffix = SUFFIXES.get(suffix)
    names = ", ".join(f"-o FILE.{f}" for f in formats)
    if out is not None and suffix and (by_suffix is None or by_suffix not in formats):
        raise PrivacycheckError(f"{out}: {command} does not write {suffix} files; it writes "
                                f"{names}")
    chosen = fmt or by_suffix or default
    if chosen not in formats:
        raise PrivacycheckError(f"{out}: {command} writes {', '.join(formats)}; use -f to choose")
    if out is not None and by_suffix is not None and chosen != by_suffix:
        raise PrivacycheckError(f"{out}: -f {chosen} writes {chosen}, but the name ends in "
                                f"{suffix}: name it {out.with_suffix('.' + chosen).name}")
    return chosen


def umask_mode() -> int:
    """The mode a new file gets under the user's umask (0644 under the usual umask 022)."""
    mask = os.umask(0o077)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return 0o666 & ~mask


def _wrote(out: Path, fmt: str | None) -> None:
    from privacycheck.files.safe_text import for_terminal

    fmt = fmt or SUFFIXES.get(out.suffix.lower())
    hint = HOW_TO_OPEN.get(fmt or "")
    sys.stderr.write(for_terminal(f"Wrote {out}") + (f" ({hint})" if hint else "") + "\n")


def emit(text: str, out: Path | None, follow_umask: bool = False, fmt: str | None = None) -> None:
    """Print `text`, or write it to `out` (atomically; mode 0600, or with `follow_umask` the
    mode the user's umask gives) and say where it went and how to open it."""
    if out is None:
        if sys.stdout.isatty():  # a pipe or a file gets the data exactly; a terminal, no controls
            from privacycheck.files.safe_text import for_terminal

            text = for_terminal(text)
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    refuse_overwrite(out)
    write_private(out, text, umask_mode() if follow_umask else FILE_MODE)
    _wrote(out, fmt)


def emit_document(html_or_text: str, fmt: str, out: Path | None, follow_umask: bool = False,
                  paper: str | None = None, author: str = "",
                  source: tuple[str, bytes] | None = None) -> None:
    """`emit`, except that for fmt "pdf" the text is an HTML document printed to a PDF first
    (with `author`, and `source`, the answers file, attached)."""
    if fmt != "pdf":
        emit(html_or_text, out, follow_umask, fmt)
        return
    from privacycheck.reports import pdf

    if out is None:
        raise PrivacycheckError("a PDF is not shown on screen: give a file name, e.g. -o report.pdf")
    refuse_overwrite(out)
    data = pdf.html_to_pdf(html_or_text, paper or pdf.DEFAULT_PAPER, out, author, source)
    write_private(out, data, umask_mode() if follow_umask else FILE_MODE)
    _wrote(out, fmt)


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
