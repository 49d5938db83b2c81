"""Cost of writing one note and committing it in a caseload of 15,000 committed notes, against the floor:
`git add` + `git commit` of the same kind of file by the git binary.

Run: python bench/bench_note.py [--clients 150] [--notes 100] [--runs 15]
Builds the caseload once in a temporary folder (one commit holding every file), then alternates the two
measurements. Record results in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NOTE = """---
kind: note
client: {cid}
when: 2026-{m:02d}-{d:02d}T10:30
duration: 50m
type: session
format: DAP
who: [client, worker asmith]
where: office
why: Review the action plan
goals: [g01]
author: asmith
recorded: 2026-{m:02d}-{d:02d}T11:00
status: final
---
## Data
Client said, "I sent {n} applications this week." Client arrived on time.

## Assessment
In my professional opinion the client is making steady progress on g01.

## Plan
Client will send two more applications by Friday. Next session in one week.
"""


def run(cmd: list[str], cwd: Path, env: dict | None = None, stdin: str | None = None) -> None:
    subprocess.run(cmd, cwd=cwd, env=env, input=stdin, text=True, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def build(root: Path, clients: int, notes: int) -> None:
    env = {**os.environ}
    run([sys.executable, "-m", "casefile", "init", str(root), "--name", "Bench Worker", "--email", "bench@example.org"], root.parent, env)
    for c in range(1, clients + 1):
        cid = f"c-{c:04d}"
        d = root / "clients" / cid / "notes"
        d.mkdir(parents=True)
        (d.parent / "profile.md").write_text(
            f"---\nkind: client\nid: {cid}\nname: Client {c}\nopened: 2026-01-05\nworker: bench\nstatus: open\n---\n")
        for n in range(notes):
            m, day = 1 + n % 11, 1 + n % 28
            (d / f"2026-{m:02d}-{day:02d}-{1000 + n:04d}-session.md").write_text(NOTE.format(cid=cid, m=m, d=day, n=n))
    run(["git", "add", "-A"], root)
    run(["git", "commit", "-qm", "Synthetic caseload"], root)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=150)
    parser.add_argument("--notes", type=int, default=100)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "caseload"
        t0 = time.perf_counter()
        build(root, args.clients, args.notes)
        files = int(subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True).stdout.count("\n"))
        print(f"built {files} committed files in {time.perf_counter() - t0:.1f}s")
        plain, tool = [], []
        body = NOTE.split("---\n", 2)[2]
        for i in range(args.runs):
            raw = root / "clients" / "c-0001" / "notes" / f"2027-01-01-{i:04d}-phone.md"

            def git_floor() -> None:
                raw.write_text(NOTE.format(cid="c-0001", m=1, d=1, n=i))
                run(["git", "add", "--", str(raw)], root)
                run(["git", "commit", "-qm", "Add phone note for c-0001"], root)

            plain.append(timed(git_floor))
            tool.append(timed(lambda: run(
                [sys.executable, "-m", "casefile", "note", "new", "c-0002", "--type", "phone", "--when",
                 f"2027-01-02 {i % 24:02d}:{i % 60:02d}", "--who", "client", "--where", "phone", "--why", "Check-in",
                 "--body", "-"], root, stdin=body)))
        a, b = statistics.median(plain), statistics.median(tool)
        print(f"git add + git commit (binary)      median {a:7.1f} ms")
        print(f"casefile note new (whole process)  median {b:7.1f} ms   ratio {b / a:.2f}x")


if __name__ == "__main__":
    main()
