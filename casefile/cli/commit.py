"""casefile commit"""

from __future__ import annotations

from pathlib import Path

import typer

from casefile.cli._app import caseload_option, open_caseload


def commit(caseload: Path = caseload_option()) -> None:
    """Record edits made by hand (in any editor) as their own commit, "Record hand edits".

    casefile does this by itself before each of its own changes, so that history never mixes the two.
    It records changes to tracked files and new case files (Markdown under clients/, casefile.yml,
    templates/); other new files (a PDF, an export) are named in a warning and left for you to add with git.
    """
    cl = open_caseload(caseload, writing=True)  # first: starts the scan for hand edits
    from casefile.cli._render import left_out
    from casefile.history import hand_edits, record_hand_edits
    from casefile.workflow import author

    edits = hand_edits(cl.root)
    sha = record_hand_edits(cl.root, author(cl), edits.paths)
    if sha is None:
        typer.echo("Nothing to record: no hand edits.")
    else:
        typer.echo(f"Recorded hand edits (commit {sha[:7]})")
    left_out(edits.left_out)
