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
    from privacycheck import tomlfile

    big = clinic / "big.toml"
    with big.open("wb") as handle:
        handle.truncate(tomlfile.MAX_BYTES["answers file"] + 1)  # sparse: costs no disk
    one_line_error(*run("report", str(big)), "too large")


def test_every_reader_caps_what_it_reads(tmp_path: Path) -> None:
    from privacycheck import tomlfile
    from privacycheck.errors import PrivacycheckError

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
