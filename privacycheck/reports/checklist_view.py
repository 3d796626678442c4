"""Checklists on the terminal: the bundled ones listed, and one shown or given as JSON (`checklists list | show`)."""

from __future__ import annotations

import json

from privacycheck.files.resources import bundled_checklists
from privacycheck.files.safe_text import for_terminal
from privacycheck.model import checklist


def print_list() -> None:
    """One line per bundled checklist: id, version, how many items, title."""
    for ident in bundled_checklists():
        model = checklist.load(ident)
        count = sum(1 for _ in model.items())
        print(for_terminal(f"{model.id}  {model.version}  {count} items  {model.title}"))


def show(name: str, as_json: bool = False) -> None:
    """Print checklist `name` (a bundled id or a file): its profile questions and its items by
    section, with the conditions under which they apply; or, `as_json`, all of it as JSON."""
    model = checklist.load(name)
    if as_json:
        from privacycheck.reports.output import emit

        emit(json.dumps(checklist.to_json(model), indent=2, ensure_ascii=False) + "\n", None)
        return
    from rich.text import Text

    from privacycheck.files.safe_text import console as safe_console

    console = safe_console()
    console.print(Text(f"{model.title}", style="bold"))
    console.print(Text(f"{model.id} {model.version} · {model.path}", style="dim"))
    if model.description:
        console.print(Text(model.description))
    if model.profile:
        console.print(Text("\nProfile questions", style="bold"))
        for q in model.profile:
            kind = f"one of: {', '.join(q.choices)}" if q.choices else q.type
            console.print(Text(f"  {q.id}: {q.question} ({kind})"))
    for section in model.sections:
        cond = " and ".join(c.describe() for c in section.applies_when)
        console.print(Text(f"\n{section.title}" + (f" (when {cond})" if cond else ""), style="bold"))
        for item in section.items:
            line = Text(f"  {item.id} ", style="dim")
            line.append(f"[{item.severity}] ")
            line.append(item.question)
            if item.applies_when:
                line.append(" (when " + " and ".join(c.describe() for c in item.applies_when) + ")",
                            style="dim")
            console.print(line)
