"""The inventory and risk steps of `assess`, fed keys through prompt_toolkit's pipe input:
suggestions from the profile, add/change/remove, resume, --from, the addressable decisions
and the optional risk rating; and how many prompts a solo practice is asked."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console
from risk_fixtures import write_checklist

from privacycheck.model import answers
from privacycheck.model.answers import InventoryEntry, RiskAnswer
from privacycheck.walk.inventory_walk import suggestions
from privacycheck.walk.prompts import Prompts
from privacycheck.walk.walk import Options, assess

ENTER, DOWN, UP, CLEAR = "\r", "\x1b[B", "\x1b[A", "\x15"
KEEP = DOWN + ENTER  # the first arrow shows the pointer on the highlighted choice; Enter takes it
START = "Riverside Counselling\r" + "Sam Lee\r" + "y" + "n" + "1"  # paper yes, telehealth no, us
# records (named, provided, BAA signed, encrypted), email .. mobile no, paper files yes, backup no, done
INVENTORY = ("y" + CLEAR + "SimplePractice\r" + "SimplePractice Inc\r" + "1" + "1"
             + "n" * 4 + "y" + ENTER + ENTER + "n" + KEEP)
ITEMS = "3" + "1" + "3" + "1"  # sound no, locks yes, encryption no, backup yes: one key each
ADDRESSABLE = "3" + "Desktop only, never leaves the office\r"  # 3: not reasonable
# change the first risk (overheard): likelihood low, impact kept, a reason, accept with a rationale
CHANGE = "2" + "1" + KEEP + "Sessions mostly by phone\r" + "2" + "White noise at the door\r" + ENTER


class CountingPrompts(Prompts):
    def __init__(self, **terminal: Any) -> None:
        super().__init__(**terminal)
        self.asked = 0

    def _ask(self, question: Any) -> Any:
        self.asked += 1
        return super()._ask(question)


def drive(keys: str, options: Options) -> tuple[int, str, int]:
    screen = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        prompts = CountingPrompts(input=pipe, output=DummyOutput())
        code = assess(options, Console(file=screen, width=60), prompts)
    return code, screen.getvalue(), prompts.asked


@pytest.fixture
def new(tmp_path: Path) -> Options:
    write_checklist(tmp_path)
    return Options(checklist=str(tmp_path / "mini-risk.toml"), output=tmp_path / "review.toml")


def test_suggestions_follow_the_profile() -> None:
    assert suggestions({"paper_records": False, "telehealth": False}) == [
        "records", "email", "phone", "computer", "mobile", "backup"]
    assert "paper" in suggestions({"paper_records": True})
    assert "telehealth" in suggestions({"telehealth": True})


def test_walk_asks_inventory_then_items_then_risks_and_saves_them(new: Options) -> None:
    code, screen, _ = drive(START + INVENTORY + ITEMS + ADDRESSABLE + CHANGE + "1" + "n", new)
    assert code == 0, screen
    assert new.output is not None
    saved = answers.load(new.output)
    assert saved.inventory == (
        InventoryEntry("SimplePractice", "records", "SimplePractice Inc", "yes", "yes"),
        InventoryEntry("Paper files", "paper", "", "na", "unknown"),
    )
    assert {k: a.status for k, a in saved.answers.items()} == {
        "physical.sound": "no", "physical.locks": "yes", "digital.encryption": "no", "digital.backup": "yes"}
    encryption = saved.answers["digital.encryption"]
    assert (encryption.addressable, encryption.addressable_note) == ("not-reasonable",
                                                                     "Desktop only, never leaves the office")
    assert saved.risks == {"overheard": RiskAnswer(likelihood="low", reason="Sessions mostly by phone",
                                                   decision="accept", rationale="White noise at the door",
                                                   accepted_by="Sam Lee")}
    assert "Where client information lives" in screen and "1 keeps them" in screen
    assert "highest among the safeguards against it" in " ".join(screen.split())  # the defaults, said


def test_one_key_keeps_the_default_ratings_and_enter_alone_none(new: Options) -> None:
    # addressable: implement (1); the ratings: kept (1); Enter alone before each does nothing
    code, screen, _ = drive(START + INVENTORY + ITEMS + ENTER + "1" + ENTER + "1" + "n", new)
    assert code == 0, screen
    assert new.output is not None
    saved = answers.load(new.output)
    assert saved.risks == {} and saved.answers["digital.encryption"].addressable == "implemented"


def test_resume_shows_the_inventory_and_can_change_and_remove_entries(new: Options) -> None:
    drive(START + INVENTORY, new)  # stops at the first item (input runs out)
    assert new.output is not None
    resume = Options(resume=new.output, checklist=new.checklist)
    # profile still right, list not right: change entry 1's name, then remove entry 2, then done
    # (the menu starts on Done, below Change and Remove)
    keys = ("y" + "n" + "7" + "1" + CLEAR + "EHR\r" + ENTER + KEEP + KEEP
            + "8" + "2" + KEEP)
    _, screen, _ = drive(keys, resume)
    saved = answers.load(new.output)
    assert [(e.name, e.kind) for e in saved.inventory] == [("EHR", "records")], screen
    assert "SimplePractice (Record system or EHR)" in screen


def test_a_new_year_carries_the_inventory_and_risk_decisions(new: Options, tmp_path: Path) -> None:
    drive(START + INVENTORY + ITEMS + ADDRESSABLE + CHANGE + "1" + "n", new)
    assert new.output is not None
    nxt = Options(previous=new.output, output=tmp_path / "next.toml")
    _, screen, _ = drive(ENTER * 2 + "y" + "n" + "1" + "y", nxt)  # names and profile kept
    saved = answers.load(tmp_path / "next.toml")
    assert [e.name for e in saved.inventory] == ["SimplePractice", "Paper files"], screen
    assert saved.risks["overheard"].decision == "accept"


def test_solo_practice_inventory_and_risk_step_stay_short(new: Options) -> None:
    """The added prompts for a solo practice: 7 places (2 used), the addressable decision and
    its description, Enter to keep the ratings: 17, well within 10 minutes."""
    _, _, with_steps = drive(START + INVENTORY + ITEMS + ADDRESSABLE + "1" + "n", new)
    base = 2 + 3 + 4 + 1  # details, profile, items, the report offer
    assert with_steps - base == 17


def test_from_leaves_behind_ratings_of_threats_the_new_checklist_lacks(new: Options, tmp_path: Path) -> None:
    drive(START + INVENTORY + ITEMS + ADDRESSABLE + CHANGE + "1" + "n", new)
    assert new.output is not None
    other = tmp_path / "other.toml"
    other.write_text((tmp_path / "mini-risk.toml").read_text()
                     .replace('id = "mini-risk"', 'id = "other"')
                     .replace('threats = ["overheard"]', 'threats = ["paper-access"]')
                     .replace('[[threats]]\nid = "overheard"\ntitle = "Overheard session"\n'
                              'description = "Someone hears what a client says."\n', ''))
    nxt = Options(previous=new.output, checklist=str(other), output=tmp_path / "next.toml")
    drive(ENTER * 2 + "y" + "n" + "1" + "y", nxt)
    saved = answers.load(tmp_path / "next.toml")
    assert saved.risks == {} and len(saved.inventory) == 2


def test_a_finished_review_reaches_the_risk_step_on_resume(new: Options) -> None:
    drive(START + INVENTORY + ITEMS + "1" + "1" + "n", new)  # finished, ratings kept
    assert new.output is not None
    resume = Options(resume=new.output, checklist=new.checklist)
    # profile right, inventory right; no item open: the risk step; transfer the first risk
    keys = "y" + "y" + "2" + KEEP + KEEP + "3" + "Acme Insurance\r" + "1" + "n"
    code, screen, _ = drive(keys, resume)
    assert code == 0, screen
    assert answers.load(new.output).risks == {"overheard": RiskAnswer(decision="transfer", transfer_to="Acme Insurance")}
