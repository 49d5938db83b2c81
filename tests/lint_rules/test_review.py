"""Findings from the review of `casefile lint`: one finding per word, neutral risk-screen wording, short
CF104 messages, non-entry Markdown files, and misses on clearly bad Data."""

from __future__ import annotations

import pytest

from .helpers import codes, context, data_note, run


def test_cf104_message_does_not_repeat_a_long_value():
    long = "session with the client about her housing and her children's school"
    text = data_note("Client arrived at 10:00.").replace("type: session", f"type: {long}")
    hits = run("CF104", text)
    assert hits and long not in hits[0].message and "housing" not in hits[0].message
    assert "session with the" in hits[0].message and "…" in hits[0].message


@pytest.mark.parametrize("data", [
    "The apartment was a pigsty.",
    "Client was high during the session.",
    "Client was tweaking in the waiting room.",
    "Client is in denial about the arrears.",
    "Her ex is a deadbeat.",
])
def test_a_word_in_two_families_is_reported_by_each_at_the_same_span(data):
    from casefile.lint.api import REGISTRY
    from .helpers import entry_of

    e = entry_of(data_note(data))
    hits = [(c, h.line, h.column, h.end_line, h.end_column) for c, r in sorted(REGISTRY.items())
            if c[:3] in ("CF3", "CF4") for h in r.check(e, context())]
    assert len({h[0] for h in hits}) >= 2  # each family that holds the word reports it, on its own
    assert len({h[1:] for h in hits}) == 1  # ... at the same words


def test_removing_a_word_removes_it_from_every_list():
    ctx = context(settings={"words": {"remove": ["deadbeat", "pigsty"]}})
    for data in ("Her ex is a deadbeat.", "The apartment was a pigsty."):
        found = [c for c in codes(data_note(data), ctx=ctx) if c[:3] in ("CF3", "CF4")]
        assert found == [], (data, found)


@pytest.mark.parametrize("data", [
    "He denied thoughts of harming himself or others.",
    "Client denies SI/HI.",
    "She denied suicidal ideation, intent or plan.",
    "He denied any thoughts of self-harm.",
    "Client denied homicidal ideation.",
])
def test_risk_screen_denials_are_neutral(data):
    assert "CF303" not in codes(data_note(data))


def test_denies_is_still_a_doubt_marker_elsewhere():
    assert "CF303" in codes(data_note("She denies using any substances since March."))


@pytest.mark.parametrize("data,code", [
    ("It appears that X had been using again.", "CF301"),
    ("Client has anger issues.", "CF302"),
    ("The home was unkempt and chaotic.", "CF302"),
    ("The children live in a chaotic household.", "CF302"),
])
def test_clearly_bad_data_is_caught(data, code):
    assert code in codes(data_note(data))


def test_appearance_in_a_mental_status_exam_is_not_a_judgement_of_a_home():
    assert "CF302" not in codes(data_note("Client appeared unkempt, with stained clothes."))


@pytest.mark.parametrize("plan", ["Continue to monitor.", "Follow up as needed.", "Will continue to support client.",
                                  "F/U PRN."])
def test_a_plan_that_names_no_step_is_cf608(plan):
    assert "CF608" in codes(data_note("Client arrived at 10:00.", plan=plan))


@pytest.mark.parametrize("plan", ["Review on 2026-11-27.",
                                  "Continue to monitor. Worker to call the landlord by 2026-11-27."])
def test_a_plan_with_a_step_is_not_cf608(plan):
    assert "CF608" not in codes(data_note("Client arrived at 10:00.", plan=plan))


@pytest.mark.parametrize("path", ["clients/c-0002/attachments/letter.md", "clients/c-0002/README.md", "letter.md"])
def test_a_markdown_file_that_is_not_an_entry_gets_no_error(path):
    assert run("CF101", "Dear landlord,\n\nPlease find the lease attached.\n", path=path) == []


@pytest.mark.parametrize("path", ["clients/c-0002/notes/2026-11-20-1030-session.md", "clients/c-0002/plan.md",
                                  "clients/c-0002/goals/g01.md", "clients/c-0002/profile.md"])
def test_an_entry_without_front_matter_is_still_cf101(path):
    assert [h.message for h in run("CF101", "Client arrived at 10:00.\n", path=path)] == [
        "no front matter: the file should start with a '---' block of fields"]

