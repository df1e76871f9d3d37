"""The article's context country: the state an article is about, for actors that carry only a sector.

Why: news names "the police", "lawmakers", "Democrats said" or an unknown "Mr Howard" without their
state, because the reader knows where the story is.  Event coders (ICEWS, PETRARCH) give such actors the
article's country.  The evidence is what the article itself says: the states of its actor mentions (more
for those in the lead), its dateline, and the towns and regions it names ("Baltimore", "Texas"), each
weighed by data/actors/context.yaml.  A state becomes the context only when it clearly leads, so an
article about two states gives its stateless actors none rather than a wrong one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from eventcoder.actors.kb import DATA_DIR
from eventcoder.model import NO_RECIPIENT, Actor, Document, Event, Mention
from eventcoder.schemas.actors import ContextFile, load_context

if TYPE_CHECKING:
    from spacy.tokens import Token

CONTEXT_FILE = "context.yaml"
PLACE_LABELS = ("GPE", "LOC")


@lru_cache(maxsize=4)
def context_rules(path: Path = DATA_DIR / CONTEXT_FILE) -> ContextFile:
    return load_context(path)


def backer_words() -> frozenset[str]:
    """Words after "<state>-" that make the state a backer, not the phrase's own ("Iran-backed")."""
    return frozenset(context_rules().backer_words)


def proxy_nouns() -> frozenset[str]:
    """Nouns after a state that make it the sponsor of the phrase's actor ("an Iranian proxy militia")."""
    return frozenset(context_rules().proxy_nouns)


def posted_abroad() -> frozenset[str]:
    """Head words of a state's posts abroad, which a town before them does not place ("the Benghazi
    consulate")."""
    return frozenset(context_rules().posted_abroad)


def country_votes(doc: Document, mentions: Iterable[Mention], rules: ContextFile) -> Counter[str]:
    """Each state's weight of evidence in the article (see the module docstring)."""
    from eventcoder.geo import find_dateline, gazetteer, place_country

    weights = rules.weights
    votes: Counter[str] = Counter()
    counted: set[int] = set()  # tokens of mentions already counted, so their places are not counted again
    for m in mentions:
        if m.kind == "pronoun" or m.actor is None or not m.actor.country:
            continue
        votes[m.actor.country] += weights.mention + (weights.lead if m.sentence_index == 0 else 0)
        counted.update(range(m.token_start, m.token_end))
    if weights.dateline and doc.text:
        dateline = find_dateline(doc.text, gazetteer())
        if dateline is not None and dateline.country:
            votes[dateline.country] += weights.dateline
    if weights.place and doc.nlp_doc is not None:
        named = set(votes)
        for ent in doc.nlp_doc.ents:
            if ent.label_ in PLACE_LABELS and not counted.intersection(range(ent.start, ent.end)):
                country = place_country(ent.text, named)
                if country:
                    votes[country] += weights.place
    return votes


def context_country(votes: Counter[str], rules: ContextFile) -> str | None:
    """The only state the article gives evidence for; else the leading one when it leads clearly
    enough (at least `minimum` votes and `dominance` times the runner-up's); else None."""
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] <= 0:
        return None
    if len(ranked) > 1 and (ranked[0][1] < rules.minimum or ranked[0][1] < rules.dominance * ranked[1][1]):
        return None
    return ranked[0][0]


def takes_context(actor: Actor, rules: ContextFile) -> bool:
    """An actor that may be given the context state: none of its own, and not above or across states."""
    if actor.country is not None or actor.code.startswith(tuple(rules.stateless_prefixes)):
        return False
    return actor.sector not in rules.stateless_sectors


def fill_implicit_parties(doc: Document, rules: ContextFile | None = None) -> None:
    """Give events with no source (and, for some types, no target) the article's context country with
    the usual sector of their type (context.yaml `implicit_sources`, `implicit_targets`, and
    `domestic_targets` for a source of the context state).  Why: the
    party of an agentless passive or a nominal event is usually clear from the article ("217 protesters
    were arrested" in a story on Washington: the US police), and coders code it."""
    rules = rules or context_rules()
    country = doc.context_country
    for event in doc.events:
        if event.sentence_index < 0:
            _fill_headline(event, country, rules)  # the title has no parse here: the context only
            continue
        plover = event.plover.get("type") or ""
        where = None
        if event.source is None and plover in rules.implicit_sources:
            sector = rules.implicit_sources[plover]
            where = scene_country(doc, event, rules) if plover in rules.scene_sources else None
            if where is not None:
                event.source = _implicit(event, where, sector, "source", f"the scene's state {where}")
            elif country:
                event.source = _implicit(event, country, sector, "source")
        elif event.source is not None and plover in rules.scene_sources:
            event.source = _placed(event.source, doc, event, rules)
        if event.target is not None:
            event.target = _placed(event.target, doc, event, rules)
        if event.target is not None or event.rule.endswith(NO_RECIPIENT):
            continue
        if where is not None and plover in rules.implicit_targets:
            # "the Benghazi protests" in a story on Washington: Libyans protest to Libya's government
            sector = rules.implicit_targets[plover]
            event.target = _implicit(event, where, sector, "target", f"the scene's state {where}")
        elif plover in rules.own_state_targets and _stated_source(event) is not None:
            state = _stated_source(event) or ""
            why = f"the source's own state {state}"
            event.target = _implicit(event, state, rules.own_state_targets[plover], "target", why)
        elif not country:
            continue
        elif plover in rules.implicit_targets and not _spares(event, country, rules):
            event.target = _implicit(event, country, rules.implicit_targets[plover], "target")
        elif plover in rules.domestic_targets and _domestic(event, country):
            event.target = _implicit(event, country, rules.domestic_targets[plover], "target")


def _fill_headline(event: Event, country: str | None, rules: ContextFile) -> None:
    """A headline event's implicit parties: the article's context country, as for a body sentence ("UKIP
    candidate suspended in probe", "Blair criticised by MPs" in a story on Britain), but never a scene,
    which would need the title's parse."""
    plover = event.plover.get("type") or ""
    state = _stated_source(event)
    if (
        event.target is None
        and plover in rules.own_state_targets
        and state
        and not event.rule.endswith(NO_RECIPIENT)
    ):
        why = f"the source's own state {state}"
        event.target = _implicit(event, state, rules.own_state_targets[plover], "target", why)
    if not country:
        return
    if event.source is None and plover in rules.implicit_sources:
        event.source = _implicit(event, country, rules.implicit_sources[plover], "source")
    if event.target is not None or event.rule.endswith(NO_RECIPIENT):
        return
    if plover in rules.implicit_targets and not _spares(event, country, rules):
        event.target = _implicit(event, country, rules.implicit_targets[plover], "target")
    elif plover in rules.domestic_targets and _domestic(event, country):
        event.target = _implicit(event, country, rules.domestic_targets[plover], "target")


def _stated_source(event: Event) -> str | None:
    """The state of the event's source, if it has one (`own_state_targets`)."""
    actor = event.source.actor if event.source else None
    return actor.country if actor is not None and actor.country else None


def _domestic(event: Event, country: str) -> bool:
    """Whether the event's source belongs to the context state: its demands, criticism and rejections
    with no addressee named are aimed at that state's own bodies (`domestic_targets`)."""
    actor = event.source.actor if event.source else None
    return actor is not None and actor.country == country


def _spares(event: Event, country: str, rules: ContextFile) -> bool:
    """Whether the event's source is the context state or its government or forces (`own_people_spared`),
    whose acts with no target named are not against its own people."""
    actor = event.source.actor if event.source else None
    if actor is None or actor.country != country:
        return False
    return (actor.sector or "") in rules.own_people_spared


def scene_country(doc: Document, event: Event, rules: ContextFile) -> str | None:
    """The state of the place an agentless attack, protest or arrest happened in ("was killed by a car bomb
    in Iraq", "the protests in Cairo"): the town or state named after a place preposition nearest the
    trigger in the parse (the preposition at most `scene_hops` arcs away)."""
    from eventcoder.syntax import tree_distance

    spacy_doc = doc.nlp_doc
    if spacy_doc is None or event.trigger_token is None or not 0 <= event.trigger_token < len(spacy_doc):
        return None
    trigger = spacy_doc[event.trigger_token]
    named_before = _scene_modifier(trigger, doc)
    if named_before is not None:
        return named_before
    sent = trigger.sent
    found = []
    for m in doc.mentions:
        actor = m.actor
        if actor is None or not actor.country or not sent.start <= m.token_start < sent.end:
            continue
        state_named = m.kind == "name" and actor.sector is None and actor.code == actor.country
        if m.kind != "place" and not state_named:
            continue
        prep = _scene_preposition(spacy_doc[m.token_start : m.token_end].root, rules.scene_prepositions)
        if prep is None:
            continue
        distance = tree_distance(trigger, prep)
        if distance <= rules.scene_hops:
            found.append((distance, m.token_start, actor.country))
    return min(found)[2] if found else None


def _scene_modifier(trigger: Token, doc: Document) -> str | None:
    """The state of a town named before a nominal act as its scene ("the Benghazi attack", "the Paris
    attacks", "the DC protests"): a place-name modifier of the trigger that names no state of its own
    ("Syrian attack" names its party, not a scene).  spaCy may label the town ORG ("Benghazi")."""
    from eventcoder.geo import place_country

    prefer = [doc.context_country] if doc.context_country else []
    for child in trigger.lefts:
        if child.dep_ not in ("compound", "nmod") or child.pos_ != "PROPN":
            continue
        if any(m.token_start <= child.i < m.token_end and m.kind != "place" for m in doc.mentions):
            continue  # an actor ("Hamas attacks", "Russia talks") is a party, not a scene
        ent = next((e for e in trigger.doc.ents if e.start <= child.i < e.end), None)
        if ent is None or ent.label_ not in ("GPE", "LOC", "FAC", "ORG"):
            continue
        country = place_country(ent.text, prefer)
        if country is not None:
            return country
    return None


def _placed(party: Mention, doc: Document, event: Event, rules: ContextFile) -> Mention:
    """A party with a sector and no state ("Prisoners rioted at a jail in Dili"; "would not meet the
    hostage-takers' demands to release prisoners in Iraq") is of the scene's state; the event gets its own
    copy, the mention itself is not changed."""
    actor = party.actor
    if actor is None or not actor.sector or not takes_context(actor, rules):
        return party
    where = scene_country(doc, event, rules)
    if where is None:
        return party
    placed = replace(actor, country=where, code=where + actor.code)
    return replace(party, actor=placed, rule=party.rule + f"; country {where} of the scene")


def _scene_preposition(head: Token, prepositions: list[str]) -> Token | None:
    """The scene preposition a place name is the object of, directly ("in Basra") or through of-phrases
    ("outside of the Iraqi city of Basra", "in the town of Samarra"); None if there is none."""
    token = head
    for _ in range(3):
        if token.dep_ != "pobj":
            return None
        prep = token.head
        if prep.lower_ in prepositions:
            return prep
        if prep.lower_ != "of":
            return None
        token = prep.head
        if token.lower_ in prepositions:
            return token
    return None


def _implicit(event: Event, country: str, sector: str, side: str, why: str = "") -> Mention:
    at = event.trigger_start if event.trigger_start is not None else event.span[0]
    token = event.trigger_token if event.trigger_token is not None else 0
    plover = event.plover.get("type")
    return Mention(
        mention_id=-1,
        text="",
        start=at,
        end=at,
        sentence_index=event.sentence_index,
        token_start=token,
        token_end=token,
        actor=Actor(code=country + sector, country=country, sector=sector),
        kind="implicit",
        rule=f"implicit {side}: {why or 'the article' + chr(39) + 's context country ' + country},"
        f" sector {sector} usual for {plover}",
    )
