"""Shared fixtures: small checklists and answers files written into tmp_path."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

# The day every test runs on (privacycheck.files.clock reads it from PRIVACYCHECK_TODAY, and so do
# the installed command's runs in a pseudo-terminal): the suite gives the same result on any day.
# Fixtures with dates are written relative to the reviews of 24 November 2026 below.
TODAY = dt.date(2026, 12, 3)

MINI_CHECKLIST = textwrap.dedent('''
    [checklist]
    id = "mini"
    title = "Mini checklist"
    version = "1.0"
    description = "A small checklist for tests."

    [[profile]]
    id = "staff"
    question = "Does anyone else work in the practice?"
    type = "bool"

    [[profile]]
    id = "jurisdiction"
    question = "Where is the practice?"
    type = "choice"
    choices = ["us", "eu-uk", "other"]

    [[profile]]
    id = "clinicians"
    question = "How many clinicians?"
    type = "int"

    [[sections]]
    id = "physical"
    title = "Physical safeguards"

    [[sections.items]]
    id = "physical.sound"
    question = "Can sessions be overheard?"
    why = "Overheard sessions expose clients."
    guidance = "Sound masking and solid doors."
    remediation = "Add a white-noise machine outside the door."
    severity = "critical"
    effort = "low"
    references = ["45 CFR 164.530(c)"]

    [[sections.items]]
    id = "physical.locks"
    question = "Are paper files locked away?"
    why = "Unlocked files can be read by anyone."
    guidance = "A locked cabinet."
    remediation = "Buy a locking cabinet."
    severity = "high"
    effort = "medium"
    references = ["45 CFR 164.310(a)(1)"]

    [[sections.items]]
    id = "physical.badge"
    question = "Do staff wear badges?"
    why = "Strangers stand out."
    guidance = "Badges for all staff."
    remediation = "Issue badges."
    severity = "low"
    effort = "low"
    references = []
    applies_when = { staff = true }

    [[sections]]
    id = "digital"
    title = "Digital safeguards"

    [[sections.items]]
    id = "digital.encryption"
    question = "Are laptops encrypted?"
    why = "A lost laptop is a breach otherwise."
    guidance = "Full-disk encryption."
    remediation = "Turn on FileVault or BitLocker."
    severity = "critical"
    effort = "low"
    references = ["45 CFR 164.312(a)(2)(iv)"]

    [[sections.items]]
    id = "digital.updates"
    question = "Are updates installed?"
    why = "Old software has known holes."
    guidance = "Automatic updates on."
    remediation = "Turn on automatic updates."
    severity = "medium"
    effort = "low"
    references = []

    [[sections.items]]
    id = "digital.group-review"
    question = "Do clinicians review access logs?"
    why = "Misuse shows in logs."
    guidance = "Monthly review."
    remediation = "Review logs monthly."
    severity = "medium"
    effort = "high"
    applies_when = { clinicians = { ">=" = 2 } }

    [[sections]]
    id = "gdpr"
    title = "GDPR"
    applies_when = { jurisdiction = ["eu-uk"] }

    [[sections.items]]
    id = "gdpr.records"
    question = "Do you keep records of processing?"
    why = "Required."
    guidance = "A register."
    remediation = "Write one."
    severity = "high"
    effort = "medium"
    references = ["GDPR Art. 30"]
''')


# A training scenario over MINI_CHECKLIST (written beside it as mini.toml).
TINY_SCENARIO = textwrap.dedent('''
    [scenario]
    id = "tiny-solo"
    title = "A tiny solo practice"
    checklist = "mini.toml"
    practice = "Birch Room Therapy (fictional)"
    size = "solo"
    setting = "one room in a shared building"
    vignette = """Dr. Oak sees clients in one room. A white-noise machine hums outside the door.
    Her laptop has no password and no encryption. Paper notes sit in an open tray."""
    debrief = "Encryption and locked storage matter most here."

    [profile]
    staff = false
    jurisdiction = "us"
    clinicians = 1

    [model."physical.sound"]
    status = "yes"
    rationale = "White noise outside a closed door."

    [model."physical.locks"]
    status = "no"
    rationale = "Notes sit in an open tray."

    [model."digital.encryption"]
    status = "no"
    rationale = "No encryption on the laptop."

    [model."digital.updates"]
    status = "partial"
    rationale = "Updates are installed when she remembers."
''')


def answers_toml(statuses: dict[str, str], profile: str = 'staff = false\njurisdiction = "us"\nclinicians = 1',
                 checklist: str = "mini.toml", extra: str = "") -> str:
    rows = "".join(f'\n[answers."{k}"]\nstatus = "{v}"\n' for k, v in statuses.items())
    return (
        '[assessment]\npractice = "Test Practice"\nassessor = "Tester"\n'
        'started = 2026-11-24T10:00:00Z\nupdated = 2026-11-24T11:00:00Z\n'
        f'checklist = "{checklist}"\nchecklist_version = "1.0"\n{extra}\n'
        f'[profile]\n{profile}\n{rows}'
    )


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    path = tmp_path / "mini.toml"
    path.write_text(MINI_CHECKLIST)
    return path


@pytest.fixture
def write_answers(tmp_path: Path, mini: Path) -> Callable[..., Path]:
    def write(statuses: dict[str, str], name: str = "answers.toml", **kw: str) -> Path:
        path = tmp_path / name
        path.write_text(answers_toml(statuses, **kw))
        return path

    return write


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The suite's own cache folder (privacycheck.files.cache), not the user's ~/.cache."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    os.environ.pop("PRIVACYCHECK_NO_CACHE", None)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRIVACYCHECK_TODAY", TODAY.isoformat())


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    os.umask(0o022)
