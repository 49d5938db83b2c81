"""Closing a case: a closing summary from the template, the profile marked closed with a retention date,
and every draft note signed in the same commit (or nothing at all, with the drafts that cannot be signed
listed). A closed client's notes take only addenda.
"""

from __future__ import annotations

import datetime as dt
import re

from casefile import history, model
from casefile.caseload import Caseload, atomic_write
from casefile.entry import parse_entry, read_entry
from casefile.errors import CasefileError, EntryParseError, InvalidValue
from casefile.records.common import (
    ADDENDA_DIR, CLOSING_FILE, TRAILER_SIGNED, edit_keeping_newlines, is_final, now as now_, quick_meta, read_text,
)
from casefile.records.sign import NotSignable, sign_in_change, signing_problems
from casefile.workflow import Saved, author, render_entry
from casefile.yamledit import edit_front_matter, set_field


class AlreadyClosed(CasefileError):
    pass


def retain_until(closed: dt.date, retention: str) -> dt.date:
    """The closing date plus the agency's retention (`7y`, `6mo`, `90d`), counting calendar years and months."""
    from casefile.dates import parse_duration, shift

    m = re.match(r"^\s*(\d+)\s*(y|yrs?|years?|mo|mos|months?)\s*$", str(retention), re.I)
    if m:
        return shift(closed, int(m.group(1)), m.group(2))
    return closed + parse_duration(retention)


def drafts(caseload: Caseload, client_id: str) -> list[tuple]:
    """(path, entry) of each note or addendum that is not signed; the signed ones are not parsed."""
    d = caseload.client_dir(client_id)
    paths = caseload.note_paths(client_id) + sorted((d / ADDENDA_DIR).glob("*.md"))
    found = []
    for p in paths:
        rel = caseload.rel(p)
        text = read_text(p, rel)
        if is_final(quick_meta(text)):
            continue
        entry = parse_entry(text, rel)
        if not is_final(entry.meta):
            found.append((p, entry))
    return found


def close(caseload: Caseload, client_id: str, *, reason: str | None, at: dt.datetime | None = None) -> tuple[Saved, list[str]]:
    """Close the case. Returns the commit and the notes signed now."""
    from casefile.plans import read_tasks

    reason = (reason or "").strip()
    if not reason:
        raise InvalidValue("--reason is empty: say why the case is closed", "for example --reason \"goals met\"")
    profile_path = caseload.profile_path(client_id)
    profile = read_entry(profile_path, caseload.rel(profile_path))
    if profile.meta.get("status") == "closed":
        raise AlreadyClosed(f"{client_id} is closed already (on {profile.meta.get('closed') or '?'})")
    d = caseload.client_dir(client_id)
    closing_path = d / CLOSING_FILE
    if closing_path.exists():
        raise InvalidValue(f"{caseload.rel(closing_path)} exists already; nothing was changed")
    at = at or now_()
    pending = drafts(caseload, client_id)
    blocked = []
    for p, entry in pending:
        problems = signing_problems(caseload, entry, p)
        if problems:
            blocked.append(f"{caseload.rel(p)} ({problems[0].split(': ', 1)[-1]}{' and more' if len(problems) > 1 else ''})")
    if blocked:
        raise NotSignable(
            f"{client_id} was not closed: {len(blocked)} draft{'s' if len(blocked) > 1 else ''} cannot be signed: "
            + "; ".join(blocked),
            "fix and sign them (casefile note sign), then close again",
        )
    goals = []
    for p in caseload.goal_paths(client_id):
        try:
            m = read_entry(p).meta
        except EntryParseError:
            continue
        goals.append({"id": m.get("id") or p.stem.split("-")[0], "term": m.get("term"), "status": m.get("status"), "due": m.get("due")})
    tasks = read_tasks(caseload, client_id)
    note_files = [p.name for p in caseload.note_paths(client_id)]
    dates = sorted(n[:10] for n in note_files if re.match(r"^\d{4}-\d{2}-\d{2}", n))
    closed = at.date()
    keep = retain_until(closed, caseload.config.retention)
    worker = caseload.config.worker.id
    context = {"closing": {
        "client": client_id, "opened": profile.meta.get("opened"), "closed": closed, "reason": reason,
        "retain_until": keep, "retention": caseload.config.retention, "author": worker, "recorded": at,
        "goals": goals,
        "tasks": {"total": len(tasks), **{s: sum(1 for t in tasks if t.get("status") == s) for s in model.TASK_STATUSES}},
        "notes": len(note_files), "first_contact": dates[0] if dates else None, "last_contact": dates[-1] if dates else None,
        "signed_now": [p.stem for p, _ in pending],
    }}
    text = render_entry(caseload, "closing.md", context)
    parse_entry(text, caseload.rel(closing_path))

    def apply(fm: str) -> str:
        fm = set_field(fm, ["status"], "closed")
        fm = set_field(fm, ["closed"], closed)
        fm = set_field(fm, ["close_reason"], reason)
        return set_field(fm, ["retain_until"], keep)

    # profile.text is the file as on disk (line ends too): only the changed lines change
    new_profile = edit_keeping_newlines(profile.text, lambda t: edit_front_matter(t, caseload.rel(profile_path), apply))
    parse_entry(new_profile, caseload.rel(profile_path))
    with history.change(caseload.root, "client.close", f"Close case {client_id}", author(caseload), client_id) as ch:
        for p, _ in pending:
            sign_in_change(caseload, ch, p, worker, at)
        atomic_write(closing_path, text, new=True)
        ch.add(closing_path)
        from casefile.records.gitlog import blob_id

        ch.trailers.append((TRAILER_SIGNED, f"{caseload.rel(closing_path)} {blob_id(caseload.root, closing_path)}"))
        atomic_write(profile_path, new_profile)
        ch.add(profile_path)
    return Saved.of(caseload.rel(closing_path), ch), [caseload.rel(p) for p, _ in pending]
