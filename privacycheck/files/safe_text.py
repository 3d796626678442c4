"""Text from files made safe for where people read it: a terminal (control characters shown,
never obeyed; no rich markup) and a spreadsheet (no formulas). Files come from others."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

# Each control character becomes one visible character of the same width, so text keeps its
# length (and rich keeps its styles in place): C0 controls and DEL as their Unicode "control
# pictures" (ESC shows as ␛); C1 controls, the Unicode line and paragraph separators and the
# bidirectional overrides, which reorder what a reader sees, as �. Line breaks and tabs stay.
_PICTURES = {c: chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\n\t"}
_PICTURES[0x7F] = "\u2421"
_PICTURES.update({c: "\ufffd" for c in range(0x80, 0xA0)})
_PICTURES.update({c: "\ufffd" for c in (0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A))})

CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_TRAILING = re.compile(r"[ \t]+\n")
# Citations a terminal line must not break inside: a CFR section, a section sign and its number, an
# ethics code's standard, a state code's name before its section sign. Their spaces are held
# (as _HELD, one cell wide, not a space) while rich wraps the text.
_CITATION = re.compile(r"\d+ CFR \S+|(?:[A-Z][A-Za-z.&]* ){0,4}(?:Code|Stat\.|Laws|Act) §§? \S+|§§? \S+"
                       r"|(?:APA Ethics Code|ACA Code of Ethics|NASW Code of Ethics|AAMFT Code of Ethics) \S+"
                       r"|Public Law \S+|Art\. \d+")
_HELD = "\ue000"


def for_terminal(text: object) -> str:
    """`text` with every control character shown as a visible stand-in (ESC as ␛)."""
    return str(text).translate(_PICTURES)


def typed(text: str) -> str:
    """Text a person typed (on the command line, at a prompt) as readable Unicode. A terminal
    set to Latin-1 or Windows-1252 sends é as one byte, which is not UTF-8 and arrives as a
    lone surrogate that no file can hold: such bytes are read in that encoding instead (the
    Windows one, then Latin-1, which reads any byte), so the words are kept, never lost."""
    if not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        return text.encode("utf-8", "replace").decode("utf-8")
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def csv_cell(value: object) -> str:
    """One CSV cell: a value a spreadsheet would take as a formula (starting with = + - @,
    tab or CR) gets a leading apostrophe, as OWASP advises; None is an empty cell."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(CSV_TRIGGERS) else text


def console(**options: Any) -> Console:
    """A rich Console for text from files: no markup, emoji codes or highlighting is read
    in what it prints, and control characters are shown, not sent."""
    from rich.console import Console
    from rich.segment import Segment
    from rich.text import Text

    class SafeConsole(Console):
        def render_str(self, text: str, **kwargs: Any) -> Text:
            return super().render_str(text.translate(_PICTURES), **kwargs)

        def render(self, renderable: RenderableType, options: Any = None) -> Any:
            if isinstance(renderable, Text) and not renderable.plain.isprintable():
                shown = renderable.plain.translate(_PICTURES)
                if shown != renderable.plain:
                    renderable = renderable.copy()  # before it is wrapped: stand-ins take room
                    renderable.plain = shown  # the same length: the styles stay in place
            if type(renderable) is Text and _CITATION.search(renderable.plain):
                renderable = renderable.copy()
                renderable.__class__ = Unbroken  # its citations wrap as one word
            for segment in super().render(renderable, options):
                if segment.control or segment.text.isprintable():  # the fast, usual case
                    yield segment
                else:
                    yield Segment(segment.text.translate(_PICTURES), segment.style)

        def _render_buffer(self, buffer: Any) -> str:
            """What is written: into a pipe or a file, lines end without the spaces rich pads
            them with (a terminal shows no difference; a file or a diff does)."""
            text: str = super()._render_buffer(buffer)
            if not self.is_terminal and " \n" in text:
                text = _TRAILING.sub("\n", text)
            return text

    class Unbroken(Text):
        """Text whose citations ("45 CFR 164.310(d)(2)(iv)", "Cal. Civ. Code § 43.92") a line
        never breaks inside: their spaces stand in as a non-space while the text is wrapped."""

        __slots__ = ()  # the layout of Text, so that a copy of one can become one of these

        def wrap(self, console: Any, width: int, **kwargs: Any) -> Any:
            held = self.copy()
            held.plain = _CITATION.sub(lambda m: m.group(0).replace(" ", _HELD), self.plain)
            lines = Text.wrap(held, console, width, **kwargs)
            for line in lines:
                line.plain = line.plain.replace(_HELD, " ")
            return lines

    options.setdefault("highlight", False)
    return SafeConsole(markup=False, emoji=False, **options)
