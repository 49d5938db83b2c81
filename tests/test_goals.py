"""SMART goals: flags for every field, the editor for what is missing, one-line changes."""

from __future__ import annotations

import datetime as dt
import json

import yaml

from conftest import git

FULL = ["--title", "Get my own place", "--term", "long", "--domain", "housing", "--addresses", "n1",
        "--specific", "Dana will sign a lease for a one-bedroom in Halifax", "--metric", "leases signed",
        "--baseline", "0", "--target", "1", "--achievable", "Income support approved", "--start", "2026-11-02",
        "--due", "2027-05-01", "--review-every", "2 weeks"]


def front(path):
    return yaml.safe_load(path.read_text().split("---\n")[1])


def test_goal_new_with_every_field_as_flags(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes", "--need", "stable housing")
    result = cli("goal", "new", "c-0001", *FULL)
    assert "Added goal: clients/c-0001/goals/g01-housing.md" in result.output
    meta = front(caseload / "clients/c-0001/goals/g01-housing.md")
    assert meta == {
        "kind": "goal", "id": "g01", "client": "c-0001", "title": "Get my own place", "term": "long",
        "domain": "housing", "addresses": ["n1"],
        "specific": "Dana will sign a lease for a one-bedroom in Halifax",
        "measure": {"metric": "leases signed", "baseline": 0, "target": 1},
        "achievable": "Income support approved", "start": dt.date(2026, 11, 2), "due": dt.date(2027, 5, 1),
        "review_every": "2 weeks", "status": "active",
    }
    assert "guide:" not in (caseload / "clients/c-0001/goals/g01-housing.md").read_text()
    assert git(caseload, "log", "-1", "--format=%s").strip() == "Add goal g01 for c-0001"
    assert "Get my own place" not in git(caseload, "log", "--format=%B")


def test_relative_due_dates(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    cli("goal", "new", "c-0001", *[a if a != "2027-05-01" else "6mo" for a in FULL])
    due = front(caseload / "clients/c-0001/goals/g01-housing.md")["due"]
    today = dt.date.today()
    assert (due.year * 12 + due.month) - (today.year * 12 + today.month) == 6


def test_missing_fields_open_the_editor_on_the_template(cli, caseload, editor):
    cli("client", "new", "--name", "Dana Reyes")
    editor.setenv("FAKE_EDITOR_REPLACE", "specific:=>specific: Dana will send 10 applications")
    cli("goal", "new", "c-0001", "--title", "Find work", "--term", "short", "--domain", "employment")
    text = (caseload / "clients/c-0001/goals/g01-employment.md").read_text()
    assert "specific: Dana will send 10 applications" in text
    assert "# guide:" not in text


def test_a_goal_left_unchanged_in_the_editor_is_not_saved(cli, caseload, editor):
    cli("client", "new", "--name", "Dana Reyes")
    before = git(caseload, "rev-parse", "HEAD")
    result = cli("goal", "new", "c-0001", "--title", "Find work", ok=False)
    assert result.exit_code == 2
    assert "left unchanged, so it was not saved" in result.output and "--wait" in result.output
    assert not list((caseload / "clients/c-0001").glob("goals/*.md"))
    assert git(caseload, "rev-parse", "HEAD") == before
    assert git(caseload, "status", "--porcelain") == ""


def test_goal_status_change_is_a_one_line_diff_keeping_comments(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    cli("goal", "new", "c-0001", *FULL)
    path = caseload / "clients/c-0001/goals/g01-housing.md"
    # a hand edit adds a comment; casefile must keep it
    path.write_text(path.read_text().replace("status: active", "status: active  # reviewed with Dana"))
    result = cli("goal", "status", "c-0001", "g01", "achieved")
    assert result.output.startswith("Recorded hand edits first (commit ")
    diff = git(caseload, "diff", "HEAD~1", "HEAD", "-U0", "--", str(path))
    changed = [ln for ln in diff.splitlines() if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    assert changed == ["-status: active  # reviewed with Dana", "+status: achieved  # reviewed with Dana"]
    subjects = git(caseload, "log", "-2", "--format=%s").splitlines()
    assert subjects == ["Update goal g01 (status) for c-0001", "Record hand edits"]


def test_goal_set_changes_fields_and_parts(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    cli("goal", "new", "c-0001", *FULL)
    cli("goal", "set", "c-0001", "g01", "due=2027-06-01", "measure.baseline=1")
    meta = front(caseload / "clients/c-0001/goals/g01-housing.md")
    assert meta["due"] == dt.date(2027, 6, 1) and meta["measure"]["baseline"] == 1
    assert "modified" not in meta


def test_goal_set_rejects_bad_fields_and_values(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    cli("goal", "new", "c-0001", *FULL)
    before = (caseload / "clients/c-0001/goals/g01-housing.md").read_text()
    cases = [
        (["stauts=achieved"], "error: unknown field 'stauts'; did you mean status?\n"),
        (["status=done"], "error: status cannot be 'done'; use active | achieved | revised | discontinued\n"),
        (["due=next year"], "error: invalid date for due 'next year'; use YYYY-MM-DD, or a span from today such as 3d, 2w, 6mo, 1y\n"),
    ]
    for args, message in cases:
        result = cli("goal", "set", "c-0001", "g01", *args, ok=False)
        assert (result.exit_code, result.output) == (2, message)
    assert (caseload / "clients/c-0001/goals/g01-housing.md").read_text() == before


def test_goal_list_json(cli):
    cli("client", "new", "--name", "Dana Reyes")
    cli("goal", "new", "c-0001", *FULL)
    rows = json.loads(cli("goal", "list", "c-0001", "--json").output)
    assert [(r["id"], r["status"], r["due"]) for r in rows] == [("g01", "active", "2027-05-01")]
