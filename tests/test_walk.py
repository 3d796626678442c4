"""The assess walk without a terminal: the state machine directly, the prompts fed with
prompt_toolkit's pipe input (as questionary's own tests do)."""

from __future__ import annotations

import datetime as dt
import io
import re
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from privacycheck.cli import main
from privacycheck.errors import PrivacycheckError
from privacycheck.model import answers, checklist
from privacycheck.model.answers import Answer
from privacycheck.model.checklist import Item
from privacycheck.model.record import replace
from privacycheck.walk.prompts import Prompts
from privacycheck.walk.walk import Options, assess, default_path
from privacycheck.walk.walk_state import Walk, carried_answers, last_year_statuses

pytestmark = pytest.mark.dates  # CI runs these on other days of the calendar too

ENTER, DOWN, UP, CTRL_C, CTRL_D = "\r", "\x1b[B", "\x1b[A", "\x03", "\x04"
# practice, assessor, then the profile: no staff (n), jurisdiction "us" (1), 1 clinician
START = "Riverside Counselling\r" + "Sam Lee\r" + "n" + "1" + "1\r"
APPLICABLE = ["physical.sound", "physical.locks", "digital.encryption", "digital.updates"]


def answer(number: int, note: str = "") -> str:
    """Pick answer 1-5 (In place ... Not applicable): one key; with a note, n first."""
    return f"n{number}{note}\r" if note else str(number)


def drive(keys: str, options: Options) -> tuple[int, str]:
    """Run assess with these keystrokes; when they run out, the closed input acts as Ctrl-D."""
    screen = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        code = assess(options, Console(file=screen, width=60), Prompts(input=pipe, output=DummyOutput()))
    return code, screen.getvalue()


@pytest.fixture
def new(tmp_path: Path, mini: Path) -> Options:
    return Options(checklist=str(mini), output=tmp_path / "review.toml")


def saved_to(options: Options) -> Path:
    assert options.output is not None
    return options.output


def statuses(path: Path) -> dict[str, str]:
    return {k: a.status for k, a in answers.load(path).answers.items()}


# ------------------------------------------------------------------ the state machine


def make_walk(mini: Path, tmp_path: Path, given: dict[str, str] | None = None,
              profile: dict[str, bool | int | str] | None = None) -> Walk:
    model = checklist.load(str(mini))
    assessment = answers.new("P", "mini.toml", model.version, model.sha256)
    for item_id, status in (given or {}).items():
        assessment = assessment.with_answer(item_id, Answer(status))
    assessment = replace(assessment, profile=profile or {
        "staff": False, "jurisdiction": "us", "clinicians": 1})
    return Walk(model, assessment, tmp_path / "walk.toml")


def here(walk: Walk) -> Item:
    assert walk.current is not None
    return walk.current


def test_walk_starts_at_first_unanswered_item(mini: Path, tmp_path: Path) -> None:
    walk = make_walk(mini, tmp_path, {"physical.sound": "yes", "digital.encryption": "no"})
    assert [i.id for i in walk.items] == APPLICABLE
    assert here(walk).id == "physical.locks"
    assert walk.done == 2


def test_advance_skips_answered_items_and_reports_the_finished_section(mini: Path, tmp_path: Path) -> None:
    walk = make_walk(mini, tmp_path, {"digital.encryption": "no"})
    assert walk.advance() is None  # sound -> locks, same section
    finished = walk.advance()  # locks -> digital.updates (encryption is answered)
    assert finished is not None and finished.id == "physical"
    assert here(walk).id == "digital.updates"
    walk.advance()
    assert walk.at_end and walk.current is None


def test_back_returns_to_the_question_shown_before(mini: Path, tmp_path: Path) -> None:
    walk = make_walk(mini, tmp_path)
    assert not walk.can_go_back
    walk.advance()
    walk.advance()
    assert here(walk).id == "digital.encryption"
    assert walk.back() and here(walk).id == "physical.locks"
    assert walk.back() and here(walk).id == "physical.sound"
    assert not walk.back()


def test_back_after_a_jump_returns_to_where_the_user_was(mini: Path, tmp_path: Path) -> None:
    walk = make_walk(mini, tmp_path)
    walk.jump("digital")
    assert here(walk).id == "digital.encryption"
    walk.back()
    assert here(walk).id == "physical.sound"


def test_changing_an_earlier_answer_returns_to_the_first_open_item_after_it(mini: Path, tmp_path: Path) -> None:
    walk = make_walk(mini, tmp_path)
    for status in ("yes", "no"):
        walk.record(here(walk), status)
        walk.advance()
    walk.back()
    walk.back()
    walk.record(here(walk), "partial")
    walk.advance()
    assert here(walk).id == "digital.encryption"


def test_skipped_items_stay_unanswered_and_are_open_at_the_end(mini: Path, tmp_path: Path) -> None:
    walk = make_walk(mini, tmp_path)
    walk.skip()
    for _ in range(3):
        walk.record(here(walk), "yes")
        walk.advance()
    assert walk.at_end
    assert [i.id for i in walk.open_items()] == ["physical.sound"]
    walk.restart_at_first_open()
    assert here(walk).id == "physical.sound"


def test_jump_goes_to_the_first_open_item_of_the_section(mini: Path, tmp_path: Path) -> None:
    walk = make_walk(mini, tmp_path, {"digital.encryption": "yes"})
    walk.jump("digital")
    assert here(walk).id == "digital.updates"
    walk.record(here(walk), "yes")
    walk.jump("digital")  # all answered: its first item
    assert here(walk).id == "digital.encryption"
    assert [(s.section.id, s.done, len(s.items)) for s in walk.sections()] == [
        ("physical", 0, 2), ("digital", 2, 2)]


def test_every_change_is_saved_at_once_privately(mini: Path, tmp_path: Path) -> None:
    walk = make_walk(mini, tmp_path)
    walk.record(here(walk), "partial")
    assert statuses(walk.path) == {"physical.sound": "partial"}
    assert stat.S_IMODE(walk.path.stat().st_mode) == 0o600
    walk.note(here(walk), "door gap")
    assert answers.load(walk.path).answers["physical.sound"].note == "door gap"
    walk.record(here(walk), "yes")
    kept = answers.load(walk.path).answers["physical.sound"]
    assert (kept.status, kept.note) == ("yes", "door gap")
    walk.set_profile("staff", True)
    assert answers.load(walk.path).profile["staff"] is True


def test_profile_change_reevaluates_items_and_keeps_answers(mini: Path, tmp_path: Path) -> None:
    walk = make_walk(mini, tmp_path, {"digital.group-review": "no"},
                     profile={"staff": False, "jurisdiction": "us", "clinicians": 3})
    assert "digital.group-review" in [i.id for i in walk.items]
    walk.jump("digital")
    walk.position = [i.id for i in walk.items].index("digital.group-review")
    walk.set_profile("clinicians", 1)
    assert "digital.group-review" not in [i.id for i in walk.items]
    assert walk.at_end  # nothing applicable after the item that left
    assert statuses(walk.path)["digital.group-review"] == "no"  # kept, not deleted
    walk.set_profile("staff", True)
    assert "physical.badge" in [i.id for i in walk.items]


def test_last_years_answers_are_carried_open_and_confirmed_or_changed(mini: Path, tmp_path: Path) -> None:
    model = checklist.load(str(mini))
    old = answers.new("P", "mini.toml", "0.9", "")
    for item_id, status in {"physical.sound": "partial", "physical.locks": "yes",
                            "removed.item": "no"}.items():
        old = old.with_answer(item_id, Answer(status, note="last year"))
    carried = carried_answers(old, model)
    assert set(carried) == {"physical.sound", "physical.locks"}
    assert {a.origin for a in carried.values()} == {"carried"}
    walk = make_walk(mini, tmp_path)
    walk.assessment = replace(walk.assessment, answers=carried)
    walk.last_year = last_year_statuses(walk.assessment, old)
    walk.start()
    assert here(walk).id == "physical.sound"  # carried = open
    assert walk.default_status(here(walk)) == "partial"
    assert walk.record(here(walk), "partial").origin == "confirmed"
    walk.advance()
    assert walk.record(here(walk), "no").origin == "changed"
    assert answers.load(walk.path).answers["physical.locks"].note == "last year"


# ------------------------------------------------------------------ assess, keys in, file out


def test_new_review_saves_everything_as_it_is_given(new: Options) -> None:
    code, out = drive(START + answer(2, "white noise in hallway") + answer(3), new)
    assert code == 130  # the keys ran out: the closed input is Ctrl-D
    saved = answers.load(saved_to(new))
    assert (saved.practice, saved.assessor) == ("Riverside Counselling", "Sam Lee")
    assert saved.profile == {"staff": False, "jurisdiction": "us", "clinicians": 1}
    assert saved.checklist == "mini.toml" and saved.checklist_sha256
    assert {k: (a.status, a.note) for k, a in saved.answers.items()} == {
        "physical.sound": ("partial", "white noise in hallway"), "physical.locks": ("no", "")}
    assert stat.S_IMODE(saved_to(new).stat().st_mode) == 0o600
    assert f"To continue:\n  privacycheck assess --resume {saved_to(new)}\n" in out


def test_answers_file_exists_right_after_the_practice_name(new: Options) -> None:
    code, out = drive("Riverside\r" + CTRL_C, new)
    assert code == 130
    assert answers.load(saved_to(new)).practice == "Riverside"
    assert "Your answers are saved in" in out


def test_ctrl_c_before_the_practice_name_saves_nothing(new: Options) -> None:
    code, out = drive(CTRL_C, new)
    assert code == 130 and "before anything was saved" in out
    assert not saved_to(new).exists()


@pytest.mark.parametrize("key", [CTRL_C, CTRL_D])
def test_interrupt_at_the_note_keeps_the_answer(new: Options, key: str) -> None:
    code, out = drive(START + "3\r" + "half a no" + key, new)
    assert code == 130
    assert statuses(saved_to(new)) == {"physical.sound": "no"}
    assert "privacycheck assess --resume" in out


def test_screen_shows_section_position_progress_and_question(new: Options) -> None:
    _code, out = drive(START + answer(1), new)
    assert "Physical safeguards" in out
    assert "Question 1 of 4" in out and "Question 2 of 4 · 1 answered" in out
    assert "Can sessions be overheard?" in out
    assert re.search(r"█+░+  25%", out)
    # only the lines naming the (long, temporary) file may run on, so they can be copied
    assert max(len(line) for line in out.splitlines() if "review.toml" not in line) <= 60
    assert "\x1b[" not in out


def test_why_it_matters_on_request_then_the_same_question(new: Options) -> None:
    _code, out = drive(START + "w\r" + answer(1), new)
    assert "Why it matters: Overheard sessions expose clients." in out
    assert "What good looks like: Sound masking and solid doors." in out
    assert statuses(saved_to(new)) == {"physical.sound": "yes"}


def test_training_explains_after_each_answer(new: Options) -> None:
    options = Options(new.checklist, new.output, training=True)
    _code, out = drive(START + answer(3), options)
    assert "Why it matters: Overheard sessions expose clients." in out
    assert "What to do: Add a white-noise machine outside the door." in out


def test_back_changes_an_earlier_answer(new: Options) -> None:
    keys = START + answer(1) + answer(3) + "b\r" + "b\r" + answer(2, "fixed") + answer(4)
    drive(keys, new)
    saved = answers.load(saved_to(new))
    assert {k: a.status for k, a in saved.answers.items()} == {
        "physical.sound": "partial", "physical.locks": "no", "digital.encryption": "unknown"}
    assert saved.answers["physical.sound"].note == "fixed"


def test_section_score_after_each_section(new: Options) -> None:
    _code, out = drive(START + answer(1) + answer(3), new)
    assert "Physical safeguards so far: 67 / 100 (Developing)" in out


def test_jump_to_a_section(new: Options) -> None:
    _code, out = drive(START + "j" + "2" + answer(3), new)
    assert statuses(saved_to(new)) == {"digital.encryption": "no"}
    assert "Question 3 of 4" in out


def test_the_profile_can_be_changed_from_the_jump_menu(new: Options) -> None:
    # jump menu: 1 Physical, 2 Digital, 3 Practice profile; then the line to change (1: staff),
    # yes, and 4: "Done: the profile is right" (the other lines are kept as they are)
    keys = START + "j" + "3" + "1" + "y" + "4" + answer(1) + CTRL_C
    code, out = drive(keys, new)
    assert code == 130
    assert "5 items apply now (before: 4)" in out
    assert "Question 1 of 5" in out and "Question 2 of 5" in out
    saved = answers.load(saved_to(new))
    assert saved.profile["staff"] is True and statuses(saved_to(new)) == {"physical.sound": "yes"}


def test_skip_leaves_unanswered_and_the_end_offers_them_again(new: Options, tmp_path: Path) -> None:
    keys = (START + "s" + answer(1) + answer(1) + answer(1)
            + "1" + answer(5) + "n")  # 1: "Answer them now", then no report
    code, out = drive(keys, new)
    assert code == 0
    assert "1 item still open." in out
    assert statuses(saved_to(new))["physical.sound"] == "na"
    assert "Overall score" in out and "Rating:" in out
    assert not list(tmp_path.glob("*-report.*"))


def test_finish_with_open_items_shows_the_summary_and_writes_the_report(new: Options) -> None:
    keys = START + "s" + answer(3) + answer(1) + answer(2) + "3" + "y"  # 3: finish; y: report
    code, out = drive(keys, new)
    assert code == 0
    assert "Review incomplete: 3 of 4 applicable items answered" in " ".join(out.split())
    assert "First actions" in out
    report = saved_to(new).with_name("review-report.html")
    assert report.exists() and stat.S_IMODE(report.stat().st_mode) == 0o600
    assert f"Wrote the HTML report:\n  {report}\nOpen it in a web browser" in out
    assert f"\n  privacycheck report {saved_to(new)} -o report.pdf\n" in out


def test_save_and_quit_says_how_to_resume(new: Options) -> None:
    code, out = drive(START + answer(1) + "q\r", new)
    assert code == 0
    assert f"privacycheck assess --resume {saved_to(new)}" in out


def test_resume_continues_at_the_first_unanswered_item(write_answers: Callable[..., Path]) -> None:
    path = write_answers({"physical.sound": "yes", "digital.encryption": "no"})
    code, out = drive("y" + answer(2) + answer(1) + "n", Options(resume=path))
    assert code == 0
    assert "Continuing the review of Test Practice by Tester" in out
    assert "2 of 4 items answered" in out
    assert "Question 2 of 4" in out and "Question 1 of 4" not in out
    assert statuses(path) == {"physical.sound": "yes", "physical.locks": "partial",
                              "digital.encryption": "no", "digital.updates": "yes"}
    assert "Overall score" in out


def test_resume_with_a_new_profile_keeps_answers_that_no_longer_apply(
        write_answers: Callable[..., Path]) -> None:
    path = write_answers({"physical.sound": "yes", "digital.group-review": "no"},
                         profile='staff = false\njurisdiction = "us"\nclinicians = 3')
    # "Is this still right?" no; line 1 (staff) yes, line 3 (clinicians) 1, then 4: done
    keys = "n" + "1" + "y" + "3" + "1\r" + "4" + CTRL_C
    code, out = drive(keys, Options(resume=path))
    assert code == 130
    saved = answers.load(path)
    assert saved.profile == {"staff": True, "jurisdiction": "us", "clinicians": 1}
    assert saved.answers["digital.group-review"].status == "no"
    assert "Question 2 of 5" in out  # physical.badge applies now; group review does not


def test_resume_after_the_checklist_changed_says_so_once(write_answers: Callable[..., Path],
                                                        mini: Path) -> None:
    path = write_answers({"physical.sound": "yes"}, extra='checklist_sha256 = "0ld"')
    code, out = drive(ENTER + CTRL_C, Options(resume=path))
    assert code == 130
    assert "The checklist has changed since this review began" in out
    assert answers.load(path).checklist_sha256 == checklist.load(str(mini)).sha256
    _code, again = drive(ENTER + CTRL_C, Options(resume=path))
    assert "has changed" not in again


def test_from_last_year_carries_answers_to_confirm_or_change(
        write_answers: Callable[..., Path], tmp_path: Path) -> None:
    last = write_answers({"physical.sound": "partial", "physical.locks": "yes", "gone.item": "no"},
                         name="2025.toml")
    new = tmp_path / "2026.toml"
    # practice and assessor kept (Enter), profile still right (y), the section's recap: one by
    # one (2), sound kept (2), locks changed
    keys = ENTER * 2 + "y" + "2" + "2" + answer(3) + CTRL_C
    code, out = drive(keys, Options(output=new, previous=last))
    assert code == 130
    assert "2 answers carried over from your review of 2026-11-24" in out
    assert "From your review of 2026-11-24: Partly" in out and "Press 2 to keep" in out
    saved = answers.load(new)
    assert saved.practice == "Test Practice" and saved.assessor == "Tester"
    assert saved.carried_from == "2025.toml"
    assert {k: (a.status, a.origin) for k, a in saved.answers.items()} == {
        "physical.sound": ("partial", "confirmed"), "physical.locks": ("no", "changed")}


def test_resume_of_a_review_from_last_year_stops_at_carried_items(
        write_answers: Callable[..., Path], tmp_path: Path) -> None:
    last = write_answers({"physical.sound": "partial", "physical.locks": "yes",
                          "digital.encryption": "yes", "digital.updates": "no"}, name="2025.toml")
    new = tmp_path / "2026.toml"
    drive(ENTER * 2 + "y" + "2" + "2" + CTRL_C, Options(output=new, previous=last))
    assert {k: a.origin for k, a in answers.load(new).answers.items()} == {
        "physical.sound": "confirmed", "physical.locks": "carried",
        "digital.encryption": "carried", "digital.updates": "carried"}
    # profile right; each section's recap: one by one (2), then the items
    code, out = drive("y" + "2" + answer(1) + "2" + answer(1) + answer(1) + "n", Options(resume=new))
    assert code == 0
    assert "Question 2 of 4" in out and "Question 1 of 4" not in out
    assert {k: (a.status, a.origin) for k, a in answers.load(new).answers.items()} == {
        "physical.sound": ("partial", "confirmed"), "physical.locks": ("yes", "confirmed"),
        "digital.encryption": ("yes", "confirmed"), "digital.updates": ("yes", "changed")}


def test_an_existing_answers_file_is_never_overwritten(new: Options) -> None:
    saved_to(new).write_text("precious")
    with pytest.raises(PrivacycheckError, match="already exists.*--resume"):
        drive(START, new)
    assert saved_to(new).read_text() == "precious"


def test_default_file_name_has_the_practice_and_the_date() -> None:
    assert default_path("Riverside Counselling & Co.", dt.date(2026, 11, 24)) == Path(
        "privacycheck-riverside-counselling-co-2026-11-24.toml")
    assert default_path("!!!", dt.date(2026, 1, 2)).name == "privacycheck-practice-2026-01-02.toml"
    assert default_path("Dr. María Chen", dt.date(2026, 12, 1)).name == (
        "privacycheck-dr-maria-chen-2026-12-01.toml")  # accents folded, not dropped
    assert default_path("Zoë Ångström-Øre", dt.date(2026, 12, 1)).name == (
        "privacycheck-zoe-angstrom-re-2026-12-01.toml")


def test_default_file_that_exists_is_refused(mini: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    default_path("Riverside").write_text("x")
    with pytest.raises(PrivacycheckError, match="--resume"):
        drive("Riverside\r", Options(checklist=str(mini)))


def test_non_interactive_stdin_is_a_one_line_error(capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["assess"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "privacycheck report FILE" in err and "--resume" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_resume_and_from_together_are_refused(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", _Terminal())
    assert main(["assess", "--resume", "a.toml", "--from", "b.toml"]) == 2
    assert "do not go together" in capsys.readouterr().err


def test_resume_asks_again_what_was_never_answered_then_counts_the_items(new: Options) -> None:
    drive("Riverside\r" + CTRL_C, new)  # stopped at the assessor
    code, out = drive("Sam Lee\r" + "n" + "1" + CTRL_C, Options(resume=saved_to(new)))
    assert code == 130
    saved = answers.load(saved_to(new))
    assert saved.assessor == "Sam Lee" and saved.profile == {"staff": False, "jurisdiction": "us"}
    assert "items answered" not in out  # no count while the profile is unfinished
    # the last profile question; then the recap of all three, y; then the first item
    code, out = drive("1\r" + "y" + answer(1) + CTRL_C, Options(resume=saved_to(new)))
    assert "How many clinicians?" in out and "Your name" not in out
    assert out.index("How many clinicians?") < out.index("0 of 4 items answered.")
    assert answers.load(saved_to(new)).answers["physical.sound"].status == "yes"


LONG_PROFILE = ('staff = false\npaper_records = true\ntelehealth = false\nminors = false\n'
                'substance_use = false\npart2_program = false\njurisdiction = "eu-uk"\n'
                'groups = false\nshared_space = true\nprofession = "other"\nin_person = true\nai_scribe = false')


def test_the_profile_recap_wraps_under_each_entry_at_60_columns(
        write_answers: Callable[..., Path]) -> None:
    path = write_answers({}, checklist="therapy-practice", profile=LONG_PROFILE)
    _code, out = drive("y" + CTRL_C, Options(resume=path))
    recap = out[out.index("Practice profile:"):].splitlines()[1:]
    recap = recap[:next(n for n, line in enumerate(recap) if not line.startswith("  "))]
    model = checklist.load("therapy-practice")
    facts = len([q for q in model.profile if model.asks(q, answers.load(path).profile)])
    assert len(recap) > facts and all(len(line) <= 60 for line in recap)
    assert sum(line.startswith("  - ") for line in recap) == facts  # one entry per fact
    assert all(line.startswith(("  - ", "    ")) for line in recap)
    assert "European Union or United Kingdom" in " ".join(" ".join(recap).split())
    assert not any(line.strip() in ("Yes", "No") for line in recap)  # never alone on a line


def test_messages_put_paths_and_commands_on_lines_of_their_own(tmp_path: Path, mini: Path) -> None:
    deep = tmp_path / "clinics-of-the-western-district" / "2026-annual-reviews"
    deep.mkdir(parents=True)
    options = Options(checklist=str(mini), output=deep / "dr-maria-chen-2026-12-01.toml")
    _code, out = drive(START + CTRL_C, options)
    command = f"  privacycheck assess --resume {options.output}"
    assert len(command) > 60 and f"To continue:\n{command}\n" in out
    assert f"Your answers are saved in\n  {options.output}\n" in out


def test_the_report_at_the_end_never_replaces_an_answers_file_of_that_name(new: Options) -> None:
    report = saved_to(new).with_name("review-report.html")
    report.write_text('[assessment]\npractice = "Another clinic"\n', encoding="utf-8")
    keys = START + "s" + answer(3) + answer(1) + answer(2) + "3" + "y"  # finish; y: report
    code, out = drive(keys, new)
    assert code == 2 and "The HTML report was not written" in out and "never writes" in out, out
    assert report.read_text(encoding="utf-8") == '[assessment]\npractice = "Another clinic"\n'


# ------------------------------------------------------------------ next year: the recaps


def test_from_keeps_a_sections_in_place_answers_with_one_key_and_asks_the_rest(
        write_answers: Callable[..., Path], tmp_path: Path) -> None:
    last = write_answers({"physical.sound": "yes", "physical.locks": "yes", "digital.encryption": "yes",
                          "digital.updates": "no"}, name="2025.toml")
    last.write_text(last.read_text().replace('status = "yes"\n', 'status = "yes"\nnote = "kept as is"\n', 1))
    new = tmp_path / "2026.toml"
    # names kept, profile right; physical: keep both (1); digital: keep encryption (1), updates asked
    code, out = drive(ENTER * 2 + "y" + "1" + "1" + answer(2) + "n", Options(output=new, previous=last))
    assert code == 0
    assert "In place at your review of 24 November 2026:\n  - Can sessions be overheard?\n" in out
    assert "Then 1 more to look at one by one" in out
    saved = answers.load(new).answers
    assert {k: (a.status, a.origin) for k, a in saved.items()} == {
        "physical.sound": ("yes", "confirmed"), "physical.locks": ("yes", "confirmed"),
        "digital.encryption": ("yes", "confirmed"), "digital.updates": ("partial", "changed")}
    assert saved["physical.sound"].note == "kept as is"
    assert "Question 1 of 4" not in out and "Question 4 of 4" in out  # only the open one was asked


def test_enter_alone_at_a_recap_keeps_nothing(write_answers: Callable[..., Path], tmp_path: Path) -> None:
    last = write_answers({"physical.sound": "yes", "physical.locks": "yes"}, name="2025.toml")
    new = tmp_path / "2026.toml"
    drive(ENTER * 2 + "y" + ENTER * 3 + CTRL_C, Options(output=new, previous=last))
    assert {a.origin for a in answers.load(new).answers.values()} == {"carried"}


def test_an_answer_last_reviewed_over_a_year_ago_is_asked_one_by_one(
        write_answers: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    last = write_answers({"physical.sound": "yes", "physical.locks": "yes"}, name="2025.toml")
    last.write_text(last.read_text().replace('[answers."physical.sound"]\nstatus = "yes"\n',
                                             '[answers."physical.sound"]\nstatus = "yes"\n'
                                             'answered = 2025-10-01T09:00:00Z\n'))
    new = tmp_path / "2026.toml"
    _code, out = drive(ENTER * 2 + "y" + "1" + CTRL_C, Options(output=new, previous=last))
    assert "In place at your review of 24 November 2026:\n  - Are paper files locked away?\nThen 1 more" in out
    saved = answers.load(new).answers
    assert (saved["physical.sound"].origin, saved["physical.locks"].origin) == ("carried", "confirmed")


def test_a_changed_profile_line_is_asked_alone(write_answers: Callable[..., Path], tmp_path: Path) -> None:
    last = write_answers({"physical.sound": "yes"}, name="2025.toml")
    new = tmp_path / "2026.toml"
    # profile not right: line 1 (staff) -> yes, then 4: done; nothing else of the profile is asked
    _code, out = drive(ENTER * 2 + "n" + "1" + "y" + "4" + CTRL_C, Options(output=new, previous=last))
    saved = answers.load(new)
    assert saved.profile == {"staff": True, "jurisdiction": "us", "clinicians": 1}
    assert "Does anyone else work in the practice?\n" in out and "Where is the practice?\n" not in out


def test_items_changed_in_the_checklist_since_last_year_are_named() -> None:
    from privacycheck.analysis import review
    from privacycheck.files.resources import archived_checklist

    model = checklist.load("therapy-practice")
    archived = archived_checklist(model.id, "2026.1")
    assert archived is not None
    old = answers.new("P", model.id, "2026.1", "")
    changed = review.changed_items(old, model)
    before = {i.id: i for i in checklist.load(str(archived)).items()}
    # citations from a source the old version never cited (another profession's code) change nothing
    known = {ref.rsplit(" ", 1)[0] for i in before.values() for ref in i.references}
    expected = {i.id for i in model.items() if i.id in before
                and (before[i.id].question, before[i.id].references)
                != (i.question, tuple(r for r in i.references if r.rsplit(" ", 1)[0] in known))}
    assert changed == expected and changed  # the 2027 checklist reworded some of 2026's items
    assert review.changed_items(answers.new("P", model.id, model.version, ""), model) == frozenset()
