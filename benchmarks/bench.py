"""Start-up and rendering speed, as ratios to a bare `python -c pass` measured in the same run.

Usage: python benchmarks/bench.py [--runs N]   (with privacycheck installed in this Python)

Targets (issue 8): --version <= 1.5x, html report of the demo <= 6x, portfolio of 500 <= 5 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"--version": 1.5, "checklists list": None, "report demo -f html": 6.0}


def privacycheck() -> list[str]:
    exe = shutil.which("privacycheck", path=str(Path(sys.executable).parent)) or shutil.which("privacycheck")
    return [exe] if exe else [sys.executable, "-m", "privacycheck"]


def timed(command: list[str], runs: int, cwd: Path) -> float:
    """Median wall-clock seconds of `runs` runs (after one warm-up)."""
    env = {**os.environ, "NO_COLOR": "1"}
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--portfolio", type=int, default=500, help="answer files in the portfolio case (0 skips it)")
    args = parser.parse_args()
    tool = privacycheck()
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        subprocess.run([*tool, "demo", "-o", "demo"], cwd=folder, check=True, capture_output=True)
        bare = timed([sys.executable, "-c", "pass"], args.runs, folder)
        print(f"bare interpreter (python -c pass): {bare * 1000:.1f} ms")
        cases = {
            "--version": ["--version"],
            "checklists list": ["checklists", "list"],
            "report demo -f html": ["report", "demo/answers.toml", "-f", "html", "-o", "demo/r.html"],
        }
        for name, extra in cases.items():
            seconds = timed([*tool, *extra], args.runs, folder)
            ratio = seconds / bare
            target = TARGETS[name]
            verdict = "" if target is None else (" ok" if ratio <= target else f" OVER target {target}x")
            failed |= target is not None and ratio > target
            print(f"privacycheck {name}: {seconds * 1000:.1f} ms = {ratio:.2f}x bare"
                  + (f" (target <= {target}x){verdict}" if target else ""))
    if args.portfolio:
        sys.path.insert(0, str(Path(__file__).parent))
        from portfolio import run_portfolio_benchmark

        seconds = run_portfolio_benchmark(args.portfolio)
        verdict = "ok" if seconds <= 5.0 else "OVER target 5 s"
        failed |= seconds > 5.0
        print(f"privacycheck portfolio of {args.portfolio} files: {seconds:.2f} s (target <= 5 s) {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
