"""Story: an auditor runs `casefile audit` and every way a person could rewrite a signed note shows up,
named by note and commit; a clean history stays silent."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time

import pytest

from records_helpers import add_client, add_note, audit_json, commits, git, stem

PLAIN = {"GIT_AUTHOR_NAME": "Someone Else", "GIT_AUTHOR_EMAIL": "else@example.org",
         "GIT_COMMITTER_NAME": "Someone Else", "GIT_COMMITTER_EMAIL": "else@example.org"}


@pytest.fixture
def signed(cli, caseload):
    """A client with a signed note and a draft, audited clean (so the anchor is set)."""
    add_client(cli)
    note = add_note(cli, "c-0001", "2026-11-20 10:00")
    cli("note", "sign", "c-0001", stem(note))
    add_note(cli)
    r = cli("audit")
    assert r.exit_code == 0 and r.output.startswith("Audit clean: caseload, ")
    assert "Last verified state recorded: " in r.output
    return note


def findings(cli, *args):
    code, data = audit_json(cli, *args)
    return code, [(f["code"], f["path"], f["commit"]) for f in data["findings"]], data


def head(root):
    return git(root, "rev-parse", "HEAD").strip()


def test_a_clean_history_is_silent_and_moves_the_anchor(cli, caseload, signed):
    cli("note", "amend", "c-0001", stem(signed), "--reason", "clarification", "--why", "x", "--body", "More.")
    code, found, data = findings(cli)
    assert code == 0 and found == [] and data["anchor"] == head(caseload) and data["anchor_updated"]
    assert git(caseload, "rev-parse", "refs/casefile/anchor").strip() == head(caseload)
    assert (caseload / ".git/casefile/anchor").read_text().split()[0] == head(caseload)


def test_plain_git_edit_of_a_signed_note(cli, caseload, signed):
    path = caseload / signed
    path.write_text(path.read_text().replace("two applications", "three applications"))
    git(caseload, "commit", "-qam", "fix", env=PLAIN)
    sha = head(caseload)

    r = cli("audit", ok=False)

    assert r.exit_code == 1
    assert f"{signed}: signed record changed after signing (text changed) (commit {sha[:10]}, " in r.output
    assert "Someone Else) [signed-changed]" in r.output
    assert f"{signed}: commit made outside casefile (no Casefile-Action trailer) (commit {sha[:10]}" in r.output


def test_commit_with_no_verify_past_the_hook(cli, caseload, signed):
    hook = caseload / ".git/hooks/pre-commit"
    hook.write_text(f"#!/bin/sh\nexec {sys.executable} -c \"import sys; from casefile.records.guard import "
                    f"staged_signed_violations as v; m = v('.'); print(*m, sep='\\n'); sys.exit(1 if m else 0)\"\n")
    hook.chmod(0o755)
    path = caseload / signed
    path.write_text(path.read_text() + "\n")
    git(caseload, "add", signed)
    blocked = subprocess.run(["git", "commit", "-qm", "x"], cwd=caseload, capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert blocked.returncode != 0 and "signed record changed" in blocked.stderr

    git(caseload, "commit", "-q", "--no-verify", "-m", "x\n\nCasefile-Action: hand-edit")

    code, found, _ = findings(cli)
    assert code == 1 and found == [("signed-changed", signed, head(caseload))]
    assert "(whitespace only)" in cli("audit", ok=False).output


def test_amending_the_sign_commit(cli, caseload):
    add_client(cli)
    note = add_note(cli)
    cli("note", "sign", "c-0001", stem(note))
    path = caseload / note
    path.write_text(path.read_text().replace("two applications", "no applications"))
    git(caseload, "commit", "-q", "--amend", "--no-edit", "-a")

    code, found, _ = findings(cli)

    assert code == 1 and found == [("sign-mismatch", note, head(caseload))]


def test_amending_after_the_anchor_is_a_rewritten_history(cli, caseload, signed):
    anchored = head(caseload)
    path = caseload / signed
    git(caseload, "commit", "-q", "--amend", "--no-edit", "--allow-empty", "-m", "same\n\nCasefile-Action: hand-edit")
    code, found, data = findings(cli)
    assert code == 1 and found[0] == ("history-rewritten", None, anchored)
    assert "commit " + anchored[:10] + " is no longer in the branch" in data["findings"][0]["message"]
    assert path.exists()


def test_rebase_and_force_the_branch(cli, caseload, signed):
    anchored = head(caseload)
    sign_commit = git(caseload, "log", "-1", "--format=%H", "--grep", "Casefile-Action: note.sign").strip()
    env = {"GIT_SEQUENCE_EDITOR": "sed -i '1s/^pick/edit/'"}
    git(caseload, "rebase", "-q", "-i", f"{sign_commit}~1", env=env)
    path = caseload / signed
    path.write_text(path.read_text().replace("two applications", "no applications"))
    git(caseload, "commit", "-q", "--amend", "--no-edit", "-a")
    git(caseload, "rebase", "--continue", env={"GIT_EDITOR": "true"})
    git(caseload, "update-ref", "refs/heads/main", "HEAD")  # forced, as a push --force would

    code, found, _ = findings(cli)

    assert code == 1
    assert ("history-rewritten", None, anchored) in found
    assert ("sign-mismatch", signed, git(caseload, "log", "-1", "--format=%H", "--grep", "note.sign").strip()) in found


def test_deleting_renaming_and_changing_only_front_matter_or_whitespace(cli, caseload, signed):
    add_note(cli, "c-0001", "2026-11-21 10:00")
    others = sorted((caseload / "clients/c-0001/notes").glob("*.md"))
    for p in others:
        rel = p.relative_to(caseload).as_posix()
        if rel != signed:
            cli("note", "sign", "c-0001", p.stem)
    second, third = [p.relative_to(caseload).as_posix() for p in others if p.relative_to(caseload).as_posix() != signed]

    p = caseload / signed
    p.write_text(p.read_text().replace("signed_by: asmith", "signed_by: someone"))
    git(caseload, "commit", "-qam", "front matter")
    fm = head(caseload)
    p2 = caseload / second
    p2.write_text(p2.read_text().replace("\n## Assessment", "\n\n## Assessment"))
    git(caseload, "commit", "-qam", "spacing")
    ws = head(caseload)
    git(caseload, "mv", third, third.replace(".md", "-x.md"))
    git(caseload, "commit", "-qm", "rename")
    mv = head(caseload)
    git(caseload, "rm", "-q", second)
    git(caseload, "commit", "-qm", "delete")
    rm = head(caseload)

    code, found, data = findings(cli)

    assert code == 1
    records = [f for f in found if f[0] != "outside-casefile"]
    assert records == [
        ("signed-changed", signed, fm), ("signed-changed", second, ws),
        ("signed-renamed", third, mv), ("signed-deleted", second, rm),
    ]
    messages = [f["message"] for f in data["findings"] if f["code"].startswith("signed")]
    assert messages[0] == "signed record changed after signing (front matter only: signed_by)"
    assert messages[1] == "signed record changed after signing (whitespace only)"
    assert messages[2] == f"signed record renamed to {third.replace('.md', '-x.md')}"
    assert {f[2] for f in found if f[0] == "outside-casefile"} == {fm, ws, mv, rm}


def test_late_entries_without_reason_and_old_drafts(cli, caseload):
    add_client(cli)
    late = add_note(cli, "c-0001", "2026-01-05 09:00")
    code, found, data = findings(cli)
    assert code == 1 and found == [("late-no-reason", late, head(caseload))]
    import datetime as dt
    from casefile.caseload import Caseload
    from casefile.records.audit import audit

    r = audit(Caseload(caseload), now=dt.datetime.now() + dt.timedelta(days=30))
    assert [(f.code, f.path) for f in r.findings] == [("late-no-reason", late), ("draft-too-long", late)]
    assert "limit 7d" in r.findings[1].message


def test_audit_of_one_client_and_since_the_anchor(cli, caseload, signed):
    cli("client", "new", "--name", "Sam Roe")
    p = caseload / signed
    p.write_text(p.read_text() + "x\n")
    git(caseload, "commit", "-qam", "x")
    code, found, _ = findings(cli, "c-0002")
    assert code == 0 and found == []
    code, found, _ = findings(cli, "c-0001")
    assert code == 1 and {f[0] for f in found} == {"signed-changed", "outside-casefile"}
    r = cli("audit", "--update-anchor", ok=False)
    assert r.exit_code == 1 and "Last verified state recorded" in r.output
    code, found, _ = findings(cli, "--since-anchor")
    assert code == 0 and found == []
    code, found, _ = findings(cli)
    assert code == 1  # the whole history still shows it: anyone with the repository can see


def test_moving_the_anchor_by_hand_is_found(cli, caseload, signed):
    git(caseload, "update-ref", "-d", "refs/casefile/anchor")
    code, found, _ = findings(cli)
    assert code == 1 and found[0][0] == "anchor-moved"


def test_a_clean_history_of_hundreds_of_commits_is_silent_and_fast(tmp_path, cli, caseload):
    """300 notes written and signed by casefile (built with git fast-import: the same commits, faster)."""
    add_client(cli)
    base = head(caseload)
    lines, n = [], 0
    for i in range(150):
        rel = f"clients/c-0001/notes/2026-10-{1 + i % 28:02d}-{1000 + i:04d}-session.md"
        draft = (f"---\nkind: note\nclient: c-0001\nwhen: 2026-10-{1 + i % 28:02d}T10:00\ntype: session\nformat: free\n"
                 f"who: [client]\nauthor: asmith\nrecorded: 2026-10-{1 + i % 28:02d}T11:00\nstatus: draft\n---\nText {i}\n")
        final = draft.replace("status: draft\n", "status: final\nsigned_by: asmith\nsigned_at: 2026-10-01T12:00\n")
        blob = hashlib.sha1(b"blob %d\0" % len(final.encode()) + final.encode()).hexdigest()
        for action, text, extra in (("note.new", draft, ""), ("note.sign", final, f"Casefile-Signed: {rel} {blob}\n")):
            n += 1
            msg = f"{action} c-0001\n\nCasefile-Action: {action}\nCasefile-Client: c-0001\n{extra}".encode()
            data = text.encode()
            lines.append(b"commit refs/heads/main\ncommitter Alex Smith <a@x> %d +0000\n" % (1790000000 + n))
            lines.append(b"data %d\n%s\n" % (len(msg), msg))
            lines.append((f"from {base}\n" if n == 1 else "").encode())
            lines.append(f"M 100644 inline {rel}\n".encode() + b"data %d\n%s\n" % (len(data), data))
    subprocess.run(["git", "fast-import", "--quiet", "--force"], cwd=caseload, input=b"".join(lines), check=True)
    git(caseload, "reset", "-q", "--hard")
    assert len(commits(caseload)) > 300

    t0 = time.perf_counter()
    code, found, data = findings(cli)

    assert (code, found) == (0, [])
    assert data["signed"] == 150 and data["commits"] > 300
    assert time.perf_counter() - t0 < 10


def test_where_git_signs_commits_casefile_signs_and_audit_can_require_it(cli, caseload, tmp_path):
    import shutil as sh

    if not sh.which("ssh-keygen"):
        pytest.skip("ssh-keygen is not installed")
    key = tmp_path / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    allowed = tmp_path / "allowed"
    allowed.write_text("asmith@harbourview.example " + (tmp_path / "key.pub").read_text())
    code, found, _ = findings(cli, "--require-signatures")
    assert code == 1 and found[0][0] == "unsigned-commit"  # `casefile init` came before signing was set up
    for k, v in (("gpg.format", "ssh"), ("user.signingkey", str(key)), ("gpg.ssh.allowedSignersFile", str(allowed))):
        git(caseload, "config", k, v)
    r = cli("audit", "--update-anchor", "--require-signatures", ok=False)
    assert r.exit_code == 1

    add_client(cli)
    note = add_note(cli)
    cli("note", "sign", "c-0001", stem(note))

    assert "Good \"git\" signature" in git(caseload, "log", "-1", "--show-signature", "--format=%H")
    code, found, _ = findings(cli, "--require-signatures", "--since-anchor")
    assert (code, found) == (0, [])
