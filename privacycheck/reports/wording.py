"""The words every report shares: the limitations note, how a finding, a score and a date are
written, and the filters that make text from files safe in Markdown and CSS. Imports no other
report module, so every report module may import it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from privacycheck.analysis.scoring import ItemResult
from privacycheck.files.safe_text import for_terminal
from privacycheck.model.answers import STATUS_LABELS

LIMITATIONS = (
    "This is a self-assessment based on the practice's own answers. It is not legal "
    "advice, an audit or a certification of compliance. Laws differ between places; "
    "check local requirements with a qualified adviser or your professional body."
)

LABELS = {**STATUS_LABELS, "unanswered": "Not answered"}
STATUS_TEXT = {  # a finding's status, as the plan and page one print it
    "no": "Not in place", "partial": "Partly in place", "unknown": "Not known: verify",
    "unanswered": "Not answered yet: verify",
}


def finding(r: ItemResult) -> str:
    """What was found, in a few words: the answer and the practice's own note."""
    text = STATUS_TEXT.get(r.status, r.label)
    note = r.answer.note.strip() if r.answer else ""
    return f"{text}. {note}" if note else text


def score_text(score: float | None) -> str:
    """A score as every report prints it: one decimal, or "n/a"."""
    return "n/a" if score is None else f"{score:.1f}"


def text_bar(score: float | None, width: int = 10) -> str:
    """A score as a bar of block characters, for text and Markdown: "███████░░░"."""
    filled = 0 if score is None else round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def long_date(value: str | dt.date | None) -> str:
    """2026-11-02 -> "2 November 2026" (unambiguous in every country); "" stays ""."""
    if not value:
        return ""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    return f"{day.day} {day:%B %Y}"


def short_date(value: str | dt.date | None) -> str:
    """2026-11-02 -> "2 Nov 2026"; "" stays ""."""
    if not value:
        return ""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    return f"{day.day} {day:%b %Y}"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")  # only an & that would start an entity
_BACKTICKS = re.compile(r"`+")


def md(value: object) -> str:
    """User or checklist text made safe inside GitHub Markdown (also in table cells):
    markup characters are escaped, `<`, `>` (and `&` before an entity name) become
    entities, line breaks become <br>, control characters are shown (safe_text)."""
    text = _MD_ENTITY.sub("&amp;", for_terminal(value)).replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return "<br>".join(line.strip() for line in text.strip().splitlines())


def code(value: object, in_table: bool = True) -> str:
    """Text as a Markdown code span, shown exactly as it is: the fence is one backtick
    longer than any run of backticks inside, so nothing inside ends it early (and markup
    inside a code span is never rendered); in a table cell a `|` is escaped as GFM asks."""
    text = " ".join(for_terminal(value).split())
    if in_table:
        text = text.replace("|", "\\|")
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text[:1] == "`" or text[-1:] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}" if text else ""


def css_string(value: object) -> Any:
    """Text as a quoted CSS string for a <style> element (e.g. a page footer): every
    character but letters, digits and spaces is a hex escape, so nothing can break out."""
    from markupsafe import Markup

    escaped = "".join(c if c.isalnum() and c.isascii() or c == " " else f"\\{ord(c):x} "
                      for c in str(value))
    return Markup(f'"{escaped}"')


FILTERS = {"score_text": score_text, "long_date": long_date, "short_date": short_date, "md": md, "code": code,
           "css_string": css_string}
