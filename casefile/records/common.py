"""What the records commands share: which files are records, their signed state, finding a note or addendum."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Callable

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
# a top-level `key: value` line as casefile writes it; anything else in the front matter is read with YAML
_FM_KEY = re.compile(r"^([a-z_]+):(?:[ \t]+(.*?))?[ \t]*$")
_PLAIN_WORD = re.compile(r"^[A-Za-z]+(?:[ \t]+#.*)?$")
_FENCE = re.compile(r"^(?:---|\.\.\.)\r*$", re.M)
_STATUS_FINAL = re.compile(r"status\W*:.*final", re.I)


def is_record_path(path: str) -> bool:
    return bool(_RECORD.match(path))


def client_of(path: str) -> str | None:
    parts = path.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == model.CLIENTS_DIR else None


def quick_meta(text: str) -> dict[str, str]:
    """The top-level scalar fields of an entry's front matter, as text, as YAML reads them.

    Fast enough to read every version of every note in a history (the audit): front matter made of plain
    `key: value` lines (with indented or `- ` lines under a key) is read line by line, the last of a
    repeated key winning as in YAML; values keep no quotes. Anything else (a second `status`, `status :`,
    a tag, an anchor, a quoted or multi-line status, ...) is read with the YAML loader casefile reads
    entries with, so that the audit's "signed" is casefile's. Front matter that YAML cannot read counts
    as final when any line of it puts `final` after a `status`.
    """
    if not (text.startswith("---\n") or text.startswith("---\r\n")):
        return {}
    start = text.index("\n") + 1
    end = _FENCE.search(text, start)  # the closing line, as entry.split_front_matter finds it
    fm = text[start:max(start, end.start() - 1)] if end else text[start:]  # never closed: all of it
    meta: dict[str, str] = {}
    simple = True
    last = None
    for line in fm.splitlines():  # every YAML line break (and a few more)
        if not line or line[0] in " \t-#":
            if last is None and line.strip() and not line.lstrip().startswith("#"):
                simple = False  # an indented mapping: YAML's top level, not this reader's
                break
            if last == "status" and line.strip() and not line.lstrip().startswith("#"):
                simple = False  # a status value continued on the next line
                break
            continue
        m = _FM_KEY.match(line)
        if not m:
            simple = False
            break
        key, value = m.group(1), m.group(2) or ""
        if key == "status" and ("status" in meta or not _PLAIN_WORD.match(value)):
            simple = False
            break
        if value[:1] in "\"'" and value[-1:] == value[:1] and len(value) >= 2:
            value = value[1:-1]
        elif "#" in value:
            value = value.split(" #", 1)[0].rstrip()
        meta[key] = value
        last = key
    return meta if simple else _yaml_meta(fm)


def _yaml_meta(fm: str) -> dict[str, str]:
    import yaml

    from casefile.entry import load_yaml

    try:
        data = load_yaml(fm)[0]
    except (yaml.YAMLError, RecursionError):
        data = None
    if not isinstance(data, dict):  # unreadable: conservative, never a signed record taken for a draft
        meta = {}
        for line in fm.splitlines():
            m = _FM_KEY.match(line)
            if m:
                meta[m.group(1)] = m.group(2) or ""
        if any(_STATUS_FINAL.search(line) for line in fm.splitlines()):
            meta["status"] = "final"
        return meta
    return {str(k): "" if v is None else str(v) for k, v in data.items() if isinstance(k, (str, int, float, bool))}


def is_final(meta: dict) -> bool:
    return str(meta.get("status") or "").strip() == "final"


def read_text(path: Path, rel: str) -> str:
    """A file as it is on disk, line ends included (never translated); a one-line error (EntryParseError)
    when it cannot be read or is not UTF-8 text."""
    from casefile.errors import EntryParseError

    try:
        raw = path.read_bytes()
    except OSError as e:
        raise EntryParseError(rel, None, f"cannot read file: {e.strerror}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise EntryParseError(rel, raw[: e.start].count(b"\n") + 1, "not UTF-8 text") from None


def edit_keeping_newlines(text: str, edit: Callable[[str], str]) -> str:
    """`edit(text) -> text` (which writes "\n" line ends) applied so that the lines it does not change keep
    their own line ends, byte for byte: a signed CRLF note differs from its draft only in the changed lines.
    New lines get the file's usual line end."""
    if "\r\n" not in text:
        return edit(text)
    import difflib

    before = text.replace("\r\n", "\n")
    after = edit(before)
    old = _lines(text)
    a, b = _lines(before), _lines(after)
    crlf = sum(1 for line in old if line.endswith("\r\n"))
    eol = "\r\n" if crlf * 2 >= len(old) else "\n"
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out += old[i1:i2]
        elif op in ("replace", "insert"):
            out += [line[:-1] + eol if line.endswith("\n") else line for line in b[j1:j2]]
    return "".join(out)


def _lines(text: str) -> list[str]:
    """Lines split after each "\n" only (a lone "\r" stays inside its line), each with its line end."""
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    return lines + [parts[-1]] if parts[-1] else lines


def git_blob_id(data: bytes) -> str:
    """The id git gives a blob of these bytes (`git hash-object --stdin`, no filters)."""
    import hashlib

    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


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
    """A note (notes/) or else an addendum (addenda/) by file name or its unique start."""
    try:
        return caseload.find_entry(client_id, name, model.NOTES_DIR)
    except UnknownEntry as first:
        try:
            return caseload.find_entry(client_id, name, ADDENDA_DIR)
        except UnknownEntry:
            raise first from None


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

