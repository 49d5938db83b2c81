"""Story: a worker signs a note; from then on it is a legal record that nothing changes."""

from __future__ import annotations

import re

from casefile.records.guard import staged_signed_violations

from records_helpers import add_client, add_note, commits, git, last_message, stem


def test_signing_a_note_makes_it_final_with_who_and_when_in_one_commit(cli, caseload):
    add_client(cli)
    note = add_note(cli)
    before = commits(caseload)

    result = cli("note", "sign", "c-0001", stem(note))

    assert result.output.startswith(f"Signed: {note} (commit ")
    text = (caseload / note).read_text()
    assert "status: final\n" in text
    assert "signed_by: asmith\n" in text
    assert re.search(r"^signed_at: \d{4}-\d\d-\d\dT\d\d:\d\d$", text, re.M)
    assert len(commits(caseload)) == len(before) + 1
    msg = last_message(caseload)
    blob = git(caseload, "rev-parse", f"HEAD:{note}").strip()
    assert msg.startswith(f"Sign note {stem(note)} for c-0001\n")
    assert "Casefile-Action: note.sign\n" in msg
    assert f"Casefile-Signed: {note} {blob}\n" in msg
    assert "Dana" not in msg and "applications" not in msg  # no client text in history messages
    assert git(caseload, "log", "-1", "--format=%an <%ae>").strip() == "Alex Smith <asmith@harbourview.example>"
    assert git(caseload, "status", "--porcelain") == ""


def test_a_signed_note_cannot_be_signed_again(cli, caseload):
    add_client(cli)
    note = add_note(cli)
    cli("note", "sign", "c-0001", stem(note))
    before = commits(caseload)

    r = cli("note", "sign", "c-0001", stem(note), ok=False)

    assert r.exit_code == 2
    assert r.output.startswith(f"error: {note} is signed already (by asmith at ")
    assert "casefile note amend" in r.output
    assert commits(caseload) == before


def test_signing_a_note_that_does_not_exist_is_a_one_line_error(cli, caseload):
    add_client(cli)
    before = commits(caseload)
    r = cli("note", "sign", "c-0001", "2019-01-01-0900", ok=False)
    assert r.exit_code == 2
    assert r.output.count("\n") == 1 and r.output.startswith("error: no note '2019-01-01-0900' for c-0001")
    assert commits(caseload) == before
    r = cli("note", "sign", "c-0099", "x", ok=False)
    assert r.exit_code == 2 and "no client 'c-0099'" in r.output


def test_a_late_note_without_a_reason_is_not_signed_until_it_gives_one(cli, caseload):
    add_client(cli)
    note = add_note(cli, "c-0001", "2026-01-05 09:00")
    text = (caseload / note).read_text()
    before = commits(caseload)

    r = cli("note", "sign", "c-0001", stem(note), ok=False)

    assert r.exit_code == 2
    assert "late entry (recorded" in r.output and "needs a late_reason" in r.output
    assert (caseload / note).read_text() == text and commits(caseload) == before


def test_an_agency_can_allow_signing_with_lint_errors(cli, caseload):
    cfg = caseload / "casefile.yml"
    cfg.write_text(cfg.read_text() + "sign: {require_clean_lint: false}\n")
    git(caseload, "commit", "-qm", "Settings\n\nCasefile-Action: hand-edit", "--", "casefile.yml")
    add_client(cli)
    note = add_note(cli, "c-0001", "2026-01-05 09:00")

    cli("note", "sign", "c-0001", stem(note))

    assert "status: final" in (caseload / note).read_text()


def test_lint_errors_block_signing(cli, caseload):
    add_client(cli)
    note = add_note(cli)
    path = caseload / note
    path.write_text(path.read_text().replace("type: session\n", "type: chat\n"))
    git(caseload, "commit", "-qam", "x\n\nCasefile-Action: hand-edit")

    r = cli("note", "sign", "c-0001", stem(note), ok=False)

    assert r.exit_code == 2 and "was not signed" in r.output
    assert "status: draft" in path.read_text()


def test_every_casefile_command_refuses_a_hand_edit_of_a_signed_note(cli, caseload):
    add_client(cli)
    note = add_note(cli)
    cli("note", "sign", "c-0001", stem(note))
    path = caseload / note
    path.write_text(path.read_text().replace("two applications", "three applications"))
    before = commits(caseload)

    for args in (["commit"], ["note", "new", "c-0001", "--who", "client", "--body", "## Data\nx\n"]):
        r = cli(*args, ok=False)
        assert r.exit_code == 2
        assert r.output.startswith(f"error: {note} is signed and was changed by hand; nothing was committed")
        assert f"casefile note amend c-0001 {stem(note)}" in r.output
    assert commits(caseload) == before
    assert len(list((caseload / "clients/c-0001/notes").glob("*.md"))) == 1
    assert git(caseload, "status", "--porcelain") == f" M {note}\n"  # the refused note was not left staged


def test_the_hook_check_names_staged_changes_to_signed_notes(cli, caseload):
    add_client(cli)
    signed = add_note(cli, "c-0001", "2026-11-20 10:00")
    draft = add_note(cli)
    cli("note", "sign", "c-0001", stem(signed))
    assert staged_signed_violations(caseload) == []

    (caseload / draft).write_text((caseload / draft).read_text() + "more\n")
    (caseload / signed).write_text((caseload / signed).read_text() + "more\n")
    git(caseload, "add", draft, signed)
    found = staged_signed_violations(caseload)
    assert len(found) == 1 and found[0].startswith(f"{signed}: signed record changed; ")

    git(caseload, "reset", "-q", "--hard")
    git(caseload, "rm", "-q", signed)
    assert staged_signed_violations(caseload)[0].startswith(f"{signed}: signed record deleted")

    git(caseload, "reset", "-q", "--hard")
    git(caseload, "mv", signed, signed.replace("session", "phone"))
    assert staged_signed_violations(caseload)[0].startswith(
        f"{signed}: signed record renamed to {signed.replace('session', 'phone')}")


def test_signing_a_crlf_note_changes_only_the_signature_lines(cli, caseload):
    add_client(cli)
    note = add_note(cli, "c-0001", "2026-11-20 10:00")
    path = caseload / note
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    cli("commit")

    cli("note", "sign", "c-0001", stem(note))

    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n")
    diff = git(caseload, "diff", "--numstat", "HEAD~1", "HEAD", "--", note)
    assert diff.split()[:2] == ["3", "1"]  # status changed, signed_by and signed_at added
    assert b"\r\nstatus: final\r\nsigned_by: asmith\r\nsigned_at: " in data
    assert cli("audit").exit_code == 0
