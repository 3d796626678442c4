"""The short risk step at the end of `privacycheck assess`: the decisions on addressable HIPAA
specifications not fully in place, then the risk register with its defaults, which one key
(1) keeps; any risk can be re-rated (with a reason), accepted (with a rationale) or transferred.
Every prompt's answer is saved at once."""

from __future__ import annotations

import textwrap

from rich.console import Console
from rich.text import Text

from privacycheck.analysis.risk import (
    DEFAULTS_TEXT,
    Risk,
    RiskAnalysis,
    analyse,
    asks_addressable,
    needs_addressable_decision,
)
from privacycheck.analysis.scoring import ItemResult
from privacycheck.files import clock
from privacycheck.model.answers import (
    ADDRESSABLE_DECISIONS,
    RISK_DECISIONS,
    STATUS_LABELS,
    RiskAnswer,
)
from privacycheck.model.checklist import LEVELS, Item
from privacycheck.model.record import replace
from privacycheck.walk.prompts import Prompts
from privacycheck.walk.walk_state import Walk

KEEP = "keep"


class RiskStep:
    def __init__(self, walk: Walk, console: Console, prompts: Prompts, intro: str = "") -> None:
        self.walk = walk
        self.console = console
        self.prompts = prompts
        self.intro = intro  # a sentence under the heading (the exercise says what the step is for)

    def analysis(self) -> RiskAnalysis:
        return analyse(self.walk.result())

    def run(self) -> None:
        if not self.walk.checklist.threats:
            return
        self.console.print()
        self.prompts.heading(self.console, "Risks to client information")
        if self.intro:
            self.console.print(Text(self.intro, style="dim"))
        self.ask_addressable()
        while True:
            analysis = self.analysis()
            self.show(analysis)
            choices = [(KEEP, "Keep these ratings and decisions")]
            choices += [(r.threat.id, f"Change: {r.threat.title} ({r.level})") for r in analysis.risks]
            picked = self.prompts.select("Your answer", choices, KEEP,
                                         instruction="(1 keeps them; you can change them later "
                                                     "with --resume)")
            if picked == KEEP:
                self.walk.assessment = self.walk.assessment.with_revision("Risk ratings and decisions reviewed",
                                                                          clock.today())
                self.walk.save()
                return
            self.change(next(r for r in analysis.risks if r.threat.id == picked))

    def ask_participants(self) -> None:
        """Who took part besides the assessor, for the risk analysis's record (asked once: a
        review that names them, or next year's that carries them, is not asked again)."""
        if self.walk.assessment.participants:
            return
        if self.walk.assessment.profile.get("staff") is False:
            return  # a practice of one: its review is the assessor's, named at the start
        said = self.prompts.text("Who else took part in this review?",
                                 instruction="(names and roles, separated by ';'; Enter if you did it alone)")
        names = tuple(name.strip() for name in said.split(";") if name.strip())
        if names:
            self.walk.assessment = replace(self.walk.assessment, participants=names)
            self.walk.save()

    def show(self, analysis: RiskAnalysis) -> None:
        for c in analysis.contradictions:
            self.console.print(Text(c.message, style="yellow"))
        self.console.print(Text(DEFAULTS_TEXT, style="dim"))
        for risk in analysis.risks:
            line = Text(f"  {risk.level.upper():<6} ", style="bold" if risk.level == "high" else "")
            line.append(risk.threat.title)
            line.append(f" · {risk.likelihood} likelihood, {risk.impact} impact · {risk.decision_label}"
                        + ("" if risk.decided else " (default)"), style="dim")
            self.console.print(line)
        self.console.print(Text("1 keeps them; pick a risk to change its rating or to accept or "
                                "transfer it.", style="dim"))

    # ------------------------------------------------------------ saving

    def save_risk(self, threat_id: str, risk: RiskAnswer) -> None:
        changed = self.walk.assessment.with_risk(threat_id, risk)
        self.walk.assessment = changed.with_revision("Risk ratings and decisions changed", clock.today())
        self.walk.save()

    def change(self, risk: Risk) -> None:
        threat = risk.threat
        self.console.print()
        self.console.print(Text(threat.title, style="bold"))
        if threat.description:
            self.console.print(Text(threat.description))
        for w in risk.weaknesses:
            self.console.print(Text(f"  {w.text}", style="dim"))
        answer = risk.answer
        levels = [(level, level.capitalize()) for level in LEVELS]
        likelihood = self.prompts.select(f"Likelihood (default {risk.default_likelihood})", levels, risk.likelihood)
        answer = replace(answer, likelihood="" if likelihood == risk.default_likelihood else likelihood)
        self.save_risk(threat.id, answer)
        impact = self.prompts.select(f"Impact (default {risk.default_impact})", levels, risk.impact)
        answer = replace(answer, impact="" if impact == risk.default_impact else impact)
        self.save_risk(threat.id, answer)
        if answer.likelihood or answer.impact:
            reason = self.prompts.text("Why does it differ from the default?", default=answer.reason,
                                       instruction="(for the record)")
            answer = replace(answer, reason=reason)
            self.save_risk(threat.id, answer)
        decision = self.prompts.select("What will the practice do about it?", list(RISK_DECISIONS.items()),
                                       risk.decision)
        if decision == "accept":
            rationale = self.prompts.text("Why is the risk acceptable?", default=answer.rationale, required=True)
            answer = replace(answer, decision=decision, rationale=rationale, transfer_to="")
            self.save_risk(threat.id, answer)
            who = self.prompts.text("Who accepted it?", default=answer.accepted_by or self.walk.assessment.assessor,
                                    required=True)
            answer = replace(answer, accepted_by=who)
        elif decision == "transfer":
            to = self.prompts.text("To whom (e.g. the insurer and policy, or the vendor)?",
                                   default=answer.transfer_to, required=True)
            answer = replace(answer, decision=decision, transfer_to=to, rationale="", accepted_by="")
        else:
            answer = replace(answer, decision=decision, rationale="", accepted_by="", transfer_to="")
        self.save_risk(threat.id, answer)

    # ------------------------------------------------------------ addressable specifications

    def ask_addressable(self) -> None:
        """Ask, once, the 164.306(d)(3) decision for each addressable specification not in place."""
        if not asks_addressable(self.walk.assessment.profile):
            return
        pending = [r for r in self.walk.result().items
                   if needs_addressable_decision(r) and r.answer is not None and not r.answer.addressable]
        if len(pending) > 1 and self.decide_all(pending):
            return
        for n, r in enumerate(pending, start=1):
            self.console.print()
            self.console.print(Text(f"Addressable specification {n} of {len(pending)}", style="dim"))
            self.console.print(Text(f"{r.item.title} ({r.item.addressable})", style="bold"))
            self.console.print(Text(f"Your answer: {STATUS_LABELS.get(r.status, 'Not answered')}. HIPAA lets "
                                    "a practice decide how to meet this one; the decision is documented.",
                                    style="dim"))
            choices = [*ADDRESSABLE_DECISIONS.items(), ("later", "Decide later")]
            picked = self.prompts.select("The practice's decision", choices)
            if picked == "later":
                continue
            self.record_addressable(r.item, picked, "")
            if picked != "implemented":
                what = "the alternative measure" if picked == "alternative" else "why it is not reasonable"
                note = self.prompts.text(f"Describe {what}", instruction="(for the record)")
                self.record_addressable(r.item, picked, note)

    def decide_all(self, pending: list[ItemResult]) -> bool:
        """Several decisions to record: the list, then one key to implement them all (the plan
        lists them) or to decide one by one. True when all were decided (or left for later)."""
        self.console.print()
        self.console.print(Text(f"{len(pending)} of HIPAA's flexible (“addressable”) safeguards are not "
                                "fully in place. HIPAA lets a practice decide how to meet each one; the "
                                "decision is documented:", style="bold"))
        width = max(min(self.console.width, 72), 30)
        for r in pending:
            said = f"{r.item.title} ({STATUS_LABELS.get(r.status, 'Not answered')})"
            for line in textwrap.wrap(said, width, initial_indent="  - ", subsequent_indent="    ",
                                      break_on_hyphens=False):
                self.console.print(Text(line), soft_wrap=True)
        picked = self.prompts.select("The practice's decision", [
            ("all", f"Implement all {len(pending)} as specified (the plan lists them)"),
            ("one", "Decide one by one (an alternative measure, or not reasonable)"),
            ("later", "Decide later"),
        ])
        if picked == "one":
            return False
        if picked == "all":
            for r in pending:
                self.record_addressable(r.item, "implemented", "")
        return True

    def record_addressable(self, item: Item, decision: str, note: str) -> None:
        answer = self.walk.answer(item)
        if answer is None:
            return
        self.walk.assessment = self.walk.assessment.with_answer(
            item.id, replace(answer, addressable=decision, addressable_note=note))
        self.walk.save()
