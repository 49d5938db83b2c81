"""Addenda: the only way to add to a signed note. A new dated file under clients/<id>/addenda/, linked to
the note by `amends:`, written through the editor like a note; the note stays byte for byte as signed.
"""

from __future__ import annotations

import datetime as dt

from casefile import model
from casefile.caseload import Caseload
from casefile.entry import Entry, read_entry
from casefile.errors import EditorError, InvalidValue
from casefile.records.common import ADDENDA_DIR, TRAILER_AMENDS, TRAILER_SIGNED, is_final, now as now_
from casefile.workflow import Saved, create_entry, render_entry


def check_reason(reason: str | None, why: str | None) -> tuple[str, str]:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidValue("--reason is empty", "use correction, clarification or late-entry")
    if reason not in model.ADDENDUM_REASONS:
        raise InvalidValue(
            f"unknown reason {reason!r}",
            "use correction, clarification or late-entry, and say why in words with --why",
        )
    if not (why or "").strip():
        raise InvalidValue("--why is empty: an addendum must say why it is made", "for example --why \"wrong date of the next visit\"")
    return reason, why.strip()


def addendum_name(note_stem: str, at: dt.datetime, reason: str) -> str:
    return f"{note_stem}--{at:%Y-%m-%d-%H%M}-{reason}.md"


def amend(
    caseload: Caseload, client_id: str, note: str, *, reason: str | None, why: str | None,
    body: str | None = None, draft: bool = False, at: dt.datetime | None = None,
) -> Saved:
    """Write an addendum to a signed note. Signed on save unless `draft`. Refuses drafts and addenda."""
    reason, why = check_reason(reason, why)
    path = caseload.find_entry(client_id, note, model.NOTES_DIR)
    rel = caseload.rel(path)
    entry = read_entry(path, rel)
    if not is_final(entry.meta):
        raise InvalidValue(
            f"{rel} is a draft: addenda are for signed notes",
            f"edit the draft itself, then sign it: casefile note sign {client_id} {path.stem}",
        )
    at = at or now_()
    worker = caseload.config.worker.id
    data = {
        "client": client_id,
        "amends": f"{model.NOTES_DIR}/{path.name}",
        "reason": reason,
        "why": why,
        "author": worker,
        "recorded": at,
        "status": "draft" if draft else "final",
        "signed_by": None if draft else worker,
        "signed_at": None if draft else at,
    }
    text_body = body.strip("\n") + "\n" if body is not None else None
    if text_body is not None and not text_body.strip():
        raise InvalidValue("the addendum's text is empty; nothing was saved")
    text = render_entry(caseload, "addendum.md", {"addendum": data, "body": text_body})
    folder = caseload.client_dir(client_id) / ADDENDA_DIR
    target = folder / addendum_name(path.stem, at, reason)
    n = 2
    while target.exists():
        target = folder / addendum_name(path.stem, at, reason).replace(".md", f"-{n}.md")
        n += 1
    trailers = [(TRAILER_AMENDS, rel)]

    def check(e: Entry) -> None:
        if e.kind != model.ADDENDUM or str(e.meta.get("amends")) != data["amends"]:
            raise EditorError(f"{caseload.rel(target)}: kind and amends must stay as written")
        if not str(e.meta.get("why") or "").strip():
            raise InvalidValue(f"{caseload.rel(target)}: why is empty: an addendum must say why it is made")

    def signed_value() -> str:
        from casefile.records.gitlog import blob_id

        return f"{caseload.rel(target)} {blob_id(caseload.root, target)}"

    saved = create_entry(
        caseload, target, text,
        action="note.amend", subject=f"Add {reason} addendum to note {path.stem} for {client_id}",
        client=client_id, open_editor=text_body is None, check=check,
        trailers=trailers + ([] if draft else [(TRAILER_SIGNED, signed_value)]),
    )
    return saved
