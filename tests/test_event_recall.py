"""Recall on real-news wording (issue 12): classes of missed events, each on sentences we wrote."""

from __future__ import annotations

import pytest


def coded(coder, text: str) -> list:
    return [e for e in coder.code(text, date="2024-03-01").events if e.modality == "asserted"]


def plover_types(coder, text: str) -> set[str | None]:
    return {e.plover.get("type") for e in coded(coder, text)}


@pytest.mark.parametrize(
    "text",
    [
        "The missiles hit a hospital in Kharkiv on Tuesday.",
        "A Russian rocket landed in a village near Kharkiv.",
        "Protesters threw rocks at officers outside the parliament.",
        "Rioters smashed windows along the main street.",
        "A bomb exploded outside the police station in Kabul.",
    ],
)
def test_a_weapon_or_a_thrown_object_names_the_assault(coder, text):
    assert "ASSAULT" in plover_types(coder, text)


def test_sanctions_hitting_an_economy_are_no_assault(coder):
    assert "ASSAULT" not in plover_types(coder, "The sanctions hit the Russian economy hard.")


def test_taking_to_the_streets_is_a_protest(coder):
    text = "Thousands of activists took to the streets of Nairobi on Saturday."
    assert "PROTEST" in plover_types(coder, text)


@pytest.mark.parametrize(
    "text",
    [
        "The senator condemned the attack on the U.S. mission in Benghazi.",
        "The FBI released images of two men suspected in the Boston Marathon bombings.",
        "Twenty children died in a shooting rampage at Sandy Hook Elementary School.",
    ],
)
def test_a_named_act_of_violence_is_coded_wherever_it_stands(coder, text):
    assert "ASSAULT" in plover_types(coder, text)


def test_a_named_attack_is_not_the_act_of_who_condemns_it(coder):
    events = coded(coder, "The senator condemned the attack on the U.S. mission in Benghazi.")
    assaults = [e for e in events if e.plover.get("type") == "ASSAULT"]
    assert assaults and all(e.source is None or e.source.text != "The senator" for e in assaults)


@pytest.mark.parametrize(
    "text",
    ["Violent attacks are rising across the country, experts say.", "The government fears an attack."],
)
def test_violence_in_general_or_feared_is_no_event(coder, text):
    assert "ASSAULT" not in plover_types(coder, text)


@pytest.mark.parametrize(
    "text",
    [
        '"Stop treating police like animals and thugs," the union boss said.',
        '"Open the border crossings immediately," the UN envoy told Israel.',
    ],
)
def test_an_order_reported_by_a_say_verb_is_a_demand(coder, text):
    assert "REQUEST" in plover_types(coder, text)


@pytest.mark.parametrize(
    "text", ['"Look, this is a disaster," the senator said.', '"We must act now," the president said.']
)
def test_discourse_imperatives_and_own_obligations_are_no_demand(coder, text):
    assert "REQUEST" not in plover_types(coder, text)


def test_firing_back_at_a_critic_is_criticism(coder):
    types = plover_types(coder, "The senator fired back at the television host on Sunday.")
    assert "ACCUSE" in types and "ASSAULT" not in types


@pytest.mark.parametrize(
    "text",
    [
        "The senator made clear he wants Congress to act.",
        "The unions want the government to withdraw the rules.",
    ],
)
def test_wanting_another_party_to_act_is_an_appeal(coder, text):
    assert "REQUEST" in plover_types(coder, text)


def test_wanting_to_act_oneself_is_no_appeal(coder):
    assert "REQUEST" not in plover_types(coder, "Russia wants to invade Ukraine.")


def test_a_state_protest_is_a_diplomatic_complaint(coder):
    assert "ACCUSE" in plover_types(coder, "The Chinese government protested the sale of arms to Taiwan.")


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of Kenyans protested in Nairobi against the tax bill.",
        "Students throughout Indonesia protested against the government.",
    ],
)
def test_people_protesting_stay_a_protest(coder, text):
    assert "PROTEST" in plover_types(coder, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The White House pushed back on the report.", "REJECT"),
        ("Pompeo brushed off North Korean charges.", "REJECT"),
        ("The government has resisted calls to publish the full advice.", "REJECT"),
        ("Flynn had contacted the Russian ambassador in December.", "CONSULT"),
        ("North Korean hackers hacked a private U.S. corporation.", "COERCE"),
        ("The two foreign ministers are haggling over the remaining issues in Lausanne.", "CONSULT"),
    ],
)
def test_pushback_contact_and_cyber_wording(coder, text, expected):
    assert expected in plover_types(coder, text)


def test_a_meeting_beside_a_statement_is_coded(coder):
    text = "The minister said after meetings with Chinese President Xi Jinping that he was confident."
    assert "CONSULT" in plover_types(coder, text)


def test_talks_a_statement_announces_for_later_are_not_asserted(coder):
    assert "CONSULT" not in plover_types(coder, "The minister said the talks would resume next month.")
