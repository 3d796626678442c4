"""The printed report: a real PDF through WeasyPrint (`-o report.pdf`), within its page budget
on Letter and A4, page one holding the whole summary, read back with pdftotext.

Skipped, saying why, where WeasyPrint (pip install '.[pdf]') or pdftotext (poppler-utils) is
missing; `.ci/run` installs both.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from report_cases import ACTIONS, APPLICABLE, CRITICAL_GAPS, at_risk, barely_started, demo_result

from privacycheck.analysis.scoring import Result
from privacycheck.cli import main
from privacycheck.reports.render import render

GOLDEN = Path(__file__).resolve().parent / "golden"
PDFTOTEXT = shutil.which("pdftotext")


def _weasyprint_missing() -> str:
    try:
        import weasyprint  # type: ignore[import-untyped, import-not-found, unused-ignore]  # noqa: F401
    except (ImportError, OSError) as exc:
        return f"WeasyPrint cannot be imported ({exc}): pip install '.[pdf]'"
    return ""


def require_pdf() -> None:
    """Skip, saying why, when no PDF can be written or read here."""
    reason = _weasyprint_missing()
    if not reason and PDFTOTEXT is None:
        reason = "no pdftotext on PATH (apt-get install poppler-utils)"
    if reason:
        pytest.skip(reason)


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page, as pdftotext reads it."""
    assert PDFTOTEXT is not None
    done = subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True, timeout=60,
                          check=True)
    return done.stdout.split("\f")[:-1]


def flat(text: str) -> str:
    return " ".join(text.split())


def printed(result: Result, paper: str, folder: Path) -> Path:
    from privacycheck.reports.pdf import html_to_pdf

    pdf = folder / f"report-{paper}.pdf"
    pdf.write_bytes(html_to_pdf(render(result, "html"), paper))
    return pdf


@pytest.fixture(scope="module")
def at_risk_result() -> Result:
    return at_risk()


@pytest.fixture(scope="module")
def at_risk_pages(at_risk_result: Result,
                  tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The At-risk report printed once per paper size: the text of each page."""
    require_pdf()
    folder = tmp_path_factory.mktemp("at-risk")
    return {paper: pdf_pages(printed(at_risk_result, paper, folder)) for paper in ("letter", "a4")}


def test_the_at_risk_fixture_is_the_case_of_the_issue(at_risk_result: Result) -> None:
    r = at_risk_result
    assert (r.counts.applicable, len(r.critical_gaps), len(r.plan)) == (
        APPLICABLE, CRITICAL_GAPS, ACTIONS)
    assert r.rating == "At risk" and not r.incomplete and not r.assessment.profile["staff"]


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_at_risk_report_prints_within_ten_pages_with_the_actions_on_page_one(
        at_risk_result: Result, at_risk_pages: dict[str, list[str]], paper: str) -> None:
    pages = at_risk_pages[paper]
    assert len(pages) <= 10, f"{len(pages)} pages on {paper}"
    one = flat(pages[0])
    score = f"{at_risk_result.score:.1f}"
    assert at_risk_result.assessment.practice in one and score in one and "At risk" in one
    for section in at_risk_result.sections:
        assert section.section.title in one
    # Critical findings and first actions are one list: each critical gap once, with its action.
    for gap in at_risk_result.critical_gaps:
        assert one.count(gap.item.title) == 1, gap.item.title
        assert flat(gap.item.remediation)[:40] in one
    assert f"and {ACTIONS - CRITICAL_GAPS} more: plan #{CRITICAL_GAPS + 1}–#{ACTIONS}" in one
    assert "Remediation plan" not in one
    everything = flat(" ".join(pages))
    assert "Sign-off" in everything and f"Page 1 of {len(pages)}" in everything
    assert not re.search(r"\b(physical|digital|procedural|telehealth)\.[a-z-]+", everything), \
        "an internal item id is printed"
    # Each question appears once, in the appendix (checked in the HTML: pdftotext interleaves
    # the lines of neighbouring table columns).
    from markupsafe import escape

    page = render(at_risk_result, "html")
    for action in at_risk_result.plan:
        question = str(escape(action.result.item.question))
        assert page.count(question) == 1 and page.index(question) > page.index('id="answers"')


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_demo_report_prints_within_eight_pages(paper: str, tmp_path: Path) -> None:
    require_pdf()
    pages = pdf_pages(printed(demo_result(), paper, tmp_path))
    assert len(pages) <= 8, f"{len(pages)} pages on {paper}"
    assert "First actions" in pages[0] and "Remediation plan" in pages[1]


def test_citations_are_never_broken_across_lines(at_risk_result: Result,
                                                at_risk_pages: dict[str, list[str]]) -> None:
    lines = [line.strip() for paper in at_risk_pages for page in at_risk_pages[paper]
             for line in page.splitlines()]
    text = "\n".join(lines)
    refs = {ref for action in at_risk_result.plan for ref in action.result.item.references}
    for ref in refs:
        assert ref in text, f"{ref!r} is broken across lines"


def test_an_incomplete_review_is_no_verdict_on_paper(tmp_path: Path) -> None:
    require_pdf()
    from privacycheck.analysis.review import score_file

    golden = score_file(GOLDEN / "answers.toml")  # 7 of 8 answered
    one = flat(pdf_pages(printed(golden, "letter", tmp_path))[0])
    assert "Review incomplete: 7 of 8 applicable items answered" in one
    assert "Provisional rating" in one and "(provisional)" in one
    assert "Rating: Developing" not in one and "Many safeguards are in place" not in one


def test_one_answer_of_sixty_is_no_verdict_in_any_format() -> None:
    started = barely_started()
    n = started.counts
    assert n.answered == 1
    summaries = {"html": render(started, "html").split('id="plan"')[0],
                 "md": render(started, "md").split("## Remediation plan")[0],
                 "txt": render(started, "txt").split("Remediation plan")[0]}
    for fmt, text in summaries.items():
        text = flat(text)
        assert f"Review incomplete: 1 of {n.applicable} applicable items answered" in text, fmt
        assert "provisional" in text, fmt
        assert "Important safeguards are missing" not in text, fmt


def test_report_dash_o_pdf_writes_a_real_private_pdf(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    require_pdf()
    out = tmp_path / "report.pdf"
    assert main(["report", str(GOLDEN / "answers.toml"), "-o", str(out), "--paper", "a4"]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert out.stat().st_mode & 0o777 == 0o600
    err = capsys.readouterr().err
    assert f"Wrote {out} (open it in any PDF viewer, or print it)" in err
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=False).stdout
    assert "A4" in info or not shutil.which("pdfinfo")
    assert "Harbour & Pine Therapy" in flat(pdf_pages(out)[0])


def test_compare_and_portfolio_print_to_pdf_too(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    require_pdf()
    answers = str(GOLDEN / "answers.toml")
    change, clinics = tmp_path / "change.pdf", tmp_path / "clinics.pdf"
    assert main(["compare", answers, answers, "-o", str(change)]) == 0
    assert main(["portfolio", answers, "-o", str(clinics)]) == 0
    for pdf in (change, clinics):
        assert pdf.read_bytes().startswith(b"%PDF-")
        assert "Harbour & Pine Therapy" in flat(" ".join(pdf_pages(pdf)))
    assert capsys.readouterr().err.count("open it in any PDF viewer") == 2


def test_the_plan_and_the_trend_print_to_pdf_too(tmp_path: Path) -> None:
    """plan -o plan.pdf prints the plan with its action column wide enough to read (the demo's
    27 open actions on 4 Letter pages, not 8 of narrow columns); compare of three reviews
    prints the trend."""
    require_pdf()
    assert main(["demo", "-o", str(tmp_path / "demo")]) == 0
    plan = tmp_path / "plan.pdf"
    assert main(["plan", str(tmp_path / "demo" / "answers.toml"), "-o", str(plan)]) == 0
    assert plan.stat().st_mode & 0o777 == 0o600
    pages = pdf_pages(plan)
    assert len(pages) <= 4
    assert "Tested, encrypted backups" in pages[0] and "Open actions, in priority order" in pages[0]
    (tmp_path / "checklist.toml").write_bytes((GOLDEN / "checklist.toml").read_bytes())
    reviews = []
    for year in ("2024", "2025", "2026"):
        reviews.append(tmp_path / f"{year}.toml")
        reviews[-1].write_bytes((GOLDEN / "answers.toml").read_bytes())
    trend = tmp_path / "trend.pdf"
    assert main(["compare", *map(str, reviews), "-o", str(trend), "--paper", "a4"]) == 0
    text = flat(" ".join(pdf_pages(trend)))
    assert "Harbour & Pine Therapy" in text and "2026.toml is incomplete (1 item not answered)" in text
    from privacycheck.analysis.review import trend_files
    from privacycheck.reports.pdf import styled_svg
    from privacycheck.reports.trend_report import render as render_trend

    chart = styled_svg(render_trend(trend_files(reviews), "html")).split('<svg class="trend-chart"')[1]
    for rule in (".trend-line{", ".trend-overall{", ".trend-axis-label{", ".trend-point{"):
        assert rule in chart.split("</svg>")[0]  # WeasyPrint styles a chart from inside it alone


def test_without_weasyprint_a_pdf_is_one_line_saying_how_and_nothing_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint -> ImportError
    for command in (["report", str(GOLDEN / "answers.toml")],
                    ["compare", str(GOLDEN / "answers.toml"), str(GOLDEN / "answers.toml")],
                    ["portfolio", str(GOLDEN / "answers.toml")]):
        out = tmp_path / "out.pdf"
        assert main([*command, "-o", str(out)]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1, err
        assert "pip install 'privacycheck[pdf]'" in err and "-o out.html" in err
        assert "browser" in err
        assert not out.exists() and os.listdir(tmp_path) == []


@pytest.mark.parametrize("name", ["report.docx", "report.xlsx", "report.pdf.txt.doc", "notes.log"])
def test_a_suffix_the_tool_does_not_write_is_an_error(
        name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = str(GOLDEN / "answers.toml")
    for command in (["report", answers], ["compare", answers, answers], ["portfolio", answers]):
        out = tmp_path / name
        assert main([*command, "-o", str(out)]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and str(out) in err and "does not write" in err
        assert not out.exists()


def test_a_format_that_disagrees_with_the_suffix_is_an_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.md"
    assert main(["report", str(GOLDEN / "answers.toml"), "-f", "html", "-o", str(out)]) == 2
    assert "name it report.html" in capsys.readouterr().err
    assert not out.exists()


def test_every_wrote_line_says_how_to_open_the_file(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    hints = {"html": "web browser", "md": "Markdown viewer", "txt": "text editor",
             "csv": "spreadsheet", "json": "scripts"}
    for fmt, hint in hints.items():
        out = tmp_path / f"report.{fmt}"
        assert main(["report", str(GOLDEN / "answers.toml"), "-o", str(out)]) == 0
        line = capsys.readouterr().err.strip()
        assert line.startswith(f"Wrote {out} (") and hint in line, line


def test_charts_coloured_by_the_page_stylesheet_keep_their_colours_in_the_pdf() -> None:
    from privacycheck.reports.pdf import styled_svg

    page = ('<style>:root { --accent: #3b6e8f; } .bar { fill: var(--accent); } '
            '.chart { width: 9rem; } p { color: red; }</style>'
            '<svg class="chart"><rect class="bar"/></svg><p>x</p>')
    styled = styled_svg(page)
    inside = styled.split('<svg class="chart">')[1].split("</svg>")[0]
    assert inside.startswith("<style>.bar{ fill: #3b6e8f; }</style>")
    assert ".chart" not in inside and "color: red" not in inside  # only the shapes' own rules
    assert styled_svg("<p>no chart</p>") == "<p>no chart</p>"



def test_page_one_holds_the_summary_at_its_longest(tmp_path: Path) -> None:
    """Eight first actions with long notes, many sections and a risk summary still fit."""
    require_pdf()
    from test_report_formats import big_checklist

    from privacycheck.analysis import scoring
    from privacycheck.model import checklist
    from privacycheck.model.answers import Answer
    from privacycheck.model.record import replace
    from privacycheck.reports.pdf import html_to_pdf
    from privacycheck.reports.report_context import context
    from privacycheck.reports.templates import render_template
    from privacycheck.reports.wording import FILTERS
    from privacycheck.training import demo

    model = checklist.load(str(big_checklist(tmp_path / "big.toml", per_section=10)))
    example = demo.assessment(model)  # 30 items, 9 of them critical
    note = ("Not considered before this review; the landlord has to be asked first, and the "
            "cost is not known yet, so this waits for the next budget round in the spring.")
    gaps = {k: Answer(status="no", note=note) for k in example.answers}
    worst = scoring.score(model, replace(example, answers=gaps))
    summary = ("Risk summary: of the 24 risks identified, 9 are rated high (likelihood x impact), "
               "most of them from unencrypted devices and shared logins. " * 4)
    page = render_template("report.html.j2", {**context(worst), "risk_summary": summary},
                           filters=FILTERS)
    pdf = tmp_path / "worst.pdf"
    pdf.write_bytes(html_to_pdf(page, "letter"))
    pages = pdf_pages(pdf)
    one = flat(pages[0])
    assert "Risk summary" in one and "First actions" in one
    rest = len(worst.plan) - 8
    assert f"and {rest} more, {len(worst.critical_gaps) - 8} of them critical: plan #9–#" in one
    assert "Remediation plan" in pages[1]


def test_a_pdf_is_not_shown_on_screen(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(GOLDEN / "answers.toml"), "-f", "pdf"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "-o report.pdf" in err
    assert main(["plan", str(GOLDEN / "answers.toml"), "-f", "pdf"]) == 2
    assert "e.g. -o plan.pdf" in capsys.readouterr().err  # the example names what is printed


def test_the_risk_analysis_prints_to_pdf_with_its_risk_summary_on_the_report(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    require_pdf()
    from risk_fixtures import FULL, write_answers

    answers = write_answers(tmp_path, FULL)
    risk_pdf, report_pdf = tmp_path / "risk.pdf", tmp_path / "report.pdf"
    assert main(["report", str(answers), "--risk-analysis", "-o", str(risk_pdf)]) == 0
    assert main(["report", str(answers), "-o", str(report_pdf)]) == 0
    assert "Riverside Counselling" in flat(pdf_pages(risk_pdf)[0])
    one = flat(pdf_pages(report_pdf)[0])
    assert "Risk summary" in one and "First actions" in one
    assert capsys.readouterr().err.count("open it in any PDF viewer") == 2


# A red dot, 1x1 PNG: a logo a practice puts in its own report template.
DOT = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
       "AAAABJRU5ErkJggg==")


def test_a_data_logo_in_a_report_template_prints_and_a_web_address_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 29, item 12: WeasyPrint 70 takes its URL fetcher as an object; a data: image
    prints, and a document that would fetch anything is one line, with no file written."""
    require_pdf()
    folder = tmp_path / "templates"
    folder.mkdir()
    page = '<!doctype html><html lang="en"><body><h1>{{{{ practice }}}}</h1><img alt="logo" src="{}"></body></html>'
    (folder / "report.html.j2").write_text(page.format(DOT))
    out = tmp_path / "logo.pdf"
    assert main(["report", str(GOLDEN / "answers.toml"), "--templates", str(folder), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-") and b"/Image" in out.read_bytes()
    (folder / "report.html.j2").write_text(page.format("https://example.com/logo.png"))
    out = tmp_path / "web.pdf"
    capsys.readouterr()
    assert main(["report", str(GOLDEN / "answers.toml"), "--templates", str(folder), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "https://example.com/logo.png" in err[0] and "does not fetch" in err[0], err
    assert not out.exists()


# ---------------------------------------------------------------- archival, tagged, verifiable (issue 28)


def archival(pdf: Path) -> dict[str, object]:
    """What a PDF says of itself: tagged, its PDF/A part and conformance, title, language, author,
    and the names of its attachments."""
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(str(pdf))
    root = reader.trailer["/Root"]
    xmp = reader.xmp_metadata
    meta = reader.metadata or {}
    return {
        "tagged": bool(root.get("/MarkInfo", {}).get("/Marked")) and "/StructTreeRoot" in root,
        "pdfa": (str(getattr(xmp, "pdfaid_part", "")), str(getattr(xmp, "pdfaid_conformance", ""))),
        "title": str(meta.get("/Title", "")),
        "lang": str(root.get("/Lang", "")),
        "author": str(meta.get("/Author", "")),
        "attachments": sorted(reader.attachments),
    }


def test_every_pdf_of_the_demo_is_tagged_archival_and_titled(tmp_path: Path) -> None:
    require_pdf()
    assert main(["demo", "-o", str(tmp_path / "demo")]) == 0
    answers = tmp_path / "demo" / "answers.toml"
    out = tmp_path / "pdf"
    out.mkdir()
    made = {
        "report": ["report", str(answers), "-o", str(out / "report.pdf")],
        "risk-analysis": ["report", str(answers), "--risk-analysis", "-o", str(out / "risk-analysis.pdf")],
        "plan": ["plan", str(answers), "-o", str(out / "plan.pdf")],
        "compare": ["compare", str(GOLDEN / "answers.toml"), str(GOLDEN / "answers.toml"), "-o", str(out / "compare.pdf")],
        "portfolio": ["portfolio", str(answers), "-o", str(out / "portfolio.pdf")],
        "kit": ["kit", str(answers), "-f", "pdf", "-o", str(out / "kit")],
    }
    for args in made.values():
        assert main(args) == 0, args
    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) >= 6
    for pdf in pdfs:
        said = archival(pdf)
        assert said["tagged"] and said["pdfa"] == ("3", "A"), (pdf.name, said)
        assert said["title"] and said["lang"].startswith("en"), (pdf.name, said)
        first = flat(pdf_pages(pdf)[0])  # the footer every printed document carries (issue 28)
        assert "Confidential" in first and "Page 1 of" in first, pdf.name
    for name in ("report.pdf", "risk-analysis.pdf"):
        said = archival(out / name)
        assert said["attachments"] == ["answers.toml"] and "Maple Street Counselling" in str(said["author"])
        assert "SHA-256 checksum is" in flat(" ".join(pdf_pages(out / name)))
    assert archival(out / "plan.pdf")["attachments"] == []


def test_verify_tells_the_answers_file_a_report_was_made_from(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    require_pdf()
    pytest.importorskip("pypdf")
    assert main(["demo", "-o", str(tmp_path / "demo")]) == 0
    answers = tmp_path / "demo" / "answers.toml"
    report = tmp_path / "report.pdf"
    assert main(["report", str(answers), "-o", str(report)]) == 0
    capsys.readouterr()
    assert main(["verify", str(report)]) == 0
    assert "made from the answers file of Maple Street Counselling" in capsys.readouterr().out
    assert main(["verify", str(report), str(answers)]) == 0
    assert "matches the report" in capsys.readouterr().out
    changed = tmp_path / "changed.toml"
    text = answers.read_text()
    first = text.index('status = "no"')
    changed.write_text(text[:first] + 'status = "yes"' + text[first + len('status = "no"'):])
    assert main(["verify", str(report), str(changed)]) == 1
    out = capsys.readouterr().out
    assert "differs from the answers file" in out and "(1 difference)" in out
    assert "Not in place in the report, In place now" in out


@pytest.mark.parametrize("content", [b"not a pdf at all", b"%PDF-1.7\n" + b"\x00" * 2000, b""],
                         ids=["text", "damaged", "empty"])
def test_verify_refuses_what_is_not_a_report_in_one_line(tmp_path: Path, content: bytes,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pypdf")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(content)
    assert main(["verify", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.pdf" in err[0] and "Traceback" not in err[0], err


def test_verify_of_a_pdf_without_answers_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    require_pdf()
    pytest.importorskip("pypdf")
    plan = tmp_path / "plan.pdf"
    assert main(["plan", str(GOLDEN / "answers.toml"), "-o", str(plan)]) == 0
    capsys.readouterr()
    assert main(["verify", str(plan)]) == 2
    assert "carries no answers file" in capsys.readouterr().err


def test_the_risk_analysis_prints_without_broken_words(tmp_path: Path) -> None:
    """Issue 24: the register and plan tables keep their words whole (no "Likel/ihoo/d",
    "medi/um", "Residua/l"), and long tables run on over pages instead of leaving them empty."""
    require_pdf()
    assert main(["demo", "-o", str(tmp_path / "demo")]) == 0
    out = tmp_path / "risk-analysis.pdf"
    assert main(["report", str(tmp_path / "demo" / "answers.toml"), "--risk-analysis", "-o", str(out)]) == 0
    words = [w for page in pdf_pages(out) for w in page.split()]
    for whole in ("Likelihood", "Residual", "Impact", "medium", "Decision"):
        assert whole in words, whole
    fragments = {"Likel", "ihoo", "Residua", "Imp", "medi", "Likeli", "hood"}
    assert not fragments & set(words), sorted(fragments & set(words))
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=False).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages <= 10, pages  # issue 24: the demo's analysis within 10 Letter pages (22 before)


def test_compare_page_one_goes_on_from_the_scores_to_the_changes(tmp_path: Path) -> None:
    """Issue 28: a comparison's first page is not left mostly blank after its summary."""
    require_pdf()
    assert main(["demo", "-o", str(tmp_path / "demo")]) == 0
    answers = tmp_path / "demo" / "answers.toml"
    earlier = tmp_path / "earlier.toml"
    earlier.write_text(answers.read_text().replace('status = "yes"', 'status = "no"', 5))
    out = tmp_path / "compare.pdf"
    assert main(["compare", str(earlier), str(answers), "-o", str(out)]) == 0
    first = flat(pdf_pages(out)[0])
    assert "Scores, before and now" in first and ("Still open" in first or "Resolved" in first)
