"""The questions on screen, for every step of a walk (profile, items, and any new step).

A step asks through a `Prompts` object and never builds prompts itself, so that the same
step runs in the terminal and in plain mode (`privacycheck.walk.plain.PlainPrompts`: one line
in, one line out, for screen readers and dumb terminals). The helpers:

- `heading(console, title)`: a step's or a section's title (a rule; a plain line in plain mode)
- `status(default, can_go_back, extra, offer_note) -> Picked`: an item's answer or an action
- `note(default, asked) -> str`: the optional note or evidence line
- `select(message, [(value, title)...], default) -> value`: one of a few choices (keys 1-9)
- `yes_no(message, default) -> bool`: y or n
- `text(message, default, required) -> str` and `whole_number(message, default) -> int`
- `pause(message) -> str`: wait for Enter (returns what was typed, e.g. "q")

The rules every helper keeps: a choice is picked by its key at once, or with the arrow
keys and then Enter; Enter alone before an arrow key picks nothing (`keypick`), so a stray
Enter never records an answer. Ctrl-C raises KeyboardInterrupt and Ctrl-D EOFError at
every prompt, so the caller can save and say how to resume.

`Prompts(input=..., output=...)` hands a terminal to every prompt, which is how the tests
feed keys through prompt_toolkit's pipe input.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from privacycheck.files.safe_text import typed
from privacycheck.model.answers import STATUS_LABELS, STATUSES
from privacycheck.model.record import record
from privacycheck.walk.keypick import Option, Toggle, pick

# Answer choices have number keys; actions get letters a user can remember.
ACTIONS = (
    ("why", "Why it matters & what good looks like", "w"),
    ("skip", "Skip for now", "s"),
    ("back", "Back", "b"),
    ("jump", "Jump to section…", "j"),
    ("quit", "Save and quit", "q"),
)
NOTE_KEY = "n"
SELECT_KEYS = "123456789abcdefghijklmnopqrstuvwxyz"  # the keys of a list's entries, in order
NOTE_MODES = ("on-request", "gaps", "always")  # when the note line is offered (--notes)
GAPS = ("partial", "no", "unknown")  # the answers that --notes gaps asks a note for
ANSWER_INSTRUCTION = "(press a key)"
NOTE_TOGGLE = Toggle(NOTE_KEY, off="n: add a note", on="a note follows (n: none)",
                     done="(a note follows)")
NOTE_INSTRUCTION = "(Enter for none)"
AGAIN_FOR_NO_NOTE = "Empty: press Enter again to go on without a note"


@record
class Picked:
    """What the user picked at an item: a status or an action, and whether a note follows."""

    value: str
    note: bool = False


def plain_wanted(asked: bool = False) -> bool:
    """Plain mode: asked for (--plain), a dumb terminal, or PRIVACYCHECK_PLAIN=1 set once."""
    return (asked or os.environ.get("TERM") == "dumb"
            or os.environ.get("PRIVACYCHECK_PLAIN", "") not in ("", "0"))


def for_terminal(plain: bool) -> tuple[Console, Prompts]:
    """The console (text from files shown, never obeyed: safe_text) and prompts of the real
    terminal, in plain mode or not."""
    from privacycheck.files.safe_text import console

    if plain:
        from privacycheck.walk.plain import PlainPrompts

        return console(color_system=None), PlainPrompts()
    return console(), Prompts()


def _raise_on_eof(question: questionary.Question) -> questionary.Question:
    """Ctrl-D ends the prompt with EOFError, whatever is typed, as Ctrl-C does with KeyboardInterrupt."""
    bindings = KeyBindings()

    @bindings.add("c-d", eager=True)
    def _eof(event: Any) -> None:
        event.app.exit(exception=EOFError, style="class:aborting")

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings]) if app.key_bindings else bindings
    return question


class Prompts:
    plain = False  # True for PlainPrompts: the caller prints no bars or rules either

    def __init__(self, **terminal: Any) -> None:
        self.terminal = terminal  # input= / output= for tests; empty for the real terminal

    def _ask(self, question: questionary.Question | Callable[[], Any]) -> Any:
        """Every prompt goes through here: a questionary line of text, or a key pick."""
        if isinstance(question, questionary.Question):
            return _raise_on_eof(question).unsafe_ask()
        return question()

    def _pick(self, message: str, options: Sequence[Option], **kw: Any) -> tuple[str, bool]:
        result: tuple[str, bool] = self._ask(lambda: pick(message, options, **kw, **self.terminal))
        return result

    def heading(self, console: Console, title: str) -> None:
        console.print(Rule(Text(title, style="bold"), align="left"))

    def status(self, default: str | None, can_go_back: bool = True,
               extra: Sequence[tuple[str, str, str]] = (), offer_note: bool = True) -> Picked:
        """One of STATUSES, or an action: why, skip, back, jump, quit, or one of `extra`
        ((value, title, shortcut key) triples, offered after "why"). With `offer_note`,
        n before the answer asks for a note after it (Picked.note)."""
        options = [Option(s, STATUS_LABELS[s], str(n)) for n, s in enumerate(STATUSES, start=1)]
        actions = [ACTIONS[0], *extra, *ACTIONS[1:]]
        options += [Option(value, title, key, gap_before=n == 0)
                    for n, (value, title, key) in enumerate(
                        a for a in actions if a[0] != "back" or can_go_back)]
        value, note = self._pick("Your answer", options, start=default, instruction=ANSWER_INSTRUCTION,
                                 toggle=NOTE_TOGGLE if offer_note else None)
        return Picked(value, note and value in STATUS_LABELS)

    def note(self, default: str = "", asked: bool = False) -> str:
        """The note line. `asked` (the user pressed n for it): Enter on the empty line goes on
        only when pressed twice, so a stray Enter cannot send the note's words elsewhere."""
        tried = [not asked]

        def check(value: str) -> bool | str:
            if value.strip() or tried[0]:
                return True
            tried[0] = True
            return AGAIN_FOR_NO_NOTE

        result: str = self._ask(questionary.text(
            "Note or evidence", default=default, instruction=NOTE_INSTRUCTION, validate=check,
            **self.terminal))
        return " ".join(typed(result).split())

    def text(self, message: str, default: str = "", required: bool = False,
             instruction: str | None = None) -> str:
        def check(value: str) -> bool | str:
            return bool(value.strip()) or "Please type an answer"

        result: str = self._ask(questionary.text(
            message, default=default, instruction=instruction,
            validate=check if required else None, **self.terminal))
        return " ".join(typed(result).split())

    def select(self, message: str, choices: Sequence[tuple[str, str]],
               default: str | None = None, instruction: str | None = None) -> str:
        """Pick one of (value, title) pairs by its key (1-9, then a-z) or the arrows; returns the
        value. `default` is where the arrows start: Enter alone does not take it."""
        options = [Option(value, title, SELECT_KEYS[n] if n < len(SELECT_KEYS) else "")
                   for n, (value, title) in enumerate(choices)]
        value, _ = self._pick(message, options, start=default,
                              instruction=instruction or ANSWER_INSTRUCTION)
        return value

    def pause(self, message: str, instruction: str | None = None) -> str:
        """Wait for Enter; returns whatever was typed before it (most callers ignore it)."""
        result: str = self._ask(questionary.text(message, instruction=instruction, **self.terminal))
        return result.strip()

    def yes_no(self, message: str, default: bool | None = None) -> bool:
        """y or n at once (Enter alone answers nothing); `default` is where the arrows start."""
        options = [Option("yes", "Yes", "y"), Option("no", "No", "n")]
        start = None if default is None else ("yes" if default else "no")
        value, _ = self._pick(message, options, start=start, instruction="(y or n)")
        return value == "yes"

    def whole_number(self, message: str, default: int | None = None) -> int:
        """A number typed afresh: `default` (the earlier answer) is shown, not filled in."""
        def check(value: str) -> bool | str:
            return value.strip().isdigit() or "Please type a whole number, e.g. 1"

        result: str = self._ask(questionary.text(
            message, validate=check,
            instruction=None if default is None else f"(was {default})", **self.terminal))
        return int(result.strip())
