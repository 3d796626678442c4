"""The spreadsheet round trip: export the plan, edit it as a practice manager would, import
it back; a bad sheet lists every problem with its row and column and changes nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from privacycheck.cli import main
from privacycheck.model import answers
from privacycheck.reports.plan_csv import neutralise

pytestmark = pytest.mark.dates  # CI runs these on other days of the calendar too

GIVEN = {"physical.sound": "partial", "physical.locks": "no", "digital.encryption": "no",
         "digital.updates": "unknown"}


def export(path: Path, tmp_path: Path, command: str = "plan") -> tuple[Path, list[dict[str, str]]]:
    out = tmp_path / f"{command}.csv"
    argv = ["plan", str(path), "-f", "csv", "-o", str(out)] if command == "plan" else \
        ["report", str(path), "-f", "csv", "-o", str(out)]
    assert main(argv) == 0
    with out.open(newline="") as handle:
        return out, list(csv.DictReader(handle))


def save_rows(path: Path, rows: list[dict[str, str]], delimiter: str = ",") -> None:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)


def by_id(rows: list[dict[str, str]], item_id: str) -> dict[str, str]:
    return next(r for r in rows if r["item_id"] == item_id)


@pytest.mark.parametrize("command", ["plan", "report"])
def test_edit_in_a_spreadsheet_and_import_back(command: str, write_answers: Callable[..., Path],
                                               tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_answers(GIVEN)
    sheet, rows = export(path, tmp_path, command)
    assert by_id(rows, "physical.locks")["status"] == "Not in place"  # the words, not the codes
    by_id(rows, "physical.locks")["status"] = "In place"
    by_id(rows, "digital.updates")["owner"] = "Office manager"
    by_id(rows, "digital.updates")["due"] = "2027-04-15"
    by_id(rows, "physical.sound")["note"] = "- second door sealed, first not yet"
    by_id(rows, "digital.encryption")["status"] = "partly"  # case and codes are fine too
    save_rows(sheet, rows)
    capsys.readouterr()
    assert main(["plan", str(path), "--import", str(sheet)]) == 0
    out = capsys.readouterr().out
    assert "physical.locks: status Not in place -> In place" in out
    assert "digital.updates: owner (none) -> Office manager; due (suggested) -> 2027-04-15" in out
    assert "physical.sound: note changed" in out
    assert "digital.encryption: status Not in place -> Partly" in out
    assert out.count("\n") == 5  # four items changed, then where it was saved
    saved = answers.load(path).answers
    assert saved["physical.locks"].status == "yes"
    assert saved["physical.locks"].history[-1].status == "no"
    assert saved["digital.updates"].due == dt.date(2027, 4, 15)
    assert saved["physical.sound"].note == "- second door sealed, first not yet"
    # ... and the next report shows it
    main(["report", str(path), "-f", "json"])
    report = json.loads(capsys.readouterr().out)
    assert "physical.locks" not in [a["item_id"] for a in report["remediation"]]
    # importing the same sheet again changes nothing
    assert main(["plan", str(path), "--import", str(sheet)]) == 0
    assert "Nothing to change" in capsys.readouterr().out


def test_a_bad_sheet_lists_every_problem_and_changes_nothing(
        write_answers: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_answers(GIVEN)
    sheet, rows = export(path, tmp_path)
    before = path.read_bytes()
    clean = dict(rows[0])
    by_id(rows, "physical.locks")["due"] = "03/01/2027"
    by_id(rows, "physical.sound")["note"] = '=HYPERLINK("http://x","y")'
    by_id(rows, "digital.updates")["status"] = "Sort of"
    by_id(rows, "digital.encryption")["owner"] = "@boss"
    rows.append(dict(by_id(rows, "physical.locks")))
    rows.append({**clean, "item_id": "physical.nope"})
    save_rows(sheet, rows)
    capsys.readouterr()
    assert main(["plan", str(path), "--import", str(sheet)]) == 2
    err = capsys.readouterr().err
    columns = list(rows[0])

    def col(name: str) -> str:
        return f"column {chr(ord('A') + columns.index(name))} ({name})"

    row = {r["item_id"]: n for n, r in enumerate(rows[:4], start=2)}
    expected = [
        f"row {row['physical.locks']}, {col('due')}: '03/01/2027' is not a date written as YYYY-MM-DD",
        f"row {row['physical.sound']}, {col('note')}: " + "'=HYPERLINK(\"http://x\",\"y\")' would run as a spreadsheet formula",
        f"row {row['digital.updates']}, {col('status')}: unknown status 'Sort of'",
        f"row {row['digital.encryption']}, {col('owner')}: '@boss' would run as a spreadsheet formula",
        f"row 6, {col('item_id')}: physical.locks appears twice (rows {row['physical.locks']} and 6)",
        f"row 7, {col('item_id')}: unknown item id 'physical.nope'",
    ]
    for line in expected:
        assert f"{sheet}: {line}" in err, line
    assert "6 problems" in err and "nothing was imported" in err
    assert path.read_bytes() == before


def test_cells_that_would_run_as_formulas_are_written_with_an_apostrophe_and_read_back(
        write_answers: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_answers(GIVEN)
    path.write_text(path.read_text().replace('status = "no"\n', 'status = "no"\nnote = "=1+1"\nowner = "+44 20"\n', 1))
    sheet, _rows = export(path, tmp_path)
    text = sheet.read_text()
    assert "'=1+1" in text and "'+44 20" in text
    for line in text.splitlines():
        for cell in next(csv.reader(io.StringIO(line))):
            assert not cell.startswith(("=", "+", "-", "@")), cell
    assert main(["plan", str(path), "--import", str(sheet)]) == 0
    assert "Nothing to change" in capsys.readouterr().out
    assert answers.load(path).answers["physical.locks"].note == "=1+1"
    main(["report", str(path), "-f", "csv"])
    assert "'=1+1" in capsys.readouterr().out


def test_neutralise() -> None:
    assert [neutralise(v) for v in ("=A1", "+1", "-2", "@x", "\tx", "\rx", "ok", "a=b", None, 3)] == [
        "'=A1", "'+1", "'-2", "'@x", "'\tx", "'\rx", "ok", "a=b", "", "3"]


def test_semicolon_sheets_and_a_byte_order_mark_are_read(
        write_answers: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_answers(GIVEN)
    sheet, rows = export(path, tmp_path)
    by_id(rows, "physical.locks")["owner"] = "Jo"
    save_rows(sheet, rows, delimiter=";")
    sheet.write_bytes(b"\xef\xbb\xbf" + sheet.read_bytes())
    assert main(["plan", str(path), "--import", str(sheet)]) == 0
    assert answers.load(path).answers["physical.locks"].owner == "Jo"


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty"),
    (b"rank,question\n1,x\n", "no item_id column"),
    (b"item_id,question\nphysical.locks,x\n", "nothing to import"),
    (b"item_id,status\n\xff\xfe,yes\n", "not UTF-8"),
])
def test_unusable_files_are_one_line_errors(content: bytes, message: str, write_answers: Callable[..., Path],
                                            tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_answers(GIVEN)
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(content)
    before = path.read_bytes()
    assert main(["plan", str(path), "--import", str(sheet)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and str(sheet) in err
    assert path.read_bytes() == before


def test_not_answered_rows_stay_unanswered_and_cannot_erase_an_answer(
        write_answers: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_answers({"physical.sound": "no"})
    sheet, rows = export(path, tmp_path)
    assert by_id(rows, "physical.locks")["status"] == "Not answered"
    save_rows(sheet, rows)
    assert main(["plan", str(path), "--import", str(sheet)]) == 0
    assert "physical.locks" not in answers.load(path).answers
    by_id(rows, "physical.sound")["status"] = "Not answered"
    save_rows(sheet, rows)
    capsys.readouterr()
    assert main(["plan", str(path), "--import", str(sheet)]) == 2
    assert "an import cannot remove it" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["fifo", "folder", "missing", "huge"])
def test_odd_import_files_neither_hang_nor_crash(kind: str, write_answers: Callable[..., Path],
                                                 tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    path = write_answers(GIVEN)
    sheet = tmp_path / "sheet.csv"
    if kind == "fifo":
        os.mkfifo(sheet)
    elif kind == "folder":
        sheet.mkdir()
    elif kind == "huge":
        sheet.write_bytes(b"item_id,status\n" + b"x" * 2_100_000)
    assert main(["plan", str(path), "--import", str(sheet)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"privacycheck: error: {sheet}: ") and err.count("\n") == 1
