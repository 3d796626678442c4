"""Untrusted files and hostile conditions, round three (issue 29): a full disk, a link to an
answers file, text that is not UTF-8, a very deep folder, and errors that name the file."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_untrusted import GOOD, one_line_error, run

from privacycheck.files import session_lock
from privacycheck.model import answers


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    from conftest import MINI_CHECKLIST

    (tmp_path / "mini.toml").write_text(MINI_CHECKLIST)
    (tmp_path / "good.toml").write_text(GOOD)
    return tmp_path


def disk_full(*_: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


# ---------------------------------------------------------------- 1: a full disk


def test_a_full_disk_when_the_session_lock_is_described_does_not_stop_the_change(
        clinic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_lock.os, "pwrite", disk_full)  # the lock's note of who holds it
    code, out, err = run("plan", str(clinic / "good.toml"), "--done", "physical.locks")
    assert code == 0 and "Traceback" not in out + err, err
    assert answers.load(clinic / "good.toml").answers["physical.locks"].status == "yes"


@pytest.mark.parametrize("args", [("--done", "physical.locks"), ("--item", "physical.locks", "--owner", "Sam"),
                                  ("--item", "physical.locks", "--due", "2027-03-01")],
                         ids=["done", "item-owner", "item-due"])
def test_a_full_disk_is_one_line_and_leaves_the_answers_as_they_were(
        clinic: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> None:
    before = (clinic / "good.toml").read_bytes()
    monkeypatch.setattr(session_lock.os, "pwrite", disk_full)
    monkeypatch.setattr(os, "fsync", disk_full)  # every write's data
    one_line_error(*run("plan", str(clinic / "good.toml"), *args), "good.toml", "No space left on device")
    assert (clinic / "good.toml").read_bytes() == before


# ---------------------------------------------------------------- 11: a link to an answers file


def test_a_change_through_a_symbolic_link_is_written_to_the_file_it_points_to(clinic: Path) -> None:
    real = clinic / "clinics" / "2027" / "riverside.toml"
    real.parent.mkdir(parents=True)
    real.write_text(GOOD)
    real.chmod(0o600)
    link = clinic / "current.toml"
    link.symlink_to(real)
    code, _, err = run("plan", str(link), "--done", "physical.locks")
    assert code == 0, err
    assert link.is_symlink() and link.resolve() == real.resolve()  # the link stays a link
    assert answers.load(real).answers["physical.locks"].status == "yes"  # the file itself changed
    assert oct(real.stat().st_mode & 0o777) == "0o600"


HOLDER = ("import sys, time; from pathlib import Path; from privacycheck.files import session_lock; "
          "held = session_lock.hold(Path(sys.argv[1])); print('held', flush=True); time.sleep(60)")


def test_a_review_holding_the_file_refuses_a_change_through_a_link(clinic: Path) -> None:
    real = clinic / "riverside.toml"
    real.write_text(GOOD)
    link = clinic / "current.toml"
    link.symlink_to(real.name)
    holder = subprocess.Popen(  # a review of the real file, open in another window
        [sys.executable, "-c", HOLDER, str(real)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        one_line_error(*run("plan", str(link), "--done", "physical.locks"), "open in another privacycheck session")
    finally:
        holder.kill()
        holder.wait()
    assert answers.load(real).answers["physical.locks"].status == "no"


# ---------------------------------------------------------------- 6: text that is not UTF-8


def test_typed_text_in_a_latin1_terminals_bytes_is_kept_in_words() -> None:
    from privacycheck.files.safe_text import typed

    assert typed("caf\udce9 \udc96 done") == "café – done"  # Windows-1252 bytes, read as such
    assert typed("caf\udce9\udc81") == "caf\u00e9\u0081"  # 0x81 has no Windows-1252 character: Latin-1
    assert typed("plain words") == "plain words"
    assert typed("\ud800 lone") == "? lone"


@pytest.mark.parametrize("option", ["--note", "--owner"])
def test_a_note_or_owner_in_latin1_bytes_on_the_command_line_is_saved(clinic: Path, option: str) -> None:
    from test_assess_e2e import command, environment

    path = clinic / "good.toml"
    done = subprocess.run([*command(), "plan", str(path), "--item", "physical.locks", option, b"caf\xe9"],
                          check=False, capture_output=True, env=environment(), timeout=60)
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr
    answer = answers.load(path).answers["physical.locks"]
    assert (answer.note if option == "--note" else answer.owner) == "café"


def test_a_file_name_in_latin1_bytes_is_shown_not_a_crash(clinic: Path) -> None:
    from test_assess_e2e import command, environment

    named = clinic.as_posix().encode() + b"/caf\xe9.toml"
    with open(named, "w") as handle:
        handle.write(GOOD)
    done = subprocess.run([*command(), "plan", named, "--done", "physical.locks"],
                          check=False, capture_output=True, env=environment(), timeout=60)
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr
    assert b"Saved in" in done.stdout


def test_a_note_typed_on_a_latin1_terminal_is_saved(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    from conftest import MINI_CHECKLIST
    from test_assess_e2e import spawn

    (tmp_path / "mini.toml").write_text(MINI_CHECKLIST)
    child = spawn(tmp_path, "assess", "-c", str(tmp_path / "mini.toml"), "-o", str(tmp_path / "a.toml"))
    child.expect("Name of the practice")
    os.write(child.child_fd, b"Caf\xe9 Counselling\r")  # as a Latin-1 terminal sends it
    child.expect("assessor")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    assert answers.load(tmp_path / "a.toml").practice == "Café Counselling"


# ---------------------------------------------------------------- 7 and 8: portfolio


def test_a_folder_a_thousand_levels_deep_is_no_crash_and_good_files_are_listed(clinic: Path) -> None:
    import json

    deep = clinic / "deep"
    deep.mkdir()
    made = 0
    try:  # made with relative names: the whole path is longer than a path may be
        here = os.open(deep, os.O_RDONLY)
        for _ in range(1000):
            os.mkdir("d", dir_fd=here)
            made += 1
            inner = os.open("d", os.O_RDONLY, dir_fd=here)
            os.close(here)
            here = inner
        os.close(here)
        _, out, err = run("portfolio", str(clinic), "-f", "json")
    finally:
        remove_deep(clinic, made)  # pytest's own clean-up would recurse as deep
    assert "Traceback" not in out + err and "RecursionError" not in out + err
    data = json.loads(out)
    assert [p["practice"] for p in data["practices"]] == ["Test Practice"]
    assert any("levels deep are not searched" in e["message"] for e in data["errors"]), data["errors"]
    assert not deep.exists()


def remove_deep(clinic: Path, levels: int) -> None:
    """Remove deep/d/d/... from the bottom up, by folder handles (no path is that long)."""
    handles = [os.open(clinic / "deep", os.O_RDONLY)]
    for _ in range(levels - 1):
        handles.append(os.open("d", os.O_RDONLY, dir_fd=handles[-1]))
    while handles:
        here = handles.pop()
        if levels:
            os.rmdir("d", dir_fd=here)
        os.close(here)
    os.rmdir(clinic / "deep")


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "json", "csv"])
def test_a_portfolio_error_names_the_clinics_file_in_every_format(clinic: Path, fmt: str) -> None:
    for name in ("north", "south"):
        (clinic / f"{name}.toml").write_text(GOOD.replace('checklist = "', 'checklist = "missing-'))
    code, out, err = run("portfolio", str(clinic), "-f", fmt)
    assert code == 2 and "Traceback" not in err
    for name in ("north", "south"):
        assert f"{name}.toml" in out + err, (fmt, out + err)
