"""Many practices at once: score every answers file, sort by risk, find the gaps they share.

Each file is scored by the one scoring function; a file that cannot be read becomes an
error line and the others carry on. Each distinct checklist is loaded only once.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from privacycheck.analysis import scoring
from privacycheck.analysis.compare import Review
from privacycheck.analysis.scoring import Result
from privacycheck.errors import PrivacycheckError
from privacycheck.files import tomlfile
from privacycheck.model import answers
from privacycheck.model import checklist as checklists
from privacycheck.model.checklist import SEVERITIES, Checklist, Item
from privacycheck.model.record import record

RISK_ORDER = ("Not rated", "At risk", "Developing", "Managed", "Strong")
# [ \t]* rather than \s*: with \s* a file of many blank lines takes minutes to search.
_NOT_ANSWERS = re.compile(r"^[ \t]*\[(checklist|scenario)\]", re.MULTILINE)


@record
class FileError:
    path: Path
    message: str  # one line, naming the file


@record
class Gap:
    item_id: str
    question: str
    severity: str
    count: int  # practices where the item is not fully in place
    applicable: int  # practices it applies to (counted, not marked na)
    title: str = ""  # the item's short name, shown in the lists


@record
class Portfolio:
    entries: tuple[Review, ...]  # riskiest first
    errors: tuple[FileError, ...]
    common_gaps: tuple[Gap, ...]  # most often open first
    superseded: tuple[Review, ...]  # earlier reviews of a practice that has a later one here
    skipped: tuple[Path, ...]  # checklist or scenario files found in a folder


def risk_key(entry: Review) -> tuple[int, int, float, str, str]:
    """Rating (At risk first), then more critical gaps, then lower score, then name."""
    r = entry.result
    return (RISK_ORDER.index(r.rating) if r.rating in RISK_ORDER else 0, -len(r.critical_gaps),
            r.score if r.score is not None else -1.0, r.assessment.practice.casefold(),
            str(entry.path))


MAX_DEPTH = 32  # subfolder levels searched below a folder given to portfolio


def folder_files(folder: Path, errors: list[FileError] | None = None) -> list[Path]:
    """The *.toml entries in `folder` and its subfolders (not hidden ones), sorted: files, and
    anything else under such a name (a FIFO, a broken link), which then fails as an error.
    A subfolder that cannot be opened is added to `errors` (when given)."""

    def unreadable(exc: OSError) -> None:
        if errors is not None:
            where = Path(exc.filename) if exc.filename else folder
            errors.append(FileError(where, f"{where}: cannot open folder: {exc.strerror or exc}"))

    found = []
    stack = [(folder, 0)]  # walked without recursion: a folder thousands of levels deep is no crash
    while stack:
        top, depth = stack.pop()
        try:
            with os.scandir(top) as listing:
                children = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            unreadable(exc)
            continue
        folders = []
        for child in children:
            if child.name.startswith("."):
                continue
            try:
                is_folder = child.is_dir(follow_symlinks=False)  # as os.walk: no loops through links
            except OSError:
                is_folder = False
            if is_folder:
                folders.append(Path(child.path))
            elif child.name.endswith(".toml"):
                found.append(Path(child.path))
        if folders and depth >= MAX_DEPTH:
            if errors is not None:
                errors.append(FileError(Path(top), f"{top}: folders more than {MAX_DEPTH} levels deep "
                                                   "are not searched"))
            continue
        stack.extend((sub, depth + 1) for sub in reversed(folders))
    return sorted(found)


def answer_files(paths: Iterable[Path], errors: list[FileError] | None = None) -> tuple[list[Path], set[Path]]:
    """Expand folders to their *.toml files; returns (files, the files found in folders).
    Subfolders that cannot be opened are added to `errors` (when given)."""
    files: list[Path] = []
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            inside = folder_files(path, errors)
            files.extend(inside)
            found.update(inside)
        else:
            files.append(path)
    return files, found


class _Checklists:
    """Each checklist loaded once, however many answers files name it (errors too)."""

    def __init__(self) -> None:
        self.cache: dict[str, Checklist | PrivacycheckError] = {}

    def get(self, name: str, base: Path) -> Checklist:
        path, bundled = checklists.resolve(name, base)
        key = f"{bundled}:{os.path.realpath(path)}"
        if key not in self.cache:
            try:
                self.cache[key] = checklists.load(name, base)
            except PrivacycheckError as exc:
                self.cache[key] = exc
        found = self.cache[key]
        if isinstance(found, PrivacycheckError):
            raise PrivacycheckError(found.message)
        return found


def _score(path: Path, cache: _Checklists) -> Result:
    assessment = answers.load(path)
    if assessment.kind == "training":
        raise PrivacycheckError(f"{path}: a training exercise (scenario {assessment.scenario!r}), "
                                "not a practice's review")
    try:
        model = cache.get(assessment.checklist, path.parent)
    except PrivacycheckError as exc:  # the clinic's file first: several may name one checklist
        raise PrivacycheckError(f"{path}: its checklist {assessment.checklist!r} cannot be read: "
                                f"{exc.message}") from None
    scoring.check_profile(model, assessment, str(path))
    answers.check_threats(path, assessment, {t.id for t in model.threats})
    return scoring.score(model, assessment)


def _looks_like_other_toml(path: Path) -> bool:
    try:
        text = tomlfile.read_bytes(path, "checklist file").decode("utf-8", "replace")
    except PrivacycheckError:
        return False
    return _NOT_ANSWERS.search(text) is not None


def build(paths: Iterable[Path], every_review: bool = False) -> Portfolio:
    """Score every answers file in `paths` (files, or folders: their *.toml files, subfolders too).

    In a folder, checklist and scenario files are skipped (a consultant's own checklist
    often sits beside the answers that name it). Unless `every_review`, a practice with
    several reviews keeps only its latest one.
    """
    errors: list[FileError] = []
    files, in_folder = answer_files(paths, errors)
    cache = _Checklists()
    entries: list[Review] = []
    skipped: list[Path] = []
    seen: set[str] = set()
    for path in files:
        real = os.path.realpath(path)  # not Path.resolve(), which raises on a symlink loop
        if real in seen:
            continue
        seen.add(real)
        try:
            entries.append(Review(path, _score(path, cache)))
        except PrivacycheckError as exc:
            if path in in_folder and _looks_like_other_toml(path):
                skipped.append(path)
            else:
                errors.append(FileError(path, " ".join(exc.message.split())))
    superseded: list[Review] = []
    if not every_review:
        entries, superseded = _latest(entries)
    entries.sort(key=risk_key)
    return Portfolio(tuple(entries), tuple(errors), common_gaps(entries), tuple(superseded),
                     tuple(skipped))


def _latest(entries: list[Review]) -> tuple[list[Review], list[Review]]:
    """One review per practice (by name): the latest; the others are returned apart."""
    best: dict[str, Review] = {}
    for entry in entries:
        key = " ".join(entry.result.assessment.practice.split()).casefold()
        other = best.get(key)
        if other is None or _when(entry) > _when(other):
            best[key] = entry
    kept = set(map(id, best.values()))
    return ([e for e in entries if id(e) in kept],
            sorted((e for e in entries if id(e) not in kept), key=lambda e: str(e.path)))


def _when(entry: Review) -> tuple[object, ...]:
    a = entry.result.assessment
    return (a.updated, a.started, str(entry.path))


def common_gaps(entries: Iterable[Review]) -> tuple[Gap, ...]:
    """Items not fully in place, by how many practices have them open (then severity)."""
    open_count: Counter[str] = Counter()
    applies: Counter[str] = Counter()
    items: dict[str, Item] = {}
    for entry in entries:
        for r in entry.result.items:
            if not r.counted:
                continue
            applies[r.item.id] += 1
            if r.open:
                open_count[r.item.id] += 1
                items.setdefault(r.item.id, r.item)
    gaps = [Gap(i, items[i].question, items[i].severity, n, applies[i], items[i].title) for i, n in open_count.items()]
    gaps.sort(key=lambda g: (-g.count, SEVERITIES.index(g.severity), g.item_id))
    return tuple(gaps)
