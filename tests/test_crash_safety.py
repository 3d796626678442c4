"""A review killed outright (SIGKILL: no clean-up, no handler runs) at any prompt keeps every
answer given before it, in an answers file that still reads.

The real `privacycheck assess` runs in a pseudo-terminal over the small `mini` checklist and is
killed at each prompt in turn: practice name, assessor, each profile question, each item's
status, each note, and the closing offer of a report. A second review, over a small checklist
with threats, is killed at each prompt of the inventory and risk steps.
"""

from __future__ import annotations

import re
import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import MINI_CHECKLIST
from test_assess_e2e import TIMEOUT, spawn, transcript

from privacycheck.model import answers

pexpect = pytest.importorskip("pexpect")
STARTUP = 60  # seconds for the first prompt: every review starts at once on a slow machine


@dataclass(frozen=True)
class Step:
    """One prompt: the text that shows it, the keys typed, what the file holds afterwards."""

    prompt: tuple[str, ...]
    keys: str
    details: dict[str, str] = field(default_factory=dict)
    profile: dict[str, Any] = field(default_factory=dict)
    status: tuple[str, str] | None = None
    note: tuple[str, str] | None = None


ITEMS = (("physical.sound", "partial", "2"), ("physical.locks", "no", "3"),
         ("digital.encryption", "yes", "1"), ("digital.updates", "unknown", "4"))

STEPS = [
    Step(("Name of the practice",), "Riverside Counselling\r", details={"practice": "Riverside Counselling"}),
    Step(("assessor",), "Sam Lee\r", details={"assessor": "Sam Lee"}),
    Step(("anyone else work", "Your answer"), "n", profile={"staff": False}),  # one key
    Step(("Where is the practice", "Your answer"), "1", profile={"jurisdiction": "us"}),
    Step(("How many clinicians", "Your answer"), "1\r", profile={"clinicians": 1}),
]
for number, (item_id, status, key) in enumerate(ITEMS, start=1):
    STEPS.append(Step((re.escape(f"Question {number} of {len(ITEMS)}"), "Your answer"), "n" + key,
                      status=(item_id, status)))  # n: a note follows the answer
    STEPS.append(Step(("Note or evidence",), f"note {number}\r", note=(item_id, f"note {number}")))
# The last prompt: the offer to write the report, once everything is answered.
STEPS.append(Step(("Write the HTML report",), "y"))


def expected(given: list[Step]) -> tuple[dict[str, str], dict[str, Any], dict[str, tuple[str, str]]]:
    details: dict[str, str] = {}
    profile: dict[str, Any] = {}
    statuses: dict[str, tuple[str, str]] = {}
    for step in given:
        details.update(step.details)
        profile.update(step.profile)
        if step.status:
            statuses[step.status[0]] = (step.status[1], "")
        if step.note:
            statuses[step.note[0]] = (statuses[step.note[0]][0], step.note[1])
    return details, profile, statuses


def check_file(folder: Path, kill_at: int) -> None:
    path = folder / "review.toml"
    details, profile, statuses = expected(STEPS[:kill_at])
    where = f"killed at prompt {kill_at} ({STEPS[kill_at].prompt[0]})"
    if not details:
        assert not path.exists(), where  # nothing was answered, nothing was written
        return
    saved = answers.load(path)  # parses: never a half-written file
    assert {"practice": saved.practice, "assessor": saved.assessor} == {
        "practice": details["practice"], "assessor": details.get("assessor", "")}, where
    assert dict(saved.profile) == profile, where
    assert {k: (a.status, a.note) for k, a in saved.answers.items()} == statuses, where
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")], where  # no litter


def test_sigkill_at_any_prompt_keeps_every_earlier_answer(tmp_path: Path) -> None:
    # One review per kill point, all running at once (each in its own folder), so that the
    # slow part, starting Python and the prompt library, overlaps.
    folders = []
    for kill_at in range(len(STEPS)):
        folder = tmp_path / f"kill-{kill_at:02d}"
        folder.mkdir()
        (folder / "mini.toml").write_text(MINI_CHECKLIST)
        folders.append(folder)
    children = [spawn(folder, "assess", "-c", "mini.toml", "-o", "review.toml") for folder in folders]
    try:
        for number, step in enumerate(STEPS):
            for kill_at, child in enumerate(children):
                if kill_at < number:
                    continue  # killed already
                for text in step.prompt:
                    child.expect(text, timeout=STARTUP if number == 0 else TIMEOUT)
                if kill_at == number:  # the prompt is on screen: all before it is on disk
                    child.kill(signal.SIGKILL)
                    child.expect(pexpect.EOF)
                    child.close()
                    assert child.signalstatus == signal.SIGKILL, transcript(child)
                else:
                    child.send(step.keys)
    finally:
        for child in children:
            if child.isalive():
                child.close(force=True)
    for kill_at, folder in enumerate(folders):
        check_file(folder, kill_at)


# ---------------------------------------------------------------- the inventory and risk steps

UP, DOWN, CLEAR = "\x1b[A", "\x1b[B", "\x15"
EHR = ["Record system or EHR", "records", "", "unknown", "unknown"]


@dataclass(frozen=True)
class RiskStep:
    """One prompt of a review over a checklist with threats, and what its answer changes."""

    prompt: tuple[str, ...]
    keys: str
    change: Any = None  # a function of the expected state, applied once the prompt is answered
    kill: bool = True  # False: a kind of prompt the test above kills at already


def _set(*path: Any) -> Any:
    def change(state: dict[str, Any]) -> None:
        *where, key, value = path
        target = state
        for part in where:
            target = target.setdefault(part, {}) if isinstance(target, dict) else target[part]
        target[key] = value
    return change


def _add(entry: list[str]) -> Any:
    return lambda state: state["inventory"].append(list(entry))


KEEP = DOWN + "\r"  # the first arrow shows the pointer on the highlighted choice; Enter takes it
RISK_STEPS = [  # the keys typed at each prompt: one key picks a choice, a line of text ends with Enter
    RiskStep(("Name of the practice",), "Riverside Counselling\r",
             _set("details", "practice", "Riverside Counselling"), kill=False),
    RiskStep(("assessor",), "Sam Lee\r", _set("details", "assessor", "Sam Lee"), kill=False),
    RiskStep(("paper records", "Your answer"), "y", _set("profile", "paper_records", True), kill=False),
    RiskStep(("telehealth", "Your answer"), "n", _set("profile", "telehealth", False), kill=False),
    RiskStep(("Where is the practice", "Your answer"), "1", _set("profile", "jurisdiction", "us"), kill=False),
    RiskStep(("Place 1 of 7", "Your answer"), "y", _add(EHR)),
    RiskStep(("Which record system", "Your answer"), "SimplePractice\r",  # the service names the entry
             lambda s: s["inventory"][0].__setitem__(slice(0, 3), ["SimplePractice", "records", "SimplePractice"])),
    RiskStep(("business associate",), "1", _set("inventory", 0, 3, "yes")),
    RiskStep(("encrypted",), "1", _set("inventory", 0, 4, "yes")),
    RiskStep(("Place 2 of 7", "Your answer"), "\r"),  # none: Enter
    RiskStep(("Place 3 of 7", "Your answer"), "\r", kill=False),
    RiskStep(("Place 4 of 7", "Your answer"), "n", kill=False),
    # then paper files, which the profile settled: added without a question
    RiskStep(("Place 5 of 7", "Your answer"), "n", _add(["Paper files", "paper", "", "na", "unknown"])),
    RiskStep(("Place 7 of 7", "Your answer"), "y", _add(["Backups", "backup", "", "unknown", "unknown"]), kill=False),
    RiskStep(("Which backup service", "Your answer"), "\r", _set("inventory", 2, 3, "na")),
    RiskStep(("encrypted",), "1", _set("inventory", 2, 4, "yes"), kill=False),  # so the answers agree with it
    RiskStep(("Anything to add or change",), KEEP),
]
for number, (item_id, status, key) in enumerate(
        (("physical.sound", "partial", "2"), ("physical.locks", "yes", "1"),
         ("digital.encryption", "no", "3"), ("digital.backup", "yes", "1")), start=1):
    RISK_STEPS.append(RiskStep((re.escape(f"Question {number} of 4"), "Your answer"), "n" + key,
                               _set("statuses", item_id, [status, ""]), kill=False))
    RISK_STEPS.append(RiskStep(("Note or evidence",), f"note {number}\r",
                               _set("statuses", item_id, 1, f"note {number}"), kill=False))
RISK_STEPS += [
    RiskStep(("Addressable specification 1 of 1", "decision"), "3",
             _set("addressable", "digital.encryption", ["not-reasonable", ""])),
    RiskStep(("Describe why",), "Desktop only\r", _set("addressable", "digital.encryption", 1, "Desktop only")),
    RiskStep(("Keep these ratings",), "2"),  # change the first risk: Lost or stolen device
    RiskStep((r"Likelihood \(default",), "1", _set("risks", "lost-device", "likelihood", "low")),
    RiskStep((r"Impact \(default",), KEEP, kill=False),
    RiskStep(("Why does it differ",), "Desktop never leaves\r",
             _set("risks", "lost-device", "reason", "Desktop never leaves")),
    RiskStep(("What will the practice do",), "2"),  # accept: saved with its rationale
    RiskStep(("Why is the risk acceptable",), "Locked office\r",
             lambda s: s["risks"]["lost-device"].update(decision="accept", rationale="Locked office")),
    RiskStep(("Who accepted it",), "\r", _set("risks", "lost-device", "accepted_by", "Sam Lee")),
    RiskStep(("Keep these ratings",), "1"),
    RiskStep(("Write the HTML report",), "y", kill=False),
]


def risk_state(path: Path) -> dict[str, Any]:
    saved = answers.load(path)
    return {
        "details": {"practice": saved.practice, "assessor": saved.assessor} if saved.assessor
        else {"practice": saved.practice},
        "profile": dict(saved.profile),
        "inventory": [[e.name, e.kind, e.provider, e.baa, e.encrypted] for e in saved.inventory],
        "statuses": {k: [a.status, a.note] for k, a in saved.answers.items()},
        "addressable": {k: [a.addressable, a.addressable_note] for k, a in saved.answers.items() if a.addressable},
        "risks": {k: {f: v for f, v in vars(r).items() if v} for k, r in saved.risks.items()},
    }


def test_sigkill_at_any_inventory_or_risk_prompt_keeps_every_earlier_answer(tmp_path: Path) -> None:
    from risk_fixtures import RISK_CHECKLIST

    kill_points = [n for n, step in enumerate(RISK_STEPS) if step.kill]
    folders = {}
    for kill_at in kill_points:
        folder = tmp_path / f"kill-{kill_at:02d}"
        folder.mkdir()
        (folder / "mini-risk.toml").write_text(RISK_CHECKLIST)
        folders[kill_at] = folder
    children = {k: spawn(folders[k], "assess", "-c", "mini-risk.toml", "-o", "review.toml") for k in kill_points}
    try:
        for number, step in enumerate(RISK_STEPS):
            for kill_at, child in children.items():
                if kill_at < number:
                    continue
                for text in step.prompt:
                    child.expect(text, timeout=STARTUP if number == 0 else TIMEOUT)
                if kill_at == number:
                    child.kill(signal.SIGKILL)
                    child.expect(pexpect.EOF)
                    child.close()
                    assert child.signalstatus == signal.SIGKILL, transcript(child)
                else:
                    child.send(step.keys)
    finally:
        for child in children.values():
            if child.isalive():
                child.close(force=True)
    state: dict[str, Any] = {"details": {}, "profile": {}, "inventory": [], "statuses": {},
                             "addressable": {}, "risks": {}}
    for number, step in enumerate(RISK_STEPS):
        if number in folders:
            where = f"killed at prompt {number} ({step.prompt[0]})"
            assert risk_state(folders[number] / "review.toml") == state, where
            assert not [p.name for p in folders[number].iterdir() if p.name.endswith(".tmp")], where
        if step.change is not None:
            step.change(state)


# ---------------------------------------------------------------- plan --update, killed at any prompt

# The open actions of the mini review below, in the plan's order, and what is typed at each:
# (prompt, keys, item id, field, value the file holds once the keys are in).
UPDATE_GIVEN = {"physical.sound": "partial", "physical.locks": "no", "digital.encryption": "no",
                "digital.updates": "unknown"}
UPDATE_STEPS: list[tuple[tuple[str, ...], str, str, str, Any]] = [
    (("Action 1 of 4", "Your answer"), "n1", "digital.encryption", "status", "yes"),  # n: a note
    (("Note or evidence",), "n1\r", "digital.encryption", "note", "n1"),
    (("Action 2 of 4", "Your answer"), "2", "physical.sound", "status", "partial"),
    (("Owner",), "Jo\r", "physical.sound", "owner", "Jo"),
    (("Due date",), "\x152027-01-15\r", "physical.sound", "due", "2027-01-15"),
    (("Action 3 of 4", "Your answer"), "n3", "physical.locks", "status", "no"),
    (("Note or evidence",), "n3\r", "physical.locks", "note", "n3"),
    (("Owner",), "Ann\r", "physical.locks", "owner", "Ann"),
    (("Due date",), "\x152027-06-30\r", "physical.locks", "due", "2027-06-30"),
    (("Action 4 of 4", "Your answer"), "1", "digital.updates", "status", "yes"),
]


def check_update_file(folder: Path, kill_at: int) -> None:
    import datetime as dt

    where = f"plan --update killed at prompt {kill_at} ({UPDATE_STEPS[kill_at][0][-1]})"
    saved = answers.load(folder / "review.toml")  # parses: never a half-written file
    want: dict[str, dict[str, Any]] = {k: {"status": v, "note": "", "owner": "", "due": None}
                                       for k, v in UPDATE_GIVEN.items()}
    for _, _, item_id, key, value in UPDATE_STEPS[:kill_at]:
        want[item_id][key] = dt.date.fromisoformat(value) if key == "due" else value
    got = {k: {"status": a.status, "note": a.note, "owner": a.owner, "due": a.due}
           for k, a in saved.answers.items()}
    assert got == want, where
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")], where


def test_sigkill_during_plan_update_keeps_every_earlier_answer(tmp_path: Path) -> None:
    from conftest import answers_toml

    folders = []
    for kill_at in range(len(UPDATE_STEPS)):
        folder = tmp_path / f"update-{kill_at:02d}"
        folder.mkdir()
        (folder / "mini.toml").write_text(MINI_CHECKLIST)
        (folder / "review.toml").write_text(answers_toml(UPDATE_GIVEN))
        folders.append(folder)
    children = [spawn(folder, "plan", "review.toml", "--update") for folder in folders]
    try:
        for number, (prompt, keys, *_rest) in enumerate(UPDATE_STEPS):
            for kill_at, child in enumerate(children):
                if kill_at < number:
                    continue
                for text in prompt:
                    child.expect(text, timeout=STARTUP if number == 0 else TIMEOUT)
                if kill_at == number:
                    child.kill(signal.SIGKILL)
                    child.expect(pexpect.EOF)
                    child.close()
                    assert child.signalstatus == signal.SIGKILL, transcript(child)
                else:
                    child.send(keys)
    finally:
        for child in children:
            if child.isalive():
                child.close(force=True)
    for kill_at, folder in enumerate(folders):
        check_update_file(folder, kill_at)
