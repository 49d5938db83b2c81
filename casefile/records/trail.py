"""`casefile log`: the audit trail in words a worker understands: when, who, what, which entry.

Read from git history and casefile's trailers in one `git log` pass. A commit without a Casefile-Action
trailer was made outside casefile and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from casefile import history, model
from casefile.caseload import Caseload
from casefile.errors import UnknownEntry
from casefile.records.common import ADDENDA_DIR, TRAILER_LATE, TRAILER_REVIEW, TRAILER_REVIEWER, TRAILER_SIGNED

ACTIONS = {  # every Casefile-Action casefile writes
    "init": "started the caseload",
    "client.new": "opened the case",
    "client.close": "closed the case",
    "goal.new": "added a goal",
    "goal.set": "changed a goal",
    "plan.add": "added to the plan",
    "plan.done": "marked a task done",
    "plan.dropped": "dropped a task",
    "plan.open": "reopened a task",
    "note.new": "added a note",
    "note.sign": "signed a note",
    "note.amend": "added an addendum",
    "review.request": "asked for review",
    "review.approve": "approved after review",
    "review.return": "returned after review",
    history.HAND_EDIT_ACTION: "edited by hand",
}
OUTSIDE = "changed outside casefile"
SIGNED_ON_ARRIVAL = "added a signed note"  # a note recorded final as it was added (the bundled example's)


@dataclass
class Event:
    commit: str
    date: str
    author: str
    email: str
    action: str  # the Casefile-Action trailer, or "" when made outside casefile
    what: str  # in words
    entries: list[str] = field(default_factory=list)  # paths relative to the caseload
    clients: list[str] = field(default_factory=list)
    signed: list[str] = field(default_factory=list)
    review: str | None = None
    reviewer: str | None = None
    late_entry: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "outside_casefile": not self.action}


def words(action: str) -> str:
    if not action:
        return OUTSIDE
    return ACTIONS.get(action, action.replace(".", " "))


def entry_scope(caseload: Caseload, client_id: str, entry: str | None) -> str:
    """The path `casefile log CLIENT [ENTRY]` follows: the client folder, or one entry (which may be deleted)."""
    base = f"{model.CLIENTS_DIR}/{client_id}"
    if not entry:
        return base + "/"
    if entry in ("profile", "plan"):
        return f"{base}/{entry}.md"
    for sub in (model.NOTES_DIR, model.GOALS_DIR, ADDENDA_DIR):
        try:
            return caseload.rel(caseload.find_entry(client_id, entry, sub))
        except UnknownEntry:
            continue
    # gone from the folder: look for it by name in the history
    return f"{base}/*{entry}*"


def trail(caseload: Caseload, client_id: str | None = None, entry: str | None = None) -> list[Event]:
    from casefile.records.gitlog import check_repository, head, read_history

    check_repository(caseload.root)
    if head(caseload.root) is None:
        return []
    paths = None
    if client_id:
        caseload.client_dir(client_id, must_exist=False)  # validates the ID; a closed-and-purged one may be gone
        paths = [entry_scope(caseload, client_id, entry)]
    commits = read_history(caseload.root, paths=paths, first_parent=False, reverse=False)
    events = []
    for c in commits:
        action = c.trailer(history.TRAILER_ACTION) or ""
        signed = [v.rsplit(" ", 1)[0] for v in c.trailer_values(TRAILER_SIGNED)]
        entries = sorted({ch.path for ch in c.changes}) or c.trailer_values(history.TRAILER_ENTRY)
        clients = sorted({p.split("/")[1] for p in entries if p.startswith("clients/") and p.count("/") >= 2})
        events.append(Event(
            commit=c.sha, date=c.date, author=c.author, email=c.email, action=action,
            what=SIGNED_ON_ARRIVAL if action == "note.new" and signed else words(action),
            entries=entries, clients=clients, signed=signed,
            review=c.trailer(TRAILER_REVIEW), reviewer=c.trailer(TRAILER_REVIEWER),
            late_entry=bool(c.trailer(TRAILER_LATE)),
        ))
    return events
