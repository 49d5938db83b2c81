"""Findings from the review of `casefile lint`: one finding per word, neutral risk-screen wording, short
CF104 messages, non-entry Markdown files, and misses on clearly bad Data."""

from __future__ import annotations

import pytest

from .helpers import codes, context, data_note, run


def test_cf104_message_does_not_repeat_a_long_value():
    long = "session with the client about her housing and her children's school"
    text = data_note("Client arrived at 10:00.").replace("type: session", f"type: {long}")
    hits = run("CF104", text)
    assert hits and long not in hits[0].message and "housing" not in hits[0].message
    assert "session with the" in hits[0].message and "…" in hits[0].message


@pytest.mark.parametrize("data", [
    "The apartment was a pigsty.",
    "Client was high during the session.",
    "Client was tweaking in the waiting room.",
    "Client is in denial about the arrears.",
    "Her ex is a deadbeat.",
])
def test_one_finding_per_word(data):
    from casefile.lint.api import REGISTRY
    from casefile.lint.rules._common import one_per_span
    from .helpers import entry_of

    e = entry_of(data_note(data))
    hits = [(c, h.line, h.column, h.end_line, h.end_column) for c, r in sorted(REGISTRY.items())
            if c[:3] in ("CF3", "CF4") for h in r.check(e, context())]
    assert len({h[0] for h in hits}) >= 2  # two or three rules see the word (each is measured on its own) ...
    assert len(one_per_span(hits)) == 1  # ... and the run reports it once


def test_removing_a_word_removes_it_from_every_list():
    ctx = context(settings={"words": {"remove": ["deadbeat", "pigsty"]}})
    for data in ("Her ex is a deadbeat.", "The apartment was a pigsty."):
        found = [c for c in codes(data_note(data), ctx=ctx) if c[:3] in ("CF3", "CF4")]
        assert found == [], (data, found)
