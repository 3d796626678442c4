"""A choice on screen answered with one key: the key shown beside a choice picks it at once;
the arrow keys show a pointer, and only then does Enter pick the choice it points at.

Enter alone, before any arrow key, picks nothing: a stray Enter (after a note, or pressed
twice) can never record an answer. A key that no choice has (words meant for a note that
landed here) makes the prompt ignore every key up to the next Enter, so that a digit in
them cannot pick an answer. Ctrl-C raises KeyboardInterrupt, Ctrl-D EOFError.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from prompt_toolkit.application import Application
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.layout import FormattedTextControl, HSplit, Layout, Window

from privacycheck.model.record import record

STRAY_ENTER_HINT = "Enter alone picks nothing: press a key, or an arrow first."
TYPING_HINT = "Typed text is not an answer: press Enter, then a key."


@record
class Option:
    value: str
    title: str
    key: str = ""  # one character that picks it at once; "" for arrows only
    gap_before: bool = False  # a blank line above it (answers apart from actions)


@record
class Toggle:
    """A key that switches a flag on and off before the choice (e.g. n: add a note)."""

    key: str
    off: str  # the instruction while off
    on: str  # ... and while on
    done: str  # appended to the answer once picked with the flag on


class _State:
    def __init__(self, options: Sequence[Option], start: int) -> None:
        self.options = options
        self.start = start
        self.pointer: int | None = None  # shown only after an arrow key
        self.flag = False
        self.hint = ""
        self.picked: Option | None = None
        self.typing = False  # a key no choice has: words meant for a text line, ignored to Enter

    def move(self, step: int) -> None:
        self.hint = ""
        if self.pointer is None:
            self.pointer = self.start
        else:
            self.pointer = (self.pointer + step) % len(self.options)


def pick(message: str, options: Sequence[Option], *, start: str | None = None,
         instruction: str = "", toggle: Toggle | None = None, **terminal: Any) -> tuple[str, bool]:
    """Ask until a choice is picked; returns its value and whether `toggle` was on."""
    values = [o.value for o in options]
    state = _State(options, values.index(start) if start in values else 0)
    bindings = KeyBindings()

    def choose(event: KeyPressEvent, option: Option) -> None:
        if state.typing:
            return
        state.picked = option
        event.app.exit(result=option.value)

    def bind_key(key: str, option: Option) -> None:
        @bindings.add(key, eager=True)
        def _pick(event: KeyPressEvent) -> None:
            choose(event, option)

    for option in options:
        for key in _cases(option.key):
            bind_key(key, option)

    @bindings.add("up", eager=True)
    def _up(event: KeyPressEvent) -> None:
        state.move(-1)

    @bindings.add("down", eager=True)
    def _down(event: KeyPressEvent) -> None:
        state.move(1)

    @bindings.add("<any>")
    def _typing(event: KeyPressEvent) -> None:
        if event.data.isprintable() and event.data.strip():
            state.typing = True
            state.hint = TYPING_HINT

    @bindings.add("enter", eager=True)
    def _enter(event: KeyPressEvent) -> None:
        if state.typing:
            state.typing = False
            return
        if state.pointer is None:
            state.hint = STRAY_ENTER_HINT
            return
        choose(event, options[state.pointer])

    def flip(event: KeyPressEvent) -> None:
        if not state.typing:
            state.flag = not state.flag

    for key in _cases(toggle.key if toggle is not None else ""):
        bindings.add(key, eager=True)(flip)

    @bindings.add("c-c", eager=True)
    def _interrupt(event: KeyPressEvent) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    @bindings.add("c-d", eager=True)
    def _eof(event: KeyPressEvent) -> None:
        event.app.exit(exception=EOFError, style="class:aborting")

    def text() -> StyleAndTextTuples:
        lines: StyleAndTextTuples = [("bold", f"? {message} ")]
        if state.picked is not None:
            lines.append(("", state.picked.title))
            if toggle is not None and state.flag:
                lines.append(("", f" {toggle.done}"))
            return lines
        note = (toggle.on if state.flag else toggle.off) if toggle is not None else ""
        words = " · ".join(part for part in (instruction, note) if part)
        if words:
            lines.append(("italic", words))
        for n, option in enumerate(options):
            lines.append(("", "\n"))
            if option.gap_before:
                lines.append(("", "\n"))
            mark = "»" if n == state.pointer else " "
            key = f"{option.key} " if option.key else "  "
            lines.append(("reverse" if n == state.pointer else "", f"{mark} {key}{option.title}"))
        if state.hint:
            lines.append(("", f"\n{state.hint}"))
        return lines

    app: Application[str] = Application(
        layout=Layout(HSplit([Window(FormattedTextControl(text, show_cursor=False),
                                     wrap_lines=True, dont_extend_height=True)])),
        key_bindings=bindings, full_screen=False, erase_when_done=False, **terminal)
    value: str = app.run()
    return value, state.flag


def _cases(key: str) -> tuple[str, ...]:
    """A letter key works in either case (Caps Lock on); other keys as they are."""
    if not key:
        return ()
    return (key.lower(), key.upper()) if key.isalpha() and key.lower() != key.upper() else (key,)
