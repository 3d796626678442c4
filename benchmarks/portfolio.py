"""The portfolio case of the benchmark: n varied answers files, one `privacycheck portfolio`.

Usage: python benchmarks/portfolio.py [N ...]   (with privacycheck installed in this Python)
bench.py imports run_portfolio_benchmark(n) -> seconds (target, issue 6: 500 files <= 5 s) and
per_file_ratio(n) -> the portfolio's cost per file against a bare tomllib parse of the same
files (target, issue 29: at most 2x at 500 and at 5,000 files, and linear: the cost per file
at 5,000 no more than 1.3 times that at 500).
"""

from __future__ import annotations

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
    from privacycheck.model.record import replace
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
            given[item_id] = replace(answer, status=status)
        day = base.updated - dt.timedelta(days=rng.randrange(0, 365))
        practice = f"Practice {k + 1:04d} ({rng.choice(['Counselling', 'Psychology', 'Therapy'])})"
        answers.save(replace(base, practice=practice, updated=day, started=day,
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


RATIO_TARGET = 2.0  # the portfolio's cost per file, against a bare tomllib parse of the file
LINEAR_TARGET = 1.3  # the cost per file at 5,000 files against that at 500


def per_file_ratio(n: int, runs: int = 3) -> tuple[float, float]:
    """(ms per file of the portfolio, its ratio to a bare tomllib parse of the same files),
    the best of `runs`, both in this process: the files read and parsed, against the files
    read, parsed, checked and scored with their checklist (loaded once, as the command does)."""
    import tomllib

    from privacycheck.analysis import portfolio

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_portfolio(folder, n)
        files = sorted(folder.glob("*.toml"))
        portfolio.build(files[:3])  # imports, and the bundled checklist's cache
        bare, whole = [], []
        for _ in range(runs):  # interleaved, so a busy machine slows both alike
            start = time.perf_counter()
            for path in files:
                tomllib.loads(path.read_bytes().decode("utf-8"))
            bare.append(time.perf_counter() - start)
            start = time.perf_counter()
            built = portfolio.build([folder])
            whole.append(time.perf_counter() - start)
            assert len(built.entries) == n and not built.errors
        return min(whole) / n * 1000, min(whole) / min(bare)


if __name__ == "__main__":
    counts = [int(arg) for arg in sys.argv[1:]] or [500, 5000]
    costs = {}
    for count in counts:
        ms, ratio = per_file_ratio(count)
        costs[count] = ms
        print(f"portfolio of {count} files: {ms:.2f} ms a file = {ratio:.2f}x a bare tomllib parse "
              f"(target <= {RATIO_TARGET:g}x) {'ok' if ratio <= RATIO_TARGET else 'OVER TARGET'}")
    if len(costs) > 1:
        growth = costs[max(costs)] / costs[min(costs)]
        print(f"cost per file at {max(costs)} against {min(costs)} files: {growth:.2f}x "
              f"(target <= {LINEAR_TARGET:g}x, linear) {'ok' if growth <= LINEAR_TARGET else 'OVER TARGET'}")
