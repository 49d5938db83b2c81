"""casefile lint and casefile rules: check case files for the five Ws, fact versus opinion, SMART goals."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from casefile.cli._app import caseload_option, error

FORMATS = ("text", "json", "github", "sarif")


def lint(
    paths: Optional[List[str]] = typer.Argument(
        None, help="Files or folders to check (default: the whole caseload). `-` reads one file from stdin."),
    format: str = typer.Option("text", "--format", "-f", help="Output: text, json, github (annotations) or sarif."),
    statistics: bool = typer.Option(False, "--statistics", help="Count findings per rule instead of listing them."),
    stdin_filename: Optional[str] = typer.Option(
        None, "--stdin-filename", help="With `-`: the path the text on stdin stands for (it decides the kind of entry)."),
    select: List[str] = typer.Option([], "--select", help="Only these rules: codes, prefixes or names (replaces casefile.yml's select)."),
    ignore: List[str] = typer.Option([], "--ignore", help="Also leave out these rules (codes, prefixes or names)."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Exit 1 on findings at or above: info, warning or error."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the lint cache."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Processes for a cold run (default: one per core)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary line after the findings."),
    caseload: Optional[Path] = caseload_option(),
) -> None:
    """Check case files: the five Ws, facts apart from opinion, SMART goals, plans and records.

    Prints one finding a line (`path:line:col: CODE message`) and nothing when all is well.
    Exit status: 0 clean, 1 findings at or above the failing severity (casefile.yml `lint: fail_on`,
    default warning), 2 a usage, configuration or internal error.

    Examples: casefile lint; casefile lint clients/c-0001; casefile lint --select CF3 --format json;
    casefile lint - --stdin-filename clients/c-0001/notes/2026-11-22-1030-session.md < draft.md
    """
    from casefile.errors import CasefileError, InvalidValue

    fmt = format.lower()
    if fmt not in FORMATS:
        raise InvalidValue(f"--format: {format!r} is not a format", f"use one of {', '.join(FORMATS)}")
    paths = list(paths or [])
    if "-" in paths and len(paths) > 1:
        raise InvalidValue("`-` (stdin) cannot be mixed with other paths")
    if stdin_filename and paths != ["-"]:
        raise InvalidValue("--stdin-filename goes with `-` (the text on stdin)")
    try:
        report = _run(paths, stdin_filename, select, ignore, fail_on, no_cache, jobs, caseload)
    except (CasefileError, KeyboardInterrupt):
        raise
    except Exception as e:  # noqa: BLE001 - never a traceback (it could show client text)
        if os.environ.get("CASEFILE_DEBUG"):
            raise
        raise _internal(e) from None
    from casefile.lint import output

    cwd = Path.cwd()
    if statistics and fmt == "text":
        out = output.statistics(report)
    else:
        out = output.render(report, fmt, cwd)
    if out:
        typer.echo(out, nl=False)
    if fmt == "text" and report.findings and not quiet:
        typer.echo(output.summary_line(report), err=True)
    for message in report.errors:
        error(f"internal error: {message}", "please report it; the other rules and files were checked")
    raise typer.Exit(report.exit_code)


def _internal(e: Exception):
    from casefile.errors import CasefileError

    return CasefileError(f"internal error in casefile lint ({type(e).__name__})",
                         "set CASEFILE_DEBUG=1 to see where, and please report it")


def _run(paths, stdin_filename, select, ignore, fail_on, no_cache, jobs, caseload):
    from casefile.caseload import find_root
    from casefile.errors import CaseloadNotFound
    from casefile.lint.engine import lint as run_lint

    cwd = Path.cwd()
    try:
        root: Path | None = find_root(None, caseload)
    except CaseloadNotFound:
        if caseload or not paths:
            raise
        root = None
        first = Path(paths[0] if paths[0] != "-" else (stdin_filename or "."))
        try:
            root = find_root((first if first.is_dir() else first.parent).absolute())
        except CaseloadNotFound:
            root = None
    stdin = None
    if paths == ["-"]:
        stream = getattr(sys.stdin, "buffer", None)
        data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
        stdin = (stdin_filename or "-", data)
        paths = []
    return run_lint(root, paths or None, select=select or None, ignore=ignore or None, fail_on=fail_on,
                    use_cache=not no_cache, jobs=jobs, stdin=stdin, cwd=cwd)


def rules(
    rule: Optional[str] = typer.Argument(None, help="A rule code (CF301), prefix (CF3) or name (hedge-in-data)."),
    json_out: bool = typer.Option(False, "--json", help="Every rule's code, name, severity, kinds and summary as JSON."),
) -> None:
    """List the lint rules, or explain one with a bad and a good example.

    Examples: casefile rules; casefile rules CF3; casefile rules CF301; casefile rules hedge-in-data
    """
    from casefile.errors import InvalidValue
    from casefile.lint import output
    from casefile.lint.engine import load_rules
    from casefile.lint.settings import resolve_selector, selector_hint

    registry = load_rules()
    codes = sorted(registry)
    if rule:
        try:
            prefix, _ = resolve_selector(rule, registry)
        except ValueError as e:
            raise InvalidValue(str(e), selector_hint(rule, registry)) from None
        codes = [c for c in codes if c.startswith(prefix)]
        if len(codes) == 1 and not json_out:
            typer.echo(output.explain(registry[codes[0]]), nl=False)
            return
    if json_out:
        import json

        data = [{"code": c, "name": registry[c].name, "severity": registry[c].severity,
                 "kinds": list(registry[c].kinds), "summary": registry[c].summary, "why": registry[c].why,
                 "bad": registry[c].bad, "good": registry[c].good} for c in codes]
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    typer.echo(output.rules_table(registry, codes), nl=False)


def register(app: typer.Typer) -> None:
    app.command("lint")(lint)
    app.command("rules")(rules)
