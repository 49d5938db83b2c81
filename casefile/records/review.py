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
from casefile.records.common import (
    TRAILER_REVIEW, TRAILER_REVIEWER, edit_keeping_newlines, find_record, git_blob_id, is_final, now as now_,
)
from casefile.records.gitlog import git
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
    """The person at this machine as git knows them; the caseload's worker when git knows nobody (who then
    cannot review: nobody reviews their own caseload's entries)."""
    name = git(caseload.root, "config", "--get", "user.name", check=False).strip()
    email = git(caseload.root, "config", "--get", "user.email", check=False).strip()
    if name and email:
        return history.Author(name, email)
    w = caseload.config.worker
    return history.Author(w.name, w.email)


def _set_review(text: str, rel: str, review: dict) -> str:
    return edit_keeping_newlines(text, lambda t: edit_front_matter(t, rel, lambda fm: set_field(fm, ["review"], review)))


def approved_blob(text: str, rel: str) -> str:
    """What an approval is tied to: the git blob id of the entry's text with its review field set to `{}`
    (and line ends as "\n"), so that the review's own changes do not count and every other change does."""
    plain = text.replace("\r\n", "\n")
    return git_blob_id(edit_front_matter(plain, rel, lambda fm: set_field(fm, ["review"], {})).encode("utf-8"))


def _refuse_own(caseload: Caseload, entry: Entry, reviewer: str, what: str) -> None:
    """Nobody reviews their own entry: not the entry's author, and not the caseload's worker (who wrote every
    goal and plan in it, which name no author)."""
    own = {caseload.config.worker.id, str(entry.meta.get("author") or "")} - {""}
    if reviewer in own:
        raise InvalidValue(
            f"{entry.path}: {what} {reviewer}, who wrote it: nobody reviews their own entry",
            "a colleague or supervisor reviews it, from their own git identity (git config user.name/user.email)",
        )


def _guard(entry: Entry, want: tuple[str, ...] | None) -> None:
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

    def guard(entry: Entry) -> None:
        _guard(entry, None)
        if to:
            _refuse_own(caseload, entry, to, "the review is asked of")

    return update_entry(
        caseload, path, lambda text: _set_review(text, caseload.rel(path), review),
        action="review.request", subject=f"Request review of {_label(path)} for {client_id}", client=client_id,
        guard=guard, trailers=[(TRAILER_REVIEW, "requested")],
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
        _guard(entry, ("requested",))
        worker = caseload.config.worker
        same_person = by.email.strip().lower() == str(worker.email or "").strip().lower()
        _refuse_own(caseload, entry, worker.id if same_person else by_id, "the reviewer here is")

    def edit(text: str) -> str:
        review = {"state": state, "by": by_id, "at": at}
        if approve:  # the approval is of this text: signing refuses it once it changed
            review["blob"] = approved_blob(text, caseload.rel(path))
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
