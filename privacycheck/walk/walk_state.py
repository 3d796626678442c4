"""The walk through the safeguards as plain state: which item is next, back, skip, jump,
what is still open. Every answer, note and profile fact is saved to the answers file at once.

Knows nothing of terminals; `walk.py` puts prompts in front of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from privacycheck.analysis.scoring import Result, SectionResult, score
from privacycheck.errors import PrivacycheckError
from privacycheck.files import clock, session_lock
from privacycheck.model import answers
from privacycheck.model.answers import Answer, Assessment
from privacycheck.model.checklist import Checklist, Item, Section
from privacycheck.model.conditions import Fact
from privacycheck.model.record import record, replace


@record
class SectionProgress:
    section: Section
    items: tuple[Item, ...]  # the applicable ones
    done: int  # answered and not merely carried over from last year

    @property
    def label(self) -> str:
        return f"{self.section.title} ({self.done} of {len(self.items)} answered)"


class Walk:
    """Where the user is in the walk, and the assessment as given so far.

    The position is an index into `items` (the applicable items, in checklist order);
    `len(items)` means the walk reached the end. `history` holds the item ids shown
    before, so that Back returns to the question the user actually saw last.
    """

    def __init__(self, checklist: Checklist, assessment: Assessment, path: Path,
                 last_year: Mapping[str, str] | None = None,
                 previous_date: dt.date | None = None, changed: frozenset[str] = frozenset()) -> None:
        self.lock = session_lock.hold(path)  # first: a second window on this file is refused
        self.checklist = checklist
        self.assessment = assessment
        self.path = path
        self.last_year: Mapping[str, str] = last_year or {}  # item id -> last year's status
        self.previous_date = previous_date  # the date of the review --from started from, if known
        self.changed = changed  # ids of items the checklist has changed since that review
        self.items: list[Item] = checklist.applicable_items(assessment.profile)
        self._order = {item.id: n for n, item in enumerate(checklist.items())}
        self.history: list[str] = []
        self.position = self.first_open()

    # ------------------------------------------------------------ reading

    @property
    def current(self) -> Item | None:
        return self.items[self.position] if self.position < len(self.items) else None

    @property
    def at_end(self) -> bool:
        return self.position >= len(self.items)

    def is_open(self, item: Item) -> bool:
        """Not answered yet, or only carried over from last year and not reviewed."""
        answer = self.assessment.answers.get(item.id)
        return answer is None or answer.origin == "carried"

    def first_open(self, start: int = 0) -> int:
        """Index of the first open item at or after `start`; `len(items)` when none."""
        for n in range(start, len(self.items)):
            if self.is_open(self.items[n]):
                return n
        return len(self.items)

    def open_items(self) -> list[Item]:
        return [item for item in self.items if self.is_open(item)]

    @property
    def done(self) -> int:
        return len(self.items) - len(self.open_items())

    def section_of(self, item: Item) -> Section:
        section = self.checklist.section(item.section_id)
        assert section is not None
        return section

    def sections(self) -> list[SectionProgress]:
        """Sections with at least one applicable item, with how far each has got."""
        rows = []
        for section in self.checklist.sections:
            items = tuple(i for i in self.items if i.section_id == section.id)
            if items:
                rows.append(SectionProgress(section, items, sum(not self.is_open(i) for i in items)))
        return rows

    def answer(self, item: Item) -> Answer | None:
        return self.assessment.answers.get(item.id)

    def keepable(self, item: Item) -> bool:
        """Carried over from last year and one key may keep it with its section: In place,
        the item unchanged in the checklist since, and reviewed within the past year. Any
        other carried answer is asked one by one."""
        answer = self.answer(item)
        if answer is None or answer.origin != "carried" or answer.status != "yes" or item.id in self.changed:
            return False
        reviewed = answer.answered.date() if answer.answered else self.previous_date
        return reviewed is not None and clock.today() <= one_year_after(reviewed)

    def section_recap(self, section_id: str) -> tuple[list[Item], list[Item]]:
        """The open items of a section: those one key may keep, and those asked one by one."""
        items = [i for i in self.items if i.section_id == section_id and self.is_open(i)]
        keep = [i for i in items if self.keepable(i)]
        return keep, [i for i in items if i not in keep]

    def default_status(self, item: Item) -> str | None:
        """The status to offer first: the answer given (or carried over), if any."""
        answer = self.answer(item)
        return answer.status if answer else None

    def result(self) -> Result:
        return score(self.checklist, self.assessment)

    def section_result(self, section_id: str) -> SectionResult | None:
        return next((s for s in self.result().sections if s.section.id == section_id), None)

    # ------------------------------------------------------------ moving

    def _leave(self) -> None:
        item = self.current
        if item is not None and (not self.history or self.history[-1] != item.id):
            self.history.append(item.id)

    def advance(self) -> Section | None:
        """Move to the next open item after this one; returns the section just finished.

        A section counts as finished when the walk moves on to another section (or
        to the end) from it.
        """
        left = self.current
        self._leave()
        self.position = self.first_open(self.position + 1)
        if left is None:
            return None
        now = self.current
        if now is None or now.section_id != left.section_id:
            return self.section_of(left)
        return None

    skip = advance  # a skipped item stays unanswered and comes back in the final review

    @property
    def can_go_back(self) -> bool:
        ids = self._indices()
        return self.position > 0 or any(ids.get(i, self.position) != self.position
                                         for i in self.history)

    def back(self) -> bool:
        """Return to the question shown before this one (else the one before in order)."""
        ids = self._indices()
        while self.history:
            n = ids.get(self.history.pop())
            if n is not None and n != self.position:
                self.position = n
                return True
        if self.position > 0:
            self.position -= 1
            return True
        return False

    def _indices(self) -> dict[str, int]:
        return {item.id: n for n, item in enumerate(self.items)}

    def jump(self, section_id: str) -> None:
        """Go to the first open item of a section, or its first item when all are answered."""
        indices = [n for n, item in enumerate(self.items) if item.section_id == section_id]
        if not indices:
            return
        self._leave()
        self.position = next((n for n in indices if self.is_open(self.items[n])), indices[0])

    def start(self) -> None:
        """Begin (or resume) at the first open item, with nothing to go back to."""
        self.history = []
        self.position = self.first_open()

    def restart_at_first_open(self) -> None:
        self._leave()
        self.position = self.first_open()

    # ------------------------------------------------------------ changing (saved at once)

    def save(self) -> None:
        try:
            answers.save(self.assessment, self.path)
        except PrivacycheckError as exc:  # a full disk: say what is lost, and what is not
            raise PrivacycheckError(f"{exc.message.split('; ')[0]}. Your last change is not saved; "
                                    f"every answer before it is still in {self.path}") from None

    def record(self, item: Item, status: str) -> Answer:
        """Answer `item` (keeping its note and evidence) and save."""
        old = self.answer(item)
        now = answers.utcnow()
        base = old.with_status(status, now.date()) if old else Answer(status=status, since=now.date())
        answer = replace(base, answered=now, origin=self._origin(item, status, old))
        self.assessment = self.assessment.with_answer(item.id, answer)
        self.save()
        return answer

    def keep(self, items: list[Item]) -> None:
        """Confirm last year's answers of `items` as they stand (status, since, history, note
        and evidence kept), save once, and move on to the next open item."""
        now = answers.utcnow()
        kept = dict(self.assessment.answers)
        for item in items:
            old = kept[item.id]
            kept[item.id] = replace(old.with_status(old.status, now.date()), answered=now,
                                    origin=self._origin(item, old.status, old))
        self.assessment = replace(self.assessment, answers=kept, updated=now)
        self.save()
        self.position = self.first_open(self.position)

    def note(self, item: Item, note: str) -> None:
        """Set the note of an answered item and save (nothing to do when unchanged)."""
        old = self.answer(item)
        if old is None or old.note == note:
            return
        self.assessment = self.assessment.with_answer(
            item.id, old.with_value("note", note, answers.utcnow().date()))
        self.save()

    def _origin(self, item: Item, status: str, old: Answer | None) -> str:
        if item.id in self.last_year:
            return "confirmed" if status == self.last_year[item.id] else "changed"
        return old.origin if old is not None and old.origin != "carried" else ""

    def set_profile(self, fact: str, value: Fact) -> None:
        """Record a profile fact, save, and re-evaluate which items apply.

        Answers to items that no longer apply are kept. The walk stays on the current
        item if it still applies, else moves to the next open item after it.
        """
        here = self.current
        self.assessment = self.assessment.with_profile(fact, value)
        self.save()
        self.items = self.checklist.applicable_items(self.assessment.profile)
        if here is None:
            self.position = self.first_open()
            return
        ids = [item.id for item in self.items]
        if here.id in ids:
            self.position = ids.index(here.id)
            return
        later = [n for n, item in enumerate(self.items) if self._order[item.id] > self._order[here.id]]
        self.position = self.first_open(later[0]) if later else len(self.items)

    def set_details(self, practice: str | None = None, assessor: str | None = None) -> None:
        old = self.assessment
        self.assessment = replace(old, practice=old.practice if practice is None else practice,
                                  assessor=old.assessor if assessor is None else assessor,
                                  updated=answers.utcnow())
        self.save()

    def use_checklist_version(self) -> None:
        """Record the checklist's current version and hash (after telling the user)."""
        self.assessment = replace(self.assessment, checklist_version=self.checklist.version,
                                  checklist_sha256=self.checklist.sha256)
        self.save()


def one_year_after(day: dt.date) -> dt.date:
    """The same day a year later (29 February gives 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def carried_answers(old: Assessment, checklist: Checklist) -> dict[str, Answer]:
    """Last year's answers for items this checklist still has, marked as carried over, each
    with its history and the day its status began (so "in place since" spans the years)."""
    known = {item.id for item in checklist.items()}
    return {item_id: replace(answer, origin="carried", since=answer.known_since)
            for item_id, answer in old.answers.items() if item_id in known}


def last_year_statuses(assessment: Assessment, old: Assessment | None) -> dict[str, str]:
    """Item id -> last year's status, from last year's file, else from the carried answers."""
    if old is not None:
        return {item_id: a.status for item_id, a in old.answers.items()}
    return {item_id: a.status for item_id, a in assessment.answers.items()
            if a.origin in ("carried", "confirmed")}
