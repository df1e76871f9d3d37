"""What an event is typed and which events are emitted, on real-news patterns (sentences written for these
tests): orders to one's own forces, one attack and its toll, idioms and non-political senses."""

from __future__ import annotations

import pytest

from eventcoder.verifier import is_scored


def types(events) -> list[str]:
    """The PLOVER types of the asserted, scored events, in order."""
    return [str(e.plover.get("type")) for e in events if is_scored(e)]


@pytest.mark.parametrize(
    "text",
    [
        "Putin ordered his troops to pull back from the Ukrainian border.",
        "The Kenyan president ordered Kenyan forces to withdraw from Somalia.",
        "Erdogan ordered the army to withdraw from northern Syria.",
    ],
)
def test_ordering_ones_own_forces_back_is_a_retreat(code, text):
    assert types(code(text)) == ["RETREAT"]


def test_ordering_another_states_forces_out_is_a_demand(code):
    assert types(code("Mali ordered French troops to withdraw from its territory.")) == ["REQUEST"]
