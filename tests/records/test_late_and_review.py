"""Stories: a note written days after the contact; a supervisor reviews a draft."""

from __future__ import annotations

import json

from records_helpers import add_client, add_note, commits, git, last_message, stem


def test_a_late_note_is_labelled_and_kept(cli, caseload):
    add_client(cli)

    note = add_note(cli, "c-0001", "2026-01-05 09:00")

    text = (caseload / note).read_text()
    assert "\nlate_reason:\nstatus: draft\n" in text  # the label: an empty reason to fill in
    assert "Casefile-Late-Entry: yes\n" in last_message(caseload)
    r = cli("log", "c-0001")
    assert "added a note (late entry)" in r.output


def test_a_late_note_with_its_reason_says_why(cli, caseload):
    add_client(cli)
    note = add_note(cli, "c-0001", "2026-01-05 09:00", "--late-reason", "worker was off sick")
    assert "late_reason: worker was off sick\n" in (caseload / note).read_text()
    cli("note", "sign", "c-0001", stem(note))


def test_a_note_on_time_has_no_label(cli, caseload):
    add_client(cli)
    note = add_note(cli)
    assert "late_reason" not in (caseload / note).read_text()
    assert "Late" not in last_message(caseload)


def test_a_supervisor_approves_a_draft_then_the_worker_signs_it(cli, caseload):
    add_client(cli)
    note = add_note(cli)

    cli("review", "request", "c-0001", stem(note), "--to", "gitconfig")
    assert "review: {state: requested, requested_by: asmith, at: " in (caseload / note).read_text()
    r = cli("note", "sign", "c-0001", stem(note), ok=False)
    assert r.exit_code == 2 and "is waiting for review" in r.output

    cli("review", "approve", "c-0001", stem(note), "--comment", "Clear and factual.")

    text = (caseload / note).read_text()
    assert "review: {state: approved, by: gitconfig, at: " in text and "comment: Clear and factual.}" in text
    msg = last_message(caseload)
    assert "Casefile-Review: approved\nCasefile-Reviewer: gitconfig\n" in msg and "Clear" not in msg
    assert git(caseload, "log", "-1", "--format=%an").strip() == "Git Config User"
    cli("note", "sign", "c-0001", stem(note))
    events = json.loads(cli("log", "c-0001", stem(note), "--json").output)
    assert [e["action"] for e in events] == ["note.sign", "review.approve", "review.request", "note.new"]
    assert events[1]["review"] == "approved" and events[1]["reviewer"] == "gitconfig"


def test_a_returned_goal_needs_a_comment_and_can_be_asked_again(cli, caseload):
    add_client(cli)
    cli("goal", "new", "c-0001", "--title", "Own place", "--term", "long", "--specific", "Sign a lease",
        "--metric", "leases signed", "--target", "1", "--due", "2027-05-01")
    cli("review", "request", "c-0001", "g01")
    before = commits(caseload)
    r = cli("review", "return", "c-0001", "g01", "--comment", "", ok=False)
    assert r.exit_code == 2 and r.output.startswith("error: --comment is empty") and commits(caseload) == before

    cli("review", "return", "c-0001", "g01", "--comment", "Add the rent limit.")
    goal = next((caseload / "clients/c-0001/goals").glob("g01*.md")).read_text()
    assert "review: {state: returned, by: gitconfig" in goal
    r = cli("review", "approve", "c-0001", "g01", ok=False)
    assert r.exit_code == 2 and "no review is waiting (review state: returned)" in r.output
    cli("review", "request", "c-0001", "plan", ok=False)  # no plan yet: a clear error, not a crash


def test_a_signed_note_is_not_reviewed(cli, caseload):
    add_client(cli)
    note = add_note(cli)
    cli("note", "sign", "c-0001", stem(note))
    r = cli("review", "request", "c-0001", stem(note), ok=False)
    assert r.exit_code == 2 and "is signed: review comes before signing" in r.output


def test_an_approval_is_of_the_text_approved_a_later_edit_needs_a_new_review(cli, caseload):
    add_client(cli)
    note = add_note(cli)
    cli("review", "request", "c-0001", stem(note), "--to", "gitconfig")
    cli("review", "approve", "c-0001", stem(note))
    assert "review: {state: approved, by: gitconfig, at: " in (caseload / note).read_text()
    assert ", blob: " in (caseload / note).read_text()
    path = caseload / note
    path.write_text(path.read_text().replace("two applications", "five applications"))
    before = commits(caseload)

    r = cli("note", "sign", "c-0001", stem(note), ok=False)

    assert r.exit_code == 2 and r.output.count("\n") == 1
    assert "changed after it was approved" in r.output and "casefile review request" in r.output
    assert "status: draft" in path.read_text() and len(commits(caseload)) == len(before) + 1  # the hand edit only
    cli("review", "request", "c-0001", stem(note))
    cli("review", "approve", "c-0001", stem(note))
    cli("note", "sign", "c-0001", stem(note))


def test_nobody_reviews_their_own_goal_or_plan(cli, caseload):
    add_client(cli)
    cli("goal", "new", "c-0001", "--title", "Own place", "--term", "long", "--specific", "Sign a lease",
        "--metric", "leases signed", "--target", "1", "--due", "2027-05-01")
    before = commits(caseload)
    r = cli("review", "request", "c-0001", "g01", "--to", "asmith", ok=False)
    assert r.exit_code == 2 and "nobody reviews their own entry" in r.output and commits(caseload) == before
    cli("review", "request", "c-0001", "g01")
    git(caseload, "config", "user.name", "Alex Smith")
    git(caseload, "config", "user.email", "asmith@harbourview.example")
    before = commits(caseload)
    for verb in (["approve"], ["return", "--comment", "x"]):
        r = cli("review", *verb, "c-0001", "g01", ok=False)
        assert r.exit_code == 2 and "asmith, who wrote it: nobody reviews their own entry" in r.output, r.output
    assert commits(caseload) == before


def test_the_worker_is_known_by_email_whatever_id_the_caseload_gives_them(tmp_path):
    from conftest import Cli

    root = tmp_path / "w17"
    Cli(tmp_path)("init", str(root), "--name", "Alex Smith", "--email", "asmith@harbourview.example", "--id", "w17")
    cli = Cli(root)
    add_client(cli)
    note = add_note(cli)
    cli("review", "request", "c-0001", stem(note))
    git(root, "config", "user.name", "A. Smith (laptop)")
    git(root, "config", "user.email", "ASmith@harbourview.example")
    r = cli("review", "approve", "c-0001", stem(note), ok=False)
    assert r.exit_code == 2 and "w17, who wrote it: nobody reviews their own entry" in r.output, r.output
