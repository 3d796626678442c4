"""applies_when conditions: equality, membership, comparisons; wrong types never match."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from privacycheck import conditions

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
