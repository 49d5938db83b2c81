"""Making a caseload: `casefile init`, and the bundled example turned into a caseload with history."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from casefile import history, model
from casefile.caseload import atomic_write
from casefile.config import check_worker_id, parse_config, worker_id_from
from casefile.errors import CasefileError, ConfigError

GITIGNORE = """\
# Editor and system leftovers: never part of a client's record.
*.swp
*.swo
*~
.#*
\\#*#
.DS_Store
Thumbs.db
.casefile-*.tmp
"""


@dataclass
class InitResult:
    root: Path
    created_repo: bool
    commit: str | None
    worker_id: str


def git_identity(root: Path) -> tuple[str | None, str | None]:
    """user.name and user.email as git sees them from `root` (repository, global and system config)."""
    import git as gitpython

    try:
        reader = gitpython.Repo(root).config_reader() if (root / ".git").exists() else gitpython.GitConfigParser(
            [p for p in _global_config_files() if p.exists()], read_only=True
        )
        name = reader.get_value("user", "name", default=None)
        email = reader.get_value("user", "email", default=None)
    except Exception:  # an unreadable config is the same as none: the user is asked for flags
        return None, None
    return (str(name) if name else None), (str(email) if email else None)


def _global_config_files() -> list[Path]:
    import os

    files = []
    if os.environ.get("GIT_CONFIG_GLOBAL"):
        files.append(Path(os.environ["GIT_CONFIG_GLOBAL"]))
    else:
        xdg = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        files += [xdg / "git" / "config", Path.home() / ".gitconfig"]
    return files


def config_text(name: str, email: str, worker_id: str, agency: str, note_format: str) -> str:
    from casefile.yamledit import scalar

    return f"""\
# casefile settings for this caseload. docs/format.md in the casefile project explains every setting.
agency: {scalar(agency)}
worker: {{id: {scalar(worker_id)}, name: {scalar(name)}, email: {scalar(email)}}}
note_format: {note_format}        # DAP | SOAP | BIRP | GIRP | free
late_entry_after: 72h     # a note written later than this after the contact is a late entry
draft_limit: 7d           # drafts older than this should be signed
retention: 7y             # how long a closed client's file is kept
horizons: {{short: [1w, 4w], long: [3mo, 12mo]}}
lint: {{}}
"""


def init_caseload(
    directory: Path,
    *,
    name: str | None = None,
    email: str | None = None,
    worker_id: str | None = None,
    agency: str = "",
    note_format: str = "DAP",
) -> InitResult:
    root = directory.resolve()
    if (root / model.CONFIG_FILE).exists():
        raise CasefileError(f"{root} is a caseload already ({model.CONFIG_FILE} exists)")
    if root.exists() and not root.is_dir():
        raise CasefileError(f"{root} is a file, not a folder")
    git_name, git_email = git_identity(root)
    name, email = name or git_name, email or git_email
    if not name or not email:
        raise ConfigError(
            "who is the worker? no name and email given and none in git config",
            "use `casefile init --name 'Alex Smith' --email asmith@agency.example`",
        )
    wid = check_worker_id(worker_id, "--id") if worker_id else worker_id_from(name, email)
    text = config_text(name, email, wid, agency, note_format)
    from casefile.entry import load_yaml

    parse_config(load_yaml(text)[0])  # refuse settings we could not read back
    root.mkdir(parents=True, exist_ok=True)
    created = history.init_repo(root)
    atomic_write(root / model.CONFIG_FILE, text, new=True)
    paths = [model.CONFIG_FILE]
    if not (root / ".gitignore").exists():
        atomic_write(root / ".gitignore", GITIGNORE, new=True)
        paths.append(".gitignore")
    (root / model.CLIENTS_DIR).mkdir(exist_ok=True)
    msg = history.message("Start caseload", [(history.TRAILER_ACTION, "init")])
    sha = history.commit_paths(root, paths, msg, history.Author(name, email))
    return InitResult(root, created, sha, wid)


_DATE_FIELDS = ("recorded", "signed_at", "when", "start", "opened")


def _entry_date(path: Path) -> str:
    """When an example entry was written: its own date fields, else (a plan) its client's opening date."""
    from casefile.entry import read_entry

    meta = read_entry(path).meta
    for key in _DATE_FIELDS:
        if meta.get(key):
            return str(meta[key]).replace(" ", "T")
    profile = path.parent / model.PROFILE_FILE
    return _entry_date(profile) + "T12:00" if path != profile and profile.exists() else "2026-01-01"


def init_example(directory: Path) -> InitResult:
    """Copy the bundled example caseload into `directory` and give it a history: one commit per entry,
    in the order the entries were written, dated then, as if made through casefile."""
    from casefile.config import load_config
    from casefile.records.common import TRAILER_SIGNED, is_final, is_record_path, quick_meta
    from casefile.records.gitlog import blob_id
    from casefile.resources import bundled_dir

    source = bundled_dir("examples")
    root = directory.resolve()
    if root.exists() and any(root.iterdir()):
        raise CasefileError(f"{root} is not empty", "give a new folder for the example caseload")
    shutil.copytree(source, root, ignore=shutil.ignore_patterns("README.md", "__pycache__"), dirs_exist_ok=True)
    created = history.init_repo(root)
    config = load_config(root)
    author = history.Author(config.worker.name, config.worker.email)
    atomic_write(root / ".gitignore", GITIGNORE)
    entries = sorted(root.glob("clients/*/**/*.md"), key=lambda p: (_entry_date(p), p.as_posix()))
    first = min((_entry_date(p) for p in entries), default="2026-01-01")[:10]
    history.commit_paths(
        root, [model.CONFIG_FILE, ".gitignore"],
        history.message("Start caseload", [(history.TRAILER_ACTION, "init")]), author, date=f"{first}T08:00",
    )
    sha = None
    for path in entries:
        rel = path.relative_to(root).as_posix()
        client = rel.split("/")[1]
        action, subject = _example_action(rel, client)
        trailers = [(history.TRAILER_ACTION, action), (history.TRAILER_CLIENT, client), (history.TRAILER_ENTRY, rel)]
        if is_record_path(rel) and is_final(quick_meta(path.read_bytes().decode("utf-8", "replace"))):
            # a record that arrives signed names its signed content, as `casefile note sign` does
            trailers.append((TRAILER_SIGNED, f"{rel} {blob_id(root, path)}"))
        msg = history.message(subject, trailers)
        date = _entry_date(path)
        sha = history.commit_paths(root, [rel], msg, author, date=date if "T" in date else f"{date}T09:00")
    return InitResult(root, created, sha, config.worker.id)


def _example_action(rel: str, client: str) -> tuple[str, str]:
    name = rel.rsplit("/", 1)[-1]
    if name == model.PROFILE_FILE:
        return "client.new", f"Open case {client}"
    if name == model.PLAN_FILE:
        return "plan.add", f"Add action plan for {client}"
    if "/goals/" in rel:
        return "goal.new", f"Add goal {name.split('-')[0]} for {client}"
    m = re.match(r"^\d{4}-\d{2}-\d{2}-\d{4}-([a-z-]+?)(?:-\d+)?\.md$", name)
    return "note.new", f"Add {m.group(1) if m else 'a'} note for {client}"
