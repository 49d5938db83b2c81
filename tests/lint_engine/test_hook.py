"""casefile hook install/uninstall/run, and the pre-commit framework's hook definition."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from .helpers import cli, git, git_init
from .helpers import note as _note

DRAFT = "status: draft\nsigned_by: ~drop\nsigned_at: ~drop"


def note(front: str = "", **kw) -> str:
    """A draft note: a final note committed by hand is refused before lint runs (only casefile signs)."""
    return _note(front=DRAFT + ("\n" + front if front else ""), **kw)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def repo(cl, monkeypatch):
    git_init(cl)
    # the hook runs `python -m casefile`: make this checkout importable from the commit's subprocess
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    return cl


def test_install_and_commit(repo):
    r = cli(repo, "hook", "install")
    assert r.exit_code == 0, r.output
    hook = repo / ".git/hooks/pre-commit"
    assert r.stdout == f"Installed the casefile pre-commit hook: {hook}\n"
    assert os.access(hook, os.X_OK) and "casefile hook run" in hook.read_text()
    bad = repo / "clients/c-0001/notes/bad.md"
    bad.write_text(note(data="Client seems lazy."))
    git(repo, "add", "-A")
    c = git(repo, "commit", "-qm", "note.add c-0001", check=False)
    assert c.returncode != 0
    assert "clients/c-0001/notes/bad.md:19:" in c.stdout + c.stderr and "commit stopped" in c.stderr
    bad.write_text(note(data="Client brought the signed lease."))
    git(repo, "add", "-A")
    assert git(repo, "commit", "-qm", "note.add c-0001", check=False).returncode == 0


def test_run_lints_the_staged_content_not_the_work_tree(repo):
    f = repo / "clients/c-0001/notes/bad.md"
    f.write_text(note(data="Client seems lazy."))
    git(repo, "add", f.as_posix())
    f.write_text(note(data="Client brought the signed lease."))  # fixed, but not staged
    r = cli(repo, "hook", "run")
    assert r.exit_code == 1 and "CF302" in r.stdout
    git(repo, "add", f.as_posix())
    f.write_text(note(data="Client seems lazy."))  # broken again, but what is staged is fine
    r = cli(repo, "hook", "run")
    assert r.exit_code == 0 and r.stdout == ""


def test_run_uses_the_staged_index_of_the_client(repo, rules):
    goal = repo / "clients/c-0001/goals/g02-job.md"
    goal.write_text((repo / "clients/c-0001/goals/g01-own-apartment.md").read_text().replace("id: g01", "id: g02"))
    n = repo / "clients/c-0001/notes/n.md"
    n.write_text(note(front="goals: [g01, g02]"))
    git(repo, "add", n.as_posix())
    r = cli(repo, "hook", "run")
    assert r.exit_code == 1 and "CF198" in r.stdout and "no goal g02" in r.stdout  # g02 exists, unstaged
    git(repo, "add", goal.as_posix())
    assert "CF198" not in cli(repo, "hook", "run").stdout


def test_foreign_hook_is_kept_unless_forced(repo):
    hook = repo / ".git/hooks/pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text("#!/bin/sh\necho mine\n")
    r = cli(repo, "hook", "install")
    assert r.exit_code == 2 and r.stderr.startswith(f"error: {hook} exists and is not casefile's hook")
    assert hook.read_text() == "#!/bin/sh\necho mine\n"
    r = cli(repo, "hook", "install", "--force")
    assert r.exit_code == 0 and (hook.parent / "pre-commit.casefile-backup").read_text() == "#!/bin/sh\necho mine\n"
    assert cli(repo, "hook", "install").exit_code == 0  # reinstalling over our own is fine
    r = cli(repo, "hook", "uninstall")
    assert r.exit_code == 0 and hook.read_text() == "#!/bin/sh\necho mine\n"
    assert cli(repo, "hook", "uninstall").exit_code == 2


def test_core_hooks_path_is_respected(repo):
    git(repo, "config", "core.hooksPath", ".githooks")
    assert cli(repo, "hook", "install").exit_code == 0
    assert (repo / ".githooks/pre-commit").exists()


def test_install_outside_git_is_a_clear_error(cl):
    r = cli(cl, "hook", "install")
    assert r.exit_code == 2 and r.stderr.startswith("error: ") and "not a git repository" in r.stderr


def test_pre_commit_framework_definition():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    h = next(x for x in hooks if x["id"] == "casefile-lint")
    assert (h["entry"], h["language"], h["files"]) == ("casefile lint", "python", r"^clients/.*\.md$")


def test_caseload_in_a_subfolder_of_the_repository(tmp_path, monkeypatch):
    from .helpers import make_caseload

    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    monkeypatch.setenv("CASEFILE_DIR", str(tmp_path / "elsewhere"))  # a stray setting must not redirect the hook
    top = tmp_path / "repo"
    root = make_caseload(top / "team" / "caseload")
    git_init(top)
    monkeypatch.delenv("CASEFILE_DIR")
    assert cli(root, "hook", "install").exit_code == 0
    monkeypatch.setenv("CASEFILE_DIR", str(tmp_path / "elsewhere"))
    (root / "clients/c-0001/notes/bad.md").write_text(note(data="Client seems lazy."))
    git(top, "add", "-A")
    c = git(top, "commit", "-qm", "note", check=False)
    assert c.returncode == 1
    assert "team/caseload/clients/c-0001/notes/bad.md:19:" in c.stdout + c.stderr
