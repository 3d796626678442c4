"""Files from others are untrusted (issue 15): each defect an adversarial review found, as a
test that a user would run. Every bad input is one line naming the file, exit 2, and
`portfolio` lists it as an error while still listing the good files."""

from __future__ import annotations

import io
import os
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from conftest import MINI_CHECKLIST, answers_toml
from conftest import TINY_SCENARIO as SCENARIO

from privacycheck.cli import main

GOOD = answers_toml({"physical.sound": "yes", "physical.locks": "no"})


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def one_line_error(code: int, out: str, err: str, *expected: str) -> str:
    assert code == 2, (code, out, err)
    assert "Traceback" not in out + err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("privacycheck: error: "), err
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    (tmp_path / "mini.toml").write_text(MINI_CHECKLIST)
    (tmp_path / "good.toml").write_text(GOOD)
    return tmp_path


# ---------------------------------------------------------------- 1: far-future dates


@pytest.mark.parametrize("edit", [
    ("updated = 2026-11-24T11:00:00Z", "updated = 9999-12-31T00:00:00Z"),
    ("started = 2026-11-24T10:00:00Z", "started = 9999-12-31T23:59:59-05:00"),
    ('status = "no"', 'status = "no"\ndue = 9999-12-31'),
    ('status = "no"', 'status = "no"\nanswered = 0001-01-01T00:00:00+05:00'),
], ids=["updated", "started-offset", "due", "answered"])
def test_a_far_future_date_is_one_line_in_every_report_compare_and_portfolio(clinic: Path, edit: tuple[str, str]) -> None:
    bad = clinic / "future.toml"
    text = GOOD.replace(*edit)
    assert text != GOOD
    bad.write_text(text)
    for fmt in ("txt", "md", "html", "json", "csv"):
        one_line_error(*run("report", str(bad), "-f", fmt), str(bad), "year")
    one_line_error(*run("compare", str(bad), str(clinic / "good.toml")), "future.toml")
    one_line_error(*run("compare", str(clinic / "good.toml"), str(bad), "-f", "json"), "future.toml")
    code, out, err = run("portfolio", str(clinic), "-f", "json")
    assert code == 2 and "Traceback" not in err
    import json

    data = json.loads(out)
    assert [p["practice"] for p in data["practices"]] == ["Test Practice"]
    assert [Path(e["file"]).name for e in data["errors"]] == ["future.toml"]


def test_compare_history_walk_stops_quietly_at_an_earlier_file_with_a_far_future_date(clinic: Path) -> None:
    (clinic / "2025.toml").write_text(GOOD.replace("updated = 2026-11-24T11:00:00Z",
                                                   "updated = 9999-12-31T00:00:00Z"))
    (clinic / "2026.toml").write_text(GOOD.replace('checklist_version = "1.0"',
                                                   'checklist_version = "1.0"\ncarried_from = "2025.toml"'))
    code, out, err = run("compare", str(clinic / "2026.toml"), str(clinic / "good.toml"), "-f", "json")
    assert code == 0, err
    import json

    assert json.loads(out)["history"] == []


# ---------------------------------------------------------------- 2, 3: devices, FIFOs, sizes


@pytest.mark.parametrize("where", ["checklist", "carried_from", "answers"])
@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_a_device_or_fifo_is_refused_without_reading_or_blocking(clinic: Path, where: str, target: str) -> None:
    if target == "fifo":
        os.mkfifo(clinic / "pipe.toml")
        target = str(clinic / "pipe.toml")
    if where == "answers":
        path = target
    else:
        path = str(clinic / "a.toml")
        key = 'checklist = "mini.toml"' if where == "checklist" else 'checklist_version = "1.0"'
        value = f'checklist = "{target}"' if where == "checklist" else f'{key}\ncarried_from = "{target}"'
        Path(path).write_text(GOOD.replace(key, value))
    if where == "carried_from":  # an earlier review that cannot be read ends the history quietly
        code, out, err = run("compare", path, str(clinic / "good.toml"), "-f", "json")
        assert code == 0, err
        return
    one_line_error(*run("report", path, "-f", "json"), target)
    code, out, err = run("portfolio", path, str(clinic / "good.toml"), "-f", "json")
    assert code == 2 and "Test Practice" in out


def test_an_oversized_answers_file_is_refused_before_it_is_read(clinic: Path) -> None:
    from privacycheck.files import tomlfile

    big = clinic / "big.toml"
    with big.open("wb") as handle:
        handle.truncate(tomlfile.MAX_BYTES["answers file"] + 1)  # sparse: costs no disk
    one_line_error(*run("report", str(big)), "too large")


def test_every_reader_caps_what_it_reads(tmp_path: Path) -> None:
    from privacycheck.errors import PrivacycheckError
    from privacycheck.files import tomlfile

    path = tmp_path / "f.toml"
    path.write_bytes(b"x" * 101)
    assert tomlfile.read_bytes(path, limit=101) == b"x" * 101
    with pytest.raises(PrivacycheckError, match="too large"):
        tomlfile.read_bytes(path, limit=100)


# ---------------------------------------------------------------- 14: types, BOM


@pytest.mark.parametrize("edit,expected", [
    (('checklist_version = "1.0"', "checklist_version = [1, 2]"), "checklist_version"),
    (('checklist_version = "1.0"', 'checklist_version = "1.0"\nkind = "audit"'), "kind"),
    (("clinicians = 1", "clinicians = 99999999999999999999999"), "profile.clinicians"),
    (("clinicians = 1", "clinicians = " + "9" * 5000), "number"),
])
def test_wrong_types_and_huge_numbers_are_one_line_errors(clinic: Path, edit: tuple[str, str], expected: str) -> None:
    bad = clinic / "bad.toml"
    bad.write_text(GOOD.replace(*edit))
    one_line_error(*run("report", str(bad), "-f", "json"), expected, "bad.toml")


def test_a_byte_order_mark_is_accepted(clinic: Path) -> None:
    bom = clinic / "bom.toml"
    bom.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    (clinic / "bom-checklist.toml").write_bytes(b"\xef\xbb\xbf" + MINI_CHECKLIST.encode())
    code, out, err = run("report", str(bom), "-c", str(clinic / "bom-checklist.toml"), "-f", "json")
    assert code == 0, err
    assert '"practice": "Test Practice"' in out


# ---------------------------------------------------------------- 4: a full disk


def _disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)


def test_report_onto_a_full_disk_is_one_line_and_keeps_the_old_file(clinic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = clinic / "report.html"
    out.write_text("last year's report")
    _disk_full(monkeypatch)
    one_line_error(*run("report", str(clinic / "good.toml"), "-o", str(out)),
                   str(out), "could not be saved", "No space left on device")
    assert out.read_text() == "last year's report"
    assert sorted(p.name for p in clinic.iterdir()) == ["good.toml", "mini.toml", "report.html"]


def test_the_walk_on_a_full_disk_says_what_was_not_saved_and_where_the_answers_are(
        clinic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from privacycheck.analysis import review
    from privacycheck.errors import PrivacycheckError
    from privacycheck.walk.walk_state import Walk

    path = clinic / "good.toml"
    before = path.read_bytes()
    model, assessment = review.open_review(path)
    walk = Walk(model, assessment, path)
    item = walk.current
    assert item is not None
    _disk_full(monkeypatch)
    with pytest.raises(PrivacycheckError) as caught:
        walk.record(item, "yes")
    message = caught.value.message
    assert "No space left on device" in message and "not saved" in message
    assert f"every answer before it is still in {path}" in message
    assert path.read_bytes() == before


# ---------------------------------------------------------------- 7: never over an input


def test_no_command_writes_over_a_file_it_reads_a_checklist_or_an_answers_file(clinic: Path) -> None:
    (clinic / "scenario.toml").write_text(SCENARIO)
    trainee = clinic / "trainee.toml"
    trainee.write_text(GOOD.replace('checklist_version = "1.0"',
                                    'checklist_version = "1.0"\nkind = "training"\nscenario = "tiny-solo"'))
    other = clinic / "other-review.toml"
    other.write_text(GOOD)
    before = {p.name: p.read_bytes() for p in clinic.iterdir()}
    good, mini = str(clinic / "good.toml"), str(clinic / "mini.toml")
    attempts = [
        ["train", "grade", str(clinic / "scenario.toml"), str(trainee), "-o", str(trainee)],
        ["train", "grade", str(clinic / "scenario.toml"), str(trainee), "-o", str(other)],
        ["train", "key", str(clinic / "scenario.toml"), "-o", str(clinic / "scenario.toml")],
        ["report", good, "-o", mini],
        ["report", good, "-c", mini, "-o", mini],
        ["report", good, "-f", "txt", "-o", str(other)],
        ["compare", good, str(other), "-f", "md", "-o", mini],
        ["portfolio", good, "-f", "csv", "-o", str(other)],
    ]
    for argv in attempts:
        one_line_error(*run(*argv), "never writes over")
    assert {p.name: p.read_bytes() for p in clinic.iterdir()} == before


def test_demo_never_replaces_someone_elses_answers_file(tmp_path: Path) -> None:
    code, _out, err = run("demo", "-o", str(tmp_path / "demo"))
    assert code == 0, err
    code, _out, err = run("demo", "-o", str(tmp_path / "demo"))  # its own example: rewritten
    assert code == 0, err
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "answers.toml").write_text(GOOD)
    one_line_error(*run("demo", "-o", str(mine)), "answers.toml", "never writes over")
    assert (mine / "answers.toml").read_text() == GOOD
    assert sorted(p.name for p in mine.iterdir()) == ["answers.toml"]


# ---------------------------------------------------------------- 8: devices and FIFOs as -o


def test_output_into_a_fifo_writes_into_it_and_leaves_it_a_fifo(clinic: Path) -> None:
    import stat
    import threading

    fifo = clinic / "pipe.json"
    os.mkfifo(fifo)
    one_line_error(*run("report", str(clinic / "good.toml"), "-o", str(fifo)), "pipe.json")  # nobody reading
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    import time

    time.sleep(0.2)  # the reader has the FIFO open
    code, _out, err = run("report", str(clinic / "good.toml"), "-o", str(fifo))
    reader.join(10)
    assert code == 0, err
    assert b'"practice": "Test Practice"' in got[0]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_output_onto_a_device_writes_into_it_and_never_renames_over_it(clinic: Path) -> None:
    import stat

    null = clinic / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    code, _out, err = run("report", str(clinic / "good.toml"), "-o", str(null))
    assert code == 0, err
    assert stat.S_ISCHR(os.stat(null).st_mode) and os.stat(null).st_rdev == os.makedev(1, 3)
    assert sorted(p.name for p in clinic.iterdir()) == ["good.toml", "mini.toml", "null"]


# ---------------------------------------------------------------- 9, 10: terminals and markup

EVIL = "Evil \\u001b[2J\\u001b]0;pwned\\u0007\\u001b]8;;http://x.example/\\u001b\\\\link [/b] Clinic [north wing] [link=http://x.example]here[/link]"


def _evil(clinic: Path) -> Path:
    path = clinic / "evil[bold]x.toml"
    path.write_text(GOOD.replace('practice = "Test Practice"', f'practice = "{EVIL}"')
                    .replace('assessor = "Tester"', 'assessor = "\\u001b[31mred\\u009b2J"')
                    .replace('status = "no"', 'status = "no"\nnote = "\\u001bc reset"\nowner = "\\u001b[8mhidden"')
                    + '\n[answers."x\\u001b[2J"]\nstatus = "yes"\n')
    return path


def _no_controls(text: str) -> None:
    assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text, repr(text)


def test_no_control_sequence_from_a_file_reaches_the_terminal(clinic: Path) -> None:
    from privacycheck.files.safe_text import for_terminal

    evil = _evil(clinic)
    (clinic / "scenario.toml").write_text(SCENARIO)
    for argv in (["report", str(evil)], ["report", str(evil), "-f", "txt", "-o", str(clinic / "r.txt")],
                 ["portfolio", str(clinic)], ["compare", str(evil), str(clinic / "good.toml")],
                 ["train", "grade", str(clinic / "scenario.toml"), str(evil)],
                 ["report", str(evil), "-f", "md"]):
        code, out, err = run(*argv)
        assert code in (0, 2), (argv, err)
        _no_controls(out + err)
    _no_controls((clinic / "r.txt").read_text())
    code, out, err = run("report", str(evil))
    assert "Evil ␛[2J␛]0;pwned" in out and "[north wing]" in out  # shown, not obeyed
    assert for_terminal("a\x1b[2Jb\tc\nd\u202ee") == "a␛[2Jb\tc\nd\ufffde"


def test_checklist_text_and_error_messages_show_control_characters(clinic: Path) -> None:
    bad = clinic / "bad\x1b[2J.toml"
    bad.write_text(MINI_CHECKLIST.replace('title = "Mini checklist"', 'title = "Mini\\u001b]0;x\\u0007"')
                   .replace('severity = "low"', 'severity = "low\\u001b[2J"'))
    for argv in (["checklists", "validate", str(bad)], ["checklists", "show", str(bad)],
                 ["report", str(clinic / "good.toml"), "-c", str(bad)]):
        code, out, err = run(*argv)
        assert code == 2
        _no_controls(out + err)
        assert "bad␛[2J.toml" in out + err


def test_the_walk_shows_file_text_as_text_not_markup(clinic: Path) -> None:
    from privacycheck.files.safe_text import console

    buffer = io.StringIO()
    screen = console(file=buffer, width=200, color_system=None)
    screen.print(f"Continuing the review of {'Smith [/b] Clinic [north wing] [link=http://x]y[/link]'}")
    screen.print("Saved in", "clinic[bold]x.toml", "\x1b[2J")
    text = buffer.getvalue()
    assert "Smith [/b] Clinic [north wing] [link=http://x]y[/link]" in text
    assert "Saved in clinic[bold]x.toml ␛[2J" in text


def test_resume_of_a_file_with_markup_in_its_names_shows_them_as_written(clinic: Path) -> None:
    """End to end: `assess --resume` on 'Smith [/b] Clinic' (rich markup) no longer crashes."""
    import pexpect

    path = clinic / "clinic[bold]x.toml"
    path.write_text(GOOD.replace('practice = "Test Practice"',
                                 'practice = "Smith [/b] Clinic [north wing] \\u001b]0;pwned\\u0007"'))
    exe = str(Path(sys.executable).with_name("privacycheck"))
    child = pexpect.spawn(exe, ["assess", "--resume", str(path)], encoding="utf-8", timeout=20,
                          dimensions=(40, 200), env={**os.environ, "NO_COLOR": "1", "TERM": "dumb"})
    child.expect("Smith \\[/b\\] Clinic \\[north wing\\] ␛\\]0;pwned")
    shown = child.before + child.after
    child.expect("still right")  # Ctrl-C at the prompt, as a person would press it
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    assert "clinic[bold]x.toml" in (child.before or "")
    assert "\x1b]0;pwned" not in shown + (child.before or "")
    child.close()
    assert child.exitstatus == 130


def test_ctrl_c_stops_the_plain_walk_even_when_started_with_sigint_ignored(clinic: Path) -> None:
    """A walk started from nohup or a script's background job inherits SIGINT ignored; plain
    mode reads whole lines, so it must restore Ctrl-C itself (the full-screen prompts read it
    as a key)."""
    import signal

    import pexpect

    exe = str(Path(sys.executable).with_name("privacycheck"))
    child = pexpect.spawn(exe, ["assess", "--resume", str(clinic / "good.toml")], encoding="utf-8",
                          timeout=20, dimensions=(40, 100), env={**os.environ, "TERM": "dumb"},
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    child.expect("still right")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Your answers are saved in" in (child.before or "")


# ---------------------------------------------------------------- 11: CSV formulas


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\\t", "\\r"])
def test_every_csv_neutralises_formulas(clinic: Path, start: str) -> None:
    import csv

    formula = f"{start}HYPERLINK(\\\"http://x.example\\\")"
    path = clinic / "f.toml"
    path.write_text(GOOD.replace('practice = "Test Practice"', f'practice = "{formula}"')
                    .replace('assessor = "Tester"', f'assessor = "{formula}"')
                    .replace('status = "no"', f'status = "no"\nowner = "{formula}"'))
    (clinic / "scenario.toml").write_text(SCENARIO)
    outputs = [run("report", str(path), "-f", "csv")[1], run("portfolio", str(path), "-f", "csv")[1],
               run("train", "grade", str(clinic / "scenario.toml"), str(path), "-f", "csv")[1]]
    cells = [cell for text in outputs for row in csv.reader(io.StringIO(text)) for cell in row]
    raw = start.replace("\\t", "\t").replace("\\r", "\r")
    assert sum(cell == f"'{raw}HYPERLINK(\"http://x.example\")" for cell in cells) >= 4
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@", "\t", "\r"))
                or cell.startswith("-") and not cell.lstrip("-").replace(".", "").isdigit()]


# ---------------------------------------------------------------- 12: Markdown


def test_markdown_shows_crafted_ids_and_paths_as_text(clinic: Path) -> None:
    from markdown_it import MarkdownIt

    crafted = clinic / "we`<b>ird<i>|x.toml"
    crafted.write_text(GOOD + '\n[answers."x`<img src=x onerror=alert(1)>`"]\nstatus = "yes"\n')
    md = MarkdownIt("commonmark").enable("table")
    for argv in (["report", str(crafted), "-f", "md"], ["portfolio", str(crafted), "-f", "md"]):
        code, out, err = run(*argv)
        assert code == 0, err
        html = md.render(out)
        assert "<img" not in html and "<b>" not in html and "<i>" not in html
    report = md.render(run("report", str(crafted), "-f", "md")[1])
    assert "<code>x`&lt;img src=x onerror=alert(1)&gt;`</code>" in report
    portfolio = md.render(run("portfolio", str(crafted), "-f", "md")[1])
    shown = crafted.name.replace("<", "&lt;").replace(">", "&gt;")  # on paper, the file's name alone, as text
    assert f"<br>{shown}</td>" in portfolio


# ---------------------------------------------------------------- 5: --templates


@pytest.mark.parametrize("body,cause", [
    ("{{ 1/0 }}", "division by zero"),
    ('{% include "report.md.j2" %}', "includes or extends itself"),
    ("{{ 10 ** 100000 }}", "power"),
    ('{{ "x" * 100000000000 }}', "repeat"),
    ("{% for i in range(10**12) %}{% endfor %}", "Range too big"),
    ('{% extends "base.md.j2" %}', "names template 'base.md.j2', which is not found"),
    ('{{ "".__class__.__mro__ }}', "unsafe"),
    # issue 29, item 10: everything else that builds text to a size the template gives
    ('{% set ns = namespace(s="x") %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}',
     "MemoryError"),
    ('{{ "x".center(1000000000) }}', "width or count above"),
    ('{{ "x"|center(1000000000) }}', "width or count above"),
    ('{{ "x"|indent(1000000000, true) }}', "width or count above"),
    ('{{ "{:>1000000000}".format(1) }}', "format string"),
    ('{{ "%1000000000d"|format(1) }}', "format string"),
    ('{{ "x".ljust(1000000000) }}', "width or count above"),
    ('{{ "7".zfill(1000000000) }}', "width or count above"),
], ids=["zero-division", "self-include", "huge-power", "huge-repeat", "huge-range", "missing-parent", "internals",
        "concat-doubling", "center-method", "center-filter", "indent", "str-format", "percent-format", "ljust", "zfill"])
def test_a_broken_template_is_one_line_with_template_line_and_cause(clinic: Path, body: str, cause: str) -> None:
    folder = clinic / "brand"
    folder.mkdir()
    (folder / "report.md.j2").write_text(f"# Our report\n{body}\n")
    one_line_error(*run("report", str(clinic / "good.toml"), "-f", "md", "--templates", str(folder)),
                   f"{folder / 'report.md.j2'}: line 2: ", cause)


def test_a_template_that_is_a_fifo_or_too_large_is_refused(clinic: Path) -> None:
    folder = clinic / "brand"
    folder.mkdir()
    os.mkfifo(folder / "report.md.j2")
    one_line_error(*run("report", str(clinic / "good.toml"), "-f", "md", "--templates", str(folder)),
                   "named pipe")
    os.unlink(folder / "report.md.j2")
    with (folder / "report.md.j2").open("wb") as handle:
        handle.truncate(100 << 20)
    one_line_error(*run("report", str(clinic / "good.toml"), "-f", "md", "--templates", str(folder)),
                   "too large")


# ---------------------------------------------------------------- 6: two windows, one file


def _spawn(cwd: Path, *args: str) -> object:
    import pexpect

    exe = str(Path(sys.executable).with_name("privacycheck"))
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    return pexpect.spawn(exe, list(args), cwd=str(cwd), env=env, dimensions=(40, 100),
                         encoding="utf-8", timeout=20)


@pytest.mark.parametrize("command", ["assess", "train"])
def test_a_second_window_on_the_same_file_is_refused_and_says_who_holds_it(clinic: Path, command: str) -> None:
    import pexpect

    path = clinic / "review.toml"
    if command == "train":
        (clinic / "scenario.toml").write_text(SCENARIO)
        path.write_text(GOOD.replace('checklist_version = "1.0"', 'checklist_version = "1.0"\n'
                                     'kind = "training"\nscenario = "tiny-solo"'))
        args = ["train", str(clinic / "scenario.toml"), "--resume", str(path)]
    else:
        path.write_text(GOOD)
        args = ["assess", "--resume", str(path)]
    first: pexpect.spawn = _spawn(clinic, *args)  # type: ignore[assignment]
    first.expect("Your answer|Is this still right|Press Enter")
    other: pexpect.spawn = _spawn(clinic, *args)  # type: ignore[assignment]
    other.expect(pexpect.EOF)
    other.close()
    said = " ".join((other.before or "").split())
    assert other.exitstatus == 2, said
    assert f"privacycheck: error: {path}: open in another privacycheck session (pid {first.pid} on " in said
    assert "since 20" in said and "Traceback" not in said
    first.sendcontrol("c")
    first.expect(pexpect.EOF)
    first.close()
    assert not (clinic / ".review.toml.lock").exists()  # the lock went with the session
    second: pexpect.spawn = _spawn(clinic, *args)  # type: ignore[assignment]
    second.expect("Your answer|Is this still right|Press Enter")  # free again
    second.sendcontrol("c")
    second.expect(pexpect.EOF)
    second.close()


def test_a_lock_left_by_a_killed_session_does_not_block(clinic: Path) -> None:
    import signal

    import pexpect

    path = clinic / "review.toml"
    path.write_text(GOOD)
    first: pexpect.spawn = _spawn(clinic, "assess", "--resume", str(path))  # type: ignore[assignment]
    first.expect("Your answer|Is this still right")
    first.kill(signal.SIGKILL)
    first.expect(pexpect.EOF)
    first.close()
    assert (clinic / ".review.toml.lock").exists()  # no chance to tidy up ...
    from privacycheck.analysis import review
    from privacycheck.files import session_lock

    held = session_lock.hold(path)  # ... but the system dropped the lock with the process
    assert held is not None
    held.release()
    assert review.open_review(path)[1].practice == "Test Practice"


# ---------------------------------------------------------------- 15: scale


def test_compare_of_a_large_checklist_takes_about_as_long_as_scoring_both(tmp_path: Path) -> None:
    """Look-ups by id are built once: compare grew worse than quadratically (20k items: 169 s)."""
    import time

    from privacycheck.analysis import scoring
    from privacycheck.analysis.compare import Review, compare
    from privacycheck.model import answers, checklist

    n = 3000  # one item per section: the worst case for a scan of the sections
    parts = ['[checklist]\nid = "big"\ntitle = "Big"\nversion = "1.0"\n']
    rows = []
    for k in range(n):
        parts.append(f'[[sections]]\nid = "s{k}"\ntitle = "S{k}"\n[[sections.items]]\nid = "s{k}.i"\n'
                     f'question = "Q{k}?"\nwhy = "W."\nguidance = "G."\nremediation = "R."\n'
                     f'severity = "{("critical", "high", "medium", "low")[k % 4]}"\neffort = "low"\n')
        rows.append(f'[answers."s{k}.i"]\nstatus = "{("yes", "no", "partial")[k % 3]}"\n')
    (tmp_path / "big.toml").write_text("\n".join(parts))
    head = ('[assessment]\npractice = "P"\nstarted = 2026-11-24T10:00:00Z\nchecklist = "big.toml"\n'
            'checklist_version = "1.0"\n')
    (tmp_path / "old.toml").write_text(head + "\n".join(rows))
    (tmp_path / "new.toml").write_text(head.replace("checklist_version", 'carried_from = "old.toml"\n'
                                                    "checklist_version") + "\n".join(rows))
    model = checklist.load(str(tmp_path / "big.toml"))
    old, new = answers.load(tmp_path / "old.toml"), answers.load(tmp_path / "new.toml")
    start = time.perf_counter()
    a, b = scoring.score(model, old), scoring.score(model, new)
    scored = time.perf_counter() - start
    start = time.perf_counter()
    result = compare(Review(tmp_path / "old.toml", a), Review(tmp_path / "new.toml", b),
                     load_earlier=lambda path: a)
    compared = time.perf_counter() - start
    assert len(result.category("still_open")) == 2 * n // 3
    assert compared < 3 * scored + 0.5, (compared, scored)  # was 7 times as long
    one_section = "\n".join(p if k < 2 else p.split("[[sections.items]]")[1].join(["[[sections.items]]", ""])
                             for k, p in enumerate(parts))
    (tmp_path / "one.toml").write_text(one_section)
    flat = checklist.load(str(tmp_path / "one.toml"))
    assert len(flat.sections) == 1 and sum(1 for _ in flat.items()) == n
    start = time.perf_counter()
    scoring.score(flat, old), scoring.score(flat, new)
    in_one = time.perf_counter() - start
    assert scored < 3 * in_one + 0.3, (scored, in_one)  # scoring scanned the sections for every item


def test_the_answer_key_in_markdown_shows_scenario_text_as_text(clinic: Path) -> None:
    from markdown_it import MarkdownIt

    (clinic / "scenario.toml").write_text(
        SCENARIO.replace('title = "A tiny solo practice"', 'title = "Tiny <img src=x onerror=alert(1)>"')
        .replace('practice = "Birch Room Therapy (fictional)"', 'practice = "Birch <b>Room</b> \\u001b[2J"')
        .replace('debrief = "Encryption', 'debrief = "<script>x</script> Encryption'))
    code, out, err = run("train", "key", str(clinic / "scenario.toml"), "-f", "md")
    assert code == 0, err
    html = MarkdownIt("commonmark").enable("table").render(out)
    assert "<img" not in html and "<b>" not in html and "<script>" not in html
    assert "\x1b" not in out and "Birch" in html


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("fmt", ["csv", "json", "md", "html"])
def test_any_format_printed_on_a_terminal_shows_control_characters(clinic: Path, fmt: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    evil = _evil(clinic)
    piped = run("report", str(evil), "-f", fmt)[1]
    screen = _Tty()
    monkeypatch.setattr(sys, "stdout", screen)
    assert main(["report", str(evil), "-f", fmt]) == 0
    _no_controls(screen.getvalue())
    if fmt == "csv":
        assert "\x1b" in piped  # into a pipe or a file, the data stay exactly as they are


def test_a_template_that_would_run_for_ever_is_stopped(clinic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from privacycheck.reports import templates

    monkeypatch.setattr(templates, "MAX_SECONDS", 1)
    folder = clinic / "brand"
    folder.mkdir()
    (folder / "report.md.j2").write_text("# Ours\n{% for i in range(99999) %}{% for j in range(99999) %}"
                                         "{% endfor %}{% endfor %}\n")
    one_line_error(*run("report", str(clinic / "good.toml"), "-f", "md", "--templates", str(folder)),
                   "report.md.j2: line 2: ", "still rendering after 1 seconds")


def test_a_refused_second_window_changes_nothing_even_when_the_scenario_was_revised(clinic: Path) -> None:
    import pexpect

    from privacycheck.files import session_lock

    (clinic / "scenario.toml").write_text(SCENARIO)
    path = clinic / "trainee.toml"
    path.write_text(GOOD.replace('checklist_version = "1.0"', 'checklist_version = "0.9"\n'
                                 'kind = "training"\nscenario = "tiny-solo"'))  # older than the scenario
    before = path.read_bytes()
    held = session_lock.hold(path)  # this test is the first window
    assert held is not None
    try:
        other: pexpect.spawn = _spawn(clinic, "train", str(clinic / "scenario.toml"),  # type: ignore[assignment]
                                      "--resume", str(path))
        other.expect(pexpect.EOF)
        other.close()
        assert other.exitstatus == 2 and "open in another privacycheck session" in (other.before or "")
        assert path.read_bytes() == before
    finally:
        held.release()


def test_a_pdf_goes_through_the_same_careful_write(clinic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PDF bytes take the path every other output takes: into a device, never renamed over it,
    and a full disk is one line that leaves the old file as it was."""
    import stat

    from privacycheck.files.atomic import write_private

    null = clinic / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    write_private(null, b"%PDF-1.7 ...")
    assert stat.S_ISCHR(os.stat(null).st_mode) and os.stat(null).st_rdev == os.makedev(1, 3)
    old = clinic / "report.pdf"
    old.write_bytes(b"last year's PDF")
    _disk_full(monkeypatch)
    from privacycheck.errors import PrivacycheckError

    with pytest.raises(PrivacycheckError, match="could not be saved"):
        write_private(old, b"%PDF-1.7 ...")
    assert old.read_bytes() == b"last year's PDF"
    assert sorted(p.name for p in clinic.iterdir()) == ["good.toml", "mini.toml", "null", "report.pdf"]


def test_a_symlink_loop_among_the_inputs_is_one_line(clinic: Path) -> None:
    """Path.resolve() raises on a symlink loop; the trend, plan --import and kit must not."""
    loop = clinic / "loop.toml"
    loop.symlink_to(loop.name)
    good = str(clinic / "good.toml")
    other = clinic / "other.toml"
    other.write_bytes((clinic / "good.toml").read_bytes())
    for args in (("compare", good, str(other), str(loop)), ("plan", good, "--import", str(loop))):
        code, _out, err = run(*args)
        assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1, (args, err)
