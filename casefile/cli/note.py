"""casefile note: a dated case note for every contact."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from casefile.cli._app import caseload_option, make_app, open_caseload, read_body

app = make_app(help="Case notes: one dated note for every contact (DAP, SOAP, BIRP, GIRP or free).")


def _split(values: List[str]) -> List[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


@app.command("new")
def new(
    client: str = typer.Argument(..., help="Case ID, e.g. c-0001."),
    contact_type: str = typer.Option(
        "session", "--type", "-t",
        help="session, phone, email, video, home-visit, group, collateral, no-show or cancelled.",
    ),
    note_format: Optional[str] = typer.Option(None, "--format", "-f", help="DAP, SOAP, BIRP, GIRP or free (default from casefile.yml)."),
    when: Optional[str] = typer.Option(None, "--when", help="When the contact happened: 'YYYY-MM-DD HH:MM' (default now)."),
    duration: Optional[str] = typer.Option(None, "--duration", help="How long, e.g. 50m."),
    who: List[str] = typer.Option([], "--who", help="Who took part, with role: 'client', 'mother (Rita)' (repeat or comma-separate)."),
    where: Optional[str] = typer.Option(None, "--where", help="Where: office, phone, video, home, or a named place."),
    why: Optional[str] = typer.Option(None, "--why", help="The purpose of the contact."),
    goal: List[str] = typer.Option([], "--goal", "-g", help="Goal IDs worked on (repeat or comma-separate)."),
    task: List[str] = typer.Option([], "--task", help="Plan task IDs touched."),
    body: Optional[str] = typer.Option(None, "--body", help="The note text; '-' reads it from stdin. Without it the editor opens."),
    late_reason: Optional[str] = typer.Option(None, "--late-reason", help="Why the note is written late (a late entry)."),
    caseload: Path = caseload_option(),
) -> None:
    """Write a case note. The body comes from --body, stdin (--body -) or your editor ($VISUAL, $EDITOR).

    The editor opens on the real file, laid out in the note format's sections; a note left unchanged is
    not saved.

    Example: casefile note new c-0001 --type phone --who client --where phone --why "Confirm interview time"
    --goal g01 --body "## Data ..."
    """
    cl = open_caseload(caseload, writing=True)  # first: starts the scan for hand edits
    from casefile.cli._render import saved
    from casefile.dates import parse_datetime, parse_duration
    from casefile.notes import NewNote, new_note

    if duration:
        parse_duration(duration)
    text = read_body(body)
    if text is not None and not text.strip():
        from casefile.errors import InvalidValue

        raise InvalidValue("--body is empty; nothing was saved", "write the note, or leave out --body to use the editor")
    data = NewNote(
        type=contact_type,
        format=note_format,
        when=parse_datetime(when, what="contact time") if when else None,
        duration=duration,
        who=_split(who),
        where=where,
        why=why,
        goals=_split(goal),
        tasks=_split(task),
        body=text,
        late_reason=late_reason,
    )
    saved("Added note", new_note(cl, client, data))


@app.command("list")
def list_(
    client: str = typer.Argument(..., help="Case ID."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts."),
    caseload: Path = caseload_option(),
) -> None:
    """List a client's notes, oldest first."""
    from casefile.cli._render import listing
    from casefile.notes import list_notes

    listing(
        list_notes(open_caseload(caseload), client), as_json, ["NOTE", "TYPE", "FORMAT", "STATUS", "WHY"],
        lambda r: [r["file"][:-3], r.get("type"), r.get("format"), r.get("status"), r.get("why") or ""],
        f"No notes yet for {client}: casefile note new {client}",
    )


@app.command("sign")
def sign(
    client: str = typer.Argument(..., help="Case ID, e.g. c-0001."),
    note: str = typer.Argument(..., help="Note (or addendum) file name or its start, e.g. 2026-11-22-1030."),
    caseload: Path = caseload_option(),
) -> None:
    """Sign a note: it becomes final, with who signed and when, and is never edited again.

    Refused while the note has lint errors (unless casefile.yml says sign: {require_clean_lint: false}),
    while a review is pending or returned, and for a late entry without a late_reason.
    """
    cl = open_caseload(caseload, writing=True)  # first: starts the scan for hand edits
    from casefile.cli._render import saved
    from casefile.records.sign import sign as sign_note

    saved("Signed", sign_note(cl, client, note))


@app.command("amend")
def amend(
    client: str = typer.Argument(..., help="Case ID."),
    note: str = typer.Argument(..., help="The signed note to amend: file name or its start."),
    reason: str = typer.Option(..., "--reason", "-r", help="correction, clarification or late-entry."),
    why: str = typer.Option(..., "--why", help="Why the addendum is made, in words."),
    body: Optional[str] = typer.Option(None, "--body", help="The addendum's text; '-' reads stdin. Without it the editor opens."),
    draft: bool = typer.Option(False, "--draft", help="Keep the addendum a draft to sign later (default: signed on save)."),
    caseload: Path = caseload_option(),
) -> None:
    """Add a dated addendum to a signed note. The note itself stays byte for byte as it was signed.

    Example: casefile note amend c-0001 2026-11-22-1030 --reason correction --why "wrong date of next visit"
    """
    cl = open_caseload(caseload, writing=True)  # first: starts the scan for hand edits
    from casefile.cli._render import saved
    from casefile.records.amend import amend as amend_note, check_reason

    check_reason(reason, why)
    saved("Added addendum", amend_note(cl, client, note, reason=reason, why=why,
                                       body=read_body(body), draft=draft))


@app.command("show")
def show_note(
    client: str = typer.Argument(..., help="Case ID."),
    note: str = typer.Argument(..., help="Note file name or its start, e.g. 2026-11-22-1030."),
    caseload: Path = caseload_option(),
) -> None:
    """Print a note as it is on disk, followed by its addenda, oldest first."""
    from casefile.records.show import note_with_addenda

    typer.echo(note_with_addenda(open_caseload(caseload), client, note), nl=False)
