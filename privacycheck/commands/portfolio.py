"""`privacycheck portfolio`: every practice's review in one table, riskiest first."""

from __future__ import annotations

import argparse
from pathlib import Path

from privacycheck.commands import output_options
from privacycheck.errors import PrivacycheckError

FORMATS = ("txt", "md", "html", "json", "csv", "pdf")
TEMPLATES = {"md": "portfolio.md.j2", "html": "portfolio.html.j2"}


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
    from privacycheck.analysis.portfolio import answer_files, build

    for path in args.paths:
        if not path.exists():
            raise PrivacycheckError(f"{path}: no such file or folder")
    inputs = answer_files(args.paths)[0] if args.output is not None else []
    fmt = output_options.check(args, "portfolio", FORMATS, inputs)
    portfolio = build(args.paths, every_review=args.every_review)
    if not portfolio.entries and not portfolio.errors:
        where = ", ".join(str(p) for p in args.paths)
        raise PrivacycheckError(f"{where}: no answers files found (looked for *.toml)")
    on_screen = fmt == "txt" and args.output is None
    if on_screen:
        from privacycheck.files.safe_text import console as safe_console
        from privacycheck.reports.portfolio_report import print_portfolio

        print_portfolio(portfolio, safe_console())
    else:
        from privacycheck.reports import portfolio_report
        from privacycheck.reports.output import emit_document

        if fmt == "json":
            text = portfolio_report.render_json(portfolio)
        elif fmt == "csv":
            text = portfolio_report.render_csv(portfolio)
        elif fmt == "txt":
            text = portfolio_report.render_txt(portfolio)
        else:
            from privacycheck.reports.report_context import FILTERS
            from privacycheck.reports.templates import render_template

            text = render_template(TEMPLATES["html" if fmt == "pdf" else fmt],
                                   portfolio_report.context(portfolio), args.templates,
                                   filters=FILTERS)
        emit_document(text, fmt, args.output, follow_umask=args.follow_umask, paper=args.paper)
        from privacycheck.commands import print_error

        for error in portfolio.errors:  # the output lists them too; say so where a person looks
            print_error(error.message)
    return 2 if portfolio.errors else 0
