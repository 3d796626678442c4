"""A Plan as plain data (JSON, documented in docs/json-schema.md; the template context), and
as terminal text (rich, imported only for txt). Nothing is scored or decided here."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from privacycheck.analysis.plan import LABELS, STATE_LABELS, STATES, Entry, Plan
from privacycheck.analysis.scoring import DUE_RULE, per_week
from privacycheck.files import clock
from privacycheck.reports.hints import phrase_lines, say_on_own_line

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console

    from privacycheck.reports.deliver import Destination

SCHEMA_VERSION = 1
TEMPLATES = {"md": "plan.md.j2", "html": "plan.html.j2"}
SHORT_STATES = {"overdue": "Overdue", "soon": "Soon", "later": "Later"}  # soon: within 30 days


def _entry(e: Entry) -> dict[str, Any]:
    r = e.result
    action = e.action
    return {
        "rank": action.rank if action else None,
        "item_id": r.item.id,
        "title": r.item.title,
        "section": r.item.section_id,
        "severity": r.item.severity,
        "effort": r.item.effort,
        "action": r.item.remediation,
        "status": r.status,
        "status_label": LABELS.get(r.status, r.status),
        "state": e.state,
        "state_label": STATE_LABELS[e.state],
        "due": e.due.isoformat() if e.due else None,
        "suggested_due": action.suggested_due.isoformat() if action else None,
        "owner": e.owner,
        "note": e.note,
        "since": e.since.isoformat() if e.since else None,
    }


def to_json(plan: Plan, only_overdue: bool = False) -> dict[str, Any]:
    a = plan.result.assessment
    c = plan.result.checklist
    shown = plan.overdue if only_overdue else plan.open
    return {
        "schema_version": SCHEMA_VERSION,
        "practice": a.practice,
        "assessor": a.assessor,
        "review_date": a.date.isoformat(),
        "today": plan.today.isoformat(),
        "checklist": {"id": c.id, "version": c.version},
        "counts": {"open": len(plan.open), **{state: plan.count(state) for state in STATES}},
        "per_week": per_week(a),
        "due_rule": DUE_RULE.format(per_week=per_week(a)),
        "actions": [_entry(e) for e in shown],
        "done": [] if only_overdue else [_entry(e) for e in plan.done],
    }


def render_json(plan: Plan, only_overdue: bool = False) -> str:
    return json.dumps(to_json(plan, only_overdue), indent=2, ensure_ascii=False) + "\n"


def summary_phrases(plan: Plan) -> list[str]:
    """["2 overdue", "1 due within 30 days", "5 later", "1 done this year"]."""
    parts = [f"{plan.count(s)} {STATE_LABELS[s].lower()}" for s in STATES if plan.count(s)]
    return parts or ["no open actions"]


def summary_line(plan: Plan) -> str:
    """"2 overdue · 1 due within 30 days · 5 later · 1 done this year"."""
    return " · ".join(summary_phrases(plan))


def context(plan: Plan, only_overdue: bool = False) -> dict[str, Any]:
    from privacycheck import __version__
    from privacycheck.reports.wording import LIMITATIONS

    data = to_json(plan, only_overdue)
    return {**data, "summary": summary_line(plan), "only_overdue": only_overdue,
            "generator": f"privacycheck {__version__}", "limitations": LIMITATIONS}


def print_plan(plan: Plan, console: Console, path: str, only_overdue: bool = False) -> None:
    """The plan on one screen: a line per open action in priority order, then what was done."""
    from rich.table import Table
    from rich.text import Text

    from privacycheck.reports.wording import long_date, short_date

    a = plan.result.assessment
    console.print(Text(a.practice, style="bold"))
    console.print(Text(f"Plan from the review of {long_date(a.date)}.", style="dim"))
    first, *rest = summary_phrases(plan)
    for counts in phrase_lines([f"Today, {long_date(plan.today)}: {first}", *rest], console.width):
        console.print(Text(counts, style="dim"))
    shown: Sequence[Entry] = plan.overdue if only_overdue else plan.open
    if not shown:
        console.print(Text("Nothing is overdue." if only_overdue and plan.open
                           else "No open actions: every applicable safeguard is in place.",
                           style="green"))
    else:
        width = max(console.width - 2 - 11 - 7 - 3, 12)  # what the action may take
        table = Table(box=None, pad_edge=False, padding=(0, 1, 0, 0), header_style="bold")
        table.add_column("#", justify="right", no_wrap=True, width=2)
        table.add_column("Action", width=width, overflow="fold")  # a long title or owner wraps, never cut
        table.add_column("Due", no_wrap=True, width=11)
        table.add_column("State", no_wrap=True, width=7)
        for e in shown:
            assert e.action is not None and e.due is not None
            title = Text(e.result.item.title, style="bold" if e.result.item.severity == "critical" else "")
            below = Text(f"{e.item_id} · {LABELS[e.result.status]}" + (f" · {e.owner}" if e.owner else ""),
                         style="dim")
            state = Text(SHORT_STATES[e.state], style="bold" if e.state == "overdue" else "")
            table.add_row(str(e.action.rank), Text.assemble(title, "\n", below), short_date(e.due), state)
        console.print(table)
        console.print(Text(DUE_RULE.format(per_week=per_week(a)), style="dim"))
    if plan.done and not only_overdue:
        console.print(Text("Done this year", style="bold"))
        for e in plan.done:
            line = Text(f"- {e.result.item.title}")
            if e.since:
                line.append(f" (in place since {short_date(e.since)})", style="dim")
            console.print(line)
    if plan.open and not only_overdue:
        import shlex

        name = shlex.quote(path)
        say_on_own_line(console, "Mark one done, or go through them one by one:",
                        f"privacycheck plan {name} --done ITEM_ID", f"privacycheck plan {name} --update",
                        style="dim")


def render_txt(plan: Plan, path: str, only_overdue: bool = False, width: int = 80) -> str:
    from privacycheck.reports.summary import plain_text

    return plain_text(lambda console: print_plan(plan, console, path, only_overdue), width)


def render(plan: Plan, fmt: str, path: str, only_overdue: bool = False,
           templates: Path | None = None, calendar_notes: bool = False) -> str:
    """The plan of the answers file at `path` in `fmt` (json, csv, ics, txt, md or html)."""
    if fmt == "json":
        return render_json(plan, only_overdue)
    if fmt == "csv":
        from privacycheck.reports.plan_csv import render_plan

        return render_plan(plan, plan.overdue if only_overdue else None)
    if fmt == "ics":
        from privacycheck.reports import plan_ics

        return plan_ics.render(plan, notes=calendar_notes)
    if fmt == "txt":
        return render_txt(plan, path, only_overdue)
    from privacycheck.reports.templates import render_template
    from privacycheck.reports.wording import FILTERS

    return render_template(TEMPLATES[fmt], context(plan, only_overdue), templates, filters=FILTERS)


def write(path: Path, dest: Destination, only_overdue: bool = False, owner: str | None = None,
          calendar_notes: bool = False) -> Plan:
    """Show or write the plan of the review at `path` as it stands today (one owner's actions
    alone, if given); the plan."""

    from privacycheck.analysis.plan import build, open_plan
    from privacycheck.reports.deliver import deliver

    the_plan = build(open_plan(path)[2], clock.today())
    if owner is not None:
        the_plan = the_plan.for_owner(owner)
    deliver(dest, lambda fmt: render(the_plan, fmt, str(path), only_overdue, dest.templates,
                                     calendar_notes),
            lambda console: print_plan(the_plan, console, str(path), only_overdue),
            author=the_plan.result.assessment.practice)
    return the_plan
