"""A fast reader for the front matter most entries have: flat `field: value` lines.

Nearly every file a caseload holds is a note whose front matter is a dozen lines such as `kind: note`,
`where: "home"` or `who: [client, worker asmith]`. PyYAML's C loader parses them in C but builds and
resolves every node and value in Python, which costs as much as all of the rest of reading a file. This
module reads that flat subset itself, with one regular expression a line, and builds the very same result
as `casefile.entry.parse_entry`: the same values (resolved as YAML 1.1 does, with PyYAML's own resolvers and
constructors, so dates, booleans, integers and nulls come out as the loader makes them) and the same node
tree, with the same tags, styles and positions, which the rules use to point at a field.

Anything outside the subset (an indented or blank line, a comment, a flow mapping, an escape, a value with
no text, a tab, a character YAML treats specially) is handed to `casefile.entry.parse_entry`, so the
answer is always the loader's. tests/lint_engine/test_fastparse.py checks that both give the same entry on
every generated, example and corpus file, and on hand-made edge cases.
"""

from __future__ import annotations

import datetime as dt
import re

from yaml._yaml import Mark
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from casefile.entry import Entry, SafeLoader
from casefile.entry import parse_entry as loader_parse_entry

_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_NAME = "<unicode string>"  # what the C loader names a document given as a string
# `key: value`, the key a plain word; the value starts after one or more spaces and ends before trailing ones
_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*?))? *$")
_DOUBLE = re.compile(r'"[^"\\]*"')  # no escapes: what is between the quotes is the value
_SINGLE = re.compile(r"'[^']*'")  # no '' (an escaped quote)
_FLOW_SEQ = re.compile(r"\[[^\[\]{}\"'#:]*\]")  # plain items only
_FLOW_MAP = re.compile(r"\{[^\[\]{}\"'#]*\}")  # plain keys and values only
# A plain scalar may not start with an indicator; "-" and "?" may in YAML, but not worth following here.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# The closing line of the front matter, as casefile.entry.split_front_matter finds it, with the line break
# before it: a pattern that starts with a literal lets the regex engine skip in C from one line to the next.
_CLOSE = re.compile(r"\n(?:---|\.\.\.)\r*$", re.M)

_RESOLVERS = SafeLoader.yaml_implicit_resolvers  # first character -> [(tag, regexp)], as the loader resolves
_constructor = SafeConstructor()
# The tags a plain scalar can resolve to whose values we build with PyYAML's own constructors; any other
# (merge `<<`, value `=`) is left to the loader.
_CONSTRUCT = {tag: SafeConstructor.yaml_constructors[tag] for tag in (
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp")}


class _Unsupported(Exception):
    """The front matter is outside the flat subset: the loader reads it."""


def _resolve(value: str) -> str:
    for tag, regexp in _RESOLVERS.get(value[0], ()):
        if regexp.match(value):
            return tag
    for tag, regexp in _RESOLVERS.get(None, ()):  # pragma: no cover - PyYAML registers none
        if regexp.match(value):
            return tag
    return _STR


def _scalar(value: str, flow: bool) -> tuple:
    """(tag, text, style, constructed value, offset, width) of a plain scalar."""
    if value[0] in _INDICATORS or value[-1] == ":" or " #" in value or ": " in value or (flow and ":" in value):
        raise _Unsupported
    tag = _resolve(value)
    if tag == _STR:
        return _STR, value, "", value, 0, len(value)
    build = _CONSTRUCT.get(tag)
    if build is None:
        raise _Unsupported
    try:
        got = build(_constructor, ScalarNode(tag, value, None, None, ""))
    except Exception:  # noqa: BLE001 - an impossible date, say: the loader decides what happens
        raise _Unsupported from None
    if type(got) not in _IMMUTABLE:  # pragma: no cover - the constructors above make none other
        raise _Unsupported
    return tag, value, "", got, 0, len(value)


# Values shared by every file with the same line: they must be immutable (a list is made afresh each time).
_IMMUTABLE = {str, int, float, bool, type(None), dt.date, dt.datetime}


def _shape(text: str) -> tuple:
    """What one line says, apart from where it is: (key, column of the value, value kind, its parts).
    Raises _Unsupported for a line outside the flat subset."""
    m = _LINE.match(text)
    if m is None or not text.isprintable():
        raise _Unsupported
    key, value = m.group(1), m.group(2)
    # (a key of 1,024 characters or more is an error to the loader)
    if not value or len(key) > 1000 or _resolve(key) != _STR:
        raise _Unsupported
    col = m.start(2)
    first = value[0]
    if first == '"' or first == "'":
        if (_DOUBLE if first == '"' else _SINGLE).fullmatch(value) is None:
            raise _Unsupported
        return key, col, _SCALAR, (_STR, value[1:-1], first, value[1:-1], 0, len(value))
    if first == "[":
        if _FLOW_SEQ.fullmatch(value) is None:
            raise _Unsupported
        items = []
        inner = value[1:-1]
        if inner.strip(" "):
            pos = 1
            for piece in inner.split(","):
                item = piece.strip(" ")
                if not item:
                    raise _Unsupported  # [a, , b] or a trailing comma
                tag, raw, style, got, _, width = _scalar(item, True)
                items.append((tag, raw, style, got, pos + len(piece) - len(piece.lstrip(" ")), width))
                pos += len(piece) + 1
        elif inner:
            raise _Unsupported  # "[ ]": not worth following
        return key, col, _FLOW, (tuple(items), len(value))
    if first == "{":
        if _FLOW_MAP.fullmatch(value) is None:
            raise _Unsupported
        pairs = []
        inner = value[1:-1]
        if inner.strip(" "):
            pos = 1
            for piece in inner.split(","):
                name, colon, rest = piece.partition(":")
                k = name.strip(" ")
                # `key: value`, each plain, one colon and a space after it
                if not k or not colon or not rest.startswith(" ") or not rest.strip(" "):
                    raise _Unsupported
                ktag, kraw, _, kval, _, kwidth = _scalar(k, True)
                if ktag != _STR:
                    raise _Unsupported
                koff = pos + len(name) - len(name.lstrip(" "))
                vtext = rest.strip(" ")
                tag, raw, style, got, _, width = _scalar(vtext, True)
                voff = pos + len(name) + 1 + len(rest) - len(rest.lstrip(" "))
                pairs.append((kraw, koff, kwidth, (tag, raw, style, got, voff, width)))
                pos += len(piece) + 1
        elif inner:
            raise _Unsupported  # "{ }"
        return key, col, _FLOW_MAP_KIND, (tuple(pairs), len(value))
    return key, col, _SCALAR, _scalar(value, False)


_SCALAR, _FLOW, _FLOW_MAP_KIND = 0, 1, 2
# line text -> its shape, or None (outside the subset). Many lines are the same in every note (kind: note,
# format: DAP, who: [client, worker asmith], status: final): each is read once. Others are in one note only
# (when:, recorded:, signed_at:). Two generations keep the memo bounded without losing the common lines: when
# the newer is full it becomes the older, and a line found in the older is carried into the newer.
_SHAPES_LIMIT = 10_000  # lines per generation (a few MB at most)
_shapes_new: dict[str, tuple | None] = {}
_shapes_old: dict[str, tuple | None] = {}
_MISSING = object()


def _shapes_of(fm: str) -> list | None:
    """The shape of each line of flat front matter, or None when a line is outside the subset."""
    global _shapes_new, _shapes_old
    out = []
    for text in fm.split("\n"):
        try:
            shape = _shapes_new[text]
        except KeyError:
            shape = _shapes_old.get(text, _MISSING)
            if shape is _MISSING:
                try:
                    shape = _shape(text)
                except _Unsupported:
                    shape = None
            if len(_shapes_new) >= _SHAPES_LIMIT:
                _shapes_old, _shapes_new = _shapes_new, {}
            _shapes_new[text] = shape
        if shape is None:
            return None
        out.append(shape)
    return out


def _values(shapes: list) -> dict:
    data: dict = {}
    for key, _, kind, parts in shapes:
        if kind == _SCALAR:
            data[key] = parts[3]
        elif kind == _FLOW:
            data[key] = [item[3] for item in parts[0]]
        else:
            data[key] = {kraw: value[3] for kraw, _, _, value in parts[0]}
    return data


def _pair(key: str, col: int, kind: int, parts, index: int, line: int) -> tuple:
    """The (key node, value node) of one line of flat front matter that starts at `index`, line `line`."""
    kl = len(key)
    kn = ScalarNode(_STR, key, Mark(_NAME, index, line, 0, None, None),
                    Mark(_NAME, index + kl, line, kl, None, None), "")
    at = index + col
    if kind == _SCALAR:
        tag, raw, style, _, _, width = parts
        vn = ScalarNode(tag, raw, Mark(_NAME, at, line, col, None, None),
                        Mark(_NAME, at + width, line, col + width, None, None), style)
    elif kind == _FLOW_MAP_KIND:
        specs, width = parts
        items = []
        for kraw, koff, kwidth, (tag, raw, style, _, off, w) in specs:
            kc, c = col + koff, col + off
            items.append((ScalarNode(_STR, kraw, Mark(_NAME, index + kc, line, kc, None, None),
                                     Mark(_NAME, index + kc + kwidth, line, kc + kwidth, None, None), ""),
                          ScalarNode(tag, raw, Mark(_NAME, index + c, line, c, None, None),
                                     Mark(_NAME, index + c + w, line, c + w, None, None), style)))
        vn = MappingNode(_MAP, items, Mark(_NAME, at, line, col, None, None),
                         Mark(_NAME, at + width, line, col + width, None, None), True)
    else:
        specs, width = parts
        items = []
        for tag, raw, style, _, off, w in specs:
            c = col + off
            items.append(ScalarNode(tag, raw, Mark(_NAME, index + c, line, c, None, None),
                                    Mark(_NAME, index + c + w, line, c + w, None, None), style))
        vn = SequenceNode(_SEQ, items, Mark(_NAME, at, line, col, None, None),
                          Mark(_NAME, at + width, line, col + width, None, None), True)
    return kn, vn


def _node(fm: str, shapes: list) -> MappingNode:
    """The node tree of flat front matter, with the C loader's tags, styles and positions."""
    pairs: list = []
    index = 0
    line = 0
    for text, (key, col, kind, parts) in zip(fm.split("\n"), shapes):
        pairs.append(_pair(key, col, kind, parts, index, line))
        index += len(text) + 1
        line += 1
    return MappingNode(_MAP, pairs, Mark(_NAME, 0, 0, 0, None, None), Mark(_NAME, len(fm), line, 0, None, None),
                       False)


def parse_flat(fm: str):
    """(values, MappingNode) of flat front matter, exactly as the C loader reads it; None when it is not flat."""
    shapes = _shapes_of(fm) if fm else None
    if shapes is None:
        return None
    return _values(shapes), _node(fm, shapes)


class FlatEntry(Entry):
    """An Entry read from flat front matter whose node tree is built when first asked for. The rules need a
    field's position only for what they report, and most entries have nothing to report in their front
    matter: building some hundred nodes for each of them was half the cost of reading it."""

    def __init__(self, path: str, text: str, body: str, body_line: int, fm: str, shapes: list):
        super().__init__(path, text, _values(shapes), body, body_line, None, 2)
        self._fm, self._shapes = fm, shapes

    @property
    def node(self):
        n = self._node
        if n is None and self._fm is not None:
            n = self._node = _node(self._fm, self._shapes)
        return n

    @node.setter
    def node(self, value) -> None:
        self._node = value
        self._fm = None

    def has_node(self) -> bool:
        return self._fm is not None or self._node is not None

    def key_node(self, key: str):
        # A rule that reports on one field needs that field's nodes only: they are built alone, the same as
        # in the whole tree (the first line with the key, as Entry.key_node finds it).
        if self._fm is None or self._node is not None:  # (a tree set from outside, or built already: read it)
            return super().key_node(key)
        index = 0
        for line, (text, shape) in enumerate(zip(self._fm.split("\n"), self._shapes)):
            if shape[0] == key:
                return _pair(shape[0], shape[1], shape[2], shape[3], index, line)
            index += len(text) + 1
        return None

    def top_keys(self) -> tuple | None:
        if self._fm is None:  # (a tree set from outside: read it)
            return None
        return tuple([shape[0] for shape in self._shapes])

    def may_repeat_keys(self) -> bool:
        """Whether a mapping in the front matter may name a key twice: here, known from the lines."""
        if self._fm is None or len(self.meta) != len(self._shapes):  # (a tree set from outside: walk it)
            return True
        for _, _, kind, parts in self._shapes:
            if kind == _FLOW_MAP_KIND and len({kraw for kraw, _, _, _ in parts[0]}) != len(parts[0]):
                return True
        return False


def parse_entry(text: str, path: str) -> Entry:
    """casefile.entry.parse_entry, with flat front matter read here (the same Entry, faster)."""
    if text.startswith("---\n") or text.startswith("---\r\n"):
        start = text.index("\n") + 1
        m = _CLOSE.search(text, start - 1)  # from the opening line's own break: the first line after it
        if m is not None:
            close = m.start() + 1
            fm = text[start:close - 1] if close > start else ""
            shapes = _shapes_of(fm) if fm else None
            if shapes is not None:
                nl = text.find("\n", m.end())
                body = text[nl + 1:] if nl >= 0 else ""
                body_line = text.count("\n", 0, close) + 2
                return FlatEntry(path, text, body, body_line, fm, shapes)
    return loader_parse_entry(text, path)
