"""A Comparison as plain data (the JSON schema in docs/json-schema.md, the template context)
and as the terminal text (rich). Nothing is scored here."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from privacycheck.analysis.compare import (
    CATEGORIES,
    CATEGORY_TITLES,
    Comparison,
    ItemChange,
    Review,
)
from privacycheck.reports.wording import LABELS, LIMITATIONS, long_date, score_text

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import RenderableType

    from privacycheck.reports.deliver import Destination

SCHEMA_VERSION = 1
TEMPLATES = {"md": "compare.md.j2", "html": "compare.html.j2"}
# The JSON key of each category's list of item ids.
KEYS = {"resolved": "resolved", "regressed": "regressed", "still_open": "still_open",
        "new": "new_items", "removed": "removed_items", "now_applicable": "now_applicable",
        "not_applicable": "not_applicable", "in_place": "in_place"}
NOT_ASKED = "Not asked"


def status_label(status: str | None) -> str:
    return NOT_ASKED if status is None else LABELS.get(status, status)


def delta_text(delta: float | None) -> str:
    """+7.5, -2.0, 0.0 or n/a."""
    if delta is None:
        return "n/a"
    return "0.0" if delta == 0 else f"{delta:+.1f}"


def _review(review: Review) -> dict[str, Any]:
    r = review.result
    c = r.checklist
    return {
        "file": str(review.path),
        "practice": r.assessment.practice,
        "assessor": r.assessment.assessor,
        "date": r.assessment.date.isoformat(),
        "checklist": {"id": c.id, "title": c.title, "version": c.version, "sha256": c.sha256},
        "score": None if r.score is None else round(r.score, 1),
        "rating": r.rating,
        "critical_gaps": [g.item.id for g in r.critical_gaps],
        "incomplete": r.incomplete,
    }


def _item(c: ItemChange) -> dict[str, Any]:
    return {
        "item_id": c.item_id, "title": c.title, "question": c.question, "section": c.section_id,
        "severity": c.severity, "old_status": c.old_status, "new_status": c.new_status,
        "change": c.category, "why": c.why, "open_reviews": c.open_reviews or None,
    }


def to_json(comparison: Comparison) -> dict[str, Any]:
    cmp = comparison
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "old": _review(cmp.old),
        "new": _review(cmp.new),
        "score_delta": cmp.score_delta,
        "rating_changed": cmp.rating_changed,
        "checklist_differs": cmp.checklist_differs,
        "sections": [
            {"id": s.id, "title": s.title, "old_score": s.old_score, "new_score": s.new_score,
             "delta": s.delta}
            for s in cmp.sections
        ],
    }
    for category in CATEGORIES:
        data[KEYS[category]] = cmp.ids(category)
    data["items"] = [_item(c) for c in cmp.items]
    data["risks"] = [{"threat_id": r.threat_id, "title": r.title, "old_level": r.old_level,
                      "new_level": r.new_level, "change": r.change} for r in cmp.risks]
    data["history"] = [str(p) for p in cmp.history]
    data["notes"] = list(cmp.notes)
    return data


def render_json(comparison: Comparison) -> str:
    return json.dumps(to_json(comparison), indent=2, ensure_ascii=False) + "\n"


def context(comparison: Comparison) -> dict[str, Any]:
    """What compare.md.j2 and compare.html.j2 are given."""
    from privacycheck import __version__

    data = to_json(comparison)
    groups = []
    for category in CATEGORIES:
        rows = [{**_item(c), "old_label": status_label(c.old_status),
                 "new_label": status_label(c.new_status)} for c in comparison.category(category)]
        groups.append({"id": category, "title": CATEGORY_TITLES[category], "items": rows})
    return {
        **data,
        "generator": f"privacycheck {__version__}",
        "practice": comparison.new.result.assessment.practice,
        "old_score_text": score_text(comparison.old_score),
        "new_score_text": score_text(comparison.new_score),
        "delta_text": delta_text(comparison.score_delta),
        "sections": [{**s, "old_text": score_text(s["old_score"]), "new_text": score_text(s["new_score"]),
                      "delta_text": delta_text(s["delta"])} for s in data["sections"]],
        "groups": groups,
        "headline": headline(comparison),
        "limitations": LIMITATIONS,
    }


def headline(comparison: Comparison) -> str:
    """One plain sentence on the change."""
    cmp = comparison
    old_r, new_r = cmp.old.result.rating, cmp.new.result.rating
    delta = cmp.score_delta
    if delta is None:
        move = "The score cannot be compared (one review has no scored items)"
    elif delta > 0:
        move = f"The score rose by {delta:.1f} points"
    elif delta < 0:
        move = f"The score fell by {-delta:.1f} points"
    else:
        move = "The score is unchanged"
    rating = (f"the rating moved from {old_r} to {new_r}" if old_r != new_r
              else f"the rating stays {new_r}")
    counts = [f"{len(cmp.category(c))} {w}" for c, w in
              (("resolved", "resolved"), ("regressed", "regressed"), ("still_open", "still open"))]
    return f"{move}, and {rating}. Items: {', '.join(counts)}."


# ---------------------------------------------------------------- text (rich)


def _title(comparison: Comparison) -> str:
    a, b = comparison.old.result.assessment, comparison.new.result.assessment
    name = b.practice if a.practice == b.practice else f"{a.practice} / {b.practice}"
    return f"{name}: {long_date(a.date)} and {long_date(b.date)}"


def renderables(comparison: Comparison) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    from privacycheck.reports.summary import RATING_STYLE, _hanging, _heading

    cmp = comparison
    a, b = cmp.old.result, cmp.new.result
    out: list[RenderableType] = [Text(_title(cmp), style="bold")]
    checklist = f"Checklist: {b.checklist.id} {b.checklist.version}"
    if cmp.checklist_differs:
        checklist += f" (last time {a.checklist.id} {a.checklist.version})"
    out.append(Text(f"Comparing {cmp.old.path} with {cmp.new.path}\n{checklist}", style="dim"))
    out.append(Text(""))
    line = Text("Overall score ")
    line.append(f"{score_text(cmp.old_score)} → {score_text(cmp.new_score)}", style="bold")
    line.append(f" ({delta_text(cmp.score_delta)})")
    out.append(line)
    rating = Text("Rating ")
    rating.append(a.rating, style=RATING_STYLE.get(a.rating, ""))
    rating.append(" → ")
    rating.append(b.rating, style=RATING_STYLE.get(b.rating, ""))
    if not cmp.rating_changed:
        rating.append(" (unchanged)", style="dim")
    out.append(rating)
    out.append(Text(headline(cmp)))
    for note in cmp.notes:
        out.append(Text(note, style="yellow"))

    out.append(_heading("Sections"))
    table = Table(box=None, show_header=True, pad_edge=False, padding=(0, 1), header_style="dim")
    table.add_column("Section", overflow="fold")
    table.add_column("Before", justify="right", no_wrap=True)
    table.add_column("Now", justify="right", no_wrap=True)
    table.add_column("Change", justify="right", no_wrap=True)
    for s in cmp.sections:
        table.add_row(s.title, score_text(s.old_score), score_text(s.new_score), delta_text(s.delta))
    out.append(table)

    for category in CATEGORIES:
        changes = cmp.category(category)
        if category == "in_place":
            if changes:
                out.append(Text(f"\n{len(changes)} item{'s' if len(changes) != 1 else ''} in place "
                                "in both reviews.", style="dim"))
            continue
        if not changes and category not in ("resolved", "regressed", "still_open"):
            continue
        out.append(_heading(f"{CATEGORY_TITLES[category]} ({len(changes)})"))
        if not changes:
            out.append(Text("None.", style="dim"))
            continue
        rows: list[tuple[str, RenderableType]] = []
        for c in changes:
            body = Text(c.title)
            if c.old_status == c.new_status:
                body.append(f"\n{status_label(c.new_status)} in both")
            else:
                body.append(f"\n{status_label(c.old_status)} → {status_label(c.new_status)}")
            body.append(f" · {c.severity}", style="bold" if c.severity == "critical" else "")
            if c.open_reviews:
                body.append(f" · open {c.open_reviews} reviews in a row")
            if c.why:
                body.append(f" · {c.why}", style="dim")
            body.append(f"\n{c.item_id}", style="dim")
            rows.append(("•", body))
        out.append(_hanging(rows))
    moved = [r for r in cmp.risks if r.change in ("rose", "fell")]
    if cmp.risks:
        out.append(_heading(f"Risks that rose or fell ({len(moved)})"))
        out.append(_hanging([("•", Text(f"{r.title}: {r.old_level} → {r.new_level}"
                                        f" ({'rose' if r.change == 'rose' else 'fell'})"))
                             for r in moved]) if moved else Text("None.", style="dim"))
    if cmp.history:
        out.append(Text("\nEarlier reviews counted for \"open\": "
                        + ", ".join(str(p) for p in cmp.history), style="dim"))
    out.append(_heading("Limitations"))
    out.append(Text("Each review is scored against its own checklist with the method in the "
                    "README. " + LIMITATIONS, style="dim"))
    return out


def print_comparison(comparison: Comparison, console: Any) -> None:
    from rich.console import Group

    console.print(Group(*renderables(comparison)))


def render_txt(comparison: Comparison, width: int = 80) -> str:
    from privacycheck.reports.summary import plain_text

    return plain_text(lambda console: print_comparison(comparison, console), width)


def render(comparison: Comparison, fmt: str, templates: Path | None = None) -> str:
    """The comparison in `fmt` (json, txt, md or html; `templates`: a folder overriding ours)."""
    from privacycheck.reports.deliver import rendered

    return rendered(comparison, fmt, {"json": render_json, "txt": render_txt}, TEMPLATES, context,
                    templates)


def write(old: Path, new: Path, dest: Destination) -> None:
    """Compare two reviews (old first) and show or write the comparison."""
    from privacycheck.analysis.review import compare_files
    from privacycheck.reports.deliver import deliver

    comparison = compare_files(old, new)
    deliver(dest, lambda fmt: render(comparison, fmt, dest.templates),
            lambda console: print_comparison(comparison, console),
            author=comparison.new.result.assessment.practice)
