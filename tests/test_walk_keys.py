"""The keys of the walk: no keypress records an answer the user did not choose, few keys per
item (the count docs/assess.md gives), when the note line comes, and plain mode."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from test_walk import CTRL_C, DOWN, ENTER, UP, drive, saved_to

from privacycheck.analysis.register import RULES
from privacycheck.analysis.risk import asks_addressable, needs_addressable_decision
from privacycheck.analysis.scoring import score
from privacycheck.model import answers, checklist
from privacycheck.model.answers import STATUSES
from privacycheck.model.record import replace
from privacycheck.walk.plain import PlainPrompts
from privacycheck.walk.walk import Options, assess

DOCS = Path(__file__).resolve().parent.parent / "docs" / "assess.md"


def outcome(path: Path) -> tuple[object, ...]:
    """Everything a walk records that a user chooses or types."""
    a = answers.load(path)
    return (a.practice, a.assessor, dict(a.profile),
            {k: (v.status, v.note) for k, v in a.answers.items()})


def mini_walk(notes: str) -> list[str]:
    """A whole walk of the mini checklist, as the keys typed at each prompt in turn."""
    note_skip = [] if notes == "on-request" else [ENTER]  # the note line comes: left empty
    gap_skip = note_skip if notes != "on-request" else []
    return ["Riverside Counselling\r", "Sam Lee\r",  # practice, assessor
            "n", "1", "1\r",  # staff no, jurisdiction us, 1 clinician
            "1", *([ENTER] if notes == "always" else []),  # In place
            "n2", "door gap\r",  # Partly, with a note (n first)
            "3", *gap_skip,  # Not in place
            "5", *([ENTER] if notes == "always" else []),  # Not applicable
            "y"]  # write the report


@pytest.mark.parametrize("notes", ["on-request", "gaps", "always"])
def test_a_stray_enter_after_every_prompt_records_nothing_unchosen(
        notes: str, mini: Path, tmp_path: Path) -> None:
    keys = mini_walk(notes)
    plain = Options(checklist=str(mini), output=tmp_path / "keys.toml", notes=notes)
    assert drive("".join(keys), plain)[0] == 0
    stray = Options(checklist=str(mini), output=tmp_path / "stray.toml", notes=notes)
    code, _out = drive("".join(key + ENTER for key in keys), stray)
    assert code == 0
    assert outcome(saved_to(stray)) == outcome(saved_to(plain))
    assert outcome(saved_to(stray))[3] == {
        "physical.sound": ("yes", ""), "physical.locks": ("partial", "door gap"),
        "digital.encryption": ("no", ""), "digital.updates": ("na", "")}
    assert (tmp_path / "stray-report.html").exists()


def test_enter_alone_neither_answers_nor_keeps_an_earlier_answer(
        write_answers: Callable[..., Path], tmp_path: Path) -> None:
    last = write_answers({"physical.sound": "partial"}, name="2025.toml")
    new = tmp_path / "2026.toml"
    # names kept; profile; then Enter at last year's Partly: nothing; then 2 keeps it
    code, _out = drive(ENTER * 2 + "n1" + "1\r" + ENTER * 3 + CTRL_C, Options(output=new, previous=last))
    assert code == 130
    assert answers.load(new).answers["physical.sound"].origin == "carried"  # not confirmed
    drive("y" + ENTER + "2" + CTRL_C, Options(resume=new))
    assert answers.load(new).answers["physical.sound"].origin == "confirmed"


def test_the_arrows_then_enter_pick_the_choice_pointed_at(new: Options) -> None:
    # first Down shows the pointer on In place; Down, Down, Up: Partly
    drive("Riverside\r" + "Sam\r" + "n1" + "1\r" + DOWN + DOWN + DOWN + UP + ENTER + CTRL_C, new)
    assert {k: a.status for k, a in answers.load(saved_to(new)).answers.items()} == {
        "physical.sound": "partial"}


@pytest.mark.parametrize(("notes", "asked"), [("on-request", ""), ("gaps", "no"),
                                              ("always", "yes no")])
def test_the_note_line_comes_when_asked_for_or_as_notes_says(
        notes: str, asked: str, mini: Path, tmp_path: Path) -> None:
    options = Options(checklist=str(mini), output=tmp_path / "n.toml", notes=notes)
    # In place, then Not in place; each note line that comes gets a note: its status
    keys = "Riverside\r" + "Sam\r" + "n1" + "1\r"
    keys += "1" + ("yes\r" if "yes" in asked.split() else "")
    keys += "3" + ("no\r" if "no" in asked.split() else "") + CTRL_C
    drive(keys, options)
    saved = answers.load(saved_to(options)).answers
    assert [saved[i].note for i in ("physical.sound", "physical.locks")] == [
        "yes" if "yes" in asked else "", "no" if "no" in asked else ""]


# ------------------------------------------------------------------ how many keys


def solo_walk(one_by_one: bool = False) -> tuple[list[str], int, int, int]:
    """A whole walk of the bundled checklist by a solo practice answering without notes: the
    keys (a line of text is one entry, its Enter included), how many items it answers, how
    many keys answer them, and how many keys are typed text (names). `one_by_one`: the
    addressable decisions are made one at a time (2), each Implement (1), not all at once."""
    model = checklist.load("therapy-practice")
    names = ["Dr. María Chen\r", "María Chen\r"]
    facts = {"staff": False, "paper_records": True, "telehealth": False, "minors": False,
             "substance_use": False, "part2_program": False, "jurisdiction": "us", "us_state": "OR",
             "hipaa_covered": True, "profession": "counselor", "in_person": True, "ai_scribe": False,
             "groups": False, "shared_space": False}
    keys = {"us": "1", "OR": "OR\r", "counselor": "2", True: "y", False: "n"}
    profile = [keys[facts[q.id]] for q in model.profile if model.asks(q, facts)]
    places: list[str] = []
    provider = ["SimplePractice\r"]
    if model.threats:  # where client information lives: a record system, a computer, paper files, backups
        places = ["y", *provider, "1", "1",  # records: its service (which names it), BAA, encrypted
                  ENTER, ENTER, "y", "1", "n",  # no email, no phone; a computer (encrypted); no mobile
                  # paper files: settled by the profile, nothing asked
                  "y", ENTER, "1", DOWN, ENTER]  # backups (a drive kept on site, encrypted); done
    items = model.applicable_items(facts)
    pattern = "1121131412"  # mostly In place, with gaps and a Don't know, as a real review
    # the safeguards the inventory also speaks of are answered as it says (In place): no contradiction
    item_keys = ["1" if item.id in RULES else pattern[n % len(pattern)] for n, item in enumerate(items)]
    statuses = {item.id: STATUSES[int(key) - 1] for key, item in zip(item_keys, items, strict=True)}
    risk: list[str] = []
    if model.threats:  # the open addressable specifications: implement them all (1, one key for
        # several); the ratings: kept (1); who else took part: not asked of a practice of one
        review = answers.new("P", model.id, model.version, model.sha256)
        review = replace(review, profile=facts,
                         answers={k: answers.Answer(v) for k, v in statuses.items()})
        pending = [r for r in score(model, review).items if needs_addressable_decision(r)]
        decisions = ["2", *["1"] * len(pending)] if one_by_one else ["1"]
        risk = (decisions if pending and asks_addressable(facts) else []) + ["1"]
    typed = keypresses(names) + keypresses(["OR\r"]) + (keypresses(provider) if places else 0)
    return [*names, *profile, *places, *item_keys, *risk, "y"], len(items), len(item_keys), typed


def keypresses(keys: list[str]) -> int:
    return sum(1 if key.startswith("\x1b") else len(key) for key in keys)  # an arrow is one key


def test_a_solo_walk_without_notes_takes_one_key_per_item(tmp_path: Path) -> None:
    keys, items, item_keys, typed = solo_walk()
    options = Options(output=tmp_path / "solo.toml")
    code, out = drive("".join(keys), options)
    assert code == 0, out[-2000:]
    saved = answers.load(saved_to(options))
    assert len(saved.answers) == items  # the script answered every item, then the report
    assert item_keys / items <= 1.2
    whole = keypresses(keys)
    documented = " ".join(DOCS.read_text().split())
    assert (f"{items} items with {item_keys} keypresses" in documented
            and f"{whole} keypresses in all, {typed} of them typing names" in documented), (
        items, item_keys, whole, typed)


@pytest.mark.parametrize("one_by_one", [False, True])
def test_several_addressable_decisions_take_one_key_or_one_each(tmp_path: Path, one_by_one: bool) -> None:
    keys, *_ = solo_walk(one_by_one)
    options = Options(output=tmp_path / "solo.toml")
    code, out = drive("".join(keys), options)
    assert code == 0, out[-2000:]
    saved = answers.load(saved_to(options))
    decided = {k: a.addressable for k, a in saved.answers.items() if a.addressable}
    assert len(decided) >= 2 and set(decided.values()) == {"implemented"}
    said = " ".join(out.split())
    assert f"{len(decided)} of HIPAA's flexible (“addressable”) safeguards are not fully in place" in said
    assert ("Addressable specification 1 of" in said) == one_by_one


# ------------------------------------------------------------------ plain mode


def plain_drive(lines: list[str], options: Options) -> tuple[int, str]:
    screen = io.StringIO()
    from rich.console import Console

    console = Console(file=screen, width=60, color_system=None)
    code = assess(options, console, PlainPrompts(io.StringIO("".join(f"{x}\n" for x in lines)), screen))
    return code, screen.getvalue()


def test_plain_mode_reads_and_echoes_line_by_line(new: Options) -> None:
    lines = ["Riverside Counselling", "", "Sam Lee", "n", "1", "1",
             "", "1", "2n", "door gap", "3", "x", "5", "n"]
    code, out = plain_drive(lines, new)
    assert code == 0
    assert outcome(saved_to(new))[3] == {
        "physical.sound": ("yes", ""), "physical.locks": ("partial", "door gap"),
        "digital.encryption": ("no", ""), "digital.updates": ("na", "")}
    assert ("Question 1 of 4, Physical safeguards, 0 answered so far: Can sessions be overheard?"
            in " ".join(out.split()))
    assert "  1. In place\n  2. Partly\n  3. Not in place\n" in out
    assert "Your answer: Partly, with a note." in out  # echoed in words
    assert out.count("Nothing recorded.") == 1 and "'x' is not one of the choices" in out
    assert "Please type an answer." in out  # the empty name line
    assert not re.search("[█░─]", out.split("Overall score")[0])  # no bars, no rules
    assert "\x1b" not in out


def test_plain_mode_stops_and_resumes_like_the_terminal(new: Options) -> None:
    code, out = plain_drive(["Riverside", "Sam", "n", "1", "1", "2"], new)
    assert code == 130  # the input ended: as Ctrl-D
    assert f"To continue:\n  privacycheck assess --resume {saved_to(new)}\n" in out
    code, out = plain_drive(["y", "1", "1", "1", "n"], Options(resume=saved_to(new)))
    assert code == 0 and "1 of 4 items answered." in out


@pytest.fixture
def new(tmp_path: Path, mini: Path) -> Options:
    return Options(checklist=str(mini), output=tmp_path / "review.toml")


def test_words_typed_at_an_answer_prompt_are_not_taken_as_keys(new: Options) -> None:
    # a note meant for the line that a stray Enter skipped: "door 2cm" must not answer Partly
    keys = "Riverside\r" + "Sam\r" + "n1" + "1\r" + "door 2cm\r" + "3" + CTRL_C
    drive(keys, new)
    assert {k: a.status for k, a in answers.load(saved_to(new)).answers.items()} == {
        "physical.sound": "no"}


def test_plain_mode_never_sends_control_characters_from_a_file(
        write_answers: Callable[..., Path], tmp_path: Path) -> None:
    last = write_answers({"physical.sound": "yes"}, name="2025.toml")
    last.write_text(last.read_text().replace('practice = "Test Practice"',
                                             'practice = "Test\\u001b[31m Practice"'))
    code, out = plain_drive([], Options(output=tmp_path / "2026.toml", previous=last))
    assert code == 130
    assert "\x1b" not in out and "Test␛[31m Practice" in out


def test_a_bad_notes_setting_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from test_walk import _Terminal

    from privacycheck.cli import main

    monkeypatch.setattr("sys.stdin", _Terminal())
    monkeypatch.setenv("PRIVACYCHECK_NOTES", "sometimes")
    assert main(["assess"]) == 2
    err = capsys.readouterr().err
    assert "PRIVACYCHECK_NOTES='sometimes': expected one of on-request, gaps, always" in err
    with pytest.raises(SystemExit):
        main(["assess", "--notes", "sometimes"])
    assert "invalid choice: 'sometimes'" in capsys.readouterr().err
