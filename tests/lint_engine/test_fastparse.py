"""casefile.lint.fastparse reads flat front matter itself: it must give exactly the Entry that
casefile.entry.parse_entry (PyYAML's C loader) gives, values, types and node positions included, on every
file casefile ships or generates and on hand-made edge cases; and it must really be used for the notes."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from casefile.entry import parse_entry as loader_parse
from casefile.lint.fastparse import parse_entry as fast_parse
from casefile.lint.fastparse import parse_flat

REPO = Path(__file__).resolve().parents[2]


def node_sig(n):
    if n is None:
        return None
    s, e = n.start_mark, n.end_mark
    base = (type(n).__name__, n.tag, getattr(n, "style", None), getattr(n, "flow_style", None), s.index, s.line,
            s.column, e.index, e.line, e.column, s.name, e.name, s.buffer, s.pointer)
    if isinstance(n.value, list):
        return base + tuple(tuple(node_sig(x) for x in it) if isinstance(it, tuple) else node_sig(it)
                            for it in n.value)
    return base + (n.value,)


def outcome(parse, text: str, path: str = "clients/c-0001/notes/x.md"):
    try:
        e = parse(text, path)
    except Exception as x:  # noqa: BLE001 - the same error must come out of both
        return ("error", type(x).__name__, str(x))
    return (e.path, e.text, repr(e.meta), [(k, type(v).__name__, repr(v)) for k, v in e.meta.items()], e.body,
            e.body_line, e.fm_line, e.has_front_matter, node_sig(e.node))


def same(text: str, path: str = "clients/c-0001/notes/x.md") -> bool:
    return outcome(loader_parse, text, path) == outcome(fast_parse, text, path)


def fast_path_taken(text: str) -> bool:
    from casefile.entry import split_front_matter

    fm, _, _ = split_front_matter(text)
    return bool(fm) and parse_flat(fm) is not None


def files_under(*tops: Path):
    for top in tops:
        for p in sorted(top.rglob("*")):
            if p.is_file() and p.suffix in (".md", ".yml", ".yaml"):
                try:
                    yield p, p.read_text(encoding="utf-8")
                except UnicodeDecodeError:
                    continue


def test_same_entry_on_every_example_corpus_and_test_file():
    n = fast = 0
    for p, text in files_under(REPO / "examples", REPO / "corpus", REPO / "tests", REPO / "casefile"):
        assert same(text, p.as_posix()), p
        n += 1
        fast += fast_path_taken(text)
    assert n > 100 and fast > 20


@pytest.mark.parametrize("clean", [False, True])
def test_same_entry_on_every_generated_file(tmp_path, clean):
    import bench.generate as gen

    root = tmp_path / "cl"
    gen.generate(root, clients=6, notes=40, seed=3, problems=not clean, end=dt.date(2026, 11, 20))
    n = fast = notes = 0
    for p, text in files_under(root / "clients"):
        rel = p.relative_to(root).as_posix()
        assert same(text, rel), rel
        n += 1
        taken = fast_path_taken(text)
        fast += taken
        notes += "/notes/" in rel
    assert n > 250
    assert fast >= 0.9 * notes  # the notes are what the fast path is for


NOTE_HEAD = "---\nkind: note\nclient: c-0001\n"
EDGE_LINES = [
    "when: 2026-01-14T10:00", "when: 2026-01-14 10:00:00", "when: 2026-01-14T10:00:00Z", "due: 2026-02-30",
    "due: 2026-13-01", "due: 2026-1-2", "start: 2026-07-08", "n: 12", "n: 012", "n: 0x1F", "n: 0o17", "n: 1_000",
    "n: -5", "n: +5", "n: 10:30", "n: 190:20:30", "x: 1.5", "x: 1e3", "x: 6.8523015e+5", "x: .inf", "x: -.Inf",
    "x: .NaN", "b: yes", "b: No", "b: ON", "b: off", "b: true", "b: False", "b: y", "b: n", "z: ~", "z: null",
    "z: Null", "z: NULL", "z: nul", "m: =", "m: <<", "who: [client, worker asmith]", "who: [ a ,b ]", "who: []",
    "who: [ ]", "who: [a,]", "who: [a, , b]", "who: [1, 2.5, yes, ~, 2026-01-01]", "who: [a: b]", "who: [a, [b]]",
    "who: ['a', b]", "who: [\"a\"]", "who: [a#b]", "who: [-a]", "where: \"home\"", "where: \"home\"  ",
    "where: 'home'", "where: 'it''s'", "where: \"a \\\" b\"", "where: \"a # b\"", "where: \"\"", "where: ''",
    "where: home # comment", "where: home#x", "where: a: b", "where: a:b", "where: ends:", "where: - x",
    "where: -x", "where: ? x", "where: &a x", "where: *a", "where: !!str 5", "where: |", "where: >",
    "where: %x", "where: @x", "where: `x`", "where: {a: b}", "where: x, y [z] {w}", "where: é😀x 5'10\"",
    "where: \u00a0x", "where: x\u2028y", "where: x\x85y", "where: x\ty", "where:", "where:   ", "where:x",
    "why: plain text with trailing spaces   ", "why: a \\ back\\slash", "yes: x", "null: x", "on: x", "y: x",
    "late-reason: x", "_k: v", "K2: v", "kind: note", "# a comment", "  indented: x", "", "- item",
    "key with space: x", "\"quoted\": x", "k: x\r", "why: " + "long " * 300, "k" * 1100 + ": v",
    "measure: {metric: visits per month, baseline: 1, target: 4}", "m: {}", "m: { }", "m: {a: b, a: c}",
    "m: {a: 10:30}", "m: {a:b}", "m: {a: }", "m: {a}", "m: {yes: 1}", "m: {1: a}", "m: {a: b,}", "m: {a: [b]}",
    "m: { a :  b , c: d }", "m: {a: b: c}", "m: {a: 'x'}", "m: {a: ~, b: 2026-01-01, c: -1, d: No}", "m: {: a}",
    "m: {a: -b}", "m: {-a: b}", "m: {a: b c, d e: f}", "m: {a: b}x", "m: {a: b} # c", "m: {a: b, {c: d}}",
]


def test_same_entry_on_edge_cases():
    for line in EDGE_LINES:
        text = NOTE_HEAD + line + "\nstatus: draft\n---\n## Data\nClient called.\n"
        assert same(text), line


def test_same_entry_on_random_front_matter():
    rng = random.Random(7)
    for _ in range(3000):
        lines = rng.sample(EDGE_LINES, rng.randint(1, 6))
        text = "---\n" + "\n".join(lines) + rng.choice(["\n---\n", "\n...\n", "\n---", "\n---\r\n", "\n"]) + \
            rng.choice(["", "body\n", "## Data\nx\n---\ny\n"])
        assert same(text), text


@pytest.mark.parametrize("text", [
    "", "no front matter\n", "---\n", "---\n---\n", "---\n---\nbody", "---\nkind: note\n", "---\r\nkind: note\r\n---\r\n",
    "---\nkind: note\n---", "---\nkind: note\n--- \nbody\n", "---\nkind: note\n---\r\r\nbody", "---\nkind: note\n...\n",
    "--- \nkind: note\n---\n", "---\nkind: note\nkind: goal\n---\n", "---\n[a, b]\n---\n", "---\njust text\n---\n",
])
def test_same_entry_on_odd_files(text):
    assert same(text)


def test_the_flat_reader_builds_the_loaders_positions():
    fm = "kind: note\nwho: [client, worker asmith]\nwhere: \"home\"\nn: 5"
    data, node = parse_flat(fm)
    assert data == {"kind": "note", "who": ["client", "worker asmith"], "where": "home", "n": 5}
    seq = node.value[1][1]
    assert (seq.start_mark.line, seq.start_mark.column, seq.end_mark.column) == (1, 5, 28)
    assert parse_flat("kind: note\n# casefile: disable-next-line CF505 -- why\ndue: 2026-01-01") is None


@pytest.mark.parametrize("fm, repeats", [
    ("kind: note\nwhere: home", False),
    ("kind: note\nwhere: home\nwhere: office", True),
    ("kind: goal\nmeasure: {count: 3, unit: visits}", False),
    ("kind: goal\nmeasure: {count: 3, count: 4}", True),
])
def test_the_flat_reader_knows_repeated_keys_without_building_the_tree(fm, repeats):
    e = fast_parse(f"---\n{fm}\n---\nBody.\n", "clients/c-0001/goals/g01-housing.md")
    assert type(e).__name__ == "FlatEntry"
    assert e.may_repeat_keys() is repeats
    assert e._node is None  # answered from the lines
    keys = [k.value for k, _ in e.node.value] + [k.value for _, v in e.node.value if hasattr(v, "flow_style")
                                                  and isinstance(v.value, list) and v.value and
                                                  isinstance(v.value[0], tuple) for k, _ in v.value]
    assert (len(keys) != len(set(keys))) is repeats


def test_the_loaders_entry_is_walked_for_repeated_keys():
    e = fast_parse("---\nkind: plan\ntasks:\n  - id: t1\n    id: t2\n---\n", "clients/c-0001/plan.md")
    assert type(e).__name__ == "Entry" and e.may_repeat_keys() is True


def _all_rules_on(e):
    from casefile.lint.api import REGISTRY
    from tests.lint_rules.helpers import context

    ctx = context()
    found = []
    for code, r in sorted(REGISTRY.items()):
        if not r.kinds or e.kind in r.kinds:
            found += [(code, h.line, h.column) for h in r.check(e, ctx)]
    return found


def test_a_note_with_nothing_to_report_in_its_front_matter_is_linted_without_its_node_tree():
    from tests.lint_rules.helpers import data_note

    text = data_note("Client brought the signed lease and said the move is on 2026-12-01.").replace(
        "author: asmith", "goals: [g01]\nauthor: asmith")
    e = fast_parse(text, "clients/c-0001/notes/2026-11-20-1030-session.md")
    assert type(e).__name__ == "FlatEntry"
    fast = _all_rules_on(e)
    assert e._node is None  # the rules asked the values and the lines, not the tree
    assert fast == _all_rules_on(loader_parse(text, "clients/c-0001/notes/2026-11-20-1030-session.md"))


@pytest.mark.parametrize("change", [("goals: [g01]", "goals: [g09]"), ("kind: note", "kind: note\nwhre: home"),
                                    ("kind: note", "kind: note\nwhy: again")])
def test_a_front_matter_finding_is_placed_as_the_loader_places_it(change):
    from tests.lint_rules.helpers import data_note

    text = data_note("Client brought the signed lease.").replace("author: asmith", "goals: [g01]\nauthor: asmith")
    text = text.replace(*change, 1)
    path = "clients/c-0001/notes/2026-11-20-1030-session.md"
    fast = _all_rules_on(fast_parse(text, path))
    assert fast == _all_rules_on(loader_parse(text, path))
    assert {c for c, _, _ in fast} & {"CF102", "CF107", "CF108"}


def test_one_fields_nodes_are_built_alone_and_are_the_trees():
    fm = ("kind: note\nwho: [client, worker asmith]\nwhere: \"home\"\nlinks: {goal: g01, task: t2}\n"
          "where: office\nrecorded: 2026-11-20T11:05")
    text = f"---\n{fm}\n---\nBody.\n"
    path = "clients/c-0001/notes/2026-11-20-1030-session.md"
    e = fast_parse(text, path)
    for key in ("kind", "who", "where", "links", "recorded"):
        pair = e.key_node(key)
        assert e._node is None  # one field's nodes, not the tree
        tree_pair = loader_parse(text, path).key_node(key)  # (the first `where`, as the loader's entry finds it)
        assert (node_sig(pair[0]), node_sig(pair[1])) == (node_sig(tree_pair[0]), node_sig(tree_pair[1]))
    assert e.key_node("missing") is None and e.field_line("where") == 4


def test_a_finding_on_a_field_does_not_build_the_tree():
    from tests.lint_rules.helpers import data_note

    text = data_note("Client brought the signed lease.").replace("author: asmith", "goals: [g09]\nauthor: asmith")
    e = fast_parse(text, "clients/c-0001/notes/2026-11-20-1030-session.md")
    assert "CF108" in {c for c, _, _ in _all_rules_on(e)}
    assert e._node is None
