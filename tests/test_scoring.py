"""Each rule of SPEC.md's scoring, on the small test checklist."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from privacycheck.analysis.review import score_file
from privacycheck.analysis.scoring import band

pytestmark = pytest.mark.dates  # CI runs these on other days of the calendar too

# mini, solo profile: physical.sound critical(10), physical.locks high(5),
# digital.encryption critical(10), digital.updates medium(2)


def test_credits_and_weights(write_answers: Callable[..., Path]) -> None:
    result = score_file(write_answers({
        "physical.sound": "yes", "physical.locks": "partial",
        "digital.encryption": "no", "digital.updates": "unknown"}))
    assert result.score == pytest.approx(100 * (10 + 2.5) / 27)
    physical, digital = result.sections
    assert physical.score == pytest.approx(100 * 12.5 / 15)
    assert digital.score == 0.0


def test_not_applicable_items_are_excluded(write_answers: Callable[..., Path]) -> None:
    result = score_file(write_answers({
        "physical.sound": "yes", "physical.locks": "na",
        "digital.encryption": "yes", "digital.updates": "no"}))
    assert result.score == pytest.approx(100 * 20 / 22)
    assert result.counts.not_applicable == 1 and result.counts.applicable == 3


def test_unanswered_counts_as_unknown_and_marks_incomplete(write_answers: Callable[..., Path]) -> None:
    result = score_file(write_answers({"physical.sound": "yes", "physical.locks": "yes"}))
    assert result.incomplete
    assert result.counts.unanswered == 2 and result.counts.answered == 2
    assert result.score == pytest.approx(100 * 15 / 27)
    assert [a.result.status for a in result.plan] == ["unanswered", "unanswered"]
    assert all(a.verify for a in result.plan)


def test_items_out_of_profile_scope_do_not_count(write_answers: Callable[..., Path]) -> None:
    result = score_file(write_answers({"physical.sound": "yes"}, profile='staff = true\njurisdiction = "eu-uk"\nclinicians = 2'))
    assert result.counts.applicable == 7 and result.counts.out_of_scope == 0
    assert [s.section.id for s in result.sections] == ["physical", "digital", "gdpr"]
    solo = score_file(write_answers({"physical.sound": "yes"}, name="solo.toml"))
    assert solo.counts.out_of_scope == 3
    assert [s.section.id for s in solo.sections] == ["physical", "digital"]


@pytest.mark.parametrize(("score", "rating"), [
    (100.0, "Strong"), (90.0, "Strong"), (89.9, "Managed"), (75.0, "Managed"),
    (74.99, "Developing"), (50.0, "Developing"), (49.9, "At risk"), (0.0, "At risk"),
    (None, "Not rated")])
def test_rating_bands(score: float | None, rating: str) -> None:
    assert band(score) == rating


def test_open_critical_gap_caps_rating_at_developing(tmp_path: Path, write_answers: Callable[..., Path]) -> None:
    # Everything in place but one critical item partly: 95/100 would be Strong.
    path = write_answers({"physical.sound": "partial", "physical.locks": "yes",
                          "digital.encryption": "yes", "digital.updates": "yes"},
                         profile='staff = true\njurisdiction = "eu-uk"\nclinicians = 2')
    text = path.read_text() + '\n[answers."physical.badge"]\nstatus = "yes"\n[answers."digital.group-review"]\nstatus = "yes"\n[answers."gdpr.records"]\nstatus = "yes"\n'
    path.write_text(text)
    result = score_file(path)
    assert result.score == pytest.approx(100 * 30 / 35)
    assert result.band_rating == "Managed" and result.rating == "Developing" and result.capped
    assert [r.item.id for r in result.critical_gaps] == ["physical.sound"]


def test_no_cap_without_critical_gaps(write_answers: Callable[..., Path]) -> None:
    result = score_file(write_answers({"physical.sound": "yes", "physical.locks": "partial",
                                       "digital.encryption": "yes", "digital.updates": "yes"}))
    assert result.rating == "Strong" and not result.capped and not result.critical_gaps


def test_plan_order_and_due_dates(write_answers: Callable[..., Path]) -> None:
    result = score_file(write_answers({
        "physical.sound": "partial",  # critical, partial, low effort
        "physical.locks": "no",  # high, no, medium effort
        "digital.encryption": "unknown",  # critical, unknown, low effort
        "digital.updates": "partial"}))  # medium, partial
    order = [(a.result.item.id, a.rank) for a in result.plan]
    assert order == [("digital.encryption", 1), ("physical.sound", 2),
                     ("physical.locks", 3), ("digital.updates", 4)]
    day = dt.date(2026, 11, 24)  # due dates by capacity: critical from week 2, high from week 4,
    # medium from week 9 (each the end of its week), at most 3 (or 5 with staff) in a week
    assert [a.suggested_due - day for a in result.plan] == [
        dt.timedelta(days=d) for d in (14, 14, 28, 63)]


def test_effort_breaks_ties_then_checklist_order(tmp_path: Path, write_answers: Callable[..., Path]) -> None:
    path = write_answers({"physical.sound": "yes", "physical.locks": "yes", "digital.encryption": "yes",
                          "digital.updates": "no", "digital.group-review": "no"},
                         profile='staff = false\njurisdiction = "us"\nclinicians = 2')
    plan = [a.result.item.id for a in score_file(path).plan]
    assert plan == ["digital.updates", "digital.group-review"]  # both medium: low effort first


def test_owner_due_date_overrides_the_suggestion(write_answers: Callable[..., Path]) -> None:
    path = write_answers({"physical.sound": "yes", "physical.locks": "yes", "digital.encryption": "yes"})
    path.write_text(path.read_text() + '\n[answers."digital.updates"]\nstatus = "no"\nowner = "Sam"\ndue = 2027-01-15\n')
    (action,) = score_file(path).plan
    assert action.due == dt.date(2027, 1, 15) and action.owner == "Sam"
    assert action.suggested_due == dt.date(2027, 1, 26)  # a medium action: the end of week 9


def test_changed_checklist_and_orphan_answers_are_reported(write_answers: Callable[..., Path]) -> None:
    path = write_answers({"physical.sound": "yes", "old.item": "no"},
                         extra='checklist_sha256 = "' + "0" * 64 + '"')
    result = score_file(path)
    assert result.checklist_changed
    assert result.orphan_answers == ("old.item",)
    assert all(r.item.id != "old.item" for r in result.items)
