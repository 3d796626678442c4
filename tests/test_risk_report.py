"""`report --risk-analysis`: the risk analysis on file in every format, with HHS's nine
elements as headings; the JSON report's risk block; the summary on the main reports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from risk_fixtures import FULL, write_answers

from privacycheck.cli import main

pytestmark = pytest.mark.dates  # CI runs these on other days of the calendar too

ELEMENTS = ("Scope", "Data collection", "Threats and vulnerabilities", "Current security measures",
            "Likelihood of threat occurrence", "Potential impact of threat occurrence", "Level of risk",
            "Documentation", "Periodic review and update")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_risk_analysis_has_the_nine_elements_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      fmt: str) -> None:
    out = run(capsys, "report", str(write_answers(tmp_path, FULL)), "--risk-analysis", "-f", fmt)
    text = out.upper() if fmt == "txt" else out
    places = [text.find(f"{n}. {e.upper() if fmt == 'txt' else e}") for n, e in enumerate(ELEMENTS, 1)]
    assert -1 not in places and places == sorted(places), places
    for expected in ("SimplePractice", "Lost or stolen device", "Laptops encrypted", "Turn on FileVault",
                     "24 November 2027", "a breach, a lost device", "Approved by"):
        assert expected in out, expected


def test_risk_analysis_txt_fits_60_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "report", str(write_answers(tmp_path, FULL)), "--risk-analysis")
    assert max(len(line) for line in out.splitlines()) <= 60


def test_plan_is_ordered_by_risk_with_owner_and_due(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = FULL.replace('[answers."digital.encryption"]\n    status = "no"',
                        '[answers."digital.encryption"]\n    status = "no"\n    owner = "Sam"\n    due = 2027-01-15')
    data = json.loads(run(capsys, "report", str(write_answers(tmp_path, body)), "--risk-analysis", "-f", "json"))
    assert [(p["item_id"], p["level"], p["owner"], p["due"]) for p in data["plan"]] == [
        ("digital.encryption", "high", "Sam", "2027-01-15"), ("physical.sound", "medium", "", "2026-12-08")]  # critical: the end of week 2
    assert data["complete"] is True and data["counts"] == {"high": 1, "medium": 1, "low": 2}
    assert len(data["matrix"]["cells"]) == 9


def test_json_report_carries_the_risk_block(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run(capsys, "report", str(write_answers(tmp_path, FULL)), "-f", "json"))
    block = data["risk"]
    assert [r["threat_id"] for r in block["risks"]] == ["lost-device", "overheard", "paper-access", "ransomware"]
    lost = block["risks"][0]
    assert (lost["likelihood"], lost["impact"], lost["level"], lost["decision"]) == ("medium", "high", "high", "reduce")
    assert [i["name"] for i in block["inventory"]] == ["SimplePractice", "The filing cabinet", "Nightly backup"]
    assert block["addressable"] == [{"item_id": "digital.encryption", "specification": "45 CFR 164.312(a)(2)(iv)",
                                     "status": "no", "decision": "implemented", "note": ""}]


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_main_report_shows_the_risk_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    path = write_answers(tmp_path, FULL.split("[[inventory]]")[0])
    out = " ".join(run(capsys, "report", str(path), "-f", fmt).split())
    assert "Risk analysis: 1 high, 1 medium and 2 low risks across 4 threats" in out
    assert ("does not yet serve as the practice's risk analysis: the list of where client information "
            "lives still to make") in out


def test_risk_csv_neutralises_formulas(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = FULL + '''
    [risks."ransomware"]
    decision = "transfer"
    transfer_to = "=HYPERLINK(\\"http://x\\")"
    '''
    rows = list(csv.DictReader(io.StringIO(run(capsys, "report", str(write_answers(tmp_path, body)),
                                                  "--risk-analysis", "-f", "csv"))))
    assert {r["threat_id"]: r["transfer_to"] for r in rows}["ransomware"] == "'=HYPERLINK(\"http://x\")"


def test_text_from_the_file_is_data_in_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = FULL.replace('name = "SimplePractice"', 'name = "<b>Evil</b> *x* \\u001b[31mred"')
    path = write_answers(tmp_path, body)
    html = run(capsys, "report", str(path), "--risk-analysis", "-f", "html")
    assert "<b>Evil" not in html and "&lt;b&gt;Evil" in html
    assert "\\*x\\*" in run(capsys, "report", str(path), "--risk-analysis", "-f", "md")
    txt = run(capsys, "report", str(path), "--risk-analysis", "-f", "txt")
    assert "\x1b" not in txt and "␛[31mred" in txt


def test_without_a_threat_catalog_it_says_so(tmp_path: Path, mini: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import answers_toml

    path = tmp_path / "answers.toml"
    path.write_text(answers_toml({"physical.sound": "yes"}))
    out = run(capsys, "report", str(path), "--risk-analysis")
    assert "the checklist has no threat catalog" in out


def test_demo_practice_with_a_threat_catalog_gets_an_inventory_and_a_risk_analysis(tmp_path: Path) -> None:
    from risk_fixtures import write_checklist

    from privacycheck.analysis import risk, scoring
    from privacycheck.model import checklist
    from privacycheck.training import demo

    model = checklist.load(str(write_checklist(tmp_path)))
    example = demo.assessment(model)
    assert example.inventory == demo.INVENTORY and set(example.risks) == {"overheard"}
    analysis = risk.analyse(scoring.score(model, example))
    assert analysis.has_catalog and not any("inventory" in m for m in analysis.missing)
