"""The interactive walk of `privacycheck assess`: set up a new review (or one from last
year's answers, or a resumed one), run the questions, and end with the score summary and
the report. Ctrl-C or Ctrl-D at any prompt: everything is saved, and it says how to resume.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
import unicodedata
from pathlib import Path
from typing import Protocol

from rich.console import Console
from rich.text import Text

from privacycheck.analysis import review
from privacycheck.errors import PrivacycheckError
from privacycheck.files import clock
from privacycheck.files.atomic import write_private
from privacycheck.model import answers, checklist
from privacycheck.model.answers import Assessment
from privacycheck.model.checklist import Checklist
from privacycheck.model.record import record, replace
from privacycheck.reports.hints import say_on_own_line
from privacycheck.walk.interview import Interview, ask_assessor, ask_practice
from privacycheck.walk.prompts import NOTE_MODES, Prompts
from privacycheck.walk.walk_state import Walk, carried_answers, last_year_statuses

DEFAULT_CHECKLIST = "therapy-practice"
EXIT_INTERRUPTED = 130


@record
class Options:
    checklist: str | None = None
    output: Path | None = None
    resume: Path | None = None
    previous: Path | None = None
    training: bool = False
    notes: str = NOTE_MODES[0]  # when the note line is offered: on-request, gaps, always


def check_options(options: Options) -> None:
    if options.resume is not None and options.previous is not None:
        raise PrivacycheckError("--resume and --from do not go together: --from starts a new "
                                "review, --resume continues one")
    check_output(options.output, options.resume)


def check_output(output: Path | None, resume: Path | None, command: str = "assess") -> None:
    """-o names a new file in an existing folder; with --resume it may only repeat that file."""
    if resume is not None and output is not None and output != resume:
        raise PrivacycheckError("--resume continues the file it names; leave out -o")
    if resume is None and output is not None:
        refuse_existing(output, command)
        folder = output.parent
        if not folder.is_dir():
            raise PrivacycheckError(f"{output}: folder {folder} does not exist")


def refuse_existing(path: Path, command: str = "assess") -> None:
    if path.exists():
        raise PrivacycheckError(
            f"{path} already exists and is not overwritten; to continue it: "
            f"privacycheck {command} --resume {shlex.quote(str(path))} (or name a new file with -o)")


def slug(text: str, fallback: str) -> str:
    """Lowercase ASCII words joined by dashes, accents folded: "Dr. María Chen" -> dr-maria-chen."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40].strip("-") or fallback


def default_path(practice: str, today: dt.date | None = None) -> Path:
    """privacycheck-<practice>-<YYYY-MM-DD>.toml in the current folder."""
    return Path(f"privacycheck-{slug(practice, 'practice')}-{(today or clock.today()).isoformat()}.toml")


def assess(options: Options, console: Console, prompts: Prompts) -> int:
    """Run the whole review; Ctrl-C or Ctrl-D at any prompt saves, says how to resume, exits 130."""
    check_options(options)
    return drive(_Session(options, console, prompts), options.resume is not None, console)


class Session(Protocol):
    """What `drive` needs of a walk's set-up: assess's review or train's exercise."""

    path: Path | None  # set the moment the answers file exists

    def start(self) -> Interview: ...
    def resume(self) -> Interview: ...
    def finish(self, interview: Interview) -> int: ...
    def resume_command(self) -> str: ...


def drive(session: Session, resuming: bool, console: Console) -> int:
    """Start or resume, walk, finish; Ctrl-C or Ctrl-D at any prompt says how to resume, 130."""
    try:
        interview = session.resume() if resuming else session.start()
        if interview.run():
            return session.finish(interview)
    except (KeyboardInterrupt, EOFError):
        console.print()
        if session.path is None:
            console.print("Stopped before anything was saved.")
        else:
            say_saved(console, session)
        return EXIT_INTERRUPTED
    say_saved(console, session)  # the user picked "Save and quit"
    return 0


def say_saved(console: Console, session: Session) -> None:
    say_on_own_line(console, "Your answers are saved in", str(session.path))
    say_on_own_line(console, "To continue:", session.resume_command())


class _Session:
    """Setting up the walk: a new review, one from last year's answers, or a resumed one."""

    def __init__(self, options: Options, console: Console, prompts: Prompts) -> None:
        self.options = options
        self.console = console
        self.prompts = prompts
        self.path: Path | None = None  # set the moment the answers file exists

    def resume_command(self) -> str:
        return f"privacycheck assess --resume {shlex.quote(str(self.path))}"

    def start(self) -> Interview:
        previous = self.options.previous
        old: Assessment | None = None
        model: Checklist
        if previous is not None:
            model, old = review.open_review(previous, self.options.checklist, strict_threats=False)
        else:
            model = checklist.load(self.options.checklist or DEFAULT_CHECKLIST)
        self._intro(model)
        practice = ask_practice(self.prompts, old.practice if old else "")
        path = self.options.output or default_path(practice)
        refuse_existing(path)
        assessment = answers.new(practice, review.checklist_ref(model, path), model.version,
                                 model.sha256)
        if old is not None and previous is not None:
            carried = carried_answers(old, model)
            threats = {t.id for t in model.threats}
            facts = {q.id for q in model.profile}
            assessment = replace(assessment, answers=carried, inventory=old.inventory,
                                 participants=old.participants,
                                 profile={k: v for k, v in old.profile.items() if k in facts},
                                 risks={k: v for k, v in old.risks.items() if k in threats},
                                 carried_from=_relative(previous, path))
            dropped = len(old.answers) - len(carried)
            gone = (f" ({dropped} for items no longer in the checklist stay in that file)"
                    if dropped else "")
            say_on_own_line(self.console, f"{len(carried)} answers carried over from your review "
                            f"of {old.date.isoformat()}{gone}:", str(previous))
            self.console.print(Text("You confirm them a section at a time: one key keeps a section's "
                                    "answers that still hold."))
        answers.save(assessment, path)
        self.path = path
        say_on_own_line(self.console, "Saving every answer as you go, to", str(path))
        state = Walk(model, assessment, path, last_year_statuses(assessment, old),
                     old.date if old else None, review.changed_items(old, model) if old else frozenset())
        state.set_details(assessor=ask_assessor(self.prompts, old.assessor if old else ""))
        interview = self._interview(state)
        if old is not None:
            interview.confirm_profile()  # last year's profile as one recap; new questions first
        else:
            interview.ask_profile()
        self._inventory(state)
        state.start()
        return interview

    def _interview(self, state: Walk) -> Interview:
        return Interview(state, self.console, self.prompts, self.options.training,
                         notes=self.options.notes)

    def resume(self) -> Interview:
        path = self.options.resume
        assert path is not None
        model, assessment = review.open_review(path, self.options.checklist)
        if assessment.kind == "training":
            raise PrivacycheckError(f"{path}: this is a training exercise; continue it with "
                                    f"'privacycheck train --resume {path}'")
        old: Assessment | None = None
        if assessment.carried_from:
            try:
                old = answers.load(path.parent / assessment.carried_from)
            except PrivacycheckError:
                old = None  # fall back to the answers still marked as carried
        if self.options.checklist is not None:
            assessment = replace(assessment, checklist=review.checklist_ref(model, path))
        self.path = path
        state = Walk(model, assessment, path, last_year_statuses(assessment, old),
                     old.date if old else None, review.changed_items(old, model) if old else frozenset())
        self._intro(model)
        who = f" by {assessment.assessor}" if assessment.assessor else ""
        self.console.print(Text(f"Continuing the review of {assessment.practice}{who}, started "
                                f"{assessment.started.day} {assessment.started:%B %Y}."))
        if assessment.checklist_sha256 and assessment.checklist_sha256 != model.sha256:
            was = assessment.checklist_version
            self.console.print(
                f"The checklist has changed since this review began (version {was or '?'}, now "
                f"{model.version}): new items show as unanswered, and answers to items it "
                "no longer has are kept.", style="yellow")
        if (assessment.checklist_sha256 != model.sha256
                or assessment.checklist_version != model.version or self.options.checklist):
            state.use_checklist_version()
        if not assessment.assessor:  # stopped before it was given
            state.set_details(assessor=ask_assessor(self.prompts))
        interview = self._interview(state)
        interview.confirm_profile()
        self._inventory(state)
        state.start()  # the profile is complete: now the count of items means something
        self.console.print(Text(f"{state.done} of {len(state.items)} items answered."))
        return interview

    def _inventory(self, state: Walk) -> None:
        """Where client information lives: asked when the checklist has a threat catalog."""
        if state.checklist.threats:
            from privacycheck.walk.inventory_walk import InventoryStep

            InventoryStep(state, self.console, self.prompts).run()

    def _intro(self, model: Checklist) -> None:
        self.console.print(Text(f"privacycheck · {model.title} ({model.version})", style="bold"))
        self.console.print(Text("Every answer is saved the moment you give it. Ctrl-C stops at "
                                "any time; nothing is lost.", style="dim"))

    def finish(self, interview: Interview) -> int:
        from privacycheck.reports.render import FORMATS, render
        from privacycheck.reports.summary import print_summary

        path = self.path
        assert path is not None
        if interview.walk.checklist.threats:
            from privacycheck.walk.risk_walk import RiskStep

            step = RiskStep(interview.walk, self.console, self.prompts)
            step.run()
            if not interview.walk.assessment.carried_from:  # next year's carries last year's
                step.ask_participants()
        result = interview.walk.result()
        self.console.print()
        print_summary(result, self.console, full=False, plain=self.prompts.plain)
        self.console.print()
        say_on_own_line(self.console, "Your answers are saved in", str(path))
        fmt = "html" if "html" in FORMATS else "txt"
        out = path.with_name(f"{path.stem}-report.{fmt}")
        kind = "HTML report" if fmt == "html" else "report"
        code = 0
        if self.prompts.yes_no(f"Write the {kind} next to the answers file?", True):
            from privacycheck.reports.output import HOW_TO_OPEN, refuse_overwrite

            try:
                refuse_overwrite(out)  # a file of that name that is an answers file or checklist stays
                write_private(out, render(result, fmt))
            except PrivacycheckError as exc:  # the answers are saved; only the report is not
                self.console.print(Text(f"The {kind} was not written: {exc.message}"))
                code = 2
            else:
                say_on_own_line(self.console, f"Wrote the {kind}:", str(out))
                hint = HOW_TO_OPEN[fmt]
                self.console.print(Text(f"{hint[0].upper()}{hint[1:]}."))
        say_on_own_line(self.console, "Other formats (.pdf .md .txt .json .csv .html):",
                        f"privacycheck report {shlex.quote(str(path))} -o report.pdf")
        return code


def _relative(target: Path, answers_path: Path) -> str:
    """`target` as a path relative to the answers file's folder (absolute when that fails)."""
    import os

    try:
        return os.path.relpath(target.resolve(), answers_path.resolve().parent)
    except ValueError:
        return str(target.resolve())
