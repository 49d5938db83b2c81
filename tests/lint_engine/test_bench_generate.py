"""bench/generate.py: the synthetic caseload other benchmarks use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .helpers import git

GEN = Path(__file__).resolve().parents[2] / "bench" / "generate.py"


def load():
    import bench.generate as mod  # the repository root is on the path (pyproject's pythonpath)

    assert Path(mod.__file__).resolve() == GEN
    return mod


def test_generate_with_one_commit_per_file(tmp_path):
    gen = load()
    root = tmp_path / "cl"
    stats = gen.generate(root, clients=3, notes=6, seed=1, git=True, end=dt.date(2026, 11, 20))
    files = [p for p in root.rglob("*") if p.is_file() and ".git" not in p.parts]
    assert stats.files == len(files) == 3 * (3 + 6) + (stats.goals - 3 * 1) + 1
    assert stats.commits == stats.files
    assert int(git(root, "rev-list", "--count", "HEAD").stdout) == stats.files
    assert git(root, "status", "--porcelain").stdout == ""
    last = git(root, "log", "-1", "--format=%an%n%B").stdout
    assert "Casefile-Action:" in last and "Casefile-Client: c-000" in last and "Dana" not in last


def test_generated_caseload_lints_with_planted_findings_and_no_errors(tmp_path):
    from casefile.lint.engine import lint

    gen = load()
    root = tmp_path / "cl"
    stats = gen.generate(root, clients=4, notes=25, seed=2)
    again = gen.generate(tmp_path / "cl2", clients=4, notes=25, seed=2)
    assert (root / "clients/c-0002/plan.md").read_text() == (tmp_path / "cl2/clients/c-0002/plan.md").read_text()
    r = lint(root, use_cache=False)
    assert not r.errors and r.files == stats.files - 1
    codes = {f.code for f in r.findings}
    assert {"CF100", "CF193", "CF194"}.isdisjoint(codes)
    assert sum(stats.planted.values()) > 0 and len(codes) >= 5
