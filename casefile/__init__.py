"""casefile: plain-text case files with git as the audit trail."""

__version__ = "0.1.0"
