"""A scenario's answer key for the trainer, as md, html or json: `train key`."""

from __future__ import annotations

from pathlib import Path

from privacycheck.model.answers import STATUS_LABELS
from privacycheck.reports.output import emit
from privacycheck.training import scenario
from privacycheck.training.scenario import Scenario

FORMATS = ("md", "html", "json")


def write_key(name: str, fmt: str, out: Path | None) -> None:
    """Print or write the model answers of scenario `name`, with their rationales, in `fmt`."""
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
        return
    from privacycheck.reports.templates import render_template
    from privacycheck.reports.wording import FILTERS

    sections = [(s, [it for it in items if it["section"] == s.id]) for s in model.checklist.sections]
    context = {"scenario": model, "sections": [(s, its) for s, its in sections if its],
               "profile": dict(model.profile), "questions": {q.id: q for q in model.checklist.profile},
               "inventory": inventory, "risks": risks}
    emit(render_template(f"train_key.{fmt}.j2", context, filters=FILTERS), out)


def _key_model(model: Scenario) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The model inventory and risk decisions as rows for the answer key."""
    from privacycheck.model.answers import INVENTORY_KINDS, RISK_DECISIONS
    from privacycheck.reports.risk_context import BAA_LABELS

    inventory = [
        {"name": e.name, "kind": e.kind, "kind_label": INVENTORY_KINDS[e.kind], "provider": e.provider,
         "baa": e.baa, "baa_label": BAA_LABELS[e.baa], "encrypted": e.encrypted, "note": e.note}
        for e in model.inventory
    ]
    risks = [
        {"threat_id": threat_id, "title": _threat_title(model, threat_id), "decision": r.decision,
         "decision_label": RISK_DECISIONS[r.decision].split(" (")[0], "rationale": r.rationale}
        for threat_id, r in model.risks.items()
    ]
    return inventory, risks


def _threat_title(model: Scenario, threat_id: str) -> str:
    threat = model.checklist.threat(threat_id)
    assert threat is not None  # scenario.load refuses a model risk for a threat its checklist lacks
    return threat.title
