"""Every report format: golden files, escaping, a self-contained HTML file, template overrides.

The golden files in tests/golden/ were reviewed by eye. After a deliberate change to a
report, regenerate them with `UPDATE_GOLDEN=1 pytest tests/test_report_formats.py` and
read the diff before committing it.
"""

from __future__ import annotations

import html.parser
import io
import os
import re
import textwrap
import time
from pathlib import Path

import pytest
from rich.console import Console

from privacycheck import __version__
from privacycheck.analysis import scoring
from privacycheck.analysis.review import score_file
from privacycheck.analysis.scoring import Result
from privacycheck.cli import main
from privacycheck.errors import PrivacycheckError
from privacycheck.files.resources import bundled_checklists
from privacycheck.model import checklist
from privacycheck.model.answers import Answer
from privacycheck.model.record import replace
from privacycheck.reports.render import FORMATS, render
from privacycheck.reports.report_context import context
from privacycheck.reports.summary import print_summary
from privacycheck.reports.wording import md
from privacycheck.training import demo

pytestmark = pytest.mark.dates  # CI runs these on other days of the calendar too

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
SCRIPT_NOTE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def golden() -> Result:
    return score_file(GOLDEN / "answers.toml")


def normalized(text: str) -> str:
    """The version number is not part of a golden file."""
    return text.replace(f"privacycheck {__version__}", "privacycheck VERSION")


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_matches_its_golden_file(golden: Result, fmt: str) -> None:
    path = GOLDEN / f"report.{fmt}"
    text = normalized(render(golden, fmt))
    if UPDATE or not path.exists():
        path.write_text(text, encoding="utf-8", newline="")
        if not UPDATE:
            pytest.fail(f"{path.name} was missing and has been written: review it by eye")
    assert text == path.read_text(encoding="utf-8"), (
        f"{path.name} differs: if the change is intended, run UPDATE_GOLDEN=1 pytest {__file__}")


# ---------------------------------------------------------------- content


def test_every_format_names_the_practice_and_the_score(golden: Result) -> None:
    assert golden.score == 50.0 and golden.rating == "Developing"
    for fmt in FORMATS:
        text = render(golden, fmt)
        if fmt != "csv":  # the csv is the plan alone
            assert "Harbour" in text and "50.0" in text, fmt
        # Internal ids are for scripts and spreadsheets: in JSON, CSV and Markdown, not in print.
        assert ("digital.disk-encryption" in text) == (fmt in ("json", "csv")), fmt  # never an item id on paper
        if fmt in ("html", "md", "txt"):
            assert "Laptops and phones encrypted" in text, fmt  # findings by title


def test_incomplete_assessment_is_reported_on_the_first_page(golden: Result) -> None:
    assert golden.incomplete and golden.counts.unanswered == 1
    page = render(golden, "html").split('id="plan"')[0]
    md_summary = render(golden, "md").split("## Remediation plan")[0]
    txt_summary = render(golden, "txt").split("Remediation plan")[0]
    for text in (page, md_summary, txt_summary):
        text = " ".join(text.split())
        assert "Review incomplete: 7 of 8 applicable items answered" in text
        assert "provisional" in text
        assert "Rating: Developing" not in text and "Important safeguards" not in text


def test_dont_know_and_unanswered_items_are_listed_to_verify(golden: Result) -> None:
    plan = context(golden)["plan"]
    verify = {a["item_id"]: a["finding"] for a in plan if a["verify"]}
    assert set(verify) == {"digital.backups", "procedural.training"}
    assert all("verify" in text for text in verify.values())
    html_plan = render(golden, "html").split('id="plan"')[1].split('id="answers"')[0]
    assert "Not known: verify." in html_plan and "Not answered yet: verify" in html_plan


def test_critical_findings_come_first_and_lead_the_plan(golden: Result) -> None:
    ctx = context(golden)
    assert [a["item_id"] for a in ctx["critical_findings"]] == [
        "digital.disk-encryption", "physical.sound-privacy"]
    assert ctx["plan"][:2] == ctx["critical_findings"]
    assert len(ctx["top_actions"]) == 5


def test_scoring_tables_add_up_to_the_scores_of_the_scoring_module(golden: Result) -> None:
    ctx = context(golden)
    for shown, computed in zip(ctx["sections"], golden.sections, strict=True):
        assert shown["score_text"] == f"{computed.score:.1f}"
        assert 100 * shown["points"] / shown["weight"] == pytest.approx(computed.score)
    totals = ctx["totals"]
    assert 100 * totals["points"] / totals["weight"] == pytest.approx(golden.score)
    method = render(golden, "html").split('id="method"')[1]
    assert "100 &times; 24.5 &divide; 49 = <strong>50.0</strong>" in method


def test_a_capped_rating_is_explained_in_every_format(golden: Result) -> None:
    answers = {item.id: Answer(status="yes") for item in golden.checklist.items()}
    answers["physical.sound-privacy"] = Answer(status="partial")
    capped = scoring.score(golden.checklist, replace(golden.assessment, answers=answers))
    assert capped.score == 90.0 and capped.band_rating == "Strong" and capped.rating == "Developing"
    for fmt in ("html", "md", "txt"):
        text = " ".join(render(capped, fmt).split())
        assert "The score alone would rate Strong; the rating is held at Developing" in text, fmt
        assert "This assessment is incomplete" not in text, fmt


def test_an_assessment_with_nothing_to_score_still_renders(golden: Result) -> None:
    answers = {item.id: Answer(status="na") for item in golden.checklist.items()}
    unscored = scoring.score(golden.checklist, replace(golden.assessment, answers=answers))
    assert unscored.score is None and not unscored.plan
    for fmt in ("html", "md", "txt"):
        text = render(unscored, fmt)
        assert "n/a" in text and "Not rated" in text, fmt
        assert "Of the 0" not in text, fmt
    assert '"score": null' in render(unscored, "json")
    assert render(unscored, "csv").count("\n") == 1  # the header alone


def test_plan_leaves_owner_and_due_blank_where_unset(golden: Result) -> None:
    rows = {a["item_id"]: a for a in context(golden)["plan"]}
    assert rows["digital.disk-encryption"]["agreed_due"] == "2026-11-20"
    assert rows["digital.backups"]["agreed_due"] == "" and rows["digital.backups"]["owner"] == ""
    table = render(golden, "html").split('id="action-3"')[1].split("</tr>")[0]
    assert '<td class="fill"><span class="suggested">suggested 30 Nov 2026</span></td>' in table
    assert '<td class="fill"></td>' in table  # the owner, to write in by hand


# ---------------------------------------------------------------- escaping


def test_html_shows_markup_in_notes_as_text(golden: Result) -> None:
    page = render(golden, "html")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Harbour &amp; Pine" in page


def test_markdown_escapes_markup_and_table_pipes(golden: Result) -> None:
    text = render(golden, "md")
    assert SCRIPT_NOTE not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert r"sealed \| \*room 2\* is worse" in text
    assert md("a|b\n# c <i>") == r"a\|b<br>\# c &lt;i&gt;"
    assert md("R&D &amp;") == "R&D &amp;amp;"


def test_markdown_tables_keep_their_columns(golden: Result) -> None:
    """An unescaped | in a cell would split it and break the GitHub table."""
    columns = None
    for line in render(golden, "md").splitlines():
        if not line.startswith("|"):
            columns = None
            continue
        cells = len(re.findall(r"(?<!\\)\|", line))
        columns = columns or cells
        assert cells == columns, line


def test_page_footer_text_cannot_break_out_of_the_stylesheet(tmp_path: Path) -> None:
    answers = (GOLDEN / "answers.toml").read_text().replace(
        'practice = "Harbour & Pine Therapy (fictional)"',
        'practice = "Evil </style><script>x()</script> \\" Co"')
    (tmp_path / "answers.toml").write_text(answers)
    (tmp_path / "checklist.toml").write_text((GOLDEN / "checklist.toml").read_text())
    page = render(score_file(tmp_path / "answers.toml"), "html")
    style = page.split("<style>")[1].split("</style>")[0]
    assert "<" not in style.split("@page { @bottom-left")[1]
    assert "<script" not in page


# ---------------------------------------------------------------- self-contained HTML


class _Loads(html.parser.HTMLParser):
    """Collects everything in an HTML page that could make a browser fetch something."""

    FETCHING_TAGS = frozenset({"script", "link", "img", "iframe", "frame", "object", "embed",
                               "audio", "video", "source", "track", "base", "picture", "image",
                               "use", "meta"})
    URL_ATTRS = frozenset({"src", "href", "srcset", "action", "formaction", "poster", "data",
                           "xlink:href", "background", "ping", "manifest"})

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.open: list[str] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            if any(k == "http-equiv" for k, _ in attrs):
                self.found.append("meta http-equiv")
        elif tag in self.FETCHING_TAGS:
            self.found.append(f"<{tag}>")
        for key, value in attrs:
            if key in self.URL_ATTRS and not (value or "").startswith("#"):
                self.found.append(f"{tag} {key}={value}")
            if key == "style" and value and "url(" in value:
                self.found.append(f"{tag} style={value}")
        self._in_style = tag == "style"
        if tag not in {"meta", "br", "col", "line", "rect", "path", "circle"}:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1:]}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data


def test_html_is_one_self_contained_file(golden: Result) -> None:
    page = render(golden, "html")
    parser = _Loads()
    parser.feed(page)
    parser.close()
    assert parser.found == []
    assert parser.open == []  # every element closed, in order
    assert "url(" not in parser.style and "@import" not in parser.style
    assert "@font-face" not in parser.style
    assert not re.search(r"https?://", page)
    assert page.count("<svg") == 1 + len(golden.sections)  # the gauge and one bar per section
    assert "@media print" in parser.style and "break-inside: avoid" in parser.style


def test_a_url_in_a_note_is_text_not_a_link(tmp_path: Path) -> None:
    answers = (GOLDEN / "answers.toml").read_text().replace(
        'note = "Cabinet in the locked file room"',
        'note = "See https://example.com/x.png and <img src=https://example.com/y.png>"')
    (tmp_path / "answers.toml").write_text(answers)
    (tmp_path / "checklist.toml").write_text((GOLDEN / "checklist.toml").read_text())
    parser = _Loads()
    parser.feed(render(score_file(tmp_path / "answers.toml"), "html"))
    assert parser.found == []


# ---------------------------------------------------------------- templates


def test_templates_folder_overrides_a_template_by_name(golden: Result, tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text("Audit by Example Consulting: {{ practice }} {{ score_text }}\n")
    (tmp_path / "report_style.css.j2").write_text("body { color: #123456; }\n")
    assert render(golden, "md", templates=tmp_path) == (
        "Audit by Example Consulting: Harbour & Pine Therapy (fictional) 50.0\n")
    page = render(golden, "html", templates=tmp_path)
    assert "body { color: #123456; }" in page  # the partial is overridden ...
    assert "First actions" in page  # ... and the bundled page still wraps it


def test_custom_html_template_is_autoescaped(golden: Result, tmp_path: Path) -> None:
    (tmp_path / "report.html.j2").write_text(
        "<p>{% for a in plan %}{{ a.finding }}{% endfor %}</p>\n")
    page = render(golden, "html", templates=tmp_path)
    assert "&lt;script&gt;" in page and "<script" not in page


def test_undefined_variable_in_a_template_is_one_line_naming_it(
        golden: Result, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "report.md.j2").write_text("# {{ practice }}\n\n{{ no_such_thing }}\n")
    with pytest.raises(PrivacycheckError, match=r"report\.md\.j2: line 3: 'no_such_thing' is undefined"):
        render(golden, "md", templates=tmp_path)
    code = main(["report", str(GOLDEN / "answers.toml"), "-f", "md", "--templates", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and "line 3" in err


def test_report_command_writes_html_and_md_from_the_suffix(tmp_path: Path) -> None:
    for suffix in ("html", "md"):
        out = tmp_path / f"report.{suffix}"
        assert main(["report", str(GOLDEN / "answers.toml"), "-o", str(out)]) == 0
        assert out.read_text() == render(score_file(GOLDEN / "answers.toml"), suffix)


# ---------------------------------------------------------------- text


def test_text_summary_fits_60_columns_without_colour(golden: Result) -> None:
    for full in (True, False):
        buffer = io.StringIO()
        print_summary(golden, Console(file=buffer, width=60, color_system=None), full=full)
        out = buffer.getvalue()
        assert max(len(line) for line in out.splitlines()) <= 60
        assert "\x1b[" not in out and "Score so far 50.0 / 100" in " ".join(out.split())
    assert "First actions" in out and "Answers, item by item" not in out


# ---------------------------------------------------------------- the real demo, and speed


def big_checklist(path: Path, per_section: int = 25) -> Path:
    """A checklist the size of a full review (75 items), for timing the reports."""
    parts = ['[checklist]\nid = "big"\ntitle = "Big"\nversion = "1"\n']
    severities = ("critical", "high", "medium", "low")
    for s in ("physical", "digital", "procedural"):
        parts.append(f'[[sections]]\nid = "{s}"\ntitle = "{s.title()} safeguards"\n')
        for k in range(per_section):
            parts.append(textwrap.dedent(f'''
                [[sections.items]]
                id = "{s}.item-{k}"
                question = "Is safeguard {k} of the {s} section in place for every client record?"
                why = "Because."
                guidance = "It is."
                remediation = "Put safeguard {k} in place and write down who checks it each year."
                severity = "{severities[k % 4]}"
                effort = "{("low", "medium", "high")[k % 3]}"
                references = ["45 CFR 164.308(a)(1)", "APA Ethics Code 4.01"]
            '''))
    path.write_text("\n".join(parts))
    return path


def test_a_full_report_renders_well_under_a_second(tmp_path: Path) -> None:
    model = checklist.load(str(big_checklist(tmp_path / "big.toml")))
    result = scoring.score(model, demo.assessment(model))
    render(result, "html")  # warm up: imports and template compilation happen once
    started = time.perf_counter()
    for fmt in FORMATS:
        render(result, fmt)
    assert time.perf_counter() - started < 1.0


@pytest.mark.skipif("therapy-practice" not in bundled_checklists(),
                    reason="the bundled checklist therapy-practice is not in checklists/ yet")
def test_every_format_of_the_real_demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "-o", str(tmp_path)]) == 0
    capsys.readouterr()
    result = score_file(tmp_path / "answers.toml")
    score = f"{result.score:.1f}"
    for fmt in FORMATS:
        text = (tmp_path / f"report.{fmt}").read_text()
        if fmt == "csv":
            assert len(text.splitlines()) == len(result.plan) + 1
            continue
        assert demo.PRACTICE in text.replace("&amp;", "&"), fmt
        assert score in text, fmt
    page = (tmp_path / "report.html").read_text()
    assert "First actions" in page and "Sign-off" in page
    assert "Review incomplete" not in page


def test_the_sign_off_gives_the_next_review_date() -> None:
    """Issue 28: the date is known (a year after the review), so the sign-off gives it."""
    from privacycheck.analysis.review import score_file
    from privacycheck.reports.render import render

    result = score_file(GOLDEN / "answers.toml")
    assert "| Next review due | 2 November 2027 |" in render(result, "md")
    assert "Next review due</th><td>2 November 2027</td>" in render(result, "html")


def test_the_gauge_labels_print_at_8_points_or_more() -> None:
    """Issue 28: the gauge is 12rem wide in print (9 pt type: 108 pt), so its labels, in viewBox
    units, are scaled by 108 / the viewBox's width; they must come out at 8 pt or more."""
    import re

    from privacycheck.analysis.review import score_file

    html = render(score_file(GOLDEN / "answers.toml"), "html")
    svg = html[html.index('<svg class="gauge-svg"'):html.index("</svg>")]
    width = float(re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+)', svg)[1])  # type: ignore[index]
    assert ".gauge-svg { width: 12rem;" in html and "html { font-size: 9pt; }" in html
    sizes = [float(s) for s in re.findall(r'class="gauge-(?:tick-label|unit)"[^>]*font-size="([\d.]+)"', svg)]
    assert sizes and min(sizes) * 108 / width >= 8, (sizes, width)
