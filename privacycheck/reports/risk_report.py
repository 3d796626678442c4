"""Render the risk analysis and risk management plan (`report --risk-analysis`) in any format."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from privacycheck.analysis.scoring import Result

TEMPLATES = {"html": "risk_analysis.html.j2", "md": "risk_analysis.md.j2", "txt": "risk_analysis.txt.j2"}


def render(result: Result, fmt: str, templates: Path | None = None) -> str:
    from privacycheck.analysis.risk import analyse
    from privacycheck.reports import risk_context

    analysis = analyse(result)
    if fmt == "json":
        return risk_context.render_json(analysis)
    if fmt == "csv":
        return risk_context.render_csv(analysis)
    if fmt in TEMPLATES:
        from privacycheck.reports.templates import render_template

        text = render_template(TEMPLATES[fmt], risk_context.context(analysis), templates,
                               filters=risk_context.RISK_FILTERS)
        return "".join(line.rstrip() + "\n" for line in text.splitlines()) if fmt == "txt" else text
    raise ValueError(f"unknown format {fmt!r}")
