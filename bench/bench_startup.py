"""Start-up cost of `casefile --version` and `casefile --help` against a Typer app that imports only typer.

Run: python bench/bench_startup.py [--runs 30]
Each command runs as a fresh process; the figure is the median wall time. Record results in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_TYPER = '''
import typer
app = typer.Typer()
@app.command()
def hello(name: str = "x"):
    """Say hello."""
    print(name)
@app.command()
def bye():
    """Say bye."""
if __name__ == "__main__":
    app()
'''


def median_ms(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE_TYPER)
        base = median_ms([sys.executable, str(bare), "--help"], args.runs)
        rows = [("bare Typer app --help (imports only typer)", base),
                ("bare Typer app, one command run", median_ms([sys.executable, str(bare), "hello"], args.runs))]
        script = shutil.which("casefile")  # the installed entry point, as a worker runs it
        for label, argv in (("casefile --version", ["--version"]), ("casefile --help", ["--help"]),
                            ("casefile note new --help", ["note", "new", "--help"])):
            rows.append((f"python -m {label}", median_ms([sys.executable, "-m", "casefile", *argv], args.runs)))
            if script:
                rows.append((label, median_ms([script, *argv], args.runs)))
    run = rows[1][1]
    print(f"{'command':48} {'median ms':>10} {'x bare --help':>14} {'x bare run':>11}")
    for label, ms in rows:
        print(f"{label:48} {ms:10.1f} {ms / base:14.2f} {ms / run:11.2f}")


if __name__ == "__main__":
    main()
