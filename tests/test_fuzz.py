"""Fuzzed input files: every command that reads an answers, checklist or scenario file either
succeeds or fails with one line and exit 2, never a traceback, and never changes a file it
failed to read.

Files are valid ones with random edits (cuts, junk, wrong values and types, bad bytes,
huge strings, lost lines), inventory entries too, plus an empty file, binary junk and every
kind of thing that is not a readable file (a FIFO, a device, a folder, a symlink loop, an
unreadable folder or file, the last run as a user without privileges). `assess` and
`train` need a terminal: they run with a stand-in terminal whose first question is answered
with Ctrl-C, which reaches everything they read before asking anything.
"""

from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from conftest import MINI_CHECKLIST, answers_toml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacycheck.cli import main

VALID_ANSWERS = answers_toml(
    {"physical.sound": "yes", "physical.locks": "partial", "digital.encryption": "no"},
    extra='checklist_sha256 = ""')
VALID_SCENARIO = '''
[scenario]
id = "mini-case"
title = "A small fictional practice"
checklist = "mini.toml"
practice = "Fernhill Counselling (fictional)"
size = "solo"
setting = "one room above a shop"
minutes = 10
vignette = """
Dana sees clients alone in one room. A white-noise machine sits outside the door.
"""
debrief = """
Encryption is the gap that matters most here.
"""

[profile]
staff = false
jurisdiction = "us"
clinicians = 1

[model."physical.sound"]
status = "yes"
rationale = "Sound masking outside the door."

[model."physical.locks"]
status = "partial"
rationale = "Locked, but the key hangs beside the cabinet."

[model."digital.encryption"]
status = "no"
rationale = "The laptop is not encrypted."

[model."digital.updates"]
status = "yes"
rationale = "Automatic updates are on."
'''
TOML_VALUES = st.sampled_from([
    '""', '"x"', "1", "-3", "1.5", "true", "false", "[]", "[1, 2]", '["a"]', "{}",
    '{ a = 1 }', "2026-11-24", "2026-11-24T10:00:00Z", "10:00:00", '"' + "x" * 20000 + '"',
    "nan", "inf", '"yes"', '"na"', '"maybe"', '"\\u0000"', "'''\nmulti\n'''",
])
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HAS_COMPARE = importlib.util.find_spec("privacycheck.commands.compare") is not None
HAS_PORTFOLIO = importlib.util.find_spec("privacycheck.commands.portfolio") is not None


@st.composite
def mutated(draw: st.DrawFn, text: str) -> bytes:
    """A valid file with a few random edits: cut, insert junk, swap a value, bad bytes."""
    data = text.encode()
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["cut", "insert", "value", "value", "bytes", "truncate",
                                     "line", "huge"]))
        at = draw(st.integers(0, len(data)))
        if kind == "cut":
            data = data[:at] + data[at + draw(st.integers(1, 40)):]
        elif kind == "insert":
            data = data[:at] + draw(st.text(max_size=12)).encode() + data[at:]
        elif kind == "bytes":
            data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
        elif kind == "truncate":
            data = data[:at]
        elif kind == "huge":
            data = data[:at] + draw(st.sampled_from([b"x", b"[", b'"', b"\n"])) * 200_000 + data[at:]
        elif kind == "line":
            lines = data.split(b"\n")
            n = draw(st.integers(0, len(lines) - 1))
            del lines[n]
            data = b"\n".join(lines)
        else:
            lines = data.split(b"\n")
            candidates = [i for i, line in enumerate(lines) if b" = " in line]
            if not candidates:
                continue
            n = draw(st.sampled_from(candidates))
            key = lines[n].split(b" = ", 1)[0]
            lines[n] = key + b" = " + draw(TOML_VALUES).encode()
            data = b"\n".join(lines)
    return data


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def check_outcome(code: int, out: str, err: str, allowed: tuple[int, ...] = (0, 2)) -> None:
    """Success (or Ctrl-C, where a terminal is involved), or exit 2 with one error line."""
    assert code in allowed, (code, err)
    assert "Traceback" not in out + err
    if code == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1, err
        assert lines[0].startswith("privacycheck: error: ")


def check_validate(path: Path, code: int, out: str, err: str) -> None:
    """validate lists every problem, each on a line naming the file; exit 2 when any."""
    assert code in (0, 2), (code, err)
    assert err == ""
    lines = out.strip().splitlines()
    assert lines and all(line.startswith(f"{path}: ") for line in lines), out
    assert (code == 0) == lines[-1].startswith(f"{path}: OK")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class _CtrlC:
    """Prompts whose every question is answered with Ctrl-C."""

    def __init__(self, **terminal: object) -> None:
        pass

    def __getattr__(self, name: str) -> object:
        def interrupt(*args: object, **kwargs: object) -> object:
            raise KeyboardInterrupt

        return interrupt


@contextmanager
def terminal_that_interrupts() -> Iterator[None]:
    import privacycheck.training.train_walk
    import privacycheck.walk.prompts

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdin", _Terminal())
        patch.setattr(privacycheck.walk.prompts, "Prompts", _CtrlC)
        patch.setattr(privacycheck.training.train_walk, "Prompts", _CtrlC)
        yield


def folder_with(files: dict[str, bytes]) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = {"mini.toml": MINI_CHECKLIST.encode(), "answers.toml": VALID_ANSWERS.encode(),
                "valid.toml": VALID_ANSWERS.encode(), "scenario.toml": VALID_SCENARIO.encode()}
        for name, data in {**base, **files}.items():
            (folder / name).write_bytes(data)
        yield folder


def readers_of_answers(folder: Path, path: Path) -> None:
    """Every command that reads the answers file at `path`; it never changes when a run fails."""
    before = path.read_bytes() if path.is_file() else None

    def unchanged() -> None:
        if before is not None:
            assert path.read_bytes() == before
        else:
            assert not path.is_file()

    valid = str(folder / "valid.toml")
    for fmt in ("json", "txt", "csv", "html"):
        check_outcome(*run("report", str(path), "-f", fmt, "-o", str(folder / f"r.{fmt}")))
        unchanged()
    check_outcome(*run("report", str(path), "-c", str(folder / "mini.toml"), "-f", "md"))
    check_outcome(*run("train", "grade", str(folder / "scenario.toml"), str(path), "-f", "json"))
    if HAS_COMPARE:
        check_outcome(*run("compare", str(path), valid, "-f", "json"))
        check_outcome(*run("compare", valid, str(path), "-f", "html"))
    if HAS_PORTFOLIO:
        check_outcome(*run("portfolio", str(path), valid, "-f", "csv"))
    unchanged()
    with terminal_that_interrupts():
        new = folder / "new-review.toml"
        code, out, err = run("assess", "--from", str(path), "-o", str(new))
        check_outcome(code, out, err, allowed=(2, 130))
        assert not new.exists()  # Ctrl-C at the first question, or a bad file: nothing written
        unchanged()
        for command in ("assess", "train"):
            # a resumed review may note the checklist version it now uses: only a run that
            # fails must leave the file as it was
            before = path.read_bytes() if path.is_file() else None
            code, out, err = run(command, "--resume", str(path))
            check_outcome(code, out, err, allowed=(2, 130))
            if code == 2:
                unchanged()


@FUZZ
@given(mutated(VALID_ANSWERS))
def test_fuzzed_answers_file(data: bytes) -> None:
    for folder in folder_with({"answers.toml": data}):
        readers_of_answers(folder, folder / "answers.toml")


@FUZZ
@given(mutated(MINI_CHECKLIST))
def test_fuzzed_checklist_file(data: bytes) -> None:
    for folder in folder_with({"mini.toml": data}):
        checklist, answers = folder / "mini.toml", folder / "answers.toml"
        check_validate(checklist, *run("checklists", "validate", str(checklist)))
        check_outcome(*run("checklists", "show", str(checklist), "--json"))
        check_outcome(*run("checklists", "show", str(checklist)))
        check_outcome(*run("report", str(answers), "-f", "json", "-o", str(folder / "r.json")))
        check_outcome(*run("report", str(folder / "valid.toml"), "-c", str(checklist), "-f", "html"))
        check_outcome(*run("train", "key", str(folder / "scenario.toml"), "-f", "md"))
        if HAS_COMPARE:
            check_outcome(*run("compare", str(answers), str(folder / "valid.toml"), "-f", "json"))
        if HAS_PORTFOLIO:
            check_outcome(*run("portfolio", str(answers), "-f", "json"))
        assert checklist.read_bytes() == data
        before = answers.read_bytes()
        with terminal_that_interrupts():
            new = folder / "new-review.toml"
            code, out, err = run("assess", "-c", str(checklist), "-o", str(new))
            check_outcome(code, out, err, allowed=(2, 130))
            assert not new.exists()
            code, out, err = run("assess", "--resume", str(answers))
            check_outcome(code, out, err, allowed=(2, 130))
            if code == 2:
                assert answers.read_bytes() == before
        assert checklist.read_bytes() == data


STATE_LAW = """as_of = 2026-12-04

[states.ND]
name = "North Dakota"

[states.ND.duty_to_protect]
value = "none"
note = "The only duty statute is the family therapists' own."

[states.ND.duty_to_protect.mft]
value = "mandatory"
refs = ["N.D. Cent. Code § 43-53-11"]
note = "A serious threat against a reasonably identifiable victim."

[states.ND.breach_notice]
refs = ["N.D. Cent. Code § 51-30-02"]
attorney_general = true
ag_threshold = 250
ag_at_least = false

[states.ND.record_retention]
note = "The boards' rules could not be read."
"""


@FUZZ
@given(mutated(STATE_LAW))
def test_fuzzed_state_law_file(data: bytes) -> None:
    """A state-law file from others (`checklists validate` reads it like a checklist): every
    problem on its own line naming the file, never a traceback."""
    for folder in folder_with({"state-law.toml": data}):
        path = folder / "state-law.toml"
        check_validate(path, *run("checklists", "validate", str(path)))
        assert path.read_bytes() == data


@FUZZ
@given(mutated(VALID_SCENARIO))
def test_fuzzed_scenario_file(data: bytes) -> None:
    for folder in folder_with({"scenario.toml": data}):
        scenario = folder / "scenario.toml"
        check_validate(scenario, *run("checklists", "validate", str(scenario)))
        for fmt in ("json", "md", "html"):
            check_outcome(*run("train", "key", str(scenario), "-f", fmt))
        check_outcome(*run("train", "grade", str(scenario), str(folder / "answers.toml"), "-f", "csv"))
        with terminal_that_interrupts():
            new = folder / "exercise.toml"
            code, out, err = run("train", str(scenario), "-o", str(new))
            check_outcome(code, out, err, allowed=(2, 130))
        assert scenario.read_bytes() == data


BAD_FILES = {
    "empty.toml": b"",
    "binary.toml": bytes(range(256)),
    "latin1.toml": VALID_ANSWERS.replace("Test Practice", "Caf\xe9").encode("latin-1"),
    "huge.toml": b'[assessment]\npractice = "' + b"x" * 500_000 + b'"\n',
    "syntax.toml": b"[assessment\npractice = 'x'\n",
    "nested.toml": b"a = " + b"[" * 100_000,  # deeper than Python's recursion limit
}


@pytest.mark.parametrize("name", [*BAD_FILES, "a-folder"])
def test_empty_binary_huge_and_folder_inputs_fail_in_one_line(name: str, tmp_path: Path) -> None:
    for folder in folder_with({}):
        target = folder / name
        if name == "a-folder":
            target.mkdir()
        else:
            target.write_bytes(BAD_FILES[name])
        readers_of_answers(folder, target)
        for argv in (["checklists", "show", str(target)], ["train", "key", str(target)],
                     ["report", str(folder / "valid.toml"), "-c", str(target)]):
            code, out, err = run(*argv)
            assert code == 2, argv
            check_outcome(code, out, err)
        code, out, err = run("checklists", "validate", str(target))
        assert code == 2
        check_validate(target, code, out, err)
        if name != "a-folder":
            assert target.read_bytes() == BAD_FILES[name]


@pytest.mark.parametrize("reference", [
    '"mini\\u0000.toml"', '"~no-such-user-here/mini.toml"', '"' + "x" * 5000 + '.toml"',
    '"' + "x" * 5000 + '"', '"~no-such-user-here"',
], ids=["nul", "unknown-user", "long-path", "long-id", "unknown-user-id"])
def test_an_impossible_checklist_name_in_an_answers_file_fails_in_one_line(reference: str) -> None:
    text = VALID_ANSWERS.replace('checklist = "mini.toml"', f"checklist = {reference}")
    assert text != VALID_ANSWERS
    for folder in folder_with({"answers.toml": text.encode()}):
        code, out, err = run("report", str(folder / "answers.toml"))
        assert code == 2
        check_outcome(code, out, err)
        readers_of_answers(folder, folder / "answers.toml")


def test_line_breaks_inside_values_do_not_break_validate_lines() -> None:
    odd = MINI_CHECKLIST.replace('choices = ["us", "eu-uk", "other"]',
                                 'choices = ["us", "\\u0085eu-uk", "other\\u2028x", "a\\rb"]')
    assert odd != MINI_CHECKLIST
    for folder in folder_with({"mini.toml": odd.encode()}):
        path = folder / "mini.toml"
        code, out, err = run("checklists", "validate", str(path))
        assert code == 2 and "eu-uk" in out
        check_validate(path, code, out, err)


def test_many_blank_lines_do_not_make_validate_slow() -> None:
    import time

    for folder in folder_with({"scenario.toml": b"\n" * 200_000 + VALID_SCENARIO.encode(),
                               "mini.toml": b"\n" * 200_000 + MINI_CHECKLIST.encode()}):
        start = time.perf_counter()
        for name in ("scenario.toml", "mini.toml"):
            path = folder / name
            check_validate(path, *run("checklists", "validate", str(path)))
        assert time.perf_counter() - start < 20  # was minutes: a regex scanned every blank line again


def test_an_output_that_cannot_be_written_fails_in_one_line() -> None:
    for folder in folder_with({}):
        valid = str(folder / "valid.toml")
        for out in (folder / "mini.toml" / "report.html",  # a file where a folder should be
                    folder / "missing" / "report.html",
                    folder / ("x" * 300 + ".html"),  # a name too long for the file system
                    folder):  # a folder
            code, stdout, err = run("report", valid, "-o", str(out))
            assert code == 2, out
            check_outcome(code, stdout, err)
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            ["mini.toml", "answers.toml", "valid.toml", "scenario.toml"])  # nothing left behind


# ---------------------------------------------------------------- inventory entries

INVENTORY = '''
[[inventory]]
name = "SimplePractice"
kind = "records"
provider = "SimplePractice"
baa = "yes"
encrypted = "yes"
note = "EHR and scheduling"

[[inventory]]
name = "Blue filing cabinet"
kind = "paper"
baa = "na"
'''
VALID_WITH_INVENTORY = VALID_ANSWERS + INVENTORY


@FUZZ
@given(mutated(VALID_WITH_INVENTORY))
def test_fuzzed_inventory_entries(data: bytes) -> None:
    for folder in folder_with({"answers.toml": data}):
        readers_of_answers(folder, folder / "answers.toml")


# ---------------------------------------------------------------- kinds of file


def _kinds(folder: Path) -> dict[str, Path]:
    """Every kind of thing that can sit under a .toml name and is not a readable file."""
    import os

    kinds = {"fifo": folder / "fifo.toml", "device": folder / "device.toml",
             "directory": folder / "directory.toml", "loop": folder / "loop.toml",
             "dangling": folder / "dangling.toml"}
    os.mkfifo(kinds["fifo"])
    kinds["device"].symlink_to("/dev/zero")
    kinds["directory"].mkdir()
    kinds["loop"].symlink_to(kinds["loop"].name)
    kinds["dangling"].symlink_to("no-such-file.toml")
    return kinds


@pytest.mark.parametrize("kind", ["fifo", "device", "directory", "loop", "dangling"])
def test_every_kind_of_file_is_one_line_never_a_hang_or_an_endless_read(kind: str) -> None:
    for folder in folder_with({}):
        target = _kinds(folder)[kind]
        readers_of_answers(folder, target)  # as the answers file
        named = VALID_ANSWERS.replace('checklist = "mini.toml"', f'checklist = "{target.name}"')
        (folder / "names-it.toml").write_text(named)  # as the checklist an answers file names
        code, out, err = run("report", str(folder / "names-it.toml"), "-f", "json")
        assert code == 2
        check_outcome(code, out, err)
        for argv in (["checklists", "show", str(target)], ["train", "key", str(target)]):
            code, out, err = run(*argv)
            assert code == 2, argv
            check_outcome(code, out, err)


def test_portfolio_of_a_folder_of_odd_files_lists_each_as_an_error_and_the_good_ones() -> None:
    import json

    for folder in folder_with({}):
        kinds = _kinds(folder)
        code, out, err = run("portfolio", str(folder), "-f", "json", "--every-review")
        assert code == 2 and "Traceback" not in err
        data = json.loads(out)
        assert sorted(Path(p["file"]).name for p in data["practices"]) == ["answers.toml", "valid.toml"]
        failed = {Path(e["file"]).name for e in data["errors"]}
        assert failed == {p.name for name, p in kinds.items() if name != "directory"}


def _as_unprivileged(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run privacycheck as a user without privileges (root reads every file, which would
    hide a permission problem): `nobody` through setpriv when the tests run as root."""
    import os
    import shutil

    command = [sys.executable, "-m", "privacycheck", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root and setpriv is missing: cannot drop privileges")
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    env = {**os.environ, "PRIVACYCHECK_NO_CACHE": "1", "HOME": str(cwd)}
    if os.geteuid() == 0:  # the checkout may sit in a folder only root can enter
        probe = subprocess.run([*command[:command.index(sys.executable) + 1], "-c", "import privacycheck"],
                               check=False, cwd=cwd, env=env, capture_output=True, timeout=60)
        if probe.returncode != 0:
            pytest.skip("user nobody cannot import privacycheck from this checkout (a folder above it "
                        "is closed to other users): cannot run unprivileged")
    return subprocess.run(command, check=False, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=60)


def test_portfolio_lists_an_unreadable_folder_and_file_as_errors_and_the_rest(tmp_path: Path) -> None:
    import json
    import os

    root = Path(tempfile.mkdtemp(prefix="privacycheck-unprivileged-", dir="/tmp"))
    try:
        os.chmod(root, 0o755)
        (root / "mini.toml").write_text(MINI_CHECKLIST)
        (root / "open.toml").write_text(VALID_ANSWERS)
        (root / "closed").mkdir()
        (root / "closed" / "inside.toml").write_text(VALID_ANSWERS)
        (root / "secret.toml").write_text(VALID_ANSWERS.replace("Test Practice", "Other Practice"))
        for path in (root / "mini.toml", root / "open.toml"):
            os.chmod(path, 0o644)
        os.chmod(root / "secret.toml", 0o600)  # the tests' user's own: nobody cannot read it
        os.chmod(root / "closed", 0o700)
        done = _as_unprivileged("portfolio", str(root), "-f", "json", cwd=root)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        data = json.loads(done.stdout)
        assert [Path(p["file"]).name for p in data["practices"]] == ["open.toml"]
        errors = {Path(e["file"]).name: e["message"] for e in data["errors"]}
        assert set(errors) == {"closed", "secret.toml"}, errors
        assert "cannot open folder: Permission denied" in errors["closed"]
        assert "permission denied" in errors["secret.toml"]
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 2 and all(line.startswith("privacycheck: error: ") for line in lines)
        done = _as_unprivileged("report", str(root / "secret.toml"), cwd=root)
        assert done.returncode == 2 and done.stderr.count("\n") == 1 and "permission denied" in done.stderr
    finally:
        import shutil

        shutil.rmtree(root)


# ---------------------------------------------------------------- risk entries

RISKS = '''
[risks."lost-device"]
likelihood = "high"
impact = "high"
reason = "Laptop travels in a tote"
decision = "reduce"

[risks."vendor-breach"]
likelihood = "low"
impact = "medium"
decision = "transfer"
transfer_to = "Cyber insurance"

[risks."overheard"]
decision = "accept"
rationale = "Sound masking in place"
accepted_by = "Sam Lee"
'''


@FUZZ
@given(st.data())
def test_fuzzed_risk_entries(data: st.DataObject) -> None:
    import textwrap

    from risk_fixtures import FULL, HEAD, RISK_CHECKLIST

    valid = HEAD + textwrap.dedent(FULL) + RISKS
    bad = data.draw(mutated(valid))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "mini-risk.toml").write_text(RISK_CHECKLIST)
        (folder / "valid.toml").write_text(valid)
        path = folder / "review.toml"
        path.write_bytes(bad)
        for fmt in ("txt", "md", "html", "json", "csv"):
            check_outcome(*run("report", str(path), "--risk-analysis", "-f", fmt))
        check_outcome(*run("report", str(path), "-f", "csv"))
        check_outcome(*run("compare", str(path), str(folder / "valid.toml"), "-f", "json"))
        check_outcome(*run("portfolio", str(path), str(folder / "valid.toml"), "-f", "csv"))
        assert path.read_bytes() == bad


# ---------------------------------------------------------------- issue 29: the new readers

VALID_WITH_PLAN = VALID_ANSWERS.replace("[assessment]\n", "[assessment]\nper_week = 3\n", 1)
assert "per_week = 3" in VALID_WITH_PLAN


@FUZZ
@given(mutated(VALID_WITH_PLAN))
def test_fuzzed_capacity_and_plan(data: bytes) -> None:
    """The practice's own number of actions a week (per_week) and the plan that follows it."""
    for folder in folder_with({"answers.toml": data}):
        path = folder / "answers.toml"
        check_outcome(*run("plan", str(path), "-f", "json"), allowed=(0, 2))
        readers_of_answers(folder, path)


def _pdf_with_answers(text: bytes) -> bytes:
    """A small PDF carrying an answers file, as a report does (made with pypdf, no WeasyPrint)."""
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_attachment("answers.toml", text)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@FUZZ
@given(st.data())
def test_fuzzed_pdf_for_verify(data: st.DataObject) -> None:
    """verify reads a PDF from anyone: damaged, cut, or carrying a damaged answers file, it
    answers in one line (0 the same, 1 different, 2 not such a PDF), never a traceback."""
    good = _pdf_with_answers(VALID_ANSWERS.encode())
    pdf = data.draw(st.sampled_from([
        good,
        _pdf_with_answers(data.draw(mutated(VALID_ANSWERS))),
        good[:data.draw(st.integers(0, len(good)))],
        good[:200] + data.draw(st.binary(max_size=400)) + good[200:],
        b"%PDF-1.7\n" + data.draw(st.binary(max_size=2000)),
    ]))
    for folder in folder_with({"report.pdf": pdf, "answers.toml": VALID_ANSWERS.encode()}):
        check_outcome(*run("verify", str(folder / "report.pdf")), allowed=(0, 2))
        check_outcome(*run("verify", str(folder / "report.pdf"), str(folder / "answers.toml")), allowed=(0, 1, 2))
