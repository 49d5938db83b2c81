"""CF5xx: goals. A goal is SMART when each letter is met by a valid field (specific, measure, achievable,
addresses, due) or by the goal sentence itself (title, specific, or the body's opening paragraph):
"Ms. Jones will attend a 12-week parenting class weekly and complete it by March 31" meets S, M and T on
its own. Vague verbs (improve, work on, understand), no number or frequency, no date or duration and no
actor are reported per letter; negative goals fail the dead-man test; short- and long-term goals are checked
against the caseload's horizons."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from casefile.dates import parse_duration
from casefile.errors import InvalidValue
from casefile.lint.api import Hit, rule
from casefile.lint.rules._common import empty, field_hit, span_hit, to_date, wordlists
from casefile.lint import text as T

GOAL = ("goal",)
_STATEMENT_SECTIONS = {"goal", "statement", "goal statement", "objective", "specific", "description", "smart goal"}


def goal(title: str = "Client will sign a lease for a one-bedroom unit in Halifax under $1,100 a month by 2027-04-30",
         extra: str = "", body: str = "", term: str = "long", due: str | None = "2027-04-30",
         start: str = "2026-11-02") -> str:
    lines = ["kind: goal", "id: g01", "client: c-0001", f"title: \"{title}\"", f"term: {term}", f"start: {start}"]
    if due:
        lines.append(f"due: {due}")
    lines.append("status: active")
    if extra:
        lines.extend(extra.strip().splitlines())
    return "---\n" + "\n".join(lines) + "\n---\n" + body


@dataclass
class Piece:
    """One text of the goal with where it is in the file."""

    source: str  # "title", "specific" or "body"
    text: str
    region: T.Region | None = None  # body text
    line: int = 1
    column: int = 1
    one_line: bool = True
    # (word lists, their vague-verb matches in the text): CF501 and CF502 ask for them several times
    vague_matches: tuple | None = field(default=None, repr=False, compare=False)

    def hit(self, start: int, end: int, message: str, suggestion: str | None = None,
            severity: str | None = None) -> Hit:
        if self.region is not None:
            return span_hit(self.region, start, end, message, suggestion, severity=severity)
        if self.one_line:
            return Hit(self.line, self.column + start, message, suggestion, self.line, self.column + end,
                       severity)
        return Hit(self.line, self.column, message, suggestion, severity=severity)


def _field_piece(entry, key: str) -> Piece | None:
    v = entry.meta.get(key)
    if not isinstance(v, str) or not v.strip():
        return None
    pair = entry.key_node(key)
    if pair is None:
        return Piece(key, v)
    node = pair[1]
    line, col, eline, _ = entry.node_position(node)
    style = getattr(node, "style", None)
    one = line == eline and style in (None, '"', "'") and "\\" not in entry.text.split("\n")[line - 1]
    return Piece(key, v, None, line, col + (1 if style in ('"', "'") else 0), one)


def _body_piece(entry) -> Piece | None:
    body = entry.body
    if not body.strip():
        return None
    secs = T.sections(entry)
    if not secs:
        return Piece("body", body, T.Region(T.OTHER, "", entry.body_line, body))
    lead_n = secs[0].line - entry.body_line
    lead = "\n".join(body.split("\n")[:lead_n])
    if lead.strip():
        return Piece("body", lead, T.Region(T.OTHER, "", entry.body_line, lead))
    for s in secs:
        if s.name.strip().lower().rstrip(":") in _STATEMENT_SECTIONS and s.text.strip():
            return Piece("body", s.text, T.Region(T.OTHER, s.name, s.first_line, s.text))
    return None


def pieces(entry) -> list[Piece]:
    """The goal's texts: made once per entry and kept on it (with its meta: an entry whose fields were replaced
    is read again), as each of the eight CF5xx rules reads them. The list is not to be changed by a caller."""
    kept = getattr(entry, _PIECES_ATTR, None)
    if kept is not None and kept[0] is entry.meta:
        return kept[1]
    got = [p for p in (_field_piece(entry, "title"), _field_piece(entry, "specific"), _body_piece(entry)) if p]
    try:
        setattr(entry, _PIECES_ATTR, (entry.meta, got))
    except AttributeError:  # pragma: no cover - an entry that cannot hold it: made again next time
        pass
    return got


_PIECES_ATTR = "_fm_goal_pieces"


_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"hundred|thousand|once|twice|half|dozen|single|daily|weekly|monthly|fortnightly|biweekly|bi-weekly|"
    r"every|each|per|times)\b", re.I)
_END_STATE = re.compile(
    r"\b(?:sign|signs|signed|obtain|obtains|complete|completes|submit|submits|enrol|enrols|enroll|enrolls|register|"
    r"registers|file|files|pass|passes|receive|receives|secure|secures|open|opens|graduate|graduates|finish|finishes|"
    # bringing papers is one event; "bring his drinking under control" is not
    r"brings? (?:her|his|their|my|the|a|an|all|both) (?:[\w-]+ ){0,3}?(?:certificates?|id|identification|documents?|"
    r"papers|forms?|letters?|lease|pay ?stubs?|payslips?|receipts?|statements?|passport|cards?|licen[cs]e|proof|"
    r"lists?|records?|reports?|applications?|notices?|bills?)\b|"
    # a thing held or an event had: "have a bank account", "have her Home Care Package assessment"
    r"have (?:a|an|her|his|their|my) (?:[\w-]+ ){0,3}?(?:account|card|id|licen[cs]e|lease|passport|job|bed|place|"
    r"phone|address|doctor|gp|assessment|appointment|review|interview|hearing|operation|surgery)\b|"
    # one application is an end state; "apply for jobs" with no count is an activity, not one
    r"appl(?:y|ies) for (?!(?:[\w-]+ ){0,2}?(?:jobs|positions|roles|vacancies|openings|apartments|units|rentals|places|"
    r"shifts|programs|programmes|courses)\b)|move into|moves into|move to|start|starts|begin|begins|earn|earns|book|books|renew|renews|"
    r"return to|returns to|get (?:a|an|her|his|their|my) (?:[\w'-]+ ){0,2}?(?:licen[cs]e|id|card|lease|"
    r"diploma|certificate|ged|passport|account)|repair|repairs|fix|fixes|repaint|repaints|paint|paints|install|installs|have (?:a|her|his|their|my) (?:signed|valid)|"
    r"be (?:enrolled|registered|employed|housed|completed|submitted|signed|filed|installed|repaired|fixed)|"
    r"have (?:a|an|the|her|his|their|my) (?:[\w-]+ ){0,3}?(?:installed|fixed|repaired|replaced|signed|completed|renewed)|reunif\w+|return home|be returned|take (?:the |her |his |their |my )?"
    r"(?:\w+ )?(?:children|child|kids|son|daughter|baby) to|set up|create|write|prepare|update|buy|replace|arrange|"
    r"referral (?:to [^.]{0,50}? )?(?:made|sent|completed|submitted|done)|"
    r"fill (?:in|out) (?:the|my|her|his|their|a|an) |lodges? (?:the|my|her|his|their|a|an) |"
    r"make (?:an?|the) appointment|(?:see|talk to|speak to|speak with) (?:a|her|his|their|the|my) (?:doctor|dentist|"
    r"lawyer|physician|nurse|counsell?or|gp|psychiatrist|probation officer|parole officer|landlord)|"
    # one scheduled event: it happens or it does not
    r"attend (?:the|her|his|their|my|a|an) (?:[\w-]+ ){0,3}(?:hearing|appointment|meeting|interview|intake|assessment|"
    r"orientation|court date|trial|conference|review|graduation)|"
    r"get (?:my|her|his|their|the) (?:[\w'-]+ )?(?:kids|children|child|son|daughter|licen[cs]e|job|apartment|deposit) back)\b", re.I)
# "Job applications will be submitted": things with no count, not one thing done
_BARE_PLURAL_SUBJECT = re.compile(r"^\s*(?:[A-Za-z-]+\s+)?(?:applications|referrals|calls|letters|forms|checks|follow-ups|"
                                  r"appointments|visits|contacts|emails|e-mails)\s+(?:will|shall|must|to)\s+be\b", re.I)
_COMPARATIVE = re.compile(r"(?<!\bno )(?<!\bany )\b(?:more|fewer|less)\b(?! than\b| often than\b)", re.I)
_COUNT = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
                    r"forty|fifty|hundred|thousand|once|twice|half|dozen|single)\b", re.I)
# An absence or a constant (never, always, no more, stop) implies its own count: zero, or every time.
_IMPLIED_COUNT = re.compile(r"\b(?:always|never|all|any|no|no more|no longer|stop|stops|quit|avoid|not|zero|sober|abstinent|"
                            r"refrain|refrains|abstain|abstains)\b"
                            r"|n't\b", re.I)
# vague-verb entries that leave a goal unspecific but not unmeasurable: a wish (want to, eventually) or a
# generic outcome (obtain employment) still has an end state someone can check
_SPECIFIC_ONLY = {"want to", "obtain employment"}
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_TIME = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b" + _MONTH + r"\.? \d{1,2}\b|\b\d{1,2} " + _MONTH +
    r"\b|\b(?:by|before|until|till|in|during|end of|within) " + _MONTH + r"\b"
    r"|\b(?:within|in|for|over|after|by|next|the next) (?:the )?(?:next |first |coming )?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|\w+ )?\s*"
    r"(?:days?|weeks?|months?|years?|semesters?|terms?|quarters?)\b"
    # a frequency alone ("3 times per week", "each month") is not an end; a counted series is ("the next 4
    # weekly appointments", "5 of the 6 weekly classes")
    r"|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:weekly|monthly|daily|fortnightly|biweekly|bi-weekly)\b"
    # an end named without a date: "until the end of the school year", "for the rest of her probation order",
    # "until the balance is cleared"
    r"|\b(?:until|till|through|throughout) (?:the )?(?:end|rest|remainder|balance|completion|close)\b"
    r"|\bfor the (?:rest|remainder|duration|length) of\b"
    r"|\b\d+[- ](?:day|week|month|year)s?\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[- ](?:day|week|month|year)s?\b"
    r"|\bby (?:the )?(?:end|start|beginning|middle) of\b|\bby (?:next|this) (?:week|month|year|spring|summer|fall|autumn|winter)\b"
    r"|\b(?:this|next) (?:week|month|year|semester|term)\b|\bby (?:her|his|their|the) (?:next|court|review|hearing|discharge|release)\b"
    r"|\bby (?:the )?(?:spring|summer|fall|autumn|winter|holidays|new year|school year|end of (?:term|semester|school))\b"
    r"|\b(?:weekly|daily|monthly) (?:for|until)\b|\b(?:spring|summer|fall|autumn|winter) (?:20)?\d{2}\b|\b20\d{2}\b", re.I)
# A passive with no one to do it: "The children will be enrolled in school", "The application will be completed
# by 2026-12-01" ("by" and a date or a time is not the agent; "by the worker" is). States a person can be in
# (able, employed, housed, sober) are not passives.
_PASSIVE = re.compile(r"\b(?:will|shall|must|should|is to|are to|to) be (?:\w+ly )?(?!able\b|employed\b|housed\b|"
                      r"sober\b|abstinent\b|in\b|on\b|at\b|ready\b)(\w+(?:ed|en|wn|id|ught|ept|ound|ade|old|one|ot|ung))\b"
                      r"(?! by\b(?! (?:\d|the (?:end|start|beginning|middle)\b|end\b|next\b|this\b|" + _MONTH + r"\b)))", re.I)
# A person as the subject of "... will be enrolled / registered" ("Client will be enrolled", "Ms. Jones will be
# registered"): the goal is about that person. Not "The children will be ...", "Client's son will be ...".
_PERSON_SUBJECT = re.compile(r"\s*(?:I|We|He|She|They|[Cc]lient|[Yy]outh|(?:Mr|Ms|Mrs|Mx|Dr)\.? [A-Z][\w-]*|"
                             r"[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:, (?:who|whose) [^,]+,)? (?:will|shall|is to|must) be\b")
# what happens to the person the goal is about ("Client will be hired as a cook"), not to someone unnamed
_PERSON_PASSIVES = ("enrolled", "registered", "hired", "accepted", "admitted")
# Someone who will do it: "X will/shall/must/is to ...", "I'll", "agrees to", or a pronoun subject.
_ACTOR = re.compile(r"\b(?:will|shall|must|is to|are to|am to|is going to|are going to|am going to|agrees? to|"
                    r"plans? to|commits? to|wants? to|would like to|hopes? to|intends? to)\b|\w'll\b"
                    r"|^\s*(?:i|we|he|she|they|client|youth|mother|father|parent|parents)\b"
                    # a structured goal: "Who: Ahmed. What: ..."
                    r"|\bwho:\s*\w", re.I)
# "whenever I think about ...": the situation a goal answers, not its action
_TRIGGER_BEFORE = re.compile(r"\b(?:whenever|when|if|each time|every time)\s+(?:i|she|he|they|client)\s+$", re.I)
_LEARN_TO_DO = re.compile(r"\s+(?:to\s+\w+\s+(?:at least\s+|up to\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
                          r"\b(?!\s+days?\s+at\s+a\s+time)|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                          r"(?:new\s+)?(?:songs|meals|recipes|dishes|words|phrases|pieces|chords|routes|skills|stitches)\b)",
                          re.I)
# "by riding ...", "by attending ...": within a few words after a vague verb, what the person will do
_BY_DOING = re.compile(r"(?:\s+[\w'-]+){0,8}?\s+by\s+\w+ing\b", re.I)
_IMPROVE = {"improve", "improves", "improving", "improvement", "enhance", "strengthen", "better manage"}


# "starting in January", "beginning 2026-12-01": when the goal starts, not when it is to be met
_START = re.compile(r"\b(?:starting|beginning|commencing|as of|effective)(?: (?:in|on|from|the week of|next))? "
                    r"[\w-]+(?: \d{1,2}(?:st|nd|rd|th)?)?(?:,? \d{4})?", re.I)


def _vague(wl, p: Piece) -> list:
    """The vague-verb matches in a piece's text (kept on the piece for these word lists; callers only read it)."""
    kept = p.vague_matches
    if kept is not None and kept[0] is wl:
        return kept[1]
    got = [m for m in wl.scan(p.text, {"vague-verb"})]
    p.vague_matches = (wl, got)
    return got


_DATES_ONLY = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b" + _MONTH + r"\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)? (?:of )?" + _MONTH + r"(?:,? \d{4})?\b|\b(?:19|20)\d{2}\b"
    r"|\b(?:within|in|by|after|over|over the next|the next|next) (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve) (?:days?|weeks?|months?|years?)\b", re.I)


def _has_number(text: str) -> bool:
    """A count, frequency or amount, not counting the digits of a date or a deadline."""
    return bool(_NUMBER.search(_DATES_ONLY.sub(" ", text)))


def _valid_specific(wl, entry) -> bool:
    p = _field_piece(entry, "specific")
    if p is None or len(p.text.split()) < 4:
        return False
    return not [m for m in _vague(wl, p) if not (m.entry.term == "improve" and _has_number(p.text))]


def _statement(entry) -> str:
    return " \n".join(p.text for p in pieces(entry))


@rule("CF501", "goal-not-specific", severity="warning", kinds=GOAL,
      summary="A goal that does not say who will do what: a vague verb (improve, work on, understand, be more), "
              "a state instead of a behaviour, no actor, or too few words to tell.",
      why="Specific (with Doran's 'assignable'): who will do what, where. A stranger reading the goal should be "
          "able to tell when it is happening; 'improve housing' names nothing anyone could see.",
      bad=goal(title="Improve housing situation", due="2027-04-30"),
      good=goal())
def goal_not_specific(entry, ctx):
    wl = wordlists(ctx)
    if _valid_specific(wl, entry):
        return
    ps = pieces(entry)
    if not ps:
        return  # CF101 reports the missing title
    statement = _statement(entry)
    for p in ps:
        purpose = _PURPOSE.search(p.text)
        for m in _vague(wl, p):
            if purpose and purpose.start() <= m.start < purpose.end() and " will " not in p.text[purpose.start():m.start]:
                continue  # the goal's purpose ("To address his risk of eviction, ..."), not what it will do
            if _TRIGGER_BEFORE.search(p.text, max(0, m.start - 30), m.start):
                continue  # the situation the goal answers: "... whenever I think about hurting myself"
            if m.entry.term == "understand" and _LEARN_TO_DO.match(p.text, m.end):
                continue  # "learn to cook 3 new meals": a skill shown by doing it, counted
            if _BY_DOING.match(p.text, m.end):
                continue  # the method names the behaviour: "learn the bus route by riding the 22 there 3 times"
            if m.entry.term == "improve" and _has_number(statement) \
                    and re.search(r"\bfrom\b.*\bto\b|\bto (?:at least |at most |under |over |below |above )?\$?\d", statement):
                continue
            word = " ".join(p.text[m.start:m.end].split())
            yield p.hit(m.start, m.end, f"vague '{word}': say what the person will do that others can see",
                        m.entry.rewrite, severity=m.entry.severity)
            return
    for p in ps:
        # the goal's own statement: the body's process sentences ("Progress will be reviewed by ...") name no
        # actor and need none
        m = _PASSIVE.search(p.text) if p.source != "body" else None
        if m and m.group(1).lower() in _PERSON_PASSIVES and _PERSON_SUBJECT.match(p.text):
            m = None  # "Client will be enrolled in the course": the client is who the goal is about
        if m:
            yield p.hit(m.start(), m.end(), "the goal does not say who will do it (passive, no actor)",
                        "name the actor: \"Ms. Jones will ...\", \"Client will ...\"")
            return
    negative = wl.scan(statement, {"negative"})
    if not any(_ACTOR.search(p.text) for p in ps):
        # Doran's 'assignable': who will do it. A negative goal with no actor fails both letters (both
        # independent labellers mark "No more outbursts at school", "Sobriety." as not specific).
        p = ps[0]
        yield p.hit(0, len(p.text.split("\n")[0]), "the goal does not say who will do it",
                    "name the actor: \"Ms. Jones will ...\", \"I will ...\"")
        return
    words = re.findall(r"[A-Za-z']+", statement)
    if len(words) < 4 and not negative:
        p = ps[0]
        yield p.hit(0, len(p.text.split("\n")[0]), "the goal is too general to tell what will be done",
                    "say who will do what, where: \"Client will apply for 3 warehouse jobs in Dartmouth\"")


@rule("CF502", "goal-not-measurable", severity="warning", kinds=GOAL,
      summary="A goal with no number, frequency, amount or observable end state, and no `measure` target.",
      why="Measurable: a count, a frequency, an amount or an end state anyone can check (a signed lease), with "
          "a target — otherwise no one can say whether it was met.",
      bad=goal(title="Client will work on her budgeting skills", due="2027-04-30"),
      good=goal(title="Client will pay rent in full by the 1st for 3 months in a row", due="2027-04-30"))
def goal_not_measurable(entry, ctx):
    wl = wordlists(ctx)
    measure = entry.meta.get("measure")
    if isinstance(measure, dict):
        if not empty(measure.get("target")):
            return
        yield field_hit(entry, "measure", "`measure` has no target", "add `target:` (and `metric:`, `baseline:`)")
        return
    ps = pieces(entry)
    if not ps:
        return
    statement = _statement(entry)
    vague = [m for p in ps for m in _vague(wl, p) if m.entry.term not in _SPECIFIC_ONLY]
    # "apply for more jobs each week": a comparative with no count or baseline has no target, whatever its
    # frequency ("more than 3", "no more" and "any more" do name one)
    comparative = _COMPARATIVE.search(statement) and not _COUNT.search(_DATES_ONLY.sub(" ", statement))
    if not comparative and (_has_number(statement) or _IMPLIED_COUNT.search(statement)):
        return
    end = _END_STATE.search(statement)
    if end and not vague and not comparative and not (end.group(0).lower().startswith("be ")
                                                      and _BARE_PLURAL_SUBJECT.match(statement)):
        return
    p = ps[0]
    yield p.hit(0, len(p.text.split("\n")[0]), "the goal has no number, frequency or end state to measure",
                "add a count or end state (\"3 job applications a week\", \"a signed lease\") or a `measure:` "
                "with metric, baseline and target")


_UNREALISTIC = re.compile(
    r"\b(?:always|never|forever|at all times|all the time|no matter what|every single|perfect(?:ly)?|flawless(?:ly)?|"
    r"100 ?%|100 percent|one hundred percent|completely|totally|entirely|never again|without (?:ever|any) "
    r"(?:fail|exception)|immediately|overnight(?! (?:visits?|stays?|access|contact|respite|care|shifts?|beds?))|"
    r"zero (?:mistakes|errors|slips)"
    # a whole collection: "read every book in the library's self-help section"
    r"|read every (?:single )?(?:book|title) (?:in|at|on|from) (?:the|a|an|his|her)"
    r")\b", re.I)


# A pace nobody keeps up: "apply for 40 jobs a day", "50 job applications a day".
_PACE = re.compile(r"\b(\d+|" + "|".join(("fifteen", "twenty", "thirty", "forty", "fifty", "hundred")) +
                   r")\s+(?:[\w-]+\s+){0,3}?(?:applications?|jobs|resumes|résumés|cover letters|calls|interviews|employers)"
                   r"\b(?:\s+[\w-]+){0,3}?\s+(?:a|per|each|every)\s+(day|week)\b", re.I)
_PACE_LIMIT = {"day": 15, "week": 75}
_INTERVIEWS_A_DAY = 4  # (an interview takes a morning with the travel; "5 job interviews a day, every day")
_PACE_WORDS = {"fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}
# Meetings, sessions and classes take an hour or more each: "attend 7 AA meetings a day".
_EVENT_WORDS = ("seven", "eight", "nine", "ten")
_EVENT_PACE = re.compile(r"\b(\d+|" + "|".join(_EVENT_WORDS) + r")\s+(?:[\w-]+\s+){0,3}?"
                         r"(?:meetings|sessions|classes|appointments|groups|programs|programmes|workshops)\b"
                         r"(?:\s+[\w-]+){0,3}?\s+(?:a|per|each|every)\s+(day)\b", re.I)
_EVENT_PACE_LIMIT = 7  # (4 classes a day at an adult high school, 5 groups a day in residential treatment: real)
# No work history, and a senior post as the goal: "Client, who has never worked, will be hired as a senior
# software engineer".
_NO_HISTORY = re.compile(r"\b(?:no|without any?|little) (?:prior |previous |paid )?(?:work |job |employment )?"
                         r"(?:history|experience)\b|\bnever (?:worked|held a job|had a job)\b", re.I)
_SENIOR_POST = re.compile(r"\b(?:hired as|job as|work as|working as|employed as|become|becoming|position as|role as|"
                          r"promoted to)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:senior|lead|principal|chief|head|"
                          r"director|executive|manager)\b", re.I)
# Saving more than comes in: "save $5,000 ... from her $1,100 monthly income" by a date or within a span.
_SAVE = re.compile(r"\b(?:saves?\s+(?:up\s+)?|pays?\s+(?:off|back)\s+(?:(?:her|his|their|my|the|all(?: of)?)\s+)?|"
                   r"repays?\s+(?:(?:her|his|their|my|the)\s+)?)[$£€]\s?(\d[\d,]*)(?:\.\d+)?", re.I)
# An income named with its period: "$1,100 a month", "her $600 fortnightly benefit", "$450 a week".
_MONTHLY = re.compile(r"[$£€]\s?(\d[\d,]*)(?:\.\d+)?[\s-]+(?:(a|per|each|every)[\s-]+(month|fortnight|week)|"
                      r"(monthly|fortnightly|biweekly|bi-weekly|weekly))\b", re.I)
_PER_MONTH = {"month": 1.0, "monthly": 1.0, "fortnight": 26 / 12, "fortnightly": 26 / 12, "biweekly": 26 / 12,
              "bi-weekly": 26 / 12, "week": 52 / 12, "weekly": 52 / 12}
_SPAN_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_SPAN = re.compile(r"\b(?:in|within|over)\s+(?:the\s+next\s+)?(\d+|" + "|".join(_SPAN_WORDS) +
                   r")\s+(day|week|month)s?\b", re.I)


def _pace(entry):
    """(piece, match, message) for a pace of applications, calls or interviews, or of meetings and classes,
    nobody keeps up."""
    for p in pieces(entry):
        for m in _PACE.finditer(p.text):
            n = m.group(1).lower()
            count = int(n) if n.isdigit() else _PACE_WORDS[n]
            limit = _PACE_LIMIT[m.group(2).lower()]
            if m.group(2).lower() == "day" and "interview" in m.group(0).lower():
                limit = _INTERVIEWS_A_DAY
            if count >= limit:
                return p, m, f"'{' '.join(m.group(0).split())}' is more than anyone keeps up"
        for m in _EVENT_PACE.finditer(p.text):
            n = m.group(1).lower()
            count = int(n) if n.isdigit() else _EVENT_WORDS.index(n) + 7
            if count >= _EVENT_PACE_LIMIT:
                return p, m, f"'{' '.join(m.group(0).split())}' is more than a day holds"
    return None


# A body changed faster than is safe: "lose 30 kg in the next 3 weeks" (more than about 1 kg a week is not advised).
_WEIGHT = re.compile(r"\blose (\d+(?:\.\d+)?) ?(kg|kgs|kilos?|kilograms?|lbs?|pounds)\b", re.I)
_KG_A_WEEK = 2.0
# The deadline set before the decision it depends on: "get the children back by 30 November, although the court
# review is set for May 2027" (preparing before a hearing is fine: the outcome must be one the hearing decides).
_SET_FOR = re.compile(r"\b(?:court|hearing|tribunal|panel|parole board|judge)\b[^.;]{0,30}?\b(?:is|are|was) "
                      r"(?:(?:set|scheduled|booked|listed) (?:for|on)|not (?:until|before))\s+", re.I)
_DECIDED_OUTCOME = re.compile(r"\b(?:(?:get|have|bring)\s+(?:all\s+)?(?:[\w-]+\s+){0,3}?(?:children|kids|child|son|daughter|"
                              r"licen[cs]e|custody)\s+back|regain|back in (?:my|her|his|their) care|returned to (?:my|her|his|"
                              r"their) care|be (?:granted|approved|awarded|released|discharged))\b", re.I)
# Where a goal's action ends and what it is for begins: "complete the course ... so she can have her children back"
_FOR_WHAT = re.compile(r"\b(?:so (?:that )?(?:she|he|they|i|we|client) (?:can|could|will|may)|to support|in order to|"
                       r"so as to|ahead of|before)\b", re.I)
# A span right after the weight: "lose 30 kg in the next 3 weeks" (not a span that belongs to another task)
_SPAN_AFTER = re.compile(r"\s+" + _SPAN.pattern.removeprefix(r"\b"), re.I)


def _too_fast(entry, ctx):
    """(piece, match, message) for a weight loss faster than is safe within the goal's time."""
    for p in pieces(entry):
        m = _WEIGHT.search(p.text)
        if not m:
            continue
        span = _SPAN_AFTER.match(p.text, m.end())
        days = _span_days(span) if span else _deadline_days(entry, ctx)
        if not days or days <= 0:
            continue
        kg = float(m.group(1)) * (0.4536 if m.group(2).lower().startswith(("lb", "pound")) else 1.0)
        if kg / max(days / 7, 1.0) > _KG_A_WEEK:
            return p, m, f"'{' '.join(m.group(0).split())}' in the time given is faster than is safe"
    return None


def _before_what_it_needs(entry, ctx):
    """(piece, match, message) when the goal's deadline comes before an event the goal says is set for later
    (a court review, a hearing)."""
    statement = _statement(entry)
    # the outcome must be what the goal does, not what it is for ("complete the course ... so she can have
    # her children back in her care")
    action = _FOR_WHAT.split(statement, 1)[0]
    if not _DECIDED_OUTCOME.search(action):
        return None
    for p in pieces(entry):
        for m in _SET_FOR.finditer(p.text):
            # the goal's own deadline is before the hearing's date ("until March 2027" after it is the hearing's)
            due = _deadline(entry, p.text[:m.start()]) or _deadline(entry, statement)
            later = _DEADLINE.match("by " + p.text[m.end():m.end() + 40])
            when = _deadline_date(later) if later else None
            if due is not None and when is not None and when > due:
                return p, m, "the deadline comes before the event the goal says it depends on"
    return None


# A waiting list longer than the time the goal gives: "move into a council house by 1 December, although the
# waiting list in his area is six years"
_WAITING = re.compile(r"\bwait(?:ing)?[- ]list\b[^.;]{0,40}?\b(?:is|of|runs? (?:at|to)) (?:about |around |over |at least "
                      r"|nearly |up to )?(\d+|" + "|".join(_SPAN_WORDS) + r") (year|month|week)s?\b", re.I)


# What a waiting list gives (not "apply to 3 co-ops" or "join the waiting list")
_WAITED_FOR = re.compile(r"\b(?:move into|moves into|be housed|be offered|get (?:a|an|the|my|her|his|their) (?:[\w-]+ ){0,2}?"
                         r"(?:house|flat|apartment|unit|place|home|bed|appointment)|be seen by|start (?:counselling|"
                         r"counseling|treatment|therapy))\b", re.I)
_ON_IT_SINCE = re.compile(r"\b(?:on it|on the (?:waiting )?list|been waiting) since\b", re.I)
# Custody is decided by a court: "full custody of my three children by Friday, without going through the Family Court"
_CUSTODY_WITHOUT_COURT = re.compile(r"\b(?:custody|children back|kids back|care of (?:my|her|his|their) children)\b[^.;]*?"
                                    r"\bwithout (?:going (?:through|to) )?(?:the |a )?(?:family )?court\b(?! order| date)",
                                    re.I)


def _custody_without_court(entry):
    for p in pieces(entry):
        m = _CUSTODY_WITHOUT_COURT.search(p.text)
        if m:
            return p, m, "custody is decided by a court; the goal cannot be met without one"
    return None


# Hours of unpaid work or service in too little time: "200 hours of unpaid work by 6 December" (two weeks away)
_HOURS = re.compile(r"\b(\d+) hours? of (?:unpaid |community |volunteer )?(?:work|service)\b", re.I)
_HOURS_A_WEEK = 40
_PART_OF = re.compile(r"\bof (?:his|her|their|the|my)\s+$", re.I)
_WEEKLY_HOURS = re.compile(r"\b\d+ hours? (?:a|per|each|every) week\b", re.I)


def _too_many_hours(entry, ctx):
    for p in pieces(entry):
        m = _HOURS.search(p.text)
        # (not part of them: "the last 30 of his 200 hours"; not at a weekly rate: "6 hours a week toward ...")
        if not m or _PART_OF.search(p.text, max(0, m.start() - 20), m.start()) or _WEEKLY_HOURS.search(p.text):
            continue
        days = _days_given(entry, ctx, p.text[m.end():])
        if days and int(m.group(1)) / max(days / 7, 1.0) > _HOURS_A_WEEK:
            return p, m, f"'{' '.join(m.group(0).split())}' in the time given is more than a full-time week"
    return None


def _longer_wait(entry, ctx):
    """(piece, match, message) when the goal's time is shorter than the waiting list for what it is to get."""
    for p in pieces(entry):
        m = _WAITING.search(p.text)
        if not m or not _WAITED_FOR.search(p.text, 0, m.start()) or _ON_IT_SINCE.search(p.text):
            continue
        days = _deadline_days(entry, ctx)
        if days is not None and days < _span_days(m):
            return p, m, "the goal gives less time than the waiting list it names"
    return None


def _senior_without_history(entry):
    """(piece, match, message) when the goal says the person has no work history and sets a senior post."""
    for p in pieces(entry):
        history = _NO_HISTORY.search(p.text)
        post = _SENIOR_POST.search(p.text) if history else None
        if post:
            return p, post, "a senior post is not a first job for someone with no work history"
    return None


def _days_given(entry, ctx, text: str) -> int | None:
    """The days a goal gives itself: the span its text names ("within 3 weeks"), or from its start (or today)
    to its deadline; None when it names neither, or the deadline is not after the start."""
    span = _SPAN.search(text)
    if span:
        return _span_days(span)
    days = _deadline_days(entry, ctx)
    return days if days is not None and days > 0 else None


def _span_days(m) -> int:
    """The days of a matched span: group 1 a number or a number word, group 2 day / week / month / year."""
    n = m.group(1).lower()
    return (int(n) if n.isdigit() else _SPAN_WORDS.index(n) + 1) * _UNIT_DAYS[m.group(2).lower()]


def _deadline_days(entry, ctx) -> int | None:
    """Days from the goal's start (or today) to its deadline; None when it has no deadline."""
    due = _deadline(entry, _statement(entry))
    if due is None:
        return None
    return (due - (to_date(entry.meta.get("start")) or ctx.today)).days


def _currency(m) -> str:
    return next((ch for ch in m.group(0) if ch in "$£€"), "$")


def _beyond_means(entry, ctx):
    """(piece, match, message) when the goal saves or pays off more than the income it names (a month, a
    fortnight or a week) brings in over the goal's time (from its start, or today, to its deadline; or within
    its span)."""
    for p in pieces(entry):
        save, income = _SAVE.search(p.text), _MONTHLY.search(p.text)
        if not save or not income or _currency(save) != _currency(income):
            continue
        amount, per = int(save.group(1).replace(",", "")), int(income.group(1).replace(",", ""))
        period = (income.group(3) or income.group(4)).lower()
        monthly = per * _PER_MONTH[period]
        days = _days_given(entry, ctx, p.text)
        if days is None:
            continue
        months = max(days / 30.4, 1.0)
        if monthly and amount > monthly * months:
            what = "saving" if save.group(0).lower().startswith("save") else "paying off"
            c = _currency(save)
            named = f"{c}{per:,} a month" if period.startswith("month") else f"{c}{per:,} a {period.removesuffix('ly')}"
            return p, save, f"{what} {c}{amount:,} is more than the {named} named brings in over the goal's time"
    return None


def _qualification_too_soon(entry, ctx):
    """(piece, match, message) when the goal has the person become a profession that takes a year or more of
    training (the qualification word list) within less than a year of its start (or today)."""
    wl = wordlists(ctx)
    for p in pieces(entry):
        for m in wl.scan(p.text, {"qualification"}):
            days = _days_given(entry, ctx, p.text)
            if days is not None and days < 365:
                word = " ".join(p.text[m.start:m.end].split())
                return p, _Span(m.start, m.end), (f"becoming a {word} takes a year or more of training; "
                                                  "the goal gives less")
    return None


class _Span:
    """A match-like (start(), end()) for a word-list match, as the CF503 checks report matches."""

    def __init__(self, start: int, end: int):
        self._s, self._e = start, end

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e


@rule("CF503", "goal-not-achievable", severity="warning", kinds=GOAL,
      summary="A goal set up to fail: absolutes such as always, never, perfect, 100%, forever; a programme "
              "longer than the time given; a pace nobody keeps up; a saving larger than the income it names; "
              "a profession that takes years of training, within less than a year.",
      why="Achievable: a goal the person can reach with the resources named. An absolute turns one slip into "
          "failure and discourages the person it is meant to help.",
      bad=goal(title="Client will never miss a probation appointment again", due="2027-04-30"),
      good=goal(title="Client will attend all 8 probation appointments in March, using phone reminders",
                due="2027-03-31", term="short", start="2027-03-01"))
def goal_not_achievable(entry, ctx):
    if not empty(entry.meta.get("achievable")):
        return  # the worker has named what makes it achievable
    too_long = _longer_than_deadline(entry, ctx)
    if too_long is not None:
        p, m, msg = too_long
        yield p.hit(m.start(), m.end(), msg, "set a date the programme's own length allows, or a nearer step "
                    "(\"complete the first 2 courses by ...\")")
        return
    for found in (_pace(entry), _beyond_means(entry, ctx), _qualification_too_soon(entry, ctx),
                  _senior_without_history(entry), _too_fast(entry, ctx), _before_what_it_needs(entry, ctx),
                  _longer_wait(entry, ctx), _custody_without_court(entry), _too_many_hours(entry, ctx)):
        if found is not None:
            p, m, msg = found
            yield p.hit(m.start(), m.end(), msg, "set a target the person can reach with the time and money they "
                        "have, and name the supports (\"5 applications a week, with the job developer\")")
            return
    for p in pieces(entry):
        m = _UNREALISTIC.search(p.text)
        if m and not T.inside(T.quoted_spans(p.text), m.start()):
            word = " ".join(m.group(0).split())
            yield p.hit(m.start(), m.end(), f"'{word}' sets the goal up to fail",
                        "set a realistic target (\"8 of 8 appointments in March\") and name the supports that make it possible")
            return


_NUMWORD = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "eleven": 11, "twelve": 12, "sixteen": 16, "eighteen": 18, "twenty": 20}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_PROGRAMME = re.compile(r"\b(\d+|" + "|".join(_NUMWORD) + r")[- ](day|week|month|year)s?[- ](?:[\w-]+ ){0,2}?"
                        r"(?:course|program|programme|degree|diploma|certificate|certification|class|training|"
                        r"apprenticeship|treatment|residential)\b", re.I)
_COMPLETE = re.compile(r"\b(?:complete|completes|finish|finishes|graduate|graduates|earn|earns|obtain|obtains|get)\b", re.I)
_MONTHS = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
_DEADLINE = re.compile(r"\b(by|before|until|no later than)\s+(?:(\d{4}-\d{2}-\d{2})|(" + _MONTH +
                       r")\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})"
                       # "by Christmas 2026" (25 December)
                       r"|christmas (\d{4})"
                       # "by 15 December 2026"
                       r"|(?:the )?(\d{1,2})(?:st|nd|rd|th)? (?:of )?(" + _MONTH + r")\.?,? (\d{4})"
                       # "by the end of December 2026", "by March 2027": the month's last day ("before March
                       # 2027": the day before it begins)
                       r"|(the end of )?(" + _MONTH + r")\.? (\d{4})\b)", re.I)


def _deadline(entry, statement: str) -> dt.date | None:
    """The goal's deadline: its `due`, or the latest date its words give one by ("register by December 2026
    and complete the course by 2027-06-30": the course's)."""
    due = to_date(entry.meta.get("due"))
    if due is not None:
        return due
    found = [d for d in map(_deadline_date, _DEADLINE.finditer(statement)) if d is not None]
    return max(found) if found else None


def _deadline_date(m) -> dt.date | None:
    if m.group(2):
        return to_date(m.group(2))
    try:
        if m.group(6):  # Christmas ("before Christmas": the 24th)
            return dt.date(int(m.group(6)), 12, 24 if m.group(1).lower() == "before" else 25)
        if m.group(7):
            return dt.date(int(m.group(9)), _MONTHS[m.group(8)[:3].lower()], int(m.group(7)))
        if m.group(11):
            year, month = int(m.group(12)), _MONTHS[m.group(11)[:3].lower()]
            first = dt.date(year, month, 1)
            if m.group(1).lower() == "before" and not m.group(10):
                return first - dt.timedelta(days=1)
            return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return dt.date(int(m.group(5)), _MONTHS[m.group(3)[:3].lower()], int(m.group(4)))
    except ValueError:
        return None


def _longer_than_deadline(entry, ctx):
    """(piece, match, message) when the goal is to complete a programme whose own length ('a 4-year degree')
    does not fit between the goal's start (or today) and its deadline."""
    for p in pieces(entry):
        m = _PROGRAMME.search(p.text)
        if not m or not _COMPLETE.search(p.text):
            continue
        n = m.group(1).lower()
        length = dt.timedelta(days=(int(n) if n.isdigit() else _NUMWORD[n]) * _UNIT_DAYS[m.group(2).lower()])
        due = _deadline(entry, _statement(entry))
        given = to_date(entry.meta.get("start"))
        start = given or ctx.today
        if due is None or due < start:
            continue
        if start + length > due + dt.timedelta(days=7):
            # "today", not today's date: a message that does not change with the clock can be cached
            return p, m, (f"a {' '.join(m.group(0).split())} cannot be completed between "
                          f"{given.isoformat() if given else 'today'} and {due.isoformat()}")
    return None


# The purpose a goal states: "To keep her tenancy, ...", "Housing goal: ...", "..., who was referred for help
# finding work, ...", "in order to ...", "so that she can ...".
_PURPOSE = re.compile(r"^\s*(?:in order )?to ([^,]+),|^\s*([\w-]+(?: [\w-]+)?) goal\s*:"
                      # "For my housing need (no fixed address since October), ...", "Need n3 (reading ...): ..."
                      r"|^\s*for (?:my|her|his|their|the) ([^,:(]+?)\s*(?:\([^)]*\))?\s*[,:]"
                      r"|^\s*need\s+n?\d+\s*\(([^)]*)\)\s*:"
                      r"|^\s*as (?:his|her|their|my|the) ([^,]+?) requires?\b[^,]*,"
                      r"|^\s*(?:her|his|their|my) (?:assessed |priority |main )?need is ([^;:.]+)[;:.]"
                      r"|^\s*as (?:a )?part of (?:her|his|their|my|the) ([\w -]+? plan),"
                      r"|\b(?:who|that) (?:was|is|were|has been|had been) referred\b([^,]*),"
                      r"|\breferred (?:to [^,]*? )?for ([^,]+),|\bin order to ([^,.;]+)"
                      r"|\bso (?:that )?\w+ (?:can|could|will|may) ([^,.;]+)", re.I)
# Purposes a pastime does not serve on its own: housing, work, a court or probation condition, custody,
# income, school. (Coping, routine and well-being are left out: there a pastime can be the means.)
_CONCRETE_PURPOSE = re.compile(
    r"\b(?:tenancy|housing|apartment|eviction|evicted|rent|arrears|lease|landlord|work|job|jobs|employment|"
    r"employed|hired|career|court|court-ordered|probation|parole|condition|conditions|reporting|sentence|bail|"
    r"licen[cs]e|driving|test|exam|screens?|assessment|"
    r"custody|children|child|kids|son|daughter|reunification|returned|benefits|income|school|diploma|credits)\b",
    re.I)


_SERVES = re.compile(r"\b(?:volunteer(?:s|ing)?|help(?:s|ing)?|work(?:s|ing)?|marshal(?:s|ling)?) (?:at|for|with|on)\b[^.;]*$",
                     re.I)
_SERVES_CONTEXT = re.compile(r"\b(?:landlord|inspection|traineeship|apprenticeship|business|employer|placement|"
                             r"bakery|social enterprise|customers?|sell|selling|pawn|pawning|to pay|toward the)\b", re.I)
_REQUIRED = re.compile(r"[^.;]{0,40}?\bas (?:required|requested|ordered|set out) by\b", re.I)


def _pastime_for_purpose(entry, ctx) -> Hit | None:
    """A hit when the goal states a housing, work, court or custody purpose and what it will do is a pastime."""
    wl = wordlists(ctx)
    for p in pieces(entry):
        purpose = _PURPOSE.search(p.text)
        if purpose is None:
            continue
        stated = next(g for g in purpose.groups() if g is not None)
        if not _CONCRETE_PURPOSE.search(stated):
            continue
        for m in wl.scan(p.text, {"pastime"}):
            if purpose.start() <= m.start < purpose.end():
                continue  # the pastime is the purpose ("to get a job teaching guitar, ...")
            if (_SERVES.search(p.text, max(0, m.start - 30), m.start) or _REQUIRED.match(p.text, m.end)
                    or _SERVES_CONTEXT.search(p.text, purpose.end())):
                continue  # "volunteer at the charity fun run", "repaint her bedroom as required by the landlord",
                # "before the landlord's inspection", baking in a bakery traineeship
            word = " ".join(p.text[m.start:m.end].split())
            return p.hit(m.start, m.end, f"'{word}' does not serve the purpose the goal states "
                         f"({' '.join(stated.split())})", m.entry.rewrite, severity=m.entry.severity)
    return None


@rule("CF504", "goal-not-relevant", severity="info", kinds=GOAL,
      summary="A goal that does not say which assessed need or mandate it serves (`addresses`), when the "
              "client's profile lists needs or mandates; or one that states a housing, work, court or custody "
              "purpose and then names only a pastime.",
      why="Relevant: the goal serves an assessed need or a court or program condition; the link shows it and "
          "lets reports group goals by need.",
      bad=goal(),
      good=goal(extra="addresses: [n1]"))
def goal_not_relevant(entry, ctx):
    found = _pastime_for_purpose(entry, ctx)
    if found is not None:
        yield found
        return
    idx = ctx.client(entry.meta.get("client"))
    if not idx.known or not (idx.need_ids or idx.mandate_ids):
        return
    if empty(entry.meta.get("addresses")):
        yield Hit(entry.field_line("addresses"), 1, "the goal does not say which need or mandate it addresses",
                  f"add `addresses: [...]` (needs and mandates: {', '.join(sorted(idx.need_ids | idx.mandate_ids))})")


@rule("CF505", "goal-not-time-bound", severity="warning", kinds=GOAL,
      summary="A goal with no `due` date and no date or duration in its wording (a frequency such as '3 times a "
              "week' says how often, not until when).",
      why="Time-bound: a target date or a duration, so progress can be reviewed and the goal closed or revised.",
      bad=goal(title="Client will apply for 3 warehouse jobs a week", due=None),
      good=goal(title="Client will apply for 3 warehouse jobs a week", due="2026-12-15", term="short",
                start="2026-11-20"))
def goal_not_time_bound(entry, ctx):
    if to_date(entry.meta.get("due")) is not None:
        return
    if "due" in entry.meta and not empty(entry.meta.get("due")):
        return  # CF105 reports a due date that cannot be read
    statement = _START.sub(" ", _statement(entry))
    if _TIME.search(statement):
        return
    yield Hit(entry.field_line("due"), 1, "the goal has no target date or duration",
              "add `due: YYYY-MM-DD`, or a date in the goal (\"by 31 March\", \"within 6 weeks\")")


@rule("CF506", "negative-goal", severity="warning", kinds=GOAL,
      summary="A goal framed as what the person will stop or avoid (stop missing appointments, no more outbursts).",
      why="The dead-man test (Lindsley): if a dead man can do it, it is not a behaviour. A goal names what the "
          "person will do instead, which is what can be practised and seen.",
      bad=goal(title="Stop missing appointments", due="2027-04-30"),
      good=goal(title="Attend all 8 scheduled appointments in March, using phone reminders the day before",
                due="2027-03-31", term="short", start="2027-03-01"))
def negative_goal(entry, ctx):
    wl = wordlists(ctx)
    for p in pieces(entry):
        for m in wl.scan(p.text, {"negative"}):
            rest = p.text[m.end:]
            alt = _REPLACEMENT.search(rest)
            if alt and _has_number(rest[alt.end():]):
                continue  # "stop isolating and call one friend every week": the new behaviour is named
            word = " ".join(p.text[m.start:m.end].split())
            yield p.hit(m.start, m.end, f"negative goal '{word}': it fails the dead-man test",
                        m.entry.rewrite, severity=m.entry.severity)
            return


_REPLACEMENT = re.compile(r"\b(?:and|instead(?: of that)?|but)\s+(?:will\s+|to\s+)?(?!not\b|no\b|never\b|stop\b|avoid\b)"
                          r"[a-z]+", re.I)


def _horizons(ctx) -> dict:
    cfg = getattr(ctx, "config", None)
    h = getattr(cfg, "horizons", None) if cfg is not None else None
    if not h:
        h = (getattr(ctx, "settings", None) or {}).get("horizons")
    if not isinstance(h, dict):
        h = {"short": ["1w", "4w"], "long": ["3mo", "12mo"]}
    return h


def _span(value) -> tuple[dt.timedelta, dt.timedelta] | None:
    try:
        lo, hi = value
        return parse_duration(lo), parse_duration(hi)
    except (InvalidValue, TypeError, ValueError):
        return None


def _words_span(d: dt.timedelta) -> str:
    days = d.days
    if days < 14:
        return f"{days} days"
    if days < 70:
        return f"{round(days / 7)} weeks"
    return f"{round(days / 30.4)} months"


@rule("CF507", "goal-horizon", severity="warning", kinds=GOAL,
      summary="A short- or long-term goal whose start-to-due span is outside the caseload's horizons "
              "(top-level `horizons` in casefile.yml, default short 1w-4w, long 3mo-12mo), or due before it starts.",
      why="Short-term goals are steps of a few weeks and long-term goals of months; a 'short-term' goal due in "
          "5 months will not be reviewed when it should.",
      bad=goal(term="short", start="2026-11-02", due="2027-04-02"),
      good=goal(term="short", start="2026-11-02", due="2026-11-23"))
def goal_horizon(entry, ctx):
    due = to_date(entry.meta.get("due"))
    start = to_date(entry.meta.get("start"))
    if due is None or start is None:
        return
    if due < start:
        yield field_hit(entry, "due", "the goal is due before it starts", "check `start` and `due`")
        return
    term = entry.meta.get("term")
    span = _span(_horizons(ctx).get(term)) if isinstance(term, str) else None
    if span is None:
        return
    lo, hi = span
    length = dt.timedelta(days=(due - start).days)
    if length > hi + dt.timedelta(days=1):
        yield field_hit(entry, "due", f"a {term}-term goal due {_words_span(length)} after it starts "
                        f"(horizon: {_words_span(lo)} to {_words_span(hi)})",
                        "split it into short steps, or make it a long-term goal" if term == "short" else
                        "set a nearer date or split it into goals of the horizon's length")
    elif length < lo - dt.timedelta(days=1):
        yield field_hit(entry, "due", f"a {term}-term goal due only {_words_span(length)} after it starts "
                        f"(horizon: {_words_span(lo)} to {_words_span(hi)})",
                        "make it a short-term goal" if term == "long" else "give it a realistic time")


@rule("CF508", "goal-overdue", severity="info", kinds=GOAL,
      summary="An active goal past its due date.",
      why="A goal past due is either met (mark it achieved), needs more time (revise it) or is no longer "
          "wanted (discontinue it); left active it misleads every report.",
      bad=goal(due="2026-10-01", start="2026-07-01"),
      good=goal())
def goal_overdue(entry, ctx):
    due = to_date(entry.meta.get("due"))
    if due is not None and entry.meta.get("status") == "active" and due < ctx.today:
        yield field_hit(entry, "due", f"the goal was due on {due.isoformat()} and is still active",
                        "review it: mark it achieved, revise it or discontinue it")
