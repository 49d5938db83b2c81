"""Typed errors raised by the core. The CLI turns each into a one-line message and an exit code.

Messages never contain client text (names, note bodies): only paths, IDs, field names and line numbers.
"""

from __future__ import annotations


class CasefileError(Exception):
    """Base of every error the user can cause or fix. `hint` is an optional second sentence."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"


class CaseloadNotFound(CasefileError):
    pass


class InvalidId(CasefileError):
    pass


class UnknownClient(CasefileError):
    pass


class UnknownEntry(CasefileError):
    pass


class InvalidValue(CasefileError):
    pass


class EntryParseError(CasefileError):
    """A file whose front matter cannot be read. `path` is relative to the caseload, `line` 1-based."""

    def __init__(self, path: str, line: int | None, problem: str):
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem


class ConfigError(CasefileError):
    pass


class EntryExists(CasefileError):
    pass


class EditorError(CasefileError):
    pass


class GitError(CasefileError):
    pass


class CommitFailed(GitError):
    """The files were written but git did not record them; nothing is lost."""


class SignedEntryError(CasefileError):
    """A change to a signed (final) note or a closed client's record was refused."""


class ServerError(CasefileError):
    """The resident server could not be started or reached (casefile/server.py)."""
