"""`privacycheck demo`: write a filled example assessment and every report of it."""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_DIR = Path("privacycheck-demo")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="write an example assessment and its reports",
                       description="Write a filled example assessment of a fictional practice "
                                   "and all of its reports, to see every output in seconds.")
    p.add_argument("-o", "--output", type=Path, default=DEFAULT_DIR, metavar="DIR",
                   help=f"folder to write into (default: {DEFAULT_DIR})")


def run(args: argparse.Namespace) -> int:
    from privacycheck.training import demo

    demo.write_demo(args.output)
    return 0
