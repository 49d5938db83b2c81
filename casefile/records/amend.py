"""Addenda: the only way to add to a signed note. A new dated file under clients/<id>/addenda/, linked to
the note by `amends:`, written through the editor like a note; the note stays byte for byte as signed.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from casefile import model
from casefile.caseload import Caseload, atomic_write
from casefile.entry import Entry, read_entry
from casefile.errors import EditorError, EntryParseError, InvalidValue, UnknownEntry
from casefile.notes import unique_path
from casefile.records.common import ADDENDA_DIR, TRAILER_AMENDS, TRAILER_SIGNED, is_final, now as now_
from casefile.records.sign import signed_text
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


def _note_path(caseload: Caseload, client_id: str, note: str):
    """The note to amend; an addendum's name is answered with its note's."""
    try:
        return caseload.find_entry(client_id, note, model.NOTES_DIR)
    except UnknownEntry as e:
        try:
            addendum = caseload.find_entry(client_id, note, ADDENDA_DIR)
        except UnknownEntry:
            raise e from None
        amends = str(read_entry(addendum, caseload.rel(addendum)).meta.get("amends") or "")
        target = amends.rsplit("/", 1)[-1][:-3] if amends.endswith(".md") else addendum.stem.split("--", 1)[0]
        raise InvalidValue(
            f"{caseload.rel(addendum)} is an addendum: addenda are added to the note itself",
            f"casefile note amend {client_id} {target} --reason ... --why ...",
        ) from None


def _set_aside(caseload: Caseload, path: Path) -> str:
    """Move a rejected addendum out of the client's folder (so no later command commits it), keeping the
    person's text: .git/casefile/rejected/<name>. Returns where it went."""
    from casefile.records.audit import git_dir

    folder = git_dir(caseload.root) / "casefile" / "rejected"
    folder.mkdir(parents=True, exist_ok=True)
    target = unique_path(folder, path.name)
    os.replace(path, target)
    try:
        return target.relative_to(caseload.root).as_posix()
    except ValueError:
        return str(target)


def amend(
    caseload: Caseload, client_id: str, note: str, *, reason: str | None, why: str | None,
    body: str | None = None, draft: bool = False, at: dt.datetime | None = None,
) -> Saved:
    """Write an addendum to a signed note. Signed on save unless `draft`. Refuses drafts and addenda.

    In the editor the addendum is a draft; it becomes final (status, signed_by, signed_at) only when it is
    saved, after its checks. An addendum that fails them is moved out of the caseload, never left behind
    to be committed (and signed) by the next command."""
    reason, why = check_reason(reason, why)
    path = _note_path(caseload, client_id, note)
    rel = caseload.rel(path)
    entry = read_entry(path, rel)
    if not is_final(entry.meta):
        raise InvalidValue(
            f"{rel} is a draft: addenda are for signed notes",
            f"edit the draft itself, then sign it: casefile note sign {client_id} {path.stem}",
        )
    at = at or now_()
    worker = caseload.config.worker.id
    editor = body is None
    signed_now = not draft and not editor  # with the editor: signed on save, in check()
    data = {
        "client": client_id,
        "amends": f"{model.NOTES_DIR}/{path.name}",
        "reason": reason,
        "why": why,
        "author": worker,
        "recorded": at,
        "status": "final" if signed_now else "draft",
        "signed_by": worker if signed_now else None,
        "signed_at": at if signed_now else None,
    }
    text_body = body.strip("\n") + "\n" if body is not None else None
    if text_body is not None and not text_body.strip():
        raise InvalidValue("the addendum's text is empty; nothing was saved")
    text = render_entry(caseload, "addendum.md", {"addendum": data, "body": text_body})
    target = unique_path(caseload.client_dir(client_id) / ADDENDA_DIR, addendum_name(path.stem, at, reason))
    target_rel = caseload.rel(target)
    trailers = [(TRAILER_AMENDS, rel)]

    def check(e: Entry) -> None:
        if e.kind != model.ADDENDUM or str(e.meta.get("amends")) != data["amends"]:
            raise EditorError(f"{target_rel}: kind and amends must stay as written")
        if not str(e.meta.get("why") or "").strip():
            raise InvalidValue(f"{target_rel}: why is empty: an addendum must say why it is made")
        if draft and is_final(e.meta):
            raise InvalidValue(f"{target_rel}: status must stay draft with --draft",
                               f"sign it afterwards: casefile note sign {client_id} {target.stem}")
        if editor and not draft:  # the checks passed: sign what was written, on disk, before the commit
            atomic_write(target, signed_text(target.read_bytes().decode("utf-8"), target_rel, worker, at))

    def signed_value() -> str:
        from casefile.records.gitlog import blob_id

        return f"{target_rel} {blob_id(caseload.root, target)}"

    try:
        return create_entry(
            caseload, target, text,
            action="note.amend", subject=f"Add {reason} addendum to note {path.stem} for {client_id}",
            client=client_id, open_editor=editor, check=check,
            trailers=trailers + ([] if draft else [(TRAILER_SIGNED, signed_value)]),
        )
    except EntryParseError as e:
        if editor and target.exists():
            e.hint = ("the addendum is kept as a draft, as you wrote it: fix it, then "
                      + ("run `casefile commit`" if draft else f"sign it: casefile note sign {client_id} {target.stem}"))
        raise
    except (EditorError, InvalidValue) as e:
        if editor and target.exists():
            where = _set_aside(caseload, target)
            e.message += f"; the addendum was not saved (your text is kept in {where})"
        raise
