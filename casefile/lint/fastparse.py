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
# A plain scalar may not start with an indicator; "-" and "?" may in YAML, but not worth following here.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# The closing line of the front matter, as casefile.entry.split_front_matter finds it.
_CLOSE = re.compile(r"^(?:---|\.\.\.)\r*$", re.M)

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


def _plain(value: str, index: int, line: int, column: int, flow: bool):
    """(node, constructed value) of a plain scalar that starts at `column`."""
    if value[0] in _INDICATORS or value[-1] == ":" or " #" in value or ": " in value or (flow and ":" in value):
        raise _Unsupported
    end = column + len(value)
    node = ScalarNode(_STR, value, Mark(_NAME, index, line, column, None, None),
                      Mark(_NAME, index + len(value), line, end, None, None), "")
    tag = _resolve(value)
    if tag == _STR:
        return node, value
    build = _CONSTRUCT.get(tag)
    if build is None:
        raise _Unsupported
    node.tag = tag
    try:
        return node, build(_constructor, node)
    except Exception:  # noqa: BLE001 - an impossible date, say: the loader decides what happens
        raise _Unsupported from None


def parse_flat(fm: str):
    """(values, MappingNode) of flat front matter, exactly as the C loader reads it; None when it is not flat."""
    if not fm:
        return None
    data: dict = {}
    pairs: list = []
    index = 0
    line = 0
    try:
        for text in fm.split("\n"):
            m = _LINE.match(text)
            if m is None or not text.isprintable():
                raise _Unsupported
            key, value = m.group(1), m.group(2)
            # (a key of 1,024 characters or more is an error to the loader)
            if not value or len(key) > 1000 or _resolve(key) != _STR:
                raise _Unsupported
            kn = ScalarNode(_STR, key, Mark(_NAME, index, line, 0, None, None),
                            Mark(_NAME, index + len(key), line, len(key), None, None), "")
            col = m.start(2)
            at = index + col
            first = value[0]
            if first == '"' or first == "'":
                if (_DOUBLE if first == '"' else _SINGLE).fullmatch(value) is None:
                    raise _Unsupported
                v = value[1:-1]
                vn = ScalarNode(_STR, v, Mark(_NAME, at, line, col, None, None),
                                Mark(_NAME, at + len(value), line, col + len(value), None, None), first)
            elif first == "[":
                if _FLOW_SEQ.fullmatch(value) is None:
                    raise _Unsupported
                items, v = [], []
                inner = value[1:-1]
                if inner.strip(" "):
                    pos = col + 1
                    for piece in inner.split(","):
                        item = piece.strip(" ")
                        if not item:
                            raise _Unsupported  # [a, , b] or a trailing comma
                        c = pos + len(piece) - len(piece.lstrip(" "))
                        node, val = _plain(item, index + c, line, c, True)
                        items.append(node)
                        v.append(val)
                        pos += len(piece) + 1
                elif inner:
                    raise _Unsupported  # "[ ]": not worth following
                vn = SequenceNode(_SEQ, items, Mark(_NAME, at, line, col, None, None),
                                  Mark(_NAME, at + len(value), line, col + len(value), None, None), True)
            else:
                vn, v = _plain(value, at, line, col, False)
            pairs.append((kn, vn))
            data[key] = v
            index += len(text) + 1
            line += 1
    except _Unsupported:
        return None
    node = MappingNode(_MAP, pairs, Mark(_NAME, 0, 0, 0, None, None), Mark(_NAME, len(fm), line, 0, None, None),
                       False)
    return data, node


def parse_entry(text: str, path: str) -> Entry:
    """casefile.entry.parse_entry, with flat front matter read here (the same Entry, faster)."""
    if text.startswith("---\n") or text.startswith("---\r\n"):
        start = text.index("\n") + 1
        m = _CLOSE.search(text, start)
        if m is not None:
            close = m.start()
            fm = text[start:close - 1] if close > start else ""
            got = parse_flat(fm)
            if got is not None:
                nl = text.find("\n", m.end())
                body = text[nl + 1:] if nl >= 0 else ""
                body_line = text.count("\n", 0, close) + 2
                return Entry(path, text, got[0], body, body_line, got[1], 2)
    return loader_parse_entry(text, path)
