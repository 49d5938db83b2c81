"""The guard that keeps signed records unchanged: for casefile's own commands (hand edits are recorded
before every change) and for the git pre-commit hook (staged changes).

A record is a note, an addendum or a closing summary (see common.is_record_path). Once it is final in HEAD,
any change, deletion or rename of it is refused; the way to add to it is an addendum.
"""

from __future__ import annotations

from pathlib import Path

from casefile.errors import SignedEntryError
from casefile.history import git
from casefile.records.common import client_of, is_final, is_record_path, quick_meta


def signed_in_head(root: Path, paths: list[str]) -> list[str]:
    """Those of `paths` that are records signed (final) in HEAD. One git call, whatever the number."""
    from casefile.records.gitlog import head, read_blobs

    records = sorted({p for p in paths if is_record_path(p)})
    if not records or head(root) is None:
        return []
    blobs = read_blobs(root, [f"HEAD:{p}" for p in records])
    signed = []
    for p in records:
        data = blobs.get(f"HEAD:{p}")
        if data is not None and is_final(quick_meta(data.decode("utf-8", "replace"))):
            signed.append(p)
    return signed


def amend_hint(path: str) -> str:
    client = client_of(path) or "CLIENT"
    name = path.rsplit("/", 1)[-1][:-3]
    return f"a signed record is never edited; add a dated addendum instead: casefile note amend {client} {name} --reason correction --why ..."


def refuse_signed_changes(root: Path, dirty: list[str]) -> None:
    """Raise SignedEntryError if any of the uncommitted changes `dirty` touches a signed record."""
    signed = signed_in_head(root, dirty)
    if signed:
        more = f" and {len(signed) - 1} more" if len(signed) > 1 else ""
        raise SignedEntryError(
            f"{signed[0]}{more} is signed and was changed by hand; nothing was committed "
            f"(undo it with: git restore -- {signed[0]})",
            amend_hint(signed[0]),
        )


def staged_signed_violations(root: str | Path) -> list[str]:
    """One message per staged change (modification, deletion, rename, type change) to a record that is
    signed in HEAD; [] when the commit may go ahead. For the pre-commit hook."""
    root = Path(root)
    out = git(root, "diff", "--cached", "--name-status", "-z", "-M", "HEAD", check=False)
    items = out.split("\0")
    changed: list[tuple[str, str, str | None]] = []  # (status, path, new path)
    i = 0
    while i < len(items):
        status = items[i]
        if not status:
            i += 1
            continue
        if status[0] in "RC" and i + 2 < len(items):
            changed.append((status[0], items[i + 1], items[i + 2]))
            i += 3
        else:
            if i + 1 < len(items):
                changed.append((status[0], items[i + 1], None))
            i += 2
    candidates = [p for s, p, _ in changed if s in "MDRT"]
    signed = set(signed_in_head(root, candidates))
    words = {"M": "changed", "D": "deleted", "T": "changed", "R": "renamed"}
    messages = []
    for status, path, new in changed:
        if path in signed and status in words:
            what = words[status] + (f" to {new}" if new else "")
            messages.append(f"{path}: signed record {what}; {amend_hint(path)}")
    return messages
