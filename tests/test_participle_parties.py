"""Parties the phrase around a trigger hides: a participle clause on a noun ("soldiers killed in Helmand"
names who was killed; "written to the watchdog accusing Labour" is the writer's act), and the place of an
attack ("the bombing in Kabul killed ...": where, not who).  Sentences are our own."""

from __future__ import annotations


def events_of(coder, text: str, plover: str) -> list:
    doc = coder.code(text, date="2010-05-01")
    return [e for e in doc.events if e.plover.get("type") == plover]


def test_a_passive_participle_on_a_party_makes_it_the_patient_not_the_place(coder):
    text = "Relatives of three British soldiers killed in Helmand province met the minister on Monday."
    killings = events_of(coder, text, "ASSAULT")
    assert killings and killings[0].target is not None
    assert killings[0].target.text == "three British soldiers"
    assert killings[0].target.actor.code == "GBRMIL"


def test_an_active_participle_on_an_object_is_the_subjects_act(coder):
    text = (
        "The Liberal Democrat chairman has written to the election watchdog accusing Labour of a breach "
        "of the rules."
    )
    accusations = events_of(coder, text, "ACCUSE")
    assert accusations and accusations[0].source is not None
    assert accusations[0].source.text == "The Liberal Democrat chairman"
    assert accusations[0].target is not None and accusations[0].target.text == "Labour"


def test_the_place_of_an_attack_noun_is_not_its_attacker(coder):
    killings = events_of(coder, "The bombing in Kabul killed three people on Monday.", "ASSAULT")
    assert killings and killings[0].source is not None
    assert killings[0].source.text != "Kabul"
    assert killings[0].source.kind == "implicit" and killings[0].source.actor.country == "AFG"
