"""Case notes: from a flag, from stdin, or from the editor on the real file."""

from __future__ import annotations

import yaml

from conftest import git

DAP = '## Data\nClient said, "I sent three applications."\n\n## Assessment\nOn track.\n\n## Plan\nCall Friday.\n'


def front(path):
    return yaml.safe_load(path.read_text().split("---\n")[1])


def only_note(caseload):
    notes = list((caseload / "clients/c-0001/notes").glob("*.md"))
    assert len(notes) == 1
    return notes[0]


def test_note_from_a_flag(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    result = cli("note", "new", "c-0001", "--type", "phone", "--when", "2026-11-20 14:05", "--duration", "15m",
                 "--who", "client", "--where", "phone", "--why", "Confirm interview time", "--goal", "g01",
                 "--body", DAP)
    assert result.output.startswith("Added note: clients/c-0001/notes/2026-11-20-1405-phone.md (commit ")
    path = caseload / "clients/c-0001/notes/2026-11-20-1405-phone.md"
    meta = front(path)
    assert {k: meta[k] for k in ("kind", "client", "when", "type", "format", "who", "where", "why", "goals", "author", "status")} == {
        "kind": "note", "client": "c-0001", "when": "2026-11-20T14:05", "type": "phone", "format": "DAP",
        "who": ["client"], "where": "phone", "why": "Confirm interview time", "goals": ["g01"],
        "author": "asmith", "status": "draft",
    }
    assert path.read_text().endswith("---\n" + DAP)
    msg = git(caseload, "log", "-1", "--format=%an|%s%n%b")
    assert msg.startswith("Alex Smith|Add phone note for c-0001")
    assert "Casefile-Action: note.new" in msg and "Casefile-Entry: clients/c-0001/notes/2026-11-20-1405-phone.md" in msg
    assert "applications" not in msg


def test_note_from_stdin_and_names_stay_unique(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    for _ in range(2):
        cli("note", "new", "c-0001", "--when", "2026-11-20 10:30", "--body", "-", input=DAP)
    names = sorted(p.name for p in (caseload / "clients/c-0001/notes").glob("*.md"))
    assert names == ["2026-11-20-1030-session-2.md", "2026-11-20-1030-session.md"]


def test_note_in_the_editor_is_the_real_file_in_the_format_sections(cli, caseload, editor):
    cli("client", "new", "--name", "Dana Reyes")
    editor.setenv("FAKE_EDITOR_REPLACE", "## Subjective\n=>## Subjective\nClient said she slept well.\n")
    cli("note", "new", "c-0001", "--format", "SOAP", "--when", "2026-11-21 09:00", "--where", "office", "--why", "Check-in")
    text = only_note(caseload).read_text()
    assert "## Subjective\nClient said she slept well.\n" in text
    assert "## Objective" in text and "## Assessment" in text and "## Plan" in text
    assert "guide:" not in text
    assert git(caseload, "status", "--porcelain") == ""


def test_an_unchanged_note_is_not_saved(cli, caseload, editor):
    cli("client", "new", "--name", "Dana Reyes")
    head = git(caseload, "rev-parse", "HEAD")
    result = cli("note", "new", "c-0001", ok=False)
    assert result.exit_code == 2
    assert result.output.startswith("error: the entry was left unchanged, so it was not saved; if your editor returns at once")
    assert not (caseload / "clients/c-0001/notes").exists() or not list((caseload / "clients/c-0001/notes").iterdir())
    assert git(caseload, "rev-parse", "HEAD") == head


def test_an_editor_that_fails_loses_nothing_it_wrote(cli, caseload, editor):
    cli("client", "new", "--name", "Dana Reyes")
    editor.setenv("FAKE_EDITOR_APPEND", "Half a note\n")
    editor.setenv("FAKE_EDITOR_EXIT", "1")
    result = cli("note", "new", "c-0001", ok=False)
    assert result.exit_code == 2 and "exited with status 1" in result.output
    assert "Half a note" in only_note(caseload).read_text()


def test_broken_front_matter_from_the_editor_is_kept_and_not_committed(cli, caseload, editor):
    cli("client", "new", "--name", "Dana Reyes")
    editor.setenv("FAKE_EDITOR_REPLACE", "why:=>why: [unclosed")
    result = cli("note", "new", "c-0001", ok=False)
    assert result.exit_code == 2
    note = only_note(caseload)
    rel = note.relative_to(caseload).as_posix()
    assert result.output.startswith(f"error: {rel}:")
    assert "front matter is not valid YAML" in result.output and "casefile commit" in result.output
    assert "[unclosed" in note.read_text()
    assert rel in git(caseload, "status", "--porcelain", "--untracked-files=all")


def test_no_editor_and_no_body_is_a_clear_error(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    result = cli("note", "new", "c-0001", ok=False)
    assert result.exit_code == 2
    assert result.output == ("error: no editor to open: $VISUAL and $EDITOR are not set; set $EDITOR, or give the "
                             "text with --body (or --body - for stdin)\n")


def test_bad_contact_type_and_date(cli):
    cli("client", "new", "--name", "Dana Reyes")
    result = cli("note", "new", "c-0001", "--type", "visit", "--body", "x", ok=False)
    assert result.exit_code == 2 and "unknown contact type 'visit'" in result.output
    result = cli("note", "new", "c-0001", "--when", "32/13/2026", "--body", "x", ok=False)
    assert result.exit_code == 2 and "invalid contact time '32/13/2026'" in result.output
