"""`privacycheck verify`: which answers file a PDF report was made from, and whether a given
answers file is that one. Reads the answers file attached to the PDF; renders nothing."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "verify", help="check which answers file a PDF report or risk analysis was made from",
        description="A PDF report or risk analysis carries the answers file it was made from "
                    "(attached to it, with its SHA-256 checksum printed on the last page). verify "
                    "reads it: alone, it says what the report was made from; with an answers file, "
                    "whether that file is the same one (exit code 0) or which answers differ "
                    "(exit code 1). Nothing is rendered again.")
    p.add_argument("report", type=Path, metavar="REPORT.pdf", help="a PDF written by report -o FILE.pdf")
    p.add_argument("answers", type=Path, nargs="?", metavar="ANSWERS.toml",
                   help="the answers file to check against the report")


def run(args: argparse.Namespace) -> int:
    from privacycheck.reports import verify

    return verify.check(args.report, args.answers)
