"""Which mention plays which role when the parse hides it: the possessor an act is done to, the agent of an
act named in a relative clause, who holds the place a prisoner is released from, a "by" agent the parser hung
on a place, "the North" of a divided country, and the owner of a policy criticised.  Sentences are our own."""

from __future__ import annotations

from tests.test_argument_parties import parties as coded_parties


def parties(coder, text: str, plover: str) -> list[tuple[str | None, str | None]]:
    """(source country, target country) of each event of that PLOVER type."""
    return [(s and s[:3], t and t[:3]) for s, t in coded_parties(coder, text, plover)]


def test_the_possessor_of_an_arrest_is_the_one_arrested(coder_keeping_all):
    found = parties(
        coder_keeping_all,
        "Martin Mubanga, a Briton, said MI6 officers questioned him in Cuba following his arrest in Zambia.",
        "COERCE",
    )
    # Zambia is where he was arrested (its police did it), not whom the arrest was aimed at
    assert ("ZMB", "GBR") in found


def test_an_arrest_of_someone_keeps_its_possessor_as_the_actor(coder_keeping_all):
    found = parties(coder_keeping_all, "Russia's arrest of the activist angered Washington.", "COERCE")
    assert found and found[0][0] == "RUS"


def test_the_subject_act_of_a_relative_clause_is_by_its_subject(coder_keeping_all):
    found = parties(
        coder_keeping_all, "The airstrikes that Israel carried out on Monday killed twelve people.", "ASSAULT"
    )
    assert found and all(source == "ISR" for source, _ in found)


def test_a_report_in_a_relative_clause_names_no_agent(coder_keeping_all):
    doc = coder_keeping_all.code(
        "The bombing that police said killed five people shocked Kabul.", date="2012-05-01"
    )
    attacks = [e for e in doc.events if e.plover.get("type") == "ASSAULT"]
    assert attacks and all(e.source is None or e.source.text != "police" for e in attacks)


def test_the_agent_of_a_relative_clause_on_the_subject_act_is_its_source(coder_keeping_all):
    doc = coder_keeping_all.code(
        "The bombing that the Taliban carried out killed five people in Kabul.", date="2012-05-01"
    )
    attacks = [e for e in doc.events if e.plover.get("type") == "ASSAULT"]
    assert attacks and all(e.source is not None and e.source.text == "the Taliban" for e in attacks)


def test_a_release_from_a_camp_is_by_who_holds_the_camp(coder_keeping_all):
    found = parties(
        coder_keeping_all, "Four Britons were released from the US camp in Cuba in January.", "RETREAT"
    )
    assert ("USA", "GBR") in found


def test_a_by_agent_hung_on_a_place_is_still_the_agent(coder_keeping_all):
    found = parties(
        coder_keeping_all, "The banker was detained at a checkpoint by Turkish soldiers on Monday.", "COERCE"
    )
    assert found and found[0][0] == "TUR"


def test_the_north_of_a_divided_country_is_the_half_named_before(coder_keeping_all):
    doc = coder_keeping_all.code(
        "North Korea fired a missile on Sunday. It followed two tests by the North in as many weeks.",
        date="2017-05-22",
    )
    north = next(m for m in doc.mentions if m.text.startswith("the North"))
    assert north.actor is not None and north.actor.country == "PRK"


def test_the_north_of_a_region_is_no_state(coder_keeping_all):
    doc = coder_keeping_all.code(
        "North Korea fired a missile on Sunday. Rain fell in the north of Iowa.", date="2017-05-22"
    )
    assert not any(m.actor and m.actor.country == "PRK" for m in doc.mentions if "north of" in m.text)
    assert not any(m.text == "the north" and m.actor and m.actor.country == "PRK" for m in doc.mentions)


def test_leaving_an_office_is_aimed_at_no_one_nearby(coder_keeping_all):
    text = "Mr Dobson quit in December after a probe linked him to the visa application of his lover's nanny."
    found = parties(coder_keeping_all, text, "RETREAT")
    assert found and all(target is None for _, target in found)


def test_a_launch_at_no_one_takes_no_nearby_party_as_target(coder_keeping_all):
    text = "SEOUL (Reuters) - North Korea fired a short-range missile on Monday that landed in the sea."
    found = parties(coder_keeping_all, text, "MOBILIZE")
    assert found and all(source == "PRK" and target is None for source, target in found)


def test_criticism_of_a_policy_is_aimed_at_its_owner_not_its_subject(coder_keeping_all):
    # "the Kremlin's policy toward Georgia" is the Kremlin's: Georgia is what the policy is about
    found = parties(
        coder_keeping_all,
        "Voters in Ohio heard the senator renew his criticism of the Kremlin's policy toward Georgia.",
        "ACCUSE",
    )
    assert found and found[0][1] == "RUS"


def test_a_police_killing_is_by_the_police(coder_keeping_all):
    found = coded_parties(
        coder_keeping_all, "Protests in Lagos followed the police killing of a Nigerian student.", "ASSAULT"
    )
    assert found and found[0][0] == "NGACOP", found


def test_an_anti_state_protest_is_not_by_that_state(coder_keeping_all):
    found = parties(
        coder_keeping_all, "Thousands of Iraqis joined anti-American protests in Baghdad.", "PROTEST"
    )
    assert found and all(source == "IRQ" for source, _ in found), found
    found = parties(
        coder_keeping_all, "Anti-French demonstrations spread across Abidjan on Sunday.", "PROTEST"
    )
    assert all(source != "FRA" for source, _ in found), found
