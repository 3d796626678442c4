"""`privacycheck plan`: the review's open actions through the year: see them, mark them done,
give them owners and dates, go through them one by one, round-trip a spreadsheet, a calendar."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from privacycheck.commands import output_options
from privacycheck.errors import PrivacycheckError

if TYPE_CHECKING:
    from privacycheck.analysis.plan import Plan
    from privacycheck.analysis.scoring import Result
    from privacycheck.model.answers import Assessment

FORMATS = ("txt", "md", "html", "json", "csv", "ics")
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
    p.add_argument("--owner", metavar="NAME", help="who does it ('' for nobody)")
    p.add_argument("--due", metavar="YYYY-MM-DD", help="the agreed due date ('' for the suggested one)")
    p.add_argument("--note", metavar="TEXT", help="the item's note (e.g. what was done)")
    p.add_argument("--update", action="store_true",
                   help="go through the open actions one by one, saving every answer")
    p.add_argument("--import", dest="import_csv", type=Path, metavar="PLAN.csv",
                   help="bring back a plan CSV (from plan -f csv or report -f csv) edited in a "
                        "spreadsheet: status, owner, due and note")


def _check(args: argparse.Namespace) -> str | None:
    """The change asked for (done, item, update, import), after refusing mixed options."""
    changes = [name for name, given in (("--done", args.done), ("--item", args.item),
                                        ("--update", args.update), ("--import", args.import_csv))
               if given]
    if len(changes) > 1:
        raise PrivacycheckError(f"{' and '.join(changes)} do not go together; give one at a time")
    fields = [name for name, value in (("--owner", args.owner), ("--due", args.due),
                                       ("--note", args.note)) if value is not None]
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
    held = None
    if change is not None:  # a review open in another window would overwrite these changes
        from privacycheck.files import session_lock

        held = session_lock.hold(args.answers)
    try:
        return _run(args, change)
    finally:
        if held is not None:
            held.release()


def _run(args: argparse.Namespace, change: str | None) -> int:
    from privacycheck.analysis import plan, review, scoring

    model, assessment = review.open_review(args.answers)
    if assessment.kind == "training":
        raise PrivacycheckError(f"{args.answers}: a training exercise, not a practice's review; "
                                "it has no plan to follow")
    today = dt.date.today()
    result = scoring.score(model, assessment)
    if change == "--update":
        from privacycheck.walk.plan_update import update
        from privacycheck.walk.prompts import for_terminal, plain_wanted

        if not sys.stdin.isatty():
            raise PrivacycheckError("--update asks questions and needs a terminal; to script "
                                    "changes use --done, --item or --import")
        return update(args.answers, model, assessment, *for_terminal(plain_wanted()), today)
    if change in ("--done", "--item"):
        item_id = args.done or args.item
        plan.check_item(result, item_id, args.answers, change)
        due = (plan.KEEP if args.due is None
               else plan.day(args.due, f"--due {args.due}"))
        asked = plan.Change(item_id, status="yes" if args.done else plan.KEEP,
                            owner=plan.KEEP if args.owner is None else " ".join(args.owner.split()),
                            due=due, note=plan.KEEP if args.note is None else " ".join(args.note.split()))
        try:
            changed, said = plan.apply(assessment, asked, today)
        except PrivacycheckError as exc:
            raise PrivacycheckError(f"{args.answers}: {exc.message}") from None
        return _save(args.answers, changed, [(item_id, said)])
    if change == "--import":
        return _import(args.answers, args.import_csv, assessment, result, today)
    return _show(args, plan.build(result, today))


def _save(path: Path, assessment: Assessment, said: list[tuple[str, list[str]]]) -> int:
    from privacycheck.model import answers

    if not any(lines for _, lines in said):
        sys.stdout.write("Nothing to change: the answers file already says so.\n")
        return 0
    answers.save(assessment, path)
    for item_id, lines in said:
        if lines:
            sys.stdout.write(_clean(f"{item_id}: {'; '.join(lines)}") + "\n")
    sys.stdout.write(f"Saved in {path}.\n")
    return 0


def _clean(text: str) -> str:
    """Text from files made safe for a terminal: control characters shown, never obeyed."""
    from privacycheck.files.safe_text import for_terminal

    return for_terminal(text)


def _import(path: Path, csv_path: Path, assessment: Assessment, result: Result,
            today: dt.date) -> int:
    from privacycheck.analysis import plan
    from privacycheck.reports.plan_csv import ImportProblems, read_changes

    if os.path.realpath(csv_path) == os.path.realpath(path):  # realpath: a symlink loop does not raise
        raise PrivacycheckError(f"{csv_path}: this is the answers file; --import reads a CSV plan")
    try:
        changes = read_changes(csv_path, result)
    except ImportProblems as problems:
        for line in problems.lines:
            sys.stderr.write(f"privacycheck: error: {_clean(line)}\n")
        sys.stderr.write(f"{len(problems.lines)} problem{'s' if len(problems.lines) != 1 else ''} "
                         f"in {csv_path}; nothing was imported and {path} is unchanged.\n")
        return 2
    said: list[tuple[str, list[str]]] = []
    for asked in changes:
        assessment, lines = plan.apply(assessment, asked, today)
        said.append((asked.item_id, lines))
    return _save(path, assessment, said)


def _show(args: argparse.Namespace, the_plan: Plan) -> int:
    fmt = output_options.check(args, "plan", FORMATS, [args.answers])
    if fmt == "ics" and args.overdue:
        raise PrivacycheckError("--overdue lists; the calendar (-o .ics) holds every open action")
    code = EXIT_OVERDUE if args.overdue and the_plan.overdue else 0
    if fmt == "txt" and args.output is None:
        from privacycheck.files.safe_text import console as safe_console
        from privacycheck.reports.plan_report import print_plan

        print_plan(the_plan, safe_console(), str(args.answers), args.overdue)
        return code
    from privacycheck.reports import plan_report
    from privacycheck.reports.output import emit

    if fmt == "json":
        text = plan_report.render_json(the_plan, args.overdue)
    elif fmt == "csv":
        from privacycheck.reports.plan_csv import render_plan

        text = render_plan(the_plan, the_plan.overdue if args.overdue else None)
    elif fmt == "ics":
        from privacycheck.reports import plan_ics

        text = plan_ics.render(the_plan)
    elif fmt == "txt":
        text = plan_report.render_txt(the_plan, str(args.answers), args.overdue)
    else:
        from privacycheck.reports.report_context import FILTERS
        from privacycheck.reports.templates import render_template

        text = render_template(plan_report.TEMPLATES[fmt], plan_report.context(the_plan, args.overdue),
                               args.templates, filters=FILTERS)
    emit(text, args.output, follow_umask=args.follow_umask, fmt=fmt)
    return code
