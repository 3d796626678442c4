"""Item titles: required and short in the bundled checklist, a fallback elsewhere, shown in every list."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import MINI_CHECKLIST, TINY_SCENARIO, answers_toml

from privacycheck.cli import main
from privacycheck.files.resources import bundled_checklists
from privacycheck.model import checklist

TITLES = {"physical.sound": "Sessions that cannot be overheard", "physical.locks": "Paper files locked away",
          "physical.badge": "Staff badges", "digital.encryption": "Laptop encryption",
          "digital.updates": "Automatic updates", "digital.group-review": "Access-log review",
          "gdpr.records": "Record of processing"}


def titled(text: str = MINI_CHECKLIST, titles: dict[str, str] = TITLES) -> str:
    for item_id, title in titles.items():
        text = text.replace(f'id = "{item_id}"\n', f'id = "{item_id}"\ntitle = "{title}"\n', 1)
    return text


@pytest.fixture
def titled_mini(tmp_path: Path) -> Path:
    path = tmp_path / "mini.toml"
    path.write_text(titled())
    return path


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), start=1) if line == text)


def test_bundled_checklist_without_a_title_is_an_error_with_its_line(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    original = bundled_checklists()["therapy-practice"].read_text()
    copy = tmp_path / "therapy-practice.toml"
    copy.write_text(original.replace('title = "Shredding of client paper"\n', "", 1))
    monkeypatch.setattr(checklist, "bundled_checklists", lambda: {"therapy-practice": copy})
    problems = checklist.validate(copy)
    line = line_of(copy, 'id = "physical.paper-disposal"')
    assert [str(p) for p in problems] == [
        (f"{copy}: line {line}: item physical.paper-disposal: "
         "missing title (a short name for the safeguard, at most 60 characters)")]


def test_a_title_over_60_characters_is_an_error_anywhere(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "long.toml"
    path.write_text(titled(titles={**TITLES, "physical.locks": "x" * 61}))
    assert main(["checklists", "validate", str(path)]) == 2
    out = capsys.readouterr().out
    line = line_of(path, 'id = "physical.locks"')
    assert f"{path}: line {line}: item physical.locks: title has 61 characters; keep it to 60" in out


def test_third_party_checklist_without_titles_warns_once_and_validates(mini: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checklists", "validate", str(mini)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{mini}: warning: 7 items have no title; lists show the question instead",
                   f"{mini}: OK (7 items, version 1.0)"]
    model = checklist.load(str(mini))
    assert model.untitled == 7
    assert model.item("physical.locks").title == "Are paper files locked away?"  # type: ignore[union-attr]


def test_a_scenario_on_an_untitled_checklist_validates_with_one_warning(mini: Path, tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    tiny = tmp_path / "tiny.toml"
    tiny.write_text(TINY_SCENARIO)
    assert main(["checklists", "validate", str(tiny)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (f"{tiny}: warning: in its checklist {mini}, 7 items have no title; "
                      "lists show the question instead")
    assert out[1].startswith(f"{tiny}: OK (scenario") and len(out) == 2


def test_the_warning_on_load_is_one_stderr_line_for_a_person_at_a_terminal(
        mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Terminal()
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setattr(checklist, "_NOTED", set())
    for _ in range(3):
        checklist.load(str(mini))
    assert err.getvalue() == (f"privacycheck: note: {mini}: warning: 7 items have no title; "
                              "lists show the question instead\n")


def test_no_note_when_stderr_is_not_a_terminal(mini: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checklist, "_NOTED", set())
    checklist.load(str(mini))
    assert capsys.readouterr().err == ""


def test_a_titled_checklist_gives_no_warning(titled_mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checklists", "validate", str(titled_mini)]) == 0
    assert capsys.readouterr().out == f"{titled_mini}: OK (7 items, version 1.0)\n"


def test_show_json_carries_the_title(titled_mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checklists", "show", str(titled_mini), "--json"]) == 0
    items = {i["id"]: i for s in json.loads(capsys.readouterr().out)["sections"] for i in s["items"]}
    assert items["physical.locks"]["title"] == "Paper files locked away"
    assert items["physical.locks"]["question"] == "Are paper files locked away?"


def write_review(folder: Path, name: str, statuses: dict[str, str], date: str) -> Path:
    path = folder / name
    text = answers_toml(statuses, profile='staff = false\njurisdiction = "us"\nclinicians = 1',
                        checklist="mini.toml")
    path.write_text(text.replace("2026-11-24", date))
    return path


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "json"])
def test_compare_lists_items_by_title(titled_mini: Path, tmp_path: Path, fmt: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    old = write_review(tmp_path, "2025.toml", {"physical.locks": "yes", "digital.encryption": "no"}, "2025-11-20")
    new = write_review(tmp_path, "2026.toml", {"physical.locks": "no", "digital.encryption": "yes"}, "2026-11-24")
    assert main(["compare", str(old), str(new), "-f", fmt]) == 0
    out = capsys.readouterr().out
    assert "Paper files locked away" in out and "Laptop encryption" in out
    if fmt == "json":
        rows = {i["item_id"]: i for i in json.loads(out)["items"]}
        assert rows["physical.locks"]["title"] == "Paper files locked away"
    else:
        assert "Are paper files locked away?" not in out


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "json"])
def test_portfolio_common_gaps_use_titles(titled_mini: Path, tmp_path: Path, fmt: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "clinics"
    folder.mkdir()
    (folder / "mini.toml").write_text(titled())
    for n in range(2):
        (folder / f"c{n}.toml").write_text(answers_toml({"physical.locks": "no"}, checklist="mini.toml",
                                                        profile='staff = false\njurisdiction = "us"\nclinicians = 1')
                                          .replace("Test Practice", f"Clinic {n}"))
    assert main(["portfolio", str(folder), "-f", fmt]) == 0
    out = capsys.readouterr().out
    assert "Paper files locked away" in out
    if fmt == "json":
        gaps = {g["item_id"]: g for g in json.loads(out)["common_gaps"]}
        assert gaps["physical.locks"]["title"] == "Paper files locked away"
    else:
        assert "Are paper files locked away?" not in out


@pytest.fixture
def titled_tiny(tmp_path: Path, titled_mini: Path) -> Path:
    path = tmp_path / "tiny.toml"
    path.write_text(TINY_SCENARIO)
    return path


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_answer_key_lists_items_by_title(titled_tiny: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "key", str(titled_tiny), "-f", fmt]) == 0
    out = capsys.readouterr().out
    assert "Laptop encryption" in out and "Are laptops encrypted?" not in out


def test_grade_and_feedback_name_items_by_title(titled_tiny: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from rich.console import Console

    from privacycheck.model import answers
    from privacycheck.training import scenario, training
    from privacycheck.training.train_feedback import renderables

    trainee = tmp_path / "trainee.toml"
    trainee.write_text(answers_toml({"physical.sound": "no", "physical.locks": "yes", "digital.encryption": "yes",
                                     "digital.updates": "no"}, checklist="mini.toml",
                                    profile='staff = false\njurisdiction = "us"\nclinicians = 1'))
    assert main(["train", "grade", str(titled_tiny), str(trainee), "-f", "txt"]) == 0
    out = capsys.readouterr().out
    assert "Laptop encryption" in out and "Are laptops encrypted?" not in out
    grade = training.grade(scenario.load(str(titled_tiny)), answers.load(trainee))
    console = Console(file=io.StringIO(), width=60, color_system=None)
    for part in renderables(grade):
        console.print(part)
    feedback = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Laptop encryption" in feedback and "Are laptops encrypted?" not in feedback
