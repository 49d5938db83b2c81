"""Small output helpers shared by the commands: tables and JSON."""

from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

import typer


def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def echo_json(data: Any) -> None:
    import json

    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=_default))


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    cells = [[("" if c is None else str(c)) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    typer.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip())
    for r in cells:
        typer.echo("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())


def saved(what: str, result: Any) -> None:
    """`Added ... : path (commit abc1234)`, with a line before it if hand edits were recorded first."""
    if getattr(result, "hand_edit_commit", None):
        typer.echo(f"Recorded hand edits first (commit {result.hand_edit_commit[:7]})")
    commit = f" (commit {result.commit[:7]})" if getattr(result, "commit", None) else ""
    typer.echo(f"{what}: {result.path}{commit}")
    left_out(getattr(result, "left_out", ()))


def left_out(paths) -> None:
    """New files that are not casefile's own are never committed by it: say so, once per command."""
    if paths:
        shown = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
        typer.echo(f"warning: not recorded (not casefile's own files; add them with git if they belong): {shown}",
                   err=True)


def listing(rows: list[dict], as_json: bool, headers: Sequence[str], cells, empty: str) -> None:
    """A list command's output: JSON, or a table of the readable rows and a warning for each unreadable one."""
    if as_json:
        echo_json(rows)
        return
    if not rows:
        typer.echo(empty)
        return
    table(headers, [cells(r) for r in rows if "problem" not in r])
    for r in rows:
        if "problem" in r:
            typer.echo(f"warning: {r['problem']}", err=True)
