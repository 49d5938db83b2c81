"""Helpers for the engine tests: a small caseload on disk with dates relative to today, test-only rules
(CF195-CF199, registered for one test and removed after), and running the CLI from inside a folder.

Nothing here imports the lint engine at import time: the rules' tests read the registry when they are
collected, and the engine's own rules (CF19x) must not be in it then.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

from typer.testing import CliRunner

TODAY = dt.date.today()


def day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


def stamp(offset_days: int, hhmm: str = "10:30") -> str:
    return f"{day(offset_days)}T{hhmm}"


CONFIG = """worker:
  id: asmith
  name: Alex Smith
  email: asmith@example.org
note_format: DAP
"""


def profile(cid: str = "c-0001") -> str:
    return f"""---
kind: client
id: {cid}
name: "Dana Reyes"
opened: {day(-40)}
worker: asmith
status: open
needs:
  - id: n1
    need: "Stable housing she can afford"
    priority: 1
    domain: housing
mandates:
  - id: m1
    condition: "Report to probation every two weeks"
    source: provincial court
---

## Background

Referred by Metro Housing.
"""


def goal(gid: str = "g01", cid: str = "c-0001") -> str:
    return f"""---
kind: goal
id: {gid}
client: {cid}
title: "Sign a lease for a one-bedroom unit in Halifax under $1,100 a month"
term: long
domain: housing
addresses: [n1]
specific: "Client will sign a lease for a one-bedroom unit in Halifax under $1,100 a month"
measure: {{metric: leases signed, baseline: 0, target: 1}}
achievable: "Income support approved; referral to Metro Housing; strength: steady part-time job"
start: {day(-30)}
due: {day(150)}
review_every: 2 weeks
status: active
---
"""


def plan(cid: str = "c-0001") -> str:
    return f"""---
kind: plan
client: {cid}
tasks:
  - id: t01
    goal: g01
    what: "Submit the Metro Housing application with the pay stubs"
    who: client
    due: {day(20)}
    status: open
---
"""


def note(cid: str = "c-0001", *, data: str = "Client brought two completed rental applications.",
         front: str = "", offset: int = -2) -> str:
    fields = {
        "kind": "note", "client": cid, "when": stamp(offset), "duration": "50m", "type": "session",
        "format": "DAP", "who": "[client, worker asmith]", "where": "office", "why": "Review housing applications",
        "goals": "[g01]", "author": "asmith", "recorded": stamp(offset, "11:05"), "status": "final",
        "signed_by": "asmith", "signed_at": stamp(offset, "11:10"),
    }
    for line in front.strip().splitlines():
        k, _, v = line.partition(":")
        if v.strip() == "~drop":
            fields.pop(k.strip(), None)
        else:
            fields[k.strip()] = v.strip()
    head = "\n".join(f"{k}: {v}" for k, v in fields.items())
    return (f"---\n{head}\n---\n\n## Data\n\n{data}\n\n## Assessment\n\nWorker assessed the applications as "
            f"complete.\n\n## Plan\n\nClient will submit both applications by {day(5)}.\n")


def make_caseload(root: Path, clients: int = 1, notes: int = 1, config: str = CONFIG) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "casefile.yml").write_text(config, encoding="utf-8")
    for i in range(1, clients + 1):
        cid = f"c-{i:04d}"
        d = root / "clients" / cid
        (d / "goals").mkdir(parents=True)
        (d / "notes").mkdir()
        (d / "profile.md").write_text(profile(cid), encoding="utf-8")
        (d / "plan.md").write_text(plan(cid), encoding="utf-8")
        (d / "goals" / "g01-own-apartment.md").write_text(goal("g01", cid), encoding="utf-8")
        for n in range(notes):
            (d / "notes" / f"{day(-2 - n)}-1030-session.md").write_text(note(cid, offset=-2 - n), encoding="utf-8")
    return root


def git(root: Path, *args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=check,
                          env={**os.environ, **(env or {})})


def git_init(root: Path, commit: bool = True) -> None:
    git(root, "init", "-q", "-b", "main")
    if commit:
        git(root, "add", "-A")
        git(root, "commit", "-qm", "start")


def cli(cwd: Path, *args: str, input: str | bytes | None = None):
    from casefile.cli import app

    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)
    finally:
        os.chdir(old)


@contextmanager
def extra_rules():
    """Register rules CF195-CF199 for one test: a word rule, a cross-file rule, a clock rule, a crash."""
    import re

    from casefile.lint.api import REGISTRY, Hit, iter_lines, rule
    from casefile.lint.engine import load_rules

    load_rules()
    added = []

    def reg(code, name, kinds=("note",), severity="warning"):
        def deco(fn):
            rule(code, name, severity=severity, kinds=kinds, summary=f"test rule {name}", why="tests",
                 bad="x", good="y")(fn)
            added.append(code)
            return fn
        return deco

    @reg("CF199", "test-zebra", kinds=())
    def zebra(entry, ctx):
        for line, text in iter_lines(entry):
            for m in re.finditer(r"zebra", text):
                yield Hit(line, m.start() + 1, "the word zebra", "horse", line, m.end() + 1)

    @reg("CF198", "test-goal-ref")
    def goal_ref(entry, ctx):
        idx = ctx.client(entry.meta.get("client"))
        if not idx.known:
            return
        for g in entry.meta.get("goals") or []:
            if g not in idx.goal_ids:
                yield Hit(entry.field_line("goals"), 1, f"no goal {g}")

    @reg("CF197", "test-old-note", severity="info")
    def old(entry, ctx):
        from casefile.dates import parse_datetime

        when = parse_datetime(entry.meta["when"])
        if ctx.now - when > dt.timedelta(days=30):
            yield Hit(entry.field_line("when"), 1, "older than 30 days")

    @reg("CF196", "test-crash")
    def crash(entry, ctx):
        if "crash" in entry.body:
            raise KeyError("Dana Reyes private text")
        return ()

    try:
        yield REGISTRY
    finally:
        for code in added:
            REGISTRY.pop(code, None)
