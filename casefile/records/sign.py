"""Signing: a draft note (or addendum) becomes final, with who signed and when, in one commit whose
`Casefile-Signed: <path> <blob id>` trailer names the exact content signed. It is never edited again.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from casefile import history, model
from casefile.caseload import Caseload, atomic_write
from casefile.entry import Entry, parse_entry, read_entry
from casefile.errors import CasefileError, SignedEntryError
from casefile.records.common import (
    TRAILER_SIGNED, describe_span, edit_keeping_newlines, find_record, has_late_reason, is_final, lateness, now as now_,
)
from casefile.records.guard import amend_hint
from casefile.workflow import Saved, author
from casefile.yamledit import edit_front_matter, set_field


class NotSignable(CasefileError):
    """The note has problems that must be fixed before it is signed."""


def record_problems(caseload: Caseload, entry: Entry) -> tuple[list[str], list[str]]:
    """(blocking, checks): what always blocks signing (wrong kind, a pending or returned review), and what
    the records rules require that the agency may waive with sign: {require_clean_lint: false}."""
    blocking: list[str] = []
    checks: list[str] = []
    meta = entry.meta
    if entry.kind not in (model.NOTE, model.ADDENDUM):
        return [f"{entry.path}: only notes and addenda are signed (this is kind {entry.kind or 'unknown'})"], []
    review = meta.get("review")
    if isinstance(review, dict) and review.get("state") in ("requested", "returned"):
        state = "is waiting for review" if review["state"] == "requested" else "was returned by the reviewer"
        blocking.append(f"{entry.path}:{entry.field_line('review')}: {state}; it can be signed once approved")
    elif isinstance(review, dict) and review.get("state") == "approved":
        from casefile.records.review import approved_blob

        if str(review.get("blob") or "") != approved_blob(entry.text, entry.path):
            blocking.append(
                f"{entry.path}:{entry.field_line('review')}: changed after it was approved (the reviewer approved "
                f"other text); ask for review again: casefile review request"
            )
    for f in model.FIELDS[entry.kind].values():
        if f.required and f.name != "status" and meta.get(f.name) in (None, "", []):
            checks.append(f"{entry.path}:{entry.field_line(f.name)}: required field {f.name} is missing")
    if entry.kind == model.NOTE:
        late = lateness(meta, caseload.config.duration("late_entry_after"))
        if late and not has_late_reason(meta):
            checks.append(
                f"{entry.path}:{entry.field_line('recorded')}: late entry (recorded {describe_span(late)} after the "
                f"contact, limit {caseload.config.late_entry_after}) needs a late_reason"
            )
    return blocking, checks


def lint_errors(caseload: Caseload, path: Path) -> list[str]:
    """Lint findings at severity `error` for one file, when the lint engine is installed; [] otherwise."""
    try:
        from casefile.lint import engine  # noqa: F401
    except ModuleNotFoundError:
        return []
    from casefile.records import lintbridge

    return lintbridge.errors_for(caseload, path)


def signing_problems(caseload: Caseload, entry: Entry, path: Path) -> list[str]:
    if is_final(entry.meta):
        return []
    blocking, checks = record_problems(caseload, entry)
    if caseload.config.sign.get("require_clean_lint", True) is False:
        return blocking
    return blocking + checks + [p for p in lint_errors(caseload, path) if p not in checks]


def signed_text(text: str, rel: str, by: str, at: dt.datetime) -> str:
    """The text with status: final, signed_by and signed_at; every other line (and line end) as it was."""
    def apply(fm: str) -> str:
        fm = set_field(fm, ["status"], "final")
        fm = set_field(fm, ["signed_by"], by)
        return set_field(fm, ["signed_at"], at)

    return edit_keeping_newlines(text, lambda t: edit_front_matter(t, rel, apply))


def sign_in_change(caseload: Caseload, ch: history.Change, path: Path, by: str, at: dt.datetime) -> None:
    """Write the signed version of `path` and add it, with its Casefile-Signed trailer, to the change."""
    from casefile.records.gitlog import blob_id

    rel = caseload.rel(path)
    text = path.read_bytes().decode("utf-8")  # as on disk: CRLF line ends stay
    new = signed_text(text, rel, by, at)
    parse_entry(new, rel)
    atomic_write(path, new)
    ch.add(path)
    ch.trailers.append((TRAILER_SIGNED, f"{rel} {blob_id(caseload.root, path)}"))


def sign(caseload: Caseload, client_id: str, name: str, *, at: dt.datetime | None = None) -> Saved:
    """`casefile note sign CLIENT NOTE`: refuse a signed, unknown or unclean note; else sign and commit."""
    path = find_record(caseload, client_id, name)
    rel = caseload.rel(path)
    stem = path.stem
    at = at or now_()
    with history.change(caseload.root, "note.sign", f"Sign note {stem} for {client_id}", author(caseload), client_id) as ch:
        entry = read_entry(path, rel)
        if is_final(entry.meta):
            raise SignedEntryError(
                f"{rel} is signed already (by {entry.meta.get('signed_by') or '?'} at {entry.meta.get('signed_at') or '?'})",
                amend_hint(rel),
            )
        problems = signing_problems(caseload, entry, path)
        if problems:
            raise NotSignable(
                f"{rel} was not signed: {len(problems)} problem{'s' if len(problems) > 1 else ''} to fix first: "
                + "; ".join(problems),
                "fix them and sign again (an agency can allow signing with lint errors: sign: {require_clean_lint: false})",
            )
        sign_in_change(caseload, ch, path, caseload.config.worker.id, at)
    return Saved.of(rel, ch)
