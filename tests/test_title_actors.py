"""A headline's actors read with the article: short names the body writes in full, and the body's context
country for the title's stateless sectors.  Headlines and articles are our own."""

from __future__ import annotations


def headline_events(coder, title: str, text: str, date: str = "2005-01-10") -> list:
    doc = coder.code(text, title=title, date=date)
    return [e for e in doc.events if e.sentence_index < 0]


def headline_source(coder, title: str, text: str, plover: str) -> str:
    """The actor code of the source of the title's first event of that PLOVER type."""
    events = [e for e in headline_events(coder, title, text) if e.plover.get("type") == plover]
    assert events and events[0].source is not None and events[0].source.actor is not None
    return events[0].source.actor.code


def test_a_family_name_in_the_title_is_the_person_the_body_names_in_full(coder):
    text = (
        "Tony Blair has rejected a Conservative offer on the anti-terror bill. The prime minister said the "
        "plans were needed to keep Britain safe."
    )
    assert headline_source(coder, "Blair rejects Tory compromise offer", text, "REJECT") == "GBRGOV"


def test_a_stateless_body_in_the_title_takes_the_articles_state(coder):
    text = (
        "WASHINGTON (AP) - The justices refused on Tuesday to set limits on searches by drug-sniffing dogs "
        "in Florida. Police in Miami welcomed the ruling."
    )
    title = "Supreme Court rejects limits on police dog searches"
    assert headline_source(coder, title, text, "REJECT") == "USAJUD"


def test_a_family_name_two_people_of_the_body_share_stays_unknown(coder):
    events = headline_events(
        coder,
        "Clinton rejects tax offer",
        "Senator Hillary Clinton and former President Bill Clinton spoke in New York on Monday. "
        "The Republican tax offer was rejected by Democrats in the Senate.",
    )
    for event in events:
        source = event.source
        assert source is None or source.text != "Clinton" or not (source.actor and source.actor.country)


def test_a_headline_event_with_no_party_named_takes_the_articles_state(coder_keeping_all):
    body = (
        "Hundreds of people marched through Manchester on Saturday against the closure of local pubs, "
        "Greater Manchester Police said. British ministers said the closures were a matter for the brewers."
    )
    doc = coder_keeping_all.code(body, date="2015-03-02", title="Angry protests over pub closures")
    headline = [e for e in doc.events if e.sentence_index < 0 and e.plover.get("type") == "PROTEST"]
    assert headline and headline[0].source is not None and headline[0].source.actor.code == "GBRCVL"
    assert headline[0].source.kind == "implicit"
