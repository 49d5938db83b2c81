"""Targeted tests of the judgement: sections, quotations, reported speech, negation, observable versus
inferred, the neutral 'refused', the five Ws from fields and body, SMART letters from fields or sentence."""

from __future__ import annotations

import pytest

from casefile.lint.rules.five_ws import note
from casefile.lint.rules.smart import goal

from .helpers import codes, context, data_note, run


def cf3(text, **kw):
    return [c for c in codes(data_note(text, **kw)) if c.startswith("CF3")]


# --- sections -----------------------------------------------------------------------------------------

def test_hedge_in_data_but_not_in_assessment():
    assert "CF301" in cf3("Client seems anxious.")
    assert cf3("Client arrived at 10:00.", assessment="Client seems anxious about the hearing; probably the date.") == []


def test_attributed_opinion_allowed_in_assessment():
    assert cf3("Client brought her lease.", assessment="In my professional opinion she may be ready to live alone.") == []


def test_attributed_opinion_in_data_is_moved_not_silenced():
    hits = run("CF301", data_note("In my professional opinion she is probably ready to live alone."))
    assert hits and "Assessment" in hits[0].message


def test_free_note_allows_attributed_opinion():
    text = note(front="format: free", body="Met client at the office. She brought her lease. In my professional "
                                            "opinion she is probably ready to live alone. Next session 2026-11-27.\n")
    assert "CF301" not in codes(text)
    text = note(front="format: free", body="Met client at the office. She probably lost the lease.\n")
    assert "CF301" in codes(text)


def test_soap_objective_is_facts_and_birp_response_is_opinion():
    soap = note(front="format: SOAP", body="## Subjective\nClient said she slept well.\n## Objective\n"
                                           "Client seemed depressed.\n## Assessment\nOn track.\n## Plan\nNext 2026-11-27.\n")
    assert "CF304" in codes(soap)
    birp = note(front="format: BIRP", body="## Behavior\nClient arrived at 10:00.\n## Intervention\nWorker reviewed"
                                           " the plan.\n## Response\nClient seemed hopeful.\n## Plan\nNext 2026-11-27.\n")
    assert not [c for c in codes(birp) if c in ("CF301", "CF304")]


# --- quotations and reported speech ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    'Client said, "My landlord is lazy and refused to fix the heat."',
    'Client said, "Maybe I\'ll quit."',
    "Client said, \u201cI was drunk and stupid that night.\u201d",
    'She described herself as "a recovering addict".',
])
def test_words_inside_a_direct_quote_are_the_clients(text):
    assert [c for c in codes(data_note(text)) if c[:3] in ("CF3", "CF4")] == []


def test_reported_speech_is_not_the_workers_hedge():
    assert cf3("Client said she might move in with her sister.") == []
    assert cf3("Client reported feeling anxious about the hearing.") == []
    assert "CF304" in cf3("Client was anxious about the hearing.")


def test_doubt_markers_are_not_excused_as_reporting_verbs():
    assert "CF303" in cf3("Client claims she paid the rent.")
    assert "CF303" in cf3("Client admits to drinking on Saturday.")
    assert "CF303" not in cf3("Client was admitted to hospital on 3 November.")


# --- observable versus inferred, negation, neutral senses -------------------------------------------

@pytest.mark.parametrize("text", [
    "Client appeared tearful and spoke slowly.",
    "He smelled of alcohol, his speech was slurred, and he held the back of the chair.",
    "Client did not appear intoxicated; her speech was clear.",
    "Client was not aggressive at any point.",
])
def test_observations_and_negations_are_facts(text):
    assert cf3(text) == []


@pytest.mark.parametrize("text,code", [
    ("Client appeared depressed.", "CF304"),
    ("Client was depressed.", "CF304"),
    ("Father was drunk at the visit.", "CF302"),
    ("Jordan appeared intoxicated.", "CF302"),
])
def test_inferred_states_are_flagged(text, code):
    assert code in cf3(text)


@pytest.mark.parametrize("text", [
    "The landlord refused the rental application.",
    "The bank refused to open an account without ID.",
    "Her application was refused in August.",
])
def test_refused_by_others_is_neutral(text):
    assert "CF302" not in cf3(text)


def test_refused_by_the_client_is_a_label_with_a_rewrite():
    hits = run("CF302", data_note("Client refused to take her medication."))
    assert hits and "declined" in hits[0].suggestion


def test_message_holds_only_the_matched_words():
    hits = run("CF302", data_note("Client was manipulative with the front desk staff on Tuesday."))
    assert hits[0].message.count("'") == 2 and "manipulative" in hits[0].message
    assert "Tuesday" not in hits[0].message and "front desk" not in hits[0].message


def test_sensitive_identifier_message_never_echoes_the_number():
    hits = run("CF404", data_note("Client's SIN is 046 454 286."))
    assert hits and "046" not in hits[0].message


def test_hit_positions_point_at_the_word():
    text = data_note("Client seems anxious.")
    hit = run("CF301", text)[0]
    line = text.split("\n")[hit.line - 1]
    assert line[hit.column - 1:hit.end_column - 1].lower() == "seems"


# --- five Ws ----------------------------------------------------------------------------------------------

def test_complete_note_is_silent():
    assert [c for c in codes(note()) if c.startswith("CF2")] == []


def test_no_show_needs_less():
    text = note(front="type: no-show\nwho: [worker asmith]", body="Client did not attend. Worker called at 10:45.\n",
                drop=("where", "why"))
    assert [c for c in codes(text) if c.startswith("CF2") or c == "CF608"] == []


def test_phone_implies_where():
    assert "CF203" not in codes(note(front="type: phone", drop=("where",)))
    assert "CF203" in codes(note(drop=("where",)))


def test_where_from_the_body():
    body = "## Data\nMet client at the public library on Main St.\n\n## Assessment\nOk.\n\n## Plan\nNext 2026-11-27.\n"
    assert "CF203" not in codes(note(body=body, drop=("where",)))


def test_future_when_is_an_error():
    assert run("CF204", note(front="when: 2026-11-23T10:00\nrecorded: 2026-11-23T11:00"))


def test_who_only_client_when_others_present():
    body = ("## Data\nAn interpreter, Mr. Haddad, joined by phone and interpreted throughout.\n\n"
            "## Assessment\nOk.\n\n## Plan\nNext 2026-11-27.\n")
    assert run("CF201", note(body=body))
    assert not run("CF201", note(front="who: [client, worker asmith, interpreter Mr. Haddad]", body=body))
    mention = "## Data\nClient said her mother is unwell.\n\n## Assessment\nOk.\n\n## Plan\nNext 2026-11-27.\n"
    assert not run("CF201", note(body=mention))


def test_data_with_only_opinion_has_no_what():
    assert run("CF202", data_note("Client seemed unmotivated and probably is not looking for work."))
    assert not run("CF202", data_note("Client seemed tired. She said, \"I worked a double shift.\""))


# --- SMART ------------------------------------------------------------------------------------------------

def cf5(text, ctx=None):
    return sorted({c for c in codes(text, ctx) if c.startswith("CF5") and c != "CF504"})


def test_one_sentence_smart_goal_is_silent():
    assert cf5(goal(title="Ms. Jones will attend a 12-week parenting class weekly and complete it by March 31",
                    due=None)) == []


def test_structured_fields_meet_the_letters():
    g = goal(title="Move into my own place", due="2027-05-01",
             extra='specific: "Sign a lease for a one-bedroom unit in Halifax that costs under 35% of income"\n'
                   "measure: {metric: leases signed, baseline: 0, target: 1}")
    assert cf5(g) == []


def test_vague_goal_fails_per_letter():
    assert cf5(goal(title="Improve housing situation", due=None)) == ["CF501", "CF502", "CF505"]


def test_dead_man_test():
    assert "CF506" in cf5(goal(title="Stop missing appointments"))
    assert "CF506" in cf5(goal(title="No more outbursts at school"))
    assert "CF506" not in cf5(goal(title="Attend all 8 scheduled appointments in March"))


def test_short_term_goal_due_in_five_months():
    hits = run("CF507", goal(term="short", start="2026-11-02", due="2027-04-02"))
    assert hits and "short-term" in hits[0].message
    assert not run("CF507", goal(term="short", start="2026-11-02", due="2026-11-23"))


def test_horizons_from_config():
    class Cfg:
        horizons = {"short": ["1w", "26w"], "long": ["3mo", "12mo"]}
        note_format = "DAP"

    ctx = context(config=Cfg())
    assert not run("CF507", goal(term="short", start="2026-11-02", due="2027-04-02"), ctx)


def test_relevance_needs_the_profile():
    assert run("CF504", goal())
    assert not run("CF504", goal(extra="addresses: [n1]"))
    assert not run("CF504", goal(), context(known=False))
