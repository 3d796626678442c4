"""The inventory step of `privacycheck assess` (the risk analysis's scope and data collection):
where client information lives and travels, asked after the profile, with suggestions from
it. Adding, changing and removing entries; every prompt's answer is saved at once."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from rich.console import Console
from rich.text import Text

from privacycheck.analysis.register import agreement_name, contradictions
from privacycheck.files import clock
from privacycheck.model.answers import INVENTORY_KINDS, InventoryEntry
from privacycheck.model.conditions import Fact
from privacycheck.walk.prompts import Prompts
from privacycheck.walk.walk_state import Walk

# Kinds suggested to every practice, then those a profile fact adds (fact, value, kind).
ALWAYS = ("records", "email", "phone", "computer", "mobile")
FROM_PROFILE = (("paper_records", True, "paper"), ("telehealth", True, "telehealth"),
                ("ai_scribe", True, "ai-scribe"), ("staff", True, "scheduling"))
# The kinds the profile has already settled: added without asking again, with the reason shown.
SETTLED = {"paper": "You keep client records on paper.",
           "telehealth": "You offer sessions by video or by phone.",
           "ai-scribe": "You use an AI note-taker or scribe."}
LAST = ("backup",)
SUGGESTED_NAMES = {
    "records": "Record system or EHR", "email": "Email", "phone": "Phone and texts",
    "computer": "Computer", "mobile": "Mobile phone or tablet", "paper": "Paper files",
    "telehealth": "Telehealth platform", "scheduling": "Scheduling or booking service",
    "ai-scribe": "AI note-taker or scribe", "backup": "Backups",
}
QUESTIONS = {
    "records": "Do you keep client records in a record system or EHR (software or an online service)?",
    "email": "Do you send or receive client information by email?",
    "phone": "Do you talk with or text clients by phone?",
    "computer": "Do you use a computer for client work?",
    "mobile": "Do you use a mobile phone or tablet for client work?",
    "scheduling": "Do you use a scheduling, booking or billing service?",
    "backup": "Do you keep backups of client records (a drive, or an online backup)?",
}
# A device the practice owns has a name but no provider; paper files have neither. For every
# other kind one prompt names the service (its company or product), which also names the entry.
DEVICES = ("computer", "mobile")
SERVICE_PROMPTS = {  # the question, examples, and what Enter alone means
    "records": ("Which record system?", "For example SimplePractice or TherapyNotes.", "if the practice runs it"),
    "email": ("Which email service?", "For example Google Workspace, Microsoft 365 or Hushmail.", "if you use none"),
    "phone": ("Which phone service?", "For example Verizon, Google Voice or an answering service.", "if you use none"),
    "telehealth": ("Which video platform?", "For example Doxy.me or Zoom for Healthcare.", "if by phone only"),
    "scheduling": ("Which service?", "For example an online booking or billing service.", "if none"),
    "billing": ("Which billing service?", "The company that bills for the practice.", "if you bill yourself"),
    "cloud": ("Which cloud storage?", "For example Dropbox, Google Drive or OneDrive.", "if none"),
    "ai-scribe": ("Which AI note-taker or scribe?",
                  "For example the video platform's transcription, or a scribe app.", "if you do not know"),
    "backup": ("Which backup service?", "For example Backblaze or iCloud.", "for a drive you keep"),
}
# Asked as one prompt that both says whether the practice uses it and names it (Enter: none).
NAMED_AT_ONCE = ("email", "phone")
PHONE_ONLY = ("Sessions by phone only: the phone service carries them, so no video platform is listed. "
              "If your phone service is not in the list, add it from the list that follows.")
YES_NO_UNKNOWN_CHOICES = [("yes", "Yes"), ("no", "No"), ("unknown", "Don't know")]


def suggestions(profile: Mapping[str, Fact]) -> list[str]:
    """The kinds to ask about, in order, from the practice profile."""
    kinds = list(ALWAYS)
    kinds += [kind for fact, value, kind in FROM_PROFILE if profile.get(fact) == value]
    return kinds + list(LAST)


PHONE_SERVICE = [
    ("no", "It only carries calls and texts (a phone carrier)"),
    ("yes", "It also keeps voicemail, recordings or messages (an app, internet phone or answering service)"),
    ("unknown", "Don't know"),
]
CONDUIT = ("A carrier that only carries calls and texts needs no {agreement}: it passes them on "
           "without keeping them.")


class InventoryStep:
    """Asks the inventory, saving the Walk's assessment after every prompt."""

    def __init__(self, walk: Walk, console: Console, prompts: Prompts) -> None:
        self.walk = walk
        self.console = console
        self.prompts = prompts

    @property
    def entries(self) -> list[InventoryEntry]:
        return list(self.walk.assessment.inventory)

    def store(self, entries: list[InventoryEntry]) -> None:
        assessment = self.walk.assessment.with_inventory(tuple(entries))
        self.walk.assessment = assessment.with_revision("Inventory changed", clock.today())
        self.walk.save()

    def run(self) -> None:
        """A new inventory: ask about each suggestion, then offer more. An inventory already
        given (on --resume, or carried over --from last year): show it and offer changes."""
        self.console.print()
        self.prompts.heading(self.console, "Where client information lives")
        self.console.print(Text("The places client information is created, received, kept or sent: "
                                "the scope of your risk analysis.", style="dim"))
        if not self.entries:
            kinds = suggestions(self.walk.assessment.profile)
            for n, kind in enumerate(kinds, start=1):
                self.console.print()
                self.console.print(Text(f"Place {n} of {len(kinds)}", style="dim"))
                if kind in SETTLED:  # asked in the profile already: not asked again
                    self.console.print(Text(f"{SUGGESTED_NAMES[kind]}. {SETTLED[kind]}", style="bold"))
                    self.edit(len(self.entries), kind)
                    continue
                self.console.print(Text(QUESTIONS[kind], style="bold"))
                if kind in NAMED_AT_ONCE:
                    provider = self.ask_service(kind, question_shown=True)
                    if provider:
                        self.edit(len(self.entries), kind, provider)
                elif self.prompts.yes_no("Your answer"):
                    self.edit(len(self.entries), kind)
        else:
            self.show()
            if self.prompts.yes_no("Is this list complete and right?", True):
                return
        self.menu()

    def show(self) -> None:
        self.console.print(Text("Where client information lives:", style="bold"))
        width = max(min(self.console.width, 72), 30)
        for n, entry in enumerate(self.entries, start=1):
            lead = f"  {n}. "  # a long entry folds under its text, not under its number
            for line in textwrap.wrap(describe(entry, self.walk.assessment.profile), width,
                                      initial_indent=lead, subsequent_indent=" " * len(lead),
                                      break_on_hyphens=False):
                self.console.print(Text(line), soft_wrap=True)

    def menu(self) -> None:
        while True:
            entries = self.entries
            if entries:
                self.show()
            present = {e.kind for e in entries}
            choices = [(f"add:{kind}", f"Add: {SUGGESTED_NAMES[kind]}")
                       for kind in suggestions(self.walk.assessment.profile) if kind not in present]
            choices.append(("add", "Add another place…"))
            if entries:
                choices += [("edit", "Change an entry…"), ("remove", "Remove an entry…")]
            choices.append(("done", "Done: the list is complete"))
            picked = self.prompts.select("Anything to add or change?", choices, "done")
            if picked == "done":
                return
            if picked.startswith("add"):
                kind = picked.partition(":")[2] or self.prompts.select("What kind of place?",
                                                                       list(INVENTORY_KINDS.items()))
                self.edit(len(entries), kind)
                continue
            which = self.prompts.select(
                "Which entry?", [(str(n), e.name) for n, e in enumerate(entries)] + [("cancel", "Cancel")])
            if which == "cancel":
                continue
            if picked == "edit":
                self.edit(int(which), entries[int(which)].kind)
            else:
                self.store([e for n, e in enumerate(entries) if n != int(which)])

    def edit(self, index: int, kind: str, service: str = "") -> None:
        """Ask one entry's details (a new one at the end, or the one at `index`), saving each;
        `service`: a new entry's service, named already (which also names the entry)."""
        entries = self.entries
        new = index >= len(entries)
        own = kind in DEVICES or kind == "paper"  # the practice's own: no provider, no agreement
        entry = InventoryEntry(name=service or SUGGESTED_NAMES.get(kind, INVENTORY_KINDS[kind]), kind=kind,
                               provider=service, baa="na" if own else "unknown") if new else entries[index]
        profile = self.walk.assessment.profile

        def save(changed: InventoryEntry) -> InventoryEntry:
            rows = self.entries
            if index >= len(rows):
                rows.append(changed)
            else:
                rows[index] = changed
            self.store(rows)
            return changed

        if new:  # the choice to add it is saved before its details are asked
            entry = save(entry)
        if kind == "paper" and new:
            return  # nothing to ask: the practice's own files, neither provided nor encrypted
        if kind == "other" or not new:  # a name the kind alone does not give (a second computer is
            # named when it is changed from the list that follows)
            example = "the office laptop" if kind in DEVICES else "SimplePractice, the office laptop"
            name = self.prompts.text("Its name in your practice", default=entry.name, required=True,
                                     instruction=f"(e.g. {example}; Enter keeps it)")
            entry = save(_with(entry, name=name))
        if own:
            provider = ""
        elif service:
            provider = service
        elif new and kind in SERVICE_PROMPTS:
            provider = self.ask_service(kind)
            if not provider and kind == "telehealth":
                self.store([e for n, e in enumerate(self.entries) if n != index])
                self.console.print(Text(PHONE_ONLY, style="dim"))
                return
            named = bool(provider) and entry.name == SUGGESTED_NAMES.get(kind, INVENTORY_KINDS[kind])
            entry = save(_with(entry, name=provider if named else entry.name, provider=provider,
                               baa=entry.baa if provider else "na"))
        else:
            provider = self.prompts.text("Who provides it?", default=entry.provider,
                                         instruction="(the company; Enter if the practice runs it itself)")
            entry = save(_with(entry, provider=provider, baa=entry.baa if provider else "na"))
        if provider and kind == "phone":
            stores = self.prompts.select(f"Does {provider} only carry your calls and texts, or does it also "
                                         "keep voicemail, call recordings or messages for you?",
                                         PHONE_SERVICE, entry.stores or None)
            entry = save(_with(entry, stores=stores, baa="na" if stores == "no" else entry.baa))
            if stores == "no":
                self.console.print(Text(CONDUIT.format(agreement=agreement_name(profile)), style="dim"))
        if provider and entry.agreement_needed:
            start = entry.baa if entry.baa in ("yes", "no", "unknown") else "unknown"
            baa = self.prompts.select(f"Is a {agreement_name(profile)} signed with {provider}?",
                                      YES_NO_UNKNOWN_CHOICES, start)
            entry = save(_with(entry, baa=baa))
        if kind != "paper":
            encrypted = self.prompts.select("Is the information on it encrypted?", YES_NO_UNKNOWN_CHOICES,
                                            entry.encrypted)
            entry = save(_with(entry, encrypted=encrypted))
        self.say_contradictions(entry)

    def ask_service(self, kind: str, question_shown: bool = False) -> str:
        """The service's name (Enter: none, or the practice's own); the question and its
        examples are printed, where they wrap between words, and the prompt stays short."""
        question, examples, enter = SERVICE_PROMPTS[kind]
        if not question_shown:
            self.console.print(Text(question, style="bold"))
        self.console.print(Text(examples, style="dim"))
        return self.prompts.text("Your answer", instruction=f"(its name; Enter {enter})")

    def say_contradictions(self, entry: InventoryEntry) -> None:
        """When an answer given earlier disagrees with this entry, say so calmly (the entry can be
        changed from the menu that follows, the answer when the walk comes to it or later)."""
        from privacycheck.analysis.scoring import score

        result = score(self.walk.checklist, self.walk.assessment)
        for c in contradictions(result.items, self.walk.assessment.inventory, self.walk.assessment.profile):
            if c.inventory in ("", entry.name):
                self.console.print(Text(c.message + " Change whichever is wrong: this entry (from the list "
                                        "that follows), or the answer (in its section).", style="yellow"))


def _with(entry: InventoryEntry, **changes: str) -> InventoryEntry:
    from privacycheck.model.record import replace

    return replace(entry, **changes)


def describe(entry: InventoryEntry, profile: Mapping[str, Fact]) -> str:
    """One line: name (kind), provider, agreement, encryption."""
    kind = INVENTORY_KINDS[entry.kind]
    parts = [entry.name if entry.name in (kind, SUGGESTED_NAMES.get(entry.kind)) else f"{entry.name} ({kind})"]
    by = "" if entry.provider == entry.name else f"{entry.provider}, "  # a service that names the entry
    if entry.conduit:
        parts.append(f"{by}only carries calls and texts: no agreement needed")
    elif entry.provider:
        agreement = {"yes": "signed", "no": "not signed", "unknown": "not known"}.get(entry.baa, "")
        parts.append(f"{by}{agreement_name(profile)} {agreement}".rstrip())
    if entry.kind != "paper":
        parts.append({"yes": "encrypted", "no": "not encrypted", "unknown": "encryption not known"}[entry.encrypted])
    return " · ".join(parts)
