"""The questions of `privacycheck assess`, screen by screen: the practice profile, then the
items section by section, with why-it-matters on request, back, skip, jump to a section,
and a review of the open items before finishing. State and saving live in walk_state.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping, Sequence

from rich.console import Console
from rich.text import Text

from privacycheck.model.answers import STATUS_LABELS, STATUSES
from privacycheck.model.checklist import Item, ProfileQuestion, Section
from privacycheck.model.conditions import Fact
from privacycheck.model.record import record
from privacycheck.walk.prompts import GAPS, NOTE_MODES, Prompts
from privacycheck.walk.walk_state import Walk

PROFILE_SECTION = "-profile"  # the jump menu's entry for changing the practice profile


@record
class ExtraAction:
    """One more choice at every question (e.g. re-reading a training vignette): `run` is
    called, then the same question is shown again."""

    value: str
    title: str
    key: str
    run: Callable[[], None]


def progress_bar(done: int, total: int, width: int) -> str:
    """"█████░░░░░ 50%" in `width` columns at most."""
    share = done / total if total else 1.0
    cells = max(width - 5, 5)
    filled = round(share * cells)
    return "█" * filled + "░" * (cells - filled) + f" {round(share * 100):>3}%"


def ask_practice(prompts: Prompts, default: str = "") -> str:
    return prompts.text("Name of the practice", default=default, required=True)


def ask_assessor(prompts: Prompts, default: str = "") -> str:
    """Required: a review kept on file says who made it (and a stray Enter skips nothing)."""
    return prompts.text("Your name (the assessor)", default=default, required=True)


def ask_fact(prompts: Prompts, question: ProfileQuestion, default: Fact | None) -> Fact:
    """Ask one profile fact; the question itself is printed above by the caller (it wraps
    at word boundaries there, which prompt_toolkit's prompt line does not)."""
    message = "Your answer"
    if question.type == "bool":
        return prompts.yes_no(message, default if isinstance(default, bool) else None)
    if question.type == "int":
        number = default if isinstance(default, int) and not isinstance(default, bool) else None
        return prompts.whole_number(message, number)
    start = default if isinstance(default, str) and default in question.choices else None
    if len(question.choices) > LONG_CHOICE:
        return _typed_choice(prompts, question, start)
    return prompts.select(message, [(c, question.shown(c)) for c in question.choices], start)


LONG_CHOICE = 20  # a choice among more (a US state) is typed by its code or name, not picked from a list


def _typed_choice(prompts: Prompts, question: ProfileQuestion, was: str | None) -> str:
    """A choice typed as its value (a state's code, CA) or its name (California), in any case;
    asked again until it names one. Nothing is filled in: Enter alone answers nothing."""
    names = {c.lower(): c for c in question.choices}
    for choice, label in question.labels:
        names.setdefault(label.lower(), choice)
        names.setdefault(label.split(" (")[0].strip().lower(), choice)
    example = question.choices[0]
    hint: str | None = f"(was {was}: type it again to keep it)" if was else f"(a code such as {example}, or the name)"
    message = "Your answer"
    while True:
        typed = prompts.text(message, required=True, instruction=hint)
        picked = names.get(" ".join(typed.split()).lower())
        if picked is not None:
            return picked
        message, hint = f"Not one of the choices; type a code such as {example}, or the name", None


class Interview:
    """Puts prompts in front of a Walk; every answer is saved by the Walk as it is given."""

    finish_label = "Finish: unanswered items count as Don't know"
    profile_in_jump_menu = True  # False where the profile is given (a training scenario)

    def __init__(self, walk: Walk, console: Console, prompts: Prompts, training: bool = False,
                 extra_actions: Sequence[ExtraAction] = (), notes: str = NOTE_MODES[0]) -> None:
        self.walk = walk
        self.notes = notes  # one of NOTE_MODES: when the note line is offered
        self.console = console
        self.prompts = prompts
        self.training = training
        self.extra_actions = {action.value: action for action in extra_actions}

    # ------------------------------------------------------------ profile

    def pending_profile(self, only_missing: bool = False) -> list[ProfileQuestion]:
        """The profile questions still to ask, in order: a follow-up only once the answer that
        makes it matter is given (the Part 2 program question after "yes, we hold Part 2
        records"; the state after "United States")."""
        model, profile = self.walk.checklist, self.walk.assessment.profile
        return [q for q in model.profile
                if model.asks(q, profile) and not (only_missing and q.id in profile)]

    def ask_profile(self, defaults: Mapping[str, Fact] | None = None, only_missing: bool = False) -> None:
        """Ask the profile questions (each saved as answered); defaults from `defaults`."""
        if not self.pending_profile(only_missing):
            return
        self.prompts.heading(self.console, "About the practice")
        self.console.print(Text("These facts decide which safeguards apply.", style="dim"))
        asked: set[str] = set()
        n = 0
        while todo := [q for q in self.pending_profile(only_missing) if q.id not in asked]:
            question = todo[0]
            asked.add(question.id)
            n += 1
            total = n + len(todo) - 1  # as far as the answers so far tell: it shrinks, never grows
            self.console.print()
            if self.prompts.plain:
                self.console.print(Text(f"Profile question {n} of {total}: {question.question}"))
            else:
                self.console.print(Text(f"Profile {n} of {total}", style="dim"))
                self.console.print(Text(question.question, style="bold"))
            if question.help:
                self.console.print(Text(question.help, style="dim"))
            known = (defaults or {}).get(question.id, self.walk.assessment.profile.get(question.id))
            if known is not None:  # shown, not taken: its key keeps it (Enter alone picks nothing)
                self.console.print(Text(f"Answered before: {question.shown(known)}", style="dim"))
            value = ask_fact(self.prompts, question, known if known is not None else question.default)
            self.walk.set_profile(question.id, value)

    def describe_profile(self, width: int = 72) -> list[str]:
        """The profile as lines of at most `width` columns: a fact per entry, its continuation
        lines indented under it, the answer never alone on a line."""
        lines = []
        for q in self.pending_profile():
            value = self.walk.assessment.profile.get(q.id)
            shown = "not answered" if value is None else q.shown(value)
            words = q.question.split()
            answer = shown.split()
            # the answer's first word is glued to the question's last, so it never stands alone
            glued = [*words[:-1], f"{words[-1]}\N{NO-BREAK SPACE}{answer[0]}", *answer[1:]] \
                if words and answer else [*words, *answer]
            wrapped = textwrap.wrap(" ".join(glued), width, initial_indent="  - ",
                                    subsequent_indent="    ", break_on_hyphens=False)
            lines += [line.replace("\N{NO-BREAK SPACE}", " ") for line in wrapped]
        return lines

    def confirm_profile(self) -> None:
        """On resume: ask what was never answered; when some facts were answered before,
        show the profile and offer to change it (which items apply may change)."""
        answered_before = any(q.id in self.walk.assessment.profile for q in self.pending_profile())
        self.ask_profile(only_missing=True)
        if not self.walk.checklist.profile or not answered_before:
            return
        self.console.print(Text("Practice profile:", style="bold"))
        for line in self.describe_profile(min(self.console.width, 72)):
            self.console.print(Text(line), soft_wrap=True)
        if not self.prompts.yes_no("Is this still right?", True):
            self.change_profile()

    def change_profile(self) -> None:
        """Change the profile a line at a time (each fact with its answer; a follow-up that the
        change makes matter is asked then), until the user says it is right."""
        before = len(self.walk.items)
        width = max(min(self.console.width, 72) - 8, 30)
        while True:
            profile = self.walk.assessment.profile
            lines = [(q.id, textwrap.shorten(f"{q.question.rstrip('?')}? "
                                             f"{q.shown(profile[q.id]) if q.id in profile else '(not answered)'}",
                                             width, placeholder="…"))
                     for q in self.pending_profile()]
            picked = self.prompts.select("Which answer to change?",
                                         [*lines, ("done", "Done: the profile is right")], "done")
            if picked == "done":
                break
            question = next(q for q in self.walk.checklist.profile if q.id == picked)
            self.console.print(Text(question.question, style="bold"))
            if question.help:
                self.console.print(Text(question.help, style="dim"))
            self.walk.set_profile(question.id, ask_fact(self.prompts, question, profile.get(question.id)))
            self.ask_profile(only_missing=True)
        after = len(self.walk.items)
        if after != before:
            self.console.print(Text(f"{after} items apply now (before: {before}). Answers to "
                                    "items that no longer apply are kept.", style="dim"))

    # ------------------------------------------------------------ the walk

    def run(self) -> bool:
        """Walk until the end (True) or until the user picks Save and quit (False)."""
        recapped: set[str] = set()  # sections whose last-year answers were shown as a list
        while True:
            item = self.walk.current
            if item is None:
                if self.final_review():
                    return True
                continue
            if self.walk.last_year and item.section_id not in recapped:
                recapped.add(item.section_id)
                if self.recap_section(self.walk.section_of(item)):
                    continue
            action = self.ask_item(item)
            if action == "quit":
                return False
            if action == "back":
                self.walk.back()
            elif action == "jump":
                self.choose_section()
            else:  # answered or skipped
                finished = self.walk.advance()
                if finished is not None:
                    self.show_section_score(finished)

    def recap_section(self, section: Section) -> bool:
        """Next year's review: the section's answers that were In place last year, listed, kept
        all at once by one key or gone through one by one (the rest come one by one anyway).
        True when they were kept."""
        keep, others = self.walk.section_recap(section.id)
        if not keep:
            return False
        self.console.print()
        self.prompts.heading(self.console, section.title)
        when = self.walk.previous_date
        self.console.print(Text(f"In place at your review of {when.day} {when:%B %Y}:" if when
                                else "In place at your last review:", style="bold"))
        width = max(min(self.console.width, 72), 30)
        for item in keep:
            for line in textwrap.wrap(item.title, width, initial_indent="  - ", subsequent_indent="    ",
                                      break_on_hyphens=False):
                self.console.print(Text(line))
        if others:
            self.console.print(Text(f"Then {len(others)} more to look at one by one (not in place "
                                    "last time, new, or changed in the checklist).", style="dim"))
        choice = self.prompts.select("Are these still in place?", [
            ("keep", f"All still true: keep these {len(keep)}"),
            ("one", "Go through them one by one"),
        ])
        if choice == "keep":
            self.walk.keep(keep)
            return True
        return False

    def ask_item(self, item: Item) -> str:
        """Show one question until it is answered (returns "answered") or left by an action."""
        self.show_header(item)
        while True:
            extra = [(a.value, a.title, a.key) for a in self.extra_actions.values()]
            picked = self.prompts.status(self.walk.default_status(item), self.walk.can_go_back, extra)
            choice = picked.value
            if choice == "why":
                self.show_why(item)
                continue
            if choice in self.extra_actions:
                self.extra_actions[choice].run()
                self.show_header(item)
                continue
            if choice in STATUS_LABELS:
                answer = self.walk.record(item, choice)
                if picked.note or self.notes == "always" or (self.notes == "gaps" and choice in GAPS):
                    self.walk.note(item, self.prompts.note(answer.note, asked=picked.note))
                if self.disagrees(item) == "answer":
                    self.show_header(item)
                    continue
                if self.training:
                    self.show_why(item, choice)
                return "answered"
            return choice

    def disagrees(self, item: Item) -> str:
        """When this answer and the inventory cannot both be true, say so calmly and offer to
        change either: "answer" (ask the item again), "inventory" (changed here) or "keep"."""
        from privacycheck.analysis.register import RULES, contradictions

        a = self.walk.assessment
        if item.id not in RULES or not a.inventory:
            return "keep"
        found = [c for c in contradictions(self.walk.result().items, a.inventory, a.profile) if c.item_id == item.id]
        if not found:
            return "keep"
        self.console.print()
        for c in found:
            self.console.print(Text(c.message, style="yellow"))
        choices = [("keep", "Keep both for now (the reports list it until one is changed)"),
                   ("answer", "Change this answer"),
                   ("inventory", "Change the list of where client information lives")]
        picked = self.prompts.select("Both cannot be true. Which is right?", choices, "keep")
        if picked == "inventory":
            from privacycheck.walk.inventory_walk import InventoryStep

            step = InventoryStep(self.walk, self.console, self.prompts)
            names = [c.inventory for c in found]
            index = next((n for n, e in enumerate(step.entries) if e.name in names), None)
            if index is None:  # the inventory lacks the kind (no backups): add it
                step.edit(len(step.entries), RULES[item.id][0][0])
            else:
                step.edit(index, step.entries[index].kind)
        return picked

    def show_header(self, item: Item) -> None:
        walk = self.walk
        section = walk.section_of(item)
        self.console.print()
        if self.prompts.plain:  # one paragraph, read once: no rule, no bar
            self.console.print(Text(f"Question {walk.position + 1} of {len(walk.items)}, "
                                    f"{section.title}, {walk.done} answered so far: {item.question}"))
        else:
            width = min(self.console.width, 72)
            self.prompts.heading(self.console, section.title)
            counter = Text(f"Question {walk.position + 1} of {len(walk.items)}")
            counter.append(f" · {walk.done} answered · {item.severity}", style="dim")
            self.console.print(counter)
            self.console.print(Text(progress_bar(walk.done, len(walk.items), width), style="dim"))
            self.console.print(Text(item.question, style="bold"))
        answer = walk.answer(item)
        if answer is None:
            return
        key = STATUSES.index(answer.status) + 1
        if answer.origin == "carried":
            when = walk.previous_date
            given = Text(f"From your review of {when.isoformat()}: " if when
                         else "From your earlier review: ", style="dim")
            keep = f"Press {key} to keep that answer, or pick another."
        else:
            given = Text("Answered: ", style="dim")
            keep = f"Press {key} to keep it, or pick another."
        given.append(STATUS_LABELS[answer.status], style="dim")
        if answer.note:
            given.append(f" ({answer.note})", style="dim")
        self.console.print(given)
        self.console.print(Text(keep, style="dim"))

    def show_why(self, item: Item, status: str | None = None) -> None:
        item = self.walk.checklist.for_practice(item, self.walk.assessment.profile)  # its state's rules
        text = Text()
        text.append("Why it matters: ", style="bold")
        text.append(item.why)
        text.append("\nWhat good looks like: ", style="bold")
        text.append(item.guidance)
        if status in ("partial", "no", "unknown"):
            text.append("\nWhat to do: ", style="bold")
            text.append(item.remediation)
        self.console.print(text)

    def show_section_score(self, section: Section) -> None:
        result = self.walk.section_result(section.id)
        if result is None:
            return
        answered = sum(1 for r in result.items if r.status != "unanswered")
        score = "n/a" if result.score is None else f"{result.score:.0f} / 100"
        line = Text(f"{section.title} so far: ")
        line.append(score, style="bold")
        line.append(f" ({result.rating})")
        if answered < len(result.items):
            line.append(f" · {answered} of {len(result.items)} answered", style="dim")
        self.console.print()
        self.console.print(line)

    def choose_section(self) -> None:
        rows = self.walk.sections()
        choices = [(row.section.id, row.label) for row in rows]
        if self.profile_in_jump_menu:
            choices.append((PROFILE_SECTION, "Practice profile (decides which items apply)"))
        here = self.walk.current
        picked = self.prompts.select("Jump to", choices, here.section_id if here else None)
        if picked == PROFILE_SECTION:
            self.change_profile()
        else:
            self.walk.jump(picked)

    def final_review(self) -> bool:
        """At the end: offer the open items once more; True when the user is finished."""
        open_items = self.walk.open_items()
        if not open_items:
            return True
        carried = sum(1 for item in open_items if self.walk.answer(item) is not None)
        what = f"{len(open_items)} item{'s' if len(open_items) != 1 else ''} still open"
        if carried:
            what += f" ({carried} carried over from last year, not yet confirmed)"
        self.console.print()
        self.console.print(Text(what + ".", style="bold"))
        choice = self.prompts.select("What next?", [
            ("review", "Answer them now"),
            ("jump", "Jump to section…"),
            ("finish", self.finish_label),
        ], "review")
        if choice == "finish":
            return True
        if choice == "jump":
            self.choose_section()
        else:
            self.walk.restart_at_first_open()
        return False
