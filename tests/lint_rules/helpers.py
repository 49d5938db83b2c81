"""Helpers for the rule tests: parse an entry, build a context, run one rule or all of them."""

from __future__ import annotations

import datetime as dt

import casefile.lint.rules  # noqa: F401  (fills the registry)
from casefile.entry import parse_entry
from casefile.lint.api import REGISTRY, ClientIndex, LintContext

NOW = dt.datetime(2026, 11, 22, 12, 0)
PATHS = {
    "note": "clients/c-0001/notes/2026-11-20-1030-session.md",
    "goal": "clients/c-0001/goals/g01-own-apartment.md",
    "plan": "clients/c-0001/plan.md",
    "client": "clients/c-0001/profile.md",
    "addendum": "clients/c-0001/notes/2026-11-21-0900-addendum.md",
}


def index(known: bool = True) -> ClientIndex:
    return ClientIndex("c-0001", goal_ids={"g01", "g02"}, task_ids={"t01", "t02"}, need_ids={"n1", "n2"},
                       mandate_ids={"m1"}, note_paths={"notes/2026-11-20-1030-session.md"}, known=known)


def context(settings=None, config=None, known: bool = True) -> LintContext:
    return LintContext(settings=settings or {}, config=config, root=None, now=NOW,
                       clients={"c-0001": index(known)})


def entry_of(text: str, path: str | None = None):
    if path is None:
        kind = None
        for line in text.splitlines()[1:]:
            if line.startswith("kind:"):
                kind = line.split(":", 1)[1].strip()
                break
        path = PATHS.get(kind or "note", PATHS["note"])
    return parse_entry(text, path)


def run(code: str, text: str, ctx=None, path=None):
    r = REGISTRY[code]
    e = entry_of(text, path)
    return list(r.check(e, ctx or context()))


def codes(text: str, ctx=None, path=None, prefix: str = "") -> list[str]:
    e = entry_of(text, path)
    ctx = ctx or context()
    out = []
    for code, r in sorted(REGISTRY.items()):
        if not code.startswith(prefix):
            continue
        if r.kinds and e.kind not in r.kinds:
            continue
        for _ in r.check(e, ctx):
            out.append(code)
    return out


def data_note(data: str, assessment: str = "Worker assessed the plan as on track.",
              plan: str = "Review on 2026-11-27.", fmt: str = "DAP") -> str:
    from casefile.lint.rules.five_ws import note

    return note(front=f"format: {fmt}", body=f"## Data\n{data}\n\n## Assessment\n{assessment}\n\n## Plan\n{plan}\n")
