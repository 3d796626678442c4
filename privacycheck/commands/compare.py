"""`privacycheck compare`: last year's review beside this year's, item by item."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from privacycheck.commands import output_options
from privacycheck.errors import PrivacycheckError

FORMATS = ("txt", "md", "html", "json", "pdf")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "compare", help="compare two reviews of a practice (e.g. last year and this year)",
        description="Compare two reviews of the same practice (or three and more: the trend): "
                    "the change in the overall and "
                    "section scores and the rating, the gaps closed, what has slipped, what is "
                    "still open and for how many reviews, and items new to the checklist. "
                    "Each file is scored against the checklist it names (for a bundled checklist, "
                    "the version it was answered with, where that version is kept), so reviews "
                    "made with different checklist versions compare too: new, reworded and "
                    "removed items are named.")
    p.add_argument("reviews", type=Path, nargs="+", metavar="REVIEW.toml",
                   help="two reviews (OLD.toml NEW.toml), or more, oldest first, for the trend: "
                        "score and rating per review, each section's line, what was resolved "
                        "and what regressed between each pair, and what has been open longest")
    output_options.add(p, FORMATS, "folder of templates that override the bundled "
                                   "compare.md.j2 / compare.html.j2")


def run(args: argparse.Namespace) -> int:
    if len(args.reviews) < 2:
        raise PrivacycheckError(f"{args.reviews[0]}: compare needs two reviews or more (oldest first)")
    dest = output_options.destination(args, "compare", FORMATS, args.reviews)
    if len(args.reviews) == 2:
        from privacycheck.reports import compare_report

        compare_report.write(args.reviews[0], args.reviews[1], dest)
        return 0
    if len({os.path.realpath(p) for p in args.reviews}) < len(args.reviews):  # a symlink loop does not raise
        raise PrivacycheckError("compare: the same file is named twice")
    from privacycheck.reports import trend_report

    trend_report.write(args.reviews, dest)
    return 0
