"""Stories: closing a case; reading the audit trail; the client file as it stood on a date; bad repositories."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

from records_helpers import add_client, add_note, commits, git, last_message, stem


def test_closing_a_case_signs_the_drafts_writes_the_summary_and_sets_retention(cli, caseload):
    add_client(cli)
    a = add_note(cli, "c-0001", "2026-11-20 10:00")
    cli("note", "sign", "c-0001", stem(a))
    b = add_note(cli)
    before = commits(caseload)

    r = cli("client", "close", "c-0001", "--reason", "Goals met: moved into own apartment")

    assert r.output.splitlines()[0] == f"Signed at closing: {b}"
    assert r.output.splitlines()[1].startswith("Closed case c-0001: clients/c-0001/closing.md (commit ")
    assert len(commits(caseload)) == len(before) + 1
    profile = (caseload / "clients/c-0001/profile.md").read_text()
    today = dt.date.today()
    keep = today.replace(year=today.year + 7) if not (today.month == 2 and today.day == 29) else dt.date(today.year + 7, 2, 28)
    assert "status: closed\n" in profile and f"closed: {today}\n" in profile
    assert f"retain_until: {keep}\n" in profile and "close_reason: \"Goals met: moved into own apartment\"\n" in profile
    assert "status: final" in (caseload / b).read_text()
    closing = (caseload / "clients/c-0001/closing.md").read_text()
    assert "kind: closing" in closing and "- 2 case notes" in closing and f"signed at closing: {stem(b)}" in closing
    msg = last_message(caseload)
    assert "Casefile-Action: client.close" in msg and f"Casefile-Signed: {b} " in msg
    assert "Casefile-Signed: clients/c-0001/closing.md " in msg and "apartment" not in msg

    r = cli("note", "new", "c-0001", "--who", "client", "--body", "x", ok=False)
    assert r.exit_code == 2 and r.output.startswith("error: c-0001 is closed: a closed client's notes take only addenda")
    cli("note", "amend", "c-0001", stem(a), "--reason", "late-entry", "--why", "letter arrived", "--body", "Letter.")
    assert cli("audit").exit_code == 0
    r = cli("client", "close", "c-0001", "--reason", "again", ok=False)
    assert r.exit_code == 2 and "closed already" in r.output


def test_closing_refuses_and_lists_drafts_that_cannot_be_signed(cli, caseload):
    add_client(cli)
    late = add_note(cli, "c-0001", "2026-01-05 09:00")
    ok = add_note(cli)
    before = commits(caseload)
    profile = (caseload / "clients/c-0001/profile.md").read_text()

    r = cli("client", "close", "c-0001", "--reason", "moved away", ok=False)

    assert r.exit_code == 2
    assert r.output.startswith(f"error: c-0001 was not closed: 1 draft cannot be signed: {late} (late entry")
    assert commits(caseload) == before and (caseload / "clients/c-0001/profile.md").read_text() == profile
    assert "status: draft" in (caseload / ok).read_text() and not (caseload / "clients/c-0001/closing.md").exists()
    r = cli("client", "close", "c-0001", "--reason", " ", ok=False)
    assert r.exit_code == 2 and r.output.startswith("error: --reason is empty")


def test_the_log_says_when_who_what_and_which_entry(cli, caseload):
    add_client(cli)
    note = add_note(cli)
    cli("note", "sign", "c-0001", stem(note))
    p = caseload / "clients/c-0001/profile.md"
    p.write_text(p.read_text() + "\nMore.\n")
    git(caseload, "commit", "-qam", "x")

    import re

    rows = [re.split(r"\s{2,}", line) for line in cli("log", "c-0001").output.splitlines()]

    assert rows[0] == ["WHEN", "WHO", "WHAT", "ENTRY", "COMMIT"]
    assert rows[1][1:4] == ["Git Config User", "changed outside casefile", "profile.md"]
    assert rows[2][1:4] == ["Alex Smith", "signed a note", f"notes/{stem(note)}.md"]
    assert rows[3][2] == "added a note" and rows[4][2] == "opened the case" and len(rows) == 5
    events = json.loads(cli("log", "--json").output)
    assert events[0]["outside_casefile"] is True and events[-1]["action"] == "init"
    assert events[1]["signed"] == [note]
    one = json.loads(cli("log", "c-0001", stem(note), "--json").output)
    assert [e["action"] for e in one] == ["note.sign", "note.new"]


def test_show_as_of_a_date_gives_the_file_exactly_as_it_stood(cli, caseload):
    add_client(cli)
    note = add_note(cli)
    # put the history at known dates: everything so far on 2026-03-01, the signature on 2026-03-05
    env = {"GIT_COMMITTER_DATE": "2026-03-01T12:00:00"}
    git(caseload, "rebase", "-q", "--root", "--committer-date-is-author-date", env=env, check=False)
    draft = (caseload / note).read_text()
    git(caseload, "filter-branch", "-f", "--env-filter", "export GIT_COMMITTER_DATE='2026-03-01T12:00:00'",
        env={"FILTER_BRANCH_SQUELCH_WARNING": "1"})
    import os
    os.environ["GIT_COMMITTER_DATE"] = "2026-03-05T09:00:00"
    try:
        cli("note", "sign", "c-0001", stem(note))
    finally:
        del os.environ["GIT_COMMITTER_DATE"]

    then = cli("show", "c-0001", "--as-of", "2026-03-02").output
    now = cli("show", "c-0001").output

    assert then.startswith("# c-0001 as of 2026-03-02 (commit ")
    assert f"\n==> {note} <==\n{draft}" in then and "status: draft" in then
    assert "status: final" in now and "==> clients/c-0001/profile.md <==" in now
    r = cli("show", "c-0001", "--as-of", "2020-01-01", ok=False)
    assert r.exit_code == 2 and r.output.startswith("error: c-0001 did not exist on 2020-01-01")
    r = cli("show", "c-0001", "--as-of", "last tuesday", ok=False)
    assert r.exit_code == 2 and "invalid --as-of date" in r.output
    data = json.loads(cli("show", "c-0001", "--as-of", "2026-03-02", "--json").output)
    assert [f["path"] for f in data["files"]] == ["clients/c-0001/profile.md", note]


def test_a_shallow_or_corrupt_repository_is_a_clear_error(cli, caseload, tmp_path):
    add_client(cli)
    note = add_note(cli)
    cli("note", "sign", "c-0001", stem(note))
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{caseload}", str(shallow)], check=True)
    from conftest import Cli

    for args in (["audit"], ["log"], ["show", "c-0001", "--as-of", "2026-01-01"]):
        r = Cli(shallow)(*args, ok=False)
        assert r.exit_code == 2 and r.output.startswith("error: this repository is a shallow clone"), args

    objects = caseload / ".git/objects"
    for d in objects.iterdir():
        if len(d.name) == 2:
            shutil.rmtree(d)
    r = cli("audit", ok=False)
    assert r.exit_code == 2 and r.output.startswith("error: cannot read the history:") and r.output.count("\n") == 1


def test_closing_keeps_crlf_line_ends_of_the_profile_and_the_drafts(cli, caseload):
    add_client(cli)
    note = add_note(cli, "c-0001", "2026-11-20 10:00")
    files = [caseload / note, caseload / "clients/c-0001/profile.md"]
    for f in files:
        f.write_bytes(f.read_bytes().replace(b"\n", b"\r\n"))
    cli("commit")

    cli("client", "close", "c-0001", "--reason", "moved away")

    for f in files:
        data = f.read_bytes()
        assert data.count(b"\n") == data.count(b"\r\n"), f
    numstat = git(caseload, "diff", "--numstat", "HEAD~1", "HEAD", "--", note, "clients/c-0001/profile.md")
    changed = {line.split()[2]: line.split()[:2] for line in numstat.splitlines()}
    assert changed[note] == ["3", "1"]
    removed = int(changed["clients/c-0001/profile.md"][1])
    assert removed <= 1  # the status line; the other lines are added


def test_showing_a_note_that_is_not_utf8_is_a_one_line_error(cli, caseload):
    add_client(cli)
    note = add_note(cli)
    path = caseload / note
    path.write_bytes(path.read_bytes().replace("two applications".encode(), "two applications \xe9t\xe9".encode("latin-1")))

    r = cli("note", "show", "c-0001", stem(note), ok=False)

    assert r.exit_code == 2 and r.output.count("\n") == 1
    assert r.output.startswith(f"error: {note}:") and "not UTF-8 text" in r.output


def test_showing_a_crlf_note_keeps_its_line_ends(cli, caseload):
    add_client(cli)
    note = add_note(cli)
    path = caseload / note
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    r = cli("note", "show", "c-0001", stem(note))
    assert r.stdout_bytes == path.read_bytes()


def test_the_log_knows_the_actions_casefile_writes_and_no_others():
    from casefile import history
    from casefile.records.trail import ACTIONS

    written = {"init", "client.new", "client.close", "goal.new", "goal.set", "plan.add", "plan.done", "plan.dropped",
               "plan.open", "note.new", "note.sign", "note.amend", "review.request", "review.approve",
               "review.return", history.HAND_EDIT_ACTION}
    assert set(ACTIONS) == written


def test_a_record_is_found_by_the_start_of_its_name_in_notes_then_addenda(cli, caseload):
    from casefile.caseload import Caseload
    from casefile.errors import UnknownEntry
    from casefile.records.common import find_record

    add_client(cli)
    note = add_note(cli, "c-0001", "2026-11-20 10:00")
    cli("note", "sign", "c-0001", stem(note))
    r = cli("note", "amend", "c-0001", stem(note), "--reason", "correction", "--why", "x", "--body", "y", "--draft")
    addendum = r.output.strip().split(": ", 1)[1].split(" (commit")[0]
    cl = Caseload(caseload)
    assert cl.rel(find_record(cl, "c-0001", stem(note)[:15])) == note
    assert cl.rel(find_record(cl, "c-0001", stem(addendum))) == addendum
    assert cl.rel(find_record(cl, "c-0001", addendum.rsplit("/", 1)[1])) == addendum
    try:
        find_record(cl, "c-0001", "1999")
    except UnknownEntry as e:
        assert e.message == "no note '1999' for c-0001"
    else:
        raise AssertionError("found a record that does not exist")
    cli("note", "sign", "c-0001", stem(addendum)[:28])
