"""`privacycheck assess` as a user meets it: the installed command in a pseudo-terminal.

A practice owner starts a review, goes back to change an answer, stops with Ctrl-C,
comes back with --resume, finishes, and gets the report. Killing the process or closing
the terminal right after an answer loses nothing.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from privacycheck.model import answers

pexpect = pytest.importorskip("pexpect")
Child = Any  # pexpect.spawn; pexpect ships no type information

TIMEOUT = 10  # generous: CI has two slow cores
# An SGR sequence setting a foreground or background colour (bold and dim are not colour).
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


def command() -> list[str]:
    """The installed console script (beside this Python, else on PATH), else -m."""
    beside = Path(sys.executable).with_name("privacycheck")
    exe = str(beside) if beside.exists() else shutil.which("privacycheck")
    return [exe] if exe else [sys.executable, "-m", "privacycheck"]


def environment() -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "60", "LINES": "40",
           # a real terminal answers prompt_toolkit's cursor-position requests at once; the
           # pseudo-terminal does not, and each prompt would wait a second for the answer
           "PROMPT_TOOLKIT_NO_CPR": "1"}
    env.pop("FORCE_COLOR", None)
    return env


def spawn(cwd: Path, *args: str) -> Child:
    first, *rest = command()
    child = pexpect.spawn(first, [*rest, *args], cwd=str(cwd), env=environment(),
                          dimensions=(40, 60), encoding="utf-8", timeout=TIMEOUT)
    child.logfile_read = io.StringIO()  # the whole transcript, for the checks at the end
    return child


def transcript(child: Child) -> str:
    return str(child.logfile_read.getvalue())


def start(child: Child, practice: str = "Riverside Counselling") -> None:
    child.expect("Name of the practice")
    child.send(practice + "\r")
    child.expect("assessor")
    child.send("Sam Lee\r")
    child.expect("anyone else work")
    child.expect("Your answer")
    child.send("n")  # no staff: one key
    child.expect("Where is the practice")
    child.expect("Your answer")
    child.send("1")  # us
    child.expect("How many clinicians")
    child.expect("Your answer")
    child.send("1\r")


def answer(child: Child, question: str, key: str, note: str = "") -> None:
    """One key answers; with a note, n first and the note line after the answer."""
    child.expect(re.escape(question))
    child.expect("Your answer")
    if not note:
        child.send(key)
        return
    child.send("n" + key)
    child.expect("Note or evidence")
    child.send(note + "\r")


def finished(child: Child) -> int:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus is not None, transcript(child)
    return int(child.exitstatus)


def test_stop_half_way_resume_the_next_day_and_finish(mini: Path, tmp_path: Path) -> None:
    child = spawn(tmp_path, "assess", "-c", "mini.toml", "-o", "review.toml")
    start(child)
    answer(child, "Question 1 of 4", "2", "white noise in hallway")
    answer(child, "Question 2 of 4", "3")
    child.expect("Question 3 of 4")
    child.expect("Your answer")
    child.send("b")  # back to the paper files, and change the answer
    answer(child, "Question 2 of 4", "1", "cabinet bought")
    child.expect("Physical safeguards so far")
    child.expect("Question 3 of 4")
    child.expect("Your answer")
    child.sendintr()
    assert finished(child) == 130
    first = transcript(child)
    assert "To continue:\r\n  privacycheck assess --resume review.toml\r\n" in first

    path = tmp_path / "review.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    saved = answers.load(path)
    assert (saved.practice, saved.assessor) == ("Riverside Counselling", "Sam Lee")
    assert saved.profile == {"staff": False, "jurisdiction": "us", "clinicians": 1}
    assert {k: (a.status, a.note) for k, a in saved.answers.items()} == {
        "physical.sound": ("partial", "white noise in hallway"),
        "physical.locks": ("yes", "cabinet bought"),
    }

    child = spawn(tmp_path, "assess", "--resume", "review.toml")
    child.expect("Continuing the review of Riverside Counselling")
    child.expect("Is this still right")
    child.send("y")
    answer(child, "Question 3 of 4", "3", "old laptop")
    answer(child, "Question 4 of 4", "1")
    child.expect("Overall score")
    child.expect("Write the HTML report next to the answers file")
    child.send("y")
    child.expect("Wrote the HTML report:")
    child.expect("review-report.html")
    assert finished(child) == 0
    assert not COLOUR.search(first + transcript(child))

    assert (tmp_path / "review-report.html").read_text().count("Riverside Counselling") >= 1
    done = subprocess.run([*command(), "report", "review.toml", "-f", "json"], cwd=tmp_path, check=False,
                          capture_output=True, text=True, env=environment(), timeout=60)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["items"]["answered"] == 4 and report["items"]["unanswered"] == 0
    assert report["score"] == round(100 * (10 * 0.5 + 5 + 0 + 2) / 27, 1)
    assert [a["item_id"] for a in report["remediation"]] == ["digital.encryption", "physical.sound"]


def test_sigkill_right_after_an_answer_loses_nothing(mini: Path, tmp_path: Path) -> None:
    child = spawn(tmp_path, "assess", "-c", "mini.toml", "-o", "review.toml")
    start(child)
    answer(child, "Question 1 of 4", "3", "door gap")
    child.expect("Question 2 of 4")
    child.expect("Your answer")
    child.send("n2")
    child.expect("Note or evidence")  # the answer is on disk before this prompt shows
    child.kill(signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL
    saved = answers.load(tmp_path / "review.toml")
    assert {k: (a.status, a.note) for k, a in saved.answers.items()} == {
        "physical.sound": ("no", "door gap"), "physical.locks": ("partial", "")}


def test_closing_the_terminal_loses_nothing(mini: Path, tmp_path: Path) -> None:
    child = spawn(tmp_path, "assess", "-c", "mini.toml", "-o", "review.toml")
    start(child)
    answer(child, "Question 1 of 4", "1", "sound masking")
    child.expect("Question 2 of 4")
    child.expect("Your answer")
    child.close(force=True)  # hang up, as closing the terminal window does
    saved = answers.load(tmp_path / "review.toml")
    assert saved.answers["physical.sound"].note == "sound masking"


def test_without_a_terminal_assess_says_what_to_use_instead(tmp_path: Path) -> None:
    done = subprocess.run([*command(), "assess"], stdin=subprocess.DEVNULL, cwd=tmp_path, check=False,
                          capture_output=True, text=True, env=environment(), timeout=60)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "privacycheck report FILE" in done.stderr and "--resume FILE" in done.stderr
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("how", ["--plain", "TERM=dumb"])
def test_plain_mode_walks_a_checklist_without_escape_sequences(how: str, mini: Path, tmp_path: Path) -> None:
    args = ["assess", "-c", "mini.toml", "-o", "review.toml"]
    if how == "--plain":
        child = spawn(tmp_path, *args, "--plain")
    else:
        first, *rest = command()
        child = pexpect.spawn(first, [*rest, *args], cwd=str(tmp_path),
                              env={**environment(), "TERM": "dumb"}, dimensions=(40, 60),
                              encoding="utf-8", timeout=TIMEOUT)
        child.logfile_read = io.StringIO()
    for prompt, typed in [("Name of the practice:", "Riverside Counselling"),
                          ("Your name (the assessor):", "Sam Lee"),
                          ("anyone else work", "n"), ("Where is the practice", "1"),
                          ("How many clinicians", "1"),
                          ("Question 1 of 4", ""), ("Your answer:", "1"),  # an empty line first
                          ("Question 2 of 4", "2n"), ("Note or evidence", "door gap"),
                          ("Question 3 of 4", "3"), ("Question 4 of 4", "why"), ("Your answer:", "w"),
                          ("What good looks like", "4"),
                          ("Write the HTML report", "y")]:
        child.expect(re.escape(prompt))
        if typed != "why":
            child.send(typed + "\r")
    child.expect("review-report.html")
    assert finished(child) == 0
    out = transcript(child)
    assert "\x1b" not in out  # no colour, no cursor movement, nothing redrawn
    assert "Nothing recorded." in out and "Partly, with a note." in out
    assert "  1. In place" in out and not re.search("[█░─]", out)  # the summary too: words only
    assert "Section scores" in out
    saved = answers.load(tmp_path / "review.toml")
    assert {k: (a.status, a.note) for k, a in saved.answers.items()} == {
        "physical.sound": ("yes", ""), "physical.locks": ("partial", "door gap"),
        "digital.encryption": ("no", ""), "digital.updates": ("unknown", "")}
