"""An epithet said of a party, its policy or a named thing as a noun with "a" is an accusation by the speaker
('"The tax is a fiasco in the making," the mayor said'); an epithet that only describes a thing or an event is
not (issue 12, recall of evaluative speech; sentences written for these tests)."""

from __future__ import annotations

import pytest

from tests.test_event_recall_wording import of_type


@pytest.mark.parametrize(
    "text",
    [
        '"The new water tax is a nightmare for every farmer," the opposition leader said on Monday.',
        '"The mayor is a sick man," the opposition leader told the crowd.',
        '"Brexit is a catastrophe," the former minister said at the conference.',
    ],
)
def test_an_epithet_naming_a_party_or_policy_accuses(coder_keeping_all, text):
    events = of_type(coder_keeping_all, text, "ACCUSE")
    assert events, text
    assert events[0].source is not None and events[0].source.text != "", text


@pytest.mark.parametrize(
    "text",
    [
        '"It was a terrorist attack on a peaceful town," the envoy said.',
        '"The border talks were hostile at times," the envoy said.',
        '"The storm is a threat to the whole coast," the governor said.',
    ],
)
def test_an_epithet_describing_a_thing_accuses_no_one(coder_keeping_all, text):
    assert not of_type(coder_keeping_all, text, "ACCUSE"), text


def test_a_speaker_admitting_it_was_wrong_concedes_and_accuses_no_one(code):
    events = code("The Dutch home secretary has admitted he was wrong to give away the tickets.")
    types = {e.plover.get("type") for e in events if e.modality == "asserted"}
    assert "CONCEDE" in types and "ACCUSE" not in types, types
