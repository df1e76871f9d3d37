"""Targets that are no recipient (events/recipients.py): the source's own state named bare, and the town where
a verbal act was made.  The full pipeline is used: the pass runs after the verifier, beside the nearest-party
fallback.  Sentences are our own."""

from __future__ import annotations


def _events(coder, text, plover):
    return [e for e in coder.code(text, date="2023-05-01").events if e.plover.get("type") == plover]


def _country(mention):
    return mention.actor.country if mention is not None and mention.actor is not None else None


def test_a_leader_does_not_address_his_own_state_in_a_call(coder):
    text = (
        "President Biden called for stricter border checks on Tuesday, saying the United States "
        "must act before the summer."
    )
    events = _events(coder, text, "REQUEST")
    assert events
    assert all(e.target is None or e.target.text != "the United States" for e in events)


def test_a_state_is_not_the_target_of_its_own_refusal(coder):
    text = "Norway has declined the loan, with Norway preferring to pay from its own reserves."
    for event in _events(coder, text, "REJECT"):
        assert event.target is None or event.target.text != "Norway"


def test_a_town_where_a_demand_was_made_is_no_recipient(coder):
    text = "The education minister called for tighter gun laws after the shooting in Dayton, Ohio."
    events = [e for e in _events(coder, text, "REQUEST") if "call" in e.trigger]
    assert events
    assert all(e.target is None or "Dayton" not in e.target.text for e in events)


def test_praise_given_at_a_meeting_abroad_is_not_aimed_at_the_host_town(coder):
    text = "At their meeting in Geneva, the finance ministers backed plans to cancel poor debts."
    for event in _events(coder, text, "SUPPORT"):
        assert event.target is None or "Geneva" not in event.target.text


def test_another_state_named_bare_stays_the_target(coder):
    events = _events(
        coder, "The Japanese foreign minister urged China to release the detained fishermen.", "REQUEST"
    )
    assert events and _country(events[0].target) == "CHN"


def test_a_body_of_the_own_state_named_by_its_adjective_stays_the_target(coder):
    text = "Attorney General Jane Roe accused US technology giants of silencing their critics."
    events = _events(coder, text, "ACCUSE")
    assert events and _country(events[0].target) == "USA"


def test_an_attack_on_a_town_still_hits_its_people(coder):
    events = _events(coder, "Gunmen opened fire at a wedding in Kirkuk on Sunday.", "ASSAULT")
    assert events and any(_country(e.target) == "IRQ" for e in events)
