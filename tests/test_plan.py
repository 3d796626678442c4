"""`privacycheck plan`: the open actions with their state on a day, done marks with history,
owners and due dates, and the overdue check a consultant's script runs."""

from __future__ import annotations

import datetime as dt
import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import TODAY, answers_toml

from privacycheck.analysis import plan, review, scoring
from privacycheck.cli import main
from privacycheck.errors import PrivacycheckError
from privacycheck.model import answers

pytestmark = pytest.mark.dates  # CI runs these on other days of the calendar too

GIVEN = {"physical.sound": "partial", "physical.locks": "no", "digital.encryption": "no",
         "digital.updates": "unknown"}


def with_dues(path: Path, dues: dict[str, dt.date]) -> None:
    """Give these answers an agreed due date (the TOML is ours: one table per answer)."""
    text = path.read_text()
    for item_id, due in dues.items():
        header = f'[answers."{item_id}"]\n'
        text = text.replace(header, f"{header}due = {due.isoformat()}\n")
    path.write_text(text)


@pytest.fixture
def review_file(write_answers: Callable[..., Path]) -> Path:
    path: Path = write_answers(GIVEN)
    with_dues(path, {"physical.locks": TODAY - dt.timedelta(days=3),
                     "digital.encryption": TODAY + dt.timedelta(days=10),
                     "digital.updates": TODAY + dt.timedelta(days=200)})
    return path


def the_plan(path: Path, today: dt.date = TODAY) -> plan.Plan:
    return plan.build(review.score_file(path), today)


def test_plan_keeps_scorings_order_and_states_each_action(review_file: Path) -> None:
    p = the_plan(review_file)
    result = review.score_file(review_file)
    assert [e.item_id for e in p.open] == [a.result.item.id for a in result.plan]
    states = {e.item_id: e.state for e in p.open}
    assert states == {"physical.locks": "overdue", "digital.encryption": "soon",
                      "digital.updates": "later",
                      # suggested: the end of the second week after 2026-11-24 for a critical item
                      "physical.sound": plan.state_of(dt.date(2026, 12, 8), TODAY)}


def test_state_boundaries() -> None:
    day = dt.date(2027, 3, 1)
    assert plan.state_of(day - dt.timedelta(days=1), day) == "overdue"
    assert plan.state_of(day, day) == "soon"
    assert plan.state_of(day + dt.timedelta(days=30), day) == "soon"
    assert plan.state_of(day + dt.timedelta(days=31), day) == "later"


def test_done_marks_in_place_keeps_the_earlier_status_and_leaves_the_review_date(
        review_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = answers.load(review_file)
    assert main(["plan", str(review_file), "--done", "physical.locks", "--note", "Cabinet bought"]) == 0
    assert "physical.locks: status Not in place -> In place" in capsys.readouterr().out
    after = answers.load(review_file)
    locks = after.answers["physical.locks"]
    assert (locks.status, locks.since, locks.note) == ("yes", TODAY, "Cabinet bought")
    assert locks.history == (answers.PastStatus("no", None, TODAY),)
    assert after.updated == before.updated  # the suggested due dates stay where they were
    assert stat.S_IMODE(review_file.stat().st_mode) == 0o600
    p = the_plan(review_file)
    assert "physical.locks" not in [e.item_id for e in p.open]
    assert [(e.item_id, e.since) for e in p.done] == [("physical.locks", TODAY)]


def test_owner_and_due_for_one_action(review_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(review_file), "--item", "digital.updates", "--owner", "Office manager",
                 "--due", "2027-06-30"]) == 0
    out = capsys.readouterr().out
    assert "owner (none) -> Office manager" in out and "2027-06-30" in out
    a = answers.load(review_file).answers["digital.updates"]
    assert (a.owner, a.due, a.status, a.history) == ("Office manager", dt.date(2027, 6, 30), "unknown", ())


@pytest.mark.parametrize(("argv", "message"), [
    (["--done", "no.such-item"], "--done no.such-item: no such item in checklist mini"),
    (["--item", "digital.updates", "--due", "30/06/2027"], "'30/06/2027' is not a date written as YYYY-MM-DD"),
    (["--due", "2027-06-30"], "--due needs the action it is for"),
    (["--item", "digital.updates"], "--item needs what to change"),
    (["--done", "physical.locks", "--update"], "--done and --update do not go together"),
    (["--done", "physical.locks", "-o", "x.csv"], "--done changes the answers file"),
])
def test_bad_changes_are_one_line_errors_and_write_nothing(
        review_file: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = review_file.read_bytes()
    assert main(["plan", str(review_file), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert review_file.read_bytes() == before


def test_owner_alone_on_an_unanswered_item_is_refused(write_answers: Callable[..., Path],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = write_answers({"physical.sound": "no"})
    assert main(["plan", str(path), "--item", "physical.locks", "--owner", "Sam"]) == 2
    assert "physical.locks: not answered yet" in capsys.readouterr().err
    assert main(["plan", str(path), "--done", "physical.locks"]) == 0  # a chosen status is fine
    assert answers.load(path).answers["physical.locks"].status == "yes"


def test_overdue_lists_only_those_and_exits_3(review_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(review_file), "--overdue", "-f", "json"]) == 3
    data = json.loads(capsys.readouterr().out)
    assert [a["item_id"] for a in data["actions"]] == ["physical.locks"]
    assert data["counts"]["overdue"] == 1
    main(["plan", str(review_file), "--done", "physical.locks"])
    capsys.readouterr()
    assert main(["plan", str(review_file), "--overdue"]) == 0
    assert "Nothing is overdue." in capsys.readouterr().out


def test_screen_shows_rank_due_owner_and_state(review_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["plan", str(review_file), "--item", "physical.locks", "--owner", "Office manager"])
    capsys.readouterr()
    assert main(["plan", str(review_file)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    n = next(n for n, line in enumerate(lines) if "Are paper files locked away?" in line)
    assert "Overdue" in lines[n] and (TODAY - dt.timedelta(days=3)).strftime("%b %Y") in lines[n]
    assert "physical.locks · Not in place · Office manager" in lines[n + 1]
    assert "1 overdue" in lines[2] and f"  privacycheck plan {review_file} --done ITEM_ID" in lines
    assert max(len(line) for line in lines if "privacycheck plan" not in line) <= 80


def test_every_format_carries_the_plan(review_file: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("md", "html", "json", "csv", "txt"):
        out = tmp_path / f"plan.{fmt}"
        assert main(["plan", str(review_file), "-o", str(out)]) == 0
        text = out.read_text()
        # data carries the item id; paper (md, html) its title only
        assert ("physical.locks" in text) == (fmt not in ("md", "html")), fmt
        assert "Are paper files locked away?" in text or fmt in ("json", "csv"), fmt
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Overdue" in (tmp_path / "plan.html").read_text()
    assert "| Overdue |" in (tmp_path / "plan.md").read_text()


def test_markup_in_notes_reaches_no_viewer(write_answers: Callable[..., Path], tmp_path: Path) -> None:
    path = write_answers({"physical.sound": "no"})
    path.write_text(path.read_text().replace('status = "no"\n', 'status = "no"\nnote = "<b>x</b> [red]y[/red] | *z*"\n'))
    html = tmp_path / "p.html"
    md = tmp_path / "p.md"
    main(["plan", str(path), "-o", str(html)])
    main(["plan", str(path), "-o", str(md)])
    assert "&lt;b&gt;x&lt;/b&gt;" in html.read_text() and "<b>x" not in html.read_text()
    assert r"\| \*z\*" in md.read_text()


def test_history_reads_back_and_bad_history_is_a_one_line_error(tmp_path: Path, mini: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(answers_toml({}) + '\n[answers."physical.sound"]\nstatus = "yes"\nsince = 2027-03-01\n'
                    'history = [{status = "no", since = 2026-11-24, until = 2027-03-01}]\n')
    a = answers.load(good).answers["physical.sound"]
    assert a.history == (answers.PastStatus("no", dt.date(2026, 11, 24), dt.date(2027, 3, 1)),)
    assert answers.load(good) == answers.load(good)
    answers.save(answers.load(good), tmp_path / "again.toml")
    assert answers.load(tmp_path / "again.toml").answers == answers.load(good).answers
    for history, message in [
        ('[{status = "maybe", until = 2027-03-01}]', "history entry 1: unknown status 'maybe'"),
        ('[{status = "no"}]', "history entry 1: missing until"),
        ('[{status = "no", until = "soon"}]', "history entry 1.until: expected a date"),
        ('"no"', "history: expected a list"),
        ('[{status = "no", until = 2027-03-01, by = "x"}]', "unknown key 'by'"),
    ]:
        bad = tmp_path / "bad.toml"
        bad.write_text(answers_toml({}) + f'\n[answers."physical.sound"]\nstatus = "yes"\nhistory = {history}\n')
        line = bad.read_text().splitlines().index(f"history = {history}") + 1
        with pytest.raises(PrivacycheckError) as caught:
            answers.load(bad)
        assert caught.value.message.startswith(f"{bad}: line {line}: "), caught.value.message
        assert message in caught.value.message


def test_a_correction_on_the_same_day_keeps_no_history() -> None:
    day = dt.date(2027, 3, 1)
    first = answers.Answer("no", since=day)
    assert first.with_status("yes", day).history == ()
    later = first.with_status("yes", day + dt.timedelta(days=5))
    assert later.history == (answers.PastStatus("no", day, day + dt.timedelta(days=5)),)
    assert later.with_status("yes", day + dt.timedelta(days=9)) == later  # unchanged


def test_in_place_since_is_in_the_reports(tmp_path: Path, mini: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.toml"
    path.write_text(answers_toml({"physical.locks": "no"}) + '\n[answers."physical.sound"]\nstatus = "yes"\n'
                    'since = 2027-03-01\nhistory = [{status = "no", until = 2027-03-01}]\n')
    main(["report", str(path), "-f", "json"])
    rows = {r["item_id"]: r for r in json.loads(capsys.readouterr().out)["answers"]}
    assert rows["physical.sound"]["since"] == "2027-03-01"
    assert rows["physical.locks"]["since"] is None
    main(["report", str(path), "-f", "md"])
    assert "in place since 1 Mar 2027" in capsys.readouterr().out
    main(["report", str(path), "-f", "txt", "-o", str(tmp_path / "r.txt")])
    assert "In place since 1 Mar 2027" in (tmp_path / "r.txt").read_text()


def test_training_files_have_no_plan(write_answers: Callable[..., Path],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = write_answers({}, extra='kind = "training"\nscenario = "tiny-solo"')
    assert main(["plan", str(path)]) == 2
    assert "training exercise" in capsys.readouterr().err


def test_plan_json_counts(review_file: Path) -> None:
    from privacycheck.reports.plan_report import to_json

    data = to_json(the_plan(review_file))
    assert data["counts"]["open"] == len(data["actions"]) == 4
    assert set(data["counts"]) == {"open", *plan.STATES}
    assert scoring.WINDOWS  # the suggested dates come from scoring alone
    assert data["actions"][0]["suggested_due"] == "2026-12-08"
    assert data["per_week"] == 3 and "at most 3 actions fall due in any one week" in data["due_rule"]


def test_plan_json_imports_neither_rich_nor_the_calendar_library(review_file: Path) -> None:
    import subprocess
    import sys

    code = ("import io, sys, contextlib\nfrom privacycheck.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['plan', {str(review_file)!r}, '-f', 'json'])\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'icalendar', 'jinja2', 'questionary'}))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.strip() == "[]"


def test_portfolio_shows_each_practices_overdue_actions(review_file: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.toml"
    other.write_text(review_file.read_text().replace("Test Practice", "Calm Practice")
                     .replace(f"due = {(TODAY - dt.timedelta(days=3)).isoformat()}\n", ""))
    assert main(["portfolio", str(review_file), str(other), "-f", "json"]) == 0
    rows = {p["practice"]: p["overdue"] for p in json.loads(capsys.readouterr().out)["practices"]}
    assert rows == {"Test Practice": 1, "Calm Practice": 0}
    assert main(["portfolio", str(review_file), str(other), "-f", "csv"]) == 0
    import csv
    import io

    sheet = {r["practice"]: r["overdue"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert sheet == {"Test Practice": "1", "Calm Practice": "0"}
    assert main(["portfolio", str(review_file), str(other)]) == 0
    assert "1 overdue" in capsys.readouterr().out


def test_portfolio_csv_neutralises_formulas(review_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    review_file.write_text(review_file.read_text().replace("Test Practice", "=HYPERLINK(1)"))
    assert main(["portfolio", str(review_file), "-f", "csv"]) == 0
    assert ",'=HYPERLINK(1)," in capsys.readouterr().out


def test_from_carries_the_history_into_next_years_file(tmp_path: Path, mini: Path) -> None:
    from privacycheck.model import checklist
    from privacycheck.walk.walk_state import Walk, carried_answers

    last = tmp_path / "2026.toml"
    last.write_text(answers_toml({"physical.locks": "no"}) + '\n[answers."physical.sound"]\nstatus = "yes"\n'
                    'since = 2027-03-01\nhistory = [{status = "no", since = 2026-11-24, until = 2027-03-01}]\n')
    old = answers.load(last)
    model = checklist.load(str(mini))
    carried = carried_answers(old, model)
    assert carried["physical.sound"].history == old.answers["physical.sound"].history
    assert carried["physical.sound"].since == dt.date(2027, 3, 1)
    new = answers.new("Test Practice", "mini.toml", model.version, model.sha256)
    from privacycheck.model.record import replace

    walk = Walk(model, replace(new, answers=carried, profile=old.profile), tmp_path / "2027.toml")
    sound = model.item("physical.sound")
    locks = model.item("physical.locks")
    assert sound is not None and locks is not None
    walk.record(sound, "yes")  # confirmed: still in place since last March
    walk.record(locks, "partial")  # changed: last year's "no" goes into the history
    saved = answers.load(tmp_path / "2027.toml").answers
    assert saved["physical.sound"].since == dt.date(2027, 3, 1)
    assert saved["physical.sound"].history == old.answers["physical.sound"].history
    today = TODAY
    assert saved["physical.locks"].history == (answers.PastStatus("no", None, today),)
    assert saved["physical.locks"].since == today


def test_since_is_shown_only_where_the_file_knows_more_than_this_review(tmp_path: Path, mini: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.toml"
    path.write_text(answers_toml({}) + '\n[answers."physical.sound"]\nstatus = "yes"\nsince = 2026-11-24\n'
                    '\n[answers."digital.encryption"]\nstatus = "yes"\nsince = 2025-06-02\n')
    main(["report", str(path), "-f", "json"])
    rows = {r["item_id"]: r["since"] for r in json.loads(capsys.readouterr().out)["answers"]}
    assert rows["physical.sound"] is None  # answered In place in this review: nothing more to say
    assert rows["digital.encryption"] == "2025-06-02"  # carried over from an earlier review


def test_control_characters_from_the_file_are_shown_not_obeyed(review_file: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    review_file.write_text(review_file.read_text().replace(
        '[answers."physical.locks"]\n', '[answers."physical.locks"]\nowner = "Jo\\u001b[2J"\n'))
    for argv in (["plan", str(review_file)], ["plan", str(review_file), "--item", "physical.locks",
                                               "--owner", "Ann"]):
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "␛" in out


def test_changes_are_refused_while_a_review_of_the_file_is_open_elsewhere(
        review_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import subprocess
    import sys

    code = ("import sys\nfrom pathlib import Path\nfrom privacycheck.files import session_lock\n"
            f"held = session_lock.hold(Path({str(review_file)!r}))\nprint('held', flush=True)\n"
            "sys.stdin.read()\n")
    holder = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        before = review_file.read_bytes()
        assert main(["plan", str(review_file), "--done", "physical.locks"]) == 2
        assert "open in another privacycheck session" in capsys.readouterr().err
        assert review_file.read_bytes() == before
        assert main(["plan", str(review_file), "-f", "json"]) == 0  # looking is fine
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    capsys.readouterr()
    assert main(["plan", str(review_file), "--done", "physical.locks"]) == 0
