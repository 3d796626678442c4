"""`privacycheck demo`: a newcomer sees every output in seconds, from any folder."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from test_cli import cli

from privacycheck.analysis import scoring
from privacycheck.model import answers, checklist
from privacycheck.training import demo


def test_demo_writes_answers_and_every_report(tmp_path: Path) -> None:
    done = cli("demo", "-o", "out", cwd=tmp_path)  # run from a folder outside the checkout
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    from privacycheck.reports.render import FORMATS

    names = sorted(p.name for p in out.iterdir())
    from privacycheck.model import checklist

    risk = ["risk-analysis.html", "risk-analysis.md"] if checklist.load("therapy-practice").threats else []
    assert names == sorted(["answers.toml", "kit", *(f"report.{fmt}" for fmt in FORMATS), *risk])
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in out.iterdir() if p.is_file())
    kit = sorted(p.name for p in (out / "kit").iterdir())
    assert "breach-response-plan.md" in kit and all(name.endswith(".md") for name in kit)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in (out / "kit").iterdir())
    data = json.loads((out / "report.json").read_text())
    assert data["practice"] == demo.PRACTICE
    assert f"score {data['score']:.1f}, rating {data['rating']}" in done.stdout
    again = cli("report", str(out / "answers.toml"), "-f", "json")
    assert json.loads(again.stdout)["score"] == data["score"]


def test_demo_is_a_realistic_mix_of_answers(tmp_path: Path) -> None:
    model = checklist.load("therapy-practice")
    example = demo.assessment(model)
    result = scoring.score(model, example)
    statuses = {a.status for a in example.answers.values()}
    assert {"yes", "partial", "no", "unknown"} <= statuses
    assert not result.incomplete and result.critical_gaps
    assert 40 <= (result.score or 0) <= 90
    answers.save(example, tmp_path / "a.toml")
    assert answers.load(tmp_path / "a.toml") == example


def test_bundled_data_is_found_from_any_folder(tmp_path: Path) -> None:
    done = cli("checklists", "list", cwd=tmp_path)
    assert done.returncode == 0 and "therapy-practice" in done.stdout


def test_demo_notes_are_specific_to_each_item() -> None:
    model = checklist.load("therapy-practice")
    example = demo.assessment(model)
    open_items = [i for i, a in example.answers.items() if a.status != "yes"]
    notes = [example.answers[i].note for i in open_items]
    assert all(notes), [i for i in open_items if not example.answers[i].note]  # every gap explained
    assert len(set(notes)) == len(notes), "no note is pasted onto two items"
    assert set(demo.NOTES) <= {i.id for i in model.items()}, "notes name real items"
    evidence = [a.evidence for a in example.answers.values() if a.evidence]
    assert evidence and len(set(evidence)) == len(evidence)
