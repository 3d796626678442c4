"""`privacycheck kit`: write the starter policies and forms a review's open actions call for."""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_DIR = Path("kit")
FORMATS = ("md", "html", "pdf")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("kit", help="write starter policies and forms filled in from a review",
                       description="Write the documents a practice keeps (policies, breach "
                                   "response plan, consent, contingency plan, inventories, "
                                   "logs), each filled in from the answers file, with the "
                                   "places still to fill in listed at the top.")
    p.add_argument("answers", type=Path, metavar="ANSWERS.toml")
    p.add_argument("-o", "--output", type=Path, default=DEFAULT_DIR, metavar="DIR",
                   help=f"folder to write the documents into (default: {DEFAULT_DIR})")
    p.add_argument("-f", "--format", choices=FORMATS, default="md",
                   help="md (default), html (one self-contained page per document) or pdf "
                        "(printed from the html; needs the pdf extra)")
    p.add_argument("--paper", choices=("letter", "a4"), default="letter",
                   help="paper size of a PDF (default: letter)")
    p.add_argument("--all", action="store_true",
                   help="every document that fits the practice, not only those its open actions call for")
    p.add_argument("--force", action="store_true",
                   help="write into a folder that already has files (same-named documents are replaced)")
    p.add_argument("--templates", type=Path, metavar="DIR",
                   help="folder of templates that override the bundled ones (kit/NAME.md.j2)")


def run(args: argparse.Namespace) -> int:
    from privacycheck.errors import PrivacycheckError
    from privacycheck.reports.kit_render import write_for

    if args.templates is not None and not args.templates.is_dir():
        raise PrivacycheckError(f"{args.templates}: --templates must be a folder")
    write_for(args.answers, args.output, args.format, args.templates, args.all, args.force,
              args.paper)
    return 0
