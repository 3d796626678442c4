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
            when = " and ".join(c.describe() for c in q.applies_when)
            console.print(Text(f"  {q.id}: {q.question} ({kind})" + (f" (asked when {when})" if when else "")))
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


def show_states(as_json: bool = False) -> None:
    """The bundled state-law table: one block per state (the rule in a few words and its
    citations), or all of it as JSON."""
    from privacycheck.model import state_law

    law = state_law.bundled()
    if as_json:
        from privacycheck.reports.output import emit

        emit(json.dumps(state_law.to_json(law), indent=2, ensure_ascii=False) + "\n", None)
        return
    import shutil
    import textwrap

    width = max(min(shutil.get_terminal_size((80, 24)).columns - 1, 100), 40)
    as_of = f" as of {law.as_of.isoformat()}" if law.as_of else ""
    lines = [f"US state law for a therapy practice{as_of}.",
             f'"{state_law.CHECK}": not read in the law\'s own text yet.', ""]
    topics = (("duty_to_protect", "Duty to warn or protect"), ("minor_consent", "Minor may consent alone"),
              ("breach_notice", "Breach notice to residents"), ("record_retention", "Records kept"))
    for code, state in sorted(law.states.items()):
        lines.append(f"{code}  {state.name}")
        for topic, label in topics:
            value, refs = state_law.summary(state, topic)
            text = f"{label}: {value}" + (f" ({'; '.join(refs)})" if refs else "")
            lines += textwrap.wrap(text, width, initial_indent="    ", subsequent_indent="      ")
        for other in state.other:
            text = f"{other.summary} ({'; '.join(other.refs)})"
            lines += textwrap.wrap(text, width, initial_indent="    ", subsequent_indent="      ")
        lines.append("")
    print(for_terminal("\n".join(lines).rstrip("\n")))
