"""The entry kinds and their fields: the one place that names them.

Everything that needs a field's name, its allowed values or the kind of an entry imports it from here:
templates get the choices, the linter checks types and spellings, docs/format.md describes the same table.
"""

from __future__ import annotations

from dataclasses import dataclass

# Kinds of entry, as written in the `kind:` field.
CLIENT = "client"
GOAL = "goal"
PLAN = "plan"
NOTE = "note"
ADDENDUM = "addendum"
CLOSING = "closing"
KINDS = (CLIENT, GOAL, PLAN, NOTE, ADDENDUM, CLOSING)

CLIENT_STATUSES = ("open", "on-hold", "closed")
# Goal domains that may name a goal's file (goals/g01-housing.md). Any other domain is kept inside the
# file only, since free text typed there could carry personal details into a path.
GOAL_DOMAINS = (
    "housing", "employment", "income", "education", "training", "health", "mental-health", "substance-use",
    "safety", "permanency", "well-being", "family", "family-functioning", "parenting", "child-development",
    "legal", "probation", "reporting", "curfew", "transportation", "social", "life-skills", "finances", "other",
)
GOAL_TERMS = ("short", "long")
GOAL_STATUSES = ("active", "achieved", "revised", "discontinued")
TASK_STATUSES = ("open", "done", "dropped")
SERVICE_TYPES = ("referral", "service")
CONTACT_TYPES = (
    "session", "phone", "email", "video", "home-visit", "group", "collateral", "no-show", "cancelled",
)
# Contacts where the client was not met: they need less of the five Ws.
NO_CONTACT_TYPES = ("no-show", "cancelled")
NOTE_FORMATS = ("DAP", "SOAP", "BIRP", "GIRP", "free")
NOTE_STATUSES = ("draft", "final")
ADDENDUM_REASONS = ("correction", "clarification", "late-entry")

# The sections of a note body, by format, in order. FACT_SECTIONS says which hold facts only.
NOTE_SECTIONS = {
    "DAP": ("Data", "Assessment", "Plan"),
    "SOAP": ("Subjective", "Objective", "Assessment", "Plan"),
    "BIRP": ("Behavior", "Intervention", "Response", "Plan"),
    "GIRP": ("Goals", "Intervention", "Response", "Plan"),
    "free": (),
}
# Sections that must hold facts only (what was said, seen and done), by format.
FACT_SECTIONS = {
    "DAP": ("Data",),
    "SOAP": ("Subjective", "Objective"),
    "BIRP": ("Behavior", "Intervention"),
    "GIRP": ("Intervention",),
    "free": (),
}
# Sections where the worker's attributed professional opinion belongs.
OPINION_SECTIONS = ("Assessment", "Response")


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # str | date | datetime | int | list | map | bool | duration
    required: bool = False
    choices: tuple[str, ...] = ()
    doc: str = ""


def _fields(*fields: Field) -> dict[str, Field]:
    return {f.name: f for f in fields}


FIELDS: dict[str, dict[str, Field]] = {
    CLIENT: _fields(
        Field("kind", "str", True, (CLIENT,), "always `client`"),
        Field("id", "str", True, doc="the case ID, the same as the folder name"),
        Field("name", "str", True, doc="the client's full name (lives only here, never in a path)"),
        Field("preferred_name", "str", doc="what the client asks to be called"),
        Field("pronouns", "str"),
        Field("dob", "date", doc="date of birth"),
        Field("phone", "str"),
        Field("program", "str", doc="program or service stream (employment, child welfare, probation...)"),
        Field("opened", "date", True, doc="date the case was opened"),
        Field("worker", "str", True, doc="the worker's ID (casefile.yml worker.id)"),
        Field("status", "str", True, CLIENT_STATUSES),
        Field("consent", "map", doc="release of information: to (list), signed (date), expires (date)"),
        Field("household", "list", doc="people in the household: name, relation, age"),
        Field("needs", "list", doc="prioritised needs: id (n1...), need, priority (1 = first), domain"),
        Field("strengths", "list", doc="strengths and protective factors, in plain words"),
        Field("risks", "list", doc="risks: risk, level (low|medium|high), safety plan"),
        Field("mandates", "list", doc="court or program conditions: id (m1...), condition, source, until"),
        Field("closed", "date", doc="date the case was closed"),
        Field("close_reason", "str"),
        Field("retain_until", "date", doc="records retention date, set when the case is closed"),
    ),
    GOAL: _fields(
        Field("kind", "str", True, (GOAL,)),
        Field("id", "str", True, doc="g01, g02... unique within the client"),
        Field("client", "str", True, doc="the case ID"),
        Field("title", "str", True, doc="the goal in the client's own words"),
        Field("term", "str", True, GOAL_TERMS, "short (2-3 weeks) or long (about 6 months)"),
        Field("domain", "str", doc="housing, employment, health, safety, permanency, well-being..."),
        Field("addresses", "list", doc="Relevant: IDs of the needs or mandates in profile.md it serves"),
        Field("specific", "str", doc="Specific: who will do what, where"),
        Field("measure", "map", doc="Measurable: metric, baseline, target"),
        Field("achievable", "str", doc="Achievable: the resources, steps and strengths that make it possible"),
        Field("start", "date", True),
        Field("due", "date", doc="Time-bound: the target date"),
        Field("review_every", "duration", doc="review cadence, e.g. `2 weeks`"),
        Field("status", "str", True, GOAL_STATUSES),
        Field("review", "map", doc="supervisor review: state, by, at, comment"),
    ),
    PLAN: _fields(
        Field("kind", "str", True, (PLAN,)),
        Field("client", "str", True),
        Field("tasks", "list", doc="the tasks, see the task fields"),
        Field("review", "map", doc="supervisor review: state, by, at, comment"),
    ),
    NOTE: _fields(
        Field("kind", "str", True, (NOTE,)),
        Field("client", "str", True),
        Field("when", "datetime", True, doc="When: date and time of the contact"),
        Field("duration", "duration", doc="length of the contact, e.g. `50m`"),
        Field("type", "str", True, CONTACT_TYPES, "kind of contact (also How: in person, phone...)"),
        Field("format", "str", True, NOTE_FORMATS),
        Field("who", "list", True, doc="Who took part, with role or relation"),
        Field("where", "str", doc="Where: office, phone, video, home, or a named place"),
        Field("why", "str", doc="Why: the purpose of the contact"),
        Field("goals", "list", doc="IDs of the goals this contact worked on"),
        Field("tasks", "list", doc="IDs of the plan tasks this contact touched"),
        Field("author", "str", True, doc="the worker's ID"),
        Field("recorded", "datetime", True, doc="when the note was written"),
        Field("late_reason", "str", doc="why the note was written after the agency's time limit"),
        Field("status", "str", True, NOTE_STATUSES, "draft, or final once signed"),
        Field("signed_by", "str", doc="worker ID of the signer"),
        Field("signed_at", "datetime"),
        Field("review", "map", doc="supervisor review: state, by, at, comment"),
    ),
    ADDENDUM: _fields(
        Field("kind", "str", True, (ADDENDUM,)),
        Field("client", "str", True),
        Field("amends", "str", True, doc="path of the note it amends, relative to the client folder"),
        Field("reason", "str", True, ADDENDUM_REASONS),
        Field("why", "str", True, doc="the reason for the addendum, in words"),
        Field("author", "str", True),
        Field("recorded", "datetime", True),
        Field("status", "str", True, NOTE_STATUSES),
        Field("signed_by", "str"),
        Field("signed_at", "datetime"),
    ),
    CLOSING: _fields(
        Field("kind", "str", True, (CLOSING,)),
        Field("client", "str", True),
        Field("opened", "date", doc="date the case was opened"),
        Field("closed", "date", True, doc="date the case was closed"),
        Field("reason", "str", True, doc="why the case was closed"),
        Field("retain_until", "date", True, doc="records retention date (casefile.yml retention)"),
        Field("author", "str", True),
        Field("recorded", "datetime", True),
        Field("status", "str", True, NOTE_STATUSES, "always final: written signed by `casefile client close`"),
        Field("signed_by", "str"),
        Field("signed_at", "datetime"),
    ),
}

TASK_FIELDS = _fields(
    Field("id", "str", True, doc="t01, t02... unique within the plan"),
    Field("goal", "str", doc="the goal it serves"),
    Field("what", "str", True, doc="the task, one small step"),
    Field("who", "str", True, doc="who does it: client, worker, or a named person or agency"),
    Field("due", "date", True, doc="by when"),
    Field("status", "str", True, TASK_STATUSES),
    Field("done", "date", doc="when it was marked done or dropped"),
    Field("service", "map", doc="a service or referral: type, provider, follow_up (date), outcome"),
    Field("outcome", "str", doc="what came of the task, when it was closed"),
)

# Where each kind lives inside a client folder.
PROFILE_FILE = "profile.md"
PLAN_FILE = "plan.md"
GOALS_DIR = "goals"
NOTES_DIR = "notes"
ADDENDA_DIR = "addenda"
CLOSING_FILE = "closing.md"
CLIENTS_DIR = "clients"
CONFIG_FILE = "casefile.yml"
TEMPLATES_DIR = "templates"
