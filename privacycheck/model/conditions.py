"""Declarative `applies_when` conditions over profile facts. Data, never evaluated as code.

A condition is a TOML table; every entry must hold. An entry's value is a scalar
(equality), a list (membership) or a table of comparisons, e.g.
`{ telehealth = true, jurisdiction = ["eu-uk"], clinicians = { ">=" = 2 } }`.
A profile fact that has not been answered yet makes its entries hold, so that an
unknown profile never hides a safeguard.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

from privacycheck.model.record import record

Fact = bool | int | str

OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
ORDERING = frozenset({"<", "<=", ">", ">="})


@record
class Clause:
    fact: str
    op: str  # one of OPERATORS, or "in"
    value: Fact | tuple[Fact, ...]

    def holds(self, profile: Mapping[str, Fact]) -> bool:
        if self.fact not in profile:
            return True
        actual = profile[self.fact]
        if self.op == "in":
            assert isinstance(self.value, tuple)
            return any(_same(actual, v) for v in self.value)
        if self.op in ("==", "!="):
            return _same(actual, self.value) == (self.op == "==")
        if isinstance(actual, bool) or not isinstance(actual, int):
            return False
        return OPERATORS[self.op](actual, self.value)

    def describe(self) -> str:
        if self.op == "in":
            assert isinstance(self.value, tuple)
            return f"{self.fact} is one of {', '.join(map(_show, self.value))}"
        return f"{self.fact} {self.op} {_show(self.value)}"


Condition = tuple[Clause, ...]


def _same(a: object, b: object) -> bool:
    # `True == 1` in Python; a profile fact of the wrong type never matches.
    return type(a) is type(b) and a == b


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, str) else str(value)


def holds(condition: Condition, profile: Mapping[str, Fact]) -> bool:
    return all(clause.holds(profile) for clause in condition)


def parse(raw: object, facts: Mapping[str, tuple[str, tuple[str, ...]]]) -> tuple[Condition, list[str]]:
    """Turn a raw `applies_when` table into clauses.

    `facts` maps each profile fact id to (type, choices). Returns the clauses that are
    well formed and a list of problems, one line each, for the rest.
    """
    if not isinstance(raw, dict):
        return (), ["applies_when must be a table, e.g. { telehealth = true }"]
    clauses: list[Clause] = []
    problems: list[str] = []
    for fact, value in raw.items():
        if fact not in facts:
            problems.append(f"applies_when names undefined profile fact {fact!r}")
            continue
        kind, choices = facts[fact]
        if isinstance(value, dict):
            if not value:
                problems.append(f"applies_when.{fact}: empty comparison table")
            for op, operand in value.items():
                problem = _check_operand(fact, kind, choices, op, operand)
                if problem:
                    problems.append(problem)
                else:
                    clauses.append(Clause(fact, op, operand))
        elif isinstance(value, list):
            if not value:
                problems.append(f"applies_when.{fact}: empty list matches nothing")
            bad = [p for v in value if (p := _check_value(fact, kind, choices, v))]
            problems.extend(bad)
            if value and not bad:
                clauses.append(Clause(fact, "in", tuple(value)))
        else:
            problem = _check_value(fact, kind, choices, value)
            if problem:
                problems.append(problem)
            else:
                clauses.append(Clause(fact, "==", value))
    return tuple(clauses), problems


def _check_operand(fact: str, kind: str, choices: tuple[str, ...], op: str, operand: object) -> str | None:
    if op not in OPERATORS:
        known = " ".join(OPERATORS)
        return f"applies_when.{fact}: unknown operator {op!r} (use one of {known})"
    if op in ORDERING and kind != "int":
        return f"applies_when.{fact}: {op!r} needs a number fact, but {fact!r} is {kind}"
    return _check_value(fact, kind, choices, operand)


def _check_value(fact: str, kind: str, choices: tuple[str, ...], value: object) -> str | None:
    if kind == "bool" and not isinstance(value, bool):
        return f"applies_when.{fact}: expected true or false, got {_show(value)}"
    if kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
        return f"applies_when.{fact}: expected a whole number, got {_show(value)}"
    if kind == "choice":
        if not isinstance(value, str):
            return f"applies_when.{fact}: expected one of the choices, got {_show(value)}"
        if value not in choices:
            return (
                f"applies_when.{fact}: {value!r} is not one of its choices "
                f"({', '.join(choices)})"
            )
    return None
