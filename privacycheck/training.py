"""Grading a trainee's answers against a scenario's model answers. Pure: no terminal, no files."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from privacycheck.answers import STATUS_LABELS, Assessment
from privacycheck.checklist import SEVERITIES, Item
from privacycheck.scenario import ModelAnswer, Scenario

GAPS = ("no", "partial")
VERDICTS = {
    "agreed": "Agreed",
    "close": "Saw the gap, judged its extent differently",
    "missed": "Missed gap",
    "false-alarm": "False alarm",
    "differs": "Differs",
    "unsure": "Answered Don't know",
    "unanswered": "Not answered",
}
CREDIT = {"agreed": 1.0, "close": 0.5}

METHOD = (
    "Each item the scenario's practice must answer earns 1 point when the trainee's answer "
    "matches the model answer, and 0.5 when both see a gap but judge it differently (Partly "
    "against Not in place). A missed gap (In place where the model sees a gap), a false "
    "alarm, Don't know and no answer earn 0. Accuracy = 100 x points / items."
)


@dataclass(frozen=True)
class Feedback:
    item: Item
    model: ModelAnswer
    given: str  # the trainee's status, or "unanswered"
    verdict: str

    @property
    def credit(self) -> float:
        return CREDIT.get(self.verdict, 0.0)

    @property
    def wrong(self) -> bool:
        return self.verdict != "agreed"

    @property
    def given_label(self) -> str:
        return STATUS_LABELS.get(self.given, "Not answered")

    @property
    def model_label(self) -> str:
        return STATUS_LABELS[self.model.status]


@dataclass(frozen=True)
class Grade:
    scenario: Scenario
    trainee: str
    file: Path | None
    feedback: tuple[Feedback, ...]

    @property
    def accuracy(self) -> float:
        if not self.feedback:
            return 0.0
        return 100.0 * sum(f.credit for f in self.feedback) / len(self.feedback)

    @property
    def missed_critical(self) -> tuple[Feedback, ...]:
        return tuple(f for f in self.feedback if f.verdict == "missed" and f.item.severity == "critical")

    def count(self, verdict: str) -> int:
        return sum(1 for f in self.feedback if f.verdict == verdict)

    def important_misses(self, limit: int = 5) -> list[Feedback]:
        """Missed gaps first, by severity, then other disagreements on serious items."""
        wrong = [f for f in self.feedback if f.wrong]
        rank = {"missed": 0, "unsure": 1, "unanswered": 1, "close": 2, "false-alarm": 3, "differs": 3}
        wrong.sort(key=lambda f: (SEVERITIES.index(f.item.severity), rank[f.verdict]))
        return wrong[:limit]


def verdict(model: str, given: str) -> str:
    if given == model:
        return "agreed"
    if given == "unanswered":
        return "unanswered"
    if given == "unknown":
        return "unsure"
    if model in GAPS:
        return "close" if given in GAPS else "missed"
    if model == "yes" and given in GAPS:
        return "false-alarm"
    return "differs"


def grade(scenario: Scenario, assessment: Assessment, file: Path | None = None) -> Grade:
    feedback = []
    for item in scenario.items():
        model = scenario.model[item.id]
        answer = assessment.answers.get(item.id)
        given = answer.status if answer else "unanswered"
        feedback.append(Feedback(item, model, given, verdict(model.status, given)))
    trainee = assessment.assessor or assessment.practice
    return Grade(scenario, trainee, file, tuple(feedback))


def hardest_items(grades: list[Grade]) -> list[tuple[Feedback, int]]:
    """Items the class got wrong most often: (an example feedback row, how many got it wrong)."""
    wrong = Counter(f.item.id for g in grades for f in g.feedback if f.wrong)
    example = {f.item.id: f for g in grades for f in g.feedback}
    order = {f.item.id: n for n, f in enumerate(grades[0].feedback)} if grades else {}
    ranked = sorted(wrong.items(), key=lambda kv: (-kv[1], order.get(kv[0], 0)))
    return [(example[item_id], count) for item_id, count in ranked]
