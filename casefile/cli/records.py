"""Records commands: sign and amend notes, supervisor review, the audit trail (log), the client file as of a
date (show), the audit, and closing a case. Registered into the app by casefile.cli._register()."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from casefile.cli._app import caseload_option, make_app

review_app = make_app(help="Supervisor review of a draft note, a goal or the plan: request, approve, return.")


def _read_body(body: Optional[str]) -> Optional[str]:
    if body == "-":
        text = sys.stdin.read()
        if not text.strip():
            from casefile.errors import InvalidValue

            raise InvalidValue("--body - read nothing from stdin; nothing was saved")
        return text
    return body


def sign(
    client: str = typer.Argument(..., help="Case ID, e.g. c-0001."),
    note: str = typer.Argument(..., help="Note (or addendum) file name or its start, e.g. 2026-11-22-1030."),
    caseload: Path = caseload_option(),
) -> None:
    """Sign a note: it becomes final, with who signed and when, and is never edited again.

    Refused while the note has lint errors (unless casefile.yml says sign: {require_clean_lint: false}),
    while a review is pending or returned, and for a late entry without a late_reason.
    """
    from casefile.caseload import Caseload
    from casefile.cli._render import saved
    from casefile.records.sign import sign as sign_note

    saved("Signed", sign_note(Caseload.find(caseload), client, note))


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
    from casefile.caseload import Caseload
    from casefile.cli._render import saved
    from casefile.records.amend import amend as amend_note, check_reason

    check_reason(reason, why)
    saved("Added addendum", amend_note(Caseload.find(caseload), client, note, reason=reason, why=why,
                                       body=_read_body(body), draft=draft))


def show_note(
    client: str = typer.Argument(..., help="Case ID."),
    note: str = typer.Argument(..., help="Note file name or its start, e.g. 2026-11-22-1030."),
    caseload: Path = caseload_option(),
) -> None:
    """Print a note as it is on disk, followed by its addenda, oldest first."""
    from casefile.caseload import Caseload
    from casefile.records.show import note_with_addenda

    typer.echo(note_with_addenda(Caseload.find(caseload), client, note), nl=False)


def close(
    client: str = typer.Argument(..., help="Case ID."),
    reason: str = typer.Option(..., "--reason", "-r", help="Why the case is closed."),
    caseload: Path = caseload_option(),
) -> None:
    """Close a case: write the closing summary, mark the client closed with a retention date (casefile.yml
    retention), and sign every draft note in the same commit. If a draft cannot be signed, nothing is done
    and the drafts are listed. A closed client's notes take only addenda."""
    from casefile.caseload import Caseload
    from casefile.cli._render import saved
    from casefile.records.close import close as close_case

    result, signed = close_case(Caseload.find(caseload), client, reason=reason)
    for path in signed:
        typer.echo(f"Signed at closing: {path}")
    saved(f"Closed case {client}", result)


@review_app.command("request")
def review_request(
    client: str = typer.Argument(..., help="Case ID."),
    entry: str = typer.Argument(..., help="A draft note's name, a goal ID (g01), or 'plan'."),
    to: Optional[str] = typer.Option(None, "--to", help="The reviewer's ID, if a particular one."),
    caseload: Path = caseload_option(),
) -> None:
    """Ask for supervisor review of a draft note, a goal or the plan."""
    from casefile.caseload import Caseload
    from casefile.cli._render import saved
    from casefile.records.review import request

    saved("Asked for review", request(Caseload.find(caseload), client, entry, to=to))


@review_app.command("approve")
def review_approve(
    client: str = typer.Argument(..., help="Case ID."),
    entry: str = typer.Argument(..., help="A note's name, a goal ID (g01), or 'plan'."),
    comment: Optional[str] = typer.Option(None, "--comment", "-m", help="An optional comment, kept in the entry."),
    caseload: Path = caseload_option(),
) -> None:
    """Approve an entry waiting for review. You are the reviewer git knows here (git config user.name)."""
    from casefile.caseload import Caseload
    from casefile.cli._render import saved
    from casefile.records.review import decide

    saved("Approved", decide(Caseload.find(caseload), client, entry, approve=True, comment=comment))


@review_app.command("return")
def review_return(
    client: str = typer.Argument(..., help="Case ID."),
    entry: str = typer.Argument(..., help="A note's name, a goal ID (g01), or 'plan'."),
    comment: str = typer.Option(..., "--comment", "-m", help="What should change (kept in the entry, not in git messages)."),
    caseload: Path = caseload_option(),
) -> None:
    """Return an entry waiting for review, with a comment saying what should change."""
    from casefile.caseload import Caseload
    from casefile.cli._render import saved
    from casefile.records.review import decide

    saved("Returned", decide(Caseload.find(caseload), client, entry, approve=False, comment=comment))


def log(
    client: Optional[str] = typer.Argument(None, help="Case ID (default: the whole caseload)."),
    entry: Optional[str] = typer.Argument(None, help="One entry: a note's name, goal ID, 'plan' or 'profile'."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts."),
    caseload: Path = caseload_option(),
) -> None:
    """The audit trail in words: when, who, what, which entry; newest first. From git history and trailers."""
    from casefile.caseload import Caseload
    from casefile.cli._render import echo_json, table
    from casefile.records.trail import trail

    events = trail(Caseload.find(caseload), client, entry)
    if as_json:
        echo_json([e.as_dict() for e in events])
        return
    if not events:
        typer.echo("No history yet.")
        return
    prefix = f"clients/{client}/" if client else ""

    def what(e) -> str:
        extra = ""
        if e.reviewer:
            extra = f" (by {e.reviewer})"
        if e.late_entry:
            extra += " (late entry)"
        return e.what + extra

    def entries(e) -> str:
        shown = [p[len(prefix):] if prefix and p.startswith(prefix) else p for p in e.entries]
        return ", ".join(shown[:3]) + (f" and {len(shown) - 3} more" if len(shown) > 3 else "")

    table(
        ["WHEN", "WHO", "WHAT", "ENTRY", "COMMIT"],
        [[e.date[:16].replace("T", " "), e.author, what(e), entries(e), e.commit[:7]] for e in events],
    )


def show(
    client: str = typer.Argument(..., help="Case ID."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="A date (end of that day) or 'YYYY-MM-DD HH:MM'."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts."),
    caseload: Path = caseload_option(),
) -> None:
    """Print a client's whole file as committed: now, or exactly as it stood on a date (--as-of).

    Every file of the client folder, each note followed by its addenda.
    """
    from casefile.caseload import Caseload
    from casefile.cli._render import echo_json
    from casefile.records.asof import client_as_of

    f = client_as_of(Caseload.find(caseload), client, as_of)
    if as_json:
        echo_json({"client": f.client, "as_of": f.as_of, "commit": f.commit, "committed": f.committed,
                   "files": [{"path": v.path, "amends": v.amends, "text": v.text} for v in f.files]})
        return
    typer.echo(f"# {f.client} as of {f.as_of} (commit {f.commit[:10]}, {f.committed})")
    for v in f.files:
        label = f" (addendum to {v.amends})" if v.amends else ""
        typer.echo(f"\n==> {v.path}{label} <==")
        typer.echo(v.text, nl=not v.text.endswith("\n"))


def audit(
    client: Optional[str] = typer.Argument(None, help="Case ID (default: the whole caseload)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts."),
    require_signatures: bool = typer.Option(False, "--require-signatures", help="Every commit must carry a good GPG or SSH signature."),
    since_anchor: bool = typer.Option(False, "--since-anchor", help="Report only what happened after the last verified state."),
    update_anchor: bool = typer.Option(False, "--update-anchor", help="Record HEAD as verified even with findings (after you have dealt with them)."),
    caseload: Path = caseload_option(),
) -> None:
    """Verify the history: signed notes changed, deleted or renamed after signing (however it was done),
    history rewritten since the last verified state, commits made outside casefile, late entries without a
    reason, drafts left unsigned too long. Exit 0 when clean, 1 on findings.

    A clean audit of the whole caseload records HEAD as the last verified state (refs/casefile/anchor).
    """
    from casefile.caseload import Caseload
    from casefile.cli._render import echo_json
    from casefile.records.audit import audit as run_audit

    r = run_audit(Caseload.find(caseload), client, require_signatures=require_signatures,
                  since_anchor=since_anchor, update_anchor=update_anchor)
    if as_json:
        echo_json(r.as_dict())
    else:
        for f in r.findings:
            typer.echo(f.line())
        scope = f"client {client}" if client else "caseload"
        counts = f"{r.commits} commits, {r.records} records, {r.signed} signed"
        if r.findings:
            typer.echo(f"\n{len(r.findings)} finding{'s' if len(r.findings) != 1 else ''} in the {scope} ({counts}).")
        else:
            typer.echo(f"Audit clean: {scope}, {counts}.")
        if r.anchor_updated:
            typer.echo(f"Last verified state recorded: {r.head[:10]}.")
    raise typer.Exit(1 if r.findings else 0)


def register(app: typer.Typer) -> None:
    from casefile.cli import client as client_cli, note as note_cli

    note_cli.app.command("sign")(sign)
    note_cli.app.command("amend")(amend)
    note_cli.app.command("show")(show_note)  # replaces the plain one: a note is shown with its addenda
    client_cli.app.command("close")(close)
    app.add_typer(review_app, name="review")
    app.command("log")(log)
    app.command("show")(show)
    app.command("audit")(audit)
