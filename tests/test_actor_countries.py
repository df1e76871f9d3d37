"""Which state an actor belongs to when the words alone do not say: a chamber named bare ("the House"),
common-noun groups of states ("rich nations"), names no dictionary knows, and names in a headline.
Sentences and headlines are our own."""

from __future__ import annotations

import pytest

from eventcoder.actors import ActorResolver
from eventcoder.model import Document
from eventcoder.nlp import parse


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver()


def codes(nlp, resolver: ActorResolver, text: str) -> dict[str, str]:
    doc = parse(Document(doc_id="t", raw_text=text, text=text, date="2019-07-20"), nlp)
    resolver.run(doc)
    return {m.text: m.actor.code for m in doc.mentions if m.actor is not None}


def test_the_house_is_the_legislature_of_the_articles_state(nlp, resolver):
    american = "President Trump spoke in Ohio on Monday. The House voted to condemn his remarks."
    british = "Tony Blair spoke in Manchester. The House voted against the Prime Minister on the bill."
    assert codes(nlp, resolver, american)["The House"] == "USALEG"
    assert codes(nlp, resolver, british)["The House"] == "GBRLEG"


def test_a_longer_name_ending_in_house_is_no_chamber(nlp, resolver):
    found = codes(nlp, resolver, "President Trump spoke in Ohio. He later visited the Sydney Opera House.")
    assert "LEG" not in found.get("the Sydney Opera House", "")
    assert codes(nlp, resolver, "The House of Commons voted on Tuesday.")["The House of Commons"] == "GBRLEG"


def test_a_commons_committee_is_british_and_lends_its_state_to_the_story(nlp, resolver):
    """ "the Commons health committee": the bare chamber's name is British, and a story with no other state
    gives its ministers that state."""
    found = codes(nlp, resolver, "The Commons health committee said ministers had failed nurses.")
    assert found["The Commons health committee"] == "GBRLEG"
    assert found["ministers"] == "GBRGOV"
    village = codes(nlp, resolver, "Grazing on the village commons was restricted by the council.")
    assert "GBRLEG" not in village.values()


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("India criticised rich nations for their farm subsidies.", "rich nations"),
        ("Industrialised countries rejected the proposal from India.", "Industrialised countries"),
        ("Delegates said western governments had not kept their promises.", "western governments"),
    ],
)
def test_common_noun_groups_of_rich_states_are_the_west(nlp, resolver, text, mention):
    assert codes(nlp, resolver, text)[mention] == "WST"


def test_a_name_no_dictionary_knows_takes_the_articles_state(coder):
    text = "President Obama met lawmakers in Washington on Monday. LaHood rejected the plan from Congress."
    rejections = [e for e in coder.code(text, date="2012-03-01").events if e.plover.get("type") == "REJECT"]
    assert rejections and rejections[0].source is not None and rejections[0].source.actor is not None
    assert rejections[0].source.actor.country == "USA"


def test_an_unknown_name_in_the_title_takes_the_articles_state_not_the_titles(coder):
    text = (
        "Former Arkansas governor Mike Huckabee said in Washington on Tuesday that the United States must "
        "stand with Israel. Republicans praised the speech."
    )
    doc = coder.code(text, title="Huckabee vows support for Israel", date="2015-05-05")
    headline = [e for e in doc.events if e.sentence_index < 0 and e.source is not None]
    assert headline and headline[0].source.actor.country == "USA"


def test_a_subject_pronoun_skips_a_person_named_only_inside_an_opening_phrase(nlp, resolver):
    text = (
        "Indian Finance Minister Palaniappan Chidambaram arrived in London on Thursday. At a dinner hosted "
        "by Foreign Secretary Jack Straw on Friday, he criticised farm subsidies."
    )
    doc = parse(Document(doc_id="t", raw_text=text, text=text, date="2005-02-04"), nlp)
    resolver.run(doc)
    he = next(m for m in doc.mentions if m.text == "he")
    assert he.actor is not None and he.actor.country == "IND"


def test_a_states_proxy_militia_belongs_where_it_fights(nlp, resolver):
    text = "A drone strike killed the commander of an Iranian proxy militia in Syria on Friday."
    assert codes(nlp, resolver, text)["an Iranian proxy militia in Syria"] == "SYRREB"
    assert codes(nlp, resolver, "Iranian forces shelled the town.")["Iranian forces"] == "IRNMIL"


def test_a_clause_on_the_of_phrase_is_no_part_of_the_actor(nlp, resolver):
    found = codes(nlp, resolver, "The strike killed the leader of a militia that has attacked US forces.")
    assert "the leader of a militia" in found and not found["the leader of a militia"].startswith("USAMIL")
    assert found["US forces"] == "USAMIL"
    assert codes(nlp, resolver, "The Ministry of Foreign Affairs of Russia protested.") == {
        "The Ministry of Foreign Affairs of Russia": "RUSGOV"
    }
