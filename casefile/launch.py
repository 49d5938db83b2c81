"""The `casefile` command's entry point. `casefile --version` answers before anything else is imported
(the version is asked for in scripts and bug reports); every other call goes to the Typer app."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from casefile import __version__

        print(f"casefile {__version__}")
        return
    from casefile.cli import main as cli_main

    cli_main()
