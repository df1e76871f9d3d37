"""One action, one event: the learned verifier's proposals against each other and the rules' events
(sentences written for these tests)."""

from __future__ import annotations

import numpy as np
import pytest

from eventcoder import nlp as nlp_stage
from eventcoder.events.repeats import drop_repeated_proposals, is_proposal
from eventcoder.model import Document
from eventcoder.verifier import NONE_LABEL, LinearModel, Verifier, is_scored


def sure_of(plover: str, lemmas: tuple[str, ...]) -> LinearModel:
    """A model sure that each of `lemmas` is an event of type `plover`."""
    vocabulary = {"bias": 0, **{f"lemma={w}": i + 1 for i, w in enumerate(lemmas)}}
    weights = np.zeros((len(vocabulary), 2))
    weights[1:] = [6.0, -6.0]
    return LinearModel(vocabulary, weights, [plover, NONE_LABEL], frozenset(lemmas))


def coded(coder, text: str, model: LinearModel) -> Document:
    """`text` through the real actors and events stages, then the verifier with `model`."""
    parsed = coder.nlp(text)
    doc = Document(doc_id="d", raw_text=parsed.text, text=parsed.text)
    nlp_stage.attach(doc, parsed)
    coder.actors.run(doc)
    coder.events.run(doc)
    verifier = Verifier(path=None, arguments_for=coder.events.arguments_for)
    verifier.model = model
    verifier.run(doc)
    return doc


def assaults(events):
    return [e for e in events if e.plover.get("type") == "ASSAULT" and e.modality == "asserted"]


def test_one_attack_told_in_several_words_is_one_event(coder):
    """The rules code "attacked"; proposals on "gas" and "field" of its object are the same attack."""
    text = "Islamist gunmen attacked a gas field in eastern Algeria on Wednesday."
    doc = coded(coder, text, sure_of("ASSAULT", ("gas", "field")))
    assert len([e for e in assaults(doc.events) if is_proposal(e)]) == 2
    kept = assaults(drop_repeated_proposals(doc.events))
    assert [e.trigger for e in kept] == ["attacked"]


def test_proposals_repeating_each_other_keep_the_surest(coder):
    """No rule fires on "pummelled" or "onslaught"; the model proposes both, one action: the surer stays."""
    text = "Russian artillery pummelled Kharkiv in a brutal onslaught on Monday."
    doc = coded(coder, text, sure_of("ASSAULT", ("pummel", "onslaught")))
    proposed = [e for e in doc.events if is_proposal(e)]
    assert len(proposed) == 2
    kept = [e for e in drop_repeated_proposals(doc.events) if is_proposal(e)]
    assert len(kept) == 1
    assert kept[0].confidence == max(e.confidence for e in proposed)


def test_a_proposal_with_other_parties_is_another_action(coder):
    """Two attacks of one sentence between different parties are two events."""
    text = "Kenya bombed Somalia on Monday, while Ethiopia pummelled Eritrea."
    doc = coded(coder, text, sure_of("ASSAULT", ("pummel",)))
    proposals = [e for e in doc.events if is_proposal(e)]
    assert proposals, "the model proposes the shelling"
    assert proposals[0] in drop_repeated_proposals(doc.events)


def test_a_hypothetical_death_does_not_hide_an_asserted_attack(coder):
    """A rule event of the same type but another modality is another action."""
    text = "The pilot could have been killed in the downing of his jet by Syrian rebels."
    doc = coded(coder, text, sure_of("ASSAULT", ("downing",)))
    proposals = [e for e in doc.events if is_proposal(e) and e.modality == "asserted"]
    assert proposals, "the model proposes the downing"
    assert proposals[0] in drop_repeated_proposals(doc.events)


def test_the_pipeline_keeps_one_event_per_action(coder):
    """Whatever the shipped weights propose, an attack is not emitted twice between the same parties."""
    doc = coder.code(
        "Islamist gunmen attacked a gas field in eastern Algeria on Wednesday.", date="2013-01-16"
    )
    keys = [(e.sentence_index, e.source and e.source.text) for e in assaults(doc.events)]
    assert len(keys) == len(set(keys))


def scored(doc, sentence=None):
    """(PLOVER type, trigger) of the scored events, of one sentence when given."""
    return [
        (e.plover.get("type"), e.trigger)
        for e in doc.events
        if is_scored(e) and sentence in (None, e.sentence_index)
    ]


ATTACK = "Gunmen attacked a shopping mall in Nairobi on Saturday."


@pytest.mark.parametrize(
    ("first", "later"),
    [
        (ATTACK, "Police said two men were involved in the attack."),
        (ATTACK, "The prime minister visited the site of the attack on Sunday."),
        (
            "The Nairobi mall attack left 60 dead.",
            "Hours later the Nairobi mall attack was the talk of the city.",
        ),
    ],
)
def test_a_later_bare_mention_of_an_attack_is_no_new_event(coder_keeping_all, first, later):
    doc = coder_keeping_all.code(f"{first} {later}", date="2013-09-22")
    assert [t for t, _ in scored(doc, sentence=1) if t == "ASSAULT"] == []


def test_a_restatement_with_its_own_verb_is_coded_again(coder_keeping_all):
    text = "Gunmen attacked a shopping mall in Nairobi on Saturday. The attack was carried out by al-Shabab."
    doc = coder_keeping_all.code(text, date="2013-09-22")
    assert "ASSAULT" in {t for t, _ in scored(doc, sentence=1)}


def test_a_first_mention_of_an_attack_stays_an_event(coder_keeping_all):
    doc = coder_keeping_all.code("Kenya condemned the Nairobi mall attack.", date="2013-09-22")
    assert "ASSAULT" in {t for t, _ in scored(doc)}
