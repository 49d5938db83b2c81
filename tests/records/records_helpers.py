"""Helpers for the records stories: notes written and signed through the CLI, plain git for tampering."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path


NOTE_BODY = """## Data
Client said, "I sent two applications this week." Worker and client read the posting for the
warehouse job together and filled in the online form at the library.

## Assessment
In my professional opinion the client is ready to apply on her own.

## Plan
Client to send one more application by Friday. Next session 2026-12-01 at 10:00.
"""


def git(root: Path, *args: str, env: dict | None = None, check: bool = True) -> str:
    import os

    proc = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                          env={**os.environ, **(env or {})})
    if check and proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr}")
    return proc.stdout


def add_client(cli) -> str:
    cli("client", "new", "--name", "Dana Reyes", "--need", "stable housing")
    return "c-0001"


def add_note(cli, client: str = "c-0001", when: str | None = None, *extra: str) -> str:
    """A note written now about a contact at `when` (default now); returns its path in the caseload."""
    at = ["--when", when] if when else []
    result = cli("note", "new", client, *at, "--who", "client", "--who", "worker asmith", "--where", "office",
                 "--why", "Review job applications", "--body", NOTE_BODY, *extra)
    return result.output.strip().splitlines()[-1].split(": ", 1)[1].split(" (commit")[0]


def stem(path: str) -> str:
    return path.rsplit("/", 1)[1][:-3]


def commits(root: Path) -> list[str]:
    return git(root, "rev-list", "HEAD").split()


def last_message(root: Path) -> str:
    return git(root, "log", "-1", "--format=%B")


def audit_json(cli, *args: str) -> tuple[int, dict]:
    r = cli("audit", "--json", *args, ok=False)
    return r.exit_code, json.loads(r.stdout)
