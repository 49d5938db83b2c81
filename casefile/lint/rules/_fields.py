"""What the front-matter rules (CF1xx) need to know about an entry's fields, found once per entry and kept on
it (as _common.analysis keeps the text analysis), instead of each rule walking the fields again.

Most of what those rules decide depends only on which fields an entry has and of what type their values
are: a field missing, unknown or repeated, a list where text belongs. Entries of one kind are written from
the same template, so these decisions are made once per distinct set of field names (and value types) and
remembered; the rules then look only at the few values whose content matters (is this required text
empty? is this status one of its values? is this date real?). A note's dates and times, different in every
note, are read once per entry for CF105 and the records rules (CF7xx).
"""

from __future__ import annotations

import datetime as dt
import difflib

from yaml.nodes import ScalarNode

from casefile.lint.rules._common import to_datetime
from casefile.model import FIELDS, NOTE

# Note fields that a five-Ws rule (CF2xx) reports when missing, so CF101 does not report them twice.
OWNED_BY_FIVE_WS = {"who", "when"}
DATE_TYPES = ("date", "datetime", "duration")
_ATTR = "_fm_fields"
_MEMO_LIMIT = 4096  # distinct field layouts remembered (each memo is cleared when full: well under a MB)


def suggest(word, choices) -> str | None:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


# -- decisions that depend only on the names of the top-level keys ------------------------------------------

class KeyFacts:
    """What a kind's top-level key texts, in order, say on their own (CF102, CF107)."""

    __slots__ = ("unknown", "duplicates")

    def __init__(self, unknown: tuple, duplicates: tuple):
        self.unknown = unknown  # (index of the key, message, suggestion) of each unknown field
        self.duplicates = duplicates  # index of each key that repeats an earlier one


_KEY_FACTS: dict[tuple, KeyFacts] = {}
_UNKNOWN_TEXT: dict[tuple, tuple] = {}


def unknown_field_text(where: str, key: str, known) -> tuple[str, str]:
    """(message, suggestion) for an unknown field: a pure function of the key and the known names (a tuple),
    remembered, as the did-you-mean is slow and the same typo recurs."""
    memo_key = (where, key, known)
    got = _UNKNOWN_TEXT.get(memo_key)
    if got is None:
        s = suggest(key, known)
        got = (f"unknown {where}field '{key}'" + (f"; did you mean '{s}'?" if s else ""),
               f"rename it to `{s}`" if s else f"known fields: {', '.join(known)}")
        if len(_UNKNOWN_TEXT) >= _MEMO_LIMIT:
            _UNKNOWN_TEXT.clear()
        _UNKNOWN_TEXT[memo_key] = got
    return got


def _key_facts(kind: str | None, keys: tuple) -> KeyFacts:
    fields = FIELDS.get(kind) if kind is not None else None
    unknown = []
    if fields is not None:
        known = tuple(fields)
        for i, key in enumerate(keys):
            if isinstance(key, str) and key not in fields:
                unknown.append((i,) + unknown_field_text("", key, known))
    seen: set = set()
    duplicates = []
    for i, key in enumerate(keys):
        if isinstance(key, str):
            if key in seen:
                duplicates.append(i)
            seen.add(key)
    return KeyFacts(tuple(unknown), tuple(duplicates))


# -- decisions that depend only on the field names and the types of their values -----------------------------

class ShapeFacts:
    """What a kind's fields (names in order, and the type of each value) say on their own (CF101, CF103-105)."""

    __slots__ = ("required", "required_texts", "required_others", "wrong_type", "choices", "dates")

    def __init__(self, required, required_texts, wrong_type, choices, dates):
        # (name, suggestion) of each required field that is absent, and (name, None) of each one present whose
        # value may be empty (text, a list, null: a number or a date never is), in the model's order
        self.required = required
        # of those, the ones present whose value is text (usually all of them), and whether there are others
        self.required_texts = required_texts
        self.required_others = len(required_texts) < len(required)
        self.wrong_type = wrong_type  # fields whose value is of the wrong type, in the entry's order
        self.choices = choices  # (name, allowed values) of each field to check against its values
        self.dates = dates  # (name, type) of each date, date-and-time or duration whose value may be bad


_PY_TYPES = {"str": (str, int, float), "list": (list,), "map": (dict,), "int": (int,), "bool": (bool,)}
# value types that `_common.empty` can find empty (every other type never is)
_MAY_BE_EMPTY = (str, list, dict, tuple, set, type(None))


def type_ok(ftype: str, vtype: type) -> bool:
    """Whether a value of this Python type is right for a field of this type (a pure function of the two)."""
    if vtype is type(None) or ftype in DATE_TYPES:
        return True
    if ftype in ("int", "str") and issubclass(vtype, bool):
        return False
    return issubclass(vtype, _PY_TYPES.get(ftype, (object,)))


_SHAPES: dict[tuple, ShapeFacts] = {}


def _shape_facts(kind: str, names: tuple, types: tuple) -> ShapeFacts:
    fields = FIELDS[kind]
    type_of = dict(zip(names, types))
    required, required_texts, choices, dates = [], [], [], []
    for name, f in fields.items():
        t = type_of.get(name)
        present = name in type_of
        if f.required and not (kind == NOTE and name in OWNED_BY_FIVE_WS):
            if not present:
                required.append((name, f"add `{name}:`" + (f" ({f.doc})" if f.doc else "")))
            elif issubclass(t, _MAY_BE_EMPTY):
                required.append((name, None))
                if t is str:
                    required_texts.append(name)
        if present and f.choices and name != "kind" and t is not type(None) and issubclass(t, (str, int, float)):
            choices.append((name, f.choices))
        # (a date or a date and time as YAML reads it is always fine, and so is no value)
        if present and f.type in DATE_TYPES and t is not type(None) and not (
                f.type in ("date", "datetime") and issubclass(t, dt.date)):
            dates.append((name, f.type))
    wrong_type = tuple(name for name, t in zip(names, types)
                       if name in fields and not type_ok(fields[name].type, t))
    return ShapeFacts(tuple(required), tuple(required_texts), wrong_type, tuple(choices), tuple(dates))


# -- the per-entry pass ---------------------------------------------------------------------------------------

_UNREAD = object()

class Fields:
    """An entry's top-level fields as the CF1xx rules see them (and its dates and times, for CF7xx too)."""

    __slots__ = ("meta", "_entry", "kind", "_pairs", "keys", "key_facts", "_inside", "_shape", "_datetimes",
                 "note_times")

    def __init__(self, entry):
        self.meta = meta = entry.meta
        self._entry = entry
        kind = meta.get("kind")
        self.kind = kind if isinstance(kind, str) else None
        self._pairs = self._inside = _UNREAD
        self.keys = self.key_facts = None
        self._shape = None
        self._datetimes: dict | None = None
        self.note_times: tuple | None = None  # (when, recorded) as datetime(): kept here by the CF7xx rules
        # the keys as written, from the lines where the reader knows them (fastparse's entries), so that the
        # node tree is built only for an entry that has something to report
        keys = entry.top_keys()
        if keys is None:
            node = entry.node
            pairs = self.pairs
            if pairs is None or not node.tag.endswith(":map"):
                return
            try:
                keys = tuple([k.value for k, _v in pairs])
            except AttributeError:  # pragma: no cover - a key that is not a yaml node
                keys = tuple([getattr(k, "value", None) for k, _v in pairs])
        self.keys = keys
        try:
            memo_key = (self.kind, keys)
            facts = _KEY_FACTS.get(memo_key)
        except TypeError:  # a key that is itself a list or a mapping: decided for this entry alone
            facts = _key_facts(self.kind, keys)
        else:
            if facts is None:
                # pure: what _key_facts says depends on the kind and the key texts only
                facts = _key_facts(self.kind, keys)
                if len(_KEY_FACTS) >= _MEMO_LIMIT:
                    _KEY_FACTS.clear()
                _KEY_FACTS[memo_key] = facts
        self.key_facts = facts

    @property
    def pairs(self) -> list | None:
        """The (key node, value node) pairs of a top-level mapping, as entry.key_node reads them; None if there
        is no such mapping. (Builds a lazily read entry's node tree.)"""
        pairs = self._pairs
        if pairs is _UNREAD:
            node = self._entry.node
            pairs = getattr(node, "value", None) if node is not None else None
            if not isinstance(pairs, list):
                pairs = None
            self._pairs = pairs
        return pairs

    @property
    def inside(self) -> list:
        """The top-level values that are not a plain scalar (a list, a mapping: CF107 looks inside them for
        repeated keys); none to look at when the entry knows no mapping in it repeats a key."""
        got = self._inside
        if got is _UNREAD:
            if self.keys is None or not self._entry.may_repeat_keys():
                got = []
            else:
                got = [v for _k, v in self.pairs if type(v) is not ScalarNode]
            self._inside = got
        return got

    def pair(self, name: str):
        """entry.key_node(name): the first (key node, value node) pair of a top-level field, or None."""
        keys = self.keys
        if keys is not None:
            return self._entry.key_node(name) if name in keys else None  # (the pair alone, not the tree)
        if self.pairs is None:
            return None
        for k, v in self.pairs:
            if getattr(k, "value", None) == name:
                return k, v
        return None

    def datetime(self, name: str) -> dt.datetime | None:
        """_common.to_datetime(meta.get(name)), with a text read once per entry (text_datetime)."""
        value = self.meta.get(name)
        if type(value) is str:
            return self.text_datetime(name)[1]
        return None if value is None else to_datetime(value)

    def text_datetime(self, name: str) -> tuple[str, dt.datetime | None]:
        """For a field whose value is text: the text as a date and time is read from it (stripped, its first
        space made a 'T') and the naive datetime that datetime.fromisoformat makes of it (None if it cannot),
        which is what _common.to_datetime returns for it. Made once per entry and field: CF105 and the CF7xx
        rules all read when, recorded and signed_at, and these texts are different in every note."""
        got = self._datetimes
        if got is None:
            got = self._datetimes = {}
        else:
            known = got.get(name)
            if known is not None:
                return known
        text = self.meta[name].strip().replace(" ", "T", 1)
        try:
            read = dt.datetime.fromisoformat(text)
        except ValueError:
            read = None
        else:
            if read.tzinfo is not None:  # (to_datetime drops a time zone; most texts have none to drop)
                read = read.replace(tzinfo=None)
        got[name] = text, read
        return text, read

    @property
    def shape(self) -> ShapeFacts:
        """The shape's decisions, for a kind of entry casefile knows (self.kind in FIELDS)."""
        got = self._shape
        if got is None:
            meta = self.meta
            names = tuple(meta)
            types = tuple(map(type, meta.values()))
            memo_key = (self.kind, names, types)
            got = _SHAPES.get(memo_key)
            if got is None:
                # pure: _shape_facts reads only the model's fields and the names and types it is given
                got = _shape_facts(self.kind, names, types)
                if len(_SHAPES) >= _MEMO_LIMIT:
                    _SHAPES.clear()
                _SHAPES[memo_key] = got
            self._shape = got
        return got


def fields(entry) -> Fields:
    """The entry's Fields, made on first use and kept on the entry (with its meta: an entry whose fields were
    replaced is read again)."""
    got = getattr(entry, _ATTR, None)
    if got is not None and got.meta is entry.meta:
        return got
    got = Fields(entry)
    try:
        setattr(entry, _ATTR, got)
    except AttributeError:  # pragma: no cover - an entry that cannot hold it: made again next time
        pass
    return got
