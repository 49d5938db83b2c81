"""The command line: one Typer module per noun. Each command parses, calls the core, renders.

Only typer and the standard library are imported here and at the top of every cli module, so that
`casefile --help` and `casefile --version` start fast; the core is imported inside each command.
"""

from __future__ import annotations

import sys

import typer

from casefile import __version__
from casefile.cli import _app

app = _app.make_app(
    name="casefile",
    help=(
        "Plain-text case files with git as the audit trail.\n\n"
        "A caseload is a git repository; each client is a folder of Markdown files. Every change made "
        "through casefile is one commit whose author is you. Start with `casefile init`."
    ),
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"casefile {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Plain-text case files with git as the audit trail."""


def _register() -> None:
    from casefile.cli import client, commit, goal, hook, init, lint, note, plan, records, review, server

    app.command("init")(init.init)
    app.command("commit")(commit.commit)
    app.add_typer(client.app, name="client")
    app.add_typer(goal.app, name="goal")
    app.add_typer(plan.app, name="plan")
    app.add_typer(note.app, name="note")
    app.add_typer(review.app, name="review")
    lint.register(app)
    hook.register(app)
    app.command("log")(records.log)
    app.command("show")(records.show)
    app.command("audit")(records.audit)
    app.add_typer(server.app, name="server")


_register()


def main() -> None:
    sys.exit(_app.run(app))
