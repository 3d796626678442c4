"""The output options that report, compare and portfolio share: -f, -o, --follow-umask,
--templates, --paper."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable
from pathlib import Path

from privacycheck.errors import PrivacycheckError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from privacycheck.reports.deliver import Destination


def add(parser: argparse.ArgumentParser, formats: tuple[str, ...], templates_help: str) -> None:
    parser.add_argument("-f", "--format", choices=formats,
                        help="output format (default: from the -o suffix, else txt)")
    parser.add_argument("-o", "--output", type=Path, metavar="OUT",
                        help="write to this file (created private, mode 0600) instead of the screen")
    parser.add_argument("--follow-umask", action="store_true",
                        help="create the -o file with the mode your umask gives (e.g. 0644, "
                             "readable by others) instead of 0600, to share it through a folder; "
                             "answers files always stay 0600")
    parser.add_argument("--templates", type=Path, metavar="DIR", help=templates_help)
    if "pdf" in formats:
        parser.add_argument("--paper", choices=("letter", "a4"), default="letter",
                            help="paper size of a PDF (default: letter)")


def check(args: argparse.Namespace, command: str, formats: tuple[str, ...],
          inputs: Iterable[Path]) -> str:
    """The format to write, after refusing a suffix we do not write, a bad --templates folder,
    an -o that is an input, or a PDF without its engine (before any work is done)."""
    from privacycheck.reports.output import format_of, refuse_overwrite

    if args.output is not None:
        refuse_overwrite(args.output)  # an answers file, checklist or scenario: never written over
    if args.output is not None and os.path.realpath(args.output) in {os.path.realpath(p)
                                                                     for p in inputs}:
        raise PrivacycheckError(f"{args.output}: this is one of the answers files it reads; give the "
                                "output another name with -o")
    fmt = format_of(args.output, args.format, formats, command)
    if args.templates is not None and not args.templates.is_dir():
        raise PrivacycheckError(f"{args.templates}: --templates must be a folder")
    if fmt == "pdf":
        from privacycheck.reports import pdf

        if args.output is None:
            raise PrivacycheckError(f"{command} -f pdf: a PDF is not shown on screen; give a file "
                                    f"name, e.g. -o {command}.pdf")
        pdf.require(args.output)
    return fmt


def destination(args: argparse.Namespace, command: str, formats: tuple[str, ...],
                inputs: Iterable[Path]) -> Destination:
    """The checked output options (see `check`) as the Destination a report is delivered to."""
    from privacycheck.reports.deliver import Destination

    fmt = check(args, command, formats, inputs)
    return Destination(fmt, args.output, args.templates, args.follow_umask,
                       getattr(args, "paper", None))
