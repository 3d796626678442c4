"""Today's date comes from one place (privacycheck.files.clock), which a test can set: the suite
gives the same result on any day of the year."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

import privacycheck
from privacycheck.cli import main
from privacycheck.files import clock

pytestmark = pytest.mark.dates  # CI runs these on other days of the calendar too

PACKAGE = Path(privacycheck.__file__).parent
# Reads of the system clock; the session lock's note of when a process took it is wall time.
ALLOWED = {"files/clock.py", "files/session_lock.py"}


def _clock_reads(tree: ast.AST) -> list[int]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            owner = node.func.value
            owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if (name == "today" and owner_name in {"date", "datetime"}) or \
               (name in {"now", "utcnow"} and owner_name == "datetime") or \
               (name in {"time", "localtime", "gmtime"} and owner_name == "time"):
                found.append(node.lineno)
    return found


def test_only_the_clock_module_reads_the_system_clock() -> None:
    reads = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        lines = _clock_reads(ast.parse(path.read_text(), str(path)))
        if lines and relative not in ALLOWED:
            reads[relative] = lines
    assert reads == {}


def test_the_checker_finds_a_read_of_the_clock() -> None:
    assert _clock_reads(ast.parse("import datetime as dt\nx = dt.date.today()\ny = dt.datetime.now()")) == [2, 3]


def test_the_day_can_be_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.ENV, "2028-02-29")
    assert clock.today() == dt.date(2028, 2, 29)
    assert clock.now().date() == dt.date(2028, 2, 29) and clock.now().tzinfo is dt.UTC
    monkeypatch.delenv(clock.ENV)
    assert clock.today() == dt.date.today()


@pytest.mark.parametrize("value", ["2027-02-30", "tomorrow", "20270101", "2027-1-1"])
def test_a_day_that_is_not_a_date_is_one_line_exit_2(value: str, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str],
                                                     write_answers: object) -> None:
    path = write_answers({"physical.locks": "no"})  # type: ignore[operator]
    monkeypatch.setenv(clock.ENV, value)
    assert main(["plan", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "PRIVACYCHECK_TODAY" in err and "YYYY-MM-DD" in err
