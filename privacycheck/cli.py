"""The command line: parses options, hands each command to its module, prints user errors in one line.

Kept light on purpose: rich, questionary and jinja2 are imported only by the commands
that need them, so `privacycheck --version` starts about as fast as Python itself.
"""

from __future__ import annotations

import sys

from privacycheck import __version__

TYPE_CHECKING = False  # the typing module costs start-up time; mypy knows this idiom
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from typing import Any

# Each module in privacycheck/commands/ has register(subparsers) and run(args) -> int.
COMMANDS = ("assess", "report", "plan", "compare", "portfolio", "checklists", "train", "kit", "demo", "verify")

EXIT_OK, EXIT_USAGE, EXIT_BELOW, EXIT_INTERRUPTED = 0, 2, 3, 130


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser for every command, or with `only` that one command's options (all a
    command line naming a command needs: the other commands' modules are not imported)."""
    import argparse
    import importlib

    class _Formatter(argparse.HelpFormatter):
        """argparse's own, measuring the terminal as shutil.get_terminal_size does: argparse
        imports shutil (and with it bz2 and lzma) for that alone, on every start."""

        def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                     width: int | None = None) -> None:
            super().__init__(prog, indent_increment, max_help_position,
                             _terminal_columns() - 2 if width is None else width)

    class _Parser(argparse.ArgumentParser):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("formatter_class", _Formatter)
            super().__init__(*args, **kwargs)

        def error(self, message: str) -> None:  # type: ignore[override]
            message = _with_suggestion(message, self)
            sys.stderr.write(f"{self.prog}: error: {message} (see '{self.prog} --help')\n")
            raise SystemExit(EXIT_USAGE)

    parser = _Parser(
        prog="privacycheck",
        description="A confidentiality self-assessment for therapy and mental-health practices.",
        epilog="Run 'privacycheck demo' to see every report without answering anything.",
    )
    parser.add_argument("--version", action="version", version=f"privacycheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    registered = False
    for name in COMMANDS if only is None else (only,):
        try:
            module = importlib.import_module(f"privacycheck.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"privacycheck.commands.{name}":
                raise
            continue  # a command not built yet
        module.register(sub)
        registered = True
    if only is not None and not registered:
        return build_parser()
    return parser


def _with_suggestion(message: str, parser: argparse.ArgumentParser) -> str:
    """argparse's message, with "did you mean ...?" for a mistyped command, choice or option."""
    import difflib
    import re

    choice = re.match(r"(?P<head>.*invalid choice: '(?P<bad>[^']*)')(?P<tail> \(choose from (?P<all>.*)\))$",
                      message)
    if choice:
        close = difflib.get_close_matches(choice["bad"], re.findall(r"'([^']*)'", choice["all"]), n=1)
        return f"{choice['head']}; did you mean '{close[0]}'?{choice['tail']}" if close else message
    unknown = re.match(r"unrecognized arguments: (?P<args>.*)$", message)
    if not unknown:
        return message
    options = _option_strings(parser)
    words = []
    for word in unknown["args"].split():
        close = difflib.get_close_matches(word.split("=")[0], options, n=1) if word.startswith("-") else []
        words.append(f"{word} (did you mean {close[0]}?)" if close else word)
    return "unrecognized arguments: " + " ".join(words)


def _option_strings(parser: argparse.ArgumentParser) -> list[str]:
    """Every option of `parser` and of the subcommands registered in it."""
    import argparse

    found: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found += _option_strings(sub)
        else:
            found += [o for o in action.option_strings if o.startswith("--")]
    return list(dict.fromkeys(found))


def _terminal_columns() -> int:
    """shutil.get_terminal_size().columns: $COLUMNS, else the terminal's width, else 80."""
    import os

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    if arguments == ["--version"]:  # answered before argparse is even imported
        sys.stdout.write(f"privacycheck {__version__}\n")
        return EXIT_OK
    for stream in (sys.stdout, sys.stderr):  # a file name in bytes that are not UTF-8 is shown, not a crash
        if getattr(stream, "errors", "") == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    named = arguments[0] if arguments and arguments[0] in COMMANDS else None
    parser = build_parser(named)
    args = parser.parse_args(arguments)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    import importlib

    from privacycheck.commands import print_error
    from privacycheck.errors import PrivacycheckError

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
