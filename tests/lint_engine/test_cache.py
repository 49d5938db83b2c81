"""The cache: unchanged files are not parsed again, and a stale result is never served."""

from __future__ import annotations

import datetime as dt
import os
import time

from .helpers import CONFIG, make_caseload, note


def lint(root, **kw):
    from casefile.lint.engine import lint as run

    return run(root, **kw)


def found(r):
    return sorted((f.path, f.line, f.code, f.message) for f in r.findings)


def test_second_run_is_served_from_the_cache(cl, rules):
    (cl / "clients/c-0001/notes/z.md").write_text(note(data="zebra"))
    first = lint(cl)
    again = lint(cl)
    assert found(again) == found(first) and first.cached == 0
    assert again.cached == again.files == 5 and again.linted == 0


def test_an_edited_file_is_linted_again_and_only_it(cl, rules):
    z = cl / "clients/c-0001/notes/z.md"
    z.write_text(note(data="zebra"))
    lint(cl)
    z.write_text(note(data="zebra zebra"))
    r = lint(cl)
    assert r.linted == 1 and [f.column for f in r.findings if f.code == "CF199"] == [1, 7]


def test_same_size_same_mtime_edit_is_still_seen(cl, rules):
    """Content changed, size and mtime put back (as `touch -r` or a careless sync would): ctime tells."""
    z = cl / "clients/c-0001/notes/z.md"
    z.write_text(note(data="zebra"))
    old = z.stat()
    os.utime(z, ns=(old.st_atime_ns - 10**10, old.st_mtime_ns - 10**10))  # old enough to be trusted
    lint(cl)
    st = z.stat()
    time.sleep(0.01)
    z.write_text(note(data="horse"))
    os.utime(z, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert z.stat().st_size == st.st_size and z.stat().st_mtime_ns == st.st_mtime_ns
    assert [f for f in lint(cl).findings if f.code == "CF199"] == []


def test_cross_file_change_invalidates_only_what_depends_on_it(tmp_path, rules):
    root = make_caseload(tmp_path / "cl", clients=2, notes=2)
    lint(root)
    goal = root / "clients/c-0001/goals/g01-own-apartment.md"
    goal.write_text(goal.read_text().replace("id: g01", "id: g05"))
    r = lint(root)
    # c-0001's goal file, its plan and its two notes (they refer to g01), nothing of c-0002
    assert r.linted == 4
    assert [(f.path.split("/")[3], f.code) for f in r.findings if f.code == "CF198"] == [
        (p.name, "CF198") for p in sorted((root / "clients/c-0001/notes").iterdir())]
    # a new note does not invalidate notes that only look at goal IDs
    (root / "clients/c-0002/notes/new.md").write_text(note("c-0002"))
    assert lint(root).linted == 1


def test_config_rules_and_selection_changes_start_afresh(cl, rules):
    lint(cl)
    assert lint(cl, select=["CF199"]).linted == 4
    assert lint(cl, select=["CF199"]).linted == 0
    (cl / "casefile.yml").write_text(CONFIG + "lint:\n  severity: {CF199: info}\n")
    assert lint(cl, select=["CF199"]).linted == 4


def test_the_clock_is_followed_exactly(cl, rules):
    """CF197 flags notes older than 30 days: the cached answer holds until the clock crosses that point."""
    when = dt.datetime.combine(dt.date.today() - dt.timedelta(days=2), dt.time(10, 30))
    first = lint(cl, select=["CF197"], now=when + dt.timedelta(days=2))
    assert first.findings == []
    r = lint(cl, select=["CF197"], now=when + dt.timedelta(days=29))
    assert r.findings == [] and r.linted == 0  # same side of the 30-day point: from the cache
    r = lint(cl, select=["CF197"], now=when + dt.timedelta(days=30, minutes=1))
    assert [f.code for f in r.findings] == ["CF197"] and r.linted == 1


def test_clock_tracking_records_comparisons_and_gives_up_on_anything_else():
    from casefile.lint.cache import Clock, conds_hold

    now = dt.datetime(2026, 11, 22, 12, 0)
    c = Clock(now)
    t = c.tracked_now()
    assert (dt.datetime(2026, 11, 23) > t) is True
    assert (t - dt.datetime(2026, 11, 1) > dt.timedelta(days=7)) is True
    assert (c.tracked_today() > dt.date(2026, 12, 1)) is False
    assert (t.replace(tzinfo=None).date() == dt.date(2026, 11, 22)) is True
    assert not c.opaque
    assert conds_hold(c.conds, now + dt.timedelta(hours=5))
    assert not conds_hold(c.conds, now + dt.timedelta(days=1))  # past 2026-11-23 00:00
    f"{t:%Y}"
    assert c.opaque
    c.reset()
    (t - dt.datetime(2026, 11, 1)).total_seconds()
    assert c.opaque
    c.reset()
    assert c.tracked_today().year == 2026 and c.opaque


def test_a_broken_cache_file_is_ignored(cl, rules, cache_dir):
    lint(cl)
    for f in cache_dir.iterdir():
        f.write_bytes(b"not a cache")
    assert lint(cl).cached == 0 and lint(cl).cached == 4


def test_no_cache(cl, rules, cache_dir):
    lint(cl, use_cache=False)
    assert not cache_dir.exists()


def test_cache_lives_in_git_or_the_user_cache_never_in_the_work_tree(tmp_path, monkeypatch):
    from casefile.lint.cache import cache_file

    monkeypatch.delenv("CASEFILE_CACHE_DIR")
    root = make_caseload(tmp_path / "plain")
    assert cache_file(root).is_relative_to(tmp_path / "home" if (tmp_path / "home").exists() else os.path.expanduser("~"))
    from .helpers import git_init

    git_init(root, commit=False)
    assert cache_file(root) == root / ".git/casefile/lint-v4.cache"


# -- the whole-caseload snapshot --------------------------------------------------------------------------------

def snapshot_only(monkeypatch):
    """Make any use of the per-file records fail: a run that passes was served by the snapshot."""
    import casefile.lint.engine as engine

    def boom(*a, **k):
        raise AssertionError("per-file path used")

    monkeypatch.setattr(engine.Engine, "valid", boom)


def test_snapshot_serves_an_unchanged_caseload(tmp_path, monkeypatch):
    import casefile.lint.cache as cache_mod

    monkeypatch.setattr(cache_mod, "RACY_NS", 0)
    root = make_caseload(tmp_path / "cl", clients=2, notes=2)
    (root / "clients/c-0001/notes/bad.md").write_text(note(data="Client seems lazy."))
    first = lint(root)
    assert first.failed
    with monkeypatch.context() as m:
        snapshot_only(m)
        again = lint(root)
        assert found(again) == found(first) and again.linted == 0 and again.cached == again.files == first.files
        assert lint(root, fail_on="error").failed is any(f.severity == "error" for f in first.findings)
    # any change, and the snapshot is not used
    (root / "clients/c-0001/notes/bad.md").write_text(note(data="Client brought the lease."))
    r = lint(root)
    assert not r.failed and r.linted == 1
    (root / "clients/c-0002/notes/bad.md").write_text(note("c-0002", data="Client seems lazy."))
    assert lint(root).failed
    (root / "clients/c-0002/notes/bad.md").unlink()
    assert not lint(root).failed
    # a run with --select neither uses nor writes it
    assert lint(root, select=["CF3"]).findings == []
    with monkeypatch.context() as m:
        snapshot_only(m)
        assert not lint(root).failed


def test_snapshot_is_not_used_once_the_clock_crosses_a_recorded_point(tmp_path, monkeypatch):
    import casefile.lint.cache as cache_mod

    monkeypatch.setattr(cache_mod, "RACY_NS", 0)
    root = make_caseload(tmp_path / "cl")
    due = dt.date.today() + dt.timedelta(days=20)  # the plan's task t01 is due then (helpers.plan)
    lint(root)
    with monkeypatch.context() as m:
        snapshot_only(m)
        assert lint(root).findings == []
    later = lint(root, now=dt.datetime.combine(due + dt.timedelta(days=1), dt.time(9)))
    assert "CF606" in {f.code for f in later.findings}  # task overdue


def test_a_stale_draft_is_served_from_the_cache_until_its_limit_is_crossed(tmp_path, monkeypatch):
    """CF702's message names the day the draft was recorded, not its age: it holds under a clock condition."""
    import casefile.lint.cache as cache_mod

    monkeypatch.setattr(cache_mod, "RACY_NS", 0)
    root = make_caseload(tmp_path / "cl")
    draft = root / "clients/c-0001/notes/draft.md"
    draft.write_text(note(offset=-3, front="status: draft\nsigned_by: ~drop\nsigned_at: ~drop"))
    first = lint(root)
    assert [f.code for f in first.findings if f.path.endswith("draft.md")] == []
    with monkeypatch.context() as m:
        snapshot_only(m)
        again = lint(root)
        assert found(again) == found(first) and again.linted == 0
    later = lint(root, now=dt.datetime.now() + dt.timedelta(days=10))  # past the 7-day limit
    hits = [f for f in later.findings if f.path.endswith("draft.md")]
    assert [f.code for f in hits] == ["CF702"] and later.linted >= 1
    assert hits[0].message.startswith(f"draft since {dt.date.today() - dt.timedelta(days=3)} (limit 7 days)")
    same = lint(root, now=dt.datetime.now() + dt.timedelta(days=15))  # before the plan's task t01 is due
    assert found(same) == found(later) and same.linted == 0  # same side of every point: from the cache


def test_snapshot_rechecks_files_whose_findings_change_with_the_clock(tmp_path, monkeypatch):
    """A finding whose text changes with the clock (none of casefile's own rules has one now) is checked again
    on every run, from the snapshot path too."""
    import dataclasses

    import casefile.lint.cache as cache_mod
    from casefile.lint.api import REGISTRY
    from casefile.lint.engine import load_rules

    load_rules()
    monkeypatch.setattr(cache_mod, "RACY_NS", 0)
    orig = REGISTRY["CF702"]

    def aged(entry, ctx):
        for h in orig.check(entry, ctx):
            h.message = f"{h.message} on {ctx.today:%Y-%m-%d}"  # formatting the clock: opaque
            yield h

    aged.__module__ = orig.check.__module__  # as one of casefile's own rules (the snapshot is only for those)
    monkeypatch.setitem(REGISTRY, "CF702", dataclasses.replace(orig, check=aged))
    root = make_caseload(tmp_path / "cl")
    old = root / "clients/c-0001/notes/old-draft.md"
    old.write_text(note(offset=-40, front="status: draft\nsigned_by: ~drop\nsigned_at: ~drop"))
    first = lint(root)
    assert [f.code for f in first.findings if f.path.endswith("old-draft.md")] == ["CF702"]
    again = lint(root)
    assert found(again) == found(first) and again.linted == 1  # only the stale draft, from the snapshot path
