"""The command line: parses options, hands each command to its module, prints user errors in one line.

Kept light on purpose: rich, questionary and jinja2 are imported only by the commands
that need them, so `privacycheck --version` starts about as fast as Python itself.
"""

from __future__ import annotations

import importlib
import sys

from privacycheck import __version__
from privacycheck.errors import PrivacycheckError

TYPE_CHECKING = False  # the typing module costs start-up time; mypy knows this idiom
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

# Each module in privacycheck/commands/ has register(subparsers) and run(args) -> int.
COMMANDS = ("assess", "report", "compare", "portfolio", "checklists", "train", "demo")

EXIT_OK, EXIT_USAGE, EXIT_BELOW, EXIT_INTERRUPTED = 0, 2, 3, 130


def build_parser() -> argparse.ArgumentParser:
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # type: ignore[override]
            sys.stderr.write(f"{self.prog}: error: {message} (see '{self.prog} --help')\n")
            raise SystemExit(EXIT_USAGE)

    parser = _Parser(
        prog="privacycheck",
        description="A confidentiality self-assessment for therapy and mental-health practices.",
        epilog="Run 'privacycheck demo' to see every report without answering anything.",
    )
    parser.add_argument("--version", action="version", version=f"privacycheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"privacycheck.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"privacycheck.commands.{name}":
                raise
            continue  # a command not built yet
        module.register(sub)
    return parser


def print_error(message: str) -> None:
    sys.stderr.write(f"privacycheck: error: {' '.join(message.split())}\n")


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    if arguments == ["--version"]:  # answered before argparse is even imported
        sys.stdout.write(f"privacycheck {__version__}\n")
        return EXIT_OK
    parser = build_parser()
    args = parser.parse_args(arguments)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    module = importlib.import_module(f"privacycheck.commands.{args.command}")
    try:
        code: int = module.run(args)
        return code
    except PrivacycheckError as exc:
        print_error(exc.message)
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("\nprivacycheck: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
