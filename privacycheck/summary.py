"""The terminal summary (rich): the txt report, also shown at the end of `assess`."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.rule import Rule
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from privacycheck.report_context import (
    LABELS,
    LIMITATIONS,
    long_date,
    rating_note,
    score_text,
    short_date,
    text_bar,
)
from privacycheck.report_data import finding, in_place_since
from privacycheck.scoring import METHOD, Action, Result

fmt_score = score_text  # the names this module has always offered
bar = text_bar

RATING_STYLE = {
    "Strong": "bold green",
    "Managed": "bold cyan",
    "Developing": "bold yellow",
    "At risk": "bold red",
    "Not rated": "bold",
}
SEVERITY_STYLE = {"critical": "bold", "high": "", "medium": "", "low": "dim"}
STATUS_STYLE = {"yes": "green", "partial": "yellow", "no": "bold", "unknown": "bold",
                "unanswered": "bold", "na": "dim"}


def _heading(title: str) -> Group:
    return Group(Text(""), Rule(Text(title, style="bold"), style="dim", align="left"))


def _hanging(rows: list[tuple[str, RenderableType]], gap: bool = False) -> _Hanging:
    """A list whose wrapped lines stay indented under their text, not under the marker."""
    return _Hanging(rows, gap)


class _Hanging:
    """What a two-column grid (markers right-aligned, bodies folded) prints, without the
    grid's measuring of every cell: a 20,000-item report took minutes in a Table."""

    def __init__(self, rows: list[tuple[str, RenderableType]], gap: bool) -> None:
        self.rows = rows
        self.gap = gap

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        indent = max((cell_len(marker) for marker, _ in self.rows), default=0)
        body = options.update(width=max(options.max_width - indent - 1, 1), overflow="fold")
        for n, (marker, text) in enumerate(self.rows):
            if self.gap and n:
                yield Segment.line()
            for k, line in enumerate(console.render_lines(text, body, pad=False)):
                yield Segment((marker.rjust(indent) if k == 0 else " " * indent) + " ")
                yield from line
                yield Segment.line()


def _action(action: Action, full: bool) -> Text:
    r = action.result
    text = Text(r.item.remediation, style="bold")
    text.append("\n")
    text.append(r.item.severity, style=SEVERITY_STYLE[r.item.severity])
    text.append(f" · {r.item.effort} effort")
    if action.verify:
        text.append(" · verify first", style="bold")
    text.append(f" · due {short_date(action.due)}")
    if action.owner:
        text.append(f" · {action.owner}")
    text.append(f"\n{r.item.question}", style="dim")
    if full:
        text.append(f" {finding(r)}")
        if r.item.references:
            text.append(f"\n{'; '.join(r.item.references)}", style="dim")
    return text


def renderables(result: Result, full: bool = True, top: int = 5) -> Iterator[RenderableType]:
    a = result.assessment
    c = result.checklist
    yield Text(a.practice, style="bold")
    meta = f"Assessed {long_date(a.date)}" + (f" by {a.assessor}" if a.assessor else "")
    yield Text(f"{meta}\nChecklist: {c.title}, version {c.version}", style="dim")
    yield Text("")
    headline = Text("Overall score ")
    headline.append(f"{fmt_score(result.score)} / 100", style="bold")
    headline.append("  Rating: ")
    headline.append(result.rating, style=RATING_STYLE.get(result.rating, "bold"))
    yield headline
    yield Text(rating_note(result))
    n = result.counts
    if result.incomplete:
        yield Text(
            f"Incomplete: {n.unanswered} of {n.applicable} applicable items "
            f"{'is' if n.unanswered == 1 else 'are'} not answered yet; they count as "
            "\"Don't know\" and are listed to verify.", style="yellow")
    else:
        yield Text(f"All {n.applicable} applicable items answered"
                   + (f", {n.not_applicable} marked not applicable." if n.not_applicable else "."),
                   style="dim")
    from privacycheck.risk import analyse, summary

    risk_summary = summary(analyse(result))
    if risk_summary:
        yield Text(risk_summary)
    if result.checklist_changed:
        yield Text("The checklist has changed since these answers were given: "
                   "new items show as unanswered.", style="yellow")
    if result.orphan_answers:
        yield Text(f"Answers kept for items no longer in the checklist: "
                   f"{', '.join(result.orphan_answers)}", style="dim")

    yield _heading("Sections")
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
        yield _heading("Critical findings")
        yield _hanging([("•", Text.assemble((r.item.question, "bold"), "\n", finding(r)))
                        for r in result.critical_gaps])

    actions = result.plan if full else result.plan[:top]
    if actions:
        yield _heading("Remediation plan" if full else "What to do first")
        yield _hanging([(f"{action.rank}.", _action(action, full)) for action in actions], gap=True)
        if not full and len(result.plan) > top:
            yield Text(f"… and {len(result.plan) - top} more in the full report.", style="dim")
    else:
        yield Text("No open actions: every applicable safeguard is in place.", style="green")

    if full:
        yield from _appendix(result)
        yield _heading("How the score is calculated")
        yield Text(METHOD, style="dim")
        yield _heading("Limitations")
        yield Text(LIMITATIONS, style="dim")
        yield _heading("Sign-off")
        yield Text("Reviewed by: ____________________  Date: ____________")


def _appendix(result: Result) -> Iterator[RenderableType]:
    yield _heading("Answers, item by item")
    for n, s in enumerate(result.sections):
        yield Text(("\n" if n else "") + f"{s.section.title} · {fmt_score(s.score)} · {s.rating}",
                   style="bold")
        rows: list[tuple[str, RenderableType]] = []
        for r in s.items:
            body = Text(r.item.question)
            body.append(f"\n{LABELS[r.status]}", style=STATUS_STYLE.get(r.status, ""))
            since = in_place_since(r, result.assessment.started.date())
            if since:
                body.append(f" since {short_date(since)}", style=STATUS_STYLE.get(r.status, ""))
            body.append(f" · {r.item.severity} · weight {r.weight}", style="dim")
            if r.counted:
                body.append(f" · points {r.points:g}", style="dim")
            answer = r.answer
            if answer and answer.note:
                body.append(f"\n{answer.note}")
            if answer and answer.evidence:
                body.append(f"\nEvidence: {answer.evidence}", style="dim")
            rows.append(("-", body))
        yield _hanging(rows)


def print_summary(result: Result, console: Console, full: bool = False) -> None:
    console.print(Group(*renderables(result, full=full)))


def render_txt(result: Result, width: int = 80) -> str:
    """The full text report, without colour codes."""
    return plain_text(lambda console: print_summary(result, console, full=True), width)


def plain_text(draw: Callable[[Console], None], width: int = 80) -> str:
    """What `draw` prints, as plain text `width` columns wide: no colour codes, no trailing spaces."""
    buffer = io.StringIO()
    from privacycheck.safe_text import console as safe_console

    console = safe_console(file=buffer, width=width, color_system=None, force_terminal=False,
                           legacy_windows=False)
    draw(console)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
