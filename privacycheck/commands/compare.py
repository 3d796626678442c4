"""`privacycheck compare`: last year's review beside this year's, item by item."""

from __future__ import annotations

import argparse
from pathlib import Path

from privacycheck.errors import PrivacycheckError

FORMATS = ("txt", "md", "html", "json")
TEMPLATES = {"md": "compare.md.j2", "html": "compare.html.j2"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "compare", help="compare two reviews of a practice (e.g. last year and this year)",
        description="Compare two reviews of the same practice: the change in the overall and "
                    "section scores and the rating, the gaps closed, what has slipped, what is "
                    "still open and for how many reviews, and items new to the checklist. "
                    "Each file is scored against the checklist it names, so reviews made "
                    "with different checklist versions compare too.")
    p.add_argument("old", type=Path, metavar="OLD.toml", help="the earlier review")
    p.add_argument("new", type=Path, metavar="NEW.toml", help="the later review")
    p.add_argument("-f", "--format", choices=FORMATS,
                   help="output format (default: from the -o suffix, else txt)")
    p.add_argument("-o", "--output", type=Path, metavar="OUT",
                   help="write to this file (created private, mode 0600) instead of the screen")
    p.add_argument("--follow-umask", action="store_true",
                   help="create the -o file with the mode your umask gives (e.g. 0644) instead "
                        "of 0600, to share it through a folder")
    p.add_argument("--templates", type=Path, metavar="DIR",
                   help="folder of templates that override the bundled compare.md.j2 / compare.html.j2")


def run(args: argparse.Namespace) -> int:
    from privacycheck.compare import Review, compare
    from privacycheck.render import guess_format
    from privacycheck.review import score_file

    fmt = args.format or guess_format(args.output)
    if fmt not in FORMATS:
        raise PrivacycheckError(f"{args.output}: compare writes {', '.join(FORMATS)}; use -f to choose")
    if args.templates is not None and not args.templates.is_dir():
        raise PrivacycheckError(f"{args.templates}: --templates must be a folder")
    if args.output is not None and args.output.resolve() in (args.old.resolve(), args.new.resolve()):
        raise PrivacycheckError(f"{args.output}: this is an answers file; give the output "
                                "another name with -o")
    old = Review(args.old, score_file(args.old))
    new = Review(args.new, score_file(args.new))
    comparison = compare(old, new, load_earlier=score_file)
    if fmt == "txt" and args.output is None:
        from rich.console import Console

        from privacycheck.compare_report import print_comparison

        print_comparison(comparison, Console(highlight=False))
        return 0
    from privacycheck import compare_report
    from privacycheck.output import emit

    if fmt == "json":
        text = compare_report.render_json(comparison)
    elif fmt == "txt":
        text = compare_report.render_txt(comparison)
    else:
        from privacycheck.report_context import FILTERS
        from privacycheck.templates import render_template

        text = render_template(TEMPLATES[fmt], compare_report.context(comparison), args.templates,
                               filters=FILTERS)
    emit(text, args.output, follow_umask=args.follow_umask)
    return 0
