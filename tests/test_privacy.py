"""The data stays private: files 0600, no network, no colour codes leaking into pipes."""

from __future__ import annotations

import importlib.util
import io
import os
import re
import socket
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from privacycheck.analysis.review import score_file
from privacycheck.cli import main
from privacycheck.reports.summary import print_summary


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, ...]]:
    attempts: list[tuple[object, ...]] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise AssertionError("privacycheck tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def has_command(name: str) -> bool:
    return importlib.util.find_spec(f"privacycheck.commands.{name}") is not None


def test_main_commands_work_with_sockets_blocked(no_network: list[tuple[object, ...]], tmp_path: Path,
                                                 mini: Path, write_answers: Callable[..., Path],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = write_answers({"physical.sound": "yes", "digital.encryption": "no"})
    later = write_answers({"physical.sound": "yes", "digital.encryption": "yes"}, name="later.toml")
    from privacycheck.reports.render import FORMATS

    for fmt in FORMATS:
        out = tmp_path / f"report.{fmt}"
        assert main(["report", str(path), "-f", fmt, "-o", str(out)]) == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert main(["demo", "-o", str(tmp_path / "demo")]) == 0
    assert main(["checklists", "list"]) == 0
    assert main(["checklists", "validate", str(mini)]) == 0
    assert main(["checklists", "show", str(mini), "--json"]) == 0
    assert main(["train", "--list"]) == 0
    assert main(["train", "key", "solo-paper", "-f", "html"]) == 0
    assert main(["train", "grade", "solo-paper", str(tmp_path / "demo" / "answers.toml")]) == 0
    if has_command("compare"):
        assert main(["compare", str(path), str(later), "-f", "html"]) == 0
    if has_command("portfolio"):
        assert main(["portfolio", str(path), str(later), "-f", "html"]) == 0
    assert no_network == []


def written_files(tmp_path: Path, write_answers: Callable[..., Path]) -> list[Path]:
    """Every kind of file privacycheck writes: answers, reports, exports, keys, grades."""
    path = write_answers({"physical.sound": "yes", "digital.encryption": "no"})
    later = write_answers({"physical.sound": "yes", "digital.encryption": "yes"}, name="later.toml")
    out = tmp_path / "out"
    out.mkdir()
    runs = [["report", str(path), "-f", fmt, "-o", str(out / f"report.{fmt}")]
            for fmt in ("txt", "json", "csv", "html", "md")]
    runs += [["demo", "-o", str(out / "demo")],
             ["train", "key", "solo-paper", "-f", "md", "-o", str(out / "key.md")],
             ["train", "grade", "solo-paper", str(path), "-f", "csv", "-o", str(out / "grades.csv")]]
    if has_command("compare"):
        runs.append(["compare", str(path), str(later), "-f", "json", "-o", str(out / "compare.json")])
    if has_command("portfolio"):
        runs.append(["portfolio", str(path), str(later), "-f", "csv", "-o", str(out / "portfolio.csv")])
    for argv in runs:
        assert main(argv) in (0, 2), argv  # grading a non-training file may report it
    return sorted(p for p in out.rglob("*") if p.is_file())


def test_every_file_written_is_private_even_with_an_open_umask(
        tmp_path: Path, write_answers: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    os.umask(0)
    try:
        files = written_files(tmp_path, write_answers)
    finally:
        os.umask(0o022)
    assert {p.name for p in files} >= {"report.html", "answers.toml", "key.md", "grades.csv"}
    assert {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in files} == {
        p.name: "0o600" for p in files}


def test_a_report_follows_the_umask_only_when_asked(tmp_path: Path, write_answers: Callable[..., Path],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    answers = write_answers({"physical.sound": "no"})
    private, shared = tmp_path / "private.html", tmp_path / "shared.html"
    os.umask(0o027)
    try:
        assert main(["report", str(answers), "-o", str(private)]) == 0
        assert main(["report", str(answers), "-o", str(shared), "--follow-umask"]) == 0
        private.write_text("an older version")  # replaced, and its mode with it
        private.chmod(0o644)
        assert main(["report", str(answers), "-o", str(private)]) == 0
    finally:
        os.umask(0o022)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert stat.S_IMODE(shared.stat().st_mode) == 0o640
    assert shared.read_text() == private.read_text()
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    assert "--follow-umask" in capsys.readouterr().out


def test_a_report_never_replaces_its_answers_file(tmp_path: Path, write_answers: Callable[..., Path],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    answers = write_answers({"physical.sound": "no"})
    before = answers.read_bytes()
    assert main(["report", str(answers), "-f", "txt", "-o", str(tmp_path / "." / answers.name)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "answers file" in err
    assert answers.read_bytes() == before


def test_summary_fits_a_60_column_terminal(write_answers: Callable[..., Path]) -> None:
    result = score_file(write_answers({"physical.sound": "partial", "digital.encryption": "no"}))
    buffer = io.StringIO()
    print_summary(result, Console(file=buffer, width=60, color_system=None), full=True)
    lines = buffer.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 60
    assert any("Review incomplete" in line for line in lines)  # 2 of 4 answered: no verdict


def test_piped_output_has_no_escape_codes(write_answers: Callable[..., Path],
                                          capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    assert main(["report", str(write_answers({"physical.sound": "no"}))]) == 0
    out = capsys.readouterr().out
    assert "Review incomplete" in out and "\x1b[" not in out


def test_no_color_is_honoured_on_a_terminal(write_answers: Callable[..., Path],
                                            capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(write_answers({"physical.sound": "no"}))
    monkeypatch.setenv("FORCE_COLOR", "1")  # as if on a colour terminal
    monkeypatch.delenv("NO_COLOR")
    main(["report", path])
    assert re.search(r"\x1b\[[0-9;]*31m", capsys.readouterr().out)  # red for "At risk"
    monkeypatch.setenv("NO_COLOR", "1")
    main(["report", path])
    plain = capsys.readouterr().out
    assert "Review incomplete" in plain
    assert not re.search(r"\x1b\[[0-9;]*(3[0-7]|9[0-7])m", plain)


def test_screen_output_keeps_to_a_60_column_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    assert main(["demo", "-o", str(tmp_path / "demo")]) == 0
    capsys.readouterr()
    for argv in (["report", str(tmp_path / "demo" / "answers.toml")],
                 ["checklists", "show", "therapy-practice"]):
        assert main(argv) == 0
        lines = capsys.readouterr().out.splitlines()
        assert len(lines) > 20, argv
        assert max(len(line) for line in lines) <= 60, (argv, max(lines, key=len))
