"""compare shows the risks that rose or fell; portfolio each practice's high risks and
whether its risk analysis is complete."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from risk_fixtures import FULL, write_answers

from privacycheck.cli import main


def reviews(tmp_path: Path) -> tuple[Path, Path]:
    old = write_answers(tmp_path, FULL, "2026.toml")
    new = write_answers(tmp_path, FULL.replace('status = "no"', 'status = "yes"')
                        .replace('[answers."physical.locks"]\n    status = "yes"',
                                 '[answers."physical.locks"]\n    status = "no"'), "2027.toml")
    return old, new


def test_compare_lists_risks_that_rose_and_fell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = reviews(tmp_path)
    assert main(["compare", str(old), str(new), "-f", "json"]) == 0
    risks = {r["threat_id"]: (r["old_level"], r["new_level"], r["change"])
             for r in json.loads(capsys.readouterr().out)["risks"]}
    assert risks["lost-device"] == ("high", "low", "fell")
    assert risks["paper-access"] == ("low", "medium", "rose")
    assert risks["overheard"] == ("high", "high", "same")
    assert main(["compare", str(old), str(new)]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "Risks that rose or fell (2)" in text
    assert "Unauthorized access to paper records: low → medium (rose)" in text
    assert "Lost or stolen device: high → low (fell)" in text
    for fmt in ("md", "html"):
        assert main(["compare", str(old), str(new), "-f", fmt]) == 0
        assert "Lost or stolen device: high" in capsys.readouterr().out


def test_portfolio_shows_high_risks_and_risk_analysis_status(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    write_answers(tmp_path, FULL, "riverside.toml")
    (tmp_path / "harbour.toml").write_text((tmp_path / "riverside.toml").read_text()
                                           .replace("Riverside Counselling", "Harbour Psychology")
                                           .split("[[inventory]]")[0])  # no inventory
    assert main(["portfolio", str(tmp_path), "-f", "json"]) == 0
    rows = {p["practice"]: (p["high_risks"], p["risk_analysis_complete"])
            for p in json.loads(capsys.readouterr().out)["practices"]}
    assert rows == {"Riverside Counselling": (2, True), "Harbour Psychology": (2, False)}
    assert main(["portfolio", str(tmp_path), "-f", "csv"]) == 0
    assert "high_risks,risk_analysis_complete" in capsys.readouterr().out


def test_portfolio_lists_a_file_rating_an_unknown_threat_as_an_error(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = write_answers(tmp_path, FULL + '\n[risks."meteor"]\nlikelihood = "low"\n')
    assert main(["portfolio", str(path)]) == 2
    assert 'risks."meteor": unknown threat' in capsys.readouterr().out
