"""The word lists: every entry's own examples behave, lists refuse entries without examples, agencies extend
and trim them in casefile.yml, and matching is one alternation."""

from __future__ import annotations

import pytest

from casefile.lint import wordlists as W

from .helpers import codes, context, data_note

ENTRIES = W.builtin_entries()


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e.source}:{e.term}" for e in ENTRIES])
def test_entry_examples(entry):
    wl = W.load({})
    assert entry in {m.entry for m in wl.scan(entry.bad, {entry.category})}, "bad example must match"
    assert entry not in {m.entry for m in wl.scan(entry.good, {entry.category})}, "good example must not match"


@pytest.mark.parametrize("entry", [e for e in ENTRIES if W.CATEGORIES[e.category].scope != "goal"],
                         ids=lambda e: f"{e.source}:{e.term}")
def test_entry_bad_example_fires_its_rule_in_data(entry):
    found = codes(data_note(entry.bad))
    assert entry.rule in found


def test_entry_without_examples_is_refused():
    bad = {"term": "flaky", "category": "label", "severity": "warning", "rewrite": "describe", "why": "label"}
    with pytest.raises(W.WordListError, match="missing bad, good"):
        W.load({"words": {"add": [bad]}})


def test_entry_whose_example_misbehaves_is_refused():
    entry = {"term": "flaky", "category": "label", "severity": "warning", "rewrite": "Describe what happened.",
             "why": "A label.", "bad": "Client was unreliable.", "good": "Client came at 10:00."}
    with pytest.raises(W.WordListError, match="bad example does not match"):
        W.load({"words": {"add": [entry]}})


def test_agency_adds_and_removes_words():
    entry = {"term": "flaky", "category": "label", "severity": "warning", "rewrite": "Describe what happened.",
             "why": "A label.", "bad": "Client is flaky about appointments.", "good": "Client came at 10:00."}
    settings = {"words": {"add": [entry], "remove": ["lazy"]}}
    ctx = context(settings)
    assert "CF302" in codes(data_note("Client is flaky."), ctx)
    assert "CF302" not in codes(data_note("Client is lazy."), ctx)
    assert "CF302" in codes(data_note("Client is lazy."))


def test_glossary_explains_acronyms():
    note = data_note("Client applied for ODSP on 4 November.")
    assert "CF402" in codes(note)
    assert "CF402" not in codes(note, context({"glossary": {"ODSP": "Ontario Disability Support Program"}}))


def test_unknown_category_is_refused():
    entry = {"term": "x", "category": "nope", "severity": "warning", "rewrite": "r", "why": "w", "bad": "x", "good": "y"}
    with pytest.raises(W.WordListError, match="category"):
        W.load({"words": {"add": [entry]}})


def test_trie_pattern_matches_longest_form():
    import re

    rx = re.compile("(?:" + W.trie_pattern(["a lot", "a lot of", "al"]) + ")$")
    for w in ("a lot", "a lot of", "al"):
        assert rx.match(w)
    assert not rx.match("a lo")


def test_settings_validation():
    from casefile.lint.rules import validate_settings

    assert validate_settings({}) == []
    assert validate_settings({"glossary": {"ODSP": ""}})
    assert validate_settings({"words": {"add": [{"term": "x"}]}})
