"""CF7xx: records — timeliness and late entries, drafts left unsigned, signatures, addenda."""

from __future__ import annotations

from casefile.lint.api import Hit, rule
from casefile.lint.rules._common import config_duration, empty, field_hit
from casefile.lint.rules._fields import fields
from casefile.lint.rules.five_ws import note

NOTES = ("note",)


def _when_recorded(entry) -> tuple:
    """(when, recorded) as to_datetime reads them, once per entry: four rules compare them."""
    fm = fields(entry)
    got = fm.note_times
    if got is None:
        got = fm.note_times = (fm.datetime("when"), fm.datetime("recorded"))
    return got


def _hours(td) -> str:
    h = td.total_seconds() / 3600
    return f"{h:.0f}h" if h < 72 else f"{h / 24:.0f} days"


@rule("CF701", "late-entry", severity="warning", kinds=NOTES,
      summary="A note recorded later than the agency's limit after the contact (top-level `late_entry_after` in casefile.yml, "
              "default 72h) without a `late_reason`.",
      why="Agencies set deadlines (commonly 24-72 hours) because memory fades; a late entry is allowed but must "
          "say it is late, and why.",
      bad=note(front="when: 2026-11-10T10:30\nrecorded: 2026-11-20T11:05"),
      good=note(front="when: 2026-11-10T10:30\nrecorded: 2026-11-20T11:05\nlate_reason: Worker on sick leave 11-19 Nov"))
def late_entry(entry, ctx):
    # (the rules of this file return lists rather than yield: most find nothing, and a list costs less)
    meta = entry.meta
    when, rec = _when_recorded(entry)
    if when is None or rec is None or rec < when:
        return ()
    limit = config_duration(ctx, "late_entry_after", "72h")
    if rec - when > limit and empty(meta.get("late_reason")):
        return [field_hit(entry, "recorded", f"recorded {_hours(rec - when)} after the contact (limit {_hours(limit)}) "
                          "with no `late_reason`", "add `late_reason:` saying why the note is late")]
    return ()


@rule("CF702", "stale-draft", severity="warning", kinds=("note", "addendum"),
      summary="A draft older than the agency's limit (top-level `draft_limit` in casefile.yml, default 7d) that is still unsigned.",
      why="An unsigned draft is not yet part of the record; a note left in draft is a service not documented.",
      bad=note(front="when: 2026-11-01T10:30\nrecorded: 2026-11-01T11:05"),
      good=note())
def stale_draft(entry, ctx):
    if entry.meta.get("status") != "draft":
        return ()
    rec = _when_recorded(entry)[1]
    if rec is None:
        return ()
    limit = config_duration(ctx, "draft_limit", "7d")
    # the message names the day it was recorded, not its age, so that it does not change with the clock:
    # the finding is cached until the clock crosses the limit (a clock condition), not re-checked every run
    if ctx.now.replace(tzinfo=None) - rec > limit:
        return [field_hit(entry, "status", f"draft since {rec:%Y-%m-%d} (limit {_hours(limit)}): review and sign it",
                          "run `casefile note sign` once it is complete")]
    return ()


@rule("CF703", "unsigned-final", severity="error", kinds=("note", "addendum"),
      summary="A final note without `signed_by` or `signed_at`, or signed before it was recorded.",
      why="'final' means signed: the signature says who vouches for the record and from when it may not change.",
      bad=note(front="status: final"),
      good=note(front="status: final\nsigned_by: asmith\nsigned_at: 2026-11-20T11:30"))
def unsigned_final(entry, ctx):
    meta = entry.meta
    if meta.get("status") != "final":
        return ()
    signed_by, signed_at = meta.get("signed_by"), meta.get("signed_at")
    if empty(signed_by) or empty(signed_at):
        missing = [k for k, v in (("signed_by", signed_by), ("signed_at", signed_at)) if empty(v)]
        return [field_hit(entry, "status", f"final but missing {' and '.join(missing)}",
                          "sign it with `casefile note sign`, or set status back to draft")]
    sa, rec = fields(entry).datetime("signed_at"), _when_recorded(entry)[1]
    if sa is not None and rec is not None and sa < rec:
        return [field_hit(entry, "signed_at", "signed before it was recorded", "check `signed_at` and `recorded`")]
    return ()


@rule("CF704", "recorded-before-contact", severity="error", kinds=NOTES,
      summary="A note recorded before the contact it describes took place.",
      why="A note cannot be written before the contact; one of the two dates is wrong, and the record's "
          "timeline with it.",
      bad=note(front="when: 2026-11-20T10:30\nrecorded: 2026-11-19T09:00"),
      good=note())
def recorded_before_contact(entry, ctx):
    when, rec = _when_recorded(entry)
    if when is not None and rec is not None and rec < when:
        return [field_hit(entry, "recorded", "recorded before the contact took place (`recorded` is before `when`)",
                          "check both dates")]
    return ()


@rule("CF705", "addendum-target-missing", severity="error", kinds=("addendum",),
      summary="An addendum that amends a note the client's folder does not have.",
      why="An addendum corrects or clarifies a specific signed note; pointing at nothing, it amends nothing.",
      bad="---\nkind: addendum\nclient: c-0001\namends: notes/2026-11-19-0900-session.md\nreason: correction\n"
          "why: Wrong date\nauthor: asmith\nrecorded: 2026-11-21T09:00\nstatus: draft\n---\n",
      good="---\nkind: addendum\nclient: c-0001\namends: notes/2026-11-20-1030-session.md\nreason: correction\n"
           "why: Wrong date\nauthor: asmith\nrecorded: 2026-11-21T09:00\nstatus: draft\n---\n")
def addendum_target_missing(entry, ctx):
    idx = ctx.client(entry.meta.get("client"))
    amends = entry.meta.get("amends")
    if not idx.known or not isinstance(amends, str) or not amends.strip():
        return ()
    target = amends.strip().lstrip("./")
    if target not in idx.note_paths:
        return [field_hit(entry, "amends", "the note this addendum amends does not exist in the client's folder",
                          "give the path relative to the client folder, e.g. notes/2026-11-20-1030-session.md")]
    return ()
