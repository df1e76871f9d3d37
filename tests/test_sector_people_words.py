"""Sector words: private people (a woman, girls, teens, pensioners) are civilians and a place before them
gives their state; militants who fight across states (Islamists, jihadists) have no state unless their phrase
names one.  Sentences are our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "words", "code"),
    [
        ("Oklahoma teens walked out of school on Monday.", "Oklahoma teens", "USACVL"),
        ("A woman was shot dead in Kabul on Friday.", "A woman", "CVL"),
        ("Pensioners in Athens marched against the cuts.", "Pensioners in Athens", "GRCCVL"),
    ],
)
def test_words_for_private_people_are_civilians(coder_keeping_all, text, words, code):
    doc = coder_keeping_all.code(text, date="2019-01-07")
    mention = next(m for m in doc.mentions if m.text == words)
    assert mention.actor is not None and mention.actor.code.endswith(code)


def actors_by_text(coder, text: str, date: str) -> dict:
    """Each resolved mention's actor, by the mention's words."""
    return {m.text: m.actor for m in coder.code(text, date=date).mentions if m.actor is not None}


def test_militants_across_states_are_not_the_storys_state(coder_keeping_all):
    text = (
        "Islamists attacked a gas field in eastern Algeria on Wednesday, Algerian officials said. "
        "Egyptian Islamists marched in Cairo. Officials warned against terrorist activities."
    )
    by_text = actors_by_text(coder_keeping_all, text, "2013-01-17")
    assert by_text["Islamists"].code == "IMGREB" and by_text["Islamists"].country is None
    assert by_text["Egyptian Islamists"].country == "EGY"
    # a modifier is no militant: the phrase is about activities
    assert by_text.get("terrorist activities") is None or by_text["terrorist activities"].code != "IMGREB"


def test_a_post_abroad_is_not_of_the_town_it_is_in(coder_keeping_all):
    text = (
        "Washington said on Tuesday that the Benghazi consulate had asked for more guards. "
        "Kyiv police said the Saudi consulate in Istanbul was closed."
    )
    by_text = actors_by_text(coder_keeping_all, text, "2012-10-02")
    assert by_text["the Benghazi consulate"].country != "LBY"
    assert by_text["Kyiv police"].country == "UKR"
