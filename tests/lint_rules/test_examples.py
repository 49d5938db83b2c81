"""Every rule's own bad example triggers it and its good example does not; every rule is documented."""

from __future__ import annotations

import re

import pytest

from casefile.lint.api import REGISTRY, SEVERITIES
from casefile.lint.rules import SETTINGS_KEYS

from .helpers import run

# The rules' own codes. CF190-CF199 belong to the engine (suppressions, unreadable files) and to the engine
# tests' throw-away rules; they are in the registry when the engine was loaded before this module was
# collected, and have no examples of this kind.
CODES = sorted(c for c in REGISTRY if not "CF190" <= c <= "CF199")


def test_registry_is_complete():
    assert len(CODES) >= 45
    names = [r.name for r in REGISTRY.values()]
    assert len(names) == len(set(names)), "rule names must be unique"
    assert "CF100" in REGISTRY
    assert {"words", "glossary"} <= set(SETTINGS_KEYS)
    # top-level casefile.yml settings are not accepted (and ignored) under lint:
    assert not {"horizons", "late_entry_after", "draft_limit"} & set(SETTINGS_KEYS)


@pytest.mark.parametrize("code", CODES)
def test_rule_metadata(code):
    r = REGISTRY[code]
    assert re.fullmatch(r"CF[1-7]\d\d", code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", r.name)
    assert r.severity in SEVERITIES
    assert r.summary and r.why and r.bad and r.good


@pytest.mark.parametrize("code", [c for c in CODES if c != "CF100"])
def test_bad_example_triggers(code):
    r = REGISTRY[code]
    hits = run(code, r.bad)
    assert hits, f"{code} {r.name}: its bad example does not trigger it"
    for h in hits:
        assert h.line >= 1 and h.column >= 1 and h.message


@pytest.mark.parametrize("code", CODES)
def test_good_example_is_silent(code):
    r = REGISTRY[code]
    assert run(code, r.good) == [], f"{code} {r.name}: its good example triggers it"


def test_cf100_bad_example_does_not_parse():
    from casefile.entry import parse_entry
    from casefile.errors import EntryParseError

    with pytest.raises(EntryParseError):
        parse_entry(REGISTRY["CF100"].bad, "clients/c-0001/notes/x.md")
    parse_entry(REGISTRY["CF100"].good, "clients/c-0001/notes/x.md")
