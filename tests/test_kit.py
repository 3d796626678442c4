"""`privacycheck kit`: the starter documents, filled in from a review, for every bundled
scenario and the demo; private files; never written over without --force; linked from the plan."""

from __future__ import annotations

import datetime as dt
import re
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from privacycheck.analysis import kit, scoring
from privacycheck.analysis.scoring import Result
from privacycheck.cli import main
from privacycheck.model import answers, checklist
from privacycheck.model.answers import Answer, Assessment, InventoryEntry
from privacycheck.model.record import replace
from privacycheck.reports.kit_render import render_document
from privacycheck.reports.render import render
from privacycheck.training import demo
from privacycheck.training.scenario import bundled_scenarios
from privacycheck.training.scenario import load as load_scenario

MOMENT = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)
# Wording that binds a practice to US law; an EU/UK or "other" practice's kit has none of it.
HIPAA_WORDING = re.compile(r"HIPAA|45 CFR|42 CFR|\bHHS\b|business associate|covered entit|"
                           r"protected health information|\bPHI\b|Notice of Privacy Practices",
                           re.IGNORECASE)
BLANK = re.compile(r"\[to fill: ([^\]]*)\]")


@pytest.fixture(scope="module")
def model() -> checklist.Checklist:
    return checklist.load("therapy-practice")


def scenario_review(name: str, **profile: object) -> Result:
    """A bundled scenario's practice, answered as its model answers say."""
    s = load_scenario(name)
    assessment = Assessment(
        practice=s.practice, checklist=s.checklist.reference, started=MOMENT, updated=MOMENT,
        assessor="", profile={**s.profile, **profile},  # type: ignore[dict-item]
        answers={item_id: Answer(status=m.status) for item_id, m in s.model.items()})
    return scoring.score(s.checklist, assessment)


def demo_review(model: checklist.Checklist, **changes: object) -> Result:
    return scoring.score(model, replace(demo.assessment(model), **changes))  # type: ignore[arg-type]


REVIEWS: dict[str, Callable[[checklist.Checklist], Result]] = {
    **{name: (lambda m, n=name: scenario_review(n)) for name in bundled_scenarios()},
    "demo": demo_review,
}


def every_document(result: Result, fmt: str = "md") -> dict[str, str]:
    return {doc.name: render_document(result, doc, fmt) for doc in kit.needed(result, every=True)}


def text_without_item_titles(result: Result, text: str) -> str:
    """The kit's own words: the checklist text it quotes (item titles and remediation, shown
    by the checklist itself, which qualifies its US references) taken out."""
    for item in result.checklist.items():
        text = text.replace(item.title, "").replace(item.remediation, "")
    return text


@pytest.mark.parametrize("review", sorted(REVIEWS))
def test_every_document_renders_for_every_scenario_and_the_demo(
        review: str, model: checklist.Checklist) -> None:
    result = REVIEWS[review](model)
    documents = every_document(result)
    staff = result.assessment.profile.get("staff") is True
    assert ("training-sanctions-record" in documents) == staff
    assert len(documents) == len(kit.DOCUMENTS) - (0 if staff else 1)
    for name, text in documents.items():
        doc = kit.document(name)
        assert doc is not None
        assert text.startswith(f"# {doc.title(result.assessment.profile)}\n")
        assert result.assessment.practice in text
        assert "{{" not in text and "{%" not in text and "Undefined" not in text
        glued = re.search(r"[a-z)]\.[A-Z][a-z]|[a-z]\([a-z]{2}", text)  # a lost space or line break
        assert not glued, (name, text[glued.start() - 40:glued.end() + 40])
        top, _, rest = text.partition("## Checklist items this document helps close")
        listed = top.split("## What to fill in", 1)[1]
        for gap in BLANK.findall(rest):  # every blank in the document is listed at the top
            assert f"- {gap[0].upper()}{gap[1:]}\n" in listed, (name, gap)
        for item in kit.items_of(doc, result.checklist, result.assessment.profile):
            assert item.title in text  # each document lists the items it helps close, by their titles
        html = render_document(result, doc, "html")
        assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
        assert '<mark class="blank">[to fill:' in html or not BLANK.search(rest)
        assert "<script" not in html and "http" not in html.replace("http-equiv", "")


@pytest.mark.parametrize("review", sorted(REVIEWS))
@pytest.mark.parametrize("place", ["eu-uk", "other"])
def test_no_hipaa_wording_in_a_kit_outside_the_us(review: str, place: str,
                                                  model: checklist.Checklist) -> None:
    base = REVIEWS[review](model)
    result = scoring.score(base.checklist, replace(
        base.assessment, profile={**base.assessment.profile, "jurisdiction": place,
                                  "substance_use": False}))
    for name, text in every_document(result).items():
        found = HIPAA_WORDING.findall(text_without_item_titles(result, text))
        assert not found, (name, found)


def test_us_and_eu_uk_kits_carry_their_own_law(model: checklist.Checklist) -> None:
    us = every_document(demo_review(model))
    assert "risk assessment worksheet (45 CFR 164.402(2))" in us["breach-response-plan"]
    assert "60 calendar days" in us["breach-response-plan"]
    assert "six years" in us["policies"] and "45 CFR 164.316(b)(2)(i)" in us["policies"]
    uk = every_document(scenario_review("uk-solo-online"))
    plan = uk["breach-response-plan"]
    assert "72 hours" in plan and "GDPR Art. 33(1)" in plan and "GDPR Art. 34(1)" in plan
    assert "Information Commissioner's Office" in plan
    assert "Vendor and processor inventory" in uk["vendor-inventory"]
    part2 = every_document(demo_review(model, profile={**demo.PROFILE, "substance_use": True}))
    assert "(42 CFR 2.22)" in part2["informed-consent-confidentiality"]
    assert "(42 CFR 2.16)" in part2["policies"] and "42 CFR" not in us["policies"]
    elsewhere = every_document(demo_review(model, profile={**demo.PROFILE, "jurisdiction": "other"}))
    assert "what the law where you practise requires after a breach" in elsewhere["breach-response-plan"]


def test_documents_are_filled_in_from_the_answers_file(model: checklist.Checklist) -> None:
    inventory = (
        InventoryEntry("SimplePractice", "records", "SimplePractice LLC", "yes", "yes", "Notes and billing"),
        InventoryEntry("Front-desk PC", "computer", "", "na", "no"),
        InventoryEntry("Office email", "email", "Mailco", "no", "unknown"),
        InventoryEntry("Blue drive", "backup", "", "na", "yes", "Kept at home"),
        InventoryEntry("Cloud backup", "backup", "Backupco", "yes", "yes"),
    )
    result = demo_review(model, inventory=inventory, assessor="Sam Lee")
    docs = every_document(result)
    assert "Person responsible for this plan: Sam Lee." in docs["breach-response-plan"]
    vendors = docs["vendor-inventory"]
    assert "| SimplePractice LLC | SimplePractice (Record system or EHR) | Signed |" in vendors
    assert "- Mailco (Office email): not signed." in vendors
    assert "| Front-desk PC | Computer |  | No |" in docs["device-inventory"]
    assert "encryption is not recorded as on for\nFront-desk PC.\n\nTurn on" in docs["device-inventory"]
    assert ("- Blue drive; encrypted: Yes; Kept at home\n- Cloud backup (Backupco); encrypted: Yes\n"
            in docs["contingency-plan"])
    assert "Your records are kept in SimplePractice and in a locked cabinet," in docs["informed-consent-confidentiality"]
    assert "Sessions by video or phone" in docs["informed-consent-confidentiality"]  # telehealth
    assert "Young clients" not in docs["informed-consent-confidentiality"]  # no minors
    open_item = next(r for r in result.items if r.item.id == "procedural.responsible-official")
    assert open_item.open and open_item.item.remediation in docs["policies"]


def test_text_from_the_answers_file_cannot_inject_markup(model: checklist.Checklist) -> None:
    hostile = "<script>alert(1)</script> [click](http://evil.example) | **x**"
    inventory = (InventoryEntry(hostile, "records", hostile, "unknown", "unknown", hostile),)
    result = demo_review(model, inventory=inventory, practice=hostile, assessor=hostile)
    for doc in kit.needed(result, every=True):
        text = render_document(result, doc, "md")
        assert "<script>" not in text and "[click](" not in text and "\\[click\\]" in text
        html = render_document(result, doc, "html")
        assert "<script>" not in html and "evil.example\"" not in html and "<strong>x</strong>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_document_for_names_the_document_an_action_starts_from() -> None:
    us = {"jurisdiction": "us", "staff": True}
    assert kit.document_for("procedural.breach-assessment", us) == (
        "breach-response-plan.md", "Incident and breach response plan")
    assert kit.document_for("procedural.incident-response", us)[0] == "breach-response-plan.md"  # type: ignore[index]
    assert kit.document_for("gdpr.processors", {"jurisdiction": "eu-uk"}) == (
        "vendor-inventory.md", "Vendor and processor inventory")
    assert kit.document_for("procedural.sanctions", us)[0] == "training-sanctions-record.md"  # type: ignore[index]
    assert kit.document_for("procedural.sanctions", {"staff": False}) is None
    assert kit.document_for("physical.sound-privacy", us) is None
    assert kit.document_for("no.such-item", us) is None


def test_every_kit_item_id_is_in_the_bundled_checklist(model: checklist.Checklist) -> None:
    known = {item.id for item in model.items()}
    for doc in kit.DOCUMENTS:
        assert set(doc.items) <= known, (doc.name, set(doc.items) - known)


def test_the_plan_names_the_kit_document_in_every_report(model: checklist.Checklist) -> None:
    result = demo_review(model)
    linked = [a for a in result.plan if kit.document_for(a.result.item.id, result.assessment.profile)]
    assert linked
    first = kit.document_for(linked[0].result.item.id, result.assessment.profile)
    assert first is not None
    line = f"Starter document: {first[1]}"  # by its title, whichever format the kit is in
    assert line in render(result, "md") and line in render(result, "html")
    assert f"{line} (privacycheck kit)" in render(result, "txt", width=100)  # the terminal may name the command
    import json

    rows = json.loads(render(result, "json"))["remediation"]
    assert {r["kit_document"] for r in rows} >= {first[0], None}
    assert {r["kit_title"] for r in rows} >= {first[1], None}


# ---------------------------------------------------------------- the command


@pytest.fixture
def demo_file(tmp_path: Path, model: checklist.Checklist) -> Path:
    path = tmp_path / "answers.toml"
    answers.save(demo.assessment(model), path)
    return path


def test_kit_writes_the_documents_the_open_actions_call_for(
        demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "kit"
    assert main(["kit", str(demo_file), "-o", str(out)]) == 0
    result = scoring.score(checklist.load("therapy-practice"), answers.load(demo_file))
    expected = {f"{d.name}.md" for d in kit.needed(result)}
    assert {p.name for p in out.iterdir()} == expected
    written = {d.name for d in kit.needed(result)}
    for doc in kit.needed(result):  # no document points to one the kit did not write (issue 28)
        assert set(doc.refers) <= written, doc.name
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in out.iterdir())
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert "each lists what to fill in at the top" in capsys.readouterr().out
    policies = (out / "policies.md").read_text()  # links to the documents beside it, by their titles
    assert "[Device and system inventory](device-inventory.md)" in policies
    assert "[Incident and breach response plan](breach-response-plan.md)" in policies
    assert ".md" not in re.sub(r"\]\([a-z-]+\.md\)", "]", policies)  # a file name only as a link's target


def test_a_review_that_calls_for_one_document_gets_it_and_those_it_points_to(model: checklist.Checklist) -> None:
    review = demo.assessment(model)
    only = {k: (a if k == "procedural.disclosure-log" else replace(a, status="yes"))
            for k, a in review.answers.items()}
    only["procedural.disclosure-log"] = replace(review.answers.get(
        "procedural.disclosure-log") or answers.Answer("no"), status="no")
    result = scoring.score(model, replace(review, answers=only))
    assert [d.name for d in kit.needed(result)] == ["breach-response-plan", "incident-disclosure-log"]


def test_an_existing_kit_folder_is_never_written_over_without_force(
        demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "kit"
    out.mkdir()
    (out / "policies.md").write_text("my finished policies")
    assert main(["kit", str(demo_file), "-o", str(out), "--all"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "use --force" in err
    assert [p.name for p in out.iterdir()] == ["policies.md"]
    assert (out / "policies.md").read_text() == "my finished policies"
    assert main(["kit", str(demo_file), "-o", str(out), "--all", "--force", "-f", "html"]) == 0
    assert (out / "policies.md").read_text() == "my finished policies"  # html written beside it
    assert len(list(out.glob("*.html"))) == len(kit.DOCUMENTS)


def test_a_bad_answers_file_is_one_line_and_nothing_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[assessment]\npractice = "X"\nchecklist = "therapy-practice"\nstarted = 2026-11-24\n'
                   '[answers."digital.backup"]\nstatus = "maybe"\n')
    out = tmp_path / "kit"
    assert main(["kit", str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.toml" in err and "maybe" in err
    assert not out.exists()


def test_a_broken_template_writes_nothing(demo_file: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    templates = tmp_path / "brand" / "kit"
    templates.mkdir(parents=True)
    (templates / "policies.md.j2").write_text("{{ no_such_name }}")
    out = tmp_path / "kit"
    assert main(["kit", str(demo_file), "-o", str(out), "--templates", str(templates.parent)]) == 2
    assert "policies.md.j2" in capsys.readouterr().err
    assert not out.exists()


def test_templates_folder_overrides_a_kit_document(demo_file: Path, tmp_path: Path) -> None:
    templates = tmp_path / "brand" / "kit"
    templates.mkdir(parents=True)
    (templates / "policies.md.j2").write_text(
        '{% extends "kit/layout.md.j2" %}{% block body %}Our firm\'s policies: {{ blank("a date") }}{% endblock %}')
    out = tmp_path / "kit"
    assert main(["kit", str(demo_file), "-o", str(out), "--templates", str(templates.parent)]) == 0
    text = (out / "policies.md").read_text()
    assert "Our firm's policies: [to fill: a date]" in text and "- A date\n" in text
    assert "## Restore test" in (out / "contingency-plan.md").read_text()  # the bundled one


def test_a_practice_with_nothing_open_gets_no_kit_unless_all(
        tmp_path: Path, model: checklist.Checklist, capsys: pytest.CaptureFixture[str]) -> None:
    example = demo.assessment(model)
    done = replace(example, answers={k: Answer(status="yes") for k in example.answers})
    path = tmp_path / "answers.toml"
    answers.save(done, path)
    assert main(["kit", str(path), "-o", str(tmp_path / "kit")]) == 0
    assert "no open action calls for a kit document" in capsys.readouterr().out
    assert not (tmp_path / "kit").exists()
    assert main(["kit", str(path), "-o", str(tmp_path / "kit"), "--all"]) == 0
    assert (tmp_path / "kit" / "policies.md").exists()


def test_a_checklist_without_the_kit_items_still_gets_a_kit(
        write_answers: Callable[..., Path], tmp_path: Path) -> None:
    path = write_answers({"physical.sound": "no"})
    assert main(["kit", str(path), "-o", str(tmp_path / "kit"), "--all"]) == 0
    text = (tmp_path / "kit" / "breach-response-plan.md").read_text()
    assert "None of the checklist items this document serves applies" in text


def test_the_output_folder_must_be_a_folder(demo_file: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kit", str(demo_file), "-o", str(demo_file), "--all"]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_a_review_without_an_assessor_leaves_the_person_responsible_to_fill(
        model: checklist.Checklist) -> None:
    docs = every_document(demo_review(model, assessor=""))
    gap = "- The name of the person responsible for privacy and security\n"
    assert gap in docs["breach-response-plan"]
    assert "Person responsible for this plan: [to fill: the name of the person responsible" in docs["breach-response-plan"]
    assert gap not in docs["informed-consent-confidentiality"]  # it never names the person


def test_control_characters_in_the_practice_name_never_reach_the_terminal(
        tmp_path: Path, model: checklist.Checklist, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "answers.toml"
    answers.save(replace(demo.assessment(model), practice="Evil\x1b]0;pwned\x07 Practice"), path)
    assert main(["kit", str(path), "-o", str(tmp_path / "kit")]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "Practice" in out
    assert not any("\x1b" in p.read_text() for p in (tmp_path / "kit").iterdir())


def test_kit_as_pdf_prints_every_document(demo_file: Path, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    out = tmp_path / "kit"
    assert main(["kit", str(demo_file), "-o", str(out), "-f", "pdf", "--paper", "a4"]) == 0
    pdfs = sorted(out.iterdir())
    assert pdfs and all(p.suffix == ".pdf" and p.read_bytes().startswith(b"%PDF") for p in pdfs)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in pdfs)


def test_kit_as_pdf_without_weasyprint_is_one_line_and_writes_nothing(
        demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint now fails
    out = tmp_path / "kit"
    assert main(["kit", str(demo_file), "-o", str(out), "-f", "pdf"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'privacycheck[pdf]'" in err
    assert not out.exists()


def test_kit_documents_print_in_upright_type(tmp_path: Path) -> None:
    """Issue 28: the report's note of a starter document is in italics, not the kit's own pages
    (a rule for `.kit` alone also matched the kit page's <main class="kit">)."""
    import re

    from privacycheck.cli import main

    assert main(["demo", "-o", str(tmp_path / "demo")]) == 0
    assert main(["kit", str(tmp_path / "demo" / "answers.toml"), "--all", "-f", "html",
                 "-o", str(tmp_path / "kit")]) == 0
    pages = sorted((tmp_path / "kit").rglob("*.html"))
    kit_pages = [p for p in pages if '<main class="kit">' in p.read_text()]
    assert kit_pages, pages
    for page in kit_pages:
        css = "\n".join(re.findall(r"<style[^>]*>(.*?)</style>", page.read_text(), re.DOTALL))
        for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
            if "italic" in body:
                for selector in selectors.split(","):
                    assert not re.fullmatch(r"\s*(main)?\.kit\s*", selector), (page.name, selector)


def test_the_consent_forms_signature_rows_say_who_signs(model: checklist.Checklist) -> None:
    """Issue 28: each signature row is labelled (client, parent for a minor, therapist), with room
    for the name, the signature and the date."""
    from privacycheck.reports.kit_render import render_document

    result = demo_review(model)
    doc = kit.document("informed-consent-confidentiality")
    assert doc is not None
    text = render_document(result, doc, "md")
    assert "| Who signs | Name | Signature | Date |" in text
    assert "| Client | | | |" in text and "| Therapist | | | |" in text
    assert ("| Parent or guardian (for a client under 18) | | | |" in text) == (
        result.assessment.profile.get("minors") is True)
