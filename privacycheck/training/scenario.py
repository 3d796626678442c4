"""Training scenarios: a fictional practice, its profile, and model answers with rationales."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from privacycheck.errors import PrivacycheckError
from privacycheck.files import tomlfile
from privacycheck.files.resources import data_dir
from privacycheck.model import checklist as checklists
from privacycheck.model.answers import InventoryEntry, RiskAnswer, read_inventory, read_risk
from privacycheck.model.checklist import Checklist, Problem
from privacycheck.model.conditions import Fact
from privacycheck.model.record import field, record

MODEL_STATUSES = ("yes", "partial", "no", "na")
_HEAD_KEYS = frozenset({"id", "title", "checklist", "practice", "size", "setting", "maturity",
                        "minutes", "vignette", "debrief"})


@record
class ModelAnswer:
    status: str
    rationale: str


@record
class Scenario:
    id: str
    title: str
    practice: str
    size: str
    setting: str
    vignette: str
    debrief: str
    checklist: Checklist
    profile: Mapping[str, Fact]
    model: Mapping[str, ModelAnswer]
    path: Path
    bundled: bool = False
    minutes: int | None = None  # the scenario's own estimate of the time the exercise takes
    inventory: tuple[InventoryEntry, ...] = ()  # the model inventory ([[inventory]]), if it teaches something
    risks: Mapping[str, RiskAnswer] = field(default_factory=dict)  # model decisions ([risks."THREAT-ID"])

    def items(self) -> list[checklists.Item]:
        """The items a trainee answers: those that apply under the scenario's profile."""
        return self.checklist.applicable_items(self.profile)


def scenario_dir() -> Path:
    return data_dir("checklists") / "scenarios"


def bundled_scenarios() -> dict[str, Path]:
    folder = scenario_dir()
    return {p.stem: p for p in sorted(folder.glob("*.toml"))} if folder.is_dir() else {}


def is_scenario_file(path: Path) -> bool:
    """Whether a TOML file is a scenario (has a [scenario] table) rather than a checklist."""
    try:
        text = tomlfile.read_bytes(path, "scenario file").decode("utf-8", "replace")
    except PrivacycheckError:
        return False
    # [ \t]*, not \s*: \s also matches line breaks, which makes a file of many blank lines
    # take minutes (each line start would scan all the blank lines after it)
    return re.search(r"^[ \t]*\[scenario\]", text, re.MULTILINE) is not None


def resolve(name: str) -> tuple[Path, bool]:
    bundled = bundled_scenarios()
    if name in bundled:
        return bundled[name], True
    path = Path(name).expanduser()
    if path.suffix == ".toml" or "/" in name or path.exists():
        return path, False
    raise PrivacycheckError(
        f"{name}: no scenario with this id (bundled: {', '.join(bundled) or 'none'}; "
        "see 'privacycheck train --list')")


def load(name: str) -> Scenario:
    path, bundled = resolve(name)
    scenario, problems = _read(path, bundled)
    if problems:
        more = f" (and {len(problems) - 1} more: run 'privacycheck checklists validate {path}')"
        raise PrivacycheckError(str(problems[0]) + (more if len(problems) > 1 else ""))
    assert scenario is not None
    return scenario


def print_list() -> None:
    """One line per bundled scenario, for `privacycheck train --list`."""
    for ident in bundled_scenarios():
        s = load(ident)
        time = f", about {s.minutes} minutes" if s.minutes else ""
        print(f"{s.id}  {s.title}  ({len(s.items())} items{time})")


def validate(path: Path) -> list[Problem]:
    try:
        _scenario, problems = _read(path, bundled=False)
    except PrivacycheckError as exc:
        return [Problem(path, None, "", exc.message.removeprefix(f"{path}: "))]
    return problems


def _read(path: Path, bundled: bool) -> tuple[Scenario | None, list[Problem]]:
    text, data = tomlfile.load(path, "scenario file")
    problems: list[Problem] = []

    def problem(where: str, message: str, pattern: str | None = None) -> None:
        line = tomlfile.line_of(text, pattern) if pattern else None
        problems.append(Problem(path, line, where, message))

    head = data.get("scenario")
    if not isinstance(head, dict):
        problem("", "missing [scenario] table")
        return None, problems
    for key in head:
        if key not in _HEAD_KEYS:
            problem("[scenario]", f"unknown key {key!r}", rf"^\s*{re.escape(key)}\s*=")
    fields: dict[str, str] = {}
    for key in ("id", "title", "checklist", "practice", "vignette", "debrief", "size", "setting"):
        value = head.get(key, "")
        if not isinstance(value, str) or (key not in ("size", "setting") and not value.strip()):
            problem("[scenario]", f"missing or empty {key}", rf"^\s*{key}\s*=")
            value = ""
        fields[key] = value
    minutes = head.get("minutes")
    if minutes is not None and (not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0):
        problem("[scenario]", "minutes must be a whole number above 0", r"^\s*minutes\s*=")
        minutes = None
    if fields["id"] and not checklists.CHECKLIST_ID.match(fields["id"]):
        problem("[scenario]", "id must be lowercase words joined by dashes", r"^\s*id\s*=")
    if not fields["checklist"]:
        return None, problems
    try:
        model_checklist = checklists.load(fields["checklist"], base=path.parent)
    except PrivacycheckError as exc:
        problem("[scenario]", f"checklist: {exc.message}", r"^\s*checklist\s*=")
        return None, problems

    profile = data.get("profile", {})
    if not isinstance(profile, dict):
        problem("", "profile must be a [profile] table")
        profile = {}
    questions = {q.id: q for q in model_checklist.profile}
    for key, value in profile.items():
        q = questions.get(key)
        pattern = rf"^\s*{re.escape(key)}\s*="
        if q is None:
            problem(f"profile.{key}", "not a profile question of the checklist", pattern)
        elif not _fits(q, value):
            problem(f"profile.{key}", f"{value!r} does not fit a {q.type} question", pattern)
    typed = {k: v for k, v in profile.items() if isinstance(v, bool | int | str)}
    for key, q in questions.items():  # a follow-up its profile does not ask (the state of a UK practice) is not needed
        if key not in profile and model_checklist.asks(q, typed):
            problem("[profile]", f"missing profile fact {key!r}", r"^\s*\[profile\]")

    raw_model = data.get("model", {})
    if not isinstance(raw_model, dict):
        problem("", "model answers must be [model.\"ITEM-ID\"] tables")
        raw_model = {}
    model: dict[str, ModelAnswer] = {}
    for item_id, raw in raw_model.items():
        pattern = rf"^\s*\[model\.\"?{re.escape(item_id)}\"?\]"
        if not isinstance(raw, dict):
            problem(f"model.{item_id}", "expected a table with status and rationale", pattern)
            continue
        status, rationale = raw.get("status"), raw.get("rationale")
        if status not in MODEL_STATUSES:
            problem(f"model.{item_id}", f"status must be one of {', '.join(MODEL_STATUSES)}, got {status!r}", pattern)
            continue
        if not isinstance(rationale, str) or not rationale.strip():
            problem(f"model.{item_id}", "missing rationale", pattern)
            continue
        extra = set(raw) - {"status", "rationale"}
        if extra:
            problem(f"model.{item_id}", f"unknown key {min(extra)!r}", pattern)
        model[item_id] = ModelAnswer(status, rationale)
    inventory = _inventory(path, text, data, problems)
    risks = _risks(path, text, data, model_checklist, problems)
    for key in data:
        if key not in ("scenario", "profile", "model", "inventory", "risks"):
            problem("", f"unknown top-level table {key!r}")

    typed_profile: dict[str, Fact] = {k: v for k, v in profile.items() if isinstance(v, bool | int | str)}
    applicable = [i.id for i in model_checklist.applicable_items(typed_profile)]
    for item_id in applicable:
        if item_id not in raw_model:
            problem(f"model.{item_id}", "applicable item has no model answer")
    for item_id in raw_model:
        if item_id not in applicable:
            why = "does not apply under this profile" if model_checklist.item(item_id) else "is not in the checklist"
            problem(f"model.{item_id}", f"model answer for an item that {why}",
                    rf"^\s*\[model\.\"?{re.escape(item_id)}\"?\]")
    if problems:
        return None, problems
    return Scenario(
        id=fields["id"], title=fields["title"], practice=fields["practice"], size=fields["size"],
        setting=fields["setting"], vignette=fields["vignette"].strip(), debrief=fields["debrief"].strip(),
        checklist=model_checklist, profile=typed_profile, model=model, path=path, bundled=bundled,
        minutes=minutes, inventory=inventory, risks=risks,
    ), problems


def _problem(path: Path, exc: PrivacycheckError) -> Problem:
    """The answers reader's one-line error as a Problem ("PATH: line N: message")."""
    rest = exc.message.removeprefix(f"{path}: ")
    found = re.match(r"line (\d+): ", rest)
    if found:
        return Problem(path, int(found.group(1)), "", rest[found.end():])
    return Problem(path, None, "", rest)


def _inventory(path: Path, text: str, data: dict[str, Any], problems: list[Problem]) -> tuple[InventoryEntry, ...]:
    """The model inventory: [[inventory]] tables with the answers file's keys."""
    try:
        return read_inventory(path, text, data.get("inventory", []))
    except PrivacycheckError as exc:
        problems.append(_problem(path, exc))
        return ()


def _risks(path: Path, text: str, data: dict[str, Any], model_checklist: Checklist,
           problems: list[Problem]) -> dict[str, RiskAnswer]:
    """The model risk decisions: [risks."THREAT-ID"] with a decision and the rationale that
    explains the teaching point."""
    raw = data.get("risks", {})
    if not isinstance(raw, dict):
        problems.append(Problem(path, tomlfile.line_of(text, r"^\s*risks\s*="), "",
                                'model risk decisions must be [risks."THREAT-ID"] tables'))
        return {}
    risks: dict[str, RiskAnswer] = {}
    for threat_id, table in raw.items():
        line = tomlfile.line_of(text, rf"^\s*\[risks\.\"?{re.escape(threat_id)}\"?\]")
        where = f'risks."{threat_id}"'
        if model_checklist.threat(threat_id) is None:
            known = ", ".join(t.id for t in model_checklist.threats) or "none in this checklist"
            problems.append(Problem(path, line, where, f"unknown threat (known: {known})"))
            continue
        try:
            risk = read_risk(path, text, threat_id, table)
        except PrivacycheckError as exc:
            problems.append(_problem(path, exc))
            continue
        if not risk.decision or not risk.rationale.strip():
            problems.append(Problem(path, line, where, "a model risk needs a decision and a rationale "
                                                       "(what the trainee should learn from it)"))
            continue
        risks[threat_id] = risk
    return risks


def _fits(q: checklists.ProfileQuestion, value: Any) -> bool:
    if q.type == "bool":
        return isinstance(value, bool)
    if q.type == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, str) and value in q.choices
