"""Story: a signed note turns out to be wrong; the worker adds a dated addendum, the note stays as signed."""

from __future__ import annotations

from records_helpers import add_client, add_note, commits, git, last_message, stem


def signed_note(cli, caseload) -> str:
    add_client(cli)
    note = add_note(cli)
    cli("note", "sign", "c-0001", stem(note))
    return note


def test_an_addendum_is_a_new_signed_file_linked_to_the_note_which_stays_byte_for_byte(cli, caseload):
    note = signed_note(cli, caseload)
    original = (caseload / note).read_bytes()
    before = commits(caseload)

    r = cli("note", "amend", "c-0001", stem(note), "--reason", "correction", "--why", "wrong day for the next session",
            "--body", "The next session is 2026-12-02, not 2026-12-01.")

    assert (caseload / note).read_bytes() == original
    path = r.output.strip().split(": ", 1)[1].split(" (commit")[0]
    assert path.startswith(f"clients/c-0001/addenda/{stem(note)}--") and path.endswith("-correction.md")
    text = (caseload / path).read_text()
    for line in ("kind: addendum", f"amends: notes/{stem(note)}.md", "reason: correction",
                 "why: wrong day for the next session", "status: final", "signed_by: asmith"):
        assert line + "\n" in text
    assert text.endswith("The next session is 2026-12-02, not 2026-12-01.\n")
    assert len(commits(caseload)) == len(before) + 1
    msg = last_message(caseload)
    assert f"Casefile-Amends: {note}\n" in msg and f"Casefile-Signed: {path} " in msg
    assert "Casefile-Action: note.amend" in msg and "2026-12-02" not in msg


def test_the_addendum_opens_in_the_editor_like_a_note(cli, caseload, editor):
    note = signed_note(cli, caseload)
    editor.setenv("FAKE_EDITOR_APPEND", "Client's mother was also present.\n")

    r = cli("note", "amend", "c-0001", stem(note), "--reason", "clarification", "--why", "who was there")

    path = r.output.strip().split(": ", 1)[1].split(" (commit")[0]
    text = (caseload / path).read_text()
    assert "guide:" not in text and text.endswith("Client's mother was also present.\n")
    assert git(caseload, "status", "--porcelain") == ""


def test_showing_a_note_shows_its_addenda_with_it(cli, caseload):
    note = signed_note(cli, caseload)
    cli("note", "amend", "c-0001", stem(note), "--reason", "late-entry", "--why", "call received after the note",
        "--body", "Employer called back on 2026-11-23.")

    out = cli("note", "show", "c-0001", stem(note)).output

    assert out.startswith((caseload / note).read_text())
    assert "\n==> addendum clients/c-0001/addenda/" in out and out.endswith("Employer called back on 2026-11-23.\n")


def test_bad_amendments_are_refused_and_change_nothing(cli, caseload):
    add_client(cli)
    draft = add_note(cli)
    before = commits(caseload)
    cases = [
        (["--reason", "correction", "--why", "x"], f"error: {draft} is a draft: addenda are for signed notes"),
        (["--reason", "", "--why", "x"], "error: --reason is empty"),
        (["--reason", "typo", "--why", "x"], "error: unknown reason 'typo'"),
        (["--reason", "correction", "--why", "  "], "error: --why is empty"),
    ]
    for args, message in cases:
        r = cli("note", "amend", "c-0001", stem(draft), *args, "--body", "x", ok=False)
        assert r.exit_code == 2, args
        assert r.output.startswith(message) and r.output.count("\n") == 1, r.output
    r = cli("note", "amend", "c-0001", "2001-01-01", "--reason", "correction", "--why", "x", ok=False)
    assert r.exit_code == 2 and "no note '2001-01-01'" in r.output
    assert commits(caseload) == before
    assert not (caseload / "clients/c-0001/addenda").exists()


def test_an_addendum_the_check_rejects_is_never_left_signed_to_be_committed_later(cli, caseload, editor):
    note = signed_note(cli, caseload)
    before = commits(caseload)
    editor.setenv("FAKE_EDITOR_REPLACE", f"amends: notes/{stem(note)}.md=>amends: notes/other.md")

    r = cli("note", "amend", "c-0001", stem(note), "--reason", "correction", "--why", "wrong day", ok=False)

    assert r.exit_code == 2 and r.output.count("\n") == 1
    assert "kind and amends must stay as written; the addendum was not saved (your text is kept in .git/casefile/rejected/" in r.output
    assert list((caseload / "clients/c-0001/addenda").glob("*.md")) == []
    kept = list((caseload / ".git/casefile/rejected").glob("*.md"))
    assert len(kept) == 1 and "amends: notes/other.md" in kept[0].read_text()
    assert "status: draft\n" in kept[0].read_text() and "signed_by" not in kept[0].read_text()
    assert cli("commit").output == "Nothing to record: no hand edits.\n"
    assert commits(caseload) == before


def test_in_the_editor_the_addendum_is_a_draft_until_it_is_saved(cli, caseload, editor, tmp_path):
    note = signed_note(cli, caseload)
    seen = tmp_path / "seen.md"
    editor.setenv("FAKE_EDITOR_APPEND", "Client's mother was also present.\n")
    import os

    spy = tmp_path / "spy.sh"  # keeps a copy of what the editor was given, then edits as the fake editor
    spy.write_text(f'#!/bin/sh\ncp "$1" {seen}\nexec {os.environ["EDITOR"]} "$1"\n')
    spy.chmod(0o755)
    editor.setenv("EDITOR", str(spy))

    r = cli("note", "amend", "c-0001", stem(note), "--reason", "clarification", "--why", "who was there")

    assert "status: draft\n" in seen.read_text() and "signed_by" not in seen.read_text()
    path = r.output.strip().split(": ", 1)[1].split(" (commit")[0]
    text = (caseload / path).read_text()
    assert "status: final\nsigned_by: asmith\nsigned_at: " in text
    blob = git(caseload, "rev-parse", f"HEAD:{path}").strip()
    assert f"Casefile-Signed: {path} {blob}\n" in last_message(caseload)
    assert cli("audit").exit_code == 0


def test_the_hints_for_a_signed_addendum_name_a_command_that_works(cli, caseload):
    note = signed_note(cli, caseload)
    r = cli("note", "amend", "c-0001", stem(note), "--reason", "correction", "--why", "x", "--body", "More.")
    addendum = r.output.strip().split(": ", 1)[1].split(" (commit")[0]

    r = cli("note", "sign", "c-0001", stem(addendum), ok=False)
    assert r.exit_code == 2 and f"casefile note amend c-0001 {stem(note)} " in r.output
    r = cli("note", "amend", "c-0001", stem(addendum), "--reason", "correction", "--why", "x", "--body", "y", ok=False)
    assert r.exit_code == 2 and f"{addendum} is an addendum" in r.output
    assert f"casefile note amend c-0001 {stem(note)} --reason" in r.output
    (caseload / addendum).write_text((caseload / addendum).read_text() + "edited\n")
    r = cli("commit", ok=False)
    assert r.exit_code == 2 and f"casefile note amend c-0001 {stem(note)} --reason" in r.output
    git(caseload, "restore", addendum)
    cli("note", "amend", "c-0001", stem(note), "--reason", "correction", "--why", "x", "--body", "Again.")
