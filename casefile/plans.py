"""The action plan: small tasks (who does what by when), services and referrals, in plan.md."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from casefile import model
from casefile.caseload import Caseload, atomic_write
from casefile.entry import read_entry
from casefile.errors import InvalidValue, UnknownEntry
from casefile.workflow import Saved, render_entry, update_entry
from casefile.yamledit import append_item, edit_front_matter, set_field


@dataclass
class NewTask:
    what: str
    who: str
    due: dt.date
    goal: str | None = None
    service_type: str | None = None  # referral | service
    provider: str | None = None
    follow_up: dt.date | None = None


def _raw_tasks(caseload: Caseload, client_id: str) -> list[Any]:
    """The plan's `tasks` list as written, items of any shape, in file order."""
    path = caseload.client_dir(client_id) / model.PLAN_FILE
    if not path.exists():
        return []
    tasks = read_entry(path, caseload.rel(path)).meta.get("tasks")
    if tasks is None:
        return []
    if not isinstance(tasks, list):
        raise InvalidValue(f"clients/{client_id}/{model.PLAN_FILE}: tasks is not a list", "fix it by hand first")
    return tasks


def read_tasks(caseload: Caseload, client_id: str) -> list[dict[str, Any]]:
    return [t for t in _raw_tasks(caseload, client_id) if isinstance(t, dict)]


def _next_task_id(tasks: list[dict[str, Any]]) -> str:
    numbers = [int(m.group(1)) for t in tasks if (m := re.match(r"^t(\d+)$", str(t.get("id", ""))))]
    return f"t{(max(numbers) + 1 if numbers else 1):02d}"


def add_task(caseload: Caseload, client_id: str, task: NewTask) -> tuple[Saved, str]:
    d = caseload.client_dir(client_id)
    path = d / model.PLAN_FILE
    if task.goal:
        goal_ids = {str(read_entry(p).meta.get("id")) for p in caseload.goal_paths(client_id)}
        if task.goal not in goal_ids:
            raise UnknownEntry(f"no goal {task.goal!r} for {client_id}", f"see `casefile goal list {client_id}`")
    if (task.provider or task.follow_up) and not task.service_type:
        task.service_type = "referral"
    tid = _next_task_id(read_tasks(caseload, client_id))
    item: dict[str, Any] = {"id": tid, "goal": task.goal, "what": task.what, "who": task.who, "due": task.due, "status": "open"}
    if task.service_type:
        item["service"] = {"type": task.service_type, "provider": task.provider, "follow_up": task.follow_up}

    def edit(text: str) -> str:
        return edit_front_matter(text, caseload.rel(path), lambda fm: append_item(fm, ["tasks"], item))

    if not path.exists():
        # The plan is made on its first task; both land in the one commit.
        from casefile import history
        from casefile.workflow import author

        text = render_entry(caseload, "plan.md", {"plan": {"client": client_id}})
        with history.change(caseload.root, "plan.add", f"Add task {tid} for {client_id}", author(caseload), client_id) as ch:
            from casefile.render import strip_guides

            atomic_write(path, edit(strip_guides(text)), new=True)
            ch.add(path)
        return Saved.of(caseload.rel(path), ch), tid
    saved = update_entry(
        caseload, path, edit, action="plan.add", subject=f"Add task {tid} for {client_id}", client=client_id
    )
    return saved, tid


def set_task_status(caseload: Caseload, client_id: str, task_id: str, status: str, today: dt.date | None = None, outcome: str | None = None) -> Saved:
    if status not in model.TASK_STATUSES:
        raise InvalidValue(f"unknown task status {status!r}", "use " + " | ".join(model.TASK_STATUSES))
    path = caseload.client_dir(client_id) / model.PLAN_FILE
    tasks = _raw_tasks(caseload, client_id)  # indexed as in the file: a note-like item must not shift them
    index = next((i for i, t in enumerate(tasks) if isinstance(t, dict) and str(t.get("id")) == task_id), None)
    if index is None:
        ids = ", ".join(str(t.get("id")) for t in tasks if isinstance(t, dict)) or "none yet"
        raise UnknownEntry(f"no task {task_id!r} in the plan of {client_id}", f"tasks: {ids}")
    if tasks[index].get("status") == status and not outcome:
        return Saved(caseload.rel(path), None)  # already so: its date stays as it was

    def edit(text: str) -> str:
        def apply(fm: str) -> str:
            fm = set_field(fm, ["tasks", index, "status"], status)
            if status != "open":
                fm = set_field(fm, ["tasks", index, "done"], today or dt.date.today())
            if outcome:
                if isinstance(tasks[index].get("service"), dict):
                    fm = set_field(fm, ["tasks", index, "service", "outcome"], outcome)
                else:
                    fm = set_field(fm, ["tasks", index, "outcome"], outcome)
            return fm

        return edit_front_matter(text, caseload.rel(path), apply)

    verb = {"done": "Complete", "dropped": "Drop", "open": "Reopen"}[status]
    return update_entry(
        caseload, path, edit, action=f"plan.{status}", subject=f"{verb} task {task_id} for {client_id}", client=client_id
    )
