"""The README documents every command, its scoring section matches the code, and
docs/json-schema.md names every key of every JSON output."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from privacycheck.analysis.scoring import PER_WEEK, WEIGHT, WINDOWS
from privacycheck.cli import build_parser
from privacycheck.model.record import replace

README = Path(__file__).resolve().parent.parent / "README.md"


def registered_commands() -> list[str]:
    parser = build_parser()
    return list(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


@pytest.mark.skipif(not README.exists(), reason="README.md is not beside the tests (installed sdist?)")
@pytest.mark.parametrize("command", registered_commands())
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"privacycheck {command}" in README.read_text()


@pytest.mark.skipif(not README.exists(), reason="README.md is not beside the tests")
def test_readme_scoring_matches_the_code() -> None:
    text = README.read_text()
    weights = ", ".join(f"{k} {v}" for k, v in WEIGHT.items())
    assert f"Weights by severity: {weights}." in text
    said = " ".join(text.split())
    assert (f"at most {PER_WEEK[False]} fall due in any one week for a practice of one "
            f"({PER_WEEK[True]} with staff)") in said
    assert (f"week {WINDOWS['critical']} for critical actions, week {WINDOWS['high']} for high, "
            f"week {WINDOWS['medium']} for medium and week {WINDOWS['low']} for low") in said


# ---------------------------------------------------------------- every JSON output is documented

JSON_SCHEMA = README.parent / "docs" / "json-schema.md"
# Objects whose keys are data (profile fact ids, rating names, choices), not schema keys.
DATA_MAPS = {"profile", "ratings", "labels", "states"}  # keyed by data (a state's code), not by schema


def schema_section(command: str) -> str:
    """The part of docs/json-schema.md whose heading names `command`."""
    parts = re.split(r"^# ", JSON_SCHEMA.read_text(), flags=re.MULTILINE)
    found = [p for p in parts if p.splitlines()[0:1] and f"`{command}" in p.splitlines()[0]]
    assert len(found) == 1, f"docs/json-schema.md: no single section headed `{command} ...`"
    return found[0]


def documented_keys(section: str) -> set[str]:
    """The names in the first column of the section's key table (`sections[]` -> sections)."""
    keys: set[str] = set()
    for line in section.splitlines():
        cells = line.split("|")
        if line.startswith("|") and len(cells) > 2 and cells[1].strip() not in ("key", "---"):
            keys.update(name.removesuffix("[]") for name in re.findall(r"`([^`]+)`", cells[1]))
    return keys


def nested_keys(value: Any, top: bool = True) -> set[str]:
    """Keys of the objects inside the output (in arrays or objects), below the top level."""
    keys: set[str] = set()
    if isinstance(value, list):
        for element in value:
            keys |= nested_keys(element, top=False)
    elif isinstance(value, dict):
        for key, inner in value.items():
            if not top:
                keys.add(key)
            if not (key in DATA_MAPS and isinstance(inner, dict)):
                keys |= nested_keys(inner, top=False)
    return keys


@pytest.fixture(scope="module")
def real_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo practice's review, an earlier review of it, a broken file, and a trainee's answers."""
    from privacycheck.model import answers, checklist
    from privacycheck.model.answers import Answer, Assessment
    from privacycheck.training import demo, scenario

    folder = tmp_path_factory.mktemp("json-docs")
    model = checklist.load("therapy-practice")
    new = demo.assessment(model)
    earlier = {k: Answer(status="no" if a.status == "yes" and n % 3 == 0 else a.status)
               for n, (k, a) in enumerate(new.answers.items())}
    old = replace(new, answers=earlier, started=new.started - dt.timedelta(days=365),
                              updated=new.updated - dt.timedelta(days=365))
    files = {"new": folder / "new.toml", "old": folder / "old.toml", "broken": folder / "broken.toml",
             "trainee": folder / "trainee.toml"}
    answers.save(new, files["new"])
    answers.save(old, files["old"])
    files["older"] = folder / "older.toml"
    answers.save(replace(old, started=old.started - dt.timedelta(days=365),
                                     updated=old.updated - dt.timedelta(days=365)), files["older"])
    files["done"] = folder / "done.toml"  # the review with one action done since
    first = next(k for k, a in new.answers.items() if a.status == "no")
    done = new.answers[first].with_status("yes", new.updated.date() + dt.timedelta(days=1))
    answers.save(new.with_answer(first, done, now=new.updated), files["done"])
    files["broken"].write_text("[assessment\n")
    exercise = scenario.load("solo-paper")
    flip = {"yes": "no", "no": "yes", "partial": "unknown", "na": "yes"}
    given = {item.id: Answer(status=flip[exercise.model[item.id].status] if n % 4 == 0
                             else exercise.model[item.id].status)
             for n, item in enumerate(exercise.items()) if n != 1}
    answers.save(Assessment(practice=exercise.practice, assessor="A. Trainee",
                            checklist=exercise.checklist.reference, started=new.started,
                            updated=new.updated, checklist_version=exercise.checklist.version,
                            kind="training", scenario=exercise.id, profile=exercise.profile,
                            answers=given), files["trainee"])
    return files


JSON_COMMANDS = {
    "privacycheck report": (["report", "{new}", "-f", "json"], 0),
    "privacycheck compare OLD.toml NEW.toml": (["compare", "{old}", "{new}", "-f", "json"], 0),
    "privacycheck compare A.toml B.toml C.toml": (["compare", "{older}", "{old}", "{new}", "-f", "json"], 0),
    "privacycheck plan": (["plan", "{done}", "-f", "json"], 0),
    "privacycheck portfolio": (["portfolio", "{old}", "{new}", "{broken}", "--every-review",
                                "-f", "json"], 2),
    "privacycheck train grade": (["train", "grade", "solo-paper", "{trainee}", "{broken}",
                                  "-f", "json"], 2),
    "privacycheck train key": (["train", "key", "solo-paper", "-f", "json"], 0),
    "privacycheck checklists show": (["checklists", "show", "therapy-practice", "--json"], 0),
    "privacycheck checklists states": (["checklists", "states", "--json"], 0),
}


@pytest.mark.skipif(not JSON_SCHEMA.exists(), reason="docs/json-schema.md is not beside the tests")
@pytest.mark.parametrize("command", JSON_COMMANDS)
def test_every_json_key_is_documented(command: str, real_files: dict[str, Path],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    from privacycheck.cli import main

    argv, code = JSON_COMMANDS[command]
    assert main([arg.format(**{k: str(v) for k, v in real_files.items()}) for arg in argv]) == code
    data = json.loads(capsys.readouterr().out)
    section = schema_section(command)
    documented = documented_keys(section)
    assert set(data) - documented == set(), f"{command}: keys missing from docs/json-schema.md"
    assert documented - set(data) == set(), f"{command}: docs/json-schema.md names keys it does not emit"
    undocumented = {key for key in nested_keys(data) if f"`{key}`" not in section
                    and f"`{key}[]`" not in section}
    assert undocumented == set(), f"{command}: nested keys missing from docs/json-schema.md"


@pytest.mark.skipif(not README.exists(), reason="README.md is not beside the tests")
def test_the_readme_says_how_the_layers_fit_together() -> None:
    """The README's "How it fits together" names every subpackage, lowest first as they are
    layered (tests/test_layering.py), so a newcomer reads the architecture there."""
    from test_layering import LAYERS

    text = README.read_text(encoding="utf-8")
    section = text.split("## How it fits together", 1)[1].split("\n## ", 1)[0]
    for layer in LAYERS[1:-1]:
        assert f"`{layer}/`" in section or f"`privacycheck/{layer}/`" in section, layer
    order = [section.index(f"{layer}/`") for layer in LAYERS[1:-1]]
    assert order == sorted(order)
    assert "`files/`" in section and "`cli.py`" in section
