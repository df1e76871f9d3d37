"""Actors that carry a sector but no state: the article's context country (dateline, towns, mentions),
party words, a possessive pronoun's owner, and a person's role in an undated story.  Sentences are our own."""

from __future__ import annotations

import pytest

from eventcoder.actors import ActorResolver
from eventcoder.actors.context import context_country, context_rules
from eventcoder.model import Document
from eventcoder.nlp import parse


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver()


def code_of(nlp, resolver: ActorResolver, text: str, mention: str, date: str | None = "2015-06-01") -> str:
    doc = parse(Document(doc_id="t", raw_text=text, text=text, date=date), nlp)
    resolver.run(doc)
    for m in doc.mentions:
        if m.text == mention and m.actor is not None:
            return m.actor.code
    raise AssertionError(f"no mention {mention!r} in {[m.text for m in doc.mentions]}")


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        # no state is named, but the towns and regions are all in one
        (
            "Protesters marched through Baltimore on Saturday. Police arrested 20 people in Maryland.",
            "Police",
            "USACOP",
        ),
        # the dateline says where the story is
        ("KHARKIV (AP) - Police detained dozens of protesters on Sunday.", "Police", "UKRCOP"),
        # two states named as often: no context, rather than a wrong one
        (
            "Russia and Ukraine traded accusations. Russia and Ukraine met. Police detained two men.",
            "Police",
            "COP",
        ),
    ],
)
def test_context_country_from_the_article(nlp, resolver, text, mention, code):
    assert code_of(nlp, resolver, text, mention) == code


def test_a_state_must_lead_clearly_to_be_the_context():
    rules = context_rules()
    from collections import Counter

    assert context_country(Counter({"USA": 5}), rules) == "USA"
    assert context_country(Counter({"USA": 5, "MEX": 1}), rules) == "USA"
    assert context_country(Counter({"USA": 3, "MEX": 2}), rules) is None
    assert context_country(Counter(), rules) is None


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        ("Republican lawmakers criticized the plan.", "Republican lawmakers", "USALEG"),
        ("Republican Senator Jane Doyle said the talks failed.", "Republican Senator Jane Doyle", "USALEG"),
        ("Labour MPs voted against the bill.", "Labour MPs", "GBRLEG"),
        ("Labour accused the government of lying.", "Labour", "GBRPTYLAB"),
    ],
)
def test_a_party_word_names_the_state_and_the_noun_the_sector(nlp, resolver, text, mention, code):
    assert code_of(nlp, resolver, text, mention) == code


def test_a_generic_title_after_a_party_is_the_party_s(nlp, resolver):
    text = "Tory leader Peter Hollis rejected the claim."
    assert code_of(nlp, resolver, text, "Tory leader Peter Hollis").startswith("GBRPTY")


def test_a_subject_owned_by_a_pronoun_takes_the_owner_s_state(nlp, resolver):
    text = "Iran's defence minister spoke on Monday. He said his military would shoot down more drones."
    assert code_of(nlp, resolver, text, "his military") == "IRNMIL"


def test_undated_story_picks_the_role_in_the_state_it_names(nlp, resolver):
    text = "Tony Blair said Britain would not change course."
    assert code_of(nlp, resolver, text, "Tony Blair", date=None) == "GBRGOV"


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        ("The IRS turned over the files.", "The IRS", "USAGOV"),
        ("The SEC found that the firm misled investors.", "The SEC", "USAGOV"),
        ("Nato leaders met in Brussels.", "Nato leaders", "IGONAT"),
        ("Ohio Highway Patrol seized the drugs.", "Ohio Highway Patrol", "USACOP"),
        ("Saddam's Republican Guard attacked the town.", "Saddam's Republican Guard", "IRQMIL"),
        # a backer is not the actor's state; the place phrase says where the rebels are
        ("Iran-backed rebels in Yemen attacked the port.", "Iran-backed rebels in Yemen", "YEMREB"),
        # a state and its suffix written as one token: the leader of the forces is their state
        ("U.S.-led forces struck the camp.", "U.S.-led forces", "USAMIL"),
    ],
)
def test_bodies_sector_words_and_hyphenated_states(nlp, resolver, text, mention, code):
    assert code_of(nlp, resolver, text, mention) == code


def test_abbreviated_legislative_titles(nlp, resolver):
    text = "Sen. Laura Finch of Ohio says aid should be cut. Rep. Dan Ortiz agreed."
    assert code_of(nlp, resolver, text, "Rep. Dan Ortiz") == "USALEG"


def test_a_town_read_as_its_people_is_no_antecedent_for_a_group(nlp, resolver):
    text = "Two Britons were robbed in Lima on Monday. Police in Peru said the men had been released."
    assert not code_of(nlp, resolver, text, "the men").startswith("PER")


def test_an_agentless_event_takes_the_context_state_as_implicit_source(coder):
    text = "Riots spread across Peru on Friday. More than 200 protesters were arrested."
    doc = coder.code(text, date="2020-01-01")
    arrests = [e for e in doc.events if e.plover.get("type") == "COERCE"]
    assert arrests and arrests[0].source is not None
    source = arrests[0].source
    assert (source.actor.code, source.kind, source.text) == ("PERCOP", "implicit", "")
    assert "implicit source" in source.rule
    coded = [e for e in doc.to_dict()["events"] if e["cameo"].startswith("17")]
    assert coded[0]["source"]["code"] == "PERCOP"


def test_no_implicit_source_without_a_clear_context(coder):
    doc = coder.code("More than 200 protesters were arrested on Friday.", date="2020-01-01")
    arrests = [e for e in doc.events if e.plover.get("type") == "COERCE"]
    assert arrests and all(e.source is None for e in arrests)


def test_a_state_striking_with_no_target_named_is_not_given_its_own_people_as_target(coder):
    text = (
        "ANKARA, Turkey - The Turkish military launched airstrikes overnight, the defence ministry said. "
        "Turkish officials said the operation would go on."
    )
    strikes = [e for e in coder.code(text, date="2020-01-01").events if e.plover.get("type") == "ASSAULT"]
    assert strikes and strikes[0].source.actor.code == "TURMIL"
    assert strikes[0].target is None


def test_an_attack_by_an_unnamed_party_still_hits_the_context_states_people(coder):
    text = "Violence spread across Peru on Friday. Three people were killed in Lima, Peruvian officials said."
    kills = [e for e in coder.code(text, date="2020-01-01").events if e.plover.get("type") == "ASSAULT"]
    assert kills and kills[0].target is not None
    assert kills[0].target.actor.code.startswith("PER")


def events_of(coder, text: str, plover: str, date: str = "2005-03-01") -> list:
    return [e for e in coder.code(text, date=date).events if e.plover.get("type") == plover]


BRITISH_LEAD = "LONDON - British ministers faced a revolt over the tax plan on Monday. "


def test_a_domestic_demand_with_no_addressee_is_aimed_at_the_context_states_government(coder):
    text = BRITISH_LEAD + "Labour MPs demanded a full review of the rules, a Labour spokesman said."
    demands = events_of(coder, text, "REQUEST")
    assert demands and demands[0].source.actor.country == "GBR"
    target = demands[0].target
    assert target is not None and (target.actor.code, target.kind) == ("GBRGOV", "implicit")


def test_a_foreign_demand_with_no_addressee_keeps_no_target(coder):
    text = BRITISH_LEAD + "British officials met the cabinet. Russia demanded a full review of the rules."
    demands = events_of(coder, text, "REQUEST")
    assert demands and demands[0].source.actor.country == "RUS"
    assert demands[0].target is None


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        ("Riots spread across Peru on Friday. Police arrested the man near the square.", "the man", "PERCVL"),
        ("Riots spread across Peru on Friday. A judge jailed eight offenders.", "eight offenders", "PERCRM"),
        ("Riots spread across Peru on Friday. Police detained a teenager.", "a teenager", "PERCVL"),
    ],
)
def test_a_single_person_noun_is_a_civilian_of_the_story(nlp, resolver, text, mention, code):
    assert code_of(nlp, resolver, text, mention) == code


US_LEAD = "WASHINGTON (AP) - President Obama met senators at the White House on Monday. "


@pytest.mark.parametrize(
    ("sentence", "plover", "country"),
    [
        ("Two American soldiers were shot dead in Kandahar on Sunday.", "ASSAULT", "AFG"),
        ("Two Americans were arrested at a checkpoint in Tehran.", "COERCE", "IRN"),
        (
            "Three American soldiers were killed by a roadside bomb outside of the Iraqi city of Mosul.",
            "ASSAULT",
            "IRQ",
        ),
        # no place named: the article's own state
        ("Two American soldiers were shot dead on Sunday.", "ASSAULT", "USA"),
    ],
)
def test_an_agentless_act_is_by_the_party_of_the_place_it_happened(coder, sentence, plover, country):
    events = coder.code(US_LEAD + sentence, date="2012-05-01").events
    acts = [e for e in events if e.sentence_index == 1 and e.plover.get("type") == plover]
    assert acts and acts[0].source is not None
    assert (acts[0].source.kind, acts[0].source.actor.country) == ("implicit", country)


def test_a_stateless_source_of_an_act_takes_the_state_of_its_scene(coder):
    text = "Prisoners rioted at a jail in Kandahar on Monday, demanding an end to Pakistani interference."
    riots = [e for e in coder.code(text, date="2012-05-01").events if e.plover.get("type") == "PROTEST"]
    assert riots and riots[0].source.actor.code == "AFGCVL"
    assert "of the scene" in riots[0].source.rule


def test_with_no_clear_context_a_stateless_actor_takes_the_one_state_named_nearby(nlp, resolver):
    text = (
        "Iraq and Iran traded accusations on Monday. Iraqi officials met Iranian envoys in Baghdad. "
        "In London, British MPs debated the crisis. The committee said more aid was needed."
    )
    assert code_of(nlp, resolver, text, "The committee") == "GBRLEG"


def test_a_stateless_target_takes_the_state_of_the_scene(coder_keeping_all):
    text = "Canada said it would not meet the kidnappers' demands to free prisoners in Yemen."
    events = coder_keeping_all.code(text, date="2012-05-01").events
    rejections = [e for e in events if e.plover.get("type") == "REJECT"]
    assert rejections and rejections[0].target is not None
    assert rejections[0].target.actor.country == "YEM"


@pytest.mark.parametrize(
    ("sentence", "plover", "source_country", "target_code"),
    [
        # a town named before a nominal act is where it happened, in a story on another state, and
        # Libyans protest to Libya's government, not to the story's
        ("The Benghazi protests grew on Friday.", "PROTEST", "LBY", "LBYGOV"),
        # spaCy may label a town ORG: the gazetteer still knows it
        ("The Benghazi attack on the consulate shocked the capital.", "ASSAULT", "LBY", None),
        # protesters of another state protest to their own government
        ("Egyptian protesters marched in the rain on Friday.", "PROTEST", "EGY", "EGYGOV"),
    ],
)
def test_an_act_abroad_takes_the_state_of_its_scene_or_its_party(
    coder_keeping_all, sentence, plover, source_country, target_code
):
    events = coder_keeping_all.code(US_LEAD + sentence, date="2012-05-01").events
    acts = [e for e in events if e.sentence_index == 1 and e.plover.get("type") == plover]
    assert acts and acts[0].source is not None
    assert acts[0].source.text != "Benghazi"  # the town is no party
    assert acts[0].source.actor.country == source_country
    if target_code is not None:
        assert acts[0].target is not None and acts[0].target.actor.code == target_code


def test_candidates_and_challengers_belong_with_parties(coder_keeping_all):
    text = "At a rally in Ohio, Governor Tom Reeve accused his challenger of lying about the state budget."
    events = coder_keeping_all.code(text, date="2012-05-01").events
    accusations = [e for e in events if e.plover.get("type") == "ACCUSE"]
    assert accusations and accusations[0].target is not None
    assert accusations[0].target.text == "his challenger"
    assert accusations[0].target.actor.code == "USAPTY"


US_STORY = "The White House attacked House Democrats on Monday. Senate Republicans defended the president. "


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        # in a story on US politics "Georgia" is the state
        (
            US_STORY + "Georgia's secretary of state delayed the recount on Friday.",
            "Georgia's secretary of state",
            "USAGOV",
        ),
        (US_STORY + "Hundreds rallied outside the Georgia State Capitol.", "Georgia", "USA"),
        # the country itself: its capital, or another foreign state beside it
        (
            US_STORY + "Georgia's foreign minister flew home to Tbilisi.",
            "Georgia's foreign minister",
            "GEOGOV",
        ),
        (US_STORY + "The senators recalled the Russian war with Georgia in 2008.", "Georgia", "GEO"),
        # a story with little of the United States in it keeps the country
        ("Georgia's parliament passed the budget on Monday.", "Georgia's parliament", "GEOLEG"),
    ],
)
def test_a_country_named_like_a_us_state_is_the_state_in_a_us_story(nlp, resolver, text, mention, code):
    assert code_of(nlp, resolver, text, mention) == code


def test_a_campaign_chairman_works_for_a_party_not_a_firm(coder_keeping_all):
    # "chairman" alone is a business title; a campaign's chairman or manager is a party actor, so what he
    # agrees to is kept (business acts are dropped as non-political)
    text = "The senator's campaign chairman agreed to cooperate with prosecutors in the fraud inquiry."
    events = coder_keeping_all.code(text, date="2018-09-14").events
    agreements = [e for e in events if e.plover.get("type") == "AGREE"]
    assert agreements and agreements[0].source is not None
    assert agreements[0].source.actor.sector == "PTY"
