"""Content rules for the bundled checklist and scenarios: the heart of the product."""

from __future__ import annotations

import json
import re

import pytest

from privacycheck.files.resources import bundled_checklists, data_dir
from privacycheck.model import checklist, coverage

CORE = "therapy-practice"
SOLO = {"staff": False, "paper_records": True, "telehealth": False, "minors": False,
        "substance_use": False, "part2_program": False, "groups": False, "jurisdiction": "us",
        "shared_space": False, "in_person": True, "ai_scribe": False}


@pytest.fixture(scope="module")
def model() -> checklist.Checklist:
    return checklist.load(CORE)


def test_every_bundled_file_validates() -> None:
    assert CORE in bundled_checklists()
    for path in bundled_checklists().values():
        assert checklist.validate(path) == []


def test_every_item_is_complete_and_cited(model: checklist.Checklist) -> None:
    for item in model.items():
        for field in ("question", "why", "guidance", "remediation"):
            assert len(getattr(item, field).strip()) >= 20, (item.id, field)
        assert item.references, item.id
        for ref in item.references:
            assert coverage.well_formed(ref), (item.id, ref)
        assert item.id.startswith(item.section_id + "."), item.id
        assert re.match(r"^[a-z0-9]+\.[a-z0-9]+(-[a-z0-9]+)*$", item.id), item.id


def test_every_item_has_a_short_title_naming_the_safeguard(model: checklist.Checklist) -> None:
    titles = [item.title for item in model.items()]
    for item in model.items():
        assert item.title != item.question, item.id
        assert 8 <= len(item.title) <= checklist.TITLE_MAX, (item.id, item.title)
        assert item.title[0].isupper() and not item.title.endswith((".", "?", ":")), (item.id, item.title)
    assert len(set(titles)) == len(titles), "titles repeat"


THREATS = ("lost-device", "misdirected-message", "overheard", "phishing", "ransomware", "improper-disclosure",
           "paper-access", "vendor-breach", "disaster", "records-loss", "snooping", "interception",
           "former-access", "ai-recordings", "ai-tool")
# The addressable implementation specifications of 45 CFR 164.308, 164.310 and 164.312
# (each marked "(Addressable)" in the rule text and in Appendix A to Subpart C).
ADDRESSABLE = {
    "45 CFR 164.308(a)(3)(ii)(A)", "45 CFR 164.308(a)(3)(ii)(B)", "45 CFR 164.308(a)(3)(ii)(C)",
    "45 CFR 164.308(a)(4)(ii)(B)", "45 CFR 164.308(a)(4)(ii)(C)",
    "45 CFR 164.308(a)(5)(ii)(A)", "45 CFR 164.308(a)(5)(ii)(B)", "45 CFR 164.308(a)(5)(ii)(C)",
    "45 CFR 164.308(a)(5)(ii)(D)", "45 CFR 164.308(a)(7)(ii)(D)", "45 CFR 164.308(a)(7)(ii)(E)",
    "45 CFR 164.310(a)(2)(i)", "45 CFR 164.310(a)(2)(ii)", "45 CFR 164.310(a)(2)(iii)", "45 CFR 164.310(a)(2)(iv)",
    "45 CFR 164.310(d)(2)(iii)", "45 CFR 164.310(d)(2)(iv)",
    "45 CFR 164.312(a)(2)(iii)", "45 CFR 164.312(a)(2)(iv)", "45 CFR 164.312(c)(2)",
    "45 CFR 164.312(e)(2)(i)", "45 CFR 164.312(e)(2)(ii)",
}


def test_the_threat_catalog_comes_first_and_is_complete(model: checklist.Checklist) -> None:
    assert tuple(t.id for t in model.threats) == THREATS
    for threat in model.threats:
        assert threat.title and len(threat.title) <= checklist.TITLE_MAX, threat.id
        assert threat.description.endswith(".") and threat.description.count(". ") == 0, threat.id
    text = (data_dir("checklists") / f"{CORE}.toml").read_text()
    assert text.index("[[threats]]") < text.index("[[sections]]")


def test_every_item_names_its_threats_likelihood_and_impact(model: checklist.Checklist) -> None:
    used: set[str] = set()
    for item in model.items():
        assert 1 <= len(item.threats) <= 3, item.id
        assert item.likelihood in checklist.LEVELS and item.impact in checklist.LEVELS, item.id
        used |= set(item.threats)
    assert used == set(THREATS), "every threat is guarded against by some item"


def test_the_ratings_are_consistent(model: checklist.Checklist) -> None:
    encryption = model.item("digital.encryption-computers")
    assert encryption is not None
    assert (encryption.threats, encryption.likelihood, encryption.impact) == (("lost-device",), "medium", "high")
    for item in model.items():
        if item.severity == "critical":
            assert item.impact == "high", item.id  # a critical gap is one whose harm is high


def test_addressable_names_a_real_addressable_specification_the_item_cites(model: checklist.Checklist) -> None:
    marked = [item for item in model.items() if item.addressable]
    assert len(marked) >= 12
    for item in marked:
        assert item.addressable in ADDRESSABLE, (item.id, item.addressable)
        standard = item.addressable.split("(ii)")[0].split("(2)")[0]
        assert any(ref.startswith(standard) for ref in item.references), (item.id, item.addressable)
    assert {"45 CFR 164.312(a)(2)(iv)", "45 CFR 164.312(e)(2)(ii)", "45 CFR 164.312(a)(2)(iii)",
            "45 CFR 164.308(a)(5)(ii)(B)"} <= {i.addressable for i in marked}
    for item in model.items():  # required specifications and standards are never marked addressable
        assert not item.addressable.startswith(("45 CFR 164.312(b)", "45 CFR 164.308(a)(1)")), item.id


def test_questions_are_questions(model: checklist.Checklist) -> None:
    for item in model.items():
        assert item.question.rstrip().endswith("?"), item.id


def test_core_sections_in_order(model: checklist.Checklist) -> None:
    ids = [s.id for s in model.sections]
    assert ids[:3] == ["physical", "digital", "procedural"]
    assert {"telehealth", "minors", "part2", "gdpr"} <= set(ids)


@pytest.mark.parametrize("paper", [True, False])
def test_solo_in_person_practice_answers_at_most_60(model: checklist.Checklist, paper: bool) -> None:
    items = model.applicable_items({**SOLO, "paper_records": paper})
    assert 30 <= len(items) <= 60
    sections = {i.section_id for i in items}
    assert sections == {"physical", "digital", "procedural"}


def test_group_practice_with_telehealth_sees_staff_and_telehealth_items(model: checklist.Checklist) -> None:
    solo = {i.id for i in model.applicable_items(SOLO)}
    group = {i.id for i in model.applicable_items({**SOLO, "staff": True, "telehealth": True})}
    assert solo < group
    extra = group - solo
    assert any(i.startswith("telehealth.") for i in extra)
    assert any(not i.startswith("telehealth.") for i in extra)  # staff items


@pytest.mark.parametrize(("fact", "value", "section"), [
    ("minors", True, "minors"), ("substance_use", True, "part2"), ("jurisdiction", "eu-uk", "gdpr")])
def test_modules_switch_on_with_their_profile_fact(model: checklist.Checklist, fact: str, value: object,
                                                   section: str) -> None:
    assert not any(i.section_id == section for i in model.applicable_items(SOLO))
    assert any(i.section_id == section for i in model.applicable_items({**SOLO, fact: value}))


@pytest.mark.parametrize(("key", "name"), coverage.SECURITY_RULE + coverage.PRIVACY_AND_BREACH + coverage.PART2
                         + coverage.DATA_PROTECTION + coverage.ETHICS + coverage.ARTICLE)
def test_every_standard_and_safeguard_has_an_item(model: checklist.Checklist, key: str, name: str) -> None:
    assert coverage.covering(model.items(), key), f"nothing covers {key} ({name})"


def test_article_safeguards_reach_the_solo_practice(model: checklist.Checklist) -> None:
    solo = model.applicable_items(SOLO)
    for tag, _name in coverage.ARTICLE:
        assert coverage.covering(solo, tag), tag


def test_coverage_map_is_current(model: checklist.Checklist) -> None:
    path = data_dir("checklists") / "COVERAGE.md"
    assert path.read_text() == coverage.render(model), (
        "regenerate with: python -m privacycheck.model.coverage > checklists/COVERAGE.md")


def test_severities_are_calibrated(model: checklist.Checklist) -> None:
    severities = [i.severity for i in model.items()]
    assert severities.count("critical") <= len(severities) // 3
    assert {"critical", "high", "medium", "low"} <= set(severities)


def test_citation_forms() -> None:
    good = ["45 CFR 164.312(a)(2)(iv)", "45 CFR 164.308(a)(1)(ii)(A)", "APA Ethics Code 4.05",
            "ACA Code of Ethics B.1.d", "42 CFR 2.31", "GDPR Art. 33", "UK GDPR Art. 9(2)(h)",
            "45 CFR 164.520", "UK GDPR Art. 15(1A)", "DPA 2018 s.10", "DPA 2018 s.164A", "DPA 2018 Sch. 1 para. 2",
            "SI 2018/480 reg. 2", "45 CFR 171.103"]
    bad = ["HIPAA", "45 CFR 164.312 (a)", "APA 4.05", "ACA B.1.d", "GDPR Article 33", "42 CFR Part 2",
           "DPA 2018 Schedule 1", "Data Protection Act 2018 s.10", "45 CFR Part 171"]
    assert all(coverage.well_formed(c) for c in good)
    assert not any(coverage.well_formed(c) for c in bad)


EVERYTHING = {"staff": True, "paper_records": True, "telehealth": True, "minors": True, "substance_use": False,
              "part2_program": False, "groups": True, "shared_space": True}
HIPAA_WORDS = re.compile(r"\bHIPAA\b|\bHHS\b|\bBAA\b|[Bb]usiness associate|Notice of Privacy Practices"
                         r"|[Pp]sychotherapy notes|\b60 days\b|\bOffice for Civil Rights\b")
IN_THE_US = re.compile(r"\b[Ii]n the US\b|\(US\)|\bUS federal\b")


def sentences(item: checklist.Item) -> list[tuple[str, str]]:
    return [(field, s) for field in ("title", "question", "why", "guidance", "remediation")
            for s in re.split(r"(?<=[.?!])\s+", getattr(item, field))]


@pytest.mark.parametrize("place", ["eu-uk", "other"])
def test_outside_the_us_hipaa_is_never_stated_as_binding(model: checklist.Checklist, place: str) -> None:
    """A UK counsellor is never told that HIPAA protects her notes: US rules appear only as "in the US"."""
    assert HIPAA_WORDS.search("HIPAA gives psychotherapy notes extra protection.")
    assert not IN_THE_US.search("HIPAA gives psychotherapy notes extra protection.")
    items = model.applicable_items({**EVERYTHING, "jurisdiction": place})
    assert len(items) > 50
    for item in items:
        for field, sentence in sentences(item):
            if HIPAA_WORDS.search(sentence):
                assert IN_THE_US.search(sentence), (place, item.id, field, sentence)
        assert not HIPAA_WORDS.search(item.question) or "in the US" in item.question, (place, item.id)


@pytest.mark.parametrize("place", ["eu-uk", "other"])
def test_us_only_items_and_references_stay_in_the_us(model: checklist.Checklist, place: str) -> None:
    shown = {i.id for i in model.applicable_items({**EVERYTHING, "jurisdiction": place})}
    us_only = {"procedural.psychotherapy-notes", "procedural.privacy-notice", "procedural.right-of-access",
               "procedural.business-associates", "procedural.breach-notification"}
    assert not shown & us_only
    assert ("gdpr.process-notes" in shown) == (place == "eu-uk")
    assert ("procedural.safeguarding" in shown) == (place == "eu-uk")
    assert ("procedural.exceptions" in shown) == (place == "other")
    if place == "other":
        assert {"procedural.privacy-information", "procedural.records-access", "procedural.vendor-agreements",
                "procedural.breach-duties"} <= shown


def test_a_us_practice_sees_no_gdpr_item(model: checklist.Checklist) -> None:
    items = model.applicable_items({**EVERYTHING, "substance_use": True, "jurisdiction": "us"})
    assert not [i.id for i in items if i.section_id == "gdpr"]
    profile = {**EVERYTHING, "substance_use": True, "jurisdiction": "us"}
    assert not [i.id for i in items
                if any("GDPR" in r or r.startswith(("DPA ", "SI ")) for r in model.for_practice(i, profile).references)]
    for item in items:
        assert "safeguarding duties" not in item.question, item.id
    other = {i.id for i in model.applicable_items({**EVERYTHING, "jurisdiction": "other"})}
    assert {"procedural.privacy-information", "procedural.breach-duties"} <= other - {i.id for i in items}


def test_risk_of_harm_to_self_is_part_of_the_exceptions(model: checklist.Checklist) -> None:
    for ident in ("procedural.exceptions", "procedural.safeguarding"):
        item = model.item(ident)
        assert item is not None
        assert "suicide" in item.question and "self-harm" in item.question, ident


def test_psychotherapy_notes_name_hipaas_real_exceptions(model: checklist.Checklist) -> None:
    item = model.item("procedural.psychotherapy-notes")
    assert item is not None
    assert item.applies_when and "45 CFR 164.512(j)(1)(i)" in item.references
    for words in ("defending yourself in a legal action", "HHS", "oversight of the notes' author",
                  "serious and imminent threat"):
        assert words in item.guidance, words


def test_part2_as_amended_in_2024(model: checklist.Checklist) -> None:
    question = next(q for q in model.profile if q.id == "substance_use")
    for words in ("receive records", "tax-exempt", "DEA registration that covers controlled substances used to treat"):
        assert words in question.question + " " + question.help, words
    holder = {i.id for i in model.applicable_items({**SOLO, "substance_use": True})}
    program = {i.id for i in model.applicable_items({**SOLO, "substance_use": True, "part2_program": True})}
    assert {"part2.consent-form", "part2.redisclosure-notice", "part2.security-policies", "part2.legal-requests",
            "part2.privacy-notice"} <= holder
    assert program - holder == {"part2.patient-notice", "part2.counseling-notes", "part2.patient-rights",
                                "part2.permitted-disclosures"}
    text = " ".join(f"{i.question} {i.why} {i.guidance} {i.remediation}" for i in model.items() if i.section_id == "part2")
    assert "compliance required since 16 February 2026" in text
    assert "from February 2026" not in text
    for words in ("single consent", "SUD counseling notes", "accounting of disclosures", "to complain",
                  "breach", "civil penalties"):
        assert words in text, words
    cited = {r for i in model.items() for r in i.references}
    assert {"42 CFR 2.25", "42 CFR 2.26", "42 CFR 2.4", "42 CFR 2.11", "42 CFR 2.3"} <= cited


@pytest.mark.parametrize(("telehealth", "most"), [(False, 60), (True, 66)])
def test_a_solo_us_practice_with_paper_in_a_shared_suite_sees_at_most_60_or_66(
        model: checklist.Checklist, telehealth: bool, most: int) -> None:
    """Issue 26's practice: solo, in person, in the US, paper records, a suite shared with other
    businesses; 60 items at most, 66 with telehealth (checklist 2027.2's new items included)."""
    facts = {**SOLO, "shared_space": True, "telehealth": telehealth, "us_state": "OR",
             "hipaa_covered": True, "profession": "counselor"}
    items = model.applicable_items(facts)
    assert len(items) <= most
    assert {"physical.shared-space-access", "physical.paper-records-locked"} <= {i.id for i in items}
    assert ("telehealth.session-security" in {i.id for i in items}) == telehealth


@pytest.mark.parametrize(("place", "paper"), [(p, paper) for p in ("us", "eu-uk", "other") for paper in (True, False)])
def test_a_solo_in_person_practice_anywhere_answers_at_most_60(model: checklist.Checklist, place: str,
                                                               paper: bool) -> None:
    assert len(model.applicable_items({**SOLO, "jurisdiction": place, "paper_records": paper})) <= 60


@pytest.mark.parametrize(("ident", "cited"), [
    ("procedural.legal-requests", {"45 CFR 164.512(e)", "APA Ethics Code 4.05"}),
    ("digital.phishing", {"45 CFR 164.308(a)(5)(ii)(A)"}),
    ("procedural.group-confidentiality", {"APA Ethics Code 10.03", "ACA Code of Ethics B.4.a"}),
    ("procedural.business-associates", {"45 CFR 164.504(e)"}),
    ("procedural.breach-notification", {"45 CFR 164.404(c)", "45 CFR 164.412"}),
    ("procedural.right-of-access", {"45 CFR 164.526", "45 CFR 164.524(a)(3)", "45 CFR 164.524(c)(3)(ii)"}),
    ("procedural.personal-representatives", {"45 CFR 164.502(g)(2)", "45 CFR 164.502(g)(4)"}),
    ("procedural.right-of-access", {"45 CFR 171.103"}),
    ("procedural.risk-management", {"45 CFR 164.306(d)(3)"}),
    ("procedural.stay-current", {"45 CFR 160.203(b)"}),
])
def test_daily_practice_gaps_are_covered_with_their_citations(model: checklist.Checklist, ident: str,
                                                              cited: set[str]) -> None:
    item = model.item(ident)
    assert item is not None, ident
    assert cited <= set(item.references), (ident, cited - set(item.references))


def test_a_solo_practice_sees_phishing_and_is_never_asked_about_everyone_in_the_practice(
        model: checklist.Checklist) -> None:
    solo = model.applicable_items(SOLO)
    assert "digital.phishing" in {i.id for i in solo}
    for item in solo:
        for field, sentence in sentences(item):
            assert "everyone in the practice" not in sentence.lower(), (item.id, field)
            assert not re.search(r"\bminors?\b|telehealth", sentence), (item.id, field, sentence)


def test_group_therapy_items_appear_only_for_practices_that_run_groups(model: checklist.Checklist) -> None:
    assert "procedural.group-confidentiality" not in {i.id for i in model.applicable_items(SOLO)}
    assert "procedural.group-confidentiality" in {i.id for i in model.applicable_items({**SOLO, "groups": True})}


def test_the_weakest_items_were_rewritten(model: checklist.Checklist) -> None:
    policies = model.item("procedural.written-policies")
    assert policies is not None and policies.question.count("?") == 1
    clients = model.item("gdpr.breach-clients")
    assert clients is not None and "Does your incident plan contain the test" in clients.question
    assessment = model.item("procedural.breach-assessment")
    assert assessment is not None and assessment.question.startswith("When something goes wrong")
    updates = model.item("digital.updates-malware")
    assert updates is not None and "Windows 10 stopped receiving free security updates on 14 October 2025" in updates.guidance
    for ident in ("digital.contingency-plan", "digital.record-integrity"):
        item = model.item(ident)
        assert item is not None and item.severity in ("high", "medium") and "requir" in item.why, ident


def test_eu_uk_practice_is_not_addressed_as_a_us_state(model: checklist.Checklist) -> None:
    state = re.compile(r"\byour state's\b|\bin your state\b|\bstate law\b")
    alternative = re.compile(r"\bcountry|\bwhere you practi[cs]e\b")
    us_only = re.compile(r"HIPAA|\bBAA\b|business associate")
    eu_uk = re.compile(r"\bEU\b|\bUK\b")
    assert state.search("Do you know your state's rules on the duty to warn?")
    assert us_only.search("a platform whose provider has signed a business associate agreement")
    profile = {"staff": True, "paper_records": True, "telehealth": True, "minors": True,
               "substance_use": True, "jurisdiction": "eu-uk", "shared_space": True}
    items = [i for i in model.applicable_items(profile) if i.section_id != "part2"]
    assert {"physical", "digital", "procedural", "telehealth", "minors", "gdpr"} <= {i.section_id for i in items}
    for item in items:
        for field in ("question", "why", "guidance", "remediation"):
            for sentence in re.split(r"(?<=[.?!])\s+", getattr(item, field)):
                if state.search(sentence):
                    assert alternative.search(sentence) or IN_THE_US.search(sentence), (item.id, field, sentence)
        if us_only.search(item.question):
            assert eu_uk.search(item.question), (item.id, item.question)


def test_the_previous_version_is_kept_unchanged_for_compare() -> None:
    from privacycheck.files.resources import archived_checklist

    path = archived_checklist(CORE, "2026.1")
    assert path is not None and checklist.validate(path) == []
    assert checklist.load(str(path)).version == "2026.1"
    assert archived_checklist(CORE, "../2026.1") is None and archived_checklist("../x", "2026.1") is None


@pytest.mark.parametrize("place", ["us", "eu-uk", "other"])
def test_each_practice_is_shown_only_the_references_of_its_own_law(model: checklist.Checklist, place: str) -> None:
    profile = {**EVERYTHING, "substance_use": True, "jurisdiction": place}
    us_law = ("45 CFR", "42 CFR")
    eu_uk_law = ("GDPR", "UK GDPR", "DPA 2018", "SI 2018/480")
    for item in model.applicable_items(profile):
        shown = model.for_practice(item, profile).references
        if place != "us":
            assert not [r for r in shown if r.startswith(us_law)], item.id
        if place != "eu-uk":
            assert not [r for r in shown if r.startswith(eu_uk_law)], item.id
        assert set(shown) <= set(item.references)
    every = [r for i in model.applicable_items(profile) for r in model.for_practice(i, profile).references]
    assert any(r.startswith(("APA", "ACA")) for r in every)  # the ethics codes are shown everywhere


def test_a_uk_report_cites_no_us_law() -> None:
    from privacycheck.analysis import scoring
    from privacycheck.model.answers import Answer, new
    from privacycheck.reports.render import render

    model = checklist.load(CORE)
    profile = {**EVERYTHING, "jurisdiction": "eu-uk"}
    review = new("Thames Counselling", CORE, model.version, model.sha256)
    for fact, value in profile.items():
        review = review.with_profile(fact, value)
    for item in model.applicable_items(profile):
        review = review.with_answer(item.id, Answer("no"))
    result = scoring.score(model, review)
    report = json.loads(render(result, "json"))
    cited = [ref for row in report["remediation"] for ref in row["references"]]
    assert cited and not [ref for ref in cited if ref.startswith(("45 CFR", "42 CFR"))]
    assert any(ref.startswith("GDPR Art.") for ref in cited)
    plan = render(result, "csv")  # the spreadsheet a practice manager works from
    assert "45 CFR" not in plan and "GDPR Art." in plan
