"""casefile hook: casefile's own git pre-commit hook, which lints the staged case files."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from casefile.cli._app import caseload_option, error, make_app

app = make_app(help="Git pre-commit hook: refuse changes to signed notes and lint the staged case files before each commit.")


@app.command("install")
def install(
    force: bool = typer.Option(False, "--force", help="Replace a pre-commit hook that is not casefile's (it is kept as a backup)."),
    caseload: Optional[Path] = caseload_option(),
) -> None:
    """Install casefile's pre-commit hook in this caseload's git repository.

    Every `git commit` then runs `casefile hook run`, which stops the commit when a staged case file has
    findings that fail (casefile.yml `lint: fail_on`). `git commit --no-verify` skips it once.
    (With the pre-commit framework, use the `casefile-lint` hook from .pre-commit-hooks.yaml instead.)
    """
    from casefile.caseload import find_root
    from casefile.lint.hook import install as do_install

    root = find_root(None, caseload)
    path, backup = do_install(root, force=force)
    if backup is not None:
        typer.echo(f"Moved the existing hook to {backup}")
    typer.echo(f"Installed the casefile pre-commit hook: {path}")


@app.command("uninstall")
def uninstall(caseload: Optional[Path] = caseload_option()) -> None:
    """Remove casefile's pre-commit hook (and put back a hook that `install --force` moved aside)."""
    from casefile.caseload import find_root
    from casefile.lint.hook import uninstall as do_uninstall

    root = find_root(None, caseload)
    path, removed = do_uninstall(root)
    typer.echo(f"Removed the casefile pre-commit hook: {path}" if removed else "No pre-commit hook to remove.")


@app.command("run")
def run(
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the lint cache."),
    caseload: Optional[Path] = caseload_option(),
) -> None:
    """What the pre-commit hook runs: refuse any change to a signed note, then lint the staged content of
    the case files the commit adds or changes.

    casefile's own commits are only guarded, not linted: a draft is recorded as it is, and lint stands in
    the way when the note is signed (`casefile note sign`).

    Exit status: 0 the commit may go on, 1 a signed note changed or findings that fail, 2 a configuration
    or internal error.
    """
    import os

    from casefile.caseload import find_root
    from casefile.errors import CasefileError
    from casefile.history import COMMIT_ENV
    from casefile.lint import output
    from casefile.lint.hook import lint_staged
    from casefile.records.guard import staged_signed_violations

    root = find_root(None, caseload)
    violations = staged_signed_violations(root)
    for message in violations:
        typer.echo(f"casefile: {message}", err=True)
    if violations:
        typer.echo("casefile: commit stopped: a record is signed only by casefile and never changed after; "
                   "restore it with `git restore --staged --worktree PATH`", err=True)
        raise typer.Exit(1)
    if os.environ.get(COMMIT_ENV):
        return
    try:
        report = lint_staged(root, use_cache=not no_cache)
    except CasefileError:
        raise
    except Exception as e:  # noqa: BLE001 - never a traceback
        if os.environ.get("CASEFILE_DEBUG"):
            raise
        raise CasefileError(f"internal error in casefile hook run ({type(e).__name__})",
                            "set CASEFILE_DEBUG=1 to see where, and please report it") from None
    out = output.text(report, Path.cwd())
    if out:
        typer.echo(out, nl=False)
    for message in report.errors:
        error(f"internal error: {message}", "please report it")
    if report.findings:
        typer.echo(output.summary_line(report), err=True)
    if report.failed:
        typer.echo("casefile: commit stopped. Fix the findings above (`casefile rules CODE` explains each), "
                   "or suppress one with a reason; `git commit --no-verify` skips this check once.", err=True)
    raise typer.Exit(report.exit_code)


def register(parent: typer.Typer) -> None:
    parent.add_typer(app, name="hook")
