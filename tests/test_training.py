"""Training: scenario validation, grading arithmetic, the answer key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import TINY_SCENARIO, answers_toml

from privacycheck import answers, scenario, training
from privacycheck.cli import main

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
    assert rows[0] == "file,trainee,accuracy,agreed,close,missed,false_alarm,differs,unsure,unanswered,missed_critical"
    assert rows[1] == f"{path},Ana,25.0,1,0,0,0,0,0,3,"
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
