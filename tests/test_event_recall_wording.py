"""Recall on real-news wording (issue 12), second part: evaluative criticism, events in participles and
embedded clauses, nominal triggers.  Each class on sentences we wrote."""

from __future__ import annotations

import pytest


def asserted(coder, text: str) -> list:
    return [e for e in coder.code(text, date="2024-03-01").events if e.modality == "asserted"]


def of_type(coder, text: str, plover: str) -> list:
    return [e for e in asserted(coder, text) if e.plover.get("type") == plover]


def country(mention) -> str | None:
    return mention.actor.country if mention is not None and mention.actor is not None else None


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ('The Iranian foreign minister called the American president a "liar" on Monday.', "IRN", "USA"),
        ("The French president described the Russian government as corrupt and cruel.", "FRA", "RUS"),
        ('Senator Warren branded the Pentagon\'s plan "a shambles".', "USA", "USA"),
    ],
)
def test_naming_an_actor_with_a_judgement_is_criticism(coder_keeping_all, text, source, target):
    accusations = of_type(coder_keeping_all, text, "ACCUSE")
    assert accusations, text
    assert country(accusations[0].source) == source and country(accusations[0].target) == target


@pytest.mark.parametrize(
    "text",
    [
        'The German chancellor described the talks as "useful".',
        "The agency called the new rocket the Falcon.",
        "She lashed out at what she called the obstructionist members of Congress.",
    ],
)
def test_naming_without_a_judgement_or_inside_another_act_is_no_new_accusation(coder_keeping_all, text):
    accusations = of_type(coder_keeping_all, text, "ACCUSE")
    assert all(e.trigger != "called" and e.trigger != "described" for e in accusations)


def test_a_judgement_in_a_clause_joined_to_what_is_said_is_criticism(coder_keeping_all):
    text = (
        "The Turkish president said NATO served a great purpose, and the Greek minister's remarks had been"
        ' "very insulting".'
    )
    accusations = of_type(coder_keeping_all, text, "ACCUSE")
    assert [country(e.source) for e in accusations] == ["TUR"]
    assert country(accusations[0].target) == "GRC"


def test_a_word_qualifying_the_predicate_carries_the_judgement(coder_keeping_all):
    text = 'The Kremlin spokesman said the British accusations were "a cynical smear campaign".'
    accusations = of_type(coder_keeping_all, text, "ACCUSE")
    assert accusations and country(accusations[0].source) == "RUS"


@pytest.mark.parametrize(
    "text",
    [
        "The UN envoy said this may be the worst disaster in the region's history.",
        "The minister said it would be irresponsible if the government allowed the deal to collapse.",
        "The mayor said there was an illegal protest in the square on Saturday.",
    ],
)
def test_hedged_conditional_or_existential_judgements_accuse_nobody(coder_keeping_all, text):
    assert not of_type(coder_keeping_all, text, "ACCUSE")


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("More than 40 protesters arrested during the clashes in Lagos were released on Friday.", "COERCE"),
        (
            "Egyptian state television showed the funeral of a student killed in clashes with police.",
            "ASSAULT",
        ),
        ("The United States freed three Cuban agents convicted of espionage in 2001.", "SANCTION"),
    ],
)
def test_a_material_act_in_a_participle_on_a_participant_is_coded(coder_keeping_all, text, plover):
    assert of_type(coder_keeping_all, text, plover)


@pytest.mark.parametrize(
    "text",
    [
        "The police were given the power to detain suspects for thirty minutes.",
        "The UN-brokered ceasefire held through the weekend.",
    ],
)
def test_infinitives_and_adjectival_participles_stay_background(coder_keeping_all, text):
    assert not of_type(coder_keeping_all, text, "COERCE") and not of_type(coder_keeping_all, text, "ASSAULT")


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        (
            '"The Russian government has lied to the world about the attack," the British minister said.',
            "GBR",
            "RUS",
        ),
        ("The French opposition says the Iranian government ignored the inspectors' report.", "FRA", "IRN"),
    ],
)
def test_a_misdeed_a_speaker_reports_of_another_party_is_an_accusation(
    coder_keeping_all, text, source, target
):
    accusations = of_type(coder_keeping_all, text, "ACCUSE")
    assert accusations, text
    assert country(accusations[0].source) == source and country(accusations[0].target) == target


@pytest.mark.parametrize(
    "text",
    [
        "The Canadian minister said the government did not mislead parliament.",
        '"We failed to act in time," the Canadian minister said.',
        "Economists say the new figures fail to take rising costs into account.",
    ],
)
def test_a_denied_own_or_impersonal_misdeed_is_no_accusation(coder_keeping_all, text):
    assert not of_type(coder_keeping_all, text, "ACCUSE")


@pytest.mark.parametrize(
    "text",
    [
        "The ambassador spoke about the violent protests in Cairo on Tuesday.",
        "Thousands joined Sunday's demonstration outside the parliament in Tbilisi.",
    ],
)
def test_a_street_protest_named_by_its_occasion_is_coded(coder_keeping_all, text):
    assert of_type(coder_keeping_all, text, "PROTEST")


def test_protest_in_general_is_no_event(coder_keeping_all):
    assert not of_type(coder_keeping_all, "Protests can be an effective tool of political change.", "PROTEST")


@pytest.mark.parametrize(
    "text",
    [
        "North Korea test-launched an intercontinental ballistic missile on Tuesday.",
        "North Korea fires a short-range ballistic missile, Japan says.",
        "Pyongyang conducted its sixth nuclear test on Sunday.",
    ],
)
def test_a_weapons_test_is_a_show_of_force(coder_keeping_all, text):
    types = {e.plover.get("type") for e in asserted(coder_keeping_all, text)}
    assert "MOBILIZE" in types and "ASSAULT" not in types


def test_a_missile_fired_at_a_target_is_an_attack(coder_keeping_all):
    text = "Syrian forces fired missiles at Israeli jets over the Golan Heights."
    assert of_type(coder_keeping_all, text, "ASSAULT")


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("Riot police attempted to disperse the crowd with tear gas in Minsk.", "ASSAULT"),
        ("Iran tried to shoot down an American drone over the Gulf.", "ASSAULT"),
    ],
)
def test_an_attempt_made_is_the_act(coder_keeping_all, text, plover):
    assert of_type(coder_keeping_all, text, plover)


@pytest.mark.parametrize(
    "text",
    [
        "Riot police are trying to disperse the crowd in Minsk.",
        "Riot police will try to disperse the crowd in Minsk.",
    ],
)
def test_an_attempt_under_way_or_to_come_is_not_asserted(coder_keeping_all, text):
    assert not of_type(coder_keeping_all, text, "ASSAULT")


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("The Indian foreign minister said Pakistan's explanation was not persuasive.", "IND", "PAK"),
        ('The Brazilian president said the Argentine government should be "ashamed".', "BRA", "ARG"),
    ],
)
def test_a_judgement_word_in_what_is_said_accuses_its_subject(coder_keeping_all, text, source, target):
    accusations = of_type(coder_keeping_all, text, "ACCUSE")
    assert accusations, text
    assert country(accusations[0].source) == source and country(accusations[0].target) == target
