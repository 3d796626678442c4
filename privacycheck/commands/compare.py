"""`privacycheck compare`: last year's review beside this year's, item by item."""

from __future__ import annotations

import argparse
from pathlib import Path

from privacycheck.commands import output_options

FORMATS = ("txt", "md", "html", "json", "pdf")
TEMPLATES = {"md": "compare.md.j2", "html": "compare.html.j2"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "compare", help="compare two reviews of a practice (e.g. last year and this year)",
        description="Compare two reviews of the same practice: the change in the overall and "
                    "section scores and the rating, the gaps closed, what has slipped, what is "
                    "still open and for how many reviews, and items new to the checklist. "
                    "Each file is scored against the checklist it names (for a bundled checklist, "
                    "the version it was answered with, where that version is kept), so reviews "
                    "made with different checklist versions compare too: new, reworded and "
                    "removed items are named.")
    p.add_argument("old", type=Path, metavar="OLD.toml", help="the earlier review")
    p.add_argument("new", type=Path, metavar="NEW.toml", help="the later review")
    output_options.add(p, FORMATS, "folder of templates that override the bundled "
                                   "compare.md.j2 / compare.html.j2")


def run(args: argparse.Namespace) -> int:
    from privacycheck.compare import Review, compare
    from privacycheck.review import score_as_answered

    fmt = output_options.check(args, "compare", FORMATS, [args.old, args.new])
    old = Review(args.old, score_as_answered(args.old))
    new = Review(args.new, score_as_answered(args.new))
    comparison = compare(old, new, load_earlier=score_as_answered)
    if fmt == "txt" and args.output is None:
        from privacycheck.compare_report import print_comparison
        from privacycheck.safe_text import console as safe_console

        print_comparison(comparison, safe_console())
        return 0
    from privacycheck import compare_report
    from privacycheck.output import emit_document

    if fmt == "json":
        text = compare_report.render_json(comparison)
    elif fmt == "txt":
        text = compare_report.render_txt(comparison)
    else:
        from privacycheck.report_context import FILTERS
        from privacycheck.templates import render_template

        text = render_template(TEMPLATES["html" if fmt == "pdf" else fmt],
                               compare_report.context(comparison), args.templates, filters=FILTERS)
    emit_document(text, fmt, args.output, follow_umask=args.follow_umask, paper=args.paper)
    return 0
