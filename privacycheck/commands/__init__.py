"""The commands, one module each (assess, report, plan, compare, portfolio, checklists, train,
kit, demo, verify; output_options holds the output options several share): register(subparsers) adds
a command's options, and run(args) -> int checks them and calls one function of the layers
below (walk, training, reports, analysis, model).

The top layer: a command may import anything in privacycheck except cli; nothing imports a command
but cli."""

from __future__ import annotations


def print_error(message: str) -> None:
    """`message` on one line of standard error, as "privacycheck: error: ...", with no control
    characters from a file reaching the terminal."""
    import sys

    from privacycheck.files.safe_text import for_terminal

    sys.stderr.write(for_terminal(f"privacycheck: error: {' '.join(message.split())}") + "\n")
