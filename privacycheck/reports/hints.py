"""What a screen prints to be copied or read at a glance: a command or a path on a line of its
own, never wrapped or cut, and short phrases ("3 due within 30 days") that a line never splits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def say_on_own_line(console: Console, lead: str, *commands: str, style: str = "") -> None:
    """`lead`, then each of `commands` (a command or a path) indented on a line of its own,
    never wrapped or cut by rich, so that it can be copied whole (a terminal narrower than the
    command folds it, but no line break is written into it)."""
    from rich.text import Text

    console.print(Text(lead, style=style))
    for command in commands:
        console.print(Text(f"  {command}", style=style), soft_wrap=True)


def phrase_lines(phrases: Sequence[str], width: int, sep: str = " · ", indent: str = "") -> list[str]:
    """`phrases` joined by `sep` into lines at most `width` wide, breaking only between phrases
    (a phrase wider than the line has a line of its own)."""
    lines: list[str] = []
    line = ""
    for phrase in phrases:
        joined = f"{line}{sep}{phrase}" if line else f"{indent}{phrase}"
        if line and len(joined) > width:
            lines.append(line + sep.rstrip())
            line = f"{indent}{phrase}"
        else:
            line = joined
    if line:
        lines.append(line)
    return lines
