"""The README documents every command, and its scoring section matches the code."""

from __future__ import annotations

from pathlib import Path

import pytest

from privacycheck.cli import build_parser
from privacycheck.scoring import DUE_DAYS, WEIGHT

README = Path(__file__).resolve().parent.parent / "README.md"


def registered_commands() -> list[str]:
    parser = build_parser()
    return list(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


@pytest.mark.skipif(not README.exists(), reason="README.md is not beside the tests (installed sdist?)")
@pytest.mark.parametrize("command", registered_commands())
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"privacycheck {command}" in README.read_text()


@pytest.mark.skipif(not README.exists(), reason="README.md is not beside the tests")
def test_readme_scoring_matches_the_code() -> None:
    text = README.read_text()
    weights = ", ".join(f"{k} {v}" for k, v in WEIGHT.items())
    assert f"Weights by severity: {weights}." in text
    assert (f"critical\n  {DUE_DAYS['critical']} days, high {DUE_DAYS['high']}, medium "
            f"{DUE_DAYS['medium']}, low {DUE_DAYS['low']}") in text
