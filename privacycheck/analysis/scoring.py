"""The one scoring function: checklist + assessment -> Result. Knows nothing of terminals."""

from __future__ import annotations

import datetime as dt

from privacycheck.errors import PrivacycheckError
from privacycheck.model.answers import STATUS_LABELS, Answer, Assessment
from privacycheck.model.checklist import EFFORTS, SEVERITIES, Checklist, Item, Section
from privacycheck.model.record import record

CREDIT = {"yes": 1.0, "partial": 0.5, "no": 0.0, "unknown": 0.0, "unanswered": 0.0}
WEIGHT = {"critical": 10, "high": 5, "medium": 2, "low": 1}
# Due dates by capacity: the weeks (after the review) in which each severity's actions are placed
# first, most urgent first; at most PER_WEEK actions fall due in any one week, none past the year.
WINDOWS = {"critical": 2, "high": 4, "medium": 9, "low": 14}  # the first week each may fall due
WEEKS = 52
PER_WEEK = {False: 3, True: 5}  # a practice of one; a practice with staff
DUE_RULE = ("Due dates spread the plan over the year: at most {per_week} actions fall due in any one "
            "week (3 for a practice of one and 5 with staff, unless the practice set its own number), the most urgent first (critical ones within "
            "about four weeks where there is room, then high, medium and low), quick wins first within "
            "each, and none later than a year after the review. Due dates the practice set itself are "
            "kept and count toward their week.")
BANDS = ((90.0, "Strong"), (75.0, "Managed"), (50.0, "Developing"), (0.0, "At risk"))
CAP = "Developing"

METHOD = (
    "Each applicable item earns credit: In place 1, Partly 0.5, Not in place 0, "
    "Don't know 0 (flagged to verify); Not applicable items are left out, and unanswered "
    "items count as Don't know. Items are weighted by severity: critical 10, high 5, "
    "medium 2, low 1. A score is 100 x sum(weight x credit) / sum(weight) over the "
    "applicable items. Ratings: 90-100 Strong, 75-89 Managed, 50-74 Developing, "
    "0-49 At risk. Any critical item not fully in place caps the rating at Developing. "
    "The plan is ordered by severity, then gaps before partial measures, then quick wins "
    "first, then checklist order; suggested due dates spread the actions over the year, at "
    "most 3 due in any one week for a practice of one (5 with staff), most urgent first, none "
    "later than a year after the assessment date."
)


@record
class ItemResult:
    item: Item
    order: int  # position in the checklist
    status: str  # yes | partial | no | unknown | na | unanswered
    answer: Answer | None
    weight: int
    credit: float  # 0 for na (excluded)

    @property
    def counted(self) -> bool:
        return self.status != "na"

    @property
    def points(self) -> float:
        return self.weight * self.credit if self.counted else 0.0

    @property
    def open(self) -> bool:
        """Not fully in place (and not excluded as not applicable)."""
        return self.counted and self.credit < 1.0

    @property
    def label(self) -> str:
        return STATUS_LABELS.get(self.status, "Unanswered")

    @property
    def held_since(self) -> dt.date | None:
        """For an item in place: since when, as far as the answers file shows (else None)."""
        return self.answer.known_since if self.answer and self.status == "yes" else None


@record
class SectionResult:
    section: Section
    items: tuple[ItemResult, ...]
    score: float | None  # None when nothing in the section counts

    @property
    def rating(self) -> str:
        return band(self.score)


@record
class Action:
    rank: int
    result: ItemResult
    suggested_due: dt.date

    @property
    def due(self) -> dt.date:
        answer = self.result.answer
        return answer.due if answer and answer.due else self.suggested_due

    @property
    def verify(self) -> bool:
        return self.result.status in ("unknown", "unanswered")

    @property
    def owner(self) -> str:
        return self.result.answer.owner if self.result.answer else ""


@record
class Counts:
    applicable: int  # apply to this practice's profile and are not marked na
    answered: int
    unanswered: int
    not_applicable: int  # marked na by the practice
    out_of_scope: int  # switched off by the profile


@record
class Result:
    checklist: Checklist
    assessment: Assessment
    score: float | None
    band_rating: str  # the rating the score alone earns
    rating: str  # after the critical cap
    sections: tuple[SectionResult, ...]
    critical_gaps: tuple[ItemResult, ...]
    plan: tuple[Action, ...]
    counts: Counts
    orphan_answers: tuple[str, ...]  # answers for item ids the checklist no longer has
    checklist_changed: bool

    def held_a_year(self) -> tuple[ItemResult, ...] | None:
        """For a US practice, the safeguards in place for twelve months or more before the
        review, as the answers file shows (Public Law 116-321 asks HHS to consider recognized
        security practices in place for the previous 12 months); None outside the US."""
        if self.assessment.profile.get("jurisdiction") != "us":
            return None
        day = self.assessment.date
        year_before = day.replace(year=day.year - 1, day=28) if (day.month, day.day) == (2, 29) \
            else day.replace(year=day.year - 1)
        return tuple(r for r in self.items if r.held_since is not None and r.held_since <= year_before)

    @property
    def capped(self) -> bool:
        return self.rating != self.band_rating

    @property
    def incomplete(self) -> bool:
        return self.counts.unanswered > 0

    @property
    def items(self) -> tuple[ItemResult, ...]:
        return tuple(r for s in self.sections for r in s.items)


def band(score: float | None) -> str:
    if score is None:
        return "Not rated"
    return next(name for floor, name in BANDS if score >= floor)


def _score(results: tuple[ItemResult, ...] | list[ItemResult]) -> float | None:
    counted = [r for r in results if r.counted]
    total = sum(r.weight for r in counted)
    if not total:
        return None
    return 100.0 * sum(r.points for r in counted) / total


def check_profile(checklist: Checklist, assessment: Assessment, source: str) -> None:
    """Raise when a profile fact has the wrong type for the checklist's question."""
    for question in checklist.profile:
        if question.id not in assessment.profile:
            continue
        value = assessment.profile[question.id]
        ok = {
            "bool": isinstance(value, bool),
            "int": isinstance(value, int) and not isinstance(value, bool),
            "choice": isinstance(value, str) and value in question.choices,
        }[question.type]
        if not ok:
            expected = {
                "bool": "true or false", "int": "a whole number",
                "choice": "one of " + ", ".join(question.choices),
            }[question.type]
            raise PrivacycheckError(f"{source}: profile.{question.id}: expected {expected}, got {value!r}")


def score(checklist: Checklist, assessment: Assessment) -> Result:
    """Score an assessment against a checklist, exactly as the README's method says."""
    profile = assessment.profile
    sections: list[SectionResult] = []
    out_of_scope = 0
    order = 0
    for section in checklist.sections:
        results: list[ItemResult] = []
        for item in section.items:
            order += 1
            if not checklist.applies(item, profile):
                out_of_scope += 1
                continue
            answer = assessment.answers.get(item.id)
            status = answer.status if answer else "unanswered"
            credit = 0.0 if status == "na" else CREDIT[status]
            results.append(ItemResult(checklist.for_practice(item, profile), order, status, answer,
                                       WEIGHT[item.severity], credit))
        if results:
            sections.append(SectionResult(section, tuple(results), _score(results)))
    all_items = [r for s in sections for r in s.items]
    overall = _score(all_items)
    earned = band(overall)
    critical = tuple(r for r in all_items if r.item.severity == "critical" and r.open)
    rating = CAP if critical and earned in ("Strong", "Managed") else earned
    plan = _plan(all_items, assessment.date, per_week(assessment))
    counted = [r for r in all_items if r.counted]
    unanswered = sum(1 for r in counted if r.status == "unanswered")
    known_ids = {item.id for item in checklist.items()}
    return Result(
        checklist=checklist,
        assessment=assessment,
        score=overall,
        band_rating=earned,
        rating=rating,
        sections=tuple(sections),
        critical_gaps=tuple(sorted(critical, key=_priority)),
        plan=plan,
        counts=Counts(
            applicable=len(counted),
            answered=len(counted) - unanswered,
            unanswered=unanswered,
            not_applicable=len(all_items) - len(counted),
            out_of_scope=out_of_scope,
        ),
        orphan_answers=tuple(i for i in assessment.answers if i not in known_ids),
        checklist_changed=bool(assessment.checklist_sha256)
        and assessment.checklist_sha256 != checklist.sha256,
    )


def _priority(r: ItemResult) -> tuple[int, int, int, int]:
    return (
        SEVERITIES.index(r.item.severity),
        0 if r.credit == 0.0 else 1,  # no / unknown / unanswered before partial
        EFFORTS.index(r.item.effort),
        r.order,
    )


def per_week(assessment: Assessment) -> int:
    """How many actions may fall due in one week: the practice's own number (`plan --per-week`),
    else 3 for a practice of one and 5 with staff."""
    return assessment.per_week or PER_WEEK[assessment.profile.get("staff") is True]


def _week(start: dt.date, due: dt.date) -> int:
    """The week after `start` in which `due` falls (days 1-7: week 1); 0 on or before it."""
    return max(0, -(-(due - start).days // 7))


def _plan(results: list[ItemResult], start: dt.date, capacity: int) -> tuple[Action, ...]:
    """The open items, most urgent first, each with a suggested due date by capacity (DUE_RULE):
    the end of the first week from its severity's first week that has room, within the year;
    when every such week is full, the least busy one. A due date the practice set itself is
    kept (Action.due) and takes its place in its week first."""
    open_items = sorted((r for r in results if r.open), key=_priority)
    load = [0] * (WEEKS + 1)  # actions due in each week (index 0: on or before the review's day)
    for r in open_items:
        if r.answer and r.answer.due:
            week = _week(start, r.answer.due)
            if week <= WEEKS:
                load[week] += 1
    actions = []
    for rank, r in enumerate(open_items, start=1):
        weeks = range(WINDOWS[r.item.severity], WEEKS + 1)
        room = [w for w in weeks if load[w] < capacity]
        week = room[0] if room else min(weeks, key=lambda w: (load[w], w))  # a full year: the least busy
        if not (r.answer and r.answer.due):
            load[week] += 1
        actions.append(Action(rank, r, start + dt.timedelta(days=7 * week)))
    return tuple(actions)
