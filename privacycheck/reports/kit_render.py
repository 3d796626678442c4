"""Render and write the starter kit: each document's template (report_templates/kit/) filled
in from a scored review, as Markdown, or as HTML converted from that Markdown."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from privacycheck import __version__
from privacycheck.analysis.kit import DOCUMENTS, Document, items_of, jurisdiction
from privacycheck.analysis.scoring import Result
from privacycheck.errors import PrivacycheckError
from privacycheck.files.atomic import write_private
from privacycheck.model.answers import INVENTORY_KINDS, Assessment
from privacycheck.reports.wording import FILTERS, LABELS, finding, md

FORMATS = ("md", "html", "pdf")
BLANK = "[to fill: {}]"
_BLANK_MARK = re.compile(r"\[to fill: [^\]<]*\]")
_AGREEMENT = {"yes": "Signed", "no": "Not signed", "unknown": "Not known", "na": "Not needed"}
_YES_NO = {"yes": "Yes", "no": "No", "unknown": "Not known"}
VENDOR_KINDS = ("records", "email", "telehealth", "billing", "scheduling", "cloud", "ai-scribe")  # usually a service


def kmd(value: object) -> str:
    """Text from the answers file or checklist, safe in Markdown (also in a table cell) and
    in the HTML made from it; line breaks become spaces."""
    return md(value).replace("<br>", " ")


class _Responsible:
    """The person responsible, as a template prints it: the assessor (escaped for Markdown),
    or, only in a document that mentions the person, a blank to fill."""

    def __init__(self, assessor: str, blank: Callable[[str], str]) -> None:
        self.assessor = assessor.strip()
        self.blank = blank

    def __str__(self) -> str:
        if self.assessor:
            return kmd(self.assessor)
        return self.blank("the name of the person responsible for privacy and security")


def _inventory(assessment: Assessment) -> list[dict[str, str]]:
    return [{
        "name": e.name, "kind": e.kind, "kind_label": INVENTORY_KINDS.get(e.kind, e.kind),
        "provider": e.provider, "baa": baa, "agreement": "Not needed: it only carries calls and texts"
        if e.conduit else _AGREEMENT.get(baa, baa),
        "encrypted": _YES_NO.get(e.encrypted, e.encrypted), "note": e.note,
    } for e in assessment.inventory for baa in [e.baa if e.agreement_needed or not e.provider else "na"]]


def _items(result: Result, doc: Document) -> list[dict[str, Any]]:
    profile = result.assessment.profile
    by_id = {r.item.id: r for r in result.items}
    ranks = {a.result.item.id: a.rank for a in result.plan}
    rows = []
    for item in items_of(doc, result.checklist, profile):
        r = by_id.get(item.id)
        status = r.status if r else "unanswered"
        rows.append({
            "id": item.id, "title": item.title, "status": status, "status_label": LABELS[status],
            "open": r.open if r else True, "rank": ranks.get(item.id),
            "finding": finding(r) if r else LABELS[status], "action": item.remediation,
            "severity": item.severity,
        })
    return rows


def _state(profile: dict[str, Any] | Any) -> dict[str, Any] | None:
    """The practice's US state and its rules in words, with citations (model/state_law.py);
    None for a territory or a state not answered: the documents then leave blanks."""
    from privacycheck.model import state_law

    state = state_law.bundled().state(profile.get("us_state"))
    if state is None:
        return None
    minor = state.minor_consent
    job = profile.get("profession")
    return {
        "name": state.name,
        "duty": (state_law.describe(state, "duty_to_protect", you="your therapist", profession=job)
                 if state.duty_to_protect.of(job).value else ""),
        "minor_age": minor.age if minor.rule == "age" else None,
        "minors": state_law.describe(state, "minor_consent") if minor.rule else "",
        "breach": state_law.describe(state, "breach_notice") if state.breach_notice.refs else "",
        "retention": state_law.describe(state, "record_retention"),  # or why it is not known yet
        "retention_known": bool(state.record_retention.refs),
        "recording": " ".join(state_law.describe(state, t) for t in ("recording-consent", "ai-therapy")
                              if any(o.topic == t for o in state.other)),
    }


def context(result: Result, doc: Document, fmt: str, blank: Callable[[str], str],
            blanks: list[str], kit: Collection[str] = ()) -> dict[str, Any]:
    """Everything a kit template may use; docs/reports.md lists each name."""
    a = result.assessment
    p = a.profile
    place = jurisdiction(p)
    inventory = _inventory(a)
    suffix = fmt if fmt in ("html", "pdf") else "md"  # of the documents it links to
    return {
        "doc": {"name": doc.name, "title": doc.title(p), "filename": f"{doc.name}.{suffix}"},
        "title": doc.title(p),
        "practice": a.practice,
        "assessor": a.assessor,
        "responsible": _Responsible(a.assessor, blank),
        "date": a.date.isoformat(),
        "generator": f"privacycheck {__version__}",
        "jurisdiction": place, "us": place == "us", "eu_uk": place == "eu-uk", "other": place == "other",
        "staff": p.get("staff") is True, "paper": p.get("paper_records") is True,
        "telehealth": p.get("telehealth") is True, "minors": p.get("minors") is True,
        "part2": p.get("substance_use") is True and place == "us",
        "shared_space": p.get("shared_space") is True, "groups": p.get("groups") is True,
        "state": _state(p) if place == "us" else None,
        "inventory": inventory,
        "vendors": [e for e in inventory
                    if e["provider"] or (e["kind"] in VENDOR_KINDS and e["baa"] != "na")],
        "items": _items(result, doc),
        # for "see ..." between documents: each by its title, a link to those written beside this one
        "kit": {d.name: f"[{d.title(p)}]({d.name}.{suffix})" if d.name in kit else f"the {d.title(p)}"
                for d in DOCUMENTS},
        "blank": blank,
        "blanks": blanks,
    }


def render_document(result: Result, doc: Document, fmt: str = "md", templates: Path | None = None,
                    kit: Collection[str] = ()) -> str:
    """One document as Markdown or as a self-contained HTML page; `kit` names the documents
    written beside it (the others are named without a link)."""
    from privacycheck.reports.templates import render_template

    blanks: list[str] = []

    def blank(what: str) -> str:
        if what not in blanks:
            blanks.append(what)
        return BLANK.format(what)

    filters = {**FILTERS, "md": kmd}
    ctx = context(result, doc, fmt, blank, blanks, kit)
    text = render_template(f"kit/{doc.name}.md.j2", ctx, templates, filters=filters)
    if fmt == "md":
        return text
    if fmt not in ("html", "pdf"):  # a pdf is printed from the html page (pdf_document)
        raise ValueError(f"unknown kit format {fmt!r}")
    from markupsafe import Markup

    body = Markup(_BLANK_MARK.sub(lambda m: f'<mark class="blank">{m.group(0)}</mark>', to_html(text)))
    return render_template("kit/page.html.j2", {**ctx, "body": body}, templates, filters=filters)


def pdf_document(result: Result, doc: Document, templates: Path | None = None,
                 kit: Collection[str] = (), paper: str = "letter", out: Path | None = None) -> bytes:
    """One document as a PDF: its html page printed with WeasyPrint (the pdf extra)."""
    from privacycheck.reports import pdf

    return pdf.html_to_pdf(render_document(result, doc, "pdf", templates, kit), paper, out,
                           author=result.assessment.practice)


def to_html(markdown: str) -> str:
    """Our Markdown as HTML. Raw HTML is not passed through (user text was escaped by the md
    filter, and its entities come out as the characters they stand for, escaped again)."""
    from markdown_it import MarkdownIt

    return str(MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown))


def write_kit(result: Result, docs: list[Document], folder: Path, fmt: str = "md",
              templates: Path | None = None, force: bool = False,
              inputs: tuple[Path, ...] = (), paper: str = "letter") -> list[Path]:
    """Render every document, then write them into `folder` (mode 0600, the folder 0700).
    A folder that already holds files is refused without `force`; nothing is written
    when any document fails to render."""
    if folder.exists() and not folder.is_dir():
        raise PrivacycheckError(f"{folder}: exists and is not a folder")
    if folder.is_dir() and not force and any(folder.iterdir()):
        raise PrivacycheckError(f"{folder}: this folder already has files in it; use --force to "
                                "write the kit over them, or -o to name another folder")
    names = {doc.name for doc in docs}
    if fmt == "pdf":
        from privacycheck.reports import pdf

        pdf.require(folder / f"{docs[0].name}.pdf" if docs else None)
    rendered: list[tuple[Path, str | bytes]] = [
        (path, pdf_document(result, doc, templates, names, paper, path) if fmt == "pdf"
         else render_document(result, doc, fmt, templates, names))
        for doc in docs for path in [folder / f"{doc.name}.{fmt}"]]
    read = {os.path.realpath(p) for p in inputs}
    for path, _ in rendered:
        if os.path.realpath(path) in read:
            raise PrivacycheckError(f"{path}: this is the answers file the kit is made from; "
                                    "use -o to name another folder")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise PrivacycheckError(f"{folder}: cannot create the folder: {exc.strerror or exc}") from None
    for path, data in rendered:
        write_private(path, data)
    return [path for path, _ in rendered]


def write_for(path: Path, folder: Path, fmt: str = "md", templates: Path | None = None,
              every: bool = False, force: bool = False, paper: str = "letter") -> list[Path]:
    """Score the review at `path` and write into `folder` the kit documents its open actions
    call for (`every`: all that fit the practice), saying which; the files written."""
    import sys

    from privacycheck.analysis.kit import needed
    from privacycheck.analysis.review import score_file
    from privacycheck.files.safe_text import for_terminal

    result = score_file(path)
    docs = needed(result, every=every)
    if not docs:
        sys.stdout.write(for_terminal(f"{result.assessment.practice}: no open action calls for a kit "
                                      "document. Use --all to write every document anyway.") + "\n")
        return []
    written = write_kit(result, docs, folder, fmt, templates, force, inputs=(path,), paper=paper)
    profile = result.assessment.profile
    sys.stdout.write(for_terminal(f"Starter kit for {result.assessment.practice}: {len(written)} "
                                  "documents to finish (each lists what to fill in at the top).") + "\n")
    for doc, written_path in zip(docs, written, strict=True):
        sys.stdout.write(for_terminal(f"  {written_path}  {doc.title(profile)}") + "\n")
    return written
