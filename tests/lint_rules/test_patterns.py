"""Patterns rewritten for speed must find exactly what they found before: the old pattern is kept here and
both are run over the corpus, the rules' examples and random text made of the characters that matter."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from casefile.lint import text as T
from casefile.lint.rules import language as L

REPO = Path(__file__).resolve().parents[2]

# (module attribute, the pattern as it was, the characters its random texts are made of, how a match is seen)
# (_DQUOTE's '...' quotations hold apostrophes inside words since 2026-11-22: 'I'm fine' is one quotation;
# and a mark before a digit opens none: the '90s)
BEFORE = [
    (T, "_DQUOTE", r"(?=[\"“'‘])\"[^\"\n]*(?:\n(?!\s*\n)[^\"\n]*)*\"|“[^”]*”|(?<![\w])'(?!\d)(?:[^'\n]|(?<=\w)'(?=\w))+?'(?![\w])|‘[^’\n]+’",
     "ab '\"“”‘’\n-.", lambda m: (m.start(), m.end())),
    (T, "_END", r"[.!?]+[\"”’')\]]*(?=\s)|\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)", ".!?\"”’')] \n\t-*+1a",
     lambda m: (m.start(), m.end())),
    (L, "_ACRONYM", r"(?<![\w/.-])([A-Z][A-Z0-9&]{1,6})(?:s|'s)?(?![\w/-]|\.[A-Za-z])",
     "ABOSab1& /.-'s\n", lambda m: (m.start(), m.end(), m.start(1), m.end(1), m.group(1))),
    (L, "_SIN", r"(?=\d)(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{3})(?![\d-])",
     "0123456789 -a\n", lambda m: (m.start(), m.end(), "".join(m.groups()))),
    (L, "_SSN", r"(?=\d)(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])", "0123456789 -a\n", lambda m: (m.start(), m.end())),
    (L, "_CARD", r"(?=\d)(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])", "0123456789 -a\n",
     lambda m: (m.start(), m.end())),
]


def corpus_texts() -> list[str]:
    out = []
    for p in sorted((REPO / "corpus").rglob("*")) + sorted((REPO / "examples").rglob("*.md")):
        if p.is_file():
            out.append(p.read_text(encoding="utf-8"))
    from casefile.lint.engine import load_rules

    for r in load_rules().values():
        out += [r.bad, r.good]
    return out


@pytest.mark.parametrize("module, name, old, alphabet, seen", BEFORE, ids=[b[1] for b in BEFORE])
def test_rewritten_pattern_finds_what_it_found(module, name, old, alphabet, seen):
    new = getattr(module, name)
    old = re.compile(old)
    rng = random.Random(name)
    texts = corpus_texts() + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50))) for _ in range(20000)]
    for text in texts:
        assert [seen(m) for m in new.finditer(text)] == [seen(m) for m in old.finditer(text)], text


def test_headings_are_found_as_casefile_entry_finds_them():
    from casefile.entry import Entry, parse_sections

    rng = random.Random(5)
    bodies = corpus_texts() + ["".join(rng.choice("# \t\nab#\r`") for _ in range(rng.randint(0, 60)))
                               for _ in range(20000)]
    for body in bodies:
        e = Entry("x.md", body, {}, body, 3)
        assert [(s.name, s.level, s.line, s.text) for s in T.sections(e)] == \
            [(s.name, s.level, s.line, s.text) for s in parse_sections(body, 3)], body


def test_every_number_the_identifier_patterns_find_has_a_run_of_nine_digits():
    # CF404 tries the SSN, SIN and card patterns only where _NINE finds such a run
    rng = random.Random(9)
    for _ in range(50000):
        text = "".join(rng.choice("0123456789 -a\n") for _ in range(rng.randint(0, 40)))
        if L._SSN.search(text) or L._SIN.search(text) or L._CARD.search(text):
            assert L._NINE.search(text), text


def test_regions_are_cut_as_before():
    # the lines before the first heading are found without splitting the body: the same regions
    from casefile.entry import Entry

    rng = random.Random(11)
    for _ in range(5000):
        body = "".join(rng.choice(["\n", "x", " ", "## Data\n", "# Plan\n", "### Sub\n", "Client said.", "\n\n"])
                       for _ in range(rng.randint(0, 12)))
        e = Entry("n.md", body, {"kind": "note", "format": "DAP"}, body, 14)
        lines = body.split("\n")
        secs = T.sections(e)
        got = T.regions(e)
        if secs and secs[0].line > e.body_line:
            lead = "\n".join(lines[:secs[0].line - e.body_line])
            assert (lead.strip() != "") == (bool(got) and got[0].name == "" and got[0].text == lead), body


def test_the_word_list_pattern_finds_the_forms_it_found():
    # before: (?=[first letters])(?<![\w-])(?=(trie)(?![\w-])) over the text, every match zero-width
    from casefile.lint import wordlists as W

    wl = W.load({})
    pattern = W.trie_pattern(sorted(wl.by_form))
    first = "[" + "".join(re.escape(c) for c in sorted({f[0] for f in wl.by_form if f})) + "]"
    old = re.compile(r"(?=" + first + r")(?<![\w-])(?=(" + pattern + r")(?![\w-]))")
    rng = random.Random(13)
    pieces = sorted(wl.by_form)[::7] + [" ", "  ", "-", "'", "\n", ".", "x", "2", "’"]
    texts = [W.normalise(t) for t in corpus_texts()]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    for low in texts:
        got = [(e.term, s, t) for e, s, t in wl.raw_matches(low)]
        want = []
        covered: dict = {}
        for m in old.finditer(low):
            s, t = m.start(1), m.end(1)
            for e in wl.by_form.get(" ".join(m.group(1).split()), ()):
                cs, ct = covered.get(e.rule, (-1, -1))
                if ct > s and cs != s:
                    continue
                covered[e.rule] = (s, t)
                want.append((e.term, s, t))
        assert got == want, low


# The phrase lists of text.py as they were written, one alternation in order, before they were built as tries.
OLD_REPORTING = (
    r"\b(?:said|says|say|stated|states|state|reported|reports|report|reporting|told|tells|explained|explains|"
    r"shared|shares|described|describes|asked|asks|wrote|writes|texted|mentioned|mentions|expressed|"
    r"expresses|indicated|indicates|disclosed|discloses|added|adds|replied|replies|answered|answers|"
    r"responded|responds|noted|notes|voiced|voices|identified|identifies|endorsed|endorses|confirmed|"
    r"confirms|acknowledged|acknowledges|verbalized|verbalised|verbalizes|verbalises|"
    r"according to|per (?:her|his|their|the)|in (?:her|his|their) words)\b"
)
OLD_ATTRIBUTED = (
    r"\b(?:in (?:my|this worker's|the worker's|worker's|writer's|this writer's) (?:professional |clinical )?"
    r"(?:opinion|view|assessment|judg(?:e)?ment|impression)|(?:worker|writer|i|cm|case manager) "
    r"(?:assessed|assesses|believes|believe|considers|consider|is concerned|am concerned|was concerned|"
    r"formed the (?:view|impression)|hypothesi[sz]es|concluded|conclude)|it is (?:my|the worker's|this worker's)"
    r" (?:professional |clinical )?(?:opinion|view|assessment|impression)|(?:clinical|worker's|worker) impression)\b"
)


@pytest.mark.parametrize("name, old, phrases", [("REPORTING", OLD_REPORTING, T.REPORTING_WORDS),
                                                ("ATTRIBUTED", OLD_ATTRIBUTED, T.ATTRIBUTED_PHRASES)])
def test_phrase_tries_match_what_the_alternations_matched(name, old, phrases):
    new = getattr(T, name)
    old = re.compile(old)
    rng = random.Random(name)
    # texts made of the phrases' own words and pieces of them, glued by spaces, apostrophes and nothing
    words = sorted({w for p in phrases for w in p.split()})
    pieces = words + [w[:rng.randint(1, len(w))] for w in words] + [" ", " ", " ", "'", "s", "d", "x", ",", "\n"]
    texts = [t.lower() for t in corpus_texts()]
    texts += [" ".join(phrases), "".join(phrases)]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(30000)]
    for text in texts:
        assert [(m.start(), m.end(), m.group(0)) for m in new.finditer(text)] == \
            [(m.start(), m.end(), m.group(0)) for m in old.finditer(text)], text


def test_reported_looks_for_which_only_where_there_is_one():
    # reported() skips the ", which" pattern when "which" is not in the text it is searched in
    rng = random.Random(17)
    comment = re.compile(r".*,\s*which\b", re.S)
    pieces = ["she said ", "which", "whic", "h", ", ", ",", " ", "it ", "was ", "never ", "x"]
    for _ in range(20000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        for rel in range(len(s) + 1):
            cut = comment.search(s, 0, rel + 5)
            if s.find("which", 0, rel + 5) < 0:
                assert cut is None, (s, rel)


def test_regions_cut_from_the_headings_are_the_regions_cut_from_the_sections():
    # regions() cuts each region from the body between headings; the sections' own text, line by line,
    # gives the same regions
    from casefile.entry import Entry

    rng = random.Random(19)
    pieces = ["\n", "x", " ", "## Data\n", "# Plan\n", "### Sub\n", "## Assessment", "Client said.", "\n\n", "#"]
    bodies = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(20000)]
    for body in corpus_texts() + bodies:
        e = Entry("n.md", body, {"kind": "note", "format": "DAP"}, body, 14)
        got = T.regions(e)
        secs = T.sections(e)
        want = T._regions_of_sections(e, body, "DAP", secs) if secs else got
        assert [(r.kind, r.name, r.first_line, r.text) for r in got] == \
            [(r.kind, r.name, r.first_line, r.text) for r in want], body


def test_the_word_before_a_full_stop_is_what_the_pattern_found():
    rng = random.Random(23)
    alphabet = "Mr.e g\nabXZ 1!"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        for ms in range(len(text) + 1):
            for lo in range(0, ms + 2):
                m = T._WORD_BEFORE.search(text, lo, ms)
                assert T._word_before(text, lo, ms) == (m.group(1) if m else ""), (text, lo, ms)


def test_quotations_in_text_with_apostrophes_only_are_found_as_before():
    rng = random.Random(29)
    for _ in range(20000):
        text = "".join(rng.choice("ab '\n-.s") for _ in range(rng.randint(0, 30)))
        assert T.quoted_spans(text) == [m.span() for m in T._DQUOTE.finditer(text)], text


def test_the_last_words_are_found_as_in_the_whole_text():
    # words_before and negated find the words of the last few characters first: the same last words
    words, words_slash = re.compile(r"[\w']+"), re.compile(r"[\w'/-]+")
    neg = re.compile(r"\b(?:not|no|never|without|denies|denied|nor|neither)\b|n't\b")
    rng = random.Random(31)
    pieces = ["a", "ab", "not", "n't", "was", " ", " ", "'", "/", "-", ".", ",", "\n", "É", "İ", "Σ", "x" * 30]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        for offset in range(0, len(text) + 1, 3):
            for n in (1, 3, 6):
                assert T.words_before(text, offset, n) == \
                    words_slash.findall(text[max(0, offset - 80):offset].lower())[-n:], (text, offset, n)
            last = words.findall(text, 0, offset)[-4:]
            assert T.negated(text, offset) == \
                (any(neg.search(w) for w in last) or any(w.endswith("n't") for w in last)), (text, offset)


@pytest.mark.parametrize("text", [
    "client drinks a lot on weekends",  # ASCII: the ASCII regex
    "client drinks a\x1clot on weekends",  # \x1c is white space to Python, not to re.ASCII: the Unicode regex
    "client drinks a\u00a0lot on weekends",  # not ASCII
    "clïent drinks a lot on weekends",
])
def test_the_ascii_and_unicode_word_list_regexes_find_the_same_forms(text):
    from casefile.lint import wordlists as W

    wl = W.load({})
    low = W.normalise(text)
    unicode_only = [(m.span(1), m[1]) for m in wl.regex.finditer(" " + low)]
    chosen = [(m.span(1), m[1]) for m in wl.regex_for(low).finditer(" " + low)]
    assert chosen == unicode_only
    assert any(form.replace("\x1c", " ").replace("\u00a0", " ") == "a lot" for _, form in chosen)


def test_labelled_identifiers_are_found_as_the_plain_pattern_finds_them():
    rng = random.Random("labels")
    words = ["sin", "pin", "social insurance number", "housing", "card", "account number", "health card", "bank",
             "password", " ", ":", "#", "-", "is", "046 454 286", "1234", "abc1", "_", "x", "shopping", "(", ","]
    texts = corpus_texts() + ["".join(rng.choice(words) for _ in range(rng.randint(0, 20))) for _ in range(20000)]
    for text in texts:
        found = [m.span() for m in L._labelled(text, text.lower())]
        assert found == [m.span() for m in L._LABELLED.finditer(text)], text
