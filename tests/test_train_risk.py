"""The risk step of the training exercise (`privacycheck train SCENARIO`) for a scenario with
model risk decisions: asked as assess asks it (addressable decisions, then the risk register),
every answer saved at once, resumable in the middle, and compared with the model decisions in
the feedback. Keys fed through prompt_toolkit's pipe input, as in test_train_walk.py."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console
from risk_fixtures import write_checklist
from test_assess_e2e import COLOUR, finished, spawn, transcript

from privacycheck.cli import main
from privacycheck.model import answers
from privacycheck.model.answers import RiskAnswer
from privacycheck.training.train_walk import Options, train
from privacycheck.walk.prompts import Prompts

ENTER, CTRL_C = "\r", "\x03"

# A fictional practice over the mini checklist with a threat catalog (tests/risk_fixtures.py):
# paper records, no telehealth, in the US; two model risk decisions.
SCENARIO = '''[scenario]
id = "tiny-risk"
title = "A tiny practice with risks"
checklist = "mini-risk.toml"
practice = "Alder Room Therapy (fictional)"
size = "solo"
vignette = """Dr. Alder sees clients in one room with white noise outside the door.
Her laptop is not encrypted. Paper notes sit in an open tray. Backups run now and then."""
debrief = "The laptop matters most."

[profile]
paper_records = true
telehealth = false
jurisdiction = "us"

[model."physical.sound"]
status = "yes"
rationale = "White noise outside the door."

[model."physical.locks"]
status = "no"
rationale = "Notes sit in an open tray."

[model."digital.encryption"]
status = "no"
rationale = "The laptop is not encrypted."

[model."digital.backup"]
status = "partial"
rationale = "Backups run now and then."

[risks."lost-device"]
decision = "reduce"
rationale = "Encrypting the laptop takes an afternoon."

[risks."overheard"]
decision = "accept"
rationale = "White noise at a closed door leaves little to hear."
'''
START = "Ana Diaz\r" + ENTER  # the trainee's name, then Enter after reading the practice
ITEMS = "1" + "3" + "3" + "2"  # the model answers: In place, Not in place, Not in place, Partly
# encryption, an addressable specification not in place: Not reasonable (3), then the reason
ADDRESSABLE = "3" + "A desktop that never leaves the office\r"
# the register lists lost-device (high), paper-access and ransomware (medium), overheard (low):
# 5 changes overheard; its ratings kept (low, low), then Transfer (3) to an insurer
TRANSFER = "5" + "1" + "1" + "3" + "Acme Insurance\r"
KEEP = "1"  # keeps the register as it stands


class SnapshotPrompts(Prompts):
    """Prompts that read the answers file as each question is asked: what is saved by then."""

    def __init__(self, path: Path, **terminal: Any) -> None:
        super().__init__(**terminal)
        self.path = path
        self.seen: list[answers.Assessment | None] = []

    def _ask(self, question: Any) -> Any:
        self.seen.append(answers.load(self.path) if self.path.exists() else None)
        return super()._ask(question)


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    write_checklist(tmp_path)
    path = tmp_path / "tiny-risk.toml"
    path.write_text(SCENARIO)
    return path


@pytest.fixture
def new(tiny: Path, tmp_path: Path) -> Options:
    return Options(scenario=str(tiny), output=tmp_path / "ana.toml")


def drive(keys: str, options: Options) -> tuple[int, str, SnapshotPrompts]:
    """Run the exercise with these keystrokes; when they run out, the closed input is Ctrl-D."""
    path = options.output or options.resume
    assert path is not None
    screen = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        prompts = SnapshotPrompts(path, input=pipe, output=DummyOutput())
        code = train(options, Console(file=screen, width=60, height=60), prompts)
    return code, screen.getvalue(), prompts


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_risk_step_is_asked_after_the_items_and_saves_every_answer(new: Options) -> None:
    code, out, prompts = drive(START + ITEMS + ADDRESSABLE + TRANSFER + KEEP, new)
    assert code == 0, out
    text = flat(out)
    assert text.index("Question 4 of 4") < text.index("Risks to client information") < text.index("Feedback:")
    assert re.search("Risks to client information ─+ One last short step, as at the end of a real review: "
                     "decide what the practice will do about the risks your answers point to", text)
    assert "Addressable specification 1 of 1 Laptops encrypted (45 CFR 164.312(a)(2)(iv))" in text
    assert "1 keeps them" in text

    # the file as each prompt of the step appears: everything answered before it is saved
    after_items = 2 + 4  # name and description, then the four items
    step = [(s.answers["digital.encryption"].addressable, s.answers["digital.encryption"].addressable_note,
             dict(s.risks)) for s in prompts.seen[after_items:] if s is not None]
    transfer = RiskAnswer(decision="transfer", transfer_to="Acme Insurance")
    assert step == [
        ("", "", {}),  # the addressable decision is asked
        ("not-reasonable", "", {}),  # its reason is asked: the decision is already saved
        ("not-reasonable", "A desktop that never leaves the office", {}),  # the register
        ("not-reasonable", "A desktop that never leaves the office", {}),  # overheard: likelihood
        ("not-reasonable", "A desktop that never leaves the office", {}),  # impact
        ("not-reasonable", "A desktop that never leaves the office", {}),  # decision
        ("not-reasonable", "A desktop that never leaves the office", {}),  # to whom
        ("not-reasonable", "A desktop that never leaves the office", {"overheard": transfer}),  # register
    ]
    saved = answers.load(new.output or Path())
    assert saved.risks == {"overheard": transfer}
    assert saved.answers["digital.encryption"].addressable_note == "A desktop that never leaves the office"


def test_the_feedback_compares_the_trainees_decisions_with_the_model(new: Options) -> None:
    _code, out, _ = drive(START + ITEMS + ADDRESSABLE + TRANSFER + KEEP, new)
    feedback = flat(out[out.index("Feedback: A tiny practice with risks"):])
    decisions = feedback[feedback.index("Risk decisions"):feedback.index("Debrief")]
    assert "Your decisions match the model's on 1 of 2 threats." in decisions
    # lost-device kept at its default, which the model shares; overheard transferred, not accepted
    assert ("Lost or stolen device You kept the default, Reduce (a safeguard against it is not fully in "
            "place in your answers), which is the model's decision too. Encrypting the laptop takes an "
            "afternoon.") in decisions
    assert ("Overheard session You decided: Transfer. The model decides: Accept. White noise at a closed "
            "door leaves little to hear.") in decisions
    assert "recorded no decision" not in decisions
    assert max(len(line) for line in out.splitlines() if "ana.toml" not in line) <= 60


def test_agreeing_with_every_model_decision_says_so(new: Options) -> None:
    # implemented (1); overheard accepted with a rationale, the trainee accepting it
    accept = "5" + "1" + "1" + "2" + "White noise at the door\r" + ENTER
    code, out, _ = drive(START + ITEMS + "1" + accept + KEEP, new)
    assert code == 0, out
    saved = answers.load(new.output or Path())
    assert saved.risks == {"overheard": RiskAnswer(decision="accept", rationale="White noise at the door",
                                                   accepted_by="Ana Diaz")}
    assert saved.answers["digital.encryption"].addressable == "implemented"
    text = flat(out)
    assert "Your decisions match the model's on 2 of 2 threats." in text
    assert "Overheard session You and the model both decide: Accept." in text


def test_answers_that_hide_a_risk_keep_a_default_the_model_does_not_share(new: Options) -> None:
    # everything In place: no addressable decision to ask; the register kept as it is
    code, out, _ = drive(START + "1111" + KEEP, new)
    assert code == 0, out
    assert "Addressable specification" not in out
    assert answers.load(new.output or Path()).risks == {}
    text = flat(out)
    assert ("Lost or stolen device You kept the default, Accept (your answers put every safeguard against it "
            "in place). The model decides: Reduce.") in text
    assert "Your decisions match the model's on 1 of 2 threats." in text  # overheard: Accept, as the model


def test_ctrl_c_in_the_risk_step_loses_nothing_and_resume_goes_on_there(new: Options, tiny: Path) -> None:
    # stop at the register's "To whom" prompt, after the addressable decision and its reason
    code, out, _ = drive(START + ITEMS + ADDRESSABLE + "5" + "1" + "1" + "3" + "Acme" + CTRL_C, new)
    assert code == 130
    path = new.output or Path()
    assert f"To continue:\n  privacycheck train {tiny} --resume {path}\n" in out
    saved = answers.load(path)
    assert (saved.answers["digital.encryption"].addressable,
            saved.answers["digital.encryption"].addressable_note) == (
        "not-reasonable", "A desktop that never leaves the office")
    assert saved.risks == {}  # the half-typed insurer was never given

    resumed = Options(scenario=str(tiny), resume=path)
    code, out, _ = drive(TRANSFER + KEEP, resumed)
    assert code == 0, out
    assert "Continuing the exercise for Ana Diaz: 4 of 4 items answered." in out
    assert "Question" not in out and "Addressable specification" not in out  # decided already
    assert out.index("Risks to client information") < out.index("Feedback:")
    assert answers.load(path).risks == {"overheard": RiskAnswer(decision="transfer", transfer_to="Acme Insurance")}
    assert "Overheard session You decided: Transfer. The model decides: Accept." in flat(out)


def test_resume_in_the_middle_of_the_addressable_decisions(new: Options, tiny: Path) -> None:
    code, _out, _ = drive(START + ITEMS + CTRL_C, new)  # stopped at the addressable decision
    assert code == 130
    resumed = Options(scenario=str(tiny), resume=new.output)
    code, out, _ = drive("1" + KEEP, resumed)
    assert code == 0, out
    assert "Addressable specification 1 of 1" in out
    assert answers.load(new.output or Path()).answers["digital.encryption"].addressable == "implemented"
    assert re.search(r"Your decisions match the model's on 2 of 2\s+threats", out)


def test_train_grade_compares_the_same_decisions(new: Options, tiny: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    drive(START + ITEMS + ADDRESSABLE + TRANSFER + KEEP, new)
    assert main(["train", "grade", str(tiny), str(new.output), "-f", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)["trainees"]
    assert row["risk_decisions_differ"] == ["overheard"]  # lost-device: the default kept, as the model


def test_a_scenario_without_model_risk_decisions_does_not_ask_the_step(tiny: Path, new: Options) -> None:
    tiny.write_text(SCENARIO[:SCENARIO.index('[risks."lost-device"]')])
    code, out, _ = drive(START + ITEMS, new)
    assert code == 0, out
    assert "Risks to client information" not in out and "Risk decisions" not in out
    assert "Accuracy: 100%" in out


# The risk prompts each bundled scenario's exercise asks a trainee who answers every item as the
# model does and implements every addressable specification not in place (one key for them all),
# then keeps the register (checklists/NOTES-content.md counts them into the scenarios' minutes).
# A UK practice is asked no addressable decisions: only the register.
RISK_PROMPTS = {"solo-paper": 1 + 1, "group-front-desk": 1 + 1, "telehealth-minors": 1 + 1,
                "uk-solo-online": 0 + 1}


@pytest.mark.parametrize("ident", sorted(RISK_PROMPTS))
def test_the_risk_prompts_counted_in_each_scenarios_minutes(ident: str, tmp_path: Path) -> None:
    from privacycheck.model.answers import Answer
    from privacycheck.model.record import replace
    from privacycheck.training import scenario

    model = scenario.load(ident)
    path = tmp_path / "done.toml"
    record = replace(answers.new("P", model.checklist.id, model.checklist.version, model.checklist.sha256,
                                 assessor="Ana"),
                     kind="training", scenario=model.id, profile=dict(model.profile),
                     inventory=model.inventory,
                     answers={i.id: Answer(model.model[i.id].status) for i in model.items()})
    answers.save(record, path)
    asked = RISK_PROMPTS[ident]
    # no item is open: straight to the risk step, then the feedback
    code, out, prompts = drive("1" * asked, Options(scenario=ident, resume=path))
    assert code == 0, out
    assert len(prompts.seen) == asked
    assert ("Risks to client information" in out) == bool(asked)
    decided = len(model.risks)  # the model's decisions are the defaults such a trainee keeps
    agreed = re.search(f"Your decisions match the model's on {decided} of {decided} threats?\\.", flat(out))
    assert bool(agreed) == bool(asked)
    assert "Accuracy: 100%" in out


# ------------------------------------------------------------------ the installed command


def test_installed_train_stops_in_the_risk_step_and_resumes_there(tiny: Path, tmp_path: Path) -> None:
    child = spawn(tmp_path, "train", "tiny-risk.toml", "-o", "ana.toml")
    child.expect("Your name")
    child.send("Ana Diaz\r")
    child.expect("Press Enter to start the questions")
    child.send("\r")
    for n, key in enumerate(ITEMS, start=1):
        child.expect(f"Question {n} of 4")
        child.expect("Your answer")
        child.send(key)
    child.expect("One last short step")
    child.expect("The practice's decision")
    child.send("3")  # not reasonable
    child.expect("Describe why it is not reasonable")
    child.send("A desktop only\r")
    child.expect("Keep these ratings and decisions")
    child.sendintr()
    assert finished(child) == 130
    assert "To continue:\r\n  privacycheck train tiny-risk.toml --resume ana.toml\r\n" in transcript(child)
    encryption = answers.load(tmp_path / "ana.toml").answers["digital.encryption"]
    assert (encryption.addressable, encryption.addressable_note) == ("not-reasonable", "A desktop only")

    child = spawn(tmp_path, "train", "tiny-risk.toml", "--resume", "ana.toml")
    child.expect("4 of 4 items answered")
    child.expect("Keep these ratings and decisions")
    child.send("1")
    child.expect("Debrief")
    assert finished(child) == 0
    plain = flat(re.sub(r"\x1b\[[0-9;]*m", "", transcript(child)))
    assert "Addressable specification" not in plain  # decided before the stop
    assert "Your decisions match the model's on 2 of 2 threats." in plain
    assert not COLOUR.search(transcript(child))
