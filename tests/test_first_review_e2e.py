"""A first review as a solo practice meets it: `privacycheck assess`, installed, in a
pseudo-terminal at 60 columns, by a solo US counselor with paper records, telehealth and a
shared suite, with every prompt counted from the practice's name to the summary (as next year's
review is counted in test_next_year_e2e)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_assess_e2e import spawn, transcript

from privacycheck.model import answers, checklist

pexpect = pytest.importorskip("pexpect")

MOST_PROMPTS = 100  # issue 26's target for this practice's first review, inventory and risk step included
DOCS = Path(__file__).resolve().parent.parent / "docs" / "assess.md"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# A prompt waits for its answer when its instruction is on screen (it shows only then).
GAP = r"(?:\x1b\[[0-9;?]*[A-Za-z]|\s)*"  # what the terminal may draw between two words of a prompt


def words(text: str) -> str:
    """A pattern for these words however the terminal folds them (a long prompt is redrawn)."""
    return GAP.join(GAP.join(re.escape(c) for c in word) for word in text.split())


# A prompt waits for its answer when its instruction is on screen (it shows only then).
WAITING = [words("(press a key)"), words("(y or n)"), r"\(e\.g\. [^)]*\)", words("(its name;"), words("(a code such as"),
           words("(names and roles"), words("(1 keeps them"), "Name of the practice", r"Your name \(the assessor\)"]
CLOSED = "\x1b[?2004l"  # a prompt leaves the terminal's bracketed-paste mode as it closes
KEEP = "\x1b[B\r"  # the first arrow shows the pointer on the highlighted choice (Done); Enter takes it
# What the clinician answers, by words of the question last on screen (the latest one wins).
ANSWERS: list[tuple[str | re.Pattern[str], str]] = [
    ("Name of the practice", "Harbor Counseling\r"), ("Your name (the assessor)", "Ana Ruiz\r"),
    ("Where is the practice located", "1"), ("In which state", "OR\r"),
    ("bill health insurance", "y"), ("What is your profession", "2"),
    ("see clients in person", "y"), ("sessions by video or by phone?", "y"),
    ("client records on paper", "y"), ("anyone besides you work", "n"), ("clients under 18", "n"),
    ("therapy or support groups", "n"), ("share a building", "y"),
    ("Do you use an AI note-taker", "n"), ("substance use disorder records", "n"),
    # where client information lives
    ("record system or EHR (software", "y"), ("Which record system?", "SimplePractice\r"),
    ("agreement signed with", "1"), ("Is the information on it encrypted", "1"),
    ("client information by email", "Google Workspace\r"),
    ("text clients by phone", "Verizon\r"), ("only carry your calls", "1"),
    ("computer for client work", "y"), ("Its name in your practice", "\r"),
    ("mobile phone or tablet for client work", "n"), ("Which video platform?", "Doxy.me\r"),
    ("keep backups of client records", "y"), ("Which backup service?", "\r"),
    ("Anything to add or change", KEEP),
    # the items: see item_key; an answer the inventory disagrees with: keep both for now
    (re.compile(r"Question \d+ of \d+.*\? Your answer \(press a key\)"), "item"), ("disagrees", "1"),
    # the risk step
    ("The practice's decision", "1"), ("(1 keeps them", "1"), ("Who else took part", "\r"),
    ("Write the HTML report", "n"),
]


def item_key(n: int) -> str:
    """Mostly In place, a Partly now and then and one Don't know: a real practice's review."""
    return "1121131412"[n % 10]


def last(screen: str, said: str | re.Pattern[str]) -> int:
    """Where the last of these words on screen ends (-1: not there): the latest question wins."""
    if isinstance(said, str):
        at = screen.rfind(said)
        return at + len(said) if at >= 0 else -1
    return max((m.end() for m in said.finditer(screen)), default=-1)


def test_a_solo_practices_first_review_takes_at_most_100_prompts(tmp_path: Path) -> None:
    child = spawn(tmp_path, "assess", "-o", str(tmp_path / "review.toml"))
    prompts = items = 0
    while True:
        child.expect(WAITING, timeout=20)
        screen = ANSI.sub("", child.before + child.after)
        screen = " ".join(screen.split())  # the question as words, however the terminal folded it
        found = max(((last(screen, words), key) for words, key in ANSWERS), key=lambda x: x[0])
        assert found[0] >= 0, screen[-600:]
        key = found[1]
        if key == "item":
            key, items = item_key(items), items + 1
        if key == "n" and last(screen, "Write the HTML report") == found[0]:  # the summary is shown
            child.send(key)
            child.expect(pexpect.EOF)
            break
        child.send(key)
        child.expect(re.escape(CLOSED))  # the prompt answered has closed: what follows is new
        prompts += 1
    saved = answers.load(tmp_path / "review.toml")
    facts = dict(saved.profile)
    assert (facts["telehealth"], facts["paper_records"], facts["shared_space"], facts["staff"]) == \
        (True, True, True, False), transcript(child)[-2000:]
    applicable = checklist.load("therapy-practice").applicable_items(facts)
    assert len(saved.answers) == len(applicable) == items <= 66
    assert [e.kind for e in saved.inventory] == ["records", "email", "phone", "computer", "paper",
                                                 "telehealth", "backup"]
    assert prompts <= MOST_PROMPTS, prompts
    documented = " ".join(DOCS.read_text().split())
    assert f"takes {prompts} prompts in all" in documented, prompts
