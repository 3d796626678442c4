"""What every report template is given: a scored Result as plain data (the JSON report,
plus section titles, labels, plain-language sentences and chart geometry). No scoring here."""

from __future__ import annotations

import math
from typing import Any

from privacycheck import __version__
from privacycheck.analysis.risk import next_review
from privacycheck.analysis.scoring import BANDS, CAP, CREDIT, DUE_RULE, WEIGHT, Result, per_week
from privacycheck.model.record import replace
from privacycheck.reports.report_data import TWELVE_MONTHS, held_a_year, to_json
from privacycheck.reports.wording import (
    LABELS,
    LIMITATIONS,
    STATUS_TEXT,
    finding,
    score_text,
    text_bar,
)

TOP_ACTIONS = 5  # page one lists at least this many first actions (all critical gaps first)
MAX_FIRST = 8  # and at most this many, so that it stays one page; "and N more: plan #9-#15"

RATING_MEANING = {
    "Strong": "Confidentiality safeguards are in place across the practice. "
              "Keep them up, and review them once a year.",
    "Managed": "Most safeguards are in place. A few gaps remain; the plan lists them "
               "in the order to close them.",
    "Developing": "Many safeguards are in place, but some gaps matter. "
                  "Work through the plan from the top.",
    "At risk": "Important safeguards are missing. Start with the first actions below, "
               "then work through the plan in order.",
    "Not rated": "No item could be scored: every item was marked not applicable.",
}

STATUS_PHRASES = (  # how the first page counts the answers, in this order
    ("yes", "in place"), ("partial", "partly in place"), ("no", "not in place"),
    ("unknown", "not known"), ("unanswered", "not answered yet"),
)
def _sentence_list(parts: list[str]) -> str:
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


GAUGE_LABEL = 21  # viewBox units; the gauge is 272 units wide


def gauge(score: float | None) -> dict[str, Any]:
    """A half-circle gauge: its viewBox, the track, the filled arc and the band ticks."""
    cx, cy, r = 100.0, 110.0, 80.0

    def point(value: float, radius: float = r) -> tuple[float, float]:
        angle = math.pi * (1 - value / 100)
        return round(cx + radius * math.cos(angle), 2), round(cy - radius * math.sin(angle), 2)

    start = point(0)
    end = point(100)
    track = f"M {start[0]} {start[1]} A {r} {r} 0 0 1 {end[0]} {end[1]}"
    value = ""
    if score is not None and score > 0:
        x, y = point(min(score, 99.99))
        value = f"M {start[0]} {start[1]} A {r} {r} 0 0 1 {x} {y}"
    ticks = []
    for floor, _name in BANDS[:-1]:
        x1, y1 = point(floor, r - 13)
        x2, y2 = point(floor, r + 13)
        tx, ty = point(floor, r + 28)
        ticks.append({"x1": x1, "y1": y1, "x2": x2, "y2": y2, "label": f"{floor:.0f}",
                      "tx": tx, "ty": ty})
    # labels of 21 units print at about 8 pt in the 12rem-wide gauge (9 pt type: 108 pt for 272 units)
    return {"view_box": "-36 -24 272 148", "cx": cx, "cy": cy, "r": r, "label_size": GAUGE_LABEL,
            "track": track, "value": value, "ticks": ticks}


def first_actions(plan: list[Any], critical: int) -> tuple[list[Any], dict[str, int] | None]:
    """The one list page one shows (critical gaps first, as the plan orders them) and what it
    leaves out: {"count", "first", "last", "critical"} (the ranks of the rest), or None."""
    shown = plan[:min(max(TOP_ACTIONS, critical), MAX_FIRST)]
    rest = len(plan) - len(shown)
    if not rest:
        return shown, None
    return shown, {"count": rest, "first": len(shown) + 1, "last": len(plan),
                   "critical": max(0, critical - len(shown))}


def headline(result: Result) -> str:
    """The verdict in one line, or, while items are unanswered, that there is none yet."""
    n = result.counts
    if result.incomplete:
        return (f"Review incomplete: {n.answered} of {n.applicable} applicable items answered. "
                f"Score so far {score_text(result.score)} / 100, provisional rating {result.rating}.")
    if result.score is None:
        return "Not rated: every item that applies was marked not applicable."
    return f"Overall score {score_text(result.score)} / 100 · Rating: {result.rating}"


def context(result: Result) -> dict[str, Any]:
    """Everything a report template may use; docs/reports.md lists each name."""
    data = to_json(result)
    plan = _plan(result, data)
    by_item = {row["item_id"]: row for row in plan}
    all_counted = [r for r in result.items if r.counted]
    first, more = first_actions(plan, len(result.critical_gaps))
    return {
        "report": data,
        "generator": f"privacycheck {__version__}",
        "practice": data["practice"],
        "assessor": data["assessor"],
        "date": data["date"],
        "checklist": data["checklist"],
        "checklist_changed": data["checklist_changed"],
        "unknown_items": data["unknown_items"],
        "score": data["score"],
        "score_text": score_text(result.score),
        "rating": result.rating,
        "band_rating": result.band_rating,
        "rating_capped": result.capped,
        "rating_note": rating_note(result),
        "incomplete": result.incomplete,
        "provisional": result.incomplete,  # the rating stands only once every item has an answer
        "headline": headline(result),
        "counts": {**data["items"], **_tally(result)},
        "answers_sentence": _answers_sentence(result),
        "risk_summary": data["risk"]["summary"],  # one paragraph; "" without a threat catalog
        "contradictions": data["risk"]["contradictions"],  # the inventory and the answers disagree
        "sections": _sections(result, data, plan),
        "critical_findings": [by_item[r.item.id] for r in result.critical_gaps],
        "top_actions": plan[:TOP_ACTIONS],
        "first_actions": first,  # page one's one list: critical gaps first, then the next actions
        "more_actions": more,  # what that list leaves out, or None
        "plan": plan,
        "profile": _profile(result),
        "totals": {"weight": sum(r.weight for r in all_counted),
                   "points": sum(r.points for r in all_counted)},
        "method": data["method"],
        "cap": CAP,
        "weights": dict(WEIGHT),
        "credits": [{"status": s, "label": LABELS[s], "credit": CREDIT[s]}
                    for s in ("yes", "partial", "no", "unknown", "unanswered")],
        "bands": [{"floor": floor, "rating": name} for floor, name in BANDS],
        "due_rule": DUE_RULE.format(per_week=per_week(result.assessment)),
        "twelve_months": held_a_year(result),
        "next_review": next_review(result.assessment.date).isoformat(),
        "twelve_months_why": TWELVE_MONTHS,
        "limitations": LIMITATIONS,
        "gauge": gauge(result.score),
    }


def _plan(result: Result, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The JSON plan rows, with what a printed table needs besides."""
    titles = {s.section.id: s.section.title for s in result.sections}
    rows = []
    for action, row in zip(result.plan, data["remediation"], strict=True):
        answer = action.result.answer
        rows.append({
            **row,
            "note": answer.note.strip() if answer else "",
            "section_title": titles[row["section"]],
            "status_label": LABELS[row["status"]],
            "status_text": STATUS_TEXT.get(row["status"], LABELS[row["status"]]),
            "agreed_due": answer.due.isoformat() if answer and answer.due else "",
            "finding_short": finding(replace(action.result, answer=None)),  # without the note
        })
    return rows


def _sections(result: Result, data: dict[str, Any], plan: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The JSON sections, each with its items (the JSON answers) and its sums of points."""
    ranks = {row["item_id"]: row["rank"] for row in plan}
    answers = {row["item_id"]: row for row in data["answers"]}
    sections = []
    for s, summary in zip(result.sections, data["sections"], strict=True):
        counted = [r for r in s.items if r.counted]
        sections.append({
            **summary,
            "score_text": score_text(s.score),
            "open": sum(1 for r in s.items if r.open),
            "weight": sum(r.weight for r in counted),
            "points": sum(r.points for r in counted),
            "bar": 0.0 if s.score is None else round(s.score, 1),
            "bar_text": text_bar(s.score),
            "items": [{**answers[r.item.id], "status_label": LABELS[r.status],
                       "effort": r.item.effort, "counted": r.counted,
                       "rank": ranks.get(r.item.id)} for r in s.items],
        })
    return sections


def _tally(result: Result) -> dict[str, int]:
    """How many applicable items have each answer, and how many are to verify."""
    tally = {status: 0 for status, _ in STATUS_PHRASES}
    for r in result.items:
        if r.status in tally:
            tally[r.status] += 1
    return {**tally, "verify": tally["unknown"] + tally["unanswered"]}


def _answers_sentence(result: Result) -> str:
    tally = _tally(result)
    parts = [(tally[s], phrase) for s, phrase in STATUS_PHRASES if tally[s]]
    words = [f"{n} {phrase}" for n, phrase in parts]
    if parts:
        words[0] = f"{parts[0][0]} {'is' if parts[0][0] == 1 else 'are'} {parts[0][1]}"
    n = result.counts
    if not words:
        return "Every item that applies to this practice was marked not applicable."
    text = f"Of the {n.applicable} safeguards that apply to this practice, {_sentence_list(words)}."
    if n.not_applicable:
        verb = "is" if n.not_applicable == 1 else "are"
        text += f" {n.not_applicable} marked not applicable {verb} left out."
    return text


def rating_note(result: Result) -> str:
    """What the rating means, in plain words, and why it is capped when it is."""
    n = result.counts
    if result.incomplete:
        verb = "is" if n.unanswered == 1 else "are"
        return (f"The rating is provisional: {n.unanswered} of {n.applicable} applicable items "
                f"{verb} not answered yet and {'counts' if n.unanswered == 1 else 'count'} as "
                "\"Don't know\". Once every item has an "
                "answer, the rating stands.")
    note = RATING_MEANING.get(result.rating, "")
    if result.capped:
        note = (f"The score alone would rate {result.band_rating}; the rating is held at {CAP} "
                f"until every critical safeguard is fully in place. {note}")
    return note


def _profile(result: Result) -> list[dict[str, str]]:
    questions = {q.id: q for q in result.checklist.profile}
    return [
        {"id": fact, "question": questions[fact].question if fact in questions else fact,
         "answer": questions[fact].shown(value) if fact in questions
         else ("Yes" if value else "No") if isinstance(value, bool) else str(value)}
        for fact, value in result.assessment.profile.items()
        # a follow-up the practice's answers made moot (the Part 2 program question after "no Part 2
        # records", a state after "European Union") is not shown
        if fact not in questions or result.checklist.asks(questions[fact], result.assessment.profile)
    ]
