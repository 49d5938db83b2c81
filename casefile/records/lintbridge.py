"""Signing asks the lint engine (casefile.lint.engine) for the note's errors: findings at severity error."""

from __future__ import annotations

from pathlib import Path

from casefile.caseload import Caseload


def errors_for(caseload: Caseload, path: Path) -> list[str]:
    from casefile.lint.engine import lint_text

    rel = caseload.rel(path)
    report = lint_text(path.read_text(encoding="utf-8"), rel, caseload.root, config=caseload.config)
    return [f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}" for f in report.findings if f.severity == "error"]
