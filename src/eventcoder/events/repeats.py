"""One event once: the verifier's proposals de-duplicated against each other and against the rules' events.

Why: the verifier proposes an event on every content word of a sentence it is sure of, so one action told in
several words ("attacked a gas field", "sells the women as slave girls") came out two or three times, each a
false positive after the first; and a proposal beside a rule event of the same type is most often the rule's
action again, read off another word of its phrase.  The real-news guidelines record one event per action and
sentence (a second trigger for one action is a duplicate), so a proposal is kept only when no rule event and
no surer proposal of its sentence has its PLOVER type and shares a party with it.  Two proposals of one type
between different parties ("A attacked B; C attacked D") stay two events.  Headline proposals are compared
with the headline's events only: the title is a sentence of its own, coded again when the lead restates it.
"""

from __future__ import annotations

from eventcoder.model import Event, Mention

PROPOSAL_RULE = "verifier:propose-"


def is_proposal(event: Event) -> bool:
    """An event the learned verifier proposed on a word no rule fired on (headline ones included)."""
    return PROPOSAL_RULE in event.rule


def party_key(mention: Mention) -> str:
    """Who a party is, comparable across sentences: its actor code, else its words."""
    if mention.actor is not None and mention.actor.code:
        return mention.actor.code
    return mention.text.lower()


def parties(event: Event) -> set[str]:
    return {party_key(m) for m in (event.source, event.target) if m is not None}


def shares_a_party(a: Event, b: Event) -> bool:
    """Same parties as far as both name any: an event with no party cannot be told apart from another."""
    ours, theirs = parties(a), parties(b)
    return not ours or not theirs or bool(ours & theirs)


def repeats(event: Event, other: Event) -> bool:
    """`event` tells `other`'s action again: same sentence, PLOVER type and modality, a party in common
    ("could have been killed in the shoot-down" tells a hypothetical death and an asserted attack)."""
    plover = event.plover.get("type")
    return (
        bool(plover)
        and other.sentence_index == event.sentence_index
        and other.plover.get("type") == plover
        and other.modality == event.modality
        and shares_a_party(event, other)
    )


def drop_repeated_proposals(events: list[Event]) -> list[Event]:
    """The events with every proposal that repeats a rule event or a surer proposal left out (the module
    docstring says why); order is kept."""
    rule_events = [e for e in events if not is_proposal(e) and e.plover.get("type")]
    kept: list[Event] = []
    for proposal in sorted((e for e in events if is_proposal(e)), key=lambda e: -e.confidence):
        if not any(repeats(proposal, other) for other in (*rule_events, *kept)):
            kept.append(proposal)
    keep = {id(e) for e in kept}
    return [e for e in events if not is_proposal(e) or id(e) in keep]
