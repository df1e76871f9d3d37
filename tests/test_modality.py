"""Modality: events that did not (or not yet) happen are never coded as asserted."""

from __future__ import annotations

import pytest


def modality_of_root(events, root):
    found = [e.modality for e in events if e.cameo_root == root]
    assert found, [(e.cameo, e.modality, e.trigger) for e in events]
    return found[0]


def modalities(events, roots=None) -> set[str]:
    """The modalities of the events of these CAMEO roots (by default every event but a plain statement, 01);
    there must be some."""
    found = {e.modality for e in events if (e.cameo_root in roots if roots else e.cameo_root != "01")}
    assert found, [(e.cameo, e.modality, e.trigger) for e in events]
    return found


def test_asserted(code):
    assert modality_of_root(code("Kenyan police arrested the smugglers."), "17") == "asserted"


@pytest.mark.parametrize(
    "text",
    [
        "Kenyan police did not arrest the smugglers.",
        "Kenyan police never arrested the smugglers.",
        "Kenyan police rarely arrest the smugglers.",
        "Kenyan police seldom arrest the smugglers.",
        "Not one Kenyan policeman arrested the smugglers.",
        "Not a single Kenyan policeman arrested the smugglers.",
    ],
)
def test_negated(code, text):
    assert modality_of_root(code(text), "17") == "negated"


def test_refusal_negates_the_embedded_act_and_is_itself_a_rejection(code):
    events = code("The junta refused to hold talks with the rebels.")
    assert [(e.cameo_root, e.modality) for e in events] == [("12", "asserted")]


def test_conditional_is_hypothetical_never_asserted(code):
    events = code("If Venezuela invades Guyana, Brazil will close the border.")
    invade = [e for e in events if e.cameo_root in ("18", "19", "20")]
    assert invade and all(e.modality == "hypothetical" for e in invade)


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan could strike militant camps in Afghanistan.",
        "Pakistan might attack militant camps in Afghanistan.",
    ],
)
def test_possible_force_is_not_an_attack(code, text):
    events = code(text)
    assert not any(e.cameo_root in ("18", "19", "20") and e.modality == "asserted" for e in events)
    # a reporter's "could strike" is no threat either: nobody made one
    assert not any(e.cameo_root == "13" and e.modality == "asserted" for e in events)


def test_possible_force_the_source_announces_is_a_threat(code):
    events = code("Pakistan said it could strike militant camps in Afghanistan.")
    assert not any(e.cameo_root in ("18", "19", "20") and e.modality == "asserted" for e in events)
    assert any(e.cameo_root == "13" and e.modality == "asserted" for e in events)


def test_announced_plans_are_threats_and_intents_narrated_plans_are_future(code):
    # PLOVER's single-category rule, for the source's own announcement: force is THREATEN, help AGREE
    events = code("Poland said it plans to deploy more troops along its eastern border.")
    assert not any(e.cameo_root == "15" and e.modality == "asserted" for e in events)
    assert any(e.cameo_root == "13" and e.plover["type"] == "THREATEN" for e in events)
    aid = code("Norway said it intends to send food aid to Sudan.")
    assert [e.cameo_root for e in aid if e.cameo_root != "01"] == ["03"]
    narrated = code("Poland plans to deploy more troops along its eastern border.")
    assert [(e.cameo_root, e.modality) for e in narrated] == [("15", "future")]


def test_reported_that_clause_keeps_its_own_modality(code):
    # "was told" reports what happened; "told them to" would be an order
    events = code("A military court was told that soldiers beat prisoners in Hebron.")
    assert modality_of_root(events, "18") == "asserted"


def test_denial(code):
    events = code("Rwanda denied attacking Congolese villages.")
    assert modality_of_root(events, "19") == "denied"
    assert any(e.cameo == "016" and e.modality == "asserted" for e in events)


def test_question(code):
    events = code("Will Russia attack Moldova?")
    assert modality_of_root(events, "19") == "question"


def test_nominal_fear_of_an_invasion_is_not_an_invasion(code):
    events = code("Officials voiced fears of a Chinese invasion of Taiwan.")
    assert not any(e.cameo_root in ("18", "19", "20") and e.modality == "asserted" for e in events)


# -- an act argued for or against is not done --------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Norway supports lifting the trade embargo on Venezuela.", "08"),
        ("The Polish senator opposes imposing tariffs on Ukrainian grain.", "16"),
        ("Italy favours sending warships to the Red Sea.", "15"),
        ("Several ministers backed expelling the Iranian ambassador.", "16"),
    ],
)
def test_an_act_advocated_or_opposed_is_hypothetical(code, text, root):
    assert modality_of_root(code(text), root) == "hypothetical"


def test_the_advocacy_itself_is_asserted(code):
    assert (
        modality_of_root(code("Norway supports lifting the trade embargo on Venezuela."), "05") == "asserted"
    )


# -- a vote held does what a vote does; what it only decides on is still to come --------------------------
@pytest.mark.parametrize(
    ("text", "root", "modality"),
    [
        ("The Estonian parliament voted on Tuesday to condemn the annexation.", "11", "asserted"),
        ("The regional assembly voted to suspend the governor's emergency powers.", "16", "asserted"),
        ("The Estonian parliament will vote to condemn the annexation.", "11", "future"),
        ("The Estonian parliament did not vote to condemn the annexation.", "11", "negated"),
        ("Lawmakers in Lima voted to send troops to the border.", "15", "future"),
    ],
)
def test_a_vote_enacts_its_resolution_but_not_later_acts(code, text, root, modality):
    assert modality_of_root(code(text), root) == modality


def test_a_strike_vote_is_a_protest_to_come(code):
    events = code("Dock workers in Rotterdam voted to strike next month.")
    assert [(e.plover.get("type"), e.modality) for e in events if e.cameo_root in ("14", "19")] == [
        ("PROTEST", "future")
    ]


@pytest.mark.parametrize(
    ("text", "root", "modality"),
    [
        # the parser hangs the bare "deploy" on "unveiled": a plan's list of infinitives is still a plan
        (
            "The premier unveiled plans to double patrols, deploy military trainers and arm the militias.",
            "15",
            "future",
        ),
        # two finite past verbs are two acts done
        ("Kenyan police raided the camp and seized the rifles.", "17", "asserted"),
    ],
)
def test_a_bare_infinitive_in_a_list_continues_the_plan(code, text, root, modality):
    assert modality_of_root(code(text), root) == modality


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Diplomats are preparing for the expected summit between the two presidents in Oslo.", "summit"),
        ("Officials briefed reporters on the upcoming talks with the rebel delegation.", "talks"),
    ],
)
def test_an_expected_or_upcoming_nominal_event_has_not_happened(code, text, trigger):
    asserted = [e.trigger for e in code(text) if e.modality == "asserted"]
    assert trigger not in asserted, asserted


@pytest.mark.parametrize(
    ("text", "root", "modality"),
    [
        # a present-tense "before" or "until" clause tells what is still to come
        ("The unions want guarantees before they accept the new pay offer.", "03", "future"),
        ("The army withdrew from the valley before the rebels attacked the town.", "19", "asserted"),
    ],
)
def test_a_time_still_to_come_is_future(code, text, root, modality):
    assert modality_of_root(code(text), root) == modality


@pytest.mark.parametrize(
    "text",
    [
        "The senator has hit back at a Pentagon spokesman who reportedly joked her vote doesn't count.",
        "The mayor of Lyon has hit back at a French minister who reportedly joked his city doesn't matter.",
    ],
)
def test_a_negation_in_a_later_clause_does_not_reach_the_main_verb(code, text):
    """The parser hangs "hit back" under the later "doesn't count"; that negation is the joke's, not the
    senator's."""
    assert modality_of_root(code(text), "11") == "asserted"


def test_a_fronted_report_still_carries_its_own_negation(code):
    events = code("The army will not attack the rebels, the minister insisted.")
    assert modality_of_root(events, "19") == "negated"


@pytest.mark.parametrize(
    "text",
    [
        "The Spanish minister offered no apology for the remarks.",
        "The Belgian government gave no aid to rebels.",
    ],
)
def test_an_act_whose_object_is_denied_did_not_happen(code, text):
    assert modalities(code(text)) == {"negated"}


def test_an_apology_offered_is_a_concession(code):
    types = {e.plover.get("type") for e in code("The Spanish minister offered an apology to the families.")}
    assert "CONCEDE" in types and "AGREE" not in types, types


def test_every_act_in_a_list_of_advocated_acts_is_hypothetical(code):
    text = "For years the Israeli hawk has advocated bombing Iran, attacking Hezbollah and closing borders."
    assert modalities(code(text), ("18", "19", "20")) == {"hypothetical"}


@pytest.mark.parametrize(
    "text",
    [
        "It is wrong to attack civilians in Gaza.",
        "It should never be a crime to protest against the Kenyan government.",
        "It is important for the EU to sanction Belarus.",
    ],
)
def test_an_act_judged_in_general_is_not_an_act_done(code, text):
    assert "asserted" not in modalities(code(text))


def test_an_act_that_has_become_the_fashion_is_not_an_act_done(code):
    assert "asserted" not in modalities(
        code("It has become fashionable to complain about the Kenyan government.")
    )


def test_a_participle_of_a_denied_subject_did_not_happen(code):
    text = "Not one Kenyan senator stood up in the meeting urging the police to free the protesters."
    assert modalities(code(text), ("02",)) == {"negated"}


def test_an_act_planned_only_if_necessary_has_not_happened(code):
    text = "The Spanish government put its forces on standby to evacuate its nationals if necessary."
    assert modalities(code(text), ("07",)) == {"hypothetical"}


def test_a_visit_someone_never_made_did_not_happen(code):
    text = "French President Emmanuel Macron bragged about visits to Kabul that he never made."
    assert modalities(code(text), ("04",)) == {"negated"}


def test_a_conjunct_with_its_own_subject_and_tense_keeps_its_own_modality(code):
    text = "The judge would have been the first Kenyan on the court, but his nomination was killed in May."
    assert modalities(code(text), ("12",)) == {"asserted"}
