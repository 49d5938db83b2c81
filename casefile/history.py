"""Everything that writes git history. Commits go through the git binary (it writes the index fastest;
see docs/benchmarks.md); every change is one commit, authored by the worker, with machine-readable trailers.

Commit messages carry case IDs, entry paths and actions only: never a client's name or other client text.
"""

from __future__ import annotations

import os
import re
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from casefile.errors import CasefileError, CommitFailed, GitError, SignedEntryError

TRAILER_ACTION = "Casefile-Action"
TRAILER_CLIENT = "Casefile-Client"
TRAILER_ENTRY = "Casefile-Entry"
HAND_EDIT_ACTION = "hand-edit"
HAND_EDIT_SUBJECT = "Record hand edits"
# Set for the git commands casefile runs, so that its pre-commit hook knows the commit is casefile's own.
COMMIT_ENV = "CASEFILE_COMMIT"


# Every git call casefile makes sees the objects as committed: never a `git replace` object, never a graft
# (.git/info/grafts, which GIT_NO_REPLACE_OBJECTS does not turn off). The audit reports either.
REAL_OBJECTS_ENV = {
    "GIT_NO_REPLACE_OBJECTS": "1",
    "GIT_GRAFT_FILE": os.path.join(os.devnull, "casefile-no-grafts"),
}


def git(root: Path, *args: str, env: dict[str, str] | None = None, input: str | None = None, check: bool = True) -> str:
    full_env = {**os.environ, **REAL_OBJECTS_ENV, **(env or {})}
    try:
        proc = subprocess.run(
            ["git", *args], cwd=root, env=full_env, input=input, capture_output=True, text=True, encoding="utf-8",
            errors="surrogateescape",
        )
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH", "install git and try again") from None
    if check and proc.returncode != 0:
        first = (proc.stderr.strip().splitlines() or proc.stdout.strip().splitlines() or ["(no message)"])
        raise GitError(f"git {args[0]} failed: {first[-1] if first[0].startswith('hint') else first[0]}")
    return proc.stdout


def is_repo_root(root: Path) -> bool:
    return (root / ".git").exists()


def init_repo(root: Path) -> bool:
    """Make `root` a git repository unless it is one. Returns True if it was made now."""
    if is_repo_root(root):
        return False
    git(root, "init", "-q")
    return True


# --no-optional-locks: the scan only reads, and never holds the index lock while casefile stages a new
# entry next to it (stage_new).
_STATUS_ARGS = ("--no-optional-locks", "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames")
_prefetched: dict[Path, subprocess.Popen] = {}


def prefetch_status(root: Path) -> None:
    """Start `git status` now, in the background, so that its scan of a large caseload overlaps the
    work a command does before it writes (imports, reading, rendering). `dirty_paths` collects it."""
    if root in _prefetched:
        return
    try:
        _prefetched[root] = subprocess.Popen(
            ["git", *_STATUS_ARGS], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env={**os.environ, **REAL_OBJECTS_ENV},
        )
    except OSError:
        return  # dirty_paths runs it again and reports the problem
    if len(_prefetched) == 1:
        import atexit

        atexit.register(_reap_prefetched)


def _reap_prefetched() -> None:
    """A command that stopped early (bad input) still waits for its status scan, so that no git process
    outlives it holding the index lock while the user's next command runs."""
    for proc in _prefetched.values():
        proc.communicate()
    _prefetched.clear()


def dirty_paths(root: Path) -> list[str]:
    """Paths with changes git has not committed (modified, new, deleted), relative to the root."""
    return [p for _, p in _status(root)]


def _status(root: Path) -> list[tuple[str, str]]:
    """(two-letter status, path) of every uncommitted change; `??` is a file git does not track."""
    proc = _prefetched.pop(root, None)
    out = None
    if proc is not None:
        raw, _ = proc.communicate()
        if proc.returncode == 0:
            out = raw.decode("utf-8", "surrogateescape")
    if out is None:
        out = git(root, *_STATUS_ARGS)
    return [(item[:2], item[3:]) for item in out.split("\0") if len(item) > 3]


@dataclass
class Author:
    name: str
    email: str

    def env(self) -> dict[str, str]:
        return {
            "GIT_AUTHOR_NAME": self.name,
            "GIT_AUTHOR_EMAIL": self.email,
            "GIT_COMMITTER_NAME": self.name,
            "GIT_COMMITTER_EMAIL": self.email,
        }


def message(subject: str, trailers: list[tuple[str, str]], body: str | None = None) -> str:
    parts = [subject.strip()]
    if body:
        parts.append(body.strip())
    parts.append("\n".join(f"{k}: {v}" for k, v in trailers))
    return "\n\n".join(parts) + "\n"


def signing_configured(root: Path) -> bool:
    """True when git is set up to sign commits (GPG or SSH): a user.signingkey, or commit.gpgsign on.

    casefile then signs its own commits with `-S`, so that `casefile audit --require-signatures` can verify them.
    """
    out = git(root, "config", "--get-regexp", r"^(user\.signingkey|commit\.gpgsign)$", check=False)
    values = dict(line.split(" ", 1) for line in out.splitlines() if " " in line)
    if values.get("commit.gpgsign", "").strip().lower() in ("false", "no", "off", "0"):
        return False
    return bool(values.get("user.signingkey", "").strip()) or values.get("commit.gpgsign", "").strip().lower() in ("true", "yes", "on", "1")


def commit_paths(
    root: Path, paths: list[str], msg: str, author: Author, date: str | None = None, index_clean: bool = False,
    staged: bool = False, keep_on_failure: bool = False,
) -> str:
    """Stage exactly `paths` (additions, changes and deletions) and commit them. Returns the commit id.

    `index_clean`: the caller knows nothing else is staged (hand edits were just recorded), so a plain
    `git commit` commits exactly these paths; it skips the temporary index git builds for a commit
    limited to paths, which costs ~25 ms in a caseload of 15,000 files (docs/benchmarks.md).
    `staged`: the paths are staged as they are already (stage_new). `keep_on_failure`: if git refuses, the
    files are only unstaged, never checked out: they are someone's hand edits, and the work tree is theirs."""
    env = {**author.env(), COMMIT_ENV: "1"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    try:
        if not staged:
            git(root, "add", "-A", "--", *paths)
        sign = ["-S"] if signing_configured(root) else []
        # only these paths, whatever else someone staged by hand
        only = [] if index_clean else ["--", *paths]
        git(root, "commit", "-q", *sign, "-F", "-", *only, env=env, input=msg)
    except GitError as e:
        if keep_on_failure:
            git(root, "reset", "-q", "--", *paths, check=False)
            raise CommitFailed(f"git did not commit the hand edits ({e.message}); they are kept as they are: "
                               "fix the problem, then run `casefile commit`") from None
        raise CommitFailed(_undo(root, paths, e.message)) from None
    return head_commit(root)


def _undo(root: Path, paths: list[str], problem: str) -> str:
    """After a failed commit: changed files go back to their last commit (nothing of the change half
    done); new files stay on disk, unstaged, so that nothing written is lost. Returns what to tell."""
    git(root, "reset", "-q", "--", *paths, check=False)
    tracked = set(git(root, "ls-tree", "-r", "--name-only", "HEAD", "--", *paths, check=False).split("\n")) - {""}
    if tracked:
        git(root, "checkout", "-q", "HEAD", "--", *sorted(tracked), check=False)
    new = [p for p in paths if p not in tracked]
    if not new:
        return f"git did not commit the change ({problem}); nothing was changed"
    shown = ", ".join(new[:3]) + (" ..." if len(new) > 3 else "")
    return (f"saved {shown} but git did not commit it ({problem}); nothing is lost: fix the problem, "
            "then run `casefile commit`")


def head_commit(root: Path) -> str:
    """The commit HEAD points at, read from .git directly (a git process costs more than the read)."""
    gitdir = root / ".git"
    try:
        head = (gitdir / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head
        ref = head[5:]
        loose = gitdir / ref
        if loose.exists():
            return loose.read_text().strip()
        for line in (gitdir / "packed-refs").read_text().splitlines():
            if line.endswith(" " + ref):
                return line.split(" ", 1)[0]
    except OSError:
        pass
    return git(root, "rev-parse", "HEAD").strip()


# What casefile records as hand edits by itself: the caseload's own files. Anything else new (a PDF, an
# export) is left for the person to add with git, so that nothing unexpected enters the record.
_OWN_FILE = re.compile(r"^(casefile\.yml|\.gitignore|templates/[^/]+|clients/[^/]+/.+\.md)$")
# Paths made by casefile itself hold only IDs, dates and words from fixed lists; only those are named in a
# commit message (a file named by hand could carry a name).
def _named_by_casefile() -> re.Pattern:
    from casefile import model

    words = lambda values: "|".join(re.escape(v) for v in values)  # noqa: E731
    note = rf"\d{{4}}-\d{{2}}-\d{{2}}-\d{{4}}-({words(model.CONTACT_TYPES)})(-\d+)?"
    return re.compile(
        r"^(casefile\.yml|\.gitignore|templates/[a-zA-Z0-9_.-]+|clients/[A-Za-z0-9][A-Za-z0-9_.-]*/"
        rf"(profile\.md|plan\.md|closing\.md|goals/g\d+(-({words(model.GOAL_DOMAINS)}))?\.md|notes/{note}\.md"
        rf"|addenda/{note}--\d{{4}}-\d{{2}}-\d{{2}}-\d{{4}}-({words(model.ADDENDUM_REASONS)})(-\d+)?\.md))$"
    )


_NAMED_BY_CASEFILE = _named_by_casefile()


def client_of(rel: str) -> str | None:
    """The case ID of a path inside the caseload (clients/<id>/...), or None."""
    parts = rel.split("/")
    return parts[1] if len(parts) >= 3 and parts[0] == "clients" else None


@dataclass
class HandEdits:
    paths: list[str]  # what will be recorded
    left_out: list[str]  # new files that are not the caseload's own: not recorded


def stage_new(root: Path, paths: list[str]) -> None:
    """Stage new files that a change will commit, while the scan for hand edits (started at launch) still
    runs: `git add` then overlaps `git status` instead of following it (docs/benchmarks.md). The change
    is then made with `change(..., staged=paths)`. The caller checks the branch (check_branch) before it
    writes them. If git cannot stage them, they stay on disk, unstaged, and CommitFailed says so."""
    try:
        git(root, "add", "--", *paths)
    except GitError as e:
        raise CommitFailed(_undo(root, paths, e.message)) from None


def _drop_staged_new(root: Path, paths: list[str]) -> None:
    """Take back what stage_new did, when the change is refused before its own commit."""
    git(root, "reset", "-q", "--", *paths, check=False)
    for p in paths:
        try:
            (root / p).unlink()
        except OSError:
            pass


def hand_edits(root: Path, exclude: frozenset[str] = frozenset()) -> HandEdits:
    changed = [(code, p) for code, p in _status(root) if p not in exclude]
    new = [p for code, p in changed if code == "??"]
    own_new = [p for p in new if _OWN_FILE.match(p)]
    kept = [p for code, p in changed if code != "??"] + own_new
    return HandEdits(sorted(kept), sorted(set(new) - set(own_new)))


def record_hand_edits(root: Path, author: Author, paths: list[str] | None = None) -> str | None:
    """Commit what was changed outside casefile as its own commit. Returns the commit id, or None."""
    dirty = hand_edits(root).paths if paths is None else paths
    if not dirty:
        return None
    from casefile.records.guard import refuse_signed_changes

    refuse_signed_changes(root, dirty)  # a signed note is never changed, not even by hand
    trailers = [(TRAILER_ACTION, HAND_EDIT_ACTION)]
    clients = sorted({c for p in dirty if (c := client_of(p)) and _NAMED_BY_CASEFILE.match(f"clients/{c}/profile.md")})
    trailers += [(TRAILER_CLIENT, c) for c in clients]
    named = [p for p in dirty if _NAMED_BY_CASEFILE.match(p)]
    trailers += [(TRAILER_ENTRY, p) for p in named]
    if len(named) < len(dirty):
        # a file named by hand may carry a name: counted, never named, in the message
        trailers.append(("Casefile-Other-Files", str(len(dirty) - len(named))))
    return commit_paths(root, dirty, message(HAND_EDIT_SUBJECT, trailers), author, keep_on_failure=True)


def check_branch(root: Path) -> None:
    """Refuse to commit where a commit would be lost or would finish someone's merge or rebase."""
    gitdir = root / ".git"
    try:
        head = (gitdir / "HEAD").read_text().strip()
    except OSError:
        raise GitError(f"{root} is not a git repository", "run `casefile init` there") from None
    if not head.startswith("ref: "):
        raise GitError("HEAD is detached: a commit made now would belong to no branch",
                       "check out your branch first: git switch main")
    for marker, what in (("MERGE_HEAD", "a merge"), ("rebase-merge", "a rebase"), ("rebase-apply", "a rebase"),
                         ("CHERRY_PICK_HEAD", "a cherry-pick"), ("REVERT_HEAD", "a revert")):
        if (gitdir / marker).exists():
            raise GitError(f"git is in the middle of {what}", "finish or abort it with git first")


@dataclass
class Change:
    """One change made through casefile: the files it writes become exactly one commit."""

    root: Path
    action: str
    subject: str
    author: Author
    client: str | None = None
    paths: list[str] = field(default_factory=list)
    date: str | None = None
    commit: str | None = None
    hand_edit_commit: str | None = None
    trailers: list[tuple[str, str]] = field(default_factory=list)  # extra trailers, after the entries
    left_out: list[str] = field(default_factory=list)  # new files that are not casefile's: not recorded

    def add(self, path: Path | str) -> None:
        rel = Path(path).resolve().relative_to(self.root.resolve()).as_posix() if Path(path).is_absolute() else str(path)
        if rel not in self.paths:
            self.paths.append(rel)


@contextmanager
def change(
    root: Path, action: str, subject: str, author: Author, client: str | None = None, date: str | None = None,
    trailers: list[tuple[str, str]] | None = None, hand_edits_by: Author | None = None,
    staged: list[str] | None = None,
) -> Iterator[Change]:
    """Record pending hand edits first (their own commit, authored by `hand_edits_by`, the caseload's
    worker, when the change itself is someone else's, such as a reviewer's), then let the caller write,
    then commit it.

    If the body raises, nothing is committed; files already written by it stay on disk. `staged`: new
    files of this change, written and staged beforehand with stage_new; they are not hand edits, and if
    the hand edits cannot be recorded (a signed note edited by hand) they are taken back, so the refused
    change leaves nothing behind, as if they had never been written.
    """
    check_branch(root)
    ch = Change(root, action, subject, author, client, date=date, trailers=list(trailers or []))
    early = list(staged or [])
    try:
        edits = hand_edits(root, frozenset(early))
        ch.hand_edit_commit = record_hand_edits(root, hand_edits_by or author, edits.paths)
    except SignedEntryError:
        if early:  # refused: the change is not made at all
            _drop_staged_new(root, early)
        raise
    except BaseException as e:
        if early:  # failed: the new entry stays on disk, unstaged, so that nothing written is lost
            git(root, "reset", "-q", "--", *early, check=False)
            if isinstance(e, CasefileError):
                e.message += f"; {', '.join(early)} is saved but not committed"
        raise
    ch.left_out = edits.left_out
    yield ch
    if not ch.paths:
        return
    trailers = [(TRAILER_ACTION, action)]
    if client:
        trailers.append((TRAILER_CLIENT, client))
    trailers += [(TRAILER_ENTRY, p) for p in ch.paths]
    trailers += [(k, v() if callable(v) else v) for k, v in ch.trailers]  # a callable: known only now
    ch.commit = commit_paths(root, ch.paths, message(subject, trailers), author, date, index_clean=True,
                             staged=bool(early) and set(ch.paths) <= set(early))
