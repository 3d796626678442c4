"""Checking checklist, training scenario and state-law files, every problem listed: `checklists validate`."""

from __future__ import annotations

from pathlib import Path

from privacycheck.files.safe_text import for_terminal
from privacycheck.model import checklist, state_law
from privacycheck.training import scenario


def validate_files(paths: list[Path]) -> int:
    """Print each file's problems with their places, or that it is OK (with any warning);
    the exit code is 2 when any file has a problem, else 0."""
    failed = False
    for path in paths:
        if state_law.is_state_file(path):
            failed = _validate_states(path) or failed
            continue
        is_scenario = scenario.is_scenario_file(path)
        problems = (scenario.validate if is_scenario else checklist.validate)(path)
        if problems:
            failed = True
            for problem in problems:
                _print(problem)
            _print(f"{path}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
        elif is_scenario:
            s = scenario.load(str(path))
            if s.checklist.untitled:
                _print(checklist.untitled_warning(s.checklist, about=path))
            _print(f"{path}: OK (scenario, model answers for {len(s.items())} items)")
        else:
            model = checklist.read_valid(path)
            assert model is not None
            if model.untitled:
                _print(checklist.untitled_warning(model))
            _print(f"{path}: OK ({sum(1 for _ in model.items())} items, version {model.version})")
    return 2 if failed else 0


def _print(text: object) -> None:
    print(for_terminal(text))


def _validate_states(path: Path) -> bool:
    """Check a state-law file like a checklist: every problem with its line; True when any."""
    problems = state_law.validate(path)
    for problem in problems:
        _print(problem)
    if problems:
        _print(f"{path}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
        return True
    law = state_law.load(path)
    _print(f"{path}: OK (state law for {len(law.states)} jurisdictions"
           + (f", as of {law.as_of.isoformat()})" if law.as_of else ")"))
    return False
