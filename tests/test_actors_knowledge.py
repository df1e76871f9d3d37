"""Actor knowledge at scale (issue 13): generated dictionaries, state bodies and acronyms, sector words
and modifiers, places from the gazetteer, and the general rules behind known-entry mistakes.
Every sentence here is written for the test."""

from __future__ import annotations

import argparse

import pytest

from eventcoder.actors import ActorResolver, run_actors
from eventcoder.model import Document
from eventcoder.nlp import parse


def analyse(nlp, resolver: ActorResolver, text: str, date: str | None = None) -> Document:
    doc = parse(Document(doc_id="t", raw_text=text, text=text, date=date), nlp)
    resolver.run(doc)
    return doc


def actor_of(doc: Document, text: str) -> tuple[str | None, str | None]:
    for mention in doc.mentions:
        if mention.text == text and mention.actor is not None:
            return mention.actor.country, mention.actor.sector
    raise AssertionError(f"no mention {text!r} in {[m.text for m in doc.mentions]}")


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        # a group name spaCy reads as a person keeps its entry
        (
            "Boko Haram fighters raided a village, and Boko Haram later denied it.",
            "Boko Haram",
            ("NGA", "INS"),
        ),
        # another state's body of the same kind is not the US one
        ("Chile's Defense Department issued a statement.", "Chile's Defense Department", ("CHL", "MIL")),
        ("Peru's State Department denied the report.", "Peru's State Department", ("PER", "GOV")),
        # a body's name inside a party's name
        ("The Senate Party of Freedonia won seats.", "The Senate Party of Freedonia", (None, "PTY")),
        # a curly apostrophe after a state
        ("Kenya’s government denied the claim.", "Kenya’s government", ("KEN", "GOV")),
        # a state's name that ends in a sector word
        ("The Palestinian Authority condemned the raid.", "The Palestinian Authority", ("PSE", "GOV")),
        # a state's society of an international movement
        ("The Iranian Red Crescent sent aid.", "The Iranian Red Crescent", ("IRN", "NGO")),
        ("The Turkish Red Crescent sent tents.", "The Turkish Red Crescent", ("TUR", "NGO")),
        # a religious modifier makes the leaders religious
        ("Christian leaders in Nigeria appealed for calm.", "Christian leaders in Nigeria", ("NGA", "REL")),
        # the title of a body takes the body's sector
        (
            "The President of the Gabonese Human Rights League was arrested.",
            "The President of the Gabonese Human Rights League",
            ("GAB", "NGO"),
        ),
        # sector words: missing nouns, any case
        ("Taxi drivers blocked the road.", "Taxi drivers", (None, "CVL")),
        ("Ambulance crews reached the site.", "Ambulance crews", (None, "MED")),
        ("Angry netizens mocked the decree.", "Angry netizens", (None, "CVL")),
        ("Hungarian Soldiers crossed the border.", "Hungarian Soldiers", ("HUN", "MIL")),
        # a stance is not a state
        (
            "The pro-Syrian Hezbollah group rejected the offer.",
            "The pro-Syrian Hezbollah group",
            ("LBN", "REB"),
        ),
    ],
)
def test_known_entry_rules(nlp, actor_resolver, text, mention, expected):
    assert actor_of(analyse(nlp, actor_resolver, text, date="2019-05-01"), mention) == expected


def test_places_of_the_gazetteer_give_a_country(nlp, actor_resolver):
    doc = analyse(nlp, actor_resolver, "Shanghai police detained two men. Mariupol residents fled the city.")
    assert actor_of(doc, "Shanghai police") == ("CHN", "COP")
    assert actor_of(doc, "Mariupol residents") == ("UKR", "CVL")
    doc = analyse(nlp, actor_resolver, "Officials in Abkhazia rejected the plan.")
    assert actor_of(doc, "Officials in Abkhazia") == ("GEO", "GOV")


def test_a_body_takes_its_dated_code(nlp, actor_resolver):
    text = "The Taliban issued a decree."
    assert actor_of(analyse(nlp, actor_resolver, text, date="2019-05-01"), "The Taliban") == ("AFG", "INS")
    assert actor_of(analyse(nlp, actor_resolver, text, date="2023-05-01"), "The Taliban") == ("AFG", "GOV")


def test_state_bodies_and_acronyms_follow_the_article(nlp, actor_resolver):
    doc = analyse(
        nlp,
        actor_resolver,
        "Voters in Jamaica backed the PNP. Later, in the Philippines, the PNP made arrests.",
    )
    pnp = [m for m in doc.mentions if m.text == "the PNP"]
    assert [(m.actor.country, m.actor.sector) for m in pnp if m.actor] == [("JAM", "PTY"), ("PHL", "COP")]
    doc = analyse(nlp, actor_resolver, "The Riigikogu passed the bill and the Northern Fleet sailed.")
    assert actor_of(doc, "The Riigikogu") == ("EST", "LEG")
    assert actor_of(doc, "the Northern Fleet") == ("RUS", "MIL")


def test_a_person_from_the_generated_tables_has_dated_roles(nlp, actor_resolver):
    text = "Yawovi Agboyibo spoke to reporters."
    assert actor_of(analyse(nlp, actor_resolver, text, date="2007-01-01"), "Yawovi Agboyibo") == (
        "TGO",
        "GOV",
    )
    assert actor_of(analyse(nlp, actor_resolver, text, date="2012-01-01"), "Yawovi Agboyibo") == (
        "TGO",
        "ELI",
    )


def test_actors_command_names_the_dictionary_entry(capsys):
    args = argparse.Namespace(text="Yawovi Agboyibo met the Riigikogu.", date="2012-01-01", actors=[])
    assert run_actors(args) == 0
    out = capsys.readouterr().out
    assert "entry=petrarch-people.tsv row " in out and "(Phoenix.Countries.actors.txt:" in out
    assert "entry=bodies.yaml:Riigikogu" in out


def test_a_misspelt_key_or_repeated_alias_in_an_actor_file_names_file_and_line(tmp_path):
    from eventcoder.actors import ActorFileError

    bad = tmp_path / "mine.yaml"
    bad.write_text(
        "- {name: Zemblan Guard, code: ZMBMIL, country: ZMB, sector: MIL}\n"
        "- {name: Zemblan Navy, code: ZMBMIL, aliasses: [ZN]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ActorFileError, match=rf"{bad}:2: unknown key 'aliasses'"):
        ActorResolver(extra_files=[bad])
    bad.write_text(
        "- {name: Zemblan Navy, code: ZMBMIL, aliases: [ZN, Zemblan fleet, ZN]}\n", encoding="utf-8"
    )
    with pytest.raises(ActorFileError, match=rf"{bad}:1: .*duplicate entry 'ZN'"):
        ActorResolver(extra_files=[bad])


def test_a_stance_word_alone_is_no_mention_of_the_state(nlp, actor_resolver):
    doc = analyse(nlp, actor_resolver, "The rally turned anti-American after the speech.")
    assert not any(m.actor and m.actor.country == "USA" for m in doc.mentions)
