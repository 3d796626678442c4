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
ALONE = ENTER  # who else took part: nobody
KEEP = DOWN + ENTER  # the first arrow shows the pointer on the highlighted choice; Enter takes it
START = "Riverside Counselling\r" + "Sam Lee\r" + "y" + "n" + "1"  # paper yes, telehealth no, us
# records (its service, which names it; BAA signed, encrypted), email and phone none (Enter), computer
# and mobile no, paper files
# (settled by the profile: nothing asked), backups yes (a drive the practice keeps, encrypted), done
INVENTORY = ("y" + "SimplePractice\r" + "1" + "1"
             + ENTER * 2 + "n" * 2 + "y" + ENTER + "1" + KEEP)
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
    code, screen, _ = drive(START + INVENTORY + ITEMS + ADDRESSABLE + CHANGE + "1" + ALONE + "n", new)
    assert code == 0, screen
    assert new.output is not None
    saved = answers.load(new.output)
    assert saved.inventory == (
        InventoryEntry("SimplePractice", "records", "SimplePractice", "yes", "yes"),
        InventoryEntry("Paper files", "paper", "", "na", "unknown"),
        InventoryEntry("Backups", "backup", "", "na", "yes"),
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
    assert "default to the highest among its vulnerabilities" in " ".join(screen.split())  # the defaults, said


def test_one_key_keeps_the_default_ratings_and_enter_alone_none(new: Options) -> None:
    # addressable: implement (1); the ratings: kept (1); Enter alone before each does nothing
    code, screen, _ = drive(START + INVENTORY + ITEMS + ENTER + "1" + ENTER + "1" + ALONE + "n", new)
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
    keys = ("y" + "n" + "6" + "1" + CLEAR + "EHR\r" + ENTER + KEEP + KEEP
            + "7" + "2" + KEEP)
    _, screen, _ = drive(keys, resume)
    saved = answers.load(new.output)
    assert [(e.name, e.kind) for e in saved.inventory] == [("EHR", "records"), ("Backups", "backup")], screen
    assert "SimplePractice (Record system or EHR)" in screen


def test_the_inventory_list_folds_under_its_text_at_60_columns(new: Options) -> None:
    keys = (START + "y" + "SimplePractice Electronic Health Records for Therapists\r" + "3" + "3"
            + ENTER * 2 + "n" * 2 + "y" + ENTER + "1" + KEEP)
    drive(keys, new)  # stops at the first item
    assert new.output is not None
    _, screen, _ = drive("y", Options(resume=new.output, checklist=new.checklist))
    listed = screen[screen.index("Where client information lives:"):].splitlines()[1:5]
    assert listed[0].startswith("  1. SimplePractice Electronic Health Records")
    assert listed[1].startswith("     ") and listed[1].strip(), screen  # folded under the text
    assert all(len(line) <= 60 for line in listed)
    assert any(line.startswith("  2. Paper files") for line in listed)


def test_a_new_year_carries_the_inventory_and_risk_decisions(new: Options, tmp_path: Path) -> None:
    drive(START + INVENTORY + ITEMS + ADDRESSABLE + CHANGE + "1" + ALONE + "n", new)
    assert new.output is not None
    nxt = Options(previous=new.output, output=tmp_path / "next.toml")
    _, screen, _ = drive(ENTER * 2 + "y" + "y", nxt)  # names, profile and inventory kept
    saved = answers.load(tmp_path / "next.toml")
    assert [e.name for e in saved.inventory] == ["SimplePractice", "Paper files", "Backups"], screen
    assert saved.risks["overheard"].decision == "accept"


def test_solo_practice_inventory_and_risk_step_stay_short(new: Options) -> None:
    """The added prompts for a solo practice: 6 places asked (2 used, and paper files, which the
    profile settled), 3 prompts for the record system and 2 for the backups, the addressable
    decision and its description, 1 to keep the ratings, Enter for nobody else taking part: 16,
    well within 10 minutes."""
    _, _, with_steps = drive(START + INVENTORY + ITEMS + ADDRESSABLE + "1" + ALONE + "n", new)
    base = 2 + 3 + 4 + 1  # details, profile, items, the report offer
    assert with_steps - base == 16


def test_from_leaves_behind_ratings_of_threats_the_new_checklist_lacks(new: Options, tmp_path: Path) -> None:
    drive(START + INVENTORY + ITEMS + ADDRESSABLE + CHANGE + "1" + ALONE + "n", new)
    assert new.output is not None
    other = tmp_path / "other.toml"
    other.write_text((tmp_path / "mini-risk.toml").read_text()
                     .replace('id = "mini-risk"', 'id = "other"')
                     .replace('threats = ["overheard"]', 'threats = ["paper-access"]')
                     .replace('[[threats]]\nid = "overheard"\ntitle = "Overheard session"\n'
                              'description = "Someone hears what a client says."\n', ''))
    nxt = Options(previous=new.output, checklist=str(other), output=tmp_path / "next.toml")
    drive(ENTER * 2 + "y" + "y", nxt)
    saved = answers.load(tmp_path / "next.toml")
    assert saved.risks == {} and len(saved.inventory) == 3


def test_a_finished_review_reaches_the_risk_step_on_resume(new: Options) -> None:
    drive(START + INVENTORY + ITEMS + "1" + "1" + ALONE + "n", new)  # finished, ratings kept
    assert new.output is not None
    resume = Options(resume=new.output, checklist=new.checklist)
    # profile right, inventory right; no item open: the risk step; transfer the first risk
    keys = "y" + "y" + "2" + KEEP + KEEP + "3" + "Acme Insurance\r" + "1" + ALONE + "n"
    code, screen, _ = drive(keys, resume)
    assert code == 0, screen
    assert answers.load(new.output).risks == {"overheard": RiskAnswer(decision="transfer", transfer_to="Acme Insurance")}


# no backups in the inventory; the items then answer tested backups In place
NO_BACKUPS = ("y" + "SimplePractice\r" + "1" + "1" + ENTER * 2 + "n" * 2 + "n" + KEEP)


def test_an_answer_the_inventory_contradicts_is_said_when_given_and_can_be_kept(new: Options) -> None:
    # sound no, locks yes, encryption no, backup yes: then "keep both for now" (1)
    code, screen, _ = drive(START + NO_BACKUPS + "3" + "1" + "3" + "1" + "1" + ADDRESSABLE + "1" + ALONE + "n", new)
    assert code == 0, screen
    said = " ".join(screen.split())
    assert said.count("The inventory lists no backups, but “Backups kept apart” is answered In place.") == 3
    # said when the answer was given (then one key kept both), at the risk step and in the summary at the end
    assert new.output is not None
    saved = answers.load(new.output)
    assert saved.answers["digital.backup"].status == "yes" and [e.kind for e in saved.inventory] == ["records", "paper"]


def test_a_contradiction_can_be_settled_by_changing_the_inventory(new: Options) -> None:
    # backup yes, then "change the list" (3): a backup is added (a drive the practice keeps, encrypted)
    keys = START + NO_BACKUPS + "3" + "1" + "3" + "1" + "3" + ENTER + "1"
    drive(keys + ADDRESSABLE + "1" + ALONE + "n", new)
    assert new.output is not None
    saved = answers.load(new.output)
    assert [e.kind for e in saved.inventory] == ["records", "paper", "backup"]


def test_a_contradiction_can_be_settled_by_changing_the_answer(new: Options) -> None:
    # backup yes, then "change this answer" (2): the question again, answered Not in place (3)
    drive(START + NO_BACKUPS + "3" + "1" + "3" + "1" + "2" + "3" + ADDRESSABLE + "1" + ALONE + "n", new)
    assert new.output is not None
    assert answers.load(new.output).answers["digital.backup"].status == "no"


def test_a_carrier_that_only_carries_calls_and_texts_is_asked_no_agreement(new: Options) -> None:
    keys = (START + "y" + "SimplePractice\r" + "1" + "1"
            + ENTER  # no email
            + "Verizon\r" + "1" + "3"  # phone: Verizon, only carries; encryption not known
            + "n" * 2 + "y" + ENTER + "1" + KEEP)
    _, screen, _ = drive(keys, new)
    said = " ".join(screen.split())
    assert "A carrier that only carries calls and texts needs no business associate agreement" in said
    assert new.output is not None
    phone = next(e for e in answers.load(new.output).inventory if e.kind == "phone")
    assert (phone.provider, phone.stores, phone.baa, phone.agreement_needed) == ("Verizon", "no", "na", False)


def test_a_phone_service_that_keeps_voicemail_is_asked_for_its_agreement(new: Options) -> None:
    keys = (START + "y" + "SimplePractice\r" + "1" + "1"
            + ENTER + "RingCentral\r" + "2" + "2" + "1")  # keeps voicemail; agreement no; encrypted
    drive(keys, new)
    assert new.output is not None
    phone = next(e for e in answers.load(new.output).inventory if e.kind == "phone")
    assert (phone.stores, phone.baa, phone.agreement_needed) == ("yes", "no", True)


def test_who_took_part_is_asked_once_after_the_risks_and_carried_into_next_year(new: Options, tmp_path: Path) -> None:
    drive(START + INVENTORY + ITEMS + ADDRESSABLE + "1" + "B. Partner, office help; C. Lee, intern\r" + "n", new)
    assert new.output is not None
    assert answers.load(new.output).participants == ("B. Partner, office help", "C. Lee, intern")
    nxt = Options(previous=new.output, output=tmp_path / "next.toml")
    drive(ENTER * 2 + "y" + "y", nxt)
    assert answers.load(tmp_path / "next.toml").participants == ("B. Partner, office help", "C. Lee, intern")
