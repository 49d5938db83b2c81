"""Judgements added while tuning on corpus/independent5/ (training data once corpus/independent6/ arrived;
docs/lint-quality.md, "Sixth independent set"): each test pairs what must be reported with the near-miss
that must not."""

from __future__ import annotations

import pytest

from casefile.lint import text as T

from .helpers import codes, data_note


def found(text, **kw):
    return set(codes(data_note(text, **kw)))


@pytest.mark.parametrize("text, quoted", [
    ("Child disclosed that 'daddy hits mummy when he's angry'.", "'daddy hits mummy when he's angry'"),
    ("Client said, 'I'm so sick of being treated like a junkie.'", "'I'm so sick of being treated like a junkie.'"),
    ("The kids' toys were on the floor and she said 'fine' twice.", "'fine'"),
])
def test_single_quotation_marks_hold_apostrophes_inside_words(text, quoted):
    assert [text[s:e] for s, e in T.quoted_spans(text)] == [quoted]


def test_a_quotation_in_single_marks_is_the_speakers_words():
    assert not found("Client said, 'I'm so sick of being treated like a junkie.'") & {"CF401", "CF405"}
    assert "CF405" in found("Client is a junkie.")
    assert "CF401" not in found("Child disclosed that 'daddy hits mummy when he's angry'.")


@pytest.mark.parametrize("bad, good, code", [
    ("Client was having a whinge about Centrelink again.",
     "Client said Centrelink has not answered her call about the payment since 2026-11-10.", "CF401"),
    ("Client was having a whinge about Centrelink again.",
     "Client said Centrelink has not answered her call about the payment since 2026-11-10.", "CF303"),
    ("Client was chucked out of his mum's place on Tuesday.",
     "Client's mother told him to leave her home on Tuesday; he stayed at the shelter.", "CF401"),
    ("Client is doing it tough since the floods.", "Client said money has been short since the floods in March.",
     "CF401"),
    ("Will ring youth this arvo to check in.", "Will phone youth at 3 pm today about the school meeting.", "CF401"),
    ("Client will hopefully stay off the gear until the housing panel.",
     "Client said she plans not to use heroin before the housing panel on 2026-12-03.", "CF401"),
    ("Client was stoked about the job offer.", "Client smiled and said, \"I start Monday.\"", "CF401"),
    ("Client was stoked about the job offer.", "Client smiled and said, \"I start Monday.\"", "CF304"),
    ("Client is a cutter.", "Client has healing cuts on her left forearm; she said she last cut on 2026-11-02.",
     "CF405"),
    ("Youth is gang-affiliated.", "The police report of 2026-10-02 names youth as present with two people charged.",
     "CF302"),
    ("Client showed no remorse for the offence.", "Asked about the offence, client said, \"He shouldn't have been there.\"",
     "CF302"),
])
def test_informal_words_labels_and_inferred_states(bad, good, code):
    assert code in found(bad)
    assert code not in found(good)


def test_bac_is_an_acronym_in_general_use():
    assert "CF402" not in found("Client provided a breath sample at 09:10 that read 0.06 BAC on the office device.")


@pytest.mark.parametrize("good", [
    "Client used a box cutter at work to open the delivery boxes.",
    "Client's son was playing games on the tablet during the visit.",
])
def test_literal_senses_are_left_alone(good):
    assert not found(good) & {"CF401", "CF405", "CF302"}
