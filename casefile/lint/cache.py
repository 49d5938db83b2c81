"""The lint cache: a re-run on unchanged files is nearly free, and a stale result is never served.

A file's raw findings are stored under its path together with everything they were computed from:
- the blake2b hash of the file's content;
- the set of rules that ran on it (the selection, with per-path ignores, as a key);
- the parts of other files it looked at: each `(client, field)` of a ClientIndex a rule read, with a hash of
  that field's value (a note that checks `goals: [g01]` depends on that client's goal IDs, not on its notes);
- the codes of rules that read `ctx.now` on this file: their findings change with the clock, so they are
  run again every time (only on the files where they looked at the clock);
and the whole cache is keyed on casefile's version, a digest of casefile's own source (rules and word
lists included), the Python version and casefile.yml, so a change to any of them starts afresh.

To know a file's content hash without reading it, a record also keeps the file's (size, mtime, ctime,
inode), as git's index does, and trusts it only when the file was last changed more than two seconds before
the run that recorded it started (so a write within the file system's timestamp granularity is never
missed). ctime cannot be set by `touch` or `rsync`, so a file whose content changed always looks changed.

The cache lives in the caseload's git folder (`.git/casefile/`) or, outside git, in the user's cache folder;
never in the work tree. `CASEFILE_CACHE_DIR` moves it; `casefile lint --no-cache` neither reads nor writes it.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
import sys
import time
try:  # what hashlib.blake2b is, without loading OpenSSL's hashes (a quick `casefile lint` needs only this)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

FORMAT = 4
FILE_NAME = f"lint-v{FORMAT}.cache"
RACY_NS = 2_000_000_000

# Record fields (a tuple, for a small, fast marshal file).
STAT, DIGEST, CODES, DEPS, HITS, TIMECODES, CONTRIB, DIRECTIVES, NLINES, CONDS = range(10)

_SOURCE_DIGEST: str | None = None


def digest(data: bytes) -> bytes:
    return blake2b(data, digest_size=16).digest()


def source_digest() -> str:
    """A hash of casefile's own code and data (everything but the CLI), so edited rules never reuse results."""
    global _SOURCE_DIGEST
    if _SOURCE_DIGEST is None:
        import casefile

        pkg = os.path.dirname(os.path.abspath(casefile.__file__))
        h = blake2b(digest_size=16)
        for dirpath, dirnames, filenames in os.walk(pkg):
            dirnames[:] = sorted(d for d in dirnames if d not in ("__pycache__", "cli") and not d.startswith("."))
            for name in sorted(filenames):
                if name.endswith((".py", ".yml", ".yaml", ".txt", ".json")):
                    p = os.path.join(dirpath, name)
                    h.update(os.path.relpath(p, pkg).replace(os.sep, "/").encode() + b"\0")
                    try:
                        with open(p, "rb") as f:
                            h.update(f.read())
                    except OSError:
                        h.update(b"?")
        _SOURCE_DIGEST = h.hexdigest()
    return _SOURCE_DIGEST


def global_key(config_raw: Any, extra: str = "") -> str:
    import json

    from casefile import __version__

    h = blake2b(digest_size=16)
    for part in (str(FORMAT), __version__, sys.version, source_digest(),
                 json.dumps(config_raw, sort_keys=True, default=str), extra):
        h.update(part.encode() + b"\0")
    return h.hexdigest()


def _git_dir(root: str) -> str | None:
    dot = os.path.join(root, ".git")
    if os.path.isdir(dot):
        return dot
    if os.path.isfile(dot):  # a worktree or submodule: "gitdir: <path>"
        try:
            with open(dot, encoding="utf-8") as f:
                line = f.read().strip()
        except (OSError, UnicodeDecodeError):
            return None
        if line.startswith("gitdir:"):
            p = os.path.join(root, line[7:].strip())  # (an absolute path stays as it is)
            return p if os.path.isdir(p) else None
    return None


def user_cache_dir() -> Path:
    from pathlib import Path

    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    elif os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "casefile"


def cache_file(root: Path) -> Path:
    from pathlib import Path

    return Path(_cache_path(str(root.resolve())))


def _cache_path(root: str) -> str:
    """cache_file of a resolved root, as a string (no pathlib: the quick check of launch.py uses it)."""
    tag = blake2b(root.encode(), digest_size=8).hexdigest()
    explicit = os.environ.get("CASEFILE_CACHE_DIR")
    if explicit:
        return os.path.join(explicit, f"{tag}-{FILE_NAME}")
    git = _git_dir(root)
    if git is not None:
        return os.path.join(git, "casefile", FILE_NAME)
    return os.path.join(str(user_cache_dir()), "lint", f"{tag}-{FILE_NAME}")


def _snapshot_path(root: str) -> str:
    f = _cache_path(root)
    head, name = os.path.split(f)
    return os.path.join(head, name.replace(".cache", ".snapshot"))


def snapshot_file(root: Path) -> Path:
    from pathlib import Path

    return Path(_snapshot_path(str(root.resolve())))


def load_snapshot(path: Path, key: str) -> dict | None:
    """The last whole-caseload run's findings (see engine._save_snapshot), if it was made with this key."""
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    return data


def save_snapshot(path: Path, data: dict) -> None:
    try:
        import tempfile

        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".snap-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(marshal.dumps(data))
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except (OSError, ValueError):
        pass


# -- the quick check: is the last whole run's snapshot still the answer? (casefile/launch.py) -------------------
# A whole-caseload snapshot also records, when it can, a "quick" part: a key made of casefile's version and
# source, the Python version and the exact bytes of casefile.yml (checked, when saved, to parse to the very
# settings the run used), and a hash of every linted file's path and stat key as a plain walk of clients/
# sees them. `casefile lint` with no options that change what is checked can then answer from the snapshot
# without importing typer, YAML, the rules or the engine. Any symbolic link, file over 1 MiB, unreadable
# folder or file that vanishes makes the quick check give up, and the full command decides.

QUICK_MAX_BYTES = 1 << 20  # engine.MAX_BYTES


def quick_key(config_bytes: bytes) -> str:
    from casefile import __version__

    h = blake2b(digest_size=16)
    for part in (str(FORMAT).encode(), __version__.encode(), sys.version.encode(), source_digest().encode(),
                 config_bytes, b"quick"):
        h.update(str(len(part)).encode() + b":" + part)
    return h.hexdigest()


def _quick_line(rel: str, size: int, mtime: int, ctime: int, ino: int) -> str:
    # "\0" sorts before any character of a path: the lines sort as their paths do
    return f"{rel}\0{size},{mtime},{ctime},{ino}"


def quick_fingerprint(pairs) -> str:
    """A hash of [(relative path, (size, mtime_ns, ctime_ns, inode))]: as quick_listing's lines, in order."""
    lines = sorted(_quick_line(rel, *st) for rel, st in pairs)
    return _quick_hash(lines)


def _quick_hash(lines: list) -> str:
    return blake2b("\n".join(lines).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def quick_listing(root: str, keep: dict | None = None) -> list | None:
    """One sorted line (path and stat key) for each Markdown file a whole-caseload run lints: what
    engine.discover finds when there is no link and no file over 1 MiB; None at anything unusual."""
    base = os.path.join(root, "clients")
    if os.path.islink(base):
        return None
    out: list = []
    append = out.append
    stack = []
    keep = {} if keep is None else keep  # the stat keys too, by path
    try:
        with os.scandir(base) as it:
            for e in it:
                name = e.name
                if name.startswith("."):
                    continue
                if e.is_symlink():
                    return None
                if e.is_dir(follow_symlinks=False):
                    stack.append(("clients/" + name, e.path))
        opendir, close, flags = os.open, os.close, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
        by_fd = os.scandir in os.supports_fd  # then each stat is looked up from the folder, not from /
        while stack:
            rel_dir, path = stack.pop()
            fd = opendir(path, flags) if by_fd else None
            try:
                with os.scandir(fd if fd is not None else path) as it:
                    for e in it:
                        name = e.name
                        if name[0] == ".":
                            continue
                        if e.is_symlink():
                            return None
                        if e.is_dir(follow_symlinks=False):
                            stack.append((rel_dir + "/" + name, path + "/" + name))
                        elif name.endswith(".md") and e.is_file(follow_symlinks=False):
                            st = e.stat(follow_symlinks=False)
                            if st.st_size > QUICK_MAX_BYTES:
                                return None
                            rel = f"{rel_dir}/{name}"
                            key = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
                            keep[rel] = key
                            append(f"{rel}\0{key[0]},{key[1]},{key[2]},{key[3]}")
            finally:
                if fd is not None:
                    close(fd)
    except OSError:
        return None
    out.sort()
    return out


def _quick_path(root: str) -> str:
    f = _cache_path(root)
    head, name = os.path.split(f)
    return os.path.join(head, name.replace(".cache", ".quick"))


def save_quick(root: Path, data: dict | None) -> None:
    """The quick file: the snapshot's quick part with `casefile lint`'s output, as printed at the top of the
    caseload, ready to write (None: remove it)."""
    path = _quick_path(str(root.resolve()))
    if data is None:
        try:
            os.unlink(path)
        except OSError:
            pass
        return
    from pathlib import Path

    save_snapshot(Path(path), data)


def quick_answer(root: str, now: dt.datetime) -> dict | None:
    """The quick file, if it still answers `casefile lint` at the top of the caseload `root` (resolved)."""
    return _answering(_quick_path(root), root, now)


def _answering(path: str, root: str, now: dt.datetime) -> dict | None:
    """The marshalled file at `path`, if it still answers for the caseload `root` as it is now."""
    global _LAST_WALK
    _LAST_WALK = None  # only a walk of this check is ever handed over
    try:
        with open(path, "rb") as f:
            data = marshal.loads(f.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or not _still(root, data, now):
        return None
    return data


_LAST_WALK: tuple | None = None  # (root, {path: stat key}) of the last quick check's walk
_HANDED: tuple | None = None


def hand_over() -> None:
    """The quick check did not answer: the stat keys its walk took (before any file was read) serve the
    full run that follows in this process (engine.lint takes them once), so the files are not stat'ed twice."""
    global _HANDED, _LAST_WALK
    _HANDED, _LAST_WALK = _LAST_WALK, None


def take_walk(root: str) -> dict | None:
    global _HANDED
    got, _HANDED = _HANDED, None
    return got[1] if got is not None and got[0] == root else None


def _still(root: str, data: dict, now: dt.datetime) -> bool:
    quick = data.get("quick")
    if not isinstance(quick, dict) or data.get("volatile"):
        return False
    try:
        with open(os.path.join(root, "casefile.yml"), "rb") as f:
            config_bytes = f.read()
    except OSError:
        return False
    if quick.get("key") != quick_key(config_bytes) or not conds_hold(data["conds"], now):
        return False
    global _LAST_WALK
    keys: dict = {}
    lines = quick_listing(root, keys)
    _LAST_WALK = (root, keys) if lines is not None else None
    return lines is not None and len(lines) == data.get("files") and _quick_hash(lines) == quick.get("fp")


def quick_snapshot(root: str, now: dt.datetime) -> dict | None:
    """The last whole run's snapshot, if it still answers `casefile lint` (no options) at `root` (resolved)."""
    return _answering(_snapshot_path(root), root, now)


class Cache:
    """Records by path. `get` answers from the file read at start; `put` collects what to write back."""

    def __init__(self, path: Path | None, key: str):
        self.path = path
        self.key = key
        self.started_ns = time.time_ns()
        self.records: dict[str, tuple] = {}
        self.new: dict[str, tuple] = {}
        self.dirty = False
        if path is not None:
            try:
                data = marshal.loads(path.read_bytes())
                if isinstance(data, dict) and data.get("key") == key and isinstance(data.get("files"), dict):
                    self.records = data["files"]
            except (OSError, EOFError, ValueError, TypeError):
                self.records = {}

    @classmethod
    def disabled(cls) -> "Cache":
        return cls(None, "")

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def get(self, rel: str) -> tuple | None:
        return self.records.get(rel)

    def trusted_stat(self, stat: tuple | None) -> tuple | None:
        """The stat key to store: None when the file changed too recently to be told apart by its times."""
        if stat is None or not self.enabled:
            return None
        if stat[0] == "git":  # a blob ID is a content hash already
            return stat
        if max(stat[1], stat[2]) >= self.started_ns - RACY_NS:
            return None
        return stat

    def put(self, rel: str, record: tuple) -> None:
        if self.path is None:
            return
        if self.records.get(rel) != record:
            self.dirty = True
        self.new[rel] = record

    def save(self, keep: set[str] | None = None) -> None:
        """Write back: this run's records, plus the old ones of files not looked at (unless `keep` lists
        every file of the caseload, when records of files that are gone are dropped)."""
        if self.path is None:
            return
        files = {} if keep is not None else {k: v for k, v in self.records.items() if k not in self.new}
        if keep is not None:
            files.update({k: v for k, v in self.records.items() if k in keep and k not in self.new})
            if set(self.records) - keep - set(self.new):
                self.dirty = True
        files.update(self.new)
        if not self.dirty:
            return
        try:
            import tempfile

            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".lint-", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(marshal.dumps({"key": self.key, "files": files}))
                os.replace(tmp, self.path)
            except BaseException:
                if os.path.exists(tmp):
                    os.unlink(tmp)
                raise
        except (OSError, ValueError):
            pass  # a cache that cannot be written only costs time


# -- the clock, watched ---------------------------------------------------------------------------------------
# Rules see `ctx.now` and `ctx.today` as values that remember how they were used. A comparison with another
# date (`when > now`, `due < today`, `now - recorded > limit`) is recorded as the point in time where its
# answer would flip, with the side of it the clock is on now: the rule's findings stay exactly the same for
# any later run whose clock is on the same side of every such point, so they are served from the cache until
# then. Any other use (formatting the clock, its year, hours since...) makes the findings depend on the clock
# in a way that cannot be told, and those rules are simply run again on that file each time.

_SAFE = frozenset({"_clock", "_off", "_anchor", "_sign", "_kind", "_point", "_plain", "_compare", "make",
                   "replace", "date", "tzinfo", "__class__", "__dict__"})


class Clock:
    """The run's now and today, and what the rules did with them while checking one file."""

    def __init__(self, now: dt.datetime):
        self.now = now
        self.today = now.date()
        # the tracked now and today, made once: they are immutable, and every note's rules ask for them
        self._tracked_now: TrackedDateTime | None = None
        self._tracked_today: TrackedDate | None = None
        self.reset()

    def reset(self) -> None:
        self.used = False
        self.opaque = False
        self.conds: set[tuple[str, str, int]] = set()

    def record(self, x) -> None:
        if isinstance(x, dt.datetime):
            if x.tzinfo is not None:
                self.opaque = True
                return
            t, kind = self.now, "dt"
        elif isinstance(x, dt.date):
            t, kind = self.today, "d"
        else:
            return
        self.conds.add((kind, x.isoformat(), (t > x) - (t < x)))

    def tracked_now(self) -> "TrackedDateTime":
        self.used = True
        t = self._tracked_now
        if t is None:
            t = self._tracked_now = TrackedDateTime.make(self.now, self, dt.timedelta(0))
        return t

    def tracked_today(self) -> "TrackedDate":
        self.used = True
        t = self._tracked_today
        if t is None:
            t = self._tracked_today = TrackedDate.make(self.today, self, dt.timedelta(0))
        return t


def conds_hold(conds, now: dt.datetime) -> bool:
    """Whether every recorded comparison gives the same answer at `now` as when it was recorded."""
    today = now.date()
    for kind, iso, sign in conds:
        if kind == "dt":
            x, t = dt.datetime.fromisoformat(iso), now
        else:
            x, t = dt.date.fromisoformat(iso), today
        if (t > x) - (t < x) != sign:
            return False
    return True


def compress_conds(conds) -> tuple:
    """The same conditions, fewer: per kind, the clock must stay after the latest point it is after, before
    the earliest point it is before, and on the points it is exactly at."""
    lo: dict[str, str] = {}
    hi: dict[str, str] = {}
    eq: set[tuple[str, str, int]] = set()
    for kind, iso, sign in conds:
        parse = dt.datetime.fromisoformat if kind == "dt" else dt.date.fromisoformat
        if sign > 0:
            if kind not in lo or parse(iso) > parse(lo[kind]):
                lo[kind] = iso
        elif sign < 0:
            if kind not in hi or parse(iso) < parse(hi[kind]):
                hi[kind] = iso
        else:
            eq.add((kind, iso, 0))
    return tuple(sorted([(k, v, 1) for k, v in lo.items()] + [(k, v, -1) for k, v in hi.items()] + list(eq)))


def _opaque(self):
    object.__getattribute__(self, "_clock").opaque = True


class _Tracked:
    def __getattribute__(self, name):
        if name not in _SAFE:
            object.__getattribute__(self, "_clock").opaque = True
        return object.__getattribute__(self, name)

    # special methods are looked up on the type, so each use that cannot be followed says so itself
    def __hash__(self):
        _opaque(self)
        return super().__hash__()

    def __str__(self):
        _opaque(self)
        return super().__str__()

    def __repr__(self):
        _opaque(self)
        return super().__repr__()

    def __format__(self, spec):
        _opaque(self)
        return super().__format__(spec)

    def __reduce_ex__(self, proto):
        _opaque(self)
        return super().__reduce_ex__(proto)

    def _compare(self, other, op):
        res = getattr(super(), op)(other)
        if res is not NotImplemented and not isinstance(other, _Tracked):
            self._point(other)
        return res

    def __lt__(self, other):
        return self._compare(other, "__lt__")

    def __le__(self, other):
        return self._compare(other, "__le__")

    def __gt__(self, other):
        return self._compare(other, "__gt__")

    def __ge__(self, other):
        return self._compare(other, "__ge__")

    def __eq__(self, other):
        return self._compare(other, "__eq__")

    def __ne__(self, other):
        return self._compare(other, "__ne__")


class TrackedDateTime(_Tracked, dt.datetime):
    """now + _off."""

    @classmethod
    def make(cls, value: dt.datetime, clock: Clock, off: dt.timedelta) -> "TrackedDateTime":
        t = cls(value.year, value.month, value.day, value.hour, value.minute, value.second, value.microsecond,
                value.tzinfo, fold=value.fold)
        object.__setattr__(t, "_clock", clock)
        object.__setattr__(t, "_off", off)
        return t

    def _plain(self) -> dt.datetime:
        return dt.datetime(*dt.datetime.timetuple(self)[:6], dt.datetime.__getattribute__(self, "microsecond"),
                           dt.datetime.__getattribute__(self, "tzinfo"))

    def _point(self, other) -> None:
        if isinstance(other, dt.datetime):
            try:
                self._clock.record(other - self._off)
            except (OverflowError, TypeError):
                self._clock.opaque = True

    def replace(self, *args, **kwargs):
        if not args and set(kwargs) <= {"tzinfo"} and kwargs.get("tzinfo") is None:
            return TrackedDateTime.make(self._plain(), self._clock, self._off)
        self._clock.opaque = True
        return self._plain().replace(*args, **kwargs)

    def date(self):
        off = self._off
        if off % dt.timedelta(days=1):
            self._clock.opaque = True
            return self._plain().date()
        return TrackedDate.make(self._plain().date(), self._clock, dt.timedelta(days=off.days))

    def __add__(self, other):
        if isinstance(other, dt.timedelta) and not isinstance(other, _Tracked):
            return TrackedDateTime.make(self._plain() + other, self._clock, self._off + other)
        self._clock.opaque = True
        return self._plain() + other

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, _Tracked):
            self._clock.opaque = True
            return self._plain() - (other._plain() if isinstance(other, TrackedDateTime) else other)
        if isinstance(other, dt.timedelta):
            return TrackedDateTime.make(self._plain() - other, self._clock, self._off - other)
        if isinstance(other, dt.datetime):
            return TrackedDelta.make(self._plain() - other, self._clock, other - self._off, 1, "dt")
        return NotImplemented

    def __rsub__(self, other):
        if isinstance(other, dt.datetime) and not isinstance(other, _Tracked):
            return TrackedDelta.make(other - self._plain(), self._clock, other - self._off, -1, "dt")
        return NotImplemented


class TrackedDate(_Tracked, dt.date):
    """today + _off (whole days)."""

    @classmethod
    def make(cls, value: dt.date, clock: Clock, off: dt.timedelta) -> "TrackedDate":
        t = cls(value.year, value.month, value.day)
        object.__setattr__(t, "_clock", clock)
        object.__setattr__(t, "_off", off)
        return t

    def _plain(self) -> dt.date:
        return dt.date.fromordinal(dt.date.toordinal(self))

    def _point(self, other) -> None:
        if isinstance(other, dt.date) and not isinstance(other, dt.datetime):
            try:
                self._clock.record(other - self._off)
            except OverflowError:
                self._clock.opaque = True

    def replace(self, *args, **kwargs):
        self._clock.opaque = True
        return self._plain().replace(*args, **kwargs)

    def date(self):  # not a date method, but harmless
        self._clock.opaque = True
        return self._plain()

    def __add__(self, other):
        if isinstance(other, dt.timedelta) and not isinstance(other, _Tracked):
            return TrackedDate.make(self._plain() + other, self._clock, self._off + dt.timedelta(days=other.days))
        self._clock.opaque = True
        return self._plain() + other

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, _Tracked):
            self._clock.opaque = True
            return self._plain() - (other._plain() if isinstance(other, TrackedDate) else other)
        if isinstance(other, dt.timedelta):
            return TrackedDate.make(self._plain() - other, self._clock, self._off - dt.timedelta(days=other.days))
        if isinstance(other, dt.date) and not isinstance(other, dt.datetime):
            return TrackedDelta.make(self._plain() - other, self._clock, other - self._off, 1, "d")
        return NotImplemented

    def __rsub__(self, other):
        if isinstance(other, dt.date) and not isinstance(other, (dt.datetime, _Tracked)):
            return TrackedDelta.make(other - self._plain(), self._clock, other - self._off, -1, "d")
        return NotImplemented


class TrackedDelta(_Tracked, dt.timedelta):
    """_sign * (T - _anchor), where T is now (kind "dt") or today (kind "d")."""

    @classmethod
    def make(cls, value: dt.timedelta, clock: Clock, anchor, sign: int, kind: str) -> "TrackedDelta":
        t = cls(days=value.days, seconds=value.seconds, microseconds=value.microseconds)
        for k, v in (("_clock", clock), ("_anchor", anchor), ("_sign", sign), ("_kind", kind)):
            object.__setattr__(t, k, v)
        return t

    def _plain(self) -> dt.timedelta:
        return dt.timedelta(dt.timedelta.__getattribute__(self, "days"), dt.timedelta.__getattribute__(self, "seconds"),
                            dt.timedelta.__getattribute__(self, "microseconds"))

    def _point(self, other) -> None:
        if isinstance(other, dt.timedelta):
            try:
                self._clock.record(self._anchor + self._sign * other)
            except OverflowError:
                self._clock.opaque = True

    def __neg__(self):
        return TrackedDelta.make(-self._plain(), self._clock, self._anchor, -self._sign, self._kind)

    def __pos__(self):
        return self

    def __add__(self, other):
        if isinstance(other, dt.timedelta) and not isinstance(other, _Tracked):
            # s*(T-a) + y = s*(T - (a - s*y))
            return TrackedDelta.make(self._plain() + other, self._clock, self._anchor - self._sign * other,
                                     self._sign, self._kind)
        self._clock.opaque = True
        return self._plain() + (other._plain() if isinstance(other, _Tracked) else other)

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, dt.timedelta) and not isinstance(other, _Tracked):
            return self.__add__(-other)
        self._clock.opaque = True
        return self._plain() - (other._plain() if isinstance(other, _Tracked) else other)

    def __rsub__(self, other):
        if isinstance(other, dt.timedelta) and not isinstance(other, _Tracked):
            return (-self).__add__(other)
        self._clock.opaque = True
        return NotImplemented

    def __bool__(self):
        _opaque(self)
        return bool(self._plain())

    def __abs__(self):
        _opaque(self)
        return abs(self._plain())

    def __mul__(self, other):
        _opaque(self)
        return self._plain() * other

    __rmul__ = __mul__

    def __truediv__(self, other):
        _opaque(self)
        return self._plain() / (other._plain() if isinstance(other, _Tracked) else other)

    def __floordiv__(self, other):
        _opaque(self)
        return self._plain() // (other._plain() if isinstance(other, _Tracked) else other)

    def __mod__(self, other):
        _opaque(self)
        return self._plain() % (other._plain() if isinstance(other, _Tracked) else other)

    def __divmod__(self, other):
        _opaque(self)
        return divmod(self._plain(), other._plain() if isinstance(other, _Tracked) else other)
