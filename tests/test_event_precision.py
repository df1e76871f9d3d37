"""False positives of real news, fixed as classes: the object's class, the speaker's standing and the
sense of the verb decide whether a verb reports a political event (sentences written for these tests)."""

from __future__ import annotations

import pytest


def asserted(events) -> list[tuple[str, str]]:
    """(root, trigger) of the asserted events that carry a PLOVER type: what an analyst counts."""
    return [(e.cameo_root, e.trigger) for e in events if e.modality == "asserted" and e.cameo_root != "01"]


@pytest.mark.parametrize(
    "text",
    [
        "The ministry released a report on the floods in Dhaka.",
        "The Kenyan police released a video of the suspects on Tuesday.",
        "Officials declined to release the name of the attacker.",
    ],
)
def test_publishing_is_not_releasing_someone(code, text):
    assert not [r for r, _ in asserted(code(text)) if r == "08"]


def test_freeing_people_is_still_a_release(code):
    assert ("08", "released") in asserted(code("Myanmar released two jailed journalists on Monday."))


@pytest.mark.parametrize(
    "text",
    [
        "Asked whether he would resign, the Belgian prime minister said no.",
        "A reporter asked the Dutch foreign minister about the talks.",
        '"Why now?" the senator asked.',
    ],
)
def test_a_question_is_not_an_appeal(code, text):
    assert not [r for r, _ in asserted(code(text)) if r == "02"]


def test_asking_someone_to_act_is_an_appeal(code):
    assert [r for r, _ in asserted(code("Mali asked France to withdraw its troops."))] == ["02"]
    assert "02" in {r for r, _ in asserted(code("Nepal asked India for emergency food aid."))}


@pytest.mark.parametrize(
    "text",
    [
        "Some economists warned that another interest rate rise could come in December.",
        "A leading analyst criticised the Canadian government's budget.",
        "Television journalists asked the minister to explain the decision.",
    ],
)
def test_commentators_speech_is_not_a_state_act(code, text):
    assert asserted(code(text)) == []


def test_a_government_warning_is_still_a_threat(code):
    events = code("Turkey warned that it could sever ties with Israel.")
    assert "13" in {r for r, _ in asserted(events)}


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("The Bank of England cut interest rates to 4%.", "16"),
        ("The airline cut its profit forecast for the year.", "16"),
        ("Thousands of voters signed up for the health plan.", "05"),
        ("The governor signed three executive orders on Monday.", "05"),
        ("The senator later backed away from the proposal.", "05"),
        ("The charity provides meals to homeless families.", "07"),
        ("The election offers voters a clear choice.", "03"),
        ("The speaker violated House rules with her remarks.", "12"),
        ("The media is largely ignoring the link between storms and climate.", "12"),
        ("The film's hero seeks the Republican nomination.", "02"),
    ],
)
def test_non_political_senses_are_not_events(code, text, root):
    assert root not in {r for r, _ in asserted(code(text))}


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Russia cut off gas supplies to Ukraine.", "16"),
        ("Israel and Jordan signed a peace treaty.", "05"),
        ("The United States offered humanitarian aid to Haiti.", "03"),
        ("Armenia accused Azerbaijan of violating the ceasefire.", "11"),
        ("The refugees sought asylum in Germany.", "02"),
        ("Japan provided military equipment to the Philippines.", "07"),
    ],
)
def test_the_political_senses_are_kept(code, text, root):
    assert root in {r for r, _ in asserted(code(text))}


@pytest.mark.parametrize(
    "text",
    [
        "The earthquake killed 300 people in western Nepal.",
        "Thousands of people were killed in the tsunami.",
        "Her father had a heart attack in 1998.",
        "The former aide pleaded guilty to fraud.",
        "The speech was met with a cool reception.",
        "The ministry needs to meet its spending targets.",
        "The IMF warned that growth would slow next year.",
        "Schools cancelled classes for Thursday.",
        "Her approval rating declined sharply in May.",
        "The new law allows immigrants to stay in the country.",
    ],
)
def test_no_political_event(code, text):
    assert asserted(code(text)) == []


@pytest.mark.parametrize(
    ("text", "attack"),
    [
        # a storm named with its kind, then by its name alone
        ("Relief agencies remember Typhoon Lorna from 2009. Lorna killed 900 people on the islands.", False),
        # deaths with no agent, told right after the disaster
        ("A strong earthquake shook Peru. Villages were flattened, with 400 people killed.", False),
        # after violence, a figure of speech, or a disaster that is over, deaths are still violence
        ("A wave of bombings hit the capital. Forty people were killed.", True),
        ("A car bomb set off a huge fire at the market. Twelve people were killed.", True),
        ("The typhoon had passed. Gunmen killed 12 villagers on Sunday.", True),
    ],
)
def test_deaths_after_a_named_disaster_are_not_attacks(code, text, attack):
    assert bool({r for r, _ in asserted(code(text))} & {"18", "19"}) == attack


def test_an_attack_on_a_decision_is_criticism(code):
    assert [r for r, _ in asserted(code("Jack Straw attacked the court's decision on detention."))] == ["11"]
    assert "19" in {r for r, _ in asserted(code("Rebels attacked the army base near Goma."))}


def test_a_warning_to_someone_is_a_threat(code):
    events = code("Russia warned the United States against sending troops to Syria.")
    assert "13" in {r for r, _ in asserted(events)}


@pytest.mark.parametrize(
    "text",
    [
        "Neither city was struck by the missiles.",
        "No country has recognised the new government in Niamey.",
        "The two sides have yet to agree on a ceasefire.",
        "Russia is yet to withdraw its troops from the border.",
        "Police struggled to disperse the crowds in Lagos.",
    ],
)
def test_negation_cues(code, text):
    events = code(text)
    assert events and asserted(events) == []
    assert {e.modality for e in events} == {"negated"}


@pytest.mark.parametrize(
    "text",
    [
        '"We must act immediately," the Dutch minister said.',
        '"More should have been done," the Belgian prime minister said.',
        "The Irish prime minister said the focus should be economic reform.",
    ],
)
def test_an_obligation_nobody_is_asked_to_meet_is_no_demand(code, text):
    assert not [r for r, _ in asserted(code(text)) if r == "10"]


def test_an_obligation_laid_on_an_actor_is_a_demand(code):
    events = code("The European Union said Serbia must withdraw its police from Kosovo.")
    demands = [e for e in events if e.cameo_root == "10"]
    assert demands and demands[0].target is not None and demands[0].target.text == "Serbia"


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("The Italian minister said it was time for Brussels to act on migration.", "Brussels"),
        ("\u201cIt\u2019s time for the Senate to pass the budget,\u201d the president said.", "the Senate"),
        ("It is time for Hungarian ministers to meet the unions, the EU envoy said.", "Hungarian ministers"),
        ("The French minister said Germany should be ready to send more troops to Mali.", "Germany"),
    ],
)
def test_saying_it_is_time_for_a_party_to_act_or_that_it_should_be_ready_is_a_demand(code, text, target):
    events = code(text)
    demands = [e for e in events if e.cameo_root == "10" and e.modality == "asserted"]
    assert demands and demands[0].target is not None and demands[0].target.text == target, text
    assert not [e for e in events if e.cameo_root in ("13", "15", "04")], "the act asked for is no event"


@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan minister said it was time to go home.",
        "The Kenyan minister said it was time for a change.",
    ],
)
def test_time_for_no_one_or_for_nothing_is_no_demand(code, text):
    assert "10" not in {r for r, _ in asserted(code(text))}


@pytest.mark.parametrize(
    "text",
    [
        "Standard Chartered beat HSBC to the deal.",
        "Shares traded largely flat on Friday.",
        "The Fed has been easing rates since the summer.",
        "The officials requested anonymity because they feared reprisals.",
        # parsed as "requested" describing "anonymity": the described noun is still the object
        "All three requested anonymity out of fear of reprisals.",
    ],
)
def test_business_and_idioms_are_not_events(code, text):
    assert asserted(code(text)) == []


def test_calling_someone_out_is_criticism_not_an_appeal(code):
    """ "called them out on it" shames them (real-news coders code it ACCUSE); its "on" asks nothing."""
    roots = {r for r, _ in asserted(code("We called them out on it in our report."))}
    assert "02" not in roots and roots <= {"11"}


def test_own_forces_are_not_the_recipient(code):
    events = code("Russia has withdrawn its troops.")
    assert [(e.cameo_root, e.target) for e in events] == [("08", None)]
    sent = code("Japan sent its warships to the Philippines.")
    assert [e.target.text for e in sent if e.target] == ["the Philippines"]


@pytest.mark.parametrize(
    "text",
    [
        "The Turkish president is due to meet the Greek prime minister on Friday.",
        "The leaders are supposed to pledge new emissions targets by next spring.",
    ],
)
def test_scheduled_and_expected_acts_are_future(code, text):
    events = code(text)
    assert events and asserted(events) == []


def test_what_a_passive_participle_describes_is_its_object(code):
    published = code("In a statement released by the publisher, the family said she had died.")
    assert not [r for r, _ in asserted(published) if r == "08"]
    freed = code("Prisoners released by Myanmar returned home on Monday.")
    assert "08" in {r for r, _ in asserted(freed)}
    assert asserted(code("The ministry destroyed 37,000 files last year.")) == []


def test_an_alternative_not_taken_did_not_happen(code):
    events = code("The army chose to negotiate rather than attack the town.")
    assert [e.modality for e in events if e.cameo_root == "19"] == ["negated"]
    assert [e.modality for e in code("The army attacked the town rather quickly.")] == ["asserted"]


@pytest.mark.parametrize(
    "text, plover",
    [
        # the PLOVER manual: resignations are RETREAT (resign), convictions SANCTION (convict), prison
        # sentences COERCE (arrest); the 2021 crosswalk's CONCEDE and ACCUSE lose where the manual speaks
        ("The Georgian president resigned on Sunday.", "RETREAT"),
        ("A Kenyan court convicted the former finance minister of fraud.", "SANCTION"),
        ("An Egyptian court sentenced the activist to five years in prison.", "COERCE"),
    ],
)
def test_resignations_convictions_and_sentences_take_the_manuals_types(code, text, plover):
    assert plover in {e.plover.get("type") for e in code(text) if e.modality == "asserted"}


@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan president attacked two opposition senators for criticizing his budget.",
        "The Labour leader attacked the prime minister over the health service.",
        "The decree was quickly attacked as a power grab.",
        "The senator attacked the governor in a speech on Tuesday.",
        "The campaign's attacks on the minister's record continued.",
    ],
)
def test_a_political_attack_is_criticism(code, text):
    asserted_roots = {r for r, _ in asserted(code(text))}
    assert "11" in asserted_roots and not asserted_roots & {"18", "19", "20"}


@pytest.mark.parametrize(
    "text",
    [
        "Russia attacked Ukraine on Thursday.",
        "Gunmen attacked a police station in Kano, killing three officers.",
        "Israeli warplanes attacked Hamas positions over the weekend.",
        "Rebels attacked the army base for two hours.",
    ],
)
def test_armed_attacks_stay_violence(code, text):
    assert {r for r, _ in asserted(code(text))} & {"18", "19"}


@pytest.mark.parametrize(
    "text",
    [
        "The network fired its editor on Friday.",
        "The reporter was fired for a headline about the president.",
        "The documentary was shot in Kabul last year.",
    ],
)
def test_dismissals_and_filming_are_not_shooting(code, text):
    assert not {r for r, _ in asserted(code(text))} & {"18", "19", "20"}


def test_shooting_at_people_is_still_violence(code):
    assert "19" in {r for r, _ in asserted(code("Police fired on protesters in Lagos."))}


def test_an_invitation_is_an_offer_to_meet(code):
    events = code("The Kenyan president invited the Ugandan president to Nairobi.")
    assert "AGREE" in {e.plover.get("type") for e in events}


@pytest.mark.parametrize(
    "text",
    [
        "A police officer in Ferguson shot and killed a teenager.",
        "Rebels attacked and burned the village of Kilo.",
    ],
)
def test_two_verbs_of_one_action_are_one_event(code, text):
    assaults = [e for e in code(text) if e.plover.get("type") == "ASSAULT" and e.modality == "asserted"]
    assert len(assaults) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Allies and rivals agree that the senator has upended Kenyan politics.",
        "The Liberal Democrats have warned both parties against complacency.",
        "Officials warned of difficulties in negotiating with China.",
        "More than 20,000 tourists visit the Statue of Liberty every year.",
        "The debris has been flown to France.",
        "The television segment discussed the allegations at length.",
        "The senators worried about his foreign business deals.",
        "Turkey-Iran mobile deal at risk",
    ],
)
def test_opinions_advice_private_travel_and_references_are_not_events(code, text):
    assert not [r for r, _ in asserted(code(text)) if r in ("03", "04", "05", "13")]


@pytest.mark.parametrize(
    "text, plover",
    [
        ("Iran agreed to resume talks with the European Union.", "AGREE"),
        ("North Korea warned of strikes against the White House.", "THREATEN"),
        ("The Kenyan president visited Uganda on Monday.", "CONSULT"),
        ("The Kenyan foreign minister discussed sanctions with the Russian ambassador.", "CONSULT"),
        ("Kenya and Uganda signed a trade deal on Monday.", "SUPPORT"),
        ("Kenya and Uganda reached an agreement on the border on Monday.", "AGREE"),
        ("Senate Republicans blocked the confirmation of the nominee.", "REJECT"),
        ("Protesters blocked roads in Algiers.", "PROTEST"),
    ],
)
def test_the_political_readings_are_kept(code, text, plover):
    assert plover in {e.plover.get("type") for e in code(text) if e.modality == "asserted"}


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("No other sitting Kenyan president has ever visited the city.", "visited"),
        ("No one has been arrested or charged yet.", "charged"),
        ("The UN Security Council is to hold an emergency meeting on Monday.", "hold"),
        ("Demonstrations are planned for Thursday in Nairobi.", "Demonstrations"),
        ("Parents are preparing for a teachers' strike set to begin Thursday.", "strike"),
        ("These weapons are unlikely to be confiscated by police.", "confiscated"),
        ("Teachers would be able to fire back if a gunman came to the school.", "fire"),
        ("Police were unable to arrest the suspects.", "arrest"),
        ("The Kenyan minister faces an inquiry into the contracts.", "inquiry"),
    ],
)
def test_negation_plans_chances_and_prospects_are_not_facts(code, text, trigger):
    assert not [e for e in code(text) if e.trigger == trigger and e.modality == "asserted"]


def test_an_instruction_to_act_is_a_demand(code):
    events = code("The Kenyan president instructed the police to conduct an investigation.")
    assert "10" in {r for r, _ in asserted(events)}


def test_a_word_the_rules_read_as_unrealised_is_not_proposed_as_a_fact(coder):
    from eventcoder.verifier import is_scored

    doc = coder.code("Demonstrations are planned for Thursday in Nairobi.", date="2024-03-01")
    assert not [e for e in doc.events if is_scored(e) and e.trigger == "Demonstrations"]


@pytest.mark.parametrize(
    "text",
    [
        "The Romneys donated four million dollars to charity in 2011.",
        "The caucus system is funded exclusively by the state parties.",
        "Those who were victims of trafficking are granted exceptions under the rule.",
        "The scandal contributed to an ugly public mood in Nairobi.",
        "The former agent fed damaging information to a Kenyan trader.",
        "The reform is receiving broad support in the Kenyan parliament.",
    ],
)
def test_private_money_causes_and_leaks_are_not_aid(code, text):
    assert "07" not in {r for r, _ in asserted(code(text))}


@pytest.mark.parametrize(
    "text",
    [
        "Swiss doctors handed over 700 kg of medicine to the Red Crescent in Bam, Iran.",
        "The US government provided nonlethal assistance to the Syrian rebels.",
    ],
)
def test_aid_between_countries_and_to_people_in_need_is_kept(code, text):
    assert "07" in {r for r, _ in asserted(code(text))}


@pytest.mark.parametrize(
    "text",
    [
        "Fears of war have eased somewhat.",
        "The restriction lifts at 5:15 a.m.",
        "The prime minister conceded that the talks had gone badly.",
        "News of the review was released on Monday.",
        "Kenyan athletes trained for years in Iten.",
        "They also have mustered factual claims.",
        "The ruling reinforced a persistent view of the court.",
    ],
)
def test_changes_admissions_and_arguments_are_not_material_acts(code, text):
    assert not [r for r, _ in asserted(code(text)) if r in ("06", "08", "15")]


@pytest.mark.parametrize(
    "text, root",
    [
        ("Kenya lifted the curfew on Monday.", "08"),
        ("The president has conceded to demands from the opposition.", "08"),
        ("The United States trained Iraqi soldiers in Baghdad.", "06"),
        ("Russia reinforced its troops on the border.", "15"),
    ],
)
def test_concessions_training_and_reinforcements_are_kept(code, text, root):
    assert root in {r for r, _ in asserted(code(text))}


@pytest.mark.parametrize(
    "text",
    [
        "The crime, which currently calls for an arrest, accounted for most arrests in Nairobi.",
        "It is a system that encourages people to vote.",
        "The price dispute threatened supplies to Kenya.",
        '"Please stay, so everyone can support you," the fan added.',
    ],
)
def test_speech_needs_a_speaker(code, text):
    assert not [r for r, _ in asserted(code(text)) if r in ("02", "03", "05", "10", "11", "12", "13")]


def test_documents_and_people_still_speak(code):
    assert "11" in {r for r, _ in asserted(code("The resolution denounced the Kenyan president."))}
    assert "02" in {r for r, _ in asserted(code("The plaintiffs are asking the Kenyan court to act."))}


# -- competing readings, idioms and modality (issue 12, second round) ------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The Canadian prime minister defended himself on Tuesday.",
        "The governor defended his decision to close the schools.",
        '"We support celebrating the holiday," the senator said.',
    ],
)
def test_support_of_no_one_is_a_stance(code, text):
    assert not [r for r, _ in asserted(code(text)) if r == "05"]


@pytest.mark.parametrize(
    "text",
    ["The Kenyan foreign minister defended Uganda on Tuesday.", "Germany backed France in the dispute."],
)
def test_support_of_a_party_is_kept(code, text):
    assert "05" in {r for r, _ in asserted(code(text))}


@pytest.mark.parametrize(
    "text",
    [
        "Eighteen percent of Republicans backed the Kenyan president in the poll.",
        "A majority of Americans oppose the new tariffs on Mexico.",
    ],
)
def test_poll_respondents_do_not_act(code, text):
    assert not [r for r, _ in asserted(code(text)) if r in ("05", "12")]


@pytest.mark.parametrize(
    "text",
    [
        "The senator needs to resign over the scandal.",
        "Kenyan police have to release the suspects within 48 hours.",
    ],
)
def test_what_must_be_done_is_not_done(code, text):
    assert not [r for r, _ in asserted(code(text)) if r == "08"]


def test_what_had_to_be_done_was_done(code):
    assert "08" in {r for r, _ in asserted(code("Kenyan police had to release the suspects on Monday."))}


@pytest.mark.parametrize(
    "text",
    [
        "World leaders meet in New York in September to discuss the climate treaty.",
        "The Kenyan president travels to Uganda on Thursday.",
    ],
)
def test_a_present_tense_with_a_date_is_a_schedule(code, text):
    events = [e for e in code(text) if e.cameo_root == "04"]
    assert events and all(e.modality == "future" for e in events)


def test_a_present_tense_with_a_past_date_or_none_is_not_a_schedule(code):
    for text in ("Kenyan protesters march in Nairobi.", "Russia says it met Ukraine last week."):
        assert all(
            e.modality == "asserted" for e in code(text) if e.cameo_root == "04" or e.cameo_root == "14"
        )


@pytest.mark.parametrize(
    "text",
    [
        "The senator committed adultery in 1998.",
        "Kenyan workers halted the project for a week.",
        "The president struck a warmer tone on Tuesday.",
        "The suspect killed himself in his cell.",
        "The growing threat of terrorism worries voters in Kenya.",
    ],
)
def test_idioms_and_senses_that_are_no_events(code, text):
    assert asserted(code(text)) == []


def test_commitments_halts_and_strikes_that_are_events(code):
    assert "03" in {r for r, _ in asserted(code("Uganda committed to peace talks with Kenya."))}
    assert "16" in {r for r, _ in asserted(code("Kenya halted aid to Somalia."))}
    assert "19" in {r for r, _ in asserted(code("Israeli jets struck Gaza on Monday."))}


def test_warning_someone_to_act_is_a_request_and_warning_of_harm_a_threat(code):
    plover = {
        e.plover.get("type")
        for e in code("Kenya warned Uganda to be wary of the rebels.")
        if e.cameo_root != "01"
    }
    assert plover == {"REQUEST"}
    assert "13" in {
        r for r, _ in asserted(code("Kenyan police warned protesters not to occupy the parliament."))
    }


@pytest.mark.parametrize(
    "text",
    [
        "The senators are fighting over the debt ceiling again.",
        "The two Kenyan candidates are locked in a head-to-head clash over taxes.",
        "The former senator died after a long battle with cancer.",
        "There are competitive nomination battles in both Kenyan parties.",
    ],
)
def test_political_fights_are_metaphors(code, text):
    assert not [r for r, _ in asserted(code(text)) if r in ("18", "19", "20")]


@pytest.mark.parametrize(
    "text",
    [
        "Kenyan protesters clashed with police in Nairobi.",
        "Russia's war on Georgia began in August.",
        "Rebels fought Ugandan soldiers near the border.",
    ],
)
def test_real_fights_are_kept(code, text):
    assert {r for r, _ in asserted(code(text))} & {"18", "19", "20"}


def test_the_toll_of_one_attack_is_one_event(code):
    events = code("The bombing in Kabul killed three people and wounded more than 60.")
    assert len([r for r, _ in asserted(events) if r in ("18", "19")]) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan president toured Mombasa on Saturday.",
        "The British prime minister began a helicopter tour of Britain.",
    ],
)
def test_a_visit_at_home_is_no_consultation(code, text):
    assert not [r for r, _ in asserted(code(text)) if r == "04"]


def test_a_visit_abroad_is_a_consultation(code):
    assert "04" in {r for r, _ in asserted(code("The Kenyan president visited Uganda on Saturday."))}


@pytest.mark.parametrize(
    "text, root",
    [
        ("The low turnout demonstrated the weakness of the Kenyan law.", "14"),
        ("The Kenyan president rallied his supporters in Nairobi.", "14"),
        ("The plan is designed to appeal to women voters in Kenya.", "02"),
        ("The Kenyan president said the opposition should be ashamed.", "10"),
    ],
)
def test_showing_rousing_attracting_and_judging_are_not_protests_or_demands(code, text, root):
    assert root not in {r for r, _ in asserted(code(text))}


def test_demonstrators_rallies_and_appeals_are_kept(code):
    assert "14" in {r for r, _ in asserted(code("Thousands of Kenyan students demonstrated in Nairobi."))}
    assert "02" in {r for r, _ in asserted(code("Kenya appealed for international aid on Monday."))}


@pytest.mark.parametrize(
    "text",
    [
        '"Welcome to the new Kenyan media centre," the minister said.',
        '"Thank God they are safe," the Kenyan mother said.',
        "The Kenyan minister recognizes the importance of trade with Uganda.",
        "There is a great deal of anger in Nairobi.",
    ],
)
def test_greetings_exclamations_and_quantities_are_no_events(code, text):
    assert not [r for r, _ in asserted(code(text)) if r == "05"]


def test_welcoming_thanking_and_recognising_parties_are_kept(code):
    assert "05" in {r for r, _ in asserted(code("Kenya welcomed the Ugandan decision."))}
    assert "05" in {r for r, _ in asserted(code("The Kenyan president thanked Uganda for its help."))}
    assert "05" in {r for r, _ in asserted(code("Kenya recognized Kosovo in 2008."))}


@pytest.mark.parametrize(
    "sentence",
    [
        "The senator said she supports same-sex marriage and opposes the death penalty.",
        "The candidate has long backed Catalan independence.",
        "Most of the party's members oppose euthanasia.",
    ],
)
def test_a_stance_on_an_issue_is_no_event(coder_keeping_all, sentence):
    """Holding a position on an issue is aimed at nobody: no SUPPORT or REJECT."""
    kinds = {e.plover.get("type") for e in coder_keeping_all.code(sentence).events}
    assert not kinds & {"SUPPORT", "REJECT", "ACCUSE"}, kinds


def test_backing_a_named_plan_or_person_is_still_support(coder_keeping_all):
    doc = coder_keeping_all.code("The finance minister backed the governor's pension plan on Monday.")
    assert "SUPPORT" in {e.plover.get("type") for e in doc.events}


def test_confronting_someone_over_a_matter_is_criticism(coder_keeping_all):
    doc = coder_keeping_all.code(
        "The prime minister confronted the Dutch envoy over the fishing quotas on Friday."
    )
    assert "ACCUSE" in {e.plover.get("type") for e in doc.events}
    calm = coder_keeping_all.code("The government confronted the housing crisis with a new building plan.")
    assert "ACCUSE" not in {e.plover.get("type") for e in calm.events}


@pytest.mark.parametrize(
    ("sentence", "partner"),
    [
        ("Havana expressed its willingness to hold talks with Washington.", "Washington"),
        ("The rebels signalled their readiness to negotiate with the government.", "the government"),
    ],
)
def test_stated_readiness_to_act_is_an_offer_to_the_partner(coder_keeping_all, sentence, partner):
    offers = [e for e in coder_keeping_all.code(sentence).events if e.plover.get("type") == "AGREE"]
    assert offers and offers[0].modality == "asserted"
    assert offers[0].target is not None and offers[0].target.text == partner


@pytest.mark.parametrize(
    "text",
    [
        "The town was pounded by superstorm Sandy last year.",
        "Hurricane Katrina destroyed thousands of homes.",
    ],
)
def test_a_storm_named_with_its_kind_is_no_attacker(code, text):
    assert not {r for r, _ in asserted(code(text))} & {"17", "18", "19", "20"}


def test_a_report_that_examines_something_is_no_inquiry(code):
    assert "09" not in {
        r for r, _ in asserted(code("The committee's report examines the ministry's spending."))
    }
    assert "09" in {r for r, _ in asserted(code("The FBI is investigating the senator's campaign."))}


def test_cuts_that_threaten_harm_are_a_risk_not_a_threat(code):
    assert "13" not in {r for r, _ in asserted(code("The budget cuts threaten serious harm to the economy."))}
    assert "13" in {r for r, _ in asserted(code("The army threatened the protesters in the capital."))}


def test_calling_a_city_home_is_no_statement(code):
    events = code("Marine Le Pen and Emmanuel Macron, who both call the Paris suburb home, met on Friday.")
    assert "call" not in {e.trigger for e in events} and "met" in {e.trigger for e in events}


def test_opposing_a_nominee_or_a_measure_is_criticism_being_opposed_to_an_act_a_rejection(code):
    nominee = code("Senator Susan Collins opposes the attorney general nominee.")
    assert "ACCUSE" in {e.plover.get("type") for e in nominee}
    measure = code("The Senate Republican leadership opposed the governor's measure.")
    assert "ACCUSE" in {e.plover.get("type") for e in measure}
    mediation = code("Israel is opposed to French mediation in the peace talks.")
    assert "REJECT" in {e.plover.get("type") for e in mediation}


def test_names_in_apposition_to_a_title_are_the_actors(code):
    doc = code(
        "Presidential hopefuls Marco Rubio and Jeb Bush, who both live in Miami, denounced the new step."
    )
    sources = {e.source.text for e in doc if e.plover.get("type") == "ACCUSE" and e.source is not None}
    assert sources & {"Marco Rubio", "Jeb Bush"}, sources


@pytest.mark.parametrize(
    "text",
    [
        "A Pentagon official, who asked not to be named, said the drills would continue.",
        "Two diplomats asked for anonymity because the talks were private.",
    ],
)
def test_a_sources_terms_with_reporters_are_no_appeal(code, text):
    assert "02" not in {r for r, _ in asserted(code(text))}


@pytest.mark.parametrize(
    "text",
    [
        "The senator's tough talk on China worried investors.",
        "Romney's hollow talk on jobs",
        "In Brussels there is talk of a summit between the Serbian and Kosovar leaders.",
    ],
)
def test_talk_as_speech_is_no_negotiation(code, text):
    assert "04" not in {r for r, _ in asserted(code(text))}


def test_figures_that_support_data_back_no_one(code):
    assert "05" not in {
        r for r, _ in asserted(code("The ministry's figures support recent data from the Bank of England."))
    }
    assert "05" in {r for r, _ in asserted(code("The Welsh minister supports the governor's pension plan."))}


def test_killing_a_bill_or_a_nomination_rejects_it(code):
    assert "12" in {r for r, _ in asserted(code("The senators killed the bill before the recess."))}
    assert "12" in {
        r for r, _ in asserted(code("His nomination was killed in May by two Republican senators."))
    }
    assert "12" not in {r for r, _ in asserted(code("Gunmen killed three villagers in Kaduna."))}


def test_a_situation_that_calls_for_something_appeals_to_no_one(code):
    text = "The crisis is global, and that calls for a new alliance of Nordic nations."
    assert "02" not in {r for r, _ in asserted(code(text))}
