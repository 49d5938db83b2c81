"""casefile plan: the action plan's tasks, services and referrals."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from casefile.cli._app import caseload_option, make_app, open_caseload

app = make_app(help="Action plan: small tasks (who does what by when), services and referrals.")


@app.command("add")
def add(
    client: str = typer.Argument(..., help="Case ID."),
    what: str = typer.Option(..., "--what", help="The task: one small, concrete step."),
    who: str = typer.Option(..., "--who", help="Who does it: client, worker, or a named person or agency."),
    due: str = typer.Option(..., "--due", help="By when: 2026-12-05, or from today: 3d, 2w."),
    goal: Optional[str] = typer.Option(None, "--goal", help="The goal it serves, e.g. g01."),
    referral: Optional[str] = typer.Option(None, "--referral", help="Provider the client is referred to."),
    service: Optional[str] = typer.Option(None, "--service", help="Provider of a service arranged for the client."),
    follow_up: Optional[str] = typer.Option(None, "--follow-up", help="When to check the referral or service happened."),
    caseload: Path = caseload_option(),
) -> None:
    """Add a task to the client's action plan.

    Example: casefile plan add c-0001 --goal g01 --what "Call Metro Housing about the waitlist"
    --who client --due 1w --referral "Metro Housing" --follow-up 2w
    """
    cl = open_caseload(caseload, writing=True)  # first: starts the scan for hand edits
    from casefile.cli._render import saved
    from casefile.dates import parse_date
    from casefile.errors import InvalidValue
    from casefile.plans import NewTask, add_task

    if referral and service:
        raise InvalidValue("give --referral or --service, not both")
    task = NewTask(
        what=what,
        who=who,
        due=parse_date(due, what="due date"),
        goal=goal,
        service_type="referral" if referral else ("service" if service else None),
        provider=referral or service,
        follow_up=parse_date(follow_up, what="follow-up date") if follow_up else None,
    )
    result, tid = add_task(cl, client, task)
    saved(f"Added task {tid}", result)


def _close(client: str, task: str, status: str, outcome: Optional[str], caseload: Path) -> None:
    cl = open_caseload(caseload, writing=True)  # first: starts the scan for hand edits
    from casefile.cli._render import saved
    from casefile.plans import set_task_status

    result = set_task_status(cl, client, task, status, outcome=outcome)
    if result.commit is None:
        typer.echo(f"Task {task} is {status} already.")
        return
    saved(f"Marked task {task} {status}", result)


@app.command("done")
def done(
    client: str = typer.Argument(..., help="Case ID."),
    task: str = typer.Argument(..., help="Task ID, e.g. t03."),
    outcome: Optional[str] = typer.Option(None, "--outcome", help="What came of it."),
    caseload: Path = caseload_option(),
) -> None:
    """Mark a task done (with today's date)."""
    _close(client, task, "done", outcome, caseload)


@app.command("drop")
def drop(
    client: str = typer.Argument(..., help="Case ID."),
    task: str = typer.Argument(..., help="Task ID, e.g. t03."),
    outcome: Optional[str] = typer.Option(None, "--outcome", "--reason", help="Why it was dropped."),
    caseload: Path = caseload_option(),
) -> None:
    """Mark a task dropped (with today's date)."""
    _close(client, task, "dropped", outcome, caseload)


@app.command("list")
def list_(
    client: str = typer.Argument(..., help="Case ID."),
    all_tasks: bool = typer.Option(False, "--all", help="Include done and dropped tasks."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts."),
    caseload: Path = caseload_option(),
) -> None:
    """List the plan's tasks (open ones unless --all)."""
    from casefile.cli._render import echo_json, table
    from casefile.plans import read_tasks

    tasks = read_tasks(open_caseload(caseload), client)
    shown = tasks if all_tasks else [t for t in tasks if t.get("status") == "open"]
    if as_json:
        echo_json(shown)
        return
    if not shown:
        typer.echo("No open tasks." if tasks else f"No plan yet: casefile plan add {client} --what ... --who ... --due ...")
        return
    rows = []
    for t in shown:
        s = t.get("service") if isinstance(t.get("service"), dict) else {}
        ref = f"{s.get('type', '')}: {s.get('provider', '')}, follow up {s.get('follow_up') or '-'}" if s else ""
        rows.append([t.get("id"), t.get("status"), t.get("due"), t.get("who"), t.get("goal") or "", t.get("what"), ref])
    table(["ID", "STATUS", "DUE", "WHO", "GOAL", "WHAT", "SERVICE"], rows)
