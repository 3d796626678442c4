"""Fuzzed inputs of `plan --import` and of a consultant's kit templates (`kit --templates`).

An imported CSV plan (random cells, quotes, NULs, huge cells, a byte-order mark, CRs,
formulas, semicolons, duplicated rows, odd dates, plain junk) is either imported or refused
with error lines naming the CSV, exit 2, no traceback, and the answers file byte for byte
as it was. A broken overriding kit template (syntax errors, unknown names, a template that
includes itself, huge loops and numbers) is one line naming the template and its line,
exit 2, and no kit folder at all.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from conftest import MINI_CHECKLIST, answers_toml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacycheck.cli import main
from privacycheck.model import answers, checklist
from privacycheck.training import demo

GIVEN = {"physical.sound": "partial", "physical.locks": "no", "digital.encryption": "no",
         "digital.updates": "unknown"}
IMPORTED = ("item_id", "status", "owner", "due", "note")
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


# ---------------------------------------------------------------- plan --import


@contextmanager
def practice() -> Iterator[tuple[Path, Path, list[list[str]]]]:
    """A folder with the mini checklist, an answers file and that plan's CSV rows."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "mini.toml").write_text(MINI_CHECKLIST)
        path = folder / "answers.toml"
        path.write_text(answers_toml(GIVEN))
        sheet = folder / "plan.csv"
        code, _, err = run("plan", str(path), "-f", "csv", "-o", str(sheet))
        assert code == 0, err
        with sheet.open(newline="") as handle:
            rows = list(csv.reader(handle))
        yield path, sheet, rows


CELLS = st.one_of(
    st.text(max_size=20),
    st.sampled_from([
        "", " ", "In place", "in PLACE", "Partly", "Not in place", "Not answered", "na", "yes",
        "maybe", "=1+1", "'=1+1", "@SUM(A1)", "'@x", "+1 555", "-done", "\tx", "\rx", "'", "''",
        "\x00", "a\x00b", "\ufeff", "\r\n", '"', '""', "a,b", "a;b", "x" * 100_000,
        "2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31", "27/04/2027", "2027-4-5",
        "2027-04-15", "2027-04-15T10:00", "20270415xx", "2027-W01-1", "today", "physical.locks", "digital.updates",
        "no.such.item", "PHYSICAL.LOCKS", "\u202eevil", "\x1b[31mred", "<b>x</b>",
    ]),
)


@st.composite
def sheets(draw: st.DrawFn, rows: list[list[str]]) -> bytes:
    """The exported plan with random edits, written with random CSV conventions."""
    table = [list(r) for r in rows]
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["cell", "cell", "cell", "dup", "drop", "add", "header",
                                     "short", "long"]))
        r = draw(st.integers(0, len(table) - 1))
        if kind == "cell" and table[r]:  # mostly the columns an import reads
            wanted = [i for i, name in enumerate(table[0]) if name in IMPORTED and i < len(table[r])]
            at = draw(st.sampled_from(wanted) if wanted and draw(st.booleans())
                      else st.integers(0, len(table[r]) - 1))
            table[r][at] = draw(CELLS)
        elif kind == "dup":
            table.insert(draw(st.integers(1, len(table))), list(table[r]))
        elif kind == "drop" and len(table) > 1:
            del table[draw(st.integers(1, len(table) - 1))]
        elif kind == "add":
            table.append(draw(st.lists(CELLS, max_size=len(table[0]) + 2)))
        elif kind == "header" and table[0]:
            table[0][draw(st.integers(0, len(table[0]) - 1))] = draw(CELLS)
        elif kind == "short":
            table[r] = table[r][: draw(st.integers(0, len(table[r])))]
        elif kind == "long":
            table[r] = [*table[r], *draw(st.lists(CELLS, max_size=3))]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=draw(st.sampled_from([",", ";"])),
               lineterminator=draw(st.sampled_from(["\n", "\r\n", "\r"])),
               quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))).writerows(table)
    data = buffer.getvalue().encode()
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):  # raw damage: bad bytes, stray quotes, a cut
        at = draw(st.integers(0, len(data)))
        junk = draw(st.sampled_from([b"\x00", b'"', b"\r", b"\xff\xfe", b"\n", b'x"y', b"",
                                     b"\xc3"]))
        data = data[:at] + junk + data[at + draw(st.integers(0, 3)):]
    return data


def check_import(path: Path, before: bytes, code: int, out: str, err: str) -> None:
    assert code in (0, 2), (code, err)
    assert "Traceback" not in out + err
    if code == 2:
        lines = err.strip().splitlines()
        assert lines, err
        errors = [line for line in lines if line.startswith("privacycheck: error: ")]
        assert errors and all("plan.csv" in line or "answers.toml" in line for line in errors), err
        # every problem one line, then at most one summary line
        assert len(lines) - len(errors) <= 1, err
        assert path.read_bytes() == before, "a refused import changed the answers file"
    else:  # what was imported is saved in a file that still reads, and reads the same again
        answers.load(path)
        after = path.read_bytes()
        code, _, err = run("report", str(path), "-f", "json")
        assert code == 0, err
        assert path.read_bytes() == after


def test_fuzzed_plan_csv_is_imported_or_refused_without_touching_the_answers() -> None:
    with practice() as (path, sheet, rows):
        before = path.read_bytes()

        @FUZZ
        @given(sheets(rows))
        def check(data: bytes) -> None:
            path.write_bytes(before)
            sheet.write_bytes(data)
            check_import(path, before, *run("plan", str(path), "--import", str(sheet)))

        check()


@FUZZ
@given(st.binary(max_size=400) | st.text(max_size=200).map(str.encode))
def test_junk_as_a_plan_csv_is_refused_in_lines(data: bytes) -> None:
    with practice() as (path, sheet, _):
        before = path.read_bytes()
        sheet.write_bytes(data)
        check_import(path, before, *run("plan", str(path), "--import", str(sheet)))


@pytest.mark.parametrize("data", [
    b"", b"\xef\xbb\xbf", b"\x00" * 100, b"item_id\n", b"item_id,status\n\x00,\x00\n",
    b'item_id,status\n"physical.locks,In place\n',  # an unclosed quote
    b"item_id;status\nphysical.locks;In place\n" * 2,
    b"item_id,status\r\nphysical.locks,In place\r\nphysical.locks,In place\r\n",
    b"item_id,status\n" + b"x" * 2_000_001,
    b"item_id,due\nphysical.locks,2026-02-30\n",
    b"item_id,status\nphysical.locks,=HYPERLINK(\"x\")\n",
])
def test_hand_made_bad_sheets_are_refused_in_lines(data: bytes) -> None:
    with practice() as (path, sheet, _):
        before = path.read_bytes()
        sheet.write_bytes(data)
        code, out, err = run("plan", str(path), "--import", str(sheet))
        assert code == 2
        check_import(path, before, code, out, err)


@pytest.mark.parametrize("due", ["20270415xx", "2027-W01-1", "2027W01100", "2027-04-1\uff15",
                                 "+027-04-15"])
def test_a_due_date_not_written_as_yyyy_mm_dd_is_refused(due: str) -> None:
    """Found by the fuzz test: Python's fromisoformat took these for dates (2027-04-15,
    2027-01-04) and the import saved a due date nobody wrote."""
    with practice() as (path, sheet, _):
        before = path.read_bytes()
        sheet.write_text(f"item_id,status,due\nphysical.locks,Not in place,{due}\n")
        code, out, err = run("plan", str(path), "--import", str(sheet))
        assert code == 2
        check_import(path, before, code, out, err)
        assert "row 2, column C (due): " in err and "is not a date written as YYYY-MM-DD" in err
        code, _, err = run("plan", str(path), "--item", "physical.locks", "--due", due)
        assert code == 2 and "not a date written as YYYY-MM-DD" in err
        assert path.read_bytes() == before


def test_bad_bytes_in_a_sheet_with_cr_line_ends_name_their_line() -> None:
    """Found by the fuzz test: a sheet saved with CR line ends (older spreadsheets) was
    always reported at line 1."""
    with practice() as (path, sheet, _):
        before = path.read_bytes()
        sheet.write_bytes(b"item_id,status\rphysical.sound,Partly\rphysical.locks,\xff\r")
        code, out, err = run("plan", str(path), "--import", str(sheet))
        assert code == 2
        check_import(path, before, code, out, err)
        assert "plan.csv: line 3: not UTF-8 text" in err


# ---------------------------------------------------------------- kit --templates


@pytest.fixture(scope="module")
def demo_answers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "answers.toml"
    answers.save(demo.assessment(checklist.load("therapy-practice")), path)
    return path


@contextmanager
def brand(source: str, name: str = "policies.md.j2") -> Iterator[tuple[Path, Path]]:
    """A templates folder whose kit/NAME is `source`, and a kit folder path not yet made."""
    with tempfile.TemporaryDirectory() as folder:
        templates = Path(folder) / "brand"
        (templates / "kit").mkdir(parents=True)
        (templates / "kit" / name).write_text(source)
        yield templates, Path(folder) / "kit"


def check_kit(code: int, out: str, err: str, out_dir: Path, name: str = "policies.md.j2") -> None:
    assert code in (0, 2), (code, err)
    assert "Traceback" not in out + err
    if code == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1, err
        assert lines[0].startswith("privacycheck: error: ")
        assert name in lines[0], err
        assert not out_dir.exists(), "a failed kit left a folder behind"


BROKEN = [
    "{{ no_such_name }}",
    "line one\n{% if %}",
    "{% for x in %}",
    "{% endfor %}",
    "{{ 1 / 0 }}",
    "{{ practice.nope.deeper }}",
    "ok\nok\n{{ items[10000].title }}",
    '{% include "kit/policies.md.j2" %}',
    '{% extends "kit/policies.md.j2" %}',
    "{% for i in range(10**9) %}{% endfor %}",
    "{{ 'x' * 10**8 }}",
    "{{ 2 ** 100000 }}",
    "{{ [1] * 10**8 }}",
    '{% include "kit/none-such.md.j2" %}',
    "{{ ''.__class__.__mro__ }}",
    "{{ blank() }}",
    "{{ items | map(attribute='nope') | list | first | upper }}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "{{ \"%s\" % (1, 2) }}",
    "{{ 99999999999999999999 | int | string | int * 'x' }}",
    "{% set x = 1 %}{{ x.y.z }}",
    "\x00{{",
    "{# unclosed comment",
    "{{ '\\xff' }}\n{% endraw %}",
]


@pytest.mark.parametrize("source", BROKEN)
def test_a_broken_kit_template_is_one_line_naming_it_and_writes_nothing(
        demo_answers: Path, source: str) -> None:
    with brand(source) as (templates, out):
        code, stdout, err = run("kit", str(demo_answers), "-o", str(out), "--templates", str(templates))
        assert code == 2, (stdout, err)
        check_kit(code, stdout, err, out)
        assert "policies.md.j2: line " in err, err


def test_the_error_names_the_line_of_the_template(demo_answers: Path) -> None:
    with brand("fine\nfine\n{{ no_such_name }}\n") as (templates, out):
        code, _, err = run("kit", str(demo_answers), "-o", str(out), "--templates", str(templates))
        assert code == 2
        assert "policies.md.j2: line 3" in err
    with brand("fine\n{% if %}\n") as (templates, out):
        code, _, err = run("kit", str(demo_answers), "-o", str(out), "--templates", str(templates))
        assert code == 2
        assert "policies.md.j2: line 2" in err


JINJA_PIECES = st.sampled_from([
    "{{", "}}", "{%", "%}", "{#", "#}", " if ", " for ", " in ", " endif ", " endfor ",
    " x ", " items ", " practice ", " blank('a') ", " range(", ")", "(", "[", "]", "|", " md ",
    " upper ", "'", '"', " ** ", " * ", " 9999999 ", " / 0 ", ".", " include ", " extends ",
    '"kit/policies.md.j2"', '"kit/layout.md.j2"', " block body ", " endblock ", " set ",
    " = ", " macro ", " endmacro ", " call ", " endcall ", "\n", "text", " loop.index ",
    " raw ", " endraw ", " super() ", " self ", " caller() ", "\x00", "\u202e",
])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(st.lists(JINJA_PIECES, max_size=24).map("".join))
def test_random_jinja_in_a_kit_template_renders_or_is_one_line(demo_answers: Path, source: str) -> None:
    with brand(source) as (templates, out):
        check_kit(*run("kit", str(demo_answers), "-o", str(out), "--templates", str(templates)), out)


@pytest.mark.parametrize(("name", "fmt"), [("layout.md.j2", "md"), ("page.html.j2", "html")])
def test_a_broken_shared_kit_template_is_one_line_naming_it(demo_answers: Path, name: str,
                                                             fmt: str) -> None:
    with brand("fine\n{{ no_such_name }}\n", name) as (templates, out):
        code, stdout, err = run("kit", str(demo_answers), "-o", str(out), "-f", fmt,
                                "--templates", str(templates))
        assert code == 2
        check_kit(code, stdout, err, out, name)
        assert f"{name}: line 2" in err


def test_an_error_in_an_included_template_names_that_template(demo_answers: Path) -> None:
    with brand('one\n{% include "kit/part.md.j2" %}\n') as (templates, out):
        (templates / "kit" / "part.md.j2").write_text("a\nb\n{{ 1 / 0 }}\n")
        code, stdout, err = run("kit", str(demo_answers), "-o", str(out), "--templates", str(templates))
        assert code == 2
        check_kit(code, stdout, err, out, "part.md.j2")
        assert "part.md.j2: line 3" in err


def test_a_template_that_loops_too_long_is_stopped(demo_answers: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("privacycheck.reports.templates.MAX_SECONDS", 1)
    source = "x\n{% for a in range(100000) %}{% for b in range(100000) %}{{ b }}{% endfor %}{% endfor %}"
    with brand(source) as (templates, out):
        code, stdout, err = run("kit", str(demo_answers), "-o", str(out), "--templates", str(templates))
        assert code == 2
        check_kit(code, stdout, err, out)
        assert "still rendering after 1 seconds" in err
