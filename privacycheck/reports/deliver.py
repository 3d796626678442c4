"""A document shown on screen or written in the format asked for: the one dispatch that the
report, compare, trend, portfolio and plan commands share."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from privacycheck.model.record import record

T = TypeVar("T")


@record
class Destination:
    """Where a document goes, from the output options: -f (already checked against the
    command's formats), -o, --templates, --follow-umask and --paper."""

    fmt: str
    out: Path | None = None
    templates: Path | None = None
    follow_umask: bool = False
    paper: str | None = None

    @property
    def on_screen(self) -> bool:
        """Text for a person at the terminal (rich), rather than a file or a pipe."""
        return self.fmt == "txt" and self.out is None


def deliver(dest: Destination, text: Callable[[str], str],
            show: Callable[[Any], None] | None = None, author: str = "",
            source: Path | None = None) -> None:
    """Write `text(fmt)`, where a PDF is printed from the HTML that text("html") returns (its
    author `author`, and the answers file `source` attached to it); on screen, `show(console)`
    instead where the document has a view of its own for the terminal (without one, its text
    goes to the screen)."""
    if dest.on_screen and show is not None:
        from privacycheck.files.safe_text import console

        show(console())
        return
    from privacycheck.reports.output import emit_document

    attached = None
    if source is not None and dest.fmt == "pdf":
        from privacycheck.files import tomlfile

        attached = (source.name, tomlfile.read_bytes(source, "answers file"))
    emit_document(text("html" if dest.fmt == "pdf" else dest.fmt), dest.fmt, dest.out,
                  follow_umask=dest.follow_umask, paper=dest.paper, author=author, source=attached)


def rendered(data: T, fmt: str, own: Mapping[str, Callable[[T], str]], templates: Mapping[str, str],
             context: Callable[[T], dict[str, Any]], folder: Path | None = None) -> str:
    """`data` in `fmt`: by its module's own renderer for that format (json, txt, csv, ...), else
    by the bundled template for it (md, html), or the one in `folder` (--templates) that
    overrides it."""
    if fmt in own:
        return own[fmt](data)
    from privacycheck.reports.templates import render_template
    from privacycheck.reports.wording import FILTERS

    return render_template(templates[fmt], context(data), folder, filters=FILTERS)
