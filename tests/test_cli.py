"""The command line as a user meets it: exit codes, one-line errors, report schema, help."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from privacycheck import __version__
from privacycheck.cli import COMMANDS, build_parser, main


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed console script (as a user would), falling back to -m."""
    exe = shutil.which("privacycheck")
    command = [exe] if exe else [sys.executable, "-m", "privacycheck"]
    return subprocess.run([*command, *args], check=False, capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "NO_COLOR": "1"}, timeout=60)


def test_version() -> None:
    done = cli("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"privacycheck {__version__}"


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    registered = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(registered) <= set(COMMANDS)
    for name in registered:
        with pytest.raises(SystemExit) as done:
            main([name, "--help"])
        assert done.value.code == 0
        assert "usage: privacycheck " + name in capsys.readouterr().out


def test_report_json_schema(write_answers: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    path = write_answers({"physical.sound": "yes", "physical.locks": "partial",
                          "digital.encryption": "no", "old.item": "yes"})
    assert main(["report", str(path), "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema_version"] == 1
    assert data["score"] == round(100 * 12.5 / 27, 1)
    assert data["rating"] == "At risk"
    assert data["incomplete"] is True
    assert data["items"] == {"applicable": 4, "answered": 3, "unanswered": 1,
                             "not_applicable": 0, "out_of_scope": 3}
    assert [(s["id"], s["score"]) for s in data["sections"]] == [
        ("physical", round(100 * 12.5 / 15, 1)), ("digital", 0.0)]
    assert [(a["item_id"], a["severity"], a["status"], a["due"]) for a in data["remediation"]] == [
        ("digital.encryption", "critical", "no", "2026-12-08"),  # due dates by capacity: weeks 2, 4, 9
        ("physical.locks", "high", "partial", "2026-12-22"),
        ("digital.updates", "medium", "unanswered", "2027-01-26"),
    ]
    assert [g["item_id"] for g in data["critical_gaps"]] == ["digital.encryption"]
    assert data["unknown_items"] == ["old.item"]


def test_report_to_file_is_private(write_answers: Callable[..., Path], tmp_path: Path) -> None:
    path = write_answers({"physical.sound": "yes"})
    out = tmp_path / "plan.csv"
    assert main(["report", str(path), "-o", str(out)]) == 0
    assert out.read_text().splitlines()[0].startswith("rank,item_id,title,section,question,finding,action")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_text_report_reads_as_a_summary(write_answers: Callable[..., Path], tmp_path: Path) -> None:
    out = tmp_path / "r.txt"
    main(["report", str(write_answers({"physical.sound": "no"})), "-o", str(out)])
    text = out.read_text()
    flat = " ".join(text.split())  # 1 of 4 answered: a provisional rating, not a verdict
    assert "Test Practice" in text and "Review incomplete" in flat and "rating At risk" in flat
    assert "Review incomplete: 1 of 4 applicable items answered" in flat
    assert "\x1b[" not in text


def test_fail_under_exits_3(write_answers: Callable[..., Path]) -> None:
    path = write_answers({"physical.sound": "yes", "physical.locks": "yes",
                          "digital.encryption": "yes", "digital.updates": "yes"})
    assert cli("report", str(path), "-f", "json", "--fail-under", "100").returncode == 0
    path = write_answers({"physical.sound": "yes"}, name="low.toml")
    done = cli("report", str(path), "-f", "json", "--fail-under", "50")
    assert done.returncode == 3
    assert "is below --fail-under 50" in done.stderr
    assert json.loads(done.stdout)["score"] < 50


def test_checklist_override_and_relative_path(tmp_path: Path, mini: Path, write_answers: Callable[..., Path]) -> None:
    sub = tmp_path / "clinic"
    sub.mkdir()
    path = write_answers({"physical.sound": "yes"}, name="clinic/a.toml", checklist="../mini.toml")
    done = cli("report", str(path), "-f", "json", cwd=sub.parent.parent)
    assert done.returncode == 0, done.stderr
    moved = write_answers({"physical.sound": "yes"}, name="clinic/b.toml", checklist="gone.toml")
    assert cli("report", str(moved), "-f", "json").returncode == 2
    done = cli("report", str(moved), "-f", "json", "-c", str(mini))
    assert done.returncode == 0 and json.loads(done.stdout)["checklist"]["id"] == "mini"


@pytest.mark.parametrize("case", ["missing", "syntax", "status", "directory", "bad-profile"])
def test_bad_input_is_one_line_exit_2_no_traceback(case: str, tmp_path: Path,
                                                   write_answers: Callable[..., Path]) -> None:
    path = write_answers({"physical.sound": "yes"})
    expected = {
        "missing": (tmp_path / "nope.toml", "no such answers file"),
        "syntax": (path, "line 3, column 12: invalid TOML"),
        "status": (path, 'answers."physical.sound": unknown status \'sure\''),
        "directory": (tmp_path, "is a directory"),
        "bad-profile": (path, "profile.staff: expected true or false"),
    }
    target, message = expected[case]
    if case == "syntax":
        path.write_text(path.read_text().replace('assessor = "Tester"', 'assessor = Tester"'))
    if case == "status":
        path.write_text(path.read_text().replace('status = "yes"', 'status = "sure"'))
    if case == "bad-profile":
        path.write_text(path.read_text().replace("staff = false", 'staff = "no"'))
    done = cli("report", str(target))
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert str(target) in lines[0] and message in lines[0]
    assert "Traceback" not in done.stderr


def test_bad_option_is_usage_error() -> None:
    done = cli("report")
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_checklists_validate_lists_all_problems(tmp_path: Path, mini: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(mini.read_text().replace('severity = "low"', 'severity = "tiny"')
                   .replace('effort = "high"', 'effort = "huge"'))
    done = cli("checklists", "validate", str(mini), str(bad))
    assert done.returncode == 2
    assert f"{mini}: OK (7 items, version 1.0)" in done.stdout
    assert "unknown severity 'tiny'" in done.stdout and "unknown effort 'huge'" in done.stdout
    assert f"{bad}: 2 problems" in done.stdout
    assert cli("checklists", "validate", str(mini)).returncode == 0


def test_checklists_show_json_and_text(mini: Path) -> None:
    done = cli("checklists", "show", str(mini), "--json")
    data = json.loads(done.stdout)
    assert data["id"] == "mini" and len(data["sections"]) == 3
    assert data["sections"][1]["items"][0]["remediation"] == "Turn on FileVault or BitLocker."
    text = cli("checklists", "show", str(mini)).stdout
    assert "digital.encryption" in text and "(when jurisdiction is one of 'eu-uk')" in text


@pytest.mark.parametrize(("args", "hint"), [
    (["asses"], "did you mean 'assess'?"),
    (["checklists", "lst"], "did you mean 'list'?"),
    (["report", "a.toml", "-f", "htm"], "did you mean 'html'?"),
    (["assess", "--plian"], "--plian (did you mean --plain?)"),
    (["train", "--lst"], "--lst (did you mean --list?)"),
])
def test_a_mistyped_command_choice_or_option_gets_a_suggestion(
        args: list[str], hint: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(args)
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert hint in err and err.count("\n") == 1


def test_nothing_close_is_suggested_for_nonsense(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["xyzzy"])
    assert "did you mean" not in capsys.readouterr().err


@pytest.mark.parametrize(("kind", "said"), [
    ("html", "it is an HTML page (a report?)"),
    ("json", "it is JSON (a report made with -f json?)"),
    ("checklist", "it is a checklist"),
    ("scenario", "it is a training scenario"),
    ("empty", "it is empty"),
])
def test_a_file_that_is_not_an_answers_file_says_what_it_is(
        kind: str, said: str, tmp_path: Path, write_answers: Callable[..., Path], mini: Path) -> None:
    from conftest import TINY_SCENARIO

    answers_file = write_answers({"physical.sound": "yes"})
    html = tmp_path / "report.html"
    assert main(["report", str(answers_file), "-o", str(html)]) == 0
    data = tmp_path / "report.json"
    assert main(["report", str(answers_file), "-o", str(data)]) == 0
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(TINY_SCENARIO)
    empty = tmp_path / "empty.toml"
    empty.write_text("# nothing yet\n")
    path = {"html": html, "json": data, "checklist": mini, "scenario": scenario, "empty": empty}[kind]
    done = cli("report", str(path))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
    assert f"{path}: not an answers file: {said}" in done.stderr
    assert "the TOML file 'privacycheck assess' writes" in done.stderr


def test_telling_what_a_file_is_takes_no_time_on_a_long_odd_file(tmp_path: Path) -> None:
    import time

    from privacycheck.errors import PrivacycheckError
    from privacycheck.model import answers

    path = tmp_path / "odd.toml"
    path.write_text("\n" * 300_000 + "<html>")  # many blank lines: no search may go quadratic
    began = time.monotonic()
    with pytest.raises(PrivacycheckError, match="not an answers file: it is an HTML page"):
        answers.load(path)
    assert time.monotonic() - began < 2
