"""The lint engine: find the files, parse each once, index each client, run the rules, apply configuration
and suppressions, cache what can be cached, and hand back sorted findings.

    report = lint(root)                                   # the whole caseload
    report = lint(root, ["clients/c-0001"])               # some files or folders
    report = lint_text(text, "clients/c-0001/notes/x.md", root)   # one text (stdin, an editor buffer)

A file that cannot be read (binary, not UTF-8, over 1 MiB), a symlink that leads out of the caseload, or
front matter that is not YAML gives one finding and the rest goes on. A rule that crashes is an internal
error (reported after the findings, exit 2) and never stops the other rules or files.

Cold runs over many files use every core (fork); the unit of work is a client folder, because the rules
that check references across files need that client's index (goal, task, need and mandate IDs, note paths).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from casefile.errors import CasefileError, EntryParseError, InvalidValue
from casefile.lint import cache as cache_mod
from casefile.lint.api import REGISTRY, ClientIndex, Hit, LintContext, Rule, rule
from casefile.lint.settings import SEVERITIES, LintSettings, parse_settings
from casefile.model import CLIENTS_DIR, GOALS_DIR, NOTES_DIR, PLAN_FILE, PROFILE_FILE

MAX_BYTES = 1 << 20  # 1 MiB: bigger files are reported, never read
PARALLEL_THRESHOLD = 600  # files to lint before a run uses more than one process
PARSE_ERROR, UNREADABLE, OUTSIDE_LINK = "CF100", "CF193", "CF194"
INDEX_FIELDS = ("client_id", "goal_ids", "task_ids", "need_ids", "mandate_ids", "note_paths", "known")
STDIN = "-"

_loaded = False


def load_rules() -> dict[str, Rule]:
    """Import the rules package (it registers every rule) and the engine's own rules; the registry."""
    global _loaded
    if not _loaded:
        import casefile.lint.rules  # noqa: F401 - registers the rules
        import casefile.lint.suppress  # noqa: F401 - CF190-CF192

        _register_engine_rules()
        _loaded = True
    return REGISTRY


_FILE_DOC = "It is found by the engine when it reads the file, before any rule runs."


def _register_engine_rules() -> None:
    def nothing(entry, ctx):
        return ()

    if PARSE_ERROR not in REGISTRY:
        rule(PARSE_ERROR, "invalid-front-matter", severity="error", kinds=(),
             summary="The front matter cannot be read: not valid YAML, not closed, or not a set of fields.",
             why="A file whose front matter cannot be read cannot be checked at all, and other casefile "
                 "commands cannot read it either. " + _FILE_DOC,
             bad="---\nkind: note\nwho: [client, worker asmith\n---\n", good="---\nkind: note\nwho: [client, worker asmith]\n---\n",
             )(nothing)
    if UNREADABLE not in REGISTRY:
        rule(UNREADABLE, "unreadable-file", severity="error", kinds=(),
             summary="A file that cannot be linted: binary, not UTF-8 text, over 1 MiB, or not readable.",
             why="Entries are UTF-8 Markdown. A file casefile cannot read is reported once and skipped, so the "
                 "rest of the caseload is still checked. " + _FILE_DOC,
             bad="(a scanned PDF saved as notes/2026-11-22-1030-session.md)",
             good="(the scan kept outside clients/, and a note that describes it)")(nothing)
    if OUTSIDE_LINK not in REGISTRY:
        rule(OUTSIDE_LINK, "symlink-outside-caseload", severity="error", kinds=(),
             summary="A symbolic link in a client folder that points outside the caseload (not followed).",
             why="A client's record must live in the caseload, where git keeps its history. A link out of it "
                 "is not followed, so what it points at is neither checked nor versioned. " + _FILE_DOC,
             bad="clients/c-0001/notes/visit.md -> /home/asmith/Desktop/visit.md",
             good="clients/c-0001/notes/visit.md (the file itself)")(nothing)


# -- results -------------------------------------------------------------------------------------------------

@dataclass
class Finding:
    path: str
    line: int
    column: int
    end_line: int | None
    end_column: int | None
    code: str
    name: str
    severity: str
    message: str
    suggestion: str | None = None

    def sort_key(self):
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "code": self.code, "name": self.name, "severity": self.severity,
                "message": self.message, "suggestion": self.suggestion}


@dataclass
class Report:
    findings: list[Finding]
    files: int  # files looked at
    fail_on: str
    suppressed: int = 0
    cached: int = 0  # files whose findings came from the cache
    linted: int = 0  # files parsed and checked in this run
    errors: list[str] = field(default_factory=list)  # internal errors (a rule that crashed)
    root: Path | None = None

    @property
    def failed(self) -> bool:
        from casefile.lint.settings import SEVERITIES

        level = SEVERITIES.index(self.fail_on)
        return any(SEVERITIES.index(f.severity) >= level for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 2 if self.errors else 1 if self.failed else 0

    def summary(self) -> dict[str, Any]:
        by_sev = {s: 0 for s in ("error", "warning", "info")}
        by_code: dict[str, int] = {}
        for f in self.findings:
            by_sev[f.severity] = by_sev.get(f.severity, 0) + 1
            by_code[f.code] = by_code.get(f.code, 0) + 1
        return {"files": self.files, "findings": len(self.findings), "by_severity": by_sev,
                "by_code": dict(sorted(by_code.items())), "suppressed": self.suppressed, "fail_on": self.fail_on,
                "failed": self.failed, "internal_errors": len(self.errors)}


# -- where files come from -----------------------------------------------------------------------------------

_IN_CLIENTS = CLIENTS_DIR + "/"


class DiskSource:
    """The work tree. Stat keys are (size, mtime_ns, ctime_ns, inode), taken before each read."""

    def __init__(self, root: Path | None):
        self.root = root
        self._prefix = "" if root is None else str(root) + os.sep
        self._listing: dict[str, list[tuple[str, str | None]]] = {}
        self._stats: dict[str, tuple | None] = {}

    def abspath(self, rel: str) -> str:
        if rel.startswith(_IN_CLIENTS):  # nearly every path: no need to ask whether it is absolute
            return self._prefix + rel
        return rel if os.path.isabs(rel) else self._prefix + rel

    def stat(self, rel: str) -> tuple | None:
        """(size, mtime_ns, ctime_ns, inode), taken once per run (always before the file is read)."""
        try:
            return self._stats[rel]
        except KeyError:
            pass
        try:
            st = os.stat(self.abspath(rel))
            key: tuple | None = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        except OSError:
            key = None
        self._stats[rel] = key
        return key

    def read(self, rel: str) -> bytes:
        st = self.stat(rel)
        with open(self.abspath(rel), "rb") as f:
            # read(n) allocates n bytes first: ask for the size the stat saw (+1, to see a file that grew),
            # not 1 MiB, and read on only if there is more
            n = st[0] if st is not None and isinstance(st[0], int) and st[0] <= MAX_BYTES else MAX_BYTES
            data = f.read(n + 1)
            if len(data) > n and len(data) <= MAX_BYTES:
                data += f.read(MAX_BYTES + 1 - len(data))
            return data

    def client_ids(self) -> list[str]:
        assert self.root is not None
        try:
            with os.scandir(self.root / CLIENTS_DIR) as it:
                return sorted(e.name for e in it if not e.name.startswith(".") and (e.is_dir() or e.is_symlink()))
        except OSError:
            return []

    def client_exists(self, cid: str) -> bool:
        return self.root is not None and "/" not in cid and cid not in ("", ".", "..") and \
            (self.root / CLIENTS_DIR / cid).is_dir()

    def list_client(self, cid: str) -> list[tuple[str, str | None]]:
        """[(relative path, problem)] of every .md file under a client folder; problem is a CF194 message."""
        if cid not in self._listing:
            self._listing[cid] = list(self.walk(f"{CLIENTS_DIR}/{cid}"))
        return self._listing[cid]

    def walk(self, rel_dir: str) -> Iterator[tuple[str, str | None]]:
        """Markdown files under a folder inside the caseload, sorted; symlinks that lead out are reported."""
        assert self.root is not None
        root = self.root
        top = root / rel_dir
        if top.is_symlink():
            problem = self._link_problem(top)
            if problem:
                yield rel_dir, problem
                return
        stack = [rel_dir]
        while stack:
            d = stack.pop()
            try:
                with os.scandir(root / d) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError:
                continue
            subdirs = []
            for e in entries:
                if e.name.startswith("."):
                    continue
                rel = f"{d}/{e.name}"
                if e.is_symlink():
                    problem = self._link_problem(Path(e.path))
                    if problem:
                        if e.name.endswith(".md") or os.path.isdir(e.path) or not os.path.exists(e.path):
                            yield rel, problem
                        continue
                    if e.is_file() and e.name.endswith(".md"):
                        yield rel, None
                    continue  # a link to a folder inside the caseload: its files are linted where they are
                if e.is_dir(follow_symlinks=False):
                    subdirs.append(rel)
                elif e.name.endswith(".md") and e.is_file(follow_symlinks=False):
                    yield rel, None
            stack.extend(reversed(subdirs))

    def _link_problem(self, path: Path) -> str | None:
        assert self.root is not None
        try:
            target = path.resolve()
            target.relative_to(self.root.resolve())
            return None
        except (OSError, RuntimeError):
            return "symbolic link that cannot be resolved; not followed"
        except ValueError:
            return "symbolic link to a file outside the caseload; not followed"


class OverlaySource(DiskSource):
    """The work tree, with some files' content replaced (stdin, an editor's unsaved buffer)."""

    def __init__(self, root: Path | None, texts: dict[str, bytes]):
        super().__init__(root)
        self.texts = texts

    def stat(self, rel: str) -> tuple | None:
        return None if rel in self.texts else super().stat(rel)

    def read(self, rel: str) -> bytes:
        return self.texts[rel] if rel in self.texts else super().read(rel)

    def list_client(self, cid: str) -> list[tuple[str, str | None]]:
        files = list(super().list_client(cid))
        have = {r for r, _ in files}
        prefix = f"{CLIENTS_DIR}/{cid}/"
        files += [(r, None) for r in self.texts if r.startswith(prefix) and r not in have]
        return sorted(files)


# -- the per-client index, and watching what the rules look at ----------------------------------------------

def client_of(rel: str) -> str | None:
    parts = rel.split("/")
    return parts[1] if len(parts) >= 3 and parts[0] == CLIENTS_DIR else None


def index_role(rel: str) -> str | None:
    parts = rel.split("/")
    if len(parts) == 3 and parts[0] == CLIENTS_DIR:
        return {PROFILE_FILE: "p", PLAN_FILE: "t"}.get(parts[2])
    if len(parts) == 4 and parts[0] == CLIENTS_DIR and parts[2] == GOALS_DIR and parts[3].endswith(".md"):
        return "g"
    return None


def _ids(items: Any) -> tuple[str, ...]:
    out = []
    if isinstance(items, list):
        for it in items:
            if isinstance(it, dict):
                v = it.get("id")
                if isinstance(v, (str, int)) and not isinstance(v, bool):
                    out.append(str(v))
    return tuple(out)


_GOAL_FILE_ID = re.compile(r"^(g\d+)(?:-[a-z-]+)?\.md$")


def contribution(role: str, meta: dict | None, rel: str = "") -> tuple:
    """What one index file adds to its client's index, as a plain tuple (cached by content)."""
    if meta is None:
        # a goal file that cannot be read still holds its goal: its ID is in the name casefile gave it
        # (goals/g01-employment.md), so the notes that refer to it are not all reported as well
        m = _GOAL_FILE_ID.match(rel.rsplit("/", 1)[-1]) if role == "g" else None
        return ("g", (m.group(1),)) if m else (role,)
    if role == "p":
        return ("p", _ids(meta.get("needs")), _ids(meta.get("mandates")))
    if role == "t":
        return ("t", _ids(meta.get("tasks")))
    v = meta.get("id")
    return ("g", (str(v),) if isinstance(v, (str, int)) and not isinstance(v, bool) else ())


class Tracker:
    """What one rule looked at while checking one file: which parts of which index."""

    def __init__(self) -> None:
        self.deps: set[tuple[str, str]] = set()

    def reset(self) -> None:
        self.deps = set()


class TrackedIndex(ClientIndex):
    def __getattribute__(self, name: str):
        if name in INDEX_FIELDS:
            object.__getattribute__(self, "_tracker").deps.add((object.__getattribute__(self, "client_id"), name))
        return object.__getattribute__(self, name)


class TrackedClients(dict):
    """ctx.clients: indexes built on first use, and every lookup remembered as a dependency."""

    def __init__(self, engine: "Engine"):
        super().__init__()
        self._engine = engine

    def _load(self, cid: Any) -> bool:
        eng = self._engine
        if not isinstance(cid, str):
            return False
        eng.tracker.deps.add((cid, "@exists"))
        if not dict.__contains__(self, cid):
            idx = eng.index(cid)
            if idx is None:
                return False
            t = TrackedIndex(**{f: getattr(idx, f) for f in INDEX_FIELDS})
            object.__setattr__(t, "_tracker", eng.tracker)
            dict.__setitem__(self, cid, t)
        return True

    def __contains__(self, cid: object) -> bool:
        return self._load(cid)

    def __getitem__(self, cid: str):
        if not self._load(cid):
            raise KeyError(cid)
        return dict.__getitem__(self, cid)

    def get(self, cid, default=None):
        return self[cid] if self._load(cid) else default

    def _all(self) -> None:
        self._engine.tracker.deps.add(("*", "*"))
        for cid in self._engine.all_client_ids():
            self._load(cid)

    def __iter__(self):
        self._all()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._all()
        return dict.__len__(self)

    def keys(self):
        self._all()
        return dict.keys(self)

    def values(self):
        self._all()
        return dict.values(self)

    def items(self):
        self._all()
        return dict.items(self)


class TrackedContext(LintContext):
    """A LintContext whose clock remembers how the rules used it (see cache.Clock)."""

    @property  # type: ignore[override]
    def now(self) -> dt.datetime:
        return self._clock.tracked_now()

    @now.setter
    def now(self, value: dt.datetime) -> None:
        self._clock = cache_mod.Clock(value)

    @property
    def today(self) -> dt.date:
        return self._clock.tracked_today()


# -- the engine ---------------------------------------------------------------------------------------------

@dataclass
class Target:
    rel: str  # relative to the root (posix); absolute for a file outside the caseload; "-" for stdin
    problem: tuple[str, str] | None = None  # (code, message) of a file that is not read at all
    cacheable: bool = True


class Engine:
    def __init__(self, root: Path | None, settings: LintSettings, config: Any, source, *, now: dt.datetime,
                 cache: cache_mod.Cache):
        self.root = root
        self.settings = settings
        self.config = config
        self.source = source
        self.cache = cache
        self.registry = load_rules()
        self.now = now
        self.tracker = Tracker()
        self.ctx = TrackedContext(settings=settings.rules_settings, config=config, root=root, now=now)
        self.clock: cache_mod.Clock = self.ctx._clock
        self.ctx.clients = TrackedClients(self) if root is not None else {}
        self._data: dict[str, bytes] = {}
        self._digests: dict[str, bytes] = {}
        self._entries: dict[str, Any] = {}
        self._index: dict[str, ClientIndex | None] = {}
        self._field_hash: dict[tuple[str, str], str] = {}
        self._rules_for: dict[tuple[frozenset, str | None], list[Rule]] = {}
        self.errors: list[str] = []
        self.snapshot_ok = False
        self._deps_ok: dict[tuple, bool] = {}
        self._shared: dict[tuple, tuple] = {}
        self.contribs: dict[str, tuple] = {}

    # ---- file content, once ----
    def stat(self, rel: str) -> tuple | None:
        return self.source.stat(rel)

    def data(self, rel: str) -> bytes:
        try:
            return self._data[rel]
        except KeyError:
            pass
        self.stat(rel)  # the stat key is always taken before the read
        data = self._data[rel] = self.source.read(rel)
        return data

    def digest(self, rel: str) -> bytes | None:
        """The content hash, from the cache's stat key when it is trustworthy, else by reading."""
        if rel in self._digests:
            return self._digests[rel]
        rec = self.cache.get(rel)
        st = self.stat(rel)
        if rec is not None and st is not None and rec[cache_mod.STAT] is not None and tuple(rec[cache_mod.STAT]) == st:
            d = rec[cache_mod.DIGEST]
        else:
            try:
                d = cache_mod.digest(self.data(rel))
            except OSError:
                d = None
        self._digests[rel] = d
        return d

    def entry(self, rel: str):
        """The parsed entry, or (code, line, message) of why there is none."""
        if rel in self._entries:
            return self._entries[rel]
        from casefile.lint.fastparse import parse_entry  # the loader's Entry; flat front matter read faster

        try:
            raw = self.data(rel)
        except OSError as e:
            result: Any = (UNREADABLE, 1, f"cannot read the file: {e.strerror or type(e).__name__}")
        else:
            if len(raw) > MAX_BYTES:
                result = (UNREADABLE, 1, "file is over 1 MiB; not read (entries are short text files)")
            elif b"\0" in raw:
                result = (UNREADABLE, 1, "binary file, not text; not read")
            else:
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError as e:
                    line = raw[: e.start].count(b"\n") + 1
                    result = (UNREADABLE, line, "not UTF-8 text; save it as UTF-8")
                else:
                    if text.startswith("\ufeff"):
                        text = text[1:]
                    if "casefile" in text.lower():
                        from casefile.lint.suppress import mask

                        text = mask(text)
                    try:
                        result = parse_entry(text, rel)
                    except EntryParseError as e:
                        result = (PARSE_ERROR, e.line or 1, e.problem)
        self._entries[rel] = result
        return result

    # ---- the per-client index ----
    def all_client_ids(self) -> list[str]:
        return self.source.client_ids() if self.root is not None else []

    def index(self, cid: str) -> ClientIndex | None:
        if cid in self._index:
            return self._index[cid]
        idx: ClientIndex | None = None
        if self.root is not None and self.source.client_exists(cid):
            idx = ClientIndex(cid, known=True)
            prefix = f"{CLIENTS_DIR}/{cid}/"
            for rel, problem in self.source.list_client(cid):
                sub = rel[len(prefix):]
                if sub.startswith(NOTES_DIR + "/"):
                    idx.note_paths.add(sub)
                role = index_role(rel)
                if role is None or problem:
                    continue
                c = self.contribution(rel, role)
                if c[0] == "p" and len(c) == 3:
                    idx.need_ids.update(c[1])
                    idx.mandate_ids.update(c[2])
                elif c[0] == "t" and len(c) == 2:
                    idx.task_ids.update(c[1])
                elif c[0] == "g" and len(c) == 2:
                    idx.goal_ids.update(c[1])
        self._index[cid] = idx
        return idx

    def contribution(self, rel: str, role: str) -> tuple:
        if rel in self.contribs:
            return self.contribs[rel]
        rec = self.cache.get(rel)
        d = self.digest(rel)
        if rec is not None and d is not None and rec[cache_mod.DIGEST] == d and rec[cache_mod.CONTRIB] is not None:
            c = tuple(rec[cache_mod.CONTRIB])
        else:
            e = self.entry(rel)
            c = contribution(role, e.meta if not isinstance(e, tuple) else None, rel)
        self.contribs[rel] = c
        return c

    def dep_value(self, cid: str, fld: str) -> str:
        key = (cid, fld)
        if key not in self._field_hash:
            if cid == "*":
                parts = []
                for c in self.all_client_ids():
                    idx = self.index(c)
                    parts.append(repr((c, None if idx is None else [sorted(map(str, getattr(idx, f))) if isinstance(
                        getattr(idx, f), set) else getattr(idx, f) for f in INDEX_FIELDS])))
                value = "\n".join(parts)
            else:
                idx = self.index(cid)
                if fld == "@exists":
                    value = "1" if idx is not None else "0"
                elif idx is None:
                    value = "-"
                else:
                    v = getattr(idx, fld)
                    value = repr(sorted(v)) if isinstance(v, set) else repr(v)
            self._field_hash[key] = cache_mod.digest(value.encode()).hex()[:16]
        return self._field_hash[key]

    # ---- rules ----
    def rules_for(self, enabled: frozenset, kind: str | None) -> list[Rule]:
        key = (enabled, kind)
        got = self._rules_for.get(key)
        if got is None:
            got = [r for c, r in sorted(self.registry.items())
                   if c in enabled and c not in _ENGINE_ONLY and (not r.kinds or kind in r.kinds)]
            self._rules_for[key] = got
        return got

    def run_rules(self, rel: str, entry, rules: Iterable[Rule]):
        """(hits, codes to run again every time, clock conditions, index fields read) of rules on one entry."""
        hits: list[tuple] = []
        timed: set[str] = set()
        conds: set[tuple[str, str, int]] = set()
        deps: set[tuple[str, str]] = set()
        n_lines = entry.text.count("\n") + 1
        clock = self.clock
        tracker = self.tracker
        ctx = self.ctx
        for r in rules:
            if tracker.deps:
                tracker.reset()
            if clock.used or clock.opaque or clock.conds:  # most rules never look at the clock
                clock.reset()
            try:
                found = list(r.check(entry, ctx))
                if found:  # (most rules find nothing in most files)
                    found = [_hit_tuple(r.code, h, n_lines) for h in found]
            except CasefileError:
                raise
            except Exception as e:  # noqa: BLE001 - one broken rule must not stop the others
                if os.environ.get("CASEFILE_DEBUG"):
                    raise
                self.errors.append(f"rule {r.code} ({r.name}) failed on {rel}: {type(e).__name__}")
                continue
            if clock.opaque:
                timed.add(r.code)
            elif clock.conds:
                conds |= clock.conds
            if tracker.deps:
                deps |= tracker.deps
            hits += found
        return hits, timed, conds, deps

    def lint_file(self, t: Target) -> tuple:
        """A fresh cache record for one file (see cache.py for its fields)."""
        rel = t.rel
        enabled = self.settings.enabled(rel, self.registry)
        st = self.stat(rel)
        e = self.entry(rel)
        try:
            raw = self.data(rel)
        except OSError:
            raw = b""
        d = cache_mod.digest(raw)
        self._digests[rel] = d
        role = index_role(rel) if self.root is not None else None
        if isinstance(e, tuple):
            code, line, message = e
            hits = [(code, line, 1, None, None, message, None, None)] if code in enabled else []
            text = raw.decode("utf-8", "replace") if code == PARSE_ERROR else ""
            from casefile.lint.suppress import parse_directives

            directives = tuple(x.as_tuple() for x in parse_directives(text))
            contrib = contribution(role, None, rel) if role else None
            return (self.cache.trusted_stat(st), d, _codes_key(enabled), (), tuple(hits), (), contrib, directives,
                    text.count("\n") + 1, ())
        rules = self.rules_for(enabled, e.kind)
        hits, timed, conds, deps = self.run_rules(rel, e, rules)
        from casefile.lint.suppress import parse_directives

        directives = ()
        if b"casefile" in raw.lower():  # the entry's text has the comments masked: read them from the file's
            directives = tuple(x.as_tuple() for x in parse_directives(raw.decode("utf-8").lstrip("\ufeff")))
        contrib = self.contribution(rel, role) if role else None
        self._entries.pop(rel, None)  # done with it: thousands of YAML trees kept alive slow the whole run
        dep_t = tuple(sorted((c, f, self.dep_value(c, f)) for c, f in deps))
        dep_t = self._shared.setdefault(dep_t, dep_t)  # one object for the many files with the same deps
        return (self.cache.trusted_stat(st), d, _codes_key(enabled), dep_t, tuple(hits), tuple(sorted(timed)),
                contrib, directives, e.text.count("\n") + 1, tuple(sorted(conds)))

    def valid(self, t: Target, rec: tuple | None) -> bool:
        if rec is None or not t.cacheable:
            return False
        d = self.digest(t.rel)
        if d is None or rec[cache_mod.DIGEST] != d:
            return False
        if rec[cache_mod.CODES] != _codes_key(self.settings.enabled(t.rel, self.registry)):
            return False
        if rec[cache_mod.CONDS] and not cache_mod.conds_hold(rec[cache_mod.CONDS], self.now):
            return False
        deps = rec[cache_mod.DEPS]
        if not deps:
            return True
        ok = self._deps_ok.get(deps)
        if ok is None:
            ok = self._deps_ok[deps] = all(self.dep_value(c, f) == v for c, f, v in deps)
        return ok

    def refresh_timed(self, t: Target, rec: tuple) -> tuple:
        """A cached record whose clock-reading rules are run again, now."""
        e = self.entry(t.rel)
        if isinstance(e, tuple):
            return self.lint_file(t)
        timed = set(rec[cache_mod.TIMECODES])
        rules = [r for r in self.rules_for(self.settings.enabled(t.rel, self.registry), e.kind) if r.code in timed]
        hits, new_timed, _, deps = self.run_rules(t.rel, e, rules)
        old = [h for h in rec[cache_mod.HITS] if h[0] not in timed]
        dep_t = {tuple(x) for x in rec[cache_mod.DEPS]} | {(c, f, self.dep_value(c, f)) for c, f in deps}
        r = list(rec)
        r[cache_mod.HITS] = tuple(old + hits)
        r[cache_mod.DEPS] = tuple(sorted(dep_t))
        return tuple(r)


_ENGINE_ONLY = ("CF190", "CF191", "CF192", UNREADABLE, OUTSIDE_LINK)


_CODES_KEYS: dict[frozenset, str] = {}
_META: dict[str, tuple[str, str]] = {}  # code -> (name, severity) for one run


def _codes_key(enabled: frozenset) -> str:
    key = _CODES_KEYS.get(enabled)
    if key is None:
        key = _CODES_KEYS[enabled] = cache_mod.digest(",".join(sorted(enabled)).encode()).hex()[:16]
    return key


def _hit_tuple(code: str, h: Hit, n_lines: int) -> tuple:
    line = min(max(int(h.line or 1), 1), n_lines)
    col = max(int(h.column or 1), 1)
    end_line = h.end_line if h.end_line is None else max(int(h.end_line), line)
    end_col = h.end_column if h.end_column is None else max(int(h.end_column), 1)
    # interned: the same message object in many records is written once to the cache (marshal refs)
    return (sys.intern(code), line, col, end_line, end_col, sys.intern(str(h.message)),
            None if h.suggestion is None else sys.intern(str(h.suggestion)),
            h.severity if h.severity in SEVERITIES else None)


# -- parallel cold runs ---------------------------------------------------------------------------------------

_WORKER: tuple["Engine", dict[str, list[Target]]] | None = None


def _work(cid: str) -> tuple[list[tuple[str, tuple]], list[str]]:
    assert _WORKER is not None
    eng, groups = _WORKER
    before = len(eng.errors)
    out = [(t.rel, eng.lint_file(t)) for t in groups[cid]]
    return out, eng.errors[before:]


def _worker_init() -> None:
    import gc

    # A worker parses thousands of small files and keeps nothing between them; the collector's passes over
    # the YAML trees find nothing to free (nothing here makes reference cycles).
    gc.disable()


def _share(rec: tuple, shared: dict) -> tuple:
    """A record from a worker process, with its strings and dependency tuples shared again (smaller cache)."""
    hits = tuple((sys.intern(h[0]),) + h[1:5] + (sys.intern(h[5]), None if h[6] is None else sys.intern(h[6]), h[7])
                 for h in rec[cache_mod.HITS])
    deps = shared.setdefault(rec[cache_mod.DEPS], rec[cache_mod.DEPS])
    codes = shared.setdefault(rec[cache_mod.CODES], rec[cache_mod.CODES])
    r = list(rec)
    r[cache_mod.HITS], r[cache_mod.DEPS], r[cache_mod.CODES] = hits, deps, codes
    return tuple(r)


def _load_before_fork(eng: Engine) -> None:
    """Load what every worker would otherwise load for itself on its first file (the word lists' YAML and the
    agency's checked examples), so that it is done once, and shared by the workers through fork. The lists'
    regexes are compiled by each worker when it first needs one (0.04 s, at the same time in every worker,
    so the wall time is the same as compiling here first)."""
    from casefile.lint.rules._common import wordlists

    try:
        wordlists(eng.ctx)
    except Exception:  # noqa: BLE001 - bad word lists: the rules report it as they always have, in the workers
        pass


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _lint_many(eng: Engine, todo: list[Target], jobs: int) -> dict[str, tuple]:
    global _WORKER
    import multiprocessing as mp

    n = jobs if jobs > 0 else _cpus()
    results: dict[str, tuple] = {}
    if n > 1 and len(todo) >= PARALLEL_THRESHOLD and "fork" in mp.get_all_start_methods():
        groups: dict[str, list[Target]] = {}
        for t in todo:
            groups.setdefault(client_of(t.rel) or "", []).append(t)
        order = sorted(groups, key=lambda c: -len(groups[c]))
        _WORKER = (eng, groups)
        _load_before_fork(eng)
        import gc

        gc.freeze()  # the workers share the parent's objects without the collector touching (copying) them
        try:
            with mp.get_context("fork").Pool(min(n, len(groups)), initializer=_worker_init) as pool:
                shared: dict = {}
                # one client at a time, largest first: the workers finish together (a client is ~100 files,
                # so the cost of a task's round trip is nothing next to its work)
                for out, errors in pool.imap_unordered(_work, order, chunksize=1):
                    results.update((rel, _share(rec, shared)) for rel, rec in out)
                    eng.errors.extend(errors)
        finally:
            _WORKER = None
            gc.unfreeze()
        return results
    for t in todo:
        results[t.rel] = eng.lint_file(t)
    return results


# -- the run ---------------------------------------------------------------------------------------------------

def discover(root: Path | None, paths: list[str] | None, source, cwd: Path) -> list[Target]:
    """The files to lint: every client's .md files, or those under the given files and folders."""
    targets: dict[str, Target] = {}

    def add(rel: str, problem: str | None = None, cacheable: bool = True) -> None:
        if rel not in targets:
            targets[rel] = Target(rel, (OUTSIDE_LINK, problem) if problem else None, cacheable)

    def whole() -> None:
        for cid in source.client_ids():
            for rel, problem in source.list_client(cid):
                add(rel, problem)

    if not paths:
        if root is None:
            raise InvalidValue("no caseload here, and no files to lint", "give the files, or run it inside a caseload")
        whole()
    for arg in paths or ():
        p = Path(arg)
        ap = p if p.is_absolute() else cwd / p
        if not os.path.lexists(ap):
            raise InvalidValue(f"no such file or folder: {arg}")
        rel = _inside(root, ap)
        if rel is not None:
            if rel in (".", CLIENTS_DIR):
                whole()
            elif ap.is_symlink() and source._link_problem(ap):
                add(rel, source._link_problem(ap))
            elif ap.is_dir():
                for r, problem in source.walk(rel):
                    add(r, problem)
            else:
                add(rel)
        elif ap.is_dir():
            if root is not None and root.is_relative_to(ap.resolve()):
                whole()
                continue
            for dirpath, dirnames, filenames in os.walk(ap):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    if name.endswith(".md") and not name.startswith("."):
                        add(Path(os.path.abspath(Path(dirpath) / name)).as_posix(), cacheable=False)
        else:
            add(Path(os.path.abspath(ap)).as_posix(), cacheable=False)
    for t in targets.values():
        st = source.stat(t.rel) if t.problem is None and t.rel != STDIN else None
        if st is not None and isinstance(st[0], int) and st[0] > MAX_BYTES:
            t.problem = (UNREADABLE, f"file is over 1 MiB ({st[0] // 1024} KiB); not read")
    return sorted(targets.values(), key=lambda t: t.rel)


def _inside(root: Path | None, ap: Path) -> str | None:
    """The path relative to the caseload root (posix), or None when it is outside."""
    if root is None:
        return None
    for candidate in (Path(os.path.normpath(ap)), ap.parent.resolve() / ap.name):
        try:
            return candidate.relative_to(root).as_posix()
        except ValueError:
            continue
    return None


def run(eng: Engine, targets: list[Target], *, jobs: int = 0, whole: bool = False) -> Report:
    reg = eng.registry
    records: dict[str, tuple] = {}
    todo: list[Target] = []
    timed: list[tuple[Target, tuple]] = []
    cached = 0
    for t in targets:
        if t.problem:
            continue
        rec = eng.cache.get(t.rel)
        if eng.valid(t, rec):
            assert rec is not None
            cached += 1
            st = eng.cache.trusted_stat(eng.stat(t.rel))
            if st != rec[cache_mod.STAT]:  # the stat key became trustworthy (or changed): remember it
                rec = (st,) + tuple(rec[1:])
            if rec[cache_mod.TIMECODES]:
                timed.append((t, rec))
            else:
                records[t.rel] = rec
        else:
            todo.append(t)
    records.update(_lint_many(eng, todo, jobs))
    for t, rec in timed:
        records[t.rel] = eng.refresh_timed(t, rec)
    for t in targets:
        if t.rel in records and t.cacheable:
            eng.cache.put(t.rel, records[t.rel])

    from casefile.lint.suppress import Directive, apply

    findings: list[Finding] = []
    suppressed = 0
    _META.clear()
    settings = eng.settings
    for t in targets:
        enabled = settings.enabled(t.rel, reg)
        if t.problem:
            code, message = t.problem
            if code in enabled:
                findings.append(_finding(t, (code, 1, 1, None, None, message, None, None), reg, settings))
            continue
        rec = records[t.rel]
        hits = rec[cache_mod.HITS]
        if rec[cache_mod.DIRECTIVES]:
            directives = [Directive.from_tuple(x) for x in rec[cache_mod.DIRECTIVES]]
            kept, n, problems = apply(directives, [tuple(h) for h in hits], enabled, rec[cache_mod.NLINES], reg)
            suppressed += n
            hits = tuple(kept) + tuple(_hit_tuple(code, h, rec[cache_mod.NLINES]) for code, h in problems
                                       if code in enabled)
        if len(hits) > 1:
            hits = sorted(dict.fromkeys(tuple(h) for h in hits), key=_hit_order)
        for h in hits:
            findings.append(_finding(t, h, reg, settings))
    # targets are in path order and each file's findings in line order: the list is sorted already
    report = Report(findings, len(targets), settings.fail_on, suppressed, cached, len(todo) + len(timed),
                    sorted(set(eng.errors)), eng.root)
    if eng.cache.enabled:
        eng.cache.save(keep={t.rel for t in targets} if whole else None)
        if whole and eng.snapshot_ok:
            _save_snapshot(eng, targets, records, report)
    return report


def _hit_order(h: tuple):
    return (h[1], h[2], h[0], h[5])


# -- the whole-caseload snapshot: a warm run with nothing changed reads one small file --------------------------

def fingerprint(targets: list[Target], source) -> str:
    """A hash of every file's path and stat key (and of the files that are not read, and why)."""
    import marshal

    stat = source.stat
    data = marshal.dumps([(t.rel, t.problem, stat(t.rel)) for t in targets])
    return cache_mod.digest(data).hex()


def snapshot_key(config: Any) -> str:
    return cache_mod.global_key(getattr(config, "raw", None), "snapshot")


def _save_snapshot(eng: Engine, targets: list[Target], records: dict[str, tuple], report: Report) -> None:
    """Only for a run of the whole caseload with the rules as casefile ships them, no --select/--ignore, no
    internal error, and every file's stat key trustworthy (changed more than two seconds before the run)."""
    if report.errors or any(not getattr(r.check, "__module__", "").startswith("casefile.lint")
                            for r in eng.registry.values()):
        return
    volatile, conds = {}, set()
    for t in targets:
        rec = records.get(t.rel)
        if rec is None:
            continue
        if rec[cache_mod.STAT] is None:
            return
        if rec[cache_mod.TIMECODES]:
            volatile[t.rel] = rec
        else:
            conds.update(tuple(c) for c in rec[cache_mod.CONDS])
    vol = set(volatile)
    data = {
        "key": snapshot_key(eng.config), "fp": fingerprint(targets, eng.source), "files": report.files,
        "suppressed": report.suppressed, "conds": cache_mod.compress_conds(conds), "volatile": volatile,
        # what each profile, plan and goal adds to its client's index, for re-checking the volatile files
        "contribs": {rel: rec[cache_mod.CONTRIB] for rel, rec in records.items()
                     if rec[cache_mod.CONTRIB] is not None} if volatile else {},
        "findings": tuple((f.path, f.line, f.column, f.end_line, f.end_column, f.code, f.name, f.severity, f.message,
                           f.suggestion) for f in report.findings if f.path not in vol),
    }
    quick = _quick_part(eng, targets) if not volatile else None
    if quick is not None:
        data["quick"] = quick
    cache_mod.save_snapshot(cache_mod.snapshot_file(eng.root), data)
    answer = None
    if quick is not None:
        from casefile.lint.output import from_snapshot

        root = str(eng.root)
        out, err, code = from_snapshot(data, "text", False, root, root)
        answer = {"quick": quick, "conds": data["conds"], "files": data["files"], "volatile": {}, "out": out,
                  "err": err, "code": code}
    cache_mod.save_quick(eng.root, answer)


def _quick_part(eng: Engine, targets: list[Target]) -> dict | None:
    """The snapshot's quick part (see cache.quick_snapshot), when a plain walk would see these very files and
    casefile.yml's bytes are those of the settings this run used."""
    if eng.root is None or any(t.problem or not t.cacheable for t in targets) or type(eng.source) is not DiskSource:
        return None
    pairs = [(t.rel, eng.source.stat(t.rel)) for t in targets]  # the stat keys taken before each file was read
    if any(st is None for _, st in pairs):
        return None
    lint_cfg = getattr(eng.config, "lint", None) or {}
    level = str(lint_cfg.get("fail_on", "warning")).strip().lower()
    if level not in SEVERITIES:
        return None
    try:
        import json

        from casefile.entry import load_yaml

        raw = (eng.root / "casefile.yml").read_bytes()
        data, _ = load_yaml(raw.decode("utf-8"))
        same = json.dumps(data, sort_keys=True, default=str) == json.dumps(getattr(eng.config, "raw", None),
                                                                            sort_keys=True, default=str)
    except Exception:  # noqa: BLE001 - no quick part; the full check still works
        return None
    if not same:
        return None
    return {"key": cache_mod.quick_key(raw), "fp": cache_mod.quick_fingerprint(sorted(pairs)), "level": level}


def _from_snapshot(root: Path, config: Any, source, targets: list[Target], now: dt.datetime, fail_on: str | None,
                   jobs: int) -> Report | None:
    snap = cache_mod.load_snapshot(cache_mod.snapshot_file(root), snapshot_key(config))
    if snap is None or snap["fp"] != fingerprint(targets, source) or not cache_mod.conds_hold(snap["conds"], now):
        return None
    from casefile.lint.settings import SEVERITIES

    lint_cfg = getattr(config, "lint", None) or {}
    level = (fail_on or str(lint_cfg.get("fail_on", "warning"))).strip().lower()
    if level not in SEVERITIES:
        return None  # let the full path report the error
    findings = [Finding(*f) for f in snap["findings"]]
    report = Report(findings, snap["files"], level, snap["suppressed"], snap["files"], 0, [], root)
    if snap["volatile"]:
        # files whose findings change with the clock: checked again, as in any run
        load_rules()
        settings = parse_settings(getattr(config, "lint", None), fail_on=fail_on)
        store = cache_mod.Cache(None, cache_key(config))  # their records came with the snapshot; not saved
        store.records = dict(snap["volatile"])
        eng = Engine(root, settings, config, source, now=now, cache=store)
        # every file is as it was when the snapshot was made (same fingerprint): so are these
        eng.contribs.update((rel, tuple(c)) for rel, c in snap.get("contribs", {}).items())
        eng.snapshot_ok = False
        vol = set(snap["volatile"])
        sub = run(eng, [t for t in targets if t.rel in vol], jobs=jobs)
        report.findings = sorted(findings + sub.findings, key=lambda f: f.path)
        report.suppressed += sub.suppressed
        report.linted, report.cached = sub.linted, report.files - sub.linted
        report.errors = sub.errors
    return report


def _finding(t: Target, h: tuple, reg, settings: LintSettings) -> Finding:
    """A hit as a finding. Its severity: casefile.yml's for the rule, else the hit's own (a word-list
    entry's), else the rule's default."""
    code = h[0]
    meta = _META.get(code)
    if meta is None:
        r = reg.get(code)
        meta = _META[code] = (r.name if r else code.lower(), settings.severity_of(code, r.severity if r else "error"))
    severity = meta[1] if h[7] is None else settings.severity_of(code, h[7])
    return Finding(t.rel, h[1], h[2], h[3], h[4], code, meta[0], severity, h[5], h[6])


def lint(root: Path | None, paths: list[str] | None = None, *, config: Any = None, select: list[str] | None = None,
         ignore: list[str] | None = None, fail_on: str | None = None, use_cache: bool = True, jobs: int = 0,
         now: dt.datetime | None = None, stdin: tuple[str, bytes] | None = None, cwd: Path | None = None,
         source=None) -> Report:
    """Lint a caseload (root) or some paths in it, or lone files outside any caseload (root None).

    `stdin` is (path it stands for, content): that file alone is linted, with its client's index read from
    the caseload around it. Raises ConfigError or InvalidValue (exit 2) for bad settings or arguments.
    """
    cwd = cwd or Path.cwd()
    root = root.resolve() if root is not None else None
    if config is None and root is not None:
        from casefile.config import load_config

        config = load_config(root)
    now = now or dt.datetime.now().replace(microsecond=0)
    fast = use_cache and root is not None and stdin is None and not paths and not select and not ignore
    targets = None
    if fast and source is None:
        # Nothing changed since the last whole run? Then its findings stand (checked before the rules load).
        source = DiskSource(root)
        walked = cache_mod.take_walk(str(root))
        if walked:  # stat keys that launch.py's quick check took a moment ago, before any read
            source._stats.update(walked)
        targets = discover(root, None, source, cwd)
        report = _from_snapshot(root, config, source, targets, now, fail_on, jobs)
        if report is not None:
            return report
    load_rules()
    lint_cfg = getattr(config, "lint", None) if config is not None else None
    settings = parse_settings(lint_cfg, select=select, ignore=ignore, fail_on=fail_on)
    if stdin is not None:
        name, data = stdin
        rel = _stdin_rel(root, name, cwd)
        source = OverlaySource(root, {rel: data})
        eng = Engine(root, settings, config, source, now=now, cache=cache_mod.Cache.disabled())
        return run(eng, [Target(rel, None, cacheable=False)], jobs=1)
    source = source or DiskSource(root)
    store = cache_mod.Cache.disabled()
    if use_cache and root is not None:
        store = cache_mod.Cache(cache_mod.cache_file(root), cache_key(config))
    eng = Engine(root, settings, config, source, now=now, cache=store)
    eng.snapshot_ok = fast
    if targets is None:
        targets = discover(root, paths, source, cwd)
    return run(eng, targets, jobs=jobs, whole=not paths)


def cache_key(config: Any) -> str:
    """The cache's key: casefile's version and source, casefile.yml, and the rules registered (plugins too)."""
    rules = ";".join(f"{c},{r.name},{r.severity},{'/'.join(r.kinds)},{getattr(r.check, '__module__', '')}."
                     f"{getattr(r.check, '__qualname__', '')}" for c, r in sorted(load_rules().items()))
    return cache_mod.global_key(getattr(config, "raw", None), rules)


def _stdin_rel(root: Path | None, name: str | None, cwd: Path) -> str:
    if not name or name == STDIN:
        return STDIN
    p = Path(name)
    ap = p if p.is_absolute() else cwd / p
    return _inside(root, ap) or Path(os.path.abspath(ap)).as_posix()


def lint_text(text: str, path: str, root: Path | None = None, *, config: Any = None,
              now: dt.datetime | None = None) -> Report:
    """Lint one text as if it were the file at `path` (relative to the caseload root), for other commands
    (signing a note, an editor integration). Nothing is read from or written to the cache."""
    root = root.resolve() if root is not None else None
    return lint(root, config=config, now=now, stdin=(path, text.encode("utf-8")),
                cwd=root if root is not None else Path.cwd())
