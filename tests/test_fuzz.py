"""Fuzzed input files: every reader either succeeds or fails with one line and exit 2."""

from __future__ import annotations

import io
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from conftest import MINI_CHECKLIST, answers_toml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacycheck.cli import main

VALID_ANSWERS = answers_toml(
    {"physical.sound": "yes", "physical.locks": "partial", "digital.encryption": "no"},
    extra='checklist_sha256 = ""')
TOML_VALUES = st.sampled_from([
    '""', '"x"', "1", "-3", "1.5", "true", "false", "[]", "[1, 2]", '["a"]', "{}",
    '{ a = 1 }', "2026-11-24", "2026-11-24T10:00:00Z", '"' + "x" * 20000 + '"', "nan",
])
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mutated(draw: st.DrawFn, text: str) -> bytes:
    """A valid file with a few random edits: cut, insert junk, swap a value, bad bytes."""
    data = text.encode()
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["cut", "insert", "value", "bytes", "truncate", "line"]))
        at = draw(st.integers(0, len(data)))
        if kind == "cut":
            data = data[:at] + data[at + draw(st.integers(1, 40)):]
        elif kind == "insert":
            data = data[:at] + draw(st.text(max_size=12)).encode() + data[at:]
        elif kind == "bytes":
            data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
        elif kind == "truncate":
            data = data[:at]
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


def run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
    return code, err.getvalue()


def check_outcome(code: int, err: str) -> None:
    assert code in (0, 2), (code, err)
    if code == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1, err
        assert lines[0].startswith("privacycheck: error: ")


@FUZZ
@given(mutated(VALID_ANSWERS))
def test_fuzzed_answers_file(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "mini.toml").write_text(MINI_CHECKLIST)
        path = folder / "answers.toml"
        path.write_bytes(data)
        for fmt in ("json", "txt", "csv"):
            check_outcome(*run("report", str(path), "-f", fmt, "-o", str(folder / f"r.{fmt}")))
        assert path.read_bytes() == data  # a failed run never touches the answers file


@FUZZ
@given(mutated(MINI_CHECKLIST))
def test_fuzzed_checklist_file(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "mini.toml").write_bytes(data)
        (folder / "answers.toml").write_text(VALID_ANSWERS)
        code, _ = run("checklists", "validate", str(folder / "mini.toml"))
        assert code in (0, 2)
        check_outcome(*run("checklists", "show", str(folder / "mini.toml"), "--json"))
        check_outcome(*run("report", str(folder / "answers.toml"), "-f", "json", "-o", str(folder / "r.json")))


def test_empty_file_and_directory_and_binary(tmp_path: Path) -> None:
    (tmp_path / "empty.toml").write_bytes(b"")
    (tmp_path / "binary.toml").write_bytes(bytes(range(256)))
    for target in ("empty.toml", "binary.toml", "."):
        for command in (["report"], ["checklists", "show"], ["checklists", "validate"]):
            code, err = run(*command, str(tmp_path / target))
            assert code == 2, (command, target)
            if command != ["checklists", "validate"]:
                check_outcome(code, err)
