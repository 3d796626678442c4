"""`plan -o plan.ics`: one calendar event per open action on its due date, a reminder a week
before, and UIDs that stay the same when the file is exported again (so a calendar updates
its events rather than adding copies). Checked by parsing the file back."""

from __future__ import annotations

import datetime as dt
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from privacycheck.analysis import review
from privacycheck.cli import main

pytestmark = pytest.mark.dates  # CI runs these on other days of the calendar too

icalendar = pytest.importorskip("icalendar")

GIVEN = {"physical.sound": "partial", "physical.locks": "no", "digital.encryption": "yes",
         "digital.updates": "unknown"}


def events(path: Path) -> dict[str, object]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_one_event_per_open_action_on_its_due_date_with_a_reminder(
        write_answers: Callable[..., Path], tmp_path: Path) -> None:
    path = write_answers(GIVEN)
    out = tmp_path / "plan.ics"
    assert main(["plan", str(path), "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    assert str(calendar["version"]) == "2.0" and calendar["prodid"]
    found = {str(e["summary"]).split(" (")[0]: e for e in calendar.walk("VEVENT")}
    plan = review.score_file(path).plan
    assert set(found) == {a.result.item.title for a in plan}
    for action in plan:
        event = found[action.result.item.title]
        assert event.decoded("dtstart") == action.due
        assert event.decoded("dtend") == action.due + dt.timedelta(days=1)
        assert action.result.item.remediation in str(event["description"])
        alarms = event.walk("VALARM")
        assert len(alarms) == 1 and alarms[0].decoded("trigger") == dt.timedelta(days=-7)
        assert str(alarms[0]["action"]) == "DISPLAY"


def test_uids_are_stable_across_exports_and_distinct_per_item(
        write_answers: Callable[..., Path], tmp_path: Path) -> None:
    path = write_answers(GIVEN)
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    main(["plan", str(path), "-o", str(first)])
    main(["plan", str(path), "--item", "physical.locks", "--due", "2027-05-01", "--owner", "Jo"])
    main(["plan", str(path), "-o", str(second)])

    def uids(p: Path) -> dict[str, str]:
        cal = icalendar.Calendar.from_ical(p.read_bytes())
        return {str(e["uid"]): e for e in cal.walk("VEVENT")}

    a, b = uids(first), uids(second)
    assert set(a) == set(b) and len(a) == 3
    moved = [uid for uid in b if b[uid].decoded("dtstart") != a[uid].decoded("dtstart")]
    assert len(moved) == 1 and b[moved[0]].decoded("dtstart") == dt.date(2027, 5, 1)
    other = tmp_path / "other.toml"
    other.write_text(path.read_text().replace("Test Practice", "Another Practice"))
    third = tmp_path / "c.ics"
    main(["plan", str(other), "-o", str(third)])
    assert not set(uids(third)) & set(a)  # another practice's events never collide


def test_calendar_and_overdue_do_not_mix(write_answers: Callable[..., Path], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = write_answers(GIVEN)
    assert main(["plan", str(path), "--overdue", "-o", str(tmp_path / "x.ics")]) == 2
    assert not (tmp_path / "x.ics").exists()
    assert "--overdue" in capsys.readouterr().err
