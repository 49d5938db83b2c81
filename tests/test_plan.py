"""The action plan: tasks with who and by when, referrals with a provider and a follow-up."""

from __future__ import annotations

import datetime as dt
import json

import yaml

from conftest import git


def tasks(caseload):
    return yaml.safe_load((caseload / "clients/c-0001/plan.md").read_text().split("---\n")[1])["tasks"]


def test_first_task_makes_the_plan_in_one_commit(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    cli("goal", "new", "c-0001", "--title", "Own place", "--term", "long", "--specific", "Sign a lease",
        "--metric", "leases", "--target", "1", "--due", "2027-05-01")
    result = cli("plan", "add", "c-0001", "--goal", "g01", "--what", "Call Metro Housing about the waitlist",
                 "--who", "client", "--due", "2026-12-01", "--referral", "Metro Housing", "--follow-up", "2026-12-08")
    assert result.output.startswith("Added task t01: clients/c-0001/plan.md (commit ")
    assert tasks(caseload) == [{
        "id": "t01", "goal": "g01", "what": "Call Metro Housing about the waitlist", "who": "client",
        "due": dt.date(2026, 12, 1), "status": "open",
        "service": {"type": "referral", "provider": "Metro Housing", "follow_up": dt.date(2026, 12, 8)},
    }]
    assert git(caseload, "show", "--stat", "--format=%s", "HEAD").splitlines()[0] == "Add task t01 for c-0001"
    assert "Metro" not in git(caseload, "log", "--format=%B")


def test_done_and_drop_change_only_their_lines(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    cli("plan", "add", "c-0001", "--what", "Bring ID", "--who", "client", "--due", "2026-12-01")
    cli("plan", "add", "c-0001", "--what", "Send forms", "--who", "worker", "--due", "2026-12-02")
    cli("plan", "done", "c-0001", "t02")
    diff = git(caseload, "diff", "HEAD~1", "HEAD", "-U0")
    changed = [ln for ln in diff.splitlines() if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    assert changed == ["-    status: open", "+    status: done", f"+    done: {dt.date.today().isoformat()}"]
    cli("plan", "drop", "c-0001", "t01", "--reason", "client brought it already")
    t = tasks(caseload)
    assert [x["status"] for x in t] == ["dropped", "done"]
    assert t[0]["outcome"] == "client brought it already"
    assert json.loads(cli("plan", "list", "c-0001", "--json").output) == []


def test_unknown_task_and_goal_are_clear_errors(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    cli("plan", "add", "c-0001", "--what", "Bring ID", "--who", "client", "--due", "3d")
    result = cli("plan", "done", "c-0001", "t09", ok=False)
    assert (result.exit_code, result.output) == (2, "error: no task 't09' in the plan of c-0001; tasks: t01\n")
    result = cli("plan", "add", "c-0001", "--goal", "g04", "--what", "x", "--who", "client", "--due", "3d", ok=False)
    assert result.exit_code == 2 and "no goal 'g04' for c-0001" in result.output
    result = cli("plan", "add", "c-0001", "--what", "x", "--who", "client", "--due", "someday", ok=False)
    assert result.exit_code == 2 and "invalid due date 'someday'" in result.output
    assert len(tasks(caseload)) == 1


def test_a_hand_written_note_line_in_the_tasks_does_not_shift_them(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    cli("plan", "add", "c-0001", "--what", "Bring ID", "--who", "client", "--due", "2026-12-01")
    cli("plan", "add", "c-0001", "--what", "Send forms", "--who", "worker", "--due", "2026-12-02")
    plan = caseload / "clients/c-0001/plan.md"
    plan.write_text(plan.read_text().replace("tasks:\n", "tasks:\n  - remember to call the landlord\n"))
    cli("plan", "done", "c-0001", "t02")
    t = yaml.safe_load(plan.read_text().split("---\n")[1])["tasks"]
    assert t[0] == "remember to call the landlord"
    assert [x["status"] for x in t[1:]] == ["open", "done"] and "done" not in t[1]


def test_marking_a_task_done_twice_keeps_its_first_date(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    cli("plan", "add", "c-0001", "--what", "Bring ID", "--who", "client", "--due", "2026-12-01")
    cli("plan", "done", "c-0001", "t01")
    head = git(caseload, "rev-parse", "HEAD")
    assert cli("plan", "done", "c-0001", "t01").output == "Task t01 is done already.\n"
    assert git(caseload, "rev-parse", "HEAD") == head


def test_tasks_that_are_not_a_list_are_an_error_with_no_commit(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    cli("plan", "add", "c-0001", "--what", "Bring ID", "--who", "client", "--due", "2026-12-01")
    plan = caseload / "clients/c-0001/plan.md"
    text = plan.read_text()
    start = text.index("tasks:")
    plan.write_text(text[:start] + 'tasks: "call the landlord"\n---\n' + text.split("---\n", 2)[2])
    head = git(caseload, "rev-parse", "HEAD")
    result = cli("plan", "add", "c-0001", "--what", "x", "--who", "client", "--due", "3d", ok=False)
    assert result.exit_code == 2 and "tasks is not a list" in result.output
    assert git(caseload, "rev-parse", "HEAD") == head
