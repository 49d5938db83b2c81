"""Nothing surprising in a user's files or history: what casefile commits, and when it refuses to."""

from __future__ import annotations

from conftest import git



def client_with_a_goal(cli, caseload):
    """A client with one employment goal; its file."""
    cli("client", "new", "--name", "Dana Reyes")
    cli("goal", "new", "c-0001", "--title", "Work", "--term", "short", "--domain", "employment", "--specific",
        "Send 5 applications", "--metric", "applications", "--target", "5", "--due", "3w")
    return caseload / "clients/c-0001/goals/g01-employment.md"

def test_refuses_to_commit_on_a_detached_head_or_mid_merge(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    git(caseload, "checkout", "-q", "--detach", "HEAD")
    result = cli("client", "new", "--name", "Marcus Lee", ok=False)
    assert result.exit_code == 2 and "HEAD is detached" in result.output
    git(caseload, "checkout", "-q", "main")
    (caseload / ".git" / "MERGE_HEAD").write_text(git(caseload, "rev-parse", "HEAD"))
    result = cli("client", "new", "--name", "Marcus Lee", ok=False)
    assert result.exit_code == 2 and "in the middle of a merge" in result.output
    assert not (caseload / "clients/c-0002").exists()


def test_stray_files_are_not_recorded_and_hand_named_files_are_not_named_in_messages(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    (caseload / "clients/c-0001/Dana Reyes - referral letter.pdf").write_bytes(b"%PDF-1.4\n")
    (caseload / "clients/c-0001/Dana Reyes intake.md").write_text("typed by hand\n")
    (caseload / "clients.json").write_text("[]\n")
    out = cli("note", "new", "c-0001", "--when", "2026-11-20 10:00", "--body", "## Data\nMet.\n").output
    assert ("warning: not recorded (not casefile's own files; add them with git if they belong): "
            "clients.json, clients/c-0001/Dana Reyes - referral letter.pdf") in out  # told, on the screen only
    hand = git(caseload, "show", "--name-only", "--format=%B", "HEAD~1")
    assert "clients/c-0001/Dana Reyes intake.md" in hand.splitlines()  # recorded as a file...
    message = git(caseload, "log", "-2", "--format=%B")
    assert "Dana" not in message and "Casefile-Other-Files: 1" in message  # ...but not named in the message
    untracked = git(caseload, "status", "--porcelain").splitlines()
    assert sorted(untracked) == ['?? "clients/c-0001/Dana Reyes - referral letter.pdf"', "?? clients.json"]


def test_what_someone_staged_by_hand_is_a_hand_edit_never_part_of_casefiles_commit(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    (caseload / "notes-to-self.txt").write_text("mine\n")
    git(caseload, "add", "notes-to-self.txt")
    cli("client", "new", "--name", "Marcus Lee")
    assert git(caseload, "show", "--name-only", "--format=", "HEAD").split() == ["clients/c-0002/profile.md"]
    assert git(caseload, "show", "--name-only", "--format=%s", "HEAD~1").split() == [
        "Record", "hand", "edits", "notes-to-self.txt"]
    assert git(caseload, "status", "--porcelain") == ""


def test_a_refused_commit_of_a_change_leaves_the_file_as_it_was(cli, caseload):
    path = client_with_a_goal(cli, caseload)
    before = path.read_text()
    hook = caseload / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\necho 'blocked' >&2\nexit 1\n")
    hook.chmod(0o755)
    result = cli("goal", "status", "c-0001", "g01", "achieved", ok=False)
    assert result.exit_code == 2
    assert result.output == "error: git did not commit the change (git commit failed: blocked); nothing was changed\n"
    assert path.read_text() == before
    assert git(caseload, "status", "--porcelain") == ""


def test_a_free_text_domain_never_names_the_goal_file(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    cli("goal", "new", "c-0001", "--title", "Safe home", "--term", "long", "--domain", "Dana's eviction",
        "--no-edit")
    assert [p.name for p in (caseload / "clients/c-0001/goals").iterdir()] == ["g01.md"]


def test_bad_input_is_one_line_never_a_traceback(cli, caseload, tmp_path):
    from conftest import Cli

    cli("client", "new", "--name", "Dana Reyes")
    cases = [
        (["goal", "new", "c-0001", "--title", "x", "--due", "99999y", "--no-edit"], "past the calendar's end"),
        (["plan", "add", "c-0001", "--what", "x", "--who", "client", "--due", "999999999999w"], "past the calendar's end"),
        (["note", "new", "c-0001", "--duration", "99999999999999999999y", "--body", "x"], "too long"),
        (["note", "new", "c-0001", "--body", ""], "--body is empty"),
    ]
    for args, message in cases:
        result = cli(*args, ok=False)
        assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output, args
        assert len(result.output.strip().splitlines()) == 1
    result = Cli(tmp_path)("init", str(tmp_path / "other"), "--name", "A", "--email", "a@b.example", "--id", "x: y", ok=False)
    assert result.exit_code == 2 and "worker id 'x: y'" in result.output
    config = caseload / "casefile.yml"
    config.write_text(config.read_text().replace("late_entry_after: 72h", "late_entry_after: 72"))
    result = cli("note", "new", "c-0001", "--body", "x", ok=False)
    assert result.exit_code == 2 and "late_entry_after: 72 is not a duration" in result.output


def test_an_impossible_date_typed_by_hand_is_one_line_with_its_place(cli, caseload):
    path = client_with_a_goal(cli, caseload)
    cli("note", "new", "c-0001", "--goal", "g01", "--who", "client", "--where", "office", "--why", "Applications",
        "--when", "2026-11-20 10:00", "--body", "## Data\nClient brought two applications.\n")
    text = path.read_text()
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.startswith("due: "))
    path.write_text("\n".join("due: 2026-02-30" if l.startswith("due: ") else l for l in text.splitlines()) + "\n")
    result = cli("goal", "status", "c-0001", "g01", "achieved", ok=False)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"error: clients/c-0001/goals/g01-employment.md:{line}: front matter is not valid YAML: "
        "'2026-02-30' is not a real date or number")
    lint = cli("lint", ok=False)
    assert lint.exit_code == 1
    assert (f"clients/c-0001/goals/g01-employment.md:{line}:1: CF100 front matter is not valid YAML: "
            "'2026-02-30' is not a real date or number") in lint.output
    assert "CF108" not in lint.output  # the goal is still known by its file's name: its notes are not reported
