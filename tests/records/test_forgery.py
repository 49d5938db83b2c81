"""Stories: someone tries to make a record say something it did not say when signed, or to make a draft
look signed, without casefile noticing: git replace objects, grafts, YAML tricks, a hand-written
`status: final`."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from records_helpers import add_client, add_note, audit_json, git, stem

REPO = Path(__file__).resolve().parents[2]
PLAIN = {"GIT_AUTHOR_NAME": "Someone Else", "GIT_AUTHOR_EMAIL": "else@example.org",
         "GIT_COMMITTER_NAME": "Someone Else", "GIT_COMMITTER_EMAIL": "else@example.org"}


def signed_note(cli) -> str:
    add_client(cli)
    note = add_note(cli, "c-0001", "2026-11-20 10:00")
    cli("note", "sign", "c-0001", stem(note))
    return note


def codes(cli, *args) -> tuple[int, list[tuple[str, str | None]]]:
    code, data = audit_json(cli, *args)
    return code, [(f["code"], f["path"]) for f in data["findings"]]


def write_blob(root: Path, text: str) -> str:
    return subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=root, input=text, capture_output=True,
                          text=True, check=True).stdout.strip()


# ------------------------------------------------------------------ replace objects and grafts

def test_a_git_replace_of_a_signed_note_is_reported_and_never_shown_as_the_record(cli, caseload):
    note = signed_note(cli)
    original = (caseload / note).read_text()
    fake = write_blob(caseload, original.replace("two applications", "three applications"))
    git(caseload, "replace", git(caseload, "rev-parse", f"HEAD:{note}").strip(), fake)
    assert "three applications" in git(caseload, "show", f"HEAD:{note}")  # plain git shows the substitute

    shown = cli("show", "c-0001").output
    code, found = codes(cli)

    assert "two applications" in shown and "three applications" not in shown
    assert code == 1 and found == [("replace-objects", None)]
    assert "refs/replace/" in audit_json(cli)[1]["findings"][0]["message"]


def test_a_replaced_commit_does_not_hide_a_change_to_a_signed_note(cli, caseload):
    note = signed_note(cli)
    path = caseload / note
    path.write_text(path.read_text().replace("two applications", "no applications"))
    git(caseload, "commit", "-qam", "x\n\nCasefile-Action: hand-edit", env=PLAIN)
    changed = git(caseload, "rev-parse", "HEAD").strip()
    # the tampering commit is replaced by one that changes nothing, so plain git shows no change
    git(caseload, "replace", changed, git(caseload, "commit-tree", "HEAD~1^{tree}", "-p", "HEAD~1",
                                                  "-m", "nothing").strip())
    assert git(caseload, "log", "-1", "--format=%s") == "nothing\n"

    code, found = codes(cli)

    assert code == 1 and ("signed-changed", note) in found and ("replace-objects", None) in found


def test_grafts_are_reported_and_do_not_hide_history(cli, caseload):
    note = signed_note(cli)
    path = caseload / note
    path.write_text(path.read_text().replace("two applications", "no applications"))
    git(caseload, "commit", "-qam", "x\n\nCasefile-Action: hand-edit", env=PLAIN)
    tamper = git(caseload, "rev-parse", "HEAD").strip()
    path.write_text(path.read_text().replace("no applications", "two applications"))
    git(caseload, "commit", "-qam", "y\n\nCasefile-Action: hand-edit", env=PLAIN)
    # graft the last commit onto the sign commit: the two edits vanish from plain git's history
    (caseload / ".git/info").mkdir(exist_ok=True)
    (caseload / ".git/info/grafts").write_text(
        f"{git(caseload, 'rev-parse', 'HEAD').strip()} {git(caseload, 'rev-parse', 'HEAD~2').strip()}\n")

    code, data = audit_json(cli)
    found = [(f["code"], f["path"], f["commit"]) for f in data["findings"]]

    assert code == 1 and ("signed-changed", note, tamper) in found
    assert ("replace-objects", None, None) in found


# ------------------------------------------------------------------ what "signed" means: as YAML reads it

@pytest.mark.parametrize("status", [
    "status: draft\nstatus: final",  # YAML keeps the last
    "status : final",
    "status: !!str final",
    "status: 'final'",
    "status:\n  final",
])
def test_a_note_final_as_yaml_reads_it_is_signed_for_the_audit(cli, caseload, status):
    add_client(cli)
    note = add_note(cli, "c-0001", "2026-11-20 10:00")
    path = caseload / note
    text = path.read_text()
    assert "\nstatus: draft\n" in text
    text = text.replace("\nstatus: draft\n", f"\n{status}\nsigned_by: asmith\nsigned_at: 2026-11-20T12:00\n")
    path.write_text(text)
    git(caseload, "commit", "-q", "--no-verify", "-am", "sign\n\nCasefile-Action: hand-edit", env=PLAIN)
    path.write_text(text.replace("two applications", "three applications"))
    git(caseload, "commit", "-q", "--no-verify", "-am", "edit\n\nCasefile-Action: hand-edit", env=PLAIN)

    code, found = codes(cli)

    assert code == 1
    assert ("signed-outside-casefile", note) in found and ("signed-changed", note) in found


def test_quick_meta_agrees_with_yaml():
    from casefile.entry import parse_entry
    from casefile.records.common import is_final, quick_meta

    texts = [
        "---\nkind: note\nstatus: draft\nwhy: x\nstatus: final\n---\nbody\n",
        "---\nkind: note\nstatus: final\nwhy: x\nstatus: draft\n---\nbody\n",
        "---\n  kind: note\n  status: final\n---\n",
        "---\n\"status\": final\n---\n",
        "---\nstatus: draft\n<<: {status: final}\n---\n",
        "---\r\nkind: note\r\nstatus: final\r\n---\r\n",
        "---\nwho:\n- client\nstatus: final  # signed\nreview: {state: approved}\n---\n",
        "---\nstatus: \"fin\\x61l\"\n---\n",
        "---\nx: &s final\nstatus: *s\n---\n",
    ]
    for text in texts:
        assert is_final(quick_meta(text)) == is_final(parse_entry(text, "x.md").meta), text
    # front matter YAML cannot read: final as soon as a status line says so
    assert is_final(quick_meta("---\nstatus: final\nwhy: [\n---\n"))


# ------------------------------------------------------------------ a signature written by hand

def forge(path: Path) -> None:
    text = path.read_text()
    path.write_text(text.replace("\nstatus: draft\n", "\nstatus: final\nsigned_by: asmith\nsigned_at: 2026-11-20T12:00\n"))


def test_a_hand_written_signature_is_refused_by_casefile_commit(cli, caseload):
    add_client(cli)
    note = add_note(cli, "c-0001", "2026-11-20 10:00")
    before = git(caseload, "rev-parse", "HEAD")
    forge(caseload / note)

    r = cli("commit", ok=False)

    assert r.exit_code == 2 and r.output.count("\n") == 1
    assert f"error: {note} was made final by hand; nothing was committed" in r.output
    assert f"casefile note sign c-0001 {stem(note)}" in r.output
    assert git(caseload, "rev-parse", "HEAD") == before
    r = cli("note", "new", "c-0001", "--where", "office", "--why", "x", "--body", "## Data\nx\n", ok=False)
    assert r.exit_code == 2 and git(caseload, "rev-parse", "HEAD") == before


def test_a_new_note_written_final_by_hand_is_refused(cli, caseload):
    note = signed_note(cli)
    text = (caseload / note).read_text()
    (caseload / note.replace(".md", "-copy.md")).write_text(text)
    r = cli("commit", ok=False)
    assert r.exit_code == 2 and "was made final by hand" in r.output


def test_the_hook_refuses_a_hand_written_signature(cli, caseload, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    cli("hook", "install")
    add_client(cli)
    note = add_note(cli, "c-0001", "2026-11-20 10:00")
    before = git(caseload, "rev-parse", "HEAD")
    forge(caseload / note)
    git(caseload, "add", note)

    proc = subprocess.run(["git", "commit", "-qm", "sign"], cwd=caseload, capture_output=True, text=True)

    assert proc.returncode == 1 and f"{note}: record made final outside casefile" in proc.stderr
    assert git(caseload, "rev-parse", "HEAD") == before
    git(caseload, "restore", "--staged", "--worktree", note)
    cli("note", "sign", "c-0001", stem(note))  # casefile's own signing passes the hook
    assert git(caseload, "rev-parse", "HEAD") != before


def test_the_audit_names_a_signature_made_outside_casefile(cli, caseload):
    add_client(cli)
    note = add_note(cli, "c-0001", "2026-11-20 10:00")
    forge(caseload / note)
    git(caseload, "commit", "-q", "--no-verify", "-am", "Record hand edits\n\nCasefile-Action: hand-edit")
    forged = git(caseload, "rev-parse", "HEAD").strip()

    code, data = audit_json(cli)

    assert code == 1
    assert [(f["code"], f["path"], f["commit"]) for f in data["findings"]] == [("signed-outside-casefile", note, forged)]
    assert data["signed"] == 1


def test_the_example_caseload_names_its_signed_notes(tmp_path, cli):
    from conftest import Cli

    Cli(tmp_path)("init", "--example", str(tmp_path / "example"))
    code, data = audit_json(Cli(tmp_path / "example"))
    assert "signed-outside-casefile" not in {f["code"] for f in data["findings"]}
    assert data["signed"] >= 10
