"""The bundled example becomes a real caseload in one command; a caseload's templates override ours."""

from __future__ import annotations

from conftest import Cli, git


def test_init_example_makes_a_caseload_with_a_commit_per_entry(tmp_path):
    root = tmp_path / "demo"
    out = Cli(tmp_path)("init", str(root), "--example").output
    assert out.startswith(f"Made the example caseload in {root}")
    entries = sorted(p.relative_to(root).as_posix() for p in root.glob("clients/*/**/*.md"))
    assert len(entries) >= 20
    log = git(root, "log", "--reverse", "--format=%s|%an|%(trailers:key=Casefile-Entry,valueonly,separator=)").splitlines()
    assert log[0].startswith("Start caseload|Alex Smith")
    assert sorted(line.split("|")[2] for line in log[1:]) == entries  # one commit per entry, nothing else
    dates = git(root, "log", "--reverse", "--format=%ad", "--date=short").split()
    assert dates == sorted(dates) and dates[0].startswith("2026-")
    assert git(root, "status", "--porcelain") == ""
    assert not (root / "README.md").exists()
    rows = Cli(root)("client", "list").output.splitlines()
    assert [r.split()[0] for r in rows[1:]] == ["c-0001", "c-0002", "c-0003"]
    whats = {line[30:52].strip() for line in Cli(root)("log").output.splitlines()[1:]}
    assert {"added a signed note", "added a note", "added a goal"} <= whats  # signed as imported, or a draft


def test_init_example_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "mine.txt").write_text("keep me\n")
    result = Cli(tmp_path)("init", str(tmp_path / "demo"), "--example", ok=False)
    assert result.exit_code == 2 and "is not empty" in result.output
    assert (tmp_path / "demo" / "mine.txt").read_text() == "keep me\n"


def test_a_caseload_template_overrides_the_built_in_one_by_name(cli, caseload):
    (caseload / "templates").mkdir()
    (caseload / "templates" / "note-free.md").write_text(
        '{% include "_note_front.md" %}{{ body }}\n\nFunding code: HCS-7\n'
    )
    cli("client", "new", "--name", "Dana Reyes")
    cli("note", "new", "c-0001", "--format", "free", "--when", "2026-11-20 10:00", "--body", "Met at the office.")
    text = (caseload / "clients/c-0001/notes/2026-11-20-1000-session.md").read_text()
    assert text.endswith("---\nMet at the office.\n\n\nFunding code: HCS-7\n")
    # the other formats still come from the built-in templates
    cli("note", "new", "c-0001", "--format", "DAP", "--when", "2026-11-21 10:00", "--body", "## Data\nx")
    assert "Funding code" not in (caseload / "clients/c-0001/notes/2026-11-21-1000-session.md").read_text()


def test_a_broken_template_is_a_one_line_error(cli, caseload):
    (caseload / "templates").mkdir()
    (caseload / "templates" / "goal.md").write_text("---\nkind: goal\n{{ goal.nonsense.deeper }}\n---\n")
    cli("client", "new", "--name", "Dana Reyes")
    result = cli("goal", "new", "c-0001", "--title", "x", "--no-edit", ok=False)
    assert result.exit_code == 2
    assert result.output.startswith("error: template goal.md")
    assert not list(caseload.glob("clients/c-0001/goals/*.md"))
