"""`privacycheck portfolio`: many practices at once, riskiest first, errors listed, never fatal."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from test_compare import review

from privacycheck.cli import main
from privacycheck.reports.portfolio_report import CSV_COLUMNS

pytestmark = pytest.mark.dates  # CI runs these on other days of the calendar too

STRONG = {"physical.sound": "yes", "physical.locks": "yes", "digital.encryption": "yes",
          "digital.updates": "yes"}


@pytest.fixture
def clinics(tmp_path: Path, mini: Path) -> Path:
    """A folder with four practices' reviews and the consultant's checklist beside them."""
    folder = tmp_path
    review(folder, "strong.toml", STRONG, practice="Harbour Psychology")
    # Managed by score, held at Developing by one open critical gap.
    review(folder, "capped.toml", {**STRONG, "physical.sound": "partial"}, practice="Oak Family Therapy")
    # Developing with two critical gaps, but a higher score than the next one.
    review(folder, "two-gaps.toml", {**STRONG, "physical.sound": "partial", "digital.encryption": "partial"},
           practice="Birch Counselling")
    review(folder, "at-risk.toml", {"physical.sound": "no", "physical.locks": "no",
                                    "digital.encryption": "unknown"}, practice="Riverside Counselling")
    return folder


def portfolio_json(capsys: pytest.CaptureFixture[str], *argv: str, code: int = 0) -> dict[str, Any]:
    assert main(["portfolio", *argv, "-f", "json"]) == code
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_practices_are_sorted_riskiest_first(clinics: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = portfolio_json(capsys, str(clinics))
    names = [p["practice"] for p in data["practices"]]
    assert names == ["Riverside Counselling", "Birch Counselling", "Oak Family Therapy", "Harbour Psychology"]
    ratings = [p["rating"] for p in data["practices"]]
    assert ratings == ["At risk", "Developing", "Developing", "Strong"]
    gaps = [p["critical_gaps"] for p in data["practices"]]
    assert gaps == [2, 2, 1, 0]
    assert data["errors"] == []
    # The mini checklist in the same folder is not an answers file: skipped, not an error.
    assert data["skipped"] == [str(clinics / "mini.toml")]


def test_each_row_matches_the_practices_own_report(clinics: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = portfolio_json(capsys, str(clinics))
    for row in data["practices"]:
        assert main(["report", row["file"], "-f", "json"]) == 0
        report = json.loads(capsys.readouterr().out)
        assert (row["score"], row["rating"], row["critical_gaps"]) == (
            report["score"], report["rating"], len(report["critical_gaps"]))
        assert row["incomplete"] == report["incomplete"]
        assert row["checklist_version"] == report["checklist"]["version"] == "1.0"


def test_common_gaps_count_practices_with_the_item_open(clinics: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    data = portfolio_json(capsys, str(clinics))
    gaps = {g["item_id"]: (g["count"], g["applicable"]) for g in data["common_gaps"]}
    assert gaps["physical.sound"] == (3, 4)
    assert gaps["digital.encryption"] == (2, 4)
    assert data["common_gaps"][0]["item_id"] == "physical.sound"
    counts = [g["count"] for g in data["common_gaps"]]
    assert counts == sorted(counts, reverse=True)


def test_a_broken_file_is_listed_and_the_rest_carry_on(clinics: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (clinics / "broken.toml").write_text('[assessment]\npractice = "Broken"\nchecklist = \n')
    data = portfolio_json(capsys, str(clinics), code=2)
    assert len(data["practices"]) == 4
    assert [e["file"] for e in data["errors"]] == [str(clinics / "broken.toml")]
    assert "line 3" in data["errors"][0]["message"]
    assert main(["portfolio", str(clinics)]) == 2
    out = capsys.readouterr().out
    error_lines = [line for line in out.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1 and "broken.toml" in error_lines[0]
    assert "Riverside Counselling" in out


def test_an_answers_file_naming_a_missing_checklist_is_an_error(clinics: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    review(clinics, "lost.toml", STRONG, practice="Lost Checklist", checklist="elsewhere/gone.toml")
    data = portfolio_json(capsys, str(clinics), code=2)
    assert len(data["errors"]) == 1 and "gone.toml" in data["errors"][0]["message"]


def test_csv_has_one_row_per_practice_and_one_per_error(clinics: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    (clinics / "broken.toml").write_text("not toml at all [")
    out = tmp_path / "portfolio.csv"
    assert main(["portfolio", str(clinics), "-o", str(out)]) == 2
    assert "broken.toml" in capsys.readouterr().err
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert list(CSV_COLUMNS[:11]) == ["rank", "practice", "file", "date", "assessor", "checklist",
                                      "checklist_version", "score", "rating", "critical_gaps", "incomplete"]
    practices = [r for r in rows if not r["error"]]
    assert practices[0]["practice"] == "Riverside Counselling"
    assert [r["rank"] for r in practices] == ["1", "2", "3", "4"]
    strong = next(r for r in practices if r["practice"] == "Harbour Psychology")
    assert (strong["rating"], strong["critical_gaps"], strong["incomplete"]) == ("Strong", "0", "no")
    float(strong["score"])
    errors = [r for r in rows if r["error"]]
    assert len(errors) == 1 and errors[0]["file"].endswith("broken.toml") and not errors[0]["practice"]
    assert out.stat().st_mode & 0o777 == 0o600


def test_only_the_latest_review_of_a_practice_counts_unless_asked(clinics: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    review(clinics, "at-risk-2025.toml", {"physical.sound": "no"}, practice="Riverside Counselling",
           date="2025-11-20")
    data = portfolio_json(capsys, str(clinics))
    assert [p["file"] for p in data["practices"]].count(str(clinics / "at-risk.toml")) == 1
    assert data["superseded"] == [str(clinics / "at-risk-2025.toml")]
    data = portfolio_json(capsys, str(clinics), "--every-review")
    assert len(data["practices"]) == 5 and data["superseded"] == []


def test_named_files_and_each_checklist_loaded_once(clinics: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from privacycheck.model import checklist

    calls: list[str] = []
    real = checklist.load

    def counting(name: str, base: Path | None = None) -> checklist.Checklist:
        calls.append(name)
        return real(name, base)

    monkeypatch.setattr(checklist, "load", counting)
    files = [str(clinics / n) for n in ("strong.toml", "capped.toml", "at-risk.toml")]
    data = portfolio_json(capsys, *files)
    assert sorted(p["file"] for p in data["practices"]) == sorted(files)
    assert calls == ["mini.toml"]


def test_a_checklist_named_on_the_command_line_is_an_error(clinics: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    data = portfolio_json(capsys, str(clinics / "strong.toml"), str(clinics / "mini.toml"), code=2)
    assert len(data["practices"]) == 1
    assert "mini.toml" in data["errors"][0]["message"]


def test_html_has_a_chart_and_escapes_names(clinics: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    review(clinics, "odd.toml", STRONG, practice="<b>Bold</b> & Sons")
    out = tmp_path / "portfolio.html"
    assert main(["portfolio", str(clinics), "-o", str(out)]) == 0
    page = out.read_text()
    assert "<svg" in page and "<b>Bold" not in page and "&lt;b&gt;Bold" in page
    assert not re.search(r"(src|href)=\"?https?:", page)
    assert page.index("Riverside Counselling") < page.index("Harbour Psychology")
    assert "Most often not fully in place" in page
    assert main(["portfolio", str(clinics), "-f", "md"]) == 0
    md = capsys.readouterr().out
    assert "| 1 | Riverside Counselling" in md


def test_text_fits_sixty_columns(clinics: Path) -> None:
    from privacycheck.analysis.portfolio import build
    from privacycheck.reports.portfolio_report import render_txt

    text = render_txt(build([clinics]), width=60)
    assert max(len(line) for line in text.splitlines()) <= 60
    assert text.index("Riverside Counselling") < text.index("Harbour Psychology")


def test_an_empty_folder_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "none"
    empty.mkdir()
    assert main(["portfolio", str(empty)]) == 2
    assert "no answers files found" in capsys.readouterr().err


def test_a_folder_of_yearly_folders_lists_each_practices_latest_review(tmp_path: Path, mini: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    clinics = tmp_path / "clinics"
    for year, status in (("2025", "no"), ("2026", "yes")):
        (clinics / year).mkdir(parents=True)
        for name in ("Riverside", "Oak", "Harbour"):
            review(clinics / year, f"{name.lower()}.toml", {**STRONG, "physical.locks": status},
                   practice=name, date=f"{year}-11-20", checklist="../../mini.toml")
    (clinics / ".trash").mkdir()
    (clinics / ".trash" / "junk.toml").write_text("not [ toml")
    data = portfolio_json(capsys, str(clinics))
    assert sorted(p["practice"] for p in data["practices"]) == ["Harbour", "Oak", "Riverside"]
    assert {Path(p["file"]).parent.name for p in data["practices"]} == {"2026"}
    assert len(data["superseded"]) == 3 and data["errors"] == []


def test_output_never_replaces_a_file_it_reads(clinics: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = clinics / "strong.toml"
    before = target.read_text()
    assert main(["portfolio", str(clinics), "-f", "csv", "-o", str(target)]) == 2
    assert target.read_text() == before
    assert "strong.toml" in capsys.readouterr().err
