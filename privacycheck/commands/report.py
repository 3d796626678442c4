"""`privacycheck report`: score an answers file and write the report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from privacycheck.commands import output_options
from privacycheck.errors import PrivacycheckError

EXIT_BELOW = 3
REPORT_FORMATS = ("txt", "html", "md", "json", "csv", "pdf")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("report", help="score an answers file and write its report",
                       description="Score an answers file and write its report.")
    p.add_argument("answers", type=Path, metavar="ANSWERS.toml")
    output_options.add(p, REPORT_FORMATS, "folder of report templates that override the bundled ones")
    p.add_argument("--full", action="store_true",
                   help="on a terminal, the whole report through a pager (default: one screen "
                        "of summary; piped or with -o the text report is always whole)")
    p.add_argument("-c", "--checklist", metavar="CHECKLIST",
                   help="score against this checklist (bundled id or file) instead of the one "
                        "the answers file names")
    p.add_argument("--fail-under", type=float, metavar="SCORE",
                   help="exit with code 3 when the overall score is below SCORE")
    p.add_argument("--risk-analysis", action="store_true",
                   help="write the risk analysis and risk management plan (the document to keep "
                        "on file) instead of the assessment report")


def run(args: argparse.Namespace) -> int:
    from privacycheck.reports.render import write_report

    if args.fail_under is not None and not 0 <= args.fail_under <= 100:
        raise PrivacycheckError(f"--fail-under {args.fail_under:g}: expected a score from 0 to 100")
    dest = output_options.destination(args, "report", REPORT_FORMATS, [args.answers])
    result = write_report(args.answers, dest, args.checklist, args.full, args.risk_analysis)
    if args.fail_under is not None and (result.score or 0.0) < args.fail_under:
        score = "no score" if result.score is None else f"score {result.score:.1f}"
        from privacycheck.files.safe_text import for_terminal

        sys.stderr.write(for_terminal(f"{args.answers}: {score} is below --fail-under "
                                      f"{args.fail_under:g}") + "\n")
        return EXIT_BELOW
    return 0
