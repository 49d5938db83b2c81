"""Judgements added while tuning on the independent set's tune half (docs/lint-quality.md, "Independent set"):
each test pairs what must be reported with the near-miss that must not."""

from __future__ import annotations

import pytest

from casefile.lint import wordlists as W
from casefile.lint.rules.five_ws import note
from casefile.lint.rules.smart import goal

from .helpers import codes, data_note, run


def found(text, **kw):
    return codes(data_note(text, **kw))


def goal_codes(title, **kw):
    return codes(goal(title=title, due=None, **kw))


# --- fact and opinion ------------------------------------------------------------------------------------

def test_vague_frequency_next_to_its_count_is_description():
    assert "CF307" in found("Client changed topics often.")
    assert "CF307" not in found("Client changed topics often; worker redirected her four times.")


def test_quoted_quantity_inside_the_workers_phrase_is_a_scare_quote():
    assert "CF306" in found('Client reports working "some" hours at the restaurant.')
    assert "CF306" not in found('Client said she feels "stuck" at the shelter.')
    assert "CF306" not in found('Client said she was "kinda nervous" about the interview.')


def test_prediction_in_the_plan():
    assert "CF308" in found("Client brought her lease.", plan="Client will probably just miss the next session.")
    assert "CF308" not in found("Client brought her lease.", plan="Client said she will probably bring the lease.")
    assert "CF308" not in found("Client brought her lease.", plan="Worker to call the landlord by 2026-11-27.")


@pytest.mark.parametrize("bad,good", [
    ("Client is a nice young man who needs a break.", "Client said the new worker is a nice man."),
    ("Client's mother is overprotective and smothering.", "Client's mother said she does not let him take the bus."),
    ("Client wasn't really trying in the mock interview.", "Client said she is not trying to avoid the worker."),
    ("Client once again failed to bring the pay stubs.", "Client did not bring the pay stubs; third time since 2 November."),
    ("He always has an excuse for being late.", "He brought a doctor's excuse note for Monday."),
])
def test_labels_and_their_near_misses(bad, good):
    assert "CF302" in found(bad)
    assert "CF302" not in found(good)


def test_credibility_judgement_is_reported_even_when_attributed():
    assert "CF302" in found("Client arrived at 10:00.", assessment="Worker assessed that client is not being honest.")


def test_absolute_prediction_in_assessment():
    assert "CF305" in found("Client arrived at 10:00.", assessment="Client will never be able to hold down a job.")
    assert "CF305" not in found("Client arrived at 10:00.", assessment="Client said she will never go back to him.")


def test_whether_actually_questions_the_client():
    assert "CF303" in found("Client arrived.", plan="Worker will check whether client is actually looking for work.")
    assert "CF303" not in found("Client actually arrived ten minutes early.")


def test_bare_might_is_a_hedge_in_data_only():
    assert "CF301" in found("Client might lose her apartment next month.")
    assert "CF301" not in found("Client said she might lose her apartment next month.")


# --- language --------------------------------------------------------------------------------------------

def test_eye_dialect_only_inside_quotes():
    assert "CF406" in found('He said he was "gonna git" his check "tomorra."')
    assert "CF406" not in found('He said, "I\'m gonna be late."')
    assert "CF406" not in found("Client will git the forms.")  # outside a quote it is a typo, not a rendering


def test_labelled_identifier_with_words_between():
    assert "CF404" in found("Client's bank account number for direct deposit is 004-12345-6789012.")
    assert "CF404" in found("Worker will email client's SIN (046 454 286) to the employer.")
    assert "CF404" not in found("Client paid the $35 application fee by credit card at the front desk.")
    assert "CF404" not in found("Her account number is on file, and the balance was 3000 dollars.")


def test_idioms_are_informal_and_frequent_flyer_is_slang():
    assert "CF401" in found("He's a frequent flyer at the shelter.")
    assert "CF401" in found("Client is working the system.")
    assert "CF302" in found("Client is working the system.")


def test_known_organisation_initials():
    assert "CF402" not in found("Tess will ask the YMCA after-school program about spaces.")


# --- five Ws ---------------------------------------------------------------------------------------------

def test_facts_that_only_say_the_contact_happened():
    body = "## Data\nMet with client.\n\n## Assessment\nSession went well.\n\n## Plan\nWill continue to follow.\n"
    assert "CF202" in codes(note(body=body))
    body = "## Data\nMet with client at 10:00; she brought her lease.\n\n## Assessment\nOn track.\n\n## Plan\nNext 2026-11-27.\n"
    assert "CF202" not in codes(note(body=body))


def test_probation_officer_by_initials_took_part():
    body = ("## Data\nHer PO, Ms. Grant, joined by speakerphone from 10:15 to 10:25.\n\n## Assessment\nOn track.\n\n"
            "## Plan\nNext 2026-11-27.\n")
    assert "CF201" in codes(note(body=body))
    assert "CF201" not in codes(note(front="who: [client, probation officer Ms. Grant, worker asmith]", body=body))


# --- goals -----------------------------------------------------------------------------------------------

def test_goal_without_an_actor_is_not_specific_even_when_negative():
    assert "CF501" in goal_codes("Attend AA meetings by 2027-01-15")
    assert "CF501" not in goal_codes("Client will attend 2 AA meetings a week until 2027-01-15")
    # both independent labellers: no actor fails Specific, negative or not (CF506 reports the framing)
    assert {"CF501", "CF506"} <= set(goal_codes("Stop missing appointments"))
    assert "CF501" not in goal_codes("I will stop missing appointments by using phone reminders until 2027-01-15")


def test_sobriety_and_reducing_a_behaviour_are_negative():
    assert "CF506" in goal_codes("Maintain sobriety for 90 days")
    assert "CF506" in goal_codes("Client will decrease cigarette use from 20 to 10 a day by 2027-01-15")
    assert "CF506" not in goal_codes("Client will reduce her rent arrears from $1,800 to $600 by 2027-04-30")


def test_a_start_is_not_a_deadline():
    assert "CF505" in goal_codes("Client will go to the gym 3 times a week starting in January")
    assert "CF505" not in goal_codes("Client will go to the gym 3 times a week starting in January for 8 weeks")


def test_negative_with_its_replacement_behaviour():
    assert "CF506" not in goal_codes("I will stop isolating and call one friend every week for the next 3 weeks")
    assert "CF506" in goal_codes("Client will stop isolating")
    assert "CF506" not in goal_codes("Client will rent a unit that costs no more than $1,100 a month by 2027-05-01")


def test_programme_longer_than_its_deadline():
    assert "CF503" in goal_codes("Ms. Ortiz will complete a 4-year nursing degree by 2027-01-31")
    assert "CF503" not in goal_codes("Ms. Jones will attend a 12-week parenting class weekly and complete it by "
                                     "March 31, 2027")


def test_one_scheduled_event_is_measurable():
    assert "CF502" not in goal_codes("Ms. Kane will attend the family court hearing on 2027-01-10")
    assert "CF502" in goal_codes("Client will attend therapy")


def test_a_wish_is_not_specific_but_can_be_measurable():
    found_ = goal_codes("I want to get my kids back")
    assert "CF501" in found_ and "CF502" not in found_


# --- severity and scanning ---------------------------------------------------------------------------------

def test_word_list_hits_carry_the_entrys_severity():
    hits = run("CF301", data_note("In my professional opinion she is ready to live alone."))
    assert hits and hits[0].severity == "info"  # the entry's own severity, not the rule's warning
    hits = run("CF302", data_note("Client is lazy."))
    assert hits and hits[0].severity == "warning"


def test_body_scan_skips_goal_lists():
    wl = W.load({})
    assert not [m for m in wl.scan('She said, "I want to move."') if m.entry.category == "vague-verb"]
    assert wl.scan("I want to move.", {"vague-verb"})


# --- judgements added while tuning on all of corpus/independent (docs/lint-quality.md, "Second independent set") ---

@pytest.mark.parametrize("text,code", [
    ("Client freaked out when she heard about the transfer.", "CF304"),  # slang naming a state: both families
    ("Client freaked out when she heard about the transfer.", "CF401"),
    ("Client lost it in the waiting room.", "CF304"),
    ("Client felt abandoned by her mother.", "CF304"),
    ("Client was disappointed about the decision.", "CF304"),
    ("Client was very cooperative today.", "CF302"),
    ("Client was very cooperative today.", "CF305"),
    ("Client showed up late as usual.", "CF305"),
    ("Client has been sober for a long time.", "CF307"),
    ("Unfortunately, client chose to spend her rent money on cigarettes.", "CF301"),
    ("Client stated she would never hurt her kids, which seems unlikely.", "CF301"),
    ("Client said she was \"sick\" and could not come to group.", "CF306"),
    ("Client was \"too busy\" to attend the parenting class.", "CF306"),
    ("Client's place was a dump.", "CF302"),
    ("Client's place was a dump.", "CF401"),
    ("Client gave a bunch of excuses.", "CF401"),
    ("Mom was being difficult throughout the visit.", "CF401"),
    ("Client complains of back pain.", "CF405"),
    ("Client's last screen was dirty.", "CF405"),
])
def test_new_judgements_fire(text, code):
    assert code in found(text)


@pytest.mark.parametrize("text", [
    "Client said she felt unsafe at the shelter.",
    "Client reported feeling abandoned by her mother.",
    "Client was hurt in a fall at work on 2026-11-03.",
    "Client's application was rejected on 2026-11-05.",
    "Client said, \"I was very upset.\"",
    "Worker and client reviewed the very first application she submitted.",
    "Client's urine screen on 2026-11-10 was negative for all substances; her room was clean.",
    "Client said she was so tired after the night shift that she fell asleep on the bus.",
    "Client said she feels \"stuck\" at the shelter.",
    "Client said the job search has been \"exhausting\" and that she has applied to 12 jobs.",
    "The building was found non-compliant with the fire code by the city inspector on 2026-11-10.",
    "The child protection referral alleges that the children were left alone overnight on 2026-11-14.",
    "Client said her landlord insists on cash payments.",
    "Client's blood pressure reading was high (162/98), according to the printout she brought.",
])
def test_new_judgements_near_misses_stay_silent(text):
    assert not {c for c in found(text) if c[:3] in ("CF3", "CF4")}


def test_a_relative_clause_on_a_report_is_the_workers_comment():
    assert "CF301" not in found("Client stated she would never hurt her kids.")
    assert "CF301" in found("Client stated she would never hurt her kids, which seems unlikely.")


def test_mention_of_a_word_is_not_a_scare_quote():
    assert "CF306" not in found("Client arrived at 10:00.",
                                assessment="Client may not have understood the letter, as she asked what a 'variance' is.")
