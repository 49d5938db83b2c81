"""Benchmark `casefile audit` on a synthetic caseload: 150 clients x 100 notes, one commit per file
(bench/generate.py --git, written with git fast-import).

    python bench/bench_audit.py [--clients 150] [--notes 100] [--runs 3] [--keep DIR]

Prints the median wall time of the audit (in-process, after a warm-up run) and of `casefile audit` as a
command, and what it found (the generator plants late entries without a reason and leaves old drafts).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def build(root: Path, clients: int, notes: int) -> dict:
    from bench.generate import generate

    t0 = time.perf_counter()
    stats = generate(root, clients, notes, git=True)
    return {"files": stats.files, "commits": stats.commits, "seconds": time.perf_counter() - t0}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--clients", type=int, default=150)
    p.add_argument("--notes", type=int, default=100)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--keep", help="build the caseload here and keep it")
    a = p.parse_args(argv)
    tmp = None
    if a.keep:
        root = Path(a.keep)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="casefile-bench-")
        root = Path(tmp.name) / "caseload"
    made = build(root, a.clients, a.notes)
    commits = int(subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=root, capture_output=True,
                                 text=True, check=True).stdout)
    print(f"caseload: {made['files']} files, {commits} commits (built in {made['seconds']:.1f} s)")

    from casefile.caseload import Caseload
    from casefile.records.audit import audit

    times, result = [], None
    for i in range(a.runs + 1):
        cl = Caseload(root)
        t0 = time.perf_counter()
        result = audit(cl)
        if i:
            times.append(time.perf_counter() - t0)
    assert result is not None
    by_code: dict[str, int] = {}
    for f in result.findings:
        by_code[f.code] = by_code.get(f.code, 0) + 1
    print(f"audit (in process): median {statistics.median(times):.2f} s over {a.runs} runs; "
          f"{result.commits} commits, {result.records} records, {result.signed} signed; findings: "
          + ", ".join(f"{k} {v}" for k, v in sorted(by_code.items())))
    cmd = []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "casefile", "audit", "--json"], cwd=root, capture_output=True)
        cmd.append(time.perf_counter() - t0)
    print(f"casefile audit (command, with start-up): median {statistics.median(cmd):.2f} s")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
