"""US state law as data (checklists/state-law.toml), the profile that asks for it, and the items,
walk text, report and kit that show a practice its own state's rules (issue 25)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from privacycheck.cli import main
from privacycheck.files.resources import bundled_checklists, data_dir
from privacycheck.model import checklist, state_law

CORE = "therapy-practice"
# A solo practice with paper records in a shared suite, seeing clients in person, in the US.
SOLO = {"jurisdiction": "us", "us_state": "OR", "hipaa_covered": True, "profession": "counselor",
        "in_person": True, "telehealth": False, "paper_records": True, "staff": False, "minors": False,
        "groups": False, "shared_space": True, "ai_scribe": False, "substance_use": False,
        "part2_program": False}

SAMPLE = '''as_of = 2026-12-03

[states.CA]
name = "California"

[states.CA.duty_to_protect]
value = "mandatory"
refs = ["Cal. Civ. Code § 43.92"]
note = "When a client communicates a serious threat of physical violence against a reasonably identifiable victim; met by reasonable efforts to warn the victim and a law enforcement agency."

[states.CA.minor_consent]
rule = "age"
age = 12
refs = ["Cal. Fam. Code § 6924"]
note = "If mature enough to participate intelligently."

[states.CA.breach_notice]
days = 30
refs = ["Cal. Civ. Code § 1798.82"]
attorney_general = true
ag_threshold = 500

[states.CA.record_retention]
years = 7
minor_rule = "until the client turns 25, if later"
profession = "psychologists"
refs = ["Cal. Code Regs. tit. 16, § 1397.xx-sample"]

[[states.CA.other]]
topic = "recording-consent"
summary = "Recording a confidential conversation needs the consent of every party."
refs = ["Cal. Penal Code § 632"]

[states.OR]
name = "Oregon"
'''


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> state_law.StateLaw:
    """A small state-law file standing in for the bundled one (its values are the test's)."""
    path = tmp_path / "state-law.toml"
    path.write_text(SAMPLE)
    law = state_law.load(path)
    monkeypatch.setattr(state_law, "bundled", lambda: law)
    return law


@pytest.fixture(scope="module")
def model() -> checklist.Checklist:
    return checklist.load(CORE)


# ------------------------------------------------------------------ the data file


def test_the_bundled_file_names_every_state_and_dc_and_validates() -> None:
    path = data_dir("checklists") / state_law.FILE_NAME
    assert state_law.validate(path) == []
    law = state_law.load(path)
    assert law.as_of is not None
    assert {code for code, _ in state_law.STATES} <= set(law.states)
    assert len(state_law.STATES) == 51 and ("DC", "District of Columbia") in state_law.STATES
    for code, name in state_law.STATES:
        assert law.states[code].name == name
    assert "state-law" not in bundled_checklists()  # beside the checklists, not one of them


def test_every_value_in_the_bundled_file_names_its_source() -> None:
    law = state_law.bundled()
    for code, state in law.states.items():
        for topic in ("duty_to_protect", "minor_consent", "breach_notice", "record_retention"):
            value, refs = state_law.summary(state, topic)
            if refs:
                assert value != state_law.CHECK, (code, topic)
            for ref in refs:
                assert ref.strip() and "?" not in ref, (code, topic, ref)
        for other in state.other:
            assert other.refs and other.summary, code


def test_every_value_the_bundled_file_leaves_empty_says_why() -> None:
    """The table is complete for the 50 states and DC: a value is empty only where the law
    could not be read, and then the entry says so (what was read, what stopped a value)."""
    law = state_law.bundled()
    silent = []
    for code, _ in state_law.STATES:
        state = law.states[code]
        for topic in ("duty_to_protect", "minor_consent", "breach_notice", "record_retention"):
            if state_law.summary(state, topic)[0] == state_law.CHECK and not getattr(state, topic).note.strip():
                silent.append(f"{code} {topic}")
    assert silent == []


def test_the_topics_an_item_may_show_are_the_state_law_topics() -> None:
    assert checklist.STATE_TOPICS == state_law.TOPICS


def test_a_missing_value_sends_the_reader_to_the_licensing_board(sample: state_law.StateLaw) -> None:
    oregon = sample.states["OR"]
    for topic in ("duty_to_protect", "minor_consent", "breach_notice", "record_retention"):
        text = state_law.describe(oregon, topic)
        assert "Oregon" in text and text.endswith("check with your licensing board."), topic
        assert state_law.summary(oregon, topic) == (state_law.CHECK, ())


def test_a_value_left_empty_says_why_when_its_note_does(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """A law read but not settled (a repeal bill pending, two statutes not reconciled) is shown
    as what was read, and still sends the reader to the board; its citations sit in the note."""
    path = tmp_path / "state-law.toml"
    path.write_text('as_of = 2026-12-04\n[states.OH]\nname = "Ohio"\n[states.OH.minor_consent]\n'
                    'note = "Ohio Rev. Code § 5122.04 allows it from 14; a 2025 bill would repeal it"\n'
                    '[states.OH.duty_to_protect]\nrefs = ["Ohio Rev. Code § 2305.51"]\n')
    assert main(["checklists", "validate", str(path)]) == 2
    out = capsys.readouterr().out
    assert "line 6: " in out and "refs without a value" in out
    path.write_text(path.read_text().replace('refs = ["Ohio Rev. Code § 2305.51"]', 'note = ""'))
    ohio = state_law.load(path).states["OH"]
    text = state_law.describe(ohio, "minor_consent")
    assert text == ("Ohio's rule on when a minor may consent alone to counseling is not in this checklist yet. "
                    "Ohio Rev. Code § 5122.04 allows it from 14; a 2025 bill would repeal it. "
                    "Until it is, check with your licensing board.")
    assert state_law.summary(ohio, "minor_consent") == (state_law.CHECK, ())
    assert state_law.describe(ohio, "duty_to_protect").endswith("not in this checklist yet: check with your "
                                                                "licensing board.")


def test_the_table_says_no_statute_not_none_where_courts_made_the_duty() -> None:
    """A court-made duty (Wisconsin's Schuster v. Altenberg) is no statute, not no duty."""
    wisconsin = state_law.bundled().states["WI"]
    value, refs = state_law.summary(wisconsin, "duty_to_protect")
    assert value == "no statute" and any("Schuster" in ref for ref in refs)
    assert "Wisconsin has no statute on the duty" in state_law.describe(wisconsin, "duty_to_protect")


def test_a_value_is_said_in_words_with_its_citation(sample: state_law.StateLaw) -> None:
    ca = sample.states["CA"]
    duty = state_law.describe(ca, "duty_to_protect")
    assert duty.startswith("California law requires you to act when a client threatens serious harm")
    assert "(Cal. Civ. Code § 43.92)" in duty
    assert "your therapist" in state_law.describe(ca, "duty_to_protect", you="your therapist")
    assert "aged 12 or older" in state_law.describe(ca, "minor_consent")
    breach = state_law.describe(ca, "breach_notice")
    assert "within 30 days" in breach and "involves more than 500 residents" in breach
    assert "7 years after the last service" in state_law.describe(ca, "record_retention")
    assert "consent of every party" in state_law.describe(ca, "recording-consent")
    assert "names no law on artificial intelligence in therapy for California" in state_law.describe(ca, "ai-therapy")


def test_a_duty_statute_for_one_profession_reaches_that_profession_only(model: checklist.Checklist) -> None:
    """North Dakota's duty statute binds marriage and family therapists alone (N.D. Cent. Code
    § 43-53-11): a family therapist is told the duty, a psychologist that no statute binds them,
    and a practice of several professions both."""
    item = model.item("procedural.exceptions")
    assert item is not None
    north_dakota = {**SOLO, "us_state": "ND"}
    mft = model.for_practice(item, {**north_dakota, "profession": "mft"})
    assert ("North Dakota's law for marriage and family therapists requires you to act when a client threatens "
            "serious harm to others (N.D. Cent. Code § 43-53-11)") in mft.why
    assert "N.D. Cent. Code § 43-53-11" in mft.references and "no statute" not in mft.why
    psychologist = model.for_practice(item, {**north_dakota, "profession": "psychologist"})
    assert "North Dakota has no statute on the duty to warn or protect for psychologists." in psychologist.why
    assert "requires you" not in psychologist.why and "N.D. Cent. Code § 43-53-11" not in psychologist.references
    several = model.for_practice(item, {**north_dakota, "profession": "other"})
    assert "no statute on the duty to warn or protect for psychologists, counselors, social workers and " \
           "psychiatrists" in several.why and "requires them to act" in several.why
    law = state_law.bundled()
    assert state_law.summary(law.states["ND"], "duty_to_protect")[0] == \
        "no statute; marriage and family therapists: mandatory"
    duty = state_law.to_json(law)["states"]["ND"]["duty_to_protect"]
    assert duty["value"] == "none" and duty["professions"]["mft"]["value"] == "mandatory"


def test_the_duty_a_client_reads_in_the_consent_form_speaks_to_the_client() -> None:
    """The kit's consent form quotes the duty for "your therapist": no state's text there sends
    the reader to a licensing board or tells professionals what to check."""
    law = state_law.bundled()
    for code, state in law.states.items():
        for job in (*state_law.PROFESSIONS, "other"):
            if state.duty_to_protect.of(job).value:
                text = state_law.describe(state, "duty_to_protect", you="your therapist", profession=job)
                assert "licensing board" not in text and "should check" not in text, (code, job)


def test_a_profession_of_its_own_is_checked_like_the_state_rule(tmp_path: Path) -> None:
    path = tmp_path / "state-law.toml"
    path.write_text('as_of = 2026-12-04\n[states.ND]\nname = "North Dakota"\n[states.ND.duty_to_protect]\n'
                    'value = "none"\nnote = "searched"\n[states.ND.duty_to_protect.mft]\nvalue = "maybe"\n'
                    '[states.ND.duty_to_protect.nurse]\nvalue = "mandatory"\n')
    problems = [str(p) for p in state_law.validate(path)]
    assert any("line 7: states.ND.duty_to_protect.mft: value must be one of" in p for p in problems), problems
    assert any("unknown key 'nurse'" in p for p in problems), problems


def test_a_threshold_the_law_counts_from_is_not_said_as_more_than() -> None:
    """Colorado's attorney general is told from 500 affected residents ("500 or more"), California's
    above 500 ("more than 500"): the table keeps the difference and says it."""
    law = state_law.bundled()
    colorado, california = (state_law.describe(law.states[c], "breach_notice") for c in ("CO", "CA"))
    assert "involves 500 or more residents" in colorado and "more than 500" not in colorado
    assert "involves more than 500 residents" in california


def test_validate_reports_every_problem_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "states.toml"
    bad.write_text('as_of = "soon"\n[states.ZZ]\nname = "Nowhere"\n[states.CA.duty_to_protect]\n'
                   'value = "maybe"\n[states.NY.minor_consent]\nrule = "age"\n[states.TX.breach_notice]\n'
                   'days = 30\n[[states.WA.other]]\ntopic = "gossip"\nsummary = "x"\nrefs = ["y"]\n')
    assert main(["checklists", "validate", str(bad)]) == 2
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"{bad}: 6 problems"
    for line, words in ((1, "as_of must be a date"), (2, "'ZZ' is not a US state"), (4, "value must be one of"),
                        (6, "needs age"), (8, "statute or rule it was read in"), (10, "topic must be one of")):
        assert any(f"line {line}: " in o and words in o for o in out), (line, words)
    good = tmp_path / "good.toml"
    good.write_text(SAMPLE)
    assert main(["checklists", "validate", str(good)]) == 0
    assert "OK (state law for 2 jurisdictions, as of 2026-12-03)" in capsys.readouterr().out


def test_a_state_file_that_is_not_toml_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "state-law.toml"
    bad.write_text("[states.CA\n")
    assert main(["checklists", "validate", str(bad)]) == 2
    err = capsys.readouterr()
    assert "Traceback" not in err.out + err.err and str(bad) in err.out


def test_the_states_command_prints_the_table_and_its_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checklists", "states"]) == 0
    text = capsys.readouterr().out
    assert "DC  District of Columbia" in text and "WY  Wyoming" in text
    assert "Duty to warn or protect:" in text and "Breach notice to residents:" in text
    assert main(["checklists", "states", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"as_of", "states"} and re.fullmatch(r"\d{4}-\d\d-\d\d", data["as_of"])
    assert {code for code, _ in state_law.STATES} <= set(data["states"])
    ca = data["states"]["CA"]
    assert set(ca) == {"name", "duty_to_protect", "minor_consent", "breach_notice", "record_retention", "other"}
    assert set(ca["duty_to_protect"]) == {"value", "refs", "note", "professions"}
    assert set(ca["minor_consent"]) == {"rule", "age", "refs", "note"}
    assert {"days", "refs", "note"} <= set(ca["breach_notice"])
    assert set(ca["record_retention"]) == {"years", "minor_rule", "profession", "refs", "note"}
    assert ca["breach_notice"]["ag_at_least"] is False and data["states"]["CO"]["breach_notice"]["ag_at_least"] is True
    section = (Path(__file__).parent.parent / "docs" / "json-schema.md").read_text().split(
        "# State-law schema")[1]
    for key in ("duty_to_protect", "minor_consent", "breach_notice", "record_retention", "other[]",
                "attorney_general", "ag_threshold", "ag_at_least", "minor_rule", "profession"):
        assert f"`{key}`" in section, key


# ------------------------------------------------------------------ the profile


def test_the_profile_asks_where_first_and_follow_ups_after_what_makes_them_matter(model: checklist.Checklist) -> None:
    ids = [q.id for q in model.profile]
    assert ids[:4] == ["jurisdiction", "us_state", "hipaa_covered", "profession"]
    assert ids.index("substance_use") < ids.index("part2_program")
    asked = {q.id: q for q in model.profile}
    assert not model.asks(asked["part2_program"], {"jurisdiction": "us", "substance_use": False})
    assert model.asks(asked["part2_program"], {"jurisdiction": "us", "substance_use": True})
    for place in ("eu-uk", "other"):
        facts = {"jurisdiction": place}
        assert not any(model.asks(asked[q], facts) for q in ("us_state", "hipaa_covered", "substance_use"))
    assert not model.asks(asked["shared_space"], {"in_person": False})
    state = asked["us_state"]
    assert {c for c, _ in state_law.STATES} < set(state.choices)
    assert "not covered yet" in state.shown("PR")
    assert "160.103" in asked["hipaa_covered"].help and "good practice" in asked["hipaa_covered"].help


def test_a_follow_up_not_asked_takes_its_default_whatever_it_said(model: checklist.Checklist) -> None:
    stale = {**SOLO, "substance_use": True, "part2_program": True, "jurisdiction": "eu-uk"}
    facts = model.settled(stale)
    assert facts["substance_use"] is False and facts["part2_program"] is False
    assert "us_state" not in facts
    assert not [i for i in model.applicable_items(stale) if i.section_id == "part2"]


def test_part2_is_for_us_practices_only(model: checklist.Checklist) -> None:
    part2 = model.section("part2")
    assert part2 is not None
    assert {c.fact for c in part2.applies_when} == {"substance_use", "jurisdiction"}
    us = {**SOLO, "substance_use": True}
    assert any(i.section_id == "part2" for i in model.applicable_items(us))
    for place in ("eu-uk", "other"):
        assert not any(i.section_id == "part2" for i in model.applicable_items({**us, "jurisdiction": place}))


def test_an_online_only_practice_gets_no_waiting_room_or_office_lock(model: checklist.Checklist) -> None:
    online = {i.id for i in model.applicable_items({**SOLO, "in_person": False, "telehealth": True})}
    for ident in ("physical.waiting-area", "physical.shared-waiting-room", "physical.facility-security",
                  "physical.shared-space-access"):
        assert ident not in online, ident
    office = {i.id for i in model.applicable_items({**SOLO, "shared_space": False})}
    assert {"physical.waiting-area", "physical.facility-security"} <= office


@pytest.mark.parametrize(("telehealth", "most"), [(False, 60), (True, 66)])
def test_a_solo_in_person_us_practice_in_a_shared_suite_sees_at_most_60_items(
        model: checklist.Checklist, telehealth: bool, most: int) -> None:
    items = model.applicable_items({**SOLO, "telehealth": telehealth})
    assert len(items) <= most


def test_the_solo_practice_keeps_every_security_standard_and_article_safeguard(model: checklist.Checklist) -> None:
    """Merging items for the solo practice loses no safeguard: every Security Rule standard that
    does not concern a workforce, and every safeguard of the article, still has an item."""
    from privacycheck.model import coverage

    items = model.applicable_items(SOLO)
    workforce = {"45 CFR 164.308(a)(3)", "45 CFR 164.308(a)(4)"}  # staff's access: no staff, no item
    for key, name in coverage.SECURITY_RULE:
        if key not in workforce:
            assert coverage.covering(items, key), (key, name)
    for key in ("45 CFR 164.530(j)", "45 CFR 164.526", "45 CFR 164.530(a)", "45 CFR 164.316(b)(2)(i)"):
        assert coverage.covering(items, key), key
    for tag, _name in coverage.ARTICLE:
        assert coverage.covering(items, tag), tag


def test_the_profession_decides_which_ethics_code_is_cited(model: checklist.Checklist) -> None:
    codes = {"psychologist": "APA Ethics Code", "counselor": "ACA Code of Ethics",
             "social-worker": "NASW Code of Ethics", "mft": "AAMFT Code of Ethics",
             "psychiatrist": "AMA Principles of Medical Ethics"}
    for profession, code in codes.items():
        profile = {**SOLO, "profession": profession}
        cited = {r for i in model.applicable_items(profile) for r in model.for_practice(i, profile).references}
        assert any(r.startswith(code) for r in cited), profession
        others = [c for c in codes.values() if c != code]
        assert not [r for r in cited if r.startswith(tuple(others))], profession
    both = {r for i in model.applicable_items({**SOLO, "profession": "other"})
            for r in model.for_practice(i, {**SOLO, "profession": "other"}).references}
    assert any(r.startswith("APA") for r in both) and any(r.startswith("ACA") for r in both)


def test_a_practice_hipaa_does_not_cover_is_told_what_is_good_practice(model: checklist.Checklist) -> None:
    item = model.item("procedural.business-associates")
    assert item is not None
    covered = model.for_practice(item, SOLO)
    cash = model.for_practice(item, {**SOLO, "hipaa_covered": False})
    assert "not a HIPAA covered entity" not in covered.why
    assert "not a HIPAA covered entity" in cash.why and "good practice" in cash.why
    ethics = model.item("procedural.outside-sessions")
    assert ethics is not None and not any(r.startswith("45 CFR") for r in ethics.references)
    assert "covered entity" not in model.for_practice(ethics, {**SOLO, "hipaa_covered": False}).why


# ------------------------------------------------------------------ items that show the state's rule


@pytest.mark.parametrize(("ident", "words", "cite"), [
    ("procedural.exceptions", "California law requires you to act when a client threatens", "Cal. Civ. Code § 43.92"),
    ("procedural.informed-consent", "aged 12 or older", "Cal. Fam. Code § 6924"),
    ("procedural.breach-notification", "within 30 days", "Cal. Civ. Code § 1798.82"),
    ("procedural.records-retention", "7 years after the last service", "Cal. Code Regs. tit. 16, § 1397.xx-sample"),
    ("procedural.recording", "consent of every party", "Cal. Penal Code § 632"),
])
def test_items_show_the_practices_own_state_rule_with_its_citation(
        model: checklist.Checklist, sample: state_law.StateLaw, ident: str, words: str, cite: str) -> None:
    item = model.item(ident)
    assert item is not None
    shown = model.for_practice(item, {**SOLO, "us_state": "CA", "minors": True})
    assert words in shown.why and cite in shown.why and cite in shown.references
    oregon = model.for_practice(item, {**SOLO, "minors": True})
    assert "Oregon" in oregon.why or ident == "procedural.recording"  # Oregon has no recording law in the sample
    uk = model.for_practice(item, {**SOLO, "jurisdiction": "eu-uk"})
    assert "California" not in uk.why and "Oregon" not in uk.why
    territory = model.for_practice(item, {**SOLO, "us_state": "PR"})  # not covered yet: federal only
    assert territory.why == item.why


def test_only_rules_that_concern_the_practice_are_shown(model: checklist.Checklist,
                                                        sample: state_law.StateLaw) -> None:
    consent = model.item("procedural.informed-consent")
    assert consent is not None
    adults = model.for_practice(consent, {**SOLO, "us_state": "CA"})
    assert "43.92" in adults.why and "6924" not in adults.why  # no minors: no minors' rule
    assert "6924" in model.for_practice(consent, {**SOLO, "us_state": "CA", "minors": True}).why
    recording = model.item("procedural.recording")
    assert recording is not None
    assert model.for_practice(recording, SOLO).why == recording.why  # no recording law in the data


def test_the_report_and_plan_show_the_state_rule(model: checklist.Checklist, sample: state_law.StateLaw) -> None:
    from privacycheck.analysis import scoring
    from privacycheck.model.answers import Answer, new
    from privacycheck.reports.render import render

    profile = {**SOLO, "us_state": "CA"}
    review = new("Cove Counseling", CORE, model.version, model.sha256)
    for fact, value in profile.items():
        review = review.with_profile(fact, value)
    for item in model.applicable_items(profile):
        review = review.with_answer(item.id, Answer("no"))
    result = scoring.score(model, review)
    report = json.loads(render(result, "json"))
    rows = {row["item_id"]: row for row in report["remediation"]}
    assert "Cal. Civ. Code § 43.92" in rows["procedural.exceptions"]["references"]
    assert "Cal. Civ. Code § 1798.82" in render(result, "csv")
    markdown = " ".join(render(result, "md").split())
    assert ("California law requires you to act when a client threatens serious harm to others "
            "(Cal. Civ. Code § 43.92)") in markdown
    assert "tell affected residents within 30 days" in " ".join(render(result, "csv").split())


# ------------------------------------------------------------------ the kit


def _kit(tmp_path: Path, profile: dict[str, object]) -> dict[str, str]:
    from privacycheck.analysis import scoring
    from privacycheck.analysis.kit import needed
    from privacycheck.model.answers import Answer, new
    from privacycheck.reports.kit_render import write_kit

    model = checklist.load(CORE)
    review = new("Cove Counseling", CORE, model.version, model.sha256, assessor="Ana Ruiz")
    for fact, value in profile.items():
        review = review.with_profile(fact, value)  # type: ignore[arg-type]
    for item in model.applicable_items(profile):  # type: ignore[arg-type]
        review = review.with_answer(item.id, Answer("no"))
    result = scoring.score(model, review)
    paths = write_kit(result, needed(result, every=True), tmp_path / "kit", force=True)
    return {p.stem: p.read_text() for p in paths}


def test_the_kit_carries_the_states_rules(tmp_path: Path, sample: state_law.StateLaw) -> None:
    kit = _kit(tmp_path, {**SOLO, "us_state": "CA", "minors": True, "groups": True})
    consent = " ".join(kit["informed-consent-confidentiality"].split())
    assert "as California law requires or permits" in consent
    assert ("California law requires your therapist to act when a client threatens serious harm to others "
            "(Cal. Civ. Code § 43.92)") in consent
    assert "from the age of 12, under California law" in consent
    for words in ("other professionals treating you", "companies that work for the practice",
                  "oversees health care", "a complaint or a legal claim", "in an emergency",
                  "not yet fully licensed", "### Group sessions", "If your therapist cannot continue",
                  "consent of every party"):
        assert words in consent, words
    breach = " ".join(kit["breach-response-plan"].split())
    assert "within 30 days (Cal. Civ. Code § 1798.82)" in breach
    policies = " ".join(kit["policies"].split())
    assert "Office for Civil Rights (45 CFR 160.306)" in policies
    assert "conduit" in policies and "incidentally" in policies
    assert "7 years after the last service" in policies


def test_without_a_states_values_the_kit_leaves_blanks(tmp_path: Path, sample: state_law.StateLaw) -> None:
    kit = _kit(tmp_path, SOLO)  # Oregon: nothing verified in the sample
    consent = " ".join(kit["informed-consent-confidentiality"].split())
    assert "as Oregon law requires or permits" in consent and "What Oregon law says" not in consent
    assert "[to fill: what your state's breach law adds" in " ".join(kit["breach-response-plan"].split())
    assert ("Oregon's rule on how long to keep client records is not in this checklist yet: check with your "
            "licensing board") \
        in " ".join(kit["policies"].split())
    uk = _kit(tmp_path / "uk", {**SOLO, "jurisdiction": "eu-uk"})
    assert "Office for Civil Rights" not in uk["policies"] and "Oregon" not in uk["policies"]


# ------------------------------------------------------------------ AI note-takers and scribes


@pytest.mark.parametrize("place", ["us", "eu-uk", "other"])
def test_every_practice_with_an_ai_scribe_is_asked_about_it(model: checklist.Checklist, place: str) -> None:
    profile = {**SOLO, "jurisdiction": place}
    without = {i.id for i in model.applicable_items(profile)}
    with_ai = {i.id for i in model.applicable_items({**profile, "ai_scribe": True})}
    assert with_ai - without == {"ai.vendor-agreement", "ai.retention", "ai.client-consent", "ai.note-review",
                                 "ai.transcript-record"}
    text = " ".join(f"{i.question} {i.guidance}" for i in model.items() if i.section_id == "ai")
    for words in ("train", "default", "withdraw", "say no", "read and correct every note",
                  "part of the client's record"):
        assert words in text, words
    consent = model.item("ai.client-consent")
    assert consent is not None and {"ai-therapy", "recording-consent"} <= set(consent.state_law)
    assert model.threat("ai-tool") is not None


def test_illinois_ai_law_reaches_the_consent_item_when_the_data_has_it(model: checklist.Checklist) -> None:
    law = state_law.bundled()
    illinois = law.states["IL"]
    consent = model.item("ai.client-consent")
    assert consent is not None
    shown = model.for_practice(consent, {**SOLO, "us_state": "IL", "ai_scribe": True})
    if any(o.topic == "ai-therapy" for o in illinois.other):
        assert "225 ILCS 155" in shown.why or "104-0054" in shown.why
    else:
        assert "check with your licensing board" in shown.why


# ------------------------------------------------------------------ fixes from the audit


def test_the_audit_fixes(model: checklist.Checklist) -> None:
    def item(ident: str) -> checklist.Item:
        found = model.item(ident)
        assert found is not None, ident
        return found

    messages = item("digital.messages-and-reminders").references
    assert {"45 CFR 164.530(c)(2)", "45 CFR 164.502(a)(1)(iii)"} <= set(messages)
    assert "45 CFR 164.502(b)" not in messages
    assert "APA Ethics Code 6.01" not in item("procedural.records-access").references
    assert "APA Ethics Code 2.05" not in item("procedural.workforce-clearance").references
    for ident in ("procedural.disclosure-log", "procedural.breach-assessment", "procedural.written-policies"):
        text = item(ident).guidance
        assert "six years" in text and ("in the US" in text or "In the US" in text), ident
        assert "as your law requires" in text, ident
    assert "six years" not in item("procedural.written-policies").title
    notes = item("procedural.psychotherapy-notes").guidance
    for words in ("medication prescription and monitoring", "session start and stop times",
                  "modalities and frequencies", "results of clinical tests", "functional status",
                  "prognosis", "progress to date"):
        assert words in notes, words
    access = item("procedural.right-of-access")
    assert "unencrypted email" in access.question and "someone they name" in access.question
    assert "45 CFR 164.524(a)(3)" in access.references and "reviewed by another licensed professional" in access.guidance
    assert "never made a condition of treatment" in item("part2.counseling-notes").guidance
    assert "42 CFR 2.14" in item("part2.consent-form").references
    for ident in ("procedural.exceptions", "procedural.safeguarding"):
        assert "crisis plan for clients seen in person" in item(ident).guidance, ident
    current = item("procedural.stay-current").guidance
    assert "January 2025 proposal" in current and "a proposal changes nothing until a final rule" in current
    other = {i.id for i in model.applicable_items({**SOLO, "jurisdiction": "other"})}
    assert {"procedural.process-notes", "procedural.deceased-clients"} <= other
    us = {i.id for i in model.applicable_items(SOLO)}
    assert not {"procedural.process-notes", "procedural.deceased-clients"} & us


def test_the_version_and_the_archive_of_the_last_one() -> None:
    from privacycheck.files.resources import archived_checklist

    assert checklist.load(CORE).version == "2027.2"
    path = archived_checklist(CORE, "2027.1")
    assert path is not None and checklist.validate(path) == []
    assert checklist.load(str(path)).version == "2027.1"


# ------------------------------------------------------------------ next year, from a 2027.1 review


def test_from_a_2027_1_review_asks_only_the_new_profile_questions(tmp_path: Path) -> None:
    from test_walk import CTRL_C, ENTER, drive

    from privacycheck.files.resources import archived_checklist
    from privacycheck.model import answers
    from privacycheck.model.record import replace
    from privacycheck.training import demo
    from privacycheck.walk.walk import Options

    archived = archived_checklist(CORE, "2027.1")
    assert archived is not None
    old_model = checklist.load(str(archived))
    last = replace(demo.assessment(old_model), checklist=CORE)
    assert "us_state" not in last.profile and last.profile["jurisdiction"] == "us"
    answers.save(last, tmp_path / "2027-1.toml")
    new = tmp_path / "next.toml"
    # practice and assessor kept; then only what 2027.1 never asked: the state (typed), HIPAA,
    # the profession, in-person sessions, an AI scribe; then the recap of the whole profile
    keys = ENTER * 2 + "OR\r" + "y" + "2" + "y" + "n" + "y" + CTRL_C
    code, out = drive(keys, Options(output=new, previous=tmp_path / "2027-1.toml"))
    assert code == 130, out
    asked = " ".join(out.split("Practice profile:")[0].split())
    assert "Profile 1 of 5" in asked and "Profile 6" not in asked
    for question in ("In which state", "bill health insurance", "What is your profession?",
                     "see clients in person", "AI note-taker"):
        assert question in asked, question
    for old_question in ("Where is the practice located?", "Do you offer sessions by video",
                         "substance use disorder records"):
        assert old_question not in asked, old_question
    saved = answers.load(new)
    assert {k: saved.profile[k] for k in ("us_state", "hipaa_covered", "profession", "in_person", "ai_scribe")} == {
        "us_state": "OR", "hipaa_covered": True, "profession": "counselor", "in_person": True, "ai_scribe": False}
    assert saved.profile["staff"] is True  # last year's facts carried, not asked again


def test_compare_across_versions_names_the_new_and_changed_items(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from privacycheck.files.resources import archived_checklist
    from privacycheck.model import answers
    from privacycheck.model.record import replace
    from privacycheck.training import demo

    archived = archived_checklist(CORE, "2027.1")
    assert archived is not None
    old_model, new_model = checklist.load(str(archived)), checklist.load(CORE)
    last = replace(demo.assessment(old_model), checklist=CORE)
    answers.save(last, tmp_path / "old.toml")
    profile = {**dict(last.profile), "ai_scribe": True, "us_state": "OR", "hipaa_covered": True,
               "profession": "psychologist", "in_person": True}
    this_year = demo.assessment(new_model)
    this_year = replace(this_year, profile=profile, answers={
        **this_year.answers, **{i.id: answers.Answer("no") for i in new_model.applicable_items(profile)
                                if i.id.startswith("ai.")}})
    answers.save(this_year, tmp_path / "new.toml")
    assert main(["compare", str(tmp_path / "old.toml"), str(tmp_path / "new.toml"), "-f", "json"]) == 0
    rows = {row["item_id"]: row for row in json.loads(capsys.readouterr().out)["items"]}
    assert {"ai.client-consent", "ai.note-review"} <= {i for i, r in rows.items() if r["change"] == "new"}
    assert rows["procedural.right-of-access"]["why"] == "reworded in checklist 2027.2"


def test_the_reports_profile_leaves_out_moot_follow_ups(model: checklist.Checklist) -> None:
    from privacycheck.analysis import scoring
    from privacycheck.model.answers import new
    from privacycheck.reports.render import render

    review = new("Cove Counseling", CORE, model.version, model.sha256)
    for fact, value in {**SOLO, "jurisdiction": "eu-uk", "part2_program": True}.items():
        review = review.with_profile(fact, value)
    text = render(scoring.score(model, review), "md")
    assert "What is your profession?" in text
    assert "In which state" not in text and "itself a Part 2 program" not in text


def test_next_year_asks_again_only_items_whose_safeguard_changed() -> None:
    """Citing the other professions' codes beside an item changes nothing a 2027.1 review answered:
    only items reworded, merged or re-cited in 2027.2 are asked again one by one."""
    from privacycheck.analysis import review
    from privacycheck.files.resources import archived_checklist
    from privacycheck.model.record import replace
    from privacycheck.training import demo

    archived = archived_checklist(CORE, "2027.1")
    assert archived is not None
    last = replace(demo.assessment(checklist.load(str(archived))), checklist=CORE)
    changed = review.changed_items(last, checklist.load(CORE))
    assert {"procedural.right-of-access", "procedural.written-policies", "telehealth.session-security",
            "procedural.recording", "digital.messages-and-reminders"} <= changed
    assert not {"physical.sound-privacy", "procedural.outside-sessions", "procedural.informed-consent"} & changed
    assert len(changed) <= 12
