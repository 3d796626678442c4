"""Every screen privacycheck writes keeps a command to copy on one line, and a count with its unit,
at 60, 80 and 100 columns, from a checkout under a long path (issue: '--done' / 'ITEM_ID')."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from privacycheck.cli import main

pytestmark = pytest.mark.dates  # CI runs these on other days of the calendar too

# A command printed for the user to copy, to the end of its line.
COMMAND = re.compile(r"privacycheck (?:assess|report|plan|compare|portfolio|kit|train|checklists|demo)\b.*$")
UNIT_AFTER_COUNT = re.compile(r"\b\d+\n\s*(?:days?|due|overdue|later|done|actions?|items?|more|of)\b")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("a-practice-folder-with-a-rather-long-name") / "reviews" / "2026"
    folder.mkdir(parents=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PRIVACYCHECK_TODAY", "2026-12-03")
        assert main(["demo", "-o", str(folder / "demo")]) == 0
    return folder / "demo" / "answers.toml"


def screens(demo: Path, tmp_path: Path) -> dict[str, Callable[[], object]]:
    """Each command whose screen is checked, as a call of the command line."""
    return {
        "plan": lambda: main(["plan", str(demo)]),
        "plan --overdue": lambda: main(["plan", str(demo), "--overdue"]),
        "report": lambda: main(["report", str(demo)]),
        "compare": lambda: main(["compare", str(demo), str(demo)]),
        "portfolio": lambda: main(["portfolio", str(demo), str(demo.parent / "missing.toml")]),
        "kit": lambda: main(["kit", str(demo), "-o", str(tmp_path / "kit")]),
    }


def output(call: Callable[[], object], width: int, monkeypatch: pytest.MonkeyPatch,
           capsys: pytest.CaptureFixture[str]) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    capsys.readouterr()
    call()
    captured = capsys.readouterr()
    return captured.out + captured.err


@pytest.mark.parametrize("width", [60, 80, 100])
def test_no_printed_command_is_split_and_counts_keep_their_unit(
        demo: Path, tmp_path: Path, width: int, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    for name, call in screens(demo, tmp_path).items():
        wide = output(call, 1000, monkeypatch, capsys)
        if name == "kit":  # the second run writes the kit again, into a folder of its own
            call = screens(demo, tmp_path / "again")[name]
        narrow = output(call, width, monkeypatch, capsys)
        commands = [m.group(0).rstrip() for line in wide.splitlines() if (m := COMMAND.search(line))
                    # the piped report's item prose (checklist text) may name a command mid-sentence
                    and (name != "report" or not line[:m.start()].strip())]
        lines = [line.rstrip() for line in narrow.splitlines()]
        for command in commands:
            assert any(line.endswith(command) for line in lines), (name, width, command, narrow)
        if name != "report":  # piped, the report is whole: its item prose is the checklist's
            assert not UNIT_AFTER_COUNT.search(narrow), (name, width, narrow)


@pytest.mark.parametrize("width", [60, 80, 100])
def test_the_one_screen_summary_keeps_its_commands_whole(demo: Path, width: int) -> None:
    from rich.console import Console

    from privacycheck.analysis import review
    from privacycheck.reports.summary import show_report

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, height=40, force_terminal=True, color_system=None,
                      highlight=False)
    show_report(review.score_file(demo), answers=demo, console=console)
    lines = [line.rstrip() for line in buffer.getvalue().splitlines()]
    for option in ("--full", "-o report.html"):
        assert f"  privacycheck report {demo} {option}" in lines
    assert not UNIT_AFTER_COUNT.search(buffer.getvalue())


def test_piped_output_has_no_trailing_spaces(tmp_path: Path) -> None:
    """Issue 28: what goes into a pipe or a file (report, plan, compare, risk analysis) has no
    line ending in spaces, the padding rich adds for a terminal."""
    import subprocess

    from test_assess_e2e import command, environment

    assert main(["demo", "-o", str(tmp_path / "demo")]) == 0
    answers = str(tmp_path / "demo" / "answers.toml")
    for args in (["report", answers], ["report", answers, "--full"], ["report", answers, "--risk-analysis"],
                 ["plan", answers], ["compare", answers, answers], ["portfolio", answers]):
        done = subprocess.run([*command(), *args], capture_output=True, text=True, env=environment(),
                              check=False, timeout=60)
        assert done.returncode in (0, 3), (args, done.stderr)
        padded = [line for line in done.stdout.splitlines() if line != line.rstrip()]
        assert not padded, (args, padded[:3])


@pytest.mark.parametrize("width", [60, 80])
def test_a_citation_never_breaks_inside_itself_on_screen(tmp_path: Path, width: int) -> None:
    """Issue 28: "45 CFR" at the end of a line and "164.310(d)(2)(iv)" on the next is one
    citation cut in two; the terminal wraps between citations, never inside one."""
    import re

    from privacycheck.analysis.review import score_file
    from privacycheck.reports.summary import plain_text, show_report

    assert main(["demo", "-o", str(tmp_path / "demo")]) == 0
    answers = tmp_path / "demo" / "answers.toml"
    result = score_file(answers)
    text = plain_text(lambda console: show_report(result, full=True, answers=answers, console=console), width)
    lines = text.splitlines()
    assert any("45 CFR 164." in line for line in lines)  # the citations are there
    broken = [line for line in lines if re.search(r"(\b\d+ CFR|§|Ethics Code|Code of Ethics)$", line.rstrip())]
    assert not broken, broken[:3]
    assert "\ue000" not in text  # the stand-in for a held space never shows
