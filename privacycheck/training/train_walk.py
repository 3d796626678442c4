"""The interactive exercise of `privacycheck train`: pick a scenario, read its practice
description, answer its items with the assess walk (with its inventory and risk steps when the
scenario has a model inventory or model risk decisions), then get feedback against the model
answers. Saved after every answer like an assessment; Ctrl-C stops, --resume continues.
"""

from __future__ import annotations

import datetime as dt
import shlex
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

from privacycheck.analysis import review
from privacycheck.errors import NoTerminalError, PrivacycheckError
from privacycheck.files import clock
from privacycheck.model import answers
from privacycheck.model.checklist import Section
from privacycheck.model.record import record, replace
from privacycheck.reports.hints import say_on_own_line
from privacycheck.training import training
from privacycheck.training.scenario import Scenario, bundled_scenarios, load
from privacycheck.training.train_feedback import prose, renderables
from privacycheck.walk.interview import ExtraAction, Interview
from privacycheck.walk.prompts import Prompts, for_terminal, plain_wanted
from privacycheck.walk.walk import check_output, drive, refuse_existing, slug
from privacycheck.walk.walk_state import Walk

NO_TERMINAL = ("train needs an interactive terminal; to grade answers files use "
               "'privacycheck train grade SCENARIO FILE...', to continue an exercise use "
               "'privacycheck train --resume FILE' in a terminal")
READ_AGAIN = ("read", "Read the practice description again", "r")
RISK_INTRO = ("One last short step, as at the end of a real review: decide what the practice "
              "will do about the risks your answers point to, and the feedback compares your "
              "decisions with the model's.")


@record
class Options:
    scenario: str | None = None  # a bundled id or a scenario file; None: pick from a list
    output: Path | None = None
    resume: Path | None = None


def exercise(scenario: str | None, output: Path | None, resume: Path | None, plain: bool = False) -> int:
    """`privacycheck train [SCENARIO] [-o FILE] [--resume FILE]` in the real terminal."""
    if not sys.stdin.isatty():
        raise NoTerminalError(NO_TERMINAL)
    console, prompts = for_terminal(plain_wanted(plain))
    return train(Options(scenario, output, resume), console, prompts)


def train(options: Options, console: Console, prompts: Prompts) -> int:
    """Run the exercise; Ctrl-C or Ctrl-D at any prompt saves, says how to resume, exits 130."""
    check_output(options.output, options.resume, "train")
    return drive(_Session(options, console, prompts), options.resume is not None, console)


def default_path(scenario_id: str, trainee: str, today: dt.date | None = None) -> Path:
    """train-<scenario>-<trainee>-<YYYY-MM-DD>.toml in the current folder."""
    day = (today or clock.today()).isoformat()
    return Path(f"train-{slug(scenario_id, 'scenario')}-{slug(trainee, 'trainee')}-{day}.toml")


def describe(scenario: Scenario) -> str:
    """"solo, 50 items, about 40 minutes" for the list of scenarios."""
    facts = [scenario.size] if scenario.size else []
    facts.append(f"{len(scenario.items())} items")
    if scenario.minutes:
        facts.append(f"about {scenario.minutes} minutes")
    return ", ".join(facts)


class _Exercise(Interview):
    """The assess walk, without the practice's running score: the feedback comes at the end."""

    finish_label = "Finish and see the feedback (unanswered items earn no points)"
    profile_in_jump_menu = False  # the scenario gives the profile

    def show_section_score(self, section: Section) -> None:
        return


class _Session:
    """Setting up the exercise (a new one or a resumed one), the vignette, and the feedback."""

    def __init__(self, options: Options, console: Console, prompts: Prompts) -> None:
        self.options = options
        self.console = console
        self.prompts = prompts
        self.path: Path | None = None  # set the moment the answers file exists
        self._scenario: Scenario | None = None

    @property
    def scenario(self) -> Scenario:
        assert self._scenario is not None
        return self._scenario

    # ------------------------------------------------------------ starting

    def start(self) -> Interview:
        self._intro()
        name = self.options.scenario
        self._scenario = load(name) if name is not None else self.pick()
        scenario = self.scenario
        self._title()
        trainee = self.prompts.text("Your name (the trainee)", required=True)
        path = self.options.output or default_path(scenario.id, trainee)
        refuse_existing(path, "train")
        model = scenario.checklist
        assessment = replace(
            answers.new(scenario.practice, review.checklist_ref(model, path), model.version,
                        model.sha256, assessor=trainee),
            kind="training", scenario=scenario.id, profile=dict(scenario.profile))
        answers.save(assessment, path)
        self.path = path
        say_on_own_line(self.console, "Saving every answer as you go, to", str(path))
        walk = Walk(model, assessment, path)
        self.show_vignette("Press Enter to start the questions")
        self._inventory(walk)
        walk.start()
        return self._interview(walk)

    def pick(self) -> Scenario:
        found = [load(ident) for ident in bundled_scenarios()]
        if not found:
            raise PrivacycheckError("no scenarios are bundled with this installation; name a "
                                    "scenario file: privacycheck train SCENARIO.toml")
        self.console.print()
        for s in found:  # in full here: a menu line is cut at the terminal's edge
            entry = Text(s.title, style="bold")
            entry.append(f"\n  {describe(s)}", style="dim")
            self.console.print(entry)
        picked = self.prompts.select("Which practice would you like to assess?",
                                     [(s.id, s.title) for s in found], found[0].id)
        return next(s for s in found if s.id == picked)

    def resume(self) -> Interview:
        path = self.options.resume
        assert path is not None
        assessment = answers.load(path)
        if assessment.kind != "training":
            raise PrivacycheckError(f"{path}: this is an assessment, not a training exercise; "
                                    f"continue it with 'privacycheck assess --resume {path}'")
        wanted = assessment.scenario
        if not wanted:
            raise PrivacycheckError(f"{path}: [assessment] names no scenario")
        if self.options.scenario is not None:
            self._scenario = load(self.options.scenario)
        elif wanted in bundled_scenarios():
            self._scenario = load(wanted)
        else:
            raise PrivacycheckError(
                f"{path}: scenario {wanted!r} is not bundled; name its file: "
                f"privacycheck train SCENARIO.toml --resume {shlex.quote(str(path))}")
        scenario = self.scenario
        if scenario.id != wanted:
            raise PrivacycheckError(f"{path}: answers are for scenario {wanted!r}, not {scenario.id!r}")
        self.path = path
        model = scenario.checklist
        current = replace(assessment, profile=dict(scenario.profile),
                          checklist_version=model.version, checklist_sha256=model.sha256)
        revised = current != assessment  # the scenario was revised since: follow it
        if revised:
            current = replace(current, updated=answers.utcnow())
        walk = Walk(model, current, path)  # takes the file's lock before anything is saved
        if revised:
            walk.save()
        self._intro()
        self._title()
        who = f" for {current.assessor}" if current.assessor else ""
        self.console.print(f"Continuing the exercise{who}: {walk.done} of {len(walk.items)} "
                           "items answered.")
        if walk.open_items():
            self.show_vignette("Press Enter to go on with the questions")
            self._inventory(walk)
        walk.start()
        return self._interview(walk)

    def _inventory(self, walk: Walk) -> None:
        """Where the practice's client information lives, as assess asks it: only for a
        scenario with a model inventory to compare it with."""
        if self.scenario.inventory:
            from privacycheck.walk.inventory_walk import InventoryStep

            InventoryStep(walk, self.console, self.prompts).run()

    def _interview(self, walk: Walk) -> Interview:
        value, title, key = READ_AGAIN
        reread = ExtraAction(value, title, key,
                             lambda: self.show_vignette("Press Enter to go back to the question"))
        return _Exercise(walk, self.console, self.prompts, extra_actions=[reread])

    # ------------------------------------------------------------ showing

    def _intro(self) -> None:
        self.console.print(Text("privacycheck · training exercise", style="bold"))
        self.console.print(Text(
            "A fictional practice: read its description, then answer each question as if you "
            "were assessing it. At any question, r shows the description again. At the end "
            "you see how your answers compare with the model answers.", style="dim"))
        self.console.print(Text("Every answer is saved the moment you give it. Ctrl-C stops at "
                                "any time; nothing is lost.", style="dim"))

    def _title(self) -> None:
        self.console.print()
        self.console.print(Text(self.scenario.title, style="bold"))

    def show_vignette(self, last_prompt: str) -> None:
        """The practice description, a screenful at a time (Enter for more, q to stop)."""
        scenario = self.scenario
        text = Text(scenario.practice, style="bold")
        facts = " · ".join(fact for fact in (scenario.size, scenario.setting) if fact)
        if facts:
            text.append(f"\n{facts}", style="dim")
        text.append("\n\n" + prose(scenario.vignette))
        width = min(self.console.width, 72)
        lines = text.wrap(self.console, width)
        page = max(self.console.height - 4, 8)
        self.console.print()
        self.prompts.heading(self.console, "The practice")
        for start in range(0, len(lines), page):
            for line in lines[start:start + page]:
                self.console.print(line)
            if start + page >= len(lines):
                self.prompts.pause(last_prompt)
            elif self.prompts.pause("Press Enter for more", "(q to stop reading)").lower() == "q":
                return

    def resume_command(self) -> str:
        assert self.path is not None
        file = shlex.quote(str(self.path))
        if self._scenario is not None and not self._scenario.bundled and self.options.scenario:
            return f"privacycheck train {shlex.quote(self.options.scenario)} --resume {file}"
        return f"privacycheck train --resume {file}"

    def _risks(self, walk: Walk) -> None:
        """The risk step of assess (addressable decisions, then the risk register): only for a
        scenario with model risk decisions to compare the trainee's with."""
        if self.scenario.risks:
            from privacycheck.walk.risk_walk import RiskStep

            RiskStep(walk, self.console, self.prompts, intro=RISK_INTRO).run()

    def finish(self, interview: Interview) -> int:
        assert self.path is not None
        self._risks(interview.walk)
        grade = training.grade(self.scenario, interview.walk.assessment, self.path)
        for renderable in renderables(grade):
            self.console.print(renderable)
        self.console.print()
        say_on_own_line(self.console, "Your answers are saved in", str(self.path))
        name = self.scenario.id if self.scenario.bundled else (self.options.scenario or str(self.scenario.path))
        say_on_own_line(self.console, "A trainer grades them with:",
                        f"privacycheck train grade {shlex.quote(name)} {shlex.quote(str(self.path))}")
        return 0
