"""`privacycheck report FILE` on a terminal: one screen (headline, section scores, the first
actions, how to get the rest); `--full` through a pager; piped, the whole text report."""

from __future__ import annotations

import io
import pydoc
import shutil
import sys
from pathlib import Path

import pexpect
import pytest
from report_cases import at_risk
from rich.console import Console

from privacycheck.analysis.scoring import Result
from privacycheck.cli import main
from privacycheck.reports.summary import render_txt, show_report

GOLDEN = Path(__file__).resolve().parent / "golden"


def terminal(height: int = 24, width: int = 80) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, width=width, height=height, force_terminal=True,
                   color_system=None, highlight=False), buffer


@pytest.fixture(scope="module")
def result() -> Result:
    return at_risk()


@pytest.mark.parametrize(("height", "width"), [(24, 80), (40, 100), (24, 60)])
def test_on_a_terminal_the_report_is_one_screen(result: Result, height: int, width: int) -> None:
    console, buffer = terminal(height, width)
    show_report(result, answers=Path("review.toml"), console=console)
    lines = buffer.getvalue().splitlines()
    assert len(lines) <= height - 1, "\n".join(lines)
    text = " ".join(buffer.getvalue().split())
    assert f"Overall score {result.score:.1f} / 100 · Rating: At risk" in text
    assert all(s.section.title in text for s in result.sections)
    assert "First actions" in text and f"1. {result.plan[0].result.item.title}" in text
    assert " more" in text and "plan #" in text  # what the screen leaves out, by plan number
    assert "privacycheck report review.toml --full" in text and "-o report.html" in text


def test_a_tall_terminal_shows_every_critical_gap_first(result: Result) -> None:
    console, buffer = terminal(60, 100)
    show_report(result, console=console)
    text = " ".join(buffer.getvalue().split())
    for gap in result.critical_gaps:
        assert text.count(gap.item.title) == 1  # one list: not once as finding, once as action
    assert "and 27 more: plan #7-#33" in text


def test_full_goes_through_the_pager(result: Result, monkeypatch: pytest.MonkeyPatch) -> None:
    paged: list[str] = []
    monkeypatch.setattr(pydoc, "pager", paged.append)
    console, buffer = terminal()
    show_report(result, full=True, console=console)
    assert buffer.getvalue() == "" and len(paged) == 1
    assert "Remediation plan" in paged[0] and "Answers, item by item" in paged[0]


def test_piped_the_report_is_whole(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(GOLDEN / "answers.toml")]) == 0
    out = capsys.readouterr().out
    assert "Remediation plan" in out and "Answers, item by item" in out and "Sign-off" in out
    assert "--full" not in out


def test_the_text_report_has_no_internal_ids_and_one_list_of_first_actions(result: Result) -> None:
    text = render_txt(result, width=60)
    assert "digital." not in text and "physical." not in text
    summary = " ".join(text.split("Remediation plan")[0].split())
    assert "Critical findings" not in summary
    for gap in result.critical_gaps:
        assert summary.count(gap.item.title) == 1


@pytest.mark.skipif(shutil.which("privacycheck") is None, reason="privacycheck is not installed")
def test_the_installed_command_fits_a_24_line_terminal(tmp_path: Path) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text((GOLDEN / "answers.toml").read_text())
    (tmp_path / "checklist.toml").write_text((GOLDEN / "checklist.toml").read_text())
    child = pexpect.spawn(shutil.which("privacycheck") or "privacycheck", ["report", str(answers)],
                          dimensions=(24, 80), encoding="utf-8", timeout=30,
                          env={"PATH": "/usr/bin:/bin", "TERM": "xterm", "NO_COLOR": "1",
                               "HOME": str(tmp_path), "PRIVACYCHECK_TODAY": "2026-12-03"})
    child.expect(pexpect.EOF)
    screen = child.before.replace("\r\n", "\n")
    assert len(screen.strip("\n").splitlines()) <= 23, screen
    assert "Review incomplete: 7 of 8" in screen and "--full" in screen
    assert sys.platform != "win32"
