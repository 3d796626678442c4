"""A class's answers files graded against a scenario, written as txt, json or csv: `train grade`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from privacycheck.errors import PrivacycheckError
from privacycheck.model import answers
from privacycheck.reports.output import emit
from privacycheck.training import scenario, training
from privacycheck.training.scenario import Scenario
from privacycheck.training.training import Grade

FORMATS = ("txt", "json", "csv")


def grade_class(name: str, files: list[Path], fmt: str, out: Path | None,
                on_error: Callable[[str], None]) -> int:
    """Grade each answers file against scenario `name` and print or write the grades in `fmt`.
    A file that cannot be graded is passed to `on_error` and listed; then the exit code is 2."""
    model = scenario.load(name)
    grades: list[Grade] = []
    errors: list[str] = []
    for path in files:
        try:
            assessment = answers.load(path)
            if assessment.scenario and assessment.scenario != model.id:
                raise PrivacycheckError(f"{path}: answers are for scenario {assessment.scenario!r}, not {model.id!r}")
            grades.append(training.grade(model, assessment, path))
        except PrivacycheckError as exc:
            errors.append(exc.message)
    for message in errors:
        on_error(message)
    emit({"txt": _grade_txt, "json": _grade_json, "csv": _grade_csv}[fmt](model, grades, errors), out)
    return 2 if errors else 0


def _grade_rows(grades: list[Grade]) -> list[dict[str, Any]]:
    return [
        {
            "file": str(g.file), "trainee": g.trainee, "accuracy": round(g.accuracy, 1),
            "agreed": g.count("agreed"), "close": g.count("close"), "missed": g.count("missed"),
            "false_alarm": g.count("false-alarm"), "differs": g.count("differs"),
            "unsure": g.count("unsure"), "unanswered": g.count("unanswered"),
            "missed_critical": [f.item.id for f in g.missed_critical],
            **_model_rows(g),
        }
        for g in grades
    ]


def _model_rows(g: Grade) -> dict[str, list[str]]:
    """The trainee's inventory and risk decisions against the scenario's model ones."""
    a = g.assessment
    if a is None:
        return {"inventory_missing_kinds": [], "agreements_missed": [], "risk_decisions_differ": []}
    return {
        "inventory_missing_kinds": list(training.missing_kinds(g.scenario, a)),
        "agreements_missed": [e.name for e in training.missed_agreements(g.scenario, a)],
        "risk_decisions_differ": training.risks_differ(g.scenario, a),
    }


def _grade_json(model: Scenario, grades: list[Grade], errors: list[str]) -> str:
    import json

    data = {
        "schema_version": 1,
        "scenario": model.id,
        "items": len(model.items()),
        "trainees": _grade_rows(grades),
        "hardest_items": [
            {"item_id": f.item.id, "wrong": n, "model_status": f.model.status, "title": f.item.title,
             "question": f.item.question}
            for f, n in training.hardest_items(grades)
        ],
        "errors": errors,
        "method": training.METHOD,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _grade_csv(model: Scenario, grades: list[Grade], errors: list[str]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    rows = _grade_rows(grades)
    columns = ["file", "trainee", "accuracy", "agreed", "close", "missed", "false_alarm",
               "differs", "unsure", "unanswered", "missed_critical"]
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    from privacycheck.files.safe_text import csv_cell

    for row in rows:
        row["missed_critical"] = "; ".join(row["missed_critical"])
        writer.writerow([csv_cell(row[c]) for c in columns])
    return buffer.getvalue()


def _grade_txt(model: Scenario, grades: list[Grade], errors: list[str]) -> str:
    lines = [f"{model.title} ({model.id}): {len(model.items())} items", ""]
    if grades:
        lines.append("Accuracy  Missed critical  Trainee")
        for g in sorted(grades, key=lambda g: -g.accuracy):
            lines.append(f"{g.accuracy:7.1f}%  {len(g.missed_critical):15d}  {g.trainee} ({g.file})")
        mean = sum(g.accuracy for g in grades) / len(grades)
        lines += ["", f"Class average: {mean:.1f}%", "", "Items the class got wrong most often:"]
        for f, n in training.hardest_items(grades)[:10]:
            lines.append(f"  {n}/{len(grades)} wrong  {f.item.id}  (model answer: {f.model_label})")
            lines.append(f"      {f.item.title}")
    for message in errors:
        lines.append(f"error: {message}")
    lines += ["", training.METHOD]
    from privacycheck.files.safe_text import for_terminal

    return for_terminal("\n".join(lines) + "\n")
