"""Open a file in the user's editor, as `git commit` does: $VISUAL, then $EDITOR."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Callable

from casefile.errors import EditorError


def editor_command() -> str | None:
    for var in ("VISUAL", "EDITOR"):
        value = os.environ.get(var, "").strip()
        if value:
            return value
    if sys.stdin.isatty() and sys.stdout.isatty():
        return "vi"
    return None


def run_here(argv: list[str]) -> int:
    return subprocess.run(argv).returncode


# How the editor is run: here, or (in a command the resident server runs) by the calling process, which
# owns the terminal (casefile/server.py). Takes the command line, returns its exit status.
run_editor: Callable[[list[str]], int] = run_here


def edit(path: Path) -> None:
    """Run the editor on the real file and wait for it. Raises EditorError if there is none or it fails."""
    cmd = editor_command()
    if not cmd:
        raise EditorError(
            "no editor to open: $VISUAL and $EDITOR are not set",
            "set $EDITOR, or give the text with --body (or --body - for stdin)",
        )
    try:
        status = run_editor(["sh", "-c", f'{cmd} "$@"', cmd, str(path)])
    except OSError as e:
        raise EditorError(f"could not start the editor {cmd!r}: {e.strerror}") from None
    if status != 0:
        raise EditorError(f"the editor {cmd!r} exited with status {status}")


UNCHANGED_HINT = (
    "if your editor returns at once (VS Code, Sublime, Atom...), make it wait: "
    "export EDITOR='code --wait' or 'subl -w'"
)
