"""The guard that keeps signed records unchanged: for casefile's own commands (hand edits are recorded
before every change) and for the git pre-commit hook (staged changes).

A record is a note, an addendum or a closing summary (see common.is_record_path). Once it is final in HEAD,
any change, deletion or rename of it is refused; the way to add to it is an addendum.
"""

from __future__ import annotations

from pathlib import Path

from casefile.errors import SignedEntryError
from casefile.records.gitlog import git
from casefile.records.common import ADDENDA_DIR, CLOSING_FILE, client_of, is_final, is_record_path, quick_meta


def _final(data: bytes | None) -> bool:
    return data is not None and is_final(quick_meta(data.decode("utf-8", "replace")))


def signed_in_head(root: Path, paths: list[str]) -> list[str]:
    """Those of `paths` that are records signed (final) in HEAD. One git call, whatever the number."""
    from casefile.records.gitlog import head, read_blobs

    records = sorted({p for p in paths if is_record_path(p)})
    if not records or head(root) is None:
        return []
    blobs = read_blobs(root, [f"HEAD:{p}" for p in records])
    return [p for p in records if _final(blobs.get(f"HEAD:{p}"))]


def _sign_command(path: str) -> str:
    client = client_of(path) or "CLIENT"
    if path.endswith("/" + CLOSING_FILE):
        return f"casefile client close {client} --reason ..."
    return f"casefile note sign {client} {path.rsplit('/', 1)[-1][:-3]}"


def amend_hint(path: str) -> str:
    """How to add to the signed record at `path`: an addendum to the note (for an addendum, to its note)."""
    client = client_of(path) or "CLIENT"
    if path.endswith("/" + CLOSING_FILE):
        return "a signed closing summary is never edited; add to a note instead: " \
               f"casefile note amend {client} NOTE --reason correction --why ..."
    name = path.rsplit("/", 1)[-1][:-3]
    if f"/{ADDENDA_DIR}/" in path:
        name = name.split("--", 1)[0]  # <note>--<YYYY-MM-DD-HHMM>-<reason>: another addendum to the same note
    return f"a signed record is never edited; add a dated addendum instead: casefile note amend {client} {name} --reason correction --why ..."


def refuse_signed_changes(root: Path, dirty: list[str]) -> None:
    """Raise SignedEntryError if any of the uncommitted changes `dirty` touches a signed record, or makes a
    record final (a signature is given by `casefile note sign`, `note amend` or `client close`, never by hand)."""
    signed = signed_in_head(root, dirty)
    if signed:
        more = f" and {len(signed) - 1} more" if len(signed) > 1 else ""
        raise SignedEntryError(
            f"{signed[0]}{more} is signed and was changed by hand; nothing was committed "
            f"(undo it with: git restore -- {signed[0]})",
            amend_hint(signed[0]),
        )
    made = []
    for p in sorted({p for p in dirty if is_record_path(p)}):
        try:
            data = (root / p).read_bytes()
        except OSError:  # deleted, or not a file
            continue
        if _final(data):
            made.append(p)
    if made:
        more = f" and {len(made) - 1} more" if len(made) > 1 else ""
        raise SignedEntryError(
            f"{made[0]}{more} was made final by hand; nothing was committed (a record is signed only by casefile: "
            f"put back status: draft and remove signed_by and signed_at)",
            f"then sign it: {_sign_command(made[0])}",
        )


def staged_signed_violations(root: str | Path) -> list[str]:
    """One message per staged change (modification, deletion, rename, type change) to a record that is
    signed in HEAD, and, outside casefile's own commits (the CASEFILE_COMMIT environment variable), per
    staged record made final; [] when the commit may go ahead. For the pre-commit hook."""
    import os

    from casefile.history import COMMIT_ENV
    from casefile.records.gitlog import read_blobs

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
    if not os.environ.get(COMMIT_ENV):  # casefile's own commits sign; its hand-edit commits are guarded above
        staged = [(new or path) for status, path, new in changed
                  if status in "AMRCT" and path not in signed and is_record_path(new or path)]
        if staged:
            blobs = read_blobs(root, [f":{p}" for p in staged] + [f"HEAD:{p}" for p in staged])
            for p in staged:
                if _final(blobs.get(f":{p}")) and not _final(blobs.get(f"HEAD:{p}")):
                    messages.append(f"{p}: record made final outside casefile; a record is signed only by casefile: "
                                    f"{_sign_command(p)}")
    return messages
