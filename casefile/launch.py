"""The `casefile` command's entry point.

Two things happen here, before typer and the rest of casefile are imported:
- `casefile --version` answers at once (scripts and bug reports ask for it);
- a command that will commit starts `git status` in the background straight away, so that git's scan of
  a large caseload for hand edits runs while Python imports and renders (docs/benchmarks.md). This is
  only a head start: the command itself finds the caseload again and reports any problem.
"""

from __future__ import annotations

import os
import sys

# (noun, verb) of the commands that commit; None: every verb of the noun.
_WRITES = {
    "client": {"new", "close"}, "goal": {"new", "set", "status"}, "plan": {"add", "done", "drop"},
    "note": {"new", "sign", "amend"}, "review": None, "commit": None,
}


def _caseload_flag(args: list[str]) -> str | None:
    for i, arg in enumerate(args):
        if arg in ("--caseload", "-C") and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--caseload="):
            return arg.split("=", 1)[1]
    return None


def _head_start(args: list[str]) -> None:
    words = [a for a in args if not a.startswith("-")]
    if not words or words[0] not in _WRITES or "--help" in args or "-h" in args:
        return
    verbs = _WRITES[words[0]]
    if verbs is not None and (len(words) < 2 or words[1] not in verbs):
        return
    try:
        from casefile.caseload import find_root
        from casefile.history import prefetch_status

        prefetch_status(find_root(None, _caseload_flag(args) or os.environ.get("CASEFILE_DIR")))
    except Exception:  # noqa: BLE001 - the command will find and report the problem itself
        pass


def main() -> None:
    args = sys.argv[1:]
    if args == ["--version"]:
        from casefile import __version__

        print(f"casefile {__version__}")
        return
    _head_start(args)
    from casefile.cli import main as cli_main

    cli_main()
