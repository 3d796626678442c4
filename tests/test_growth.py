"""Readers stay linear in the length of what they read (issue 29, items 2, 3 and 13): a line
number is looked up only for an error, so a long inventory, many dated answers, a long history
or many [[laws]] tables cost about their parse. Each check reads a file and one four times as
long and compares the times (the best of three): linear work grows about 4x, quadratic 16x."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from privacycheck.errors import PrivacycheckError
from privacycheck.model import answers, checklist

MOST_GROWTH = 8.0  # for 4x the input: linear gives about 4, quadratic 16


def best_of_three(write: Callable[[Path, int], None], read: Callable[[Path], object], folder: Path, n: int) -> float:
    """The shortest of three reads of three files alike but for a comment (so that no cache
    of a file already read can answer)."""
    folder.mkdir()
    times = []
    for copy in range(3):
        path = folder / f"{copy}.toml"
        write(path, n)
        path.write_text(path.read_text() + f"\n# copy {copy}\n")
        start = time.perf_counter()
        read(path)
        times.append(time.perf_counter() - start)
    return min(times)


def growth(write: Callable[[Path, int], None], read: Callable[[Path], object], tmp_path: Path, n: int) -> float:
    best_of_three(write, read, tmp_path / "warm", 2)  # imports and the like
    small = best_of_three(write, read, tmp_path / "small", n)
    return best_of_three(write, read, tmp_path / "large", 4 * n) / max(small, 1e-6)


HEAD = '''[assessment]
practice = "Riverside Counselling"
checklist = "therapy-practice"
checklist_version = "2027.2"
started = 2026-11-24T10:02:00Z
'''


def inventory_file(path: Path, n: int) -> None:
    entries = "".join(f'\n[[inventory]]\nname = "Laptop {k}"\nkind = "computer"\nencrypted = "yes"\n'
                      for k in range(n))
    path.write_text(HEAD + entries)


def dated_answers_file(path: Path, n: int) -> None:
    rows = "".join(f'\n[answers."item-{k}"]\nstatus = "yes"\nsince = 2026-01-{k % 28 + 1:02d}\n'
                   f'due = 2027-02-{k % 28 + 1:02d}\nanswered = 2026-11-24T10:02:00Z\n' for k in range(n))
    path.write_text(HEAD + rows)


def history_file(path: Path, n: int) -> None:
    past = ", ".join(f'{{status = "no", until = 2026-0{k % 9 + 1}-01}}' for k in range(n))
    owners = ", ".join(f'{{owner = "Sam", until = 2026-0{k % 9 + 1}-02}}' for k in range(n))
    path.write_text(HEAD + f'\n[answers."item-1"]\nstatus = "yes"\nhistory = [{past}]\nearlier = [{owners}]\n')


@pytest.mark.parametrize(("write", "n"), [(inventory_file, 1500), (dated_answers_file, 1000), (history_file, 4000)],
                         ids=["inventory", "dated-answers", "history"])
def test_an_answers_file_is_read_in_linear_time(tmp_path: Path, write: Callable[[Path, int], None], n: int) -> None:
    assert growth(write, answers.load, tmp_path, n) < MOST_GROWTH


def test_an_error_late_in_a_long_inventory_still_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    inventory_file(path, 300)
    path.write_text(path.read_text() + '\n[[inventory]]\nname = "Tablet"\nkind = "spaceship"\n')
    with pytest.raises(PrivacycheckError) as caught:
        answers.load(path)
    line = path.read_text().splitlines().index('kind = "spaceship"') + 1
    assert f"line {line}:" in str(caught.value)
    assert "inventory entry 301.kind: unknown kind 'spaceship'" in str(caught.value)


def laws_checklist(path: Path, n: int) -> None:
    laws = "".join(f'\n[[laws]]\nname = "Law {k}"\nprefixes = ["Law {k} §"]\napplies_when = {{ jurisdiction = "us" }}\n'
                   for k in range(n))
    path.write_text('[checklist]\nid = "many-laws"\ntitle = "Many laws"\nversion = "1"\n\n'
                    '[[profile]]\nid = "jurisdiction"\nquestion = "Where?"\ntype = "choice"\nchoices = ["us", "other"]\n'
                    + laws + '\n[[sections]]\nid = "s"\ntitle = "S"\n\n[[sections.items]]\nid = "s.one"\n'
                    'title = "One"\nquestion = "One?"\nwhy = "W."\nguidance = "G."\nremediation = "R."\n'
                    'severity = "high"\neffort = "low"\nreferences = ["Law 1 § 2"]\n')


def test_a_checklist_with_many_laws_is_read_in_linear_time(tmp_path: Path) -> None:
    laws_checklist(tmp_path / "probe.toml", 3)
    assert checklist.validate(tmp_path / "probe.toml") == []  # the file is a good checklist
    assert growth(laws_checklist, checklist.validate, tmp_path, 100) < MOST_GROWTH
