"""casefile log, show and audit: the history of the record, read from git."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from casefile.cli._app import caseload_option, open_caseload


def log(
    client: Optional[str] = typer.Argument(None, help="Case ID (default: the whole caseload)."),
    entry: Optional[str] = typer.Argument(None, help="One entry: a note's name, goal ID, 'plan' or 'profile'."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts."),
    caseload: Path = caseload_option(),
) -> None:
    """The audit trail in words: when, who, what, which entry; newest first. From git history and trailers."""
    from casefile.cli._render import echo_json, table
    from casefile.records.trail import trail

    events = trail(open_caseload(caseload), client, entry)
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
    from casefile.cli._render import echo_json
    from casefile.records.asof import client_as_of

    f = client_as_of(open_caseload(caseload), client, as_of)
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
    from casefile.cli._render import echo_json
    from casefile.records.audit import audit as run_audit

    r = run_audit(open_caseload(caseload), client, require_signatures=require_signatures,
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
