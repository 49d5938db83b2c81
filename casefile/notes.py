"""Case notes: one dated file per contact, in the caseload's note format (DAP, SOAP, BIRP, GIRP or free)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casefile import model
from casefile.caseload import Caseload
from casefile.entry import read_entry
from casefile.errors import EntryParseError, InvalidValue
from casefile.workflow import Saved, create_entry, entry_rows, render_entry


@dataclass
class NewNote:
    type: str = "session"
    format: str | None = None
    when: dt.datetime | None = None
    duration: str | None = None
    who: list[str] = field(default_factory=list)
    where: str | None = None
    why: str | None = None
    goals: list[str] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)
    body: str | None = None
    late_reason: str | None = None


def note_filename(when: dt.datetime, contact_type: str) -> str:
    return f"{when:%Y-%m-%d-%H%M}-{contact_type}.md"


def unique_path(folder: Path, name: str) -> Path:
    """`name`, or `name` with -2, -3... before .md if a note for that minute and type exists."""
    path = folder / name
    n = 2
    while path.exists():
        path = folder / f"{name[:-3]}-{n}.md"
        n += 1
    return path


def new_note(caseload: Caseload, client_id: str, data: NewNote, *, now: dt.datetime | None = None) -> Saved:
    d = caseload.client_dir(client_id)
    _refuse_if_closed(caseload, client_id)
    if data.type not in model.CONTACT_TYPES:
        raise InvalidValue(f"unknown contact type {data.type!r}", "use " + ", ".join(model.CONTACT_TYPES))
    fmt = data.format or caseload.config.note_format
    if fmt not in model.NOTE_FORMATS:
        raise InvalidValue(f"unknown note format {fmt!r}", "use " + ", ".join(model.NOTE_FORMATS))
    now = (now or dt.datetime.now()).replace(second=0, microsecond=0)
    when = data.when or now
    worker = caseload.config.worker.id
    who = data.who or (["client", f"worker {worker}"] if data.type not in model.NO_CONTACT_TYPES else [f"worker {worker}"])
    note = {
        "client": client_id,
        "when": when,
        "duration": data.duration,
        "type": data.type,
        "format": fmt,
        "who": who,
        "where": data.where,
        "why": data.why,
        "goals": data.goals,
        "tasks": data.tasks,
        "author": worker,
        "recorded": now,
        "late_reason": data.late_reason,
        "status": "draft",
    }
    body = data.body.strip("\n") + "\n" if data.body is not None else None
    text = render_entry(caseload, f"note-{fmt}.md", {"note": note, "body": body})
    late = late_label(caseload, when, now)
    if late and not (data.late_reason or "").strip():
        text = _label_late(text, late, caseload.config.late_entry_after)
    path = unique_path(d / model.NOTES_DIR, note_filename(when, data.type))
    return create_entry(
        caseload, path, text,
        action="note.new", subject=f"Add {data.type} note for {client_id}", client=client_id,
        open_editor=body is None, trailers=[("Casefile-Late-Entry", "yes")] if late else None,
    )


def late_label(caseload: Caseload, when: dt.datetime, recorded: dt.datetime) -> str | None:
    """`3 days` when the note is recorded later than the agency's limit (late_entry_after) after the
    contact; None when it is on time."""
    from casefile.records.common import describe_span

    gap = recorded - when
    return describe_span(gap) if gap > caseload.config.duration("late_entry_after") else None


def _label_late(text: str, late: str, limit: str) -> str:
    """A late note without a reason is saved, labelled: an empty `late_reason:` field (with a guide line in
    the editor). The linter and `casefile audit` report it, and it cannot be signed until it is filled in."""
    import re

    label = (
        f"late_reason:\n# guide: late entry: written {late} after the contact (agency limit {limit}); "
        "say why in late_reason\n"
    )
    new, n = re.subn(r"^status: ", lambda m: label + m.group(0), text, count=1, flags=re.M)
    return new if n else text


def _refuse_if_closed(caseload: Caseload, client_id: str) -> None:
    from casefile.errors import SignedEntryError

    profile = caseload.profile_path(client_id)
    try:
        status = read_entry(profile, caseload.rel(profile)).meta.get("status")
    except EntryParseError:
        return
    if status == "closed":
        raise SignedEntryError(
            f"{client_id} is closed: a closed client's notes take only addenda",
            f"casefile note amend {client_id} NOTE --reason ... --why ...",
        )


NOTE_LISTING = ("when", "type", "format", "status", "author", "why")


def list_notes(caseload: Caseload, client_id: str) -> list[dict[str, Any]]:
    return entry_rows(caseload, caseload.note_paths(client_id), NOTE_LISTING)


def note_path(caseload: Caseload, client_id: str, note: str) -> Path:
    return caseload.find_entry(client_id, note, model.NOTES_DIR)
