"""`privacycheck plan`: the review's open actions through the year: see them, mark them done,
give them owners and dates, go through them one by one, round-trip a spreadsheet, a calendar."""

from __future__ import annotations

import argparse
from pathlib import Path

from privacycheck.commands import output_options
from privacycheck.errors import PrivacycheckError
from privacycheck.files.safe_text import typed

FORMATS = ("txt", "md", "html", "json", "csv", "ics", "pdf")
EXIT_OVERDUE = 3


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "plan", help="the open actions through the year: overdue, done, owners, due dates",
        description="The review's open actions in priority order, with their due date, owner "
                    "and state today (overdue, due within 30 days, later, done this year). "
                    "Mark actions done, set owners and due dates, go through them one by one, "
                    "or bring back the plan from a spreadsheet: each change is saved to the "
                    "answers file at once, keeping the earlier status and its date.")
    p.add_argument("answers", type=Path, metavar="ANSWERS.toml")
    output_options.add(p, FORMATS, "folder of templates that override the bundled "
                                   "plan.md.j2 / plan.html.j2")
    p.add_argument("--overdue", action="store_true",
                   help="list only the overdue actions; exit with code 3 when there are any")
    p.add_argument("--done", metavar="ITEM_ID", help="mark this action done (In place, from today)")
    p.add_argument("--item", metavar="ITEM_ID", help="the action --owner, --due or --note change")
    p.add_argument("--owner", metavar="NAME", type=typed,
                   help="with --item or --done: who does it ('' for nobody); alone: show only "
                        "this person's actions")
    p.add_argument("--due", metavar="YYYY-MM-DD", help="the agreed due date ('' for the suggested one)")
    p.add_argument("--note", metavar="TEXT", type=typed, help="the item's note (e.g. what was done)")
    p.add_argument("--update", action="store_true",
                   help="go through the open actions one by one, saving every answer")
    p.add_argument("--import", dest="import_csv", type=Path, metavar="PLAN.csv",
                   help="bring back a plan CSV (from plan -f csv or report -f csv) edited in a "
                        "spreadsheet: status, owner, due and note")
    p.add_argument("--per-week", type=int, metavar="N",
                   help="let at most N actions fall due in any one week when due dates are suggested "
                        "(saved in the answers file; 0 for the default: 3 for a practice of one, 5 with staff)")
    p.add_argument("--calendar-notes", action="store_true",
                   help="with -o FILE.ics: put each action's status, owner and the practice's "
                        "note in its event (left out by default: calendars often sit with a "
                        "cloud provider)")


def _check(args: argparse.Namespace) -> str | None:
    """The change asked for (done, item, update, import), after refusing mixed options."""
    changes = [name for name, given in (("--done", args.done), ("--item", args.item),
                                        ("--update", args.update), ("--import", args.import_csv),
                                        ("--per-week", args.per_week is not None))
               if given]
    if len(changes) > 1:
        raise PrivacycheckError(f"{' and '.join(changes)} do not go together; give one at a time")
    fields = [name for name, value in (("--owner", args.owner), ("--due", args.due),
                                       ("--note", args.note)) if value is not None]
    if fields == ["--owner"] and not (args.done or args.item or changes):
        return None  # one person's actions, shown
    if fields and not (args.done or args.item):
        raise PrivacycheckError(f"{fields[0]} needs the action it is for: --item ITEM_ID (or --done ITEM_ID)")
    if args.item and not fields:
        raise PrivacycheckError("--item needs what to change: --owner, --due or --note")
    if changes and (args.output or args.format or args.overdue):
        raise PrivacycheckError(f"{changes[0]} changes the answers file; show or export the "
                                "plan in a separate run (-o, -f, --overdue)")
    return changes[0] if changes else None


def run(args: argparse.Namespace) -> int:
    change = _check(args)
    if change is not None:
        from privacycheck.walk import plan_changes

        if change == "--update":
            return plan_changes.update(args.answers)
        if change == "--import":
            return plan_changes.import_csv(args.answers, args.import_csv)
        if change == "--per-week":
            return plan_changes.set_per_week(args.answers, args.per_week)
        return plan_changes.change_item(args.answers, args.done or args.item, change,
                                        args.owner, args.due, args.note)
    from privacycheck.reports import plan_report

    dest = output_options.destination(args, "plan", FORMATS, [args.answers])
    if dest.fmt == "ics" and args.overdue:
        raise PrivacycheckError("--overdue lists; the calendar (-o .ics) holds every open action")
    if args.calendar_notes and dest.fmt != "ics":
        raise PrivacycheckError("--calendar-notes is for the calendar: -o FILE.ics")
    the_plan = plan_report.write(args.answers, dest, args.overdue, owner=args.owner,
                                 calendar_notes=args.calendar_notes)
    return EXIT_OVERDUE if args.overdue and the_plan.overdue else 0
