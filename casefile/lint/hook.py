"""casefile's own git pre-commit hook: install it into a caseload, and lint what is staged.

`casefile hook install` writes a small shell script to the repository's pre-commit hook (respecting
`core.hooksPath`) that runs `casefile hook run`. `hook run` lints the staged content of the case files the
commit adds or changes (read from git's index, never the work tree, so what is checked is what is committed),
with each client's index (goal, task, need IDs...) taken from the index too. A foreign hook is never
replaced without --force, and then it is kept beside it as pre-commit.casefile-backup.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

from casefile.errors import CasefileError, GitError

MARK = "# casefile-hook: pre-commit"
BACKUP = "pre-commit.casefile-backup"


def _git(root: Path, *args: str, input: bytes | None = None) -> bytes:
    try:
        p = subprocess.run(["git", *args], cwd=root, input=input, capture_output=True)
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH") from None
    if p.returncode != 0:
        msg = p.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} failed: {msg[-1] if msg else 'exit ' + str(p.returncode)}")
    return p.stdout


def hook_file(root: Path) -> Path:
    try:
        out = _git(root, "rev-parse", "--git-path", "hooks/pre-commit").decode().strip()
    except GitError:
        raise CasefileError(f"{root} is not a git repository", "run `git init` there (or `casefile init`)") from None
    p = Path(out)
    return Path(os.path.normpath(p if p.is_absolute() else (root / p)))


def _prefix(root: Path) -> str:
    """The caseload's folder relative to the top of the work tree, where git runs hooks ('.' at the top)."""
    top = Path(_git(root, "rev-parse", "--show-toplevel").decode().strip())
    rel = root.resolve().relative_to(top.resolve()).as_posix()
    return rel or "."


def script(prefix: str = ".") -> str:
    python = shlex.quote(sys.executable)
    where = shlex.quote(prefix)
    return f"""#!/bin/sh
{MARK} v1
# Installed by `casefile hook install`; remove it with `casefile hook uninstall`.
# Lints the staged case files; a commit whose findings fail (casefile.yml lint: fail_on) stops here.
# To commit anyway, once: git commit --no-verify
CASEFILE_PYTHON={python}
CASELOAD={where}  # relative to the top of the work tree
if [ -x "$CASEFILE_PYTHON" ]; then
    exec "$CASEFILE_PYTHON" -m casefile hook run --caseload "$CASELOAD"
elif command -v casefile >/dev/null 2>&1; then
    exec casefile hook run --caseload "$CASELOAD"
fi
echo "casefile pre-commit hook: casefile is not installed here; reinstall it, or run: casefile hook uninstall" >&2
exit 1
"""


def is_ours(path: Path) -> bool:
    try:
        return MARK in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def install(root: Path, force: bool = False) -> tuple[Path, Path | None]:
    """(the hook's path, where a foreign hook was moved to, if one was)."""
    path = hook_file(root)
    backup = None
    if path.exists() or path.is_symlink():
        if not is_ours(path):
            if not force:
                raise CasefileError(
                    f"{path} exists and is not casefile's hook; nothing was changed",
                    "add `casefile hook run` to it yourself, or use --force to replace it (it is kept as "
                    f"{BACKUP})")
            backup = path.with_name(BACKUP)
            n = 1
            while backup.exists():
                backup = path.with_name(f"{BACKUP}.{n}")
                n += 1
            os.replace(path, backup)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(".pre-commit.casefile.tmp")
    tmp.write_text(script(_prefix(root)), encoding="utf-8")
    os.chmod(tmp, 0o755)
    os.replace(tmp, path)
    return path, backup


def uninstall(root: Path) -> tuple[Path, bool]:
    """Remove casefile's hook (and put back a hook that --force moved aside). (path, whether one was removed)."""
    path = hook_file(root)
    if not path.exists():
        return path, False
    if not is_ours(path):
        raise CasefileError(f"{path} is not casefile's hook; nothing was changed", "edit or remove it yourself")
    path.unlink()
    backup = path.with_name(BACKUP)
    if backup.exists():
        os.replace(backup, path)
    return path, True


# -- the staged content as a source of files ------------------------------------------------------------------

class StagedSource:
    """Files as they are in git's index (what the commit will hold). Stat keys are blob IDs."""

    def __init__(self, root: Path):
        from casefile.model import CLIENTS_DIR

        self.root = root
        top = Path(_git(root, "rev-parse", "--show-toplevel").decode().strip())
        prefix = root.resolve().relative_to(top.resolve()).as_posix()
        self.prefix = "" if prefix == "." else prefix + "/"
        self.entries: dict[str, tuple[str, str]] = {}  # rel -> (mode, blob id)
        out = _git(root, "ls-files", "-s", "-z", "--full-name", "--", ".")
        for rec in out.split(b"\0"):
            if not rec:
                continue
            meta, _, name = rec.partition(b"\t")
            mode, sha, stage = meta.decode().split()
            path = name.decode("utf-8", "surrogateescape")
            if stage != "0" or not path.startswith(self.prefix):
                continue
            self.entries[path[len(self.prefix):]] = (mode, sha)
        self.clients = CLIENTS_DIR
        self._blobs: dict[str, bytes] = {}

    def staged_changes(self) -> list[str]:
        out = _git(self.root, "diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR", "--", ".")
        names = [n.decode("utf-8", "surrogateescape") for n in out.split(b"\0") if n]
        return [n[len(self.prefix):] for n in names if n.startswith(self.prefix)]

    def stat(self, rel: str) -> tuple | None:
        e = self.entries.get(rel)
        return ("git", e[1]) if e else None

    def read(self, rel: str) -> bytes:
        e = self.entries.get(rel)
        if e is None:
            raise FileNotFoundError(rel)
        self.fetch([rel])
        return self._blobs[e[1]]

    def fetch(self, rels: list[str]) -> None:
        """Read many blobs in one `git cat-file --batch`."""
        shas = [self.entries[r][1] for r in rels if r in self.entries and self.entries[r][1] not in self._blobs]
        if not shas:
            return
        out = _git(self.root, "cat-file", "--batch", input=("\n".join(shas) + "\n").encode())
        pos = 0
        for sha in shas:
            nl = out.index(b"\n", pos)
            header = out[pos:nl].split()
            size = int(header[2]) if len(header) == 3 else 0
            self._blobs[sha] = out[nl + 1:nl + 1 + size]
            pos = nl + 1 + size + 1

    def client_ids(self) -> list[str]:
        ids = {r.split("/")[1] for r in self.entries if r.startswith(self.clients + "/") and r.count("/") >= 2}
        return sorted(i for i in ids if not i.startswith("."))

    def client_exists(self, cid: str) -> bool:
        p = f"{self.clients}/{cid}/"
        return any(r.startswith(p) for r in self.entries)

    def list_client(self, cid: str) -> list[tuple[str, str | None]]:
        p = f"{self.clients}/{cid}/"
        out = []
        for rel, (mode, _) in sorted(self.entries.items()):
            if rel.startswith(p) and rel.endswith(".md") and not any(part.startswith(".") for part in rel.split("/")):
                problem = self.link_problem(rel) if mode == "120000" else None
                if mode == "120000" and problem is None:
                    continue  # a link inside the caseload: its target is checked where it is
                if mode == "160000":
                    continue
                out.append((rel, problem))
        return out

    def link_problem(self, rel: str) -> str | None:
        target = self.read(rel).decode("utf-8", "replace")
        joined = os.path.normpath(os.path.join(os.path.dirname(rel), target))
        if os.path.isabs(target) or joined == ".." or joined.startswith("../"):
            return "symbolic link to a file outside the caseload; not followed"
        return None

    def walk(self, rel_dir: str):
        for rel, _ in sorted(self.entries.items()):
            if rel.startswith(rel_dir.rstrip("/") + "/") and rel.endswith(".md"):
                yield rel, None


def _staged_config(root: Path, source: StagedSource):
    from casefile.config import parse_config
    from casefile.entry import load_yaml
    from casefile.errors import ConfigError
    from casefile.model import CONFIG_FILE

    if CONFIG_FILE not in source.entries:
        from casefile.config import load_config

        return load_config(root)
    try:
        data, _ = load_yaml(source.read(CONFIG_FILE).decode("utf-8"))
    except Exception:  # noqa: BLE001 - yaml errors, bad bytes
        raise ConfigError(f"{CONFIG_FILE} (staged): not valid YAML") from None
    return parse_config(data, f"{CONFIG_FILE} (staged)")


def lint_staged(root: Path, *, now: dt.datetime | None = None, use_cache: bool = True) -> Any:
    """A lint Report of the case files the commit adds or changes, as staged."""
    from casefile.lint import cache as cache_mod
    from casefile.lint.engine import MAX_BYTES, OUTSIDE_LINK, UNREADABLE, Engine, Target, cache_key, load_rules, run
    from casefile.lint.settings import parse_settings
    from casefile.model import CLIENTS_DIR

    load_rules()
    root = root.resolve()
    source = StagedSource(root)
    config = _staged_config(root, source)
    settings = parse_settings(getattr(config, "lint", None), where="casefile.yml: lint")
    store = cache_mod.Cache.disabled()
    if use_cache:
        store = cache_mod.Cache(cache_mod.cache_file(root), cache_key(config))
    eng = Engine(root, settings, config, source, now=now or dt.datetime.now().replace(microsecond=0), cache=store)
    targets = []
    changed = [r for r in source.staged_changes() if r.startswith(CLIENTS_DIR + "/") and r.endswith(".md")
               and r.count("/") >= 2]
    source.fetch(changed)
    for rel in changed:
        mode, _ = source.entries.get(rel, ("", ""))
        t = Target(rel)
        if mode == "120000":
            problem = source.link_problem(rel)
            if problem is None:
                continue
            t.problem = (OUTSIDE_LINK, problem)
        elif mode == "160000":
            continue
        elif len(source.read(rel)) > MAX_BYTES:
            t.problem = (UNREADABLE, "file is over 1 MiB; not read")
        targets.append(t)
    return run(eng, sorted(targets, key=lambda t: t.rel), jobs=1)
