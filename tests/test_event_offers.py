"""Which offers and agreements are AGREE (issue 12, helper agree): one to buy a firm or repay a debt is a
business act, which the real-news guidelines do not code (`commercial_verbs` in classes.yaml); an offer or
agreement of talks, aid or help stays AGREE.  Sentences we wrote."""

from __future__ import annotations

import pytest

from tests.test_event_recall_wording import of_type


@pytest.mark.parametrize(
    ("text", "agreement"),
    [
        ("A Dutch brewer has agreed to buy half of a Kenyan soft-drinks maker.", False),
        ("The bankrupt airline offered to repay its lenders half of the debt.", False),
        ("The two software firms agreed to merge early next year.", False),
        ("Greece agreed to host the next round of talks.", True),
        ("The Swiss government offered to mediate between the two rival factions.", True),
    ],
)
def test_a_deal_between_firms_is_no_agreement_but_an_offer_of_talks_is(coder_keeping_all, text, agreement):
    assert bool(of_type(coder_keeping_all, text, "AGREE")) is agreement, text
