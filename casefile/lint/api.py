"""The contract between the lint engine and the rules.

A rule is a plain function `check(entry, ctx)` that yields `Hit`s, registered with the `@rule` decorator
with its code, readable name, default severity, the entry kinds it looks at, and a bad and a good example
(`casefile rules CODE` shows them; the tests run them). The engine adds path, code, name and severity,
applies configuration and suppressions, and renders the output.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from casefile.entry import Entry

SEVERITIES = ("info", "warning", "error")


@dataclass
class Hit:
    """What a rule reports: where (1-based file lines and columns, end exclusive) and why."""

    line: int
    column: int
    message: str
    suggestion: str | None = None
    end_line: int | None = None
    end_column: int | None = None
    severity: str | None = None  # overrides the rule's default, e.g. a word-list entry's own severity


@dataclass(frozen=True)
class Rule:
    code: str  # CF + three digits
    name: str  # kebab-case, stable
    severity: str  # default: info | warning | error
    kinds: tuple[str, ...]  # entry kinds it checks; () = every file
    summary: str  # one line: what it finds
    why: str  # why it matters, for `casefile rules CODE`
    bad: str  # an example entry text (or fragment) that must trigger it
    good: str  # the fixed example that must not
    check: Callable[[Entry, "LintContext"], Iterable[Hit]]


REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, *, severity: str, kinds: tuple[str, ...], summary: str, why: str, bad: str, good: str):
    if severity not in SEVERITIES:
        raise ValueError(f"{code}: severity must be one of {SEVERITIES}")

    def register(fn: Callable[[Entry, "LintContext"], Iterable[Hit]]):
        if code in REGISTRY:
            raise ValueError(f"rule {code} registered twice")
        REGISTRY[code] = Rule(code, name, severity, kinds, summary, why, bad, good, fn)
        return fn

    return register


@dataclass
class ClientIndex:
    """What one client's other files define, for rules that check references across files."""

    client_id: str
    goal_ids: set[str] = field(default_factory=set)
    task_ids: set[str] = field(default_factory=set)
    need_ids: set[str] = field(default_factory=set)
    mandate_ids: set[str] = field(default_factory=set)
    note_paths: set[str] = field(default_factory=set)  # relative to the client folder
    known: bool = False  # False when the client folder was not read (a lone file, stdin)


@dataclass
class LintContext:
    settings: dict[str, Any]  # the `lint:` section of casefile.yml (may be empty)
    config: Any | None  # casefile.config.Config when linting inside a caseload, else None
    root: Path | None
    now: dt.datetime
    clients: dict[str, ClientIndex] = field(default_factory=dict)

    @property
    def today(self) -> dt.date:
        return self.now.date()

    def client(self, client_id: str | None) -> ClientIndex:
        if client_id and client_id in self.clients:
            return self.clients[client_id]
        return ClientIndex(str(client_id or ""))


def iter_lines(entry: Entry, section=None) -> Iterator[tuple[int, str]]:
    """(1-based file line, text) for every line of a section's text, or of the whole body."""
    if section is None:
        first, text = entry.body_line, entry.body
    else:
        first, text = section.first_line, section.text
    for i, line in enumerate(text.split("\n")):
        yield first + i, line
