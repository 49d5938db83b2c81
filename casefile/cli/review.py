"""casefile review: supervisor review of a draft note, a goal or the plan."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from casefile.cli._app import caseload_option, make_app, open_caseload

app = make_app(help="Supervisor review of a draft note, a goal or the plan: request, approve, return.")


@app.command("request")
def review_request(
    client: str = typer.Argument(..., help="Case ID."),
    entry: str = typer.Argument(..., help="A draft note's name, a goal ID (g01), or 'plan'."),
    to: Optional[str] = typer.Option(None, "--to", help="The reviewer's ID, if a particular one."),
    caseload: Path = caseload_option(),
) -> None:
    """Ask for supervisor review of a draft note, a goal or the plan."""
    cl = open_caseload(caseload, writing=True)  # first: starts the scan for hand edits
    from casefile.cli._render import saved
    from casefile.records.review import request

    saved("Asked for review", request(cl, client, entry, to=to))

@app.command("approve")
def review_approve(
    client: str = typer.Argument(..., help="Case ID."),
    entry: str = typer.Argument(..., help="A note's name, a goal ID (g01), or 'plan'."),
    comment: Optional[str] = typer.Option(None, "--comment", "-m", help="An optional comment, kept in the entry."),
    caseload: Path = caseload_option(),
) -> None:
    """Approve an entry waiting for review. You are the reviewer git knows here (git config user.name)."""
    cl = open_caseload(caseload, writing=True)  # first: starts the scan for hand edits
    from casefile.cli._render import saved
    from casefile.records.review import decide

    saved("Approved", decide(cl, client, entry, approve=True, comment=comment))

@app.command("return")
def review_return(
    client: str = typer.Argument(..., help="Case ID."),
    entry: str = typer.Argument(..., help="A note's name, a goal ID (g01), or 'plan'."),
    comment: str = typer.Option(..., "--comment", "-m", help="What should change (kept in the entry, not in git messages)."),
    caseload: Path = caseload_option(),
) -> None:
    """Return an entry waiting for review, with a comment saying what should change."""
    cl = open_caseload(caseload, writing=True)  # first: starts the scan for hand edits
    from casefile.cli._render import saved
    from casefile.records.review import decide

    saved("Returned", decide(cl, client, entry, approve=False, comment=comment))
