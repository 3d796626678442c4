"""Practices whose reports the page-budget and accessibility tests print: the At-risk solo
practice of issue 14 (54 applicable items, 6 critical gaps, 33 actions), built on the bundled
checklist, and the demo."""

from __future__ import annotations

import datetime as dt

from privacycheck.analysis import scoring
from privacycheck.analysis.scoring import Result
from privacycheck.model import checklist
from privacycheck.model.answers import Answer, Assessment
from privacycheck.model.record import replace
from privacycheck.training import demo

APPLICABLE = 54
CRITICAL_GAPS = 6
ACTIONS = 33

SOLO = {"staff": False, "clinicians": 1, "paper_records": True, "telehealth": True, "minors": False,
        "substance_use": False, "jurisdiction": "us", "shared_space": False}
WHEN = dt.datetime(2026, 11, 24, 15, 30, tzinfo=dt.UTC)
NOTES = (
    "Laptop is a few years old; never checked whether the disk is encrypted.",
    "I think the EHR vendor does this, but I have nothing in writing.",
    "Paper intake forms sit in an unlocked drawer in the office.",
    "",
    "Started on this last spring and did not finish.",
    "",
    "Not something I had heard of before this review.",
)
CRITICAL_OPEN = ("no", "no", "unknown", "no", "partial", "no")
OTHER_OPEN = ("no", "partial", "unknown", "no", "partial", "no", "no", "partial", "unknown")


def titled(model: checklist.Checklist) -> checklist.Checklist:
    """The checklist with a title on every item: its own, or while the bundled checklist has
    none yet, the first words of the question (at most 60 characters, as titles are)."""
    def title(item: checklist.Item) -> str:
        if item.title != item.question:
            return item.title
        words = item.question.rstrip("?").split()
        text = ""
        for word in words:
            if len(text) + len(word) + 1 > 57:
                return text + "..."
            text = f"{text} {word}".strip()
        return text

    sections = tuple(replace(s, items=tuple(replace(i, title=title(i))
                                                         for i in s.items))
                     for s in model.sections)
    return replace(model, sections=sections)


def at_risk() -> Result:
    """A solo practice rated At risk: 54 applicable items, 6 critical gaps, 33 actions."""
    model = titled(checklist.load("therapy-practice"))
    profile = {q.id: SOLO[q.id] if q.id in SOLO else q.default if q.default is not None
               else {"bool": False, "int": 1}.get(q.type, q.choices[0] if q.choices else "")
               for q in model.profile}  # a solo practice: one clinician, no staff
    items = model.applicable_items(profile)
    answers: dict[str, Answer] = {}
    critical = [i for i in items if i.severity == "critical"]
    others = [i for i in items if i.severity != "critical"]
    # Items beyond 54 are marked not applicable, low and medium ones first.
    spare = sorted(others, key=lambda i: ("low", "medium", "high").index(i.severity))
    for item in spare[:max(0, len(items) - APPLICABLE)]:
        answers[item.id] = Answer(status="na", answered=WHEN)
    for n, item in enumerate(critical):
        status = CRITICAL_OPEN[n] if n < CRITICAL_GAPS else "yes"
        answers[item.id] = Answer(status=status, note=NOTES[n % len(NOTES)] if status != "yes"
                                  else "", answered=WHEN)
    rest = [i for i in others if i.id not in answers]
    for n, item in enumerate(rest):
        open_ = n < ACTIONS - CRITICAL_GAPS
        status = OTHER_OPEN[n % len(OTHER_OPEN)] if open_ else "yes"
        answers[item.id] = Answer(
            status=status, note=NOTES[(n + 3) % len(NOTES)] if open_ else "",
            evidence="Signed copy in the office binder" if not open_ and n % 5 == 0 else "",
            owner="me" if open_ and n % 4 == 0 else "", answered=WHEN)
    assessment = Assessment(
        practice="Dr. Alex Morgan, Counselling (fictional)", assessor="Alex Morgan",
        started=WHEN - dt.timedelta(minutes=50), updated=WHEN,
        checklist=model.reference, checklist_version=model.version,
        checklist_sha256=model.sha256, profile=profile, answers=answers)
    return scoring.score(model, assessment)


def demo_result() -> Result:
    model = titled(checklist.load("therapy-practice"))
    return scoring.score(model, demo.assessment(model))


def barely_started() -> Result:
    """The At-risk practice with one answer given: nothing here is a verdict yet."""
    full = at_risk()
    first = next(k for k, a in full.assessment.answers.items() if a.status != "na")
    one = {first: full.assessment.answers[first]}
    return scoring.score(full.checklist, replace(full.assessment, answers=one))
