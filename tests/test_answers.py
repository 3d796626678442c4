"""The answers store: round trip, atomic private writes, one-line errors."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from privacycheck.errors import PrivacycheckError
from privacycheck.model import answers
from privacycheck.model.answers import Answer

pytestmark = pytest.mark.dates  # CI runs these on other days of the calendar too


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    moment = dt.datetime(2026, 11, 24, 10, 2, tzinfo=dt.UTC)
    original = answers.new("Riverside Counselling", "therapy-practice", "2026.1", "ab" * 32,
                           assessor="Sam", now=moment)
    original = original.with_profile("telehealth", True, now=moment).with_answer(
        "physical.sound-privacy",
        Answer("partial", note='White noise; "door" gap', evidence="photo", owner="office manager",
               due=dt.date(2027, 2, 28), answered=moment),
        now=moment)
    path = tmp_path / "a.toml"
    answers.save(original, path)
    assert answers.load(path) == original
    text = path.read_text()
    assert '[answers."physical.sound-privacy"]' in text and "due = 2027-02-28" in text


def test_file_is_private_and_written_atomically(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    assessment = answers.new("P", "mini", "1", "")
    answers.save(assessment, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    os.chmod(path, 0o644)
    answers.save(assessment.with_answer("x", Answer("yes")), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]  # no temp file left behind


def test_failed_write_leaves_the_old_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.toml"
    answers.save(answers.new("P", "mini", "1", ""), path)
    before = path.read_bytes()

    def boom(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(PrivacycheckError, match="could not be saved: disk full"):  # one line, no traceback
        answers.save(answers.new("Q", "mini", "1", ""), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]


@pytest.mark.parametrize(("text", "message"), [
    (('[assessment]\npractice = "P"\nchecklist = "mini"\nstarted = 2026-11-24T10:00:00Z\n'
     '\n[answers."physical.sound"]\nstatus = "maybe"\n'),
     'line 7: answers."physical.sound": unknown status \'maybe\''),
    ('[assessment]\npractice = "P"\nchecklist = "mini"\n', "missing started"),
    ('[profile]\nstaff = true\n', "missing [assessment] table"),
    ('[assessment]\npractice = "P"\nchecklist = "mini"\nstarted = "yesterday"\n',
     "line 4: started: expected a date and time"),
    (('[assessment]\npractice = "P"\nchecklist = "mini"\nstarted = 2026-11-24\n'
     '[answers."a"]\nstatus = "yes"\ndue = "soon"\n'), 'line 7: answers."a".due: expected a date'),
    ("", "missing [assessment] table"),
])
def test_bad_answers_files_give_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "a.toml"
    path.write_text(text)
    with pytest.raises(PrivacycheckError) as err:
        answers.load(path)
    assert err.value.message.startswith(str(path)), err.value.message
    assert message in err.value.message and "\n" not in err.value.message


def test_unreadable_inputs(tmp_path: Path) -> None:
    with pytest.raises(PrivacycheckError, match="no such answers file"):
        answers.load(tmp_path / "missing.toml")
    with pytest.raises(PrivacycheckError, match="is a directory"):
        answers.load(tmp_path)
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b'[assessment]\npractice = "Caf\xe9"\n')
    with pytest.raises(PrivacycheckError, match="line 2, column 16: not valid UTF-8"):
        answers.load(bad)


def test_answers_for_unknown_items_are_kept(write_answers: Callable[..., Path]) -> None:
    path = write_answers({"physical.sound": "yes", "retired.item": "no"})
    loaded = answers.load(path)
    assert loaded.answers["retired.item"].status == "no"
    answers.save(loaded, path)
    assert answers.load(path).answers["retired.item"].status == "no"
