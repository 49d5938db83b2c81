"""CF2xx: the five Ws of a case note — who took part, what happened, where, when and why — read from the
front matter and the body. No-shows and cancellations need less: who and when, not what, where or why."""

from __future__ import annotations

import re

from casefile.lint import text as T
from casefile.lint.api import Hit, rule
from casefile.lint.wordlists import trie_pattern
from casefile.lint.rules._common import analysis, empty, field_hit, is_contact, span_hit, to_datetime
from casefile.model import FACT_SECTIONS, NOTE_SECTIONS

NOTE = ("note",)


def note(front: str = "", body: str = "## Data\nClient brought two completed rental applications.\n\n"
         "## Assessment\nWorker assessed the applications as complete.\n\n## Plan\nSubmit both by 2026-11-25.\n",
         drop: tuple[str, ...] = ()) -> str:
    fields = {
        "kind": "note", "client": "c-0001", "when": "2026-11-20T10:30", "type": "session", "format": "DAP",
        "who": "[client, worker asmith]", "where": "office", "why": "Review housing applications",
        "author": "asmith", "recorded": "2026-11-20T11:05", "status": "draft",
    }
    for line in front.strip().splitlines():
        k, _, v = line.partition(":")
        fields[k.strip()] = v.strip()
    lines = [f"{k}: {v}" for k, v in fields.items() if k not in drop]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


# --- who ---------------------------------------------------------------------------------------------

_ROLE_WORDS = (
    "mother", "father", "mom", "mum", "dad", "stepmother", "stepfather", "parent", "parents", "foster parent",
    "foster mother", "foster father", "foster carer", "caregiver", "guardian", "grandmother", "grandfather",
    "grandparent", "grandparents", "grandma", "grandpa", "aunt", "uncle", "cousin", "sister", "brother", "son",
    "daughter", "child", "children", "kids", "partner", "husband", "wife", "spouse", "boyfriend", "girlfriend",
    "fiance", "fiancé", "fiancee", "fiancée", "friend", "roommate", "neighbour", "neighbor", "interpreter",
    "translator", "landlord", "landlady", "property manager", "teacher", "principal", "probation officer",
    "parole officer", "po", "officer", "police officer", "lawyer", "attorney", "counsel", "legal aid", "advocate",
    "counsellor", "counselor", "therapist", "psychiatrist", "psychologist", "nurse", "doctor", "physician",
    "social worker", "support worker", "case manager", "caseworker", "job coach", "employment specialist",
    "employer", "supervisor", "manager", "elder", "pastor", "youth worker", "outreach worker", "housing worker",
)
_ROLE_RE = re.compile(r"(?<![\w-])(?:" + trie_pattern(sorted(set(_ROLE_WORDS) | {w + "s" for w in _ROLE_WORDS}))
                      + r")(?![\w-])")
_PRESENCE_VERB = re.compile(
    r"\b(?:(?:was|were) (?:also )?(?:present|in attendance|there|home|at home|in the (?:room|home|house|living room|kitchen))|"
    r"attended|joined|accompanied|participated|took part|sat in|stayed|remained|opened the door|answered the door|"
    r"let (?:the )?worker in|greeted|interpreted|translated|arrived|came (?:to|in|with)|met with (?:the )?worker)\b", re.I)
_WORKERISH = re.compile(r"\b(?:worker|case ?manager|caseworker|cm|officer|counsel+or|staff|coach|practitioner|"
                        r"writer|therapist|social worker|po|me|i)\b", re.I)
_WITH_BEFORE = re.compile(r"\b(?:with|and|by)\s+(?:her|his|their|the|a|an|client's|[A-Z][a-z]+'s)?\s*$", re.I)
_NOT_PRESENT = re.compile(r"\b(?:not|never|no longer|by phone earlier|last week|yesterday|earlier today|previously|"
                          r"in (?:a|an|her|his|their) (?:letter|e-?mail|text|message|voicemail))\b", re.I)
# The role's own verb, right after it ("mother attended", "his sister, Ms. Dale, was present", "her mother
# briefly joined"): a presence verb two words further on may be someone else's ("sister confirmed by phone that
# he stayed with her"). Speaking to the worker is taking part ("her partner told the worker"); "Mother said"
# alone is not (in child welfare the mother is often the client).
_PRESENCE_NEAR = re.compile(r"(?:\s*\([^)]*\))?(?:,[^,;]{1,40},)?(?:\s+and\s+(?:the\s+|her\s+|his\s+)?[\w'-]+)?"
                            r"\s+(?:also\s+|\w+ly\s+)?(?:(?:"
                            + _PRESENCE_VERB.pattern + r")|(?:told (?:the )?(?:worker|writer|me)|"
                            r"asked (?:the )?(?:worker|writer|me)|explained to (?:the )?(?:worker|writer|me))\b)", re.I)
# The client doing something in the contact, as the facts record it ("Client said ...", "Youth arrived ...").
_CLIENT_TOOK_PART = re.compile(r"(?:^|[.!?]\s+)(?:the\s+)?(?:client|youth|participant|resident)\b(?:\s+[\w'-]+){0,2}?"
                               r"\s+(?:said|stated|"
                               r"reported|told|asked|showed|attended|arrived|answered|opened|signed|brought|agreed)\b",
                               re.I)
_ONLY_WORKER = re.compile(r"^\s*(?:the\s+)?(?:worker|cm|case ?manager|caseworker|writer)\b.*$", re.I)
# Contacts that may not include the client: a call with a landlord, an e-mail exchange.
_WITHOUT_CLIENT_TYPES = {"collateral", "email", "admin", "administrative"}
_CLIENTISH = re.compile(r"^\s*(?:the\s+)?(?:client|clt|self|c-\d+|worker\b.*|cm\b.*|case manager\b.*|me|i)\s*$", re.I)


def _who_list(v) -> list[str]:
    if isinstance(v, str):
        return [v] if v.strip() else []
    if isinstance(v, list):
        return [str(x) for x in v if not empty(x)]
    return []


def _judge_who(who_value, author_value) -> tuple[bool, bool, bool]:
    """(lists anyone, lists the worker, lists no one but the client and the worker) for `who` and `author`."""
    who = _who_list(who_value)
    if not who:
        return False, False, False
    author = str(author_value or "").strip().lower()
    lists_worker = any(_WORKERISH.search(w) or (author and author in w.lower()) for w in who)
    return True, lists_worker, all(_CLIENTISH.match(w) for w in who)


# The same few `who` lists and authors recur in note after note (who: [client, worker asmith]), and the
# judgement is a pure function of their text: each pair is judged once. Only plain strings are keys (so no
# 1 == True or a list with the same items can stand for another value).
_WHO_JUDGED: dict[tuple, tuple[bool, bool, bool]] = {}
_WHO_JUDGED_LIMIT = 10_000  # (cleared when full)


def _who_judgement(who_value, author_value) -> tuple[bool, bool, bool]:
    if type(who_value) is list:
        items = tuple(who_value)
    elif type(who_value) is str:
        items = (who_value,)  # judged as the list of that one text, as _who_list reads it
    else:
        return _judge_who(who_value, author_value)
    if (author_value is not None and type(author_value) is not str) or not all(type(x) is str for x in items):
        return _judge_who(who_value, author_value)
    key = (items, author_value)
    got = _WHO_JUDGED.get(key)
    if got is None:
        got = _judge_who(who_value, author_value)
        if len(_WHO_JUDGED) >= _WHO_JUDGED_LIMIT:
            _WHO_JUDGED.clear()
        _WHO_JUDGED[key] = got
    return got


@rule("CF201", "missing-who", severity="error", kinds=NOTE,
      summary="A note does not say who took part: `who` is missing or empty, lists only the client and worker "
              "while the body says someone else was there, or lists only the worker while the facts say the client "
              "spoke or acted.",
      why="Who was present is a required element of every contact record (agency checklists; courts ask first).",
      bad=note(body="## Data\nClient and her mother attended. Mother said the rent is paid.\n\n## Assessment\nWorker assessed the plan as on track.\n\n## Plan\nReview on 2026-11-27.\n"),
      good=note(front="who: [client, mother (Ann), worker asmith]",
                body="## Data\nClient and her mother attended. Mother said the rent is paid.\n\n## Assessment\nWorker assessed the plan as on track.\n\n## Plan\nReview on 2026-11-27.\n"))
def missing_who(entry, ctx):
    meta = entry.meta
    if "who" not in meta:
        yield Hit(entry.field_line("who"), 1, "the note does not say who took part (no `who`)",
                  "add `who: [client, worker <id>, ...]` with each person's role or relation")
        return
    lists_anyone, lists_worker, only_client = _who_judgement(meta.get("who"), meta.get("author"))
    if not lists_anyone:
        yield field_hit(entry, "who", "`who` is empty: say who took part", "list each person with their role or relation")
        return
    if not lists_worker:
        author = str(meta.get("author") or "").strip().lower()
        yield field_hit(entry, "who", "`who` does not list the worker who made the contact",
                        f"add `worker {author or '<id>'}` to `who`")
    if not is_contact(entry) or not only_client:
        return
    who = meta.get("who")
    who = [who] if isinstance(who, str) else who
    if (isinstance(who, list) and who and all(isinstance(w, str) and _ONLY_WORKER.match(w) for w in who)
            and meta.get("type") not in _WITHOUT_CLIENT_TYPES):
        for rs in analysis(entry, ctx).scans:
            if rs.region.kind == T.FACTS and _CLIENT_TOOK_PART.search(rs.region.text):
                yield field_hit(entry, "who", "`who` lists only the worker, but the note says the client took part",
                                "add `client` to `who` (and anyone else who was there)")
                break
    for rs in analysis(entry, ctx).scans:
        if rs.region.kind != T.FACTS:
            continue
        for m in _ROLE_RE.finditer(rs.low):
            if not T.inside(rs.quotes, m.start()) and _took_part(rs, m.start(), m.end()):
                what = m.group(0).lower()
                yield field_hit(entry, "who", f"`who` lists only the client, but the note says a {what} took part",
                                f"add the {what} to `who`, with their name or role")
                return


_PRESENT_BEFORE = re.compile(r"\b(?:also present|present|in attendance)(?: were| was)?:?\s*(?:the |her |his |their |a |an )?$",
                             re.I)


_THROUGH_BEFORE = re.compile(r"\b(?:speaking|spoke|talking|talked) through (?:the |an |a )?(?:[\w-]+ ){0,2}$", re.I)
# (not "who came with her to Canada in 2019", "to the last appointment")
_WHO_CAME = re.compile(r",\s*who\s+(?:also\s+)?(?:came|attended|joined|accompanied|was (?:also )?present|sat in)\b"
                       r"(?![^,;]*\b(?:in \d{4}|last|previous|earlier|before|to (?:canada|australia|new zealand|the uk|the us)))"
                       r"[^,;]{0,40},", re.I)
# "Client said she speaks through an interpreter at her GP appointments": her account of other times
_SAID_BEFORE = re.compile(r"\b(?:said|says|reported|told)\b", re.I)


def _took_part(rs, start: int, end: int) -> bool:
    """Does the text around the role word at start:end say that person was there?"""
    text = rs.region.text
    # Each test below looks only within the word's sentence. Tried first on the same windows not cut at the
    # sentence, none can fail where the cut one passes (the patterns hold no text that crosses a sentence's
    # edge: it starts after a break or white space and ends on a mark or a break, never inside a word), so
    # when all three fail here the sentence need not be found (splitting a region is the costly part).
    after60, before50 = text[end:end + 60], text[max(0, start - 50):start]
    if not (_PRESENCE_NEAR.match(after60) or _WITH_BEFORE.search(before50) or _PRESENT_BEFORE.search(before50)
            or _THROUGH_BEFORE.search(before50) or _WHO_CAME.match(after60)):
        return False
    ss, se = T.sentence_at(rs.sents, start)
    before, after = text[max(ss, start - 50):start], text[end:min(se, end + 60)]
    if ((_THROUGH_BEFORE.search(before) or _WHO_CAME.match(after)) and not _NOT_PRESENT.search(after[:60])
            and not _SAID_BEFORE.search(text[ss:start])):
        return True  # "speaking through the Dari interpreter", "her husband, who came with her, said"
    if _PRESENCE_NEAR.match(after) and not _NOT_PRESENT.search(after[:45]):
        return True
    if _WITH_BEFORE.search(before) and _PRESENCE_VERB.search(text[ss:se]):
        return True
    return _PRESENT_BEFORE.search(before) is not None


# --- what --------------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"^\s*(?:tbd|tba|todo|n/?a|none|nil|-+|\.+|see above|see below|as above|same as (?:last|previous)(?: \w+)?|"
                          r"see (?:the )?(?:previous|last|prior|earlier) (?:note|entry|session|visit)s?|as before|as per (?:the )?"
                          r"(?:previous|last|prior) (?:note|visit|session)|(?:the )?usual support(?: (?:was )?(?:provided|given))?|"
                          r"support (?:was )?(?:provided|given)|no changes?|nothing new|"
                          r"x+|\?+|no notes?|nothing to report|ntr|routine|as usual|usual|"
                          # only that the contact happened: "Met with client.", "Session held."
                          r"(?:met|spoke|talked|visited|saw|checked in)(?: with| to)? (?:the )?(?:client|family|youth)"
                          r"(?: (?:today|as scheduled|as planned|in (?:the )?office))?|"
                          r"(?:client|youth|family) (?:was )?(?:seen|attended|met)(?: (?:today|as scheduled|as planned))?|"
                          r"session (?:held|completed|took place|went well)(?: as (?:scheduled|planned))?)\s*[.!]?\s*$", re.I)
_OPINION_ONLY = {"CF301", "CF302", "CF304"}
_WORD = re.compile(r"\w")


def _blank(text: str) -> bool:
    """`not text.strip()`, without copying the text (strip and isspace know the same white space)."""
    return not text or text.isspace()


_TOPIC = (r"(?:the |her |his |their |client's |youth's )?(?:goals?|case plan|plans?|progress|services|concerns|issues|things|"
          r"situation|updates?|next steps|school|work|housing|home|family|other (?:issues|things|matters|concerns)|"
          r"(?:general|overall|current|recent|her|his|their) (?:progress|goals?|issues|concerns|situation|wellbeing|"
          r"well-being)|"
          r"(?:various|several|some|a few|many|different) (?:things|issues|topics|matters|concerns)"
          r"(?: going on)?(?: at (?:home|school|work))?|things going on(?: at (?:home|school|work))?)")
# A sentence that records only that a contact took place, with no fact of it.
_GENERIC_SENTENCE = re.compile(
    r"^\s*(?:-\s*)?(?:"
    r"(?:the |this )?(?:visit|home visit|session|meeting|appointment|call|contact|check-in|group|group session)(?: was)? "
    r"(?:completed|held|conducted|done|took place|occurred)(?: as (?:scheduled|planned))?"
    r"|(?:worker )?met with (?:the )?(?:client|youth|family|parents?|participant)(?: as (?:scheduled|planned))?"
    r"|(?:worker and client |worker |we )?(?:discussed|reviewed|went over|talked about|covered) " + _TOPIC +
    r"(?:(?:,| and|, and) " + _TOPIC + r")*(?: with (?:the )?client)?"
    r"|" + _TOPIC + r" (?:was |were )?(?:reviewed|discussed)(?: with (?:the )?client)?"
    r"|(?:client )?(?:was )?seen(?: as (?:scheduled|planned))?"
    r"|(?:the )?(?:client|youth|participant) (?:attended|was present)(?: (?:the )?(?:group|session|meeting))?"
    r"|checked in(?: with (?:the )?client)?"
    r")\s*[.;]?\s*$", re.I)
# Its opening alone, tried at the start of a region's text. A region's first sentence starts after nothing but
# white space, and the pattern has no anchor or look-around past `^\s*`, so a first sentence that matches
# _GENERIC_SENTENCE makes this match the region's text: when it does not, not every sentence is generic,
# and the sentences need not be split to know it.
_GENERIC_START = re.compile(_GENERIC_SENTENCE.pattern[:-len(r")\s*[.;]?\s*$")] + ")", re.I)

# A sentence that only says what the worker will do next ("Will follow up next week.", "Worker to send the
# list."): in the facts section it records nothing of the contact. Only the worker's own next steps: what the
# client plans or needs ("Client plans to move on 1 December") is something the client said or showed.
# Not when the sentence also says something that happened or is so (_HAPPENED): a past tense, a form of
# be or have, a second clause after a semicolon, a quotation.
_NEXT_STEP_VERBS = (r"follow|call|phone|text|email|e-mail|send|check|contact|meet|see|review|visit|refer|complete|"
                    r"discuss|arrange|schedule|book|update|continue|provide|submit|help|ask|look|reach|touch|"
                    r"connect|confirm|request|explore|assist|support|monitor|liaise|consult|obtain|write|draft|"
                    r"prepare|share|give|drop|pick|bring|attend|accompany|apply|register|enrol|enroll")
_PLAN_SENTENCE = re.compile(
    r"^\s*(?:-\s*)?(?:"
    r"(?:(?:the |this )?(?:worker|writer|case manager|cm|we|i)\s+)?(?:will|shall|to|is to|needs? to|plans? to|"
    r"is going to|intends? to)\s+(?:" + _NEXT_STEP_VERBS + r")\b"
    r"|(?:next (?:session|appointment|meeting|visit|contact|review|check-in)|follow(?:-| )up)\b)", re.I)
_HAPPENED = re.compile(
    r"\b(?:said|says|stated|states|reported|reports|told|asked|showed|brought|gave|was|were|is|are|am|had|has|"
    r"have|did|does|lost|sold|took|went|came|got|left|made|paid|saw|ran|sent|met|spoke|found|kept|began|"
    r"bought|heard|felt|knew|thought|wrote|read|agreed)\b|\b\w{2,}(?<!e)ed\b|[;\"“”]", re.I)


def _plans_only(facts) -> bool:
    """Whether every sentence of the facts only plans what will happen (or only says the contact happened),
    at least one of them a plan."""
    plan = False
    for rs in facts:
        text = rs.region.text
        for s, e in rs.sents:
            sentence = text[s:e]
            if not sentence.strip():
                continue
            if _PLAN_SENTENCE.match(sentence) and not _HAPPENED.search(sentence):
                plan = True
            elif not _GENERIC_SENTENCE.match(sentence):
                return False
    return plan


@rule("CF202", "missing-what", severity="error", kinds=NOTE,
      summary="A note does not record what happened: no facts section (Data/Subjective/Objective/Behavior), an "
              "empty or placeholder one, one whose every sentence is opinion, one that only says the contact "
              "happened, or one that only plans what comes next.",
      why="The facts of the contact — what was said, seen and done — are the record; the rest interprets them.",
      bad=note(body="## Data\nClient seems unmotivated and probably is not looking for work.\n\n## Assessment\nWorker assessed little progress.\n\n## Plan\nReview on 2026-11-27.\n"),
      good=note(body="## Data\nClient said she applied for two jobs at the mall on Monday and brought the receipts.\n\n## Assessment\nWorker assessed steady progress.\n\n## Plan\nReview on 2026-11-27.\n"))
def missing_what(entry, ctx):
    if not is_contact(entry):
        return
    an = analysis(entry, ctx)
    fmt = T.note_format(entry, getattr(ctx, "config", None))
    facts = [rs for rs in an.scans if rs.region.kind == T.FACTS]
    wanted = FACT_SECTIONS.get(fmt, ())
    body = entry.body
    if _blank(body):
        yield Hit(entry.body_line if entry.body_line > 0 else 1, 1, "the note has no body: record what happened",
                  f"add a {wanted[0] if wanted else 'Data'} section with what was said, seen and done")
        return
    if fmt in NOTE_SECTIONS and NOTE_SECTIONS[fmt] and an.sectioned and not facts:
        yield Hit(entry.body_line, 1, f"no {' or '.join(wanted)} section: the facts of the contact are missing",
                  f"add `## {wanted[0]}` with what was said, seen and done")
        return
    for rs in facts:
        if rs.region.name and (not rs.region.text.strip() or _PLACEHOLDER.match(rs.region.text)):
            yield Hit(rs.region.first_line - 1, 1, f"the {rs.region.name} section is empty or a placeholder",
                      "record what was said, seen and done")
            return
    # every sentence of the facts only says that the contact happened ("Met with client. Discussed goals.")
    # (split into sentences only when every facts region opens like such a sentence: see _GENERIC_START)
    if all(_GENERIC_START.match(rs.region.text) or _blank(rs.region.text) for rs in facts):
        generic = [rs.region.text[s:e] for rs in facts for s, e in rs.sents if rs.region.text[s:e].strip()]
    else:
        generic = []
    if generic and all(_GENERIC_SENTENCE.match(t) for t in generic):
        rs = facts[0]
        yield Hit(rs.region.first_line, 1,
                  f"the {rs.region.name or 'note'} says only that the contact happened: what was said, seen or done?",
                  "record what the client said (quote them), what you saw, and what was done or decided")
        return
    # every sentence of the facts is a plan for later ("Will follow up next week. Worker to send the list.")
    # (split into sentences only when every facts region opens like a plan or a generic sentence)
    if facts and all(_PLAN_SENTENCE.match(rs.region.text) or _GENERIC_START.match(rs.region.text)
                     or _blank(rs.region.text) for rs in facts) and _plans_only(facts):
        rs = facts[0]
        yield Hit(rs.region.first_line, 1,
                  f"the {rs.region.name or 'note'} holds only plans for later: what was said, seen or done?",
                  "record what happened in the contact; put next steps in the Plan")
        return
    # every sentence of the facts is opinion (a hedge, a label, an inferred state), with no quotation
    for rs in facts:
        # a facts region with words and no opinion at all has a sentence that is not opinion: the loop below
        # would stop there (or earlier), so the sentences need not be split
        if not any(m.entry.rule in _OPINION_ONLY for m in rs.matches) and _WORD.search(rs.region.text):
            return
    sents = []
    for rs in facts:
        for s, e in rs.sents:
            if rs.region.text[s:e].strip() and _WORD.search(rs.region.text, s, e):
                sents.append((rs, s, e))
    if not sents:
        return
    for rs, s, e in sents:
        if any(T.inside([(s, e)], qs, qe) for qs, qe in rs.quotes):
            return
        if not any(m.entry.rule in _OPINION_ONLY and s <= m.start < e for m in rs.matches):
            return
    rs = facts[0]
    yield Hit(rs.region.first_line, 1,
              f"the {rs.region.name or 'note'} holds opinion only, no facts: what was said, seen or done?",
              "add what you observed and what the client said (quote them); move the opinion to Assessment")


# --- where -------------------------------------------------------------------------------------------

_IMPLIED_WHERE = {"phone": "phone", "email": "email", "video": "video", "home-visit": "home"}
_BODY_PLACE = re.compile(
    r"\b(?:at|in|to|from|outside) (?:the |her |his |their |client's |a |an |our )?(?:[A-Z][\w'-]* ){0,3}(?:office|home|house|"
    r"apartment|flat|unit|residence|shelter|court(?:house|room)?|library|school|clinic|hospital|cafe|café|"
    r"coffee shop|restaurant|park|centre|center|jail|prison|detention|motel|hotel|car|lobby|reception|"
    r"waiting room|meeting room|boardroom|interview room|room \w+|drop-in|agency|branch|site|food bank|church)\b"
    r"|\b(?:by|over the|on the) (?:phone|telephone|video|zoom|teams|text|email)\b"
    r"|\b(?:met|meeting|visit(?:ed)?|seen) (?:at|in) [A-Z]\w+", re.I)
_VAGUE_WHERE = re.compile(r"^\s*(?:community|out|outside|offsite|off-site|off site|field|the field|in the field|"
                          r"in person|in-person|elsewhere|other|various|misc|n/?a|tbd|-)\s*$", re.I)


@rule("CF203", "missing-where", severity="warning", kinds=NOTE,
      summary="An in-person note does not say where the contact took place, in `where` or in the body; or any "
              "contact but an e-mail leaves `where` blank with no place in the body.",
      why="Where (office, home, court, a named place) or how (phone, video) is a required element of a contact record.",
      bad=note(drop=("where",)),
      good=note())
def missing_where(entry, ctx):
    if not is_contact(entry):
        return
    where = entry.meta.get("where")
    if ("where" in entry.meta and empty(where) and entry.meta.get("type") != "email"
            and not _BODY_PLACE.search(entry.body or "")):
        # the field is there and left blank: the template's place was never filled in (a home visit too:
        # whose home, at which address? a call: phone or video? An e-mail has no place.)
        yield field_hit(entry, "where", "`where` is empty: name the place", "office, the client's home and its "
                        "address, a named place, or phone / video")
        return
    if isinstance(where, str) and where.strip():
        if _VAGUE_WHERE.match(where):
            yield field_hit(entry, "where", f"`where` is '{where.strip()}': name the place",
                            "office, the client's home, a named place (\"Tim Hortons, Main St\")")
        return
    if not empty(where) and not isinstance(where, str):
        return
    if entry.meta.get("type") in _IMPLIED_WHERE:
        return
    if _BODY_PLACE.search(entry.body or ""):
        return
    yield Hit(entry.field_line("where"), 1, "the note does not say where the contact took place",
              "add `where:` (office, home, phone, video, or a named place)")


# --- when --------------------------------------------------------------------------------------------

@rule("CF204", "missing-when", severity="error", kinds=NOTE,
      summary="A note has no `when`, or its `when` is in the future.",
      why="The date and time of the contact is the first element of a contact record; a future one is a typo "
          "or a note written before the contact happened.",
      bad=note(front="when: 2027-01-15T10:30"),
      good=note())
def missing_when(entry, ctx):
    value = entry.meta.get("when")
    if value is None or empty(value):  # (a missing `when` reads as None, which empty() calls empty)
        yield Hit(entry.field_line("when"), 1, "the note does not say when the contact took place (no `when`)",
                  "add `when: YYYY-MM-DDTHH:MM`")
        return
    when = to_datetime(value)
    if when is None:
        return  # CF105 reports a date that cannot be read
    now = ctx.now  # (asked once: in a lint run it is the engine's tracked clock, each look costs)
    if now.tzinfo:
        now = now.replace(tzinfo=None)
    if when > now:
        yield field_hit(entry, "when", f"`when` is in the future ({when:%Y-%m-%d %H:%M})",
                        "a note records a contact that happened; check the date")


# --- why ---------------------------------------------------------------------------------------------

_PURPOSE = re.compile(
    r"\b(?:purpose|reason for (?:the )?(?:contact|visit|call|meeting|session|appointment)|in order to|"
    r"scheduled (?:to|for)|(?:met|called|visited|phoned|emailed|contacted) (?:with )?(?:the )?(?:client |her |him |them )?"
    r"(?:to|for|about|regarding|re)\b|requested (?:the|a) (?:meeting|call|visit))", re.I)
_VAGUE_WHY = re.compile(r"^\s*(?:check[- ]?in|checking in|follow[- ]?up|f/u|catch[- ]?up|meeting|session|visit|"
                        r"contact|appointment|appt|routine|routine (?:visit|contact|check[- ]?in)|regular (?:visit|meeting|check[- ]?in)|"
                        r"weekly|monthly|general|update|misc|other|n/?a|tbd|see notes?|as planned|scheduled)\s*\.?\s*$", re.I)


@rule("CF205", "missing-why", severity="warning", kinds=NOTE,
      summary="A note does not say why the contact took place, or gives only 'check-in' or 'follow-up'.",
      why="The purpose ties the contact to the plan and lets a reader judge what was done against what was meant.",
      bad=note(front="why: check-in"),
      good=note())
def missing_why(entry, ctx):
    if not is_contact(entry):
        return
    why = entry.meta.get("why")
    if isinstance(why, str) and why.strip():
        if _VAGUE_WHY.match(why):
            yield field_hit(entry, "why", f"`why` is only '{why.strip()}': say what the contact was for",
                            "for example \"Review the two rental applications (g01)\"")
        return
    m = _PURPOSE.search(entry.body or "")
    if m:
        return
    yield Hit(entry.field_line("why"), 1, "the note does not say why the contact took place",
              "add `why:` with the purpose of the contact")
