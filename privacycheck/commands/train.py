"""`privacycheck train`: scenario exercises, grading a class, and the trainer's answer key."""

from __future__ import annotations

import argparse
from pathlib import Path

from privacycheck.errors import PrivacycheckError

USAGE = """privacycheck train --list
       privacycheck train [SCENARIO] [-o ANSWERS.toml] [--resume ANSWERS.toml]
       privacycheck train grade SCENARIO ANSWERS.toml... [-f txt|json|csv] [-o OUT]
       privacycheck train key SCENARIO [-f md|html|json] [-o OUT]"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "train", help="training exercises with fictional practices", usage=USAGE,
        description="Practise assessing a fictional practice, then get feedback against the "
                    "model answers. Trainers grade a class with 'train grade' and print the "
                    "answer key with 'train key'.")
    p.add_argument("words", nargs="*", metavar="SCENARIO | grade SCENARIO FILES | key SCENARIO")
    p.add_argument("--list", action="store_true", help="list the scenarios")
    p.add_argument("-f", "--format", help="grade: txt, json or csv; key: md, html or json")
    p.add_argument("-o", "--output", type=Path, metavar="OUT",
                   help="where to write (train: the trainee's answers file)")
    p.add_argument("--resume", type=Path, metavar="ANSWERS.toml", help="continue an exercise")
    p.add_argument("--plain", action="store_true",
                   help="plain mode for screen readers, as for assess (also with TERM=dumb or "
                        "PRIVACYCHECK_PLAIN=1)")


def run(args: argparse.Namespace) -> int:
    words: list[str] = args.words
    if args.list:
        from privacycheck.training import scenario

        scenario.print_list()
        return 0
    if words and words[0] == "grade":
        if len(words) < 3:
            raise PrivacycheckError("train grade: give a scenario and at least one answers file")
        from privacycheck.commands import print_error
        from privacycheck.training import grade_report

        fmt = _check_format(args.format or "txt", grade_report.FORMATS, "grade")
        return grade_report.grade_class(words[1], [Path(w) for w in words[2:]], fmt, args.output,
                                        on_error=print_error)
    if words and words[0] == "key":
        if len(words) != 2:
            raise PrivacycheckError("train key: give exactly one scenario")
        from privacycheck.training import answer_key

        fmt = _check_format(args.format or "md", answer_key.FORMATS, "key")
        answer_key.write_key(words[1], fmt, args.output)
        return 0
    if len(words) > 1:
        raise PrivacycheckError(f"train: unexpected {' '.join(words[1:])!r} (see 'privacycheck train --help')")
    from privacycheck.training.train_walk import exercise

    return exercise(words[0] if words else None, args.output, args.resume, plain=args.plain)


def _check_format(fmt: str, allowed: tuple[str, ...], what: str) -> str:
    """`fmt`, when it is one of `allowed`."""
    if fmt not in allowed:
        raise PrivacycheckError(f"train {what}: format {fmt!r} is not one of {', '.join(allowed)}")
    return fmt
