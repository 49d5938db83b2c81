"""Case notes as legal records: signing, addenda, late entries, supervisor review, the audit trail,
the client file as of a date, the audit that anyone holding the repository can run, and closing a case.

Everything here reads git history through the git binary, in one pass per command (see gitlog.py).
docs/records.md says what is guaranteed and what is not.
"""
