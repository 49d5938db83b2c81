"""Showing a note with its addenda, as a reader of the record must see it."""

from __future__ import annotations

from casefile import model
from casefile.caseload import Caseload
from casefile.records.common import addenda_of, read_text


def note_with_addenda(caseload: Caseload, client_id: str, note: str) -> str:
    path = caseload.find_entry(client_id, note, model.NOTES_DIR)
    text = read_text(path, caseload.rel(path))
    for a in addenda_of(caseload, client_id, f"{model.NOTES_DIR}/{path.name}"):
        body = read_text(a, caseload.rel(a))
        text += ("" if text.endswith("\n") else "\n") + f"\n==> addendum {caseload.rel(a)} <==\n" + body
    return text
