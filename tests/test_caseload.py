"""A worker makes a caseload and casefile finds it from anywhere inside, like git."""

from __future__ import annotations

import subprocess
import sys

import yaml

from conftest import Cli, git


def test_init_makes_a_git_caseload_with_one_commit(tmp_path):
    root = tmp_path / "work"
    result = Cli(tmp_path)("init", str(root), "--name", "Alex Smith", "--email", "asmith@agency.example")
    assert "Made a caseload" in result.output
    assert (root / "casefile.yml").is_file()
    assert "name: Alex Smith" in (root / "casefile.yml").read_text()
    log = git(root, "log", "--format=%an <%ae>|%s|%(trailers:key=Casefile-Action,valueonly)").strip().splitlines()
    assert log == ["Alex Smith <asmith@agency.example>|Start caseload|init"]
    assert git(root, "status", "--porcelain") == ""


def test_init_takes_the_worker_from_git_config(tmp_path):
    root = tmp_path / "work"
    Cli(tmp_path)("init", str(root))
    worker = yaml.safe_load((root / "casefile.yml").read_text())["worker"]
    assert worker == {"id": "gitconfig", "name": "Git Config User", "email": "gitconfig@example.org"}


def test_init_adopts_an_existing_repository_and_keeps_its_history(tmp_path):
    root = tmp_path / "existing"
    root.mkdir()
    git(root, "init", "-q")
    (root / "old.txt").write_text("kept\n")
    git(root, "add", "old.txt")
    git(root, "commit", "-qm", "Earlier work")
    result = Cli(tmp_path)("init", str(root), "--name", "A B", "--email", "ab@x.example")
    assert "existing git repository" in result.output
    subjects = git(root, "log", "--format=%s").split("\n")
    assert subjects[:2] == ["Start caseload", "Earlier work"]


def test_init_refuses_a_folder_that_is_a_caseload_already(caseload, tmp_path):
    before = (caseload / "casefile.yml").read_text()
    result = Cli(tmp_path)("init", str(caseload), "--name", "X", "--email", "x@y.example", ok=False)
    assert result.exit_code == 2
    assert "is a caseload already" in result.output
    assert (caseload / "casefile.yml").read_text() == before


def test_caseload_is_found_from_a_subfolder_by_flag_and_by_environment(caseload, tmp_path, monkeypatch):
    Cli(caseload)("client", "new", "--name", "Dana Reyes")
    deep = caseload / "clients" / "c-0001"
    assert "c-0001" in Cli(deep)("client", "list").output
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert "c-0001" in Cli(elsewhere)("client", "list", "--caseload", str(caseload)).output
    monkeypatch.setenv("CASEFILE_DIR", str(caseload))
    assert "c-0001" in Cli(elsewhere)("client", "list").output


def test_no_caseload_is_one_line_with_a_hint(tmp_path):
    result = Cli(tmp_path)("client", "list", ok=False)
    assert result.exit_code == 2
    assert result.output == "error: no caseload found here or in any folder above; run `casefile init` to make one\n"


def test_module_and_script_entry_points_work(caseload):
    out = subprocess.run([sys.executable, "-m", "casefile", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("casefile ")


def test_version_answers_before_typer_is_imported():
    code = (
        "import sys\n"
        "sys.argv = ['casefile', '--version']\n"
        "from casefile.launch import main\n"
        "main()\n"
        "print('LOADED', [m for m in ('typer', 'yaml', 'jinja2', 'git') if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    from casefile import __version__

    assert out.stdout.splitlines() == [f"casefile {__version__}", "LOADED []"], out.stdout + out.stderr


def test_help_and_version_import_no_heavy_modules():
    code = (
        "import sys\n"
        "sys.argv = ['casefile', '--help']\n"
        "from casefile.cli import main\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        "heavy = [m for m in ('git', 'jinja2', 'yaml', 'frontmatter', 'casefile.history') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr


def test_a_writing_command_starts_git_status_before_typer_is_imported(caseload, monkeypatch):
    from casefile import history, launch

    monkeypatch.chdir(caseload)
    history._prefetched.clear()
    for args in (["note", "new", "c-0001", "--body", "x"],):
        launch._head_start(args, launch._root(args))
    assert list(history._prefetched) == [caseload.resolve()]
    history._reap_prefetched()
    for args in (["client", "list"], ["note", "new", "--help"]):
        launch._head_start(args, launch._root(args))
    assert history._prefetched == {}
