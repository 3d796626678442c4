"""Which answers file a PDF report or risk analysis was made from (`privacycheck verify`): the
answers file attached to the PDF, read back with pypdf, compared with one given; nothing is
rendered again. A PDF comes from others: its size is bounded and any way it fails to read is
one line."""

from __future__ import annotations

import hashlib
from pathlib import Path

from privacycheck.errors import PrivacycheckError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from privacycheck.model.answers import Assessment

EXIT_DIFFERS = 1
MOST_PDF = 64 << 20  # the largest PDF read (a report is well under 1 MB)
MOST_ATTACHED = 16 << 20  # the most an attached answers file may hold, as for any answers file


def attached(report: Path) -> bytes:
    """The answers file attached to the PDF at `report`; one-line errors for anything else."""
    from privacycheck.files import tomlfile
    from privacycheck.reports.pdf import SOURCE_NAME

    data = tomlfile.read_bytes(report, "PDF report", MOST_PDF)
    if not data.startswith(b"%PDF-"):
        raise PrivacycheckError(f"{report}: not a PDF file")
    try:
        import pypdf
    except ImportError:
        raise PrivacycheckError(f"{report}: reading a PDF needs the pdf extra: pip install 'privacycheck[pdf]'") from None
    import io
    import logging

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # a damaged PDF is one line below, not a log
    try:
        files = pypdf.PdfReader(io.BytesIO(data)).attachments
        copies = files.get(SOURCE_NAME) if files else None
        found = copies[0] if copies else None
    except Exception as exc:  # noqa: BLE001 -- a damaged or hostile PDF fails in many ways: one line
        raise PrivacycheckError(f"{report}: cannot read this PDF ({type(exc).__name__})") from None
    if found is None:
        raise PrivacycheckError(f"{report}: carries no answers file (only PDFs of a report or a risk "
                                "analysis written by this version do)")
    if len(found) > MOST_ATTACHED:
        raise PrivacycheckError(f"{report}: its attached answers file is too large ({len(found):,} bytes)")
    return bytes(found)


def check(report: Path, given: Path | None) -> int:
    import sys

    from privacycheck.files import tomlfile
    from privacycheck.files.safe_text import for_terminal
    from privacycheck.model import answers

    inside = attached(report)
    digest = hashlib.sha256(inside).hexdigest()
    try:
        text = inside.decode("utf-8")
    except UnicodeDecodeError:
        raise PrivacycheckError(f"{report}: its attached answers file is not UTF-8 text") from None
    made_from = answers.loads(text, Path(f"{report} (attached answers file)"))
    said = (f"{report}: made from the answers file of {made_from.practice}, reviewed "
            f"{made_from.date.day} {made_from.date:%B %Y}, SHA-256 {digest}")
    if given is None:
        sys.stdout.write(for_terminal(said) + "\n")
        return 0
    data = tomlfile.read_bytes(given, "answers file")
    if hashlib.sha256(data).digest() == hashlib.sha256(inside).digest():
        sys.stdout.write(for_terminal(f"{given}: matches the report {report} (SHA-256 {digest})") + "\n")
        return 0
    now = answers.load(given)
    lines = differences(made_from, now)
    sys.stdout.write(for_terminal(f"{given}: differs from the answers file the report {report} "
                                  f"was made from ({len(lines)} difference{'s' if len(lines) != 1 else ''}):")
                     + "\n")
    for line in lines:
        sys.stdout.write(for_terminal(f"  {line}") + "\n")
    return EXIT_DIFFERS


def differences(then: Assessment, now: Assessment) -> list[str]:
    """What a reader of the report would see change, one line each: answers first."""
    from privacycheck.model.answers import STATUS_LABELS

    def label(status: str | None) -> str:
        return STATUS_LABELS.get(status or "", "not answered")

    out = []
    for item_id in sorted(set(then.answers) | set(now.answers)):
        old, new = then.answers.get(item_id), now.answers.get(item_id)
        if old is None or new is None or old.status != new.status:
            out.append(f"{item_id}: {label(old.status if old else None)} in the report, "
                       f"{label(new.status if new else None)} now")
        elif old != new:
            fields = [f for f in ("note", "evidence", "owner", "due", "addressable", "addressable_note")
                      if getattr(old, f) != getattr(new, f)]
            out.append(f"{item_id}: {', '.join(fields) or 'its history'} changed")
    for what in ("practice", "assessor", "profile", "inventory", "risks", "participants"):
        if getattr(then, what) != getattr(now, what):
            out.append(f"{what} changed")
    return out or ["the same answers, written differently (dates of saving, order or layout)"]
