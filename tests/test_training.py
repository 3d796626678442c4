"""Training: scenario validation, grading arithmetic, the answer key."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import TINY_SCENARIO, answers_toml

from privacycheck.cli import main
from privacycheck.errors import PrivacycheckError
from privacycheck.model import answers
from privacycheck.model.record import replace
from privacycheck.training import scenario, training

SCENARIO = TINY_SCENARIO


@pytest.fixture
def tiny(tmp_path: Path, mini: Path) -> Path:
    path = tmp_path / "tiny.toml"
    path.write_text(SCENARIO)
    return path


def trainee(tmp_path: Path, name: str, statuses: dict[str, str], who: str = "Trainee") -> Path:
    path = tmp_path / name
    path.write_text(answers_toml(statuses, extra='kind = "training"\nscenario = "tiny-solo"')
                    .replace('assessor = "Tester"', f'assessor = "{who}"'))
    return path


def test_verdicts() -> None:
    assert training.verdict("no", "no") == "agreed"
    assert training.verdict("no", "partial") == "close"
    assert training.verdict("partial", "yes") == "missed"
    assert training.verdict("no", "na") == "missed"
    assert training.verdict("yes", "no") == "false-alarm"
    assert training.verdict("yes", "unknown") == "unsure"
    assert training.verdict("na", "yes") == "differs"
    assert training.verdict("yes", "unanswered") == "unanswered"


def test_grading_arithmetic(tiny: Path, tmp_path: Path) -> None:
    model = scenario.load(str(tiny))
    path = trainee(tmp_path, "t.toml", {"physical.sound": "no", "physical.locks": "partial",
                                        "digital.encryption": "yes"})
    grade = training.grade(model, answers.load(path), path)
    # sound: false alarm 0; locks: close 0.5; encryption: missed 0; updates: unanswered 0
    assert grade.accuracy == pytest.approx(100 * 0.5 / 4)
    assert [f.item.id for f in grade.missed_critical] == ["digital.encryption"]
    assert grade.important_misses(1)[0].item.id == "digital.encryption"


def test_scenario_must_answer_exactly_the_applicable_items(tmp_path: Path, mini: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(SCENARIO.replace('[model."digital.updates"]', '[model."gdpr.records"]'))
    problems = [str(p) for p in scenario.validate(path)]
    assert any("model.digital.updates: applicable item has no model answer" in p for p in problems)
    assert any("model.gdpr.records: model answer for an item that does not apply" in p for p in problems)
    path.write_text(SCENARIO.replace('status = "partial"', 'status = "unknown"'))
    assert any("status must be one of yes, partial, no, na" in str(p) for p in scenario.validate(path))


def test_scenario_minutes_are_read_and_checked(tmp_path: Path, mini: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(SCENARIO.replace('size = "solo"', 'size = "solo"\nminutes = 25'))
    assert scenario.load(str(path)).minutes == 25
    path.write_text(SCENARIO.replace('size = "solo"', 'size = "solo"\nminutes = "half an hour"'))
    problems = [str(p) for p in scenario.validate(path)]
    assert problems == [f"{path}: line 8: [scenario]: minutes must be a whole number above 0"]


def test_checklists_validate_accepts_scenarios(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checklists", "validate", str(tiny)]) == 0
    assert "OK (scenario, model answers for 4 items)" in capsys.readouterr().out


def test_grade_a_class_json(tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    perfect = trainee(tmp_path, "a.toml", {"physical.sound": "yes", "physical.locks": "no",
                                           "digital.encryption": "no", "digital.updates": "partial"}, "Ana")
    weak = trainee(tmp_path, "b.toml", {"physical.sound": "yes", "physical.locks": "yes",
                                        "digital.encryption": "yes", "digital.updates": "partial"}, "Ben")
    broken = tmp_path / "c.toml"
    broken.write_text("not toml = = =")
    code = main(["train", "grade", str(tiny), str(perfect), str(weak), str(broken), "-f", "json"])
    captured = capsys.readouterr()
    assert code == 2 and str(broken) in captured.err
    data = json.loads(captured.out)
    assert [(t["file"], t["accuracy"], t["missed_critical"]) for t in data["trainees"]] == [
        (str(perfect), 100.0, []), (str(weak), 50.0, ["digital.encryption"])]
    assert data["hardest_items"][:2] == [
        {"item_id": "physical.locks", "wrong": 1, "model_status": "no", "title": "Are paper files locked away?",
         "question": "Are paper files locked away?"},
        {"item_id": "digital.encryption", "wrong": 1, "model_status": "no", "title": "Are laptops encrypted?",
         "question": "Are laptops encrypted?"}]
    assert len(data["errors"]) == 1
    verdicts = ("agreed", "close", "missed", "false_alarm", "differs", "unsure", "unanswered")
    assert all(sum(t[v] for v in verdicts) == data["items"] for t in data["trainees"])


def test_every_disagreement_is_counted_somewhere(tiny: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    odd = trainee(tmp_path, "d.toml", {"physical.sound": "na", "physical.locks": "no",
                                       "digital.encryption": "unknown"}, "Dee")
    assert main(["train", "grade", str(tiny), str(odd), "-f", "json"]) == 0
    row = json.loads(capsys.readouterr().out)["trainees"][0]
    assert (row["differs"], row["agreed"], row["unsure"], row["unanswered"]) == (1, 1, 1, 1)


def test_grade_csv_and_txt(tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = trainee(tmp_path, "a.toml", {"physical.sound": "yes"}, "Ana")
    assert main(["train", "grade", str(tiny), str(path), "-f", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == ("file,trainee,accuracy,agreed,close,missed,false_alarm,differs,unsure,unanswered,"
                       "missed_critical,inventory_missing_kinds,agreements_missed,risk_decisions_differ")
    assert rows[1] == f"{path},Ana,25.0,1,0,0,0,0,0,3,,,,"
    assert main(["train", "grade", str(tiny), str(path)]) == 0
    assert "Class average: 25.0%" in capsys.readouterr().out


def test_answer_key_formats(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "key", str(tiny), "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["profile"] == {"staff": False, "jurisdiction": "us", "clinicians": 1}
    assert data["items"][1]["item_id"] == "physical.locks"
    assert data["items"][1]["status"] == "no" and data["items"][1]["rationale"] == "Notes sit in an open tray."
    assert main(["train", "key", str(tiny)]) == 0
    md = capsys.readouterr().out
    assert "# Answer key: A tiny solo practice" in md and "| **Not in place** |" in md
    assert main(["train", "key", str(tiny), "-f", "html"]) == 0
    html = capsys.readouterr().out
    assert "<h1>Answer key: A tiny solo practice</h1>" in html and "Notes sit in an open tray." in html


def test_wrong_scenario_in_answers_file(tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = trainee(tmp_path, "a.toml", {}).read_text().replace("tiny-solo", "other")
    (tmp_path / "x.toml").write_text(path)
    assert main(["train", "grade", str(tiny), str(tmp_path / "x.toml")]) == 2
    assert "answers are for scenario 'other'" in capsys.readouterr().err


# ---------------------------------------------------------------- model inventory and risk decisions

MODEL_INVENTORY = '''
[[inventory]]
name = "Paper notes tray"
kind = "paper"
baa = "na"
encrypted = "no"

[[inventory]]
name = "Personal webmail"
kind = "email"
provider = "a free webmail service"
baa = "no"

[[inventory]]
name = "Booking app"
kind = "scheduling"
provider = "a booking company"
baa = "unknown"
'''


def solo_paper(tmp_path: Path, edit: str = "", add: str = "") -> Path:
    """The bundled solo-paper scenario as a file of its own, optionally edited."""
    text = scenario.load("solo-paper").path.read_text()
    if edit:
        old, new = edit.split(" => ")
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "solo.toml"
    path.write_text(text + add)
    return path


def test_a_scenario_reads_its_model_inventory_and_risk_decisions(tiny: Path, tmp_path: Path) -> None:
    tiny.write_text(SCENARIO + MODEL_INVENTORY)
    loaded = scenario.load(str(tiny))
    assert [(e.name, e.kind, e.baa) for e in loaded.inventory] == [
        ("Paper notes tray", "paper", "na"), ("Personal webmail", "email", "no"),
        ("Booking app", "scheduling", "unknown")]
    assert loaded.inventory[1].encrypted == "unknown"  # left out: not known
    assert loaded.risks == {}
    solo = scenario.load(str(solo_paper(tmp_path)))
    assert solo.risks["lost-device"].decision == "reduce"
    assert "device encryption" in solo.risks["lost-device"].rationale


@pytest.mark.parametrize(("edit", "add", "expected"), [
    ("", '\n[[inventory]]\nname = "Fax"\nkind = "fax"\n',
     r"line \d+: inventory entry 7\.kind: unknown kind 'fax' \(use one of records, email"),
    ("", '\n[[inventory]]\nkind = "email"\n', r"line \d+: inventory entry 7: missing name"),
    ("", '\n[[inventory]]\nname = "Fax"\nkind = "other"\nbaa = "maybe"\n',
     r"line \d+: inventory entry 7\.baa: unknown value 'maybe'"),
    ('[risks."lost-device"] => [risks."alien-invasion"]', "",
     r'line \d+: risks\."alien-invasion": unknown threat \(known: lost-device, misdirected-message'),
    ('decision = "reduce" => decision = "ignore"', "", r"risks\.\"lost-device\"\.decision: unknown decision 'ignore'"),
    ('decision = "reduce" => decision = "transfer"', "", r"a transferred risk needs transfer_to"),
    ('rationale = "The unencrypted laptop => reason = "The unencrypted laptop', "",
     r'line \d+: risks\."lost-device": a model risk needs a decision and a rationale'),
])
def test_a_bad_model_inventory_or_risk_is_one_line_naming_file_and_line(
        tmp_path: Path, edit: str, add: str, expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = solo_paper(tmp_path, edit, add)
    problems = [str(p) for p in scenario.validate(path)]
    assert len(problems) == 1 and "\n" not in problems[0], problems
    assert problems[0].startswith(f"{path}: ") and re.search(expected, problems[0]), problems[0]
    with pytest.raises(PrivacycheckError, match=re.escape(problems[0])):
        scenario.load(str(path))
    assert main(["train", "key", str(path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_the_line_named_is_the_bad_entry(tmp_path: Path) -> None:
    path = solo_paper(tmp_path, add='\n[[inventory]]\nname = "Fax"\nkind = "fax"\n')
    (problem,) = scenario.validate(path)
    assert problem.line is not None
    assert path.read_text().splitlines()[problem.line - 1] == 'kind = "fax"'


def trainee_with(tmp_path: Path, extra: str, name: str = "t.toml") -> answers.Assessment:
    path = trainee(tmp_path, name, {"physical.sound": "yes"})
    path.write_text(path.read_text() + extra)
    return answers.load(path)


def test_inventory_feedback_names_missing_kinds_and_agreements(tiny: Path, tmp_path: Path) -> None:
    tiny.write_text(SCENARIO + MODEL_INVENTORY)
    model = scenario.load(str(tiny))
    none = trainee_with(tmp_path, "")
    assert training.inventory_notes(model, none) == [
        "Your answers have no inventory; the model lists 3 places where client information lives or travels:",
        "Paper files: Paper notes tray",
        "Email: Personal webmail",
        "Scheduling or booking service: Booking app",
        ("Personal webmail (a free webmail service): no business associate agreement is signed, and anyone "
        "who handles client information for the practice needs one."),
        ("Booking app (a booking company): nobody knows whether a business associate agreement is signed; "
        "that is worth finding out."),
    ]
    # email listed but its agreement marked signed; the booking app listed as unknown; no paper
    some = trainee_with(tmp_path, '\n[[inventory]]\nname = "Gmail"\nkind = "email"\nprovider = "Google"\nbaa = "yes"\n'
                                  '\n[[inventory]]\nname = "Calendly"\nkind = "scheduling"\nprovider = "Calendly"\n'
                                  'baa = "unknown"\n')
    notes = training.inventory_notes(model, some)
    assert notes[:2] == ["The model lists these places, of kinds your inventory does not have:",
                         "Paper files: Paper notes tray"]
    assert len(notes) == 3 and notes[2].startswith("Personal webmail (a free webmail service): no business")
    assert training.missing_kinds(model, some) == {"paper": [model.inventory[0]]}
    paper = trainee_with(tmp_path, '\n[[inventory]]\nname = "Tray"\nkind = "paper"\n', "p.toml")
    paper = replace(paper, inventory=(*paper.inventory, *some.inventory))
    assert training.inventory_notes(model, paper)[0] == (
        "Your inventory has every kind of place the model lists. The model also flags:")
    full = trainee_with(tmp_path, '\n[[inventory]]\nname = "Gmail"\nkind = "email"\nprovider = "Google"\nbaa = "no"\n'
                                  '\n[[inventory]]\nname = "Calendly"\nkind = "scheduling"\nprovider = "Calendly"\n'
                                  '\n[[inventory]]\nname = "Tray"\nkind = "paper"\n')
    assert training.inventory_notes(model, full) == [
        "Your inventory covers every kind of place the model lists, and flags the same agreements."]
    tiny.write_text(SCENARIO)
    assert training.inventory_notes(scenario.load(str(tiny)), none) == []  # no model inventory: no comment


def test_risk_feedback_compares_the_decision_with_the_model(tmp_path: Path) -> None:
    model = scenario.load("solo-paper")
    path = tmp_path / "t.toml"
    base = ('[assessment]\npractice = "P"\nassessor = "Ana"\nstarted = 2026-11-24T10:00:00Z\n'
            'updated = 2026-11-24T11:00:00Z\nchecklist = "therapy-practice"\nkind = "training"\n'
            'scenario = "solo-paper"\n')
    path.write_text(base)
    ((title, verdict, why),) = training.risk_notes(model, answers.load(path))
    assert title == "Lost or stolen device"
    assert verdict == "You recorded no decision. The model decides: Reduce."
    assert why == model.risks["lost-device"].rationale
    path.write_text(base + '\n[risks."lost-device"]\ndecision = "accept"\nrationale = "Rarely leaves"\n')
    accepted = answers.load(path)
    assert training.risk_notes(model, accepted)[0][1] == "You decided: Accept. The model decides: Reduce."
    assert training.risks_differ(model, accepted) == ["lost-device"]
    path.write_text(base + '\n[risks."lost-device"]\ndecision = "reduce"\n')
    assert training.risk_notes(model, answers.load(path))[0][1] == "You and the model both decide: Reduce."
    assert training.risks_differ(model, answers.load(path)) == []


def test_the_feedback_screen_comments_on_inventory_and_risks(tmp_path: Path) -> None:
    import io

    from rich.console import Console

    from privacycheck.training.train_feedback import renderables

    model = scenario.load("solo-paper")
    path = tmp_path / "t.toml"
    path.write_text('[assessment]\npractice = "P"\nassessor = "Ana"\nstarted = 2026-11-24T10:00:00Z\n'
                    'updated = 2026-11-24T11:00:00Z\nchecklist = "therapy-practice"\nkind = "training"\n'
                    'scenario = "solo-paper"\n\n[[inventory]]\nname = "Gmail"\nkind = "email"\n'
                    'provider = "Google"\nbaa = "yes"\n\n[risks."lost-device"]\ndecision = "accept"\n'
                    'rationale = "It rarely leaves the office"\n')
    screen = io.StringIO()
    console = Console(file=screen, width=60)
    for renderable in renderables(training.grade(model, answers.load(path), path)):
        console.print(renderable)
    out = " ".join(screen.getvalue().split())
    assert "Where client information lives" in out
    assert "The model lists these places, of kinds your inventory does not have: • Paper files: Client folders" in out
    assert "• Billing service: Bookkeeper" in out
    assert "Personal Gmail (Google (a personal account)): no business associate agreement is signed" in out
    assert "Lost or stolen device You decided: Accept. The model decides: Reduce. The unencrypted laptop" in out
    assert out.index("Risk decisions") < out.index("Debrief")
    assert max(len(line) for line in screen.getvalue().splitlines()) <= 60


def test_grade_json_and_key_carry_the_model_inventory_and_risks(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.toml"
    path.write_text('[assessment]\npractice = "P"\nassessor = "Ana"\nstarted = 2026-11-24T10:00:00Z\n'
                    'updated = 2026-11-24T11:00:00Z\nchecklist = "therapy-practice"\nkind = "training"\n'
                    'scenario = "solo-paper"\n\n[[inventory]]\nname = "Gmail"\nkind = "email"\n'
                    'provider = "Google"\nbaa = "no"\n')
    assert main(["train", "grade", "solo-paper", str(path), "-f", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)["trainees"]
    assert row["inventory_missing_kinds"] == ["paper", "computer", "backup", "mobile", "billing"]
    assert row["agreements_missed"] == ["Bookkeeper"]  # Gmail: flagged the same way
    assert row["risk_decisions_differ"] == ["lost-device"]
    assert main(["train", "key", "solo-paper", "-f", "json"]) == 0
    key = json.loads(capsys.readouterr().out)
    gmail = next(e for e in key["inventory"] if e["kind"] == "email")
    assert (gmail["name"], gmail["baa"], gmail["baa_label"]) == ("Personal Gmail", "no", "not signed")
    assert key["risks"] == [{"threat_id": "lost-device", "title": "Lost or stolen device", "decision": "reduce",
                             "decision_label": "Reduce",
                             "rationale": scenario.load("solo-paper").risks["lost-device"].rationale}]
    assert main(["train", "key", "solo-paper"]) == 0
    md = capsys.readouterr().out
    assert "## Model inventory" in md and "| Personal Gmail | Email | Google (a personal account) | not signed |" in md
    assert "## Model risk decisions" in md and "`lost-device` | **Reduce** |" in md
    assert md.index("## Model inventory") < md.index("## Debrief")
    assert main(["train", "key", "solo-paper", "-f", "html"]) == 0
    html = capsys.readouterr().out
    assert "<h2>Model inventory</h2>" in html and "<td>Personal Gmail</td><td>Email</td>" in html
    assert "<h2>Model risk decisions</h2>" in html
