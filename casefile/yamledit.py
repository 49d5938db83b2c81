"""Change front matter fields in place, touching only the lines that must change.

A status change is a one-line git diff: every other line, comment and key order stays as the person
wrote it. Positions come from PyYAML's node tree (C loader); values are written in YAML's flow style.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Sequence

import yaml

from casefile.entry import load_yaml, split_front_matter
from casefile.errors import EntryParseError, InvalidValue

# Plain (unquoted) when it starts like a word and holds no flow indicator, ': ' or ' #'.
_PLAIN = re.compile(r"^[A-Za-z0-9(][^\n{}\[\],\"]*$")


def scalar(value: Any) -> str:
    """A value as YAML flow text: `2026-11-22`, `achieved`, `"text: with colon"`, `[g01, g02]`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {scalar(v)}" for k, v in value.items()) + "}"
    s = str(value)
    if _PLAIN.match(s) and ": " not in s and " #" not in s and not s.endswith(":") and s == s.strip() and _reads_back(s):
        return s
    return json.dumps(s, ensure_ascii=False)


def _reads_back(s: str) -> bool:
    try:
        return load_yaml(s)[0] == s
    except yaml.YAMLError:
        return False


def _navigate(node, path: Sequence[str | int]):
    """The parent node and the (key node, value node) pair at `path`; pair is None if the key is missing."""
    parent = node
    for depth, step in enumerate(path):
        pair = None
        if isinstance(step, int):
            if not isinstance(parent, yaml.SequenceNode) or step >= len(parent.value):
                raise InvalidValue(f"no item {step + 1} in {'.'.join(map(str, path[:depth]))}")
            pair = (None, parent.value[step])
        else:
            if not isinstance(parent, yaml.MappingNode):
                raise InvalidValue(f"{'.'.join(map(str, path[:depth])) or 'front matter'} is not a set of fields")
            for k, v in parent.value:
                if getattr(k, "value", None) == step:
                    pair = (k, v)
                    break
        if depth == len(path) - 1:
            return parent, pair
        if pair is None:
            raise InvalidValue(f"no field {'.'.join(map(str, path[: depth + 1]))}")
        parent = pair[1]
    raise InvalidValue("empty field path")


def _line_end(text: str, index: int) -> int:
    n = text.find("\n", index)
    return len(text) if n < 0 else n


def set_field(fm: str, path: Sequence[str | int], value: Any) -> str:
    """Return front matter text `fm` with the field at `path` set to `value` (added if missing)."""
    _, root = load_yaml(fm) if fm.strip() else (None, None)
    if root is None:
        return f"{path[0]}: {scalar(value)}\n" if len(path) == 1 else _fail(path)
    parent, pair = _navigate(root, path)
    new = scalar(value)
    if pair is not None:
        knode, vnode = pair
        start, end = vnode.start_mark.index, vnode.end_mark.index
        if isinstance(vnode, yaml.ScalarNode) and vnode.tag.endswith(":null") and start == end:
            # `key:` with nothing after it: write the value after the colon
            colon = fm.index(":", knode.end_mark.index)
            return fm[: colon + 1] + " " + new + fm[colon + 1:]
        if isinstance(vnode, (yaml.MappingNode, yaml.SequenceNode)) and not vnode.flow_style:
            # a block collection replaced by a flow one: from the key's colon to the collection's end
            colon = fm.index(":", knode.end_mark.index)
            newline = "\n" if fm[end - 1 : end] == "\n" else ""
            return fm[: colon + 1] + " " + new + newline + fm[end:]
        return fm[:start] + new + fm[end:]
    if not isinstance(parent, yaml.MappingNode) or parent.flow_style:
        if isinstance(parent, yaml.MappingNode):  # a flow mapping: add inside the braces
            close = parent.end_mark.index - 1
            sep = ", " if parent.value else ""
            return fm[:close] + f"{sep}{path[-1]}: {new}" + fm[close:]
        return _fail(path)
    indent = " " * (parent.value[0][0].start_mark.column if parent.value else 0)
    last_end = parent.value[-1][1].end_mark.index if parent.value else len(fm)
    if last_end and fm[last_end - 1] == "\n":
        at = last_end
    else:
        at = _line_end(fm, last_end)
        if at == len(fm):
            return fm + ("" if fm.endswith("\n") else "\n") + f"{indent}{path[-1]}: {new}\n"
        at += 1
    return fm[:at] + f"{indent}{path[-1]}: {new}\n" + fm[at:]


def _fail(path: Sequence[str | int]):
    raise InvalidValue(f"cannot set {'.'.join(map(str, path))} here")


def append_item(fm: str, path: Sequence[str], item: dict[str, Any]) -> str:
    """Append a mapping to the block sequence at `path` (creating the field if needed)."""
    lines = [f"{k}: {scalar(v)}" for k, v in item.items() if v is not None]
    _, root = load_yaml(fm) if fm.strip() else (None, None)
    pair = _navigate(root, path)[1] if root is not None else None
    seq = pair[1] if pair else None
    if seq is None or (isinstance(seq, yaml.ScalarNode) and seq.tag.endswith(":null")) or (
        isinstance(seq, yaml.SequenceNode) and seq.flow_style and not seq.value
    ):
        key_indent = "" if pair is None else " " * pair[0].start_mark.column
        block = "\n".join(
            [f"{key_indent}{path[-1]}:"] + [f"{key_indent}  {'- ' if i == 0 else '  '}{ln}" for i, ln in enumerate(lines)]
        ) + "\n"
        if pair is None:
            if len(path) != 1:
                _fail(path)
            return fm + ("" if fm.endswith("\n") or not fm else "\n") + block
        start = fm.rfind("\n", 0, pair[0].start_mark.index) + 1
        end = _line_end(fm, seq.end_mark.index)
        return fm[:start] + block.rstrip("\n") + fm[end:]
    if not isinstance(seq, yaml.SequenceNode):
        raise InvalidValue(f"{'.'.join(path)} is not a list")
    if seq.flow_style:
        close = seq.end_mark.index - 1
        return fm[:close] + ", " + scalar(item) + fm[close:]
    dash_col = seq.start_mark.column
    pad = " " * dash_col
    block = "\n".join(f"{pad}{'- ' if i == 0 else '  '}{ln}" for i, ln in enumerate(lines)) + "\n"
    end = seq.end_mark.index
    if end and fm[end - 1] == "\n":
        at = end
    else:
        at = _line_end(fm, end)
        if at == len(fm):
            return fm + ("" if fm.endswith("\n") else "\n") + block
        at += 1
    return fm[:at] + block + fm[at:]


def edit_front_matter(text: str, path_name: str, edit) -> str:
    """Apply `edit(fm) -> fm` to a whole entry's text; the body is kept byte for byte."""
    fm, _, body_line = split_front_matter(text)
    if fm is None or body_line == 0:
        raise EntryParseError(path_name, 1, "has no front matter to change")
    lines = text.split("\n")
    head_len = len("\n".join(lines[: body_line - 1])) + 1  # through the closing '---' line and its newline
    closing = lines[body_line - 2]
    try:
        new_fm = edit(fm + "\n" if fm else "")
    except yaml.MarkedYAMLError as e:
        line = 2 + e.problem_mark.line if e.problem_mark else 1
        raise EntryParseError(path_name, line, f"front matter is not valid YAML: {e.problem}") from None
    if not new_fm.endswith("\n"):
        new_fm += "\n"
    return "---\n" + new_fm + closing + "\n" + text[head_len:] if head_len <= len(text) else "---\n" + new_fm + closing + "\n"
