"""The HTML report in a real browser: headless Chromium prints it to PDF, and the PDF reads right.

Skipped (with the reason) where Chromium or pdftotext is absent; `.ci/run` installs both.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_report_formats import big_checklist

from privacycheck.analysis import scoring
from privacycheck.analysis.review import score_file
from privacycheck.analysis.scoring import Result
from privacycheck.files.resources import bundled_checklists
from privacycheck.model import checklist
from privacycheck.model.answers import Answer
from privacycheck.model.record import replace
from privacycheck.reports.render import render
from privacycheck.training import demo

GOLDEN = Path(__file__).resolve().parent / "golden"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium)"),
    pytest.mark.skipif(PDFTOTEXT is None, reason="no pdftotext on PATH (apt-get install poppler-utils)"),
]


def print_to_pdf(page: str, folder: Path) -> Path:
    html = folder / "report.html"
    html.write_text(page, encoding="utf-8")
    pdf = folder / "report.pdf"
    assert CHROMIUM is not None
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         f"--user-data-dir={folder / 'profile'}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", html.as_uri()],
        capture_output=True, timeout=60, check=False,
    )
    assert pdf.exists() and pdf.stat().st_size > 0, "chromium wrote no PDF"
    return pdf


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    assert PDFTOTEXT is not None
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    done = subprocess.run([PDFTOTEXT, *pages, str(pdf), "-"], capture_output=True, text=True,
                          timeout=30, check=True)
    return " ".join(done.stdout.split())  # lines joined: a name may wrap


def demo_result() -> Result:
    """The real demo when the bundled checklist is there, else the golden-file practice."""
    if "therapy-practice" in bundled_checklists():
        model = checklist.load("therapy-practice")
        return scoring.score(model, demo.assessment(model))
    return score_file(GOLDEN / "answers.toml")


def test_demo_report_prints_to_pdf_with_the_practice_and_score(tmp_path: Path) -> None:
    result = demo_result()
    pdf = print_to_pdf(render(result, "html"), tmp_path)
    first_page = pdf_text(pdf, 1, 1)
    practice = result.assessment.practice
    assert practice in first_page
    assert f"{result.score:.1f}" in first_page
    assert "First actions" in first_page  # the one-minute summary fits on page one
    assert "Remediation plan" not in first_page  # and the plan starts on a page of its own
    everything = pdf_text(pdf)
    assert "Sign-off" in everything and "Limitations" in everything
    assert re.search(r"Page 1 of \d+", everything)


def test_first_page_holds_the_summary_even_with_many_critical_gaps(tmp_path: Path) -> None:
    model = checklist.load(str(big_checklist(tmp_path / "big.toml")))
    example = demo.assessment(model)
    gaps = {k: Answer(status="no", note="Not considered before this review; a longer note so "
                      "that the finding wraps onto a second line in the printed report.")
            for k in example.answers}
    worst = scoring.score(model, replace(example, answers=gaps))
    assert len(worst.critical_gaps) > 10
    first_page = pdf_text(print_to_pdf(render(worst, "html"), tmp_path), 1, 1)
    assert "First actions" in first_page and "Remediation plan" not in first_page
    rest = len(worst.plan) - 8
    assert f"and {rest} more, {len(worst.critical_gaps) - 8} of them critical: plan #9–#" in first_page
    assert "0.0" in first_page and "At risk" in first_page
