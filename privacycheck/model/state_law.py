"""US state law as data: the state-law file beside the checklist (checklists/state-law.toml).

For each state and DC it holds the duty to warn or protect, the age from which a minor may
consent alone to outpatient mental-health care, the data-breach notice deadline, how long
records are kept, and other state laws a therapy practice meets, each value with the statute
or board rule it was read in. Any value may be missing: it was not verified from the law's
own text, and the practice is told to check with its licensing board, never given a guess.

The file is data from others like any checklist: every problem is reported with its line.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from typing import Any

from privacycheck.errors import PrivacycheckError
from privacycheck.files import tomlfile
from privacycheck.files.resources import data_dir
from privacycheck.model.record import record

FILE_NAME = "state-law.toml"
CHECK = "check with your licensing board"

STATES = (
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"), ("CA", "California"),
    ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"), ("DC", "District of Columbia"),
    ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"), ("ID", "Idaho"), ("IL", "Illinois"),
    ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"), ("KY", "Kentucky"), ("LA", "Louisiana"),
    ("ME", "Maine"), ("MD", "Maryland"), ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"),
    ("MS", "Mississippi"), ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"), ("OR", "Oregon"),
    ("PA", "Pennsylvania"), ("RI", "Rhode Island"), ("SC", "South Carolina"), ("SD", "South Dakota"),
    ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"),
    ("WA", "Washington"), ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
)
# Territories are named in the profile but not covered yet: their practices get federal content.
TERRITORIES = (("PR", "Puerto Rico"), ("GU", "Guam"), ("VI", "U.S. Virgin Islands"),
               ("AS", "American Samoa"), ("MP", "Northern Mariana Islands"))
NAMES = dict(STATES + TERRITORIES)

DUTY_VALUES = ("mandatory", "permissive", "none")
# A duty statute written for one profession only (North Dakota's for marriage and family therapists)
# is kept under the profession the profile names, e.g. [states.ND.duty_to_protect.mft].
PROFESSIONS = {"psychologist": "psychologists", "counselor": "counselors", "social-worker": "social workers",
               "mft": "marriage and family therapists", "psychiatrist": "psychiatrists"}
MINOR_RULES = ("age", "no-minimum", "parent-required")
OTHER_TOPICS = ("recording-consent", "ai-therapy", "consumer-health-data", "other")
# What an item may ask to be shown (`state_law = [...]` in the checklist).
TOPICS = ("duty_to_protect", "minor_consent", "breach_notice", "record_retention",
          "recording-consent", "ai-therapy", "consumer-health-data")

_TOP_KEYS = frozenset({"as_of", "states"})
_STATE_KEYS = frozenset({"name", "duty_to_protect", "minor_consent", "breach_notice", "record_retention", "other"})
_RULE_KEYS = frozenset({"value", "refs", "note"})  # a duty rule, the state's or one profession's own
_KEYS = {
    "duty_to_protect": _RULE_KEYS | PROFESSIONS.keys(),
    "minor_consent": frozenset({"rule", "age", "refs", "note"}),
    "breach_notice": frozenset({"days", "refs", "note", "attorney_general", "ag_threshold", "ag_at_least"}),
    "record_retention": frozenset({"years", "minor_rule", "profession", "refs", "note"}),
    "other": frozenset({"topic", "summary", "refs"}),
}
_CODE = re.compile(r"^[A-Z]{2}$")


@record
class Duty:
    value: str = ""  # one of DUTY_VALUES; "" when not verified
    refs: tuple[str, ...] = ()
    note: str = ""
    # a profession's own rule where a statute binds it alone: ((profession, Duty), ...)
    professions: tuple[tuple[str, Duty], ...] = ()

    def of(self, profession: object) -> Duty:
        """The rule for a practice of `profession` (a PROFESSIONS key): its own if it has one."""
        return next((duty for name, duty in self.professions if name == profession), self)


@record
class MinorConsent:
    rule: str = ""  # one of MINOR_RULES; "" when not verified
    age: int | None = None
    refs: tuple[str, ...] = ()
    note: str = ""


@record
class BreachNotice:
    days: int | None = None  # None: "without unreasonable delay", or not verified (then no refs)
    refs: tuple[str, ...] = ()
    note: str = ""
    attorney_general: bool | None = None
    ag_threshold: int | None = None
    ag_at_least: bool = False  # the law says "500 or more", not "more than 500"


@record
class Retention:
    years: int | None = None
    minor_rule: str = ""
    profession: str = ""
    refs: tuple[str, ...] = ()
    note: str = ""


@record
class OtherLaw:
    topic: str
    summary: str
    refs: tuple[str, ...] = ()


@record
class State:
    code: str
    name: str
    duty_to_protect: Duty = Duty()
    minor_consent: MinorConsent = MinorConsent()
    breach_notice: BreachNotice = BreachNotice()
    record_retention: Retention = Retention()
    other: tuple[OtherLaw, ...] = ()


@record
class StateLaw:
    path: Path
    as_of: dt.date | None
    states: dict[str, State]

    def state(self, code: object) -> State | None:
        return self.states.get(code) if isinstance(code, str) else None


@record
class Problem:
    path: Path
    line: int | None
    where: str
    message: str

    def __str__(self) -> str:
        place = f"line {self.line}: " if self.line else ""
        where = f"{self.where}: " if self.where else ""
        return f"{self.path}: {place}{where}{self.message}".replace("\n", "\\n").replace("\r", "\\r")


def bundled_path() -> Path:
    return data_dir("checklists") / FILE_NAME


def is_state_file(path: Path) -> bool:
    """Whether a TOML file is a state-law file (its top level has `states`, not `checklist`)."""
    try:
        _text, data = tomlfile.load(path, "checklist file", cached=True)
    except PrivacycheckError:
        return path.name == FILE_NAME
    return "states" in data and "checklist" not in data


@cache
def bundled() -> StateLaw:
    """The bundled state-law file (loaded once per process)."""
    return load(bundled_path())


def load(path: Path) -> StateLaw:
    """Read and check a state-law file; the first problem becomes a one-line error."""
    law, problems = _read(path)
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise PrivacycheckError(str(problems[0]) + more)
    assert law is not None
    return law


def validate(path: Path) -> list[Problem]:
    """Every problem in a state-law file, each with its line; [] when valid."""
    try:
        _law, problems = _read(path)
    except PrivacycheckError as exc:
        return [Problem(path, None, "", exc.message.removeprefix(f"{path}: "))]
    return problems


def _read(path: Path) -> tuple[StateLaw | None, list[Problem]]:
    text, data = tomlfile.load(path, "checklist file", cached=True)
    reader = _Reader(path, text)
    law = reader.build(data)
    return (None if reader.problems else law), reader.problems


_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.-]+?)\s*\]\]?")  # a table's header, and its name


class _Reader:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.source = text
        self.problems: list[Problem] = []
        self.headers: dict[str, int] | None = None

    def problem(self, line: int | None, where: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, where, message))

    def header(self, *names: str) -> int | None:
        """The line of the first of these tables ([states.CA], [states.CA.duty_to_protect],
        [[states.CA.other]]) the file has; every table's line is found in one pass."""
        if self.headers is None:
            self.headers = {}
            for number, text in enumerate(self.source.splitlines(), start=1):
                found = _HEADER.match(text)
                if found:
                    self.headers.setdefault(found[1], number)
        for name in names:
            if name in self.headers:
                return self.headers[name]
        return None

    def line(self, *patterns: str) -> int | None:
        for pattern in patterns:
            found = tomlfile.line_of(self.source, pattern)
            if found:
                return found
        return None

    def build(self, data: dict[str, Any]) -> StateLaw:
        for key in data:
            if key not in _TOP_KEYS:
                self.problem(self.line(rf"^\s*\[*{re.escape(key)}\b"), "",
                             f"unknown top-level key {key!r} (known: as_of, states)")
        as_of = data.get("as_of")
        if as_of is not None and not (isinstance(as_of, dt.date) and not isinstance(as_of, dt.datetime)):
            self.problem(self.line(r"^\s*as_of\b"), "", "as_of must be a date such as 2026-12-03")
            as_of = None
        raw_states = data.get("states")
        states: dict[str, State] = {}
        if not isinstance(raw_states, dict):
            self.problem(self.line(r"^\s*\[?states\b"), "", "missing [states.XX] tables (XX a two-letter code)")
            raw_states = {}
        for code, raw in raw_states.items():
            state = self.state(code, raw)
            if state is not None:
                states[code] = state
        return StateLaw(self.path, as_of, states)

    def state(self, code: str, raw: object) -> State | None:
        line = self.header(f"states.{code}") or self.header(*(f"states.{code}.{key}" for key in _KEYS))
        where = f"states.{code}"
        if not _CODE.match(code) or code not in NAMES:
            self.problem(line, where, f"{code!r} is not a US state, DC or territory code (e.g. \"CA\")")
            return None
        if not isinstance(raw, dict):
            self.problem(line, where, "must be a table")
            return None
        for key in raw:
            if key not in _STATE_KEYS:
                self.problem(line, where, f"unknown key {key!r} (known: {', '.join(sorted(_STATE_KEYS))})")
        name = raw.get("name", NAMES[code])
        if not isinstance(name, str) or not name.strip():
            self.problem(line, where, "name must be non-empty text")
            name = NAMES[code]
        part = {key: self.table(code, key, raw.get(key)) for key in _KEYS if key != "other"}
        duty = self.duty(code, part["duty_to_protect"])
        minor = self.minor(code, part["minor_consent"])
        breach = self.breach(code, part["breach_notice"])
        retention = self.retention(code, part["record_retention"])
        other = self.others(code, raw.get("other", []))
        return State(code, name, duty, minor, breach, retention, other)

    def table(self, code: str, key: str, raw: object) -> tuple[dict[str, Any], int | None, str]:
        where = f"states.{code}.{key}"
        parts = key.split(".")  # a profession's own table falls back to its topic's line
        line = self.header(*(f"states.{code}." + ".".join(parts[:n]) for n in range(len(parts), 0, -1)),
                           f"states.{code}")
        if raw is None:
            return {}, line, where
        if not isinstance(raw, dict):
            self.problem(line, where, "must be a table")
            return {}, line, where
        known = _KEYS.get(key, _RULE_KEYS)  # "duty_to_protect.mft": a profession's own rule
        for k in raw:
            if k not in known:
                self.problem(line, where, f"unknown key {k!r} (known: {', '.join(sorted(known))})")
        return raw, line, where

    def refs(self, raw: dict[str, Any], line: int | None, where: str, needed: bool) -> tuple[str, ...]:
        value = raw.get("refs", [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(line, where, "refs must be a list of citations, e.g. [\"Cal. Civ. Code § 43.92\"]")
            return ()
        if needed and not value:
            self.problem(line, where, "a value needs the statute or rule it was read in (refs)")
        return tuple(value)

    def unsettled(self, raw: dict[str, Any], line: int | None, where: str, key: str) -> None:
        """A topic with no verified value may say why in its note; citations there, not in refs,
        so that no table shows a citation beside "check with your licensing board"."""
        if key not in raw and raw.get("refs"):
            self.problem(line, where, "refs without a value: set the value, or name the law read in the note")

    def words(self, raw: dict[str, Any], key: str, line: int | None, where: str) -> str:
        value = raw.get(key, "")
        if not isinstance(value, str):
            self.problem(line, where, f"{key} must be text")
            return ""
        return value

    def number(self, raw: dict[str, Any], key: str, line: int | None, where: str, top: int) -> int | None:
        value = raw.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= top:
            self.problem(line, where, f"{key} must be a whole number from 1 to {top}, got {value!r}")
            return None
        return value

    def duty(self, code: str, part: tuple[dict[str, Any], int | None, str]) -> Duty:
        raw = part[0]
        own = [(name, self.one_duty(self.table(code, f"duty_to_protect.{name}", raw[name])))
               for name in PROFESSIONS if name in raw]
        base = self.one_duty(part)
        return Duty(base.value, base.refs, base.note, tuple(own))

    def one_duty(self, part: tuple[dict[str, Any], int | None, str]) -> Duty:
        raw, line, where = part
        value = raw.get("value", "")
        if value and value not in DUTY_VALUES:
            self.problem(line, where, f"value must be one of {', '.join(DUTY_VALUES)}, got {value!r}")
            value = ""
        if not isinstance(value, str):
            value = ""
        note = self.words(raw, "note", line, where)
        if value == "none" and not note.strip():
            self.problem(line, where, "value = \"none\" needs a note saying what was looked for (no statute found)")
        self.unsettled(raw, line, where, "value")
        # "none" (no statute) may have nothing to cite; a duty needs its statute
        return Duty(value, self.refs(raw, line, where, value in ("mandatory", "permissive")), note)

    def minor(self, code: str, part: tuple[dict[str, Any], int | None, str]) -> MinorConsent:
        raw, line, where = part
        rule = raw.get("rule", "")
        if rule and rule not in MINOR_RULES:
            self.problem(line, where, f"rule must be one of {', '.join(MINOR_RULES)}, got {rule!r}")
            rule = ""
        if not isinstance(rule, str):
            rule = ""
        age = self.number(raw, "age", line, where, 21)
        if rule == "age" and age is None:
            self.problem(line, where, "rule = \"age\" needs age = a number")
            rule = ""
        if age is not None and rule != "age":
            self.problem(line, where, "age goes only with rule = \"age\"")
        note = self.words(raw, "note", line, where)
        if rule == "parent-required" and not note.strip():
            self.problem(line, where, "rule = \"parent-required\" needs a note (which statutes were read)")
        self.unsettled(raw, line, where, "rule")
        # "parent-required" (no statute lets a minor consent) may have nothing to cite
        return MinorConsent(rule, age if rule == "age" else None,
                            self.refs(raw, line, where, rule in ("age", "no-minimum")), note)

    def breach(self, code: str, part: tuple[dict[str, Any], int | None, str]) -> BreachNotice:
        raw, line, where = part
        days = self.number(raw, "days", line, where, 365)
        ag = raw.get("attorney_general")
        if ag is not None and not isinstance(ag, bool):
            self.problem(line, where, "attorney_general must be true or false")
            ag = None
        threshold = self.number(raw, "ag_threshold", line, where, 10_000_000)
        at_least = raw.get("ag_at_least", False)
        if not isinstance(at_least, bool) or (at_least and threshold is None):
            self.problem(line, where, "ag_at_least must be true or false, and goes only with ag_threshold")
            at_least = False
        refs = self.refs(raw, line, where, days is not None or ag is not None)
        return BreachNotice(days, refs, self.words(raw, "note", line, where), ag, threshold, at_least)

    def retention(self, code: str, part: tuple[dict[str, Any], int | None, str]) -> Retention:
        raw, line, where = part
        years = self.number(raw, "years", line, where, 100)
        minor_rule = self.words(raw, "minor_rule", line, where)
        refs = self.refs(raw, line, where, years is not None or bool(minor_rule))
        return Retention(years, minor_rule, self.words(raw, "profession", line, where), refs,
                         self.words(raw, "note", line, where))

    def others(self, code: str, raw: object) -> tuple[OtherLaw, ...]:
        where = f"states.{code}.other"
        line = self.header(f"states.{code}.other")
        if not isinstance(raw, list) or not all(isinstance(t, dict) for t in raw):
            self.problem(line, where, f"write each as a [[states.{code}.other]] table")
            return ()
        laws = []
        for entry in raw:
            for k in entry:
                if k not in _KEYS["other"]:
                    self.problem(line, where, f"unknown key {k!r} (known: refs, summary, topic)")
            topic = entry.get("topic")
            if topic not in OTHER_TOPICS:
                self.problem(line, where, f"topic must be one of {', '.join(OTHER_TOPICS)}, got {topic!r}")
                continue
            summary = self.words(entry, "summary", line, where)
            if not summary.strip():
                self.problem(line, where, "missing summary")
            laws.append(OtherLaw(str(topic), summary, self.refs(entry, line, where, True)))
        return tuple(laws)


# ------------------------------------------------------------------ in words


def _cited(refs: tuple[str, ...]) -> str:
    return f" ({'; '.join(refs)})" if refs else ""


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def _unsettled(name: str, what: str, note: str, whom: str = "") -> str:
    """A topic without a verified value. Its note, if any, says what was read and why no value
    was entered (a law under repeal, two statutes not reconciled), with the citations in it."""
    rule = f"{name}'s rule for {whom} on {what}" if whom else f"{name}'s rule on {what}"
    if not note.strip():
        return f"{rule} is not in this checklist yet: {CHECK}."
    return f"{rule} is not in this checklist yet. {_sentence(note)} Until it is, {CHECK}."


def _series(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _duty_rules(d: Duty, profession: object) -> list[tuple[str, Duty]]:
    """The duty rules a practice of `profession` is shown, each with whom it binds ("" for
    every profession), its own first: a rule written for its profession alone; else the
    state's rule, then (for a practice of several professions) each profession's own."""
    if profession in PROFESSIONS and d.of(profession) is not d:
        return [(PROFESSIONS[str(profession)], d.of(profession))]
    if not d.professions:
        return [("", d)]
    named = {p for p, _ in d.professions}
    others = [str(profession)] if profession in PROFESSIONS else [job for job in PROFESSIONS if job not in named]
    rules = [(_series([PROFESSIONS[job] for job in others]), d)]
    if profession not in PROFESSIONS:
        rules += [(PROFESSIONS[p], own) for p, own in d.professions]
    return rules


def _duty(name: str, d: Duty, you: str, whom: str = "") -> str:
    """One duty rule in words; `whom` names the profession a statute binds alone."""
    if not d.value:
        return _unsettled(name, "the duty to warn or protect", d.note, whom)
    law = f"{name}'s law for {whom}" if whom else f"{name} law"
    head = {"mandatory": f"{law} requires {you} to act when a client threatens serious harm to others",
            "permissive": f"{law} permits, but does not require, a disclosure to protect others "
                          "from a client's threat",
            "none": f"{name} has no statute on the duty to warn or protect" + (f" for {whom}" if whom else "")}[d.value]
    return f"{head}{_cited(d.refs)}. {_sentence(d.note)}".strip()


def describe(state: State, topic: str, you: str = "you", profession: object = None) -> str:
    """The state's rule on `topic` (one of TOPICS) in plain words with its citation; a value
    that is missing says so and sends the reader to the licensing board. `you` is who the
    rule binds as the reader knows them ("your therapist" in a client's consent form).
    `profession` (the profile's answer) picks a rule written for that profession alone; a
    practice of several professions, or an unknown one, is shown each such rule too."""
    name = state.name
    if topic == "duty_to_protect":
        rules = _duty_rules(state.duty_to_protect, profession)
        return " ".join(_duty(name, rule, you if n == 0 else "them", whom) for n, (whom, rule) in enumerate(rules))
    if topic == "minor_consent":
        m = state.minor_consent
        if not m.rule:
            return _unsettled(name, "when a minor may consent alone to counseling", m.note)
        head = {"age": f"In {name}, a minor aged {m.age} or older may consent alone to outpatient mental-health treatment",
                "no-minimum": f"In {name}, a minor may consent alone to outpatient mental-health treatment "
                              "under conditions the law sets, with no minimum age",
                "parent-required": f"In {name}, no statute lets a minor consent alone to outpatient "
                                   "mental-health treatment: a parent's consent is required"}[m.rule]
        return f"{head}{_cited(m.refs)}. {_sentence(m.note)}".strip()
    if topic == "breach_notice":
        b = state.breach_notice
        if not b.refs:
            return _unsettled(name, "telling residents of a data breach", b.note)
        when = f"within {b.days} days" if b.days else "in the most expedient time possible, without unreasonable delay"
        text = f"{name}'s breach law: tell affected residents {when}{_cited(b.refs)}."
        if b.attorney_general:
            if b.ag_threshold:
                count = f"{b.ag_threshold:,} or more" if b.ag_at_least else f"more than {b.ag_threshold:,}"
                above = f" when a breach involves {count} residents"
            else:
                above = " in some cases"
            text += f" The state attorney general (or another state office) must be told{above}."
        elif b.attorney_general is False:
            text += " The law names no state office to tell."
        return f"{text} {_sentence(b.note)}".strip()
    if topic == "record_retention":
        r = state.record_retention
        if r.years is None and not r.minor_rule and not r.refs:
            return _unsettled(name, "how long to keep client records", r.note)
        whose = f" for {r.profession}" if r.profession else ""
        text = f"{name}'s rule{whose}: keep client records"
        text += f" {r.years} years after the last service" if r.years is not None else " for a period it does not set in years"
        minors = r.minor_rule.strip().rstrip(".")
        if minors[:1].isupper() and minors[1:2].islower():  # "At least 6 years ..." inside a sentence
            minors = minors[0].lower() + minors[1:]
        if minors.startswith("no "):
            text += f"; {minors}"
        elif minors:
            text += f"; for minors, {minors}"
        return f"{text}{_cited(r.refs)}. {_sentence(r.note)}".strip()
    laws = [law for law in state.other if law.topic == topic]
    if laws:
        return " ".join(f"In {name}: {_sentence(law.summary)[:-1]}{_cited(law.refs)}." for law in laws)
    what = {"recording-consent": "all-party consent law for recording conversations",
            "ai-therapy": "law on artificial intelligence in therapy",
            "consumer-health-data": "consumer health data law"}.get(topic, "law on this")
    return f"This checklist names no {what} for {name}: {CHECK} if unsure."


def refs(state: State, topic: str, profession: object = None) -> tuple[str, ...]:
    """The citations behind `describe(state, topic, profession=profession)`."""
    if topic == "duty_to_protect":
        rules = _duty_rules(state.duty_to_protect, profession)
        return tuple(dict.fromkeys(ref for _, rule in rules for ref in rule.refs))
    if topic in ("minor_consent", "breach_notice", "record_retention"):
        return tuple(getattr(state, topic).refs)
    return tuple(r for law in state.other if law.topic == topic for r in law.refs)


def summary(state: State, topic: str) -> tuple[str, tuple[str, ...]]:
    """A short value for tables (the rule in a few words) and its citations."""
    if topic == "duty_to_protect":
        d = state.duty_to_protect

        def word(rule: Duty) -> str:
            return ("no statute" if rule.value == "none" else rule.value) or CHECK
        # "no statute; marriage and family therapists: mandatory"
        value = "; ".join([word(d), *(f"{PROFESSIONS[p]}: {word(own)}" for p, own in d.professions)])
        return value, refs(state, topic)
    if topic == "minor_consent":
        m = state.minor_consent
        shown = {"age": f"from {m.age}", "no-minimum": "no minimum age", "parent-required": "parent's consent"}
        return shown.get(m.rule, CHECK), m.refs
    if topic == "breach_notice":
        b = state.breach_notice
        if not b.refs:
            return CHECK, ()
        return (f"{b.days} days" if b.days else "without unreasonable delay"), b.refs
    r = state.record_retention
    if r.years is not None:
        return f"{r.years} years", r.refs
    return ("no fixed number of years" if r.refs else CHECK), r.refs


def _duty_json(d: Duty) -> dict[str, Any]:
    return {"value": d.value or None, "refs": list(d.refs), "note": d.note}


def to_json(law: StateLaw) -> dict[str, Any]:
    """The table as plain data, for `checklists states --json` (docs/json-schema.md)."""
    out: dict[str, Any] = {}
    for code, s in sorted(law.states.items()):
        m, b, r = s.minor_consent, s.breach_notice, s.record_retention
        out[code] = {
            "name": s.name,
            "duty_to_protect": {**_duty_json(s.duty_to_protect),
                                "professions": {p: _duty_json(own) for p, own in s.duty_to_protect.professions}},
            "minor_consent": {"rule": m.rule or None, "age": m.age, "refs": list(m.refs), "note": m.note},
            "breach_notice": {"days": b.days, "refs": list(b.refs), "note": b.note,
                              "attorney_general": b.attorney_general, "ag_threshold": b.ag_threshold,
                              "ag_at_least": b.ag_at_least},
            "record_retention": {"years": r.years, "minor_rule": r.minor_rule or None,
                                 "profession": r.profession or None, "refs": list(r.refs), "note": r.note},
            "other": [{"topic": o.topic, "summary": o.summary, "refs": list(o.refs)} for o in s.other],
        }
    return {"as_of": law.as_of.isoformat() if law.as_of else None, "states": out}
