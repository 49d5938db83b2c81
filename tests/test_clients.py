"""Opening cases, listing the caseload, showing a client's file."""

from __future__ import annotations

import json

from conftest import git


def test_client_new_takes_the_next_id_and_keeps_the_name_out_of_paths_and_history(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes", "--dob", "1994-03-02", "--need", "stable housing", "--need", "income")
    result = cli("client", "new", "--name", "Marcus Lee")
    assert result.output.strip().startswith("Opened case: clients/c-0002/profile.md (commit ")
    profile = (caseload / "clients/c-0001/profile.md").read_text()
    assert "name: Dana Reyes" in profile and "dob: 1994-03-02" in profile
    assert "  - {id: n1, need: stable housing, priority: 1}" in profile
    log = git(caseload, "log", "--format=%an|%s%n%b")
    assert "Dana" not in log and "Reyes" not in log and "Marcus" not in log
    assert "Alex Smith|Open case c-0002" in log
    assert "Casefile-Client: c-0001" in log and "Casefile-Entry: clients/c-0001/profile.md" in log
    paths = git(caseload, "ls-files")
    assert "Dana" not in paths and "dana" not in paths and "reyes" not in paths.lower()
    assert len(git(caseload, "log", "--format=%H").split()) == 3  # init + one commit per client


def test_client_new_warns_of_a_likely_duplicate(cli):
    cli("client", "new", "--name", "Dana Reyes", "--dob", "1994-03-02")
    result = cli("client", "new", "--name", "reyes, DANA")
    assert "warning: this may be the same person as c-0001" in result.output
    result = cli("client", "new", "--name", "D. Rivera-Smith")
    assert "warning" not in result.output


def test_client_list_as_table_and_json(cli):
    cli("client", "new", "--name", "Dana Reyes", "--program", "housing")
    cli("note", "new", "c-0001", "--when", "2026-11-20 10:30", "--where", "office", "--why", "Intake",
        "--body", "## Data\nMet.\n")
    table = cli("client", "list").output.splitlines()
    assert table[0].split() == ["ID", "NAME", "STATUS", "OPENED", "GOALS", "NOTES", "LAST", "CONTACT"]
    assert table[1].split()[:4] == ["c-0001", "Dana", "Reyes", "open"]
    assert table[1].split()[-1] == "2026-11-20"
    rows = json.loads(cli("client", "list", "--json").output)
    assert rows[0]["id"] == "c-0001" and rows[0]["notes"] == 1 and rows[0]["last_contact"] == "2026-11-20"


def test_client_show_prints_the_file(cli):
    cli("client", "new", "--name", "Dana Reyes", "--need", "stable housing")
    cli("goal", "new", "c-0001", "--title", "My own place", "--term", "long", "--specific", "Sign a lease",
        "--metric", "leases", "--target", "1", "--due", "2027-05-01")
    out = cli("client", "show", "c-0001").output
    assert out.startswith("c-0001  Dana Reyes  (open)")
    assert "n1  stable housing" in out
    assert "g01  [long, active, due 2027-05-01]  My own place" in out


def test_unknown_client_suggests_close_ids(cli):
    cli("client", "new", "--name", "Dana Reyes")
    result = cli("client", "show", "c-001", ok=False)
    assert result.exit_code == 2
    assert result.output == "error: no client 'c-001' in this caseload; did you mean c-0001?\n"


def test_path_tricks_in_a_client_id_are_refused(cli, caseload):
    for bad in ("../c-0001", "c-0001/../..", "..", "/etc", ".hidden"):
        result = cli("note", "new", bad, "--body", "x", ok=False)
        assert result.exit_code == 2, bad
        assert "is not a valid client ID" in result.output
        assert "Traceback" not in result.output
