"""A Trend as plain data (JSON, documented in docs/json-schema.md; the template context with
the line chart's geometry), and as terminal text (rich). Nothing is scored here."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from privacycheck.analysis.compare import Review
from privacycheck.analysis.trend import Trend
from privacycheck.reports.wording import LIMITATIONS, long_date, score_text, short_date

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console, RenderableType

    from privacycheck.reports.deliver import Destination

SCHEMA_VERSION = 1
TEMPLATES = {"md": "compare_trend.md.j2", "html": "compare_trend.html.j2"}
# one per section line, after the solid overall one: each section its own (the checklists have at most 8)
DASHES = ("6 3", "2 3", "8 3 2 3", "1 2", "10 2", "4 1 1 1", "12 3 3 3", "3 6")


def _review(review: Review) -> dict[str, Any]:
    r = review.result
    return {
        "file": str(review.path),
        "practice": r.assessment.practice,
        "date": r.assessment.date.isoformat(),
        "checklist": {"id": r.checklist.id, "version": r.checklist.version},
        "score": None if r.score is None else round(r.score, 1),
        "rating": r.rating,
        "open_items": len(r.plan),
        "critical_gaps": len(r.critical_gaps),
        "incomplete": r.incomplete,
    }


def to_json(trend: Trend) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "reviews": [_review(r) for r in trend.reviews],
        "sections": [{"id": s.id, "title": s.title, "scores": list(s.scores)} for s in trend.sections],
        "changes": [
            {"from": str(step.old.path), "to": str(step.new.path), "score_delta": step.score_delta,
             "resolved": step.ids("resolved"), "regressed": step.ids("regressed")}
            for step in trend.steps
        ],
        "open_longest": [
            {"item_id": s.item_id, "title": s.title, "severity": s.severity, "reviews": s.reviews,
             "since": s.since.isoformat()}
            for s in trend.open_longest
        ],
        "notes": list(trend.notes),
    }


def render_json(trend: Trend) -> str:
    return json.dumps(to_json(trend), indent=2, ensure_ascii=False) + "\n"


def chart(trend: Trend) -> dict[str, Any]:
    """A line chart: x one step per review, y the score from 0 to 100; a path per line
    (broken where a review has no score for it)."""
    left, right, top, bottom = 44.0, 500.0, 16.0, 176.0  # then a column for each line's own label
    n = len(trend.reviews)

    def x(i: int) -> float:
        return round(left + i * (right - left) / (n - 1), 1)

    def y(score: float) -> float:
        return round(bottom - score / 100 * (bottom - top), 1)

    def path(scores: list[float | None]) -> str:
        parts, pen = [], "M"
        for i, score in enumerate(scores):
            if score is None:
                pen = "M"
                continue
            parts.append(f"{pen} {x(i)} {y(score)}")
            pen = "L"
        return " ".join(parts)

    overall = trend.scores()
    lines = [{"label": "Overall", "path": path(overall), "dash": "", "overall": True,
              "points": [{"x": x(i), "y": y(s), "text": score_text(s)} for i, s in enumerate(overall)
                         if s is not None]}]
    for k, s in enumerate(trend.sections):
        lines.append({"label": s.title, "path": path(list(s.scores)), "dash": DASHES[k % len(DASHES)],
                      "overall": False, "points": []})
    # each line labelled at its right end, the labels moved apart so that none overlaps another
    ends: list[tuple[float, dict[str, Any]]] = []
    for line, scores in zip(lines, [overall, *[list(s.scores) for s in trend.sections]], strict=True):
        last = next((v for v in reversed(scores) if v is not None), None)
        if last is not None:
            ends.append((y(last) + 3, line))
    ends.sort(key=lambda end: end[0])
    below = -1e9
    for label_y, line in ends:
        below = max(label_y, below + 11)
        line["label_y"] = round(below, 1)
    return {
        "view_box": "0 0 660 214",
        "left": left, "right": right, "top": top, "bottom": bottom,
        "grid": [{"y": y(v), "label": f"{v}"} for v in (0, 50, 75, 90, 100)],
        "ticks": [{"x": x(i), "label": short_date(r.result.assessment.date)}
                  for i, r in enumerate(trend.reviews)],
        "lines": lines,
    }


def context(trend: Trend) -> dict[str, Any]:
    from privacycheck import __version__

    data = to_json(trend)
    latest = trend.reviews[-1].result.assessment
    return {
        **data,
        "practice": latest.practice,
        "first_date": data["reviews"][0]["date"],
        "last_date": data["reviews"][-1]["date"],
        "reviews": [{**r, "score_text": score_text(r["score"])} for r in data["reviews"]],
        "sections": [{**s, "texts": [score_text(v) for v in s["scores"]]} for s in data["sections"]],
        "changes": [{**c, "from_date": a["date"], "to_date": b["date"],  # on paper: titles, not ids
                     "resolved": [ch.title for ch in step.category("resolved")],
                     "regressed": [ch.title for ch in step.category("regressed")]}
                    for c, a, b, step in zip(data["changes"], data["reviews"], data["reviews"][1:], trend.steps,
                                             strict=False)],
        "chart": chart(trend),
        "generator": f"privacycheck {__version__}",
        "limitations": LIMITATIONS,
    }


def renderables(trend: Trend) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    from privacycheck.reports.summary import RATING_STYLE, _hanging, _heading

    reviews = trend.reviews
    latest = reviews[-1].result.assessment
    out: list[RenderableType] = [Text(f"{latest.practice}: {len(reviews)} reviews, "
                                      f"{long_date(reviews[0].result.assessment.date)} to "
                                      f"{long_date(latest.date)}", style="bold")]
    for note in trend.notes:
        out.append(Text(note, style="yellow"))
    out.append(_heading("Score and rating"))
    table = Table(box=None, show_header=True, pad_edge=False, padding=(0, 1), header_style="dim")
    table.add_column("Review", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Rating", no_wrap=True)
    table.add_column("Open", justify="right", no_wrap=True)
    for review, score in zip(reviews, trend.scores(), strict=True):
        r = review.result
        table.add_row(short_date(r.assessment.date), score_text(score),
                      Text(r.rating, style=RATING_STYLE.get(r.rating, "")), str(len(r.plan)))
    out.append(table)
    out.append(_heading("Sections"))
    sections = Table(box=None, show_header=True, pad_edge=False, padding=(0, 1), header_style="dim")
    sections.add_column("Section", overflow="fold")
    for review in reviews:
        sections.add_column(f"{review.result.assessment.date:%Y}", justify="right", no_wrap=True)
    for line_of in trend.sections:
        sections.add_row(Text(line_of.title), *[score_text(v) for v in line_of.scores])
    out.append(sections)
    out.append(_heading("Between reviews"))
    for step in trend.steps:
        a, b = step.old.result.assessment, step.new.result.assessment
        line = Text(f"{short_date(a.date)} → {short_date(b.date)}: ", style="bold")
        delta = step.score_delta
        line.append("score n/a" if delta is None else f"score {delta:+.1f}")
        resolved, regressed = step.category("resolved"), step.category("regressed")
        line.append(f"; {len(resolved)} resolved, {len(regressed)} regressed")
        out.append(line)
        rows: list[tuple[str, RenderableType]] = []
        for marker, changes in (("+", resolved), ("-", regressed)):
            for c in changes:
                item = step.new.result.checklist.item(c.item_id) or step.old.result.checklist.item(c.item_id)
                body = Text(item.title if item else c.question)
                body.append(f" {c.item_id}", style="dim")
                rows.append((marker, body))
        if rows:
            out.append(_hanging(rows))
    out.append(_heading("Open longest"))
    if not trend.open_longest:
        out.append(Text("Nothing is open in the latest review.", style="green"))
    streaks: list[tuple[str, RenderableType]] = []
    for streak in trend.open_longest:
        row = Text(streak.title)
        row.append(f"\n{streak.severity} · open in {streak.reviews} review"
                   f"{'s' if streak.reviews != 1 else ''} in a row, since {short_date(streak.since)}"
                   f" · {streak.item_id}", style="dim")
        streaks.append(("•", row))
    if streaks:
        out.append(_hanging(streaks))
    out.append(_heading("Limitations"))
    out.append(Text("Each review is scored against its own checklist with the method in the "
                    "README. " + LIMITATIONS, style="dim"))
    return out


def print_trend(trend: Trend, console: Console) -> None:
    from rich.console import Group

    console.print(Group(*renderables(trend)))


def render_txt(trend: Trend, width: int = 80) -> str:
    from privacycheck.reports.summary import plain_text

    return plain_text(lambda console: print_trend(trend, console), width)


def render(trend: Trend, fmt: str, templates: Path | None = None) -> str:
    """The trend in `fmt` (json, txt, md or html; `templates`: a folder overriding ours)."""
    from privacycheck.reports.deliver import rendered

    return rendered(trend, fmt, {"json": render_json, "txt": render_txt}, TEMPLATES, context, templates)


def write(paths: list[Path], dest: Destination) -> None:
    """The trend over three reviews or more (oldest first), shown or written."""
    from privacycheck.analysis.review import trend_files
    from privacycheck.reports.deliver import deliver

    trend = trend_files(paths)
    deliver(dest, lambda fmt: render(trend, fmt, dest.templates),
            lambda console: print_trend(trend, console),
            author=trend.reviews[-1].result.assessment.practice if trend.reviews else "")
