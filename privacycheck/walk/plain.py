"""Plain mode (`--plain`, TERM=dumb): every prompt a line of plain text, every answer a line
typed and echoed back in words. Nothing is redrawn, no cursor moves, no escape sequences:
what a screen reader or a dumb terminal needs. Same helpers as `prompts.Prompts`.

An empty line never picks a choice; it asks again (or, at an optional line, leaves it empty).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from rich.console import Console

from privacycheck.files.safe_text import for_terminal, typed
from privacycheck.model.answers import STATUS_LABELS, STATUSES
from privacycheck.walk.prompts import ACTIONS, AGAIN_FOR_NO_NOTE, NOTE_KEY, Picked, Prompts

NOTED = "noted:"  # marks a status typed with n (2n): a note follows
ACTION_WORDS = {"why": "why it matters", "skip": "skip for now", "back": "back",
                "jump": "jump to a section", "quit": "save and quit"}


def shown(text: str) -> str:
    """`text` safe for a terminal: a control character (from a file: a name, a note) is
    shown as a stand-in (ESC as ␛, safe_text), never sent as such."""
    return for_terminal(text)


def _ctrl_c_stops() -> None:
    """Plain mode reads whole lines, so Ctrl-C stops it only through SIGINT: a walk started
    with SIGINT ignored (from nohup, or a background job of a script) would otherwise go on
    after Ctrl-C is pressed. The full-screen prompts read Ctrl-C as a key and need nothing."""
    import signal

    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


class PlainPrompts(Prompts):
    plain = True

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None) -> None:
        super().__init__()
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        if stdin is None:
            _ctrl_c_stops()

    # ------------------------------------------------------------ lines in and out

    def say(self, line: str = "") -> None:
        self.stdout.write(shown(line) + "\n")
        self.stdout.flush()

    def read(self, prompt: str) -> str:
        """One line typed after `prompt`; end of input (Ctrl-D) raises EOFError."""
        self.stdout.write(shown(prompt) + " ")
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.say()
            raise EOFError
        return " ".join(typed(line).split())

    def choose(self, prompt: str, keys: dict[str, str], retry: str) -> str:
        """Read until the line is one of `keys` (typed keys, lower case -> value)."""
        while True:
            typed = self.read(prompt).lower()
            if typed in keys:
                return keys[typed]
            self.say(f"Nothing recorded. {retry}" if not typed else f"{typed!r} is not one of the choices. {retry}")

    # ------------------------------------------------------------ the helpers

    def heading(self, console: Console, title: str) -> None:
        console.print()
        console.print(title, markup=False, highlight=False)

    def status(self, default: str | None, can_go_back: bool = True,
               extra: Sequence[tuple[str, str, str]] = (), offer_note: bool = True) -> Picked:
        self.say("Answers:")
        keys: dict[str, str] = {}
        for n, status in enumerate(STATUSES, start=1):
            label = STATUS_LABELS[status]
            self.say(f"  {n}. {label}")
            keys[str(n)] = keys[label.lower()] = status
            if offer_note:
                keys[f"{n}{NOTE_KEY}"] = keys[f"{NOTE_KEY}{n}"] = NOTED + status
        actions = [a for a in (ACTIONS[0], *extra, *ACTIONS[1:]) if a[0] != "back" or can_go_back]
        self.say("Or: " + ", ".join(f"{key} {ACTION_WORDS.get(value, title.lower())}"
                                    for value, title, key in actions) + ".")
        keys.update({key: value for value, _title, key in actions})
        if offer_note:
            self.say(f"To add a note, type {NOTE_KEY} after the number, e.g. 2{NOTE_KEY}.")
        value = self.choose("Your answer:", keys, "Type a number from 1 to 5, or a letter.")
        note = value.startswith(NOTED)
        value = value.removeprefix(NOTED)
        titles = {v: t for v, t, _ in actions}
        self.say(f"{STATUS_LABELS.get(value) or titles[value]}{', with a note' if note else ''}.")
        return Picked(value, note)

    def note(self, default: str = "", asked: bool = False) -> str:
        if default:
            typed = self.read(f"Note or evidence, now: {default!r}. Enter keeps it, - removes it:")
            return "" if typed == "-" else (typed or default)
        typed = self.read("Note or evidence (Enter for none):")
        if not typed and asked:
            self.say(AGAIN_FOR_NO_NOTE + ".")
            typed = self.read("Note or evidence:")
        return typed

    def text(self, message: str, default: str = "", required: bool = False,
             instruction: str | None = None) -> str:
        hint = f" [{default}] (Enter keeps it)" if default else (f" {instruction}" if instruction else "")
        while True:
            typed = self.read(f"{message}{hint}:") or default
            if typed or not required:
                return typed
            self.say("Please type an answer.")

    def select(self, message: str, choices: Sequence[tuple[str, str]],
               default: str | None = None, instruction: str | None = None) -> str:
        self.say(f"{message}:")
        for n, (_value, title) in enumerate(choices, start=1):
            self.say(f"  {n}. {title}")
        keys = {str(n): value for n, (value, _title) in enumerate(choices, start=1)}
        value = self.choose("Type a number:", keys, f"Type a number from 1 to {len(choices)}.")
        self.say(dict(choices)[value] + ".")
        return value

    def pause(self, message: str, instruction: str | None = None) -> str:
        return self.read(f"{message}{f' {instruction}' if instruction else ''}:")

    def yes_no(self, message: str, default: bool | None = None) -> bool:
        keys = {"y": "yes", "yes": "yes", "n": "no", "no": "no"}
        value = self.choose(f"{message} (y or n):", keys, "Type y for yes or n for no.")
        self.say(value.capitalize() + ".")
        return value == "yes"

    def whole_number(self, message: str, default: int | None = None) -> int:
        was = "" if default is None else f" (was {default})"
        while True:
            typed = self.read(f"{message}{was}, a whole number:")
            if typed.isdigit():
                return int(typed)
            self.say("Please type a whole number, e.g. 1.")
