"""Defending seats or a title is an electoral race, no support of a party; defending a party or a party's
policy stays SUPPORT (issue 12, precision; sentences written for these tests)."""

from __future__ import annotations

import pytest

from tests.test_event_recall_wording import of_type


@pytest.mark.parametrize(
    "text",
    [
        "Republicans are defending twenty seats in the autumn elections.",
        "The ruling party is defending a slim majority in the regional assembly.",
    ],
)
def test_defending_seats_is_no_support(coder_keeping_all, text):
    assert not of_type(coder_keeping_all, text, "SUPPORT"), text


@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan foreign minister defended Uganda's handling of the border dispute.",
        "The senator defended the agency and its director against the charges.",
    ],
)
def test_defending_a_party_or_its_policy_stays_support(coder_keeping_all, text):
    assert of_type(coder_keeping_all, text, "SUPPORT"), text
