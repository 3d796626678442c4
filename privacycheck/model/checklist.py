"""The checklist model (frozen records) and its TOML loader and validator."""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from privacycheck.errors import PrivacycheckError
from privacycheck.files import tomlfile
from privacycheck.files.resources import bundled_checklists
from privacycheck.model import conditions
from privacycheck.model.conditions import Condition, Fact
from privacycheck.model.record import record, replace

# The state rules an item may show (model/state_law.py, TOPICS): kept here so that reading a
# checklist does not load the state-law module.
STATE_TOPICS = ("duty_to_protect", "minor_consent", "breach_notice", "record_retention",
                "recording-consent", "ai-therapy", "consumer-health-data")

_OTHER_LAWS = ("recording-consent", "ai-therapy", "consumer-health-data")  # state laws only some states have
_HIPAA = ("45 CFR 160", "45 CFR 164")  # the HIPAA rules, which bind covered entities and their associates
SEVERITIES = ("critical", "high", "medium", "low")
EFFORTS = ("low", "medium", "high")
PROFILE_TYPES = ("bool", "choice", "int")
LEVELS = ("low", "medium", "high")  # likelihood and impact of a threat, for the risk analysis
TITLE_MAX = 60  # characters in an item title: it names the safeguard in lists and reports

CHECKLIST_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FACT_ID = re.compile(r"^[a-z][a-z0-9_]*$")
ITEM_ID = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")

_LAWS_HEADER = re.compile(r"^\s*\[\[\s*laws\s*\]\]")
# An `id = "..."` line, with the id up to the first quote; `_Builder.line_of_id` uses it for
# any id without quotes or line breaks (the same line the per-id pattern would find).
_ID_LINE = re.compile(r"""\s*id\s*=\s*["']([^"'\r\n]*)["']""")
_QUOTE_OR_BREAK = re.compile(r"""["'\r\n]""")

_ITEM_TEXT = ("question", "why", "guidance", "remediation")
_ITEM_KEYS = frozenset(
    {"id", "title", *_ITEM_TEXT, "severity", "effort", "references", "tags", "applies_when",
     "threats", "likelihood", "impact", "addressable", "state_law"}
)
_THREAT_KEYS = frozenset({"id", "title", "description", "concerns", "facts"})
# The facts of a place that leave a threat more likely: an agreement missing where one is needed,
# information not encrypted, and (for a threat to the records themselves) no backup listed.
PLACE_FACTS = ("agreement", "encryption", "backup")
_LAW_KEYS = frozenset({"name", "prefixes", "applies_when"})
_SECTION_KEYS = frozenset({"id", "title", "description", "applies_when", "items"})
_PROFILE_KEYS = frozenset({"id", "question", "help", "type", "choices", "labels", "default", "applies_when"})
_HEADER_KEYS = frozenset({"id", "title", "version", "description"})


@record
class ProfileQuestion:
    id: str
    question: str
    type: str
    choices: tuple[str, ...] = ()
    help: str = ""
    default: Fact | None = None
    labels: tuple[tuple[str, str], ...] = ()  # (choice, words shown for it), for choice questions
    applies_when: Condition = ()  # over the facts asked before it: a follow-up asked only when it matters

    def shown(self, value: Fact) -> str:
        """A profile answer in words: Yes/No, a choice's label, or the value itself."""
        if isinstance(value, bool):
            return "Yes" if value else "No"
        return dict(self.labels).get(str(value), str(value))


@record
class Item:
    id: str
    section_id: str
    question: str
    why: str
    guidance: str
    remediation: str
    severity: str
    effort: str
    references: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    applies_when: Condition = ()
    title: str = ""  # a short noun phrase naming the safeguard in lists; the question when absent
    threats: tuple[str, ...] = ()  # ids of the threats this safeguard guards against
    likelihood: str = ""  # of those threats when the safeguard is not in place: one of LEVELS
    impact: str = ""  # on clients and the practice if they happen: one of LEVELS
    addressable: str = ""  # the addressable HIPAA implementation specification it implements, if any
    state_law: tuple[str, ...] = ()  # the state rules (state_law.TOPICS) its text shows a US practice

    def __post_init__(self) -> None:
        if not self.title:
            object.__setattr__(self, "title", self.question)


@record
class Threat:
    """A reasonably anticipated threat to client information (the risk analysis's catalog)."""

    id: str
    title: str
    description: str = ""
    concerns: tuple[str, ...] = ()  # the kinds of place (inventory kinds) it concerns; () for none in particular
    facts: tuple[str, ...] = ()  # which facts of those places weaken the practice against it (PLACE_FACTS)


@record
class Law:
    """Whose law a reference is: a reference starting with one of `prefixes` is shown only to
    practices that `applies_when` describes (a UK practice is never shown a HIPAA citation)."""

    name: str
    prefixes: tuple[str, ...]
    applies_when: Condition = ()


@record
class Section:
    id: str
    title: str
    items: tuple[Item, ...]
    description: str = ""
    applies_when: Condition = ()


@record
class Checklist:
    id: str
    title: str
    version: str
    description: str
    profile: tuple[ProfileQuestion, ...]
    sections: tuple[Section, ...]
    path: Path
    sha256: str
    bundled: bool = False
    threats: tuple[Threat, ...] = ()
    untitled: int = 0  # items without a title (allowed outside the bundled checklists): lists show the question
    laws: tuple[Law, ...] = ()

    def settled(self, profile: Mapping[str, Fact]) -> dict[str, Fact]:
        """The profile as the items read it: a follow-up whose question does not apply (the
        Part 2 program question for a practice holding no Part 2 records) takes its default,
        or is left out, whatever an earlier answer to it said."""
        facts = dict(profile)
        for question in self.profile:
            if question.applies_when and not conditions.holds(question.applies_when, facts):
                facts.pop(question.id, None)
                if question.default is not None:
                    facts[question.id] = question.default
        return facts

    def asks(self, question: ProfileQuestion, profile: Mapping[str, Fact]) -> bool:
        """Whether the walk asks this profile question, given the answers so far."""
        return conditions.holds(question.applies_when, self.settled(profile))

    @cached_property
    def _seen(self) -> dict[tuple[int, tuple[object, ...]], tuple[Item, Item]]:
        """for_practice's answers by item and profile: a portfolio of many practices with like
        profiles works each item out once, not once a file."""
        return {}

    def for_practice(self, item: Item, profile: Mapping[str, Fact]) -> Item:
        """The item as this practice sees it: only the references of laws that are its own (and
        of its profession's ethics code), and for a US practice its own state's rules in words,
        with their citations, after "why it matters" and the action (what the report and plan show)."""
        key = (id(item), self._profile_key(profile))
        seen = self._seen.get(key)
        if seen is None or seen[0] is not item:  # the item itself is kept: its id is never reused
            if len(self._seen) > 100_000:  # a bound on memory, whatever the files
                self._seen.clear()
            seen = self._seen[key] = (item, self._for_practice(item, profile))
        return seen[1]

    @cached_property
    def _last_profile(self) -> list[object]:
        return [None, (), {}]  # the profile last asked about (a copy), its key and its settled facts

    def _profile_key(self, profile: Mapping[str, Fact]) -> tuple[object, ...]:
        """A key for the profile: scoring asks for every item with one profile, so the last
        one's key is kept (checked by equality: a profile changed in place gets a new key)."""
        last = self._last_profile
        if last[0] != profile:
            last[0] = dict(profile)
            last[1] = tuple(sorted((name, repr(value)) for name, value in profile.items()))
            last[2] = self.settled(profile)
        key = last[1]
        assert isinstance(key, tuple)
        return key

    def _for_practice(self, item: Item, profile: Mapping[str, Fact]) -> Item:
        facts = self.settled(profile)
        shown = tuple(ref for ref in item.references if self._law_applies(ref, facts)) if self.laws else item.references
        why, remediation = item.why, item.remediation
        if facts.get("jurisdiction") == "us":
            from privacycheck.model import state_law as states

            if facts.get("hipaa_covered") is False and any(r.startswith(_HIPAA) for r in shown):
                why += (" Your practice is not a HIPAA covered entity, so what the HIPAA rules cited here "
                        "ask is good practice for you rather than a legal duty; state law and your ethics "
                        "code still apply.")
            state = states.bundled().state(facts.get("us_state")) if item.state_law else None
            # minors' consent only where the practice sees minors; recording and AI laws only where
            # the state has one (silence about them is no rule to show)
            topics = [t for t in item.state_law if not (t == "minor_consent" and facts.get("minors") is False)
                      and not (state is not None and t in _OTHER_LAWS and not states.refs(state, t))]
            if state is not None and topics:  # in "why it matters", and in the action the report and plan show
                job = facts.get("profession")
                rules = " ".join(states.describe(state, topic, profession=job) for topic in topics)
                why += " " + rules
                remediation += " " + rules
                for topic in topics:
                    shown += tuple(r for r in states.refs(state, topic, job) if r not in shown)
        if shown == item.references and why == item.why:
            return item
        return replace(item, references=shown, why=why, remediation=remediation)

    def _law_applies(self, reference: str, profile: Mapping[str, Fact]) -> bool:
        for law in self.laws:
            if reference.startswith(law.prefixes):
                return conditions.holds(law.applies_when, profile)
        return True  # a reference no [[laws]] table claims (an ethics code, say) is shown to all

    def threat(self, threat_id: str) -> Threat | None:
        return self._index[2].get(threat_id)

    def items(self) -> Iterator[Item]:
        for section in self.sections:
            yield from section.items

    def item(self, item_id: str) -> Item | None:
        return self._index[0].get(item_id)

    def section(self, section_id: str) -> Section | None:
        return self._index[1].get(section_id)

    @cached_property
    def _index(self) -> tuple[dict[str, Item], dict[str, Section], dict[str, Threat]]:
        """Items, sections and threats by id, built once (the first of a repeated id wins):
        look-ups by id are what compare and scoring do for every item."""
        items: dict[str, Item] = {}
        for item in self.items():
            items.setdefault(item.id, item)
        sections: dict[str, Section] = {}
        for section in self.sections:
            sections.setdefault(section.id, section)
        threats: dict[str, Threat] = {}
        for threat in self.threats:
            threats.setdefault(threat.id, threat)
        return items, sections, threats

    def applies(self, item: Item, profile: Mapping[str, Fact]) -> bool:
        key = (id(item), self._profile_key(profile))
        known = self._applies_seen.get(key)
        if known is None or known[0] is not item:
            if len(self._applies_seen) > 100_000:  # a bound on memory, whatever the files
                self._applies_seen.clear()
            facts = self._last_profile[2]
            assert isinstance(facts, dict)
            known = self._applies_seen[key] = (item, self._applies(item, facts))
        return known[1]

    @cached_property
    def _applies_seen(self) -> dict[tuple[int, tuple[object, ...]], tuple[Item, bool]]:
        return {}

    def _applies(self, item: Item, facts: Mapping[str, Fact]) -> bool:
        section = self.section(item.section_id)
        assert section is not None
        return conditions.holds(section.applies_when, facts) and conditions.holds(item.applies_when, facts)

    def applicable_items(self, profile: Mapping[str, Fact]) -> list[Item]:
        facts = self.settled(profile)
        return [item for item in self.items() if self._applies(item, facts)]

    @property
    def reference(self) -> str:
        """How an answers file names this checklist: bundled id or file path."""
        return self.id if self.bundled else str(self.path)


_LINE_BREAKS = {ord(c): repr(c)[1:-1] for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


@record
class Problem:
    """One thing wrong with a checklist file, with where it is."""

    path: Path
    line: int | None
    where: str
    message: str

    def __str__(self) -> str:
        place = f"line {self.line}: " if self.line else ""
        where = f"{self.where}: " if self.where else ""
        # one problem, one line: a line break inside a quoted value is shown escaped
        return f"{self.path}: {place}{where}{self.message}".translate(_LINE_BREAKS)


def resolve(name: str, base: Path | None = None) -> tuple[Path, bool]:
    """Find a checklist by bundled id or by path; returns (path, is_bundled).

    A path is relative to `base` (an answers file's folder) when given, else to the
    current directory.
    """
    if "\0" in name:
        raise PrivacycheckError(f"{name!r}: not a possible checklist id or file name")
    bundled = bundled_checklists()
    looks_like_path = "/" in name or "\\" in name or name.endswith(".toml")
    if not looks_like_path and name in bundled:
        return bundled[name], True
    path = Path(name)
    try:
        path = path.expanduser()
    except RuntimeError:  # "~someone/..." with no such user: taken as written
        pass
    if base is not None and not path.is_absolute():
        path = base / path
    if looks_like_path or _exists(path):
        return path, False
    known = ", ".join(bundled) or "none"
    raise PrivacycheckError(
        f"{name}: no bundled checklist with this id and no such file (bundled: {known})"
    )


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):  # a name too long, or with a NUL character, names no file
        return False


def load(name: str, base: Path | None = None) -> Checklist:
    """Load and validate a checklist; the first problem becomes a one-line error."""
    path, bundled = resolve(name, base)
    checklist, problems = _read(path, bundled)
    if problems:
        more = f" (and {len(problems) - 1} more problems: run 'privacycheck checklists validate {path}')"
        raise PrivacycheckError(str(problems[0]) + (more if len(problems) > 1 else ""))
    assert checklist is not None
    if checklist.untitled:
        _note_untitled(checklist)
    return checklist


_NOTED: set[Path] = set()


def untitled_warning(checklist: Checklist, about: Path | None = None) -> str:
    """The one-line warning for a checklist whose items lack titles (the question stands in);
    `about` names the file being validated when that is not the checklist (a scenario)."""
    n = checklist.untitled
    items = f"{n} item{'s have' if n != 1 else ' has'} no title; lists show the question instead"
    if about is None:
        return f"{checklist.path}: warning: {items}"
    return f"{about}: warning: in its checklist {checklist.path}, {items}"


def _note_untitled(checklist: Checklist) -> None:
    """Say once per checklist file, to a person at a terminal, that lists show questions.

    Only when stderr is a terminal: scripts and pipes get the same warning from
    `privacycheck checklists validate`, and their stderr stays for errors.
    """
    if checklist.path in _NOTED or not sys.stderr.isatty():
        return
    _NOTED.add(checklist.path)
    print(f"privacycheck: note: {untitled_warning(checklist)}", file=sys.stderr)


def validate(path: Path) -> list[Problem]:
    """Every problem in a checklist file, each with its location; [] when valid."""
    try:
        _checklist, problems = _read(path, bundled=_is_bundled(path))
    except PrivacycheckError as exc:
        return [Problem(path, None, "", exc.message.removeprefix(f"{path}: "))]
    return problems


# Checklists built in this process, by path and content: compare scores two reviews (and the
# earlier ones it follows) that usually name one checklist, which is then built once.
_BUILT: dict[tuple[str, bool, str], tuple[Checklist | None, list[Problem]]] = {}


def read_valid(path: Path) -> Checklist | None:
    """The checklist in a file that validates (for `checklists validate`), else None."""
    try:
        checklist, problems = _read(path, bundled=_is_bundled(path))
    except PrivacycheckError:
        return None
    return None if problems else checklist


def _is_bundled(path: Path) -> bool:
    """Whether a path names one of the bundled checklist files (held to the bundled rules)."""
    try:
        here = path.resolve()
        return any(here == p.resolve() for p in bundled_checklists().values())
    except (OSError, RuntimeError, ValueError):
        return False


def _read(path: Path, bundled: bool) -> tuple[Checklist | None, list[Problem]]:
    text, data = tomlfile.load(path, "checklist file", cached=True)
    key = (str(path), bundled, hashlib.sha256(text.encode("utf-8")).hexdigest())
    if key not in _BUILT:
        builder = _Builder(path, text, require_titles=bundled)
        built = builder.build(data, bundled)
        _BUILT[key] = (None if builder.problems else built), builder.problems
    checklist, problems = _BUILT[key]
    return checklist, list(problems)


class _Builder:
    """Walks raw TOML data once, building the model and collecting every problem."""

    def __init__(self, path: Path, text: str, require_titles: bool = False) -> None:
        self.path = path
        self.text = text
        self.require_titles = require_titles  # bundled checklists: every item has a title
        self.untitled = 0  # items without one, elsewhere: the question stands in
        self.problems: list[Problem] = []
        self.facts: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.id_uses: dict[str, int] = {}
        self.law_lines: list[int] | None = None  # the [[laws]] tables' lines, found when first needed
        self.id_lines: dict[str, list[int]] | None = None  # built on first use
        self.threat_ids: set[str] = set()  # [[threats]] come before the sections that name them

    def id_line_index(self) -> dict[str, list[int]]:
        """Every `id = "..."` line of the file, by id: one pass instead of one per id."""
        if self.id_lines is None:
            self.id_lines = {}
            for number, line in enumerate(self.text.splitlines(), start=1):
                match = _ID_LINE.match(line)
                if match:
                    self.id_lines.setdefault(match[1], []).append(number)
        return self.id_lines

    def problem(self, line: int | None, where: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, where, message))

    def line_of_id(self, ident: object) -> int | None:
        """The line of this `id = "..."`; a repeated id gets the line of its next use."""
        if not isinstance(ident, str):
            return None
        if not _QUOTE_OR_BREAK.search(ident):
            uses = self.id_uses.get(ident, 0)
            self.id_uses[ident] = uses + 1
            lines = self.id_line_index().get(ident, [])
            return lines[uses] if uses < len(lines) else None
        pattern = rf"^\s*id\s*=\s*[\"']{re.escape(ident)}[\"']"
        line: int | None = 0
        for _ in range(self.id_uses.get(ident, 0) + 1):
            line = tomlfile.line_of(self.text, pattern, (line or 0) + 1)
            if line is None:
                break
        self.id_uses[ident] = self.id_uses.get(ident, 0) + 1
        return line

    def build(self, data: dict[str, Any], bundled: bool) -> Checklist:
        header = data.get("checklist")
        if not isinstance(header, dict):
            self.problem(None, "", "missing [checklist] table with id, title and version")
            header = {}
        line = tomlfile.line_of(self.text, r"^\s*\[checklist\]")
        self.unknown_keys(header, _HEADER_KEYS, line, "[checklist]")
        ident = self.text_field(header, "id", line, "[checklist]")
        if ident and not CHECKLIST_ID.match(ident):
            self.problem(line, "[checklist]", f"id {ident!r} must be lowercase words joined by dashes")
        title = self.text_field(header, "title", line, "[checklist]")
        version = header.get("version")
        if not isinstance(version, str | int | float) or isinstance(version, bool) or version == "":
            self.problem(line, "[checklist]", "missing version (a string such as \"2026.1\")")
            version = ""
        description = self.text_field(header, "description", line, "[checklist]", required=False)
        for key in data:
            if key not in ("checklist", "profile", "sections", "threats", "laws"):
                self.problem(tomlfile.line_of(self.text, rf"^\s*\[*{re.escape(key)}\b"), "",
                             f"unknown top-level key {key!r}")

        profile = tuple(self.profile_question(raw, n) for n, raw in enumerate(self.table_list(data, "profile")))
        threats = tuple(t for n, raw in enumerate(self.table_list(data, "threats")) if (t := self.threat(raw, n)))
        laws = tuple(law for n, raw in enumerate(self.table_list(data, "laws")) if (law := self.law(raw, n)))
        raw_sections = self.table_list(data, "sections")
        if not raw_sections:
            self.problem(None, "", "no [[sections]]: a checklist needs at least one section")
        seen_sections: set[str] = set()
        seen_items: dict[str, str] = {}
        sections = []
        for n, raw in enumerate(raw_sections):
            section = self.section(raw, n, seen_sections, seen_items)
            sections.append(section)
        digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        return Checklist(
            id=ident, title=title, version=str(version), description=description,
            profile=tuple(p for p in profile if p is not None), sections=tuple(sections),
            path=self.path, sha256=digest, bundled=bundled, threats=threats, untitled=self.untitled,
            laws=laws,
        )

    def law(self, raw: dict[str, Any], n: int) -> Law | None:
        if self.law_lines is None:  # every [[laws]] table's line, found in one pass
            self.law_lines = [number for number, text in enumerate(self.text.splitlines(), start=1)
                              if _LAWS_HEADER.match(text)]
        line = self.law_lines[n] if n < len(self.law_lines) else None
        name = raw.get("name")
        where = f"law {name}" if isinstance(name, str) and name else f"law #{n + 1}"
        self.unknown_keys(raw, _LAW_KEYS, line, where)
        name = self.text_field(raw, "name", line, where)
        prefixes = self.strings(raw, "prefixes", line, where)
        applies_when = self.condition(raw, line, where)
        if not prefixes:
            self.problem(line, where, "prefixes must list how its references begin, e.g. [\"45 CFR\"]")
            return None
        return Law(name, prefixes, applies_when)

    def threat(self, raw: dict[str, Any], n: int) -> Threat | None:
        ident = raw.get("id")
        line = self.line_of_id(ident)
        where = f"threat {ident}" if isinstance(ident, str) else f"threat #{n + 1}"
        self.unknown_keys(raw, _THREAT_KEYS, line, where)
        if not isinstance(ident, str) or not CHECKLIST_ID.match(ident):
            self.problem(line, where, "id must be lowercase words joined by dashes")
            return None
        if ident in self.threat_ids:
            self.problem(line, where, f"duplicate threat id {ident!r}")
            return None
        self.threat_ids.add(ident)
        from privacycheck.model.answers import INVENTORY_KINDS

        concerns = self.strings(raw, "concerns", line, where)
        for kind in concerns:
            if kind not in INVENTORY_KINDS:
                self.problem(line, where, f"concerns unknown kind of place {kind!r} (use {', '.join(INVENTORY_KINDS)})")
        facts = self.strings(raw, "facts", line, where)
        for fact in facts:
            if fact not in PLACE_FACTS:
                self.problem(line, where, f"unknown fact {fact!r} (use {', '.join(PLACE_FACTS)})")
        return Threat(ident, self.text_field(raw, "title", line, where),
                      self.text_field(raw, "description", line, where, required=False),
                      concerns=concerns, facts=facts)

    def table_list(self, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
        raw = data.get(key, [])
        if not isinstance(raw, list) or not all(isinstance(t, dict) for t in raw):
            self.problem(tomlfile.line_of(self.text, rf"^\s*\[*{key}\b"), "",
                         f"{key} must be written as [[{key}]] tables")
            return []
        return raw

    def unknown_keys(self, raw: dict[str, Any], known: frozenset[str], line: int | None, where: str) -> None:
        for key in raw:
            if key not in known:
                self.problem(line, where, f"unknown key {key!r} (known: {', '.join(sorted(known))})")

    def text_field(self, raw: dict[str, Any], key: str, line: int | None, where: str, required: bool = True) -> str:
        value = raw.get(key)
        if value is None:
            if required:
                self.problem(line, where, f"missing {key}")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(line, where, f"{key} must be non-empty text")
            return ""
        return value

    def profile_question(self, raw: dict[str, Any], n: int) -> ProfileQuestion | None:
        ident = raw.get("id")
        line = self.line_of_id(ident)
        where = f"profile {ident}" if isinstance(ident, str) else f"profile #{n + 1}"
        self.unknown_keys(raw, _PROFILE_KEYS, line, where)
        if not isinstance(ident, str) or not FACT_ID.match(ident):
            self.problem(line, where, "id must be lowercase letters, digits and underscores")
            return None
        if ident in self.facts:
            self.problem(line, where, f"duplicate profile id {ident!r}")
            return None
        question = self.text_field(raw, "question", line, where)
        kind = raw.get("type")
        if kind not in PROFILE_TYPES:
            self.problem(line, where, f"type must be one of {', '.join(PROFILE_TYPES)}, got {kind!r}")
            return None
        choices: tuple[str, ...] = ()
        if kind == "choice":
            raw_choices = raw.get("choices")
            if (not isinstance(raw_choices, list) or not raw_choices
                    or not all(isinstance(c, str) and c for c in raw_choices)):
                self.problem(line, where, "a choice question needs choices = [\"...\", ...]")
                return None
            choices = tuple(raw_choices)
            if len(set(choices)) != len(choices):
                self.problem(line, where, "choices repeat a value")
        elif "choices" in raw:
            self.problem(line, where, f"choices only go with type = \"choice\", not {kind!r}")
        labels = self.choice_labels(raw, kind, choices, line, where)
        default = raw.get("default")
        if default is not None:
            _clauses, problems = conditions.parse({ident: default}, {ident: (kind, choices)})
            for message in problems:
                self.problem(line, where, "default: " + message.split(": ", 1)[-1])
        applies_when = self.condition(raw, line, where)  # over the facts asked before this one
        self.facts[ident] = (kind, choices)
        return ProfileQuestion(ident, question, kind, choices, self.text_field(raw, "help", line, where, False),
                               default, labels, applies_when)

    def choice_labels(self, raw: dict[str, Any], kind: object, choices: tuple[str, ...],
                      line: int | None, where: str) -> tuple[tuple[str, str], ...]:
        """labels = { choice = "words shown for it", ... }: optional, choice questions only."""
        labels = raw.get("labels")
        if labels is None:
            return ()
        if kind != "choice":
            self.problem(line, where, f"labels only go with type = \"choice\", not {kind!r}")
            return ()
        if not isinstance(labels, dict) or not all(isinstance(v, str) and v.strip() for v in labels.values()):
            self.problem(line, where, "labels must be a table of choice = \"words\"")
            return ()
        unknown = [key for key in labels if key not in choices]
        if unknown:
            self.problem(line, where, f"labels name {unknown[0]!r}, which is not one of the choices")
        return tuple((c, labels[c]) for c in choices if c in labels)

    def condition(self, raw: dict[str, Any], line: int | None, where: str) -> Condition:
        if "applies_when" not in raw:
            return ()
        clauses, problems = conditions.parse(raw["applies_when"], self.facts)
        for message in problems:
            self.problem(line, where, message)
        return clauses

    def section(self, raw: dict[str, Any], n: int, seen: set[str], seen_items: dict[str, str]) -> Section:
        ident = raw.get("id")
        line = self.line_of_id(ident)
        where = f"section {ident}" if isinstance(ident, str) else f"section #{n + 1}"
        self.unknown_keys(raw, _SECTION_KEYS, line, where)
        if not isinstance(ident, str) or not ITEM_ID.match(ident):
            self.problem(line, where, "id must be lowercase words joined by dashes")
            ident = f"#{n + 1}"
        elif ident in seen:
            self.problem(line, where, f"duplicate section id {ident!r}")
        seen.add(ident)
        title = self.text_field(raw, "title", line, where)
        description = self.text_field(raw, "description", line, where, required=False)
        applies_when = self.condition(raw, line, where)
        raw_items = raw.get("items", [])
        if not isinstance(raw_items, list) or not all(isinstance(t, dict) for t in raw_items):
            self.problem(line, where, "items must be written as [[sections.items]] tables")
            raw_items = []
        if not raw_items:
            self.problem(line, where, "section has no items")
        items = [self.item(r, ident, k, seen_items) for k, r in enumerate(raw_items)]
        return Section(ident, title, tuple(i for i in items if i), description, applies_when)

    def item(self, raw: dict[str, Any], section_id: str, k: int, seen: dict[str, str]) -> Item | None:
        ident = raw.get("id")
        line = self.line_of_id(ident)
        where = f"item {ident}" if isinstance(ident, str) else f"section {section_id}, item #{k + 1}"
        self.unknown_keys(raw, _ITEM_KEYS, line, where)
        if not isinstance(ident, str) or not ITEM_ID.match(ident):
            self.problem(line, where, "id must be lowercase words joined by dots or dashes, e.g. \"physical.sound-privacy\"")
            ident = None
        elif ident in seen:
            self.problem(line, where, f"duplicate item id (first used in section {seen[ident]})")
        else:
            seen[ident] = section_id
        texts = {key: self.text_field(raw, key, line, where) for key in _ITEM_TEXT}
        texts["title"] = self.item_title(raw, line, where)
        severity = raw.get("severity")
        if severity not in SEVERITIES:
            self.problem(line, where, f"unknown severity {severity!r} (use {', '.join(SEVERITIES)})")
        effort = raw.get("effort")
        if effort not in EFFORTS:
            self.problem(line, where, f"unknown effort {effort!r} (use {', '.join(EFFORTS)})")
        references = self.strings(raw, "references", line, where)
        tags = self.strings(raw, "tags", line, where)
        applies_when = self.condition(raw, line, where)
        threats = self.strings(raw, "threats", line, where)
        for threat in threats:
            if threat not in self.threat_ids:
                self.problem(line, where, f"names threat {threat!r}, which no [[threats]] table defines")
        levels = {}
        for key in ("likelihood", "impact"):
            value = raw.get(key, "")
            if value and value not in LEVELS or not isinstance(value, str):
                self.problem(line, where, f"unknown {key} {value!r} (use {', '.join(LEVELS)})")
                value = ""
            elif threats and not value:
                self.problem(line, where, f"names threats but no {key} (use {', '.join(LEVELS)})")
            levels[key] = value
        addressable = self.text_field(raw, "addressable", line, where, required=False)
        state_law = self.strings(raw, "state_law", line, where)
        for topic in state_law:
            if topic not in STATE_TOPICS:
                self.problem(line, where, f"state_law names {topic!r} (use {', '.join(STATE_TOPICS)})")
        if ident is None:
            return None
        return Item(
            id=ident, section_id=section_id, severity=str(severity), effort=str(effort),
            references=references, tags=tags, applies_when=applies_when, threats=threats,
            addressable=addressable, state_law=state_law, **levels, **texts,
        )

    def item_title(self, raw: dict[str, Any], line: int | None, where: str) -> str:
        """An item's title: a short noun phrase, at most TITLE_MAX characters.

        Required in the bundled checklists; elsewhere an item without one is counted
        (the question stands in, and `checklists validate` warns once per file).
        """
        if "title" not in raw:
            if self.require_titles:
                self.problem(line, where, f"missing title (a short name for the safeguard, "
                                          f"at most {TITLE_MAX} characters)")
            else:
                self.untitled += 1
            return ""
        title = self.text_field(raw, "title", line, where)
        if len(title) > TITLE_MAX:
            self.problem(line, where, f"title has {len(title)} characters; keep it to {TITLE_MAX}")
        return title

    def strings(self, raw: dict[str, Any], key: str, line: int | None, where: str) -> tuple[str, ...]:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(line, where, f"{key} must be a list of non-empty strings")
            return ()
        if len(set(value)) != len(value):
            self.problem(line, where, f"{key} lists the same entry twice")
        return tuple(value)


def to_json(checklist: Checklist) -> dict[str, Any]:
    """The whole checklist as plain data, for `checklists show --json`."""
    def cond(c: Condition) -> list[dict[str, Any]]:
        return [{"fact": cl.fact, "op": cl.op, "value": list(cl.value) if isinstance(cl.value, tuple) else cl.value} for cl in c]

    return {
        "schema_version": 1,
        "id": checklist.id,
        "title": checklist.title,
        "version": checklist.version,
        "description": checklist.description,
        "path": str(checklist.path),
        "bundled": checklist.bundled,
        "sha256": checklist.sha256,
        "threats": [{"id": t.id, "title": t.title, "description": t.description,
                     "concerns": list(t.concerns), "facts": list(t.facts)} for t in checklist.threats],
        "laws": [{"name": law.name, "prefixes": list(law.prefixes), "applies_when": cond(law.applies_when)}
                 for law in checklist.laws],
        "profile": [
            {"id": p.id, "question": p.question, "type": p.type, "choices": list(p.choices),
             "labels": dict(p.labels), "help": p.help, "default": p.default,
             "applies_when": cond(p.applies_when)}
            for p in checklist.profile
        ],
        "sections": [
            {
                "id": s.id, "title": s.title, "description": s.description,
                "applies_when": cond(s.applies_when),
                "items": [
                    {"id": i.id, "title": i.title, "question": i.question, "why": i.why, "guidance": i.guidance,
                     "remediation": i.remediation, "severity": i.severity, "effort": i.effort,
                     "references": list(i.references), "tags": list(i.tags),
                     "applies_when": cond(i.applies_when), "threats": list(i.threats),
                     "likelihood": i.likelihood, "impact": i.impact, "addressable": i.addressable,
                     "state_law": list(i.state_law)}
                    for i in s.items
                ],
            }
            for s in checklist.sections
        ],
    }
