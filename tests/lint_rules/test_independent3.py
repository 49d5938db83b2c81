"""Judgements added while tuning on corpus/independent3/ (training data once corpus/independent4/ arrived;
docs/lint-quality.md, "Fourth independent set"): each test pairs what must be reported with the near-miss
that must not."""

from __future__ import annotations

import pytest

from casefile.lint.rules.smart import goal

from .helpers import codes, data_note


def found(text, **kw):
    return set(codes(data_note(text, **kw)))


def goal_codes(title, **kw):
    return set(codes(goal(title=title, **kw)))


@pytest.mark.parametrize("bad,good", [
    ("Client was compliant with the safety plan.", "The safety plan says the children stay with their aunt on weekends."),
    ("Client has poor hygiene.", "Client's shirt had food stains and there was a strong body odour."),
    ("Client is low-functioning.", "Client read the one-page form aloud and asked about two words."),
    ("Mrs. L is a sweet old lady who lives alone.", "Mrs. L is 84 and lives alone."),
    ("Tenant trashed the unit.", "The landlord said the tenant broke two cupboard doors."),
    ("Dad was out of it when the worker arrived.", "Dad said he wanted to get out of it before the lease renewed."),
])
def test_conclusions_and_labels_of_the_person(bad, good):
    assert {"CF302"} & found(bad)
    assert not {"CF302", "CF304"} & found(good)


@pytest.mark.parametrize("bad,good", [
    ("Client is a chronic no-show and a waste of program resources.", "Client missed 5 of the last 6 appointments."),
    ("Hopefully client will actually show up this time.", "Client attended at 10:00 as booked."),
])
def test_labels_anywhere_in_a_note(bad, good):
    for text, expected in ((bad, True), (good, False)):
        for note in (data_note(text), data_note("Client attended.", assessment=text),
                     data_note("Client attended.", plan=text)):
            assert ("CF302" in codes(note)) is expected


def test_a_better_headspace_is_a_state_and_slang():
    assert {"CF304", "CF401"} <= found("Client was in a better headspace today.")
    assert not {"CF304", "CF401"} & found("Client said she feels better than last week and rated her mood 6 out of 10.")


@pytest.mark.parametrize("title", [
    "Client will reconnect with family by 2027-03-01.",
    "Mrs. L will be safer at home by 2027-03-01.",
    "Client will be compliant with his probation order until 2027-03-01.",
    "Client will be able to manage her money by 2027-03-01.",
])
def test_states_and_vague_verbs_are_not_specific(title):
    assert "CF501" in goal_codes(title)


@pytest.mark.parametrize("bad,good", [
    ("Client will apply for 40 jobs a day for the next 3 weeks.",
     "Client will apply for 5 jobs a week for the next 3 weeks."),
    ("Client will send 100 job applications per week until 2027-03-01.",
     "Client will call 2 employers a day for the next 3 weeks."),
    ("I will save $6,000 within three months from my $1,400 a month cheque.",
     "I will save $600 within three months from my $1,400 a month cheque."),
])
def test_a_pace_or_a_saving_nobody_can_keep_up_is_not_achievable(bad, good):
    assert "CF503" in goal_codes(bad, due=None)
    assert "CF503" not in goal_codes(good, due=None)


def test_saving_beyond_the_income_to_a_deadline_counts_from_the_start():
    title = "Client will save $5,000 from her $1,100 monthly income support by 2027-06-30."
    assert "CF503" in goal_codes(title, due=None, start="2027-05-01")
    assert "CF503" not in goal_codes(title, due=None, start="2026-11-01")


@pytest.mark.parametrize("bad", [
    "Client must comply with all program rules or she will be discharged.",
    "Client was told to bring her résumé next time or the session would be cancelled.",
    "Worker told him he has to get a job or he's out of the program.",
])
def test_an_ultimatum_stresses_the_workers_authority(bad):
    assert "CF309" in found(bad)
    assert "CF309" not in found("Worker explained the program's attendance policy: after 3 missed sessions the "
                                "place goes to the next person on the waitlist; client said she would attend.")


@pytest.mark.parametrize("bad,good", [
    ("Visit completed as scheduled. Case plan reviewed with client.",
     "Client showed worker the new lease and said the rent is $950. Case plan reviewed with client."),
    ("Met with client. Discussed goals and the plan.",
     "Met with client. She said she sent 2 applications and has an interview on Friday."),
])
def test_facts_that_only_say_the_contact_happened_are_missing_what(bad, good):
    assert "CF202" in found(bad)
    assert "CF202" not in found(good)


def test_what_she_made_herself_is_not_the_workers_authority():
    assert "CF309" not in found("Client needed help with buttons and made her own sandwich without help.")
    assert "CF309" in found("Worker made her sign the release before the session.")
