"""CF1xx: the file and its front matter: parse errors, missing and unknown fields, types, values, dates,
duplicates, references to goals, tasks and needs that do not exist, git conflict markers."""

from __future__ import annotations

import datetime as dt
import difflib
import re

from casefile.lint.api import Hit, rule
from casefile.lint.rules._common import empty, field_hit, mapping_get, node_hit, seq_items
from casefile.model import FIELDS, KINDS, NOTE, TASK_FIELDS

ALL = ()
# Note fields that a five-Ws rule (CF2xx) reports when missing, so CF101 does not report them twice.
OWNED_BY_FIVE_WS = {"who", "when"}
MEASURE_KEYS = ("metric", "baseline", "target")
SERVICE_KEYS = ("type", "provider", "follow_up", "outcome")

_NOTE = """---
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
"""


def _fm(text: str) -> str:
    return _NOTE.replace("kind: note\n", text, 1) if text else _NOTE


@rule("CF100", "invalid-front-matter", severity="error", kinds=ALL,
      summary="The front matter cannot be read as YAML (reported by the engine with the line of the problem).",
      why="A file whose fields cannot be read is invisible to every other check, to reports and to search.",
      bad="---\nkind: note\nwho: [client, worker\n---\n",
      good="---\nkind: note\nwho: [client, worker]\n---\n")
def invalid_front_matter(entry, ctx):
    # The engine reports parse failures under this code; a parsed entry has nothing more to say here.
    return ()


_ENTRY_PATH = re.compile(r"(?:^|/)clients/[^/]+/(?:profile\.md|plan\.md|goals/[^/]+\.md|notes/[^/]+\.md)$")


def is_entry_path(path: str) -> bool:
    """Where casefile keeps its entries (a profile, a plan, a goal, a note). A Markdown file elsewhere without
    front matter (clients/c-0002/attachments/letter.md, a README) is not an entry, and not reported as one."""
    return bool(_ENTRY_PATH.search(str(path).replace("\\", "/")))


def _short(value, n: int = 20) -> str:
    """A field's value in a message, cut short: messages go to CI logs and SARIF, a value may be client text."""
    v = " ".join(str(value).split())
    return v if len(v) <= n else v[:n].rstrip() + "…"


def _suggest(word: str, choices) -> str | None:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


@rule("CF101", "missing-field", severity="error", kinds=ALL,
      summary="A required field is missing or empty (or an entry, a profile, plan, goal or note, has no front matter "
              "at all; other Markdown files, such as a letter in clients/c-0002/attachments/, are not entries).",
      why="Required fields are what makes an entry usable: its kind, its client, its dates and its status.",
      bad="---\nkind: goal\nid: g01\nclient: c-0001\nterm: short\nstart: 2026-11-01\nstatus: active\n---\n",
      good="---\nkind: goal\nid: g01\nclient: c-0001\ntitle: Sign a lease\nterm: short\nstart: 2026-11-01\nstatus: active\n---\n")
def missing_field(entry, ctx):
    if not entry.has_front_matter:
        if not is_entry_path(entry.path):
            return  # a letter or an attachment kept in a client's folder is not an entry: nothing to report
        yield Hit(1, 1, "no front matter: the file should start with a '---' block of fields",
                  "run `casefile new` or copy the fields from a template")
        return
    kind = entry.kind
    if kind not in FIELDS:
        if "kind" not in entry.meta:
            yield Hit(1, 1, "missing required field 'kind'", f"add `kind:` ({', '.join(KINDS)})")
        return
    for name, f in FIELDS[kind].items():
        if not f.required or (kind == NOTE and name in OWNED_BY_FIVE_WS):
            continue
        if name not in entry.meta:
            yield Hit(entry.field_line(name), 1, f"missing required field '{name}'",
                      f"add `{name}:`" + (f" ({f.doc})" if f.doc else ""))
        elif empty(entry.meta[name]):
            yield field_hit(entry, name, f"required field '{name}' is empty")
    if kind == "plan":
        for item in seq_items(entry, "tasks"):
            if not isinstance(getattr(item, "value", None), list):
                continue
            for name in ("id", "what", "status"):
                pair = mapping_get(item, name)
                if pair is None:
                    yield node_hit(entry, item, f"task is missing required field '{name}'")
                elif empty(pair[1].value):
                    yield node_hit(entry, pair[1], f"task field '{name}' is empty")


def _unknown_in(entry, node, known, where: str, known_set=None):
    if not isinstance(getattr(node, "value", None), list):
        return
    if known_set is None:
        known_set = set(known)
    for k, _v in node.value:
        key = getattr(k, "value", None)
        if isinstance(key, str) and key not in known_set:
            s = _suggest(key, known)
            yield node_hit(entry, k, f"unknown {where}field '{key}'" + (f"; did you mean '{s}'?" if s else ""),
                           f"rename it to `{s}`" if s else f"known fields: {', '.join(known)}")


_KNOWN: dict[str, tuple] = {}  # kind -> (its FIELDS, their names in order, as a set)


@rule("CF102", "unknown-field", severity="warning", kinds=ALL,
      summary="A field that this kind of entry does not have (usually a typo), with a did-you-mean.",
      why="A misspelt field is silently ignored: a `due` typed as `dew` leaves the goal without a deadline.",
      bad=_fm("kind: note\nwhy_: Review housing applications\n"),
      good=_fm(""))
def unknown_field(entry, ctx):
    kind = entry.kind
    if kind not in FIELDS or entry.node is None:
        return
    fields = FIELDS[kind]
    known = _KNOWN.get(kind)
    if known is None or known[0] is not fields or len(known[1]) != len(fields):  # (the model's, made once)
        known = _KNOWN[kind] = (fields, list(fields), frozenset(fields))
    yield from _unknown_in(entry, entry.node, known[1], "", known[2])
    if kind == "goal":
        m = entry.key_node("measure")
        if m is not None:
            yield from _unknown_in(entry, m[1], MEASURE_KEYS, "measure ")
    if kind == "plan":
        for item in seq_items(entry, "tasks"):
            yield from _unknown_in(entry, item, list(TASK_FIELDS), "task ")
            svc = mapping_get(item, "service")
            if svc is not None:
                yield from _unknown_in(entry, svc[1], SERVICE_KEYS, "service ")


_PY_TYPES = {"str": (str, int, float), "list": (list,), "map": (dict,), "int": (int,), "bool": (bool,)}
_TYPE_WORDS = {"str": "text", "list": "a list ([a, b])", "map": "a set of `key: value` lines", "int": "a whole number",
               "bool": "true or false"}


def _type_ok(ftype: str, value) -> bool:
    if value is None or ftype in ("date", "datetime", "duration"):
        return True
    if ftype == "int" and isinstance(value, bool):
        return False
    if ftype == "str" and isinstance(value, bool):
        return False
    return isinstance(value, _PY_TYPES.get(ftype, (object,)))


@rule("CF103", "wrong-type", severity="error", kinds=ALL,
      summary="A field holds the wrong type of value (text where a list is expected, a list where text is).",
      why="Tools that read the field (reports, the linter, the client's export) need the shape they expect.",
      bad=_fm("kind: note\ngoals: g01\n"),
      good=_fm("kind: note\ngoals: [g01]\n"))
def wrong_type(entry, ctx):
    kind = entry.kind
    if kind not in FIELDS:
        return
    for name, value in entry.meta.items():
        f = FIELDS[kind].get(name)
        if f is None or _type_ok(f.type, value):
            continue
        yield field_hit(entry, name, f"'{name}' should be {_TYPE_WORDS.get(f.type, f.type)}",
                        f"write it as `{name}: [{value}]`" if f.type == "list" and isinstance(value, str) else None)
    if kind == "plan":
        tasks = entry.meta.get("tasks")
        for i, item in enumerate(seq_items(entry, "tasks")):
            if not isinstance(getattr(item, "value", None), list):
                yield node_hit(entry, item, "each task should be a set of `field: value` lines (id, what, who, due, status)")
                continue
            data = tasks[i] if isinstance(tasks, list) and i < len(tasks) and isinstance(tasks[i], dict) else {}
            for name, value in data.items():
                f = TASK_FIELDS.get(name)
                if f is None or _type_ok(f.type, value):
                    continue
                pair = mapping_get(item, name)
                if pair is not None:
                    yield node_hit(entry, pair[1], f"task field '{name}' should be {_TYPE_WORDS.get(f.type, f.type)}")


@rule("CF104", "invalid-value", severity="error", kinds=ALL,
      summary="A field's value is not one of its allowed values (kind, status, type, format, term...).",
      why="Reports and checks branch on these values; an unknown one is treated as nothing at all.",
      bad=_fm("kind: note\n").replace("type: session", "type: sesion"),
      good=_fm(""))
def invalid_value(entry, ctx):
    kind = entry.meta.get("kind")
    if "kind" in entry.meta and kind not in KINDS:
        s = _suggest(kind, KINDS)
        yield field_hit(entry, "kind", f"unknown kind '{_short(kind)}'" + (f"; did you mean '{s}'?" if s else ""),
                        f"one of: {', '.join(KINDS)}")
        return
    if kind not in FIELDS:
        return
    for name, f in FIELDS[kind].items():
        value = entry.meta.get(name)
        if not f.choices or name == "kind" or value is None or not isinstance(value, (str, int, float)):
            continue
        if str(value) not in f.choices:
            s = _suggest(value, f.choices)
            yield field_hit(entry, name, f"'{name}' is '{_short(value)}', not one of its values" + (f"; did you mean '{s}'?" if s else ""),
                            f"one of: {', '.join(f.choices)}")
    if kind == "plan":
        for item in seq_items(entry, "tasks"):
            pair = mapping_get(item, "status")
            choices = TASK_FIELDS["status"].choices
            if pair is not None and isinstance(pair[1].value, str) and pair[1].value and pair[1].value not in choices:
                yield node_hit(entry, pair[1], f"task status '{_short(pair[1].value)}' is not one of {', '.join(choices)}")
            svc = mapping_get(item, "service")
            t = mapping_get(svc[1], "type") if svc else None
            if t is not None and isinstance(t[1].value, str) and t[1].value not in ("referral", "service"):
                yield node_hit(entry, t[1], f"service type '{_short(t[1].value)}' is not one of referral, service")


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{1,2}:\d{2}(:\d{2})?)?$")


def _date_problem(ftype: str, value) -> str | None:
    if value is None or value == "":
        return None
    if ftype == "date":
        if isinstance(value, dt.date):
            return None
        if isinstance(value, str) and _ISO_DATE.match(value.strip()):
            try:
                dt.date.fromisoformat(value.strip())
                return None
            except ValueError:
                return "is not a real date"
        return "should be a date written YYYY-MM-DD"
    if ftype == "datetime":
        if isinstance(value, dt.date):
            return None
        if isinstance(value, str):
            s = value.strip().replace(" ", "T", 1)
            if _DATETIME.match(s):
                try:
                    dt.datetime.fromisoformat(s)
                    return None
                except ValueError:
                    return "is not a real date and time"
        return "should be a date and time written YYYY-MM-DDTHH:MM"
    if ftype == "duration":
        from casefile.dates import parse_duration
        from casefile.errors import InvalidValue

        try:
            parse_duration(value)
            return None
        except (InvalidValue, TypeError):
            return "should be a duration such as 50m, 2h, 2 weeks or 6mo"
    return None


_DATE_TYPES = ("date", "datetime", "duration")
_TEXT_PROBLEMS: dict[tuple[str, str], str | None] = {}
_UNSEEN = object()


@rule("CF105", "bad-date", severity="error", kinds=ALL,
      summary="A date, date-and-time or duration that cannot be read (2026-02-30, 'next Tuesday', '3 hrs-ish').",
      why="Dates drive timeliness, due dates and reports; one that cannot be read silently drops out of all of them.",
      bad=_fm("").replace("when: 2026-11-20T10:30", "when: 2026-11-31T10:30"),
      good=_fm(""))
def bad_date(entry, ctx):
    kind = entry.kind
    if kind not in FIELDS:
        return
    meta = entry.meta
    for name, f in FIELDS[kind].items():
        if f.type in _DATE_TYPES and name in meta:  # (_date_problem has nothing to say about other types)
            value = meta[name]
            if type(value) is str:  # the same texts in many files: each is judged once
                key = (f.type, value)
                p = _TEXT_PROBLEMS.get(key, _UNSEEN)
                if p is _UNSEEN:
                    if len(_TEXT_PROBLEMS) >= 20_000:
                        _TEXT_PROBLEMS.clear()
                    p = _TEXT_PROBLEMS[key] = _date_problem(f.type, value)
            else:
                p = _date_problem(f.type, value)
            if p:
                yield field_hit(entry, name, f"'{name}' {p}")
    if kind == "plan":
        tasks = entry.meta.get("tasks")
        for i, item in enumerate(seq_items(entry, "tasks")):
            data = tasks[i] if isinstance(tasks, list) and i < len(tasks) and isinstance(tasks[i], dict) else {}
            for name in ("due", "done"):
                p = _date_problem("date", data.get(name))
                pair = mapping_get(item, name)
                if p and pair:
                    yield node_hit(entry, pair[1], f"task '{name}' {p}")
            svc = data.get("service")
            if isinstance(svc, dict):
                p = _date_problem("date", svc.get("follow_up"))
                s = mapping_get(item, "service")
                pair = mapping_get(s[1], "follow_up") if s else None
                if p and pair:
                    yield node_hit(entry, pair[1], f"service 'follow_up' {p}")


@rule("CF106", "duplicate-id", severity="error", kinds=("plan", "client"),
      summary="Two tasks in a plan, or two needs or mandates in a profile, share an ID.",
      why="Notes and goals point at these IDs; a duplicate makes every reference ambiguous.",
      bad="---\nkind: plan\nclient: c-0001\ntasks:\n  - {id: t01, what: Call landlord, who: client, due: 2026-12-01, status: open}\n  - {id: t01, what: Book viewing, who: worker, due: 2026-12-03, status: open}\n---\n",
      good="---\nkind: plan\nclient: c-0001\ntasks:\n  - {id: t01, what: Call landlord, who: client, due: 2026-12-01, status: open}\n  - {id: t02, what: Book viewing, who: worker, due: 2026-12-03, status: open}\n---\n")
def duplicate_id(entry, ctx):
    lists = ("tasks",) if entry.kind == "plan" else ("needs", "mandates")
    for key in lists:
        seen = {}
        for item in seq_items(entry, key):
            pair = mapping_get(item, "id")
            if pair is None:
                continue
            v = pair[1].value
            if v in seen:
                yield node_hit(entry, pair[1], f"{key[:-1]} ID '{v}' is used twice (first on line {seen[v]})",
                               "give each one its own ID")
            else:
                seen[v] = entry.node_position(pair[1])[0]


@rule("CF107", "duplicate-field", severity="error", kinds=ALL,
      summary="The same field appears twice in the front matter; YAML keeps only the last one.",
      why="The first value is silently thrown away, often the one the worker meant.",
      bad=_fm("kind: note\nstatus: final\n"),
      good=_fm(""))
def duplicate_field(entry, ctx):
    if entry.node is None:
        return
    stack = [entry.node]
    while stack:
        node = stack.pop()
        v = getattr(node, "value", None)
        if not isinstance(v, list):
            continue
        if node.tag.endswith(":map"):
            seen = set()
            for k, val in v:
                key = getattr(k, "value", None)
                if isinstance(key, str):
                    if key in seen:
                        yield node_hit(entry, k, f"field '{key}' appears twice; only the last one counts",
                                       "keep one and delete the other")
                    seen.add(key)
                if isinstance(getattr(val, "value", None), list):  # (a scalar has nothing inside to look at)
                    stack.append(val)
        else:
            stack.extend(x for x in v if hasattr(x, "value"))


def _ids(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(x) for x in value if isinstance(x, (str, int))]
    return []


def _ref_hits(entry, key, known: set[str], what: str):
    pair = entry.key_node(key)
    if pair is None:
        return
    items = pair[1].value if isinstance(pair[1].value, list) else [pair[1]]
    for node in items:
        v = getattr(node, "value", None)
        if isinstance(v, str) and v and v not in known:
            s = _suggest(v, sorted(known))
            yield node_hit(entry, node, f"{what} '{v}' does not exist for this client" + (f"; did you mean '{s}'?" if s else ""),
                           f"known: {', '.join(sorted(known)) or 'none yet'}")


@rule("CF108", "unknown-goal", severity="error", kinds=("note", "plan"),
      summary="A note or a plan task refers to a goal ID that the client does not have.",
      why="The link from a contact or a task to a goal is how progress is reported; a broken link loses it.",
      bad=_fm("kind: note\ngoals: [g09]\n"),
      good=_fm("kind: note\ngoals: [g01]\n"))
def unknown_goal(entry, ctx):
    idx = ctx.client(entry.meta.get("client"))
    if not idx.known:
        return
    if entry.kind == "note":
        yield from _ref_hits(entry, "goals", idx.goal_ids, "goal")
    else:
        for item in seq_items(entry, "tasks"):
            pair = mapping_get(item, "goal")
            v = getattr(pair[1], "value", None) if pair else None
            if isinstance(v, str) and v and v not in idx.goal_ids:
                yield node_hit(entry, pair[1], f"goal '{v}' does not exist for this client")


@rule("CF109", "unknown-task", severity="error", kinds=("note",),
      summary="A note refers to a plan task ID that the client's plan does not have.",
      why="A contact that says it worked on a task that is not in the plan cannot be followed up.",
      bad=_fm("kind: note\ntasks: [t99]\n"),
      good=_fm("kind: note\ntasks: [t01]\n"))
def unknown_task(entry, ctx):
    idx = ctx.client(entry.meta.get("client"))
    if idx.known:
        yield from _ref_hits(entry, "tasks", idx.task_ids, "task")


@rule("CF110", "unknown-need", severity="error", kinds=("goal",),
      summary="A goal's `addresses` names a need or mandate that the client's profile does not have.",
      why="Relevance is shown by the link to an assessed need or a court condition; a broken link shows nothing.",
      bad="---\nkind: goal\nid: g01\nclient: c-0001\ntitle: Sign a lease\nterm: long\naddresses: [n9]\nstart: 2026-11-01\nstatus: active\n---\n",
      good="---\nkind: goal\nid: g01\nclient: c-0001\ntitle: Sign a lease\nterm: long\naddresses: [n1]\nstart: 2026-11-01\nstatus: active\n---\n")
def unknown_need(entry, ctx):
    idx = ctx.client(entry.meta.get("client"))
    if idx.known:
        yield from _ref_hits(entry, "addresses", idx.need_ids | idx.mandate_ids, "need or mandate")


_CONFLICT = re.compile(r"^(<{7}|>{7})(?: |$)|^={7}$", re.M)


@rule("CF111", "conflict-marker", severity="error", kinds=ALL,
      summary="Git conflict markers (<<<<<<<, =======, >>>>>>>) left in the file.",
      why="A half-merged record holds two versions of the truth; neither is what was signed.",
      bad="---\nkind: note\n---\n## Data\n<<<<<<< HEAD\nClient called at 10:00.\n=======\nClient called at 10:30.\n>>>>>>> other\n",
      good="---\nkind: note\n---\n## Data\nClient called at 10:30.\n")
def conflict_marker(entry, ctx):
    text = entry.text
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return  # (a marker of '=' alone is not reported: a Markdown heading underline looks the same)
    found = list(_CONFLICT.finditer(text))
    if not any(m.group(1) for m in found):
        return
    for m in found:
        line = entry.text.count("\n", 0, m.start()) + 1
        yield Hit(line, 1, "git conflict marker: resolve the merge and keep one version",
                  "edit the file, keep the right text, delete the marker lines", line, len(m.group(0)) + 1)


@rule("CF112", "id-mismatch", severity="error", kinds=("client", "goal", "plan", "note", "addendum"),
      summary="The `client` (or profile `id`) does not match the client folder, or a goal's `id` its file name.",
      why="The folder is the case ID; a file that names another client is filed in the wrong record.",
      bad=_fm("kind: note\n").replace("client: c-0001", "client: c-0002"),
      good=_fm(""))
def id_mismatch(entry, ctx):
    parts = entry.path.replace("\\", "/").split("/")
    if "clients" not in parts:
        return
    i = len(parts) - 1 - parts[::-1].index("clients")
    if i + 1 >= len(parts) - 1:
        return
    folder = parts[i + 1]
    key = "id" if entry.kind == "client" else "client"
    v = entry.meta.get(key)
    if isinstance(v, str) and v and v != folder:
        yield field_hit(entry, key, f"'{key}' is '{v}' but the file is in the folder of client '{folder}'",
                        "move the file or correct the field")
    if entry.kind == "goal":
        gid = entry.meta.get("id")
        name = parts[-1]
        if isinstance(gid, str) and gid and not (name == gid + ".md" or name.startswith(gid + "-")):
            yield field_hit(entry, "id", f"goal id '{gid}' does not match the file name", f"name the file {gid}-....md")
