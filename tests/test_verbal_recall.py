"""Recall of the verbal PLOVER types on real-news wording (issue 12): accusations carried by naming with an
epithet, by blame and objection idioms, and by claims that another party did a hostile act; pushing back on
an allegation.  Each class on sentences we wrote, with the readings that must stay uncoded beside it."""

from __future__ import annotations

import pytest

from tests.test_event_recall_wording import asserted, country, of_type


def accusation_countries(coder, text: str, trigger_start: str = "") -> list[tuple[str | None, str | None]]:
    """Source and target country of each asserted accusation (whose trigger starts so)."""
    return [
        (country(e.source), country(e.target))
        for e in of_type(coder, text, "ACCUSE")
        if e.trigger.startswith(trigger_start)
    ]


# -- naming a party or its act with an epithet ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The Syrian foreign ministry called the American air strikes a hostile act.", "called"),
        ("Senate Democrats called the Justice Department's report a partisan hit job.", "called"),
        ("The Republicans call the new rules a government cover-up.", "call"),
        ("Iran's government described the British seizure of the tanker as an act of piracy.", "described"),
        ("The Chinese embassy called the senator's remarks deeply offensive.", "called"),
        ("The French president called the gunman a coward and a loser.", "called"),
        ("Washington declared Cuba a state sponsor of terrorism on Monday.", "declared"),
        ("The opposition declared the new president's powers illegitimate.", "declared"),
    ],
)
def test_naming_with_an_epithet_is_an_accusation(coder_keeping_all, text, trigger):
    accusations = of_type(coder_keeping_all, text, "ACCUSE")
    assert [e.trigger for e in accusations] == [trigger], text


def test_the_named_object_is_no_event_of_its_own(coder_keeping_all):
    """ "called the sanctions a hostile act": the naming verb is no light verb for "sanctions"."""
    text = "Tehran called the new American sanctions a hostile act."
    events = asserted(coder_keeping_all, text)
    assert [e.plover.get("type") for e in events] == ["ACCUSE"]
    assert country(events[0].source) == "IRN"


# -- blame and objection idioms ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Beijing laid the blame on Washington for the collapse of the negotiations.", "CHN", "USA"),
        ("The Japanese foreign ministry put the blame squarely on Seoul for the dispute.", "JPN", "KOR"),
        ("The Indian army pinned the blame on Pakistan for the border clash.", "IND", "PAK"),
        ("The German chancellor held the Russian government responsible for the poisoning.", "DEU", "RUS"),
        ("The British prime minister pointed the finger at Moscow over the hacking.", "GBR", "RUS"),
    ],
)
def test_blame_idioms_are_accusations(coder_keeping_all, text, source, target):
    assert accusation_countries(coder_keeping_all, text)[:1] == [(source, target)], text


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("Senator Collins raised objections to the new draft of the health bill.", "ACCUSE"),
        ("The mayor of Chicago took issue with the governor's remarks on crime.", "ACCUSE"),
        ("Senator Sullivan has spoken out against the Pentagon's plan to close the base.", "ACCUSE"),
        ("The Chinese foreign ministry hit back at its American critics on Tuesday.", "ACCUSE"),
        # pushing back on an allegation rejects it, aimed at whoever made it
        ("Kenya's foreign ministry hit back at allegations that Nairobi had armed the militia.", "REJECT"),
        # ruling out an option rejects it; taking a party's side supports it
        ("Seoul ruled out fresh talks with the northern regime.", "REJECT"),
        ("The premier ruled out a sale of the state railway.", "REJECT"),
        ("The senator sided with the Kremlin over his own party.", "SUPPORT"),
    ],
)
def test_objection_idioms_criticise_and_hitting_back_at_allegations_rejects(coder_keeping_all, text, plover):
    assert [e.plover.get("type") for e in asserted(coder_keeping_all, text)] == [plover], text


@pytest.mark.parametrize(
    "text",
    [
        "The senator raised money for the campaign.",
        "The governor held the press conference in Austin.",
        "The president put the plan to a vote.",
        "The teacher pointed at the map.",
        "The minister described the talks as friendly and open.",
        "The company called its new phone the Nova.",
        "The talks were hostile, the Chinese delegate said.",
    ],
)
def test_the_same_verbs_without_the_idiom_or_the_epithet_are_no_accusation(coder_keeping_all, text):
    assert not of_type(coder_keeping_all, text, "ACCUSE"), text


def test_a_court_siding_with_a_lawsuit_backs_no_party(coder_keeping_all):
    text = "The appeals court sided with the lawsuit brought by the farmers."
    assert not of_type(coder_keeping_all, text, "SUPPORT")


# -- claims that another party did a hostile act ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Syrian rebels claimed that government forces had shelled the town overnight.", "SYR", "SYR"),
        ("Kiev claims Russian forces launched a missile attack on Kharkiv.", "UKR", "RUS"),
        ("The Iraqi government claimed Iran was behind the bombing of the embassy.", "IRQ", "IRN"),
        ("Ankara claims the Russian jet violated Turkish airspace.", "TUR", "RUS"),
    ],
)
def test_claiming_that_another_party_did_a_hostile_act_accuses_it(coder_keeping_all, text, source, target):
    assert accusation_countries(coder_keeping_all, text, "claim") == [(source, target)], text


def test_warning_that_a_party_is_suspected_accuses_it_and_threatens_no_one(coder_keeping_all):
    text = "Dutch officials warned that hackers in Moldova were suspected of planting spyware."
    assert of_type(coder_keeping_all, text, "ACCUSE") and not of_type(coder_keeping_all, text, "THREATEN")


@pytest.mark.parametrize(
    "text",
    [
        "Moscow claimed that Russian jets had struck militant positions near Idlib.",
        "Washington claims Tehran could attack shipping in the Gulf.",
        "The Kenyan police claimed the storm killed 30 people.",
        "The prime minister claimed that his government had created a million jobs.",
        "The Ukrainian government claimed that the Russian forces will attack Kiev.",
    ],
)
def test_claims_of_own_future_or_harmless_acts_are_no_accusation(coder_keeping_all, text):
    assert not accusation_countries(coder_keeping_all, text, "claim"), text


# -- an inquiry's or a court's finding that another party did a hostile act --------------------------------
@pytest.mark.parametrize(
    ("text", "trigger", "source", "target"),
    [
        (
            "The Dutch inquiry concluded that the Russian army had shelled the village.",
            "conclud",
            "NLD",
            "RUS",
        ),
        ("French investigators found that Iran had violated the nuclear agreement.", "found", "FRA", "IRN"),
        ("Kenyan police determined that Somali militants had bombed the market.", "determin", "KEN", "SOM"),
    ],
)
def test_finding_that_another_party_did_a_hostile_act_accuses_it(
    coder_keeping_all, text, trigger, source, target
):
    assert accusation_countries(coder_keeping_all, text, trigger) == [(source, target)], text


@pytest.mark.parametrize(
    "text",
    [
        "Chilean scientists found that the new vaccine was safe for children.",
        "The German panel concluded that the talks with Poland had gone well.",
    ],
)
def test_findings_of_no_hostile_act_are_no_accusation(coder_keeping_all, text):
    assert not of_type(coder_keeping_all, text, "ACCUSE"), text


# -- speech acts in relative and "to" clauses, appeals for an infinitive clause ---------------------------
@pytest.mark.parametrize(
    ("text", "plover", "source"),
    [
        ("He defended the interview, in which the Brazilian president criticised Mexico.", "ACCUSE", "BRA"),
        (
            "The talks, which the Japanese prime minister has welcomed, were the first in years.",
            "SUPPORT",
            "JPN",
        ),
        ("The sentence was cut, which Amnesty International had called for.", "REQUEST", None),
        # the object of "prompting" is who accuses, not the subject of "blamed"
        ("The American envoy blamed Iran, prompting Tehran to accuse Washington of lying.", "ACCUSE", "IRN"),
        ("Spain and Italy have repeatedly called for the quota to be scrapped.", "REQUEST", "ESP"),
        ("Several US senators have called for the Chinese minister to resign.", "REQUEST", "USA"),
    ],
)
def test_speech_acts_in_relative_and_infinitive_clauses_are_coded(coder_keeping_all, text, plover, source):
    found = [e for e in of_type(coder_keeping_all, text, plover) if e.trigger not in ("blamed",)]
    assert found, text
    assert source is None or country(found[0].source) == source, text


def test_a_relative_clause_on_a_misread_noun_subject_is_still_background(coder_keeping_all):
    """ "a trawler that Norway claims violated its fishing zone": "claims" is no speaker of "violated"."""
    text = "The frigate seized a Russian trawler that Norway claims violated its fishing zone."
    assert not of_type(coder_keeping_all, text, "REJECT")


# -- "call on" is an appeal only without a direct object ---------------------------------------------------
def test_calling_a_view_on_a_topic_something_is_no_appeal(coder_keeping_all):
    text = "The Peruvian senator called her views on mining out of touch with reality."
    assert not of_type(coder_keeping_all, text, "REQUEST"), text


def test_calling_on_a_party_to_act_is_an_appeal(coder_keeping_all):
    assert of_type(coder_keeping_all, "The UN called on Israel to halt the demolitions.", "REQUEST")


@pytest.mark.parametrize(
    "text",
    [
        "Senate Democrats called on Republicans on Wednesday to apologize for language about the pandemic.",
        "State Democrats called on Republicans on Monday to apologize for remarks about the flood.",
    ],
)
def test_an_appeal_split_from_its_infinitive_by_a_date_is_still_an_appeal(coder_keeping_all, text):
    """The parser reads "on Wednesday to apologize" as a clause of purpose; the apology is only asked for."""
    assert of_type(coder_keeping_all, text, "REQUEST"), text
    assert not of_type(coder_keeping_all, text, "CONCEDE"), text


# -- insults traded and shouted ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Italian union leaders shouted insults at the French ambassador.",
        "The Serbian and Croatian ministers traded insults at the summit.",
    ],
)
def test_insults_shouted_or_traded_are_accusations_not_trade(coder_keeping_all, text):
    assert of_type(coder_keeping_all, text, "ACCUSE"), text
    assert not of_type(coder_keeping_all, text, "COOPERATE"), text


def test_trading_goods_is_still_cooperation_and_trading_fire_an_assault(coder_keeping_all):
    assert of_type(coder_keeping_all, "Serbia traded weapons with Hungary.", "COOPERATE")
    text = "Indian and Pakistani troops traded fire across the Line of Control."
    assert of_type(coder_keeping_all, text, "ASSAULT")


@pytest.mark.parametrize(
    "text",
    [
        "Gun-control advocates in Ohio now seek a reinstatement of the assault weapons ban.",
        "The Kenyan opposition is seeking an end to the emergency rule.",
    ],
)
def test_seeking_a_policy_change_is_an_appeal(code, text):
    assert "REQUEST" in {e.plover.get("type") for e in code(text) if e.modality == "asserted"}, text


def test_praise_drawn_from_others_is_their_support(code):
    events = code("The Kenyan minister's testimony drew praise from opposition senators.")
    assert "SUPPORT" in {e.plover.get("type") for e in events if e.modality == "asserted"}


def test_distancing_oneself_from_a_stance_rejects_it(code):
    events = code("The Dutch party distanced itself from the senator's remarks on Friday.")
    assert "REJECT" in {e.plover.get("type") for e in events if e.modality == "asserted"}
