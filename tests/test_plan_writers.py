"""Every writer of the plan saves only what every reader accepts (issue 29, items 4, 5, 9):
an impossible due date is refused before anything is saved, a practice name with a line
break makes a calendar with no property of its own, and a plan CSV exported and brought back
unedited changes nothing."""

from __future__ import annotations

import csv
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
from privacycheck.errors import PrivacycheckError
from privacycheck.files import clock
from privacycheck.model import answers
from privacycheck.walk.plan_update import update
from privacycheck.walk.prompts import Prompts

TODAY = dt.date(2027, 3, 1)
GIVEN = {"physical.sound": "partial", "physical.locks": "no", "digital.encryption": "no",
         "digital.updates": "unknown"}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.mark.parametrize("due", ["9999-12-31", "0001-01-01", "3027-01-15"])
def test_item_due_outside_what_readers_accept_is_refused(
        due: str, write_answers: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    path = write_answers(GIVEN)
    before = path.read_bytes()
    assert main(["plan", str(path), "--item", "digital.updates", "--due", due]) == 2
    captured = capsys.readouterr()
    assert "not a possible date" in captured.err and captured.err.count("\n") == 1
    assert "Saved" not in captured.out
    assert path.read_bytes() == before
    assert main(["report", str(path), "-f", "json"]) == 0  # the file still reads


def test_import_of_an_impossible_due_changes_nothing(write_answers: Callable[..., Path], tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = write_answers(GIVEN)
    sheet = tmp_path / "plan.csv"
    assert main(["plan", str(path), "-f", "csv", "-o", str(sheet)]) == 0
    rows = list(csv.DictReader(io.StringIO(sheet.read_text())))
    next(r for r in rows if r["item_id"] == "digital.updates")["due"] = "3027-01-15"
    with sheet.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["plan", str(path), "--import", str(sheet)]) == 2
    err = capsys.readouterr().err
    assert "3027-01-15 is not a possible date" in err
    assert path.read_bytes() == before


def test_update_asks_again_for_an_impossible_due(write_answers: Callable[..., Path]) -> None:
    path = write_answers(GIVEN)
    model, assessment = review.open_review(path)
    screen = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text("3\r" + "\x15" + "9999-12-31\r" + "\x15" + "2027-04-30\r" + "q")
        pipe.close()
        code = update(path, model, assessment, Console(file=screen, width=60),
                      Prompts(input=pipe, output=DummyOutput()), TODAY)
    assert code == 0
    assert "not a possible date" in screen.getvalue()
    assert answers.load(path).answers["digital.encryption"].due == dt.date(2027, 4, 30)


def test_save_refuses_what_no_reader_accepts(write_answers: Callable[..., Path]) -> None:
    path = write_answers(GIVEN)
    before = path.read_bytes()
    assessment = answers.load(path)
    bad = assessment.with_answer("digital.updates", answers.Answer(status="no", due=dt.date(9999, 12, 31)))
    with pytest.raises(PrivacycheckError, match="not saved"):
        answers.save(bad, path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["Birch\nRoom", "Birch\r\nX-INJECTED:1", "Birch\rRoom"])
def test_a_practice_name_with_a_line_break_makes_a_clean_calendar(
        name: str, write_answers: Callable[..., Path], tmp_path: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    path = write_answers(GIVEN)
    escaped = name.replace("\r", "\\r").replace("\n", "\\n")  # as TOML writes them
    path.write_text(path.read_text().replace('practice = "Test Practice"', f'practice = "{escaped}"'))
    assert "Birch" in answers.load(path).practice
    out = tmp_path / "plan.ics"
    assert main(["plan", str(path), "-o", str(out)]) == 0
    data = out.read_bytes()
    lines = data.split(b"\r\n")
    assert not any(b"\r" in line or b"\n" in line for line in lines)
    assert not any(line.startswith(b"X-INJECTED") for line in lines)
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["x-wr-calname"]).startswith("Birch ")
    assert "X-INJECTED" not in calendar


def test_an_unedited_csv_round_trip_changes_nothing(write_answers: Callable[..., Path], tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = write_answers(GIVEN)
    text = path.read_text().replace('[answers."physical.sound"]\n',
                                    '[answers."physical.sound"]\nnote = """first line\nsecond  line"""\n'
                                    'owner = "Jo  Smith "\n')
    path.write_text(text)
    a = answers.load(path).answers["physical.sound"]
    assert (a.note, a.owner) == ("first line\nsecond  line", "Jo  Smith ")
    sheet = tmp_path / "plan.csv"
    assert main(["plan", str(path), "-f", "csv", "-o", str(sheet)]) == 0
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["plan", str(path), "--import", str(sheet)]) == 0
    assert "Nothing to change" in capsys.readouterr().out
    assert path.read_bytes() == before


def test_an_edited_multi_line_note_keeps_its_lines(write_answers: Callable[..., Path], tmp_path: Path) -> None:
    path = write_answers(GIVEN)
    sheet = tmp_path / "plan.csv"
    assert main(["plan", str(path), "-f", "csv", "-o", str(sheet)]) == 0
    rows = list(csv.DictReader(io.StringIO(sheet.read_text())))
    next(r for r in rows if r["item_id"] == "physical.sound")["note"] = "door sealed\r\nwindow next"
    with sheet.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert main(["plan", str(path), "--import", str(sheet)]) == 0
    assert answers.load(path).answers["physical.sound"].note == "door sealed\nwindow next"
