"""Changes to the plan, saved to the answers file at once: one action marked done or given an
owner, due date or note (`plan --done`, `--item`), a spreadsheet brought back (`--import`), or
the actions gone through one by one (`--update`). Each holds the answers file's lock while it
works, so that a review open in another window cannot overwrite the change."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from privacycheck.errors import PrivacycheckError
from privacycheck.files import clock

if TYPE_CHECKING:
    from privacycheck.model.answers import Assessment


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    from privacycheck.files import session_lock

    held = session_lock.hold(path)
    try:
        yield
    finally:
        if held is not None:
            held.release()


def change_item(path: Path, item_id: str, option: str, owner: str | None = None,
                due: str | None = None, note: str | None = None) -> int:
    """Mark the action for `item_id` done (`option` --done), and/or set its owner, due date
    ('' for the suggested one) or note (None: leave it); say what changed."""
    from privacycheck.analysis import plan

    with _locked(path):
        _, assessment, result = plan.open_plan(path)
        plan.check_item(result, item_id, path, option)
        asked = plan.Change(item_id, status="yes" if option == "--done" else plan.KEEP,
                            owner=plan.KEEP if owner is None else " ".join(owner.split()),
                            due=plan.KEEP if due is None else plan.day(due, f"--due {due}"),
                            note=plan.KEEP if note is None else " ".join(note.split()))
        try:
            changed, said = plan.apply(assessment, asked, clock.today())
        except PrivacycheckError as exc:
            raise PrivacycheckError(f"{path}: {exc.message}") from None
        return _save(path, changed, [(item_id, said)])


def set_per_week(path: Path, number: int) -> int:
    """How many actions the plan may let fall due in one week (0: the default for the practice)."""
    from privacycheck.analysis import plan
    from privacycheck.model.answers import MOST_PER_WEEK
    from privacycheck.model.record import replace

    if not 0 <= number <= MOST_PER_WEEK:
        raise PrivacycheckError(f"--per-week {number}: expected a whole number from 1 to {MOST_PER_WEEK} "
                                "(0 for the default: 3 for a practice of one, 5 with staff)")
    with _locked(path):
        _, assessment, _ = plan.open_plan(path)
        if assessment.per_week == number:
            return _save(path, assessment, [])
        said = f"at most {number} actions due in any one week" if number else "the default number of actions a week"
        return _save(path, replace(assessment, per_week=number), [("plan", [f"due dates by capacity: {said}"])])


def import_csv(path: Path, csv_path: Path) -> int:
    """Bring back the status, owner, due date and note of every row of a plan CSV edited in a
    spreadsheet: all of them, or (exit code 2, every problem listed) none."""
    from privacycheck.analysis import plan
    from privacycheck.reports.plan_csv import ImportProblems, read_changes

    if os.path.realpath(csv_path) == os.path.realpath(path):  # realpath: a symlink loop does not raise
        raise PrivacycheckError(f"{csv_path}: this is the answers file; --import reads a CSV plan")
    with _locked(path):
        _, assessment, result = plan.open_plan(path)
        try:
            changes = read_changes(csv_path, result)
        except ImportProblems as problems:
            for line in problems.lines:
                sys.stderr.write(f"privacycheck: error: {_clean(line)}\n")
            sys.stderr.write(f"{len(problems.lines)} problem{'s' if len(problems.lines) != 1 else ''} "
                             f"in {csv_path}; nothing was imported and {path} is unchanged.\n")
            return 2
        said: list[tuple[str, list[str]]] = []
        today = clock.today()
        for asked in changes:
            assessment, lines = plan.apply(assessment, asked, today)
            said.append((asked.item_id, lines))
        return _save(path, assessment, said)


def update(path: Path) -> int:
    """Go through the open actions one by one on this terminal (in plain mode where the
    terminal or PRIVACYCHECK_PLAIN asks for it, as for assess)."""
    from privacycheck.analysis import plan
    from privacycheck.walk import plan_update
    from privacycheck.walk.prompts import for_terminal, plain_wanted

    with _locked(path):
        model, assessment, _ = plan.open_plan(path)
        if not sys.stdin.isatty():
            raise PrivacycheckError("--update asks questions and needs a terminal; to script "
                                    "changes use --done, --item or --import")
        return plan_update.update(path, model, assessment, *for_terminal(plain_wanted()),
                                  clock.today())


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
