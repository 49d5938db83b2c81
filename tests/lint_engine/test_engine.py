"""The engine: files found, parsed once, indexed per client, rules run, findings sorted; bad input."""

from __future__ import annotations

import json
import os

import pytest

from .helpers import cli, day, make_caseload, note


def codes(report):
    return [(f.path, f.line, f.column, f.code) for f in report.findings]


def test_clean_caseload_is_silent_and_exits_0(cl):
    r = cli(cl, "lint")
    assert r.exit_code == 0, r.output
    assert r.output == ""


def test_findings_sorted_with_file_positions(cl, rules, lint):
    n = cl / "clients/c-0001/notes"
    (n / "b.md").write_text(note(data="A zebra.\nTwo zebra and zebra."), encoding="utf-8")
    (n / "a.md").write_text(note(data="zebra"), encoding="utf-8")
    r = lint(cl, select=["CF199"], use_cache=False)
    text = (n / "b.md").read_text().split("\n")
    line = next(i for i, t in enumerate(text, 1) if t.startswith("A zebra"))
    assert codes(r) == [
        ("clients/c-0001/notes/a.md", line, 1, "CF199"),
        ("clients/c-0001/notes/b.md", line, 3, "CF199"),
        ("clients/c-0001/notes/b.md", line + 1, 5, "CF199"),
        ("clients/c-0001/notes/b.md", line + 1, 15, "CF199"),
    ]
    f = r.findings[1]
    assert (f.end_line, f.end_column, f.name, f.severity, f.suggestion) == (line, 8, "test-zebra", "warning", "horse")
    assert text[f.line - 1][f.column - 1:f.end_column - 1] == "zebra"


def test_cli_text_output_is_exact(cl, rules):
    (cl / "clients/c-0001/notes/x.md").write_text(note(data="One zebra."), encoding="utf-8")
    r = cli(cl, "lint", "--select", "CF199")
    assert r.exit_code == 1
    assert r.stdout == "clients/c-0001/notes/x.md:21:5: CF199 the word zebra (suggestion: horse)\n"
    assert r.stderr == "Found 1 finding (1 warning) in 1 file of 5 checked; failing at warning and above.\n"
    # from inside the client folder the paths are relative to where you are (quickfix-friendly)
    r = cli(cl / "clients/c-0001", "lint", "--select", "CF199", "-q")
    assert r.stdout == "notes/x.md:21:5: CF199 the word zebra (suggestion: horse)\n" and r.stderr == ""


def test_paths_files_and_folders(tmp_path, rules, lint):
    root = make_caseload(tmp_path / "cl", clients=2)
    for cid in ("c-0001", "c-0002"):
        (root / f"clients/{cid}/notes/z.md").write_text(note(cid, data="zebra"), encoding="utf-8")
    r = lint(root, ["clients/c-0002"], select=["CF199"], cwd=root)
    assert [f.path for f in r.findings] == ["clients/c-0002/notes/z.md"]
    r = lint(root, [str(root / "clients/c-0001/notes/z.md")], select=["CF199"], cwd=tmp_path)
    assert [f.path for f in r.findings] == ["clients/c-0001/notes/z.md"] and r.files == 1
    r = lint(root, ["."], select=["CF199"], cwd=root)
    assert len(r.findings) == 2 and r.files == 10
    r = cli(root, "lint", "nowhere.md")
    assert r.exit_code == 2 and r.stderr == "error: no such file or folder: nowhere.md\n"


def test_lone_file_outside_any_caseload(tmp_path, rules):
    f = tmp_path / "draft.md"
    f.write_text(note(data="zebra"), encoding="utf-8")
    r = cli(tmp_path, "lint", "draft.md", "--select", "CF199", "-q")
    assert r.exit_code == 1
    assert r.stdout.startswith("draft.md:21:1: CF199 the word zebra")
    r = cli(tmp_path, "lint")
    assert r.exit_code == 2 and r.stderr.startswith("error: no caseload found")


def test_stdin_with_filename_uses_the_path_and_the_clients_index(cl, rules):
    text = note(data="zebra", front="goals: [g01, g07]")
    r = cli(cl, "lint", "-", "--stdin-filename", "clients/c-0001/notes/new.md", "--select", "CF198,CF199",
            "--format", "json", input=text)
    assert r.exit_code == 1, r.output
    found = json.loads(r.stdout)["findings"]
    assert [(f["path"], f["code"], f["message"]) for f in found] == [
        ("clients/c-0001/notes/new.md", "CF198", "no goal g07"),
        ("clients/c-0001/notes/new.md", "CF199", "the word zebra"),
    ]
    assert not (cl / "clients/c-0001/notes/new.md").exists()
    r = cli(cl, "lint", "-", "--select", "CF199", input=text)
    assert r.stdout.startswith("-:21:1: CF199")
    r = cli(cl, "lint", "-", "clients", input=text)
    assert r.exit_code == 2 and "cannot be mixed" in r.stderr


def test_client_index_is_built_in_the_same_pass(cl, lint):
    from casefile.lint.api import REGISTRY, rule

    seen = {}

    @rule("CF195", "test-index", severity="info", kinds=("note",), summary="s", why="w", bad="b", good="g")
    def grab(entry, ctx):
        i = ctx.client(entry.meta["client"])
        seen.update(client_id=i.client_id, goal_ids=set(i.goal_ids), task_ids=set(i.task_ids),
                    need_ids=set(i.need_ids), mandate_ids=set(i.mandate_ids), note_paths=set(i.note_paths),
                    known=i.known, other=ctx.client("c-0999").known)
        return ()

    try:
        (cl / "clients/c-0001/goals/g02-job.md").write_text(
            (cl / "clients/c-0001/goals/g01-own-apartment.md").read_text().replace("id: g01", "id: g02"))
        lint(cl, select=["CF195"], use_cache=False)
    finally:
        REGISTRY.pop("CF195")
    notes = {"notes/" + p.name for p in (cl / "clients/c-0001/notes").iterdir()}
    assert seen == {"client_id": "c-0001", "goal_ids": {"g01", "g02"}, "task_ids": {"t01"}, "need_ids": {"n1"},
                    "mandate_ids": {"m1"}, "note_paths": notes, "known": True, "other": False}


BAD_INPUT = {
    "broken.md": b"---\nkind: note\nwho: [client, worker\n---\nBody\n",
    "binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "latin1.md": "---\nkind: note\n---\nCaf\xe9 au lait\n".encode("latin-1"),
    "huge.md": b"---\nkind: note\n---\n" + b"word " * 230_000,
    "unclosed.md": b"---\nkind: note\nclient: c-0001\n",
    "list.md": b"---\n- a\n- b\n---\n",
}


def test_bad_input_gives_one_finding_each_and_the_rest_is_linted(cl, rules, lint, tmp_path):
    notes = cl / "clients/c-0001/notes"
    for name, data in BAD_INPUT.items():
        (notes / name).write_bytes(data)
    outside = tmp_path / "elsewhere.md"
    outside.write_text(note(data="zebra"), encoding="utf-8")
    os.symlink(outside, notes / "link-out.md")
    os.symlink(tmp_path, cl / "clients/c-0001/goals/dir-out")
    (notes / "unknown-kind.md").write_text(note(front="kind: memo"), encoding="utf-8")
    (notes / "z.md").write_text(note(data="zebra"), encoding="utf-8")
    r = lint(cl, use_cache=False)
    by_file = {}
    for f in r.findings:
        by_file.setdefault(f.path.rsplit("/", 1)[1], []).append((f.code, f.line))
    assert by_file["broken.md"] == [("CF100", 4)]
    assert by_file["binary.md"] == [("CF193", 1)]
    assert by_file["latin1.md"] == [("CF193", 4)]
    assert by_file["huge.md"] == [("CF193", 1)]
    assert by_file["unclosed.md"] == [("CF100", 1)]
    assert by_file["list.md"] == [("CF100", 2)]
    assert by_file["link-out.md"] == [("CF194", 1)]
    assert by_file["dir-out"] == [("CF194", 1)]
    assert [c for c, _ in by_file["unknown-kind.md"]] == ["CF104"]
    assert by_file["z.md"] == [("CF199", 21)]
    assert not r.errors
    messages = " ".join(f.message for f in r.findings if f.code in ("CF193", "CF194"))
    assert "Caf" not in messages and "zebra" not in messages  # no client text from unreadable files


def test_a_rule_that_crashes_is_an_internal_error_and_the_others_still_run(cl, rules):
    (cl / "clients/c-0001/notes/x.md").write_text(note(data="crash zebra"), encoding="utf-8")
    r = cli(cl, "lint", "--select", "CF196,CF199", "-q")
    assert r.exit_code == 2
    assert r.stdout == "clients/c-0001/notes/x.md:21:7: CF199 the word zebra (suggestion: horse)\n"
    assert r.stderr == ("error: internal error: rule CF196 (test-crash) failed on clients/c-0001/notes/x.md: "
                        "KeyError; please report it; the other rules and files were checked\n")
    assert "Dana" not in r.output


def test_parallel_run_gives_the_same_findings(tmp_path, rules, lint, monkeypatch):
    import casefile.lint.engine as engine

    root = make_caseload(tmp_path / "cl", clients=6, notes=5)
    for i in (1, 3, 5):
        (root / f"clients/c-000{i}/notes/z.md").write_text(note(f"c-000{i}", data="zebra", front="goals: [g09]"))
    serial = lint(root, use_cache=False, jobs=1)
    monkeypatch.setattr(engine, "PARALLEL_THRESHOLD", 2)
    parallel = lint(root, use_cache=False, jobs=2)
    assert codes(parallel) == codes(serial) and len(serial.findings) >= 6
    assert [f.message for f in parallel.findings] == [f.message for f in serial.findings]


def test_real_rules_on_a_small_caseload(cl):
    n = cl / "clients/c-0001/notes"
    (n / f"{day(-1)}-0900-session.md").write_text(note(data="Client seems lazy.", offset=-1), encoding="utf-8")
    r = cli(cl, "lint", "--format", "json")
    assert r.exit_code == 1
    found = {f["code"] for f in json.loads(r.stdout)["findings"]}
    assert "CF302" in found  # a judgemental label in the facts


def test_lint_never_writes_to_the_work_tree(cl, monkeypatch):
    from .helpers import git, git_init

    monkeypatch.delenv("CASEFILE_CACHE_DIR")
    git_init(cl)
    (cl / "clients/c-0001/notes/x.md").write_text(note(data="Client seems lazy."))
    git(cl, "add", "-A")
    git(cl, "commit", "-qm", "x")
    before = {p: p.stat().st_mtime_ns for p in cl.rglob("*") if ".git" not in p.parts}
    assert cli(cl, "lint").exit_code == 1
    assert cli(cl, "lint").exit_code == 1
    assert git(cl, "status", "--porcelain", "--ignored").stdout == ""
    assert before == {p: p.stat().st_mtime_ns for p in cl.rglob("*") if ".git" not in p.parts}
    assert list((cl / ".git/casefile").iterdir())


def test_lint_text_api_for_other_commands(cl):
    from casefile.lint.engine import lint_text

    r = lint_text(note(data="Client seems lazy."), "clients/c-0001/notes/new.md", cl)
    assert r.failed and {f.path for f in r.findings} == {"clients/c-0001/notes/new.md"}
    assert "CF302" in {f.code for f in r.findings}


@pytest.mark.parametrize("date_call", ["datetime.now(", "date.today(", "time.time(", "datetime.today("])
def test_rules_read_the_clock_only_through_ctx(date_call):
    """The cache relies on it: a rule that read the system clock could serve stale findings."""
    from pathlib import Path

    import casefile.lint as pkg

    base = Path(pkg.__file__).parent
    offenders = [p.name for sub in ("rules", "wordlists") for p in (base / sub).glob("*.py")
                 if date_call in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_parallel_run_uses_the_word_lists_of_its_own_settings(tmp_path, lint, monkeypatch):
    # the word lists are loaded once before the workers fork: they must be this run's (an agency's addition)
    import casefile.lint.engine as engine
    from .helpers import CONFIG

    added = ("lint:\n  words:\n    add:\n      - {term: frobbed, category: slang, severity: warning, rewrite: say "
             "what happened, why: not a word, bad: Client frobbed the form., good: Client signed the form.}\n")
    root = make_caseload(tmp_path / "cl", clients=4, notes=3, config=CONFIG + added)
    (root / "clients/c-0002/notes/z.md").write_text(note("c-0002", data="Client frobbed the form."))
    serial = lint(root, use_cache=False, jobs=1)
    monkeypatch.setattr(engine, "PARALLEL_THRESHOLD", 2)
    parallel = lint(root, use_cache=False, jobs=2)
    assert [f.to_dict() for f in parallel.findings] == [f.to_dict() for f in serial.findings]
    assert any(f.code == "CF401" and "frobbed" in f.message for f in parallel.findings)
