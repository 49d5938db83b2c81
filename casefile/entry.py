"""Read one entry file: YAML front matter (with the line of every field) and a Markdown body.

The front matter is parsed with PyYAML's C loader when it is there, once, into both the values and the
node tree, so that callers (the linter, the field editor) can point at the line a field is on.
Lines and columns are 1-based and count the front matter, as the file is on disk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from casefile.errors import EntryParseError

try:  # the C loader is about 7x faster; fall back where libyaml is missing
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]

FENCE = "---"
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")


@dataclass
class Section:
    name: str  # the heading text, e.g. "Data"
    level: int  # number of '#'
    line: int  # 1-based file line of the heading
    text: str  # the lines under the heading up to the next heading of the same or higher level

    @property
    def first_line(self) -> int:
        return self.line + 1


@dataclass
class Entry:
    path: str  # as the user or the caseload names it (posix, relative to the caseload when inside one)
    text: str
    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based file line where the body starts
    node: Any = None  # yaml MappingNode of the front matter, or None
    fm_line: int = 2  # 1-based file line of the first front matter line
    has_front_matter: bool = True
    _sections: list[Section] | None = field(default=None, repr=False)

    @property
    def kind(self) -> str | None:
        k = self.meta.get("kind")
        return k if isinstance(k, str) else None

    def key_node(self, key: str):
        """The (key node, value node) pair of a top-level field, or None."""
        if self.node is None or not hasattr(self.node, "value") or not isinstance(self.node.value, list):
            return None
        for k, v in self.node.value:
            if getattr(k, "value", None) == key:
                return k, v
        return None

    def has_node(self) -> bool:
        """Whether the front matter has a node tree (asked without building one where it is built lazily)."""
        return self.node is not None

    def top_keys(self) -> tuple | None:
        """The top-level keys as written, in order and repeats included, where known without the node tree;
        None: read them from the tree."""
        return None

    def may_repeat_keys(self) -> bool:
        """Whether a mapping in the front matter may name a key twice (YAML keeps the last): False only when
        that is known without walking the node tree (see casefile.lint.fastparse)."""
        return self.node is not None

    def field_line(self, key: str) -> int:
        """1-based file line of a top-level field; the front matter's first line if it is missing."""
        pair = self.key_node(key)
        if pair is None:
            return max(1, self.fm_line - 1)
        return self.fm_line + pair[0].start_mark.line

    def node_position(self, node) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column), 1-based, of any node of the front matter."""
        s, e = node.start_mark, node.end_mark
        return self.fm_line + s.line, s.column + 1, self.fm_line + e.line, e.column + 1

    def sections(self) -> list[Section]:
        if self._sections is None:
            self._sections = parse_sections(self.body, self.body_line)
        return self._sections

    def section(self, name: str) -> Section | None:
        want = name.strip().lower()
        for s in self.sections():
            if s.name.strip().lower() == want:
                return s
        return None


def parse_sections(body: str, body_line: int) -> list[Section]:
    lines = body.split("\n")
    heads: list[tuple[int, int, str]] = []  # (index, level, name)
    in_fence = False
    for i, line in enumerate(lines):
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        m = _HEADING.match(line)
        if m:
            heads.append((i, len(m.group(1)), m.group(2).strip()))
    sections = []
    for n, (i, level, name) in enumerate(heads):
        end = len(lines)
        for j, lvl, _ in heads[n + 1:]:
            if lvl <= level:
                end = j
                break
        sections.append(Section(name, level, body_line + i, "\n".join(lines[i + 1:end])))
    return sections


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter text or None, body, 1-based line where the body starts)."""
    if not (text.startswith(FENCE + "\n") or text.startswith(FENCE + "\r\n")):
        return None, text, 1
    lines = text.split("\n")
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r") in (FENCE, "..."):
            fm = "\n".join(lines[1:i])
            body = "\n".join(lines[i + 1:])
            return fm, body, i + 2
    return "", "", 0  # opened but never closed


def load_yaml(text: str):
    """(data, node) from one YAML document, with the C loader. Raises yaml.YAMLError (also for a value
    YAML reads but Python cannot hold, such as the date 2026-02-30, marked at that value)."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        try:
            data = loader.construct_document(node) if node is not None else None
        except (ValueError, OverflowError):
            bad = _unbuildable_scalar(node)
            raise yaml.constructor.ConstructorError(
                None, None, f"{bad.value!r} is not a real date or number" if bad is not None else "a value cannot be read",
                bad.start_mark if bad is not None else None) from None
    finally:
        loader.dispose()
    return data, node


def _unbuildable_scalar(node):
    """The first scalar in the tree that PyYAML resolves but cannot build (an impossible date), or None."""
    from yaml.constructor import SafeConstructor

    stack = [node]
    while stack:
        n = stack.pop(0)
        if isinstance(n, yaml.ScalarNode):
            try:
                SafeConstructor().construct_object(n)
            except (ValueError, OverflowError):
                return n
        elif isinstance(n, yaml.MappingNode):
            stack[:0] = [part for pair in n.value for part in pair]
        elif isinstance(n, yaml.SequenceNode):
            stack[:0] = list(n.value)
    return None


def parse_entry(text: str, path: str) -> Entry:
    """Parse an entry's text. Raises EntryParseError with the file line of the problem."""
    fm, body, body_line = split_front_matter(text)
    if fm is None:
        return Entry(path, text, {}, text, 1, None, 2, has_front_matter=False)
    if body_line == 0:
        raise EntryParseError(path, 1, "front matter starts with '---' but has no closing '---' line")
    try:
        data, node = load_yaml(fm)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = 2 + mark.line if mark is not None else 1
        problem = (e.problem or str(e)).strip()
        raise EntryParseError(path, line, f"front matter is not valid YAML: {problem}") from None
    except yaml.YAMLError as e:
        raise EntryParseError(path, 1, f"front matter is not valid YAML: {e}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise EntryParseError(path, 2, "front matter must be a set of `field: value` lines")
    return Entry(path, text, data, body, body_line, node, 2)


def read_entry(file: Path, relpath: str | None = None) -> Entry:
    rel = relpath or file.as_posix()
    try:
        raw = file.read_bytes()
    except OSError as e:
        raise EntryParseError(rel, None, f"cannot read file: {e.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise EntryParseError(rel, line, "not UTF-8 text") from None
    return parse_entry(text, rel)
