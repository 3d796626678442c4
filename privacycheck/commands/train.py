"""`privacycheck train`: scenario exercises, grading a class, and the trainer's answer key."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from privacycheck.errors import PrivacycheckError

USAGE = """privacycheck train --list
       privacycheck train [SCENARIO] [-o ANSWERS.toml] [--resume ANSWERS.toml]
       privacycheck train grade SCENARIO ANSWERS.toml... [-f txt|json|csv] [-o OUT]
       privacycheck train key SCENARIO [-f md|html|json] [-o OUT]"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "train", help="training exercises with fictional practices", usage=USAGE,
        description="Practise assessing a fictional practice, then get feedback against the "
                    "model answers. Trainers grade a class with 'train grade' and print the "
                    "answer key with 'train key'.")
    p.add_argument("words", nargs="*", metavar="SCENARIO | grade SCENARIO FILES | key SCENARIO")
    p.add_argument("--list", action="store_true", help="list the scenarios")
    p.add_argument("-f", "--format", help="grade: txt, json or csv; key: md, html or json")
    p.add_argument("-o", "--output", type=Path, metavar="OUT",
                   help="where to write (train: the trainee's answers file)")
    p.add_argument("--resume", type=Path, metavar="ANSWERS.toml", help="continue an exercise")
    p.add_argument("--plain", action="store_true",
                   help="plain mode for screen readers, as for assess (also with TERM=dumb or "
                        "PRIVACYCHECK_PLAIN=1)")


def run(args: argparse.Namespace) -> int:
    words: list[str] = args.words
    if args.list:
        return _list()
    if words and words[0] == "grade":
        if len(words) < 3:
            raise PrivacycheckError("train grade: give a scenario and at least one answers file")
        return _grade(words[1], [Path(w) for w in words[2:]], args.format or "txt", args.output)
    if words and words[0] == "key":
        if len(words) != 2:
            raise PrivacycheckError("train key: give exactly one scenario")
        return _key(words[1], args.format or "md", args.output)
    if len(words) > 1:
        raise PrivacycheckError(f"train: unexpected {' '.join(words[1:])!r} (see 'privacycheck train --help')")
    from privacycheck.training.train_walk import exercise

    return exercise(words[0] if words else None, args.output, args.resume, plain=args.plain)


def _list() -> int:
    from privacycheck.training import scenario

    for ident in scenario.bundled_scenarios():
        s = scenario.load(ident)
        time = f", about {s.minutes} minutes" if s.minutes else ""
        print(f"{s.id}  {s.title}  ({len(s.items())} items{time})")
    return 0


def _check_format(fmt: str, allowed: tuple[str, ...], what: str) -> None:
    if fmt not in allowed:
        raise PrivacycheckError(f"train {what}: format {fmt!r} is not one of {', '.join(allowed)}")


def _grade(name: str, files: list[Path], fmt: str, out: Path | None) -> int:
    from privacycheck.model import answers
    from privacycheck.reports.output import emit
    from privacycheck.training import scenario, training

    _check_format(fmt, ("txt", "json", "csv"), "grade")
    model = scenario.load(name)
    grades: list[training.Grade] = []
    errors: list[str] = []
    for path in files:
        try:
            assessment = answers.load(path)
            if assessment.scenario and assessment.scenario != model.id:
                raise PrivacycheckError(f"{path}: answers are for scenario {assessment.scenario!r}, not {model.id!r}")
            grades.append(training.grade(model, assessment, path))
        except PrivacycheckError as exc:
            errors.append(exc.message)
    from privacycheck.commands import print_error

    for message in errors:
        print_error(message)
    emit({"txt": _grade_txt, "json": _grade_json, "csv": _grade_csv}[fmt](model, grades, errors), out)
    return 2 if errors else 0


def _grade_rows(grades: list[Any]) -> list[dict[str, Any]]:
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


def _model_rows(g: Any) -> dict[str, list[str]]:
    """The trainee's inventory and risk decisions against the scenario's model ones."""
    from privacycheck.training import training

    a = g.assessment
    if a is None:
        return {"inventory_missing_kinds": [], "agreements_missed": [], "risk_decisions_differ": []}
    return {
        "inventory_missing_kinds": list(training.missing_kinds(g.scenario, a)),
        "agreements_missed": [e.name for e in training.missed_agreements(g.scenario, a)],
        "risk_decisions_differ": training.risks_differ(g.scenario, a),
    }


def _grade_json(model: Any, grades: list[Any], errors: list[str]) -> str:
    import json

    from privacycheck.training import training

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


def _grade_csv(model: Any, grades: list[Any], errors: list[str]) -> str:
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


def _grade_txt(model: Any, grades: list[Any], errors: list[str]) -> str:
    from privacycheck.training import training

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


def _key(name: str, fmt: str, out: Path | None) -> int:
    from privacycheck.model.answers import STATUS_LABELS
    from privacycheck.reports.output import emit
    from privacycheck.training import scenario

    _check_format(fmt, ("md", "html", "json"), "key")
    model = scenario.load(name)
    items = [
        {"item_id": i.id, "section": i.section_id, "title": i.title, "question": i.question, "severity": i.severity,
         "status": model.model[i.id].status, "label": STATUS_LABELS[model.model[i.id].status],
         "rationale": model.model[i.id].rationale, "why": i.why, "guidance": i.guidance}
        for i in model.items()
    ]
    inventory, risks = _key_model(model)
    if fmt == "json":
        import json

        data = {"schema_version": 1, "scenario": model.id, "title": model.title,
                "practice": model.practice, "checklist": model.checklist.id,
                "checklist_version": model.checklist.version, "profile": dict(model.profile),
                "vignette": model.vignette, "items": items, "inventory": inventory, "risks": risks,
                "debrief": model.debrief}
        emit(json.dumps(data, indent=2, ensure_ascii=False) + "\n", out)
        return 0
    from privacycheck.reports.report_context import FILTERS
    from privacycheck.reports.templates import render_template

    sections = [(s, [it for it in items if it["section"] == s.id]) for s in model.checklist.sections]
    context = {"scenario": model, "sections": [(s, its) for s, its in sections if its],
               "profile": dict(model.profile), "questions": {q.id: q for q in model.checklist.profile},
               "inventory": inventory, "risks": risks}
    emit(render_template(f"train_key.{fmt}.j2", context, filters=FILTERS), out)
    return 0


def _key_model(model: Any) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The model inventory and risk decisions as rows for the answer key."""
    from privacycheck.model.answers import INVENTORY_KINDS, RISK_DECISIONS
    from privacycheck.reports.risk_context import BAA_LABELS

    inventory = [
        {"name": e.name, "kind": e.kind, "kind_label": INVENTORY_KINDS[e.kind], "provider": e.provider,
         "baa": e.baa, "baa_label": BAA_LABELS[e.baa], "encrypted": e.encrypted, "note": e.note}
        for e in model.inventory
    ]
    risks = [
        {"threat_id": threat_id, "title": model.checklist.threat(threat_id).title, "decision": r.decision,
         "decision_label": RISK_DECISIONS[r.decision].split(" (")[0], "rationale": r.rationale}
        for threat_id, r in model.risks.items()
    ]
    return inventory, risks
