"""The plan as CSV for a spreadsheet, and back: one writer for `report -f csv` and
`plan -f csv`, and the reader for `plan --import`, which checks every row before anything
changes.

Cells a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return) are written with a leading apostrophe, as OWASP's CSV-injection advice says; the
reader removes exactly that one apostrophe, and refuses a cell that starts with = or @
without it (a formula typed into the sheet).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from privacycheck.errors import PrivacycheckError
from privacycheck.files.safe_text import CSV_TRIGGERS, csv_cell
from privacycheck.model.answers import STATUS_LABELS, STATUSES
from privacycheck.model.record import record
from privacycheck.reports.wording import finding

if TYPE_CHECKING:
    from privacycheck.analysis.plan import Change, Entry, Plan
    from privacycheck.analysis.scoring import Action, ItemResult, Result

FORMULA_START = CSV_TRIGGERS
# On import, a cell starting so is taken for a formula and refused; one starting with + or -
# (a phone number, a note "- done") is plain text, written back with its apostrophe.
REFUSED_START = ("=", "@", "\t", "\r")
REPORT_COLUMNS = (
    "rank", "item_id", "title", "section", "question", "finding", "action", "severity", "effort",
    "status", "suggested_due", "due", "owner", "note", "references",
)
PLAN_COLUMNS = (*REPORT_COLUMNS[:10], "state", *REPORT_COLUMNS[10:-1], "since", "references")
IMPORTED = ("status", "owner", "due", "note")
MAX_BYTES = 2_000_000
UNANSWERED = "Not answered"
# Every word the reader takes for a status: the codes, the words the CSV writes, the finding's.
STATUS_WORDS = {
    **{s: s for s in STATUSES},
    **{label.casefold(): s for s, label in STATUS_LABELS.items()},
    "partly in place": "partial",
    UNANSWERED.casefold(): "unanswered",
    "unanswered": "unanswered",
}


def neutralise(value: object) -> str:
    """One cell as every CSV privacycheck writes it (safe_text.csv_cell)."""
    return csv_cell(value)


def write(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    """CSV text with these columns, every cell neutralised (the one writer for plans)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(row.get(column, "")) for column in columns])
    return buffer.getvalue()


def _row(r: ItemResult, action: Action | None) -> dict[str, Any]:
    a = r.answer
    since = r.held_since
    return {
        "rank": action.rank if action else "",
        "item_id": r.item.id,
        "title": r.item.title,
        "section": r.item.section_id,
        "question": r.item.question,
        "finding": finding(r),
        "action": r.item.remediation,
        "severity": r.item.severity,
        "effort": r.item.effort,
        "status": STATUS_LABELS.get(r.status, UNANSWERED),
        "suggested_due": action.suggested_due.isoformat() if action else "",
        "due": action.due.isoformat() if action else (a.due.isoformat() if a and a.due else ""),
        "owner": a.owner if a else "",
        "note": a.note if a else "",
        "since": since.isoformat() if since else "",
        "references": "; ".join(r.item.references),
    }


def render_report(result: Result) -> str:
    """`report -f csv`: the remediation plan alone, one row per action."""
    return write(REPORT_COLUMNS, (_row(a.result, a) for a in result.plan))


def render_plan(plan: Plan, entries: Sequence[Entry] | None = None) -> str:
    """`plan -f csv`: the open actions with their state, then what was done this year."""
    from privacycheck.analysis.plan import STATE_LABELS

    return write(PLAN_COLUMNS, ({**_row(e.result, e.action), "state": STATE_LABELS[e.state]}
                                for e in (plan.entries if entries is None else entries)))


# ---------------------------------------------------------------- reading back


@record
class Problem:
    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str  # the column's letter and name, e.g. "K (due)"; "" for the whole row
    message: str


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _read(path: Path) -> str:
    """The CSV's text: a regular file (opened without waiting, so a FIFO cannot hang us), at
    most MAX_BYTES, UTF-8 with or without a byte-order mark."""
    import os
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise PrivacycheckError(f"{path}: no such file") from None
    except PermissionError:
        raise PrivacycheckError(f"{path}: permission denied") from None
    except OSError as exc:
        raise PrivacycheckError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except ValueError:
        raise PrivacycheckError(f"{str(path)!r}: not a possible file name") from None
    kind = os.fstat(fd).st_mode
    if not stat.S_ISREG(kind):
        os.close(fd)
        if stat.S_ISDIR(kind):
            raise PrivacycheckError(f"{path}: is a directory, expected a CSV file")
        raise PrivacycheckError(f"{path}: not a regular file")
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise PrivacycheckError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise PrivacycheckError(f"{path}: larger than {MAX_BYTES // 1_000_000} MB; not a plan CSV")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = len(data[: exc.start].splitlines()) or 1  # a sheet saved with CR line ends too
        if data[: exc.start].endswith((b"\n", b"\r")):
            line += 1
        raise PrivacycheckError(f"{path}: line {line}: not UTF-8 text (save the sheet as "
                                "'CSV UTF-8')") from None


def _cell(text: str) -> tuple[str, bool]:
    """(the value, whether it was a live formula): our apostrophe removed, once."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:], False
    return text, text.startswith(REFUSED_START)


def read_changes(path: Path, result: Result) -> list[Change]:
    """The changes a plan CSV asks for; every problem in it at once as one error, none applied."""
    from privacycheck.analysis.plan import KEEP, Change, day

    text = _read(path)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        table = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise PrivacycheckError(f"{path}: not a readable CSV file: {exc}") from None
    if not table:
        raise PrivacycheckError(f"{path}: empty; expected the CSV written by privacycheck plan -f csv")
    header = [name.strip().casefold() for name in table[0]]
    if "item_id" not in header:
        raise PrivacycheckError(f"{path}: row 1: no item_id column; expected the CSV written by "
                                "privacycheck plan -f csv or report -f csv")
    columns = {name: header.index(name) for name in ("item_id", *IMPORTED) if name in header}
    if len(columns) == 1:
        raise PrivacycheckError(f"{path}: row 1: none of the columns {', '.join(IMPORTED)}: nothing to import")
    where = {name: f"{_letter(i)} ({name})" for name, i in columns.items()}
    due_now = {a.result.item.id: a.due for a in result.plan}
    problems: list[Problem] = []
    changes: list[Change] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        values: dict[str, str] = {}
        bad = False
        for name, i in columns.items():
            value, formula = _cell(cells[i] if i < len(cells) else "")
            if formula:
                problems.append(Problem(number, where[name], f"{value[:30]!r} would run as a "
                                        "spreadsheet formula; start it with an apostrophe or "
                                        "change it"))
                bad = True
            values[name] = value.strip()
        item_id = values["item_id"]
        if bad:
            continue
        if not item_id:
            problems.append(Problem(number, where["item_id"], "no item id"))
            continue
        if result.checklist.item(item_id) is None:
            problems.append(Problem(number, where["item_id"], f"unknown item id {item_id[:60]!r} "
                                    f"(not in checklist {result.checklist.id})"))
            continue
        if item_id in seen:
            problems.append(Problem(number, where["item_id"], f"{item_id} appears twice "
                                    f"(rows {seen[item_id]} and {number}); keep one row"))
            continue
        seen[item_id] = number
        change: dict[str, Any] = {}
        answer = result.assessment.answers.get(item_id)  # also for an item the profile switched off
        if "status" in values:
            word = " ".join(values["status"].split()).casefold()
            status = STATUS_WORDS.get(word)
            if status is None:
                known = ", ".join(STATUS_LABELS.values())
                problems.append(Problem(number, where["status"], f"unknown status "
                                        f"{values['status'][:30]!r} (use one of {known})"))
                continue
            if status == "unanswered":
                if answer is not None:
                    problems.append(Problem(number, where["status"], "Not answered: this item "
                                            f"has an answer ({STATUS_LABELS[answer.status]}); "
                                            "an import cannot remove it"))
                    continue
            elif answer is None or status != answer.status:
                change["status"] = status
        if "due" in values:
            try:
                due = day(values["due"], "due")
            except PrivacycheckError as exc:
                problems.append(Problem(number, where["due"], exc.message.removeprefix("due: ")))
                continue
            shown = due_now.get(item_id, answer.due if answer else None)
            closed = change.get("status", answer.status if answer else "") in ("yes", "na")
            if due != shown and not closed:  # in place: a due date no longer matters  # the cell as written (agreed or suggested) means no change
                change["due"] = due
        for name in ("owner", "note"):
            if name not in values:
                continue
            stored = getattr(answer, name) if answer else ""
            # Spacing is not an edit: a sheet exported and brought back unedited changes
            # nothing, whatever line breaks and runs of spaces its notes and owners had.
            if " ".join(values[name].split()) == " ".join(stored.split()):
                continue
            change[name] = _as_typed(values[name]) if name == "note" else " ".join(values[name].split())
        if answer is None and "status" not in change and change:
            problems.append(Problem(number, where.get("status", ""), "not answered yet: give it "
                                    "a status as well"))
            continue
        if change:
            changes.append(Change(item_id, **{k: change.get(k, KEEP) for k in IMPORTED}))
    if problems:
        lines = [f"{path}: row {p.row}" + (f", column {p.column}" if p.column else "") + f": {p.message}"
                 for p in problems]
        raise ImportProblems(lines)
    return changes


def _as_typed(note: str) -> str:
    """A note as written in the sheet: its lines kept (spreadsheet line ends made one), the
    spaces at each line's end and blank lines at either end dropped."""
    lines = [line.rstrip() for line in note.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


class ImportProblems(PrivacycheckError):
    """Every problem of a CSV import, one line each (the first is the message)."""

    def __init__(self, lines: list[str]) -> None:
        more = f" (and {len(lines) - 1} more problems)" if len(lines) > 1 else ""
        super().__init__(lines[0] + more)
        self.lines = lines
