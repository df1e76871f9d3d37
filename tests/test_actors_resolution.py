"""Resolution of one actor mention (issue 13's country and sector targets): a person written by the
family name alone, a family name before a sector noun, undated people, bodies whose name opens with a
state, stance words before a body, aircraft. Every sentence here is written for the test."""

from __future__ import annotations

import pytest

from tests.test_actors_knowledge import actor_of, analyse


@pytest.mark.parametrize(
    ("text", "date", "mention", "expected"),
    [
        # the one Blair of a state the story names, in office on an undated story: his own state's office
        ("Mr Blair flew to Belfast after the vote in London.", None, "Mr Blair", ("GBR", "GOV")),
        # family name first: the head of state among the people named Kim in office on the date
        ("Kim inspected a missile base, North Korean media said.", "2019-05-01", "Kim", ("PRK", "GOV")),
        # a family name before a sector noun: the state of the known people of that name
        (
            "The Bush administration rejected the offer.",
            "2003-02-01",
            "The Bush administration",
            ("USA", "GOV"),
        ),
        # a body listed without a state whose name opens with one
        (
            "The American Civil Liberties Union sued the city.",
            None,
            "The American Civil Liberties Union",
            ("USA", "NGO"),
        ),
        ("The Danish Refugee Council opened a camp.", None, "The Danish Refugee Council", ("DNK", "NGO")),
        # a stance toward a body is not the body: the possessive state stays
        (
            "Ukraine's pro-Kremlin president refused to sign the pact.",
            "2013-11-25",
            "Ukraine's pro-Kremlin president",
            ("UKR", "GOV"),
        ),
        # aircraft are the military's, unless they carry passengers
        ("Israeli aircraft struck a depot overnight.", None, "Israeli aircraft", ("ISR", "MIL")),
        ("A passenger aircraft landed safely.", None, "A passenger aircraft", (None, "CVL")),
    ],
)
def test_mention_resolves(nlp, actor_resolver, text, date, mention, expected):
    assert actor_of(analyse(nlp, actor_resolver, text, date), mention) == expected


def test_a_family_name_with_a_given_name_written_is_someone_else(nlp, actor_resolver):
    """ "John Blair, a local farmer" is not Tony Blair, and neither is the "Mr Blair" who follows."""
    doc = analyse(nlp, actor_resolver, "John Blair, a local farmer, said Mr Blair would sue.", "2019-05-01")
    assert all(m.actor is None or m.actor.name != "Tony Blair" for m in doc.mentions)


def test_a_family_name_several_office_holders_share_resolves_nothing(nlp, actor_resolver):
    """Several people named Kim in office in two Koreas, neither named: no guess."""
    doc = analyse(nlp, actor_resolver, "Kim said the talks went well.", "2019-05-01")
    kim = next(m for m in doc.mentions if m.text == "Kim")
    assert kim.actor is None or kim.actor.name is None or kim.actor.name == "Kim"


def test_a_stance_toward_a_body_is_no_mention_of_it(nlp, actor_resolver):
    doc = analyse(nlp, actor_resolver, "He took a pro-Kremlin stance at an anti-NATO rally.")
    assert all(m.actor is None or m.actor.code != "IGONAT" for m in doc.mentions)
    assert all(m.actor is None or m.actor.name != "the Kremlin" for m in doc.mentions)


def test_a_person_owning_something_is_a_mention(nlp, actor_resolver):
    """ "Interior Minister Jane Okafor's warnings": the minister the knowledge base lacks is an actor
    a dismissal can target, with the title's sector and the state the story names."""
    text = "Nigeria's opposition dismissed Interior Minister Jane Okafor's warnings as exaggerated."
    doc = analyse(nlp, actor_resolver, text, "2015-03-01")
    assert actor_of(doc, "Interior Minister Jane Okafor") == ("NGA", "GOV")


def test_a_family_name_after_the_full_name_is_the_same_known_person(nlp, actor_resolver):
    """ "Mr. McCain" after "Sen. John McCain": the known person, whatever the letter case of the name."""
    text = "Sen. John McCain spoke first. Later Mr. McCain left the hall."
    doc = analyse(nlp, actor_resolver, text, "2015-07-19")
    later = next(m for m in doc.mentions if m.text == "Mr. McCain")
    assert later.actor is not None and later.actor.country == "USA"
    assert (later.actor.name or "").lower() == "john mccain"


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        # the honorific's gender and the title written with the name choose among namesakes
        ("Mrs. Clinton met the committee in Washington.", "Mrs. Clinton", "Hillary Clinton"),
        ("Senator Clinton questioned the general in Washington.", "Senator Clinton", "Hillary Clinton"),
    ],
)
def test_namesakes_are_told_apart(nlp, actor_resolver, text, mention, name):
    doc = analyse(nlp, actor_resolver, text, "2014-06-01")
    found = next(m for m in doc.mentions if m.text == mention)
    assert found.actor is not None and found.actor.name == name


def test_leaders_of_a_body_take_its_sector(nlp, actor_resolver):
    """ "Leaders of the opposition coalition" are the opposition's; "the commander of forces in
    Kabul" is not given the state the forces serve in."""
    doc = analyse(nlp, actor_resolver, "Leaders of the Freedom opposition coalition agreed to wait.")
    assert actor_of(doc, "Leaders of the Freedom opposition coalition")[1] == "OPP"
    doc = analyse(nlp, actor_resolver, "The US named the commander of forces in Kabul on Monday.")
    assert all(m.text != "the commander of forces in Kabul" for m in doc.mentions)


def test_an_office_noun_before_a_name_is_its_title(nlp, actor_resolver):
    """The generated agents table lists offices as nouns: "Labour Minister" before an unknown
    minister's name still makes a government official."""
    doc = analyse(nlp, actor_resolver, "Croatian Labour Minister Ivan Horvat met the strikers.")
    assert actor_of(doc, "Croatian Labour Minister Ivan Horvat") == ("HRV", "GOV")


def test_an_official_of_an_intergovernmental_body_is_an_official(nlp, actor_resolver):
    doc = analyse(nlp, actor_resolver, "UN Secretary-General Kofi Annan urged restraint.", "2003-03-01")
    annan = next(m for m in doc.mentions if "Annan" in m.text)
    assert annan.actor is not None and annan.actor.code.startswith("IGOUNO") and annan.actor.sector == "GOV"


def test_a_titled_person_of_a_place_takes_its_state(nlp, actor_resolver):
    doc = analyse(nlp, actor_resolver, "Sen. Jane Roe of Ohio criticised the plan.", "2015-03-01")
    assert actor_of(doc, "Sen. Jane Roe of Ohio") == ("USA", "LEG")


def test_a_family_name_needs_a_state_the_story_names(nlp, actor_resolver):
    """No state named: "Mr Howard" is not taken for Australia's John Howard, nor anyone else."""
    doc = analyse(nlp, actor_resolver, "Mr Howard said the tax plan would fail.", "2005-03-01")
    howard = next(m for m in doc.mentions if m.text == "Mr Howard")
    assert howard.actor is None or howard.actor.country is None


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("HHS announced new rules on Monday.", "HHS", ("USA", "GOV")),
        ("The NRA sued the city.", "The NRA", ("USA", "NGO")),
        ("The Wall Street Journal reported the deal.", "The Wall Street Journal", ("USA", "JRN")),
        ("The Countryside Alliance condemned the ban.", "The Countryside Alliance", ("GBR", "NGO")),
    ],
)
def test_bodies_news_names_by_short_forms(nlp, actor_resolver, text, mention, expected):
    assert actor_of(analyse(nlp, actor_resolver, text), mention) == expected


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("Law and Justice lost seats in the vote.", "Law and Justice", ("POL", "PTY")),
        ("Blue and White said it would join the coalition.", "Blue and White", ("ISR", "PTY")),
    ],
)
def test_a_name_with_and_is_one_actor(nlp, actor_resolver, text, mention, expected):
    doc = analyse(nlp, actor_resolver, text, "2019-03-01")
    assert actor_of(doc, mention) == expected
    assert not any(m.text in mention.split(" and ") for m in doc.mentions)


def test_a_title_after_a_body_takes_the_body(nlp, actor_resolver):
    """ "the White House chief of staff" is a government official, not an officer."""
    doc = analyse(nlp, actor_resolver, "The White House chief of staff resigned on Friday.", "2017-07-28")
    assert actor_of(doc, "The White House chief") == ("USA", "GOV")


def test_a_description_with_its_own_sector_refers_back_only_to_that_sector(nlp, actor_resolver):
    """ "the rebel group" is not the ruling party named before it; "The group" still is Hamas."""
    text = "Leaders of the ruling party met. The rebel group surrendered."
    text += " Hamas fired rockets. The group said so."
    doc = analyse(nlp, actor_resolver, text)
    assert actor_of(doc, "The rebel group")[1] == "REB"
    group = [m for m in doc.mentions if m.text == "The group"][0]
    assert group.actor is not None and group.actor.name == "Hamas"
