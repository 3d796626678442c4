"""The terminal summary (rich): the txt report, also shown at the end of `assess`."""

from __future__ import annotations

import io
from collections.abc import Iterator

from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from privacycheck.report_data import finding
from privacycheck.scoring import METHOD, Result

LIMITATIONS = (
    "This is a self-assessment based on the practice's own answers. It is not legal "
    "advice, an audit or a certification of compliance. Laws differ between places; "
    "check local requirements with a qualified adviser or your professional body."
)
RATING_STYLE = {
    "Strong": "bold green",
    "Managed": "bold cyan",
    "Developing": "bold yellow",
    "At risk": "bold red",
    "Not rated": "bold",
}
SEVERITY_STYLE = {"critical": "bold red", "high": "yellow", "medium": "cyan", "low": "dim"}


def fmt_score(score: float | None) -> str:
    return "n/a" if score is None else f"{score:.1f}"


def bar(score: float | None, width: int = 10) -> str:
    filled = 0 if score is None else round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def renderables(result: Result, full: bool = True, top: int = 5) -> Iterator[RenderableType]:
    a = result.assessment
    c = result.checklist
    yield Text(a.practice, style="bold")
    meta = [f"Assessed {a.date.isoformat()}"]
    if a.assessor:
        meta.append(f"by {a.assessor}")
    yield Text(" ".join(meta) + f" · checklist {c.id} {c.version}", style="dim")
    yield Text("")
    headline = Text("Overall score ")
    headline.append(f"{fmt_score(result.score)} / 100", style="bold")
    headline.append("  Rating: ")
    headline.append(result.rating, style=RATING_STYLE.get(result.rating, "bold"))
    yield headline
    if result.capped:
        yield Text(
            f"The score alone would rate {result.band_rating}; open critical gaps "
            f"cap the rating at {result.rating}.", style="yellow")
    n = result.counts
    if result.incomplete:
        yield Text(
            f"Incomplete: {n.unanswered} of {n.applicable} applicable items are not "
            "answered yet; they count as \"Don't know\".", style="yellow")
    else:
        yield Text(f"All {n.applicable} applicable items answered"
                   + (f", {n.not_applicable} marked not applicable." if n.not_applicable else "."))
    if result.checklist_changed:
        yield Text("The checklist has changed since these answers were given: "
                   "new items show as unanswered.", style="yellow")
    if result.orphan_answers:
        yield Text(f"Answers kept for items no longer in the checklist: "
                   f"{', '.join(result.orphan_answers)}", style="dim")

    yield Rule("Sections", style="dim", align="left")
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
    table.add_column("section", overflow="fold")
    table.add_column("bar", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("rating", no_wrap=True)
    for s in result.sections:
        table.add_row(s.section.title, bar(s.score), fmt_score(s.score),
                      Text(s.rating, style=RATING_STYLE.get(s.rating, "")))
    yield table

    if result.critical_gaps:
        yield Rule("Critical findings", style="dim", align="left")
        for r in result.critical_gaps:
            yield Text.assemble(("• ", "red"), (r.item.question, "bold"), f"\n  {finding(r)}")

    actions = result.plan if full else result.plan[:top]
    if actions:
        title = "Remediation plan" if full else f"Top {len(actions)} actions"
        yield Rule(title, style="dim", align="left")
        for action in actions:
            r = action.result
            line = Text(f"{action.rank}. ")
            line.append(r.item.question, style="bold")
            line.append("\n   ")
            line.append(r.item.severity, style=SEVERITY_STYLE[r.item.severity])
            line.append(f" · {finding(r)} · due {action.due.isoformat()}")
            if action.owner:
                line.append(f" · {action.owner}")
            line.append(f"\n   → {r.item.remediation}")
            yield line
        if not full and len(result.plan) > top:
            yield Text(f"… and {len(result.plan) - top} more in the full report.", style="dim")
    else:
        yield Text("No open actions: every applicable safeguard is in place.", style="green")

    if full:
        yield Rule("How the score is calculated", style="dim", align="left")
        yield Text(METHOD, style="dim")
        yield Rule("Limitations", style="dim", align="left")
        yield Text(LIMITATIONS, style="dim")


def print_summary(result: Result, console: Console, full: bool = False) -> None:
    console.print(Group(*renderables(result, full=full)))


def render_txt(result: Result, width: int = 80) -> str:
    """The full text report, without colour codes."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False,
                      legacy_windows=False, emoji=False, highlight=False)
    print_summary(result, console, full=True)
    return buffer.getvalue()
