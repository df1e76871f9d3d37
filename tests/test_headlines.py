"""Headlinese read as the sentences it stands for (eventcoder.headlinese), on titles we wrote."""

from __future__ import annotations

import pytest

from eventcoder.headline import sentence_case
from eventcoder.headlinese import HeadlineRules, past_tense, strip_trappings


def headline_events(coder, title: str, body: str = "The weather was mild on Tuesday.") -> list:
    doc = coder.code(body, date="2024-03-01", title=title)
    return [e for e in doc.events if e.sentence_index == -1]


def types(events: list) -> set[tuple[str | None, str]]:
    return {(e.plover.get("type"), e.modality) for e in events}


@pytest.mark.parametrize(
    ("title", "plain"),
    [
        ("Kenyan police arrest protest organisers - BBC News", "Kenyan police arrest protest organisers"),
        ("Germany sends tanks to Ukraine | Reuters", "Germany sends tanks to Ukraine"),
        ("OPINION: The senate must act now", "The senate must act now"),
        ("Exclusive — Minister quits over leak (+video)", "Minister quits over leak"),
        ("Flynn talked sanctions with Russia: reports", "Flynn talked sanctions with Russia"),
        ("Lords wrong on detainees - Straw", "Lords wrong on detainees - Straw"),  # a speaker
        ("Bush - time to go", "Bush - time to go"),
    ],
)
def test_page_trappings_are_dropped_from_titles(title, plain):
    assert strip_trappings(title, HeadlineRules.load()) == plain


def test_past_tense_uses_irregular_forms(nlp):
    assert [past_tense(v, nlp) for v in ("strike", "ban", "arrest", "vow", "rally")] == [
        "struck",
        "banned",
        "arrested",
        "vowed",
        "rallied",
    ]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Kenyan police arrest protest organisers ahead of anniversary march", ("COERCE", "asserted")),
        ("Trump attacks two Republican senators for criticizing his response", ("ACCUSE", "asserted")),
        ("Tennessee governor grants clemency to jailed activist", ("CONCEDE", "asserted")),
    ],
)
def test_a_verb_read_as_a_noun_in_a_headline_is_coded(coder, title, expected):
    assert expected in types(headline_events(coder, title))


def test_the_headline_trigger_is_the_title_word(coder):
    events = headline_events(coder, "Kenyan police arrest protest organisers ahead of anniversary march")
    assert any(e.trigger == "arrest" for e in events)


def test_a_noun_subject_of_the_next_verb_stays_a_noun(coder):
    """ "Iran protests turn deadly": "protests" is what turned deadly, not what Iran did."""
    events = headline_events(coder, "Iran protests turn deadly in southern cities")
    assert not any(e.plover.get("type") == "ACCUSE" for e in events)


def test_a_speaker_before_a_colon_reports_the_headline(coder):
    events = headline_events(coder, "Trump: Mexico must stop immigrant caravans")
    demands = [e for e in events if e.plover.get("type") == "REQUEST"]
    assert demands and demands[0].target is not None and demands[0].target.actor.country == "MEX"


def test_to_verb_in_a_headline_is_future(coder):
    events = headline_events(coder, "Germany to send tanks to Ukraine")
    assert events and not any(e.modality == "asserted" and e.plover.get("type") for e in events)


def headline_types(coder, title: str) -> set[tuple[str | None, str]]:
    return types(headline_events(coder, title))


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("New sanctions draw Venezuela threat", ("SANCTION", "asserted")),
        ("New sanctions draw Venezuela threat", ("THREATEN", "asserted")),
        ("Chile hit by further fuel riots", ("PROTEST", "asserted")),
        # the noun is its own report, not part of the verb's negation
        ("Residents aren't panicking over the rocket attacks", ("ASSAULT", "asserted")),
    ],
)
def test_a_headline_noun_phrase_reports_its_event(coder_keeping_all, title, expected):
    assert expected in headline_types(coder_keeping_all, title)


def test_the_same_noun_phrase_in_running_text_is_a_reference(coder_keeping_all):
    """In the body "new sanctions" under a verb that is no event names sanctions, it does not report them."""
    doc = coder_keeping_all.code("New sanctions draw Venezuela threat.", date="2024-03-01")
    assert not [e for e in doc.events if e.plover.get("type") in ("SANCTION", "THREATEN")]


@pytest.mark.parametrize(
    "title",
    [
        "Minister makes no mention of foreign aid",  # the topic of another noun
        "Korean War memorial reopens in Seoul",  # a name, not a report
        "Campus sex assault is rising, study finds",  # a crime as a policy topic
    ],
)
def test_a_headline_noun_that_is_a_topic_or_a_name_is_not_coded(coder_keeping_all, title):
    assert not [e for e in headline_events(coder_keeping_all, title) if e.plover.get("type")]


def test_an_impending_strike_is_future(coder_keeping_all):
    assert ("PROTEST", "future") in headline_types(coder_keeping_all, "Teacher strike looms in Chicago")
    doc = coder_keeping_all.code("A teacher strike looms in Chicago.", date="2024-03-01")
    assert [e.modality for e in doc.events if e.plover.get("type") == "PROTEST"] == ["future"]


def test_protests_that_spread_happened(coder_keeping_all):
    doc = coder_keeping_all.code("Protests spread to five cities.", date="2024-03-01")
    assert ("PROTEST", "asserted") in types(doc.events)


def test_a_state_demonym_keeps_its_capital_in_a_title_case_headline():
    recased = sentence_case("Syrian Attack Crossed Every Line, Senator Says", "", frozenset({"syrian"}))
    assert recased == "Syrian attack crossed every line, senator says"


@pytest.mark.parametrize(
    "text",
    ["Britain seeks a trade deal with India.", "Russia is preparing an offensive in the east."],
)
def test_a_nominal_event_sought_or_prepared_is_future(coder_keeping_all, text):
    events = coder_keeping_all.code(text, date="2024-03-01").events
    assert events and all(e.modality == "future" for e in events if e.plover.get("type"))


def test_a_sought_deal_in_a_headline_is_not_asserted(coder_keeping_all):
    events = headline_events(coder_keeping_all, "Britain seeks trade deal with India")
    assert not [e for e in events if e.plover.get("type") and e.modality == "asserted"]


def test_declaring_a_state_a_sponsor_of_terrorism_in_a_headline_is_an_accusation(coder_keeping_all):
    title = "Washington declares Cuba a state sponsor of terrorism"
    assert ("ACCUSE", "asserted") in headline_types(coder_keeping_all, title)


@pytest.mark.parametrize(
    "title",
    [
        "Two opposition organisers arrested near parliament",
        "Environmental campaigners detained after blocking the motorway",
        "Former mayor Carla Ruiz arrested on bribery charges",
    ],
)
def test_a_bare_participle_after_its_subject_is_a_passive(coder_keeping_all, title):
    """Headlines drop "was": "organisers arrested" says someone arrested them, not that they arrested."""
    arrests = [e for e in headline_events(coder_keeping_all, title) if e.plover.get("type") == "COERCE"]
    assert arrests, title
    assert arrests[0].target is not None and arrests[0].target.text in title
    assert arrests[0].source is None or arrests[0].source.text not in title


def test_an_active_past_verb_with_its_object_stays_active(coder_keeping_all):
    """ "Riot police detained dozens of students": an object follows, so the police did the detaining."""
    events = headline_events(coder_keeping_all, "Riot police detained dozens of students in the capital")
    arrests = [e for e in events if e.plover.get("type") == "COERCE"]
    assert arrests and arrests[0].source is not None and "police" in arrests[0].source.text


def test_a_verb_the_parser_took_for_an_auxiliary_is_repaired(coder_keeping_all):
    """ "Obama seeks deal with Iran" parses as the auxiliary "seeks" before a verb "deal"; repaired, the
    sought deal is the headline's event, and it is not yet done."""
    events = headline_events(coder_keeping_all, "Obama seeks deal with Iran")
    deals = [e for e in events if e.trigger == "deal"]
    assert deals and all(e.modality != "asserted" for e in deals)


def test_attacked_over_a_policy_is_criticism(coder_keeping_all):
    doc = coder_keeping_all.code(
        "The finance minister was attacked over the pension reform by opposition leaders."
    )
    kinds = {e.plover.get("type") for e in doc.events}
    assert "ACCUSE" in kinds and "ASSAULT" not in kinds
