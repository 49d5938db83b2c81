"""Text helpers shared by the lint rules: regions of a note, sentences, quotations, reported speech,
negation and attribution, and mapping offsets back to file lines and columns.

Everything here is plain string work over one region at a time (a section's text or a whole body); the
rules ask for a region's `Region.pos(offset)` to turn a match into the 1-based (line, column) of the file.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

from casefile.entry import Section
from casefile.model import FACT_SECTIONS, NOTE_SECTIONS, OPINION_SECTIONS

FACTS, OPINION, PLAN, OTHER = "facts", "opinion", "plan", "other"
_NL = re.compile("\n")
_WORDS = re.compile(r"[\w']+")
_WORDS_SLASH = re.compile(r"[\w'/-]+")

# Section names that hold facts or opinion whatever the note's declared format (people rename headings).
_FACT_NAMES = {"data", "subjective", "objective", "behavior", "behaviour", "intervention", "observations",
               "observation", "facts", "what happened", "summary of contact", "contact summary"}
_OPINION_NAMES = {s.lower() for s in OPINION_SECTIONS} | {"impression", "clinical impression", "analysis",
                                                         "worker assessment", "progress"}
_PLAN_NAMES = {"plan", "next steps", "next step", "follow-up", "follow up", "actions", "action plan"}


@dataclass
class Region:
    """A stretch of body text with one role: facts, opinion, plan or other."""

    kind: str
    name: str  # the section heading ('' for a body without headings)
    first_line: int  # 1-based file line of the text's first character
    text: str
    _starts: list[int] | None = field(default=None, repr=False)  # offsets of line starts, on first use
    _lower: str | None = field(default=None, repr=False)

    @property
    def lower(self) -> str:
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    def pos(self, offset: int) -> tuple[int, int]:
        """1-based (file line, column) of an offset into `text`."""
        if not self._starts:
            self._starts = [0] + [m.end() for m in _NL.finditer(self.text)]
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.first_line + i, offset - self._starts[i] + 1


def note_format(entry, config=None) -> str:
    fmt = entry.meta.get("format")
    if isinstance(fmt, str) and fmt in NOTE_SECTIONS:
        return fmt
    if config is not None and getattr(config, "note_format", None) in NOTE_SECTIONS:
        return config.note_format
    return "free"


def section_role(name: str, fmt: str) -> str:
    key = (name, fmt)
    role = _ROLES.get(key)
    if role is None:  # the same few headings in every note: each (heading, format) is judged once
        if len(_ROLES) >= 10_000:
            _ROLES.clear()
        role = _ROLES[key] = _section_role(name, fmt)
    return role


_ROLES: dict[tuple[str, str], str] = {}


def _section_role(name: str, fmt: str) -> str:
    n = name.strip().lower().rstrip(":")
    facts = {s.lower() for s in FACT_SECTIONS.get(fmt, ())}
    if n in facts:
        return FACTS
    if n in _PLAN_NAMES:
        return PLAN
    if n in _OPINION_NAMES:
        return OPINION
    if fmt == "GIRP" and n == "goals":
        return OTHER
    if n in _FACT_NAMES:
        return FACTS
    return OTHER


# casefile.entry's heading, `^(#{1,6})[ \t]+(.+?)[ \t#]*$`, with the rest of the line taken whole (`.+`, run in C)
# instead of one character at a time: _heading_name then drops the closing spaces and '#'s as `.+?[ \t#]*$` did.
_HEAD_LINE = re.compile(r"^(#{1,6})[ \t]+(.+)$", re.M)
# The same heading after a line break: a pattern that starts with a literal ("\n#") lets the regex engine skip
# in C to the next candidate line instead of trying `^` at every character (the first line is tried apart).
# (Its group 1 is the heading's '#'s but the first: with "\n#" as the literal start, the engine looks for
# both characters in C, and tries the pattern only at a heading.)
_HEAD_AFTER_BREAK = re.compile(r"\n#(#{0,5})[ \t]+(.+)$", re.M)


def _heading_name(rest: str) -> str:
    """The name in the rest of a heading line, as `(.+?)[ \t#]*$` finds it (then stripped): the shortest start
    (one character at least) after which there are only spaces, tabs and '#'s."""
    return (rest.rstrip(" \t#") or rest[:1]).strip()


def _headings(body: str) -> list[tuple[int, int, str, int, int]]:
    """(line index, level, name, offset of the heading line, offset of its end) of each heading of a body
    without code fences, found as casefile.entry finds them."""
    heads = []
    if body[:1] == "#":
        m = _HEAD_LINE.match(body)
        if m:
            heads.append((0, len(m[1]), _heading_name(m[2]), 0, m.end()))
    line, pos = 0, 0
    for m in _HEAD_AFTER_BREAK.finditer(body):
        start = m.start() + 1  # the heading line, after its break
        line += body.count("\n", pos, start)
        pos = start
        heads.append((line, len(m[1]) + 1, _heading_name(m[2]), start, m.end()))
    return heads


_HEADINGS_ATTR = "_casefile_headings"  # (the entry's sections, their headings as _headings found them)


def sections(entry) -> list:
    """entry.sections(), found with one pass of a multi-line pattern when the body has no code fence (the
    same sections, kept on the entry for every other caller); a body without '#' has none."""
    secs = getattr(entry, "_sections", None)
    if secs is not None:
        return secs
    body = entry.body
    if "#" not in body:
        secs = []
        heads = []
    elif "```" in body:
        return entry.sections()
    else:
        heads = _headings(body)
        secs = []
        # A section's text is the lines under its heading up to the next heading of the same or a higher
        # level: cut from the body between the end of its heading line and the line break before that
        # heading ("\n".join of those lines, without splitting the body into lines).
        for n, (i, level, name, _, end) in enumerate(heads):
            stop = len(body)
            for _, lvl, _, start, _ in heads[n + 1:]:
                if lvl <= level:
                    stop = start - 1
                    break
            secs.append(Section(name, level, entry.body_line + i, body[end + 1:stop]))
    try:
        entry._sections = secs
        setattr(entry, _HEADINGS_ATTR, (secs, heads))
    except AttributeError:  # pragma: no cover - not an Entry
        return entry.sections()
    return secs


def regions(entry, config=None) -> list[Region]:
    """The body of an entry cut into regions. A note body without headings is all facts (a free note);
    the body of any other kind is OTHER. Text before the first heading counts with the note's facts."""
    body = entry.body
    if entry.kind != "note":
        return [Region(OTHER, "", entry.body_line, body)] if body.strip() else []
    fmt = note_format(entry, config)
    secs = sections(entry)
    if not secs:
        return [Region(FACTS, "", entry.body_line, body)] if body.strip() else []
    found = getattr(entry, _HEADINGS_ATTR, None)
    if found is None or found[0] is not secs:  # sections found by casefile.entry (a body with a code fence)
        return _regions_of_sections(entry, body, fmt, secs)
    heads = found[1]
    out = []
    # the lines before the first heading
    if heads[0][0] > 0:
        lead = body[:heads[0][3] - 1]
        if lead.strip():
            out.append(Region(FACTS, "", entry.body_line, lead))
    # nested sections are reported once: each region is the text up to the next heading of any level
    last = len(heads) - 1
    for n, s in enumerate(secs):
        end = heads[n][4]
        stop = heads[n + 1][3] - 1 if n < last else len(body)
        text = s.text  # (the same text, unless the section holds a nested one)
        if len(text) != max(0, stop - end - 1):
            text = body[end + 1:stop]
        out.append(Region(section_role(s.name, fmt), s.name, s.line + 1, text))
    return out


def _regions_of_sections(entry, body: str, fmt: str, secs: list) -> list[Region]:
    """regions() from the sections alone (their text, line by line)."""
    out = []
    first = secs[0].line - entry.body_line
    # the lines before the first heading ("\n".join(body.split("\n")[:first]), without splitting the body)
    end = -1
    for _ in range(first):
        end = body.find("\n", end + 1)
    lead = body[:end] if first > 0 else ""
    if lead.strip():
        out.append(Region(FACTS, "", entry.body_line, lead))
    leaf = []
    for i, s in enumerate(secs):
        # nested sections are reported once: keep only the text up to the next heading of any level
        nxt = secs[i + 1].line if i + 1 < len(secs) else None
        text = s.text
        if nxt is not None and nxt - s.first_line < text.count("\n") + 1:
            text = "\n".join(text.split("\n")[: max(0, nxt - s.first_line)])
        leaf.append(Region(section_role(s.name, fmt), s.name, s.first_line, text))
    out.extend(leaf)
    return out


# --- sentences -------------------------------------------------------------------------------------

_ABBREV = {"mr", "mrs", "ms", "dr", "st", "e.g", "i.e", "etc", "vs", "approx", "no", "jr", "sr", "prof",
           "a.m", "p.m", "u.s", "inc", "ltd", "dept", "apt", "ave", "rd", "mt", "ft", "min", "hr", "hrs"}
# A sentence ends at . ! ? (with closing quotes or brackets) before a space, at a blank line, or before a list
# item: `[.!?]+[\"”’')\]]*(?=\s)|\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)`, written to start with one character set
# (then each alternative checks which character it was): a pattern that starts with a set lets the regex engine
# skip in C to the next mark or line break, where that one was tried at every character of the text.
_END = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"”’')\]]*(?=\s)|(?<=\n)\s*\n|(?<=\n)(?=\s*(?:[-*+]|\d+[.)])\s))")


_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")  # (what _word_before finds, as a pattern)
_WORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."


def _word_before(text: str, lo: int, ms: int) -> str:
    """The word (letters and dots) that ends at offset `ms`, from `lo` at the earliest, or "": what
    `_WORD_BEFORE.search(text, lo, ms)` matches, found by stripping instead of trying each start. (Its `$` also
    matches before a line break that is the last character: then the word ends before that break.)"""
    if ms <= lo:
        return ""
    stop = ms - 1 if text[ms - 1] == "\n" else ms
    before = text[lo:stop]
    return before[len(before.rstrip(_WORD_CHARS)):]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a text: split at . ! ? before a space, at blank lines and
    at list items; common abbreviations (Mr., Dr., e.g.) do not end a sentence."""
    out = []
    start = 0
    for m in _END.finditer(text):
        ms, end = m.span()
        if text[ms] == ".":
            w = _word_before(text, max(start, ms - 12), ms)
            if w and (len(w) == 1 or w.lower().strip(".") in _ABBREV):
                continue
        # (a sentence that ends in a mark is not blank: most of them, without copying the sentence)
        if not text[end - 1].isspace() or text[start:end].strip():
            out.append((start, end))
        start = end
    if text[start:].strip():
        out.append((start, len(text)))
    return out


_AFTER_ALL = float("inf")


def sentence_at(spans: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    # the spans are in order of their starts: the last one that starts at or before the offset
    i = bisect.bisect_right(spans, (offset, _AFTER_ALL)) - 1
    if i < 0:
        return 0, offset
    return spans[i]


# --- quotations ------------------------------------------------------------------------------------

# Every alternative starts with its opening mark (the test that the mark of '...' stands outside a word comes
# after it, as a look-behind over both): a pattern whose alternatives all start with a literal lets the regex
# engine skip in C to the next quotation mark, four times faster than trying every position.
_DQUOTE = re.compile(r"\"[^\"\n]*(?:\n(?!\s*\n)[^\"\n]*)*\"|“[^”]*”|'(?<!\w')(?!\d)(?:[^'\n]|(?<=\w)'(?=\w))+?'(?![\w])|‘[^’\n]+’")
# (an apostrophe inside a word, "he's", does not end a quotation: British and Australian notes quote with
# single marks, 'I'm fine'; one before a digit opens none: "since the '90s")
_SQUOTE = re.compile(r"'(?<!\w')(?!\d)(?:[^'\n]|(?<=\w)'(?=\w))+?'(?![\w])")  # _DQUOTE's third alternative


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of quotations, quote marks included: "...", “...”, and '...' or ‘...’ when
    the marks stand outside words (so an apostrophe in "client's" opens nothing)."""
    # Half the regions hold no mark, and most of the others only apostrophes: then only the '...' alternative
    # can match, and on its own its pattern starts with a literal, which the regex engine finds in C.
    # (Each test is a scan in C for one mark.)
    if '"' not in text and "“" not in text and "‘" not in text:
        if "'" not in text:
            return []
        return [m.span() for m in _SQUOTE.finditer(text)]
    return [m.span() for m in _DQUOTE.finditer(text)]


def inside(spans: list[tuple[int, int]], start: int, end: int | None = None) -> bool:
    end = start if end is None else end
    for s, e in spans:
        if s <= start and end <= e:
            return True
        if s > end:
            break
    return False


# --- reported speech, attribution, negation --------------------------------------------------------

def alternation(words, space: str = " ") -> str:
    """A regex alternation of literal words, built as a trie ("stat(?:e(?:d|s)?)" for state, stated, states):
    at each place the regex engine follows one branch instead of trying every word. A space in a word matches
    `space`. The longer of two words wins where both match."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        end = "" in node
        alts = []
        for ch in sorted(k for k in node if k):
            piece = space if ch == " " else re.escape(ch)
            alts.append(piece + emit(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return "(?:" + body + ")?" if len(alts) == 1 else body + "?"
        return body

    return emit(trie)


def _phrases(*parts: tuple[str, ...]) -> list[str]:
    """Every phrase made of one choice from each part, in order: _phrases(("in ",), ("my", "her")) -> in my, in her."""
    return ["".join(p) for p in itertools.product(*parts)]


# Verbs that report what someone else said: what follows is their account, not the worker's opinion.
# Doubt markers (claims, insists, admits, alleges) are deliberately not here.
REPORTING_WORDS = (
    "said says say stated states state reported reports report reporting told tells explained explains "
    "shared shares described describes asked asks wrote writes texted mentioned mentions expressed "
    "expresses indicated indicates disclosed discloses added adds replied replies answered answers "
    "responded responds noted notes voiced voices identified identifies endorsed endorses confirmed "
    "confirms acknowledged acknowledges verbalized verbalised verbalizes verbalises"
).split() + ["according to", "per her", "per his", "per their", "per the", "in her words", "in his words",
             "in their words"]
# (As a trie: the same matches as the plain alternation, as no word followed by a word boundary can be the
# start of another; tests/lint_rules/test_patterns.py runs both.)
REPORTING = re.compile(r"\b(?:" + alternation(REPORTING_WORDS) + r")\b")
_WORKER_SUBJ = re.compile(r"\b(?:i|worker|writer|this worker|cm|case manager|staff)\s+$")
_WORKER_ONLY_SUBJ = re.compile(r"(?:^|[^\w\s]\s*|\b(?:and|then|so)\s+)(?:i|worker|writer|this worker)\s+$")

_OPINION_NOUNS = ("opinion", "view", "assessment", "judgment", "judgement", "impression")
_PROFESSIONAL = ("", "professional ", "clinical ")
# An opinion the worker labels as theirs ("in my professional opinion", "worker believes", "clinical impression").
ATTRIBUTED_PHRASES = (
    _phrases(("in ",), ("my", "this worker's", "the worker's", "worker's", "writer's", "this writer's"), (" ",),
             _PROFESSIONAL, _OPINION_NOUNS)
    + _phrases(("worker", "writer", "i", "cm", "case manager"), (" ",),
               ("assessed", "assesses", "believes", "believe", "considers", "consider", "is concerned",
                "am concerned", "was concerned", "formed the view", "formed the impression", "hypothesises",
                "hypothesizes", "concluded", "conclude"))
    + _phrases(("it is ",), ("my", "the worker's", "this worker's"), (" ",), _PROFESSIONAL,
               ("opinion", "view", "assessment", "impression"))
    + _phrases(("clinical", "worker's", "worker"), (" impression",))
)
ATTRIBUTED = re.compile(r"\b(?:" + alternation(ATTRIBUTED_PHRASES) + r")\b")

_NEG = re.compile(r"\b(?:not|no|never|without|denies|denied|nor|neither)\b|n't\b")


_COMMENT = re.compile(r".*,\s*which\b", re.S)


def reported(sentence: str, rel: int, workers_own: bool = True) -> bool:
    """Is the word at `rel` in this sentence inside someone's reported account ("She said she might...")?
    `workers_own`: whether the worker's own telling counts as such an account ("Worker told the landlord the
    client might be late": information given, not a hedge; but "Worker told Mr. Delgado that client is
    non-compliant" is still the worker's label)."""
    before = sentence[:rel]
    # "She stated she would never hurt them, which seems unlikely": a relative clause on the whole report
    # is the worker's comment, not part of the account
    # (most sentences hold no "which": then the pattern, which tries every place, cannot match)
    cut = _COMMENT.search(sentence, 0, rel + 5) if sentence.find("which", 0, rel + 5) >= 0 else None
    if cut:
        before = sentence[min(cut.end(), rel):rel]
    for m in REPORTING.finditer(before):
        # "worker noted", "I asked": the worker's own act, not someone else's account
        if _WORKER_SUBJ.search(before[: m.start()]) and (
                m.group(0) in ("noted", "notes", "asked", "asks")
                or not workers_own and _WORKER_ONLY_SUBJ.search(before[: m.start()])):
            continue
        return True
    return False


def attributed(sentence: str) -> bool:
    """Does the sentence label its opinion as the worker's ("In my professional opinion ...")?"""
    return ATTRIBUTED.search(sentence) is not None


# Finding every word of a long text to keep the last few costs: the words of the last _NEAR characters are
# found first, and when there are more than wanted the first of them (which the cut may have shortened) is not
# among those kept, and the rest are the same words as in the whole text.
_NEAR = 40


def negated(sentence: str, rel: int, window: int = 4) -> bool:
    """Is there a negation within `window` words before offset `rel` of the sentence?"""
    words = _WORDS.findall(sentence, max(0, rel - _NEAR), rel)
    if len(words) <= window and rel > _NEAR:
        words = _WORDS.findall(sentence, 0, rel)
    words = words[-window:]
    return any(_NEG.search(w) for w in words) or any(w.endswith("n't") for w in words)


def words_before(text: str, offset: int, n: int = 3) -> list[str]:
    """The last `n` words (letters, digits, ' / -) of the 80 characters before `offset`, lower-cased."""
    near = text[max(0, offset - _NEAR):offset]
    if near.isascii():  # (ASCII is lower-cased a character at a time: the same words as in the longer text)
        words = _WORDS_SLASH.findall(near.lower())
        if len(words) > n or offset <= _NEAR:
            return words[-n:]
    return _WORDS_SLASH.findall(text[max(0, offset - 80):offset].lower())[-n:]


def clip(text: str, limit: int = 40) -> str:
    """A short excerpt for a message: the matched words only, trimmed."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
