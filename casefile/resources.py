"""Where the files that ship with casefile are: inside the wheel, or at the top of a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    """`templates` or `examples`: casefile/<name> in an installed wheel, <repo>/<name> in a checkout."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"casefile's bundled {name}/ folder is missing from this installation")
