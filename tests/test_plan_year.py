"""A plan to work from through the year (issue 27): the printed plan has columns to fill in
by hand, `plan FILE --owner NAME` shows one person's actions, and the calendar keeps the
practice's notes out unless asked."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
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
        rows = [line for line in text.splitlines() if re.match(r"\| \d+ \|", line)]  # one per action
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


# ---------------------------------------------------------------- history of every field


def test_two_changes_keep_both_earlier_values_with_their_dates_and_from_carries_them(
        write_answers: Callable[..., Path], mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from privacycheck.model import answers, checklist
    from privacycheck.walk.walk_state import carried_answers

    path = write_answers(GIVEN)
    march, april, may = dt.date(2027, 3, 1), dt.date(2027, 4, 2), dt.date(2027, 5, 3)
    for day, argv in [(march, ["--owner", "Sam", "--due", "2027-06-30", "--note", "ask landlord"]),
                      (april, ["--owner", "Jo", "--due", "2027-07-31", "--note", "landlord said yes"]),
                      (may, ["--owner", "Ali", "--due", "", "--note", "fitted"])]:
        monkeypatch.setattr(clock, "today", lambda day=day: day)
        assert main(["plan", str(path), "--item", "physical.locks", *argv]) == 0
    a = answers.load(path).answers["physical.locks"]
    assert (a.owner, a.due, a.note) == ("Ali", None, "fitted")
    P = answers.PastValue
    assert [p for p in a.earlier if p.field == "owner"] == [P("owner", "", march), P("owner", "Sam", april),
                                                            P("owner", "Jo", may)]
    assert [p for p in a.earlier if p.field == "due"] == [P("due", None, march),
                                                          P("due", dt.date(2027, 6, 30), april),
                                                          P("due", dt.date(2027, 7, 31), may)]
    assert [p.value for p in a.earlier if p.field == "note"] == ["", "ask landlord", "landlord said yes"]
    text = path.read_text()
    assert '{ owner = "Sam", until = 2027-04-02 }' in text or '{owner = "Sam", until = 2027-04-02}' in text
    carried = carried_answers(answers.load(path), checklist.load(str(mini)))
    assert carried["physical.locks"].earlier == a.earlier


def test_a_correction_the_same_day_replaces_without_history() -> None:
    from privacycheck.model import answers

    day = dt.date(2027, 3, 1)
    a = answers.Answer("no", owner="Sam", since=day)
    once = a.with_value("owner", "Jo", day)
    assert once.earlier == (answers.PastValue("owner", "Sam", day),)  # when Sam was set is unknown
    assert once.with_value("owner", "Ali", day).earlier == once.earlier  # Jo was set today: corrected
    assert once.with_value("owner", "Jo", day) is once


@pytest.mark.parametrize(("earlier", "message"), [
    ('[{owner = "Sam"}]', "earlier entry 1: missing until"),
    ('[{owner = 3, until = 2027-03-01}]', "earlier entry 1.owner: expected text"),
    ('[{due = "soon", until = 2027-03-01}]', "earlier entry 1.due: expected a date"),
    ('[{due = 9999-12-31, until = 2027-03-01}]', "is not a possible date"),
    ('[{owner = "a", note = "b", until = 2027-03-01}]', "expected one of owner, due, note, evidence"),
    ('[{status = "no", until = 2027-03-01}]', "expected one of owner, due, note, evidence"),
    ('"Sam"', "earlier: expected a list"),
])
def test_bad_earlier_values_are_one_line_errors(earlier: str, message: str, tmp_path: Path, mini: Path) -> None:
    from conftest import answers_toml

    from privacycheck.errors import PrivacycheckError
    from privacycheck.model import answers

    bad = tmp_path / "bad.toml"
    bad.write_text(answers_toml({}) + f'\n[answers."physical.sound"]\nstatus = "no"\nearlier = {earlier}\n')
    with pytest.raises(PrivacycheckError) as caught:
        answers.load(bad)
    line = bad.read_text().splitlines().index(f"earlier = {earlier}") + 1
    assert caught.value.message.startswith(f"{bad}: line {line}: ") and message in caught.value.message


def test_a_long_history_is_read_in_about_the_time_of_its_parse(tmp_path: Path, mini: Path) -> None:
    import time
    import tomllib

    from conftest import answers_toml

    from privacycheck.model import answers

    def file(n: int) -> Path:
        rows = ",\n".join(f'{{owner = "p{i}", until = 2027-03-01}}' for i in range(n))
        path = tmp_path / f"h{n}.toml"
        path.write_text(answers_toml({}) + f'\n[answers."physical.sound"]\nstatus = "no"\nearlier = [\n{rows}\n]\n')
        return path

    def ratio(path: Path) -> float:
        text = path.read_text()
        start = time.perf_counter()
        tomllib.loads(text)
        parse = time.perf_counter() - start
        start = time.perf_counter()
        assert len(answers.load(path).answers["physical.sound"].earlier) > 0
        return (time.perf_counter() - start) / parse

    small, large = ratio(file(2_000)), ratio(file(20_000))
    assert large < 3 * small + 2  # linear: ten times the entries, not a hundred times the ratio


def test_a_long_status_history_is_read_in_linear_time(tmp_path: Path, mini: Path) -> None:
    import time

    from conftest import answers_toml

    from privacycheck.model import answers

    def seconds(n: int) -> float:
        rows = ",\n".join('{status = "no", since = 2026-01-01, until = 2027-03-01}' for _ in range(n))
        path = tmp_path / f"s{n}.toml"
        path.write_text(answers_toml({}) + f'\n[answers."physical.sound"]\nstatus = "no"\nhistory = [\n{rows}\n]\n')
        start = time.perf_counter()
        assert len(answers.load(path).answers["physical.sound"].history) == n
        return time.perf_counter() - start

    assert seconds(20_000) < 25 * seconds(2_000) + 0.05  # ten times the entries: about ten times the time


# ---------------------------------------------------------------- due dates by capacity (issue 27)


def weekly(result: object) -> Counter[int]:
    """Actions due in each week after the review (1: its first seven days)."""
    start = result.assessment.date  # type: ignore[attr-defined]
    return Counter(-(-(a.due - start).days // 7) for a in result.plan)  # type: ignore[attr-defined]


def test_the_at_risk_review_has_no_week_with_more_than_three_actions_due() -> None:
    from report_cases import at_risk

    result = at_risk()
    assert len(result.plan) == 33 and result.assessment.profile["staff"] is False
    load = weekly(result)
    assert max(load.values()) <= 3, load
    assert max(load) <= 52  # nothing later than a year after the review
    ranks = [a.rank for a in sorted(result.plan, key=lambda a: (a.due, a.rank))]
    assert ranks == sorted(ranks)  # the most urgent first: due dates follow the plan's order
    critical = [a for a in result.plan if a.result.item.severity == "critical"]
    assert all((a.due - result.assessment.date).days <= 28 for a in critical)


def test_a_practice_with_staff_takes_five_a_week_and_own_due_dates_are_kept() -> None:
    from privacycheck.analysis.scoring import score
    from privacycheck.model import checklist
    from privacycheck.model.record import replace
    from privacycheck.training import demo

    model = checklist.load("therapy-practice")
    review = demo.assessment(model)
    assert review.profile["staff"] is True
    result = score(model, review)
    assert max(weekly(result).values()) <= 5
    first = result.plan[0].result.item.id
    own = review.date + dt.timedelta(days=3)  # the practice's own date, in week 1
    answers = {**review.answers, first: replace(review.answers[first], due=own)}
    again = score(model, replace(review, answers=answers))
    assert again.plan[0].due == own  # kept as it is
    assert max(weekly(again).values()) <= 5  # and counted in its week
    assert score(model, review).plan == result.plan  # the same review, the same dates


def test_the_due_date_rule_is_stated_in_every_printed_plan(tmp_path: Path) -> None:
    from privacycheck.cli import main

    assert main(["demo", "-o", str(tmp_path / "demo")]) == 0
    answers = tmp_path / "demo" / "answers.toml"
    for fmt in ("md", "html", "txt"):
        out = tmp_path / f"plan.{fmt}"
        assert main(["plan", str(answers), "-o", str(out)]) == 0
        text = " ".join(out.read_text().split())
        assert "at most 5 actions fall due in any one week" in text, fmt
    report = tmp_path / "report.html"
    assert main(["report", str(answers), "-o", str(report)]) == 0
    assert "at most 5 actions fall due in any one week" in " ".join(report.read_text().split())


# ---------------------------------------------------------------- twelve months of practice (issue 27)


@pytest.mark.parametrize("place", ["us", "eu-uk"])
def test_the_report_names_the_safeguards_in_place_for_twelve_months(tmp_path: Path, place: str) -> None:
    from privacycheck.model import answers, checklist
    from privacycheck.model.record import replace
    from privacycheck.training import demo

    model = checklist.load("therapy-practice")
    review = demo.assessment(model)
    in_place = [k for k, a in review.answers.items() if a.status == "yes"]
    old, recent = in_place[0], in_place[1]
    day = review.date
    given = {**review.answers,
             old: replace(review.answers[old], since=day - dt.timedelta(days=400)),
             recent: replace(review.answers[recent], since=day - dt.timedelta(days=100))}
    profile = {**review.profile, "jurisdiction": place}
    path = tmp_path / "review.toml"
    answers.save(replace(review, answers=given, profile=profile), path)
    assert main(["report", str(path), "-f", "json", "-o", str(tmp_path / "r.json")]) == 0
    held = json.loads((tmp_path / "r.json").read_text())["in_place_twelve_months"]
    for fmt in ("md", "html", "txt"):
        assert main(["report", str(path), "--full", "-f", fmt, "-o", str(tmp_path / f"r.{fmt}")]) == 0
    text = " ".join((tmp_path / "r.md").read_text().split())
    if place != "us":
        assert held is None and "Public Law 116-321" not in text
        return
    assert [h["item_id"] for h in held] == [old]
    assert held[0]["since"] == (day - dt.timedelta(days=400)).isoformat()
    title = model.item(old).title  # type: ignore[union-attr]
    for fmt in ("md", "html", "txt"):
        said = " ".join((tmp_path / f"r.{fmt}").read_text().split())
        assert "In place for twelve months or more" in said and "Public Law 116-321" in said, fmt
        assert title.replace("&", "&amp;") in said or title in said, fmt
        assert model.item(recent).title not in said.split("In place for twelve months or more")[1][:600], fmt  # type: ignore[union-attr]


def test_a_practice_sets_its_own_number_of_actions_a_week(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from report_cases import at_risk

    from privacycheck.model import answers

    path = tmp_path / "review.toml"
    answers.save(at_risk().assessment, path)
    assert main(["plan", str(path), "--per-week", "2"]) == 0
    assert "at most 2 actions due in any one week" in capsys.readouterr().out
    assert answers.load(path).per_week == 2
    assert main(["plan", str(path), "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["per_week"] == 2 and "at most 2 actions fall due in any one week" in data["due_rule"]
    start = dt.date.fromisoformat(data["review_date"])
    load = Counter(-(-(dt.date.fromisoformat(a["due"]) - start).days // 7) for a in data["actions"])
    assert max(load.values()) <= 2 and max(load) <= 52
    assert main(["plan", str(path), "--per-week", "99"]) == 2
    assert "from 1 to 50" in capsys.readouterr().err
    path.write_text(path.read_text().replace("per_week = 2", "per_week = -3"))
    assert main(["plan", str(path)]) == 2
    assert "per_week: expected a whole number from 1 to 50" in capsys.readouterr().err
