"""Type decisions the PLOVER manual makes against the 2021 crosswalk (issue 12): apologies and promised
concessions are CONCEDE.  Sentences written for these tests."""

from __future__ import annotations

import pytest


def asserted_types(coder, text: str) -> dict[str, str | None]:
    events = coder.code(text, date="2024-03-01").events
    return {
        e.trigger: e.plover.get("type") for e in events if e.modality == "asserted" and e.cameo_root != "01"
    }


@pytest.mark.parametrize(
    "text",
    [
        "The Dutch government apologised to the former miners on Monday.",
        "The Danish minister said she was sorry for the delays at the border crossing.",
        'The governor told reporters: "We are deeply sorry that the villagers waited so long."',
        "Minister sorry over housing blunder",
        "The Italian premier made an apology to the flood victims.",
    ],
)
def test_an_apology_is_a_concession(coder_keeping_all, text):
    assert "CONCEDE" in asserted_types(coder_keeping_all, text).values(), text


@pytest.mark.parametrize(
    "text",
    [
        "The farmers said they felt sorry for the striking drivers.",
        "The mayor said she was sorry to hear about the storm.",
        "The minister said he was sorry for their loss.",
        "It was a sorry state of affairs for the council.",
        "He would be sorry if the talks collapsed.",
    ],
)
def test_pity_courtesy_and_guesses_are_no_apology(coder_keeping_all, text):
    assert "CONCEDE" not in asserted_types(coder_keeping_all, text).values(), text
