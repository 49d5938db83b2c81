"""CF6xx: the action plan — tasks need an owner and a date and should serve a goal; referrals need a
provider and a follow-up; a note's Plan section says what happens next."""

from __future__ import annotations

import re

from casefile.lint import text as T
from casefile.lint.api import Hit, rule
from casefile.lint.rules._common import analysis, empty, is_contact, mapping_get, node_hit, seq_items, to_date, wordlists
from casefile.lint.rules.five_ws import note
from casefile.model import NOTE_SECTIONS

PLAN = ("plan",)


def plan(*tasks: str) -> str:
    items = "\n".join("  - " + t for t in tasks)
    return f"---\nkind: plan\nclient: c-0001\ntasks:\n{items}\n---\n"


_OK = "{id: t01, goal: g01, what: Call two landlords from the list, who: client, due: 2026-12-01, status: open}"


def _tasks(entry):
    """(index, task dict, task node) for each task that is a mapping."""
    tasks = entry.meta.get("tasks")
    nodes = seq_items(entry, "tasks")
    if not isinstance(tasks, list):
        return
    for i, (t, n) in enumerate(zip(tasks, nodes)):
        if isinstance(t, dict):
            yield i, t, n


def _at(entry, node, key):
    pair = mapping_get(node, key)
    return pair[1] if pair else node


def _label(t, i) -> str:
    tid = t.get("id")
    return f"task {tid}" if isinstance(tid, (str, int)) and str(tid) else f"task #{i + 1}"


_VAGUE_OWNER = re.compile(r"^\s*(?:tbd|tba|\?+|someone|somebody|anyone|staff|team|the team|all|everyone|we|us|"
                          r"n/?a|unknown|other|-+)\s*$", re.I)


@rule("CF601", "task-without-owner", severity="warning", kinds=PLAN,
      summary="A task with no `who`, or only 'TBD', 'someone' or 'staff'.",
      why="An action plan says who does what by when; a task that belongs to no one is done by no one.",
      bad=plan("{id: t01, goal: g01, what: Call two landlords from the list, due: 2026-12-01, status: open}"),
      good=plan(_OK))
def task_without_owner(entry, ctx):
    for i, t, n in _tasks(entry):
        who = t.get("who")
        if empty(who):
            yield node_hit(entry, _at(entry, n, "who"), f"{_label(t, i)} does not say who will do it",
                           "add `who:` (client, worker, or a named person or agency)")
        elif isinstance(who, str) and _VAGUE_OWNER.match(who):
            yield node_hit(entry, _at(entry, n, "who"), f"{_label(t, i)}: who is '{who.strip()}'; name the person",
                           "client, worker, or a named person or agency")


@rule("CF602", "task-without-due", severity="warning", kinds=PLAN,
      summary="A task with no `due` date.",
      why="'By when' is half of a task; without it the plan cannot be followed up or reviewed.",
      bad=plan("{id: t01, goal: g01, what: Call two landlords from the list, who: client, status: open}"),
      good=plan(_OK))
def task_without_due(entry, ctx):
    for i, t, n in _tasks(entry):
        if empty(t.get("due")):
            yield node_hit(entry, _at(entry, n, "due"), f"{_label(t, i)} has no due date", "add `due: YYYY-MM-DD`")


@rule("CF603", "task-without-goal", severity="info", kinds=PLAN,
      summary="An open task that is not linked to a goal.",
      why="Each step in the plan should serve a goal; unlinked tasks drift and cannot show progress on a goal.",
      bad=plan("{id: t01, what: Call two landlords from the list, who: client, due: 2026-12-01, status: open}"),
      good=plan(_OK))
def task_without_goal(entry, ctx):
    for i, t, n in _tasks(entry):
        if empty(t.get("goal")) and t.get("status", "open") == "open":
            yield node_hit(entry, n, f"{_label(t, i)} is not linked to a goal", "add `goal: g01`")


def _service(t):
    s = t.get("service")
    return s if isinstance(s, dict) else None


def _is_referral(t) -> bool:
    s = _service(t)
    if s is not None:
        return s.get("type") == "referral"
    what = t.get("what")
    return isinstance(what, str) and re.search(r"\brefer(?:ral|red)?\b", what, re.I) is not None


@rule("CF604", "referral-without-provider", severity="warning", kinds=PLAN,
      summary="A referral with no provider named.",
      why="A referral is to someone: without the provider no one can check it was made or received.",
      bad=plan("{id: t01, goal: g01, what: Refer to housing program, who: worker, due: 2026-12-01, status: open, "
               "service: {type: referral, follow_up: 2026-12-08}}"),
      good=plan("{id: t01, goal: g01, what: Refer to housing program, who: worker, due: 2026-12-01, status: open, "
                "service: {type: referral, provider: Housing First Halifax, follow_up: 2026-12-08}}"))
def referral_without_provider(entry, ctx):
    for i, t, n in _tasks(entry):
        s = _service(t)
        if s is not None and s.get("type") in ("referral", "service") and empty(s.get("provider")):
            yield node_hit(entry, _at(entry, n, "service"), f"{_label(t, i)}: the {s.get('type')} names no provider",
                           "add `provider:` to the service")
        elif s is None and _is_referral(t) and t.get("status", "open") == "open":
            yield node_hit(entry, _at(entry, n, "what"), f"{_label(t, i)} is a referral with no provider recorded",
                           "add `service: {type: referral, provider: ..., follow_up: YYYY-MM-DD}`")


@rule("CF605", "referral-without-follow-up", severity="warning", kinds=PLAN,
      summary="A referral with no follow-up date, or whose follow-up date has passed with no outcome recorded.",
      why="Referrals fail silently: the follow-up is when the worker checks the client was actually seen.",
      bad=plan("{id: t01, goal: g01, what: Refer to housing program, who: worker, due: 2026-12-01, status: open, "
               "service: {type: referral, provider: Housing First Halifax}}"),
      good=plan("{id: t01, goal: g01, what: Refer to housing program, who: worker, due: 2026-12-01, status: open, "
                "service: {type: referral, provider: Housing First Halifax, follow_up: 2026-12-08}}"))
def referral_without_follow_up(entry, ctx):
    for i, t, n in _tasks(entry):
        s = _service(t)
        if s is None or s.get("type") != "referral":
            continue
        fu = s.get("follow_up")
        node = _at(entry, _at(entry, n, "service"), "follow_up")
        if empty(fu):
            yield node_hit(entry, node, f"{_label(t, i)}: the referral has no follow-up date",
                           "add `follow_up: YYYY-MM-DD` to the service")
            continue
        d = to_date(fu)
        if d is not None and d < ctx.today and empty(s.get("outcome")) and t.get("status", "open") == "open":
            yield node_hit(entry, node, f"{_label(t, i)}: follow-up was due {d.isoformat()} and no outcome is recorded",
                           "follow up and record `outcome:`")


@rule("CF606", "task-overdue", severity="info", kinds=PLAN,
      summary="An open task past its due date.",
      why="An overdue open task is either done (mark it), needs a new date, or should be dropped with a reason.",
      bad=plan("{id: t01, goal: g01, what: Call two landlords from the list, who: client, due: 2026-10-01, status: open}"),
      good=plan(_OK))
def task_overdue(entry, ctx):
    for i, t, n in _tasks(entry):
        d = to_date(t.get("due"))
        if d is not None and d < ctx.today and t.get("status", "open") == "open":
            yield node_hit(entry, _at(entry, n, "due"), f"{_label(t, i)} was due {d.isoformat()} and is still open",
                           "mark it done or dropped, or set a new date")


@rule("CF607", "vague-task", severity="info", kinds=PLAN,
      summary="A task whose `what` is not one small, checkable step (work on, look into, think about, improve).",
      why="A task is a step small enough that everyone can tell whether it was done.",
      bad=plan("{id: t01, goal: g01, what: Work on housing, who: client, due: 2026-12-01, status: open}"),
      good=plan(_OK))
def vague_task(entry, ctx):
    wl = wordlists(ctx)
    for i, t, n in _tasks(entry):
        what = t.get("what")
        if not isinstance(what, str) or not what.strip():
            continue
        ms = wl.scan(what, {"vague-verb"})
        if ms:
            word = " ".join(what[ms[0].start:ms[0].end].split())
            yield node_hit(entry, _at(entry, n, "what"), f"{_label(t, i)}: vague '{word}'; make it one checkable step",
                           "e.g. \"Call the two landlords on the list and book viewings\"")


_NEXT = re.compile(r"\w")
# A Plan that says only this names no step, no one and no date: it is no plan.
_VAGUE_PLAN = re.compile(
    r"^(?:(?:plan|next steps?)\s*:\s*)?(?:(?:will|to|worker will|we will)\s+)?"
    r"(?:continue(?:\s+to)?\s+(?:monitor(?:ing)?|follow(?:ing)?\s+up|support(?:ing)?|work(?:ing)?\s+with\s+(?:client|her|him|them)"
    r"|as\s+planned|with\s+(?:the\s+)?(?:current\s+)?plan|services)|monitor(?:ing)?|follow(?:\s*-?\s*)up(?:\s+as\s+"
    r"(?:needed|required|necessary|appropriate))?|(?:f/u|fu)(?:\s+(?:prn|as\s+needed))?|as\s+needed|ongoing|n/?a|tbd|none"
    r"|same|no\s+change|see\s+above)(?:\s+(?:the\s+)?(?:client|her|him|them|situation|progress))?"
    r"(?:\s+(?:as\s+(?:needed|required|necessary|appropriate)|prn|with\s+(?:client|her|him|them)))?"
    r"[\s.;,!]*$", re.I)
# What a text that _VAGUE_PLAN matches starts with (each of its ways to begin, cut at the first space; the same
# letters and flag, so they match the same characters): a Plan whose first word does not start so cannot be
# vague, and is not put on one line to be matched.
_VAGUE_START = re.compile(r"plan|next|will|to|worker|we|continue|monitor|follow|f/u|fu|as|ongoing|n/?a|tbd|none|same"
                          r"|no|see", re.I)


@rule("CF608", "missing-next-step", severity="warning", kinds=("note",),
      summary="A structured note (DAP, SOAP, BIRP, GIRP) with no Plan section, an empty one, or one that says only "
              "\"Continue to monitor.\" or \"Follow up as needed.\".",
      why="Every contact record ends with the result and the next step: who does what by when, and the next contact.",
      bad=note(body="## Data\nClient brought two completed rental applications.\n\n## Assessment\nOn track.\n"),
      good=note())
def missing_next_step(entry, ctx):
    # (returns a list rather than yields: most notes have a Plan, and a list costs less)
    if not is_contact(entry):
        return ()
    fmt = T.note_format(entry, getattr(ctx, "config", None))
    if not NOTE_SECTIONS.get(fmt) or not T.sections(entry):
        return ()
    plans = [rs.region for rs in analysis(entry, ctx).scans if rs.region.kind == T.PLAN]
    if not plans:
        return [Hit(entry.body_line, 1, "the note has no Plan section: what happens next?",
                    "add `## Plan` with next steps (who does what by when) and the next contact")]
    if not any(_NEXT.search(r.text) for r in plans):
        return [Hit(plans[0].first_line - 1, 1, "the Plan section is empty: what happens next?",
                    "add next steps (who does what by when) and the next contact")]
    # the Plan's first word, as it starts the Plan put on one line (`whole` below)
    lead = next(r.text.lstrip() for r in plans if r.text.strip())
    if not _VAGUE_START.match(lead):
        return ()
    whole = " ".join(" ".join(r.text.split()) for r in plans).strip()
    if _VAGUE_PLAN.match(whole):
        return [Hit(plans[0].first_line - 1, 1, "the Plan names no next step: who does what, and by when?",
                    "write the next steps (who does what by when) and the next contact, e.g. "
                    "\"Worker to call the landlord by 2026-11-27; next session 2026-12-02.\"")]
    return ()
