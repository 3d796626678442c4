"""No tool jargon on paper (issue 28): every printed document of the demo and of an at-risk
review (HTML, Markdown, and the HTML a PDF is printed from) says what to do in words, names
documents by their titles, and carries no command, option, item id, file path, "README" or
"(default)". The terminal may name commands; paper may not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from privacycheck.cli import main
from privacycheck.model import answers, checklist

COMMANDS = ("assess", "report", "plan", "compare", "portfolio", "checklists", "train", "kit", "demo", "verify")
JARGON = re.compile(r"\bprivacycheck (?:" + "|".join(COMMANDS) + r")\b|\(privacycheck kit\)|\bREADME\b"
                    r"|\(default\)|(?<![\w-])--[a-z][a-z-]+")


def visible(text: str, fmt: str) -> str:
    """The words a reader sees: for HTML, without tags, styles, scripts and attributes."""
    if fmt == "html":
        text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.DOTALL | re.IGNORECASE)
        text = re.sub(r"<!--.*?-->", " ", text, flags=re.DOTALL)
        text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(text.split())


def printed(folder: Path, review: Path, other: Path) -> dict[str, str]:
    """Every printed document of `review` in md and html (the PDF prints the html): report, risk
    analysis, plan, compare (with `other`), trend, portfolio and every kit document."""
    out: dict[str, str] = {}
    runs = {
        "report": ["report", str(review)], "risk-analysis": ["report", str(review), "--risk-analysis"],
        "plan": ["plan", str(review)], "compare": ["compare", str(other), str(review)],
        "trend": ["compare", str(other.with_name("earliest.toml")), str(other), str(review)],
        "portfolio": ["portfolio", str(review), str(other)],
    }
    for name, args in runs.items():
        for fmt in ("md", "html"):
            path = folder / f"{name}.{fmt}"
            assert main([*args, "-o", str(path)]) == 0, (name, fmt)
            out[path.name] = visible(path.read_text(), fmt)
    for fmt in ("md", "html"):
        kit = folder / f"kit-{fmt}"
        assert main(["kit", str(review), "--all", "-f", fmt, "-o", str(kit)]) == 0
        for path in sorted(kit.glob(f"*.{fmt}")):
            out[f"kit/{path.name}"] = visible(path.read_text(), fmt)
    return out


@pytest.fixture(params=["demo", "at-risk"])
def documents(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[dict[str, str], Path]:
    assert main(["demo", "-o", str(tmp_path / "demo")]) == 0
    demo = tmp_path / "demo" / "answers.toml"
    if request.param == "demo":
        review = demo
    else:
        from report_cases import at_risk

        review = tmp_path / "at-risk.toml"
        answers.save(at_risk().assessment, review)
    other = tmp_path / "earlier.toml"
    other.write_text(review.read_text())
    other.with_name("earliest.toml").write_text(review.read_text())
    folder = tmp_path / "printed"
    folder.mkdir()
    return printed(folder, review, other), tmp_path


def test_no_printed_document_speaks_in_tool_jargon(documents: tuple[dict[str, str], Path]) -> None:
    texts, folder = documents
    ids = {item.id for item in checklist.load("therapy-practice").items()}
    found = []
    for name, text in texts.items():
        for match in JARGON.finditer(text):
            found.append(f"{name}: {text[max(0, match.start() - 50):match.end() + 30]!r}")
        words = set(re.findall(r"[a-z0-9]+(?:[.-][a-z0-9]+)+", text))
        found += [f"{name}: item id {w}" for w in sorted(words & ids)]
        if str(folder) in text or str(folder.resolve()) in text:
            found.append(f"{name}: a file path")
    assert not found, "\n".join(found[:40]) + f"\n({len(found)} in all)"
