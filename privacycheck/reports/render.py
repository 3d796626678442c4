"""Render a scored Result in any report format."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from privacycheck.analysis.scoring import Result

FORMATS = ("txt", "html", "md", "json", "csv")  # the text formats; `report` also prints html to pdf
TEMPLATES = {"html": "report.html.j2", "md": "report.md.j2"}


def guess_format(out: Path | None, default: str = "txt") -> str:
    """The text format an -o name asks for (an unknown suffix is an error: output.format_of)."""
    from privacycheck.reports.output import format_of

    return format_of(out, None, FORMATS, "report", default)


def render(result: Result, fmt: str, templates: Path | None = None, width: int = 80) -> str:
    if fmt == "json":
        from privacycheck.reports.report_data import render_json

        return render_json(result)
    if fmt == "csv":
        from privacycheck.reports.report_data import render_csv

        return render_csv(result)
    if fmt == "txt":
        from privacycheck.reports.summary import render_txt

        return render_txt(result, width=width)
    if fmt in TEMPLATES:
        from privacycheck.reports.report_context import FILTERS, context
        from privacycheck.reports.templates import render_template

        return render_template(TEMPLATES[fmt], context(result), templates, filters=FILTERS)
    raise ValueError(f"unknown format {fmt!r}")
