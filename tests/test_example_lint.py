"""The example caseload: lint finds every planted documentation problem and none of the near-misses
(examples/README.md lists both). The clock is the example's own "today"."""

from __future__ import annotations

import datetime as dt

from casefile.lint.engine import lint

from conftest import Cli

EXAMPLE_TODAY = dt.datetime(2026, 11, 22, 12, 0)

PLANTED = {
    ("clients/c-0001/notes/2026-10-06-1400-session.md", "CF203"),  # no where
    ("clients/c-0001/notes/2026-10-22-1100-phone.md", "CF303"),  # "claims"
    ("clients/c-0001/notes/2026-11-10-1330-video.md", "CF701"),  # late, no reason
    ("clients/c-0001/plan.md", "CF602"),  # task without due
    ("clients/c-0002/goals/g04-family-functioning.md", "CF501"),  # "Improve housing situation"
    ("clients/c-0002/goals/g04-family-functioning.md", "CF502"),
    ("clients/c-0002/goals/g04-family-functioning.md", "CF505"),
    ("clients/c-0002/notes/2026-10-20-1600-home-visit.md", "CF302"),  # non-compliant
    ("clients/c-0002/notes/2026-11-05-1800-video.md", "CF306"),  # scare quotes
    ("clients/c-0002/plan.md", "CF605"),  # referral without follow-up
    ("clients/c-0003/goals/g02-reporting.md", "CF506"),  # "Stop missing appointments"
    ("clients/c-0003/notes/2026-09-30-2215-home-visit.md", "CF201"),  # who: [client], mother present
    ("clients/c-0003/notes/2026-09-30-2215-home-visit.md", "CF302"),  # "appeared intoxicated"
    ("clients/c-0003/notes/2026-10-21-1000-session.md", "CF302"),  # manipulative
    ("clients/c-0003/notes/2026-11-04-1400-collateral.md", "CF108"),  # goal g09 does not exist
    ("clients/c-0003/notes/2026-11-04-1400-collateral.md", "CF402"),  # PSR unexplained
}


def test_lint_finds_the_planted_problems_and_nothing_else(tmp_path):
    root = tmp_path / "demo"
    Cli(tmp_path)("init", str(root), "--example")
    report = lint(root, now=EXAMPLE_TODAY, use_cache=False)
    found = {(f.path, f.code) for f in report.findings}
    assert found == PLANTED
    texts = {f.path: (root / f.path).read_text() for f in report.findings}
    # near-misses from examples/README.md stay silent: observations, and the client's own words
    for f in report.findings:
        line = texts[f.path].splitlines()[f.line - 1]
        assert "tearful" not in line and "smelled of alcohol" not in line and "lazy and refused" not in line
