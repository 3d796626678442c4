"""Start-up stays light: each command imports only what it uses (rich, questionary and jinja2
are slow to import), and --version answers before even argparse is imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("rich", "questionary", "prompt_toolkit", "jinja2", "argparse", "tomllib", "dataclasses", "inspect", "json",
         "tempfile", "shutil")


def imported_by(argv: list[str], cwd: Path) -> set[str]:
    """The heavy top-level modules loaded by running privacycheck with `argv` in a fresh Python."""
    code = ("import io, sys, contextlib\n"
            "from privacycheck.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
            f"    code = main({argv!r})\n"
            f"found = sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r})\n"
            "import json\n"  # only now: json is one of the modules looked for
            "print(json.dumps([code, found]))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                          check=True, timeout=60)
    exit_code, modules = json.loads(done.stdout)
    assert exit_code == 0, done.stderr
    return set(modules)


def test_version_imports_nothing_heavy(tmp_path: Path) -> None:
    assert imported_by(["--version"], tmp_path) == set()


@pytest.mark.parametrize(("argv", "allowed"), [
    (["report", "demo/answers.toml", "-f", "json"], {"argparse", "tomllib", "json"}),
    (["report", "demo/answers.toml", "-f", "csv", "-o", "r.csv"], {"argparse", "tomllib"}),
    (["report", "demo/answers.toml", "-f", "html"],
     {"argparse", "tomllib", "jinja2", "tempfile", "shutil", "inspect", "json"}),  # jinja2 brings the last four
    (["checklists", "list"], {"argparse", "json"}),  # the checklist from the cache: no tomllib
    (["kit", "demo/answers.toml", "-o", "kit", "-f", "html"],
     {"argparse", "tomllib", "jinja2", "tempfile", "shutil", "inspect", "json", "dataclasses"}),  # markdown-it: the last
])
def test_commands_import_only_what_they_use(argv: list[str], allowed: set[str], tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "privacycheck", "demo", "-o", "demo"], cwd=tmp_path,
                   check=True, capture_output=True, timeout=60)
    assert imported_by(argv, tmp_path) <= allowed
