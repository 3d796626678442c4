"""`privacycheck compare`: last year's review beside this year's, item by item."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from privacycheck.commands import output_options
from privacycheck.errors import PrivacycheckError

FORMATS = ("txt", "md", "html", "json", "pdf")
TEMPLATES = {"md": "compare.md.j2", "html": "compare.html.j2"}


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
    from privacycheck.analysis.compare import Review, compare
    from privacycheck.analysis.review import score_as_answered

    if len(args.reviews) < 2:
        raise PrivacycheckError(f"{args.reviews[0]}: compare needs two reviews or more (oldest first)")
    if len(args.reviews) > 2:
        return _trend(args)
    args.old, args.new = args.reviews
    fmt = output_options.check(args, "compare", FORMATS, [args.old, args.new])
    old = Review(args.old, score_as_answered(args.old))
    new = Review(args.new, score_as_answered(args.new))
    comparison = compare(old, new, load_earlier=score_as_answered)
    from privacycheck.reports import compare_report

    return _emit(args, fmt, compare_report, comparison, TEMPLATES, compare_report.print_comparison)


def _trend(args: argparse.Namespace) -> int:
    from privacycheck.analysis.compare import Review
    from privacycheck.analysis.review import score_as_answered
    from privacycheck.analysis.trend import trend
    from privacycheck.reports import trend_report

    fmt = output_options.check(args, "compare", FORMATS, args.reviews)
    if len({os.path.realpath(p) for p in args.reviews}) < len(args.reviews):  # a symlink loop does not raise
        raise PrivacycheckError("compare: the same file is named twice")
    result = trend([Review(path, score_as_answered(path)) for path in args.reviews])
    return _emit(args, fmt, trend_report, result, trend_report.TEMPLATES, trend_report.print_trend)


def _emit(args: argparse.Namespace, fmt: str, report: ModuleType, data: Any,
          templates: dict[str, str], print_on_screen: Callable[[Any, Any], None]) -> int:
    """Show a comparison or a trend on screen, or render it (`report`: its module's render_json,
    render_txt and context) and write it as the format asks."""
    if fmt == "txt" and args.output is None:
        from privacycheck.files.safe_text import console as safe_console

        print_on_screen(data, safe_console())
        return 0
    from privacycheck.reports.output import emit_document

    if fmt == "json":
        text = report.render_json(data)
    elif fmt == "txt":
        text = report.render_txt(data)
    else:
        from privacycheck.reports.report_context import FILTERS
        from privacycheck.reports.templates import render_template

        text = render_template(templates["html" if fmt == "pdf" else fmt], report.context(data),
                               args.templates, filters=FILTERS)
    emit_document(text, fmt, args.output, follow_umask=args.follow_umask, paper=args.paper)
    return 0
