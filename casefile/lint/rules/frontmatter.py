"""CF1xx: the file and its front matter: parse errors, missing and unknown fields, types, values, dates,
duplicates, references to goals, tasks and needs that do not exist, git conflict markers."""

from __future__ import annotations

import datetime as dt
import re

from yaml.nodes import ScalarNode

from casefile.lint.api import Hit, rule
from casefile.lint.rules._common import empty, field_hit, mapping_get, node_hit, seq_items
from casefile.lint.rules._fields import OWNED_BY_FIVE_WS  # noqa: F401  (this module's name before)
from casefile.lint.rules._fields import fields, unknown_field_text
from casefile.lint.rules._fields import suggest as _suggest
from casefile.model import FIELDS, KINDS, TASK_FIELDS

ALL = ()
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


@rule("CF101", "missing-field", severity="error", kinds=ALL,
      summary="A required field is missing or empty (or an entry, a profile, plan, goal or note, has no front matter "
              "at all; other Markdown files, such as a letter in clients/c-0002/attachments/, are not entries).",
      why="Required fields are what makes an entry usable: its kind, its client, its dates and its status.",
      bad="---\nkind: goal\nid: g01\nclient: c-0001\nterm: short\nstart: 2026-11-01\nstatus: active\n---\n",
      good="---\nkind: goal\nid: g01\nclient: c-0001\ntitle: Sign a lease\nterm: short\nstart: 2026-11-01\nstatus: active\n---\n")
def missing_field(entry, ctx):
    # (the rules of this file return lists rather than yield: most find nothing, and a list costs less)
    if not entry.has_front_matter:
        if not is_entry_path(entry.path):
            return ()  # a letter or an attachment kept in a client's folder is not an entry: nothing to report
        return [Hit(1, 1, "no front matter: the file should start with a '---' block of fields",
                    "run `casefile new` or copy the fields from a template")]
    fm = fields(entry)
    kind = fm.kind
    if kind not in FIELDS:
        if "kind" not in entry.meta:
            return [Hit(1, 1, "missing required field 'kind'", f"add `kind:` ({', '.join(KINDS)})")]
        return ()
    hits = []
    meta = entry.meta
    shape = fm.shape
    # Most entries have every required field, as text: whether any of it is blank is asked of all at once
    # (in C), and the fields are gone through one by one only when there is something to report or to look at
    if shape.required_others or (shape.required_texts and "" in map(str.strip, map(meta.__getitem__, shape.required_texts))):
        for name, add in shape.required:  # (only the fields that are missing or may be empty)
            if add is not None:
                hits.append(Hit(entry.field_line(name), 1, f"missing required field '{name}'", add))
            elif empty(meta[name]):
                hits.append(field_hit(entry, name, f"required field '{name}' is empty"))
    if kind == "plan":
        for item in seq_items(entry, "tasks"):
            if not isinstance(getattr(item, "value", None), list):
                continue
            for name in ("id", "what", "status"):
                pair = mapping_get(item, name)
                if pair is None:
                    hits.append(node_hit(entry, item, f"task is missing required field '{name}'"))
                elif empty(pair[1].value):
                    hits.append(node_hit(entry, pair[1], f"task field '{name}' is empty"))
    return hits


def _unknown_in(entry, node, known: tuple, where: str) -> list[Hit]:
    if not isinstance(getattr(node, "value", None), list):
        return []
    hits = []
    for k, _v in node.value:
        key = getattr(k, "value", None)
        if isinstance(key, str) and key not in known:
            message, suggestion = unknown_field_text(where, key, known)
            hits.append(node_hit(entry, k, message, suggestion))
    return hits


_TASK_KEYS = tuple(TASK_FIELDS)


@rule("CF102", "unknown-field", severity="warning", kinds=ALL,
      summary="A field that this kind of entry does not have (usually a typo), with a did-you-mean.",
      why="A misspelt field is silently ignored: a `due` typed as `dew` leaves the goal without a deadline.",
      bad=_fm("kind: note\nwhy_: Review housing applications\n"),
      good=_fm(""))
def unknown_field(entry, ctx):
    fm = fields(entry)
    kind = fm.kind
    if kind not in FIELDS or not entry.has_node():
        return ()
    if fm.key_facts is not None:  # the unknown keys, found once for these key names
        unknown = fm.key_facts.unknown
        hits = [node_hit(entry, fm.pairs[i][0], message, suggestion) for i, message, suggestion in unknown] \
            if unknown else []
    else:
        hits = _unknown_in(entry, entry.node, tuple(FIELDS[kind]), "")
    if kind == "goal":
        m = fm.pair("measure")
        if m is not None:
            hits += _unknown_in(entry, m[1], MEASURE_KEYS, "measure ")
    if kind == "plan":
        for item in seq_items(entry, "tasks"):
            hits += _unknown_in(entry, item, _TASK_KEYS, "task ")
            svc = mapping_get(item, "service")
            if svc is not None:
                hits += _unknown_in(entry, svc[1], SERVICE_KEYS, "service ")
    return hits


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
    fm = fields(entry)
    kind = fm.kind
    if kind not in FIELDS:
        return ()
    hits = []
    for name in fm.shape.wrong_type:  # (decided by the type of each value, once per layout of the fields)
        f = FIELDS[kind][name]
        value = entry.meta[name]
        hits.append(field_hit(entry, name, f"'{name}' should be {_TYPE_WORDS.get(f.type, f.type)}",
                              f"write it as `{name}: [{value}]`" if f.type == "list" and isinstance(value, str) else None))
    if kind == "plan":
        tasks = entry.meta.get("tasks")
        for i, item in enumerate(seq_items(entry, "tasks")):
            if not isinstance(getattr(item, "value", None), list):
                hits.append(node_hit(entry, item, "each task should be a set of `field: value` lines (id, what, who, due, status)"))
                continue
            data = tasks[i] if isinstance(tasks, list) and i < len(tasks) and isinstance(tasks[i], dict) else {}
            for name, value in data.items():
                f = TASK_FIELDS.get(name)
                if f is None or _type_ok(f.type, value):
                    continue
                pair = mapping_get(item, name)
                if pair is not None:
                    hits.append(node_hit(entry, pair[1], f"task field '{name}' should be {_TYPE_WORDS.get(f.type, f.type)}"))
    return hits


@rule("CF104", "invalid-value", severity="error", kinds=ALL,
      summary="A field's value is not one of its allowed values (kind, status, type, format, term...).",
      why="Reports and checks branch on these values; an unknown one is treated as nothing at all.",
      bad=_fm("kind: note\n").replace("type: session", "type: sesion"),
      good=_fm(""))
def invalid_value(entry, ctx):
    meta = entry.meta
    kind = meta.get("kind")
    if "kind" in meta and kind not in KINDS:
        s = _suggest(kind, KINDS)
        return [field_hit(entry, "kind", f"unknown kind '{_short(kind)}'" + (f"; did you mean '{s}'?" if s else ""),
                          f"one of: {', '.join(KINDS)}")]
    if kind not in FIELDS:
        return ()
    hits = []
    # (the fields with a list of values that hold text or a number, in the model's order)
    for name, choices in fields(entry).shape.choices:
        value = meta[name]
        if str(value) not in choices:
            s = _suggest(value, choices)
            hits.append(field_hit(entry, name, f"'{name}' is '{_short(value)}', not one of its values" + (f"; did you mean '{s}'?" if s else ""),
                                  f"one of: {', '.join(choices)}"))
    if kind == "plan":
        for item in seq_items(entry, "tasks"):
            pair = mapping_get(item, "status")
            choices = TASK_FIELDS["status"].choices
            if pair is not None and isinstance(pair[1].value, str) and pair[1].value and pair[1].value not in choices:
                hits.append(node_hit(entry, pair[1], f"task status '{_short(pair[1].value)}' is not one of {', '.join(choices)}"))
            svc = mapping_get(item, "service")
            t = mapping_get(svc[1], "type") if svc else None
            if t is not None and isinstance(t[1].value, str) and t[1].value not in ("referral", "service"):
                hits.append(node_hit(entry, t[1], f"service type '{_short(t[1].value)}' is not one of referral, service"))
    return hits


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
    fm = fields(entry)
    kind = fm.kind
    if kind not in FIELDS:
        return ()
    meta = entry.meta
    hits = []
    # (only the date fields whose value may be bad: _date_problem has nothing to say about other types, nor
    # about a date that YAML has read as one)
    for name, ftype in fm.shape.dates:
        value = meta[name]
        if ftype == "datetime" and type(value) is str:
            # (read once per entry with the CF7xx rules; no memo: a date and time is different in every note)
            if value == "":
                continue
            text, read = fm.text_datetime(name)
            if not _DATETIME.match(text):
                p = "should be a date and time written YYYY-MM-DDTHH:MM"
            else:
                p = "is not a real date and time" if read is None else None
        elif type(value) is str:  # the same texts in many files: each is judged once
            key = (ftype, value)
            p = _TEXT_PROBLEMS.get(key, _UNSEEN)
            if p is _UNSEEN:
                if len(_TEXT_PROBLEMS) >= 20_000:
                    _TEXT_PROBLEMS.clear()
                p = _TEXT_PROBLEMS[key] = _date_problem(ftype, value)
        else:
            p = _date_problem(ftype, value)
        if p:
            hits.append(field_hit(entry, name, f"'{name}' {p}"))
    if kind == "plan":
        tasks = entry.meta.get("tasks")
        for i, item in enumerate(seq_items(entry, "tasks")):
            data = tasks[i] if isinstance(tasks, list) and i < len(tasks) and isinstance(tasks[i], dict) else {}
            for name in ("due", "done"):
                p = _date_problem("date", data.get(name))
                pair = mapping_get(item, name)
                if p and pair:
                    hits.append(node_hit(entry, pair[1], f"task '{name}' {p}"))
            svc = data.get("service")
            if isinstance(svc, dict):
                p = _date_problem("date", svc.get("follow_up"))
                s = mapping_get(item, "service")
                pair = mapping_get(s[1], "follow_up") if s else None
                if p and pair:
                    hits.append(node_hit(entry, pair[1], f"service 'follow_up' {p}"))
    return hits


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
    if not entry.has_node():
        return ()
    fm = fields(entry)
    if fm.key_facts is None:
        return _duplicates_in(entry, [entry.node])
    # the top-level keys that repeat, found once for these key names; then the mappings and lists inside
    duplicates = fm.key_facts.duplicates
    hits = [_duplicate_hit(entry, fm.pairs[i][0], fm.keys[i]) for i in duplicates] if duplicates else []
    if fm.inside:
        hits += _duplicates_in(entry, list(fm.inside))
    return hits


def _duplicate_hit(entry, key_node, key: str) -> Hit:
    return node_hit(entry, key_node, f"field '{key}' appears twice; only the last one counts",
                    "keep one and delete the other")


def _duplicates_in(entry, stack: list) -> list[Hit]:
    """The repeated keys of every mapping in and under the nodes of the stack (the last one first)."""
    hits = []
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
                        hits.append(_duplicate_hit(entry, k, key))
                    seen.add(key)
                if isinstance(getattr(val, "value", None), list):  # (a scalar has nothing inside to look at)
                    stack.append(val)
        else:  # (nor has a scalar in a list: only the lists and mappings in it are looked at, in the same order)
            stack.extend([x for x in v if type(x) is not ScalarNode])
    return hits


def _ids(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(x) for x in value if isinstance(x, (str, int))]
    return []


def _ref_hits(entry, key, known: set[str], what: str) -> list[Hit]:
    # Every ID named and known, as the values say: nothing to report, and no node tree to build. (Only where
    # no mapping repeats a key, as the values then hold the one field the node tree would show.)
    value = entry.meta.get(key)
    if (type(value) is list or type(value) is str) and not entry.may_repeat_keys() and all(
            type(v) is str and v in known for v in (value if type(value) is list else (value,))):
        return []
    pair = fields(entry).pair(key)
    if pair is None:
        return []
    items = pair[1].value if isinstance(pair[1].value, list) else [pair[1]]
    hits = []
    for node in items:
        v = getattr(node, "value", None)
        if isinstance(v, str) and v and v not in known:
            s = _suggest(v, sorted(known))
            hits.append(node_hit(entry, node, f"{what} '{v}' does not exist for this client" + (f"; did you mean '{s}'?" if s else ""),
                                 f"known: {', '.join(sorted(known)) or 'none yet'}"))
    return hits


@rule("CF108", "unknown-goal", severity="error", kinds=("note", "plan"),
      summary="A note or a plan task refers to a goal ID that the client does not have.",
      why="The link from a contact or a task to a goal is how progress is reported; a broken link loses it.",
      bad=_fm("kind: note\ngoals: [g09]\n"),
      good=_fm("kind: note\ngoals: [g01]\n"))
def unknown_goal(entry, ctx):
    idx = ctx.client(entry.meta.get("client"))
    if not idx.known:
        return ()
    if entry.kind == "note":
        return _ref_hits(entry, "goals", idx.goal_ids, "goal")
    hits = []
    for item in seq_items(entry, "tasks"):
        pair = mapping_get(item, "goal")
        v = getattr(pair[1], "value", None) if pair else None
        if isinstance(v, str) and v and v not in idx.goal_ids:
            hits.append(node_hit(entry, pair[1], f"goal '{v}' does not exist for this client"))
    return hits


@rule("CF109", "unknown-task", severity="error", kinds=("note",),
      summary="A note refers to a plan task ID that the client's plan does not have.",
      why="A contact that says it worked on a task that is not in the plan cannot be followed up.",
      bad=_fm("kind: note\ntasks: [t99]\n"),
      good=_fm("kind: note\ntasks: [t01]\n"))
def unknown_task(entry, ctx):
    idx = ctx.client(entry.meta.get("client"))
    return _ref_hits(entry, "tasks", idx.task_ids, "task") if idx.known else ()


@rule("CF110", "unknown-need", severity="error", kinds=("goal",),
      summary="A goal's `addresses` names a need or mandate that the client's profile does not have.",
      why="Relevance is shown by the link to an assessed need or a court condition; a broken link shows nothing.",
      bad="---\nkind: goal\nid: g01\nclient: c-0001\ntitle: Sign a lease\nterm: long\naddresses: [n9]\nstart: 2026-11-01\nstatus: active\n---\n",
      good="---\nkind: goal\nid: g01\nclient: c-0001\ntitle: Sign a lease\nterm: long\naddresses: [n1]\nstart: 2026-11-01\nstatus: active\n---\n")
def unknown_need(entry, ctx):
    idx = ctx.client(entry.meta.get("client"))
    return _ref_hits(entry, "addresses", idx.need_ids | idx.mandate_ids, "need or mandate") if idx.known else ()


_CONFLICT = re.compile(r"^(<{7}|>{7})(?: |$)|^={7}$", re.M)


@rule("CF111", "conflict-marker", severity="error", kinds=ALL,
      summary="Git conflict markers (<<<<<<<, =======, >>>>>>>) left in the file.",
      why="A half-merged record holds two versions of the truth; neither is what was signed.",
      bad="---\nkind: note\n---\n## Data\n<<<<<<< HEAD\nClient called at 10:00.\n=======\nClient called at 10:30.\n>>>>>>> other\n",
      good="---\nkind: note\n---\n## Data\nClient called at 10:30.\n")
def conflict_marker(entry, ctx):
    text = entry.text
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return ()  # (a marker of '=' alone is not reported: a Markdown heading underline looks the same)
    found = list(_CONFLICT.finditer(text))
    if not any(m.group(1) for m in found):
        return ()
    hits = []
    for m in found:
        line = entry.text.count("\n", 0, m.start()) + 1
        hits.append(Hit(line, 1, "git conflict marker: resolve the merge and keep one version",
                        "edit the file, keep the right text, delete the marker lines", line, len(m.group(0)) + 1))
    return hits


def _client_folder(folder_path: str) -> str | None:
    """The client folder a file in this folder belongs to: the part after the last `clients` of the path, when
    the file is under it (clients/<id>/...), else None. A pure function of the folder's path, remembered: a
    caseload has a few folders per client and thousands of files in them."""
    try:
        return _CLIENT_FOLDERS[folder_path]
    except KeyError:
        pass
    parts = folder_path.split("/")
    got = None
    if "clients" in parts:
        i = len(parts) - 1 - parts[::-1].index("clients")
        if i + 1 < len(parts):
            got = parts[i + 1]
    if len(_CLIENT_FOLDERS) >= 20_000:
        _CLIENT_FOLDERS.clear()
    _CLIENT_FOLDERS[folder_path] = got
    return got


_CLIENT_FOLDERS: dict[str, str | None] = {}


@rule("CF112", "id-mismatch", severity="error", kinds=("client", "goal", "plan", "note", "addendum"),
      summary="The `client` (or profile `id`) does not match the client folder, or a goal's `id` its file name.",
      why="The folder is the case ID; a file that names another client is filed in the wrong record.",
      bad=_fm("kind: note\n").replace("client: c-0001", "client: c-0002"),
      good=_fm(""))
def id_mismatch(entry, ctx):
    folder_path, slash, name = entry.path.replace("\\", "/").rpartition("/")
    # (a file named `clients` is not in a client's folder, and neither is one whose path has no folder)
    folder = _client_folder(folder_path) if slash and name != "clients" else None
    if folder is None:
        return ()
    hits = []
    kind = entry.kind
    key = "id" if kind == "client" else "client"
    v = entry.meta.get(key)
    if isinstance(v, str) and v and v != folder:
        hits.append(field_hit(entry, key, f"'{key}' is '{v}' but the file is in the folder of client '{folder}'",
                              "move the file or correct the field"))
    if kind == "goal":
        gid = entry.meta.get("id")
        if isinstance(gid, str) and gid and not (name == gid + ".md" or name.startswith(gid + "-")):
            hits.append(field_hit(entry, "id", f"goal id '{gid}' does not match the file name", f"name the file {gid}-....md"))
    return hits
