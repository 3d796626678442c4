"""Next year's review as a practice meets it: `privacycheck assess --from` of the demo's review,
installed, in a pseudo-terminal at 60 columns, answering as a clinician whose practice has not
changed (or changed three things), with the keys counted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_assess_e2e import spawn, transcript

from privacycheck.cli import main
from privacycheck.model import answers

pexpect = pytest.importorskip("pexpect")

MOST_KEYS = 40  # the target for an unchanged practice, from the start to the summary
GAP = r"(?:\x1b\[[0-9;?]*[A-Za-z]|\s)*"  # what the terminal may draw between two words of a prompt
# The prompts met after the profile, each as it waits for a key (its instruction shows only then).
WAITING = [
    r"Are these still in place\?" + GAP + r"\(press a key\)",
    r"Press (\d) to keep (?:that answer|it)(?:.*\n)*?.*Your answer" + GAP + r"\(press a key\)",
    r"Your answer" + GAP + r"\(1 keeps them",
    r"Write the HTML report",
]


def walk_next_year(tmp_path: Path, change: dict[str, str]) -> tuple[int, str, Path, Path]:
    """Run the review from the demo's; `change` gives new keys for some items (by question
    text); every other prompt is answered by keeping what last year said. Returns the keys
    pressed up to the summary, the transcript, and last year's and this year's files."""
    assert main(["demo", "-o", str(tmp_path / "demo")]) == 0
    last, new = tmp_path / "demo" / "answers.toml", tmp_path / "next.toml"
    child = spawn(tmp_path, "assess", "--from", str(last), "-o", str(new))
    keys = 0
    for prompt, key in (("Name of the practice", "\r"), (r"Your name \(the assessor\)", "\r"),
                        (r"Is this still right\?" + GAP + r"\(y or n\)", "y"),
                        (r"Is this list complete and right\?" + GAP + r"\(y or n\)", "y")):
        child.expect(prompt)
        child.send(key)  # the name shown is kept; the profile and the inventory still hold
        keys += 1
    while True:
        found = child.expect(WAITING, timeout=20)
        if found == len(WAITING) - 1:  # the summary is on screen: counted up to here
            child.send("n")
            child.expect(pexpect.EOF)
            break
        key = "1"  # a section's answers all still true; the risk ratings kept
        if found == 1:
            screen = " ".join(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", child.before + child.after).split())
            key = next((k for question, k in change.items() if question in screen), child.match.group(1))
        child.send(key)
        keys += 1
    return keys, transcript(child), last, new


def test_an_unchanged_practice_confirms_its_review_in_at_most_40_keys(tmp_path: Path) -> None:
    keys, screen, last, new = walk_next_year(tmp_path, {})
    assert keys <= MOST_KEYS, keys
    before, after = answers.load(last), answers.load(new)
    assert {k: a.status for k, a in after.answers.items()} == {k: a.status for k, a in before.answers.items()}
    assert {a.origin for a in after.answers.values()} == {"confirmed"}
    for item_id, answer in before.answers.items():  # history, note and evidence kept
        kept = after.answers[item_id]
        assert (kept.note, kept.evidence, kept.history, kept.since) == \
            (answer.note, answer.evidence, answer.history, answer.known_since), item_id
    assert "All still true: keep these" in screen


def test_three_changed_answers_change_exactly_those_three(tmp_path: Path) -> None:
    change = {"Are computer screens placed": "1", "set to update automatically": "2",
              "Is your office locked whenever": "1"}
    keys, _screen, last, new = walk_next_year(tmp_path, change)
    before, after = answers.load(last), answers.load(new)
    differ = {k for k, a in after.answers.items() if a.status != before.answers[k].status}
    assert len(differ) == 3, differ
    for item_id, answer in after.answers.items():
        if item_id in differ:
            assert answer.origin == "changed"
            assert answer.history[:-1] == before.answers[item_id].history
            assert answer.history[-1].status == before.answers[item_id].status
        else:
            assert answer.history == before.answers[item_id].history, item_id
    assert keys <= MOST_KEYS
