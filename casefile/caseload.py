"""The caseload on disk: finding its root, case IDs and their folders, listing entries, atomic writes."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterator

from casefile.errors import CasefileError, CaseloadNotFound, EntryExists, InvalidId, UnknownClient, UnknownEntry
from casefile.model import CLIENTS_DIR, CONFIG_FILE, GOALS_DIR, NOTES_DIR, PLAN_FILE, PROFILE_FILE

ENV_VAR = "CASEFILE_DIR"
# A case ID is a folder name: letters, digits, '-', '_' and '.', never a path (no '/', no '..').
_CLIENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
ID_PREFIX = "c-"


def check_id(value: str, what: str = "client ID") -> str:
    if not _CLIENT_ID.match(value or "") or ".." in value:
        raise InvalidId(f"{value!r} is not a valid {what}", "IDs are letters, digits, '-' and '_', such as c-0001")
    return value


def find_root(start: Path | None = None, explicit: str | os.PathLike | None = None) -> Path:
    """The caseload that holds `start`: `explicit` (--caseload), then $CASEFILE_DIR, then walk up."""
    given = explicit or os.environ.get(ENV_VAR)
    if given:
        root = Path(given).expanduser().resolve()
        if not (root / CONFIG_FILE).is_file():
            raise CaseloadNotFound(f"{root} is not a caseload (no {CONFIG_FILE})", "run `casefile init` there first")
        return root
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        if (d / CONFIG_FILE).is_file():
            return d
    raise CaseloadNotFound("no caseload found here or in any folder above", "run `casefile init` to make one")


def atomic_write(path: Path, text: str, *, new: bool = False) -> None:
    """Write a file whole or not at all: a temp file in the same folder, then rename over it.

    With `new`, refuse to replace a file that exists: the temp file is linked to the name, which fails on
    a clash; where the file system has no links (FAT, some network shares), the name is claimed with an
    exclusive create and the temp file renamed onto it.
    """
    try:
        _atomic_write(path, text, new)
    except (EntryExists, KeyboardInterrupt):
        raise
    except OSError as e:
        raise CasefileError(f"could not write {path.name}: {e.strerror or e}", "nothing was changed") from None


def _atomic_write(path: Path, text: str, new: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = None
    if not new and path.exists():
        mode = path.stat().st_mode & 0o777
    fd, tmp = tempfile.mkstemp(prefix=".casefile-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode if mode is not None else 0o644 & ~_umask())
        if not new:
            os.replace(tmp, path)
            return
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise EntryExists(f"{path.name} exists already; nothing was overwritten") from None
        except OSError:
            try:
                os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            except FileExistsError:
                raise EntryExists(f"{path.name} exists already; nothing was overwritten") from None
            os.replace(tmp, path)
            return
        os.unlink(tmp)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@dataclass
class Caseload:
    root: Path

    @classmethod
    def find(cls, explicit: str | os.PathLike | None = None, start: Path | None = None) -> "Caseload":
        return cls(find_root(start, explicit))

    @cached_property
    def config(self):
        from casefile.config import load_config

        return load_config(self.root)

    @property
    def clients_dir(self) -> Path:
        return self.root / CLIENTS_DIR

    def rel(self, path: Path) -> str:
        return path.resolve().relative_to(self.root).as_posix() if path.is_absolute() else path.as_posix()

    def client_ids(self) -> list[str]:
        try:
            names = os.listdir(self.clients_dir)
        except FileNotFoundError:
            return []
        return sorted(n for n in names if _CLIENT_ID.match(n) and (self.clients_dir / n / PROFILE_FILE).is_file())

    def client_dir(self, client_id: str, must_exist: bool = True) -> Path:
        check_id(client_id)
        d = self.clients_dir / client_id
        if must_exist and not (d / PROFILE_FILE).is_file():
            import difflib  # only on the error path

            close = difflib.get_close_matches(client_id, self.client_ids(), n=3, cutoff=0.6)
            hint = f"did you mean {', '.join(close)}?" if close else "see `casefile client list`"
            raise UnknownClient(f"no client {client_id!r} in this caseload", hint)
        return d

    def next_client_id(self) -> str:
        numbers = [int(m.group(1)) for n in self.client_ids() if (m := re.match(r"^c-(\d+)$", n))]
        return f"{ID_PREFIX}{(max(numbers) + 1 if numbers else 1):04d}"

    def profile_path(self, client_id: str) -> Path:
        return self.client_dir(client_id) / PROFILE_FILE

    def plan_path(self, client_id: str) -> Path:
        return self.client_dir(client_id) / PLAN_FILE

    def goal_paths(self, client_id: str) -> list[Path]:
        return sorted((self.client_dir(client_id) / GOALS_DIR).glob("*.md"))

    def note_paths(self, client_id: str) -> list[Path]:
        return sorted((self.client_dir(client_id) / NOTES_DIR).glob("*.md"))

    def entry_paths(self, client_id: str | None = None) -> Iterator[Path]:
        """Every Markdown entry of one client or of the whole caseload, in a stable order."""
        ids = [client_id] if client_id else self.client_ids()
        for cid in ids:
            d = self.clients_dir / cid
            for dirpath, dirnames, filenames in os.walk(d):
                dirnames[:] = sorted(x for x in dirnames if not x.startswith("."))
                for name in sorted(filenames):
                    if name.endswith(".md") and not name.startswith("."):
                        yield Path(dirpath) / name

    def find_entry(self, client_id: str, name: str, subdir: str) -> Path:
        """A goal or note by ID, file name or unique prefix, e.g. `g01`, `2026-11-22-1030`."""
        d = self.client_dir(client_id) / subdir
        if "/" in name or "\\" in name or ".." in name:
            raise InvalidId(f"{name!r} is not an entry name", "give the ID or file name, such as g01")
        candidates = sorted(d.glob("*.md"))
        exact = [p for p in candidates if p.name == name or p.stem == name]
        matches = exact or [p for p in candidates if p.name.startswith(name + "-") or p.name.startswith(name)]
        if len(matches) == 1:
            return matches[0]
        what = "goal" if subdir == GOALS_DIR else "note"
        if not matches:
            import difflib  # only on the error path

            close = difflib.get_close_matches(name, [p.stem for p in candidates], n=3, cutoff=0.5)
            hint = f"did you mean {', '.join(close)}?" if close else f"see `casefile {what} list {client_id}`"
            raise UnknownEntry(f"no {what} {name!r} for {client_id}", hint)
        raise UnknownEntry(
            f"{name!r} matches {len(matches)} {what}s for {client_id}",
            "give more of the name: " + ", ".join(p.stem for p in matches[:4]),
        )


