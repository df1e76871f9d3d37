"""Material and interaction types on real-news wording (issue 12): what is paid for, published, felt or
permitted is no event of that type; shared objects, nominal meetings, arming and working with a partner are
(sentences written for these tests)."""

from __future__ import annotations

import pytest


def typed(events) -> set[tuple[str | None, str]]:
    """(PLOVER type, modality) of every event with a PLOVER type."""
    return {(e.plover.get("type"), e.modality) for e in events if e.plover.get("type")}


def asserted_types(events) -> set[str | None]:
    return {t for t, modality in typed(events) if modality == "asserted"}


# -- what is paid for is part of an attack, not aid ------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Prosecutors say the cartel paid for the ambush of the judge's convoy and financed the raid.",
        "The cell planned, financed and staged the assault on the museum.",
        "Investigators say the network funded the plot to kill the governor.",
        "A think tank funded by a billionaire released the poll.",
    ],
)
def test_paying_for_an_attack_or_funding_no_one_is_no_aid(code, text):
    assert "AID" not in asserted_types(code(text))


def test_funding_a_named_party_is_still_aid(code):
    assert "AID" in asserted_types(code("Saudi Arabia funded the rebels in Yemen."))


# -- arming a force is military aid; being armed with a weapon is not ------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Iran has long armed and trained the Houthi militias.",
        "Iran armed the Houthi rebels throughout the war.",
        "The rebels were armed by the Gulf states.",
    ],
)
def test_arming_a_force_is_aid(code, text):
    events = code(text)
    assert any(e.cameo == "072" and e.modality == "asserted" for e in events)


def test_attackers_armed_with_knives_received_no_aid(code):
    assert "AID" not in asserted_types(code("Three attackers armed with knives killed seven people."))


def test_a_shared_object_reaches_the_first_verb(code):
    """ "to arm and train the fighters": the parser hangs the object on the last verb only."""
    events = code("Washington agreed to help, and the CIA began to arm and equip Kurdish militias.")
    assert any(e.trigger == "arm" for e in events)


# -- working with a political body is cooperation --------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Dutch prosecutors worked with their German counterparts on the fraud case.",
        "Kenyan police worked with the Ugandan army to track the kidnappers.",
        "Jordanian and Saudi officials teamed up against the militants.",
    ],
)
def test_working_with_a_partner_is_cooperation(code, text):
    assert "COOPERATE" in asserted_types(code(text))


@pytest.mark.parametrize(
    "text",
    ["The researchers worked with the data for years.", "She worked with children in a small school."],
)
def test_working_with_things_or_people_at_large_is_no_cooperation(code, text):
    assert "COOPERATE" not in asserted_types(code(text))


# -- meetings before the press; talking to reporters or with feeling is no meeting ------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan president held a joint press conference with his Tanzanian counterpart in Arusha.",
        "The chancellor answered questions at a news conference in Berlin with the Polish prime minister.",
        "During a joint news conference with the Dutch premier, the Belgian leader praised the port deal.",
    ],
)
def test_a_conference_with_another_leader_is_a_consultation(code, text):
    assert "CONSULT" in asserted_types(code(text))


@pytest.mark.parametrize(
    "text",
    [
        "The governor called a hasty news conference on the courthouse steps.",
        "The governor held a press conference on the budget.",
        "He spoke with great passion about the refugees.",
        "The minister spoke with obvious emotion at the memorial.",
    ],
)
def test_a_press_briefing_or_a_manner_of_speaking_is_no_consultation(code, text):
    assert "CONSULT" not in asserted_types(code(text))


def test_speaking_with_a_leader_stays_a_consultation(code):
    assert "CONSULT" in asserted_types(code("Putin spoke with Erdogan by phone on Monday."))


# -- what is published or said is not freed ---------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The militia released a video claiming credit for the rocket fire.",
        "The group released a statement praising the attackers.",
        "A press release issued by the navy gave the date of the exercise.",
        "The ministry released a dossier on the fisheries negotiations.",
    ],
)
def test_a_publication_released_is_no_retreat(code, text):
    assert "RETREAT" not in asserted_types(code(text))


def test_prisoners_released_stay_a_retreat(code):
    assert "RETREAT" in asserted_types(code("Iran released two British sailors on Friday."))


# -- a crackdown is repression (COERCE) unless called violent ---------------------------------------------
def test_a_crackdown_is_coercion(code):
    events = code("Uzbek authorities began a crackdown on independent preachers last spring.")
    assert "COERCE" in asserted_types(events) and "ASSAULT" not in asserted_types(events)


def test_a_violent_crackdown_is_an_assault(code):
    assert "ASSAULT" in asserted_types(code("The army launched a bloody crackdown on protesters."))


# -- nominal acts: a detonation, a jailing -----------------------------------------------------------------
def test_the_detonation_of_a_bomb_is_a_bombing(code):
    events = code("Investigators traced the fire to the detonation of a car bomb near the market.")
    assert any(e.cameo == "183" and e.modality == "asserted" for e in events)


def test_the_detonation_of_a_controversy_is_nothing(code):
    assert "ASSAULT" not in asserted_types(code("The detonation of the scandal shook the party."))


# -- a feeling is no act; a permitted act is not done ------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The coach said she felt unfairly attacked by the fans.",
        "The mayor said he felt betrayed and attacked by his own party.",
    ],
)
def test_feeling_attacked_is_no_assault(code, text):
    assert "ASSAULT" not in asserted_types(code(text))


def test_being_attacked_stays_an_assault(code):
    assert "ASSAULT" in asserted_types(code("The convoy was attacked by gunmen near Kandahar."))


@pytest.mark.parametrize(
    "text",
    [
        "Parliament authorized the defence ministry to supply rifles to the border militias.",
        "The council authorised the police to arrest the protest leaders.",
    ],
)
def test_an_act_permitted_is_not_asserted(code, text):
    events = code(text)
    assert not asserted_types(events) & {"AID", "COERCE"}


# -- the parties of an occurrence: "clashes broke out between police and protesters" ----------------------
def test_clashes_between_police_and_protesters_are_an_assault(code):
    events = code("Clashes erupted overnight between riot police and striking miners.")
    assert "ASSAULT" in asserted_types(events)
    assert any(e.source is not None and e.target is not None for e in events)


def test_a_clash_between_candidates_stays_a_metaphor(code):
    assert "ASSAULT" not in asserted_types(code("A clash broke out between the two candidates over taxes."))


# -- riot weapons used on a crowd; satellites deployed --------------------------------------------------
def test_tear_gas_deployed_on_a_crowd_is_an_assault_not_a_deployment(code):
    events = code("Riot police deployed water cannon and pepper spray on the students.")
    assert "ASSAULT" in asserted_types(events) and "MOBILIZE" not in asserted_types(events)


@pytest.mark.parametrize(
    "text", ["The rocket deployed a satellite into orbit.", "The campaign deployed a new app for volunteers."]
)
def test_deploying_things_moves_no_forces(code, text):
    assert "MOBILIZE" not in asserted_types(code(text))


@pytest.mark.parametrize(
    ("text", "mobilized"),
    [
        ("Washington deployed two carriers to the Gulf.", True),
        # police and federal agents sent somewhere are forces deployed, however the particle is parsed
        ("The Justice Department has sent in agents to curb the shootings.", True),
        ("Moscow sent in troops.", True),
        ("The governor sent riot police to the capital on Monday.", True),
        ("She sent in her application in March.", False),
    ],
)
def test_forces_sent_or_deployed_are_a_mobilization(code, text, mobilized):
    assert ("MOBILIZE" in asserted_types(code(text))) == mobilized


@pytest.mark.parametrize(
    ("text", "assault"),
    [
        ("An elderly marcher was shoved by riot police in Leeds.", True),
        ("He shoved his way through the crowd to the stage.", False),
    ],
)
def test_shoving_someone_is_an_assault(code, text, assault):
    assert ("ASSAULT" in asserted_types(code(text))) == assault


# -- leaving office; what one is willing or inspired to do ------------------------------------------------
def test_announcing_a_retirement_is_leaving_office(code):
    events = code("The air force chief announced his retirement after thirty years.")
    assert "RETREAT" in asserted_types(events)


def test_the_retirement_age_is_no_event(code):
    assert "RETREAT" not in asserted_types(code("Unions oppose raising the retirement age to 68."))


@pytest.mark.parametrize(
    "text",
    [
        "The rebels indicated their willingness to resume negotiations with the government.",
        "Young men are inspired to attack civilians by online propaganda.",
    ],
)
def test_acts_one_is_willing_or_inspired_to_do_are_not_asserted(code, text):
    assert not asserted_types(code(text)) & {"CONSULT", "ASSAULT"}


# -- aid received comes from the giver; state aid is a subsidy ---------------------------------------------
def test_aid_received_is_the_givers_act(code):
    events = [e for e in code("Malawi received maize aid from Norway.") if e.plover.get("type") == "AID"]
    assert events and events[0].source is not None and events[0].source.text == "Norway"


def test_state_aid_received_by_a_firm_is_no_aid(code):
    assert "AID" not in asserted_types(code("Brussels is investigating state aid received by the carmaker."))


# -- what was done to a noun is a fact, whatever the clause around wants ----------------------------------
def test_a_participle_on_a_noun_keeps_its_truth(code):
    events = code("Activists demanded the release of the men arrested in the raid.")
    assert ("COERCE", "asserted") in typed(events)


# -- violence in general: a bare plural naming no party, place or time ------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Marches against prison beatings of inmates spread across the country.",
        "Rights groups have long complained about army shootings of unarmed farmers.",
    ],
)
def test_a_bare_plural_of_violence_is_no_event(code, text):
    assert "ASSAULT" not in asserted_types(code(text))


@pytest.mark.parametrize(
    "text",
    [
        "Residents fled amid Israeli airstrikes on Gaza.",
        "Residents fled after Syria's artillery strikes on the border town.",
        "The latest attacks on the capital have shaken residents.",
        "The gang is blamed for mass shootings in southern Honduras.",
    ],
)
def test_violence_named_by_its_party_or_article_stays_an_event(code, text):
    assert "ASSAULT" in asserted_types(code(text))


# -- a war or an attack waged on a thing is words or policy -----------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The senator continued his war on red tape in a speech to farmers.",
        "The mayor's attack on one of the city's oldest newspapers angered editors.",
        "Farmers denounced the ministry's attack on the rights of landowners.",
        "The new governor declared war on hunger and corruption.",
        "A war on poverty begun in the sixties is still being waged in rural Alabama.",
    ],
)
def test_a_war_or_attack_on_a_thing_is_no_assault(code, text):
    assert "ASSAULT" not in asserted_types(code(text))


@pytest.mark.parametrize(
    "text", ["Russia's war on Ukraine entered its second year.", "Paraguay declared war on Bolivia in 1933."]
)
def test_a_war_on_a_country_stays_an_assault(code, text):
    assert "ASSAULT" in asserted_types(code(text))


# -- a labour strike is a protest, not an attack -------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Hospital nurses in Cardiff struck for a second day over unpaid overtime.",
        "Bus drivers in the capital went on strike on Monday.",
        "Postal workers came out on strike across the region last week.",
        "Teachers strike in Nevada as wage talks stall",
    ],
)
def test_workers_who_strike_protest(code, text):
    types = asserted_types(code(text))
    assert "PROTEST" in types
    assert "ASSAULT" not in types


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        # a strike noun by a state's forces is a military strike, one by workers a labour strike
        ("The Turkish air force carried out a strike near the border on Friday.", "ASSAULT"),
        ("Pakistan's military carried out strikes against militant hideouts overnight.", "ASSAULT"),
        ("Nurses at the city hospital began a strike against the health ministry.", "PROTEST"),
        ("Dockers at the port began a strike on Monday.", "PROTEST"),
    ],
)
def test_who_strikes_decides_a_strike_nouns_type(code, text, plover):
    types = asserted_types(code(text))
    assert plover in types, text
    assert ({"ASSAULT", "PROTEST"} - {plover}).isdisjoint(types), text


def test_forces_that_strike_still_attack(code):
    types = asserted_types(code("Turkish warplanes struck rebel positions near the border on Friday."))
    assert "ASSAULT" in types
    assert "PROTEST" not in types


# -- an impersonal force that endangers something makes no threat ---------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Soaring debt threatens Portugal's fragile recovery, economists warned.",
        "Monsoon floods threaten rice harvests across southern Vietnam.",
        "A bribery scandal threatens the Slovak coalition.",
    ],
)
def test_hazards_that_threaten_are_no_threat(code, text):
    assert "THREATEN" not in asserted_types(code(text))


def test_a_party_that_threatens_still_threatens(code):
    assert "THREATEN" in asserted_types(code("Iran threatened to close the Strait of Hormuz to tankers."))


# -- hosting a show or a party is no visit; hosting talks or a leader is ------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The Iowa senator has hosted his summer barbecue for thirty years.",
        "A rally hosted by the Ohio governor drew thousands of supporters.",
        "Qatar hosted the football championship in 2022.",
    ],
)
def test_hosting_an_event_is_no_consultation(code, text):
    assert "CONSULT" not in asserted_types(code(text))


def test_hosting_a_leader_is_a_consultation(code):
    assert "CONSULT" in asserted_types(code("Egypt hosted the Israeli prime minister in Cairo on Monday."))


# -- an attack launched on a policy is criticism; fighting for people is no violence ------------------------
def test_an_attack_launched_on_a_policy_accuses_its_owner(code):
    types = asserted_types(code("The Dutch finance minister launched an attack on Labour's pension plans."))
    assert "ACCUSE" in types
    assert "ASSAULT" not in types


def test_an_attack_launched_on_a_base_is_an_assault(code):
    assert "ASSAULT" in asserted_types(
        code("Taliban fighters launched an attack on the army base in Kunduz.")
    )


@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan president vowed to fight for working families.",
        "The candidate promised to fight for immigrants, refugees and farmers across the state.",
        "The senator pledged to fight for gay and transgender veterans.",
    ],
)
def test_a_vow_to_fight_for_people_is_no_threat(code, text):
    types = asserted_types(code(text))
    assert "THREATEN" not in types
    assert "ASSAULT" not in types


# -- economic demand, coming from a place and adding to prices are no events ---------------------------------
@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("Weak consumer demand in Brazil dragged car sales down again.", "REQUEST"),
        ("Demand for Chilean copper fell sharply in the spring.", "REQUEST"),
        ("The corporal, who hailed from a farming town in Iowa, served two tours.", "SUPPORT"),
        ("Drought in Kenya contributed to higher maize prices last year.", "AID"),
    ],
)
def test_economic_and_biographical_senses_are_no_events(code, text, plover):
    assert plover not in asserted_types(code(text))


def test_a_demand_made_of_a_party_is_still_coded(code):
    assert "REQUEST" in asserted_types(code("Ankara repeated its demand that Sweden extradite the suspects."))


@pytest.mark.parametrize(
    "text",
    [
        "The president ordered another 300 military advisers to Somalia on Friday.",
        "The defence ministry ordered two more battalions to the northern border.",
        "The minister sent forty military trainers to Niger last month.",
    ],
)
def test_forces_ordered_or_sent_to_a_place_are_mobilized(code, text):
    assert "MOBILIZE" in asserted_types(code(text)), text


def test_advisers_sent_to_talks_are_no_forces(code):
    assert "MOBILIZE" not in asserted_types(
        code("The president sent two advisers to the trade talks in Geneva.")
    )


# -- a court ruling against a party's act penalises it ---------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The appeals court ruled against the county's new zoning order on Tuesday.",
        "A federal judge struck down the state's new voter identification law.",
        "The high court invalidated the mayor's emergency curfew.",
    ],
)
def test_a_court_ruling_against_an_act_is_a_sanction(code, text):
    assert "SANCTION" in asserted_types(code(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "The striking workers overturned two police cars near the depot.",
        "Historians have overturned the old account of the siege.",
    ],
)
def test_overturning_by_no_court_is_no_sanction(code, text):
    assert "SANCTION" not in asserted_types(code(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "Hungarian border guards turned the asylum seekers' boat back on Sunday.",
        "Riot police turned the marchers away from the parliament building.",
        "The Danish authorities sent the activists back to Germany.",
    ],
)
def test_people_stopped_and_sent_back_are_expelled(code, text):
    assert "174" in {e.cameo for e in code(text) if e.modality == "asserted"}


@pytest.mark.parametrize(
    "text",
    [
        "The new chief executive turned the company around within a year.",
        "The committee sent the budget bill back to the full Senate.",
        "Share prices turned back up after lunch.",
    ],
)
def test_turning_around_a_firm_or_returning_a_bill_is_no_expulsion(code, text):
    assert "174" not in {e.cameo for e in code(text)}


# -- fines, withdrawn posters, resisted pleas ---------------------------------------------------------------
def test_a_fine_imposed_on_a_party_is_a_sanction(code):
    text = "The Dutch regulator fined the Belgian bank for breaking lending rules."
    assert "SANCTION" in asserted_types(code(text))


def test_withdrawing_posters_is_backing_down_and_withdrawing_troops_a_retreat(code):
    assert asserted_types(code("The Swedish party has withdrawn two controversial posters.")) == {"CONCEDE"}
    assert "RETREAT" in asserted_types(code("The Swedish army has withdrawn its troops from Mali."))


def test_resisting_pleas_is_a_rejection(code):
    text = "The Greek prime minister has resisted pleas for a new referendum."
    assert "REJECT" in asserted_types(code(text))


def test_a_court_ruling_that_blocks_a_policy_is_a_sanction_not_a_protest(code):
    text = "Critics cheered a court ruling that blocked the Polish government's new media law."
    types = asserted_types(code(text))
    assert "SANCTION" in types and "PROTEST" not in types
    assert "PROTEST" in asserted_types(code("Polish farmers who blocked the road to Warsaw were arrested."))


@pytest.mark.parametrize(
    "text",
    [
        "The Dutch government sent its troops home from Mali.",
        "The Canadian government brought its soldiers home from Kandahar.",
        "The Spanish prime minister will bring the troops back from Iraq.",
    ],
)
def test_troops_sent_or_brought_home_are_a_pullout_not_a_deployment(code, text):
    types = {t for t, _ in typed(code(text))}
    assert "RETREAT" in types and "MOBILIZE" not in types, text


def test_talks_that_began_with_a_state_have_it_as_partner(code):
    events = [e for e in code("Discussions have begun with Indonesia on the timing of the deployment.")
              if e.plover.get("type") == "CONSULT"]  # fmt: skip
    assert events and events[0].target is not None and events[0].target.text == "Indonesia"


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of nurses were on strike across Scotland on Monday.",
        "A range of services in Scotland were hit as civil servants in Scotland joined the UK-wide strike.",
    ],
)
def test_a_strike_people_join_or_are_on_is_a_labour_protest(code, text):
    types = {t for t, _ in typed(code(text))}
    assert "PROTEST" in types and "ASSAULT" not in types, text


def test_a_states_strikes_that_go_on_are_still_military(code):
    types = {t for t, _ in typed(code("Israeli strikes continued overnight in Gaza."))}
    assert "ASSAULT" in types and "PROTEST" not in types, types


def test_troops_on_standby_are_a_raised_alert(code):
    assert "MOBILIZE" in {t for t, _ in typed(code("The Pentagon said 500 American troops are on standby."))}


def test_a_politician_going_on_the_offensive_criticises_an_army_attacks(code):
    words = code("The Labour leader went on the offensive against the prime minister.")
    assert "ACCUSE" in {t for t, _ in typed(words)} and "ASSAULT" not in {t for t, _ in typed(words)}
    assert "ASSAULT" in {t for t, _ in typed(code("Russian troops went on the offensive near Kharkiv."))}


@pytest.mark.parametrize(
    "text",
    [
        "A man is being held after the blast at the bus station in Lyon.",
        "French police held two suspects overnight.",
    ],
)
def test_people_held_by_the_authorities_are_detained(code, text):
    assert "COERCE" in {t for t, _ in typed(code(text))}, text


def test_a_parent_holding_a_child_detains_no_one(code):
    assert "COERCE" not in {t for t, _ in typed(code("The French minister held her child in her arms."))}


def test_days_of_protests_over_a_named_killing_are_both_events(code):
    text = "The city took down the statue after days of protests over the police killing of Ahmed Musa."
    types = {t for t, _ in typed(code(text))}
    assert {"PROTEST", "ASSAULT"} <= types, types
    assert not typed(code("Protests over police killings of black men are common."))


@pytest.mark.parametrize(
    "text",
    [
        "The French president pardoned the jailed opposition leader on Monday.",
        "The Kenyan governor granted clemency to thirty prisoners.",
    ],
)
def test_a_formal_pardon_is_a_concession_as_the_plover_manual_codes_it(code, text):
    types = {t for t, _ in typed(code(text))}
    assert "CONCEDE" in types and not types & {"SUPPORT", "RETREAT"}, types


def test_a_university_that_capitulates_yields_an_army_that_capitulates_surrenders(code):
    assert "CONCEDE" in {
        t for t, _ in typed(code("The Dutch university capitulated to the students' demands."))
    }
    assert "RETREAT" in {t for t, _ in typed(code("The Iraqi army capitulated in Mosul on Sunday."))}


def test_agreeing_to_demands_or_changes_is_a_concession(code):
    types = {t for t, _ in typed(code("The Dutch government agreed to the unions' demands on Friday."))}
    assert "CONCEDE" in types and "AGREE" not in types, types


def test_fighting_for_a_states_interests_is_no_violence_nor_a_threat(code):
    for text in (
        "The Arizona senator vowed to fight for Arizona's interests in the U.S. Senate.",
        "Martha is qualified to step up and fight for Arizona's interests in the U.S. Senate.",
    ):
        assert not {t for t, _ in typed(code(text))} & {"ASSAULT", "THREATEN"}, text


def test_a_senator_hammering_an_official_criticises_jets_hammering_a_town_attack(code):
    assert "ACCUSE" in {
        t for t, _ in typed(code("Senator Warren hammered the Fed chair over interest rates."))
    }
    assert "ASSAULT" in {t for t, _ in typed(code("Israeli jets hammered Gaza overnight."))}
    assert not typed(code("The storm hammered the coast of Florida."))


def test_rebels_fighting_for_independence_still_fight(code):
    assert "ASSAULT" in {t for t, _ in typed(code("The rebels fought for independence from Georgia."))}


def test_a_candidate_suspending_campaign_rallies_concedes_nothing(code):
    assert not typed(code("The French candidate suspended his campaign rallies because of the virus."))
    assert "CONCEDE" in {t for t, _ in typed(code("The Dutch rail union suspended its strike on Monday."))}


def test_states_working_together_cooperate(code):
    assert "COOPERATE" in asserted_types(code("Iran and Russia are working together on a new gas pipeline."))


def test_an_attack_two_states_work_to_prevent_is_no_attack(coder_keeping_all):
    doc = coder_keeping_all.code(
        "Iran and Russia are working together to prevent a Western military attack on Syria."
    )
    assert not [e for e in doc.events if e.plover.get("type") == "ASSAULT" and e.modality == "asserted"]
