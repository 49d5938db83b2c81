"""Read git history once: every commit with its trailers and changed files, in one `git log --raw -z` pass,
and many blobs in one `git cat-file --batch` pass. Never one git call per file.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from casefile import history
from casefile.errors import GitError

ZERO = "0" * 40

NO_REPLACE_ENV = history.REAL_OBJECTS_ENV  # see casefile.history.git, which every records call goes through
git = history.git


def _env() -> dict[str, str]:
    return {**os.environ, **NO_REPLACE_ENV}


@dataclass
class FileChange:
    status: str  # A, M, D, T
    path: str
    old_blob: str
    new_blob: str
    old_mode: str = ""
    new_mode: str = ""


@dataclass
class Commit:
    sha: str
    parents: list[str]
    author: str
    email: str
    date: str  # author date, ISO 8601
    committed: str  # committer date, ISO 8601
    message: str
    signature: str = ""  # %G? when asked for: G good, B bad, N none, E cannot check...
    changes: list[FileChange] = field(default_factory=list)

    @property
    def subject(self) -> str:
        return self.message.split("\n", 1)[0]

    @property
    def trailers(self) -> list[tuple[str, str]]:
        """`Casefile-*: value` lines of the last paragraph of the message, in order."""
        paragraphs = [p for p in self.message.strip().split("\n\n") if p.strip()]
        if not paragraphs:
            return []
        found = []
        for line in paragraphs[-1].splitlines():
            key, sep, value = line.partition(": ")
            if sep and key.startswith("Casefile-"):
                found.append((key, value.strip()))
        return found

    def trailer(self, key: str) -> str | None:
        for k, v in self.trailers:
            if k == key:
                return v
        return None

    def trailer_values(self, key: str) -> list[str]:
        return [v for k, v in self.trailers if k == key]


def check_repository(root: Path) -> None:
    """Refuse a folder that is not a complete git repository: none, shallow, or unreadable."""
    if not (root / ".git").exists():
        raise GitError(f"{root} is not a git repository", "a caseload is made by `casefile init`")
    out = git(root, "rev-parse", "--is-shallow-repository", check=False).strip()
    if out == "true":
        raise GitError(
            "this repository is a shallow clone: its history is incomplete, so it cannot be verified",
            "fetch the whole history with `git fetch --unshallow`",
        )


def head(root: Path) -> str | None:
    """The commit HEAD names; None when the branch has no commit yet. A branch that names a commit that
    cannot be read is a damaged repository, never an empty one."""
    out = git(root, "rev-parse", "--verify", "-q", "HEAD^{commit}", check=False).strip()
    if out:
        return out
    ref = git(root, "symbolic-ref", "-q", "HEAD", check=False).strip()
    named = git(root, "for-each-ref", "--format=%(objectname)", ref, check=False).strip() if ref else ""
    if named or not ref:
        raise GitError(
            f"cannot read the history: HEAD names commit {named[:10] or '?'} but it cannot be read",
            "the repository may be damaged: run `git fsck` and restore it from a backup",
        )
    return None


_FORMAT = "%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cI%x1f{sig}%x1f%B%x1f"


def read_history(
    root: Path, rev: str = "HEAD", *, paths: list[str] | None = None, first_parent: bool = True,
    signatures: bool = False, reverse: bool = True, raw: bool = True,
) -> list[Commit]:
    """Every commit reachable from `rev` (first parents: the branch as it was lived), oldest first, with the
    files each one changed. Merges show what they brought into the branch (their diff to the first parent)."""
    fmt = _FORMAT.format(sig="%G?" if signatures else "")
    args = ["log", f"--format={fmt}", "-z", "--no-renames", "--no-abbrev", "--no-color", "--no-ext-diff"]
    if raw:
        args.append("--raw")
    if first_parent:
        args += ["--first-parent", "--diff-merges=first-parent"]
    if reverse:
        args.append("--reverse")
    args.append(rev)
    if paths:
        args += ["--", *paths]
    try:
        proc = subprocess.run(["git", *args], cwd=root, env=_env(), capture_output=True)
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH") from None
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(
            f"cannot read the history: {msg[0] if msg else 'git log failed'}",
            "the repository may be damaged: run `git fsck` and restore it from a backup",
        )
    return parse_log(proc.stdout.decode("utf-8", "surrogateescape"))


def parse_log(out: str) -> list[Commit]:
    commits = []
    for record in out.split("\x1e")[1:]:
        end = record.rfind("\x1f")
        head_part, rest = record[:end], record[end + 1:]
        sha, parents, author, email, date, committed, sig, message = head_part.split("\x1f", 7)
        c = Commit(sha, parents.split(), author, email, date, committed, message, sig)
        items = rest.lstrip("\0\n").split("\0")
        i = 0
        while i < len(items):
            item = items[i].lstrip("\n")
            if item.startswith(":") and i + 1 < len(items):
                meta = item[1:].split(" ")
                if len(meta) >= 5:
                    c.changes.append(FileChange(meta[4][:1], items[i + 1], meta[2], meta[3], meta[0], meta[1]))
                i += 2
            else:
                i += 1
        commits.append(c)
    return commits


def read_blobs(root: Path, specs: list[str]) -> dict[str, bytes | None]:
    """The content of many objects (`<blob id>` or `<rev>:<path>`) in one `git cat-file --batch` run;
    None for each that does not exist."""
    unique = list(dict.fromkeys(s for s in specs if s and s != ZERO))
    if not unique:
        return {}
    try:
        proc = subprocess.run(
            ["git", "cat-file", "--batch"], cwd=root, input=("\n".join(unique) + "\n").encode("utf-8"),
            capture_output=True, env=_env(),
        )
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH") from None
    if proc.returncode != 0:
        raise GitError("cannot read files from the history", "the repository may be damaged: run `git fsck`")
    out, pos, result = proc.stdout, 0, {}
    for spec in unique:
        nl = out.index(b"\n", pos)
        header = out[pos:nl].decode("utf-8", "replace")
        pos = nl + 1
        if header.endswith(" missing") or header.endswith(" ambiguous"):
            result[spec] = None
            continue
        size = int(header.rsplit(" ", 1)[1])
        result[spec] = out[pos:pos + size]
        pos += size + 1
    return result


def blob_id(root: Path, path: Path) -> str:
    """The id git gives the file's current content (what a commit of it will hold)."""
    return git(root, "hash-object", "--", str(path)).strip()
