"""Benchmark `casefile lint` on a synthetic caseload, against a bare read + parse of the same files and
against proselint (installed separately: `pip install proselint`; it is not a casefile dependency).

    python bench/bench_lint.py [--clients 150] [--notes 100] [--dir DIR] [--runs 3] [--no-proselint] [--clean]

Measured, each as the median of --runs runs of the whole command (`python -m casefile lint`, start-up
included), and again in-process (the engine alone, as the baseline is):
- baseline: one process reads every entry and parses its front matter with PyYAML's C loader;
- cold: no cache (every file parsed and checked, on every core);
- warm: the same command again with nothing changed (answered in casefile/launch.py from the last run's
  snapshot; also from a client's folder, as JSON, and with an option that needs the full command);
- one note edited, one goal edited (the notes that refer to that client's goals are checked again);
- proselint over the same files.
Prints a Markdown table (the figures in docs/benchmarks.md come from it).
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

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def entries(root: Path) -> list[Path]:
    out = []
    for d, dirnames, filenames in os.walk(root / "clients"):
        dirnames.sort()
        out += [Path(d) / f for f in sorted(filenames) if f.endswith(".md")]
    return out


def bare_read_parse(files: list[Path]) -> int:
    """The baseline: read each file and parse its front matter with the C loader, one process."""
    import yaml

    n = 0
    for f in files:
        text = f.read_bytes().decode("utf-8")
        if text.startswith("---\n"):
            end = text.find("\n---\n", 3)
            if end != -1:
                yaml.load(text[4:end], Loader=yaml.CSafeLoader)
                n += 1
    return n


def timed(fn, runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times


def cpu_of(cmd: list[str], env: dict, cwd: Path) -> tuple[float, float, int]:
    """(wall seconds, user+sys CPU seconds of the children, exit code) of one command."""
    before = os.times()
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system), p.returncode


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=150)
    ap.add_argument("--notes", type=int, default=100)
    ap.add_argument("--dir", type=Path, help="reuse (or make) the caseload here instead of a temporary folder")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-proselint", action="store_true")
    ap.add_argument("--clean", action="store_true", help="generate a caseload with no planted problems")
    a = ap.parse_args(argv)

    from bench.generate import generate

    tmp = Path(tempfile.mkdtemp(prefix="casefile-bench-"))
    root = a.dir or tmp / "caseload"
    if not (root / "casefile.yml").exists():
        t = time.perf_counter()
        s = generate(root, a.clients, a.notes, problems=not a.clean)
        print(f"generated {s.files} files in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    files = entries(root)
    n = len(files)
    cache = tmp / "lint-cache"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
               CASEFILE_CACHE_DIR=str(cache), PYTHONPYCACHEPREFIX=str(tmp / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled once, as an installed package is
    subprocess.run([sys.executable, "-m", "casefile", "--help"], env=env, stdout=subprocess.DEVNULL)
    lint_cmd = [sys.executable, "-m", "casefile", "lint", "-q"]
    rows: list[tuple[str, float, float | None, str]] = []  # (what, wall s, cpu s, note)

    bare_read_parse(files)  # warm the OS file cache first, for everyone
    base, _ = timed(lambda: bare_read_parse(files), a.runs)
    rows.append(("baseline: read + C-loader parse, 1 process (in-process)", base, None, ""))
    script = ("import sys; sys.path.insert(0, %r); from bench.bench_lint import bare_read_parse, entries; "
              "from pathlib import Path; bare_read_parse(entries(Path(%r)))" % (str(REPO), str(root)))
    walls = [cpu_of([sys.executable, "-c", script], env, root) for _ in range(a.runs)]
    base_cli = statistics.median(w for w, _, _ in walls)
    rows.append(("baseline as a command (python start-up, walk, read, parse)", base_cli,
                 statistics.median(c for _, c, _ in walls), ""))

    def cold(extra=()):
        shutil.rmtree(cache, ignore_errors=True)
        return cpu_of(lint_cmd + list(extra), env, root)

    for label, extra in (("casefile lint, cold (no cache, 2 processes)", ()),
                         ("casefile lint, cold, --jobs 1", ("--jobs", "1"))):
        rs = [cold(extra) for _ in range(a.runs)]
        rows.append((label, statistics.median(w for w, _, _ in rs), statistics.median(c for _, c, _ in rs),
                     f"exit {rs[0][2]}"))
    cpu_of(lint_cmd, env, root)  # fill the cache
    rs = [cpu_of(lint_cmd, env, root) for _ in range(max(a.runs, 5))]
    rows.append(("casefile lint, warm (nothing changed)", statistics.median(w for w, _, _ in rs),
                 statistics.median(c for _, c, _ in rs), ""))
    # the same, answered from the snapshot but rendered again: from a client's folder, and as JSON
    sub = root / "clients" / sorted(p.name for p in (root / "clients").iterdir())[0]
    for label, cmd, where in (("casefile lint, warm, from a client's folder", lint_cmd, sub),
                              ("casefile lint --format json, warm", lint_cmd + ["--format", "json"], root)):
        rs = [cpu_of(cmd, env, where) for _ in range(max(a.runs, 5))]
        rows.append((label, statistics.median(w for w, _, _ in rs), statistics.median(c for _, c, _ in rs), ""))
    warm_cli = [cpu_of(lint_cmd + ["--fail-on", "warning"], env, root) for _ in range(max(a.runs, 5))]
    rows.append(("casefile lint --fail-on warning, warm (the full command: typer, engine, snapshot)",
                 statistics.median(w for w, _, _ in warm_cli), statistics.median(c for _, c, _ in warm_cli), ""))

    note = next(f for f in files if "/notes/" in f.as_posix())
    goal = next(f for f in files if "/goals/" in f.as_posix())
    original_note, original_goal = note.read_text(), goal.read_text()
    try:
        rs = []
        for i in range(a.runs):
            note.write_text(original_note + f"\nWorker called the client back ({i}).\n")
            rs.append(cpu_of(lint_cmd, env, root))
        rows.append(("casefile lint, one note edited", statistics.median(w for w, _, _ in rs),
                     statistics.median(c for _, c, _ in rs), ""))
        rs = []
        for i in range(a.runs):
            goal.write_text(original_goal.replace("review_every: 2 weeks", f"review_every: {i + 2} weeks"))
            rs.append(cpu_of(lint_cmd, env, root))
        rows.append(("casefile lint, one goal edited (its client's notes re-checked)",
                     statistics.median(w for w, _, _ in rs), statistics.median(c for _, c, _ in rs), ""))
    finally:
        note.write_text(original_note)
        goal.write_text(original_goal)

    # The engine alone, in this process (no interpreter or CLI start-up), as the baseline is measured.
    from casefile.lint.engine import lint, load_rules

    load_rules()
    os.environ["CASEFILE_CACHE_DIR"] = str(cache)
    shutil.rmtree(cache, ignore_errors=True)
    t = time.perf_counter()
    lint(root)
    rows.append(("engine in-process, cold", time.perf_counter() - t, None, ""))
    warm, _ = timed(lambda: lint(root), max(a.runs, 5))
    rows.append(("engine in-process, warm", warm, None, ""))

    if not a.no_proselint:
        prose = shutil.which("proselint") or str(Path(sys.executable).with_name("proselint"))
        if Path(prose).exists():
            wall, c, code = cpu_of([prose, "-o", "compact", "check", str(root / "clients")], env, root)
            rows.append(("proselint check, same files", wall, c, f"exit {code}"))
        else:
            print("proselint is not installed; skipped (pip install proselint)", file=sys.stderr)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n{n} files ({a.clients} clients x {a.notes} notes + profile, plan, goals); "
          f"{os.cpu_count()} cores; Python {sys.version.split()[0]}; load average at the end {load:.2f}\n")
    print("| run | wall (s) | CPU (s) | files/s | vs baseline |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for what, wall, c, note_ in rows:
        cpu = f"{c:.2f}" if c is not None else ""
        print(f"| {what}{' (' + note_ + ')' if note_ else ''} | {wall:.2f} | {cpu} | {n / wall:,.0f} | "
              f"{wall / base:.2f}x |")
    if a.dir is None:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
