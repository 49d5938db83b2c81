"""Judgements added while tuning on corpus/independent2/ (training data once corpus/independent3/ arrived;
docs/lint-quality.md, "Third independent set"): each test pairs what must be reported with the near-miss
that must not."""

from __future__ import annotations

import pytest

from casefile.lint.rules.smart import goal

from .helpers import codes, data_note


def found(text, **kw):
    return codes(data_note(text, **kw))


def goal_codes(title, **kw):
    return codes(goal(title=title, due=None, **kw))


def scored(text, **kw):
    return {c for c in found(text, **kw) if c[:3] in ("CF3", "CF4")}


@pytest.mark.parametrize("bad,good", [
    ("She gave worker her SIN, 046 454 286, for the wage subsidy form.",
     "She brought her SIN card, and worker confirmed it is on file with intake."),
    ("Mr. Ahmed gave his bank account number, 00123-004-5567812, for the deposit.",
     "Mr. Ahmed brought his bank account details, 2 pay stubs and his lease."),
    ("Client showed worker her health card, number 1234-567-890-AB.",
     "Client showed worker her health card, which is valid until 2028."),
])
def test_identifier_after_a_comma(bad, good):
    assert "CF404" in found(bad)
    assert "CF404" not in found(good)


def test_refuse_the_noun_and_an_employers_refusal_are_neutral():
    assert "CF302" in found("Client refused to sign the release of information.")
    assert "CF302" not in found("Two bags of refuse were stacked by the back door.")
    assert "CF302" not in found("Lakeside Logistics refused her application because her certificate had expired.")


@pytest.mark.parametrize("bad,good", [
    ("Ms. Okafor is not really trying to find work.", "Ms. Okafor said she is trying to find work near her son's school."),
    ("Ms. Boyd chose not to bother coming to the case conference.",
     "Worker agreed not to bother Ms. Boyd at work; she did not attend the case conference."),
    ("It appears to this worker that Ms. Okafor is playing the victim.",
     "Ms. Okafor said she was the victim of a break-in on 2026-11-02."),
    ("The children were well cared for.", "The children were clean, dressed for the weather and said they had eaten lunch."),
])
def test_judgements_of_effort_motive_and_care(bad, good):
    assert "CF302" in found(bad)
    assert not scored(good)


def test_a_cause_that_made_her_feel_something_is_not_authority():
    assert "CF309" in found("Worker made her sign the budget form before she left.")
    assert "CF309" not in found("She said she stopped taking sertraline on 2026-11-10 because it made her nauseous.")


@pytest.mark.parametrize("title,measurable", [
    ("Jordan will apply for more jobs each week until 2026-12-15.", False),
    ("Jordan will apply for 3 more jobs each week until 2026-12-15.", True),
    ("Kai will get his food-handler certificate.", True),
    ("Kai will refrain from swearing at staff during group for the next 3 weeks.", True),
    ("Mr. Lee will repaint his bicycle by 2026-12-01.", True),
    ("Client will go to no more than 2 parties a month by 2026-12-01.", True),
])
def test_measurable_end_states_and_comparatives_without_a_count(title, measurable):
    assert ("CF502" not in goal_codes(title)) is measurable


def test_slang_for_a_partner_and_for_backing_out():
    assert "CF401" in found("Mr. Diaz's old lady dropped him off.")
    assert "CF401" not in found("An old man at the bus stop gave client directions to the office.")
    assert "CF401" in found("Her ride bailed, so she took the bus and got in at 10:25.")
    assert "CF401" not in found("Her brother bailed her out on 2026-11-14.")


def test_absolute_prediction_and_seriousness():
    assert "CF305" in found("Client brought her lease.", assessment="Ms. Okafor will never find work in her field.")
    assert "CF305" not in found("Client brought her lease.",
                                assessment="Ms. Okafor said, \"I will never find work in my field.\"")
    assert "CF302" in found("Client brought her lease.",
                            assessment="Her positive screens show she is not serious about reunification.")
    assert "CF302" not in found("Client said she is serious about reunification and will attend all 6 visits.")
