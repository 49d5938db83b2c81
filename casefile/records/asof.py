"""`casefile show CLIENT --as-of DATE`: the client file exactly as it was committed on that date.

Read from git objects, never from the work tree: the last commit of the branch made on or before the date
(a bare date means the end of that day), its files under clients/<id>/, each note followed by its addenda.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from casefile import model
from casefile.caseload import Caseload
from casefile.errors import InvalidValue, UnknownClient
from casefile.records.gitlog import git
from casefile.records.common import ADDENDA_DIR, CLOSING_FILE, quick_meta


@dataclass
class FileVersion:
    path: str  # relative to the caseload
    text: str
    amends: str | None = None  # for an addendum: the note's path relative to the caseload


@dataclass
class ClientAsOf:
    client: str
    as_of: str
    commit: str | None
    committed: str | None
    files: list[FileVersion] = field(default_factory=list)


def parse_as_of(value: str) -> dt.datetime:
    from casefile.dates import parse_datetime

    value = (value or "").strip()
    when = parse_datetime(value, what="--as-of date")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) or not re.search(r"\d:\d", value):
        when = when.replace(hour=23, minute=59, second=59)
    return when


def _order(files: list[FileVersion], client_dir: str) -> list[FileVersion]:
    by_path = {f.path: f for f in files}
    rel = lambda f: f.path[len(client_dir) + 1:]  # noqa: E731
    head = [by_path[p] for p in (f"{client_dir}/{model.PROFILE_FILE}", f"{client_dir}/{model.PLAN_FILE}") if p in by_path]
    goals = sorted((f for f in files if rel(f).startswith(model.GOALS_DIR + "/")), key=lambda f: f.path)
    notes = sorted((f for f in files if rel(f).startswith(model.NOTES_DIR + "/")), key=lambda f: f.path)
    addenda = sorted((f for f in files if rel(f).startswith(ADDENDA_DIR + "/")), key=lambda f: f.path)
    ordered = head + goals
    placed = set()
    for n in notes:
        ordered.append(n)
        for a in addenda:
            if a.amends == n.path:
                ordered.append(a)
                placed.add(a.path)
    ordered += [a for a in addenda if a.path not in placed]
    seen = {f.path for f in ordered}
    closing = [f for f in files if rel(f) == CLOSING_FILE]
    rest = sorted((f for f in files if f.path not in seen and f not in closing), key=lambda f: f.path)
    return ordered + rest + closing


def client_as_of(caseload: Caseload, client_id: str, as_of: str | None) -> ClientAsOf:
    from casefile.records.gitlog import check_repository, head, read_blobs

    caseload.client_dir(client_id, must_exist=False)  # the ID itself must be valid
    check_repository(caseload.root)
    if head(caseload.root) is None:
        raise InvalidValue("this caseload has no history yet")
    if as_of:
        when = parse_as_of(as_of)
        stamp = when.strftime("%Y-%m-%d %H:%M:%S")
        commit = git(caseload.root, "rev-list", "-1", "--first-parent", f"--before={stamp}", "HEAD").strip() or None
        label = as_of
    else:
        commit, label = head(caseload.root), "now (last commit)"
    if commit is None:
        raise UnknownClient(f"{client_id} did not exist on {label}: the caseload has no earlier history")
    client_dir = f"{model.CLIENTS_DIR}/{client_id}"
    out = git(caseload.root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", client_dir + "/")
    listing = []
    for item in out.split("\0"):
        if "\t" in item:
            meta, path = item.split("\t", 1)
            listing.append((path, meta.split()[2]))
    if not listing:
        raise UnknownClient(f"{client_id} did not exist on {label}")
    blobs = read_blobs(caseload.root, [b for _, b in listing])
    files = []
    for path, blob in listing:
        text = (blobs.get(blob) or b"").decode("utf-8", "replace")
        amends = None
        if f"/{ADDENDA_DIR}/" in path:
            a = quick_meta(text).get("amends")
            amends = f"{client_dir}/{a}" if a else None
        files.append(FileVersion(path, text, amends))
    committed = git(caseload.root, "show", "-s", "--format=%cI", commit).strip()
    return ClientAsOf(client_id, label, commit, committed, _order(files, client_dir))
