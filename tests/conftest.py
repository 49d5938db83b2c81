"""Shared fixtures: every test runs git with its own config (never the user's), in tmp_path."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casefile.cli import app

WORKER = {"name": "Alex Smith", "email": "asmith@harbourview.example"}


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    config = home / "gitconfig"
    config.write_text("[user]\n\tname = Git Config User\n\temail = gitconfig@example.org\n[init]\n\tdefaultBranch = main\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(home))
    for var in ("GIT_DIR", "GIT_WORK_TREE", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                "GIT_COMMITTER_EMAIL", "VISUAL", "EDITOR", "CASEFILE_DIR", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    return config


class Cli:
    """Runs casefile commands as a user would, from inside the caseload."""

    def __init__(self, root: Path):
        self.root = root
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, ok: bool = True):
        old = os.getcwd()
        os.chdir(self.root)
        try:
            result = self.runner.invoke(app, list(args), input=input, catch_exceptions=False)
        finally:
            os.chdir(old)
        if ok and result.exit_code != 0:
            raise AssertionError(f"casefile {' '.join(args)} exited {result.exit_code}: {result.output}")
        return result


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def caseload(tmp_path) -> Path:
    root = tmp_path / "caseload"
    Cli(tmp_path)("init", str(root), "--name", WORKER["name"], "--email", WORKER["email"], "--id", "asmith")
    return root


@pytest.fixture
def cli(caseload) -> Cli:
    return Cli(caseload)


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """A real editor: a small script that replaces the file with the text in $FAKE_EDITOR_TEXT,
    or appends $FAKE_EDITOR_APPEND, or leaves it as it is."""
    script = tmp_path / "fake-editor.py"
    script.write_text(
        "import os, sys\n"
        "path = sys.argv[1]\n"
        "text = open(path, encoding='utf-8').read()\n"
        "if 'FAKE_EDITOR_TEXT' in os.environ:\n"
        "    text = os.environ['FAKE_EDITOR_TEXT']\n"
        "if 'FAKE_EDITOR_REPLACE' in os.environ:\n"
        "    old, new = os.environ['FAKE_EDITOR_REPLACE'].split('=>', 1)\n"
        "    text = text.replace(old, new)\n"
        "text += os.environ.get('FAKE_EDITOR_APPEND', '')\n"
        "open(path, 'w', encoding='utf-8').write(text)\n"
        "sys.exit(int(os.environ.get('FAKE_EDITOR_EXIT', '0')))\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    return monkeypatch
