"""Content rules for the bundled training scenarios in checklists/scenarios/."""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from pathlib import Path

import pytest

from privacycheck.cli import main
from privacycheck.training import scenario

BUNDLED = scenario.bundled_scenarios()
IDS = sorted(BUNDLED)


def raw(ident: str) -> dict[str, object]:
    with BUNDLED[ident].open("rb") as f:
        head = tomllib.load(f)["scenario"]
    assert isinstance(head, dict)
    return head


def test_at_least_three_scenarios_are_bundled_including_the_one_the_readme_names() -> None:
    assert len(BUNDLED) >= 3
    assert "solo-paper" in BUNDLED
    assert "privacycheck train solo-paper" in (Path(__file__).parents[1] / "README.md").read_text()


@pytest.mark.parametrize("ident", IDS)
def test_scenario_validates(ident: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert scenario.validate(BUNDLED[ident]) == []
    assert main(["checklists", "validate", str(BUNDLED[ident])]) == 0
    assert "OK (scenario, model answers for" in capsys.readouterr().out


def test_ids_are_unique_and_match_file_stems() -> None:
    ids = [scenario.load(stem).id for stem in IDS]
    assert ids == IDS
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("ident", IDS)
def test_model_answers_cover_exactly_the_items_that_apply_under_the_profile(ident: str) -> None:
    s = scenario.load(ident)
    asked = {q.id for q in s.checklist.profile if s.checklist.asks(q, s.profile)}
    assert asked <= set(s.profile) <= {q.id for q in s.checklist.profile}, "every fact asked has a value"
    applicable = [item.id for item in s.checklist.applicable_items(s.profile)]
    assert sorted(s.model) == sorted(applicable)


@pytest.mark.parametrize("ident", IDS)
def test_every_rationale_is_one_nonempty_line(ident: str) -> None:
    for item_id, answer in scenario.load(ident).model.items():
        text = answer.rationale.strip()
        assert text, item_id
        assert "\n" not in text, item_id
        assert len(text) <= 200, f"{item_id}: keep the rationale to one short sentence"


@pytest.mark.parametrize("ident", IDS)
def test_vignette_is_substantial_and_never_names_checklist_items(ident: str) -> None:
    s = scenario.load(ident)
    assert len(s.vignette.split()) >= 300
    assert s.debrief.strip()
    for item in s.checklist.items():
        assert item.id not in s.vignette and item.id not in s.debrief, item.id


@pytest.mark.parametrize("ident", IDS)
def test_practice_is_marked_fictional_everywhere_it_is_introduced(ident: str) -> None:
    s = scenario.load(ident)
    assert s.practice.endswith("(fictional)")
    name = s.practice.removesuffix("(fictional)").strip()
    assert f"{name} (fictional)" in s.vignette, "the vignette introduces the practice as fictional"


@pytest.mark.parametrize("ident", IDS)
def test_head_fields_a_trainer_sees(ident: str) -> None:
    head = raw(ident)
    assert head["checklist"] == "therapy-practice"
    minutes = head.get("minutes")
    assert isinstance(minutes, int) and 10 <= minutes <= 90
    assert isinstance(head.get("maturity"), str) and head["maturity"]
    assert isinstance(head.get("size"), str) and head["size"]


def test_the_required_kinds_of_practice_are_all_bundled() -> None:
    scenarios = [scenario.load(ident) for ident in IDS]
    solo = [s for s in scenarios if s.size == "solo" and s.profile["staff"] is False
            and s.profile["telehealth"] is False and s.profile["paper_records"] is True]
    group = [s for s in scenarios if "group" in s.size and s.profile["staff"] is True]
    telehealth_minors = [s for s in scenarios if s.profile["telehealth"] is True and s.profile["minors"] is True]
    assert solo and group and telehealth_minors
    assert {s.id for s in solo} >= {"solo-paper"}


def test_scenarios_differ_in_maturity_and_teach_critical_gaps() -> None:
    with_critical_gaps = 0
    for ident in IDS:
        s = scenario.load(ident)
        statuses = {a.status for a in s.model.values()}
        assert {"yes", "partial", "no"} <= statuses, f"{ident}: mix the statuses"
        critical = [i for i in s.items() if i.severity == "critical"]
        if any(s.model[i.id].status in ("partial", "no") for i in critical):
            with_critical_gaps += 1
    assert with_critical_gaps >= 2
    shares_in_place = {ident: _share_in_place(ident) for ident in IDS}
    assert max(shares_in_place.values()) - min(shares_in_place.values()) >= 0.3, shares_in_place


def _share_in_place(ident: str) -> float:
    answers = [a.status for a in scenario.load(ident).model.values() if a.status != "na"]
    return answers.count("yes") / len(answers)


@pytest.mark.parametrize("ident", IDS)
def test_answer_key_shows_every_model_answer(ident: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "key", ident, "-f", "md"]) == 0
    md = capsys.readouterr().out
    s = scenario.load(ident)
    assert f"# Answer key: {s.title}" in md
    for item_id, answer in s.model.items():
        assert f"`{item_id}`" in md
        assert re.sub(r"\s+", " ", answer.rationale.replace("|", "\\|")) in md


def test_train_list_names_every_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--list"]) == 0
    out = capsys.readouterr().out
    for ident in IDS:
        s = scenario.load(ident)
        line = next((ln for ln in out.splitlines() if ln.split() and ln.split()[0] == ident), "")
        assert s.title in line, ident


@pytest.mark.parametrize("ident", IDS)
def test_every_scenario_has_a_model_inventory_that_fits_its_profile(ident: str) -> None:
    """Without a model inventory the exercise neither asks the trainee's nor comments on it."""
    s = scenario.load(ident)
    assert len(s.inventory) >= 5, f"{ident}: no model inventory ([[inventory]] tables)"
    kinds = {e.kind for e in s.inventory}
    assert {"records", "email", "computer", "mobile"} & kinds, ident
    if s.profile["paper_records"]:
        assert "paper" in kinds, f"{ident}: paper records but no paper in the model inventory"
    assert ("telehealth" in kinds) == s.profile["telehealth"], ident
    assert len({e.name for e in s.inventory}) == len(s.inventory), f"{ident}: two entries of one name"


def test_model_inventories_teach_the_vignettes_agreements() -> None:
    """Each model inventory flags the providers the vignette gives no agreement with."""
    flagged = {
        "solo-paper": {("Personal Gmail", "email", "no"), ("Bookkeeper", "billing", "no")},
        "telehealth-minors": {("Virtual mailbox service", "other", "no")},
        "uk-solo-online": {("Phone notes app", "other", "unknown")},
        "group-front-desk": {("IT contractor", "other", "no"), ("After-hours answering service", "phone", "no"),
                             ("Free AI chatbot", "other", "no"), ("Website booking form", "scheduling", "no")},
    }
    assert set(flagged) == set(IDS)
    for ident, expected in flagged.items():
        s = scenario.load(ident)
        assert {(e.name, e.kind, e.baa) for e in s.inventory if e.baa in ("no", "unknown")} == expected
        assert all(e.provider for e in s.inventory if e.baa != "na")  # an agreement is with someone
        assert all(e.note and "\n" not in e.note for e in s.inventory)
    kinds = {e.kind for e in scenario.load("solo-paper").inventory}
    assert "paper" in kinds and "telehealth" not in kinds  # in person only, on paper


def test_model_risk_decisions_explain_their_point() -> None:
    decisions = {ident: {t: r.decision for t, r in scenario.load(ident).risks.items()}
                 for ident in scenario.bundled_scenarios()}
    assert decisions["solo-paper"] == {"lost-device": "reduce"}
    assert decisions["telehealth-minors"] == {"vendor-breach": "reduce"}
    assert decisions["group-front-desk"] == {"ransomware": "reduce"}
    assert decisions["uk-solo-online"] == {"overheard": "reduce", "vendor-breach": "reduce"}
    assert set(decisions) == set(IDS)  # every bundled scenario asks the risk step
    for ident in decisions:
        for r in scenario.load(ident).risks.values():
            assert len(r.rationale) > 80 and "\n" not in r.rationale


def test_group_front_desk_grade_reports_its_inventory_and_agreements(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A trainee who lists only the email, and calls it covered, hears about the rest."""
    path = tmp_path / "bea.toml"
    path.write_text('[assessment]\npractice = "P"\nassessor = "Ana"\nstarted = 2026-12-01T10:00:00Z\n'
                    'updated = 2026-12-01T11:00:00Z\nchecklist = "therapy-practice"\nkind = "training"\n'
                    'scenario = "group-front-desk"\n\n[[inventory]]\nname = "Outlook"\nkind = "email"\n'
                    'provider = "Microsoft"\nbaa = "yes"\n')
    assert main(["train", "grade", "group-front-desk", str(path), "-f", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)["trainees"]
    assert row["inventory_missing_kinds"] == ["records", "computer", "mobile", "backup", "paper", "phone",
                                              "billing", "scheduling", "other"]
    assert row["agreements_missed"] == ["After-hours answering service", "Website booking form",
                                        "IT contractor", "Free AI chatbot"]
    assert row["risk_decisions_differ"] == ["ransomware"]
    assert main(["train", "grade", "group-front-desk", str(path), "-f", "csv"]) == 0
    header, line = csv.reader(io.StringIO(capsys.readouterr().out))  # the class spreadsheet too
    cells = dict(zip(header, line, strict=True))
    assert cells["inventory_missing_kinds"].startswith("records; computer; mobile")
    assert cells["agreements_missed"].split("; ")[0] == "After-hours answering service"
    assert cells["risk_decisions_differ"] == "ransomware"
