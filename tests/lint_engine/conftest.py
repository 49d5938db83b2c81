"""Fixtures for the engine tests (the shared tests/conftest.py isolates git and HOME)."""

from __future__ import annotations

import pytest

from .helpers import extra_rules, make_caseload


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "lint-cache"
    monkeypatch.setenv("CASEFILE_CACHE_DIR", str(d))
    monkeypatch.delenv("CASEFILE_DEBUG", raising=False)
    return d


@pytest.fixture
def cl(tmp_path):
    """A clean caseload: one client with profile, goal, plan and one note."""
    return make_caseload(tmp_path / "caseload")


@pytest.fixture
def rules():
    with extra_rules() as registry:
        yield registry


@pytest.fixture
def lint():
    """The engine's lint(), imported only when a test runs."""
    from casefile.lint.engine import lint as run

    return run
