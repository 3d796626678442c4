"""The terminal summary (rich): the txt report, also shown at the end of `assess`, and the one
screen `privacycheck report FILE` shows on a terminal."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.rule import Rule
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from privacycheck.analysis.kit import document_for
from privacycheck.analysis.scoring import DUE_RULE, METHOD, Action, Result, per_week
from privacycheck.model.conditions import Fact
from privacycheck.reports.report_context import first_actions, headline, rating_note
from privacycheck.reports.report_data import in_place_since
from privacycheck.reports.wording import (
    LABELS,
    LIMITATIONS,
    STATUS_TEXT,
    long_date,
    score_text,
    short_date,
    text_bar,
)

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


def _heading(title: str, plain: bool = False) -> Group:
    """A section's title: a rule across the screen, or in plain mode a line of its own (a
    screen reader reads a rule out as a row of box-drawing characters)."""
    if plain:
        return Group(Text(""), Text(title, style="bold"))
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


def _finding(action: Action, with_note: bool = True) -> Text:
    """Title, status and the practice's own note: one finding, as every list prints it."""
    r = action.result
    text = Text(r.item.title, style="bold")
    text.append(" - ")
    text.append(STATUS_TEXT.get(r.status, LABELS[r.status]), style=STATUS_STYLE.get(r.status, ""))
    note = r.answer.note.strip() if r.answer else ""
    if note and with_note:
        text.append(f". {note}")
    return text


def _action(action: Action, full: bool, compact: bool = False,
            profile: Mapping[str, Fact] | None = None) -> Text:
    """One action: the finding, what to do, severity and due date (`compact`: one line's worth,
    the finding without its note nor the action, for the one-screen summary)."""
    r = action.result
    text = _finding(action, with_note=not compact)
    text.append(" · " if compact else f"\n{r.item.remediation}\n")
    text.append(r.item.severity.upper() if r.item.severity == "critical" else r.item.severity,
                style=SEVERITY_STYLE[r.item.severity])
    if full:
        text.append(f" · {r.item.effort} effort")
    text.append(f" · due {short_date(action.due)}")
    if action.owner:
        text.append(f" · {action.owner}")
    if full and r.item.references:
        text.append(f"\n{'; '.join(r.item.references)}", style="dim")
    if full and profile is not None and (kit := document_for(r.item.id, profile)):
        text.append(f"\nStarter document: {kit[1]} (privacycheck kit)")
    return text


def _more(result: Result, shown: int) -> str:
    rest = len(result.plan) - shown
    critical = max(0, len(result.critical_gaps) - shown)
    span = f"#{shown + 1}" + (f"-#{len(result.plan)}" if rest > 1 else "")
    return (f"... and {rest} more" + (f", {critical} of them critical" if critical else "")
            + f": plan {span}.")


def renderables(result: Result, full: bool = True, top: int | None = None,
                risk_summary: str | None = None, compact: bool = False,
                plain: bool = False) -> Iterator[RenderableType]:
    """The summary (headline, section scores, first actions); with `full` the whole report.
    `top` caps the first actions (default: all critical gaps, at least five, at most eight).
    `plain` (plain mode, for screen readers): no rules and no score bars, only words."""
    a = result.assessment
    c = result.checklist
    yield Text(a.practice, style="bold")
    meta = f"Assessed {long_date(a.date)}" + (f" by {a.assessor}" if a.assessor else "")
    yield Text(f"{meta}\nChecklist: {c.title}, version {c.version}", style="dim")
    yield Text("")
    line = Text(headline(result), style="bold")
    if not result.incomplete and result.score is not None:
        line = Text("Overall score ")
        line.append(f"{fmt_score(result.score)} / 100", style="bold")
        line.append(" · Rating: ")
        line.append(result.rating, style=RATING_STYLE.get(result.rating, "bold"))
    yield line
    yield Text(rating_note(result))
    n = result.counts
    if not result.incomplete:
        yield Text(f"All {n.applicable} applicable items answered"
                   + (f", {n.not_applicable} marked not applicable." if n.not_applicable else "."),
                   style="dim")
    if risk_summary is None and not compact:  # the one screen leaves it to the full report
        from privacycheck.analysis.risk import analyse, summary

        risk_summary = summary(analyse(result))
    if result.checklist_changed:
        yield Text("The checklist has changed since these answers were given: "
                   "new items show as unanswered.", style="yellow")
    if risk_summary:
        yield _heading("Risk summary", plain)
        yield Text(risk_summary)
    from privacycheck.analysis.register import contradictions

    disagreements = contradictions(result.items, a.inventory, a.profile)
    if disagreements:
        yield _heading("Where the inventory and the answers disagree", plain)
        for found in disagreements:
            yield Text(f"- {found.message}")
        yield Text("Both cannot be true: change whichever is wrong, the list of where client "
                   "information lives or the answer.", style="dim")

    yield _heading("Section scores", plain)
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
    table.add_column("section", overflow="fold")
    if not plain:
        table.add_column("bar", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("rating", no_wrap=True)
    for s in result.sections:
        cells: list[RenderableType] = [s.section.title, fmt_score(s.score),
                                       Text(s.rating, style=RATING_STYLE.get(s.rating, ""))]
        if not plain:
            cells.insert(1, bar(s.score))
        table.add_row(*cells)
    yield table

    plan = list(result.plan)
    shown = first_actions(plan, len(result.critical_gaps))[0]
    if top is not None:
        shown = shown[:top]
    if shown:
        yield _heading("First actions (critical first)" if result.critical_gaps else "First actions", plain)
        yield _hanging([(f"{act.rank}.", _action(act, False, compact)) for act in shown],
                       gap=not compact)
        if len(plan) > len(shown):
            yield Text(_more(result, len(shown)), style="bold")
    else:
        yield Text("No open actions: every applicable safeguard is in place.", style="green")

    if full:
        if plan:
            yield _heading("Remediation plan", plain)
            yield Text("In priority order. " + DUE_RULE.format(per_week=per_week(a)), style="dim")
            yield _hanging([(f"{act.rank}.", _action(act, True, profile=a.profile)) for act in plan], gap=True)
        yield from _twelve_months(result, plain)
        yield from _appendix(result, plain)
        yield _heading("How the score is calculated", plain)
        yield Text(METHOD, style="dim")
        yield _heading("Limitations", plain)
        yield Text(LIMITATIONS, style="dim")
        yield _heading("Sign-off", plain)
        from privacycheck.analysis.risk import next_review

        yield Text("Reviewed by: ____________________  Date: ____________")
        yield Text(f"Next review due: {long_date(next_review(a.date))}")


def _twelve_months(result: Result, plain: bool = False) -> Iterator[RenderableType]:
    """A US practice: the safeguards in place for the twelve months before the review."""
    from privacycheck.reports.report_data import TWELVE_MONTHS

    held = result.held_a_year()
    if held is None:
        return
    yield _heading("In place for twelve months or more", plain)
    yield Text(TWELVE_MONTHS, style="dim")
    if not held:
        yield Text("None yet: the answers file shows no safeguard in place for twelve months before "
                   "this review. Next year's review, made from this one, will show those that held.")
        return
    yield _hanging([("-", Text(f"{r.item.title}, in place since {long_date(r.held_since)}"))
                    for r in held if r.held_since])


def _appendix(result: Result, plain: bool = False) -> Iterator[RenderableType]:
    yield _heading("Answers, item by item", plain)
    ranks = {act.result.item.id: act.rank for act in result.plan}
    for n, s in enumerate(result.sections):
        yield Text(("\n" if n else "") + f"{s.section.title} · {fmt_score(s.score)} · {s.rating}",
                   style="bold")
        rows: list[tuple[str, RenderableType]] = []
        for r in s.items:
            body = Text(r.item.title, style="bold")
            if r.item.title != r.item.question:
                body.append(f"\n{r.item.question}")
            body.append(f"\n{LABELS[r.status]}", style=STATUS_STYLE.get(r.status, ""))
            since = in_place_since(r, result.assessment.started.date())
            if since:
                body.append(f" since {short_date(since)}", style=STATUS_STYLE.get(r.status, ""))
            body.append(f" · {r.item.severity}", style="dim")
            if r.counted:
                body.append(f" · {r.points:g} of {r.weight} points", style="dim")
            if r.item.id in ranks:
                body.append(f" · plan #{ranks[r.item.id]}", style="dim")
            answer = r.answer
            if answer and answer.note:
                body.append(f"\nNote: {answer.note}")
            if answer and answer.evidence:
                body.append(f"\nEvidence: {answer.evidence}", style="dim")
            rows.append(("-", body))
        yield _hanging(rows)
    if result.orphan_answers:
        n = len(result.orphan_answers)
        yield Text(f"\nAnswers kept for {n} item{'' if n == 1 else 's'} this checklist no longer "
                   "has (not scored; listed in the JSON and Markdown reports).", style="dim")


def print_summary(result: Result, console: Console, full: bool = False, plain: bool = False) -> None:
    console.print(Group(*renderables(result, full=full, plain=plain)))


def render_txt(result: Result, width: int = 80) -> str:
    """The full text report, without colour codes."""
    return plain_text(lambda console: print_summary(result, console, full=True), width)


def plain_text(draw: Callable[[Console], None], width: int = 80) -> str:
    """What `draw` prints, as plain text `width` columns wide: no colour codes, no trailing spaces."""
    buffer = io.StringIO()
    from privacycheck.files.safe_text import console as safe_console

    console = safe_console(file=buffer, width=width, color_system=None, force_terminal=False,
                           legacy_windows=False)
    draw(console)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _hint_commands(answers: Path | None) -> tuple[str, ...]:
    import shlex

    name = shlex.quote(str(answers)) if answers is not None else "FILE"
    return tuple(f"privacycheck report {name} {option}" for option in ("--full", "-o report.html"))


def _print_hint(console: Console, answers: Path | None) -> None:
    """How to get the whole report: each command on a line of its own, never wrapped."""
    from privacycheck.reports.hints import say_on_own_line

    say_on_own_line(console, "The whole report, on screen or to print:", *_hint_commands(answers),
                    style="dim")


def screen_lines(result: Result, width: int, top: int | None, answers: Path | None) -> int:
    """How many lines the one-screen summary takes at `width` with `top` first actions (a
    command wider than the terminal takes the lines the terminal folds it into)."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False,
                      highlight=False)
    console.print(Group(*renderables(result, full=False, top=top, compact=True)))
    folded = sum(-(-cell_len(f"  {command}") // max(width, 1)) for command in _hint_commands(answers))
    return buffer.getvalue().count("\n") + 1 + folded


def show_report(result: Result, full: bool = False, answers: Path | None = None,
                console: Console | None = None) -> None:
    """On a terminal: one screen (headline, section scores, as many first actions as fit, how
    to get the rest), or with `full` the whole report through a pager. Piped: the whole report."""
    console = console or Console(highlight=False)
    if not console.is_terminal:
        console.print(Group(*renderables(result, full=True)))
        return
    if full:
        with console.pager(styles=True):
            console.print(Group(*renderables(result, full=True)))
        return
    top = len(first_actions(list(result.plan), len(result.critical_gaps))[0])
    while top > 1 and screen_lines(result, console.width, top, answers) > console.height - 1:
        top -= 1
    console.print(Group(*renderables(result, full=False, top=top, compact=True)))
    _print_hint(console, answers)
