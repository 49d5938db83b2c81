"""The steps every change shares: render a template, let the person edit it, check it, save, commit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from casefile import history
from casefile.caseload import Caseload, atomic_write
from casefile.entry import Entry, parse_entry, read_entry
from casefile.errors import EditorError, EntryParseError
from casefile.render import render, strip_guides


@dataclass
class Saved:
    path: str  # relative to the caseload
    commit: str | None
    hand_edit_commit: str | None = None
    left_out: tuple[str, ...] = ()  # new files found that are not casefile's own: left for the person to add

    @classmethod
    def of(cls, path: str, ch: history.Change) -> "Saved":
        return cls(path, ch.commit, ch.hand_edit_commit, tuple(ch.left_out))


def author(caseload: Caseload) -> history.Author:
    w = caseload.config.worker
    return history.Author(w.name, w.email)


def templates_dir(caseload: Caseload) -> Path:
    return caseload.root / caseload.config.templates


def render_entry(caseload: Caseload, template: str, context: dict[str, Any]) -> str:
    return render(template, context, templates_dir(caseload)).rstrip("\n") + "\n"


def create_entry(
    caseload: Caseload,
    path: Path,
    text: str,
    *,
    action: str,
    subject: str,
    client: str | None,
    open_editor: bool,
    check: Callable[[Entry], None] | None = None,
    trailers: list[tuple[str, str]] | None = None,
) -> Saved:
    """Write a new entry (never over an existing file), optionally through the editor, and commit it.

    With the editor, the rendered text is written to the real file and opened there; if the person
    leaves it unchanged, nothing is saved. Guide lines are removed before the commit.
    """
    rel = caseload.rel(path)
    if not open_editor:
        final = strip_guides(text)
        _check(parse_entry(final, rel), check)  # everything that can fail before anything is written
        history.check_branch(caseload.root)
        atomic_write(path, final, new=True)
        history.stage_new(caseload.root, [rel])  # while git still scans for hand edits
        with history.change(caseload.root, action, subject, author(caseload), client, trailers=trailers,
                            staged=[rel]) as ch:
            ch.add(path)
        return Saved.of(rel, ch)
    with history.change(caseload.root, action, subject, author(caseload), client, trailers=trailers) as ch:
        atomic_write(path, text, new=True)
        try:
            from casefile import editor

            editor.edit(path)
        except BaseException:  # the editor failed, or Ctrl-C: an untouched template is not left behind
            if path.read_bytes() == text.encode("utf-8"):
                path.unlink()
            raise
        raw = path.read_bytes()  # line endings as the editor wrote them
        try:
            edited = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise EntryParseError(rel, None, "the editor saved it in another encoding than UTF-8") from None
        if edited == text:
            path.unlink()
            from casefile.editor import UNCHANGED_HINT

            raise EditorError("the entry was left unchanged, so it was not saved", UNCHANGED_HINT)
        final = strip_guides(edited)
        if final != edited:
            atomic_write(path, final)
        try:
            _check(parse_entry(final, rel), check)
        except EntryParseError as e:
            e.hint = "the file is kept as you wrote it: fix it, then run `casefile commit`"
            raise
        ch.add(path)
    return Saved.of(rel, ch)


def _check(entry: Entry, check: Callable[[Entry], None] | None) -> None:
    if check:
        check(entry)


def update_entry(
    caseload: Caseload,
    path: Path,
    edit: Callable[[str], str],
    *,
    action: str,
    subject: str,
    client: str | None,
    guard: Callable[[Entry], None] | None = None,
    trailers: list[tuple[str, str]] | None = None,
    by: history.Author | None = None,
) -> Saved:
    """Change an existing entry through `edit(text) -> text` and commit the change alone.

    `by` is the commit author when it is not the caseload's worker (a supervisor's review)."""
    rel = caseload.rel(path)
    # Everything that can fail is done before any commit, so a refused change leaves no trace in history.
    before = read_entry(path, rel)
    if guard:
        guard(before)
    after = edit(before.text)
    parse_entry(after, rel)  # never save a change that breaks the file
    if after == before.text:
        return Saved(rel, None)
    worker = author(caseload)
    with history.change(caseload.root, action, subject, by or worker, client, trailers=trailers,
                        hand_edits_by=worker) as ch:
        atomic_write(path, after)
        ch.add(path)
    return Saved.of(rel, ch)


def entry_rows(caseload: Caseload, paths: list[Path], fields: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    """One row per file for listings: its name and front matter (or only `fields`), or the problem that
    kept it from being read, so one broken file never hides the others."""
    from casefile.errors import EntryParseError

    rows = []
    for p in paths:
        try:
            meta = read_entry(p, caseload.rel(p)).meta
        except EntryParseError as e:
            rows.append({"file": p.name, "problem": str(e)})
            continue
        rows.append({"file": p.name, **(meta if fields is None else {k: meta.get(k) for k in fields})})
    return rows
