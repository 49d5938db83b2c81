"""Cost of writing one note and committing it in a caseload of 15,000 committed notes, against the floor:
`git add` + `git commit` of the same kind of file by the git binary.

Run: python bench/bench_note.py [--clients 150] [--notes 100] [--runs 15]
Builds the caseload once in a temporary folder with bench/generate.py (one commit per file), then
alternates three measurements: the floor, `casefile note new` on its own (CASEFILE_SERVER=off), and the
same with the caseload's resident server running (`casefile server start`). Record results in
docs/benchmarks.md.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402  (bench/generate.py, the shared synthetic caseload)

BODY = """## Data
Client said, "I sent two applications this week." Client arrived on time.

## Assessment
In my professional opinion the client is making steady progress.

## Plan
Client will send two more applications by Friday. Next session in one week.
"""


def run(cmd: list[str], cwd: Path, stdin: str | None = None, env: dict | None = None) -> None:
    subprocess.run(cmd, cwd=cwd, input=stdin, text=True, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                   env={**os.environ, **(env or {})})


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
        generate(root, args.clients, args.notes, git=True)
        files = int(subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True).stdout.count("\n"))
        print(f"built {files} committed files in {time.perf_counter() - t0:.1f}s")
        plain, alone, served = [], [], []
        run([sys.executable, "-m", "casefile", "server", "start"], root)
        try:
            for i in range(args.runs):
                raw = root / "clients" / "c-0001" / "notes" / f"2027-01-01-{i:04d}-phone.md"

                def git_floor() -> None:
                    raw.write_text(f"---\nkind: note\nclient: c-0001\n---\n{BODY}")
                    run(["git", "add", "--", str(raw)], root)
                    run(["git", "commit", "-qm", "Add phone note for c-0001"], root)

                def note(client: str, env: dict | None = None) -> None:
                    run([sys.executable, "-m", "casefile", "note", "new", client, "--type", "phone", "--when",
                         f"2027-01-02 {i % 24:02d}:{i % 60:02d}", "--who", "client", "--where", "phone", "--why",
                         "Check-in", "--body", "-"], root, stdin=BODY, env=env)

                plain.append(timed(git_floor))
                alone.append(timed(lambda: note("c-0002", {"CASEFILE_SERVER": "off"})))
                served.append(timed(lambda: note("c-0003")))
        finally:
            run([sys.executable, "-m", "casefile", "server", "stop"], root)
        a, b, c = statistics.median(plain), statistics.median(alone), statistics.median(served)
        print(f"git add + git commit (binary)                  median {a:7.1f} ms")
        print(f"casefile note new, on its own (whole process)  median {b:7.1f} ms   ratio {b / a:.2f}x")
        print(f"casefile note new, with `casefile server start` median {c:7.1f} ms   ratio {c / a:.2f}x")


if __name__ == "__main__":
    main()
