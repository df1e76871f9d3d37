"""Event detection and CAMEO/PLOVER coding on sentences written for these tests."""

from __future__ import annotations

import pytest

from eventcoder.events import make_event_id
from tests.conftest import roots

# One sentence per CAMEO root: (sentence, expected root)
ROOT_SENTENCES = [
    ("The Finnish prime minister said the economy was recovering.", "01"),
    ("Chile appealed for humanitarian aid after the floods.", "02"),
    ("Japan pledged to provide economic aid to Mongolia.", "03"),
    ("The Kenyan president met the Somali foreign minister in Nairobi.", "04"),
    ("Brazil praised Argentina for its handling of the crisis.", "05"),
    ("Peru and Ecuador agreed to share intelligence on drug gangs.", "03"),
    ("Norway donated medicine to the hospitals of Yemen.", "07"),
    ("Myanmar released hundreds of political prisoners on Monday.", "08"),
    ("Polish prosecutors are investigating the bribery scandal.", "09"),
    ("Egypt demanded the release of its fishermen held by Libya.", "10"),
    ("The Canadian foreign minister condemned the Iranian missile test.", "11"),
    ("Serbia rejected the proposal for new elections.", "12"),
    ("Turkey threatened to expel the Dutch ambassador.", "13"),
    ("Thousands of teachers protested in Bogota against pension cuts.", "14"),
    ("India deployed troops along the disputed frontier.", "15"),
    ("Morocco severed diplomatic relations with Iran.", "16"),
    ("Police arrested forty opposition activists in Minsk.", "17"),
    ("Gunmen kidnapped two aid workers in northern Mali.", "18"),
    ("Ethiopian forces shelled the rebel town overnight.", "19"),
    ("The militia massacred villagers in the eastern province.", "20"),
]


@pytest.mark.parametrize("text,root", ROOT_SENTENCES, ids=[r for _, r in ROOT_SENTENCES])
def test_each_cameo_root(code, text, root):
    events = code(text)
    assert root in roots(events), [(e.cameo, e.trigger, e.rule) for e in events]


def test_event_fields_come_from_the_ontology(code):
    event = next(
        e for e in code("India deployed troops along the disputed frontier.") if e.cameo_root == "15"
    )
    assert event.plover["type"] == "MOBILIZE"
    assert event.quad_class == 4 and event.goldstein < 0
    assert event.rule.startswith("verbs.yaml:deploy")
    assert event.trigger == "deployed" and event.trigger_token == 1
    assert event.event_id == make_event_id("t", 0, 1, event.cameo)
    assert event.source is not None and event.source.text == "India"


def test_verb_object_patterns_change_the_code(code):
    troops = code("Canada sent troops to Latvia.")
    aid = code("Canada sent food aid to Haiti.")
    assert "15" in roots(troops) and "07" not in roots(troops)
    assert "07" in roots(aid) and "15" not in roots(aid)
    assert [e.target.text for e in aid if e.cameo_root == "07"] == ["Haiti"]


def test_alert_status_is_a_force_posture(code):
    events = code("The Pentagon put 3,000 soldiers on alert.")
    assert [e.cameo for e in events] == ["152"]


def test_passive_swaps_source_and_target(code):
    events = code("A Malian army convoy was attacked by jihadist fighters near Gao.")
    attack = next(e for e in events if e.cameo_root == "19")
    assert attack.source is not None and "fighters" in attack.source.text or attack.source.text == "jihadist"
    assert attack.target is not None and "Malian" in attack.target.text


def test_nominal_triggers(code):
    talks = code("Talks between Armenia and Azerbaijan began in Brussels.")
    assert any(e.cameo_root == "04" for e in talks)
    event = next(e for e in talks if e.cameo_root == "04")
    assert (event.source.text, event.target.text) == ("Armenia", "Azerbaijan")
    sanctions = code("The European Union imposed sanctions on Belarus.")
    assert any(e.cameo == "163" and e.target and e.target.text == "Belarus" for e in sanctions)
    held = code("Vietnamese and Chinese officials held talks on the fishing dispute.")
    assert "04" in roots(held)


def test_reported_speech_codes_the_embedded_event(code):
    events = code("The Ukrainian army said Russian forces attacked Kharkiv.")
    attack = [e for e in events if e.cameo_root == "19"]
    assert attack and "Russian" in attack[0].source.text and attack[0].target.text == "Kharkiv"
    statement = [e for e in events if e.cameo == "010"]
    assert statement and statement[0].source.actor.code == "UKRMIL"  # who made the claim is kept
    assert statement[0].confidence < attack[0].confidence  # but what it reports is the main event


def test_statement_by_an_unknown_speaker_is_not_kept_beside_a_reported_event(code):
    events = code("Somebody said Russian forces attacked Kharkiv.")
    assert any(e.cameo_root == "19" for e in events)
    assert not any(e.cameo == "010" for e in events)


def test_plain_statement_is_coded_when_nothing_else_is(code):
    events = code("The Greek finance minister told reporters the talks were going well.")
    assert any(e.cameo_root in ("01", "04") for e in events)


def test_multiple_events_and_conjoined_subjects(code):
    events = code("Rebels burned the market and kidnapped the mayor.")
    assert {"17", "18"} <= roots(events)
    both = [e for e in code("Sweden and Finland condemned the coup.") if e.cameo_root == "11"]
    assert len(both) == 1  # one condemnation, as PLOVER codes it, with both actors
    assert [m.text for m in (both[0].source, *both[0].other_sources)] == ["Sweden", "Finland"]


def test_intent_and_threat_recoding(code):
    pledge = code("Japan pledged to send humanitarian aid to Nepal.")
    assert [e.cameo for e in pledge] == ["0333"]
    threat = code("Ghana threatened to sever relations with Togo.")
    assert [e.cameo for e in threat] == ["1313"]
    assert threat[0].target is not None and threat[0].target.text == "Togo"
    refuse = code("Cuba refused to release the detained journalists.")
    assert [e.cameo for e in refuse] == ["1243"]


def test_promise_of_harm_on_a_condition_is_a_threat(code):
    events = code("Germany has promised tough sanctions if Serbia attacks Kosovo.")
    threat = [e for e in events if e.cameo_root == "13"]
    assert threat and threat[0].modality == "asserted"
    assert threat[0].target is not None and threat[0].target.text == "Serbia"
    attack = [e for e in events if e.cameo_root == "19"]
    assert attack and attack[0].modality == "hypothetical"


def test_future_cooperation_is_an_intent(code):
    events = code("The Spanish king said he will visit Morocco next month.")
    assert [e.cameo_root for e in events if e.cameo_root != "01"] == ["03"]
    assert [e.plover["type"] for e in events if e.cameo_root == "03"] == ["AGREE"]
    spoken = code('"We will send troops to Mali," the French defence minister told reporters.')
    assert [(e.cameo_root, e.modality) for e in spoken if e.cameo_root != "01"] == [("13", "asserted")]
    ready = code("Iran stands ready to negotiate with the European Union.")
    assert [(e.cameo_root, e.modality) for e in ready] == [("03", "asserted")]


def test_a_narrated_or_speculated_future_act_keeps_its_modality(code):
    """Only the source's own commitment is AGREE / THREATEN: a reporter's "will most likely meet",
    an analyst's "would allow" or an opinion's "should resign" is not an event that happened."""
    narrated = code("The Spanish king and the Moroccan king will most likely meet in Rabat next month.")
    assert {(e.cameo_root, e.modality) for e in narrated} == {("04", "future")}
    speculated = code("Picking a new envoy would allow Kenya a fresh start with Somalia.")
    assert all(e.modality != "asserted" for e in speculated)
    opinion = code("The finance minister should resign over the scandal.")
    assert all(e.modality != "asserted" for e in opinion)
    counterfactual = code("Had Russia invaded Georgia, the European Union would have imposed sanctions.")
    assert all(e.modality != "asserted" for e in counterfactual)


def test_inverted_condition_is_a_condition(code):
    threat = code("Should Serbia attack Kosovo, Germany will impose tough sanctions.")
    assert {(e.cameo_root, e.modality) for e in threat} == {("19", "hypothetical"), ("13", "asserted")}
    were = code("Were China to attack Taiwan, Japan would send warships.")
    assert [e.modality for e in were if e.cameo_root == "19"] == ["hypothetical"]
    reported = code("Officials said that, should Russia invade Ukraine, Washington would impose sanctions.")
    assert not [e for e in reported if e.cameo_root == "10"]  # a condition, not an obligation
    question = code("Should the United Nations sanction Iran?")
    assert not [e for e in question if e.modality == "asserted" and e.cameo_root == "16"]


def target_countries(events, root):
    return [
        (e.target.actor.country if e.target and e.target.actor else None)
        for e in events
        if e.cameo_root == root
    ]


def test_target_of_a_reaction_is_who_made_the_proposal(code):
    events = code("Chile rejected a Peruvian proposal for joint naval patrols.")
    assert target_countries(events, "12") == ["PER"]
    events = code("Kenya rejected calls by Uganda to reopen the border.")
    assert target_countries(events, "12") == ["UGA"]


def test_own_forces_are_not_the_target_but_where_they_go_is(code):
    events = code("Syria withdrew its troops from Lebanon.")
    assert target_countries(events, "08") == ["LBN"]


def test_place_is_the_target_when_nobody_else_is_named(code):
    events = code("The army imposed a curfew in Lebanon on Sunday.")
    assert [e.cameo for e in events] == ["1723"] and target_countries(events, "17") == ["LBN"]


def test_a_protest_purpose_is_its_claim_not_a_second_event(code):
    events = code("Teachers in Chile began a hunger strike to demand higher pay from the government.")
    assert [e.cameo for e in events] == ["142"]
    rally = code("Thousands of Chilean students rallied in Santiago to denounce the president.")
    assert [e.cameo_root for e in rally] == ["14"]


def test_light_verb_through_a_counting_noun(code):
    events = code("Jordan and Egypt began a new round of joint military exercises.")
    assert "062" in {e.cameo for e in events}


def test_fighting_a_disease_is_not_violence(code):
    events = code("Germany sent doctors to fight the cholera epidemic in Yemen.")
    assert not any(e.cameo_root in ("18", "19", "20") for e in events)


def test_yielding_verbs(code):
    assert "082" in {e.cameo for e in code("The miners called off their strike on Friday.")}
    assert "0842" in {e.cameo for e in code("Italy returned three stolen statues to Greece.")}


def test_a_cooperative_act_the_source_will_not_do_is_a_rejection(code):
    events = code("Hungary said it will not accept any more refugees.")
    reported = [(e.cameo_root, e.modality) for e in events if e.cameo != "010"]
    assert reported == [("12", "asserted")]


def test_demand_noun_absorbs_its_complement_and_targets_its_subject(code):
    events = code("The union repeated its demand that Bolivia lift the restrictions on imports.")
    assert [e.cameo_root for e in events] == ["10"]
    assert target_countries(events, "10") == ["BOL"]


def test_complaint_targets_what_it_is_about(code):
    events = code("Peru complained to the United Nations about Chilean air raids.")
    assert target_countries(events, "11") == ["CHL"]


def test_stative_passive_keeps_its_subject_as_source(code):
    events = code("Norway is opposed to Danish mediation in the dispute.")
    rejection = [e for e in events if e.cameo_root == "12"]
    assert rejection and rejection[0].source is not None and rejection[0].source.text == "Norway"


def test_unresolved_pronoun_in_reported_speech_is_the_speaker(code):
    events = code("The European Union confirmed on Friday it would tighten sanctions on Belarus.")
    threat = [e for e in events if e.cameo_root == "13"]
    assert threat and threat[0].source is not None and threat[0].source.actor.code.startswith("IGO")
    assert target_countries(events, "13") == ["BLR"]


def test_background_clauses_are_not_the_report(code):
    # a relative clause that describes a thing, or tells more of an event noun, is no event of its own
    events = code("Sudan returned the helicopter which the rebels seized in May.")
    assert "17" not in roots(events) and "19" not in roots(events)
    events = code("Police arrested the leaders of the riots that destroyed the market.")
    assert roots(events) == {"17"}
    events = code("The rebels kept fighting until the army withdrew from the valley.")
    assert "08" not in roots(events)


def test_a_participant_s_relative_clause_reports_its_act(code):
    events = code("Ecuador expelled the Colombian ambassador, who had criticized the government.")
    assert {"16", "11"} <= roots(events)
    # a "where" clause with a subject of its own tells a further act at the scene
    events = code("Students marched on the parliament in Accra on Friday, where police detained 40 of them.")
    assert "17" in roots(events)


def test_cooperation_between_conjoined_subjects_is_reciprocal(code):
    events = code("Kerry and Lavrov met in Geneva on Monday.")
    pairs = {(e.source.actor.country, e.target.actor.country) for e in events if e.source and e.target}
    assert pairs == {("USA", "RUS"), ("RUS", "USA")}
    events = code("France and Germany attacked the rebels.")
    assert all(e.target is None or e.target.actor.country not in ("FRA", "DEU") for e in events)


def test_a_nominal_event_in_a_circumstance_phrase_is_coded(code):
    events = code("Two gunmen died in a shootout with Kenyan police in Nairobi.")
    assert "19" in roots(events)


def test_a_clause_of_time_or_cause_reports_its_own_event(code):
    # real-news coders code each action: "as"/"after" clauses are not background
    events = code("The minister resigned as protesters threatened to storm the parliament.")
    assert {"08", "13"} <= roots(events)
    events = code("Pakistan recalled its envoy after India accused Islamabad of sheltering militants.")
    assert "11" in roots(events)


def test_criticism_in_the_words_of_political_news(code):
    for text in (
        "The senator lashed out at the Kenyan government on Tuesday.",
        "The Labour leader hit out at the Conservatives over tax.",
        "The opposition took aim at the government over the budget.",
        "The mayor tore into the governor's plan.",
        "The opposition excoriated the Peruvian president.",
    ):
        assert "11" in roots(code(text)), text


def test_charges_filed_or_brought_are_an_accusation(code):
    events = code("Prosecutors filed criminal charges against the officer.")
    assert [e.source.text for e in events if e.cameo == "1121" and e.source] == ["Prosecutors"]
    assert "11" not in roots(code("The Kenyan agency in charge of the network arrested two hackers."))


def test_a_participle_with_its_own_agent_is_an_event(code):
    events = code("A man killed by Egyptian police had ties to the suspects.")
    assert source_countries(events, "19") == ["EGY"]


def test_participle_of_a_speech_or_tweet_is_its_speaker_s_act(code):
    events = code("Trump's tweets blasting Lewis dominated the news.")
    assert "11" in roots(events)
    assert "11" in roots(code("The president gave a speech denouncing the Cuban government."))


def test_weapons_and_shootings(code):
    assert "19" in roots(code("The militia launched rockets at an American base in Iraq."))
    assert "18" in roots(code("Police hit protesters with batons in Madrid."))
    assert "19" in roots(code("There was a shooting at a church in Texas."))
    assert "19" not in roots(code("The rockets were stored in a warehouse."))


def test_talks_one_is_engaged_in_are_talks(code):
    events = code("Chinese and Indian officials are engaged in confidential talks about the border.")
    assert "04" in roots(events)


def test_purpose_of_the_same_kind_is_one_event(code):
    events = code("The Irish prime minister telephoned the Dutch premier to discuss the crisis.")
    assert [e.cameo for e in events] == ["041"]


def test_gerund_inside_a_noun_phrase_is_not_an_event(code):
    events = code("Jordan rejected an Iraqi proposal for signing a new oil deal.")
    assert [e.cameo_root for e in events] == ["12"]


def source_countries(events, root):
    """The countries of every actor of the events of `root`: the main source and the action's other ones."""
    return [
        (m.actor.country if m and m.actor else None)
        for e in events
        if e.cameo_root == root
        for m in (e.source, *e.other_sources)
    ]


def test_object_moved_behind_an_as_phrase_is_still_the_target(code):
    # the parser hangs "Uganda's suppression" on "act"; the target is still its owner, Uganda
    events = code("Kenya denounced as a brutal act Uganda's suppression of the protests.")
    assert target_countries(events, "11") == ["UGA"]


def test_owner_nested_in_a_compound_is_the_target(code):
    events = code("Britain vetoed a Security Council resolution condemning the raid.")
    targets = [e.target.actor.code for e in events if e.cameo_root == "12" and e.target and e.target.actor]
    assert targets == ["IGOUNOSEC"]


def test_subject_stranded_by_the_parser_is_found_before_the_verb(code):
    events = code(
        "With the signing of a Declaration of Principles (DOP) on Border Trade, "
        "the Chilean government and Bolivia have agreed to reopen the border."
    )
    assert set(source_countries(events, "03")) == {"CHL", "BOL"}


def test_main_verb_misread_as_a_noun_clause_keeps_its_subject(code):
    events = code(
        "Teachers from three French unions donated and personally delivered medicine to a hospital in Dakar."
    )
    assert source_countries(events, "07") == ["FRA"]


def test_a_reported_judgement_is_the_speaker_s_accusation(code):
    events = code("The senator said the policy of the White House was unacceptable.")
    accusations = [e for e in events if e.cameo == "111"]
    assert accusations and accusations[0].source.text == "The senator"
    assert accusations[0].target is not None and accusations[0].target.text == "the White House"
    events = code('"What you said was not true," the Indian minister told the Pakistani envoy.')
    assert [e.modality for e in events if e.cameo == "111"] == ["asserted"]
    assert "11" not in roots(code("The minister said the forecast was right."))
    assert "11" not in roots(code("The report was wrong about the weather."))
