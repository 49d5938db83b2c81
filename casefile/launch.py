"""The `casefile` command's entry point.

Two things happen here, before typer and the rest of casefile are imported:
- `casefile --version` answers at once (scripts and bug reports ask for it);
- `casefile lint` over the whole caseload, with at most `--format text|json` and `-q`, answers from the
  last whole run's snapshot when nothing at all has changed (cache.quick_snapshot), without importing
  typer, YAML or the rules; at anything else it falls through to the full command, which prints the same;
- a command that will commit starts `git status` in the background straight away, so that git's scan of
  a large caseload for hand edits runs while Python imports and renders (docs/benchmarks.md). This is
  only a head start: the command itself finds the caseload again and reports any problem.
"""

from __future__ import annotations

import os
import sys

# (noun, verb) of the commands that commit; None: every verb of the noun. The one list of them here: it
# decides the head start of `git status` and whether a commit's need of the terminal must be checked.
_COMMITS = {
    "client": {"new", "close"}, "goal": {"new", "set", "status"}, "plan": {"add", "done", "drop"},
    "note": {"new", "sign", "amend"}, "review": None, "commit": None, "init": None,
}


def _commits(args: list[str]) -> bool:
    words = [a for a in args if not a.startswith("-")]
    if not words or words[0] not in _COMMITS or "--help" in args or "-h" in args:
        return False
    verbs = _COMMITS[words[0]]
    return verbs is None or (len(words) > 1 and words[1] in verbs)


def _caseload_flag(args: list[str]) -> str | None:
    for i, arg in enumerate(args):
        if arg in ("--caseload", "-C") and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--caseload="):
            return arg.split("=", 1)[1]
    return None


def _head_start(args: list[str], root: str | None) -> None:
    # (init makes its caseload: there is none to scan yet)
    if root is None or not _commits(args) or args[0] == "init":
        return
    try:
        from pathlib import Path

        from casefile.history import prefetch_status

        prefetch_status(Path(root))
    except Exception:  # noqa: BLE001 - the command will find and report the problem itself
        pass


def _lint_options(args: list[str]) -> tuple[str, bool] | None:
    """(format, quiet) of `lint [--format text|json] [-q]`; None for anything else."""
    if not args or args[0] != "lint":
        return None
    fmt, quiet, i = None, False, 1
    while i < len(args):
        a = args[i]
        if a in ("-q", "--quiet") and not quiet:
            quiet = True
        elif a in ("--format", "-f") and fmt is None and i + 1 < len(args):
            fmt = args[i + 1]
            i += 1
        elif a.startswith("--format=") and fmt is None:
            fmt = a.split("=", 1)[1]
        else:
            return None
        i += 1
    fmt = (fmt or "text").lower()
    return (fmt, quiet) if fmt in ("text", "json") else None


def _find_root(flag: str | None = None) -> str | None:
    """casefile.caseload.find_root(flag, None) for the paths that need no more than os.path; else None."""
    given = flag if flag is not None else os.environ.get("CASEFILE_DIR")
    if given is not None:
        if not given:
            return None
        root = os.path.realpath(os.path.expanduser(given))
        return root if os.path.isfile(os.path.join(root, "casefile.yml")) else None
    d = os.path.realpath(os.getcwd())
    while True:
        if os.path.isfile(os.path.join(d, "casefile.yml")):
            return d
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def _lint_quick(args: list[str], root: str | None) -> int | None:
    """The exit code of `casefile lint` answered from its snapshot, having printed what the full command
    would; None (nothing printed) when the full command must run."""
    opts = _lint_options(args)
    if opts is None or os.environ.get("CASEFILE_DEBUG"):
        return None
    for stream in (sys.stdout, sys.stderr):  # click writes through these as they are only when they are UTF-8
        enc = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if enc != "utf8":
            return None
    try:
        import datetime as dt

        if root is None:
            return None
        from casefile.lint import cache

        now = dt.datetime.now().replace(microsecond=0)
        if opts[0] == "text" and os.path.realpath(os.getcwd()) == root:  # the output, printed once already
            answer = cache.quick_answer(root, now)
            if answer is None:  # (the snapshot was saved with it, and answers no better)
                cache.hand_over()
                return None
            out, err, code = answer["out"], None if opts[1] else answer["err"], answer["code"]
        else:
            snap = cache.quick_snapshot(root, now)
            if snap is None:
                cache.hand_over()
                return None
            from casefile.lint.output import from_snapshot

            out, err, code = from_snapshot(snap, opts[0], opts[1], root, os.getcwd())
    except Exception:  # noqa: BLE001 - the full command will do it, and report any problem itself
        return None
    try:
        if out:
            sys.stdout.write(out)
            sys.stdout.flush()
    except BrokenPipeError:  # a reader that stopped early (`casefile lint | head`): quietly, as click does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    if err is not None:
        sys.stderr.write(err + "\n")
        sys.stderr.flush()
    return code


def _root(args: list[str]) -> str | None:
    """The caseload the command is about, found once with os.path alone; None if there is none (the command
    itself then says so)."""
    try:
        return _find_root(_caseload_flag(args))
    except (OSError, ValueError):  # a folder deleted under the shell, say
        return None


def _via_server(args: list[str], root: str | None) -> int | None:
    """The exit code of the command as run by the caseload's resident server (casefile/server.py); None
    when there is none to run it (the usual case, and then the cost is one stat) or it runs other code."""
    if root is None or (args and args[0] == "server") or \
            os.environ.get("CASEFILE_SERVER", "").lower() in ("off", "0", "no"):
        return None
    from casefile import server

    path = server.socket_path(root)
    if path is None or not os.path.exists(path):
        return None
    return server.forward(root, path, args, may_commit=_commits(args))


def main() -> None:
    args = sys.argv[1:]
    if args == ["--version"]:
        from casefile import __version__

        print(f"casefile {__version__}")
        return
    root = _root(args)
    code = _via_server(args, root)
    if code is not None:
        sys.exit(code)
    run(args, root)


_NOT_LOOKED = "?"  # (no caseload path is "?": realpath makes them absolute)


def run(args: list[str], root: str | None = _NOT_LOOKED) -> None:
    """Run `casefile ARGS` in this process (also what the resident server's child for a command does: it
    finds the caseload here)."""
    if root == _NOT_LOOKED:
        root = _root(args)
    code = _lint_quick(args, root)
    if code is not None:
        sys.exit(code)
    _head_start(args, root)
    from casefile.cli import main as cli_main

    try:
        cli_main()
    finally:
        if "casefile.lint.cache" in sys.modules:  # a walk handed over and not taken is never kept
            sys.modules["casefile.lint.cache"]._HANDED = None
