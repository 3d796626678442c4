"""The portfolio case of the benchmark: n varied answers files, one `privacycheck portfolio`.

Usage: python benchmarks/portfolio.py [N]   (with privacycheck installed in this Python)
bench.py imports run_portfolio_benchmark(n) -> seconds. Target (issue 6): 500 files <= 5 s.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STATUSES = ("yes", "yes", "yes", "partial", "no", "unknown", "na")


def privacycheck() -> list[str]:
    exe = shutil.which("privacycheck", path=str(Path(sys.executable).parent)) or shutil.which("privacycheck")
    return [exe] if exe else [sys.executable, "-m", "privacycheck"]


def write_portfolio(folder: Path, n: int, seed: int = 6) -> None:
    """n answers files of fictional practices: the demo's answers with varied statuses,
    names, dates and a few left unanswered, against the bundled checklist."""
    from privacycheck.model import answers, checklist
    from privacycheck.training import demo

    model = checklist.load("therapy-practice")
    base = demo.assessment(model)
    rng = random.Random(seed)
    for k in range(n):
        given = {}
        for item_id, answer in base.answers.items():
            if rng.random() < 0.05:
                continue  # left unanswered
            status = answer.status if rng.random() < 0.5 else rng.choice(STATUSES)
            given[item_id] = dataclasses.replace(answer, status=status)
        day = base.updated - dt.timedelta(days=rng.randrange(0, 365))
        practice = f"Practice {k + 1:04d} ({rng.choice(['Counselling', 'Psychology', 'Therapy'])})"
        answers.save(dataclasses.replace(base, practice=practice, updated=day, started=day,
                                         answers=given), folder / f"practice-{k + 1:04d}.toml")


def run_portfolio_benchmark(n: int) -> float:
    """Seconds for one run of `privacycheck portfolio DIR -f json` over n answers files."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "clinics"
        folder.mkdir()
        write_portfolio(folder, n)
        env = {**os.environ, "NO_COLOR": "1"}
        start = time.perf_counter()
        done = subprocess.run([*privacycheck(), "portfolio", str(folder), "-f", "json"],
                              env=env, capture_output=True, check=False)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"privacycheck portfolio failed ({done.returncode}): "
                               f"{done.stderr.decode(errors='replace')[:500]}")
        return seconds


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    print(f"privacycheck portfolio of {count} files: {run_portfolio_benchmark(count):.2f} s (target <= 5 s)")
