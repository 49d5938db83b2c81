"""casefile init"""

from __future__ import annotations

from pathlib import Path

import typer


def init(
    directory: Path = typer.Argument(Path("."), help="Folder for the caseload (made if missing; an existing git repository is adopted)."),
    name: str = typer.Option(None, "--name", help="Your name, as the author of every commit (default: git config user.name)."),
    email: str = typer.Option(None, "--email", help="Your email (default: git config user.email)."),
    worker_id: str = typer.Option(None, "--id", help="Your short worker ID used in notes, e.g. asmith (default: from the email)."),
    agency: str = typer.Option("", "--agency", help="Your agency's name."),
    note_format: str = typer.Option("DAP", "--format", help="Default note format: DAP, SOAP, BIRP, GIRP or free."),
    example: bool = typer.Option(False, "--example", help="Fill the new caseload with the bundled example clients, with history."),
) -> None:
    """Make a caseload: a git repository with casefile.yml, and a first commit.

    Examples:

      casefile init ~/caseload --name "Alex Smith" --email asmith@agency.example

      casefile init demo --example      # three sample clients to try casefile on
    """
    from casefile.initialize import init_caseload, init_example

    if example:
        result = init_example(directory)
        typer.echo(f"Made the example caseload in {result.root} (worker {result.worker_id})")
        typer.echo("Try: casefile client list, casefile lint")
        return
    result = init_caseload(
        directory, name=name, email=email, worker_id=worker_id, agency=agency, note_format=note_format
    )
    adopted = "" if result.created_repo else " (in the existing git repository)"
    typer.echo(f"Made a caseload in {result.root}{adopted} for worker {result.worker_id}")
    typer.echo("Next: casefile client new --name '...'")
