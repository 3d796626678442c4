"""Open an answers file together with its checklist, and score it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from privacycheck.analysis import scoring
from privacycheck.analysis.scoring import Result
from privacycheck.model import answers
from privacycheck.model import checklist as checklists
from privacycheck.model.answers import Assessment
from privacycheck.model.checklist import Checklist

if TYPE_CHECKING:
    from privacycheck.analysis.compare import Comparison
    from privacycheck.analysis.trend import Trend


def open_review(path: Path, checklist: str | None = None,
                strict_threats: bool = True) -> tuple[Checklist, Assessment]:
    """Read `path` and the checklist it names (or `checklist`, an id or a path from the cwd).
    A rating of a threat the checklist lacks is an error, unless not `strict_threats` (last
    year's file read for --from: such ratings are then left behind)."""
    assessment = answers.load(path)
    if checklist is not None:
        model = checklists.load(checklist)
    else:
        model = checklists.load(assessment.checklist, base=path.parent)
    scoring.check_profile(model, assessment, str(path))
    if strict_threats:
        answers.check_threats(path, assessment, {t.id for t in model.threats})
    return model, assessment


def score_file(path: Path, checklist: str | None = None) -> Result:
    return scoring.score(*open_review(path, checklist))


def score_as_answered(path: Path) -> Result:
    """Score a review against the checklist version it was answered with, where that is an
    archived earlier version of a bundled checklist; otherwise as `score_file` does."""
    from privacycheck.files.resources import archived_checklist, bundled_checklists

    assessment = answers.load(path)
    if assessment.checklist in bundled_checklists():
        archived = archived_checklist(assessment.checklist, assessment.checklist_version)
        if archived is not None and checklists.load(assessment.checklist).version != assessment.checklist_version:
            return score_file(path, str(archived))
    return score_file(path)


def checklist_ref(model: Checklist, answers_path: Path) -> str:
    """How an answers file at `answers_path` should name `model`: id, or a relative path."""
    if model.bundled:
        return model.id
    target = model.path.resolve()
    try:
        return str(target.relative_to(answers_path.resolve().parent))
    except ValueError:
        import os

        return os.path.relpath(target, answers_path.resolve().parent)


def compare_files(old: Path, new: Path) -> Comparison:
    """Two reviews of a practice, each scored as it was answered, compared (old first)."""
    from privacycheck.analysis.compare import Review, compare

    return compare(Review(old, score_as_answered(old)), Review(new, score_as_answered(new)),
                   load_earlier=score_as_answered)


def trend_files(paths: list[Path]) -> Trend:
    """Three reviews or more of a practice, oldest first, each scored as it was answered."""
    from privacycheck.analysis.compare import Review
    from privacycheck.analysis.trend import trend

    return trend([Review(path, score_as_answered(path)) for path in paths])


def changed_items(old: Assessment, model: Checklist) -> frozenset[str]:
    """Ids of the items whose question or references differ between the checklist version `old`
    was answered with (where it is archived) and `model`: next year's review asks them afresh."""
    from privacycheck.files.resources import archived_checklist

    if old.checklist_version == model.version or not model.bundled:
        return frozenset()
    archived = archived_checklist(model.id, old.checklist_version)
    if archived is None:
        return frozenset()
    earlier = list(checklists.load(str(archived)).items())
    # a citation from a source the earlier version never cited (the ethics code of another
    # profession, added for social workers, say) changes nothing the practice answered
    known = {_source(ref) for item in earlier for ref in item.references}
    before = {item.id: (item.question, item.references) for item in earlier}
    return frozenset(item.id for item in model.items() if item.id in before and before[item.id] != (
        item.question, tuple(ref for ref in item.references if _source(ref) in known)))


def _source(reference: str) -> str:
    """Which code or rule a citation is from: all but its last word ("45 CFR", "APA Ethics Code")."""
    return reference.rsplit(" ", 1)[0]
