"""The risk analysis as plain data: the JSON `risk` block (docs/json-schema.md), the CSV risk
register, and what the risk_analysis.* templates are given. No rating here (privacycheck.analysis.risk)."""

from __future__ import annotations

import csv
import io
import textwrap
from typing import Any

from privacycheck import __version__
from privacycheck.analysis.register import Weakness, agreement_name, holds_label, place_name
from privacycheck.analysis.risk import (
    ADDRESSABLE_TEXT,
    DEFAULTS_TEXT,
    IMPACT_MEANING,
    LIKELIHOOD_MEANING,
    MATRIX,
    MATRIX_TEXT,
    RESIDUAL_TEXT,
    TRIGGERS,
    Risk,
    RiskAnalysis,
    asks_addressable,
    needs_addressable_decision,
    summary,
)
from privacycheck.files.safe_text import csv_cell, for_terminal
from privacycheck.model.answers import (
    ADDRESSABLE_DECISIONS,
    BAA_STATES,
    INVENTORY_KINDS,
    STATUS_LABELS,
    InventoryEntry,
)
from privacycheck.model.checklist import LEVELS
from privacycheck.reports.wording import FILTERS, LIMITATIONS, long_date, short_date

CSV_COLUMNS = (
    "threat_id", "threat", "places", "likelihood", "impact", "level", "residual_level", "decision",
    "rationale", "accepted_by", "transfer_to", "reason", "vulnerabilities", "measures", "actions",
)
LABELS = {**STATUS_LABELS, "unanswered": "Not answered"}
BAA_LABELS = dict(zip(BAA_STATES, ("signed", "not signed", "not known", "not needed"), strict=True))
ENCRYPTED_LABELS = {"yes": "encrypted", "no": "not encrypted", "unknown": "encryption not known"}
SCOPE = (
    "All client information the practice creates, receives, keeps or sends, on paper and "
    "electronically (including electronic protected health information), wherever it is "
    "kept or travels: the places listed under data collection, the practice's premises and "
    "the people who work there."
)


RETENTION = {
    "us": "Keep it, and the versions before it, for six years (45 CFR 164.316(b)(2)(i)).",
    "eu-uk": "Under the GDPR it is the risk assessment behind the practice's security measures "
             "(Art. 32); keep it with the practice's records of processing.",
}


def _risk(risk: Risk) -> dict[str, Any]:
    a = risk.answer
    return {
        "threat_id": risk.threat.id,
        "title": risk.threat.title,
        "description": risk.threat.description,
        "likelihood": risk.likelihood,
        "impact": risk.impact,
        "level": risk.level,
        "default_likelihood": risk.default_likelihood,
        "default_impact": risk.default_impact,
        "adjusted": risk.adjusted,
        "reason": a.reason,
        "decision": risk.decision,
        "decided": risk.decided,
        "rationale": risk.rationale,
        "accepted_by": a.accepted_by,
        "transfer_to": a.transfer_to,
        "rated": risk.rated,
        "vulnerabilities": [{"item_id": r.item.id, "title": r.item.title, "status": r.status}
                            for r in risk.vulnerabilities],
        "measures": [{"item_id": r.item.id, "title": r.item.title} for r in risk.measures],
        "actions": [action.rank for action in risk.actions],
        "residual_level": risk.residual_level,
    }


def _weakness(w: Weakness) -> dict[str, Any]:
    return {"source": w.source, "text": w.text, "place": w.place, "item_id": w.item_id,
            "status": w.status, "note": w.note, "evidence": w.evidence,
            "likelihood": w.likelihood, "impact": w.impact}


def _register_row(risk: Risk) -> dict[str, Any]:
    """One row of the register: a threat for the places it concerns."""
    return {
        "threat_id": risk.threat.id,
        "threat": risk.threat.title,
        "places": [place_name(e) for e in risk.places],
        "vulnerabilities": [_weakness(w) for w in risk.weaknesses],
        "likelihood": risk.likelihood,
        "impact": risk.impact,
        "level": risk.level,
        "residual_level": risk.residual_level,
        "decision": risk.decision,
        "actions": [{"rank": a.rank, "item_id": a.result.item.id, "action": a.result.item.remediation}
                    for a in risk.actions]
                   + [{"rank": None, "item_id": "", "action": text} for text in risk.place_actions],
    }


def to_json(analysis: RiskAnalysis) -> dict[str, Any]:
    """The `risk` block of the JSON report (and the whole of `report --risk-analysis -f json`)."""
    a = analysis.result.assessment
    asked = asks_addressable(a.profile)
    return {
        "catalog": analysis.has_catalog,
        "complete": analysis.complete,
        "missing": list(analysis.missing),
        "summary": summary(analysis),
        "counts": {level: analysis.count(level) for level in ("high", "medium", "low")},
        "next_review": analysis.next_review.isoformat(),
        "inventory": [
            {"name": e.name, "kind": e.kind, "provider": e.provider, "baa": e.baa,
             "encrypted": e.encrypted, "note": e.note, "stores": e.stores, "holds": e.contents,
             "kept": e.kept, "agreement_needed": e.agreement_needed} for e in a.inventory
        ],
        "agreement": agreement_name(a.profile),
        "contradictions": [{"item_id": c.item_id, "inventory": c.inventory, "message": c.message}
                           for c in analysis.contradictions],
        "register": [_register_row(r) for r in analysis.risks],
        "participants": [p for p in (a.assessor, *a.participants) if p.strip()],
        "revisions": [{"date": r.date.isoformat(), "change": r.change} for r in a.revisions],
        "risks": [_risk(r) for r in analysis.risks],
        "out_of_scope": [t.id for t in analysis.out_of_scope],
        "addressable": [
            {"item_id": r.item.id, "specification": r.item.addressable, "status": r.status,
             "decision": (r.answer.addressable if r.answer else "") or ("implemented" if r.status == "yes" else ""),
             "note": r.answer.addressable_note if r.answer else ""}
            for r in analysis.addressable if asked
        ],
        "plan": [{"rank": action.rank, "item_id": action.result.item.id, "threat_id": risk.threat.id,
                  "level": risk.level, "owner": action.owner, "due": action.due.isoformat()}
                 for action, risk in analysis.plan],
        "matrix": {"levels": list(LEVELS),
                   "cells": [{"likelihood": lk, "impact": im, "level": lv} for (lk, im), lv in MATRIX.items()]},
    }


def render_json(analysis: RiskAnalysis) -> str:
    r = analysis.result
    data = {"schema_version": 1, "practice": r.assessment.practice, "assessor": r.assessment.assessor,
            "date": r.assessment.date.isoformat(),
            "checklist": {"id": r.checklist.id, "version": r.checklist.version},
            **to_json(analysis)}
    import json  # only the JSON format needs it (start-up, issue 29)

    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


_cell = csv_cell  # the CSV convention: a leading apostrophe on a cell that could start a formula


def render_csv(analysis: RiskAnalysis) -> str:
    """The risk register, one row per threat, highest risk first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for risk in analysis.risks:
        row = _risk(risk)
        row["threat"] = row["title"]
        row["places"] = "; ".join(place_name(e) for e in risk.places)
        row["vulnerabilities"] = "; ".join(w.item_id or w.text for w in risk.weaknesses)
        row["measures"] = "; ".join(m["item_id"] for m in row["measures"])
        row["actions"] = "; ".join([str(n) for n in row["actions"]] + list(risk.place_actions))
        writer.writerow([_cell(str(row[column])) for column in CSV_COLUMNS])
    return buffer.getvalue()


def _revisions(recorded: list[dict[str, str]], date: str) -> list[dict[str, str]]:
    """The revision history as printed: the recorded days, and the review's own last change
    when it came later (or when nothing was recorded)."""
    if recorded and recorded[-1]["date"] >= date:
        return recorded
    return [*recorded, {"date": date, "change": "Answers last changed; this analysis made from them"}]


def _agreement_label(entry: InventoryEntry) -> str:
    """The agreement in words: "not needed: only carries calls and texts" for a phone carrier."""
    if entry.conduit:
        return "not needed: it only carries calls and texts"
    if not entry.agreement_needed:
        return "not needed"
    return BAA_LABELS[entry.baa]


def plain(value: object) -> str:
    """Text for a terminal or a .txt file: control characters shown escaped, never sent."""
    return for_terminal(value)


def wrap(value: object, indent: int = 0, width: int = 60) -> str:
    """Plain text wrapped at `width` columns, to follow a prefix of `indent` columns (a list
    marker the template prints) and with continuation lines indented as much."""
    pad = " " * indent
    return textwrap.fill(plain(value), width=width, initial_indent=pad, subsequent_indent=pad,
                         break_long_words=True, break_on_hyphens=False)[indent:]


RISK_FILTERS = {**FILTERS, "plain": plain, "wrap": wrap}


def context(analysis: RiskAnalysis) -> dict[str, Any]:
    """Everything a risk_analysis template may use (docs/reports.md)."""
    result = analysis.result
    a = result.assessment
    data = to_json(analysis)
    by_threat = {row["threat_id"]: row for row in data["risks"]}
    ranks = {action.rank: action for action in result.plan}
    plan = []
    for action, risk in analysis.plan:
        own = result.checklist.item(action.result.item.id)  # the action itself: the state's rule in
        # words, which the practice's view appends, is in the report's plan and "why it matters"
        plan.append({"rank": action.rank, "action": (own or action.result.item).remediation,
                     "item": action.result.item.title, "status": LABELS[action.result.status],
                     "threat": risk.threat.title, "level": risk.level, "owner": action.owner,
                     "due": action.due.isoformat(), "severity": action.result.item.severity})
    risks = []
    for risk, register_row in zip(analysis.risks, data["register"], strict=True):
        row = by_threat[risk.threat.id]
        risks.append({
            **row,
            "decision_label": risk.decision_label,
            "vulnerabilities": [{**v, "status_label": LABELS[v["status"]]} for v in row["vulnerabilities"]],
            "actions": [{"rank": n, "action": ranks[n].result.item.remediation} for n in row["actions"]],
            "places": register_row["places"],
            "weaknesses": [{**w, "status_label": LABELS[w["status"]] if w["status"] else ""}
                           for w in register_row["vulnerabilities"]],
            "place_actions": list(risk.place_actions),
        })
    addressable = []
    for r, row in zip([r for r in analysis.addressable if asks_addressable(a.profile)], data["addressable"],
                      strict=True):
        decision = row["decision"]
        addressable.append({**row, "title": r.item.title, "status_label": LABELS[r.status],
                            "decision_label": ADDRESSABLE_DECISIONS.get(decision, "Not recorded yet")
                            if decision or needs_addressable_decision(r) else ""})
    return {
        "generator": f"privacycheck {__version__}",
        "practice": a.practice,
        "assessor": a.assessor,
        "date": a.date.isoformat(),
        "checklist": {"title": result.checklist.title, "version": result.checklist.version},
        "profile": [{"question": q.question, "answer": q.shown(a.profile[q.id])}
                    for q in result.checklist.profile if q.id in a.profile],
        "scope": SCOPE,
        "retention": RETENTION.get(str(a.profile.get("jurisdiction", "us")), "Keep it with the practice's records."),
        "inventory": [{**e, "kind_label": INVENTORY_KINDS[e["kind"]], "baa_label": _agreement_label(entry),
                       "encrypted_label": "" if e["kind"] == "paper" else ENCRYPTED_LABELS[e["encrypted"]],
                       "holds_label": holds_label(entry)}
                      for e, entry in zip(data["inventory"], a.inventory, strict=True)],
        "agreement": data["agreement"],
        "contradictions": data["contradictions"],
        "participants": data["participants"],
        "revisions": _revisions(data["revisions"], a.date.isoformat()),
        "likelihood_meaning": [{"level": lv, "meaning": LIKELIHOOD_MEANING[lv]} for lv in reversed(LEVELS)],
        "impact_meaning": [{"level": lv, "meaning": IMPACT_MEANING[lv]} for lv in reversed(LEVELS)],
        "residual_text": RESIDUAL_TEXT,
        "risks": risks,
        "out_of_scope": [t.title for t in analysis.out_of_scope],
        "addressable": addressable,
        "plan": plan,
        "other_actions": len(result.plan) - len(plan),
        "counts": data["counts"],
        "complete": analysis.complete,
        "has_catalog": analysis.has_catalog,
        "missing": list(analysis.missing),
        "summary": data["summary"],
        "next_review": data["next_review"],
        "triggers": list(TRIGGERS),
        "levels": list(LEVELS),
        "matrix": [{"likelihood": lk, "cells": [MATRIX[(lk, im)] for im in LEVELS]} for lk in reversed(LEVELS)],
        "matrix_text": MATRIX_TEXT,
        "defaults_text": DEFAULTS_TEXT,
        "addressable_text": ADDRESSABLE_TEXT,
        "limitations": LIMITATIONS,
        "long_date": long_date(a.date),
        "short_date": short_date(a.date),
    }
