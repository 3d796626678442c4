"""A plan to work from through the year (issue 27): the printed plan has columns to fill in
by hand, `plan FILE --owner NAME` shows one person's actions, and the calendar keeps the
practice's notes out unless asked."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from privacycheck.cli import main
from privacycheck.files import clock

TODAY = dt.date(2027, 3, 1)
GIVEN = {"physical.sound": "partial", "physical.locks": "no", "digital.encryption": "no",
         "digital.updates": "unknown"}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def owned(write_answers: Callable[..., Path]) -> Path:
    path: Path = write_answers(GIVEN)
    assert main(["plan", str(path), "--item", "physical.locks", "--owner", "Jo  Smith",
                 "--note", "landlord to fit the lock"]) == 0
    assert main(["plan", str(path), "--item", "digital.updates", "--owner", "Sam"]) == 0
    return path


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_printed_plan_has_done_on_and_initials_columns(fmt: str, owned: Path, tmp_path: Path) -> None:
    out = tmp_path / f"plan.{fmt}"
    assert main(["plan", str(owned), "-o", str(out)]) == 0
    text = out.read_text()
    if fmt == "md":
        header = next(line for line in text.splitlines() if line.startswith("| # |"))
        assert header.endswith("| State | Done on | Initials |")
        rows = [line for line in text.splitlines() if line.startswith("| ") and "`" in line]
        assert len(rows) == 4 and all(row.endswith("|  |  |") for row in rows)
    else:
        assert "<th>Done on</th><th>Initials</th>" in text
        assert text.count('<td class="write"></td>') == 2 * 4


def test_owner_alone_shows_that_persons_actions(owned: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    before = owned.read_bytes()
    assert main(["plan", str(owned), "--owner", "jo smith", "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["item_id"] for a in data["actions"]] == ["physical.locks"]
    assert data["counts"]["open"] == 1
    assert owned.read_bytes() == before  # showing changes nothing
    assert main(["plan", str(owned), "--owner", "Sam"]) == 0
    out = capsys.readouterr().out
    assert "digital.updates" in out and "physical.locks" not in out


def test_owner_with_another_field_still_needs_the_item(owned: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(owned), "--owner", "Sam", "--due", "2027-05-01"]) == 2
    assert "needs the action it is for" in capsys.readouterr().err


def test_calendar_leaves_out_notes_unless_asked(owned: Path, tmp_path: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    out = tmp_path / "plan.ics"

    def descriptions() -> str:
        calendar = icalendar.Calendar.from_ical(out.read_bytes())
        return "\n".join(str(e["description"]) for e in calendar.walk("VEVENT"))

    assert main(["plan", str(owned), "-o", str(out)]) == 0
    plain = descriptions()
    assert "landlord" not in plain and "Jo" not in plain and "Not in place" not in plain
    assert "--done physical.locks" in plain  # the action is still there
    assert main(["plan", str(owned), "-o", str(out), "--calendar-notes"]) == 0
    full = descriptions()
    assert "Note: landlord to fit the lock" in full and "Owner: Jo" in full


def test_calendar_notes_is_for_the_calendar(owned: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(owned), "-o", str(tmp_path / "p.md"), "--calendar-notes"]) == 2
    assert "--calendar-notes is for the calendar" in capsys.readouterr().err
