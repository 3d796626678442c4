"""The places behind the risk register: which inventory entries a threat concerns, the
weaknesses their facts show (no agreement where one is needed, not encrypted, no backup), and
the contradictions between the inventory and the answers. Pure; knows nothing of terminals.

A vulnerability from a place's facts is rated like a safeguard not in place: a fact that is
plainly missing ("no", "not encrypted") makes its threat highly likely, one that is not known
medium; its impact is what the place holds (session notes and records high, messages medium,
appointments low).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from privacycheck.analysis.scoring import ItemResult
from privacycheck.model.answers import HOLDS, INVENTORY_KINDS, STATUS_LABELS, InventoryEntry
from privacycheck.model.checklist import Threat
from privacycheck.model.conditions import Fact
from privacycheck.model.record import record

HOLDS_IMPACT = {"records": "high", "messages": "medium", "appointments": "low"}
AGREEMENTS = {  # what a provider's contract is called where the practice is
    "us": "business associate agreement",
    "eu-uk": "processor contract (GDPR Art. 28)",
    "other": "written contract",
}


def agreement_name(profile: Mapping[str, Fact]) -> str:
    """The practice's law's word for the contract a provider holding client information signs."""
    return AGREEMENTS.get(str(profile.get("jurisdiction", "us")), AGREEMENTS["other"])


@record
class Weakness:
    """One vulnerability of a register row: a place's fact, or a safeguard not fully in place."""

    source: str  # "inventory" or "answer"
    text: str  # "Email (Google Workspace): no business associate agreement known, not encrypted"
    likelihood: str
    impact: str
    place: str = ""  # the inventory entry's name (source "inventory"; "" for a missing kind)
    result: ItemResult | None = None  # the safeguard (source "answer")
    actions: tuple[str, ...] = ()  # what removes it (source "inventory"; the plan has the others)

    @property
    def item_id(self) -> str:
        return self.result.item.id if self.result else ""

    @property
    def status(self) -> str:
        return self.result.status if self.result else ""

    @property
    def note(self) -> str:
        answer = self.result.answer if self.result else None
        return answer.note.strip() if answer else ""

    @property
    def evidence(self) -> str:
        answer = self.result.answer if self.result else None
        return answer.evidence.strip() if answer else ""


def place_name(entry: InventoryEntry) -> str:
    """"Email (Google Workspace)": the practice's name for a place and who provides it."""
    if entry.provider.strip() and entry.provider.strip() != entry.name.strip():
        return f"{entry.name} ({entry.provider})"
    return entry.name


def places(threat: Threat, inventory: Sequence[InventoryEntry]) -> tuple[InventoryEntry, ...]:
    """The inventory entries a threat concerns; a threat about the companies that hold client
    information (its facts include the agreement) concerns only places a provider runs and
    keeps information in (not a phone carrier that only carries calls and texts)."""
    found = tuple(e for e in inventory if e.kind in threat.concerns)
    if "agreement" in threat.facts:
        found = tuple(e for e in found if e.provider.strip() and not e.conduit)
    return found


def weaknesses(threat: Threat, inventory: Sequence[InventoryEntry],
               profile: Mapping[str, Fact]) -> tuple[Weakness, ...]:
    """The vulnerabilities the places' facts show for this threat, one per place (and one for
    a backup the inventory lacks)."""
    agreement = agreement_name(profile)
    out: list[Weakness] = []
    for entry in places(threat, inventory):
        facts: list[tuple[str, str, str]] = []  # (words, likelihood, action)
        if "agreement" in threat.facts and entry.agreement_needed and entry.baa in ("no", "unknown"):
            if entry.baa == "no":
                facts.append((f"no {agreement} signed", "high",
                              (f"Sign a {agreement} with {entry.provider.strip()}, or keep client "
                              "information out of it")))
            else:
                facts.append((f"no {agreement} known", "medium",
                              (f"Find out whether a {agreement} is signed with {entry.provider.strip()}; "
                              "if not, sign one or keep client information out of it")))
        if "encryption" in threat.facts and entry.kind != "paper" and entry.encrypted in ("no", "unknown"):
            messages = entry.kind in ("email", "phone")
            if entry.encrypted == "no":
                facts.append(("not encrypted", "high",
                              f"Send client information through {entry.name} only encrypted (a secure "
                              "message or a portal), or keep it out" if messages
                              else f"Turn on encryption for {entry.name}"))
            else:
                facts.append(("encryption not known", "medium",
                              f"Find out whether {entry.name} is encrypted; until you know, keep client "
                              "details out of it" if messages
                              else f"Check whether {entry.name} is encrypted, and turn it on if it is not"))
        if facts:
            out.append(Weakness(
                source="inventory", place=entry.name,
                text=f"{place_name(entry)}: " + ", ".join(words for words, _, _ in facts),
                likelihood="high" if any(lk == "high" for _, lk, _ in facts) else "medium",
                impact=HOLDS_IMPACT[entry.contents],
                actions=tuple(action for _, _, action in facts),
            ))
    if "backup" in threat.facts and inventory and not any(e.kind == "backup" for e in inventory):
        held = [e for e in inventory if e.kind in threat.concerns]
        out.append(Weakness(
            source="inventory", text="No backup of client records is listed in the inventory",
            likelihood="medium", impact=max((HOLDS_IMPACT[e.contents] for e in held), key=_rank, default="high"),
            actions=("Set up an encrypted backup of client records, kept apart from them, and test a restore",),
        ))
    return tuple(out)


def answer_weakness(r: ItemResult, likelihood: str) -> Weakness:
    """A safeguard not fully in place, as a vulnerability in the practice's own words."""
    label = STATUS_LABELS.get(r.status, "Not answered")
    return Weakness(source="answer", text=f"{r.item.title}: {label.lower()}", likelihood=likelihood,
                    impact=r.item.impact, result=r)


def impact_ceiling(threat: Threat, inventory: Sequence[InventoryEntry]) -> str:
    """The most a threat can harm, by what its places hold ("" when it concerns no place listed):
    a threat to places holding only messages or appointments is not as harmful as one to notes."""
    held = places(threat, inventory)
    if not threat.concerns or not held:
        return ""
    return max((HOLDS_IMPACT[e.contents] for e in held), key=_rank)


def _rank(level: str) -> int:
    return ("low", "medium", "high").index(level)


# ---------------------------------------------------------------- contradictions


@record
class Contradiction:
    """An answer and an inventory entry that cannot both be true."""

    item_id: str
    inventory: str  # the entry's name; "" when the inventory lacks the kind (e.g. no backups)
    message: str


# item id -> (the kinds of place it speaks about, the fact: "encrypted", "agreement" or "present")
RULES: Mapping[str, tuple[tuple[str, ...], str]] = {
    "digital.encryption-computers": (("computer", "backup"), "encrypted"),
    "digital.mobile-devices": (("mobile",), "encrypted"),
    "digital.secure-email": (("email",), "encrypted"),
    "digital.backup": (("backup",), "present"),
    "telehealth.session-security": (("telehealth",), "agreement"),
    "procedural.business-associates": (tuple(INVENTORY_KINDS), "agreement"),
    "procedural.vendor-agreements": (tuple(INVENTORY_KINDS), "agreement"),
    "gdpr.processors": (tuple(INVENTORY_KINDS), "agreement"),
}


def contradictions(results: Sequence[ItemResult], inventory: Sequence[InventoryEntry],
                   profile: Mapping[str, Fact]) -> tuple[Contradiction, ...]:
    """Every answer the inventory contradicts, in checklist order: a safeguard answered In place
    while an entry says the opposite, or answered Not in place while every entry of its kind says
    it is there. Nothing is contradicted before the inventory is given."""
    if not inventory:
        return ()
    out: list[Contradiction] = []
    for r in results:
        rule = RULES.get(r.item.id)
        if rule is None or r.status not in ("yes", "no"):
            continue
        out += _check(r, rule, inventory, profile)
    return tuple(out)


def _check(r: ItemResult, rule: tuple[tuple[str, ...], str], inventory: Sequence[InventoryEntry],
           profile: Mapping[str, Fact]) -> list[Contradiction]:
    kinds, fact = rule
    title = r.item.title
    answered = STATUS_LABELS[r.status]
    if fact == "present":
        if r.status == "yes" and not any(e.kind in kinds for e in inventory):
            what = INVENTORY_KINDS[kinds[0]].lower()
            return [Contradiction(r.item.id, "", f"The inventory lists no {what}, but \u201c{title}\u201d "
                                                 f"is answered {answered}.")]
        return []
    entries = [e for e in inventory if e.kind in kinds and (fact != "agreement" or e.agreement_needed)]
    if fact == "encrypted":
        entries = [e for e in entries if e.kind != "paper"]
        value = {e.name: e.encrypted for e in entries}
        said = {"no": "is not encrypted", "yes": "is encrypted"}
    else:
        value = {e.name: e.baa for e in entries}
        said = {"no": f"has no {agreement_name(profile)} signed", "yes": f"has a {agreement_name(profile)} signed"}
    if r.status == "yes":
        return [Contradiction(r.item.id, name, f"The inventory says {name} {said['no']}, but "
                                               f"\u201c{title}\u201d is answered {answered}.")
                for name, v in value.items() if v == "no"]
    if value and all(v == "yes" for v in value.values()):
        name = next(iter(value))
        return [Contradiction(r.item.id, name, f"The inventory says {name} {said['yes']}, but "
                                               f"\u201c{title}\u201d is answered {answered}.")]
    return []


def holds_label(entry: InventoryEntry) -> str:
    return HOLDS[entry.contents]
