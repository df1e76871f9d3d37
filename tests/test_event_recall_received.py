"""Recall on real-news wording (issue 12), third part: acts a party undergoes ("faced criticism from",
"came under fire", "drew condemnation"), harm announced in a warning's clause or promised in return, and
verbs of disputing and questioning.  Each class on sentences we wrote."""

from __future__ import annotations

import pytest

from tests.test_event_recall_wording import asserted, country, of_type


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("The Turkish government faced sharp criticism from the European Union over arrests.", "IGO", "TUR"),
        ("Israel's decision drew condemnation from the Jordanian foreign ministry.", "JOR", "ISR"),
        ("The Hungarian prime minister came under criticism from German lawmakers.", "DEU", "HUN"),
        ("The Polish plan was met with criticism from the French government.", "FRA", "POL"),
    ],
)
def test_criticism_a_party_undergoes_is_the_critics_accusation(coder_keeping_all, text, source, target):
    accusations = of_type(coder_keeping_all, text, "ACCUSE")
    assert accusations, text
    event = accusations[0]
    assert event.rule.endswith("+received")
    assert country(event.target) == target
    assert (event.source.actor.code[:3] if source == "IGO" else country(event.source)) == source


def test_a_thing_that_draws_condemnation_is_its_owners_act_criticised(coder_keeping_all):
    text = "North Korea's missile launch has drawn international condemnation."
    accusations = of_type(coder_keeping_all, text, "ACCUSE")
    assert [country(e.target) for e in accusations] == ["PRK"]


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The former mayor of Lima is now facing charges of corruption.", "ACCUSE"),
        ("The Kenyan minister faced calls from opposition leaders to resign.", "REQUEST"),
        ("The Afghan patrol came under fire from Taliban insurgents near Kandahar.", "ASSAULT"),
    ],
)
def test_charges_calls_and_fire_undergone_keep_their_own_type(coder_keeping_all, text, plover):
    assert of_type(coder_keeping_all, text, plover), text


@pytest.mark.parametrize(
    "text",
    [
        "The senator faces a tough challenge in the primary.",
        "The mayor drew a large crowd at the rally.",
        "The NATO members pledged to help one another should any come under attack.",
    ],
)
def test_facing_or_drawing_something_else_is_no_accusation(coder_keeping_all, text):
    events = asserted(coder_keeping_all, text)
    assert not [e for e in events if e.rule.endswith("+received")], text


@pytest.mark.parametrize(
    "text",
    [
        "The union leader warned that there could be further walkouts unless the ministry changed course.",
        "The Iranian foreign minister warned that American strikes would have serious consequences.",
        "The Russian government vowed a swift response to the expulsion of its diplomats.",
    ],
)
def test_harm_announced_in_a_warning_or_promised_in_return_is_a_threat(coder_keeping_all, text):
    assert of_type(coder_keeping_all, text, "THREATEN"), text
    assert not of_type(coder_keeping_all, text, "AGREE"), text


def test_a_warning_of_no_harm_stays_a_statement(coder_keeping_all):
    text = "The central bank warned that the budget deficit was too large."
    assert not of_type(coder_keeping_all, text, "THREATEN")


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The Canadian senator sharply questioned the government's use of emergency powers.", "ACCUSE"),
        ("Police questioned three men over the bombing in Madrid.", "ACCUSE"),
        ("Two Democratic senators challenged the legitimacy of the Russian election.", "ACCUSE"),
        ("The Chinese foreign ministry disputed the American account of the collision.", "REJECT"),
        ("Republicans hammered away at the Mexican president for his record on trade.", "ACCUSE"),
        ("The Spanish government caved to pressure from the Catalan parties.", "CONCEDE"),
    ],
)
def test_verbs_of_questioning_disputing_and_yielding(coder_keeping_all, text, plover):
    assert of_type(coder_keeping_all, text, plover), text


@pytest.mark.parametrize(
    "text",
    [
        "The negotiators hammered out a deal at a meeting in Vienna.",
        "The governor was challenged by a young insurgent in the primary.",
    ],
)
def test_negotiating_or_running_against_is_no_criticism(coder_keeping_all, text):
    assert not of_type(coder_keeping_all, text, "ACCUSE"), text


@pytest.mark.parametrize(
    "text",
    [
        "A Zimbabwe court freed two former ministers who served under Mugabe and face charges of fraud.",
        "The judge approved the extradition of the Panamanian president to face charges of fraud.",
    ],
)
def test_what_a_party_undergoes_in_a_description_or_purpose_is_background(coder_keeping_all, text):
    assert not [e for e in asserted(coder_keeping_all, text) if e.rule.endswith("+received")], text


def test_a_disputed_territory_is_no_rejection(coder_keeping_all):
    text = "Argentina apologized to Peru for a clash in the Beagle Channel, disputed by Argentina and Chile."
    assert not of_type(coder_keeping_all, text, "REJECT")


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("The Irish senator said he was troubled by the Canadian minister's positions.", "IRL", "CAN"),
        ("The Mexican minister said she was appalled that the American police detained them.", "MEX", "USA"),
        ("The Japanese prime minister was deeply disappointed by the Chinese decision.", "JPN", "CHN"),
    ],
)
def test_feeling_wronged_by_a_partys_act_is_an_accusation(coder_keeping_all, text, source, target):
    accusations = [e for e in of_type(coder_keeping_all, text, "ACCUSE") if "grievance" in e.rule]
    assert accusations, text
    assert country(accusations[0].source) == source and country(accusations[0].target) == target


@pytest.mark.parametrize(
    "text",
    [
        "Retail sales in Germany disappointed over Christmas.",
        "A new book says the French president has upset his finance minister.",
        "Voters had every right to be upset over the Italian ruling.",
        "A Democratic senator frustrated with congressional inaction led a filibuster.",
    ],
)
def test_an_act_a_modifier_or_an_infinitive_is_no_felt_grievance(coder_keeping_all, text):
    assert not [e for e in asserted(coder_keeping_all, text) if "grievance" in e.rule], text


@pytest.mark.parametrize(
    "text",
    [
        '"This is the British prime minister\'s cheap gesture to the lobby."',
        "“It’s a criminal act by the Syrian regime,” the French ambassador said.",
        "The Dutch minister said the Turkish decision was “completely unacceptable”.",
    ],
)
def test_a_judgement_in_a_direct_quote_is_an_accusation(coder_keeping_all, text):
    assert of_type(coder_keeping_all, text, "ACCUSE"), text


@pytest.mark.parametrize(
    "text",
    [
        '"We were wrong about the vote," the Belgian minister admitted.',
        "“It sounded like something was wrong with the speakers,” a resident said.",
        "The columnist said the question was whether the senator's tweets were racist.",
        "Some firms found it cheaper to sack a worker, the Swedish report said.",
    ],
)
def test_self_judgement_vague_subjects_questions_and_comparisons_accuse_nobody(coder_keeping_all, text):
    assert not of_type(coder_keeping_all, text, "ACCUSE"), text


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The Tory leader said he found the BNP's immigration policies abhorrent.", "ACCUSE"),
        ("Moscow considers the American strikes on Syria illegal.", "ACCUSE"),
        ("The Spanish court found the former minister guilty of fraud.", "SANCTION"),
        ("Protesters say federal officers are violating civil rights in Portland.", "ACCUSE"),
        ("The senators said the Kenyan health minister exceeded her authority.", "ACCUSE"),
    ],
)
def test_judging_small_clauses_convictions_and_reported_misdeeds(coder_keeping_all, text, plover):
    assert of_type(coder_keeping_all, text, plover), text


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ('"The Kremlin\'s arrogance has been its undoing," the Estonian minister said.', "RUS"),
        ("The Polish senator said the report showed the failure of the German government's policy.", "DEU"),
    ],
)
def test_a_failing_a_speaker_names_of_a_party_is_an_accusation(coder_keeping_all, text, target):
    accusations = [e for e in of_type(coder_keeping_all, text, "ACCUSE") if e.rule.endswith("+owned")]
    assert accusations, text
    assert country(accusations[0].target) == target


@pytest.mark.parametrize(
    "text",
    [
        "The Czech minister admitted that the failure was their own.",
        "Analysts said the Hungarian government's corruption may be a problem.",
    ],
)
def test_an_own_or_guessed_failing_is_no_accusation(coder_keeping_all, text):
    assert not [e for e in asserted(coder_keeping_all, text) if e.rule.endswith("+owned")], text


def test_a_quote_opening_its_sentence_is_a_quote(coder_keeping_all):
    text = 'The union leader spoke. "In this century, it is completely unacceptable."'
    assert of_type(coder_keeping_all, text, "ACCUSE")


def test_declaring_a_party_illegitimate_is_criticism(coder_keeping_all):
    text = "The Egyptian opposition declared the new government illegitimate."
    assert of_type(coder_keeping_all, text, "ACCUSE")


def test_answering_with_force_is_force_and_with_words_is_not(coder_keeping_all):
    assert of_type(coder_keeping_all, "Turkish police responded with tear gas and bullets.", "ASSAULT")
    assert not of_type(coder_keeping_all, "The Turkish ministry responded with a statement.", "ASSAULT")


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Condemnation came quickly from the Turkish foreign ministry.", "TUR"),
        ("The decision follows sharp criticism from the German government.", "DEU"),
        ("The Spanish prime minister battled fierce criticism from Catalan lawmakers all day.", "ESP"),
        ("The Greek government weathered criticism from the European Commission.", "IGO"),
    ],
)
def test_criticism_that_came_was_followed_or_was_battled_is_the_critics_accusation(
    coder_keeping_all, text, source
):
    accusations = of_type(coder_keeping_all, text, "ACCUSE")
    assert accusations, text
    event = accusations[0]
    assert (event.source.actor.code[:3] if source == "IGO" else country(event.source)) == source


def test_a_reference_to_criticism_under_another_verb_is_no_event(coder_keeping_all):
    text = "The minister dismissed criticism as politically motivated."
    assert not of_type(coder_keeping_all, text, "ACCUSE")
