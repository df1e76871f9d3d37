"""Who the parties of an event are when the sentence names things and pronouns around them: the subject
pronoun of a dependent clause, an international body's own staff, a named facility.  Sentences are our own."""

from __future__ import annotations


def parties(coder, text: str, plover: str, date: str = "2012-05-01") -> list[tuple[str | None, str | None]]:
    """(source code, target code) of each event of that PLOVER type."""
    found = []
    for event in coder.code(text, date=date).events:
        if event.plover.get("type") == plover:
            source = event.source.actor.code if event.source and event.source.actor else None
            target = event.target.actor.code if event.target and event.target.actor else None
            found.append((source, target))
    return found


def test_a_subject_pronoun_of_a_dependent_clause_is_the_main_clause_subject(coder):
    doc = coder.code("Two rebel fighters shot three policemen in Goma when they stormed the station.")
    they = next(m for m in doc.mentions if m.text == "they")
    assert they.actor is not None and they.actor.sector == "REB"
    assert "subject of the clause it depends on" in they.rule


def test_an_international_bodys_own_staff_are_not_its_target(coder):
    text = (
        "U.N. Secretary-General Ban Ki-moon announced on Monday that he will withdraw weapons inspectors "
        "from Syria."
    )
    assert ("IGOUNO", "SYR") in parties(coder, text, "THREATEN")


def test_a_named_facility_is_no_party(coder):
    found = parties(
        coder, "Angry Austrian farmers blocked the Brenner Bridge for three hours on Monday.", "PROTEST"
    )
    assert found and all(target is None or target.startswith("AUT") for _, target in found)
