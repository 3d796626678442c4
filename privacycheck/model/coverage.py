"""The coverage map of the bundled checklist: which items cover each standard and safeguard.

`python -m privacycheck.model.coverage > checklists/COVERAGE.md` regenerates the map; a test
fails when it is stale or when a standard loses its last item.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from privacycheck.model.checklist import Checklist, Item

# (citation prefix, name): each HIPAA Security Rule standard, 45 CFR Part 164 Subpart C.
SECURITY_RULE = (
    ("45 CFR 164.308(a)(1)", "Security management process"),
    ("45 CFR 164.308(a)(2)", "Assigned security responsibility"),
    ("45 CFR 164.308(a)(3)", "Workforce security"),
    ("45 CFR 164.308(a)(4)", "Information access management"),
    ("45 CFR 164.308(a)(5)", "Security awareness and training"),
    ("45 CFR 164.308(a)(6)", "Security incident procedures"),
    ("45 CFR 164.308(a)(7)", "Contingency plan"),
    ("45 CFR 164.308(a)(8)", "Evaluation"),
    ("45 CFR 164.308(b)", "Business associate contracts and other arrangements"),
    ("45 CFR 164.310(a)", "Facility access controls"),
    ("45 CFR 164.310(b)", "Workstation use"),
    ("45 CFR 164.310(c)", "Workstation security"),
    ("45 CFR 164.310(d)", "Device and media controls"),
    ("45 CFR 164.312(a)", "Access control"),
    ("45 CFR 164.312(b)", "Audit controls"),
    ("45 CFR 164.312(c)", "Integrity"),
    ("45 CFR 164.312(d)", "Person or entity authentication"),
    ("45 CFR 164.312(e)", "Transmission security"),
    ("45 CFR 164.314(a)", "Business associate contracts (organizational requirements)"),
    ("45 CFR 164.316(a)", "Policies and procedures"),
    ("45 CFR 164.316(b)", "Documentation"),
)

PRIVACY_AND_BREACH = (
    ("45 CFR 164.502(b)", "Minimum necessary"),
    ("45 CFR 164.508(a)(2)", "Authorization for psychotherapy notes"),
    ("45 CFR 164.520", "Notice of privacy practices"),
    ("45 CFR 164.524", "Right of access"),
    ("45 CFR 164.530(c)", "Administrative, technical and physical safeguards"),
    ("45 CFR 164.530(b)", "Workforce training"),
    ("45 CFR 164.530(e)", "Sanctions"),
    ("45 CFR 164.530(d)", "Complaints"),
    ("45 CFR 164.512(j)", "Disclosures to avert a serious threat"),
    ("45 CFR 164.402", "Breach risk assessment"),
    ("45 CFR 164.404", "Breach notice to individuals"),
    ("45 CFR 164.406", "Breach notice to the media"),
    ("45 CFR 164.408", "Breach notice to HHS"),
    ("45 CFR 164.414", "Breach documentation and burden of proof"),
    ("45 CFR 164.412", "Law enforcement delay of breach notice"),
    ("45 CFR 164.502(g)", "Personal representatives"),
    ("45 CFR 164.504(e)", "Business associate contracts"),
    ("45 CFR 164.512(e)", "Judicial and administrative proceedings"),
    ("45 CFR 164.526", "Amendment of records"),
    ("45 CFR 164.528", "Accounting of disclosures"),
    ("45 CFR 171.103", "Information blocking"),
)

# 42 CFR Part 2 as amended in 2024 (compliance required since 16 February 2026).
PART2 = (
    ("42 CFR 2.4", "Complaints of noncompliance"),
    ("42 CFR 2.11", "Definitions (SUD counseling notes)"),
    ("42 CFR 2.16", "Security for records and notification of breaches"),
    ("42 CFR 2.22", "Notice to patients"),
    ("42 CFR 2.25", "Accounting of disclosures"),
    ("42 CFR 2.26", "Right to request privacy protection"),
    ("42 CFR 2.31", "Consent requirements"),
    ("42 CFR 2.32", "Notice to accompany disclosure"),
    ("42 CFR 2.61", "Legal effect of a court order"),
)

# EU and UK data protection, with the UK's own route.
DATA_PROTECTION = (
    ("GDPR Art. 9", "Special category (health) data"),
    ("DPA 2018 Sch. 1 para. 2", "UK condition: health or social care purposes"),
    ("GDPR Art. 15", "Right of access"),
    ("GDPR Art. 28", "Processors"),
    ("GDPR Art. 30", "Records of processing activities"),
    ("GDPR Art. 32", "Security of processing"),
    ("GDPR Art. 33", "Breach notification to the supervisory authority"),
    ("GDPR Art. 34", "Breach communication to clients"),
    ("GDPR Art. 35", "Data protection impact assessment"),
    ("GDPR Art. 45", "Transfers on the basis of adequacy"),
    ("DPA 2018 s.119A", "UK transfer tools (IDTA, UK Addendum)"),
    ("DPA 2018 s.164A", "UK complaints to controllers"),
    ("SI 2018/480 reg. 2", "UK data protection fee"),
)

ETHICS = (
    ("APA Ethics Code 4.01", "Maintaining confidentiality"),
    ("APA Ethics Code 4.02", "Discussing the limits of confidentiality"),
    ("APA Ethics Code 4.03", "Recording"),
    ("APA Ethics Code 4.04", "Minimizing intrusions on privacy"),
    ("APA Ethics Code 4.05", "Disclosures"),
    ("APA Ethics Code 4.06", "Consultations"),
    ("APA Ethics Code 4.07", "Use of confidential information for didactic or other purposes"),
    ("APA Ethics Code 6.02", "Maintenance, dissemination and disposal of confidential records"),
    ("ACA Code of Ethics B.1", "Respecting client rights"),
    ("ACA Code of Ethics B.2", "Exceptions"),
    ("ACA Code of Ethics B.3", "Information shared with others"),
    ("ACA Code of Ethics B.6", "Records and documentation"),
    ("APA Ethics Code 10.03", "Group therapy"),
    ("ACA Code of Ethics B.4", "Groups and families"),
    ("NASW Code of Ethics 1.07", "Privacy and confidentiality (social workers)"),
    ("AAMFT Code of Ethics 2.1", "Disclosing limits of confidentiality (MFTs)"),
    ("AAMFT Code of Ethics 2.2", "Written authorization to release client information (MFTs)"),
    ("AAMFT Code of Ethics 2.5", "Protection of records (MFTs)"),
    ("AMA Principles of Medical Ethics IV", "Patient confidences and privacy (psychiatrists)"),
)

# Safeguards named in shared/reference/confidentiality-in-therapy.txt, by item tag.
ARTICLE = (
    ("article:private-sessions", "Private, uninterrupted sessions that cannot be overheard"),
    ("article:electronic-records", "Electronic records and communications protected from unauthorized access"),
    ("article:written-records", "Written records and notes"),
    ("article:outside-sessions", "Conversations about clients outside sessions"),
    ("article:informed-consent", "Informed consent about confidentiality and its limits, at the outset and later"),
    ("article:exceptions", "Exceptions for risk of harm and suspected abuse"),
    ("article:after-therapy", "Confidentiality after therapy ends: retention and disposal"),
    ("article:stay-current", "Staying current with legal and ethical obligations"),
)

CITATION_FORMS = (
    re.compile(r"^45 CFR 16[04]\.\d{3}(\([a-z0-9]+\)|\([ivx]+\)|\([A-Z]\))*$"),
    re.compile(r"^42 CFR 2\.\d{1,2}(\([a-z0-9]+\)|\([ivx]+\)|\([A-Z]\))*$"),
    re.compile(r"^APA Ethics Code \d{1,2}\.\d{2}$"),
    re.compile(r"^ACA Code of Ethics [A-I]\.\d{1,2}(\.[a-z])?$"),
    re.compile(r"^(UK )?GDPR Art\. \d{1,2}(\(\d+[A-Z]?\))?(\([a-z]\))?$"),
    re.compile(r"^45 CFR 171\.\d{3}(\([a-z0-9]+\))*$"),  # information blocking
    re.compile(r"^DPA 2018 (s\.\d{1,3}[A-Z]?|Sch\. \d{1,2} para\. \d{1,2})$"),  # UK Data Protection Act 2018
    re.compile(r"^SI 2018/480 reg\. \d$"),  # Data Protection (Charges and Information) Regulations 2018
    re.compile(r"^NASW Code of Ethics \d\.\d{2}(\([a-z]\))?$"),  # social workers (2021)
    re.compile(r"^AAMFT Code of Ethics \d\.\d{1,2}$"),  # marriage and family therapists (2015)
    re.compile(r"^AMA Principles of Medical Ethics [IVX]+$"),  # physicians, psychiatrists
)


def well_formed(citation: str) -> bool:
    return any(form.match(citation) for form in CITATION_FORMS)


def cites(item: Item, prefix: str) -> bool:
    """Whether the item cites `prefix` or a paragraph below it (164.308(a)(1)(ii)(A) is under 164.308(a)(1))."""
    return any(ref == prefix or ref.startswith((prefix + "(", prefix + "."))
               for ref in item.references)


def covering(items: Iterable[Item], key: str) -> list[str]:
    items = list(items)
    if key.startswith("article:"):
        return [i.id for i in items if key in i.tags]
    return [i.id for i in items if cites(i, key)]


def table(items: list[Item], rows: tuple[tuple[str, str], ...], head: str) -> list[str]:
    lines = [f"| {head} | | Items |", "|---|---|---|"]
    for key, name in rows:
        ids = covering(items, key)
        lines.append(f"| `{key}` | {name} | {', '.join(f'`{i}`' for i in ids) or '**none**'} |")
    return lines


def render(checklist: Checklist) -> str:
    items = list(checklist.items())
    out = [
        f"# Coverage map: {checklist.title} ({checklist.id} {checklist.version})",
        "",
        "Generated by `python -m privacycheck.model.coverage > checklists/COVERAGE.md`; a test keeps it",
        "current and fails when a standard or safeguard below has no item.",
        "",
        "## Safeguards named in the reference article", "",
        *table(items, ARTICLE, "Tag"), "",
        "## HIPAA Security Rule standards (45 CFR 164.308-164.316)", "",
        *table(items, SECURITY_RULE, "Standard"), "",
        "## HIPAA Privacy Rule and Breach Notification Rule", "",
        *table(items, PRIVACY_AND_BREACH, "Provision"), "",
        "## 42 CFR Part 2", "",
        *table(items, PART2, "Section"), "",
        "## EU and UK data protection", "",
        *table(items, DATA_PROTECTION, "Provision"), "",
        "## Ethics codes", "",
        *table(items, ETHICS, "Standard"), "",
    ]
    return "\n".join(out)


if __name__ == "__main__":
    from privacycheck.model import checklist as checklists

    print(render(checklists.load("therapy-practice")), end="")
