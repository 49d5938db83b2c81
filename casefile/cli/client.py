"""casefile client: open a case, list the caseload, show a client's file."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from casefile.cli._app import caseload_option, make_app, open_caseload, warn

app = make_app(help="Clients: open a case, list your caseload, show one client's file.")


@app.command("new")
def new(
    name: Optional[str] = typer.Option(None, "--name", help="The client's full name (kept inside profile.md only)."),
    dob: Optional[str] = typer.Option(None, "--dob", help="Date of birth, YYYY-MM-DD."),
    preferred_name: Optional[str] = typer.Option(None, "--preferred-name"),
    pronouns: Optional[str] = typer.Option(None, "--pronouns"),
    phone: Optional[str] = typer.Option(None, "--phone"),
    program: Optional[str] = typer.Option(None, "--program", help="Program or service stream."),
    opened: Optional[str] = typer.Option(None, "--opened", help="Date the case opened (default today)."),
    need: List[str] = typer.Option([], "--need", help="A need, most important first (repeat the flag)."),
    strength: List[str] = typer.Option([], "--strength", help="A strength or protective factor (repeat)."),
    risk: List[str] = typer.Option([], "--risk", help="A risk (repeat)."),
    mandate: List[str] = typer.Option([], "--mandate", help="A court or program condition (repeat)."),
    edit: Optional[bool] = typer.Option(None, "--edit/--no-edit", help="Open the profile in your editor (default: only when --name is missing)."),
    caseload: Path = caseload_option(),
) -> None:
    """Open a case: the next case ID, and a profile.md from the template.

    The name goes inside profile.md only, never into a path, branch or commit message.

    Example: casefile client new --name "Dana Reyes" --dob 1994-03-02 --need "stable housing" --need "income"
    """
    cl = open_caseload(caseload, writing=True)  # first: starts the scan for hand edits
    from casefile.cli._render import saved
    from casefile.clients import NewClient, likely_duplicates, new_client
    from casefile.dates import parse_date

    data = NewClient(
        name=name,
        dob=parse_date(dob, what="date of birth") if dob else None,
        preferred_name=preferred_name,
        pronouns=pronouns,
        phone=phone,
        program=program,
        opened=parse_date(opened, what="opening date") if opened else None,
        needs=need, strengths=strength, risks=risk, mandates=mandate,
    )
    for other in likely_duplicates(cl, name, data.dob):
        warn(f"this may be the same person as {other} (same name or same initials and date of birth); check before you go on")
    result = new_client(cl, data, open_editor=edit if edit is not None else not name)
    saved("Opened case", result)


@app.command("list")
def list_(
    status: str = typer.Option("open", "--status", help="open, on-hold, closed or all."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts."),
    caseload: Path = caseload_option(),
) -> None:
    """List clients: ID, name, status, goals, notes and the last contact."""
    from casefile.cli._render import echo_json, table
    from casefile.clients import check_status, list_clients

    rows = list_clients(open_caseload(caseload), check_status(status))
    if as_json:
        echo_json([r.as_dict() for r in rows])
        return
    if not rows:
        typer.echo(f"No {'' if status == 'all' else status + ' '}clients.")
        return
    table(
        ["ID", "NAME", "STATUS", "OPENED", "GOALS", "NOTES", "LAST CONTACT"],
        [[r.id, r.name, r.status, r.opened, r.goals, r.notes, r.last_contact or "-"] for r in rows],
    )
    for r in rows:
        if r.problem:
            warn(r.problem)


@app.command("show")
def show(
    client: str = typer.Argument(..., help="Case ID, e.g. c-0001."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts."),
    caseload: Path = caseload_option(),
) -> None:
    """Show one client's file: profile, needs, goals, open tasks and recent notes."""
    from casefile.cli._render import echo_json
    from casefile.clients import show_client

    f = show_client(open_caseload(caseload), client)
    if as_json:
        echo_json({"id": f.id, "profile": f.profile, "goals": f.goals, "tasks": f.tasks, "notes": f.notes})
        return
    p = f.profile
    typer.echo(f"{f.id}  {p.get('name', '')}  ({p.get('status', '')})")
    for key in ("preferred_name", "pronouns", "dob", "program", "opened", "worker", "closed"):
        if p.get(key):
            typer.echo(f"  {key.replace('_', ' ')}: {p[key]}")
    _items("Needs", p.get("needs"), lambda n: f"{n.get('id', '?')}  {n.get('need', '')}" if isinstance(n, dict) else str(n))
    _items("Strengths", p.get("strengths"), str)
    _items("Risks", p.get("risks"), lambda r: f"{r.get('risk', '')} ({r.get('level', '?')})" if isinstance(r, dict) else str(r))
    _items("Mandates", p.get("mandates"), lambda m: f"{m.get('id', '?')}  {m.get('condition', '')}" if isinstance(m, dict) else str(m))
    for row in f.goals + f.notes:
        if "problem" in row:
            warn(row["problem"])
    goals = [g for g in f.goals if "problem" not in g]
    _items("Goals", goals, lambda g: f"{g.get('id', '?')}  [{g.get('term', '?')}, {g.get('status', '?')}, due {g.get('due') or '-'}]  {g.get('title', '')}")
    open_tasks = [t for t in f.tasks if t.get("status") == "open"]
    _items("Open tasks", open_tasks, lambda t: f"{t.get('id', '?')}  {t.get('who', '?')} by {t.get('due') or '-'}: {t.get('what', '')}")
    _items("Notes (latest 5)", [n for n in f.notes if "problem" not in n][-5:], lambda n: f"{n['file']}  {n.get('format', '')} {n.get('status', '')}")


def _items(title: str, items, fmt) -> None:
    if not items:
        return
    typer.echo(f"\n{title}:")
    for item in items:
        typer.echo(f"  {fmt(item)}")


@app.command("close")
def close(
    client: str = typer.Argument(..., help="Case ID."),
    reason: str = typer.Option(..., "--reason", "-r", help="Why the case is closed."),
    caseload: Path = caseload_option(),
) -> None:
    """Close a case: write the closing summary, mark the client closed with a retention date (casefile.yml
    retention), and sign every draft note in the same commit. If a draft cannot be signed, nothing is done
    and the drafts are listed. A closed client's notes take only addenda."""
    cl = open_caseload(caseload, writing=True)  # first: starts the scan for hand edits
    from casefile.cli._render import saved
    from casefile.records.close import close as close_case

    result, signed = close_case(cl, client, reason=reason)
    for path in signed:
        typer.echo(f"Signed at closing: {path}")
    saved(f"Closed case {client}", result)
