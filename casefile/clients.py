"""Clients: open a case, list the caseload, show one client's file."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from casefile import model
from casefile.caseload import Caseload
from casefile.entry import read_entry
from casefile.errors import EntryParseError, InvalidValue
from casefile.workflow import Saved, create_entry, render_entry


@dataclass
class NewClient:
    name: str | None = None
    dob: dt.date | None = None
    preferred_name: str | None = None
    pronouns: str | None = None
    phone: str | None = None
    program: str | None = None
    opened: dt.date | None = None
    needs: list[str] = field(default_factory=list)
    strengths: list[str] = field(default_factory=list)
    risks: list[str] = field(default_factory=list)
    mandates: list[str] = field(default_factory=list)


def _name_key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join(sorted(re.findall(r"[a-z]+", text)))


def likely_duplicates(caseload: Caseload, name: str | None, dob: dt.date | None) -> list[str]:
    """Case IDs of existing clients with the same name (any order, accents ignored) or the same name
    initials and date of birth."""
    if not name:
        return []
    key = _name_key(name)
    found = []
    for cid in caseload.client_ids():
        try:
            meta = read_entry(caseload.clients_dir / cid / model.PROFILE_FILE).meta
        except EntryParseError:
            continue
        other = str(meta.get("name") or "")
        same_name = bool(key) and _name_key(other) == key
        same_dob = dob is not None and meta.get("dob") == dob and _initials(other) == _initials(name)
        if same_name or same_dob:
            found.append(cid)
    return found


def _initials(name: str) -> str:
    return "".join(sorted(w[0] for w in _name_key(name).split() if w))


def new_client(caseload: Caseload, data: NewClient, *, open_editor: bool, today: dt.date | None = None) -> Saved:
    cid = caseload.next_client_id()
    d = caseload.client_dir(cid, must_exist=False)
    context = {
        "client": {
            "id": cid,
            "name": data.name or "",
            "preferred_name": data.preferred_name,
            "pronouns": data.pronouns,
            "dob": data.dob,
            "phone": data.phone,
            "program": data.program,
            "opened": data.opened or today or dt.date.today(),
            "worker": caseload.config.worker.id,
            "status": "open",
            "needs": data.needs,
            "strengths": data.strengths,
            "risks": data.risks,
            "mandates": data.mandates,
        }
    }
    text = render_entry(caseload, "profile.md", context)
    return create_entry(
        caseload, d / model.PROFILE_FILE, text,
        action="client.new", subject=f"Open case {cid}", client=cid, open_editor=open_editor,
    )


@dataclass
class ClientSummary:
    id: str
    name: str
    status: str
    program: str
    opened: str
    worker: str
    goals: int
    notes: int
    last_contact: str | None
    problem: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _note_date(filename: str) -> str | None:
    m = re.match(r"^(\d{4}-\d{2}-\d{2})", filename)
    return m.group(1) if m else None


def list_clients(caseload: Caseload, status: str | None = None) -> list[ClientSummary]:
    import os

    rows = []
    for cid in caseload.client_ids():
        d = caseload.clients_dir / cid
        problem = None
        try:
            meta = read_entry(d / model.PROFILE_FILE, f"clients/{cid}/{model.PROFILE_FILE}").meta
        except EntryParseError as e:
            meta, problem = {}, str(e)
        try:
            notes = [n for n in os.listdir(d / model.NOTES_DIR) if n.endswith(".md")]
        except FileNotFoundError:
            notes = []
        try:
            goals = [n for n in os.listdir(d / model.GOALS_DIR) if n.endswith(".md")]
        except FileNotFoundError:
            goals = []
        dates = [x for x in map(_note_date, notes) if x]
        row = ClientSummary(
            id=cid,
            name=str(meta.get("name") or ""),
            status=str(meta.get("status") or ""),
            program=str(meta.get("program") or ""),
            opened=str(meta.get("opened") or ""),
            worker=str(meta.get("worker") or ""),
            goals=len(goals),
            notes=len(notes),
            last_contact=max(dates) if dates else None,
            problem=problem,
        )
        if status and status != "all" and row.status != status:
            continue
        rows.append(row)
    return rows


@dataclass
class ClientFile:
    id: str
    profile: dict[str, Any]
    goals: list[dict[str, Any]]
    tasks: list[dict[str, Any]]
    notes: list[dict[str, Any]]


def show_client(caseload: Caseload, client_id: str) -> ClientFile:
    from casefile.goals import list_goals
    from casefile.notes import list_notes
    from casefile.plans import read_tasks

    d = caseload.client_dir(client_id)
    profile = read_entry(d / model.PROFILE_FILE, caseload.rel(d / model.PROFILE_FILE)).meta
    return ClientFile(client_id, profile, list_goals(caseload, client_id), read_tasks(caseload, client_id),
                      list_notes(caseload, client_id))


def check_status(value: str) -> str:
    if value not in (*model.CLIENT_STATUSES, "all"):
        raise InvalidValue(f"unknown status {value!r}", "use " + ", ".join((*model.CLIENT_STATUSES, "all")))
    return value
