"""The pre-commit hook: a signed note cannot be changed with plain git; casefile's own commits of drafts
go through even with lint findings, while plain-git commits are linted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from records_helpers import add_client, add_note, git

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def hooked(cli, caseload, monkeypatch):
    # the hook runs `python -m casefile`: make this checkout importable from git's subprocess
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    cli("hook", "install")
    add_client(cli)
    return cli


def test_plain_git_cannot_change_delete_or_rename_a_signed_note(hooked, caseload):
    path = add_note(hooked, when="2026-11-20 10:00")
    hooked("note", "sign", "c-0001", path.rsplit("/", 1)[1][:-3])
    head = git(caseload, "rev-parse", "HEAD")
    note = caseload / path
    note.write_text(note.read_text().replace("two applications", "three applications"))
    git(caseload, "add", "-A")
    git(caseload, "commit", "-qm", "fix typo", check=False)
    assert git(caseload, "rev-parse", "HEAD") == head
    git(caseload, "restore", "--staged", "--worktree", path)
    git(caseload, "mv", path, path.replace(".md", "-old.md"))
    git(caseload, "commit", "-qm", "rename", check=False)
    assert git(caseload, "rev-parse", "HEAD") == head
    git(caseload, "reset", "-q", "--hard")
    git(caseload, "rm", "-q", path)
    git(caseload, "commit", "-qm", "remove", check=False)
    assert git(caseload, "rev-parse", "HEAD") == head


def test_the_hook_message_names_the_note_and_the_addendum_command(hooked, caseload):
    import subprocess

    path = add_note(hooked, when="2026-11-20 10:00")
    hooked("note", "sign", "c-0001", path.rsplit("/", 1)[1][:-3])
    (caseload / path).write_text((caseload / path).read_text() + "\nlater text\n")
    git(caseload, "add", "-A")
    proc = subprocess.run(["git", "commit", "-qm", "edit"], cwd=caseload, capture_output=True, text=True)
    assert proc.returncode == 1
    assert f"casefile: {path}: signed record changed" in proc.stderr
    assert "casefile note amend" in proc.stderr


def test_casefile_commits_a_draft_with_findings_but_plain_git_is_linted(hooked, caseload):
    hooked("note", "new", "c-0001", "--when", "2026-11-20 10:00", "--where", "office", "--why", "Check-in",
           "--body", "## Data\nClient seems lazy.\n")
    assert git(caseload, "status", "--porcelain") == ""  # committed by casefile despite the finding
    extra = caseload / "clients/c-0001/notes/2026-11-20-1000-session.md"
    extra.write_text(extra.read_text().replace("seems lazy", "seems lazy and manipulative"))
    git(caseload, "add", "-A")
    head = git(caseload, "rev-parse", "HEAD")
    git(caseload, "commit", "-qm", "edit", check=False)
    assert git(caseload, "rev-parse", "HEAD") == head
