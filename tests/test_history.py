"""History is the audit trail: hand edits get their own commit, failures lose nothing."""

from __future__ import annotations

from conftest import git

BODY = "## Data\nMet at the office.\n"


def block_commits(caseload):
    """An agency's pre-commit hook that refuses every commit."""
    hook = caseload / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\necho 'blocked by agency hook' >&2\nexit 1\n")
    hook.chmod(0o755)
    return hook


def test_hand_edits_are_recorded_before_the_tools_own_change(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    profile = caseload / "clients/c-0001/profile.md"
    profile.write_text(profile.read_text().replace("status: open", "status: open\npronouns: she/her"))
    (caseload / "clients/c-0001/scratch.md").write_text("typed by hand\n")
    result = cli("note", "new", "c-0001", "--when", "2026-11-20 10:00", "--body", BODY)
    assert result.output.splitlines()[0].startswith("Recorded hand edits first (commit ")
    log = git(caseload, "log", "-2", "--format=%s|%(trailers:key=Casefile-Action,valueonly,separator=)").splitlines()
    assert log == ["Add session note for c-0001|note.new", "Record hand edits|hand-edit"]
    hand = git(caseload, "show", "--name-only", "--format=", "HEAD~1").split()
    assert hand == ["clients/c-0001/profile.md", "clients/c-0001/scratch.md"]
    tool = git(caseload, "show", "--name-only", "--format=", "HEAD").split()
    assert tool == ["clients/c-0001/notes/2026-11-20-1000-session.md"]
    assert "Dana" not in git(caseload, "log", "--format=%B")


def test_casefile_commit_records_hand_edits_on_request(cli, caseload):
    assert cli("commit").output == "Nothing to record: no hand edits.\n"
    cli("client", "new", "--name", "Dana Reyes")
    (caseload / "clients/c-0001/profile.md").unlink()
    out = cli("commit").output
    assert out.startswith("Recorded hand edits (commit ")
    body = git(caseload, "log", "-1", "--format=%an|%s%n%b")
    assert body.startswith("Alex Smith|Record hand edits")
    assert "Casefile-Entry: clients/c-0001/profile.md" in body
    assert git(caseload, "status", "--porcelain") == ""


def test_when_git_refuses_the_commit_the_note_is_kept_and_the_user_told(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    hook = block_commits(caseload)
    head = git(caseload, "rev-parse", "HEAD")
    result = cli("note", "new", "c-0001", "--when", "2026-11-20 10:00", "--body", BODY, ok=False)
    assert result.exit_code == 2
    assert result.output == (
        "error: saved clients/c-0001/notes/2026-11-20-1000-session.md but git did not commit it "
        "(git commit failed: blocked by agency hook); nothing is lost: fix the problem, then run `casefile commit`\n"
    )
    assert (caseload / "clients/c-0001/notes/2026-11-20-1000-session.md").read_text().endswith(BODY)
    assert git(caseload, "rev-parse", "HEAD") == head
    hook.unlink()
    assert cli("commit").output.startswith("Recorded hand edits (commit ")


def test_a_new_entry_never_overwrites_an_existing_file(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    cli("note", "new", "c-0001", "--when", "2026-11-20 10:00", "--body", BODY)
    first = (caseload / "clients/c-0001/notes/2026-11-20-1000-session.md").read_text()
    cli("note", "new", "c-0001", "--when", "2026-11-20 10:00", "--body", "## Data\nSecond.\n")
    assert (caseload / "clients/c-0001/notes/2026-11-20-1000-session.md").read_text() == first


def test_malformed_yaml_in_an_existing_file_is_named_with_its_line(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    cli("plan", "add", "c-0001", "--what", "Bring ID", "--who", "client", "--due", "3d")
    plan = caseload / "clients/c-0001/plan.md"
    broken = plan.read_text().replace("    who: client", "    who: [client")
    plan.write_text(broken)
    result = cli("plan", "done", "c-0001", "t01", ok=False)
    assert result.exit_code == 2
    assert result.output.startswith("error: clients/c-0001/plan.md:")
    assert "front matter is not valid YAML" in result.output
    assert "Traceback" not in result.output
    assert plan.read_text() == broken
    assert git(caseload, "status", "--porcelain").strip() == "M clients/c-0001/plan.md"  # not committed either


def test_an_unexpected_crash_never_prints_client_text_from_local_variables(cli, caseload):
    import subprocess
    import sys

    cli("client", "new", "--name", "Dana Reyes")
    code = (
        "import sys\n"
        "import casefile.notes\n"
        "def boom(caseload, client_id, data, now=None):\n"
        "    client_name = 'Dana Reyes SECRET'\n"
        "    raise RuntimeError('unexpected')\n"
        "casefile.notes.new_note = boom\n"
        "sys.argv = ['casefile', 'note', 'new', 'c-0001', '--body', 'x']\n"
        "from casefile.cli import main\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=caseload, capture_output=True, text=True)
    assert proc.returncode != 0
    assert "RuntimeError" in proc.stderr
    assert "SECRET" not in proc.stderr + proc.stdout


def test_when_the_hand_edit_commit_fails_the_hand_edits_and_the_new_note_are_kept(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    plan = caseload / "clients/c-0001/profile.md"
    edited = plan.read_text() + "\n<!-- called the landlord, no answer -->\n"
    plan.write_text(edited)
    hook = block_commits(caseload)
    head = git(caseload, "rev-parse", "HEAD")
    result = cli("note", "new", "c-0001", "--when", "2026-11-20 10:00", "--body", BODY, ok=False)
    assert result.exit_code == 2
    assert result.output.startswith("error: git did not commit the hand edits (git commit failed: blocked by agency hook)")
    assert "clients/c-0001/notes/2026-11-20-1000-session.md is saved but not committed" in result.output
    assert plan.read_text() == edited  # the person's hand edit is theirs: never checked out
    assert (caseload / "clients/c-0001/notes/2026-11-20-1000-session.md").read_text().endswith(BODY)
    assert git(caseload, "rev-parse", "HEAD") == head
    assert git(caseload, "diff", "--cached", "--name-only") == ""  # nothing left staged
