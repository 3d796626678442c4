"""`privacycheck checklists list | show | validate`: browse and check checklist files."""

from __future__ import annotations

import argparse
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
    states = actions.add_parser("states", help="the US state-law table",
                                description="The US state-law table beside the bundled checklist: for each "
                                            "state and DC, the duty to warn or protect, minors' consent, the "
                                            "breach notice deadline and record retention, each with its "
                                            "citation (empty: check with your licensing board).")
    states.add_argument("--json", action="store_true", help="the whole table as JSON (docs/json-schema.md)")


def run(args: argparse.Namespace) -> int:
    if args.action == "validate":
        from privacycheck.training.file_check import validate_files

        return validate_files(args.paths)
    from privacycheck.reports import checklist_view

    if args.action == "states":
        checklist_view.show_states(as_json=args.json)
        return 0
    if args.action == "list":
        checklist_view.print_list()
    else:
        checklist_view.show(args.checklist, as_json=args.json)
    return 0
