"""Text helpers shared by the lint rules: regions of a note, sentences, quotations, reported speech,
negation and attribution, and mapping offsets back to file lines and columns.

Everything here is plain string work over one region at a time (a section's text or a whole body); the
rules ask for a region's `Region.pos(offset)` to turn a match into the 1-based (line, column) of the file.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

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
    _starts: list[int] = field(default_factory=list, repr=False)
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


_HEAD_LINE = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$", re.M)  # casefile.entry's heading, on every line at once
# The same heading after a line break: a pattern that starts with a literal ("\n#") lets the regex engine skip
# in C to the next candidate line instead of trying `^` at every character (the first line is tried apart).
_HEAD_AFTER_BREAK = re.compile(r"\n(#{1,6})[ \t]+(.+?)[ \t#]*$", re.M)


def sections(entry) -> list:
    """entry.sections(), found with one pass of a multi-line pattern when the body has no code fence (the
    same sections, kept on the entry for every other caller); a body without '#' has none."""
    secs = getattr(entry, "_sections", None)
    if secs is not None:
        return secs
    body = entry.body
    if "#" not in body:
        secs = []
    elif "```" in body:
        return entry.sections()
    else:
        from casefile.entry import Section

        heads = []
        line, pos = 0, 0
        m = _HEAD_LINE.match(body)
        if m:
            heads.append((0, len(m.group(1)), m.group(2).strip()))
        for m in _HEAD_AFTER_BREAK.finditer(body):
            start = m.start() + 1  # the heading line, after its break
            line += body.count("\n", pos, start)
            pos = start
            heads.append((line, len(m.group(1)), m.group(2).strip()))
        secs = []
        if heads:
            lines = body.split("\n")
            for n, (i, level, name) in enumerate(heads):
                end = len(lines)
                for j, lvl, _ in heads[n + 1:]:
                    if lvl <= level:
                        end = j
                        break
                secs.append(Section(name, level, entry.body_line + i, "\n".join(lines[i + 1:end])))
    try:
        entry._sections = secs
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
_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s)|\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)")


_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a text: split at . ! ? before a space, at blank lines and
    at list items; common abbreviations (Mr., Dr., e.g.) do not end a sentence."""
    out = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        ms = m.start()
        if text[ms] == ".":
            w = _WORD_BEFORE.search(text, max(start, ms - 12), ms)
            if w and (w.group(1).lower().strip(".") in _ABBREV or len(w.group(1)) == 1):
                continue
        if text[start:end].strip():
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
_DQUOTE = re.compile(r"\"[^\"\n]*(?:\n(?!\s*\n)[^\"\n]*)*\"|“[^”]*”|'(?<!\w')[^'\n]+?'(?![\w])|‘[^’\n]+’")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of quotations, quote marks included: "...", “...”, and '...' or ‘...’ when
    the marks stand outside words (so an apostrophe in "client's" opens nothing)."""
    return [(m.start(), m.end()) for m in _DQUOTE.finditer(text)]


def inside(spans: list[tuple[int, int]], start: int, end: int | None = None) -> bool:
    end = start if end is None else end
    for s, e in spans:
        if s <= start and end <= e:
            return True
        if s > end:
            break
    return False


# --- reported speech, attribution, negation --------------------------------------------------------

# Verbs that report what someone else said: what follows is their account, not the worker's opinion.
# Doubt markers (claims, insists, admits, alleges) are deliberately not here.
REPORTING = re.compile(
    r"\b(?:said|says|say|stated|states|state|reported|reports|report|reporting|told|tells|explained|explains|"
    r"shared|shares|described|describes|asked|asks|wrote|writes|texted|mentioned|mentions|expressed|"
    r"expresses|indicated|indicates|disclosed|discloses|added|adds|replied|replies|answered|answers|"
    r"responded|responds|noted|notes|voiced|voices|identified|identifies|endorsed|endorses|confirmed|"
    r"confirms|acknowledged|acknowledges|verbalized|verbalised|verbalizes|verbalises|"
    r"according to|per (?:her|his|their|the)|in (?:her|his|their) words)\b"
)
_WORKER_SUBJ = re.compile(r"\b(?:i|worker|writer|this worker|cm|case manager|staff)\s+$")

ATTRIBUTED = re.compile(
    r"\b(?:in (?:my|this worker's|the worker's|worker's|writer's|this writer's) (?:professional |clinical )?"
    r"(?:opinion|view|assessment|judg(?:e)?ment|impression)|(?:worker|writer|i|cm|case manager) "
    r"(?:assessed|assesses|believes|believe|considers|consider|is concerned|am concerned|was concerned|"
    r"formed the (?:view|impression)|hypothesi[sz]es|concluded|conclude)|it is (?:my|the worker's|this worker's)"
    r" (?:professional |clinical )?(?:opinion|view|assessment|impression)|(?:clinical|worker's|worker) impression)\b"
)

_NEG = re.compile(r"\b(?:not|no|never|without|denies|denied|nor|neither)\b|n't\b")


_COMMENT = re.compile(r".*,\s*which\b", re.S)


def reported(sentence: str, rel: int) -> bool:
    """Is the word at `rel` in this sentence inside someone's reported account ("She said she might...")?"""
    before = sentence[:rel]
    # "She stated she would never hurt them, which seems unlikely": a relative clause on the whole report
    # is the worker's comment, not part of the account
    cut = _COMMENT.search(sentence, 0, rel + 5)
    if cut:
        before = sentence[min(cut.end(), rel):rel]
    for m in REPORTING.finditer(before):
        # "worker noted", "I asked": the worker's own act, not someone else's account
        if _WORKER_SUBJ.search(before[: m.start()]) and m.group(0) in ("noted", "notes", "asked", "asks"):
            continue
        return True
    return False


def attributed(sentence: str) -> bool:
    """Does the sentence label its opinion as the worker's ("In my professional opinion ...")?"""
    return ATTRIBUTED.search(sentence) is not None


def negated(sentence: str, rel: int, window: int = 4) -> bool:
    """Is there a negation within `window` words before offset `rel` of the sentence?"""
    words = _WORDS.findall(sentence, 0, rel)[-window:]
    return any(_NEG.search(w) for w in words) or any(w.endswith("n't") for w in words)


def words_before(text: str, offset: int, n: int = 3) -> list[str]:
    return _WORDS_SLASH.findall(text[max(0, offset - 80):offset].lower())[-n:]


def clip(text: str, limit: int = 40) -> str:
    """A short excerpt for a message: the matched words only, trimmed."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
