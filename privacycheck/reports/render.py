"""Render a scored Result in any report format."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from privacycheck.analysis.scoring import Result
    from privacycheck.reports.deliver import Destination

FORMATS = ("txt", "html", "md", "json", "csv")  # the text formats; `report` also prints html to pdf
TEMPLATES = {"html": "report.html.j2", "md": "report.md.j2"}


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
        from privacycheck.reports.report_context import context
        from privacycheck.reports.templates import render_template
        from privacycheck.reports.wording import FILTERS

        return render_template(TEMPLATES[fmt], context(result), templates, filters=FILTERS)
    raise ValueError(f"unknown format {fmt!r}")


def write_report(path: Path, dest: Destination, checklist: str | None = None, full: bool = False,
                 risk_analysis: bool = False) -> Result:
    """Score the answers file at `path` (against `checklist`, else the one it names) and show
    or write its report, or with `risk_analysis` its risk analysis; the scored Result."""
    from privacycheck.analysis.review import score_file
    from privacycheck.reports.deliver import deliver

    result = score_file(path, checklist)
    if risk_analysis:  # a document to keep: no on-screen summary of it, its text on screen too
        from privacycheck.reports.risk_report import render as render_risk

        deliver(dest, lambda fmt: render_risk(result, fmt, dest.templates), author=_author(result), source=path)
        return result

    def show(console: Any) -> None:
        from privacycheck.reports.summary import show_report

        show_report(result, full=full, answers=path, console=console)

    deliver(dest, lambda fmt: render(result, fmt, dest.templates), show, author=_author(result), source=path)
    return result


def _author(result: Result) -> str:
    """A document's author: the practice, and who carried out the review."""
    a = result.assessment
    return f"{a.practice} ({a.assessor})" if a.assessor else a.practice
