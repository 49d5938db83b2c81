"""casefile goal: SMART goals in the client's own words."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from casefile.cli._app import caseload_option, make_app, open_caseload

app = make_app(help="Goals: add SMART goals in the client's own words, list them, change them.")


@app.command("new")
def new(
    client: str = typer.Argument(..., help="Case ID, e.g. c-0001."),
    title: Optional[str] = typer.Option(None, "--title", help="The goal in the client's own words."),
    term: Optional[str] = typer.Option(None, "--term", help="short (2-3 weeks) or long (about 6 months)."),
    domain: Optional[str] = typer.Option(None, "--domain", help="housing, employment, health, safety..."),
    addresses: List[str] = typer.Option([], "--addresses", help="Need or mandate ID it serves, e.g. n1 (repeat)."),
    specific: Optional[str] = typer.Option(None, "--specific", help="Who will do what, where."),
    metric: Optional[str] = typer.Option(None, "--metric", help="What is counted, e.g. 'job applications sent'."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Where it starts, e.g. 0."),
    target: Optional[str] = typer.Option(None, "--target", help="Where it should get to, e.g. 10."),
    achievable: Optional[str] = typer.Option(None, "--achievable", help="Resources, steps and strengths that make it possible."),
    start: Optional[str] = typer.Option(None, "--start", help="Start date (default today)."),
    due: Optional[str] = typer.Option(None, "--due", help="Target date: 2027-05-01, or from today: 3w, 6mo."),
    review_every: Optional[str] = typer.Option(None, "--review-every", help="Review cadence, e.g. '2 weeks'."),
    edit: Optional[bool] = typer.Option(None, "--edit/--no-edit", help="Open the editor (default: when a SMART field is missing)."),
    caseload: Path = caseload_option(),
) -> None:
    """Add a goal. Fields not given as flags are filled in the editor ($VISUAL or $EDITOR).

    Example: casefile goal new c-0001 --title "Get my own place" --term long --domain housing
    --addresses n1 --specific "Dana will sign a lease for a one-bedroom in Halifax" --metric "leases signed"
    --baseline 0 --target 1 --due 6mo
    """
    cl = open_caseload(caseload, writing=True)  # first: starts the scan for hand edits
    from casefile import model
    from casefile.cli._render import saved
    from casefile.dates import parse_date, parse_duration
    from casefile.fields import coerce, number
    from casefile.goals import NewGoal, new_goal

    fields = model.FIELDS[model.GOAL]
    if review_every:
        parse_duration(review_every)
    data = NewGoal(
        title=title,
        term=coerce(fields["term"], term) if term else None,
        domain=domain,
        addresses=[a.strip() for item in addresses for a in item.split(",") if a.strip()],
        specific=specific,
        metric=metric,
        baseline=number(baseline) if baseline is not None else None,
        target=number(target) if target is not None else None,
        achievable=achievable,
        start=parse_date(start, what="start date") if start else None,
        due=parse_date(due, what="due date") if due else None,
        review_every=review_every,
    )
    open_editor = edit if edit is not None else bool(data.missing())
    saved("Added goal", new_goal(cl, client, data, open_editor=open_editor))


@app.command("list")
def list_(
    client: str = typer.Argument(..., help="Case ID."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts."),
    caseload: Path = caseload_option(),
) -> None:
    """List a client's goals: ID, term, status, due date and title."""
    from casefile.cli._render import listing
    from casefile.goals import list_goals

    listing(
        list_goals(open_caseload(caseload), client), as_json, ["ID", "TERM", "STATUS", "DUE", "TITLE"],
        lambda r: [r.get("id", r["file"]), r.get("term"), r.get("status"), r.get("due"), r.get("title")],
        f"No goals yet for {client}: casefile goal new {client}",
    )


@app.command("set")
def set_(
    client: str = typer.Argument(..., help="Case ID."),
    goal: str = typer.Argument(..., help="Goal ID, e.g. g01."),
    assignments: List[str] = typer.Argument(..., help="field=value ..., e.g. due=2027-06-01 measure.target=3"),
    caseload: Path = caseload_option(),
) -> None:
    """Change goal fields. Only the changed lines of the file change; comments and order are kept.

    Example: casefile goal set c-0001 g01 due=2027-06-01 measure.baseline=1
    """
    cl = open_caseload(caseload, writing=True)  # first: starts the scan for hand edits
    from casefile.cli._render import saved
    from casefile.goals import set_goal_fields

    result = set_goal_fields(cl, client, goal, assignments)
    if result.commit is None:
        typer.echo("Nothing changed.")
        return
    saved("Updated goal", result)


@app.command("status")
def status(
    client: str = typer.Argument(..., help="Case ID."),
    goal: str = typer.Argument(..., help="Goal ID, e.g. g01."),
    new_status: str = typer.Argument(..., metavar="STATUS", help="active, achieved, revised or discontinued."),
    caseload: Path = caseload_option(),
) -> None:
    """Set a goal's status: active, achieved, revised or discontinued."""
    cl = open_caseload(caseload, writing=True)  # first: starts the scan for hand edits
    from casefile.cli._render import saved
    from casefile.goals import set_goal_fields

    result = set_goal_fields(cl, client, goal, [f"status={new_status}"])
    if result.commit is None:
        typer.echo(f"Goal {goal} is {new_status} already.")
        return
    saved("Updated goal", result)
