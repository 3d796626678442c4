"""The starter kit: which documents a practice keeps, which checklist items each helps close,
and which of them a review's open actions call for. Pure data; rendering is in kit_render."""

from __future__ import annotations

from collections.abc import Mapping

from privacycheck.model.conditions import Fact
from privacycheck.model.record import record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from privacycheck.analysis.scoring import Result
    from privacycheck.model.checklist import Checklist, Item

JURISDICTIONS = ("us", "eu-uk", "other")


@record
class Document:
    """One document of the kit: its file name (without suffix), its title for each
    jurisdiction, the checklist items it helps close, and the profile it needs."""

    name: str
    titles: Mapping[str, str]  # jurisdiction -> title; "other" is the fallback
    items: tuple[str, ...]
    needs_staff: bool = False
    refers: tuple[str, ...] = ()  # the documents it points the reader to: written with it

    @property
    def filename(self) -> str:
        return f"{self.name}.md"

    def title(self, profile: Mapping[str, Fact]) -> str:
        return self.titles.get(jurisdiction(profile), self.titles["other"])

    def applies(self, profile: Mapping[str, Fact]) -> bool:
        return not self.needs_staff or profile.get("staff") is True


def _same(title: str) -> dict[str, str]:
    return {"other": title}


# In the order a practice would read them; an item named by two documents is served first
# by the earlier one (document_for).
DOCUMENTS: tuple[Document, ...] = (
    Document("policies", _same("Privacy and security policies"), (
        "procedural.written-policies", "procedural.responsible-official",
        "ai.retention", "ai.transcript-record",
        "procedural.periodic-evaluation", "procedural.risk-management",
        "procedural.records-retention", "procedural.complaints", "procedural.minimum-disclosure",
        "gdpr.security-measures", "gdpr.records-of-processing", "part2.security-policies",
    ), refers=("device-inventory", "vendor-inventory", "breach-response-plan", "incident-disclosure-log")),
    Document("breach-response-plan", _same("Incident and breach response plan"), (
        "procedural.incident-response", "procedural.breach-assessment",
        "procedural.breach-notification", "procedural.breach-duties", "gdpr.breach-authority",
        "gdpr.breach-clients",
    )),
    Document("informed-consent-confidentiality",
             _same("Informed consent: the confidentiality section"), (
        "procedural.informed-consent", "procedural.consent-revisited", "procedural.exceptions",
        "procedural.safeguarding",
        "procedural.recording", "telehealth.informed-consent", "ai.client-consent",
        "minors.confidentiality-agreement", "minors.safety-exception", "part2.patient-notice",
    )),
    Document("contingency-plan", _same("Contingency plan"), (
        "digital.backup", "digital.contingency-plan", "procedural.professional-will",
    )),
    Document("device-inventory", _same("Device and system inventory"), (
        "physical.device-inventory", "physical.device-disposal", "digital.encryption-computers",
    )),
    Document("vendor-inventory", {
        "us": "Vendor and business associate inventory",
        "eu-uk": "Vendor and processor inventory",
        "other": "Vendor inventory",
    }, ("procedural.business-associates", "procedural.vendor-agreements", "telehealth.session-security",
        "ai.vendor-agreement",
        "gdpr.processors")),
    Document("training-sanctions-record", _same("Training and sanctions record"), (
        "procedural.staff-training", "procedural.sanctions", "procedural.workforce-clearance",
        "procedural.access-termination", "digital.phishing",
    ), needs_staff=True),
    Document("incident-disclosure-log", _same("Incident and disclosure log"), (
        "procedural.disclosure-log", "procedural.incident-response", "gdpr.breach-authority",
    ), refers=("breach-response-plan",)),
)


def jurisdiction(profile: Mapping[str, Fact]) -> str:
    """us, eu-uk or other (a checklist without the fact, or another value, is "other")."""
    value = profile.get("jurisdiction")
    return value if isinstance(value, str) and value in JURISDICTIONS else "other"


def document(name: str) -> Document | None:
    return next((d for d in DOCUMENTS if d.name == name), None)


def document_for(item_id: str, profile: Mapping[str, Fact]) -> tuple[str, str] | None:
    """The kit document a plan action starts from: (file name, title), or None."""
    for doc in DOCUMENTS:
        if item_id in doc.items and doc.applies(profile):
            return doc.filename, doc.title(profile)
    return None


def items_of(doc: Document, checklist: Checklist, profile: Mapping[str, Fact]) -> list[Item]:
    """The document's items that this checklist has and that apply to this practice
    (ids a checklist lacks, or that its profile switches off, are skipped)."""
    found = []
    for item_id in doc.items:
        item = checklist.item(item_id)
        if item is not None and checklist.applies(item, profile):
            found.append(item)
    return found


def needed(result: Result, every: bool = False) -> list[Document]:
    """The documents this practice's open actions call for (with `every`, all that apply)."""
    profile = result.assessment.profile
    open_ids = {action.result.item.id for action in result.plan}
    chosen = {doc.name for doc in DOCUMENTS if doc.applies(profile) and (every or open_ids.intersection(doc.items))}
    waiting = list(chosen)
    while waiting:  # a document is never written without those it points the reader to
        doc = document(waiting.pop())
        for name in doc.refers if doc else ():
            other = document(name)
            if other is not None and other.applies(profile) and name not in chosen:
                chosen.add(name)
                waiting.append(name)
    return [doc for doc in DOCUMENTS if doc.name in chosen]
