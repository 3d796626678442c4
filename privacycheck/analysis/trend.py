"""Any number of reviews of one practice in a row: the score and rating of each, each
section's line, what was resolved and what regressed between each pair (compare's own
classification of each pair), and the safeguards open for the most reviews in a row.
Nothing is scored here: each review is a Result of the one scoring function."""

from __future__ import annotations

import datetime as dt
import itertools

from privacycheck.analysis.compare import Comparison, Review, compare
from privacycheck.model.checklist import SEVERITIES
from privacycheck.model.record import record

TOP_OPEN = 10


@record
class SectionLine:
    id: str
    title: str
    scores: tuple[float | None, ...]  # one per review, one decimal; None: not scored there


@record
class OpenStreak:
    item_id: str
    title: str
    severity: str
    reviews: int  # consecutive reviews, ending with the latest, in which it is not fully in place
    since: dt.date  # the date of the first of those reviews


@record
class Trend:
    reviews: tuple[Review, ...]  # in the order given (oldest first, as the user lists them)
    steps: tuple[Comparison, ...]  # each review against the one before it
    sections: tuple[SectionLine, ...]
    open_longest: tuple[OpenStreak, ...]
    notes: tuple[str, ...]

    def scores(self) -> list[float | None]:
        return [None if r.result.score is None else round(r.result.score, 1) for r in self.reviews]


def trend(reviews: list[Review]) -> Trend:
    """The trend over `reviews` (two or more, oldest first)."""
    assert len(reviews) >= 2
    steps = tuple(compare(a, b) for a, b in itertools.pairwise(reviews))
    return Trend(tuple(reviews), steps, _sections(reviews), _open_longest(reviews), _notes(reviews, steps))


def _sections(reviews: list[Review]) -> tuple[SectionLine, ...]:
    order: list[str] = []
    titles: dict[str, str] = {}
    for review in reversed(reviews):  # the latest checklist's order and titles first
        for s in review.result.sections:
            if s.section.id not in titles:
                order.append(s.section.id)
                titles[s.section.id] = s.section.title
    lines = []
    for sid in order:
        scores = []
        for review in reviews:
            found = next((s for s in review.result.sections if s.section.id == sid), None)
            scores.append(None if found is None or found.score is None else round(found.score, 1))
        lines.append(SectionLine(sid, titles[sid], tuple(scores)))
    return tuple(lines)


def _open_longest(reviews: list[Review]) -> tuple[OpenStreak, ...]:
    latest = reviews[-1].result
    rows = []
    for r in latest.items:
        if not r.open:
            continue
        count, since = 0, latest.assessment.date
        for review in reversed(reviews):
            found = next((x for x in review.result.items if x.item.id == r.item.id), None)
            if found is None or not found.open:
                break
            count += 1
            since = review.result.assessment.date
        rows.append(OpenStreak(r.item.id, r.item.title, r.item.severity, count, since))
    rows.sort(key=lambda s: (-s.reviews, SEVERITIES.index(s.severity)))
    return tuple(rows[:TOP_OPEN])


def _notes(reviews: list[Review], steps: tuple[Comparison, ...]) -> tuple[str, ...]:
    notes: list[str] = []
    names = {" ".join(r.result.assessment.practice.split()).casefold() for r in reviews}
    if len(names) > 1:
        notes.append("The files name different practices; check that they are reviews of the same one.")
    dates = [r.result.assessment.date for r in reviews]
    if dates != sorted(dates):
        notes.append("The files are not in date order: list the oldest review first.")
    if any(step.checklist_differs for step in steps):
        notes.append("The reviews used different checklists; each is scored against its own.")
    for review in reviews:
        if review.result.incomplete:
            n = review.result.counts.unanswered
            notes.append(f"{review.path} is incomplete ({n} item{'' if n == 1 else 's'} not answered).")
    return tuple(notes)
