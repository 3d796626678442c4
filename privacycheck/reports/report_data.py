"""A scored Result as plain data: the JSON report (documented in docs/json-schema.md) and CSV plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from privacycheck.analysis.kit import document_for
from privacycheck.analysis.scoring import METHOD, Action, ItemResult, Result
from privacycheck.model.conditions import Fact
from privacycheck.reports.wording import finding

SCHEMA_VERSION = 1


def rounded(score: float | None) -> float | None:
    return None if score is None else round(score, 1)


def _action(action: Action, profile: Mapping[str, Fact]) -> dict[str, Any]:
    r = action.result
    kit = document_for(r.item.id, profile)
    return {
        "rank": action.rank,
        "item_id": r.item.id,
        "title": r.item.title,
        "section": r.item.section_id,
        "question": r.item.question,
        "finding": finding(r),
        "action": r.item.remediation,
        "severity": r.item.severity,
        "effort": r.item.effort,
        "status": r.status,
        "verify": action.verify,
        "suggested_due": action.suggested_due.isoformat(),
        "due": action.due.isoformat(),
        "owner": action.owner,
        "references": list(r.item.references),
        "kit_document": kit[0] if kit else None,  # the starter-kit document to start from
        "kit_title": kit[1] if kit else None,
    }


def _item(r: ItemResult, started: dt.date) -> dict[str, Any]:
    a = r.answer
    return {
        "item_id": r.item.id,
        "title": r.item.title,
        "section": r.item.section_id,
        "question": r.item.question,
        "severity": r.item.severity,
        "status": r.status,
        "weight": r.weight,
        "credit": r.credit if r.counted else None,
        "points": r.points if r.counted else None,
        "note": a.note if a else "",
        "evidence": a.evidence if a else "",
        "owner": a.owner if a else "",
        "due": a.due.isoformat() if a and a.due else None,
        "since": since.isoformat() if (since := in_place_since(r, started)) else None,
        "references": list(r.item.references),
    }


def in_place_since(r: ItemResult, started: dt.date) -> dt.date | None:
    """Since when an item in place has been so, where the answers file shows more than this
    review's own answer: it was put in place after another status, or carried over in place
    from an earlier review (`started`: the day this review began)."""
    a = r.answer
    if a is None or r.status != "yes" or a.since is None:
        return None
    return a.since if a.history or a.since < started else None


def to_json(result: Result) -> dict[str, Any]:
    from privacycheck.analysis.risk import analyse
    from privacycheck.reports.risk_context import to_json as risk_json

    a = result.assessment
    c = result.checklist
    return {
        "schema_version": SCHEMA_VERSION,
        "practice": a.practice,
        "assessor": a.assessor,
        "date": a.date.isoformat(),
        "started": a.started.isoformat(),
        "updated": a.updated.isoformat(),
        "checklist": {"id": c.id, "title": c.title, "version": c.version, "sha256": c.sha256},
        "checklist_changed": result.checklist_changed,
        "profile": dict(a.profile),
        "score": rounded(result.score),
        "rating": result.rating,
        "rating_capped": result.capped,
        "incomplete": result.incomplete,
        "items": {
            "applicable": result.counts.applicable,
            "answered": result.counts.answered,
            "unanswered": result.counts.unanswered,
            "not_applicable": result.counts.not_applicable,
            "out_of_scope": result.counts.out_of_scope,
        },
        "sections": [
            {
                "id": s.section.id,
                "title": s.section.title,
                "score": rounded(s.score),
                "rating": s.rating,
                "items": len(s.items),
            }
            for s in result.sections
        ],
        "critical_gaps": [
            {"item_id": r.item.id, "title": r.item.title, "status": r.status,
             "question": r.item.question}
            for r in result.critical_gaps
        ],
        "remediation": [_action(action, a.profile) for action in result.plan],
        "answers": [_item(r, a.started.date()) for r in result.items],
        "unknown_items": list(result.orphan_answers),
        "in_place_twelve_months": held_a_year(result),
        "risk": risk_json(analyse(result)),
        "method": METHOD,
    }


TWELVE_MONTHS = ("Public Law 116-321 (2021) asks HHS to take into account, when it decides on an "
                 "investigation or a penalty, the recognized security practices a practice has had in "
                 "place for the previous twelve months.")


def held_a_year(result: Result) -> list[dict[str, str]] | None:
    """The safeguards in place for twelve months or more (a US practice; else None)."""
    held = result.held_a_year()
    if held is None:
        return None
    return [{"item_id": r.item.id, "title": r.item.title,
             "since": r.held_since.isoformat() if r.held_since else ""} for r in held]


def render_json(result: Result) -> str:
    import json  # only the JSON format needs it (start-up, issue 29)

    return json.dumps(to_json(result), indent=2, ensure_ascii=False) + "\n"


def render_csv(result: Result) -> str:
    """The remediation plan as CSV: the one plan writer, which `plan --import` reads back."""
    from privacycheck.reports.plan_csv import render_report

    return render_report(result)
