"""`privacycheck compare`: two reviews of a practice, item by item, across checklist versions."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import MINI_CHECKLIST, answers_toml

from privacycheck.cli import main

pytestmark = pytest.mark.dates  # CI runs these on other days of the calendar too

US_SOLO = 'staff = false\njurisdiction = "us"\nclinicians = 1'


def review(folder: Path, name: str, statuses: dict[str, str], *, date: str = "2026-11-24",
           practice: str = "Test Practice", checklist: str = "mini.toml",
           profile: str = US_SOLO, extra: str = "") -> Path:
    """An answers file for the `mini` checklist, dated `date`."""
    text = answers_toml(statuses, profile=profile, checklist=checklist, extra=extra)
    path = folder / name
    path.write_text(text.replace("2026-11-24", date).replace("Test Practice", practice))
    return path


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    assert main([*argv, "-f", "json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


ALL_YES = {"physical.sound": "yes", "physical.locks": "yes", "digital.encryption": "yes",
           "digital.updates": "yes"}


@pytest.fixture
def two_years(tmp_path: Path, mini: Path) -> tuple[Path, Path]:
    old = review(tmp_path, "2025.toml", {
        "physical.sound": "no",          # -> yes: resolved
        "physical.locks": "yes",         # -> no: regressed
        "digital.encryption": "partial",  # -> partial: still open
        "digital.updates": "yes",        # -> yes: in place
    }, date="2025-11-20")
    new = review(tmp_path, "2026.toml", {
        "physical.sound": "yes", "physical.locks": "no", "digital.encryption": "partial",
        "digital.updates": "yes",
    })
    return old, new


def test_each_item_lands_in_its_category(two_years: tuple[Path, Path],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    old, new = two_years
    data = run_json(capsys, "compare", str(old), str(new))
    assert data["resolved"] == ["physical.sound"]
    assert data["regressed"] == ["physical.locks"]
    assert data["still_open"] == ["digital.encryption"]
    assert data["in_place"] == ["digital.updates"]
    assert data["new_items"] == [] and data["removed_items"] == []
    still = next(i for i in data["items"] if i["item_id"] == "digital.encryption")
    assert (still["old_status"], still["new_status"], still["open_reviews"]) == ("partial", "partial", 2)
    assert data["checklist_differs"] is False


def test_score_and_section_changes_match_each_years_report(two_years: tuple[Path, Path],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    old, new = two_years
    before = run_json(capsys, "report", str(old))
    after = run_json(capsys, "report", str(new))
    data = run_json(capsys, "compare", str(old), str(new))
    assert data["old"]["score"] == before["score"] and data["new"]["score"] == after["score"]
    assert data["score_delta"] == round(after["score"] - before["score"], 1)
    assert data["score_delta"] != 0
    old_sections = {s["id"]: s["score"] for s in before["sections"]}
    for s in data["sections"]:
        new_score = next(x["score"] for x in after["sections"] if x["id"] == s["id"])
        assert s["delta"] == round(new_score - old_sections[s["id"]], 1)
    assert (data["old"]["rating"], data["new"]["rating"]) == (before["rating"], after["rating"])


def test_text_names_the_change_and_fits_a_narrow_terminal(two_years: tuple[Path, Path], tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from privacycheck.analysis.compare import Review, compare
    from privacycheck.analysis.review import score_file
    from privacycheck.reports.compare_report import render_txt

    old, new = two_years
    text = render_txt(compare(Review(old, score_file(old)), Review(new, score_file(new))), width=60)
    assert max(len(line) for line in text.splitlines()) <= 60
    for heading in ("Regressed", "Still open (1)", "Resolved", "Sections"):
        assert heading in text
    assert "Are paper files locked away?" in text
    assert "\x1b[" not in text
    assert main(["compare", str(old), str(new)]) == 0
    assert "Overall score" in capsys.readouterr().out


def test_still_open_counts_earlier_reviews_through_carried_from(tmp_path: Path, mini: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    review(tmp_path, "2024.toml", {"physical.sound": "no", "physical.locks": "yes"}, date="2024-11-20")
    old = review(tmp_path, "2025.toml", {"physical.sound": "no", "physical.locks": "partial"},
                 date="2025-11-20", extra='carried_from = "2024.toml"')
    new = review(tmp_path, "2026.toml", {"physical.sound": "partial", "physical.locks": "no"})
    data = run_json(capsys, "compare", str(old), str(new))
    reviews = {i["item_id"]: i["open_reviews"] for i in data["items"] if i["change"] == "still_open"}
    assert reviews["physical.sound"] == 3  # open in 2024, 2025 and 2026
    assert reviews["physical.locks"] == 2  # in place in 2024
    assert data["history"] == [str(tmp_path / "2024.toml")]


def test_a_missing_earlier_review_just_ends_the_count(tmp_path: Path, mini: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    old = review(tmp_path, "2025.toml", {"physical.sound": "no"}, date="2025-11-20",
                 extra='carried_from = "gone.toml"')
    new = review(tmp_path, "2026.toml", {"physical.sound": "no"})
    data = run_json(capsys, "compare", str(old), str(new))
    assert next(i for i in data["items"] if i["item_id"] == "physical.sound")["open_reviews"] == 2
    assert data["history"] == []


@pytest.mark.parametrize("name", ["x" * 5000 + ".toml", "a/" * 3000 + "b.toml"])
def test_an_impossible_earlier_file_name_just_ends_the_count(tmp_path: Path, mini: Path, name: str,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    old = review(tmp_path, "2025.toml", {"physical.sound": "no"}, date="2025-11-20",
                 extra=f'carried_from = "{name}"')
    new = review(tmp_path, "2026.toml", {"physical.sound": "no"})
    data = run_json(capsys, "compare", str(old), str(new))
    assert data["history"] == []


def test_different_checklist_versions_compare_and_say_so(tmp_path: Path, mini: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    # Version 2.0 drops digital.updates and adds digital.mfa.
    updated = MINI_CHECKLIST.replace('version = "1.0"', 'version = "2.0"').replace(
        'id = "digital.updates"', 'id = "digital.mfa"').replace(
        "Are updates installed?", "Do you use two-step sign-in?")
    (tmp_path / "mini-2.toml").write_text(updated)
    old = review(tmp_path, "2025.toml", {"digital.updates": "no", "physical.sound": "no"}, date="2025-11-20")
    new = review(tmp_path, "2026.toml", {"digital.mfa": "no", "physical.sound": "yes"},
                 checklist="mini-2.toml")
    data = run_json(capsys, "compare", str(old), str(new))
    assert data["checklist_differs"] is True
    assert (data["old"]["checklist"]["version"], data["new"]["checklist"]["version"]) == ("1.0", "2.0")
    assert data["new_items"] == ["digital.mfa"]
    assert data["removed_items"] == ["digital.updates"]
    assert data["resolved"] == ["physical.sound"]
    assert any("different checklists" in note for note in data["notes"])
    assert main(["compare", str(old), str(new)]) == 0
    text = capsys.readouterr().out
    assert "New in the checklist (1)" in text and "Do you use two-step sign-in?" in text
    assert "No longer in the checklist (1)" in text and "mini 1.0 and mini 2.0" in text


def test_items_that_stop_or_start_applying(tmp_path: Path, mini: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    old = review(tmp_path, "2025.toml", {"physical.locks": "no", "digital.updates": "na"},
                 date="2025-11-20")
    # The practice took on staff (badges now apply), marked locks not applicable (no paper
    # any more) and now answers updates, which it had marked not applicable.
    new = review(tmp_path, "2026.toml",
                 {"physical.locks": "na", "digital.updates": "no", "physical.badge": "no"},
                 profile='staff = true\njurisdiction = "us"\nclinicians = 1')
    data = run_json(capsys, "compare", str(old), str(new))
    assert data["not_applicable"] == ["physical.locks"]
    assert sorted(data["now_applicable"]) == ["digital.updates", "physical.badge"]
    assert "physical.locks" not in data["resolved"] + data["regressed"] + data["still_open"]


def test_html_and_markdown_are_self_contained_and_escape_names(two_years: tuple[Path, Path], tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    old, new = two_years
    for path in (old, new):
        path.write_text(path.read_text().replace("Test Practice", "<script>x</script> & Co"))
    out = tmp_path / "change.html"
    assert main(["compare", str(old), str(new), "-o", str(out)]) == 0
    page = out.read_text()
    assert out.stat().st_mode & 0o777 == 0o600
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<svg" in page and not re.search(r"(src|href)=\"?https?:", page)
    assert "Regressed" in page and "Are paper files locked away?" in page
    assert main(["compare", str(old), str(new), "-f", "md"]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# Year-on-year comparison") and "| Rating |" in md
    assert "<script>" not in md


def test_an_unreadable_file_is_one_line_exit_2(two_years: tuple[Path, Path], tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    old, _new = two_years
    broken = tmp_path / "broken.toml"
    broken.write_text("[assessment\n")
    assert main(["compare", str(old), str(broken)]) == 2
    err = capsys.readouterr().err
    assert "broken.toml" in err and len(err.strip().splitlines()) == 1


def test_reversed_order_and_different_practices_are_pointed_out(two_years: tuple[Path, Path], tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    old, new = two_years
    other = review(tmp_path, "other.toml", {"physical.sound": "yes"}, practice="Another Practice")
    data = run_json(capsys, "compare", str(new), str(old))
    assert any("later review" in note for note in data["notes"])
    data = run_json(capsys, "compare", str(old), str(other))
    assert any("different practices" in note for note in data["notes"])


def test_output_never_replaces_an_answers_file(two_years: tuple[Path, Path],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    old, new = two_years
    before = new.read_text()
    assert main(["compare", str(old), str(new), "-f", "md", "-o", str(new)]) == 2
    assert new.read_text() == before
    assert "answers file" in capsys.readouterr().err


def test_a_consultants_template_overrides_the_bundled_one(two_years: tuple[Path, Path], tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    old, new = two_years
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "compare.md.j2").write_text("Acme Audits: {{ practice }} {{ delta_text }}\n")
    assert main(["compare", str(old), str(new), "-f", "md", "--templates", str(brand)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Acme Audits: Test Practice ") and "Year-on-year" not in out


def test_a_review_on_last_years_bundled_checklist_names_new_and_reworded_items(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A 2026.1 review is scored against the archived 2026.1 checklist, not the current one."""
    import datetime as dt

    from privacycheck.files.resources import archived_checklist
    from privacycheck.model import answers, checklist
    from privacycheck.model.record import replace
    from privacycheck.training import demo

    archived = archived_checklist("therapy-practice", "2026.1")
    assert archived is not None
    old_model, new_model = checklist.load(str(archived)), checklist.load("therapy-practice")
    assert old_model.version == "2026.1" and new_model.version != "2026.1"
    last_year = replace(demo.assessment(old_model), checklist="therapy-practice",
                                    started=dt.datetime(2025, 11, 2, 9, tzinfo=dt.UTC),
                                    updated=dt.datetime(2025, 11, 2, 10, tzinfo=dt.UTC))
    answers.save(last_year, tmp_path / "2025.toml")
    answers.save(demo.assessment(new_model), tmp_path / "2026.toml")
    data = run_json(capsys, "compare", str(tmp_path / "2025.toml"), str(tmp_path / "2026.toml"))
    rows = {i["item_id"]: i for i in data["items"]}
    added = {i for i, r in rows.items() if r["change"] == "new"}
    assert {"digital.phishing", "procedural.legal-requests"} <= added
    profile = dict(demo.assessment(new_model).profile)
    assert added == ({i.id for i in new_model.applicable_items(profile)}
                     - {i.id for i in old_model.applicable_items(profile)})
    assert rows["digital.updates-malware"]["why"] == f"reworded in checklist {new_model.version}"
    assert rows["digital.backup"]["change"] == "still_open" and rows["digital.backup"]["why"] == ""


def test_a_gap_closed_with_plan_done_is_put_in_place_on_its_day(tmp_path: Path) -> None:
    """Issue 27: compare says when a resolved gap was put in place, from the answers file."""
    import json

    from conftest import MINI_CHECKLIST, answers_toml

    (tmp_path / "mini.toml").write_text(MINI_CHECKLIST)
    old = tmp_path / "old.toml"
    old.write_text(answers_toml({"physical.sound": "no", "physical.locks": "no"}))
    new = tmp_path / "new.toml"
    new.write_text(answers_toml({"physical.sound": "no", "physical.locks": "no"}))
    assert main(["plan", str(new), "--done", "physical.locks"]) == 0  # on the fixed day, 3 December 2026
    out = tmp_path / "c.json"
    assert main(["compare", str(old), str(new), "-f", "json", "-o", str(out)]) == 0
    changes = {c["item_id"]: c for c in json.loads(out.read_text())["items"]}
    assert changes["physical.locks"]["change"] == "resolved"
    assert changes["physical.locks"]["why"] == "put in place on 3 December 2026"
    md = tmp_path / "c.md"
    assert main(["compare", str(old), str(new), "-o", str(md)]) == 0
    assert "put in place on 3 December 2026" in md.read_text()
