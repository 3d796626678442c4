"""The answers file: one practice's review, read with tomllib, written atomically with tomli-w."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from privacycheck.errors import PrivacycheckError
from privacycheck.files import clock, tomlfile
from privacycheck.files.atomic import write_private
from privacycheck.model.conditions import Fact
from privacycheck.model.record import field, record, replace

STATUSES = ("yes", "partial", "no", "unknown", "na")
STATUS_LABELS = {
    "yes": "In place",
    "partial": "Partly",
    "no": "Not in place",
    "unknown": "Don't know",
    "na": "Not applicable",
}
ORIGINS = ("", "carried", "confirmed", "changed")
_ANSWER_KEYS = ("status", "note", "evidence", "owner", "due", "answered", "origin", "addressable", "earlier",
                "addressable_note", "since", "history")
_ASSESSMENT_KEYS = frozenset({
    "practice", "assessor", "started", "updated", "checklist", "checklist_version",
    "checklist_sha256", "carried_from", "kind", "scenario", "participants", "revisions", "per_week",
})
MOST_PER_WEEK = 50  # the most actions a practice may let fall due in one week
KINDS = ("", "training")  # an assessment, or a trainee's answers to a training scenario
# Dates an answers file may hold: due dates are computed up to a year ahead, and datetime
# arithmetic ends at 9999-12-31, so a date in year 9999 would crash every report.
FIRST_YEAR, LAST_YEAR = 1900, 2999
MAX_INT = 2**63 - 1  # a TOML integer is 64-bit

# Where client information lives and travels (the risk analysis's scope and data collection).
INVENTORY_KINDS = {
    "records": "Record system or EHR",
    "email": "Email",
    "phone": "Phone and texts",
    "computer": "Computer",
    "mobile": "Mobile device",
    "paper": "Paper files",
    "telehealth": "Telehealth platform",
    "backup": "Backups",
    "billing": "Billing service",
    "scheduling": "Scheduling or booking service",
    "cloud": "Cloud storage",
    "ai-scribe": "AI note-taker or scribe",
    "other": "Other",
}
YES_NO_UNKNOWN = ("yes", "no", "unknown")
BAA_STATES = ("yes", "no", "unknown", "na")  # na: not needed (no outside provider, or a phone carrier alone)
# What a place holds decides how much harm its loss does (a reminder is not a session note).
HOLDS = {
    "records": "session notes and client records",
    "messages": "messages, contact details and appointments",
    "appointments": "appointments and contact details",
}
HOLDS_BY_KIND = {"email": "messages", "phone": "messages", "scheduling": "appointments"}  # else records
_INVENTORY_KEYS = ("name", "kind", "provider", "baa", "encrypted", "stores", "holds", "kept", "note")

# The decision 45 CFR 164.306(d)(3) asks for about an addressable implementation specification.
ADDRESSABLE_DECISIONS = {
    "implemented": "Implement as specified",
    "alternative": "An equivalent alternative measure",
    "not-reasonable": "Not reasonable and appropriate (reason documented)",
}
RISK_LEVELS = ("low", "medium", "high")  # likelihood and impact (checklist.LEVELS)
RISK_DECISIONS = {
    "reduce": "Reduce (the plan's actions)",
    "accept": "Accept (with a rationale)",
    "transfer": "Transfer (e.g. insurance or a vendor)",
}
_RISK_KEYS = ("likelihood", "impact", "reason", "decision", "rationale", "accepted_by", "transfer_to")


@record
class Answer:
    status: str
    note: str = ""
    evidence: str = ""
    owner: str = ""
    due: dt.date | None = None
    answered: dt.datetime | None = None
    origin: str = ""  # "", or for a review started --from last year: carried | confirmed | changed
    addressable: str = ""  # "" or a key of ADDRESSABLE_DECISIONS (items with an addressable spec)
    addressable_note: str = ""  # the alternative measure, or why it is not reasonable
    since: dt.date | None = None  # the day this status was first given (None: not recorded)
    history: tuple[PastStatus, ...] = ()  # earlier statuses, oldest first
    earlier: tuple[PastValue, ...] = ()  # earlier owners, due dates, notes and evidence, oldest first

    @property
    def known_since(self) -> dt.date | None:
        """Since when the status has held, as far as the file shows: `since`, else the day
        it was answered."""
        return self.since or (self.answered.date() if self.answered else None)

    def with_status(self, status: str, on: dt.date) -> Answer:
        """This answer with `status` from the day `on`; a different earlier status goes into
        the history with the day it ended (a correction on the day it was given replaces it)."""
        if status == self.status:
            return replace(self, since=self.known_since or on)
        began = self.known_since
        history = self.history
        if began is None or began < on:
            history = (*history, PastStatus(self.status, began, on))
        return replace(self, status=status, since=on, history=history)


    def with_value(self, field: str, value: str | dt.date | None, on: dt.date) -> Answer:
        """This answer with `field` (one of TRACKED) set to `value` on the day `on`; a different
        earlier value goes into `earlier` with that day, unless it was itself set on `on`
        (a correction the same day replaces it, as for a status)."""
        before = getattr(self, field)
        if before == value:
            return self
        set_on = next((p.until for p in reversed(self.earlier) if p.field == field),
                      self.answered.date() if self.answered else None)
        earlier = self.earlier
        if set_on is None or set_on < on:
            earlier = (*earlier, PastValue(field, before, on))
        changes: dict[str, Any] = {field: value}
        return replace(self, earlier=earlier, **changes)


TRACKED = ("owner", "due", "note", "evidence")  # the fields whose earlier values are kept


@record
class PastValue:
    """An earlier owner, due date, note or evidence of an answer, until the day it changed
    ("" or None: there was none)."""

    field: str  # one of TRACKED
    value: str | dt.date | None
    until: dt.date


@record
class PastStatus:
    """An earlier status of an answer: from `since` (None when unknown) until the day it changed."""

    status: str
    since: dt.date | None
    until: dt.date


@record
class RiskAnswer:
    """The practice's own rating of and decision about one threat ("" keeps the default)."""

    likelihood: str = ""  # "" or one of RISK_LEVELS
    impact: str = ""
    reason: str = ""  # why the practice changed the default likelihood or impact
    decision: str = ""  # "" or a key of RISK_DECISIONS
    rationale: str = ""  # why an accepted risk is acceptable (required with accept)
    accepted_by: str = ""  # who accepted it
    transfer_to: str = ""  # who carries it (required with transfer)


@record
class InventoryEntry:
    """One place client information is created, received, kept or sent."""

    name: str  # the practice's own name for it ("SimplePractice", "the blue filing cabinet")
    kind: str  # a key of INVENTORY_KINDS
    provider: str = ""  # who provides it; "" when the practice runs it itself
    baa: str = "unknown"  # the provider's agreement (a BAA in the US) signed: one of BAA_STATES
    encrypted: str = "unknown"  # one of YES_NO_UNKNOWN
    note: str = ""
    stores: str = ""  # a phone service: does it keep voicemail, recordings or messages? ("" or YES_NO_UNKNOWN)
    holds: str = ""  # "" (the kind's usual contents) or a key of HOLDS
    kept: str = ""  # where it is kept ("the office", "at home", "the provider's servers")

    @property
    def contents(self) -> str:
        """What it holds: a key of HOLDS."""
        return self.holds or HOLDS_BY_KIND.get(self.kind, "records")

    @property
    def conduit(self) -> bool:
        """A phone service that only carries calls and texts, keeping nothing (a conduit)."""
        return self.kind == "phone" and self.stores == "no"

    @property
    def agreement_needed(self) -> bool:
        """An outside provider that holds or handles client information needs an agreement; a
        practice's own place, or a carrier that only carries calls and texts, does not."""
        return bool(self.provider.strip()) and not self.conduit


@record
class Revision:
    """A day the risk analysis was produced or changed, and what changed."""

    date: dt.date
    change: str


@record
class Assessment:
    practice: str
    checklist: str  # a bundled id, or a checklist path relative to the answers file
    started: dt.datetime
    updated: dt.datetime
    assessor: str = ""
    checklist_version: str = ""
    checklist_sha256: str = ""
    carried_from: str = ""
    kind: str = ""  # "" for an assessment, "training" for a trainee's answers
    scenario: str = ""
    profile: Mapping[str, Fact] = field(default_factory=dict)
    answers: Mapping[str, Answer] = field(default_factory=dict)
    inventory: tuple[InventoryEntry, ...] = ()
    risks: Mapping[str, RiskAnswer] = field(default_factory=dict)  # threat id -> the practice's rating
    participants: tuple[str, ...] = ()  # who took part in the review besides the assessor
    revisions: tuple[Revision, ...] = ()  # the risk analysis's revision history, oldest first
    per_week: int = 0  # actions the plan may let fall due in one week; 0: the default (scoring.PER_WEEK)

    @property
    def date(self) -> dt.date:
        """The assessment date: the day of the last change."""
        return self.updated.date()

    def with_answer(self, item_id: str, answer: Answer | None, now: dt.datetime | None = None) -> Assessment:
        """A copy with `item_id` answered (or its answer removed when `answer` is None)."""
        answers = dict(self.answers)
        if answer is None:
            answers.pop(item_id, None)
        else:
            answers[item_id] = answer
        return replace(self, answers=answers, updated=now or utcnow())

    def with_profile(self, fact: str, value: Fact, now: dt.datetime | None = None) -> Assessment:
        return replace(self, profile={**self.profile, fact: value}, updated=now or utcnow())

    def with_inventory(self, inventory: tuple[InventoryEntry, ...], now: dt.datetime | None = None) -> Assessment:
        return replace(self, inventory=tuple(inventory), updated=now or utcnow())

    def with_revision(self, change: str, on: dt.date) -> Assessment:
        """A copy with `change` recorded on the day `on` (one line a day: the same day's
        changes are joined, a change already recorded that day is not repeated)."""
        revisions = list(self.revisions)
        if revisions and revisions[-1].date == on:
            if change in revisions[-1].change.split("; "):
                return self
            revisions[-1] = Revision(on, f"{revisions[-1].change}; {change}")
        else:
            revisions.append(Revision(on, change))
        return replace(self, revisions=tuple(revisions))

    def with_risk(self, threat_id: str, risk: RiskAnswer | None, now: dt.datetime | None = None) -> Assessment:
        """A copy with the practice's rating of `threat_id` (removed when None or empty)."""
        risks = dict(self.risks)
        if risk is None or risk == RiskAnswer():
            risks.pop(threat_id, None)
        else:
            risks[threat_id] = risk
        return replace(self, risks=risks, updated=now or utcnow())


def utcnow() -> dt.datetime:
    return clock.now()


def new(practice: str, checklist_ref: str, version: str, sha256: str, assessor: str = "",
        now: dt.datetime | None = None) -> Assessment:
    moment = now or utcnow()
    return Assessment(practice=practice, assessor=assessor, started=moment, updated=moment,
                      checklist=checklist_ref, checklist_version=version, checklist_sha256=sha256)


# ---------------------------------------------------------------- reading


def load(path: Path) -> Assessment:
    """Read an answers file; any problem is a one-line error naming the file and place."""
    return loads(tomlfile.read_text(path, "answers file"), path)


def loads(text: str, path: Path) -> Assessment:
    """An answers file's text (read from `path`, or carried inside a PDF under that name)."""
    try:
        data = tomlfile.parse(text, path)
    except PrivacycheckError:
        if not _ASSESSMENT_TABLE.search(text):  # not a damaged answers file: something else
            raise _not_answers(path, _looks_like(text)) from None
        raise
    if "assessment" not in data:
        if not data:
            raise _not_answers(path, "is empty (missing [assessment] table)")
        if "checklist" in data and "sections" in data:
            raise _not_answers(path, "is a checklist (for -c: 'privacycheck assess -c FILE')")
        if "scenario" in data:
            raise _not_answers(path, "is a training scenario (for 'privacycheck train FILE')")
    return _Reader(path, text).assessment(data)


_ASSESSMENT_TABLE = re.compile(r"^[ \t]*\[[ \t]*assessment[ \t]*\]", re.MULTILINE)
WHAT_ANSWERS_ARE = "an answers file is the TOML file 'privacycheck assess' writes, with [assessment] first"


def _looks_like(text: str) -> str:
    """What a file that is not TOML seems to be, in a few words."""
    start = text.lstrip("\ufeff \t\r\n")[:200].lower()
    first = start.split("\n", 1)[0]
    if not start:
        return "is empty (missing [assessment] table)"
    if start.startswith(("<!doctype html", "<html")):
        return "is an HTML page (a report?)"
    if start.startswith("<"):
        return "is HTML or XML"
    if start.startswith("{"):
        return "is JSON (a report made with -f json?)"
    if first.count(",") >= 2 and "=" not in first:
        return "is a CSV file (a remediation plan?)"
    return "is not TOML and has no [assessment] table"


def read_inventory(path: Path, text: str, raw: object) -> tuple[InventoryEntry, ...]:
    """`[[inventory]]` tables from another file (a training scenario's model inventory),
    checked as in an answers file; a problem is a one-line error naming the file and line."""
    return _Reader(path, text).inventory(raw)


def read_risk(path: Path, text: str, threat_id: str, raw: object) -> RiskAnswer:
    """One `[risks."THREAT-ID"]` table from another file, checked as in an answers file."""
    return _Reader(path, text).risk(threat_id, raw)


def _not_answers(path: Path, what: str) -> PrivacycheckError:
    return PrivacycheckError(f"{path}: not an answers file: it {what}; {WHAT_ANSWERS_ARE}")


_INVENTORY_HEADER = re.compile(r"^\s*\[\[\s*inventory\s*\]\]")


_ANSWER_TEXTS = ("note", "evidence", "owner", "origin", "addressable", "addressable_note")


class _Reader:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.source = text

    def fail(self, message: str, line: int | None = None) -> PrivacycheckError:
        place = f"line {line}: " if line else ""
        return PrivacycheckError(f"{self.path}: {place}{message}")

    def line_of_table(self, header: str) -> int | None:
        return tomlfile.line_of(self.source, r"^\s*\[" + re.escape(header) + r"\]")

    def line_of_key(self, key: str, table_line: int | None) -> int | None:
        return tomlfile.line_of(self.source, rf"^\s*\"?{re.escape(key)}\"?\s*=", table_line or 1) or table_line

    def assessment(self, data: dict[str, Any]) -> Assessment:
        head = data.get("assessment")
        if not isinstance(head, dict):
            raise self.fail("missing [assessment] table (is this a privacycheck answers file?)")
        for key in data:
            if key not in ("assessment", "profile", "answers", "inventory", "risks"):
                raise self.fail(f"unknown top-level table {key!r}")
        table = self.line_of_table("assessment")
        for key in head:
            if key not in _ASSESSMENT_KEYS:
                raise self.fail(f"[assessment]: unknown key {key!r}", self.line_of_key(key, table))
        practice = self.text(head, "practice", table, required=True)
        checklist = self.text(head, "checklist", table, required=True)
        started = self.moment(head, "started", table)
        updated = self.moment(head, "updated", table) if "updated" in head else started
        profile = data.get("profile", {})
        if not isinstance(profile, dict):
            raise self.fail("profile must be a [profile] table")
        ptable = self.line_of_table("profile")
        for key, value in profile.items():
            if not isinstance(value, bool | int | str) or isinstance(value, float):
                raise self.fail(f"profile.{key}: expected true/false, a number or text",
                                self.line_of_key(key, ptable))
            if isinstance(value, int) and not -MAX_INT <= value <= MAX_INT:
                raise self.fail(f"profile.{key}: number too large", self.line_of_key(key, ptable))
        raw_answers = data.get("answers", {})
        if not isinstance(raw_answers, dict):
            raise self.fail("answers must be [answers.\"ITEM-ID\"] tables")
        answers = {item_id: self.answer(item_id, raw) for item_id, raw in raw_answers.items()}
        inventory = self.inventory(data.get("inventory", []))
        raw_risks = data.get("risks", {})
        if not isinstance(raw_risks, dict):
            raise self.fail('risks must be [risks."THREAT-ID"] tables')
        risks = {threat_id: self.risk(threat_id, raw) for threat_id, raw in raw_risks.items()}
        return Assessment(
            practice=practice, assessor=self.text(head, "assessor", table),
            started=started, updated=updated, checklist=checklist,
            checklist_version=self.version(head, table),
            checklist_sha256=self.text(head, "checklist_sha256", table),
            carried_from=self.text(head, "carried_from", table),
            kind=self.kind(head, table), scenario=self.text(head, "scenario", table),
            profile=dict(profile), answers=answers, inventory=inventory, risks=risks,
            participants=self.participants(head, table), revisions=self.revisions(head, table),
            per_week=self.per_week(head, table),
        )

    def per_week(self, head: dict[str, Any], table: int | None) -> int:
        value = head.get("per_week", 0)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MOST_PER_WEEK:
            raise self.fail(f"per_week: expected a whole number from 1 to {MOST_PER_WEEK} (actions due in "
                            "any one week)", self.line_of_key("per_week", table))
        return value

    def participants(self, head: dict[str, Any], table: int | None) -> tuple[str, ...]:
        raw = head.get("participants", [])
        if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
            raise self.fail("participants: expected a list of names in quotes, such as [\"A. Rivera, owner\"]",
                            self.line_of_key("participants", table))
        return tuple(p for p in raw if p.strip())

    def revisions(self, head: dict[str, Any], table: int | None) -> tuple[Revision, ...]:
        raw = head.get("revisions", [])
        line = self.line_of_key("revisions", table)
        if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
            raise self.fail("revisions: expected a list of {date = 2027-01-15, change = \"...\"} tables", line)
        out = []
        for n, entry in enumerate(raw, start=1):
            where = f"revisions entry {n}"
            if set(entry) - {"date", "change"}:
                raise self.fail(f"{where}: unknown key {min(set(entry) - {'date', 'change'})!r} (known: date, change)", line)
            day = entry.get("date")
            if isinstance(day, dt.datetime):
                day = day.date()
            if not isinstance(day, dt.date):
                raise self.fail(f"{where}.date: expected a date such as 2027-01-15", line)
            self.in_range(day, f"{where}.date", line)
            change = entry.get("change", "")
            if not isinstance(change, str):
                raise self.fail(f"{where}.change: expected text in quotes", line)
            out.append(Revision(day, change))
        return tuple(out)

    def risk(self, threat_id: str, raw: object) -> RiskAnswer:
        where = f'risks."{threat_id}"'

        def table() -> int | None:
            return self.line_of_table(f'risks."{threat_id}"') or self.line_of_table(f"risks.{threat_id}")

        if not isinstance(raw, dict):
            raise self.fail(f"{where}: expected a table", table())
        texts: dict[str, str] = {}
        for key in raw:
            if key not in _RISK_KEYS:
                raise self.fail(f"{where}: unknown key {key!r} (known: {', '.join(_RISK_KEYS)})",
                                self.line_of_key(key, table()))
        for key in _RISK_KEYS:
            value = raw.get(key, "")
            if not isinstance(value, str):
                raise self.fail(f"{where}.{key}: expected text in quotes", self.line_of_key(key, table()))
            texts[key] = value
        for key in ("likelihood", "impact"):
            if texts[key] and texts[key] not in RISK_LEVELS:
                raise self.fail(f"{where}.{key}: unknown level {texts[key]!r} (use one of {', '.join(RISK_LEVELS)})",
                                self.line_of_key(key, table()))
        decision = texts["decision"]
        if decision and decision not in RISK_DECISIONS:
            raise self.fail(f"{where}.decision: unknown decision {decision!r} (use one of {', '.join(RISK_DECISIONS)})",
                            self.line_of_key("decision", table()))
        if decision == "accept" and not texts["rationale"].strip():
            raise self.fail(f"{where}: an accepted risk needs a rationale (rationale = \"why it is acceptable\")",
                            self.line_of_key("decision", table()))
        if decision == "transfer" and not texts["transfer_to"].strip():
            raise self.fail(f"{where}: a transferred risk needs transfer_to (who carries it)",
                            self.line_of_key("decision", table()))
        return RiskAnswer(**texts)

    def inventory(self, raw: object) -> tuple[InventoryEntry, ...]:
        if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
            raise self.fail("inventory must be written as [[inventory]] tables", self.line_of_table("[inventory"))
        entries = []
        headers: list[int] = []  # the [[inventory]] lines, found (once) only for an error

        def header(n: int) -> int | None:
            if not headers:
                headers.extend(number for number, text in enumerate(self.source.splitlines(), start=1)
                               if _INVENTORY_HEADER.match(text))
            return headers[n - 1] if n <= len(headers) else None

        for n, entry in enumerate(raw, start=1):
            where = f"inventory entry {n}"
            for key in entry:
                if key not in _INVENTORY_KEYS:
                    raise self.fail(f"{where}: unknown key {key!r} (known: {', '.join(_INVENTORY_KEYS)})",
                                    self.line_of_key(key, header(n)))
            texts = {}
            for key in _INVENTORY_KEYS:
                value = entry.get(key, "")
                if not isinstance(value, str):
                    raise self.fail(f"{where}.{key}: expected text in quotes", self.line_of_key(key, header(n)))
                texts[key] = value
            if not texts["name"].strip():
                raise self.fail(f"{where}: missing name", header(n))
            if texts["kind"] not in INVENTORY_KINDS:
                raise self.fail(f"{where}.kind: unknown kind {texts['kind']!r} (use one of {', '.join(INVENTORY_KINDS)})",
                                self.line_of_key("kind", header(n)))
            if texts["holds"] and texts["holds"] not in HOLDS:
                raise self.fail(f"{where}.holds: unknown value {texts['holds']!r} (use one of {', '.join(HOLDS)})",
                                self.line_of_key("holds", header(n)))
            if texts["stores"] and texts["stores"] not in YES_NO_UNKNOWN:
                raise self.fail(f"{where}.stores: unknown value {texts['stores']!r} (use one of "
                                f"{', '.join(YES_NO_UNKNOWN)})", self.line_of_key("stores", header(n)))
            for key, allowed in (("baa", BAA_STATES), ("encrypted", YES_NO_UNKNOWN)):
                texts[key] = texts[key] or "unknown"
                if texts[key] not in allowed:
                    raise self.fail(f"{where}.{key}: unknown value {texts[key]!r} (use one of {', '.join(allowed)})",
                                    self.line_of_key(key, header(n)))
            entries.append(InventoryEntry(**texts))
        return tuple(entries)

    def text(self, raw: dict[str, Any], key: str, table: int | None, required: bool = False) -> str:
        value = raw.get(key, "")
        if not isinstance(value, str):
            raise self.fail(f"{key}: expected text in quotes", self.line_of_key(key, table))
        if required and not value.strip():
            raise self.fail(f"[assessment]: missing {key}", table)
        return value

    def version(self, raw: dict[str, Any], table: int | None) -> str:
        value = raw.get("checklist_version", "")
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.fail("checklist_version: expected text in quotes, such as \"2026.1\"",
                            self.line_of_key("checklist_version", table))
        return str(value)

    def kind(self, raw: dict[str, Any], table: int | None) -> str:
        value = self.text(raw, "kind", table)
        if value not in KINDS:
            raise self.fail(f"kind: unknown kind {value!r} (leave it out for an assessment, "
                            "or \"training\")", self.line_of_key("kind", table))
        return value

    def in_range(self, value: dt.date, where: str, line: int | None | Callable[[], int | None]) -> None:
        """A date in the years every reader accepts; `line` (or the function giving it) is
        looked up only for an error, so that reading stays linear in the file's length."""
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise self.fail(f"{where}: {value.isoformat()} is not a possible date here "
                            f"(expected a year from {FIRST_YEAR} to {LAST_YEAR})", line() if callable(line) else line)

    def moment(self, raw: dict[str, Any], key: str, table: int | None) -> dt.datetime:
        value = raw.get(key)
        if isinstance(value, dt.date):
            self.in_range(value, key, lambda: self.line_of_key(key, table))
        if isinstance(value, dt.datetime):
            return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        if isinstance(value, dt.date):
            return dt.datetime.combine(value, dt.time(), dt.UTC)
        if value is None:
            raise self.fail(f"[assessment]: missing {key} (a date such as 2026-11-24T10:02:00Z)", table)
        raise self.fail(f"{key}: expected a date and time such as 2026-11-24T10:02:00Z",
                        self.line_of_key(key, table))

    def answer(self, item_id: str, raw: object) -> Answer:
        where = f'answers."{item_id}"'

        def table() -> int | None:  # looked up only for an error: one search per answer is slow
            return self.line_of_table(f'answers."{item_id}"') or self.line_of_table(f"answers.{item_id}")

        if not isinstance(raw, dict):
            raise self.fail(f"{where}: expected a table with a status", table())
        for key in raw:
            if key not in _ANSWER_KEYS:
                raise self.fail(f"{where}: unknown key {key!r} (known: {', '.join(_ANSWER_KEYS)})",
                                self.line_of_key(key, table()))
        status = raw.get("status")
        if status not in STATUSES:
            raise self.fail(f"{where}: unknown status {status!r} (use one of {', '.join(STATUSES)})",
                            self.line_of_key("status", table()))
        texts = {key: raw.get(key, "") for key in _ANSWER_TEXTS}
        for key, value in texts.items():
            if value.__class__ is not str and not isinstance(value, str):
                raise self.fail(f"{where}.{key}: expected text in quotes", self.line_of_key(key, table()))
        if texts["origin"] not in ORIGINS:
            raise self.fail(f"{where}.origin: unknown origin {texts['origin']!r}", self.line_of_key("origin", table()))
        if texts["addressable"] and texts["addressable"] not in ADDRESSABLE_DECISIONS:
            raise self.fail(f"{where}.addressable: unknown decision {texts['addressable']!r} "
                            f"(use one of {', '.join(ADDRESSABLE_DECISIONS)})",
                            self.line_of_key("addressable", table()))
        due = raw.get("due")
        if isinstance(due, dt.datetime):
            due = due.date()
        elif due is not None and not isinstance(due, dt.date):
            raise self.fail(f"{where}.due: expected a date such as 2027-02-28", self.line_of_key("due", table()))
        if due is not None:
            self.in_range(due, f"{where}.due", lambda: self.line_of_key("due", table()))
        answered = raw.get("answered")
        if answered is not None and not isinstance(answered, dt.datetime):
            raise self.fail(f"{where}.answered: expected a date and time", self.line_of_key("answered", table()))
        if answered is not None:
            self.in_range(answered, f"{where}.answered", lambda: self.line_of_key("answered", table()))
        since = self.day(raw, "since", where, table) if "since" in raw else None
        history = self.history(raw["history"], where, table) if "history" in raw else ()
        earlier = self.earlier(raw["earlier"], where, table) if "earlier" in raw else ()
        return Answer(status=status, due=due, answered=answered, since=since, history=history,
                      earlier=earlier, **texts)

    def earlier(self, raw: object, where: str, table: Callable[[], int | None]) -> tuple[PastValue, ...]:
        """`earlier = [{owner = "Sam", until = 2027-03-01}, {due = 2027-04-30, until = ...}, ...]`:
        each table one earlier value (due "" for the suggested date) and the day it changed."""
        if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
            raise self.fail(f"{where}.earlier: expected a list of {{owner = ..., until = ...}} tables",
                            self.line_of_key("earlier", table()))
        past: list[PastValue] = []
        for n, entry in enumerate(raw, start=1):
            place = f"{where}.earlier entry {n}"

            def line() -> int | None:
                return self.line_of_key("earlier", table()) or table()

            fields = [key for key in entry if key != "until"]
            if len(fields) != 1 or fields[0] not in TRACKED:
                raise self.fail(f"{place}: expected one of {', '.join(TRACKED)} and until", line())
            field = fields[0]
            value = entry[field]
            if field == "due":
                value = None if value == "" else self._date(value, f"{place}.due", line)
            elif not isinstance(value, str):
                raise self.fail(f"{place}.{field}: expected text in quotes", line())
            if "until" not in entry:
                raise self.fail(f"{place}: missing until (the day it changed, e.g. 2027-03-01)", line())
            past.append(PastValue(field, value, self._date(entry["until"], f"{place}.until", line)))
        return tuple(past)

    def _date(self, value: object, where: str, line: Callable[[], int | None]) -> dt.date:
        """A date in the years every reader accepts; the line is looked up only for an error
        (so a long history is read in the time of its parse)."""
        if not isinstance(value, dt.date):
            raise self.fail(f"{where}: expected a date such as 2027-02-28", line())
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            self.in_range(value, where, line())
        return value.date() if isinstance(value, dt.datetime) else value

    def day(self, raw: dict[str, Any], key: str, where: str, table: Callable[[], int | None]) -> dt.date | None:
        value = raw.get(key)
        if value is None:
            return None
        if not isinstance(value, dt.date):
            raise self.fail(f"{where}.{key}: expected a date such as 2027-02-28", self.line_of_key(key, table()))
        self.in_range(value, f"{where}.{key}", lambda: self.line_of_key(key, table()))
        return value.date() if isinstance(value, dt.datetime) else value

    def history(self, raw: object, where: str, table: Callable[[], int | None]) -> tuple[PastStatus, ...]:
        """`history = [{status = "no", since = 2026-11-24, until = 2027-03-01}, ...]`, oldest first."""
        if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
            raise self.fail(f"{where}.history: expected a list of {{status = ..., until = ...}} tables",
                            self.line_of_key("history", table()))
        past: list[PastStatus] = []
        for n, entry in enumerate(raw, start=1):
            place = f"{where}.history entry {n}"

            def line() -> int | None:
                return self.line_of_key("history", table()) or table()

            for key in entry:
                if key not in ("status", "since", "until"):
                    raise self.fail(f"{place}: unknown key {key!r} (known: status, since, until)", line())
            if entry.get("status") not in STATUSES:
                raise self.fail(f"{place}: unknown status {entry.get('status')!r} "
                                f"(use one of {', '.join(STATUSES)})", line())
            since = None if entry.get("since") is None else self._date(entry["since"], f"{place}.since", line)
            if "until" not in entry:
                raise self.fail(f"{place}: missing until (the day the status changed, e.g. 2027-03-01)", line())
            until = self._date(entry["until"], f"{place}.until", line)
            if since is not None and since > until:
                raise self.fail(f"{place}: since {since} is after until {until}", line())
            past.append(PastStatus(entry["status"], since, until))
        return tuple(past)


# ---------------------------------------------------------------- writing


def to_toml_data(assessment: Assessment) -> dict[str, Any]:
    head: dict[str, Any] = {"practice": assessment.practice}
    if assessment.assessor:
        head["assessor"] = assessment.assessor
    head["started"] = assessment.started
    head["updated"] = assessment.updated
    head["checklist"] = assessment.checklist
    head["checklist_version"] = assessment.checklist_version
    head["checklist_sha256"] = assessment.checklist_sha256
    for key in ("carried_from", "kind", "scenario"):
        if getattr(assessment, key):
            head[key] = getattr(assessment, key)
    if assessment.participants:
        head["participants"] = list(assessment.participants)
    if assessment.revisions:
        head["revisions"] = [{"date": r.date, "change": r.change} for r in assessment.revisions]
    if assessment.per_week:
        head["per_week"] = assessment.per_week
    answers: dict[str, Any] = {}
    for item_id, answer in assessment.answers.items():
        row: dict[str, Any] = {"status": answer.status}
        for key in ("note", "evidence", "owner", "due", "answered", "origin", "addressable",
                    "addressable_note", "since"):
            value = getattr(answer, key)
            if value:
                row[key] = value
        if answer.history:
            row["history"] = [{"status": p.status, **({"since": p.since} if p.since else {}),
                               "until": p.until} for p in answer.history]
        if answer.earlier:
            row["earlier"] = [{p.field: "" if p.value is None else p.value, "until": p.until}
                              for p in answer.earlier]
        answers[item_id] = row
    data: dict[str, Any] = {"assessment": head, "profile": dict(assessment.profile), "answers": answers}
    if assessment.inventory:
        data["inventory"] = [
            {key: value for key in _INVENTORY_KEYS if (value := getattr(entry, key))}
            for entry in assessment.inventory
        ]
    if assessment.risks:
        data["risks"] = {threat_id: {key: value for key in _RISK_KEYS if (value := getattr(risk, key))}
                         for threat_id, risk in assessment.risks.items()}
    return data


def check_threats(path: Path, assessment: Assessment, known: set[str] | frozenset[str]) -> None:
    """A rating of a threat the checklist does not have is an error naming the file and line."""
    for threat_id in assessment.risks:
        if threat_id not in known:
            try:
                text = tomlfile.read_text(path, "answers file")
            except PrivacycheckError:
                text = ""
            reader = _Reader(path, text)
            line = reader.line_of_table(f'risks."{threat_id}"') or reader.line_of_table(f"risks.{threat_id}")
            shown = ", ".join(sorted(known)) or "none: the checklist has no threat catalog"
            raise reader.fail(f'risks."{threat_id}": unknown threat (the checklist\'s threats: {shown})', line)


def dumps(assessment: Assessment) -> str:
    import tomli_w

    return tomli_w.dumps(to_toml_data(assessment))


def save(assessment: Assessment, path: Path) -> None:
    """Write the answers file atomically (temp file, fsync, rename) with mode 0600, after
    reading it back as every command will: what no reader accepts is never saved."""
    text = dumps(assessment)
    try:
        _Reader(path, text).assessment(tomlfile.parse(text, path))
    except PrivacycheckError as exc:
        raise PrivacycheckError(f"not saved, no command could read it back: {exc.message}") from None
    write_private(path, text)
