"""Goals: SMART goals in the client's own words, one file each under goals/."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casefile import model
from casefile.caseload import Caseload
from casefile.entry import read_entry
from casefile.errors import EntryParseError
from casefile.fields import parse_assignment
from casefile.workflow import Saved, create_entry, entry_rows, render_entry, update_entry
from casefile.yamledit import edit_front_matter, set_field

# Without these a goal is not SMART; when any is missing the editor opens on the template.
ESSENTIAL = ("title", "term", "specific", "metric", "target", "due")


@dataclass
class NewGoal:
    title: str | None = None
    term: str | None = None
    domain: str | None = None
    addresses: list[str] = field(default_factory=list)
    specific: str | None = None
    metric: str | None = None
    baseline: Any = None
    target: Any = None
    achievable: str | None = None
    start: dt.date | None = None
    due: dt.date | None = None
    review_every: str | None = None

    def missing(self) -> list[str]:
        return [f for f in ESSENTIAL if getattr(self, f) in (None, "", [])]


def _file_name(goal_id: str, domain: str | None) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", (domain or "").lower()).strip("-")
    return f"{goal_id}-{slug}.md" if slug in model.GOAL_DOMAINS else f"{goal_id}.md"


def next_goal_id(caseload: Caseload, client_id: str) -> str:
    numbers = []
    for p in caseload.goal_paths(client_id):
        m = re.match(r"^g(\d+)", p.name)
        if m:
            numbers.append(int(m.group(1)))
    return f"g{(max(numbers) + 1 if numbers else 1):02d}"


def new_goal(caseload: Caseload, client_id: str, data: NewGoal, *, open_editor: bool, today: dt.date | None = None) -> Saved:
    d = caseload.client_dir(client_id)
    gid = next_goal_id(caseload, client_id)
    # The file is named by ID and a known domain only: the title is the client's own words and stays inside.
    path = d / model.GOALS_DIR / _file_name(gid, data.domain)
    context = {
        "goal": {
            "id": gid,
            "client": client_id,
            "title": data.title,
            "term": data.term,
            "domain": data.domain,
            "addresses": data.addresses,
            "specific": data.specific,
            "measure": {"metric": data.metric, "baseline": data.baseline, "target": data.target},
            "achievable": data.achievable,
            "start": data.start or today or dt.date.today(),
            "due": data.due,
            "review_every": data.review_every,
            "status": "active",
        },
        "body": "",
    }
    text = render_entry(caseload, "goal.md", context)
    return create_entry(
        caseload, path, text,
        action="goal.new", subject=f"Add goal {gid} for {client_id}", client=client_id, open_editor=open_editor,
    )


def list_goals(caseload: Caseload, client_id: str) -> list[dict[str, Any]]:
    return entry_rows(caseload, caseload.goal_paths(client_id))


def goal_path(caseload: Caseload, client_id: str, goal: str) -> Path:
    return caseload.find_entry(client_id, goal, model.GOALS_DIR)


def set_goal_fields(caseload: Caseload, client_id: str, goal: str, assignments: list[str], today: dt.date | None = None) -> Saved:
    path = goal_path(caseload, client_id, goal)
    changes = [parse_assignment(a, model.FIELDS[model.GOAL], today) for a in assignments]

    def edit(text: str) -> str:
        def apply(fm: str) -> str:
            for p, value in changes:
                fm = set_field(fm, p, value)
            return fm

        return edit_front_matter(text, caseload.rel(path), apply)

    names = ", ".join(dict.fromkeys(p[0] for p, _ in changes))
    gid = path.name.split("-")[0]
    return update_entry(
        caseload, path, edit,
        action="goal.set", subject=f"Update goal {gid} ({names}) for {client_id}", client=client_id,
    )
