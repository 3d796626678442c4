"""Start-up and rendering speed, as ratios to a bare `python -c pass` measured in the same run.

Usage: python benchmarks/bench.py [--runs N] [--portfolio N]
       (run it with the Python of an environment where privacycheck is installed)

Targets: --version <= 1.5x the bare interpreter (issue 8); the html report of the demo <= 1.8x
a bare `python -c 'import jinja2'` (issue 29: it renders with jinja2, so that import is its floor);
a portfolio of 500 answers files <= 5 s (issue 6), and its cost per file <= 2x a bare tomllib
parse of the same files at 500 and 5,000 files, linear (issue 29; `--portfolio-ratio`). Every command is run once first, so the
figures are for a warm start: the operating system's file cache and privacycheck's own cache
(parsed checklist, compiled templates) are filled, as they are for anyone who has run
privacycheck before. `--cold` runs with PRIVACYCHECK_NO_CACHE=1 instead. The runs of all
commands are interleaved, so a busy machine slows them all alike. Exit code 1 when a
target is missed.
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

TARGETS = {"--version": 1.5, "checklists list": None, "report demo -f html": None,
           "report demo -f json": None, "(python -c 'import jinja2')": None}
AGAINST_JINJA2 = {"report demo -f html": 1.8}  # ratios to the bare import of jinja2
PORTFOLIO_TARGET = 5.0


def privacycheck() -> list[str]:
    exe = shutil.which("privacycheck", path=str(Path(sys.executable).parent)) or shutil.which("privacycheck")
    return [exe] if exe else [sys.executable, "-m", "privacycheck"]


def run_once(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def wrapper_note(tool: list[str]) -> str:
    """What the console script itself imports before privacycheck (older pips add `re`)."""
    if len(tool) != 1:
        return "run as python -m privacycheck (no console script found)"
    try:
        text = Path(tool[0]).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return tool[0]
    extra = "imports re first (written by an older pip)" if "import re" in text else "imports only sys"
    return f"{tool[0]} ({extra})"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="timed runs of each command (median)")
    parser.add_argument("--portfolio", type=int, default=500, help="answers files in the portfolio case (0 skips it)")
    parser.add_argument("--cold", action="store_true", help="without privacycheck's cache")
    parser.add_argument("--portfolio-ratio", type=int, nargs="*", default=[500, 5000], metavar="N",
                        help="sizes at which to compare the portfolio with a bare tomllib parse (none skips it)")
    args = parser.parse_args()
    tool = privacycheck()
    env = {**os.environ, "NO_COLOR": "1"}
    if args.cold:
        env["PRIVACYCHECK_NO_CACHE"] = "1"
    failed = False
    print(f"machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; "
          f"{'cold (no cache)' if args.cold else 'warm cache'}; median of {args.runs} runs")
    print(f"console script: {wrapper_note(tool)}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        subprocess.run([*tool, "demo", "-o", "demo"], cwd=folder, env=env, check=True, capture_output=True)
        cases = {
            "bare": [sys.executable, "-c", "pass"],
            "--version": [*tool, "--version"],
            "checklists list": [*tool, "checklists", "list"],
            "report demo -f html": [*tool, "report", "demo/answers.toml", "-f", "html", "-o", "demo/r.html"],
            "report demo -f json": [*tool, "report", "demo/answers.toml", "-f", "json", "-o", "demo/r.json"],
            # for comparison, not a privacycheck command: the import of jinja2 alone
            "(python -c 'import jinja2')": [sys.executable, "-c", "import jinja2"],
        }
        samples: dict[str, list[float]] = {name: [] for name in cases}
        for command in cases.values():
            run_once(command, folder, env)  # warm-up
        for _ in range(args.runs):
            for name, command in cases.items():
                samples[name].append(run_once(command, folder, env))
        bare = statistics.median(samples.pop("bare"))
        jinja2_import = statistics.median(samples["(python -c 'import jinja2')"])
        print(f"bare interpreter (python -c pass): {bare * 1000:.1f} ms")
        for name, times in samples.items():
            seconds = statistics.median(times)
            ratio = seconds / bare
            target = TARGETS[name]
            label = name if name.startswith("(") else f"privacycheck {name}"
            line = f"{label}: {seconds * 1000:.1f} ms = {ratio:.2f}x bare"
            if target is not None:
                ok = ratio <= target
                failed |= not ok
                line += f" (target <= {target}x) {'ok' if ok else 'OVER TARGET'}"
            if name in AGAINST_JINJA2:
                ratio = seconds / jinja2_import
                ok = ratio <= AGAINST_JINJA2[name]
                failed |= not ok
                line += (f"; {ratio:.2f}x a bare import of jinja2 (target <= {AGAINST_JINJA2[name]}x) "
                         f"{'ok' if ok else 'OVER TARGET'}")
            print(line)
    if args.portfolio:
        sys.path.insert(0, str(Path(__file__).parent))
        try:
            from portfolio import run_portfolio_benchmark  # type: ignore[import-not-found]
        except ImportError:
            print("privacycheck portfolio: not measured (benchmarks/portfolio.py or the "
                  "portfolio command is not there yet)")
            return 1 if failed else 0
        if args.cold:
            os.environ["PRIVACYCHECK_NO_CACHE"] = "1"
        seconds = run_portfolio_benchmark(args.portfolio)
        ok = seconds <= PORTFOLIO_TARGET
        failed |= not ok
        print(f"privacycheck portfolio of {args.portfolio} files: {seconds:.2f} s "
              f"(target <= {PORTFOLIO_TARGET:g} s) {'ok' if ok else 'OVER TARGET'}")
        if args.portfolio_ratio:
            from portfolio import LINEAR_TARGET, RATIO_TARGET, per_file_ratio  # type: ignore[import-not-found]

            costs = {}
            for count in args.portfolio_ratio:
                ms, ratio = per_file_ratio(count)
                costs[count] = ms
                ok = ratio <= RATIO_TARGET
                failed |= not ok
                print(f"privacycheck portfolio of {count} files: {ms:.2f} ms a file = {ratio:.2f}x a bare "
                      f"tomllib parse (target <= {RATIO_TARGET:g}x) {'ok' if ok else 'OVER TARGET'}")
            if len(costs) > 1:
                growth = costs[max(costs)] / costs[min(costs)]
                ok = growth <= LINEAR_TARGET
                failed |= not ok
                print(f"cost per file at {max(costs)} files against {min(costs)}: {growth:.2f}x "
                      f"(target <= {LINEAR_TARGET:g}x, linear) {'ok' if ok else 'OVER TARGET'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
