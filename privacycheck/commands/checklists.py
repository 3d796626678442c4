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


def run(args: argparse.Namespace) -> int:
    if args.action == "validate":
        from privacycheck.training.file_check import validate_files

        return validate_files(args.paths)
    from privacycheck.reports import checklist_view

    if args.action == "list":
        checklist_view.print_list()
    else:
        checklist_view.show(args.checklist, as_json=args.json)
    return 0
