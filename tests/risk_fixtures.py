"""A small checklist with a threat catalog, and answers files for it, for the risk tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

RISK_CHECKLIST = textwrap.dedent('''
    [checklist]
    id = "mini-risk"
    title = "Mini checklist with threats"
    version = "1.0"
    description = "A small checklist with a threat catalog, for tests."

    [[profile]]
    id = "paper_records"
    question = "Do you keep paper records?"
    type = "bool"

    [[profile]]
    id = "telehealth"
    question = "Do you offer telehealth?"
    type = "bool"

    [[profile]]
    id = "jurisdiction"
    question = "Where is the practice?"
    type = "choice"
    choices = ["us", "eu-uk", "other"]

    [[threats]]
    id = "overheard"
    title = "Overheard session"
    description = "Someone hears what a client says."

    [[threats]]
    id = "paper-access"
    title = "Unauthorized access to paper records"

    [[threats]]
    id = "lost-device"
    title = "Lost or stolen device"

    [[threats]]
    id = "ransomware"
    title = "Ransomware"

    [[threats]]
    id = "vendor-breach"
    title = "Breach at a vendor"

    [[sections]]
    id = "physical"
    title = "Physical safeguards"

    [[sections.items]]
    id = "physical.sound"
    title = "Sessions cannot be overheard"
    question = "Can sessions be overheard?"
    why = "Overheard sessions expose clients."
    guidance = "Sound masking and solid doors."
    remediation = "Add a white-noise machine outside the door."
    severity = "critical"
    effort = "low"
    threats = ["overheard"]
    likelihood = "medium"
    impact = "high"

    [[sections.items]]
    id = "physical.locks"
    title = "Paper files locked away"
    question = "Are paper files locked away?"
    why = "Unlocked files can be read by anyone."
    guidance = "A locked cabinet."
    remediation = "Buy a locking cabinet."
    severity = "high"
    effort = "medium"
    applies_when = { paper_records = true }
    threats = ["paper-access"]
    likelihood = "medium"
    impact = "medium"

    [[sections]]
    id = "digital"
    title = "Digital safeguards"

    [[sections.items]]
    id = "digital.encryption"
    title = "Laptops encrypted"
    question = "Are laptops encrypted?"
    why = "A lost laptop is a breach otherwise."
    guidance = "Full-disk encryption."
    remediation = "Turn on FileVault or BitLocker."
    severity = "critical"
    effort = "low"
    threats = ["lost-device"]
    likelihood = "medium"
    impact = "high"
    addressable = "45 CFR 164.312(a)(2)(iv)"

    [[sections.items]]
    id = "digital.backup"
    title = "Backups kept apart"
    question = "Are records backed up where ransomware cannot reach them?"
    why = "Ransomware encrypts what it can reach."
    guidance = "An offline or versioned backup, tested."
    remediation = "Set up a versioned backup and test a restore."
    severity = "high"
    effort = "medium"
    threats = ["ransomware", "lost-device"]
    likelihood = "low"
    impact = "high"

    [[sections.items]]
    id = "digital.platform"
    title = "Telehealth platform under a BAA"
    question = "Does your telehealth platform sign a business associate agreement?"
    why = "The vendor holds session data."
    guidance = "A signed BAA."
    remediation = "Ask the vendor for a BAA or change platform."
    severity = "high"
    effort = "low"
    applies_when = { telehealth = true }
    threats = ["vendor-breach"]
    likelihood = "low"
    impact = "high"
''')

HEAD = textwrap.dedent('''
    [assessment]
    practice = "Riverside Counselling"
    assessor = "Sam Lee"
    started = 2026-11-24T10:02:00Z
    updated = 2026-11-24T10:41:00Z
    checklist = "mini-risk.toml"
''')


def write_checklist(folder: Path) -> Path:
    path = folder / "mini-risk.toml"
    path.write_text(RISK_CHECKLIST)
    return path


def write_answers(folder: Path, body: str, name: str = "review.toml") -> Path:
    write_checklist(folder)
    path = folder / name
    path.write_text(HEAD + textwrap.dedent(body))
    return path


FULL = '''
    [profile]
    paper_records = true
    telehealth = false
    jurisdiction = "us"

    [answers."physical.sound"]
    status = "partial"

    [answers."physical.locks"]
    status = "yes"

    [answers."digital.encryption"]
    status = "no"
    addressable = "implemented"

    [answers."digital.backup"]
    status = "yes"

    [[inventory]]
    name = "SimplePractice"
    kind = "records"
    provider = "SimplePractice"
    baa = "yes"
    encrypted = "yes"

    [[inventory]]
    name = "The filing cabinet"
    kind = "paper"
    baa = "na"

    [[inventory]]
    name = "Nightly backup"
    kind = "backup"
    provider = "Backblaze"
    baa = "yes"
    encrypted = "yes"
'''
