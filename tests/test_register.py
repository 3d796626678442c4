"""The risk register is the practice's own: built from where its client information lives, with
the contradictions between the inventory and the answers listed everywhere (issue 24)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from privacycheck.analysis.register import Contradiction, contradictions, weaknesses
from privacycheck.analysis.review import score_file
from privacycheck.analysis.risk import analyse
from privacycheck.cli import main
from privacycheck.model import checklist
from privacycheck.model.answers import InventoryEntry

# A solo practice: email on Google Workspace (agreement not known, not encrypted), phone and
# texts through a mobile carrier, a phone whose encryption is not known, a laptop the inventory
# says is not encrypted, no backups; yet full-disk encryption and tested backups answered In place.
SOLO = '''
[assessment]
practice = "Solo Practice"
assessor = "A. Therapist"
started = 2027-01-10T10:00:00Z
updated = 2027-01-10T11:00:00Z
checklist = "therapy-practice"
participants = ["B. Partner, office help"]
revisions = [{date = 2027-01-10, change = "First written"}]

[profile]
jurisdiction = "us"
paper_records = false
telehealth = false
staff = false

[answers."digital.encryption-computers"]
status = "yes"
evidence = "BitLocker screenshot"

[answers."digital.backup"]
status = "yes"

[answers."digital.secure-email"]
status = "no"
note = "Intake forms come back by plain email"
evidence = "Checked the Workspace settings"

[[inventory]]
name = "Email"
kind = "email"
provider = "Google Workspace"
baa = "unknown"
encrypted = "no"

[[inventory]]
name = "Phone and texts"
kind = "phone"
provider = "Verizon"
stores = "no"
baa = "na"
encrypted = "unknown"

[[inventory]]
name = "Phone"
kind = "mobile"
baa = "na"
encrypted = "unknown"

[[inventory]]
name = "Laptop"
kind = "computer"
baa = "na"
encrypted = "no"
'''


@pytest.fixture
def solo(tmp_path: Path) -> Path:
    path = tmp_path / "solo.toml"
    path.write_text(SOLO)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def risk_json(capsys: pytest.CaptureFixture[str], solo: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(run(capsys, "report", str(solo), "--risk-analysis", "-f", "json"))


def rows(data: dict) -> dict:  # type: ignore[type-arg]
    return {row["threat_id"]: row for row in data["register"]}


def test_the_register_shows_the_email_and_phone_rows_with_their_real_vulnerabilities(
        solo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    register = rows(risk_json(capsys, solo))
    misdirected = register["misdirected-message"]
    assert misdirected["places"] == ["Email (Google Workspace)", "Phone and texts (Verizon)"]
    found = {v["text"]: v for v in misdirected["vulnerabilities"]}
    assert found["Email (Google Workspace): not encrypted"]["source"] == "inventory"
    assert found["Phone and texts (Verizon): encryption not known"]["source"] == "inventory"
    email = found["Encrypted sending and recipient checks: not in place"]
    assert (email["source"], email["note"], email["evidence"]) == (
        "answer", "Intake forms come back by plain email", "Checked the Workspace settings")
    vendor = register["vendor-breach"]
    assert vendor["places"] == ["Email (Google Workspace)"]  # the carrier keeps nothing
    assert "Email (Google Workspace): no business associate agreement known" in [
        v["text"] for v in vendor["vulnerabilities"]]
    intercepted = [v["text"] for v in register["interception"]["vulnerabilities"]]
    assert intercepted[:2] == ["Email (Google Workspace): not encrypted",
                               "Phone and texts (Verizon): encryption not known"]
    lost = [v["text"] for v in register["lost-device"]["vulnerabilities"] if v["source"] == "inventory"]
    assert lost == ["Phone: encryption not known", "Laptop: not encrypted"]
    loss = [v["text"] for v in register["records-loss"]["vulnerabilities"]]
    assert "No backup of client records is listed in the inventory" in loss
    for row in register.values():
        assert {"threat", "places", "vulnerabilities", "likelihood", "impact", "level", "residual_level",
                "decision", "actions"} <= set(row)
        assert all(v["source"] in ("inventory", "answer") for v in row["vulnerabilities"])


def test_impact_follows_what_a_place_holds(solo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    register = rows(risk_json(capsys, solo))
    assert register["misdirected-message"]["impact"] == "medium"  # messages, not session notes
    assert register["lost-device"]["impact"] == "high"  # a laptop with records
    assert {row["level"] for row in register.values()} != {"high"}


def test_residual_risk_is_the_level_once_the_planned_actions_are_done(
        solo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lost = rows(risk_json(capsys, solo))["lost-device"]
    assert (lost["level"], lost["decision"], lost["residual_level"]) == ("high", "reduce", "medium")
    assert "Turn on encryption for Laptop" in [a["action"] for a in lost["actions"] if a["rank"] is None]


def test_the_two_contradictions_are_in_the_json_the_report_and_the_risk_analysis(
        solo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = risk_json(capsys, solo)
    assert [(c["item_id"], c["inventory"]) for c in data["contradictions"]] == [
        ("digital.encryption-computers", "Laptop"), ("digital.backup", "")]
    laptop, backup = (c["message"] for c in data["contradictions"])
    assert laptop == ("The inventory says Laptop is not encrypted, but “Full-disk encryption on "
                      "computers and drives” is answered In place.")
    assert backup == "The inventory lists no backups, but “Tested, encrypted backups” is answered In place."
    assert not data["complete"]
    report = json.loads(run(capsys, "report", str(solo), "-f", "json"))
    assert report["risk"]["contradictions"] == data["contradictions"]
    for args in (["-f", "md"], ["-f", "txt"], ["--risk-analysis", "-f", "md"], ["--risk-analysis", "-f", "txt"]):
        text = " ".join(run(capsys, "report", str(solo), *args).split())
        assert laptop in text and backup in text, args
    html = run(capsys, "report", str(solo), "-f", "html")
    assert "Where the inventory and the answers disagree" in html and "Laptop is not encrypted" in html


def test_a_disputed_answer_is_no_current_measure(solo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    loss = next(r for r in risk_json(capsys, solo)["risks"] if r["threat_id"] == "records-loss")
    assert "digital.backup" not in [m["item_id"] for m in loss["measures"]]


def test_no_agreement_is_asked_of_a_carrier_that_only_carries_calls_and_texts(
        solo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = risk_json(capsys, solo)
    carrier = next(e for e in data["inventory"] if e["provider"] == "Verizon")
    assert carrier["agreement_needed"] is False
    text = " ".join(run(capsys, "report", str(solo), "--risk-analysis", "-f", "txt").split())
    assert "business associate agreement not needed: it only carries calls and texts" in text
    assert not any("Verizon" in a["action"] for row in data["register"] for a in row["actions"])


def test_the_agreement_is_named_for_the_practices_law() -> None:
    model = checklist.load("therapy-practice")
    vendor = next(t for t in model.threats if t.id == "vendor-breach")
    entry = InventoryEntry("Cloud notes", "records", "NotesCo", "no", "yes")
    words = {place: weaknesses(vendor, [entry], {"jurisdiction": place})[0].text
             for place in ("us", "eu-uk", "other")}
    assert words == {"us": "Cloud notes (NotesCo): no business associate agreement signed",
                     "eu-uk": "Cloud notes (NotesCo): no processor contract (GDPR Art. 28) signed",
                     "other": "Cloud notes (NotesCo): no written contract signed"}


def test_the_risk_analysis_names_participants_revisions_and_defines_each_level(
        solo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = risk_json(capsys, solo)
    assert data["participants"] == ["A. Therapist", "B. Partner, office help"]
    assert data["revisions"] == [{"date": "2027-01-10", "change": "First written"}]
    text = " ".join(run(capsys, "report", str(solo), "--risk-analysis", "-f", "md").split())
    assert "Who took part: A. Therapist; B. Partner, office help." in text
    assert "| 10 January 2027 | First written |" in text
    for words in ("Likely to happen within the year", "Unlikely, but possible",
                  "Session notes or other sensitive client information exposed", "Residual"):
        assert words in text
    assert "Approved by (name, role)" in text


def test_safeguards_guard_what_they_really_guard() -> None:
    model = checklist.load("therapy-practice")
    threats = {item.id: set(item.threats) for item in model.items()}
    assert "lost-device" not in threats["procedural.recording"]
    assert "improper-disclosure" not in threats["digital.network"] | threats["physical.device-disposal"]
    assert model.item("procedural.risk-analysis") is None  # the review itself is the risk analysis
    assert {"interception", "former-access", "ai-recordings"} <= {t.id for t in model.threats}
    lost = next(t for t in model.threats if t.id == "lost-device")
    assert set(lost.concerns) == {"computer", "mobile", "backup", "paper"}


def test_no_contradiction_before_the_inventory_is_given(solo: Path) -> None:
    result = score_file(solo)
    assert contradictions(result.items, (), {}) == ()
    found = analyse(result).contradictions
    assert found[0] == Contradiction("digital.encryption-computers", "Laptop", found[0].message)


def test_participants_revisions_and_place_facts_survive_a_save(solo: Path, tmp_path: Path) -> None:
    from privacycheck.model import answers

    first = answers.load(solo)
    changed = first.with_revision("Inventory changed", first.date).with_revision("Inventory changed", first.date)
    assert [r.change for r in changed.revisions] == ["First written; Inventory changed"]  # one line a day
    copy = tmp_path / "copy.toml"
    answers.save(changed, copy)
    again = answers.load(copy)
    assert (again.participants, again.revisions, again.inventory) == (
        changed.participants, changed.revisions, changed.inventory)


@pytest.mark.parametrize(("line", "message"), [
    ('concerns = ["fax"]', "concerns unknown kind of place 'fax'"),
    ('facts = ["colour"]', "unknown fact 'colour'"),
])
def test_a_threat_naming_an_unknown_kind_or_fact_is_a_checklist_problem(
        tmp_path: Path, line: str, message: str) -> None:
    from risk_fixtures import RISK_CHECKLIST

    from privacycheck.errors import PrivacycheckError

    path = tmp_path / "bad.toml"
    path.write_text(RISK_CHECKLIST.replace('title = "Overheard session"\n', f'title = "Overheard session"\n{line}\n', 1))
    with pytest.raises(PrivacycheckError, match=message):
        checklist.load(str(path))


@pytest.mark.parametrize(("key", "value"), [("stores", '"sometimes"'), ("holds", '"gossip"')])
def test_an_unknown_place_fact_is_a_one_line_error(solo: Path, key: str, value: str) -> None:
    from privacycheck.errors import PrivacycheckError
    from privacycheck.model import answers

    solo.write_text(SOLO.replace('name = "Laptop"\n', f'name = "Laptop"\n{key} = {value}\n'))
    with pytest.raises(PrivacycheckError, match=rf"inventory entry 4\.{key}: unknown value"):
        answers.load(solo)
