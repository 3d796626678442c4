"""Grading a trainee's answers against a scenario's model answers. Pure: no terminal, no files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from privacycheck.analysis.risk import analyse
from privacycheck.analysis.scoring import score
from privacycheck.model.answers import (
    INVENTORY_KINDS,
    RISK_DECISIONS,
    STATUS_LABELS,
    Assessment,
    InventoryEntry,
)
from privacycheck.model.checklist import SEVERITIES, Item
from privacycheck.model.record import record, replace
from privacycheck.training.scenario import ModelAnswer, Scenario

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


@record
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


@record
class Grade:
    scenario: Scenario
    trainee: str
    file: Path | None
    feedback: tuple[Feedback, ...]
    assessment: Assessment | None = None  # the trainee's answers (their inventory and risk decisions)

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
    return Grade(scenario, trainee, file, tuple(feedback), assessment)


def _agreement(scenario: Scenario) -> str:
    if scenario.profile.get("jurisdiction") == "eu-uk":
        return "data processing agreement"
    return "business associate agreement"


def missing_kinds(scenario: Scenario, assessment: Assessment) -> dict[str, list[InventoryEntry]]:
    """The kinds of place the model inventory lists and the trainee's does not, with the
    model's entries of each, in the model's order."""
    listed = {e.kind for e in assessment.inventory}
    missing: dict[str, list[InventoryEntry]] = {}
    for entry in scenario.inventory:
        if entry.kind not in listed:
            missing.setdefault(entry.kind, []).append(entry)
    return missing


def missed_agreements(scenario: Scenario, assessment: Assessment) -> list[InventoryEntry]:
    """Model entries that need an agreement (an outside provider that keeps client information,
    not a carrier that only carries calls and texts) and have none (or none known) that the
    trainee's inventory does not flag the same way (no entry of that kind with that state)."""
    flagged = {(e.kind, e.baa) for e in assessment.inventory}
    return [e for e in scenario.inventory
            if e.agreement_needed and e.baa in ("no", "unknown") and (e.kind, e.baa) not in flagged]


def inventory_notes(scenario: Scenario, assessment: Assessment) -> list[str]:
    """Plain sentences comparing the trainee's inventory with the model's ([] without one):
    a first line that introduces the rest, then one line per missing kind and per agreement."""
    if not scenario.inventory:
        return []
    missing = missing_kinds(scenario, assessment)
    agreements = missed_agreements(scenario, assessment)
    if not missing and not agreements:
        return ["Your inventory covers every kind of place the model lists, and flags the same agreements."]
    if not assessment.inventory:
        notes = [(f"Your answers have no inventory; the model lists {len(scenario.inventory)} places "
                 "where client information lives or travels:")]
    elif missing:
        notes = ["The model lists these places, of kinds your inventory does not have:"]
    else:
        notes = ["Your inventory has every kind of place the model lists. The model also flags:"]
    for kind, entries in missing.items():
        label = INVENTORY_KINDS[kind]
        names = [e.name for e in entries if e.name.casefold() != label.casefold()]
        notes.append(f"{label}: {'; '.join(names)}" if names else label)
    agreement = _agreement(scenario)
    for entry in agreements:
        if entry.baa == "no":
            notes.append(f"{entry.name} ({entry.provider}): no {agreement} is signed, and anyone who "
                         "handles client information for the practice needs one.")
        else:
            notes.append(f"{entry.name} ({entry.provider}): nobody knows whether a {agreement} is "
                         "signed; that is worth finding out.")
    return notes


def _decision(key: str) -> str:
    return RISK_DECISIONS[key].split(" (")[0]


@record
class TraineeDecision:
    """The trainee's decision on a threat: the one recorded, else the default their answers
    give (reduce while a safeguard against it is open, accept when all are in place), but only
    once every safeguard against it is answered; "" when neither."""

    decision: str
    recorded: bool

    @property
    def default(self) -> bool:
        return bool(self.decision) and not self.recorded


def trainee_decisions(scenario: Scenario, assessment: Assessment) -> dict[str, TraineeDecision]:
    """For each model risk decision's threat, what the trainee decided (see TraineeDecision)."""
    if not scenario.risks:
        return {}
    as_scenario = replace(assessment, profile=dict(scenario.profile))  # as grade() reads the items
    rated = {r.threat.id: r for r in analyse(score(scenario.checklist, as_scenario)).risks}
    found: dict[str, TraineeDecision] = {}
    for threat_id in scenario.risks:
        given = assessment.risks.get(threat_id)
        risk = rated.get(threat_id)
        if given is not None and given.decision:
            found[threat_id] = TraineeDecision(given.decision, True)
        elif risk is not None and risk.safeguards and not risk.unanswered:
            found[threat_id] = TraineeDecision(risk.decision, False)
        else:
            found[threat_id] = TraineeDecision("", False)
    return found


_DEFAULT_WHY = {"reduce": "a safeguard against it is not fully in place in your answers",
                "accept": "your answers put every safeguard against it in place"}


def risk_notes(scenario: Scenario, assessment: Assessment,
               decisions: dict[str, TraineeDecision] | None = None) -> list[tuple[str, str, str]]:
    """For each model risk decision: (threat title, what the trainee decided against the
    model, the model's rationale). `decisions`: trainee_decisions, when already worked out."""
    rows = []
    decisions = trainee_decisions(scenario, assessment) if decisions is None else decisions
    for threat_id, model in scenario.risks.items():
        threat = scenario.checklist.threat(threat_id)
        title = threat.title if threat else threat_id
        given = decisions[threat_id]
        mine, theirs = _decision(given.decision) if given.decision else "", _decision(model.decision)
        if given.default:
            kept = f"You kept the default, {mine} ({_DEFAULT_WHY[given.decision]})"
            verdict = (f"{kept}, which is the model's decision too." if given.decision == model.decision
                       else f"{kept}. The model decides: {theirs}.")
        elif given.decision == model.decision:
            verdict = f"You and the model both decide: {theirs}."
        elif given.decision:
            verdict = f"You decided: {mine}. The model decides: {theirs}."
        else:
            verdict = f"You recorded no decision. The model decides: {theirs}."
        rows.append((title, verdict, model.rationale))
    return rows


def risks_differ(scenario: Scenario, assessment: Assessment,
                 decisions: dict[str, TraineeDecision] | None = None) -> list[str]:
    """The threats where the trainee's decision (recorded, or the default kept) is not the model's."""
    decisions = trainee_decisions(scenario, assessment) if decisions is None else decisions
    return [t for t, model in scenario.risks.items() if decisions[t].decision != model.decision]


def hardest_items(grades: list[Grade]) -> list[tuple[Feedback, int]]:
    """Items the class got wrong most often: (an example feedback row, how many got it wrong)."""
    wrong = Counter(f.item.id for g in grades for f in g.feedback if f.wrong)
    example = {f.item.id: f for g in grades for f in g.feedback}
    order = {f.item.id: n for n, f in enumerate(grades[0].feedback)} if grades else {}
    ranked = sorted(wrong.items(), key=lambda kv: (-kv[1], order.get(kv[0], 0)))
    return [(example[item_id], count) for item_id, count in ranked]
