"""Felt gratitude and delight at a party's act are praise (issue 12): SUPPORT by who feels them.  Sentences
written for these tests."""

from __future__ import annotations

import pytest


def supports(coder, text: str) -> list:
    events = coder.code(text, date="2024-03-01").events
    return [e for e in events if e.modality == "asserted" and e.plover.get("type") == "SUPPORT"]


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("The Kenyan president said he was grateful to the British nurses for their work.", "KEN", "GBR"),
        ("The French premier was impressed by the German chancellor's speech.", "FRA", "DEU"),
    ],
)
def test_gratitude_for_a_partys_act_is_praise(coder_keeping_all, text, source, target):
    found = [e for e in supports(coder_keeping_all, text) if "gratitude" in e.rule]
    assert found, text
    assert found[0].source and found[0].source.actor and found[0].source.actor.country == source
    assert found[0].target and found[0].target.actor and found[0].target.actor.country == target


def test_delight_with_a_decision_is_praise(coder_keeping_all):
    text = "The miners' families were delighted with the court's ruling, their lawyer said."
    assert any("gratitude" in e.rule for e in supports(coder_keeping_all, text))


NO_CAUSE_OR_GUESSED = (
    "The Polish minister said she was delighted to announce the new budget.",
    "The mayor was grateful, aides said.",
    "If the vote passes, the governor would be grateful for the support.",
)


def test_gratitude_with_no_cause_or_only_guessed_is_no_praise(coder_keeping_all):
    for text in NO_CAUSE_OR_GUESSED:
        assert not [e for e in supports(coder_keeping_all, text) if "gratitude" in e.rule], text
