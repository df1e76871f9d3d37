"""Targets that are no recipient: the source's own state, and the scene of a verbal act.

Why: the argument rules and the nearest-party fallback take whatever party stands in a target slot, and on
real news two kinds of party stand there without being whom the act is aimed at:

* the source's own state, named bare: "Trump called for a tougher ban, saying the U.S. will have to get
  nasty", "Thailand declined the offer, with Thailand preferring ...": a state, its government or its
  military (control.yaml `commanding_sectors`) does not address a demand, a refusal or a threat to the
  state it stands for (control.yaml `own_state_free_roots`; its curfews and arrests at home do target it);
* the place where a verbal act was made: "demanded a curfew after the riots in Leeds", "at their meeting in
  London, ministers backed the plan" (control.yaml `scene_free_roots`, `scene_preps`): a town is no
  addressee of a demand, an accusation or praise (an attack on a town still hits its people, a protest in
  it is aimed at its government, and a promise or threat is often of an act on it, so those keep it).

The pass runs after the verifier, beside the nearest-party fallback (events/nearest.py), which skips the same
parties: it changes whom an event is aimed at, never which events are kept or their confidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.events.rules import EventRules
from eventcoder.model import Document, Event, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

NAME = "stray_target"
STATE_ENTRY = "countries.yaml:"


def drop_stray_targets(rules: EventRules, doc: Document) -> None:
    """Clear the target of every event whose target is the source's own state or the verbal act's scene;
    the nearest-party fallback and the article's implicit party may then still find the recipient."""
    spacy_doc = doc.nlp_doc
    if spacy_doc is None:
        return
    for event in doc.events:
        if event.target is not None and stray_target(rules, event, event.target, spacy_doc):
            event.target = None


def stray_target(rules: EventRules, event: Event, mention: Mention, spacy_doc: Doc) -> bool:
    """Whether `mention` would stand as the event's target without being its recipient."""
    return own_state(rules, event, mention) or verbal_scene(rules, event, mention, spacy_doc)


def own_state(rules: EventRules, event: Event, mention: Mention) -> bool:
    """The source's own state named bare ("the U.S.", "Israel", not "U.S. media", not a person) as the target
    of a verbal act (control.yaml `own_state_free_roots`) while the source is that state, its government or
    its military."""
    actor, source = mention.actor, event.source
    if event.cameo[:2] not in rules.own_state_free_roots:
        return False
    if source is None or source.actor is None or actor is None or mention.kind != "name":
        return False
    if actor.sector is not None or not (actor.entry or "").startswith(STATE_ENTRY):
        return False
    if "modifier" in mention.rule:  # "U.S. sanctions", "US media giants": a body of the state, not the state
        return False
    return actor.country == source.actor.country and stands_for_state(rules, source)


def stands_for_state(rules: EventRules, source: Mention) -> bool:
    """The source is a state (named as one: not a body the article's context gave a country, "Meibion
    Glyndwr" GBR), its government or its military (control.yaml `commanding_sectors`)."""
    actor = source.actor
    if actor is None or not rules.commands_state(actor):
        return False
    return actor.sector is not None or (actor.entry or "").startswith(STATE_ENTRY)


def verbal_scene(rules: EventRules, event: Event, mention: Mention, spacy_doc: Doc) -> bool:
    """A town or region named as where a verbal act happened ("in London", "after Newtown")."""
    if mention.kind != "place" or event.cameo[:2] not in rules.scene_free_roots:
        return False
    if not 0 <= mention.token_start < mention.token_end <= len(spacy_doc):
        return False
    head = spacy_doc[mention.token_start : mention.token_end].root
    return head.dep_ == "pobj" and head.head.lower_ in rules.scene_preps
