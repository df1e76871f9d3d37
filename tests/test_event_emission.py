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


def assaults(events):
    return [e for e in events if is_scored(e) and e.plover.get("type") == "ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "Coalition air strikes hit a market in northern Yemen, killing 30 civilians.",
        "Russian troops attacked the village, killing three soldiers and wounding ten.",
    ],
)
def test_an_attack_and_its_toll_are_one_event(code, text):
    assert len(assaults(code(text))) == 1


def test_the_one_event_keeps_the_victims_its_toll_names(code):
    (event,) = assaults(code("Coalition air strikes hit a market in northern Yemen, killing 30 civilians."))
    assert event.target is not None and event.target.text == "30 civilians"


@pytest.mark.parametrize(
    "text",
    [
        "Three rebel fighters killed nine villagers as they hid in a church in a brutal attack on the town.",
        "Militants wounded four policemen during a raid on the station in the capital.",
    ],
)
def test_an_act_named_in_the_clause_of_the_same_act_is_told_again(code, text):
    (event,) = assaults(code(text))
    assert event.source is not None and event.source.text in ("Three rebel fighters", "Militants")


def test_a_killer_who_dies_too_still_killed_the_others(code):
    (event,) = assaults(code("Two bombers killed eleven shoppers as well as themselves in the town centre."))
    assert event.source is not None and event.source.text == "Two bombers"


def test_killing_oneself_is_no_attack(code):
    assert assaults(code("The man killed himself in his cell on Friday.")) == []


def test_a_killing_after_another_act_is_an_act_of_its_own(code):
    events = code("Israeli jets struck Gaza after Hamas militants killed two soldiers.")
    assert len(assaults(events)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "North Korea fired a ballistic missile that landed in the Sea of Japan on Sunday.",
        "Pyongyang launched a long-range rocket into space on Wednesday.",
    ],
)
def test_a_missile_fired_at_no_one_is_a_show_of_force(code, text):
    assert types(code(text)) == ["MOBILIZE"]


@pytest.mark.parametrize(
    "text",
    [
        "Hamas fired rockets at southern Israel on Monday.",
        "Iran fired a missile, but missed, at an American drone on Thursday.",
        "Syria launched anti-aircraft missiles into the sky over Damascus.",
    ],
)
def test_a_missile_fired_at_someone_is_an_attack(code, text):
    assert "ASSAULT" in types(code(text))


@pytest.mark.parametrize(
    "text",
    [
        "The Liberian health minister said the fight against the deadly disease was at a turning point.",
        "Ebola has killed roughly 7,600 people in West Africa this year.",
        "The Kenyan president renewed his fight with the intelligence agencies over the leaks.",
    ],
)
def test_fights_against_ills_and_with_agencies_are_no_violence(code, text):
    assert "ASSAULT" not in types(code(text))


def test_a_fight_between_armed_forces_is_still_violence(code):
    assert types(code("Ethiopian government forces fought Tigrayan rebels near Mekelle.")) == ["ASSAULT"]


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The new list of demands promises to deliver controversy in Nairobi.", "AGREE"),
        ("The hard line of the Egyptian general threatens to set off a domestic insurgency.", "THREATEN"),
    ],
)
def test_a_thing_that_promises_or_threatens_is_no_speaker(code, text, plover):
    assert plover not in types(code(text))


def test_people_who_threaten_are_speakers(code):
    assert "THREATEN" in types(code("The Iranian foreign minister threatened to close the Strait of Hormuz."))


def test_a_resignation_announced_for_later_is_a_concession(code):
    text = "The Kenyan speaker announced that he will resign from parliament at the end of October."
    assert "CONCEDE" in types(code(text))


def test_a_military_withdrawal_announced_for_later_is_an_agreement(code):
    assert "AGREE" in types(code("Russia said it will withdraw its troops from the Ukrainian border."))


@pytest.mark.parametrize(
    ("text", "not_type"),
    [
        ("A mob marched a group of nuns through the streets of Cairo.", "PROTEST"),
        ("The guards paraded the prisoners like trophies through the camp.", "MOBILIZE"),
    ],
)
def test_marching_or_parading_people_is_no_protest_or_show_of_force(code, text, not_type):
    assert not_type not in types(code(text))


def test_a_march_of_demonstrators_is_still_a_protest(code):
    assert types(code("Demonstrators marched en masse to the parliament in Nairobi.")) == ["PROTEST"]


def test_seizing_people_is_an_abduction_and_seizing_goods_a_confiscation(code):
    assert "ASSAULT" in types(code("Gunmen seized two tourists near the Kenyan border on Monday."))
    assert types(code("Kenyan police seized 20 kilograms of heroin in Mombasa.")) == ["COERCE"]


def test_violent_protests_a_state_suffers_are_street_protests(code):
    text = "Algeria suffered a weekend of violent protests against government plans to raise gas prices."
    assert types(code(text)) == ["PROTEST"]


def test_a_states_protest_is_still_a_diplomatic_complaint(code):
    assert types(code("Japan protested to China over the ship collision.")) == ["ACCUSE"]
