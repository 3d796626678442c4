"""The plan through the year: a review's open actions (scoring's plan, in its order) with
their due date, owner and state on a given day, and the changes a practice makes to them.

Knows nothing of terminals or file formats. A change keeps the earlier status in the
answer's history (Answer.with_status); the review's date (`updated`) is left as it was,
so the suggested due dates do not move while the year's work goes on.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from privacycheck.analysis.scoring import Action, ItemResult, Result
from privacycheck.errors import PrivacycheckError
from privacycheck.model import answers
from privacycheck.model.answers import STATUS_LABELS, Answer, Assessment
from privacycheck.model.record import record, replace

if TYPE_CHECKING:
    from privacycheck.model.checklist import Checklist

SOON_DAYS = 30
STATES = ("overdue", "soon", "later", "done")
STATE_LABELS = {"overdue": "Overdue", "soon": "Due within 30 days", "later": "Later",
                "done": "Done this year"}
LABELS = {**STATUS_LABELS, "unanswered": "Not answered"}


class _Keep:
    """The value of a field that a change leaves alone."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP = _Keep()


@record
class Entry:
    """One line of the plan: an open action, or a safeguard put in place since the review began."""

    result: ItemResult
    state: str  # one of STATES
    action: Action | None  # None for a done entry

    @property
    def item_id(self) -> str:
        return self.result.item.id

    @property
    def due(self) -> dt.date | None:
        return self.action.due if self.action else None

    @property
    def owner(self) -> str:
        return self.result.answer.owner if self.result.answer else ""

    @property
    def note(self) -> str:
        return self.result.answer.note if self.result.answer else ""

    @property
    def since(self) -> dt.date | None:
        """In place since (for a done entry): the day it was marked In place."""
        return self.result.held_since


@record
class Plan:
    result: Result
    today: dt.date
    open: tuple[Entry, ...]  # priority order, as scoring ranks the plan
    done: tuple[Entry, ...]  # checklist order

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self.open + self.done

    def count(self, state: str) -> int:
        return sum(1 for e in self.entries if e.state == state)

    @property
    def overdue(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.open if e.state == "overdue")

    def for_owner(self, name: str) -> Plan:
        """One person's plan: the actions whose owner is `name` (spacing and case aside)."""
        wanted = same_owner(name)
        return replace(self, open=tuple(e for e in self.open if same_owner(e.owner) == wanted),
                       done=tuple(e for e in self.done if same_owner(e.owner) == wanted))


def same_owner(name: str) -> str:
    """An owner's name as compared: "Jo  Smith" and "jo smith" are the same person."""
    return " ".join(name.split()).casefold()


def state_of(due: dt.date, today: dt.date) -> str:
    if due < today:
        return "overdue"
    if (due - today).days <= SOON_DAYS:
        return "soon"
    return "later"


def done_this_year(r: ItemResult, started: dt.date) -> bool:
    """In place now, after another status, changed on or after the day the review began."""
    a = r.answer
    return (r.status == "yes" and a is not None and bool(a.history)
            and a.since is not None and a.since >= started)


def build(result: Result, today: dt.date) -> Plan:
    """The plan on `today`: scoring's open actions in its order, then what was done."""
    open_entries = tuple(Entry(action.result, state_of(action.due, today), action)
                         for action in result.plan)
    started = result.assessment.started.date()
    done = tuple(Entry(r, "done", None) for r in result.items if done_this_year(r, started))
    return Plan(result, today, open_entries, done)


# ---------------------------------------------------------------- changes


@record
class Change:
    """What to change about one item; KEEP leaves a field as it is (due None clears it)."""

    item_id: str
    status: str | _Keep = KEEP
    owner: str | _Keep = KEEP
    due: dt.date | None | _Keep = KEEP
    note: str | _Keep = KEEP


def day(text: str, where: str) -> dt.date | None:
    """A date written YYYY-MM-DD ("" or "none": no date); anything else is a one-line error."""
    text = text.strip()
    if text.lower() in ("", "none"):
        return None
    try:  # fromisoformat alone would take 2027-W01-1, or 20270415 with two more characters
        if len(text) != 10 or not text.isascii() or text[4::3] != "--" \
                or not text.replace("-", "").isdigit():
            raise ValueError(text)
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise PrivacycheckError(f"{where}: {text!r} is not a date written as YYYY-MM-DD "
                                "(e.g. 2027-03-01)") from None
    # Only what every reader of the answers file accepts: a date saved outside these years
    # would make every later command refuse the file.
    if not answers.FIRST_YEAR <= value.year <= answers.LAST_YEAR:
        raise PrivacycheckError(f"{where}: {text} is not a possible date here (expected a year "
                                f"from {answers.FIRST_YEAR} to {answers.LAST_YEAR})")
    return value


def apply(assessment: Assessment, change: Change, today: dt.date,
          now: dt.datetime | None = None) -> tuple[Assessment, list[str]]:
    """The assessment with `change` made, and what changed in words (empty: nothing did).

    A new status is recorded with today's date and the earlier one kept in the history; an
    earlier owner, due date or note is kept in `earlier` with today's date.
    An item that is not answered yet takes a status first: owner, due date or note alone
    would record an answer nobody gave.
    """
    old = assessment.answers.get(change.item_id)
    if old is None:
        if isinstance(change.status, _Keep):
            raise PrivacycheckError(f"{change.item_id}: not answered yet; give it a status first "
                                    "(e.g. --done, or privacycheck assess --resume)")
        old_status = "unanswered"
        answer = Answer(status=change.status, since=today)
    else:
        old_status = old.status
        answer = old
        if not isinstance(change.status, _Keep) and change.status != old.status:
            answer = old.with_status(change.status, today)
    said: list[str] = []
    if answer.status != old_status:
        answer = replace(answer, answered=now or answers.utcnow())
        said.append(f"status {LABELS[old_status]} -> {LABELS[answer.status]} (since {today.isoformat()})")
    if not isinstance(change.owner, _Keep) and change.owner != answer.owner:
        said.append(f"owner {answer.owner or '(none)'} -> {change.owner or '(none)'}")
        answer = answer.with_value("owner", change.owner, today)
    if not isinstance(change.due, _Keep) and change.due != answer.due:
        before = answer.due.isoformat() if answer.due else "(suggested)"
        after = change.due.isoformat() if change.due else "(suggested)"
        said.append(f"due {before} -> {after}")
        answer = answer.with_value("due", change.due, today)
    if not isinstance(change.note, _Keep) and change.note != answer.note:
        said.append("note changed" if change.note else "note removed")
        answer = answer.with_value("note", change.note, today)
    if not said:
        return assessment, []
    return replace(assessment, answers={**assessment.answers, change.item_id: answer}), said


def check_item(result: Result, item_id: str, path: Path, option: str) -> None:
    if result.checklist.item(item_id) is None:
        raise PrivacycheckError(f"{path}: {option} {item_id}: no such item in checklist "
                                f"{result.checklist.id} (privacycheck plan {path} lists the open actions)")


def open_plan(path: Path) -> tuple[Checklist, Assessment, Result]:
    """The review at `path`, its checklist and its score: a practice's review, whose plan this
    is (a training exercise has none)."""
    from privacycheck.analysis import review, scoring

    model, assessment = review.open_review(path)
    if assessment.kind == "training":
        raise PrivacycheckError(f"{path}: a training exercise, not a practice's review; "
                                "it has no plan to follow")
    return model, assessment, scoring.score(model, assessment)
