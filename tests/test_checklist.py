"""The checklist model, loader and validator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import MINI_CHECKLIST

from privacycheck.errors import PrivacycheckError
from privacycheck.model import checklist


def test_loads_sections_items_and_profile(mini: Path) -> None:
    model = checklist.load(str(mini))
    assert model.id == "mini"
    assert [s.id for s in model.sections] == ["physical", "digital", "gdpr"]
    assert [p.id for p in model.profile] == ["staff", "jurisdiction", "clinicians"]
    item = model.item("digital.encryption")
    assert item is not None and item.severity == "critical" and item.section_id == "digital"
    assert item.references == ("45 CFR 164.312(a)(2)(iv)",)
    assert not model.bundled and len(model.sha256) == 64


def test_applies_when_filters_items_by_profile(mini: Path) -> None:
    model = checklist.load(str(mini))
    solo = {"staff": False, "jurisdiction": "us", "clinicians": 1}
    group = {"staff": True, "jurisdiction": "eu-uk", "clinicians": 3}
    assert [i.id for i in model.applicable_items(solo)] == [
        "physical.sound", "physical.locks", "digital.encryption", "digital.updates"]
    assert {"physical.badge", "digital.group-review", "gdpr.records"} <= {
        i.id for i in model.applicable_items(group)}


def test_unanswered_profile_fact_never_hides_an_item(mini: Path) -> None:
    model = checklist.load(str(mini))
    assert len(model.applicable_items({})) == sum(1 for _ in model.items())


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "c.toml"
    path.write_text(text)
    return path


def test_validate_reports_every_problem_with_its_line(tmp_path: Path) -> None:
    text = (MINI_CHECKLIST
            .replace('severity = "high"\neffort = "medium"\nreferences = ["45 CFR 164.310(a)(1)"]',
                     'severity = "severe"\neffort = "medium"\nreferences = ["45 CFR 164.310(a)(1)"]')
            .replace('id = "digital.updates"', 'id = "physical.sound"')
            .replace("applies_when = { staff = true }", "applies_when = { telehealth = true }"))
    path = write(tmp_path, text)
    problems = [str(p) for p in checklist.validate(path)]
    assert len(problems) == 3, problems
    lines = text.splitlines()
    severe = next(p for p in problems if "severity" in p)
    assert "item physical.locks" in severe and "'severe'" in severe
    assert severe.startswith(f"{path}: line ")
    number = int(severe.split("line ")[1].split(":")[0])
    assert 'id = "physical.locks"' in lines[number - 1]
    duplicate = next(p for p in problems if "duplicate item id" in p)
    number = int(duplicate.split("line ")[1].split(":")[0])
    assert number > 40 and 'id = "physical.sound"' in lines[number - 1]
    assert any("undefined profile fact 'telehealth'" in p and "physical.badge" in p for p in problems)


@pytest.mark.parametrize(("change", "message"), [
    (('type = "int"', 'type = "number"'), "type must be one of bool, choice, int"),
    (('effort = "high"', 'effort = "huge"'), "unknown effort 'huge'"),
    (('{ staff = true }', '{ staff = "yes" }'), "expected true or false"),
    (('{ jurisdiction = ["eu-uk"] }', '{ jurisdiction = ["mars"] }'), "'mars' is not one of its choices"),
    (('{ ">=" = 2 }', '{ "=~" = 2 }'), "unknown operator '=~'"),
    (('guidance = "A register."', 'guidanse = "A register."'), "unknown key 'guidanse'"),
    (('id = "mini"', 'id = "Mini Checklist"'), "lowercase words joined by dashes"),
])
def test_validate_names_each_kind_of_mistake(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    assert change[0] in MINI_CHECKLIST
    path = write(tmp_path, MINI_CHECKLIST.replace(change[0], change[1], 1))
    problems = [str(p) for p in checklist.validate(path)]
    assert any(message in p for p in problems), problems


CHOICES = 'choices = ["us", "eu-uk", "other"]\n'


def test_choice_labels_are_the_words_a_user_sees(tmp_path: Path) -> None:
    labelled = MINI_CHECKLIST.replace(
        CHOICES, CHOICES + 'labels = { us = "United States", eu-uk = "EU or UK" }\n', 1)
    model = checklist.load(str(write(tmp_path, labelled)))
    where = next(q for q in model.profile if q.id == "jurisdiction")
    assert [where.shown(c) for c in where.choices] == ["United States", "EU or UK", "other"]
    assert next(q for q in model.profile if q.id == "staff").shown(True) == "Yes"
    assert checklist.to_json(model)["profile"][1]["labels"] == {"us": "United States", "eu-uk": "EU or UK"}


@pytest.mark.parametrize(("labels", "message"), [
    ('labels = { mars = "Mars" }', "labels name 'mars', which is not one of the choices"),
    ('labels = { us = "" }', 'labels must be a table of choice = "words"'),
    ('labels = ["United States"]', 'labels must be a table of choice = "words"'),
])
def test_bad_choice_labels_are_reported(tmp_path: Path, labels: str, message: str) -> None:
    path = write(tmp_path, MINI_CHECKLIST.replace(CHOICES, CHOICES + labels + "\n", 1))
    assert any(message in str(p) for p in checklist.validate(path))


def test_labels_only_go_with_choice_questions(tmp_path: Path) -> None:
    text = MINI_CHECKLIST.replace('type = "bool"\n', 'type = "bool"\nlabels = { yes = "Y" }\n', 1)
    assert any("labels only go with type = \"choice\"" in str(p)
               for p in checklist.validate(write(tmp_path, text)))


def test_condition_is_data_never_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    evil = f'{{ staff = "__import__(\'os\').system(\'touch {marker}\')" }}'
    path = write(tmp_path, MINI_CHECKLIST.replace("{ staff = true }", evil))
    problems = checklist.validate(path)
    assert problems and "expected true or false" in str(problems[0])
    assert not marker.exists()


def test_toml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, '[checklist]\nid = "x"\ntitle = = "oops"\n')
    with pytest.raises(PrivacycheckError) as err:
        checklist.load(str(path))
    assert err.value.message.startswith(f"{path}: line 3, column 9: invalid TOML")


def test_load_refuses_an_invalid_checklist_in_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, MINI_CHECKLIST.replace('severity = "low"', 'severity = "tiny"'))
    with pytest.raises(PrivacycheckError) as err:
        checklist.load(str(path))
    assert "\n" not in err.value.message and "unknown severity 'tiny'" in err.value.message


def test_unknown_checklist_id_lists_the_bundled_ones() -> None:
    with pytest.raises(PrivacycheckError, match="no bundled checklist with this id"):
        checklist.load("no-such-checklist")


def test_to_json_carries_every_field(mini: Path) -> None:
    data = json.loads(json.dumps(checklist.to_json(checklist.load(str(mini)))))
    item = data["sections"][0]["items"][2]
    assert set(item) >= {"id", "question", "why", "guidance", "remediation", "severity",
                         "effort", "references", "applies_when"}
    assert item["applies_when"] == [{"fact": "staff", "op": "==", "value": True}]
    assert data["sections"][2]["applies_when"] == [{"fact": "jurisdiction", "op": "in", "value": ["eu-uk"]}]
    assert data["profile"][1]["choices"] == ["us", "eu-uk", "other"]


def test_a_law_table_with_mistakes_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "laws.toml"
    path.write_text(
        '[checklist]\nid = "t"\ntitle = "T"\nversion = "1"\n\n'
        '[[profile]]\nid = "jurisdiction"\nquestion = "Where?"\ntype = "choice"\nchoices = ["us", "uk"]\n\n'
        '[[laws]]\nname = "US law"\nprefixes = []\napplies_when = { country = "us" }\n\n'
        '[[sections]]\nid = "s"\ntitle = "S"\n\n[[sections.items]]\nid = "s.a"\ntitle = "A"\n'
        'question = "Q?"\nwhy = "w"\nguidance = "g"\nremediation = "r"\nseverity = "low"\neffort = "low"\n',
        encoding="utf-8",
    )
    problems = [str(p) for p in checklist.validate(path)]
    assert any("line 12: law US law: prefixes" in p for p in problems), problems
    assert any("line 12: law US law:" in p and "country" in p for p in problems), problems
