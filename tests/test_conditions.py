"""applies_when conditions: equality, membership, comparisons; wrong types never match."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINI_CHECKLIST, answers_toml
from hypothesis import given
from hypothesis import strategies as st

from privacycheck.cli import main
from privacycheck.model import checklist, conditions

FACTS = {"staff": ("bool", ()), "where": ("choice", ("us", "eu-uk")), "n": ("int", ())}


def parse(raw: dict[str, object]) -> conditions.Condition:
    clauses, problems = conditions.parse(raw, FACTS)
    assert problems == []
    return clauses


def test_equality_membership_and_comparison() -> None:
    cond = parse({"staff": True, "where": ["eu-uk"], "n": {">=": 2, "<": 10}})
    assert conditions.holds(cond, {"staff": True, "where": "eu-uk", "n": 2})
    assert not conditions.holds(cond, {"staff": True, "where": "us", "n": 2})
    assert not conditions.holds(cond, {"staff": True, "where": "eu-uk", "n": 10})
    assert not conditions.holds(cond, {"staff": False, "where": "eu-uk", "n": 3})


def test_a_bool_fact_is_not_a_number() -> None:
    cond = parse({"n": {"==": 1}})
    assert not conditions.holds(cond, {"n": True})
    assert conditions.holds(cond, {"n": 1})


def test_missing_fact_holds() -> None:
    assert conditions.holds(parse({"staff": True}), {})


@given(st.integers(-5, 20), st.integers(-5, 20))
def test_comparisons_agree_with_python(threshold: int, value: int) -> None:
    for op, fn in conditions.OPERATORS.items():
        assert conditions.holds(parse({"n": {op: threshold}}), {"n": value}) == fn(value, threshold)


def test_problems_are_reported_not_raised() -> None:
    _clauses, problems = conditions.parse({"ghost": 1, "where": {">": "us"}}, FACTS)
    assert any("undefined profile fact 'ghost'" in p for p in problems)
    assert any("needs a number fact" in p for p in problems)
    assert conditions.parse("staff == True", FACTS)[1] == [
        "applies_when must be a table, e.g. { telehealth = true }"]


def test_code_in_a_condition_is_only_ever_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "pwned"
    code = f"__import__('os').system('touch {marker}')"
    base = MINI_CHECKLIST.replace('choices = ["us", "eu-uk", "other"]',
                                  f'choices = ["us", "eu-uk", "other", "{code}"]')
    hostile = base.replace("applies_when = { staff = true }", f'applies_when = {{ staff = "{code}" }}')
    hostile = hostile.replace('applies_when = { clinicians = { ">=" = 2 } }',
                              f'applies_when = {{ "__class__" = 1, clinicians = {{ "{code}" = 2 }} }}')
    path = tmp_path / "hostile.toml"
    path.write_text(hostile)
    assert main(["checklists", "validate", str(path)]) == 2
    out = capsys.readouterr().out
    assert f"applies_when.staff: expected true or false, got {code!r}" in out
    assert "undefined profile fact '__class__'" in out
    assert f"unknown operator {code!r}" in out
    assert not marker.exists()

    # As a choice, the same text is a value like any other: it matches itself and nothing else.
    matching = tmp_path / "matching.toml"
    matching.write_text(base.replace("applies_when = { jurisdiction = [\"eu-uk\"] }",
                                     f'applies_when = {{ jurisdiction = ["{code}"] }}'))
    assert main(["checklists", "validate", str(matching)]) == 0
    model = checklist.load(str(matching))
    gdpr = model.section("gdpr")
    assert gdpr is not None
    assert conditions.holds(gdpr.applies_when, {"jurisdiction": code})
    assert not conditions.holds(gdpr.applies_when, {"jurisdiction": "us"})
    for profile in (f'jurisdiction = "{code}"', f'staff = "{code}"'):
        answers = tmp_path / "answers.toml"
        answers.write_text(answers_toml({"gdpr.records": "no"}, profile=profile,
                                        checklist="matching.toml"))
        assert main(["report", str(answers), "-f", "json"]) in (0, 2)
    capsys.readouterr()
    assert not marker.exists()
