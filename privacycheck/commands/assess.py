"""`privacycheck assess`: the interactive review. Every answer is saved the moment it is given."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from privacycheck.errors import NoTerminalError

DEFAULT_CHECKLIST = "therapy-practice"  # also in walk.py, kept here so --help needs no import
NOTE_MODES = ("on-request", "gaps", "always")  # as prompts.NOTE_MODES, which imports questionary
NO_TERMINAL = ("assess needs an interactive terminal; to score an existing answers file use "
               "'privacycheck report FILE', to continue one use "
               "'privacycheck assess --resume FILE' in a terminal")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "assess", help="walk through the safeguards and answer them (interactive)",
        description="Walk through the practice's physical, digital and procedural safeguards. "
                    "Every answer is saved to the answers file the moment it is given: stop "
                    "at any time (Ctrl-C) and carry on later with --resume.")
    p.add_argument("-c", "--checklist", metavar="CHECKLIST",
                   help=f"bundled checklist id or checklist file (default: {DEFAULT_CHECKLIST}; "
                        "with --from or --resume: the one that file names)")
    p.add_argument("-o", "--output", type=Path, metavar="ANSWERS.toml",
                   help="answers file to create (default: privacycheck-PRACTICE-DATE.toml in "
                        "this folder); never overwrites an existing file")
    p.add_argument("--resume", type=Path, metavar="ANSWERS.toml",
                   help="continue an answers file at the first unanswered item")
    p.add_argument("--from", dest="previous", type=Path, metavar="LAST_YEAR.toml",
                   help="start a new review with last year's answers as defaults, "
                        "to confirm or change one by one")
    p.add_argument("--training", action="store_true",
                   help="after each answer, explain why it matters and what good looks like")
    p.add_argument("--notes", choices=NOTE_MODES, default=None,
                   help="when to ask for a note or evidence line: on-request (press n before "
                        "the answer; the default), gaps (after Partly, Not in place and Don't "
                        "know) or always (after every answer); or set PRIVACYCHECK_NOTES")
    p.add_argument("--plain", action="store_true",
                   help="plain mode for screen readers: one line per prompt, answers typed and "
                        "echoed in words, nothing redrawn (also with TERM=dumb or "
                        "PRIVACYCHECK_PLAIN=1)")


def run(args: argparse.Namespace) -> int:
    if not sys.stdin.isatty():
        raise NoTerminalError(NO_TERMINAL)
    from privacycheck.errors import PrivacycheckError
    from privacycheck.walk.prompts import for_terminal, plain_wanted
    from privacycheck.walk.walk import Options, assess

    notes = args.notes or os.environ.get("PRIVACYCHECK_NOTES") or NOTE_MODES[0]
    if notes not in NOTE_MODES:
        raise PrivacycheckError(f"PRIVACYCHECK_NOTES={notes!r}: expected one of {', '.join(NOTE_MODES)}")
    options = Options(args.checklist, args.output, args.resume, args.previous, args.training, notes)
    console, prompts = for_terminal(plain_wanted(args.plain))
    return assess(options, console, prompts)
