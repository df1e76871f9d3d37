"""Actors stage: knowledge-base resolution, dated roles, coreference, user files, CLI."""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

import pytest

from eventcoder.actors import ActorFileError, ActorResolver, mention_at, mentions_in, run_actors
from eventcoder.model import Document
from eventcoder.nlp import parse
from tests.conftest import shared_path


@pytest.fixture(scope="session")
def resolver():
    return ActorResolver()


def analyse(nlp, resolver, text: str, date: str | None = None) -> Document:
    doc = parse(Document(doc_id="t", raw_text=text, text=text, date=date), nlp)
    resolver.run(doc)
    return doc


def find(doc: Document, text: str):
    """The mention whose text is exactly `text` (first one)."""
    for mention in doc.mentions:
        if mention.text == text:
            return mention
    raise AssertionError(f"no mention {text!r} in {[m.text for m in doc.mentions]}")


PEOPLE = textwrap.dedent(
    """\
    - name: Marta Quiroga
      aliases: [Quiroga]
      gender: f
      country: CHL
      roles:
        - {role: Foreign Minister, sector: GOV, start: 2018-03-11, end: 2022-03-11}
        - {role: President, sector: GOV, start: 2022-03-11, end: null}
    - name: Tomas Velik
      aliases: [Velik]
      gender: m
      country: CZE
      roles:
        - {role: Prime Minister, sector: GOV, start: 2010-01-01, end: 2015-01-01}
    """
)


@pytest.fixture(scope="session")
def people_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("actors") / "people.yaml"
    path.write_text(PEOPLE, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def custom(people_file):
    return ActorResolver(extra_files=[people_file])


# -- knowledge base and compounds ------------------------------------------------------
def test_metonymy_seats_of_government(nlp, resolver):
    doc = analyse(nlp, resolver, "The Kremlin rejected the plan, and the Pentagon sent more jets to Poland.")
    assert find(doc, "The Kremlin").actor.code == "RUSGOV"
    assert find(doc, "the Pentagon").actor.code == "USAMIL"
    assert find(doc, "Poland").actor.code == "POL"


def test_capital_acting_as_state(nlp, resolver):
    doc = analyse(nlp, resolver, "Beijing warned that it would answer any provocation.")
    beijing = find(doc, "Beijing")
    assert beijing.actor.country == "CHN"
    assert beijing.actor.code.startswith("CHN")


def test_demonym_and_sector_compounds(nlp, resolver):
    doc = analyse(
        nlp,
        resolver,
        "Iraqi police detained two men after a Swiss court froze the accounts of Kenyan lawmakers.",
    )
    assert find(doc, "Iraqi police").actor.code == "IRQCOP"
    court = find(doc, "a Swiss court")
    assert (court.actor.code, court.actor.sector) == ("CHEJUD", "JUD")
    assert find(doc, "Kenyan lawmakers").actor.code == "KENLEG"


def test_possessive_capital_ministry_is_one_government_mention(nlp, resolver):
    doc = analyse(nlp, resolver, "The note went to Ankara's Ministry of Foreign Affairs on Monday.")
    ministry = find(doc, "Ankara's Ministry of Foreign Affairs")
    assert ministry.actor.code == "TURGOV"
    assert mention_at(doc, ministry.token_start + 3) is ministry


def test_title_and_country_for_unknown_person(nlp, resolver):
    doc = analyse(nlp, resolver, "German Defence Minister Karl Obermann visited the troops.")
    person = find(doc, "German Defence Minister Karl Obermann")
    assert person.actor.code == "DEUGOV"
    assert person.actor.name == "Karl Obermann"
    assert person.actor.role == "Defence Minister"


def test_organisations_and_groups(nlp, resolver):
    doc = analyse(
        nlp, resolver, "NATO and the African Union condemned Hamas, while Nordic countries stayed silent."
    )
    assert find(doc, "NATO").actor.code == "IGONAT"
    assert find(doc, "the African Union").actor.code == "IGOAFU"
    hamas = find(doc, "Hamas")
    assert hamas.actor.country == "PSE" and hamas.actor.sector == "REB"
    nordic = find(doc, "Nordic countries")
    assert nordic.kind == "group" and nordic.actor.code == "SCN"


def test_bare_sector_noun_has_no_country_without_context(nlp, resolver):
    doc = analyse(nlp, resolver, "Protesters clashed with Chilean police, and France and Spain urged calm.")
    protesters = find(doc, "Protesters")
    assert protesters.actor.sector == "OPP" and protesters.actor.country is None
    assert protesters.actor.code == "OPP"


def test_bare_sector_noun_takes_the_only_state_of_the_document(nlp, resolver):
    doc = analyse(nlp, resolver, "Riots spread across Peru. Police fired tear gas at students.")
    police = find(doc, "Police")
    assert police.actor.code == "PERCOP"
    assert "document context" in police.rule


def test_mentions_are_sorted_and_spans_point_into_text(nlp, resolver):
    doc = analyse(
        nlp, resolver, "Russian troops crossed into Georgia as Turkish diplomats met Iranian officials."
    )
    starts = [m.start for m in doc.mentions]
    assert starts == sorted(starts)
    for m in doc.mentions:
        assert doc.text[m.start : m.end] == m.text
    troops = find(doc, "Russian troops")
    assert troops.actor.code == "RUSMIL"
    inside = mentions_in(doc, troops.token_start, troops.token_end)
    assert troops in inside


def test_place_name_extension_is_not_a_group(nlp, resolver):
    doc = analyse(nlp, resolver, "Officials in West Harmon County met the governor.")
    assert all(m.actor is None or m.actor.code != "WST" for m in doc.mentions)


# -- dated roles --------------------------------------------------------------------------
def test_same_person_before_and_after_a_change_of_office(nlp, custom):
    before = analyse(nlp, custom, "Marta Quiroga spoke to reporters in Lima.", date="2020-05-01")
    after = analyse(nlp, custom, "Marta Quiroga spoke to reporters in Lima.", date="2023-05-01")
    assert find(before, "Marta Quiroga").actor.role == "Foreign Minister"
    assert find(after, "Marta Quiroga").actor.role == "President"
    assert find(after, "Marta Quiroga").actor.code == "CHLGOV"


def test_out_of_office_person_is_a_former_official(nlp, custom):
    doc = analyse(nlp, custom, "Velik criticised the budget.", date="2019-02-02")
    velik = find(doc, "Velik")
    assert velik.actor.code == "CZEELI"
    assert velik.actor.role == "former Prime Minister"
    assert velik.actor.name == "Tomas Velik"


def test_undated_document_uses_the_latest_role(nlp, custom):
    doc = analyse(nlp, custom, "Quiroga arrived in Madrid.")
    assert find(doc, "Quiroga").actor.role == "President"


def test_title_in_the_text_beats_the_dated_role(nlp, custom):
    # Velik left office in 2015; a 2019 story that still calls him Prime Minister means that office,
    # and a title he never held in people.yaml is taken from the text with his country.
    doc = analyse(
        nlp, custom, "Prime Minister Tomas Velik met Czech Trade Minister Velik's aides.", date="2019-02-02"
    )
    pm = find(doc, "Prime Minister Tomas Velik")
    assert (pm.actor.code, pm.actor.role) == ("CZEGOV", "Prime Minister")
    doc = analyse(nlp, custom, "Chilean Ambassador Marta Quiroga arrived in Lima.", date="2017-01-05")
    envoy = find(doc, "Chilean Ambassador Marta Quiroga")
    assert envoy.actor.code == "CHLGOV" and envoy.actor.role == "Ambassador"
    assert envoy.actor.name == "Marta Quiroga"


def test_former_in_the_text_still_makes_a_former_official(nlp, custom):
    doc = analyse(nlp, custom, "Former Prime Minister Tomas Velik criticised the budget.", date="2012-02-02")
    assert find(doc, "Former Prime Minister Tomas Velik").actor.code == "CZEELI"


def test_undated_sentence_never_makes_an_office_holder_former(nlp, custom):
    doc = analyse(nlp, custom, "Prime Minister Velik said the vote would go ahead. Velik later left.")
    titled = find(doc, "Prime Minister Velik")
    assert (titled.actor.code, titled.actor.role) == ("CZEGOV", "Prime Minister")
    bare = [m for m in doc.mentions if m.text == "Velik"]
    assert bare and all(m.actor.sector != "ELI" for m in bare)


def test_title_written_in_the_alias_picks_the_office(nlp, resolver):
    doc = analyse(nlp, resolver, "President Biden spoke to reporters at the White House.", date="2022-01-26")
    biden = find(doc, "President Biden")
    assert (biden.actor.name, biden.actor.code, biden.actor.role) == ("Joe Biden", "USAGOV", "President")
    # In 2012 he was vice president, but "President Biden" names the presidency, not his office then.
    doc = analyse(nlp, resolver, "President Biden spoke to reporters.", date="2012-05-01")
    assert find(doc, "President Biden").actor.role == "President"


def test_a_different_given_name_is_a_different_person(nlp, resolver):
    doc = analyse(nlp, resolver, "US Ambassador John Sullivan met Russian officials.", date="2022-01-26")
    envoy = find(doc, "US Ambassador John Sullivan")
    assert envoy.actor.name == "John Sullivan"
    assert (envoy.actor.code, envoy.actor.role) == ("USAGOV", "Ambassador")
    doc = analyse(nlp, resolver, "Reporters asked Joseph Biden about Hunter Biden.", date="2022-01-26")
    assert find(doc, "Joseph Biden").actor.name == "Joe Biden"  # a variant of a listed given name
    assert find(doc, "Hunter Biden").actor.name == "Hunter Biden"


def test_title_before_a_possessive_name(nlp, resolver):
    doc = analyse(nlp, resolver, "Crowds denounced President Assad's new decree.", date="1999-03-01")
    assad = find(doc, "President Assad")
    assert assad.actor.code == "SYRGOV"


def test_generic_title_takes_the_sector_of_its_body(nlp, resolver):
    doc = analyse(nlp, resolver, "In Kenya, the party's leader resigned and the army chief was replaced.")
    assert find(doc, "the party's leader").actor.sector == "PTY"
    assert find(doc, "the army chief").actor.code == "KENMIL"
    doc = analyse(nlp, resolver, "Diplomats met Iran's religious leader on Monday.")
    assert find(doc, "Iran's religious leader").actor.code == "IRNREL"


def test_place_phrase_is_part_of_the_mention_and_gives_its_country(nlp, resolver):
    doc = analyse(nlp, resolver, "Rebels in the Ivory Coast ambushed students throughout Ghana.")
    rebels = find(doc, "Rebels in the Ivory Coast")
    assert rebels.actor.code == "CIVREB"
    assert find(doc, "students throughout Ghana").actor.code == "GHAEDU"
    # the state keeps a mention of its own inside the longer phrase
    assert find(doc, "the Ivory Coast").actor.code == "CIV"
    assert mention_at(doc, rebels.token_start) is rebels


def test_own_state_word_beats_the_place_phrase(nlp, resolver):
    doc = analyse(nlp, resolver, "Turkish soldiers in Cyprus fired warning shots.")
    assert find(doc, "Turkish soldiers in Cyprus").actor.code == "TURMIL"


def test_ethnic_group_belongs_to_the_state_it_lives_in(nlp, resolver):
    doc = analyse(nlp, resolver, "Ethnic Hungarians in Romania held a rally.")
    assert find(doc, "Ethnic Hungarians in Romania").actor.code == "ROUCVL"
    doc = analyse(nlp, resolver, "Police in Slovakia questioned forty ethnic Hungarians on Monday.")
    assert find(doc, "forty ethnic Hungarians").actor.code == "SVKCVL"
    doc = analyse(nlp, resolver, "Hungarians voted on Sunday.")
    assert find(doc, "Hungarians").actor.code == "HUNCVL"


def test_sector_phrase_owning_a_thing_is_a_mention(nlp, resolver):
    doc = analyse(nlp, resolver, "The Malian army's offensive stalled near the border.")
    army = find(doc, "The Malian army")
    assert army.actor.code == "MLIMIL"


def test_towns_stand_for_their_people_and_capitals_act_as_governments(nlp, resolver):
    doc = analyse(nlp, resolver, "The governor imposed a curfew in Mombasa after riots.")
    assert find(doc, "Mombasa").actor.code == "KENCVL"
    doc = analyse(nlp, resolver, "Warsaw demanded an apology by Moscow for the raid.")
    assert find(doc, "Moscow").actor.code == "RUSGOV"
    assert find(doc, "Warsaw").actor.code == "POLGOV"


def test_a_capital_that_is_addressed_is_its_government_and_one_that_is_hit_is_its_people(nlp, resolver):
    doc = analyse(nlp, resolver, "The minister urged Moscow to agree to a ceasefire.")
    assert find(doc, "Moscow").actor.code == "RUSGOV"
    doc = analyse(nlp, resolver, "Washington called on Beijing to restrain its ally.")
    assert find(doc, "Beijing").actor.code == "CHNGOV"
    doc = analyse(nlp, resolver, "Missiles struck Kyiv overnight.")
    assert find(doc, "Kyiv").actor.code == "UKRCVL"


def test_town_in_two_states_prefers_the_state_the_story_names(nlp, resolver):
    doc = analyse(nlp, resolver, "Pakistani police raided a house in Hyderabad.")
    assert find(doc, "Hyderabad").actor.country == "PAK"
    doc = analyse(nlp, resolver, "Police raided a house in Hyderabad.")
    assert find(doc, "Hyderabad").actor.country == "IND"  # no state named: the most populous town


def test_ethnic_or_religious_group_is_civilians(nlp, resolver):
    doc = analyse(nlp, resolver, "Thousands of Syrian Kurds marched through the town on Friday.")
    assert find(doc, "Syrian Kurds").actor.code == "SYRCVL"


def test_new_sector_nouns(nlp, resolver):
    text = "British military aircraft struck a depot, and Danish websites reported that inmates fled."
    doc = analyse(nlp, resolver, text)
    assert find(doc, "British military aircraft").actor.code == "GBRMIL"
    assert find(doc, "Danish websites").actor.code == "DNKJRN"
    assert find(doc, "inmates").actor.sector == "CVL"
    doc = analyse(nlp, resolver, "The airline bought six Airbus aircraft.")
    assert all(m.actor is None or m.actor.sector != "MIL" for m in doc.mentions)  # not every aircraft


# -- coreference -----------------------------------------------------------------------------
def test_pronoun_and_title_coreference(nlp, custom):
    text = (
        "Foreign Minister Marta Quiroga met Velik in Prague. "
        "The minister said she expected progress. Velik said he was hopeful."
    )
    doc = analyse(nlp, custom, text, date="2020-06-01")
    first = find(doc, "Foreign Minister Marta Quiroga")
    minister = find(doc, "The minister")
    assert minister.actor.name == "Marta Quiroga"
    assert doc.mentions[minister.antecedent].actor.name == "Marta Quiroga"
    she = find(doc, "she")
    assert she.actor.name == "Marta Quiroga"
    he = find(doc, "he")
    assert he.actor.name == "Tomas Velik"
    assert first.actor.code == "CHLGOV"


def test_surname_and_secretary_refer_back(nlp, resolver):
    text = (
        "Secretary of State Helen Marsh of the United States arrived in Oslo. "
        "Marsh met Norwegian officials. The secretary later said she was pleased."
    )
    doc = analyse(nlp, resolver, text)
    assert find(doc, "Marsh").actor.name == "Helen Marsh"
    secretary = find(doc, "The secretary")
    assert secretary.actor.name == "Helen Marsh"
    assert secretary.antecedent is not None


def test_alliance_and_it_refer_to_organisation(nlp, resolver):
    text = "NATO held talks in Brussels on Tuesday. The alliance said it would send more ships."
    doc = analyse(nlp, resolver, text)
    assert find(doc, "The alliance").actor.code == "IGONAT"
    assert find(doc, "it").actor.code == "IGONAT"


def test_the_president_resolves_to_head_of_state_of_main_country(nlp, custom):
    text = "Chile opened talks with Peru. Chilean diplomats said the president approved the plan."
    doc = analyse(nlp, custom, text, date="2023-01-10")
    president = find(doc, "the president")
    assert president.actor.name == "Marta Quiroga"
    assert president.actor.code == "CHLGOV"


def test_the_president_is_never_the_vice_president_and_undated_means_current(nlp, custom):
    doc = analyse(nlp, custom, "Chilean diplomats said the president approved the plan.")
    assert find(doc, "the president").actor.name == "Marta Quiroga"  # her role has no end date
    doc = analyse(nlp, custom, "Chilean diplomats said the president approved the plan.", date="2020-01-01")
    assert find(doc, "the president").actor.name != "Marta Quiroga"  # then she was foreign minister


def test_name_misread_as_a_town_takes_its_title_in_apposition(nlp, resolver):
    doc = analyse(
        nlp, resolver, "Kenzo Oshima, the United Nations relief coordinator, flew to Baghdad on Monday."
    )
    person = [m for m in doc.mentions if m.text.startswith("Kenzo Oshima")][0]
    assert person.actor.code == "IGOUNO" and person.actor.name == "Kenzo Oshima"
    assert person.kind == "name"
    assert find(doc, "Baghdad").kind == "place"


def test_acronym_in_brackets_takes_the_named_actor(nlp, resolver):
    doc = analyse(nlp, resolver, "The Nigerian Air Force (NAF) said it bombed a camp.")
    assert find(doc, "The Nigerian Air Force (NAF)").actor.code == "NGAMIL"
    assert find(doc, "NAF").actor.code == "NGAMIL"
    assert find(doc, "it").actor.code == "NGAMIL"


def test_it_about_a_thing_is_dropped(nlp, resolver):
    doc = analyse(nlp, resolver, "Egypt published the report and said it was accurate.")
    assert all(m.text != "it" for m in doc.mentions)


def test_relative_who_takes_its_noun(nlp, resolver):
    doc = analyse(nlp, resolver, "Iranian officials, who met in Vienna, rejected the offer.")
    who = find(doc, "who")
    assert who.actor.code == "IRNGOV"


# -- user files --------------------------------------------------------------------------------
def test_user_file_adds_and_overrides_entries(nlp, tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        textwrap.dedent(
            """\
            - {name: Red Heron Brigade, code: MLIREBRHB, country: MLI, sector: REB, aliases: [the Herons]}
            - {iso3: ARG, name: Argentina, demonyms: [Argentine], capitals: [Casa Rosada]}
            - sector: AGR
              nouns: [cattle ranchers]
            """
        ),
        encoding="utf-8",
    )
    res = ActorResolver(extra_files=[extra])
    doc = analyse(nlp, res, "The Red Heron Brigade attacked cattle ranchers, and the Casa Rosada protested.")
    assert find(doc, "The Red Heron Brigade").actor.code == "MLIREBRHB"
    assert find(doc, "cattle ranchers").actor.sector == "AGR"
    assert find(doc, "the Casa Rosada").actor.country == "ARG"


def test_malformed_entry_names_file_and_line(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text(
        "- {name: Fine Group, code: XYZREB, country: MLI}\n- {name: Broken Person, gender: x, roles: []}\n",
        encoding="utf-8",
    )
    with pytest.raises(ActorFileError) as info:
        ActorResolver(extra_files=[bad])
    message = str(info.value)
    assert f"{bad}:2" in message and "gender" in message
    assert isinstance(info.value, ValueError)


def test_yaml_syntax_error_names_the_line(tmp_path):
    bad = tmp_path / "syntax.yaml"
    bad.write_text("- {name: A, code: AAA}\n- {name: B, code: [unclosed\n", encoding="utf-8")
    with pytest.raises(ActorFileError, match=r"syntax\.yaml:\d+"):
        ActorResolver(extra_files=[bad])


# -- CLI and sample story --------------------------------------------------------------------------
def test_cli_prints_mentions_with_reasons(capsys, people_file):
    args = argparse.Namespace(
        text="Quiroga met Iraqi police in Santiago.", date="2020-01-01", actors=[str(people_file)]
    )
    assert run_actors(args) == 0
    out = capsys.readouterr().out
    assert "CHLGOV" in out and "Foreign Minister" in out and "IRQCOP" in out
    assert "person people:Marta Quiroga" in out


def test_sample_story(nlp, resolver):
    path = shared_path("samples", "us-responds-to-russia-demands.txt")
    doc = analyse(nlp, resolver, path.read_text(encoding="utf-8"), date="2022-01-26")
    assert find(doc, "Moscow’s Ministry of Foreign Affairs").actor.code == "RUSGOV"
    assert find(doc, "US Ambassador John Sullivan").actor.code == "USAGOV"
    assert find(doc, "Russian troops").actor.code == "RUSMIL"
    assert find(doc, "Baltic nations").actor.code == "BLT"
    blinken = find(doc, "Secretary of State Antony Blinken")
    assert blinken.actor.name == "Antony Blinken" and blinken.actor.role == "Secretary of State"
    assert blinken.actor.code == "USAGOV"
    assert find(doc, "The secretary").actor.name == "Antony Blinken"
    assert find(doc, "he").actor.name == "Antony Blinken"
    lavrov = find(doc, "Foreign Minister Sergey Lavrov")
    assert (lavrov.actor.code, lavrov.actor.role) == ("RUSGOV", "Foreign Minister")
    biden = find(doc, "President Biden")
    assert (biden.actor.name, biden.actor.code, biden.actor.role) == ("Joe Biden", "USAGOV", "President")
    assert find(doc, "US Ambassador John Sullivan").actor.name == "John Sullivan"
    moscow = [m for m in doc.mentions if m.text == "Moscow"]
    assert moscow and moscow[-1].actor.code in ("RUS", "RUSGOV")


# -- a small coreference test set (own sentences); accuracy is reported in docs/actors.md ---------------
# (text, mention text, occurrence index, expected actor name or code)
COREF_SET = [
    ("Marta Quiroga arrived in Rome. She met Italian officials.", "She", 0, "Marta Quiroga"),
    ("Tomas Velik met Marta Quiroga. He said the talks went well.", "He", 0, "Tomas Velik"),
    ("Tomas Velik met Marta Quiroga. She said the talks went well.", "She", 0, "Marta Quiroga"),
    ("Quiroga told Velik that she would call him.", "him", 0, "Tomas Velik"),
    ("Quiroga told Velik that she would call him.", "she", 0, "Marta Quiroga"),
    (
        "Foreign Minister Marta Quiroga flew to Lima. The minister met Peruvian diplomats.",
        "The minister",
        0,
        "Marta Quiroga",
    ),
    ("Velik criticised the plan. The former premier said his party would vote no.", "his", 0, "Tomas Velik"),
    ("NATO met in Brussels. The alliance agreed to send ships.", "The alliance", 0, "IGONAT"),
    ("The European Union fined the firm. The bloc said it would appeal nothing.", "The bloc", 0, "IGOEEC"),
    ("Hamas fired rockets at Israel. The group said it acted in revenge.", "The group", 0, "PSEREBHMS"),
    ("Hezbollah denied the report. The group said the claims were false.", "The group", 0, "LBNREBHEZ"),
    ("Iraqi police raided a house. The police said they found weapons.", "The police", 0, "IRQCOP"),
    ("Iraqi police raided a house. The police said they found weapons.", "they", 0, "IRQCOP"),
    ("Sudanese rebels seized the town. The rebels said they would hold it.", "The rebels", 0, "SDNREB"),
    ("Kenya closed its border. The government said the move was temporary.", "The government", 0, "KENGOV"),
    ("Japan protested to China. It summoned the ambassador.", "It", 0, "JPN"),
    ("Secretary of State Helen Marsh visited Kyiv. Marsh said she was hopeful.", "she", 0, "Helen Marsh"),
    ("Secretary of State Helen Marsh visited Kyiv. Marsh said she was hopeful.", "Marsh", 0, "Helen Marsh"),
    (
        "Secretary of State Helen Marsh visited Kyiv. The secretary met students.",
        "The secretary",
        0,
        "Helen Marsh",
    ),
    (
        "Chile opened talks with Peru. Chilean diplomats said the president approved.",
        "the president",
        0,
        "Marta Quiroga",
    ),
    ("Brazilian diplomats, who arrived on Monday, met the envoy.", "who", 0, "BRAGOV"),
    ("Tomas Velik, who led the country for five years, criticised the plan.", "who", 0, "Tomas Velik"),
    ("Turkey and Greece signed the deal. They said it would last.", "They", 0, None),
    ("Egyptian officials met Sudanese rebels. They agreed to a truce.", "They", 0, "SDNREB|EGYGOV"),
    # written after the rules above were tuned; kept as a check on over-fitting
    ("The Taliban attacked a checkpoint. The group later released a statement.", "The group", 0, "AFGINSTAL"),
    ("Velik visited Warsaw, where he met Polish lawmakers.", "he", 0, "Tomas Velik"),
    ("Polish lawmakers met Velik. They asked him about the budget.", "him", 0, "Tomas Velik"),
    (
        "Marta Quiroga and Tomas Velik spoke by phone. Quiroga said her country wanted peace.",
        "her",
        0,
        "Marta Quiroga",
    ),
    ("The Kremlin rejected the offer. It called the plan unacceptable.", "It", 0, "RUSGOV"),
    (
        "Nigerian soldiers entered the village. The army said it killed ten militants.",
        "The army",
        0,
        "NGAMIL",
    ),
    ("Indian police arrested a journalist. Officers said he had no permit.", "he", 0, "INDJRN|JRN"),
    (
        "The UN Security Council met on Friday. The council condemned the attack.",
        "The council",
        0,
        "IGOUNOSEC",
    ),
    # written after the second round of changes (titles, place phrases, subject carry-over); not tuned on
    ("The Pentagon announced new exercises. It said allies would join.", "It", 0, "USAMIL"),
    ("Prime Minister Tomas Velik met Polish lawmakers. He promised a vote.", "He", 0, "Tomas Velik"),
    (
        "Kenyan police in Mombasa arrested two men. The police said they were smugglers.",
        "The police",
        0,
        "KENCOP",
    ),
    ("The European Union met in Brussels. The union agreed on new sanctions.", "The union", 0, "IGOEEC"),
    # (as first written this used "the minister" for Quiroga, who is President on the test date: ill-posed)
    (
        "Foreign Minister Quiroga visited Velik, and the minister thanked him.",
        "the minister",
        0,
        "Marta Quiroga",
    ),
    ("Ethiopian troops crossed the border. They seized a hill.", "They", 0, "ETHMIL"),
    ("Hamas released a statement. Its leaders said the truce would hold.", "Its", 0, "PSEREBHMS"),
    ("Marta Quiroga, who chaired the meeting, thanked Velik.", "who", 0, "Marta Quiroga"),
]


def coref_accuracy(nlp, res) -> tuple[int, int, list[str]]:
    right, misses = 0, []
    for text, target, nth, expected in COREF_SET:
        doc = analyse(nlp, res, text, date="2023-06-01")
        found = [m for m in doc.mentions if m.text == target]
        actor = found[nth].actor if len(found) > nth else None
        got = {actor.name, actor.code} if actor else {None}
        ok = any(e in got for e in expected.split("|")) if expected else actor is None
        right += ok
        if not ok:
            misses.append(f"{text!r}: {target} -> {got}, expected {expected}")
    return right, len(COREF_SET), misses


def test_coreference_accuracy_on_own_set(nlp, custom):
    right, total, misses = coref_accuracy(nlp, custom)
    assert right / total >= 0.8, misses


def test_description_with_its_own_demonym_is_not_linked_to_another_state(nlp, resolver):
    text = "Chile sent food aid to the neighbouring Peruvian republic after the floods."
    doc = analyse(nlp, resolver, text)
    mention = find(doc, "the neighbouring Peruvian republic")
    assert mention.actor is not None and mention.actor.country == "PER"
    assert mention.antecedent is None


def test_common_misspellings_of_state_names(nlp, resolver):
    doc = analyse(nlp, resolver, "Peru rejected an offer from Afganistan and praised the Phillippines.")
    assert find(doc, "Afganistan").actor.country == "AFG"
    assert find(doc, "the Phillippines").actor.country == "PHL"
