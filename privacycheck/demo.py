"""A filled example assessment of a fictional practice, for `privacycheck demo`."""

from __future__ import annotations

import datetime as dt
import hashlib

from privacycheck.answers import Answer, Assessment, InventoryEntry, RiskAnswer
from privacycheck.checklist import Checklist, ProfileQuestion
from privacycheck.conditions import Fact

PRACTICE = "Maple Street Counselling (fictional)"
ASSESSOR = "Jordan Ellis, practice manager"
STARTED = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
UPDATED = dt.datetime(2026, 11, 2, 10, 40, tzinfo=dt.UTC)
PROFILE: dict[str, Fact] = {
    "staff": True,
    "paper_records": True,
    "telehealth": True,
    "minors": False,
    "substance_use": False,
    "jurisdiction": "us",
    "shared_space": True,
}
# Notes the fictional practice wrote, by status.
NOTES = {
    "partial": ("Started in the spring; not finished for every device.",
                "Done for the clinicians, not yet for the front desk."),
    "no": ("Not considered before this review.",),
    "unknown": ("Need to ask the EHR vendor.",),
}
OWNERS = ("practice manager", "Dr. Rivera", "")
# Fixed answers, so the example always shows what a typical small practice finds: no formal
# risk analysis yet, and backups that are made but never tested.
FIXED = {"procedural.risk-analysis": "no", "digital.backup": "partial"}


# Where the fictional practice's client information lives, and two of its risk decisions.
INVENTORY = (
    InventoryEntry("TherapyNotes", "records", "TherapyNotes LLC", "yes", "yes"),
    InventoryEntry("Practice email", "email", "Google Workspace", "yes", "yes"),
    InventoryEntry("Front-desk phone and texts", "phone", "RingCentral", "unknown", "unknown"),
    InventoryEntry("Front-desk computer", "computer", "", "na", "no"),
    InventoryEntry("Clinicians' laptops", "mobile", "", "na", "unknown", "Two laptops, one per clinician"),
    InventoryEntry("Filing cabinet in the back office", "paper", "", "na", "unknown"),
    InventoryEntry("Doxy.me", "telehealth", "Doxy.me", "yes", "yes"),
    InventoryEntry("Nightly backup", "backup", "Backblaze", "unknown", "yes"),
)
RISKS = {
    "disaster": RiskAnswer(decision="transfer", transfer_to="Business insurance (fire and flood), policy BP-2231"),
    "overheard": RiskAnswer(likelihood="low", reason="Sound masking in every room and the hallway",
                            decision="accept", rationale="Sound masking and solid doors; rooms are not shared",
                            accepted_by="Jordan Ellis"),
}


def _fact(question: ProfileQuestion) -> Fact:
    if question.id in PROFILE:
        return PROFILE[question.id]
    if question.default is not None:
        return question.default
    return {"bool": False, "int": 1}.get(question.type, question.choices[0] if question.choices else "")


def _status(item_id: str, severity: str) -> str:
    bucket = int(hashlib.sha256(item_id.encode()).hexdigest()[:8], 16) % 100
    if severity == "critical":
        return "yes" if bucket < 80 else ("partial" if bucket < 92 else "no")
    if bucket < 58:
        return "yes"
    if bucket < 74:
        return "partial"
    if bucket < 88:
        return "no"
    if bucket < 96:
        return "unknown"
    return "na" if severity == "low" else "partial"


def assessment(checklist: Checklist) -> Assessment:
    """The same fictional practice's answers to every item that applies to it."""
    profile = {q.id: _fact(q) for q in checklist.profile}
    answers: dict[str, Answer] = {}
    for n, item in enumerate(checklist.applicable_items(profile)):
        status = FIXED.get(item.id) or _status(item.id, item.severity)
        notes = NOTES.get(status, ())
        answers[item.id] = Answer(
            status=status,
            note=notes[n % len(notes)] if notes else "",
            evidence="Policy binder, tab 3" if status == "yes" and n % 4 == 0 else "",
            owner=OWNERS[n % len(OWNERS)] if status in ("no", "partial") else "",
            answered=UPDATED,
            addressable="implemented" if item.addressable and status != "yes" else "",
        )
    threats = {t.id for t in checklist.threats}
    return Assessment(
        practice=PRACTICE, assessor=ASSESSOR, started=STARTED, updated=UPDATED,
        checklist=checklist.reference, checklist_version=checklist.version,
        checklist_sha256=checklist.sha256, profile=profile, answers=answers,
        inventory=INVENTORY if threats else (),
        risks={k: v for k, v in RISKS.items() if k in threats},
    )
