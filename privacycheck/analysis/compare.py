"""Two reviews of one practice side by side: what changed between them, item by item.

Each review is scored by the one scoring function against the checklist it names itself,
so two years that used different checklist versions still compare; nothing is re-scored here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from privacycheck.analysis.scoring import ItemResult, Result
from privacycheck.model.checklist import LEVELS, SEVERITIES
from privacycheck.model.record import record

# How an item moved between the two reviews, in the order reports list them.
CATEGORIES = ("regressed", "still_open", "resolved", "new", "now_applicable", "not_applicable",
              "removed", "in_place")
CATEGORY_TITLES = {
    "regressed": "Regressed: in place before, not now",
    "still_open": "Still open",
    "resolved": "Resolved: gaps closed since the last review",
    "new": "New in the checklist",
    "now_applicable": "Applies now, did not before",
    "not_applicable": "No longer applies",
    "removed": "No longer in the checklist",
    "in_place": "In place in both reviews",
}
MAX_HISTORY = 25  # earlier reviews followed through `carried_from`, at most


@record
class Review:
    """One scored review and the file it came from."""

    path: Path
    result: Result


@record
class ItemChange:
    item_id: str
    question: str
    section_id: str
    severity: str
    old_status: str | None  # yes | partial | no | unknown | na | unanswered; None: not asked
    new_status: str | None
    category: str  # one of CATEGORIES
    title: str = ""  # the item's short name, shown in every list
    why: str = ""  # for new / removed / (not_|now_)applicable: the reason in a few words
    open_reviews: int = 0  # still_open: consecutive reviews, ending with NEW, it has been open


@record
class SectionChange:
    id: str
    title: str
    old_score: float | None  # one decimal, as every report prints it; None: not scored
    new_score: float | None

    @property
    def delta(self) -> float | None:
        return _delta(self.old_score, self.new_score)


@record
class RiskChange:
    """One threat's level of risk in each review (None: out of scope or not in its catalog)."""

    threat_id: str
    title: str
    old_level: str | None
    new_level: str | None

    @property
    def change(self) -> str:
        """rose | fell | same | new (rated now only) | gone (rated before only)."""
        if self.old_level is None:
            return "new"
        if self.new_level is None:
            return "gone"
        diff = LEVELS.index(self.new_level) - LEVELS.index(self.old_level)
        return "rose" if diff > 0 else "fell" if diff < 0 else "same"


@record
class Comparison:
    old: Review
    new: Review
    sections: tuple[SectionChange, ...]
    items: tuple[ItemChange, ...]  # every item asked in either review: by category, severity
    history: tuple[Path, ...]  # earlier reviews (before OLD) followed for the "open for" counts
    notes: tuple[str, ...]  # things to be aware of: different practices, order of dates, ...
    risks: tuple[RiskChange, ...] = ()  # every threat rated in either review: rose, fell, then the rest

    @property
    def old_score(self) -> float | None:
        return _round(self.old.result.score)

    @property
    def new_score(self) -> float | None:
        return _round(self.new.result.score)

    @property
    def score_delta(self) -> float | None:
        return _delta(self.old_score, self.new_score)

    @property
    def rating_changed(self) -> bool:
        return self.old.result.rating != self.new.result.rating

    @property
    def checklist_differs(self) -> bool:
        a, b = self.old.result.checklist, self.new.result.checklist
        return (a.id, a.version, a.sha256) != (b.id, b.version, b.sha256)

    def category(self, name: str) -> tuple[ItemChange, ...]:
        return tuple(c for c in self.items if c.category == name)

    def ids(self, name: str) -> list[str]:
        return [c.item_id for c in self.items if c.category == name]


def _round(score: float | None) -> float | None:
    return None if score is None else round(score, 1)


def _delta(old: float | None, new: float | None) -> float | None:
    """The change between two printed scores, so the figures a reader sees add up."""
    return None if old is None or new is None else round(new - old, 1)


def _state(result: Result) -> dict[str, ItemResult]:
    return {r.item.id: r for r in result.items}


def _classify(item_id: str, old: Result, new: Result, old_items: dict[str, ItemResult],
              new_items: dict[str, ItemResult]) -> tuple[str, str] | None:
    """(category, why) for one item id, or None when neither review asked it."""
    o, n = old_items.get(item_id), new_items.get(item_id)
    in_old = old.checklist.item(item_id) is not None
    in_new = new.checklist.item(item_id) is not None
    if n is None:  # not asked now
        if not in_new:
            return ("removed", "no longer in the checklist") if in_old else None
        if o is None or o.status == "na":
            return None  # asked in neither review (or not applicable in both)
        return "not_applicable", "no longer applies under the practice profile"
    if o is None:
        if not in_old:
            return "new", "added to the checklist"
        return "now_applicable", "applies now under the practice profile"
    if n.status == "na":
        if o.status == "na":
            return None
        return "not_applicable", "marked not applicable"
    if o.status == "na":
        return "now_applicable", "was marked not applicable"
    if n.open:
        return ("still_open", "") if o.open else ("regressed", "")
    if not o.open:
        return "in_place", ""
    since = n.held_since  # the day it was put in place, where the answers file records it
    if since is not None and since > old.assessment.date:
        return "resolved", f"put in place on {since.day} {since:%B %Y}"
    return "resolved", ""


def compare(old: Review, new: Review,
            load_earlier: Callable[[Path], Result] | None = None) -> Comparison:
    """Compare two scored reviews. `load_earlier(path)` scores an earlier review named by
    OLD's `carried_from`, to count how many reviews an item has stayed open (optional)."""
    a, b = old.result, new.result
    old_items, new_items = _state(a), _state(b)
    order = [i.id for i in b.checklist.items()]
    in_new = set(order)
    order += [i.id for i in a.checklist.items() if i.id not in in_new]
    history, earlier_results = _history(old, load_earlier)
    earlier = [_state(result) for result in earlier_results]  # once, not once per item
    changes: list[ItemChange] = []
    for item_id in order:
        verdict = _classify(item_id, a, b, old_items, new_items)
        if verdict is None:
            continue
        category, why = verdict
        item = b.checklist.item(item_id) or a.checklist.item(item_id)
        assert item is not None
        before = a.checklist.item(item_id)
        if not why and before is not None and before.question != item.question:
            why = f"reworded in checklist {b.checklist.version}"
        o, n = old_items.get(item_id), new_items.get(item_id)
        reviews = 0
        if category == "still_open":
            reviews = 2
            for state in earlier:
                r = state.get(item_id)
                if r is None or not r.open:
                    break
                reviews += 1
        changes.append(ItemChange(
            item_id=item_id, question=item.question, title=item.title, section_id=item.section_id,
            severity=item.severity, old_status=o.status if o else None,
            new_status=n.status if n else None, category=category, why=why, open_reviews=reviews,
        ))
    # Category, then severity (critical first); checklist order within (the sort is stable).
    changes.sort(key=lambda c: (CATEGORIES.index(c.category), SEVERITIES.index(c.severity)))
    return Comparison(old=old, new=new, sections=_sections(a, b), items=tuple(changes),
                      history=history, notes=_notes(old, new), risks=_risks(a, b))


def _risks(a: Result, b: Result) -> tuple[RiskChange, ...]:
    """Each threat's level in both reviews, from the one risk analysis (privacycheck.analysis.risk)."""
    from privacycheck.analysis.risk import analyse

    before = {r.threat.id: r for r in analyse(a).risks}
    after = {r.threat.id: r for r in analyse(b).risks}
    ids = list(after) + [t for t in before if t not in after]
    rows = [RiskChange(t, (after.get(t) or before[t]).threat.title,
                       before[t].level if t in before else None, after[t].level if t in after else None)
            for t in ids]
    order = ("rose", "fell", "new", "gone", "same")
    return tuple(sorted(rows, key=lambda r: order.index(r.change)))


def _sections(a: Result, b: Result) -> tuple[SectionChange, ...]:
    old = {s.section.id: s for s in a.sections}
    new = {s.section.id: s for s in b.sections}
    ids = [s.id for s in b.checklist.sections if s.id in old or s.id in new]
    ids += [s.id for s in a.checklist.sections if s.id in old and s.id not in ids]
    rows = []
    for sid in ids:
        before, after = old.get(sid), new.get(sid)
        section = (after or before)
        assert section is not None
        rows.append(SectionChange(sid, section.section.title,
                                  _round(before.score) if before else None,
                                  _round(after.score) if after else None))
    return tuple(rows)


def _history(old: Review, load: Callable[[Path], Result] | None) -> tuple[tuple[Path, ...], list[Result]]:
    """Earlier reviews, newest first, following `carried_from` from OLD while the files exist."""
    from privacycheck.errors import PrivacycheckError

    paths: list[Path] = []
    results: list[Result] = []
    if load is None:
        return (), results
    import os

    seen = {os.path.realpath(old.path)}  # realpath: a symlink loop does not raise
    current = old
    while current.result.assessment.carried_from and len(paths) < MAX_HISTORY:
        path = current.path.parent / current.result.assessment.carried_from
        try:
            if os.path.realpath(path) in seen or not path.is_file():
                break
        except (OSError, ValueError):
            break  # a name no file can have (too long, a NUL byte) ends the history too
        seen.add(os.path.realpath(path))
        try:
            result = load(path)
        except PrivacycheckError:
            break  # an earlier file that cannot be read ends the history, quietly
        paths.append(path)
        results.append(result)
        current = Review(path, result)
    return tuple(paths), results


def _notes(old: Review, new: Review) -> tuple[str, ...]:
    a, b = old.result, new.result
    notes = []
    if a.assessment.practice.strip().casefold() != b.assessment.practice.strip().casefold():
        notes.append(f"The two files name different practices ({a.assessment.practice!r} and "
                     f"{b.assessment.practice!r}); check that they are two reviews of the same one.")
    if a.assessment.date > b.assessment.date:
        notes.append(f"The first file ({old.path}) is the later review "
                     f"({a.assessment.date.isoformat()} after {b.assessment.date.isoformat()}): "
                     "give the older review first to see the change from it.")
    ca, cb = a.checklist, b.checklist
    if (ca.id, ca.version, ca.sha256) != (cb.id, cb.version, cb.sha256):
        same = ca.id == cb.id and ca.version == cb.version
        versions = (f"{ca.id} {ca.version} and {cb.id} {cb.version}" if not same
                    else f"{ca.id} {ca.version}, edited in between")
        notes.append(f"The two reviews used different checklists ({versions}). Each is scored "
                     "against its own checklist; items only one of them has are listed as new "
                     "or no longer in the checklist.")
    for review in (old, new):
        if review.result.incomplete:
            n = review.result.counts
            notes.append(f"{review.path} is incomplete: {n.unanswered} of {n.applicable} "
                         "applicable items are not answered (they count as Don't know).")
    return tuple(notes)
