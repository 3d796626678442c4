"""The risk analysis: for each threat of the checklist's catalog, the safeguards against it
(vulnerabilities where not fully in place, current measures where in place), likelihood x
impact -> level from one matrix, and the practice's decision. Pure; knows nothing of terminals.

The rule for the defaults (also in the README and every risk report):
- a threat concerns the places of the inventory of the kinds it names (a lost device: computers,
  mobile devices, backups and paper); its vulnerabilities are the weak facts of those places
  (no agreement where one is needed, not encrypted or not known, no backup listed: see
  analysis.register) and the applicable safeguards against it that are not fully in place
  (Partly, Not in place, Don't know or unanswered);
- its default likelihood and impact are the highest among its vulnerabilities, where a
  safeguard that is partly in place makes its threats one level less likely than one that is
  missing, a place's fact that is missing is highly likely and one not known medium, and a
  place's impact is what it holds; a threat that concerns only places holding messages or
  appointments is at most as harmful as they are;
- a threat without vulnerabilities is rated low likelihood and low impact;
- a threat no applicable safeguard names and no weak place shows is out of scope for this
  practice, unless the practice rated it itself;
- the residual risk is the level once the planned actions are done: a risk to be reduced drops
  to low likelihood with the same impact; an accepted or transferred one keeps its level;
- the practice may change either rating (with a reason), and decides: reduce (the plan's actions
  for its vulnerabilities), accept (with a rationale and who accepted it) or transfer (to whom).
  Without a decision, a threat with vulnerabilities is to be reduced, one without is accepted
  as low.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from privacycheck.analysis.register import (
    Contradiction,
    Weakness,
    answer_weakness,
    contradictions,
    impact_ceiling,
    places,
    weaknesses,
)
from privacycheck.analysis.scoring import Action, ItemResult, Result
from privacycheck.model.answers import (
    ADDRESSABLE_DECISIONS,
    RISK_DECISIONS,
    InventoryEntry,
    RiskAnswer,
)
from privacycheck.model.checklist import LEVELS, Threat
from privacycheck.model.conditions import Fact
from privacycheck.model.record import record

# likelihood x impact -> level of risk: the sum of the two ranks (low 0, medium 1, high 2)
# is 0-1 low, 2 medium, 3-4 high.
MATRIX: Mapping[tuple[str, str], str] = {
    (likelihood, impact): ("low", "low", "medium", "high", "high")[LEVELS.index(likelihood) + LEVELS.index(impact)]
    for likelihood in LEVELS for impact in LEVELS
}
MATRIX_TEXT = (
    "Level of risk = likelihood x impact: low x low, low x medium and medium x low are low; "
    "low x high, medium x medium and high x low are medium; medium x high, high x medium and "
    "high x high are high."
)
DEFAULTS_TEXT = (
    "Each threat concerns the places of the inventory it could reach. Its vulnerabilities are "
    "what those places' facts show (no agreement where one is needed, not encrypted or not known, "
    "no backup) and the safeguards against it that are not fully in place (Partly, Not in place, "
    "Don't know or not answered). Its likelihood and impact default to the highest among its "
    "vulnerabilities: a safeguard that is partly in place counts one level less likely than a "
    "missing one; a place's missing fact counts high and an unknown one medium; a place's impact "
    "is what it holds (session notes and records high, messages medium, appointments low), and a "
    "threat to places holding only messages or appointments is no more harmful than they are. A "
    "threat without vulnerabilities is low. The practice may change a rating, with a reason."
)
RESIDUAL_TEXT = (
    "Residual risk is the level once the planned actions are done: a risk being reduced drops to "
    "low likelihood with the same impact; an accepted or transferred risk keeps its level."
)
LIKELIHOOD_MEANING = {
    "high": "Likely to happen within the year in a practice like yours; it happens to small "
            "practices often.",
    "medium": "Could well happen in the next few years; it happens to some small practices.",
    "low": "Unlikely, but possible; it would take an unusual mistake or event.",
}
IMPACT_MEANING = {
    "high": "Session notes or other sensitive client information exposed, lost or altered: "
            "serious harm to clients, notice to them and possibly to regulators.",
    "medium": "Messages, contact details or appointments exposed, or records out of reach for "
              "a while: distress to clients and work to put right.",
    "low": "Little or no client information exposed and nothing lost: an inconvenience.",
}
ADDRESSABLE_TEXT = (
    "An addressable HIPAA specification's decision does not change the score: the item is "
    "scored by its answer. Implemented: answer In place once it is. An equivalent alternative: "
    "answer In place when the alternative (described) is fully in place. Not reasonable and "
    "appropriate: the reason is documented, the item stays open and its threats keep their "
    "likelihood and impact in the register, so the risk stays visible."
)
TRIGGERS = (
    "a new record system, device or service that holds client information",
    "a move, a renovation or a new shared space",
    "a breach, a lost device or any security incident",
    "new staff, or a change in services (for example starting telehealth or seeing minors)",
    "a change in the law or in professional guidance",
)
DEFAULT_ACCEPT = "Every safeguard against it in the checklist is in place; the remaining risk is low."


@record
class Risk:
    """One threat, rated for this practice."""

    threat: Threat
    safeguards: tuple[ItemResult, ...]  # applicable items naming it, not marked Not applicable
    vulnerabilities: tuple[ItemResult, ...]  # those not fully in place
    measures: tuple[ItemResult, ...]  # those in place
    default_likelihood: str
    default_impact: str
    answer: RiskAnswer  # the practice's own rating and decision ("" fields: the defaults)
    actions: tuple[Action, ...]  # the plan's actions for its vulnerabilities, in plan order
    places: tuple[InventoryEntry, ...] = ()  # the inventory entries it concerns
    place_weaknesses: tuple[Weakness, ...] = ()  # what those places' facts show

    @property
    def weaknesses(self) -> tuple[Weakness, ...]:
        """Every vulnerability: the places' facts first, then the safeguards not fully in place."""
        return self.place_weaknesses + tuple(answer_weakness(r, _likelihood(r)) for r in self.vulnerabilities)

    @property
    def place_actions(self) -> tuple[str, ...]:
        """What removes the places' weak facts (the plan holds the safeguards' actions)."""
        return tuple(action for w in self.place_weaknesses for action in w.actions)

    @property
    def residual_level(self) -> str:
        """The level once the planned actions are done (RESIDUAL_TEXT)."""
        if self.decision != "reduce":
            return self.level
        after = MATRIX[("low", self.impact)]
        return min(after, self.level, key=LEVELS.index)

    @property
    def likelihood(self) -> str:
        return self.answer.likelihood or self.default_likelihood

    @property
    def impact(self) -> str:
        return self.answer.impact or self.default_impact

    @property
    def level(self) -> str:
        return MATRIX[(self.likelihood, self.impact)]

    @property
    def adjusted(self) -> bool:
        return (self.likelihood, self.impact) != (self.default_likelihood, self.default_impact)

    @property
    def decision(self) -> str:
        return self.answer.decision or ("reduce" if self.vulnerabilities or self.place_weaknesses else "accept")

    @property
    def decided(self) -> bool:
        """The practice recorded the decision itself (else it is the default)."""
        return bool(self.answer.decision)

    @property
    def rationale(self) -> str:
        if self.answer.decision == "accept" or self.decision != "accept":
            return self.answer.rationale
        return self.answer.rationale or DEFAULT_ACCEPT

    @property
    def decision_label(self) -> str:
        return RISK_DECISIONS[self.decision].split(" (")[0]

    @property
    def rated(self) -> bool:
        """Rated by the practice, or every safeguard against it answered (so the default holds)."""
        if self.answer.likelihood and self.answer.impact:
            return True
        return all(r.status != "unanswered" for r in self.safeguards)

    @property
    def unanswered(self) -> int:
        return sum(1 for r in self.safeguards if r.status == "unanswered")


@record
class RiskAnalysis:
    result: Result
    risks: tuple[Risk, ...]  # in scope, highest level first, then catalog order
    out_of_scope: tuple[Threat, ...]  # no applicable safeguard names them
    addressable: tuple[ItemResult, ...]  # applicable items implementing an addressable spec
    missing: tuple[str, ...]  # what keeps it from serving as the practice's risk analysis
    next_review: dt.date
    contradictions: tuple[Contradiction, ...] = ()  # between the inventory and the answers

    @property
    def has_catalog(self) -> bool:
        return bool(self.result.checklist.threats)

    @property
    def complete(self) -> bool:
        return not self.missing

    def count(self, level: str) -> int:
        return sum(1 for r in self.risks if r.level == level)

    @property
    def plan(self) -> tuple[tuple[Action, Risk], ...]:
        """The plan's actions that reduce a risk, each with the highest risk it addresses,
        ordered by that risk's level (high first), then by the plan's own order."""
        best: dict[str, tuple[Action, Risk]] = {}
        for risk in self.risks:
            if risk.decision != "reduce":
                continue
            for action in risk.actions:
                known = best.get(action.result.item.id)
                if known is None or LEVELS.index(risk.level) > LEVELS.index(known[1].level):
                    best[action.result.item.id] = (action, risk)
        return tuple(sorted(best.values(), key=lambda pair: (-LEVELS.index(pair[1].level), pair[0].rank)))


def _likelihood(r: ItemResult) -> str:
    """A threat's likelihood as one open safeguard leaves it: a level lower when it is partly in place."""
    rank = LEVELS.index(r.item.likelihood)
    return LEVELS[max(rank - 1, 0)] if r.status == "partial" else LEVELS[rank]


def _highest(levels: list[str]) -> str:
    return max(levels, key=LEVELS.index) if levels else "low"


def analyse(result: Result) -> RiskAnalysis:
    """The risk analysis of a scored review (the same Result every report uses)."""
    assessment = result.assessment
    actions = {action.result.item.id: action for action in result.plan}
    risks: list[Risk] = []
    out: list[Threat] = []
    inventory = assessment.inventory
    found = contradictions(result.items, inventory, assessment.profile)
    disputed = {c.item_id for c in found}  # an answer the inventory contradicts is no current measure
    for threat in result.checklist.threats:
        safeguards = tuple(r for r in result.items if threat.id in r.item.threats and r.counted)
        answer = assessment.risks.get(threat.id, RiskAnswer())
        weak = weaknesses(threat, inventory, assessment.profile)
        if not safeguards and not weak and not (answer.likelihood or answer.impact):
            out.append(threat)
            continue
        vulnerable = tuple(r for r in safeguards if r.open)
        impact = _highest([r.item.impact for r in vulnerable if r.item.impact] + [w.impact for w in weak])
        ceiling = impact_ceiling(threat, inventory)
        if ceiling and LEVELS.index(impact) > LEVELS.index(ceiling):
            impact = ceiling
        risks.append(Risk(
            threat=threat, safeguards=safeguards, vulnerabilities=vulnerable,
            measures=tuple(r for r in safeguards if r.status == "yes" and r.item.id not in disputed),
            default_likelihood=_highest([_likelihood(r) for r in vulnerable if r.item.likelihood]
                                        + [w.likelihood for w in weak]),
            default_impact=impact,
            answer=answer,
            actions=tuple(actions[r.item.id] for r in vulnerable if r.item.id in actions),
            places=places(threat, inventory), place_weaknesses=weak,
        ))
    order = {t.id: n for n, t in enumerate(result.checklist.threats)}
    risks.sort(key=lambda r: (-LEVELS.index(r.level), order[r.threat.id]))
    addressable = tuple(r for r in result.items if r.item.addressable)
    analysis = RiskAnalysis(result, tuple(risks), tuple(out), addressable, (), next_review(assessment.date), found)
    return RiskAnalysis(result, tuple(risks), tuple(out), addressable, missing(analysis), analysis.next_review,
                        found)


def next_review(day: dt.date) -> dt.date:
    """A year after the review (28 February when the review was on 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def asks_addressable(profile: Mapping[str, Fact]) -> bool:
    """HIPAA's addressable specifications concern US practices (the bundled checklist's
    `jurisdiction` fact); a checklist without that fact is taken to be a US one."""
    return profile.get("jurisdiction", "us") == "us"


def needs_addressable_decision(r: ItemResult) -> bool:
    """An addressable specification not fully in place (or marked Not applicable) needs the
    documented decision of 164.306(d)(3)."""
    return bool(r.item.addressable) and r.status != "yes"


def missing(analysis: RiskAnalysis) -> tuple[str, ...]:
    """What the review still lacks to serve as the practice's risk analysis, one phrase each."""
    result = analysis.result
    if not analysis.has_catalog:
        return ("the checklist has no threat catalog, so no risks could be rated",)
    gaps: list[str] = []
    if not result.assessment.inventory:
        gaps.append("an inventory of where client information lives and travels")
    if analysis.contradictions:
        n = len(analysis.contradictions)
        gaps.append(f"the inventory and the answers made to agree ({n} disagreement{'s' if n != 1 else ''})")
    for risk in analysis.risks:
        title = risk.threat.title
        if not risk.rated:
            n = risk.unanswered
            gaps.append(f"{title}: {n} safeguard{'s' if n != 1 else ''} against it not answered yet")
        if risk.adjusted and not risk.answer.reason.strip():
            gaps.append(f"{title}: the reason its rating differs from the default")
        if risk.answer.decision == "accept" and not risk.answer.accepted_by.strip():
            gaps.append(f"{title}: who accepted the risk")
    if asks_addressable(result.assessment.profile):
        for r in analysis.addressable:
            answer = r.answer
            decision = answer.addressable if answer else ""
            if needs_addressable_decision(r) and not decision:
                gaps.append(f"{r.item.title}: the decision on addressable specification {r.item.addressable}")
            elif decision in ("alternative", "not-reasonable") and not (answer and answer.addressable_note.strip()):
                what = "the alternative measure" if decision == "alternative" else "the reason"
                gaps.append(f"{r.item.title}: {what} ({ADDRESSABLE_DECISIONS[decision].split(' (')[0].lower()})")
    return tuple(gaps)


def summary(analysis: RiskAnalysis) -> str:
    """One paragraph for a report's first page: how many risks of each level, and whether the
    review serves as the practice's risk analysis (and what is missing). "" without a catalog."""
    if not analysis.has_catalog:
        return ""
    counts = [(analysis.count(level), level) for level in ("high", "medium", "low")]
    parts = [f"{n} {level}" for n, level in counts]
    total = len(analysis.risks)
    text = (f"Risk analysis: {parts[0]}, {parts[1]} and {parts[2]} risk"
            f"{'s' if total != 1 else ''} across {total} threat{'s' if total != 1 else ''} "
            "to client information.")
    if analysis.complete:
        text += (" This review serves as the practice's risk analysis; next review by "
                 f"{analysis.next_review.day} {analysis.next_review:%B %Y}.")
    else:
        left = what_is_left(analysis)
        text += (" It does not yet serve as the practice's risk analysis: "
                 + (", ".join(left[:-1]) + " and " + left[-1] if len(left) > 1 else left[0]) + ".")
    return text


def what_is_left(analysis: RiskAnalysis) -> list[str]:
    """What the review still lacks, counted in plain words for a first page ("3 decisions on
    HIPAA's flexible safeguards still to record"); the risk analysis itself lists each one."""
    def some(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    result = analysis.result
    if not analysis.has_catalog:
        return list(missing(analysis))
    left = []
    if not result.assessment.inventory:
        left.append("the list of where client information lives still to make")
    if analysis.contradictions:
        n = len(analysis.contradictions)
        left.append(some(n, "disagreement", "disagreements") + " between that list and the answers to settle")
    unrated = sum(1 for r in analysis.risks if not r.rated)
    if unrated:
        left.append(some(unrated, "risk", "risks") + " still to rate (not every safeguard against "
                    + ("it" if unrated == 1 else "them") + " is answered)")
    reasons = sum(1 for r in analysis.risks if r.adjusted and not r.answer.reason.strip())
    if reasons:
        left.append(some(reasons, "changed rating", "changed ratings") + " still to explain")
    accepted = sum(1 for r in analysis.risks if r.answer.decision == "accept" and not r.answer.accepted_by.strip())
    if accepted:
        left.append(some(accepted, "accepted risk", "accepted risks") + " still to sign for")
    if asks_addressable(result.assessment.profile):
        decisions = notes = 0
        for r in analysis.addressable:
            decision = r.answer.addressable if r.answer else ""
            if needs_addressable_decision(r) and not decision:
                decisions += 1
            elif decision in ("alternative", "not-reasonable") and not (r.answer and r.answer.addressable_note.strip()):
                notes += 1
        if decisions:
            left.append(some(decisions, "decision", "decisions") + " on HIPAA's flexible safeguards still to record")
        if notes:
            left.append(some(notes, "decision", "decisions") + " on HIPAA's flexible safeguards still to explain")
    return left or list(missing(analysis))
