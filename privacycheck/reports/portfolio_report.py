"""A Portfolio as plain data (JSON and CSV, documented in docs/json-schema.md), as the
template context, and as terminal text (rich, imported only for txt). Nothing is scored here."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from privacycheck.analysis.compare import Review
from privacycheck.analysis.portfolio import RISK_ORDER, Portfolio
from privacycheck.files import clock
from privacycheck.files.safe_text import csv_cell, for_terminal

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import RenderableType

    from privacycheck.reports.deliver import Destination

SCHEMA_VERSION = 1
TEMPLATES = {"md": "portfolio.md.j2", "html": "portfolio.html.j2"}
TOP_GAPS = 10
CSV_COLUMNS = ("rank", "practice", "file", "date", "assessor", "checklist", "checklist_version",
               "score", "rating", "critical_gaps", "incomplete", "unanswered", "open_items",
               "overdue", "high_risks", "risk_analysis_complete", "error")


def overdue(entry: Review) -> int:
    """The practice's open actions whose due date has passed (today, on this machine)."""

    today = clock.today()
    return sum(1 for action in entry.result.plan if action.due < today)


def _row(rank: int, entry: Review) -> dict[str, Any]:
    from privacycheck.analysis.risk import analyse

    r = entry.result
    a = r.assessment
    analysis = analyse(r)
    return {
        "rank": rank,
        "practice": a.practice,
        "file": str(entry.path),
        "date": a.date.isoformat(),
        "assessor": a.assessor,
        "checklist": r.checklist.id,
        "checklist_version": r.checklist.version,
        "score": None if r.score is None else round(r.score, 1),
        "rating": r.rating,
        "critical_gaps": len(r.critical_gaps),
        "critical_items": [g.item.id for g in r.critical_gaps],
        "incomplete": r.incomplete,
        "unanswered": r.counts.unanswered,
        "open_items": len(r.plan),
        "overdue": overdue(entry),
        "high_risks": analysis.count("high"),
        "risk_analysis_complete": analysis.complete,
    }


def ratings(portfolio: Portfolio) -> dict[str, int]:
    """How many practices have each rating, riskiest first (ratings nobody has are left out)."""
    counts = {name: 0 for name in RISK_ORDER}
    for entry in portfolio.entries:
        counts[entry.result.rating] = counts.get(entry.result.rating, 0) + 1
    return {name: n for name, n in counts.items() if n}


def to_json(portfolio: Portfolio) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "practices": [_row(n, e) for n, e in enumerate(portfolio.entries, start=1)],
        "ratings": ratings(portfolio),
        "common_gaps": [
            {"item_id": g.item_id, "title": g.title, "question": g.question, "severity": g.severity,
             "count": g.count, "applicable": g.applicable}
            for g in portfolio.common_gaps
        ],
        "errors": [{"file": str(e.path), "message": e.message} for e in portfolio.errors],
        "superseded": [str(e.path) for e in portfolio.superseded],
        "skipped": [str(p) for p in portfolio.skipped],
    }


def render_json(portfolio: Portfolio) -> str:
    return json.dumps(to_json(portfolio), indent=2, ensure_ascii=False) + "\n"


def render_csv(portfolio: Portfolio) -> str:
    """One row per practice, riskiest first; then one row per file that could not be read."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for n, entry in enumerate(portfolio.entries, start=1):
        row = {**_row(n, entry), "error": ""}
        row["incomplete"] = "yes" if row["incomplete"] else "no"
        row["risk_analysis_complete"] = "yes" if row["risk_analysis_complete"] else "no"
        row["score"] = "" if row["score"] is None else f"{row['score']:.1f}"
        writer.writerow([csv_cell(row[c]) for c in CSV_COLUMNS])
    for error in portfolio.errors:
        writer.writerow(["" if c not in ("file", "error") else
                         csv_cell(str(error.path) if c == "file" else error.message) for c in CSV_COLUMNS])
    return buffer.getvalue()


def context(portfolio: Portfolio) -> dict[str, Any]:
    """What portfolio.md.j2 and portfolio.html.j2 are given."""
    from privacycheck import __version__
    from privacycheck.reports.wording import LIMITATIONS, long_date, score_text, text_bar

    data = to_json(portfolio)
    counts = data["ratings"]
    most = max(counts.values(), default=0)
    practices = [{**row, "file_name": Path(row["file"]).name, "score_text": score_text(row["score"]),
                  "bar": 0.0 if row["score"] is None else row["score"],
                  "bar_text": text_bar(row["score"])} for row in data["practices"]]
    dates = sorted(row["date"] for row in practices)
    return {
        **data,
        "practices": practices,
        "generator": f"privacycheck {__version__}",
        "top_gaps": data["common_gaps"][:TOP_GAPS],
        "chart": [{"rating": name, "count": n, "width": round(100 * n / most, 1) if most else 0}
                  for name, n in counts.items()],
        "first_date": dates[0] if dates else "",
        "last_date": dates[-1] if dates else "",
        "summary": summary(portfolio),
        "limitations": LIMITATIONS,
        # on paper, a review is its practice and date, and a file its name: no folder paths
        "superseded": [f"{e.result.assessment.practice}, {long_date(e.result.assessment.date)}"
                       for e in portfolio.superseded],
        "skipped": [Path(name).name for name in data["skipped"]],
    }


def summary(portfolio: Portfolio) -> str:
    n = len(portfolio.entries)
    text = f"{n} practice{'' if n == 1 else 's'}"
    if n:
        text += ": " + ", ".join(f"{k} {name}" for name, k in ratings(portfolio).items())
        critical = sum(1 for e in portfolio.entries if e.result.critical_gaps)
        text += f". {critical} with open critical gaps"
        incomplete = sum(1 for e in portfolio.entries if e.result.incomplete)
        if incomplete:
            text += f", {incomplete} incomplete"
    text += "."
    if portfolio.errors:
        k = len(portfolio.errors)
        text += f" {k} file{' could' if k == 1 else 's could'} not be read (listed below)."
    return text


# ---------------------------------------------------------------- text (rich)


def renderables(portfolio: Portfolio) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    from privacycheck.reports.summary import RATING_STYLE, _hanging, _heading
    from privacycheck.reports.wording import score_text, short_date

    out: list[RenderableType] = [Text("Portfolio of confidentiality self-assessments", style="bold"),
                                 Text(summary(portfolio))]
    if portfolio.entries:
        out.append(_heading("Practices, riskiest first"))
        table = Table(box=None, pad_edge=False, padding=(0, 1), header_style="dim")
        table.add_column("Practice", overflow="fold", ratio=1)
        table.add_column("Score", justify="right", no_wrap=True)
        table.add_column("Rating", no_wrap=True)
        table.add_column("Crit.", justify="right", no_wrap=True)
        table.add_column("Unans.", justify="right", no_wrap=True)
        for n, entry in enumerate(portfolio.entries, start=1):
            r = entry.result
            row = _row(n, entry)
            name = Text(r.assessment.practice)
            late = f" · {row['overdue']} overdue" if row["overdue"] else ""
            name.append(f"\n{short_date(r.assessment.date)} · v{r.checklist.version}{late}\n{entry.path}"
                        f"\n{row['high_risks']} high risk{'' if row['high_risks'] == 1 else 's'} · risk analysis "
                        f"{'complete' if row['risk_analysis_complete'] else 'not complete'}",
                        style="dim")
            name.plain = for_terminal(name.plain)  # measured as shown: stand-ins take a column
            table.add_row(name, score_text(r.score), Text(r.rating, style=RATING_STYLE.get(r.rating, "")),
                          str(len(r.critical_gaps)) if r.critical_gaps else "-",
                          str(r.counts.unanswered) if r.incomplete else "-")
        out.append(table)
        out.append(Text("Crit.: open critical gaps. Unans.: items not answered yet "
                        "(the review is incomplete). Overdue: actions past their due date.", style="dim"))
    gaps = portfolio.common_gaps[:TOP_GAPS]
    if gaps:
        out.append(_heading("Most often not fully in place"))
        out.append(_hanging([(f"{g.count}/{g.applicable}", Text.assemble(
            g.title, "\n", (f"{g.item_id} · {g.severity}", "dim"))) for g in gaps]))
        out.append(Text("n/m: open at n of the m practices it applies to.", style="dim"))
    if portfolio.superseded:
        out.append(Text("\nEarlier reviews left out (a later review of the same practice is "
                        "listed): " + ", ".join(str(e.path) for e in portfolio.superseded), style="dim"))
    if portfolio.skipped:
        out.append(Text("Not answers files, skipped: " + ", ".join(map(str, portfolio.skipped)),
                        style="dim"))
    if portfolio.errors:
        out.append(_heading("Files that could not be read"))
    return out


def print_portfolio(portfolio: Portfolio, console: Any) -> None:
    from rich.console import Group
    from rich.text import Text

    console.print(Group(*renderables(portfolio)))
    for error in portfolio.errors:  # one line each, however long, so that grep finds it whole
        console.print(Text(f"error: {error.message}"), soft_wrap=True)


def render_txt(portfolio: Portfolio, width: int = 80) -> str:
    from privacycheck.reports.summary import plain_text

    return plain_text(lambda console: print_portfolio(portfolio, console), width)


def render(portfolio: Portfolio, fmt: str, templates: Path | None = None) -> str:
    """The portfolio in `fmt` (json, csv, txt, md or html; `templates`: a folder overriding ours)."""
    from privacycheck.reports.deliver import rendered

    return rendered(portfolio, fmt, {"json": render_json, "csv": render_csv, "txt": render_txt},
                    TEMPLATES, context, templates)


def write(paths: Sequence[Path], dest: Destination, every_review: bool = False) -> Portfolio:
    """Score every answers file in `paths` (files or folders), show or write the portfolio, and
    return it (its `errors`: the files that could not be read, listed in it too)."""
    from privacycheck.analysis.portfolio import build
    from privacycheck.errors import PrivacycheckError
    from privacycheck.reports.deliver import deliver

    portfolio = build(paths, every_review=every_review)
    if not portfolio.entries and not portfolio.errors:
        where = ", ".join(str(p) for p in paths)
        raise PrivacycheckError(f"{where}: no answers files found (looked for *.toml)")
    deliver(dest, lambda fmt: render(portfolio, fmt, dest.templates),
            lambda console: print_portfolio(portfolio, console))
    return portfolio
