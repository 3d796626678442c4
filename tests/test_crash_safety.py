"""A review killed outright (SIGKILL: no clean-up, no handler runs) at any prompt keeps every
answer given before it, in an answers file that still reads.

The real `privacycheck assess` runs in a pseudo-terminal over the small `mini` checklist and is
killed at each prompt in turn: practice name, assessor, each profile question, each item's
status, each note, and the closing offer of a report.
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

from privacycheck import answers

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
