"""`privacycheck plan --update`: the open actions one by one, with the walk's keys (1-5 for
the status, n before it for a note, w why, s skip, b back, j jump to a section, q save and
quit). For each: the status, the note when asked for, and while the action stays open its
owner and due date. Every answer is saved to the answers file the moment it is given;
Ctrl-C or Ctrl-D loses nothing."""

from __future__ import annotations

import datetime as dt
import shlex
from pathlib import Path

from rich.console import Console
from rich.text import Text

from privacycheck.analysis import plan, scoring
from privacycheck.analysis.plan import STATE_LABELS, Change, Entry
from privacycheck.errors import PrivacycheckError
from privacycheck.model import answers
from privacycheck.model.answers import Assessment
from privacycheck.model.checklist import Checklist
from privacycheck.reports.hints import say_on_own_line
from privacycheck.reports.wording import short_date
from privacycheck.walk.prompts import Prompts

EXIT_INTERRUPTED = 130


class Update:
    """The open actions as they were when the update began, and the assessment as it is now."""

    def __init__(self, path: Path, model: Checklist, assessment: Assessment, console: Console,
                 prompts: Prompts, today: dt.date) -> None:
        self.path = path
        self.model = model
        self.assessment = assessment
        self.console = console
        self.prompts = prompts
        self.today = today
        self.entries = plan.build(scoring.score(model, assessment), today).open
        self.changed: list[str] = []

    def change(self, asked: Change) -> None:
        """Make one change and save it at once."""
        self.assessment, said = plan.apply(self.assessment, asked, self.today)
        if said:
            answers.save(self.assessment, self.path)
            self.changed.append(asked.item_id)

    def run(self) -> bool:
        """Through every action (True), or until Save and quit (False)."""
        position = 0
        while position < len(self.entries):
            choice = self.ask(position)
            if choice == "quit":
                return False
            if choice == "back":
                position = max(position - 1, 0)
            elif choice == "jump":
                position = self.jump(position)
            else:
                position += 1
        return True

    def ask(self, position: int) -> str:
        entry = self.entries[position]
        item = entry.result.item
        self.show(position, entry)
        while True:
            current = self.assessment.answers.get(item.id)
            picked = self.prompts.status(current.status if current else None, position > 0)
            choice = picked.value
            if choice == "why":
                why = Text("Why it matters: ", style="bold")
                why.append(item.why)
                why.append("\nWhat good looks like: ", style="bold")
                why.append(item.guidance)
                self.console.print(why)
                continue
            if choice not in answers.STATUSES:
                return choice
            self.change(Change(item.id, status=choice))
            answer = self.assessment.answers[item.id]
            if picked.note:  # n before the answer, as in the walk
                self.change(Change(item.id, note=self.prompts.note(answer.note, asked=True)))
            if choice not in ("yes", "na"):
                owner = self.prompts.text("Owner (who does it)", default=answer.owner,
                                          instruction="(Enter to keep)")
                self.change(Change(item.id, owner=owner))
                self.change(Change(item.id, due=self.ask_due(entry)))
            return "answered"

    def ask_due(self, entry: Entry) -> dt.date | None:
        answer = self.assessment.answers.get(entry.item_id)
        shown = (answer.due if answer and answer.due else entry.due)
        while True:
            text = self.prompts.text("Due date (YYYY-MM-DD)", default=shown.isoformat() if shown else "",
                                     instruction="(Enter to keep)")
            try:
                due = plan.day(text, "due date")
            except PrivacycheckError as exc:
                self.console.print(Text(exc.message, style="yellow"))
                continue
            if due is not None and entry.action and due == entry.action.suggested_due and not (
                    answer and answer.due):
                return None  # the suggestion kept as it was: nothing agreed yet
            return due

    def show(self, position: int, entry: Entry) -> None:
        item = entry.result.item
        section = self.model.section(item.section_id)
        self.console.print()
        self.prompts.heading(self.console, section.title if section else item.section_id)
        counter = Text(f"Action {position + 1} of {len(self.entries)}")
        due = f" · due {short_date(entry.due)}" if entry.due else ""
        counter.append(f" · {STATE_LABELS[entry.state]}{due} · {item.severity}", style="dim")
        self.console.print(counter)
        self.console.print(Text(item.title, style="bold"))
        self.console.print(Text(item.remediation))
        answer = self.assessment.answers.get(item.id)
        now = Text(f"Now: {plan.LABELS[answer.status] if answer else 'Not answered'}", style="dim")
        if answer and answer.owner:
            now.append(f" · owner {answer.owner}", style="dim")
        if answer and answer.note:
            now.append(f" ({answer.note})", style="dim")
        self.console.print(now)

    def jump(self, position: int) -> int:
        sections = []
        for entry in self.entries:
            sid = entry.result.item.section_id
            if sid not in sections:
                sections.append(sid)
        titles = {s.id: s.title for s in self.model.sections}
        here = self.entries[position].result.item.section_id
        picked = self.prompts.select("Jump to", [(s, titles.get(s, s)) for s in sections], here)
        return next(n for n, e in enumerate(self.entries) if e.result.item.section_id == picked)

    def resume_command(self) -> str:
        return f"privacycheck plan {shlex.quote(str(self.path))} --update"


def update(path: Path, model: Checklist, assessment: Assessment, console: Console,
           prompts: Prompts, today: dt.date) -> int:
    session = Update(path, model, assessment, console, prompts, today)
    if not session.entries:
        console.print("No open actions: every applicable safeguard is in place.")
        return 0
    console.print(Text(f"{assessment.practice}: {len(session.entries)} open actions, in priority "
                       "order. Every answer is saved the moment you give it.", style="bold"))
    try:
        finished = session.run()
    except (KeyboardInterrupt, EOFError):
        console.print()
        finished = None
    count = len(set(session.changed))
    say_on_own_line(console, f"{count} action{'' if count == 1 else 's'} changed; saved in", str(path))
    if not finished:
        say_on_own_line(console, "To carry on:", session.resume_command())
    if finished is None:
        return EXIT_INTERRUPTED
    from privacycheck.reports.plan_report import summary_line

    result = scoring.score(model, session.assessment)
    console.print(f"The plan now: {summary_line(plan.build(result, today))}.")
    return 0
