"""Words for private people (a woman, girls, teens, pensioners) are civilian actors, and a place before them
gives their state.  Sentences are our own."""

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
