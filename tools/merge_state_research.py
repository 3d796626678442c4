"""Merge the research sessions' state files into checklists/state-law.toml (all 50 states and DC
by name; values only where a session read them in the law's text and the file validates), and
their notes into checklists/NOTES-state-law.md.

    python tools/merge_state_research.py RESEARCH_DIR checklists/state-law.toml

RESEARCH_DIR holds states-*.toml and notes-*.md in the format of docs/json-schema.md's state-law
schema. A state in two files keeps the first; a state with any problem is skipped (and said so).
The values this session read itself (TABLES, SUPPLEMENT below, sources in NOTES-content.md) fill
only what no research file has.
"""
import json
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from privacycheck.model import state_law  # noqa: E402

research = Path(sys.argv[1])
out = Path(sys.argv[2])
found = {}
sources = {}
for path in sorted(research.glob("states-*.toml")):
    problems = state_law.validate(path)
    data = tomllib.loads(path.read_text())
    bad = {p.where.split(".")[1] for p in problems if p.where.startswith("states.")}
    for code, table in data.get("states", {}).items():
        if code in bad:
            print(f"skipped {code} from {path.name}: a problem in it", file=sys.stderr)
            continue
        if code in found:
            print(f"{code} in {sources[code]} and {path.name}: kept the first", file=sys.stderr)
            continue
        found[code] = table
        sources[code] = path.name

# Values read by this session itself (the sources are in NOTES-content.md), added where no
# research group has them.
SUPPLEMENT = [
    ("WA", {"topic": "consumer-health-data",
            "summary": "Washington My Health My Data Act: consumer health data (mental health included) may be collected only with the consumer's consent for a specified purpose, or as needed to provide a service the consumer asked for; sharing it needs a separate consent, asked before collection or sharing, that says how to withdraw it. Information protected under HIPAA may fall outside the Act: check before relying on that.",
            "refs": ["Wash. Rev. Code § 19.373.030"]}),
    ("IL", {"topic": "ai-therapy",
           "summary": "Where a session is recorded or transcribed, a licensed professional may use AI for supplementary support only if the client is told in writing that AI will be used and for what purpose, and consents; the Act defines consent as written, specific and revocable (Wellness and Oversight for Psychological Resources Act, Public Act 104-0054, 2025).",
           "refs": ["225 ILCS 155/15"]}),
]
TABLES = {
    "WY": {
        "name": "Wyoming",
        "breach_notice": {
            "refs": ["Wyo. Stat. Ann. § 40-12-502"],
            "note": "On learning of a breach, a prompt good-faith investigation; if misuse has occurred or is reasonably likely, notice as soon as possible, in the most expedient time possible and without unreasonable delay, subject to law enforcement and to determining the breach's scope."},
    },
    "WV": {
        "name": "West Virginia",
        "breach_notice": {
            "refs": ["W. Va. Code § 46A-2A-102"],
            "note": "Without unreasonable delay, where the breach has caused or is reasonably believed to cause identity theft or other fraud, except for a law enforcement delay or the time needed to determine the scope and restore the system."},
    },
    "SD": {
        "name": "South Dakota",
        "breach_notice": {
            "days": 60, "refs": ["S.D. Codified Laws § 22-40-20"], "attorney_general": True, "ag_threshold": 250,
            "note": "Not later than 60 days from discovery, unless law enforcement needs more time. No notice is needed if, after an appropriate investigation and notice to the attorney general, the practice reasonably finds harm unlikely (documented and kept at least three years). A breach of more than 250 residents is disclosed to the attorney general."},
    },
    "SC": {
        "name": "South Carolina",
        "breach_notice": {
            "refs": ["S.C. Code Ann. § 39-1-90"], "attorney_general": True,
            "note": "In the most expedient time possible and without unreasonable delay, where illegal use has occurred or is reasonably likely or creates a material risk of harm; the section also provides for notice to the Consumer Protection Division of the Department of Consumer Affairs (its threshold was not read here)."},
    },
    "UT": {
        "name": "Utah",
        "duty_to_protect": {
            "value": "mandatory", "refs": ["Utah Code § 78B-3-502"],
            "note": "No duty except when a client communicates an actual threat of physical violence against a clearly identified or reasonably identifiable victim; then discharged by reasonable efforts to communicate the threat to the victim and notifying a law enforcement officer or agency."},
    },
    "RI": {
        "name": "Rhode Island",
        "breach_notice": {
            "days": 45, "refs": ["R.I. Gen. Laws § 11-49.3-4"],
            "note": "For a breach posing a significant risk of identity theft: in the most expedient time possible, no later than 45 calendar days after confirming the breach and being able to gather what the notice must say. Attorney general notice above 500 residents was read in the 2016 text only: check the current section."},
    },
    "VT": {
        "name": "Vermont",
        "breach_notice": {
            "days": 45, "refs": ["9 V.S.A. § 2435"], "attorney_general": True,
            "note": "In the most expedient time possible and without unreasonable delay, but not later than 45 days after discovery, subject to law enforcement and to determining the breach's scope; the Attorney General (or, for entities it regulates, the Department of Financial Regulation) must also be told, on the timetable the section sets."},
    },
    "TN": {
        "name": "Tennessee",
        "duty_to_protect": {
            "value": "mandatory", "refs": ["Tenn. Code Ann. § 33-3-206"],
            "note": "When a client communicates an actual threat of bodily harm against a clearly identified victim or a group of people, and has the apparent ability and likelihood to carry it out: take reasonable care to warn or protect, and report the threat to local law enforcement (or 988 or a crisis service if it is general and not imminent). Inpatient hospitalization discharges the duty."},
    },
    "WI": {
        "name": "Wisconsin",
        "breach_notice": {
            "days": 45, "refs": ["Wis. Stat. § 134.98"],
            "note": "Reasonable efforts to notify each affected person within a reasonable time, not to exceed 45 days after learning of the acquisition, subject to a law enforcement delay."},
    },
    "OR": {
        "name": "Oregon",
        "minor_consent": {
            "rule": "age", "age": 14, "refs": ["Or. Rev. Stat. § 109.675"],
            "note": "From 14 a minor may obtain outpatient diagnosis or treatment of a mental or emotional disorder without a parent's knowledge or consent, from the licensed professionals the section lists (methadone maintenance excluded)."},
    },
    "PA": {
        "name": "Pennsylvania",
        "minor_consent": {
            "rule": "age", "age": 14, "refs": ["35 P.S. § 10101.1"],
            "note": "From 14 a minor may consent alone to outpatient mental health treatment; a parent or guardian may also consent for a minor under 18, and neither may revoke the other's consent (as amended by Act 65 of 2020)."},
    },
    "OH": {
        "name": "Ohio",
        "breach_notice": {
            "days": 45, "refs": ["Ohio Rev. Code § 1349.19"],
            "note": "In the most expedient time possible but not later than 45 days after discovering the breach, subject to law enforcement's needs and to determining its scope."},
    },
    "TX": {
        "name": "Texas",
        "duty_to_protect": {
            "value": "permissive", "refs": ["Tex. Health & Safety Code § 611.004"],
            "note": "A professional may disclose confidential information to medical or law enforcement personnel (later copies of the section add mental health personnel) if they determine there is a probability of imminent physical injury by the client to the client or others, or of immediate mental or emotional injury to the client. No statute requires a warning."},
        "breach_notice": {
            "days": 60, "refs": ["Tex. Bus. & Com. Code § 521.053"],
            "note": "Without unreasonable delay and not later than the 60th day after determining that the breach occurred, except as a law enforcement request or determining the breach's scope requires. Whether and when the attorney general must be told was not read in the statute's text here: check the statute."},
    },
}
for code, tables in TABLES.items():
    table = found.setdefault(code, {})
    for key, value in tables.items():
        table.setdefault(key, value)
for code, entry in SUPPLEMENT:
    table = found.setdefault(code, {})
    others = table.setdefault("other", [])
    if not any(set(o.get("refs", [])) & set(entry["refs"]) for o in others):
        others.append(entry)


def val(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(val(x) for x in v) + "]"
    raise TypeError(v)

ORDER = {"duty_to_protect": ("value", "refs", "note"), "minor_consent": ("rule", "age", "refs", "note"),
         "breach_notice": ("days", "refs", "note", "attorney_general", "ag_threshold"),
         "record_retention": ("years", "minor_rule", "profession", "refs", "note")}
lines = ["# US state law a therapy practice meets, as data: one table per state and DC.",
         "#",
         "# Every value was read in the statute or board rule it cites; the sources, with the words",
         "# read, are in NOTES-state-law.md. A value that could not be verified from the law's own",
         "# text is left out, and privacycheck says \"check with your licensing board\" for it: never",
         "# a guess. Format: docs/json-schema.md (privacycheck checklists states --json) and the README.",
         "# Check with: privacycheck checklists validate checklists/state-law.toml",
         "", "as_of = 2026-12-03", ""]
for code, name in state_law.STATES:
    table = found.get(code, {})
    lines += [f"[states.{code}]", f"name = {val(table.get('name', name))}", ""]
    for key, order in ORDER.items():
        sub = table.get(key)
        if not sub:
            continue
        lines.append(f"[states.{code}.{key}]")
        for k in order:
            if k in sub:
                lines.append(f"{k} = {val(sub[k])}")
        for k in sub:
            if k not in order:
                lines.append(f"{k} = {val(sub[k])}")
        lines.append("")
    for other in table.get("other", []):
        lines.append(f"[[states.{code}.other]]")
        for k in ("topic", "summary", "refs"):
            if k in other:
                lines.append(f"{k} = {val(other[k])}")
        lines.append("")
out.write_text("\n".join(lines))
print(f"{len(found)} states with values: {', '.join(sorted(found))}", file=sys.stderr)

notes = ["# Sources of the state-law data (`state-law.toml`)", "",
         "For each value in state-law.toml: the citation, the address of the statute or rule text that",
         "was read with the project's search tool, and the operative words; and what could not be",
         "verified and why (those values are left out of the data file, and the practice is told to",
         "check with its licensing board). Written by the research sessions of issue 25, merged here",
         "unchanged apart from this heading; a state missing from every group's notes has no values yet.", ""]
for path in sorted(research.glob("notes-*.md")):
    text = path.read_text().strip()
    text = "\n".join(("#" + line) if line.startswith("#") else line for line in text.splitlines())
    notes += [text, ""]
(out.parent / "NOTES-state-law.md").write_text("\n".join(notes))
