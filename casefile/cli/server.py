"""casefile server: keep casefile loaded for a caseload, so that each command starts at once."""

from __future__ import annotations

from pathlib import Path

import typer

from casefile.cli._app import caseload_option, make_app

app = make_app(help=(
    "Keep casefile loaded for this caseload, so that each command skips Python's start-up and imports "
    "(a note is written and committed in about half the time). Optional: without a server every command "
    "works the same. Set CASEFILE_SERVER=off to bypass a running server."
))


def _root(caseload: Path | None) -> str:
    from casefile.caseload import find_root

    return str(find_root(None, caseload))


def _since(info) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(info.started).strftime("%Y-%m-%d %H:%M")


def _commands(n: int) -> str:
    return f"{n} command" + ("" if n == 1 else "s")


def _idle(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes // 60}h{minutes % 60:02d}m" if minutes >= 60 else f"{minutes}m"


@app.command("start")
def start(
    idle: str = typer.Option("8h", "--idle", help="Stop after this long without a command: 30m, 2h, 1d."),
    caseload: Path = caseload_option(),
) -> None:
    """Start this caseload's server (one per caseload; it runs in the background, as you).

    Each command then runs in a fresh copy of an already-loaded casefile, in your terminal, folder and
    environment, exactly as it would on its own; an editor opens in your terminal as usual. The server
    never reads your case files itself. It stops after --idle without a command, when casefile or a
    library it uses is upgraded, or with `casefile server stop`.
    """
    from casefile import server
    from casefile.dates import parse_duration

    seconds = parse_duration(idle).total_seconds()
    info = server.start(_root(caseload), seconds)
    if info.already:
        typer.echo(f"casefile server already runs for this caseload (pid {info.pid}, since {_since(info)})")
    else:
        typer.echo(f"casefile server started for this caseload (pid {info.pid}); it stops after "
                   f"{_idle(info.idle_seconds)} without a command, or with `casefile server stop`")


@app.command("stop")
def stop(caseload: Path = caseload_option()) -> None:
    """Stop this caseload's server. A command it is running finishes first."""
    from casefile import server

    info = server.stop(_root(caseload))
    if info is None:
        typer.echo("No casefile server runs for this caseload.")
    else:
        typer.echo(f"casefile server stopped (pid {info.pid}; it ran {_commands(info.served)})")


@app.command("status")
def status(caseload: Path = caseload_option()) -> None:
    """Whether this caseload's server runs (exit 0) or not (exit 1)."""
    from casefile import server

    info = server.status(_root(caseload))
    if info is None:
        typer.echo("No casefile server runs for this caseload.")
        raise typer.Exit(1)
    typer.echo(f"casefile server runs for this caseload: pid {info.pid}, since {_since(info)}, "
               f"{_commands(info.served)} run; it stops after {_idle(info.idle_seconds)} without one")
