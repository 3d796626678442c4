"""The training exercise (`privacycheck train [SCENARIO]`): prompts fed through
prompt_toolkit's pipe input, as in test_walk.py, and once through the installed command
in a pseudo-terminal."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import stat
from pathlib import Path

import pytest
from conftest import TINY_SCENARIO
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console
from test_assess_e2e import COLOUR, finished, spawn, transcript

from privacycheck.cli import main
from privacycheck.errors import PrivacycheckError
from privacycheck.model import answers
from privacycheck.model.record import replace
from privacycheck.training import scenario
from privacycheck.training.train_walk import Options, default_path, train
from privacycheck.walk.prompts import Prompts

ENTER, DOWN, CTRL_C, CTRL_D = "\r", "\x1b[B", "\x03", "\x04"

# The shared tiny scenario, with a time estimate and a description in paragraphs to page through.
SCENARIO = TINY_SCENARIO.replace('setting = "one room in a shared building"\n', '''setting = "one room in a shared building"
minutes = 10
''').replace('''vignette = """Dr. Oak sees clients in one room. A white-noise machine hums outside the door.
Her laptop has no password and no encryption. Paper notes sit in an open tray."""
debrief = "Encryption and locked storage matter most here."
''', '''vignette = """Dr. Oak sees clients in one room.
A white-noise machine hums outside the door.

Her laptop has no password and no encryption.
Paper notes sit in an open tray."""
debrief = """Encryption and locked storage
matter most here."""
''')
RATIONALES = ("White noise outside a closed door.", "Notes sit in an open tray.",
              "No encryption on the laptop.", "Updates are installed when she remembers.")
MODEL = ["1", "3", "3", "2"]  # the model answers as keys: In place, Not in place, Not in place, Partly
START = "Ana Diaz\r" + ENTER  # the trainee's name, then Enter after reading the practice


def answer(number: str, note: str = "") -> str:
    """One key; with a note, n first and the note line after it."""
    return f"n{number}{note}\r" if note else number


@pytest.fixture
def tiny(tmp_path: Path, mini: Path) -> Path:
    path = tmp_path / "tiny.toml"
    path.write_text(SCENARIO)
    return path


@pytest.fixture
def new(tiny: Path, tmp_path: Path) -> Options:
    return Options(scenario=str(tiny), output=tmp_path / "ana.toml")


def drive(keys: str, options: Options, height: int = 40) -> tuple[int, str]:
    """Run the exercise with these keystrokes; when they run out, the closed input is Ctrl-D."""
    screen = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        code = train(options, Console(file=screen, width=60, height=height),
                     Prompts(input=pipe, output=DummyOutput()))
    return code, screen.getvalue()


def saved(options: Options) -> Path:
    path = options.output or options.resume
    assert path is not None
    return path


def statuses(path: Path) -> dict[str, str]:
    return {k: a.status for k, a in answers.load(path).answers.items()}


def test_answers_file_is_a_private_training_file_for_the_scenario(new: Options) -> None:
    code, out = drive(START + answer("1", "white noise") + answer("4"), new)
    assert code == 130  # the keys ran out: Ctrl-D
    path = saved(new)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    record = answers.load(path)
    assert (record.kind, record.scenario) == ("training", "tiny-solo")
    assert (record.practice, record.assessor) == ("Birch Room Therapy (fictional)", "Ana Diaz")
    assert record.profile == {"staff": False, "jurisdiction": "us", "clinicians": 1}
    assert {k: (a.status, a.note) for k, a in record.answers.items()} == {
        "physical.sound": ("yes", "white noise"), "physical.locks": ("unknown", "")}
    assert "Saving every answer as you go, to" in out


def test_the_practice_description_is_shown_first_and_reflowed(new: Options) -> None:
    _code, out = drive(START, new)
    description = out.index("Dr. Oak sees clients in one room. A white-noise machine hums")
    assert out.index("Birch Room Therapy (fictional)") < description
    assert "solo · one room in a shared building" in out
    assert description < out.index("Question 1 of 4")
    assert "\n\nHer laptop has no password" in out  # paragraphs stay apart


def test_a_long_description_is_paged_a_screenful_at_a_time(tiny: Path, new: Options) -> None:
    tiny.write_text(SCENARIO.replace("Paper notes sit in an open tray.",
                                     "\n\n".join(f"Detail number {n}." for n in range(1, 16))))
    _code, out = drive("Ana Diaz\r", new, height=14)  # the first page only, then Ctrl-D
    assert "Detail number 2." in out and "Detail number 15." not in out
    _code, out = drive("Ana Diaz\r" + "q\r", Options(str(tiny), saved(new).with_name("b.toml")),
                       height=14)  # q: stop reading, on to the questions
    assert "Detail number 15." not in out and "Question 1 of 4" in out
    _code, out = drive("Ana Diaz\r" + ENTER * 4, Options(str(tiny), saved(new).with_name("c.toml")),
                       height=14)
    assert "Detail number 15." in out and "Question 1 of 4" in out


def test_the_description_can_be_read_again_at_any_question(new: Options) -> None:
    code, out = drive(START + answer("1") + "r" + ENTER + answer("3"), new)
    assert code == 130
    assert out.count("Dr. Oak sees clients in one room.") == 2
    second = out.rindex("Dr. Oak sees clients")
    assert out.index("Question 2 of 4") < second < out.rindex("Are paper files locked away?")
    assert statuses(saved(new)) == {"physical.sound": "yes", "physical.locks": "no"}


def test_why_it_matters_is_there_but_no_model_answer_before_the_end(new: Options) -> None:
    code, out = drive(START + "w" + answer("1") + answer("1") + answer("1") + CTRL_C, new)
    assert code == 130
    assert "Why it matters: Overheard sessions expose clients." in out
    assert not any(rationale in out for rationale in RATIONALES)
    assert "Accuracy" not in out and "Encryption and locked storage" not in out
    assert "so far" not in out  # no running score of the fictional practice either


def test_answering_everything_gives_feedback_accuracy_misses_and_debrief(new: Options) -> None:
    # sound: In place (agreed); locks: In place (missed gap); encryption: Partly (close);
    # updates: Don't know
    code, out = drive(START + answer("1") + answer("1") + answer("2") + answer("4"), new)
    assert code == 0
    feedback = out[out.index("Feedback: A tiny solo practice"):]
    for group in ("Missed gap (1)", "Saw the gap, judged its extent differently (1)",
                  "Answered Don't know (1)", "Agreed (1)"):
        assert group in feedback
    assert feedback.index("Missed gap (1)") < feedback.index("Agreed (1)")
    assert "You: In place · Model: Not in place" in feedback
    assert "Accuracy: 37.5% (1.5 of 4 points)" in feedback
    assert "1 missed gap · 1 close · 1 Don't know · 1 agreed" in feedback
    misses = feedback[feedback.index("The most important misses"):]
    assert misses.index("Are laptops encrypted?") < misses.index("Are paper files locked away?")
    assert "In this practice: No encryption on the laptop." in misses
    assert "Why it matters: A lost laptop is a breach otherwise." in misses
    assert "Debrief" in misses and "Encryption and locked storage matter most here." in misses
    assert f"privacycheck train grade {new.scenario} {saved(new)}" in out
    assert max(len(line) for line in out.splitlines() if "ana.toml" not in line) <= 60
    assert "\x1b[" not in out


def test_not_applicable_and_skipped_items_are_graded_too(new: Options) -> None:
    # skip sound, answer the rest as the model does except updates: Not applicable;
    # at the end, finish with the skipped item still open
    keys = START + "s" + answer("3") + answer("3") + answer("5") + "3"  # 3: finish
    code, out = drive(keys, new)
    assert code == 0
    assert "Not answered (1)" in out and "Missed gap (1)" in out
    assert "Accuracy: 50% (2 of 4 points)" in out
    assert "physical.sound" not in statuses(saved(new))


def test_the_jump_menu_offers_sections_but_not_the_given_profile(
        new: Options, monkeypatch: pytest.MonkeyPatch) -> None:
    offered: list[list[str]] = []
    real = Prompts.select

    def select(self: Prompts, message: str, choices: list[tuple[str, str]], *args: object) -> str:
        offered.append([value for value, _title in choices])
        return real(self, message, choices, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Prompts, "select", select)
    code, _out = drive(START + "j" + "2" + answer("3") + CTRL_C, new)
    assert code == 130
    assert offered == [["physical", "digital"]]
    assert statuses(saved(new)) == {"digital.encryption": "no"}


def test_walk_written_files_are_accepted_by_train_grade(new: Options, tiny: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    drive(START + answer("1") + answer("1") + answer("3") + answer("2"), new)
    assert main(["train", "grade", str(tiny), str(saved(new)), "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(t["trainee"], t["accuracy"], t["missed"]) for t in data["trainees"]] == [("Ana Diaz", 75.0, 1)]


@pytest.mark.parametrize("key", [CTRL_C, CTRL_D])
def test_interrupt_saves_and_prints_the_resume_command(new: Options, tiny: Path, key: str) -> None:
    code, out = drive(START + answer("1") + "n3" + "half a note" + key, new)
    assert code == 130
    assert statuses(saved(new)) == {"physical.sound": "yes", "physical.locks": "no"}
    assert f"To continue:\n  privacycheck train {tiny} --resume {saved(new)}\n" in out


def test_interrupt_before_the_name_saves_nothing(new: Options) -> None:
    code, out = drive(CTRL_C, new)
    assert code == 130 and "before anything was saved" in out
    assert not saved(new).exists()


def test_save_and_quit_says_how_to_resume(new: Options) -> None:
    code, out = drive(START + answer("1") + "q", new)
    assert code == 0
    assert f"--resume {saved(new)}" in out and "Accuracy" not in out


def test_resume_continues_at_the_first_unanswered_item(new: Options, tiny: Path) -> None:
    drive(START + "s" + answer("3") + CTRL_C, new)  # sound skipped, locks answered
    assert statuses(saved(new)) == {"physical.locks": "no"}
    resumed = Options(scenario=str(tiny), resume=saved(new))
    code, out = drive(ENTER + answer("1") + answer("3") + answer("2"), resumed)
    assert code == 0
    assert "Continuing the exercise for Ana Diaz: 1 of 4 items answered." in out
    assert "Dr. Oak sees clients in one room." in out  # the description again, to refresh
    questions = re.findall(r"Question (\d) of 4", out)
    assert questions == ["1", "3", "4"]
    assert statuses(saved(new)) == {"physical.sound": "yes", "physical.locks": "no",
                                    "digital.encryption": "no", "digital.updates": "partial"}
    assert "Accuracy: 100% (4 of 4 points)" in out


def test_resuming_a_finished_exercise_shows_the_feedback_again(new: Options, tiny: Path) -> None:
    drive(START + "".join(answer(k) for k in MODEL), new)
    code, out = drive("", Options(scenario=str(tiny), resume=saved(new)))
    assert code == 0
    assert "Question" not in out and "Accuracy: 100%" in out


def test_resume_needs_the_scenario_file_when_it_is_not_bundled(new: Options) -> None:
    drive(START + CTRL_C, new)
    with pytest.raises(PrivacycheckError, match=r"'tiny-solo' is not bundled.*SCENARIO\.toml --resume"):
        drive("", Options(resume=saved(new)))


def test_resume_refuses_an_assessment_and_a_different_scenario(tiny: Path, tmp_path: Path,
                                                               new: Options) -> None:
    drive(START + CTRL_C, new)
    review = tmp_path / "review.toml"
    record = answers.load(saved(new))
    answers.save(replace(record, kind="", scenario=""), review)
    with pytest.raises(PrivacycheckError, match="privacycheck assess --resume"):
        drive("", Options(scenario=str(tiny), resume=review))
    other = tmp_path / "other.toml"
    other.write_text(SCENARIO.replace('id = "tiny-solo"', 'id = "other-one"'))
    with pytest.raises(PrivacycheckError, match="answers are for scenario 'tiny-solo', not 'other-one'"):
        drive("", Options(scenario=str(other), resume=saved(new)))


def test_an_existing_file_is_never_overwritten(new: Options) -> None:
    saved(new).write_text("precious")
    with pytest.raises(PrivacycheckError, match=r"already exists.*privacycheck train --resume"):
        drive(START, new)
    assert saved(new).read_text() == "precious"


def test_default_file_name_has_scenario_trainee_and_date(tiny: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_path("solo-paper", "Ana Díaz", dt.date(2026, 11, 24)) == Path(
        "train-solo-paper-ana-diaz-2026-11-24.toml")
    monkeypatch.chdir(tmp_path)
    drive(START + CTRL_C, Options(scenario=str(tiny)))
    assert answers.load(default_path("tiny-solo", "Ana Diaz")).kind == "training"


@pytest.fixture
def bundled(tmp_path: Path, mini: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of 'bundled' scenarios: tiny-solo and a second one."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "tiny-solo.toml").write_text(SCENARIO.replace('"mini.toml"', '"../mini.toml"'))
    (folder / "z-second.toml").write_text(
        SCENARIO.replace('"mini.toml"', '"../mini.toml"').replace('id = "tiny-solo"', 'id = "z-second"')
        .replace("A tiny solo practice", "A second practice").replace("minutes = 10\n", ""))
    monkeypatch.setattr(scenario, "scenario_dir", lambda: folder)
    return folder


def test_without_a_scenario_the_trainee_picks_one(bundled: Path, tmp_path: Path) -> None:
    options = Options(output=tmp_path / "pick.toml")
    code, out = drive("2" + START + answer("1") + CTRL_C, options)
    assert code == 130
    assert "A second practice" in out and answers.load(tmp_path / "pick.toml").scenario == "z-second"
    assert f"To continue:\n  privacycheck train --resume {tmp_path / 'pick.toml'}\n" in out
    code, out = drive(ENTER + answer("3") + CTRL_C, Options(resume=tmp_path / "pick.toml"))
    assert "Continuing the exercise" in out and "Question 2 of 4" in out


def test_the_list_to_pick_from_shows_size_items_and_minutes(bundled: Path, tmp_path: Path) -> None:
    _code, out = drive(CTRL_C, Options(output=tmp_path / "pick.toml"))
    assert "A tiny solo practice\n  solo, 4 items, about 10 minutes\n" in out
    assert "A second practice\n  solo, 4 items\n" in out  # this one gives no minutes


def test_non_interactive_stdin_is_a_one_line_error(tiny: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["train", str(tiny)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "train needs an interactive terminal" in err
    assert "train grade" in err and "--resume FILE" in err


# ------------------------------------------------------------------ the installed command


def test_installed_train_stop_resume_and_see_the_feedback(tiny: Path, tmp_path: Path) -> None:
    child = spawn(tmp_path, "train", "tiny.toml", "-o", "ana.toml")
    child.expect("Your name")
    child.send("Ana Diaz\r")
    child.expect("Dr. Oak sees clients")
    child.expect("Press Enter to start the questions")
    child.send("\r")
    for question, key in (("Question 1 of 4", "1"), ("Question 2 of 4", "1")):
        child.expect(question)
        child.expect("Your answer")
        child.send(key)
    child.expect("Question 3 of 4")
    child.expect("Your answer")
    child.sendintr()
    assert finished(child) == 130
    first = transcript(child)
    assert "To continue:\r\n  privacycheck train tiny.toml --resume ana.toml\r\n" in first
    assert stat.S_IMODE((tmp_path / "ana.toml").stat().st_mode) == 0o600

    child = spawn(tmp_path, "train", "tiny.toml", "--resume", "ana.toml")
    child.expect("Continuing the exercise for Ana Diaz: 2 of 4 items answered")
    child.expect("Press Enter to go on with the questions")
    child.send("\r")
    for question, key in (("Question 3 of 4", "3"), ("Question 4 of 4", "2")):
        child.expect(question)
        child.expect("Your answer")
        child.send(key)
    child.expect("Debrief")
    assert finished(child) == 0
    second = transcript(child)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", second)  # bold and dim stay on a terminal
    assert "Accuracy: 75% (3 of 4 points)" in plain
    assert "Missed gap (1)" in plain and "In this practice: Notes sit in an open tray." in plain
    assert not COLOUR.search(first + second)


def test_train_takes_plain_like_assess(monkeypatch: pytest.MonkeyPatch) -> None:
    from privacycheck.cli import main
    from privacycheck.training import train_walk

    seen: dict[str, object] = {}

    def fake(scenario: str | None, output: object, resume: object, plain: bool = False) -> int:
        seen.update(scenario=scenario, plain=plain)
        return 0

    monkeypatch.setattr(train_walk, "exercise", fake)
    assert main(["train", "solo-paper", "--plain"]) == 0
    assert seen == {"scenario": "solo-paper", "plain": True}


MODEL_INVENTORY = '''
[[inventory]]
name = "Paper notes tray"
kind = "paper"
baa = "na"

[[inventory]]
name = "Personal webmail"
kind = "email"
provider = "a free webmail service"
baa = "no"
'''
CLEAR, KEEP = "\x15", DOWN + ENTER
# records no; email yes (the service Gmail, agreement: No, encryption: Don't know); phone, computer,
# mobile and backups no; then Done
TRAINEE_INVENTORY = "n" + "Gmail\r" + "2" + "3" + ENTER + "n" * 3 + KEEP


def test_a_scenario_with_a_model_inventory_asks_it_and_comments_on_it(tiny: Path, new: Options) -> None:
    tiny.write_text(SCENARIO + MODEL_INVENTORY)
    code, out = drive(START + TRAINEE_INVENTORY + answer(MODEL[0]) + CTRL_C, new)
    assert code == 130, out
    assert [(e.name, e.kind, e.provider, e.baa) for e in answers.load(saved(new)).inventory] == [
        ("Gmail", "email", "Gmail", "no")]
    assert out.index("Where client information lives") < out.index("Question 1 of 4")
    # resumed: the list is shown again and kept with one key, then the questions go on
    code, out = drive(ENTER + "y" + "".join(answer(k) for k in MODEL[1:]),
                      Options(resume=saved(new), scenario=new.scenario))
    assert code == 0, out
    assert "1. Gmail (Email) · business associate agreement not signed" in " ".join(out.split())
    assert out.index("1. Gmail (Email)") < out.index("Question 2 of 4")
    feedback = " ".join(out[out.index("Feedback: A tiny solo practice"):].split())
    assert ("Where client information lives ─" in feedback
            and "The model lists these places, of kinds your inventory does not have: • Paper files: "
                "Paper notes tray" in feedback)
    assert "Personal webmail (a free webmail service)" not in feedback  # flagged the same way


def test_a_scenario_without_a_model_inventory_does_not_ask_it(new: Options) -> None:
    code, out = drive(START + "".join(answer(k) for k in MODEL), new)
    assert code == 0 and "Where client information lives" not in out


# records no; email yes (the service Outlook, agreement: Yes, encryption: Don't know); phone,
# computer, mobile, scheduling and backups no (the group profile suggests eight; its paper files
# are settled by the profile, so not asked); then Done
GROUP_INVENTORY = "n" + "Outlook\r" + "1" + "3" + ENTER + "n" * 4 + KEEP


def test_the_group_front_desk_exercise_asks_the_inventory_and_comments_on_it(tmp_path: Path) -> None:
    options = Options(scenario="group-front-desk", output=tmp_path / "ana.toml")
    items = len(scenario.load("group-front-desk").items())
    # every item In place (so no addressable decision is asked); tested backups In place while the
    # inventory lists none: 1 keeps both for now; then 1 keeps the risk register
    code, out = drive(START + GROUP_INVENTORY + "1" * items + "1" + "1", options, height=400)  # one page of description
    assert code == 0, out[-2000:]
    assert [(e.name, e.kind, e.baa) for e in answers.load(saved(options)).inventory] == [
        ("Outlook", "email", "yes"), ("Paper files", "paper", "na")]
    assert "The inventory lists no backups, but" in out
    assert out.index("Where client information lives") < out.index(f"Question 1 of {items}")
    feedback = " ".join(out[out.index("Feedback: Larkspur Row"):].split())
    assert "Where client information lives ─" in feedback
    assert "The model lists these places, of kinds your inventory does not have:" in feedback
    assert "• Record system or EHR: Cloud EHR" in feedback
    assert "• Other: IT contractor; Free AI chatbot; Shredding company" in feedback
    assert ("IT contractor (an IT contractor on a monthly contract): no business associate agreement is "
            "signed" in feedback)
    assert "Microsoft 365 email (Microsoft)" not in feedback  # email listed, its agreement signed
    assert feedback.index("Where client information lives") < feedback.index("Debrief")
