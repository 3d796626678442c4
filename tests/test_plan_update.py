"""`plan --update`: the open actions one by one with the walk's keys, fed through
prompt_toolkit's pipe input; every answer is saved the moment it is given."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from privacycheck.analysis import review
from privacycheck.cli import main
from privacycheck.model import answers
from privacycheck.walk.plan_update import update
from privacycheck.walk.prompts import Prompts

pytestmark = pytest.mark.dates  # CI runs these on other days of the calendar too

CTRL_C = "\x03"
TODAY = dt.date(2027, 3, 1)
GIVEN = {"physical.sound": "partial", "physical.locks": "no", "digital.encryption": "no",
         "digital.updates": "unknown"}


def drive(path: Path, keys: str) -> tuple[int, str]:
    model, assessment = review.open_review(path)
    screen = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        code = update(path, model, assessment, Console(file=screen, width=60),
                      Prompts(input=pipe, output=DummyOutput()), TODAY)
    return code, screen.getvalue()


@pytest.fixture
def path(write_answers: Callable[..., Path]) -> Path:
    p: Path = write_answers(GIVEN)
    return p


def test_update_walks_the_open_actions_in_priority_order_and_saves_each_answer(path: Path) -> None:
    # 1: encryption (critical, not in place) -> In place, with a note (n first, as in the walk)
    # 2: sound (critical, partly) -> skipped
    # 3: locks (high) -> Partly, no note, owner Jo, due kept
    # 4: updates -> Save and quit
    keys = "n1FileVault on\r" + "s" + "2Jo\r\r" + "q"
    code, screen = drive(path, keys)
    assert code == 0
    assert "Action 1 of 4" in screen and "Action 4 of 4" in screen
    assert "Turn on FileVault or BitLocker." in screen
    saved = answers.load(path).answers
    encryption = saved["digital.encryption"]
    assert (encryption.status, encryption.note, encryption.since) == ("yes", "FileVault on", TODAY)
    assert encryption.history == (answers.PastStatus("no", None, TODAY),)
    assert saved["physical.sound"].status == "partial" and saved["physical.sound"].history == ()
    locks = saved["physical.locks"]
    assert (locks.status, locks.owner, locks.due) == ("partial", "Jo", None)  # the suggestion kept
    assert saved["digital.updates"].status == "unknown"
    assert "privacycheck plan" in screen and "--update" in screen  # how to carry on


def test_back_returns_to_the_previous_action(path: Path) -> None:
    code, screen = drive(path, "s" + "b" + "3\r\r" + "q")
    assert code == 0
    assert screen.count("Action 1 of 4") == 2
    assert answers.load(path).answers["digital.encryption"].status == "no"  # answered again: unchanged


def test_ctrl_c_keeps_every_earlier_answer_and_exits_130(path: Path) -> None:
    code, screen = drive(path, "n1done\r" + CTRL_C)
    assert code == 130
    assert answers.load(path).answers["digital.encryption"].status == "yes"
    assert "To carry on" in screen


def test_a_bad_due_date_is_asked_again(path: Path) -> None:
    code, screen = drive(path, "3\r" + "\x15" + "1 March\r" + "\x15" + "2027-04-30\r" + "q")
    assert code == 0
    assert "not a date written as YYYY-MM-DD" in screen
    assert answers.load(path).answers["digital.encryption"].due == dt.date(2027, 4, 30)


def test_update_without_a_terminal_is_a_clear_error(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(path), "--update"]) == 2
    assert "needs a terminal" in capsys.readouterr().err
