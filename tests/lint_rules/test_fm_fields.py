"""The front-matter and records rules (CF1xx, CF7xx) and CF608 read shared per-entry facts (rules/_fields.py)
and decide much once per layout of fields: these edge cases (repeated keys, keys YAML reads as numbers or
booleans, merge keys, time zones, blank required text, paths) pin what they report, as the rules reported
before they were made faster, with both the loader and the fast front-matter reader."""

from __future__ import annotations

import pytest

from casefile.entry import parse_entry
from casefile.lint.fastparse import parse_entry as fast_parse
from casefile.lint.api import REGISTRY
from casefile.lint.rules import _fields

from .helpers import context

NOTE = """---
kind: note
client: c-0001
when: 2026-11-20T10:30
type: session
format: DAP
who: [client, worker asmith]
where: office
why: Review housing applications
author: asmith
recorded: 2026-11-20T11:05
status: draft
---
## Data
Client brought two completed rental applications.

## Assessment
On track.

## Plan
Worker to call the landlord by 2026-11-27.
"""
def note(replace=(), add=""):
    t = NOTE.replace("status: draft\n", "status: draft\n" + add, 1)
    for a, b in replace:
        assert a in t, a
        t = t.replace(a, b, 1)
    return t
CASES = {
    "plain": note(),
    "dup_goals": note(add="goals: [g09]\ngoals: [g01]\n"),
    "dup_nested": note(add="review: {state: ok, state: no}\n"),
    "dup_in_list": note(add="tasks: [{a: 1, a: 2}, t01]\n"),
    "odd_keys": note(add="1: x\nyes: y\n'goals': [g01]\n"),
    "merge": note(add="base: &a {where: home}\n<<: *a\n"),
    "tz": note(replace=[("when: 2026-11-20T10:30", "when: 2026-11-20T10:30+01:00")]),
    "space_time": note(replace=[("recorded: 2026-11-20T11:05", "recorded: 2026-11-20 11:05")]),
    "seconds_dt": note(replace=[("when: 2026-11-20T10:30", "when: 2026-11-20 10:30:00")]),
    "bad_dt": note(replace=[("when: 2026-11-20T10:30", "when: 2026-11-31T10:30")]),
    "week_dt": note(replace=[("when: 2026-11-20T10:30", "when: 2026-W47-5T10:30")]),
    "empty_when": note(replace=[("when: 2026-11-20T10:30", "when: ''")]),
    "late": note(replace=[("recorded: 2026-11-20T11:05", "recorded: 2026-11-29T11:05")]),
    "late_reason_blank": note(replace=[("recorded: 2026-11-20T11:05", "recorded: 2026-11-29T11:05")], add="late_reason: ' '\n"),
    "final_unsigned": note(replace=[("status: draft", "status: final")], add="signed_by: ' '\n"),
    "final_early": note(replace=[("status: draft", "status: final")], add="signed_by: asmith\nsigned_at: 2026-11-20T11:00\n"),
    "blank_author": note(replace=[("author: asmith", "author: '  '")]),
    "null_status": note(replace=[("status: draft", "status:")]),
    "list_author": note(replace=[("author: asmith", "author: []")]),
    "missing_type": note(replace=[("type: session\n", "")]),
    "int_type": note(replace=[("type: session", "type: 3")]),
    "bool_where": note(replace=[("where: office", "where: yes")]),
    "duration": note(add="duration: 3 hrs-ish\n"),
    "duration_ok": note(add="duration: 50m\n"),
    "stale": note(replace=[("when: 2026-11-20T10:30", "when: 2026-11-01T10:30"), ("recorded: 2026-11-20T11:05", "recorded: 2026-11-01T11:05")]),
    "before": note(replace=[("recorded: 2026-11-20T11:05", "recorded: 2026-11-19T11:05")]),
    "typo": note(add="wehre: office\n"),
    "vague1": note(replace=[("Worker to call the landlord by 2026-11-27.", "Follow up as needed.")]),
    "vague2": note(replace=[("Worker to call the landlord by 2026-11-27.", "   \n\n  Continue to monitor   client.\n")]),
    "vague3": note(replace=[("Worker to call the landlord by 2026-11-27.", "Plan: ongoing")]),
    "vague_no": note(replace=[("Worker to call the landlord by 2026-11-27.", "Worker will call.")]),
    "vague_two": note(replace=[("## Plan\n", "## Plan\n\n## Plan\nSee above.\n")]),
    "plan_empty": note(replace=[("Worker to call the landlord by 2026-11-27.", "  -  ")]),
    "wrong_client": note(replace=[("client: c-0001", "client: c-0002")]),
    "goal_mismatch": "---\nkind: goal\nid: g02\nclient: c-0001\ntitle: Sign a lease\nterm: short\nstart: 2026-11-01\nstatus: active\nmeasure: {metric: x, basline: 1}\n---\n",
    "unknown_kind": "---\nkind: note2\nclient: c-0001\n---\n",
    "no_kind": "---\nclient: c-0001\n---\n",
}


CODES = [c for c in sorted(REGISTRY) if c[:3] in ("CF1", "CF7") or c == "CF608"]


def findings(entry) -> list[tuple]:
    ctx = context()
    out = []
    for code in CODES:
        r = REGISTRY[code]
        if r.kinds and entry.kind not in r.kinds:
            continue
        out += [(code, h.line, h.column, h.message, h.suggestion, h.end_line, h.end_column, h.severity)
                for h in r.check(entry, ctx)]
    return out


EXPECTED = {
    ('bad_dt', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF105', 4, 1, "'when' is not a real date and time", None, 4, 23, None),
    ],
    ('before', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF704', 11, 1, 'recorded before the contact took place (`recorded` is before `when`)', 'check both dates', 11, 27, None),
    ],
    ('blank_author', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF101', 10, 1, "required field 'author' is empty", None, 10, 13, None),
    ],
    ('bool_where', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF103', 8, 1, "'where' should be text", None, 8, 11, None),
    ],
    ('dup_goals', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF107', 14, 1, "field 'goals' appears twice; only the last one counts", 'keep one and delete the other', 14, 6, None),
        ('CF108', 13, 9, "goal 'g09' does not exist for this client; did you mean 'g02'?", 'known: g01, g02', 13, 12, None),
    ],
    ('dup_in_list', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF107', 13, 16, "field 'a' appears twice; only the last one counts", 'keep one and delete the other', 13, 17, None),
    ],
    ('dup_nested', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF107', 13, 21, "field 'state' appears twice; only the last one counts", 'keep one and delete the other', 13, 26, None),
    ],
    ('duration', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF105', 13, 1, "'duration' should be a duration such as 50m, 2h, 2 weeks or 6mo", None, 13, 20, None),
    ],
    ('duration_ok', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [],
    ('empty_when', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [],
    ('final_early', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF703', 14, 1, 'signed before it was recorded', 'check `signed_at` and `recorded`', 14, 28, None),
    ],
    ('final_unsigned', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF703', 12, 1, 'final but missing signed_by and signed_at', 'sign it with `casefile note sign`, or set status back to draft', 12, 14, None),
    ],
    ('goal_mismatch', 'clients/c-0001/goals/g01-lease.md'): [
        ('CF102', 9, 22, "unknown measure field 'basline'; did you mean 'baseline'?", 'rename it to `baseline`', 9, 29, None),
        ('CF112', 3, 1, "goal id 'g02' does not match the file name", 'name the file g02-....md', 3, 8, None),
    ],
    ('int_type', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF104', 5, 1, "'type' is '3', not one of its values", 'one of: session, phone, email, video, home-visit, group, collateral, no-show, cancelled', 5, 8, None),
    ],
    ('late', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF701', 11, 1, 'recorded 9 days after the contact (limit 3 days) with no `late_reason`', 'add `late_reason:` saying why the note is late', 11, 27, None),
    ],
    ('late_reason_blank', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF701', 11, 1, 'recorded 9 days after the contact (limit 3 days) with no `late_reason`', 'add `late_reason:` saying why the note is late', 11, 27, None),
    ],
    ('list_author', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF101', 10, 1, "required field 'author' is empty", None, 10, 11, None),
        ('CF103', 10, 1, "'author' should be text", None, 10, 11, None),
    ],
    ('merge', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF102', 13, 1, "unknown field 'base'", 'known fields: kind, client, when, duration, type, format, who, where, why, goals, tasks, author, recorded, late_reason, status, signed_by, signed_at, review', 13, 5, None),
        ('CF107', 8, 1, "field 'where' appears twice; only the last one counts", 'keep one and delete the other', 8, 6, None),
    ],
    ('missing_type', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF101', 1, 1, "missing required field 'type'", 'add `type:` (kind of contact (also How: in person, phone...))', None, None, None),
    ],
    ('no_kind', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF101', 1, 1, "missing required field 'kind'", 'add `kind:` (client, goal, plan, note, addendum, closing)', None, None, None),
    ],
    ('null_status', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF101', 12, 1, "required field 'status' is empty", None, 12, 8, None),
    ],
    ('odd_keys', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF102', 13, 1, "unknown field '1'", 'known fields: kind, client, when, duration, type, format, who, where, why, goals, tasks, author, recorded, late_reason, status, signed_by, signed_at, review', 13, 2, None),
        ('CF102', 14, 1, "unknown field 'yes'", 'known fields: kind, client, when, duration, type, format, who, where, why, goals, tasks, author, recorded, late_reason, status, signed_by, signed_at, review', 14, 4, None),
    ],
    ('plain', 'a/clients/clients/b/c.md'): [
        ('CF112', 3, 1, "'client' is 'c-0001' but the file is in the folder of client 'b'", 'move the file or correct the field', 3, 15, None),
    ],
    ('plain', 'clients//x.md'): [
        ('CF112', 3, 1, "'client' is 'c-0001' but the file is in the folder of client ''", 'move the file or correct the field', 3, 15, None),
    ],
    ('plain', 'clients/c-0001'): [],
    ('plain', 'clients/c-0001/clients'): [],
    ('plain', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [],
    ('plain', 'clients/c-0001/notes/x.md'): [],
    ('plain', 'clients/clients'): [],
    ('plain', 'clients\\c-0001\\notes\\x.md'): [],
    ('plain', 'notes/x.md'): [],
    ('plain', 'x.md'): [],
    ('plain', 'x/clients/c-0001/goals/g01-a.md'): [],
    ('plan_empty', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF608', 20, 1, 'the Plan section is empty: what happens next?', 'add next steps (who does what by when) and the next contact', None, None, None),
    ],
    ('seconds_dt', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [],
    ('space_time', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [],
    ('stale', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF702', 12, 1, 'draft since 2026-11-01 (limit 7 days): review and sign it', 'run `casefile note sign` once it is complete', 12, 14, None),
    ],
    ('typo', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF102', 13, 1, "unknown field 'wehre'; did you mean 'where'?", 'rename it to `where`', 13, 6, None),
    ],
    ('tz', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF105', 4, 1, "'when' should be a date and time written YYYY-MM-DDTHH:MM", None, 4, 29, None),
    ],
    ('unknown_kind', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF104', 2, 1, "unknown kind 'note2'; did you mean 'note'?", 'one of: client, goal, plan, note, addendum, closing', 2, 12, None),
    ],
    ('vague1', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF608', 20, 1, 'the Plan names no next step: who does what, and by when?', 'write the next steps (who does what by when) and the next contact, e.g. "Worker to call the landlord by 2026-11-27; next session 2026-12-02."', None, None, None),
    ],
    ('vague2', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF608', 20, 1, 'the Plan names no next step: who does what, and by when?', 'write the next steps (who does what by when) and the next contact, e.g. "Worker to call the landlord by 2026-11-27; next session 2026-12-02."', None, None, None),
    ],
    ('vague3', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF608', 20, 1, 'the Plan names no next step: who does what, and by when?', 'write the next steps (who does what by when) and the next contact, e.g. "Worker to call the landlord by 2026-11-27; next session 2026-12-02."', None, None, None),
    ],
    ('vague_no', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [],
    ('vague_two', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [],
    ('week_dt', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF105', 4, 1, "'when' should be a date and time written YYYY-MM-DDTHH:MM", None, 4, 23, None),
    ],
    ('wrong_client', 'clients/c-0001/notes/2026-11-20-1030-session.md'): [
        ('CF112', 3, 1, "'client' is 'c-0002' but the file is in the folder of client 'c-0001'", 'move the file or correct the field', 3, 15, None),
    ],
}


@pytest.mark.parametrize("parse", [parse_entry, fast_parse], ids=["loader", "fast"])
@pytest.mark.parametrize("name, path", sorted(EXPECTED))
def test_edge_cases(parse, name, path):
    entry = parse(CASES[name], path)
    assert findings(entry) == EXPECTED[(name, path)]
    assert findings(entry) == EXPECTED[(name, path)]  # again, with the facts kept on the entry


def test_facts_are_read_again_when_the_fields_are_replaced():
    good = parse_entry(CASES["plain"], "clients/c-0001/notes/2026-11-20-1030-session.md")
    bad = parse_entry(CASES["typo"], "clients/c-0001/notes/2026-11-20-1030-session.md")
    assert not list(REGISTRY["CF102"].check(good, context()))
    good.meta, good.node = bad.meta, bad.node
    assert [h.message for h in REGISTRY["CF102"].check(good, context())] == [
        "unknown field 'wehre'; did you mean 'where'?"]


def test_layout_memos_are_bounded():
    for i in range(_fields._MEMO_LIMIT + 10):
        text = CASES["plain"].replace("status: draft\n", f"status: draft\nx{i}: 1\n")
        entry = fast_parse(text, "clients/c-0001/notes/2026-11-20-1030-session.md")
        REGISTRY["CF101"].check(entry, context())
        REGISTRY["CF102"].check(entry, context())
    assert len(_fields._KEY_FACTS) <= _fields._MEMO_LIMIT
    assert len(_fields._SHAPES) <= _fields._MEMO_LIMIT
    assert len(_fields._UNKNOWN_TEXT) <= _fields._MEMO_LIMIT
