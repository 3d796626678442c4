"""A filled example assessment of a fictional practice and every report of it: `privacycheck demo`."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shlex
import sys
from pathlib import Path

from privacycheck.errors import PrivacycheckError
from privacycheck.model.answers import Answer, Assessment, InventoryEntry, Revision, RiskAnswer
from privacycheck.model.checklist import Checklist, ProfileQuestion
from privacycheck.model.conditions import Fact

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
    "us_state": "CA",
    "hipaa_covered": True,
    "profession": "psychologist",
    "in_person": True,
    "ai_scribe": False,
    "shared_space": True,
}
# What the fictional practice wrote against each item it did not mark "in place": one
# note per item, in the practice's own words (the demo reads like a real review).
NOTES = {
    "physical.screen-privacy": "Reception monitor faces the waiting room chairs; clinicians rarely lock screens between sessions.",
    "physical.facility-security": "Suite locked at night, but the landlord's cleaning crew has a key we never listed.",
    "physical.paper-records-transport": "Dr. Rivera takes intake folders home on Fridays; not sure anything is logged.",
    "physical.device-safekeeping": "Laptops go home with clinicians; the front-desk tablet stays on the counter overnight.",
    "digital.automatic-logoff": "EHR times out after 15 minutes; the two Windows desktops never lock on their own.",
    "digital.updates-malware": "Billing PC still runs Windows 10 with no extended updates; replacement not budgeted yet.",
    "digital.personal-apps": "Two clinicians text clients from personal phones about schedule changes.",
    "digital.secure-email": "Not sure whether our email plan encrypts messages; need to ask the provider.",
    "digital.backup": "EHR vendor backs up nightly; our shared drive copies to a USB disk nobody has restored from.",
    "digital.activity-review": "Never opened the EHR audit log; did not know where to find it until this review.",
    "digital.contingency-plan": "We know to call the EHR vendor in an outage; no written plan or offline client list.",
    "procedural.informed-consent": "Consent form is from 2019 and does not mention email, telehealth or supervision.",
    "procedural.consent-revisited": "Revisited when a court gets involved; otherwise only at intake.",
    "procedural.outside-sessions": "Case talk sometimes happens in the shared kitchenette at lunch.",
    "procedural.authorizations": "Release form lacks an expiry date; attorney callers are not always verified.",
    "procedural.psychotherapy-notes": "Two clinicians keep process notes in the EHR's general note field.",
    "procedural.third-party-payers": "Self-pay restrictions are honored, but the billing service is not told how they are flagged.",
    "procedural.personal-representatives": "Front desk shares schedules with spouses who call; no check of health-care agents.",
    "procedural.disclosure-log": "Abuse reports are noted in charts, but there is no central log.",
    "procedural.responsible-official": "Everyone assumes Jordan is the privacy officer; it was never written down.",
    "procedural.staff-training": "No formal training since the 2024 hires; new front-desk staff learned on the job.",
    "procedural.access-termination": "A former intern's EHR account was still active in October.",
    "procedural.risk-management": "A to-do list exists from last year's audit, without owners or dates.",
    "procedural.written-policies": "Unsure where the 2021 policies and old BAAs ended up after the move.",
    "procedural.complaints": "Complaints go to whoever answers the phone; nothing is recorded.",
    "telehealth.identity-location": "Clinicians confirm location only at the first video session.",
}
# Evidence the practice attached to some items it has in place.
EVIDENCE = {
    "physical.sound-privacy": "Listening test with the landlord, 2026-10-14",
    "digital.encryption-computers": "BitLocker and FileVault status screenshots, device list tab 2",
    "digital.strong-authentication": "EHR and email security settings printed 2026-10-30",
    "procedural.business-associates": "Signed BAAs: EHR, billing service, shredding company",
    "telehealth.session-security": "Video platform BAA, signed 2025-03-02",
    "physical.paper-disposal": "Shredding service certificates, binder tab 6",
}
OWNERS = ("practice manager", "Dr. Rivera", "")
# Fixed answers, so the example always shows what a typical small practice finds: backups
# that are made but never tested.
FIXED = {"digital.backup": "partial"}


# Where the fictional practice's client information lives, and two of its risk decisions.
INVENTORY = (
    InventoryEntry("TherapyNotes", "records", "TherapyNotes LLC", "yes", "yes"),
    InventoryEntry("Practice email", "email", "Google Workspace", "yes", "yes"),
    InventoryEntry("Front-desk phone and texts", "phone", "RingCentral", "unknown", "unknown",
                   stores="yes", kept="RingCentral's servers (voicemail)"),
    InventoryEntry("Front-desk computer", "computer", "", "na", "yes"),
    InventoryEntry("Clinicians' laptops", "mobile", "", "na", "unknown", "Two laptops, one per clinician"),
    InventoryEntry("Filing cabinet in the back office", "paper", "", "na", "unknown"),
    InventoryEntry("Doxy.me", "telehealth", "Doxy.me", "yes", "yes"),
    InventoryEntry("Nightly backup", "backup", "Backblaze", "unknown", "yes"),
)
PARTICIPANTS = ("Dr. Rivera, clinician",)
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
        answers[item.id] = Answer(
            status=status,
            note=NOTES.get(item.id, "") if status != "yes" else "",
            evidence=EVIDENCE.get(item.id, "") if status == "yes" else "",
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
        participants=PARTICIPANTS if threats else (),
        revisions=(Revision(UPDATED.date(), "First written: inventory, risk ratings and decisions"),)
        if threats else (),
    )


def write_demo(folder: Path) -> None:
    """Write the example's answers file, its reports, risk analysis and starter kit into `folder`,
    and say on standard output what was written and what to try next."""
    from privacycheck.analysis import scoring
    from privacycheck.files.atomic import write_private
    from privacycheck.model import answers, checklist
    from privacycheck.reports.output import refuse_overwrite
    from privacycheck.reports.render import FORMATS, render

    if folder.exists() and not folder.is_dir():
        raise PrivacycheckError(f"{folder}: exists and is not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    model = checklist.load("therapy-practice")
    example = assessment(model)
    answers_path = folder / "answers.toml"
    _refuse_others(answers_path, example.practice)
    answers.save(example, answers_path)
    result = scoring.score(model, example)
    written = [answers_path]
    for fmt in FORMATS:
        path = folder / f"report.{fmt}"
        refuse_overwrite(path)
        write_private(path, render(result, fmt))
        written.append(path)
    if model.threats:  # the risk analysis on file, once the checklist has its threat catalog
        from privacycheck.reports.risk_report import render as render_risk

        for fmt in ("html", "md"):
            path = folder / f"risk-analysis.{fmt}"
            refuse_overwrite(path)
            write_private(path, render_risk(result, fmt))
            written.append(path)
    from privacycheck.analysis.kit import needed
    from privacycheck.reports.kit_render import write_kit

    kit = write_kit(result, needed(result, every=True), folder / "kit", force=True)
    sys.stdout.write(f"Example assessment of {example.practice}: score "
                     f"{result.score:.1f}, rating {result.rating}.\n")
    for path in written:
        sys.stdout.write(f"  {path}\n")
    sys.stdout.write(f"  {folder / 'kit'}{os.sep}  the starter kit: {len(kit)} documents to finish\n")
    sys.stdout.write(f"Open {folder / 'report.html'} in a web browser to read or print it.\n")
    sys.stdout.write(f"Its summary on screen (or -o report.pdf with the pdf extra):\n"
                     f"  privacycheck report {shlex.quote(str(answers_path))}\n")


def _refuse_others(path: Path, practice: str) -> None:
    """An answers file there is rewritten only when it is an earlier demo's example."""
    from privacycheck.model import answers

    if not (path.exists() or path.is_symlink()):
        return
    try:
        ours = answers.load(path).practice == practice
    except PrivacycheckError:
        ours = False
    if not ours:
        raise PrivacycheckError(f"{path}: an answers file is already there, and privacycheck never "
                                "writes over one; give demo another folder with -o")
