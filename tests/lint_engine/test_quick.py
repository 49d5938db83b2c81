"""`casefile lint` answered from the snapshot in casefile/launch.py, before typer or the engine is imported:
it must print exactly what the full command prints, and give way to it at any change at all."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .helpers import CONFIG, make_caseload, note

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def trusted(monkeypatch):
    """Stat keys are trusted at once (they are only after two seconds otherwise)."""
    import casefile.lint.cache as cache_mod

    monkeypatch.setattr(cache_mod, "RACY_NS", 0)


def run(monkeypatch, capsys, cwd: Path, args: list[str], quick: bool):
    """(stdout, stderr, exit code, answered quickly) of `casefile <args>` run in this process."""
    from casefile import launch

    answered = []
    real = launch._lint_quick

    def spy(a, root):
        code = real(a, root) if quick else None
        answered.append(code is not None)
        return code

    with monkeypatch.context() as m:
        m.chdir(cwd)
        m.setattr(sys, "argv", ["casefile", *args])
        m.setattr(launch, "_lint_quick", spy)
        capsys.readouterr()
        try:
            launch.main()
            code = 0
        except SystemExit as e:
            code = e.code
    out, err = capsys.readouterr()
    return out, err, code, answered[0]


def both(monkeypatch, capsys, cwd, args):
    """Run the full command (which also makes the snapshot), then the quick path; both results."""
    full = run(monkeypatch, capsys, cwd, args, quick=False)
    quick = run(monkeypatch, capsys, cwd, args, quick=True)
    return full, quick


@pytest.mark.parametrize("args", [["lint"], ["lint", "-q"], ["lint", "--format", "json"], ["lint", "--format=JSON"],
                                  ["lint", "-f", "text", "--quiet"]])
def test_quick_answer_is_byte_identical_with_findings(tmp_path, monkeypatch, capsys, trusted, args):
    root = make_caseload(tmp_path / "cl", clients=2, notes=2)
    (root / "clients/c-0001/notes/bad.md").write_text(note(data="Client seems lazy. She might be high."))
    full, quick = both(monkeypatch, capsys, root, args)
    assert full[2] == 1 and full[0]
    assert quick[3] is True, "the snapshot should have answered"
    assert quick[:3] == full[:3]
    # from a client's folder: the paths are shown relative to it
    full, quick = both(monkeypatch, capsys, root / "clients/c-0001", args)
    assert quick[3] is True and quick[:3] == full[:3]


def test_quick_answer_is_byte_identical_when_clean(tmp_path, monkeypatch, capsys, trusted):
    root = make_caseload(tmp_path / "cl", clients=2, notes=2)
    for args in (["lint"], ["lint", "--format", "json"]):
        full, quick = both(monkeypatch, capsys, root, args)
        assert full[2] == 0 and quick[3] is True and quick[:3] == full[:3]


def test_fail_on_from_casefile_yml(tmp_path, monkeypatch, capsys, trusted):
    root = make_caseload(tmp_path / "cl", config=CONFIG + "lint:\n  fail_on: info\n")
    (root / "clients/c-0001/notes/bad.md").write_text(note(data="Client seems lazy. Last week she called."))
    full, quick = both(monkeypatch, capsys, root, ["lint"])
    assert full[2] == 1 and "failing at info and above" in full[1] and quick[3] is True and quick[:3] == full[:3]


def test_other_options_always_run_the_full_command(tmp_path, monkeypatch, capsys, trusted):
    root = make_caseload(tmp_path / "cl")
    run(monkeypatch, capsys, root, ["lint"], quick=False)
    for args in (["lint", "clients"], ["lint", "--format", "sarif"], ["lint", "--statistics"], ["lint", "--no-cache"],
                 ["lint", "--fail-on", "info"], ["lint", "-q", "-q"], ["lint", "--select", "CF3"], ["rules"],
                 ["lint", "--format"], ["lint", "--help"]):
        from casefile import launch

        assert launch._lint_options(args) is None, args


def test_any_change_falls_through_to_the_full_command(tmp_path, monkeypatch, capsys, trusted):
    root = make_caseload(tmp_path / "cl", clients=2, notes=2)
    (root / "clients/c-0001/notes/bad.md").write_text(note(data="Client seems lazy."))
    run(monkeypatch, capsys, root, ["lint"], quick=False)
    assert run(monkeypatch, capsys, root, ["lint"], quick=True)[3] is True

    # content changed, size and mtime put back: ctime tells
    bad = root / "clients/c-0001/notes/bad.md"
    st = bad.stat()
    time.sleep(0.01)
    bad.write_text(note(data="Client paid debts."))
    os.utime(bad, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert bad.stat().st_size == st.st_size and bad.stat().st_mtime_ns == st.st_mtime_ns
    out, err, code, quick = run(monkeypatch, capsys, root, ["lint"], quick=True)
    assert quick is False and code == 0 and out == ""

    def falls_through() -> bool:
        run(monkeypatch, capsys, root, ["lint"], quick=False)  # a fresh snapshot
        return True

    # casefile.yml edited (even only a comment): not answered from the snapshot
    falls_through()
    (root / "casefile.yml").write_text(CONFIG + "# a comment\n")
    assert run(monkeypatch, capsys, root, ["lint"], quick=True)[3] is False
    # a new file, a removed file, a new folder with a file
    falls_through()
    (root / "clients/c-0002/notes/new.md").write_text(note("c-0002"))
    assert run(monkeypatch, capsys, root, ["lint"], quick=True)[3] is False
    falls_through()
    (root / "clients/c-0002/notes/new.md").unlink()
    assert run(monkeypatch, capsys, root, ["lint"], quick=True)[3] is False
    falls_through()
    (root / "clients/c-0002/extra").mkdir()
    (root / "clients/c-0002/extra/x.md").write_text(note("c-0002"))
    assert run(monkeypatch, capsys, root, ["lint"], quick=True)[3] is False
    # a symbolic link anywhere: always the full command
    falls_through()
    (root / "clients/c-0002/notes/link.md").symlink_to(root / "clients/c-0002/extra/x.md")
    full = run(monkeypatch, capsys, root, ["lint"], quick=False)
    quick = run(monkeypatch, capsys, root, ["lint"], quick=True)
    assert quick[3] is False and quick[:3] == full[:3]


def test_quick_answer_needs_an_unchanged_casefile_and_python(tmp_path, monkeypatch, capsys, trusted):
    import casefile.lint.cache as cache_mod

    root = make_caseload(tmp_path / "cl")
    run(monkeypatch, capsys, root, ["lint"], quick=False)
    assert run(monkeypatch, capsys, root, ["lint"], quick=True)[3] is True
    monkeypatch.setattr(cache_mod, "_SOURCE_DIGEST", "another casefile")
    assert run(monkeypatch, capsys, root, ["lint"], quick=True)[3] is False


def test_the_command_answers_without_importing_typer_or_yaml(tmp_path):
    root = make_caseload(tmp_path / "cl")
    (root / "clients/c-0001/notes/bad.md").write_text(note(data="Client seems lazy."))
    env = dict(os.environ, PYTHONPATH=str(REPO), CASEFILE_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("CASEFILE_DIR", None)
    time.sleep(2.1)  # the files' stat keys are trusted only two seconds after they were written
    cmd = [sys.executable, "-m", "casefile", "lint"]
    full = subprocess.run(cmd, cwd=root, env=env, capture_output=True)
    probe = ("import atexit, sys\n"
             "atexit.register(lambda: sys.stderr.write('LOADED %s\\n' % sorted(m for m in ('typer', 'yaml', "
             "'casefile.lint.engine', 'casefile.cli') if m in sys.modules)))\n"
             "sys.argv = ['casefile', 'lint']\n"
             "from casefile.launch import main\n"
             "main()\n")
    quick = subprocess.run([sys.executable, "-c", probe], cwd=root, env=env, capture_output=True)
    assert full.returncode == 1 and full.stdout
    assert quick.returncode == full.returncode and quick.stdout == full.stdout
    assert quick.stderr == full.stderr + b"LOADED []\n"


def test_a_miss_hands_its_stat_keys_to_the_full_run_once(tmp_path, monkeypatch, capsys, trusted):
    """After the quick check walked and did not answer, the full run uses the stat keys it took (no second
    stat of every file), and nothing of it is left for any later run."""
    import casefile.lint.cache as cache_mod

    root = make_caseload(tmp_path / "cl", clients=2, notes=2)
    bad = root / "clients/c-0001/notes/bad.md"
    bad.write_text(note(data="Client seems lazy."))
    run(monkeypatch, capsys, root, ["lint"], quick=False)
    bad.write_text(note(data="Client paid debts."))
    taken = []
    real = cache_mod.take_walk
    monkeypatch.setattr(cache_mod, "take_walk", lambda r: taken.append(real(r)) or taken[-1])
    out, err, code, quick = run(monkeypatch, capsys, root, ["lint"], quick=True)
    assert quick is False and code == 0 and out == ""
    assert taken and taken[0] and "clients/c-0001/notes/bad.md" in taken[0]
    assert cache_mod._HANDED is None and cache_mod._LAST_WALK is None
    # a quick hit walks, and hands nothing over
    assert run(monkeypatch, capsys, root, ["lint"], quick=True)[3] is True
    bad.write_text(note(data="Client seems lazy."))
    from casefile.lint.engine import lint

    assert lint(root).failed and cache_mod._HANDED is None
