"""The Typer app and the one place where core errors become messages and exit codes."""

from __future__ import annotations

import functools
import os
import sys
from typing import Any, Callable

import typer

EXIT_USAGE = 2


def error(message: str, hint: str | None = None) -> None:
    """One line on stderr: what is wrong, and what to do about it."""
    line = f"error: {message}" + (f"; {hint}" if hint else "")
    typer.echo(line, err=True)


def warn(message: str) -> None:
    typer.echo(f"warning: {message}", err=True)


def _guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from casefile.errors import CasefileError

        try:
            return fn(*args, **kwargs)
        except CasefileError as e:
            error(e.message, e.hint)
            raise typer.Exit(e.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("interrupted; nothing more was written", err=True)
            raise typer.Exit(130) from None
        finally:
            # a scan for hand edits started for this command is never read by another (tests run many
            # commands in one process)
            history = sys.modules.get("casefile.history")
            if history is not None:
                history._reap_prefetched()

    return wrapper


class App(typer.Typer):
    """A Typer whose commands turn casefile's typed errors into one-line messages (never tracebacks)."""

    built = None  # the click command, when built ahead (the resident server does, before it forks)

    def prebuild(self) -> None:
        """Build the click command now: it is the same for every run, and takes ~15 ms to build."""
        self.built = typer.main.get_command(self)

    def command(self, *args: Any, **kwargs: Any):  # type: ignore[override]
        register = super().command(*args, **kwargs)

        def decorator(fn: Callable[..., Any]):
            register(_guard(fn))
            return fn

        return decorator


def make_app(**kwargs: Any) -> App:
    kwargs.setdefault("no_args_is_help", True)
    # Client text must never reach a traceback: no local variables, no rich frames.
    kwargs.setdefault("pretty_exceptions_show_locals", False)
    kwargs.setdefault("rich_markup_mode", None)
    kwargs.setdefault("context_settings", {"help_option_names": ["-h", "--help"]})
    return App(**kwargs)


def run(app: typer.Typer) -> int:
    try:
        if getattr(app, "built", None) is not None:
            app.built(prog_name="casefile")
        else:
            app(prog_name="casefile")
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    return 0


def caseload_option() -> Any:
    return typer.Option(
        None, "--caseload", "-C", envvar="CASEFILE_DIR", show_envvar=True,
        help="The caseload folder (default: the one that holds the current folder).",
    )


def open_caseload(path: Any, writing: bool = False):
    """The caseload for a command. A command that will commit starts `git status` at once, so that the
    scan for hand edits runs while the command imports and renders (see docs/architecture.md)."""
    from casefile.caseload import Caseload

    caseload = Caseload.find(path)
    if writing:
        from casefile.history import prefetch_status

        prefetch_status(caseload.root)
    return caseload


def read_body(body: Any) -> Any:
    """`--body -` reads the text from stdin; an empty stdin is an error, never an empty entry."""
    if body != "-":
        return body
    if sys.stdin is None:  # started with stdin closed
        from casefile.errors import InvalidValue

        raise InvalidValue("--body - has no stdin to read; nothing was saved")
    text = sys.stdin.read()
    if not text.strip():
        from casefile.errors import InvalidValue

        raise InvalidValue("--body - read nothing from stdin; nothing was saved")
    return text


def no_color() -> bool:
    return bool(os.environ.get("NO_COLOR")) or not sys.stdout.isatty()
