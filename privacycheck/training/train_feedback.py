"""The trainee's feedback on screen (rich): item by item against the model answers, the
accuracy, the most important misses explained, and the debrief. Rendering only: the
grading itself is privacycheck.training.training.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from privacycheck.reports.summary import _heading
from privacycheck.training.training import (
    METHOD,
    VERDICTS,
    Feedback,
    Grade,
    inventory_notes,
    risk_notes,
    risks_differ,
    trainee_decisions,
)

# Disagreements first, agreements last: what to learn from comes first.
ORDER = ("missed", "false-alarm", "close", "differs", "unsure", "unanswered", "agreed")
COUNTED = {
    "agreed": "agreed", "close": "close", "missed": "missed gap", "false-alarm": "false alarm",
    "differs": "different", "unsure": "Don't know", "unanswered": "not answered",
}
_LIST_LINE = re.compile(r"^(?:[-*•]|\d+[.)])\s")


def prose(text: str) -> str:
    """Scenario text reflowed for any width: paragraphs (blank-line separated) become one
    line each, so the terminal wraps them; list lines ("- ", "1. ") keep their own line."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines: list[str] = []
        for raw in block.splitlines():
            line = raw.strip()
            if not line:
                continue
            if lines and not _LIST_LINE.match(line):
                lines[-1] += " " + line
            else:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def percent(value: float) -> str:
    return f"{round(value, 1):g}%"


def _bullets(rows: list[Text]) -> Table:
    """A list whose wrapped lines stay indented under their text."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for row in rows:
        table.add_row("•", row)
    return table


def _answers(f: Feedback) -> Text:
    text = Text("You: ", style="dim")
    text.append(f.given_label, style="bold" if f.wrong else "")
    text.append(" · Model: ", style="dim")
    text.append(f.model_label)
    return text


def _item(f: Feedback, explained_below: bool) -> Text:
    text = Text(f.item.title)
    text.append("\n")
    text.append_text(_answers(f))
    if f.wrong:
        if explained_below:
            text.append(" (explained below)", style="dim")
        else:
            text.append(f"\n{f.model.rationale}", style="dim")
    return text


def counts(grade: Grade) -> str:
    parts = []
    for verdict in ORDER:
        n = grade.count(verdict)
        if n:
            label = COUNTED[verdict]
            plural = "s" if n != 1 and label in ("missed gap", "false alarm") else ""
            parts.append(f"{n} {label}{plural}")
    return " · ".join(parts)


def renderables(grade: Grade, misses: int = 5) -> Iterator[RenderableType]:
    """Item by item first, then the accuracy, the misses and the debrief, so that what
    matters most is what stays on the screen at the end."""
    scenario = grade.scenario
    important = grade.important_misses(misses)
    explained = {f.item.id for f in important}
    yield _heading(f"Feedback: {scenario.title}")
    yield Text(f"{grade.trainee} · {len(grade.feedback)} items, compared with the model answers",
               style="dim")
    for verdict in ORDER:
        rows = [f for f in grade.feedback if f.verdict == verdict]
        if rows:
            yield Text("")
            yield Text(f"{VERDICTS[verdict]} ({len(rows)})", style="bold")
            yield _bullets([_item(f, f.item.id in explained) for f in rows])

    yield _heading("Accuracy")
    points = sum(f.credit for f in grade.feedback)
    score = Text("Accuracy: ")
    score.append(percent(grade.accuracy), style="bold")
    score.append(f" ({points:g} of {len(grade.feedback)} points)")
    yield score
    yield Text(counts(grade))
    if grade.missed_critical:
        n = len(grade.missed_critical)
        yield Text(f"{n} critical gap{'s' if n != 1 else ''} missed.", style="bold")
    yield Text(METHOD, style="dim")

    yield _heading("The most important misses")
    if not important:
        yield Text("None: every answer matches the model answer.")
    for n, f in enumerate(important, start=1):
        text = Text(f"{n}. ", style="bold")
        text.append(f.item.title, style="bold")
        text.append(f"\n{f.item.severity} · {VERDICTS[f.verdict]}", style="dim")
        text.append("\n")
        text.append_text(_answers(f))
        text.append("\nIn this practice: ", style="bold")
        text.append(f.model.rationale)
        text.append("\nWhy it matters: ", style="bold")
        text.append(f.item.why)
        yield Text("")
        yield text

    yield from model_comments(grade)

    yield _heading("Debrief")
    yield Text(prose(scenario.debrief))


def model_comments(grade: Grade) -> Iterator[RenderableType]:
    """The trainee's inventory and risk decisions against the model's, where the scenario has them."""
    scenario, assessment = grade.scenario, grade.assessment
    if assessment is None or not (scenario.inventory or scenario.risks):
        return
    if scenario.inventory:
        yield _heading("Where client information lives")
        first, *rest = inventory_notes(scenario, assessment)
        yield Text(first)
        if rest:
            yield _bullets([Text(line) for line in rest])
    if scenario.risks:
        yield _heading("Risk decisions")
        total = len(scenario.risks)
        decisions = trainee_decisions(scenario, assessment)  # worked out once for both
        agreed = total - len(risks_differ(scenario, assessment, decisions))
        yield Text(f"Your decisions match the model's on {agreed} of "
                   f"{total} threat{'s' if total != 1 else ''}.")
        for title, verdict, rationale in risk_notes(scenario, assessment, decisions):
            text = Text(title, style="bold")
            text.append(f"\n{verdict}")
            text.append(f"\n{rationale}", style="dim")
            yield Text("")
            yield text
