"""Word lists and phrase lists for the language rules: data, not code.

Each YAML file in this folder holds `entries:`, and every entry carries its own category, severity,
suggested rewrite, rationale and a failing (`bad`) and passing (`good`) example. A list whose entry lacks
any of these, or whose examples do not behave (the bad one must match, the good one must not), refuses to
load, like textlint's prh dictionaries. An agency extends the lists in casefile.yml:

    lint:
      words:
        add: [{term: ..., category: label, severity: warning, rewrite: ..., why: ..., bad: ..., good: ...}]
        remove: [dramatic, "a lot"]
      glossary: {ODSP: Ontario Disability Support Program}

Matching is one compiled alternation for all terms (built as a trie, run over the lower-cased text), then
a dictionary look-up from the matched form to its entries and a few context checks in Python.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from casefile.lint import text as T

HERE = Path(__file__).parent
SEVERITIES = ("info", "warning", "error")


@dataclass(frozen=True)
class Category:
    rule: str  # the rule code that reports it
    scope: str  # "facts": only in a note's facts sections; "notes": any note text; "all": any body; "goal"
    skip_reported: bool = True  # inside "she said ..." it is the other person's account
    # ... and inside the worker's own telling ("Worker told the landlord the client might be late"): False for
    # labels and conclusions, which stay the worker's ("Worker told Mr. Delgado that client is non-compliant")
    worker_telling_excused: bool = True
    skip_negated: bool = False  # "was not intoxicated" is not a label
    doc: str = ""
    quoted: bool = False  # True: matched only inside a quotation (the worker's rendering of someone's speech)


CATEGORIES: dict[str, Category] = {
    "hedge": Category("CF301", "facts", doc="hedges and speculation posing as fact"),
    "opinion": Category("CF301", "facts", doc="the worker's opinion written among the facts"),
    "label": Category("CF302", "notes", skip_negated=True, worker_telling_excused=False,
                      doc="judgements and labels about the person"),
    "conclusion": Category("CF302", "facts", skip_negated=True, worker_telling_excused=False,
                           doc="a conclusion (drunk, aggressive) where the evidence belongs"),
    "doubt": Category("CF303", "notes", skip_reported=False, doc="verbs that question the client's credibility"),
    "state": Category("CF304", "facts", skip_negated=True, doc="an inner state inferred and written as fact"),
    "absolute": Category("CF305", "facts", doc="absolutes and intensifiers"),
    "certainty": Category("CF305", "notes", doc="words that assert certainty in place of evidence (clearly, obviously)"),
    "vague": Category("CF307", "facts", doc="vague time, frequency or quantity"),
    "authority": Category("CF309", "notes", skip_reported=False, doc="words that stress the worker's authority"),
    "slang": Category("CF401", "all", skip_reported=False, doc="slang and informal words"),
    "shorthand": Category("CF403", "all", skip_reported=False, doc="text-speak and informal shorthand"),
    "stigma": Category("CF405", "all", skip_reported=False, skip_negated=False,
                       doc="stigmatising terms with a person-first replacement"),
    "dialect": Category("CF406", "all", skip_reported=False, quoted=True,
                        doc="eye dialect (phonetic spellings) in a quotation: quoting dialect stereotypes"),
    "vague-verb": Category("CF501", "goal", skip_reported=False, doc="goal verbs that cannot be observed"),
    "negative": Category("CF506", "goal", skip_reported=False, doc="goals that fail the dead-man test"),
    "qualification": Category("CF503", "goal", skip_reported=False,
                              doc="becoming a profession that takes a year or more of training"),
    "pastime": Category("CF504", "goal", skip_reported=False,
                        doc="a pastime, which on its own serves no housing, work, court or custody purpose"),
}

# What a body of text is scanned for when no categories are named: everything but the goal-wording lists
# (those are read only in a goal's statement; "want to" in a note is not a finding of any rule).
BODY_CATEGORIES = frozenset(k for k, v in CATEGORIES.items() if v.scope != "goal")

REQUIRED = ("term", "category", "severity", "rewrite", "why", "bad", "good")
OPTIONAL = ("forms", "prev", "not_prev", "in_clause", "not_in_clause", "next", "not_next", "client_subject", "not_passive",
            "tags")


class WordListError(ValueError):
    pass


@dataclass(frozen=True)
class WordEntry:
    term: str
    forms: tuple[str, ...]
    category: str
    severity: str
    rewrite: str
    why: str
    bad: str
    good: str
    prev: tuple[str, ...] = ()  # one of these must be among the 3 words before
    not_prev: tuple[str, ...] = ()  # none of these among the 2 words before
    # none of these among the words before it in its clause (from the last , ; : ( or a word such as "and"
    # or "when"): "the risk of relapse over the holidays is high" names its subject five words back
    not_in_clause: tuple[str, ...] = ()
    # one of these among the words before it in its sentence ("her urine screen, taken on 10 November, was clean")
    in_clause: tuple[str, ...] = ()
    next: tuple[str, ...] = ()  # the text after must start with one of these
    not_next: tuple[str, ...] = ()  # ... must not start with one of these
    client_subject: bool = False  # only when the client, not a landlord or a court, is the subject
    not_passive: bool = False  # not after was/were/been ("the application was refused")
    source: str = ""

    @property
    def rule(self) -> str:
        return CATEGORIES[self.category].rule


class Match:
    """A form of an entry found in a text: its offsets, the (start, end) of its sentence, and whether that
    sentence labels the opinion as the worker's ("In my opinion ..."). Only a few rules ask that last
    question, so scan leaves it to be answered on first use (from the lower-cased text it keeps)."""

    __slots__ = ("entry", "start", "end", "sentence", "_attributed", "_low")

    def __init__(self, entry: WordEntry, start: int, end: int, sentence: tuple[int, int], attributed: bool = False):
        self.entry = entry
        self.start = start
        self.end = end
        self.sentence = sentence
        self._attributed: bool | None = attributed
        self._low: str | None = None

    @classmethod
    def _lazy(cls, entry: WordEntry, start: int, end: int, sentence: tuple[int, int], low: str) -> "Match":
        m = cls(entry, start, end, sentence, None)  # type: ignore[arg-type]
        m._low = low
        return m

    @property
    def attributed(self) -> bool:
        got = self._attributed
        if got is None:
            ss, se = self.sentence
            got = self._attributed = T.attributed(self._low[ss:se])
            self._low = None
        return got

    @attributed.setter
    def attributed(self, value: bool) -> None:
        self._attributed, self._low = value, None

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.entry, self.start, self.end, self.sentence, self.attributed) == \
            (other.entry, other.start, other.end, other.sentence, other.attributed)

    __hash__ = None  # type: ignore[assignment]  # (mutable, as the dataclass it was)

    def __repr__(self) -> str:
        return (f"Match(entry={self.entry!r}, start={self.start!r}, end={self.end!r}, "
                f"sentence={self.sentence!r}, attributed={self.attributed!r})")


def _words(v: Any) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        v = [v]
    return tuple(str(x).lower() for x in v)


def make_entry(raw: Any, source: str) -> WordEntry:
    where = f"{source}: entry {raw.get('term')!r}" if isinstance(raw, dict) else f"{source}: entry {raw!r}"
    if not isinstance(raw, dict):
        raise WordListError(f"{where}: must be a mapping with {', '.join(REQUIRED)}")
    missing = [k for k in REQUIRED if not str(raw.get(k) or "").strip()]
    if missing:
        raise WordListError(f"{where}: missing {', '.join(missing)} (every entry needs its examples and rewrite)")
    unknown = set(raw) - set(REQUIRED) - set(OPTIONAL)
    if unknown:
        raise WordListError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
    if raw["category"] not in CATEGORIES:
        raise WordListError(f"{where}: category must be one of {', '.join(CATEGORIES)}")
    if raw["severity"] not in SEVERITIES:
        raise WordListError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
    forms = _words(raw.get("forms")) or (str(raw["term"]).lower(),)
    return WordEntry(
        term=str(raw["term"]), forms=forms, category=raw["category"], severity=raw["severity"],
        rewrite=str(raw["rewrite"]).strip(), why=str(raw["why"]).strip(), bad=str(raw["bad"]),
        good=str(raw["good"]), prev=_words(raw.get("prev")), not_prev=_words(raw.get("not_prev")),
        not_in_clause=_words(raw.get("not_in_clause")), in_clause=_words(raw.get("in_clause")),
        next=_words(raw.get("next")), not_next=_words(raw.get("not_next")),
        client_subject=bool(raw.get("client_subject")), not_passive=bool(raw.get("not_passive")),
        source=source,
    )


# --- the trie alternation --------------------------------------------------------------------------

def trie_pattern(words: Iterable[str], space: str = r"\s+") -> str:
    """One regex alternation for the words, as a trie; a space in a word matches `space` (any run of white
    space by default)."""
    return T.alternation(words, space)


def normalise(text: str) -> str:
    """Lower-case with the same length, curly apostrophes made straight (offsets stay valid)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.replace("’", "'").replace("‘", "'")


_PASSIVE = {"was", "were", "been", "being", "be", "is", "are", "get", "got", "gets"}
_CLIENT_WORDS = {"client", "clients", "he", "she", "they", "ms", "mr", "mrs", "mx", "youth", "participant",
                 "resident", "probationer", "member", "i"}
_THIRD = {
    "landlord", "landlords", "bank", "employer", "employers", "agency", "court", "judge", "office", "program",
    "programme", "shelter", "school", "clinic", "pharmacy", "pharmacist", "doctor", "physician", "insurer",
    "insurance", "company", "manager", "mother", "father", "mom", "dad", "parent", "parents", "partner",
    "husband", "wife", "boyfriend", "girlfriend", "provider", "hospital", "housing", "ministry", "department",
    "worker", "i", "we", "staff", "supervisor", "teacher", "principal", "police", "officer", "lawyer",
    "council", "board", "authority", "service", "services", "center", "centre", "daycare", "property",
    "owner", "superintendent", "tribunal", "crown", "prosecutor", "attorney", "caseworker", "nurse",
    "psychiatrist", "therapist", "team", "unit", "committee", "store", "lender", "utility", "ontario",
    "government", "city", "county", "state", "dmv", "application", "request", "sister", "brother", "son",
    "daughter", "grandmother", "grandfather", "aunt", "uncle", "neighbour", "neighbor", "roommate", "friend",
    # things and documents that can be the subject (a building found non-compliant, a referral that alleges,
    # a blood pressure reading that was high)
    "referral", "report", "complaint", "allegation", "allegations", "caller", "reporter", "building", "unit",
    "inspector", "reading", "pressure", "result", "results", "letter", "notice", "order", "bylaw", "code",
}


# What `\s` matches among the ASCII characters (\x1c-\x1f are white space to Python, not to re.ASCII's `\s`)
# White space to Python's `\s` (and str.split) that re.ASCII's `\s` does not take: a text with one of these is
# matched with the Unicode regex.
_ODD_SPACE = re.compile("[\x1c-\x1f]")
_UNBUILT = object()


class WordLists:
    def __init__(self, entries: list[WordEntry], glossary: dict[str, str] | None = None):
        self.entries = entries
        self.glossary = dict(glossary or {})
        self.by_form: dict[str, list[WordEntry]] = {}
        for e in entries:
            for f in e.forms:
                self.by_form.setdefault(" ".join(f.split()), []).append(e)
        # What scan needs of each entry of a form, looked up once here instead of for every match:
        # (entry, its rule, its category, whether it has conditions on the words around it, whether only
        # the client may be the subject)
        self._checks: dict[str, list[tuple]] = {
            form: [(e, e.rule, CATEGORIES[e.category],
                    bool(e.prev or e.not_prev or e.not_in_clause or e.in_clause or e.next or e.not_next
                         or e.not_passive),
                    e.client_subject)
                   for e in found]
            for form, found in self.by_form.items()}
        # One alternation for every list, built as a trie and run over the lower-cased text. It sits in a
        # lookahead so that overlapping forms of different lists ("stay out of", "out of trouble") are all
        # seen; the longest form at each word start wins.
        # It is run over the text with a space in front, and starts by taking the one character before a
        # word (not a letter, digit, _ or -): a pattern that starts with a character set lets the regex engine
        # skip in C from one word start to the next, where a look-behind would be tried at every character.
        self._regex = self._ascii_regex = _UNBUILT

    # The regexes are compiled when first used (compiling the trie costs about as much as loading the
    # lists): a run over a few ASCII notes compiles only the ASCII one.
    @property
    def regex(self):
        if self._regex is _UNBUILT:
            pattern = trie_pattern(sorted(self.by_form))
            self._regex = re.compile(r"[^\w-](?=(" + pattern + r")(?![\w-]))") if pattern else None
        return self._regex

    @property
    def ascii_regex(self):
        """The same pattern for a text that is all ASCII and has no \\x1c-\\x1f (nearly every note): re.ASCII
        tests `\\w` on a table instead of the Unicode database, about 15% faster, and for such a text `\\w` and
        `\\s` are the same sets."""
        if self._ascii_regex is _UNBUILT:
            pattern = trie_pattern(sorted(self.by_form))
            self._ascii_regex = (re.compile(r"[^\w-](?=(" + pattern + r")(?![\w-]))", re.ASCII)
                                 if pattern else None)
        return self._ascii_regex

    def regex_for(self, low: str):
        return self.ascii_regex if low.isascii() and not _ODD_SPACE.search(low) else self.regex

    def raw_matches(self, low: str, categories: set[str] | None = None):
        """(entry, start, end) for every form in the lower-cased text, before any context check."""
        regex = self.regex_for(low)
        if regex is None:
            return
        # rule -> (start, end) of its last match, to drop a form nested in a longer one; entries that share
        # the same form at the same place are all yielded (their own context checks choose between them)
        # (scan does the same, inline)
        covered: dict[str, tuple[int, int]] = {}
        checks = self._checks
        for m in regex.finditer(" " + low):
            s, t = m.span(1)
            s, t = s - 1, t - 1  # (offsets in `low`)
            form = m[1]
            found = checks.get(form)
            if found is None:  # written with other white space ("a  lot"): the key has single spaces
                found = checks.get(" ".join(form.split()), ())
            for e, rule, _, _, _ in found:
                if categories is not None and e.category not in categories:
                    continue
                cs, ct = covered.get(rule, (-1, -1))
                if ct > s and cs != s:
                    continue
                covered[rule] = (s, t)
                yield e, s, t

    def scan(self, text: str, categories: set[str] | None = None, *, low: str | None = None,
             quotes=None, sents=None) -> list[Match]:
        """Matches (of `categories`, default every category but the goal lists) that survive the context
        checks: not inside a quotation, not in someone's reported
        account (for categories that say so), not negated (for labels and states), and each entry's own
        prev/next/subject conditions. `quotes` and `sents` are the text's quotations and sentences if the
        caller has them, or a function that returns them (called at the first match that needs them)."""
        low = normalise(text) if low is None else low
        if categories is None:
            categories = BODY_CATEGORIES
        regex = self.regex_for(low)
        if regex is None:
            return []
        out = []
        # raw_matches, inline (a generator per region costs): rule -> (start, end) of its last match
        covered: dict[str, tuple[int, int]] = {}
        checks = self._checks
        for m in regex.finditer(" " + low):
            s, t = m.span(1)
            s, t = s - 1, t - 1  # (offsets in `low`)
            form = m[1]
            found = checks.get(form)
            if found is None:  # written with other white space ("a  lot"): the key has single spaces
                found = checks.get(" ".join(form.split()), ())
            for e, rule, cat, near, subject in found:
                if e.category not in categories:
                    continue
                cs, ct = covered.get(rule, (-1, -1))
                if ct > s and cs != s:
                    continue
                covered[rule] = (s, t)
                # the checks, cheapest first (each is a pure test; a match must pass them all); the sentences
                # are split only for a match that gets this far
                if quotes is None:
                    quotes = T.quoted_spans(text)
                elif callable(quotes):  # found on the first match only, by the caller (who keeps them)
                    quotes = quotes()
                if T.inside(quotes, s, t) != cat.quoted:
                    continue
                if near and not self._near_ok(e, low, s, t):
                    continue
                if sents is None:
                    sents = T.sentences(text)
                elif callable(sents):  # computed on the first match only, by the caller (who keeps them)
                    sents = sents()
                ss, se = T.sentence_at(sents, s)
                sentence = low[ss:se]
                rel = s - ss
                if subject and not _client_is_subject(sentence, rel):
                    continue
                if cat.skip_reported and T.reported(sentence, rel, cat.worker_telling_excused):
                    continue
                if cat.skip_negated and T.negated(sentence, rel):
                    continue
                out.append(Match._lazy(e, s, t, (ss, se), low))
        return out

    @staticmethod
    def _context_ok(e: WordEntry, low: str, s: int, t: int, sentence: str, rel: int) -> bool:
        """The entry's own conditions on the words around the match (see WordEntry)."""
        if not WordLists._near_ok(e, low, s, t):
            return False
        return not e.client_subject or _client_is_subject(sentence, rel)

    @staticmethod
    def _near_ok(e: WordEntry, low: str, s: int, t: int) -> bool:
        """prev, not_prev, next, not_next and not_passive: the words before and after the match."""
        if e.prev or e.not_prev or e.not_passive:
            before = T.words_before(low, s, 3)  # (the conditions look at the last 3 at most)
            if e.prev and not any(w in e.prev for w in before[-3:]):
                return False
            if e.not_prev and any(w in e.not_prev for w in before[-2:]):
                return False
            if e.not_passive and before and before[-1] in _PASSIVE:
                return False
            if e.not_passive and len(before) >= 2 and before[-2] in _PASSIVE and before[-1].endswith("ly"):
                return False
        if e.not_in_clause:
            start = max([low.rfind(c, 0, s) + 1 for c in ",;:(.!?\n"]
                        + [at + len(w) for w in _CLAUSE_WORDS if (at := low.rfind(w, 0, s)) >= 0])
            if any(w in e.not_in_clause for w in _WORD_TOKENS.findall(low, start, s)):
                return False
        if e.in_clause:
            begin = max(low.rfind(c, 0, s) for c in ".!?;\n") + 1  # (the sentence so far)
            if not any(w in e.in_clause for w in _WORD_TOKENS.findall(low, begin, s)):
                return False
        if e.next or e.not_next:
            after = " ".join(low[t:t + 60].split())
            after_nopunct = after.lstrip(" ,;:")
            # (startswith with the whole tuple first: in C, and most texts start with none of them)
            if e.next and not (after_nopunct.startswith(e.next) and any(
                    after_nopunct.startswith(n) and _word_end(after_nopunct, len(n)) for n in e.next)):
                return False
            if e.not_next and after_nopunct.startswith(e.not_next) and any(
                    after_nopunct.startswith(n) and _word_end(after_nopunct, len(n)) for n in e.not_next):
                return False
        return True


_WORD_TOKENS = re.compile(r"[\w']+")
# Words that start a new clause (for not_in_clause): "left the house at 8 and was high when he returned"
_CLAUSE_WORDS = (" and ", " when ", " but ", " while ", " then ", " after ", " before ", " because ")


def _client_is_subject(sentence: str, rel: int) -> bool:
    """Is the client (not a landlord, a court ...) the last subject named before offset `rel`?"""
    prefix = _WORD_TOKENS.findall(sentence, 0, rel)
    last_client = max((i for i, w in enumerate(prefix) if w.strip("'s") in _CLIENT_WORDS or w in _CLIENT_WORDS),
                      default=-1)
    last_third = max((i for i, w in enumerate(prefix) if w in _THIRD or w.removesuffix("'s") in _THIRD),
                     default=-1)
    return last_third <= last_client


def _word_end(s: str, n: int) -> bool:
    # a punctuation token ("(", ",") ends where it ends
    return n >= len(s) or (n > 0 and not (s[n - 1].isalnum() or s[n - 1] == "-")) or not (s[n].isalnum() or s[n] == "-")


# --- loading -----------------------------------------------------------------------------------------

def _read(path: Path) -> list[dict]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise WordListError(f"{path.name}: must hold `entries:`, a list")
    return data["entries"]


def builtin_files() -> list[Path]:
    return sorted(p for p in HERE.glob("*.yml") if p.name != "acronyms.yml")


def load_glossary() -> dict[str, str]:
    data = yaml.load((HERE / "acronyms.yml").read_text(encoding="utf-8"), Loader=_Loader)
    known = data.get("known") or {}
    return {str(k).upper(): str(v) for k, v in known.items()}


def check_examples(wl: WordLists, entries: Iterable[WordEntry]) -> list[str]:
    """Problems with entries whose own examples misbehave: the bad one must match the entry, the good one
    must not. Returns one line per problem."""
    problems = []
    for e in entries:
        hits = {m.entry for m in wl.scan(e.bad, {e.category})}
        if e not in hits:
            problems.append(f"{e.source}: {e.term!r}: its bad example does not match")
        hits = {m.entry for m in wl.scan(e.good, {e.category})}
        if e in hits:
            problems.append(f"{e.source}: {e.term!r}: its good example matches")
    return problems


_BUILTIN: list[WordEntry] | None = None
_CACHE: dict[str, WordLists] = {}


def builtin_entries() -> list[WordEntry]:
    global _BUILTIN
    if _BUILTIN is None:
        out = []
        for p in builtin_files():
            out.extend(make_entry(raw, p.name) for raw in _read(p))
        _BUILTIN = out
    return _BUILTIN


def load(settings: dict | None = None) -> WordLists:
    """The word lists with the agency's additions and removals (casefile.yml `lint: words`), loaded and
    validated once per distinct setting. Raises WordListError for an entry that lacks its examples or
    whose examples misbehave."""
    settings = settings or {}
    words = settings.get("words") or {}
    glossary = settings.get("glossary") or {}
    key = json.dumps([words, glossary], sort_keys=True, default=str)
    if key in _CACHE:
        return _CACHE[key]
    if not isinstance(words, dict):
        raise WordListError("words: must have `add` and/or `remove`, such as {remove: [dramatic]}")
    for k in words:
        if k not in ("add", "remove"):
            close = difflib.get_close_matches(str(k), ["add", "remove"], n=1, cutoff=0.5)
            raise WordListError(f"words: unknown key {str(k)!r}; "
                                + (f"did you mean {close[0]}?" if close else "use add and/or remove"))
    if not isinstance(glossary, dict):
        raise WordListError("glossary: must map each acronym to its expansion, "
                            "such as {ODSP: Ontario Disability Support Program}")
    for k, v in glossary.items():
        if not isinstance(k, str) or not re.fullmatch(r"[A-Za-z][A-Za-z0-9&/.-]*", k.strip()):
            raise WordListError(f"glossary: {k!r} is not an acronym")
        if not isinstance(v, str) or not v.strip():
            raise WordListError(f"glossary: {k}: give its expansion, such as {k}: what it stands for")
    add = words.get("add") or []
    if not isinstance(add, list):
        raise WordListError("words: add: must be a list of entries, each with term, category, severity, "
                            "rewrite, why, bad and good")
    added = [make_entry(raw, "words.add") for raw in add]
    raw_remove = words.get("remove") or []
    if not isinstance(raw_remove, list) or not all(isinstance(t, str) and t.strip() for t in raw_remove):
        example = raw_remove if isinstance(raw_remove, str) else "dramatic"
        raise WordListError(f"words: remove: must be a list of terms, such as [{example}]")
    remove = {" ".join(t.lower().split()) for t in raw_remove}
    entries = list(builtin_entries())
    known = {e.term.lower() for e in entries} | {f for e in entries for f in e.forms}
    for t in raw_remove:
        low = " ".join(t.lower().split())
        if low not in known:
            close = difflib.get_close_matches(low, sorted(known), n=1, cutoff=0.75)
            raise WordListError(f"words: remove: {t!r} is in no word list"
                                + (f"; did you mean {close[0]}?" if close else ""))
    if remove:
        # A removed term goes from every list it is in: entries of that term, and that form of any entry.
        kept = []
        for e in entries:
            if e.term.lower() in remove:
                continue
            forms = tuple(f for f in e.forms if " ".join(f.split()) not in remove)
            if not forms:
                continue
            kept.append(e if forms == e.forms else replace(e, forms=forms))
        entries = kept
    entries.extend(added)
    gl = load_glossary()
    gl.update({str(k).upper(): str(v) for k, v in glossary.items()})
    wl = WordLists(entries, gl)
    if added:
        problems = check_examples(wl, added)
        if problems:
            raise WordListError("; ".join(problems))
    _CACHE[key] = wl
    return wl
