"""`privacycheck portfolio`: every practice's review in one table, riskiest first."""

from __future__ import annotations

import argparse
from pathlib import Path

from privacycheck.commands import output_options
from privacycheck.errors import PrivacycheckError

FORMATS = ("txt", "md", "html", "json", "csv", "pdf")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "portfolio", help="one summary of many practices' reviews, riskiest first",
        description="Score many answers files at once (files, or folders of .toml files) and "
                    "list the practices riskiest first, with the safeguards most often "
                    "missing across them. A file that cannot be read is listed as an error "
                    "and the rest carry on (exit code 2 when any failed).")
    p.add_argument("paths", type=Path, nargs="+", metavar="ANSWERS.toml | DIR",
                   help="answers files, or folders whose .toml answers files to include")
    p.add_argument("--every-review", action="store_true",
                   help="list every file, even when a practice has several reviews "
                        "(default: only each practice's latest review)")
    output_options.add(p, FORMATS, "folder of templates that override the bundled "
                                   "portfolio.md.j2 / portfolio.html.j2")


def run(args: argparse.Namespace) -> int:
    from privacycheck.analysis.portfolio import answer_files
    from privacycheck.reports import portfolio_report

    for path in args.paths:
        if not path.exists():
            raise PrivacycheckError(f"{path}: no such file or folder")
    inputs = answer_files(args.paths)[0] if args.output is not None else []
    dest = output_options.destination(args, "portfolio", FORMATS, inputs)
    portfolio = portfolio_report.write(args.paths, dest, every_review=args.every_review)
    if not dest.on_screen:  # the output lists them too; say so where a person looks
        from privacycheck.commands import print_error

        for error in portfolio.errors:
            print_error(error.message)
    return 2 if portfolio.errors else 0
