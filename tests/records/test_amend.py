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
