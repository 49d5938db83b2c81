"""Supervisor review of a draft note, a goal or the plan: request, approve, return with a comment.

The review is data in the entry (`review: {state, by, at, comment}`) and in the commit's trailers
(`Casefile-Review: approved`, `Casefile-Reviewer: <id>`), so `casefile log` shows it. The reviewer is the
person git knows on the machine where the command runs (git config user.name / user.email); the commit is
theirs. The comment stays in the entry, never in the commit message.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from casefile import history, model
from casefile.caseload import Caseload
from casefile.config import worker_id_from
from casefile.entry import Entry
from casefile.errors import InvalidValue, SignedEntryError
from casefile.records.common import TRAILER_REVIEW, TRAILER_REVIEWER, find_record, is_final, now as now_
from casefile.workflow import Saved, update_entry
from casefile.yamledit import edit_front_matter, set_field

STATES = ("requested", "approved", "returned")


def reviewable_path(caseload: Caseload, client_id: str, name: str) -> Path:
    """`plan`, a goal ID (g01) or a note name."""
    if name == "plan":
        return caseload.plan_path(client_id)
    if re.match(r"^g\d+", name):
        return caseload.find_entry(client_id, name, model.GOALS_DIR)
    return find_record(caseload, client_id, name)


def reviewer_identity(caseload: Caseload) -> history.Author:
    """The person at this machine as git knows them; the caseload's worker when git knows nobody."""
    name = history.git(caseload.root, "config", "--get", "user.name", check=False).strip()
    email = history.git(caseload.root, "config", "--get", "user.email", check=False).strip()
    if name and email:
        return history.Author(name, email)
    w = caseload.config.worker
    return history.Author(w.name, w.email)


def _set_review(text: str, rel: str, review: dict) -> str:
    return edit_front_matter(text, rel, lambda fm: set_field(fm, ["review"], review))


def _guard(kind_ok: bool, entry: Entry, want: tuple[str, ...] | None) -> None:
    if entry.kind not in (model.NOTE, model.GOAL, model.PLAN, model.ADDENDUM):
        raise InvalidValue(f"{entry.path}: only notes, goals and plans are reviewed")
    if entry.kind in (model.NOTE, model.ADDENDUM) and is_final(entry.meta):
        raise SignedEntryError(
            f"{entry.path} is signed: review comes before signing",
            "to add to a signed note: casefile note amend CLIENT NOTE --reason ... --why ...",
        )
    state = (entry.meta.get("review") or {}).get("state") if isinstance(entry.meta.get("review"), dict) else None
    if want and state not in want:
        raise InvalidValue(
            f"{entry.path}: no review is waiting (review state: {state or 'none'})",
            "ask for one first: casefile review request CLIENT ENTRY",
        )


def request(caseload: Caseload, client_id: str, name: str, *, to: str | None = None, at: dt.datetime | None = None) -> Saved:
    path = reviewable_path(caseload, client_id, name)
    at = at or now_()
    review = {"state": "requested", "requested_by": caseload.config.worker.id, "at": at}
    if to:
        review["to"] = to

    return update_entry(
        caseload, path, lambda text: _set_review(text, caseload.rel(path), review),
        action="review.request", subject=f"Request review of {_label(path)} for {client_id}", client=client_id,
        guard=lambda e: _guard(True, e, None), trailers=[(TRAILER_REVIEW, "requested")],
    )


def decide(
    caseload: Caseload, client_id: str, name: str, *, approve: bool, comment: str | None = None,
    at: dt.datetime | None = None,
) -> Saved:
    if not approve and not (comment or "").strip():
        raise InvalidValue("--comment is empty: say what should change before it is returned")
    path = reviewable_path(caseload, client_id, name)
    by = reviewer_identity(caseload)
    by_id = worker_id_from(by.name, by.email)
    state = "approved" if approve else "returned"
    at = at or now_()

    def guard(entry: Entry) -> None:
        _guard(True, entry, ("requested",))
        if str(entry.meta.get("author") or "") == by_id:
            raise InvalidValue(f"{entry.path}: you wrote it, so you cannot review it", "a colleague or supervisor reviews it")

    def edit(text: str) -> str:
        review = {"state": state, "by": by_id, "at": at}
        if (comment or "").strip():
            review["comment"] = comment.strip()
        return _set_review(text, caseload.rel(path), review)

    verb = "Approve" if approve else "Return"
    return update_entry(
        caseload, path, edit, action=f"review.{'approve' if approve else 'return'}",
        subject=f"{verb} {_label(path)} for {client_id}", client=client_id, guard=guard,
        trailers=[(TRAILER_REVIEW, state), (TRAILER_REVIEWER, by_id)], by=by,
    )


def _label(path: Path) -> str:
    if path.name == model.PLAN_FILE:
        return "plan"
    if path.parent.name == model.GOALS_DIR:
        return f"goal {path.stem.split('-')[0]}"
    return f"note {path.stem}"
