"""The data stays private: files 0600, no network, no colour codes leaking into pipes."""

from __future__ import annotations

import io
import re
import socket
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from privacycheck.cli import main
from privacycheck.review import score_file
from privacycheck.summary import print_summary


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


def test_main_commands_work_with_sockets_blocked(no_network: list[tuple[object, ...]], tmp_path: Path,
                                                 mini: Path, write_answers: Callable[..., Path],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = write_answers({"physical.sound": "yes", "digital.encryption": "no"})
    from privacycheck.render import FORMATS

    for fmt in FORMATS:
        out = tmp_path / f"report.{fmt}"
        assert main(["report", str(path), "-f", fmt, "-o", str(out)]) == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert main(["demo", "-o", str(tmp_path / "demo")]) == 0
    assert main(["checklists", "list"]) == 0
    assert main(["checklists", "validate", str(mini)]) == 0
    assert main(["checklists", "show", str(mini), "--json"]) == 0
    assert no_network == []


def test_summary_fits_a_60_column_terminal(write_answers: Callable[..., Path]) -> None:
    result = score_file(write_answers({"physical.sound": "partial", "digital.encryption": "no"}))
    buffer = io.StringIO()
    print_summary(result, Console(file=buffer, width=60, color_system=None), full=True)
    lines = buffer.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 60
    assert any("Overall score" in line for line in lines)


def test_piped_output_has_no_escape_codes(write_answers: Callable[..., Path],
                                          capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    assert main(["report", str(write_answers({"physical.sound": "no"}))]) == 0
    out = capsys.readouterr().out
    assert "Overall score" in out and "\x1b[" not in out


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
    assert "Overall score" in plain
    assert not re.search(r"\x1b\[[0-9;]*(3[0-7]|9[0-7])m", plain)
