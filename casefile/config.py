"""casefile.yml: the caseload's settings (worker, note format, time limits, lint configuration)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casefile.errors import ConfigError, InvalidValue
from casefile.model import NOTE_FORMATS

DEFAULTS: dict[str, Any] = {
    "note_format": "DAP",
    "late_entry_after": "72h",  # a note recorded later than this after the contact is a late entry
    "draft_limit": "7d",  # a draft older than this should be signed
    "retention": "7y",  # how long a closed client's file is kept
    "horizons": {"short": ["1w", "4w"], "long": ["3mo", "12mo"]},
    "sign": {"require_clean_lint": True},
    "templates": "templates",
    "lint": {},
}


@dataclass
class Worker:
    id: str
    name: str
    email: str


@dataclass
class Config:
    worker: Worker
    agency: str = ""
    note_format: str = "DAP"
    late_entry_after: str = "72h"
    draft_limit: str = "7d"
    retention: str = "7y"
    horizons: dict[str, list[str]] = field(default_factory=dict)
    sign: dict[str, Any] = field(default_factory=dict)
    templates: str = "templates"
    lint: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)

    def duration(self, key: str) -> dt.timedelta:
        from casefile.dates import parse_duration

        try:
            return parse_duration(getattr(self, key))
        except InvalidValue as e:
            raise ConfigError(f"casefile.yml: {key}: {e.message}") from None


def parse_config(data: Any, where: str = "casefile.yml") -> Config:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: must be a set of `setting: value` lines")
    worker = data.get("worker") or {}
    if not isinstance(worker, dict):
        raise ConfigError(f"{where}: worker: must have id, name and email")
    name = str(worker.get("name") or "").strip()
    email = str(worker.get("email") or "").strip()
    wid = str(worker.get("id") or "").strip()
    if not name or not email:
        raise ConfigError(f"{where}: worker: name and email are required", "run `casefile init --name ... --email ...`")
    merged = {k: data.get(k, v) for k, v in DEFAULTS.items()}
    if merged["note_format"] not in NOTE_FORMATS:
        raise ConfigError(f"{where}: note_format must be one of {', '.join(NOTE_FORMATS)}")
    for key in ("lint", "sign", "horizons"):
        if not isinstance(merged[key], dict):
            raise ConfigError(f"{where}: {key}: must be a set of `setting: value` lines")
    if not isinstance(merged["templates"], str) or not merged["templates"].strip():
        raise ConfigError(f"{where}: templates: must be a folder name, such as templates")
    from casefile.dates import parse_duration

    for key in ("late_entry_after", "draft_limit", "retention"):
        try:
            parse_duration(merged[key] if isinstance(merged[key], str) else "")
        except InvalidValue:
            raise ConfigError(
                f"{where}: {key}: {merged[key]!r} is not a duration", "give a number and a unit, such as 72h, 7d, 7y"
            ) from None
    wid = wid or worker_id_from(name, email)
    check_worker_id(wid, where)
    return Config(
        worker=Worker(wid, name, email),
        agency=str(data.get("agency") or ""),
        raw=data,
        **merged,
    )


_WORKER_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,39}$")


def check_worker_id(value: str, where: str = "casefile.yml") -> str:
    if not _WORKER_ID.match(value):
        raise ConfigError(f"{where}: worker id {value!r} must be lower-case letters, digits, '.', '_' or '-', such as asmith")
    return value


def worker_id_from(name: str, email: str) -> str:
    local = email.split("@", 1)[0].lower()
    handle = "".join(c for c in local if c.isascii() and (c.isalnum() or c in "._-")).lstrip("._-")[:40]
    return handle or "".join(c for c in name.lower() if c.isascii() and c.isalnum())[:40] or "worker"


def load_config(root: Path) -> Config:
    from casefile.entry import load_yaml
    import yaml

    path = root / "casefile.yml"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: missing", "run `casefile init` in this folder") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read: {e}") from None
    try:
        data, _ = load_yaml(text)
    except yaml.MarkedYAMLError as e:
        line = e.problem_mark.line + 1 if e.problem_mark else 1
        raise ConfigError(f"casefile.yml:{line}: not valid YAML: {e.problem}") from None
    except yaml.YAMLError as e:
        raise ConfigError(f"casefile.yml: not valid YAML: {str(e).splitlines()[0]}") from None
    return parse_config(data)
