"""The questions on screen (questionary), thin on purpose: Ctrl-C raises KeyboardInterrupt
and Ctrl-D raises EOFError at every prompt, so the caller can save and say how to resume.

`Prompts(input=..., output=...)` hands a terminal to every prompt, which is how the
tests feed keys through prompt_toolkit's pipe input.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from questionary import Choice, Separator

from privacycheck.answers import STATUS_LABELS, STATUSES

# Answer choices keep their number keys; actions get letters a user can remember.
ACTIONS = (
    ("why", "Why it matters & what good looks like", "w"),
    ("skip", "Skip for now", "s"),
    ("back", "Back", "b"),
    ("jump", "Jump to section…", "j"),
    ("quit", "Save and quit", "q"),
)
ANSWER_INSTRUCTION = "(1-5 or arrows, then Enter)"
NOTE_INSTRUCTION = "(Enter to skip)"


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
    def __init__(self, **terminal: Any) -> None:
        self.terminal = terminal  # input= / output= for tests; empty for the real terminal

    def _ask(self, question: questionary.Question) -> Any:
        return _raise_on_eof(question).unsafe_ask()

    def status(self, default: str | None, can_go_back: bool = True,
               extra: Sequence[tuple[str, str, str]] = ()) -> str:
        """One of STATUSES, or an action: why, skip, back, jump, quit, or one of `extra`
        ((value, title, shortcut key) triples, offered after "why")."""
        choices: list[Choice | Separator] = [
            Choice(STATUS_LABELS[s], value=s, shortcut_key=str(n))
            for n, s in enumerate(STATUSES, start=1)
        ]
        choices.append(Separator())
        actions = [ACTIONS[0], *extra, *ACTIONS[1:]]
        choices += [Choice(title, value=value, shortcut_key=key)
                    for value, title, key in actions if value != "back" or can_go_back]
        result: str = self._ask(questionary.select(
            "Your answer", choices=choices, default=default or STATUSES[0],
            use_shortcuts=True, use_jk_keys=False, instruction=ANSWER_INSTRUCTION,
            **self.terminal))
        return result

    def note(self, default: str = "") -> str:
        result: str = self._ask(questionary.text(
            "Note or evidence", default=default, instruction=NOTE_INSTRUCTION, **self.terminal))
        return " ".join(result.split())

    def text(self, message: str, default: str = "", required: bool = False,
             instruction: str | None = None) -> str:
        def check(value: str) -> bool | str:
            return bool(value.strip()) or "Please type an answer"

        result: str = self._ask(questionary.text(
            message, default=default, instruction=instruction,
            validate=check if required else None, **self.terminal))
        return " ".join(result.split())

    def select(self, message: str, choices: Sequence[tuple[str, str]],
               default: str | None = None, instruction: str | None = None) -> str:
        """Pick one of (value, title) pairs; returns the value."""
        options = [Choice(title, value=value) for value, title in choices]
        result: str = self._ask(questionary.select(
            message, choices=options, default=default, instruction=instruction, **self.terminal))
        return result

    def pause(self, message: str, instruction: str | None = None) -> str:
        """Wait for Enter; returns whatever was typed before it (most callers ignore it)."""
        result: str = self._ask(questionary.text(message, instruction=instruction, **self.terminal))
        return result.strip()

    def yes_no(self, message: str, default: bool | None = None) -> bool:
        options = [Choice("Yes", value="yes", shortcut_key="y"),
                   Choice("No", value="no", shortcut_key="n")]
        start = None if default is None else ("yes" if default else "no")
        result = self._ask(questionary.select(
            message, choices=options, default=start, use_shortcuts=True,
            instruction="(y/n)", **self.terminal))
        return bool(result == "yes")

    def whole_number(self, message: str, default: int | None = None) -> int:
        def check(value: str) -> bool | str:
            return value.strip().isdigit() or "Please type a whole number, e.g. 1"

        result: str = self._ask(questionary.text(
            message, default="" if default is None else str(default), validate=check,
            **self.terminal))
        return int(result.strip())
