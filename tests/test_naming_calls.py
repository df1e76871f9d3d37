"""A call that names its object ("called the push for a vote pitiful") is no appeal, even when the object has
a "for" of its own (issue 12, precision; sentences written for these tests)."""

from __future__ import annotations

import pytest

from tests.test_event_recall_wording import of_type


@pytest.mark.parametrize(
    "text",
    [
        "The senator called the governor's push for new taxes 'pitiful'.",
        "The judge called the fees for union members an oddity.",
        # a time phrase tells what else the speaker did, not what the call asks for
        "The mayor called the budget a mess before announcing that she would run again.",
    ],
)
def test_a_call_that_names_its_object_is_no_appeal(coder_keeping_all, text):
    assert not of_type(coder_keeping_all, text, "REQUEST"), text


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("Activists called for calm as a matter of urgency.", "REQUEST"),
        ("The union called on the ministry to reopen the wage talks.", "REQUEST"),
        ("The senator called the governor's tax plan a disgrace.", "ACCUSE"),
        ("The minister called the new pipeline a threat to the coast.", "ACCUSE"),
        ("The senator called the merger a train wreck.", "ACCUSE"),
    ],
)
def test_appeals_and_judgements_by_call_stay(coder_keeping_all, text, plover):
    assert of_type(coder_keeping_all, text, plover), text


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The Irish premier called out the British government over the border checks.", "ACCUSE"),
        ("The Chilean president called out the army after the riots.", "MOBILIZE"),
        ("The Danish government's posters were labelled a misjudgement by the opposition.", "ACCUSE"),
    ],
)
def test_calling_out_shames_a_party_or_mobilises_troops(coder_keeping_all, text, plover):
    assert of_type(coder_keeping_all, text, plover), text


def test_calling_out_to_someone_is_no_event(coder_keeping_all):
    text = "The Irish premier called out to reporters as he left the summit."
    assert not of_type(coder_keeping_all, text, "ACCUSE") and not of_type(coder_keeping_all, text, "MOBILIZE")
