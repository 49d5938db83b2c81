"""Shared plumbing for the rules: the per-entry text analysis (computed once per entry and shared by every
language rule), word lists from the caseload's settings, and helpers that build hits."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from casefile.errors import ConfigError
from casefile.lint import text as T
from casefile.lint import wordlists as W
from casefile.lint.api import Hit
from casefile.model import NO_CONTACT_TYPES

_CACHE_ATTR = "_casefile_lint_analysis"


_WL_MEMO: list = [None, None]  # [settings object, its WordLists]: the settings of a run are not changed


def wordlists(ctx) -> W.WordLists:
    """The word lists for the context's settings: W.load's memo is keyed on the settings' content (a JSON
    dump); this one on the settings object itself, as every rule asks for them on every entry."""
    settings = getattr(ctx, "settings", None)
    memo = _WL_MEMO
    if settings is memo[0] and memo[1] is not None:
        return memo[1]
    try:
        wl = W.load(settings or {})
    except W.WordListError as e:
        raise ConfigError(f"casefile.yml: lint: {e}") from None
    memo[0], memo[1] = settings, wl  # the object is kept alive, so its id cannot be reused
    return wl


class RegionScan:
    """One region of an entry's body and what the rules read of it: its lower-cased text (W.normalise),
    its quotations and sentences (each found on first use, then kept), and its word-list matches."""

    __slots__ = ("region", "low", "_quotes", "_sents", "matches")

    def __init__(self, region: T.Region, low: str, quotes: list | None = None, _sents: list | None = None,
                 matches: list | None = None):
        self.region = region
        self.low = low
        self._quotes = quotes
        self._sents = _sents
        self.matches = [] if matches is None else matches

    def _quoted(self) -> list:
        if self._quotes is None:
            self._quotes = T.quoted_spans(self.region.text)
        return self._quotes

    def _sentences(self) -> list:
        if self._sents is None:
            self._sents = T.sentences(self.region.text)
        return self._sents

    quotes = property(_quoted)
    sents = property(_sentences)

    def __repr__(self) -> str:
        return f"RegionScan({self.region!r}, matches={self.matches!r})"


@dataclass
class Analysis:
    scans: list[RegionScan]
    sectioned: bool  # the note has headings (a DAP/SOAP/... structure)
    # rule code -> [(scan, match)] in text order: each word-list rule goes straight to its own matches, and
    # the many that have none in a file are done at once
    by_rule: dict = field(default_factory=dict)


def analysis(entry, ctx) -> Analysis:
    """Regions, quotations, sentences and word-list matches of an entry's body, computed once."""
    memo = _WL_MEMO  # wordlists(ctx), without the call: a dozen rules ask for the analysis of every note
    wl = memo[1] if memo[1] is not None and getattr(ctx, "settings", None) is memo[0] else wordlists(ctx)
    cached = getattr(entry, _CACHE_ATTR, None)
    if cached is not None and cached[0] is wl:
        return cached[1]
    scans = []
    by_rule: dict[str, list] = {}
    normalise, scan = W.normalise, wl.scan
    for r in T.regions(entry, getattr(ctx, "config", None)):
        text = r.text
        rs = RegionScan(r, normalise(text))
        # the quotations and sentences are found when a word-list form is (or a rule asks), and only once
        matches = rs.matches = scan(text, None, low=rs.low, quotes=rs._quoted, sents=rs._sentences)
        scans.append(rs)
        for m in matches:
            rule = m.entry.rule
            got = by_rule.get(rule)
            if got is None:
                by_rule[rule] = [(rs, m)]
            else:
                got.append((rs, m))
    result = Analysis(scans, bool(T.sections(entry)), by_rule)
    try:
        setattr(entry, _CACHE_ATTR, (wl, result))
    except AttributeError:  # pragma: no cover
        pass
    return result


# When one word is in several lists (pigsty: a label and slang; deadbeat: slang and stigma), each rule
# reports it: each family is measured, selected and ignored on its own, and an agency that ignores one
# family still sees the other.


def in_scope(category: str, region: T.Region) -> bool:
    scope = W.CATEGORIES[category].scope
    if scope == "facts":
        return region.kind == T.FACTS
    return scope in ("notes", "all")


def word_hits(entry, ctx, rule_code: str, describe) -> list[Hit]:
    """Hits of a rule's word-list categories in their scope. `describe(match, scan, sectioned)` returns
    (message, suggestion) or None to skip."""
    out = []
    an = analysis(entry, ctx)
    for rs, m in an.by_rule.get(rule_code, ()):
        if in_scope(m.entry.category, rs.region):
            res = describe(m, rs, an.sectioned)
            if res is None:
                continue
            msg, sugg = res
            # the entry's own severity (an agency may list a word as info or error)
            out.append(span_hit(rs.region, m.start, m.end, msg, sugg, severity=m.entry.severity))
    return out


def span_hit(region: T.Region, start: int, end: int, message: str, suggestion: str | None = None,
             severity: str | None = None) -> Hit:
    line, col = region.pos(start)
    eline, ecol = region.pos(end)
    return Hit(line, col, message, suggestion, eline, ecol, severity)


def field_hit(entry, key: str, message: str, suggestion: str | None = None) -> Hit:
    pair = entry.key_node(key)
    if pair is None:
        return Hit(entry.field_line(key), 1, message, suggestion)
    line, col, eline, ecol = entry.node_position(pair[1])
    kline, kcol, _, _ = entry.node_position(pair[0])
    return Hit(kline, kcol, message, suggestion, eline, ecol)


def node_hit(entry, node, message: str, suggestion: str | None = None) -> Hit:
    line, col, eline, ecol = entry.node_position(node)
    return Hit(line, col, message, suggestion, eline, ecol)


def mapping_get(node, key: str):
    """(key node, value node) of a key in a YAML MappingNode, or None."""
    if node is None or not isinstance(getattr(node, "value", None), list):
        return None
    for k, v in node.value:
        if getattr(k, "value", None) == key:
            return k, v
    return None


def seq_items(entry, key: str) -> list:
    """The item nodes of a top-level list field (e.g. tasks), or []."""
    pair = entry.key_node(key)
    if pair is None or not isinstance(getattr(pair[1], "value", None), list):
        return []
    return pair[1].value


def empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict, tuple, set)):
        return len(value) == 0
    return False


def is_contact(entry) -> bool:
    """A note where the client was met (not a no-show or a cancellation)."""
    return entry.meta.get("type") not in NO_CONTACT_TYPES


# Dates written as text are read again by several rules for every note (when, recorded, signed_at): each
# distinct text is read once. (The results are immutable; a text that cannot be read is remembered as None.)
_TEXT_DATETIMES: dict[str, dt.datetime | None] = {}
_TEXT_DATES: dict[str, dt.date | None] = {}
_MEMO_LIMIT = 20_000  # (each memo is cleared when full: a few MB at most)


def _memoised(memo: dict, read, value):
    """read(value), remembered for text (the same date text recurs in thousands of files)."""
    if type(value) is not str:
        return read(value)
    try:
        return memo[value]
    except KeyError:
        pass
    got = read(value)
    if len(memo) >= _MEMO_LIMIT:
        memo.clear()
    memo[value] = got
    return got


def to_datetime(value) -> dt.datetime | None:
    return _memoised(_TEXT_DATETIMES, _to_datetime, value)


def _to_datetime(value) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None, second=0, microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip().replace(" ", "T", 1)).replace(tzinfo=None)
        except ValueError:
            return None
    return None


def to_date(value) -> dt.date | None:
    return _memoised(_TEXT_DATES, _to_date, value)


def _to_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def config_duration(ctx, key: str, default: str) -> dt.timedelta:
    cfg = getattr(ctx, "config", None)
    value = getattr(cfg, key, None) if cfg is not None else None
    if value is None:
        value = (getattr(ctx, "settings", None) or {}).get(key, default)
    memo = type(value) is str or type(value) is int
    if memo:  # the same setting for every note: read once
        got = _DURATIONS.get((value, default))
        if got is not None:
            return got
    from casefile.dates import parse_duration  # (here, past the memo: the rules ask for every note)
    from casefile.errors import InvalidValue

    try:
        got = parse_duration(value)
    except InvalidValue:
        got = parse_duration(default)
    if memo:
        _DURATIONS[(value, default)] = got
    return got


_DURATIONS: dict[tuple, dt.timedelta] = {}


def quote_words(s: str, limit: int = 40) -> str:
    return "'" + T.clip(s, limit) + "'"


_WS = re.compile(r"\s+")


def matched(rs: RegionScan, m) -> str:
    return _WS.sub(" ", rs.region.text[m.start:m.end])


def section_label(region: T.Region) -> str:
    return region.name or "the note"
