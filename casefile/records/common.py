"""What the records commands share: which files are records, their signed state, finding a note or addendum."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from casefile import model
from casefile.caseload import Caseload
from casefile.errors import UnknownEntry

ADDENDA_DIR = model.ADDENDA_DIR
CLOSING_FILE = model.CLOSING_FILE

TRAILER_SIGNED = "Casefile-Signed"  # "<path> <blob id>": the exact content that was signed
TRAILER_AMENDS = "Casefile-Amends"  # the path of the note an addendum amends
TRAILER_REVIEW = "Casefile-Review"  # requested | approved | returned
TRAILER_REVIEWER = "Casefile-Reviewer"  # the reviewer's worker ID
TRAILER_LATE = "Casefile-Late-Entry"  # yes: the note was recorded after the agency's limit

# clients/<id>/notes/*.md, clients/<id>/addenda/*.md and clients/<id>/closing.md: once final, never changed.
_RECORD = re.compile(r"^clients/[^/]+/(?:(?:notes|addenda)/[^/]+\.md|closing\.md)$")
_FM_FIELD = re.compile(r"^([a-z_]+):[ \t]*(.*?)[ \t]*$", re.M)


def is_record_path(path: str) -> bool:
    return bool(_RECORD.match(path))


def client_of(path: str) -> str | None:
    parts = path.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == model.CLIENTS_DIR else None


def quick_meta(text: str) -> dict[str, str]:
    """The top-level scalar fields of an entry's front matter, as text, without a YAML parser.

    Fast enough to read every version of every note in a history (the audit); values keep no quotes.
    """
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    fm = text[4:end if end >= 0 else len(text)]
    meta = {}
    for m in _FM_FIELD.finditer(fm):
        value = m.group(2)
        if value[:1] in "\"'" and value[-1:] == value[:1] and len(value) >= 2:
            value = value[1:-1]
        if "#" in value and value[:1] not in "\"'":
            value = value.split(" #", 1)[0].rstrip()
        meta.setdefault(m.group(1), value)
    return meta


def is_final(meta: dict) -> bool:
    return str(meta.get("status") or "").strip() == "final"


def parse_when(value) -> dt.datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None, second=0, microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    try:
        return dt.datetime.fromisoformat(str(value).strip()).replace(tzinfo=None)
    except ValueError:
        return None


def lateness(meta: dict, limit: dt.timedelta) -> dt.timedelta | None:
    """How much later than the contact the note was recorded, when that is beyond `limit`; else None."""
    when, recorded = parse_when(meta.get("when")), parse_when(meta.get("recorded"))
    if when is None or recorded is None:
        return None
    gap = recorded - when
    return gap if gap > limit else None


def has_late_reason(meta: dict) -> bool:
    return bool(str(meta.get("late_reason") or "").strip())


def describe_span(span: dt.timedelta) -> str:
    hours = span.total_seconds() / 3600
    if hours < 48:
        return f"{hours:.0f} h"
    days = hours / 24
    return f"{days:.0f} days" if days >= 10 else f"{days:.1f} days".replace(".0 days", " days")


def now() -> dt.datetime:
    return dt.datetime.now().replace(second=0, microsecond=0)


def find_record(caseload: Caseload, client_id: str, name: str) -> Path:
    """A note (notes/) or an addendum (addenda/) by file name or its unique start."""
    try:
        return caseload.find_entry(client_id, name, model.NOTES_DIR)
    except UnknownEntry as first:
        d = caseload.client_dir(client_id) / ADDENDA_DIR
        if d.is_dir() and "/" not in name and ".." not in name:
            matches = [p for p in sorted(d.glob("*.md")) if p.stem == name or p.name == name]
            matches = matches or [p for p in sorted(d.glob("*.md")) if p.name.startswith(name)]
            if len(matches) == 1:
                return matches[0]
        raise first


def addenda_of(caseload: Caseload, client_id: str, note_rel: str) -> list[Path]:
    """The addenda of one note (`note_rel` relative to the client folder), oldest first."""
    from casefile.entry import read_entry
    from casefile.errors import EntryParseError

    d = caseload.client_dir(client_id) / ADDENDA_DIR
    found = []
    for p in sorted(d.glob("*.md")) if d.is_dir() else []:
        try:
            meta = read_entry(p, caseload.rel(p)).meta
        except EntryParseError:
            continue
        if str(meta.get("amends") or "") == note_rel:
            found.append((str(meta.get("recorded") or ""), p))
    return [p for _, p in sorted(found)]


def client_status(caseload: Caseload, client_id: str) -> str:
    from casefile.entry import read_entry

    return str(read_entry(caseload.profile_path(client_id)).meta.get("status") or "")
