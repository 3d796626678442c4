"""`privacycheck checklists list | show | validate`: browse and check checklist files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("checklists", help="list, show and validate checklists",
                       description="List the bundled checklists, show one, or validate checklist files.")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="the bundled checklists", description="List the bundled checklists.")
    show = actions.add_parser("show", help="print a checklist's questions",
                              description="Print a checklist (bundled id or file path).")
    show.add_argument("checklist", metavar="ID_OR_PATH")
    show.add_argument("--json", action="store_true", help="the whole checklist as JSON")
    val = actions.add_parser("validate", help="check checklist files, reporting every problem",
                             description="Check checklist files; every problem is listed with its "
                                         "location. Exit code 2 when any file has a problem.")
    val.add_argument("paths", nargs="+", type=Path, metavar="PATH")


def _print(text: object) -> None:
    from privacycheck.files.safe_text import for_terminal

    print(for_terminal(text))


def run(args: argparse.Namespace) -> int:
    return {"list": _list, "show": _show, "validate": _validate}[args.action](args)


def _list(args: argparse.Namespace) -> int:
    from privacycheck.files.resources import bundled_checklists
    from privacycheck.model import checklist

    for ident in bundled_checklists():
        model = checklist.load(ident)
        count = sum(1 for _ in model.items())
        _print(f"{model.id}  {model.version}  {count} items  {model.title}")
    return 0


def _show(args: argparse.Namespace) -> int:
    from privacycheck.model import checklist

    model = checklist.load(args.checklist)
    if args.json:
        from privacycheck.reports.output import emit

        emit(json.dumps(checklist.to_json(model), indent=2, ensure_ascii=False) + "\n", None)
        return 0
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
    return 0


def _validate(args: argparse.Namespace) -> int:
    from privacycheck.model import checklist
    from privacycheck.training import scenario

    failed = False
    for path in args.paths:
        is_scenario = scenario.is_scenario_file(path)
        problems = (scenario.validate if is_scenario else checklist.validate)(path)
        if problems:
            failed = True
            for problem in problems:
                _print(problem)
            _print(f"{path}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
        elif is_scenario:
            s = scenario.load(str(path))
            if s.checklist.untitled:
                _print(checklist.untitled_warning(s.checklist, about=path))
            _print(f"{path}: OK (scenario, model answers for {len(s.items())} items)")
        else:
            model = checklist.read_valid(path)
            assert model is not None
            if model.untitled:
                _print(checklist.untitled_warning(model))
            _print(f"{path}: OK ({sum(1 for _ in model.items())} items, version {model.version})")
    return 2 if failed else 0
