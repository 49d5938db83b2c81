"""CF3xx: fact versus opinion. The facts sections of a note (Data, Subjective, Objective, Behavior,
Intervention, or a free note's body) hold what was said, seen and done; the Assessment holds the worker's
attributed opinion. Text inside the client's quotation is the client's words; someone's reported account
("she said she might move") is theirs; negation ("was not intoxicated") and context ("the landlord refused
the application") are read before a word is reported."""

from __future__ import annotations

import re
import string

from casefile.lint import text as T
from casefile.lint.api import rule
from casefile.lint.rules._common import analysis, matched, span_hit, word_hits, wordlists
from casefile.lint.rules.five_ws import note

NOTE = ("note",)


def _data(text: str, assessment: str = "Worker assessed the plan as on track.") -> str:
    return note(body=f"## Data\n{text}\n\n## Assessment\n{assessment}\n\n## Plan\nReview on 2026-11-27.\n")


def _no_words_of(code: str, entry, ctx) -> bool:
    """Did the word lists find no word of rule `code` in the entry? Then the rule has nothing to report
    (word_hits looks only at the analysis' matches of its rule), and returns at once: most entries hold no
    word of most lists."""
    return code not in analysis(entry, ctx).by_rule


def _where(rs) -> str:
    return rs.region.name or "the note"


@rule("CF301", "hedge-in-data", severity="warning", kinds=NOTE,
      summary="Hedges, speculation or the worker's opinion (seems, probably, I think) in the facts section.",
      why="In Data a hedge marks an inference posing as fact; readers (courts, the next worker, the client) take "
          "it as what happened. In the Assessment, attributed, it is honest and allowed.",
      bad=_data("Client seems anxious and probably has not paid the rent."),
      good=_data("Client said, \"I haven't paid the rent,\" and tapped her foot throughout.",
                 "Worker assessed that client is probably anxious about the arrears."))
def hedge_in_data(entry, ctx):
    if _no_words_of("CF301", entry, ctx):
        return ()
    def describe(m, rs, sectioned):
        word = matched(rs, m)
        if m.attributed and not sectioned:
            return None  # a free note may hold the worker's attributed opinion
        if m.entry.category == "opinion" or m.attributed:
            msg = f"opinion '{word}' in {_where(rs)}: keep the facts here and the opinion in Assessment"
        else:
            msg = f"hedge '{word}' in {_where(rs)}: an inference written as fact"
        return msg, m.entry.rewrite
    return word_hits(entry, ctx, "CF301", describe)


@rule("CF302", "judgemental-label", severity="warning", kinds=NOTE,
      summary="Judgements and labels about the person (lazy, manipulative, non-compliant, refused, drunk, aggressive).",
      why="A label is a conclusion with no evidence and it follows the person: clinicians who read a stigmatising "
          "note treat the patient differently (Goddu et al. 2018). Describe the behaviour, quote, or attribute.",
      bad=_data("Client was non-compliant and refused to sign the release."),
      good=_data("Client did not attend 2 of 4 sessions and declined to sign the release; she said she wants "
                 "to read it with her lawyer first. The landlord refused the application."))
def judgemental_label(entry, ctx):
    if _no_words_of("CF302", entry, ctx):
        return ()
    def describe(m, rs, sectioned):
        word = matched(rs, m)
        if m.entry.category == "conclusion" and m.attributed and not sectioned:
            return None
        kind = "label" if m.entry.category == "label" else "conclusion"
        return f"{kind} '{word}': describe what was seen or heard instead", m.entry.rewrite
    return word_hits(entry, ctx, "CF302", describe)


@rule("CF303", "doubt-marker", severity="warning", kinds=NOTE,
      summary="Verbs that question the client's credibility (claims, insists, admits, allegedly, whining).",
      why="Doubt markers discredit the client without evidence; 'said' or 'reported' records the same fact "
          "neutrally (Park et al. 2021; NIDA).",
      bad=_data("Client claims she paid the rent and admits to drinking on Saturday."),
      good=_data("Client said she paid the rent; she said she drank four beers on Saturday."))
def doubt_marker(entry, ctx):
    if _no_words_of("CF303", entry, ctx):
        return ()
    def describe(m, rs, sectioned):
        return f"'{matched(rs, m)}' questions the client's credibility", m.entry.rewrite
    return word_hits(entry, ctx, "CF303", describe)


@rule("CF304", "inferred-state", severity="warning", kinds=NOTE,
      summary="An inner state inferred by the worker and stated as fact (was depressed, appeared angry, felt hopeless).",
      why="'Appeared tearful and spoke slowly' is data; 'is depressed' is assessment. The observation or the "
          "client's own words are the evidence; the inference belongs in Assessment, attributed.",
      bad=_data("Client was depressed and appeared angry about the letter."),
      good=_data("Client appeared tearful, spoke slowly and said, \"I'm so angry about this letter.\" "
                 "She said she felt hopeless."))
def inferred_state(entry, ctx):
    if _no_words_of("CF304", entry, ctx):
        return ()
    def describe(m, rs, sectioned):
        if m.attributed and not sectioned:
            return None
        return f"inferred state '{matched(rs, m)}' written as fact in {_where(rs)}", m.entry.rewrite
    return word_hits(entry, ctx, "CF304", describe)


@rule("CF305", "absolute-language", severity="info", kinds=NOTE,
      summary="Absolutes and intensifiers in the facts (always, never listens, clearly, extremely).",
      why="Absolutes overstate and intensifiers assert certainty in place of evidence; a count and a detail do not.",
      bad=_data("He is always late and clearly not interested."),
      good=_data("He was late for 3 of the 4 appointments in May."))
def absolute_language(entry, ctx):
    if _no_words_of("CF305", entry, ctx):
        return ()
    def describe(m, rs, sectioned):
        return f"'{matched(rs, m)}' overstates: give the count or the detail", m.entry.rewrite
    return word_hits(entry, ctx, "CF305", describe)


_DETERMINER = re.compile(r"(?:\b(?:her|his|their|the|a|an|my|our|your|its|so-called|this|that|these|those|supposed)"
                         r"|\b[A-Z][a-z]+['’]s|\b[Cc]lient['’]s)\s+$", re.I)
_SPEECH_BEFORE = re.compile(
    r"\b(?:called|calls|described|describes|referred to|refers to|named|titled|entitled|"
    r"labelled|labeled|the word|the phrase|the term|words?|known as|nicknamed|signed|marked|read|"
    r"heading|subject|what (?:a|an|the)|meaning of|the word for)\b[^.\n]{0,30}$", re.I)
# The letters, apostrophe and hyphen that the words _DETERMINER ends with are made of, in ASCII text.
_DETERMINER_WORD_CHARS = string.ascii_letters + "'-"


def _after_determiner(pre: str):
    """_DETERMINER.search(pre), tried only from where the last word of `pre` starts. Every match is one word
    and the white space after it to the end, so in ASCII text it starts within the run of letters, apostrophes
    and hyphens that ends where that white space begins (and \\b still sees the character before the start).
    Other text can hold letters the case-blind pattern matches ('ſ' for 's', 'K' for 'k'): it is searched whole."""
    if pre.isascii():
        return _DETERMINER.search(pre, len(pre.rstrip().rstrip(_DETERMINER_WORD_CHARS)))
    return _DETERMINER.search(pre)


# A one- or two-word quotation straight after a copula ("was \"sick\"", "was \"too busy\""): the worker's
# doubt about the person's own word, not a report of what they said.
_COPULA_BEFORE = re.compile(r"\b(?:she|he|they|client|mother|father|mom|dad|parent|parents|youth|son|daughter|"
                            r"partner|boyfriend|girlfriend|husband|wife)\s+(?:was|is|were|are|had been|has been|"
                            r"was being|is being)\s+$", re.I)
# 'Worker told him he was "dishonest"': the worker's own word, in marks
_WORKER_TOLD = re.compile(r"\b(?:worker|i|writer)\s+(?:told|said to)\s+(?:him|her|them|client|the client)\b[^.!?]*$", re.I)
# A speech verb earlier in the sentence: what follows in marks is someone's reported words.
_SPOKE_BEFORE = re.compile(r"\b(?:said|says|told|tells|explained|explains|confirmed|confirms|mentioned|wrote|writes|"
                           r"reported|reports|stated|states|described|asked|admitted|agreed)\b[^.!?]*$", re.I)
# 'Client said she was "gutted"': someone's own word, reported with its marks (see _their_word)
_SAID_COPULA_BEFORE = re.compile(r"\b(?:said|says|stated|states|reported|reports|told\s+(?:the\s+)?worker|told\s+(?:me|her|him|them))\s+"
                                 r"(?:that\s+)?(?:she|he|they|client|i)\s+(?:was|is|were|are|felt|feels|had been|"
                                 r"has been)\s+$", re.I)


# A quantity or truth word quoted inside the worker's own phrase (working "some" hours, her "real" job):
# no one's words are being reported, only the worker's doubt.
_DOUBTED_MODIFIERS = {"some", "any", "few", "several", "many", "most", "real", "actual", "true", "legit",
                      "legitimate", "genuine", "proper", "official", "regular", "full-time", "part-time"}


def _their_word(ctx, words: str) -> bool:
    """Whether the quoted words are a slang, stigma, label or conclusion form of the word lists, or "clean"
    (the client's own word for not using): words a worker reports in someone's marks rather than doubts in
    their own voice ('said she was "gutted"', 'told her she was "non-compliant"'; not 'said she was "sick"')."""
    key = " ".join(words.lower().split())
    if key in _OWN_WORDS:
        return True
    forms = wordlists(ctx).by_form
    # ("grand" is listed as "was grand"; "non-compliant", a label, is quoted as someone else's word)
    return any(e.category in _OWN_CATEGORIES for k in (key, "was " + key, "is " + key) for e in forms.get(k, ()))


_OWN_WORDS = {"clean", "sober", "dry", "using"}
_OWN_CATEGORIES = ("slang", "stigma", "label", "conclusion")


@rule("CF306", "scare-quotes", severity="warning", kinds=NOTE,
      summary="Scare quotes around a word the worker doubts (her \"boyfriend\", his \"job\").",
      why="Quotation marks used to signal doubt mock the client; a quotation should be what someone said, "
          "attributed (Park et al. 2021).",
      bad=_data("Client arrived with her \"boyfriend\" and said her \"job\" starts Monday."),
      good=_data("Client arrived with a man she introduced as her boyfriend. She said, \"My job starts Monday.\""))
def scare_quotes(entry, ctx):
    for rs in analysis(entry, ctx).scans:
        text = rs.region.text
        for qs, qe in rs.quotes:
            inner = text[qs + 1:qe - 1].strip().rstrip(",.;:!?").strip()
            words = inner.split(None, 3)  # (a fourth word is enough to know there are more than three)
            if not inner or len(words) > 3:
                continue
            pre = text[max(0, qs - 60):qs]
            if len(words) == 3 and not (inner[:1].islower() and _COPULA_BEFORE.search(pre)
                                        and not _SPOKE_BEFORE.search(pre)):
                continue  # three words in marks: scare quotes only right after a copula ('has been "looking for work"'),
                # and not in someone's reported words ('she told her officer she was "looking for work"')
            modifier = inner.lower() in _DOUBTED_MODIFIERS and re.match(r"\s+[a-z]", text[qe:qe + 3])
            iw = inner.lower().split()
            # (the tests on the quotation itself first: they are cheaper than the patterns over the text before it)
            after_copula = (inner[:1].islower() and (len(iw) in (1, 3) or iw[0] in ("too", "so", "very", "really"))
                            and _COPULA_BEFORE.search(pre) and not _SPEECH_BEFORE.search(pre)
                            # reported in the client's own marks: her phrase, or her informal word
                            and not ((_SAID_COPULA_BEFORE.search(pre) or len(iw) > 1 and _SPOKE_BEFORE.search(pre))
                                     and not _WORKER_TOLD.search(pre)
                                     and (len(iw) > 1 or _their_word(ctx, inner))))
            if not modifier and not after_copula and (not _after_determiner(pre) or _SPEECH_BEFORE.search(pre)):
                continue
            yield span_hit(rs.region, qs, qe, f"scare quotes around '{T.clip(inner, 30)}' signal doubt",
                           "drop the quotation marks, or quote the whole statement and say who said it")


_COUNT = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|once|twice)"
                    r"(?: \w+)? (?:times?|of (?:the )?\d+|of (?:the )?(?:two|three|four|five|six|seven|eight|nine|ten))\b"
                    r"|\b(?:once|twice)\b", re.I)


@rule("CF307", "vague-in-data", severity="warning", kinds=NOTE,
      summary="Vague time, frequency or quantity in the facts (recently, often, a lot, several).",
      why="A record that a court or an auditor reads needs the date, the count and the amount; a vague word "
          "cannot be checked or compared with the next contact.",
      bad=_data("Client was recently evicted and drinks a lot."),
      good=_data("Client was evicted on 3 November; she said she drinks about six beers on Saturdays."))
def vague_in_data(entry, ctx):
    if _no_words_of("CF307", entry, ctx):
        return ()
    def describe(m, rs, sectioned):
        if m.entry.term == "often":
            # a frequency word next to the count itself ("changed topics often; worker redirected her four
            # times") is description, not a missing number
            ss, se = m.sentence
            if _COUNT.search(rs.region.text[ss:se]):
                return None
        return f"vague '{matched(rs, m)}' in {_where(rs)}: give the date, count or amount", m.entry.rewrite
    return word_hits(entry, ctx, "CF307", describe)


_PLAN_HEDGES = {"probably", "likely", "possibly", "apparently", "seems"}
_MARKERS = re.compile(r"\b(?:in my (?:professional |clinical )?opinion|worker assessed|i assessed|worker's assessment|"
                      r"my assessment|my impression|worker believes|i believe|writer believes)\b", re.I)
# Every marker holds one of these words; on ASCII text, where the case-blind pattern matches only what the
# lower-cased text holds, a region without any has no marker and the pattern need not be run over it.
_MARKER_WORDS = ("opinion", "assess", "impression", "believe")


def _markers(rs):
    text = rs.region.text
    if text.isascii():
        low = rs.low
        for word in _MARKER_WORDS:
            if word in low:
                return _MARKERS.finditer(text)
        return ()
    return _MARKERS.finditer(text)


@rule("CF308", "opinion-in-plan", severity="info", kinds=NOTE,
      summary="The worker's assessment written in the Plan section instead of the Assessment.",
      why="DAP keeps interpretation (Assessment) apart from next steps (Plan) so each can be read on its own.",
      bad=note(body="## Data\nClient brought two rental applications.\n\n## Assessment\nOn track.\n\n"
                    "## Plan\nIn my professional opinion she is ready to live alone. Review on 2026-11-27.\n"),
      good=note())
def opinion_in_plan(entry, ctx):
    for rs in analysis(entry, ctx).scans:
        if rs.region.kind != T.PLAN:
            continue
        for m in _markers(rs):
            if T.inside(rs.quotes, m.start()):
                continue
            yield span_hit(rs.region, m.start(), m.end(), "assessment written in the Plan: move it to Assessment",
                           "keep Plan for next steps: who does what by when")
        # a prediction about the client (probably, likely, might) is assessment, not a next step; the word
        # lists' context checks (quotation, reported speech) have already run
        for m in rs.matches:
            if m.entry.category == "hedge" and m.entry.term in _PLAN_HEDGES:
                word = rs.region.text[m.start:m.end]
                yield span_hit(rs.region, m.start, m.end,
                               f"prediction '{' '.join(word.split())}' in the Plan: move it to Assessment",
                               "keep Plan for next steps: who does what by when")


@rule("CF309", "authoritative-language", severity="info", kinds=NOTE,
      summary="Words that stress the worker's authority over the client (instructed, told her to, lectured).",
      why="Stressing authority is one of the stigmatising patterns in notes (Park et al. 2021); describe the "
          "exchange as information given and choices made.",
      bad=_data("I instructed her to bring her pay stubs and told her to stop being late."),
      good=_data("Worker asked her to bring her pay stubs; she agreed to bring them on Monday."))
def authoritative_language(entry, ctx):
    if _no_words_of("CF309", entry, ctx):
        return ()
    def describe(m, rs, sectioned):
        return f"'{matched(rs, m)}' stresses the worker's authority", m.entry.rewrite
    return word_hits(entry, ctx, "CF309", describe)
