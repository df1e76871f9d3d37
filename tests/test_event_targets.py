"""Who an event is aimed at when no argument rule found the target's slot, and whose act a report's words are.

Sentences are our own.  The full pipeline is used where the behaviour is the pipeline's (the nearest-party
fallback runs after the verifier); the events stage's argument helper where a learned proposal's parties are
the question.
"""

from __future__ import annotations

import pytest

from eventcoder.model import Document
from eventcoder.nlp import parse


def _country(mention):
    return mention.actor.country if mention is not None and mention.actor is not None else None


def _events(coder, text, plover):
    return [e for e in coder.code(text, date="2023-05-01").events if e.plover.get("type") == plover]


def test_a_rejection_without_an_object_party_is_aimed_at_the_party_named_nearby(coder):
    events = _events(
        coder,
        "The Iranian foreign minister rejected the claims, saying Washington had misrepresented the talks.",
        "REJECT",
    )
    assert events and all(_country(e.target) == "USA" for e in events)


def test_whoever_reports_the_sentence_is_not_its_target(coder):
    text = "Israeli jets struck targets near the border overnight, the Syrian state news agency reported."
    for event in _events(coder, text, "ASSAULT"):
        assert event.target is None or "agency" not in event.target.text


def test_conjoined_sources_are_not_each_others_target(coder):
    events = _events(coder, "Russia and China condemned the vote on Monday.", "ACCUSE")
    assert {_country(m) for e in events for m in (e.source, *e.other_sources)} == {"RUS", "CHN"}
    assert all(_country(m) not in ("RUS", "CHN") for e in events for m in (e.target, *e.other_targets))


def test_a_pronoun_for_the_source_does_not_make_it_its_own_target(coder):
    events = coder.code("North Korea claims it test-launched a long-range missile.", date="2023-05-01").events
    assert events
    for event in events:
        assert event.target is None or _country(event.target) != _country(event.source)


@pytest.fixture(scope="module")
def proposal_parties(nlp, actor_resolver):
    """Source and target the events stage gives a learned proposal of CAMEO `code` on `word`."""
    from eventcoder.events import EventCoder

    events = EventCoder()

    def parties(text: str, word: str, code: str):
        doc = parse(Document(doc_id="t", raw_text=text, text=text, date="2023-05-01"), nlp)
        actor_resolver.run(doc)
        token = next(t for t in doc.nlp_doc if t.text == word)
        return events.arguments_for(doc)(token, code)

    return parties


def test_an_accusation_in_a_quote_is_the_speakers_aimed_at_the_quotes_subject(proposal_parties):
    source, target = proposal_parties(
        "“The Russians cannot place lives at risk with impunity,” President Biden said.", "lives", "110"
    )
    assert _country(source) == "USA"
    assert _country(target) == "RUS"


def test_a_first_person_subject_of_the_quote_is_the_speaker_not_the_target(proposal_parties):
    source, target = proposal_parties(
        "“We will never accept such lies from Kyiv,” the Russian foreign minister said.", "lies", "110"
    )
    assert _country(source) == "RUS"
    assert target is None or target.text.lower() != "we"


def test_a_reported_attack_stays_the_attackers(proposal_parties):
    source, _ = proposal_parties("The French president said Russian troops shelled the town.", "town", "190")
    assert _country(source) == "RUS"


def test_the_forces_a_state_sends_are_not_whom_it_acts_on(coder):
    text = "Israel sent eight fighter jets to strike the area near Palmyra."
    for event in _events(coder, text, "MOBILIZE"):
        assert event.target is None or "jets" not in event.target.text


def test_police_facing_protesters_stay_their_target(coder):
    events = _events(coder, "Thousands of protesters clashed with police in Madrid on Saturday.", "ASSAULT")
    assert events and events[0].target is not None and "police" in events[0].target.text


def test_what_describes_the_source_is_not_its_target(coder):
    text = (
        "Some 500,000 workers affiliated with the Serbian Workers' Union stopped work on the first day of "
        "an open-ended strike on Monday."
    )
    for event in _events(coder, text, "PROTEST"):
        assert event.target is None or "Union" not in event.target.text


def test_an_event_noun_in_a_report_stays_its_clauses_act(proposal_parties):
    text = "Judge Alejandro Rivera opened fraud investigations against 28 officials, the court said Friday."
    source, _ = proposal_parties(text, "investigations", "110")
    assert source is not None and "Rivera" in source.text
