"""`privacycheck compare A B C ...`: the trend over any number of reviews of one practice."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from test_compare import review

from privacycheck.cli import main

pytestmark = pytest.mark.dates  # CI runs these on other days of the calendar too


@pytest.fixture
def three_years(tmp_path: Path, mini: Path) -> list[Path]:
    return [
        review(tmp_path, "2024.toml", {"physical.sound": "no", "physical.locks": "no",
                                       "digital.encryption": "yes", "digital.updates": "no"},
               date="2024-11-20"),
        review(tmp_path, "2025.toml", {"physical.sound": "yes", "physical.locks": "no",
                                       "digital.encryption": "no", "digital.updates": "partial"},
               date="2025-11-21"),
        review(tmp_path, "2026.toml", {"physical.sound": "yes", "physical.locks": "partial",
                                       "digital.encryption": "yes", "digital.updates": "yes"},
               date="2026-11-24"),
    ]


def trend_json(capsys: pytest.CaptureFixture[str], files: list[Path]) -> dict[str, Any]:
    assert main(["compare", *map(str, files), "-f", "json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_three_reviews_show_scores_sections_and_changes_between_each_pair(
        three_years: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    data = trend_json(capsys, three_years)
    scores = [r["score"] for r in data["reviews"]]
    assert [r["date"] for r in data["reviews"]] == ["2024-11-20", "2025-11-21", "2026-11-24"]
    # weights: sound 10, locks 5, encryption 10, updates 2 (27 in all)
    assert scores == [round(100 * 10 / 27, 1), round(100 * 11 / 27, 1), round(100 * 24.5 / 27, 1)]
    assert [r["rating"] for r in data["reviews"]] == ["At risk", "At risk", "Strong"]
    sections = {s["id"]: s["scores"] for s in data["sections"]}
    assert sections["physical"] == [0.0, round(100 * 10 / 15, 1), round(100 * 12.5 / 15, 1)]
    first, second = data["changes"]
    assert first["resolved"] == ["physical.sound"] and first["regressed"] == ["digital.encryption"]
    assert sorted(second["resolved"]) == ["digital.encryption", "digital.updates"]
    assert second["regressed"] == []
    assert data["open_longest"] == [{"item_id": "physical.locks", "title": "Are paper files locked away?",
                                     "severity": "high", "reviews": 3, "since": "2024-11-20"}]


def test_trend_text_and_markdown(three_years: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", *map(str, three_years)]) == 0
    out = capsys.readouterr().out
    assert "3 reviews, 20 November 2024 to 24 November 2026" in out
    assert re.search(r"20 Nov 2024 → 21 Nov 2025: score \+3\.7; 1 resolved, 1 regressed", out)
    assert "open in 3 reviews in a row, since 20 Nov 2024" in out
    assert main(["compare", *map(str, three_years), "-f", "md"]) == 0
    md = capsys.readouterr().out
    assert "| Physical safeguards | 0.0 | 66.7 | 83.3 |" in md


def test_trend_html_has_an_inline_line_chart(three_years: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "trend.html"
    assert main(["compare", *map(str, three_years), "-o", str(out)]) == 0
    html = out.read_text()
    chart = html[html.index("<svg class=\"trend-chart\""):html.index("</svg>")]
    overall = re.search(r'<path class="trend-line trend-overall" d="([^"]+)"', chart)
    assert overall is not None
    points = re.findall(r"[ML] ([\d.]+) ([\d.]+)", overall.group(1))
    assert len(points) == 3
    ys = [float(y) for _, y in points]
    assert ys[0] > ys[1] > ys[2]  # the score rises each year: the line climbs (SVG y grows down)
    assert "http" not in html.replace("http://www.w3.org/2000/svg", "")  # nothing loaded from anywhere


def test_two_reviews_keep_the_comparison(three_years: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    data = trend_json(capsys, three_years[:2])
    assert "score_delta" in data and "reviews" not in data


def test_one_review_or_a_repeated_file_is_refused(three_years: list[Path],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(three_years[0])]) == 2
    assert "needs two reviews or more" in capsys.readouterr().err
    assert main(["compare", str(three_years[0]), str(three_years[1]), str(three_years[0])]) == 2
    assert "named twice" in capsys.readouterr().err


def test_out_of_order_reviews_are_pointed_out(three_years: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    data = trend_json(capsys, [three_years[1], three_years[0], three_years[2]])
    assert any("not in date order" in note for note in data["notes"])


def test_the_trend_chart_labels_each_line_and_keeps_them_apart(three_years: list[Path], tmp_path: Path) -> None:
    """Issue 28: each line its own style and a label at its end, the labels never on one
    another, the scores on a white ground over the lines, the chart the page's width."""
    out = tmp_path / "trend.html"
    assert main(["compare", *map(str, three_years), "-o", str(out)]) == 0
    html = out.read_text()
    svg = html[html.index('<svg class="trend-chart"'):]
    svg = svg[:svg.index("</svg>")]
    dashes = re.findall(r'class="trend-line"[^>]*stroke-dasharray="([^"]+)"', svg)
    assert len(dashes) == len(set(dashes)) >= 1  # every section line its own dash
    ends = [(float(y), label) for y, label in re.findall(r'class="trend-end-label" x="[\d.]+" y="([\d.]+)">([^<]+)<', svg)]
    assert len(ends) == len(dashes) + 1  # the sections and the overall line
    ys = sorted(y for y, _ in ends)
    assert all(b - a >= 11 for a, b in itertools.pairwise(ys))
    assert svg.index("<rect") > svg.rindex("<path")  # the score labels are drawn over every line
    assert ".trend-chart { width: 100%; height: auto;" in html
