"""The risk analysis: the matrix, defaults from the answers, decisions, completeness, and the
answers file's [risks] tables and addressable decisions."""

from __future__ import annotations

from pathlib import Path

import pytest
from risk_fixtures import FULL, write_answers

from privacycheck.analysis import risk
from privacycheck.analysis.review import score_file
from privacycheck.cli import main
from privacycheck.model import answers
from privacycheck.model.answers import RiskAnswer


def analysis_of(tmp_path: Path, body: str = FULL) -> risk.RiskAnalysis:
    return risk.analyse(score_file(write_answers(tmp_path, body)))


def by_id(analysis: risk.RiskAnalysis) -> dict[str, risk.Risk]:
    return {r.threat.id: r for r in analysis.risks}


def test_matrix_is_the_documented_one() -> None:
    assert risk.MATRIX[("low", "low")] == "low"
    assert risk.MATRIX[("low", "medium")] == risk.MATRIX[("medium", "low")] == "low"
    assert risk.MATRIX[("low", "high")] == risk.MATRIX[("high", "low")] == "medium"
    assert risk.MATRIX[("medium", "medium")] == "medium"
    assert risk.MATRIX[("medium", "high")] == risk.MATRIX[("high", "medium")] == "high"
    assert risk.MATRIX[("high", "high")] == "high"
    assert len(risk.MATRIX) == 9


def test_defaults_come_from_the_open_safeguards(tmp_path: Path) -> None:
    risks = by_id(analysis_of(tmp_path))
    lost = risks["lost-device"]  # encryption not in place (medium/high); backup in place (low/high)
    assert [r.item.id for r in lost.vulnerabilities] == ["digital.encryption"]
    assert [r.item.id for r in lost.measures] == ["digital.backup"]
    assert (lost.likelihood, lost.impact, lost.level) == ("medium", "high", "high")
    assert lost.decision == "reduce" and [a.result.item.id for a in lost.actions] == ["digital.encryption"]
    overheard = risks["overheard"]  # partly in place: a vulnerability, one level less likely (medium -> low)
    assert [r.item.id for r in overheard.vulnerabilities] == ["physical.sound"]
    assert (overheard.likelihood, overheard.impact, overheard.level) == ("low", "high", "medium")
    paper = risks["paper-access"]  # every safeguard in place: low, accepted as low
    assert (paper.likelihood, paper.impact, paper.level) == ("low", "low", "low")
    assert paper.decision == "accept" and paper.rationale == risk.DEFAULT_ACCEPT


def test_threat_without_applicable_safeguard_is_out_of_scope(tmp_path: Path) -> None:
    analysis = analysis_of(tmp_path)  # no telehealth: the platform item does not apply
    assert [t.id for t in analysis.out_of_scope] == ["vendor-breach"]
    assert "vendor-breach" not in by_id(analysis)


def test_practice_adjustment_and_decision_change_the_level(tmp_path: Path) -> None:
    body = FULL + '''
    [risks."lost-device"]
    likelihood = "low"
    reason = "Laptop never leaves the locked office"
    decision = "accept"
    rationale = "Desktop only, bolted down"
    accepted_by = "Sam Lee"
    '''
    lost = by_id(analysis_of(tmp_path, body))["lost-device"]
    assert (lost.likelihood, lost.impact, lost.level) == ("low", "high", "medium")
    assert lost.adjusted and lost.decision == "accept" and lost.rationale == "Desktop only, bolted down"


def test_risks_are_ordered_highest_first(tmp_path: Path) -> None:
    levels = [r.level for r in analysis_of(tmp_path).risks]
    assert levels == sorted(levels, key=["high", "medium", "low"].index)


def test_complete_review_serves_as_the_risk_analysis(tmp_path: Path) -> None:
    analysis = analysis_of(tmp_path)
    assert analysis.missing == () and analysis.complete
    text = risk.summary(analysis)
    assert text.startswith("Risk analysis: 1 high, 1 medium and 2 low risks across 4 threats")
    assert "serves as the practice's risk analysis; next review by 24 November 2027" in text


def test_completeness_names_what_is_missing(tmp_path: Path) -> None:
    body = '''
    [profile]
    paper_records = true
    telehealth = false
    jurisdiction = "us"

    [answers."digital.encryption"]
    status = "no"

    [risks."overheard"]
    likelihood = "low"
    decision = "accept"
    rationale = "Sessions by video only"
    '''
    analysis = analysis_of(tmp_path, body)
    missing = "\n".join(analysis.missing)
    assert "an inventory of where client information lives" in missing
    assert "Unauthorized access to paper records: 1 safeguard against it not answered yet" in missing
    assert "Overheard session: the reason its rating differs from the default" in missing
    assert "Overheard session: who accepted the risk" in missing
    assert "Laptops encrypted: the decision on addressable specification 45 CFR 164.312(a)(2)(iv)" in missing
    assert not analysis.complete
    said = risk.summary(analysis)  # on the first page: what is left, counted in plain words (issue 28)
    assert "does not yet serve as the practice's risk analysis: " in said
    assert "1 decision on HIPAA's flexible safeguards still to record" in said and "45 CFR" not in said


def test_addressable_decisions_are_asked_of_us_practices_only(tmp_path: Path) -> None:
    body = FULL.replace('addressable = "implemented"', "").replace('"us"', '"eu-uk"')
    assert analysis_of(tmp_path, body).complete


def test_alternative_without_description_is_missing(tmp_path: Path) -> None:
    body = FULL.replace('addressable = "implemented"', 'addressable = "alternative"')
    assert analysis_of(tmp_path, body).missing == (
        "Laptops encrypted: the alternative measure (an equivalent alternative measure)",)


def test_next_review_a_year_on_even_from_a_leap_day() -> None:
    import datetime as dt

    assert risk.next_review(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


# ------------------------------------------------------------------ the answers file


def test_risks_and_addressable_round_trip(tmp_path: Path) -> None:
    path = write_answers(tmp_path, FULL + '''
    [risks."lost-device"]
    decision = "transfer"
    transfer_to = "Cyber insurance (Acme policy 123)"

    [answers."digital.platform"]
    status = "na"
    addressable = "not-reasonable"
    addressable_note = "No telehealth"
    ''')
    saved = answers.load(path)
    assert saved.risks["lost-device"] == RiskAnswer(decision="transfer",
                                                    transfer_to="Cyber insurance (Acme policy 123)")
    assert saved.answers["digital.platform"].addressable_note == "No telehealth"
    again = tmp_path / "again.toml"
    answers.save(saved, again)
    assert answers.load(again) == saved


def test_empty_rating_is_not_written(tmp_path: Path) -> None:
    saved = answers.load(write_answers(tmp_path, FULL))
    assert saved.with_risk("overheard", RiskAnswer()).risks == {}


@pytest.mark.parametrize(("extra", "message"), [
    ('[risks."meteor"]\nlikelihood = "low"\n', 'line {table}: risks."meteor": unknown threat'),
    ('[risks."overheard"]\nlikelihood = "very"\n', "line {key}: risks.\"overheard\".likelihood: unknown level 'very'"),
    ('[risks."overheard"]\ndecision = "accept"\n', 'line {key}: risks."overheard": an accepted risk needs a rationale'),
    ('[risks."overheard"]\ndecision = "transfer"\n', 'line {key}: risks."overheard": a transferred risk needs transfer_to'),
    ('[risks."overheard"]\ndecision = "ignore"\n', "line {key}: risks.\"overheard\".decision: unknown decision 'ignore'"),
    ('[risks."overheard"]\nlikeliness = "low"\n', "line {key}: risks.\"overheard\": unknown key 'likeliness'"),
    ('[answers."physical.badge"]\nstatus = "na"\naddressable = "maybe"\n',
     "line {key2}: answers.\"physical.badge\".addressable: unknown decision 'maybe'"),
])
def test_bad_risk_value_is_one_line_error_and_file_untouched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: str, message: str) -> None:
    path = write_answers(tmp_path, FULL)
    table = len(path.read_text().splitlines()) + 2  # after one blank line
    path.write_text(path.read_text() + "\n" + extra)
    message = message.format(table=table, key=table + 1, key2=table + 2)
    before = path.read_bytes()
    assert main(["report", str(path), "-f", "json"]) == 2
    err = capsys.readouterr().err
    assert message in err and str(path) in err and len(err.strip().splitlines()) == 1
    assert main(["assess", "--resume", str(path)]) == 2
    assert path.read_bytes() == before
