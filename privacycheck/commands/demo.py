"""`privacycheck demo`: write a filled example assessment and every report of it."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_DIR = Path("privacycheck-demo")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="write an example assessment and its reports",
                       description="Write a filled example assessment of a fictional practice "
                                   "and all of its reports, to see every output in seconds.")
    p.add_argument("-o", "--output", type=Path, default=DEFAULT_DIR, metavar="DIR",
                   help=f"folder to write into (default: {DEFAULT_DIR})")


def _refuse_others(path: Path, practice: str) -> None:
    """An answers file there is rewritten only when it is an earlier demo's example."""
    from privacycheck.errors import PrivacycheckError
    from privacycheck.model import answers

    if not (path.exists() or path.is_symlink()):
        return
    try:
        ours = answers.load(path).practice == practice
    except PrivacycheckError:
        ours = False
    if not ours:
        raise PrivacycheckError(f"{path}: an answers file is already there, and privacycheck never "
                                "writes over one; give demo another folder with -o")


def run(args: argparse.Namespace) -> int:
    from privacycheck.analysis import scoring
    from privacycheck.errors import PrivacycheckError
    from privacycheck.files.atomic import write_private
    from privacycheck.model import answers, checklist
    from privacycheck.reports.output import refuse_overwrite
    from privacycheck.reports.render import FORMATS, render
    from privacycheck.training import demo

    folder: Path = args.output
    if folder.exists() and not folder.is_dir():
        raise PrivacycheckError(f"{folder}: exists and is not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    model = checklist.load("therapy-practice")
    example = demo.assessment(model)
    answers_path = folder / "answers.toml"
    _refuse_others(answers_path, example.practice)
    answers.save(example, answers_path)
    result = scoring.score(model, example)
    written = [answers_path]
    for fmt in FORMATS:
        path = folder / f"report.{fmt}"
        refuse_overwrite(path)
        write_private(path, render(result, fmt))
        written.append(path)
    if model.threats:  # the risk analysis on file, once the checklist has its threat catalog
        from privacycheck.reports.risk_report import render as render_risk

        for fmt in ("html", "md"):
            path = folder / f"risk-analysis.{fmt}"
            refuse_overwrite(path)
            write_private(path, render_risk(result, fmt))
            written.append(path)
    from privacycheck.analysis.kit import needed
    from privacycheck.reports.kit_render import write_kit

    kit = write_kit(result, needed(result, every=True), folder / "kit", force=True)
    sys.stdout.write(f"Example assessment of {example.practice}: score "
                     f"{result.score:.1f}, rating {result.rating}.\n")
    for path in written:
        sys.stdout.write(f"  {path}\n")
    sys.stdout.write(f"  {folder / 'kit'}{os.sep}  the starter kit: {len(kit)} documents to finish\n")
    sys.stdout.write(f"Open {folder / 'report.html'} in a web browser to read or print it.\n")
    sys.stdout.write(f"Try: privacycheck report {answers_path}   (or -o report.pdf, with the "
                     "pdf extra)\n")
    return 0
