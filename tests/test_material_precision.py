"""Material event types (ASSAULT, COERCE, MOBILIZE, SANCTION, AID, RETREAT) fire only on a literal act
between actors: the object's class, the verb's sense, the cause and the clause it stands in decide (issue 12;
sentences written for these tests)."""

from __future__ import annotations

import pytest


def asserted(events) -> list[tuple[str, str]]:
    """(root, trigger) of the asserted events that carry a PLOVER type: what an analyst counts."""
    return [(e.cameo_root, e.trigger) for e in events if e.modality == "asserted" and e.cameo_root != "01"]


def material_types(events) -> set[str]:
    material = {"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "AID", "RETREAT"}
    return {
        e.plover.get("type") for e in events if e.modality == "asserted" and e.plover.get("type") in material
    }


@pytest.mark.parametrize(
    "text",
    [
        "The scandal destroyed the senator's candidacy.",
        "Russian hackers helped destroy the candidacy of the Labour leader.",
        "Britain continues to punch above its weight in Europe.",
        "The ideology has invaded the Republican mainstream.",
        "The state executed the emergency order within hours.",
        "Republicans captured the Senate in 2014.",
        "A reporter captured the clash between police and protesters on video.",
        "Apple captured 40% of the Chinese market.",
        "The issue occupies a central place in the campaign.",
        "Biden seized on Trump's remarks about the generals.",
        "The opposition seized the opportunity to attack the government.",
        "Hunters shot 30 deer in the park.",
        "Ohio banned abortions after six weeks of pregnancy.",
        "Lawmakers are reluctant to impose such a change on the Pentagon.",
        # firing a named person or a witness is a dismissal, not shooting
        "The governor fired Richard Hale, his budget director, on Monday.",
        "The mayor fired three of the witnesses before the hearing.",
        # a court striking down a law rules; a sight that is striking is only remarkable
        "Seen from the gallery of the chamber, it was striking.",
    ],
)
def test_figurative_objects_are_no_attack_or_seizure(code, text):
    assert not material_types(code(text))


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Israeli jets destroyed a Hamas weapons depot in Gaza.", "17"),
        ("Syrian troops captured the town of Palmyra.", "19"),
        ("Rebels occupied the airport on Monday.", "19"),
        ("Iraqi police shot two protesters in Basra.", "19"),
        ("Police dispersed the crowd with tear gas.", "17"),
    ],
)
def test_literal_objects_stay_material_events(code, text, root):
    assert root in {r for r, _ in asserted(code(text))}


@pytest.mark.parametrize(
    "text",
    [
        "The survey returned a balance of plus 8.",
        "The president returned the elbow bump.",
        "The White House released a portion of the audio from the interview.",
        "The release of the Mueller report angered the White House.",
        "Trump made the release of military aid to Ukraine conditional on an investigation.",
        "She resigned from her job as a columnist.",
    ],
)
def test_nothing_yielded_is_no_retreat(code, text):
    assert "RETREAT" not in material_types(code(text))


def test_returning_fire_is_an_attack_not_a_release(code):
    events = code("The security forces returned fire.")
    assert "ASSAULT" in material_types(events) and "RETREAT" not in material_types(events)


def test_a_minister_resigning_is_still_a_retreat(code):
    assert "RETREAT" in material_types(code("The Romanian minister resigned from the cabinet on Monday."))


@pytest.mark.parametrize(
    "text",
    [
        "The UN resolution sanctioned military action against Iraq.",
        "Twitter suspended the account of the Iranian leader.",
    ],
)
def test_authorising_or_a_platform_suspension_is_no_sanction(code, text):
    assert "SANCTION" not in material_types(code(text))


def test_a_party_suspending_a_candidate_is_still_a_sanction(code):
    assert "SANCTION" in material_types(code("The Scottish party suspended a candidate over his remarks."))


@pytest.mark.parametrize(
    "text",
    [
        "The protesters dispersed peacefully after midnight.",
        "The nominees paraded across the screen in a cavalcade of misstatements.",
    ],
)
def test_intransitive_senses_are_no_coercion_or_show_of_force(code, text):
    assert not material_types(code(text))


def test_weapons_on_parade_are_a_show_of_force(code):
    assert "MOBILIZE" in material_types(code("North Korea paraded its new missiles through Pyongyang."))


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of homes were destroyed by the waves.",
        "South Korea has earmarked 100 trillion won for the first half of the year.",
        "The Colombian government allocated $2bn for subsidies for the poor.",
        "The US filed a complaint against the EU over state aid to Airbus.",
        "Umbro supplies more than 150 teams across the world.",
    ],
)
def test_nature_budgets_and_firms_are_no_material_acts(code, text):
    assert not material_types(code(text))


def test_money_set_aside_as_aid_is_still_aid(code):
    events = code("Norway has earmarked 20 million crowns in emergency aid to help Mozambique.")
    assert "AID" in material_types(events)


def test_weapons_supplied_to_an_army_are_still_aid(code):
    assert "AID" in material_types(code("Russia supplied weapons to the Syrian army."))


def test_a_cyber_attack_is_coercion_not_assault(code):
    events = code("Hackers launched a cyber attack on the Estonian parliament.")
    assert material_types(events) == {"COERCE"}


@pytest.mark.parametrize(
    "text",
    [
        "The report highlighted fears of children being killed by police officers.",
        "Mothers worry about their sons getting home without being killed by a policeman.",
        "The guards would protect the grave from being vandalized.",
        "The soldiers left the village without firing a shot.",
    ],
)
def test_gerunds_that_did_not_happen_are_not_asserted(code, text):
    assert "ASSAULT" not in material_types(code(text))


def test_an_agent_killing_stays_asserted(code):
    events = code("Two protesters were killed by police in Cairo.")
    assert ("19", "killed") in asserted(events)


@pytest.mark.parametrize(
    "text",
    [
        "The network is vulnerable to cyber attack.",
        "Gun owners are slow to surrender their weapons.",
        "The senator wants to give 15 local areas federal money.",
    ],
)
def test_exposure_reluctance_and_domestic_money_are_no_material_acts(code, text):
    assert not material_types(code(text))


def test_the_aim_of_a_deal_has_not_happened(code):
    events = code("The two governments signed a deal aimed at ending the war in Yemen.")
    assert "RETREAT" not in material_types(events) and "05" in {r for r, _ in asserted(events)}


def test_an_aside_keeps_its_own_truth(code):
    text = "The envoy stopped short of saying that Turkey, which has criticised the militia, wants war."
    events = code(text)
    assert ("11", "criticised") in asserted(events)


@pytest.mark.parametrize(
    "text",
    [
        "Battle over military sexual assault",
        "The senator urged the academy to fight sexual assault on campus.",
        "The scandal deeply wounded a country eager to prove itself.",
        "The treaty proscribes testing ground-launched cruise missiles.",
    ],
)
def test_topics_feelings_and_forbidden_acts_are_no_material_acts(code, text):
    assert not material_types(code(text))


def test_fighters_with_weapons_still_fight(code):
    assert "ASSAULT" in material_types(code("Government troops fought rebels with tanks near Aleppo."))
    assert "ASSAULT" in material_types(code("Gunmen wounded three policemen in Kabul."))


@pytest.mark.parametrize(
    "text",
    [
        "The minister earned pounds 5,000 and pounds 20,000 for presenting the programme.",
        "The senator has been resting at his family retreat in Vermont.",
        "The cabinet met for its annual retreat at Chequers.",
    ],
)
def test_currency_amounts_and_holiday_retreats_are_no_material_acts(code, text):
    assert not material_types(code(text))


def test_a_beating_to_death_is_an_assault_and_a_retreat_from_a_city_a_withdrawal(code):
    assert ("18", "beat") in asserted(code("Soldiers beat the farmer to death near Mosul."))
    assert "RETREAT" in material_types(code("Russian troops began a hasty retreat from Kherson."))
