"""CF4xx: language. Slang, unexplained acronyms, shorthand, stigmatising terms, and sensitive identifiers
that do not belong in a record's body."""

from __future__ import annotations

import re

from casefile.lint import text as T
from casefile.lint.api import rule
from casefile.lint.rules._common import analysis, matched, span_hit, word_hits, wordlists
from casefile.lint.rules.wording import _data, _no_words_of
from casefile.model import KINDS

ENTRIES = KINDS


@rule("CF401", "informal-language", severity="warning", kinds=ENTRIES,
      summary="Slang and informal words outside a quotation (freaked out, gonna, cops, baby daddy).",
      why="A case note is a legal record read by courts, auditors and the client; slang is ambiguous and "
          "reads as disrespect.",
      bad=_data("Client freaked out when the cops came and said she is gonna move."),
      good=_data("Client cried and shouted when two police officers came; she said, \"I'm gonna move.\""))
def informal_language(entry, ctx):
    if _no_words_of("CF401", entry, ctx):
        return ()
    def describe(m, rs, sectioned):
        return f"informal '{matched(rs, m)}'", m.entry.rewrite
    return word_hits(entry, ctx, "CF401", describe)


# The capital first, then the look-behind that it does not follow a word (over both characters): a pattern that
# starts with a character set lets the regex engine skip in C to the next capital.
_ACRONYM = re.compile(r"([A-Z](?<![\w/.-][A-Z])[A-Z0-9&]{1,6})(?:s|'s)?(?![\w/-]|\.[A-Za-z])")
_DEFINED_AFTER = r"\(\s*{a}s?\s*\)"  # Ontario Works (OW)
_DEFINED_BEFORE = r"\b{a}s?\s*\(\s*[A-Za-z][^)]{{3,}}\)"  # OW (Ontario Works)
_DEFINED_DASH = r"\b{a}\s*(?:=|:|-|–|—|stands for|means)\s*[A-Z][a-z]"


@rule("CF402", "unexplained-acronym", severity="warning", kinds=ENTRIES,
      summary="An acronym that is neither spelled out in the entry nor in the agency glossary (casefile.yml "
              "`lint: glossary`).",
      why="Agency-internal acronyms make a legal record ambiguous to a court, a new worker or the client; spell "
          "it out at first use, \"Ontario Works (OW)\", or add it to the glossary.",
      bad=_data("Client applied for ODSP and was referred to the CMHA worker."),
      good=_data("Client applied for the Ontario Disability Support Program (ODSP). Her ID expires in May."))
def unexplained_acronym(entry, ctx):
    gl = wordlists(ctx).glossary
    body = entry.body
    seen = set()
    for rs in analysis(entry, ctx).scans:
        text = rs.region.text
        for m in _ACRONYM.finditer(text):
            a = m.group(1)
            if a in seen or a.upper() in gl or not any(c.isalpha() for c in a) or len(a.strip("0123456789")) < 2:
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            line = text[line_start: line_end if line_end >= 0 else len(text)]
            # shouting, a heading in capitals, or a table header: not an acronym
            caps = re.findall(r"\b[A-Z]{2,}\b", line)
            words = re.findall(r"\b[A-Za-z]{2,}\b", line)
            if len(caps) >= 3 and len(caps) * 2 >= len(words):
                continue
            if T.inside(rs.quotes, m.start()):
                continue
            seen.add(a)
            ea = re.escape(a)
            if (re.search(_DEFINED_AFTER.format(a=ea), body) or re.search(_DEFINED_BEFORE.format(a=ea), body)
                    or re.search(_DEFINED_DASH.format(a=ea), body)):
                continue
            if _initials_of(a, text[max(0, m.start() - 80):m.start()]):
                continue
            yield span_hit(rs.region, m.start(1), m.end(1), f"acronym '{a}' is not explained",
                           f"spell it out at first use (\"Full Name ({a})\") or add it to casefile.yml lint.glossary")


def _initials_of(acr: str, before: str) -> bool:
    """Is the acronym the initials of the words just before it ("Ontario Works OW")?"""
    words = re.findall(r"[A-Za-z]+", before)[-len(acr):]
    return len(words) == len(acr) and "".join(w[0] for w in words).upper() == acr


@rule("CF403", "informal-shorthand", severity="info", kinds=ENTRIES,
      summary="Text-speak and office shorthand (w/, b/c, f/u, appt, hx, btw).",
      why="Shorthand one reader knows is an ambiguity for the next (d/c: discharge or discontinue?); clinical "
          "'do not use' lists exist for this reason.",
      bad=_data("Met w/ client b/c of her missed appt."),
      good=_data("Met with the client because of her missed appointment."))
def informal_shorthand(entry, ctx):
    if _no_words_of("CF403", entry, ctx):
        return ()
    def describe(m, rs, sectioned):
        return f"shorthand '{matched(rs, m)}'", m.entry.rewrite
    return word_hits(entry, ctx, "CF403", describe)


def _luhn(digits: str) -> bool:
    total, alt = 0, False
    for ch in reversed(digits):
        d = int(ch)
        if alt:
            d *= 2
            if d > 9:
                d -= 9
        total += d
        alt = not alt
    return total % 10 == 0


# ("sin" and "pin" first: they are inside many words, housing, shopping, so the test is most often over at once)
_KEYS = ("sin", "pin", "password", "passcode", "ssn", "social insurance", "social security", "card", "account",
         "ohip", "medicare", "passport", "licence", "license", "ndis", "tfn", "tax file", "ird", "pps", "visa",
         "mastercard", "amex")
_ANY_DIGIT = re.compile(r"\d")
_KEYWORDS = re.compile(r"password|passcode|\bpin\b|\bsin\b|\bssn\b|social (?:insurance|security)|card|account|"
                       r"ohip|medicare|passport|licen[cs]e", re.I)
_NINE = re.compile(r"\d(?:[ -]?\d){8}")
# Whether _NINE is found, tried only where a run of digits starts (not after a digit, or after a digit and one
# space or hyphen): a run that holds nine digits from any of its digits holds them from its first, and a date
# (2026-08-07) is tried once instead of from each of its digits.
_NINE_FROM_RUN_START = re.compile(r"\d(?<!\d\d)(?<!\d[ -]\d)(?:[ -]?\d){8}")
_ID_NUMBER = re.compile(r"(?<!application )(?<!case )(?<!file )(?<!client )(?<!reference )(?<!booking )(?<!claim )"
                        r"(?<!account )(?<!member )(?<!student )(?<!employee )(?<!tenant )"
                        r"\b(?:id|identity|national id|national identity) (?:number|no\.?|#)\s*[:#]?\s*\d[\d-]{5,}\d(?![\d-])",
                        re.I)
_BRAND_CARD = re.compile(r"\b(?:visa|mastercard|amex)\b(?: card)?(?: number| no\.?| #)?\s*[:#]?\s*\d(?:[ -]?\d){11,18}(?![\d-])",
                         re.I)
_LONGNUM = re.compile(r"\d[\d -]{11,}\d")
# Each starts with a digit, and then looks behind it (over both characters) for a digit or hyphen before: a
# pattern that starts with a character set lets the regex engine skip in C to the next digit. (_SIN's first
# three digits are two groups; the rule joins the groups.)
_SIN = re.compile(r"(\d)(?<![\d-]\d)(\d{2})[ -]?(\d{3})[ -]?(\d{3})(?![\d-])")
_SSN = re.compile(r"\d(?<![\d-]\d)\d{2}-\d{2}-\d{4}(?![\d-])")
_CARD = re.compile(r"\d(?<![\d-]\d)[ -]?(?:\d[ -]?){11,17}\d(?![\d-])")
# (?=[...]): the first character of every match, tested first
_LABELLED = re.compile(
    r"(?=[spcabohmdnti])\b(?:sin|ssn|social insurance (?:number|no\.?|#)|social security (?:number|no\.?|#)|"
    r"credit card(?: number| no\.?| #)?|card number|account (?:number|no\.?|#)|bank account|pin(?: number| code)?|"
    r"password|passcode|health card(?: number| no\.?| #)?|ohip(?: number| no\.?| #)?|medicare (?:card(?: number| no\.?| #)?|number|no\.?|#)|"
    r"passport (?:number|no\.?|#)|driver'?s licen[cs]e (?:number|no\.?|#)|"
    # Australia and New Zealand: NDIS, tax file and IRD numbers
    r"ndis (?:number|no\.?|#)|tfn|tax file (?:number|no\.?|#)|ird (?:number|no\.?|#)|pps (?:number|no\.?|#))"
    # "account number for direct deposit is 004-...", "SIN (046 454 286)", "SIN: 046..."
    # "her SIN, 046 454 286, for ...", "health card, number 1234-...": a comma, then "number" or "no."
    r"(?:\s+(?![\d(])[A-Za-z ]{1,30}?\s+(?:is|was)\s+|\s*(?:is|was|:|#|=|-|\(|,)?\s*(?:(?:number|no\.?)\s*[:#]?\s*)?)"
    r"(?:\d[\d -]{2,}\d|(?=[A-Za-z0-9-]*\d)[A-Za-z0-9-]{4,})", re.I)


# The first word of each label _LABELLED knows (password, passcode and passport share "pass").
_LABEL_STARTS = ("sin", "ssn", "social", "credit", "card", "account", "bank", "pin", "pass", "health", "ohip",
                 "medicare", "driver", "ndis", "tfn", "tax", "ird", "pps")


def _labelled(text: str, low: str):
    """_LABELLED.finditer(text), tried only where a label's first word is. On ASCII text a match of the
    case-blind pattern starts where the lower-cased text has that word; so every match starts at one of the
    places found here, and trying them in order, each after the last match's end, finds what finditer finds.
    (Other text can hold letters the pattern matches regardless of case, 'ſ' for 's': it gets finditer.)"""
    if not text.isascii():
        yield from _LABELLED.finditer(text)
        return
    starts = []
    for word in _LABEL_STARTS:
        at = low.find(word)
        while at >= 0:
            # the pattern starts with \b before a letter: only where a word starts ("sin" in "housing" is not)
            if at == 0 or not (low[at - 1].isalnum() or low[at - 1] == "_"):
                starts.append(at)
            at = low.find(word, at + 1)
    last_end = 0
    for at in sorted(starts):
        if at >= last_end:
            m = _LABELLED.match(text, at)
            if m is not None:
                yield m
                last_end = m.end()


@rule("CF404", "sensitive-identifier", severity="warning", kinds=ENTRIES,
      summary="An identifier that does not belong in a record's body: a social insurance or social security "
              "number, a payment card number, an account number, a password or PIN.",
      why="Record only what the service needs; a note body is read, copied and exported widely, and identifiers "
          "in it are a privacy breach waiting to happen.",
      bad=_data("Client's SIN is 046 454 286; she gave her bank PIN 4821 to her brother."),
      good=_data("Client brought her social insurance card; worker confirmed it is on file with intake."))
def sensitive_identifier(entry, ctx):
    for rs in analysis(entry, ctx).scans:
        text = rs.region.text
        if not _ANY_DIGIT.search(text):
            continue  # every pattern here needs a digit (a labelled identifier too)
        low = rs.low
        keyword = False
        for k in _KEYS:
            if k in low:
                keyword = True
                break
        # nine digits with at most one space or hyphen between them: every SSN, SIN and card number has such
        # a run (dates and times do not), so without one those patterns need not be tried
        run = _NINE_FROM_RUN_START.search(text) is not None
        # a national ID number written out ("ID number 8001015009087"), not a casefile or application ID
        ids = _ID_NUMBER.finditer(text) if "id n" in low or "identity" in low else ()
        spans = [(m.start(), m.end(), "an identity number") for m in ids]
        if not keyword and not run and not spans:
            continue
        if keyword:
            for m in _labelled(text, low):
                spans.append((m.start(), m.end(), "an identifier (number, password or PIN)"))
            # a card named by its brand, with a whole card number after it (not a balance, not the last 4)
            for m in (_BRAND_CARD.finditer(text) if run else ()):
                spans.append((m.start(), m.end(), "what looks like a payment card number"))
        for m in (_SSN.finditer(text) if run else ()):
            spans.append((m.start(), m.end(), "what looks like a social security number"))
        for m in (_SIN.finditer(text) if run else ()):
            digits = "".join(m.groups())
            if digits[0] not in "089" and _luhn(digits):
                spans.append((m.start(), m.end(), "what looks like a social insurance number"))
        for m in (_CARD.finditer(text) if run and _LONGNUM.search(text) else ()):
            digits = re.sub(r"\D", "", m.group(0))
            if 13 <= len(digits) <= 19 and digits[0] in "3456" and _luhn(digits):
                spans.append((m.start(), m.end(), "what looks like a payment card number"))
        spans.sort()
        last_end = -1
        for s, e, what in spans:
            if s < last_end:
                continue
            last_end = e
            yield span_hit(rs.region, s, e, f"the note holds {what}",
                           "remove it; refer to the document instead (\"SIN verified, on file with intake\")")


@rule("CF405", "stigmatising-language", severity="warning", kinds=ENTRIES,
      summary="Stigmatising terms with a person-first replacement (addict, substance abuse, clean/dirty screen, complains of, "
              "suffers from, committed suicide).",
      why="Person-first language is the published standard (NIDA); stigmatising terms change how the next "
          "reader treats the person (Goddu et al. 2018; Walker et al. 2024).",
      bad=_data("Client is an addict and had a dirty screen on Monday."),
      good=_data("Client has a substance use disorder; her urine screen on Monday was positive for cannabis. "
                 "She said, \"I'm an addict, I know it.\""))
def stigmatising_language(entry, ctx):
    if _no_words_of("CF405", entry, ctx):
        return ()
    def describe(m, rs, sectioned):
        return f"stigmatising '{matched(rs, m)}'", m.entry.rewrite
    return word_hits(entry, ctx, "CF405", describe)


@rule("CF406", "quoted-dialect", severity="warning", kinds=ENTRIES,
      summary="Eye dialect inside a quotation (\"gonna git\", \"tomorra\", \"nuthin\"): the worker spelling out how "
              "someone sounds.",
      why="Quoting dialect is one of the stigmatising patterns found in records (Park et al. 2021): it mocks the "
          "person and adds nothing a reader needs. Quote in standard spelling, or paraphrase.",
      bad=_data("He said he was \"gonna git\" his check \"tomorra.\""),
      good=_data("He said he would pick up his cheque tomorrow. He said, \"I'm gonna be late.\""))
def quoted_dialect(entry, ctx):
    if _no_words_of("CF406", entry, ctx):
        return ()
    def describe(m, rs, sectioned):
        return f"eye dialect '{matched(rs, m)}' in a quotation", m.entry.rewrite
    return word_hits(entry, ctx, "CF406", describe)
