"""Places, datelines and event locations, offline."""

from __future__ import annotations

import pytest

from eventcoder import nlp as nlp_stage
from eventcoder.geo import Context, Geocoder, find_dateline, gazetteer
from eventcoder.model import Actor, Document, Mention
from tests.conftest import event_at

from .conftest import shared_path


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder()


def make_doc(nlp, text: str, pub: str | None = "2022-01-26") -> Document:
    doc = Document(doc_id="g", raw_text=text, text=text, date=pub)
    return nlp_stage.parse(doc, nlp)


def mention(doc: Document, words: str, code: str, country: str) -> Mention:
    """An actor mention over the first occurrence of `words` (what the actors stage would give)."""
    start = doc.text.index(words)
    span = doc.nlp_doc.char_span(start, start + len(words))
    return Mention(
        mention_id=len(doc.mentions),
        text=words,
        start=start,
        end=start + len(words),
        sentence_index=0,
        token_start=span.start,
        token_end=span.end,
        actor=Actor(code=code, country=country, name=words),
    )


def located(nlp, geocoder, text: str, word: str, source: tuple[str, str, str] | None = None):
    doc = make_doc(nlp, text)
    src = mention(doc, *source) if source else None
    if src:
        doc.mentions = [src]
    doc.events = [event_at(doc, word, source=src)]
    geocoder.run(doc)
    return doc, doc.events[0].location


# -- gazetteer ----------------------------------------------------------------------------------------


def test_country_city_and_alias_lookups(geocoder):
    assert geocoder.lookup("Ukraine").country == "UKR"
    assert geocoder.lookup("the United States").country == "USA"
    kyiv = geocoder.lookup("Kiev")
    assert (kyiv.name, kyiv.country, kyiv.feature_class) == ("Kyiv", "UKR", "P")
    assert kyiv.geonames_id == 703448 and 50 < kyiv.latitude < 51
    assert geocoder.lookup("Washington").country == "USA"
    assert geocoder.lookup("Georgia").country == "GEO"


def test_regions_and_seas_from_own_tables(geocoder):
    assert geocoder.lookup("Donbas").country == "UKR"
    assert geocoder.lookup("Crimea").country == "UKR"
    assert geocoder.lookup("the Gaza Strip").country == "PSE"
    assert geocoder.lookup("West Bank").country == "PSE"
    sea = geocoder.lookup("the Black Sea")
    assert sea.feature_class == "H" and sea.country is None and sea.latitude is not None
    assert geocoder.lookup("the Sahel").source == "eventcoder-regions"
    assert geocoder.lookup("Luhansk region").country == "UKR"


def test_ambiguous_name_most_populous_without_context(geocoder):
    assert geocoder.lookup("Paris").country == "FRA"
    assert geocoder.lookup("Birmingham").country == "GBR"


def test_ambiguous_name_follows_the_article(geocoder):
    us_story = Context(countries={"USA"}, admin1=set(), actor_countries=set())
    assert geocoder.lookup("Birmingham", us_story).country == "USA"
    texas = Context(countries={"USA"}, admin1={("USA", "TX")}, actor_countries=set())
    assert geocoder.lookup("Paris", texas).latitude < 40


def test_comma_hint_in_text(nlp, geocoder):
    doc = make_doc(nlp, "Farmers protested in Paris, Texas, and in Lyon on Monday.")
    geocoder.run(doc)
    paris = [p for p in doc.places if p.text == "Paris"][0]
    assert paris.country == "USA" and paris.latitude < 40


def test_article_countries_settle_a_town_name(nlp, geocoder):
    doc = make_doc(nlp, "Storms hit Alabama overnight. Several roofs collapsed in Birmingham.")
    geocoder.run(doc)
    birmingham = [p for p in doc.places if p.text == "Birmingham"][0]
    assert birmingham.country == "USA"


# -- datelines ----------------------------------------------------------------------------------------


def test_datelines():
    gaz = gazetteer()
    kyiv = find_dateline("KYIV, Ukraine (AP) \u2014 Shelling resumed overnight.", gaz)
    assert (kyiv.name, kyiv.country, kyiv.source) == ("Kyiv", "UKR", "dateline")
    moscow = find_dateline("MOSCOW \u2014 The Kremlin said nothing.", gaz)
    assert moscow.country == "RUS"
    wire = find_dateline("Some headline\n\nBEIRUT (Reuters) - Banks closed again.", gaz)
    assert wire.country == "LBN"
    assert find_dateline("The ministers met in Moscow \u2014 again.", gaz) is None
    assert find_dateline("NATO - the alliance - met.", gaz) is None


def test_event_falls_back_to_dateline_country(nlp, geocoder):
    doc, where = located(nlp, geocoder, "KYIV, Ukraine (AP) \u2014 Rebels shelled a school.", "shelled")
    assert doc.dateline.country == "UKR"
    assert where.country == "UKR" and where.source == "dateline"


def test_no_dateline_no_place_no_location(nlp, geocoder):
    doc, where = located(nlp, geocoder, "Rebels shelled a school overnight.", "shelled")
    assert doc.dateline is None and where is None


# -- event locations ----------------------------------------------------------------------------------


def test_location_from_prepositional_phrase(nlp, geocoder):
    _, where = located(nlp, geocoder, "Soldiers were seen moving equipment in Belarus.", "moving")
    assert where.country == "BLR"
    _, where = located(nlp, geocoder, "Artillery shelled a village near Kharkiv.", "shelled")
    assert (where.name, where.country) == ("Kharkiv", "UKR")


def test_most_specific_place_in_the_phrase(nlp, geocoder):
    _, where = located(nlp, geocoder, "Inmates rioted at a prison in Kenya's capital Nairobi.", "rioted")
    assert (where.name, where.feature_class) == ("Nairobi", "P")


def test_border_paired_with_source_country(nlp, geocoder):
    text = "Moscow has massed tanks along the Ukraine border."
    doc, where = located(nlp, geocoder, text, "massed", ("Moscow", "RUS", "RUS"))
    assert where.name == "Russia\u2013Ukraine border"
    assert where.country == "UKR" and where.latitude is not None
    assert where in doc.places
    assert all(p.text != "Moscow" for p in doc.places)  # Moscow is the actor here


def test_bare_border_refers_back(nlp, geocoder):
    text = "Troops gathered along the Polish border. Guards later closed the border."
    doc = make_doc(nlp, text)
    doc.events = [event_at(doc, "gathered"), event_at(doc, "closed")]
    geocoder.run(doc)
    first, second = doc.events
    assert first.location is not None and first.location.country == "POL"
    assert second.location is None  # "closed the border": the border is the object, not a location
    doc = make_doc(nlp, "Troops gathered along the Polish border. Guards later fired shots at the border.")
    doc.events = [event_at(doc, "gathered"), event_at(doc, "fired")]
    geocoder.run(doc)
    assert doc.events[1].location is not None and doc.events[1].location.country == "POL"


def test_location_of_another_clause_is_not_used(nlp, geocoder):
    text = "The minister said in Geneva that rebels had attacked the convoy."
    _, where = located(nlp, geocoder, text, "attacked")
    assert where is None
    _, where = located(nlp, geocoder, text, "said")
    assert where.country == "CHE"


def test_place_used_as_actor_is_not_a_location(nlp, geocoder):
    doc, where = located(nlp, geocoder, "Kyiv said the talks would continue.", "said")
    assert where is None
    assert all(p.text != "Kyiv" for p in doc.places)


def test_unlabelled_town_in_locative_phrase(nlp, geocoder):
    text = "A bombing near the town of Samarra killed two soldiers."
    _, where = located(nlp, geocoder, text, "killed")
    assert where is not None and where.country == "IRQ"


def test_document_without_events_still_lists_places(nlp, geocoder):
    doc = make_doc(nlp, "Snow fell across Poland and in the Baltic Sea ports.")
    geocoder.run(doc)
    assert {p.country for p in doc.places} >= {"POL"}
    assert doc.events == []


def test_sample_story_locations(nlp, geocoder):
    path = shared_path("samples", "us-responds-to-russia-demands.txt")
    doc = make_doc(nlp, path.read_text(encoding="utf-8"))
    moscow = mention(doc, "Moscow has", "RUS", "RUS")
    moscow.end -= 4
    moscow.token_end -= 1
    moscow.text = "Moscow"
    doc.mentions = [moscow]
    doc.events = [event_at(doc, "seen"), event_at(doc, "massed", source=moscow)]
    geocoder.run(doc)
    seen, massed = doc.events
    assert seen.location.country == "BLR"
    assert massed.location.name == "Russia\u2013Ukraine border"
