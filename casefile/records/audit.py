"""`casefile audit`: walk the whole history once and report what a records auditor must know.

- a signed record (note, addendum, closing summary) changed, deleted, renamed or re-created after signing,
  whoever did it and however (plain git, --no-verify, a hand edit recorded by casefile);
- a commit whose signed content is not what its `Casefile-Signed` trailer says (the commit was amended);
- history rewritten since the last verified state (the anchor, kept in refs/casefile/anchor and
  .git/casefile/anchor, outside the branch), or the anchor itself moved;
- commits made outside casefile (no Casefile-Action trailer);
- late entries without a reason and drafts left unsigned longer than the agency allows (at HEAD);
- with --require-signatures: commits that are not signed, or whose signature is bad or cannot be checked.

One `git log --raw -z` pass for the history and one `git cat-file --batch` pass for the notes' contents.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casefile import history, model
from casefile.caseload import Caseload
from casefile.errors import InvalidValue
from casefile.records.gitlog import git
from casefile.records.common import (
    TRAILER_SIGNED, client_of, describe_span, has_late_reason, is_final, is_record_path, lateness, parse_when,
    quick_meta,
)

ANCHOR_REF = "refs/casefile/anchor"

CODES = {
    "signed-changed": "a signed record was changed after signing",
    "signed-deleted": "a signed record was deleted",
    "signed-renamed": "a signed record was renamed or moved",
    "signed-recreated": "a signed record was deleted and written again",
    "signed-outside-casefile": "a record became final without a Casefile-Signed trailer (signed by hand)",
    "sign-mismatch": "the signed content is not what the sign commit recorded (the commit was rewritten)",
    "history-rewritten": "history was rewritten since the last verified state",
    "anchor-moved": "the audit anchor was moved or removed outside casefile",
    "replace-objects": "git replace objects or grafts substitute other content or history for what was committed",
    "outside-casefile": "a commit was made outside casefile",
    "late-no-reason": "a late entry gives no reason",
    "draft-too-long": "a draft was left unsigned longer than the agency allows",
    "unsigned-commit": "a commit is not signed",
    "bad-signature": "a commit's signature is bad or cannot be checked",
}


@dataclass
class Finding:
    code: str
    message: str
    path: str | None = None
    commit: str | None = None
    date: str | None = None
    author: str | None = None

    @property
    def client(self) -> str | None:
        return client_of(self.path) if self.path else None

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "path": self.path, "client": self.client,
                "commit": self.commit, "date": self.date, "author": self.author}

    def line(self) -> str:
        where = f"{self.path}: " if self.path else ""
        when = ""
        if self.commit:
            when = f" (commit {self.commit[:10]}, {self.date[:16].replace('T', ' ') if self.date else '?'}, {self.author})"
        return f"{where}{self.message}{when} [{self.code}]"


@dataclass
class AuditResult:
    findings: list[Finding] = field(default_factory=list)
    commits: int = 0
    records: int = 0
    signed: int = 0
    head: str | None = None
    anchor: str | None = None
    anchor_updated: bool = False
    scope: str = "caseload"
    seconds: float = 0.0

    @property
    def clean(self) -> bool:
        return not self.findings

    def as_dict(self) -> dict[str, Any]:
        return {"clean": self.clean, "scope": self.scope, "head": self.head, "commits": self.commits,
                "records": self.records, "signed": self.signed, "anchor": self.anchor,
                "anchor_updated": self.anchor_updated, "seconds": round(self.seconds, 3),
                "findings": [f.as_dict() for f in self.findings]}


# ---------------------------------------------------------------- the anchor (last verified state)

def git_dir(root: Path) -> Path:
    d = Path(git(root, "rev-parse", "--git-dir").strip())
    return d if d.is_absolute() else root / d


def _anchor_file(root: Path) -> Path:
    return git_dir(root) / "casefile" / "anchor"


def read_anchor(root: Path) -> tuple[str | None, str | None]:
    """(the commit in refs/casefile/anchor, the commit in .git/casefile/anchor); None where missing."""
    ref = git(root, "rev-parse", "-q", "--verify", ANCHOR_REF, check=False).strip() or None
    try:
        copy = _anchor_file(root).read_text(encoding="utf-8").split()[0]
    except (OSError, IndexError):
        copy = None
    return ref, copy


def write_anchor(root: Path, commit: str) -> None:
    git(root, "update-ref", "-m", "casefile audit: verified", ANCHOR_REF, commit)
    path = _anchor_file(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    path.write_text(f"{commit} {stamp}\n", encoding="utf-8")


def _anchor_findings(root: Path, head: str) -> tuple[list[Finding], str | None]:
    ref, copy = read_anchor(root)
    found = []
    if copy and ref != copy:
        found.append(Finding(
            "anchor-moved",
            f"the audit anchor was {'removed' if ref is None else 'moved'} outside casefile: the last verified "
            f"commit was {copy[:10]}" + (f", the anchor now names {ref[:10]}" if ref else ""),
        ))
    anchor = copy or ref
    if anchor:
        if not _is_ancestor(root, anchor, head):
            lost = git(root, "rev-list", "--count", f"{head}..{anchor}", check=False).strip()
            found.append(Finding(
                "history-rewritten",
                f"history was rewritten since the last verified state: commit {anchor[:10]} is no longer in the "
                f"branch" + (f" ({lost} verified commits were replaced or removed)" if lost.isdigit() else ""),
                commit=anchor,
            ))
    return found, anchor


def _is_ancestor(root: Path, a: str, b: str) -> bool:
    import os
    import subprocess

    from casefile.records.gitlog import NO_REPLACE_ENV

    return subprocess.run(["git", "merge-base", "--is-ancestor", a, b], cwd=root, capture_output=True,
                          env={**os.environ, **NO_REPLACE_ENV}).returncode == 0


def _replace_findings(root: Path) -> list[Finding]:
    """refs/replace/* and .git/info/grafts make git show other objects than those committed. casefile's own
    reads ignore them, but plain git (log, show, blame) shows the substitutes: their mere presence is reported."""
    found = []
    refs = git(root, "for-each-ref", "--format=%(refname)", "refs/replace/", check=False).split()
    if refs:
        shown = ", ".join(r[len("refs/replace/"):][:10] for r in refs[:3]) + (" ..." if len(refs) > 3 else "")
        found.append(Finding(
            "replace-objects",
            f"{len(refs)} replace object{'s' if len(refs) > 1 else ''} (refs/replace/: {shown}) make plain git show "
            "other content than was committed; the audit reads the committed objects",
        ))
    grafts = git_dir(root) / "info" / "grafts"
    if grafts.exists():
        found.append(Finding(
            "replace-objects",
            ".git/info/grafts exists: it makes plain git show another history than was committed; the audit "
            "reads the committed history",
        ))
    return found


# ---------------------------------------------------------------- the walk

def _classify(old: bytes | None, new: bytes | None) -> str:
    if old is None or new is None:
        return ""
    a, b = old.decode("utf-8", "replace"), new.decode("utf-8", "replace")
    if "".join(a.split()) == "".join(b.split()):
        return "whitespace only"
    from casefile.entry import split_front_matter

    fa, ba, _ = split_front_matter(a)
    fb, bb, _ = split_front_matter(b)
    if ba == bb:
        ma, mb = quick_meta(a), quick_meta(b)
        keys = sorted(k for k in set(ma) | set(mb) if ma.get(k) != mb.get(k))
        return "front matter only" + (f": {', '.join(keys)}" if keys else "")
    if fa == fb:
        return "text changed"
    return "front matter and text changed"


def audit(
    caseload: Caseload, client_id: str | None = None, *, require_signatures: bool = False,
    since_anchor: bool = False, update_anchor: bool = False, now: dt.datetime | None = None,
) -> AuditResult:
    from casefile.records.gitlog import ZERO, check_repository, head as head_of, read_blobs, read_history

    t0 = time.perf_counter()
    root = caseload.root
    if client_id:
        caseload.client_dir(client_id, must_exist=False)  # a valid ID; a deleted client is still audited
        if update_anchor:
            raise InvalidValue("--update-anchor verifies the whole caseload: run it without a client")
    check_repository(root)
    config = caseload.config
    late_limit, draft_limit = config.duration("late_entry_after"), config.duration("draft_limit")
    now = now or dt.datetime.now()
    result = AuditResult(scope=client_id or "caseload")
    head = head_of(root)
    result.head = head
    if head is None:
        result.seconds = time.perf_counter() - t0
        return result
    paths = [f"{model.CLIENTS_DIR}/{client_id}/"] if client_id else None
    commits = read_history(root, paths=paths, signatures=require_signatures)
    result.commits = len(commits)

    wanted = [ch.new_blob for c in commits for ch in c.changes if ch.new_blob != ZERO and is_record_path(ch.path)]
    contents = read_blobs(root, wanted)
    meta = {b: quick_meta(data.decode("utf-8", "replace")) for b, data in contents.items() if data is not None}
    contents.clear()

    findings: list[tuple[int, Finding]] = []
    to_classify: list[tuple[Finding, str, str]] = []
    signed: dict[str, tuple[str, str]] = {}  # path -> (signed blob, signing commit)
    current: dict[str, str] = {}  # record path -> blob at this point of the walk
    last_commit: dict[str, Any] = {}

    def add(i: int, code: str, message: str, path: str | None, c) -> Finding:
        f = Finding(code, message, path, c.sha, c.date, c.author)
        findings.append((i, f))
        return f

    for i, c in enumerate(commits):
        action = c.trailer(history.TRAILER_ACTION)
        records = [ch for ch in c.changes if is_record_path(ch.path)]
        if not action:
            touched = sorted({ch.path for ch in c.changes})
            what = f"{touched[0]}" + (f" and {len(touched) - 1} more files" if len(touched) > 1 else "") if touched else None
            add(i, "outside-casefile", "commit made outside casefile (no Casefile-Action trailer)"
                + ("" if touched else ", changes no files"), what, c)
        if require_signatures:
            sig = c.signature or "N"
            if sig == "N":
                add(i, "unsigned-commit", "commit is not signed", None, c)
            elif sig in ("B", "R"):
                add(i, "bad-signature", "commit signature is bad" if sig == "B" else "commit signed with a revoked key", None, c)
            elif sig == "E":
                add(i, "bad-signature", "commit signature cannot be checked (the key is not known here)", None, c)
        if not records:
            continue
        signs = {v.rpartition(" ")[0] for v in c.trailer_values(TRAILER_SIGNED)}
        # deletions first, so that a rename (deleted here, added there with the same content) is named as one
        added = {ch.path: ch.new_blob for ch in records if ch.status == "A"}
        moved_to: set[str] = set()
        for ch in records:
            if ch.status != "D":
                continue
            current.pop(ch.path, None)
            if ch.path in signed:
                s_blob, _ = signed[ch.path]
                target = next((p for p, b in added.items() if b == ch.old_blob and p not in signed), None)
                if target:
                    add(i, "signed-renamed", f"signed record renamed to {target}", ch.path, c)
                    signed[target] = signed[ch.path]
                    moved_to.add(target)
                else:
                    add(i, "signed-deleted", "signed record deleted", ch.path, c)
        for ch in records:
            if ch.status == "D":
                continue
            current[ch.path] = ch.new_blob
            last_commit[ch.path] = c
            if ch.path in moved_to:
                continue
            if ch.path in signed:
                s_blob, _ = signed[ch.path]
                if ch.status == "A":
                    f = add(i, "signed-recreated", "signed record deleted earlier and written again", ch.path, c)
                    to_classify.append((f, s_blob, ch.new_blob))
                elif ch.new_blob != ch.old_blob:
                    f = add(i, "signed-changed", "signed record changed after signing", ch.path, c)
                    to_classify.append((f, s_blob, ch.new_blob))
            elif is_final(meta.get(ch.new_blob, {})):
                signed[ch.path] = (ch.new_blob, c.sha)
                if ch.path not in signs:
                    add(i, "signed-outside-casefile", "record became final without casefile signing it (no "
                        "Casefile-Signed trailer for it: a hand edit or plain git set status: final)", ch.path, c)
        for value in c.trailer_values(TRAILER_SIGNED):
            path, _, blob = value.rpartition(" ")
            if path and current.get(path) != blob:
                add(i, "sign-mismatch", "the content in the sign commit is not the content that was signed "
                    "(the commit was rewritten after signing, e.g. git commit --amend)", path, c)

    if to_classify:
        pairs = read_blobs(root, [b for _, a, n in to_classify for b in (a, n)])
        for f, a, n in to_classify:
            kind = _classify(pairs.get(a), pairs.get(n))
            if kind:
                f.message += f" ({kind})"

    # the state at HEAD: late entries and old drafts
    end = len(commits)
    for path, blob in sorted(current.items()):
        m = meta.get(blob, {})
        kind = m.get("kind")
        c = last_commit.get(path)
        if kind == model.NOTE:
            late = lateness(m, late_limit)
            if late and not has_late_reason(m):
                findings.append((end, Finding(
                    "late-no-reason", f"late entry: recorded {describe_span(late)} after the contact "
                    f"(limit {config.late_entry_after}) and gives no late_reason", path,
                    c.sha if c else None, c.date if c else None, c.author if c else None)))
        if kind in (model.NOTE, model.ADDENDUM) and m.get("status") == "draft":
            recorded = parse_when(m.get("recorded"))
            if recorded and now - recorded > draft_limit:
                findings.append((end, Finding(
                    "draft-too-long", f"draft unsigned for {describe_span(now - recorded)} (limit {config.draft_limit})",
                    path, c.sha if c else None, c.date if c else None, c.author if c else None)))

    anchor_found, anchor = _anchor_findings(root, head)
    result.anchor = anchor
    if since_anchor and anchor and not anchor_found:
        position = next((i for i, c in enumerate(commits) if c.sha == anchor), None)
        if position is None and client_id:  # the anchor commit did not touch this client: find the last one before it
            listed = set(git(root, "rev-list", "--first-parent", anchor).split())
            position = max((i for i, c in enumerate(commits) if c.sha in listed), default=-1)
        if position is not None:
            findings = [(i, f) for i, f in findings if i > position]
    result.findings = _replace_findings(root) + anchor_found + [f for _, f in findings]
    result.records = len(current)
    result.signed = sum(1 for p in current if p in signed)
    if update_anchor or (result.clean and not client_id):
        write_anchor(root, head)
        result.anchor, result.anchor_updated = head, True
    result.seconds = time.perf_counter() - t0
    return result
