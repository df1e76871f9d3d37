"""The last resort for a target: the named party nearest the trigger in the parse.

Why: real-news coders give nearly every event a recipient (about 97% of the hand-coded events matched on the
project's real-news gold have one), and when no argument rule found the target's slot ("X said the minister
should have volunteered a statement", "a series of tweets in which he said Omar ..."), the nearest other
named party of the sentence is most often it.  The pass runs after the verifier has scored the events, so a
fallback target changes whom an event is aimed at, never which events are kept or their confidence.

What is never taken: the source again, a conjunct of it ("Russia and China condemned ..."), what corefers
with it ("North Korea claims it ..."), what describes it ("workers affiliated with the union"), whoever
reports the sentence ("..., a UN official said", "according to state media"), an event noun, the source's
own forces, a name the actors stage left unresolved (the article's implicit party is a better guess), and a
place while a party is named.  When the nearest party is the source's own state or the town where a verbal
act was made (events/recipients.py), the event gets no recipient: a party further away is weaker evidence
still ("called for a tougher ban, saying the U.S. will ..." is not aimed at the next clause's party).
Leaving an office ("resigned", "quit") and a launch fired at no one get none:
coders code them with no recipient.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.events.arguments import UsableTargets
from eventcoder.events.mentions import MentionIndex, has_country, overlaps_any, same_party
from eventcoder.events.recipients import stray_target
from eventcoder.events.rules import EventRules
from eventcoder.model import NO_RECIPIENT, Document, Event, Mention
from eventcoder.syntax import subject_of, tree_distance

if TYPE_CHECKING:
    from spacy.tokens import Token

NAME = "nearest_target"


def fill_nearest_targets(rules: EventRules, doc: Document) -> None:
    """Give every event that has no target the nearest usable party of its sentence, if any."""
    spacy_doc = doc.nlp_doc
    if spacy_doc is None or not any(e.target is None for e in doc.events):
        return
    index = MentionIndex(doc)
    for event in doc.events:
        if event.target is not None or event.trigger_token is None or event.cameo == rules.statement_code:
            continue  # a plain statement's target is whom it is told to, not what it is about
        if not 0 <= event.trigger_token < len(spacy_doc):
            continue
        if untargeted(rules, event, spacy_doc[event.trigger_token]):
            if not event.rule.endswith(NO_RECIPIENT):
                event.rule += NO_RECIPIENT  # nor an implicit one (actors/context.py)
            continue
        own = [event.source] if event.source is not None else []
        found = nearest_participants(rules, spacy_doc[event.trigger_token], index, own)
        if found is not None and stray_target(rules, event, found, spacy_doc):
            event.rule += NO_RECIPIENT  # the nearest party is the source's own state or the act's scene:
        elif found is not None:  # one further away is no better evidence (events/recipients.py)
            event.target = found


def untargeted(rules: EventRules, event: Event, trigger: Token) -> bool:
    """Leaving an office, done or announced ("resigned", "will resign", "his resignation": control.yaml
    `leaving_office_words`) and a launch
    fired at no one ("North Korea fires missile, Japan protests": events/launches.py) are coded with no
    recipient: the party nearest them is only nearby."""
    if event.rule.endswith(NO_RECIPIENT):
        return True
    leaving = event.plover.get("type") in ("RETREAT", "CONCEDE")
    return leaving and trigger.lemma_.lower() in rules.leaving_office_words


def nearest_participants(
    rules: EventRules, anchor: Token, index: MentionIndex, own: list[Mention]
) -> Mention | None:
    """The usable actor mention of the anchor's sentence nearest it in the dependency tree (at most
    `nearest_target_hops` arcs), parties that name a state or organisation before sector-only ones and
    named parties before places."""
    usable = UsableTargets(rules, anchor.doc, own)
    excluded = same_party(index, own) | conjuncts_of(index, own) | reporters(rules, anchor, index)
    described = source_phrases(anchor, own)
    sent = anchor.sent
    found = []
    for mention in index.doc.mentions:
        outside = not (sent.start <= mention.token_start < sent.end)
        if outside or mention.actor is None or not mention.actor.code:
            continue  # an unresolved name would only stand in the way of the implicit party
        if mention.mention_id in excluded or overlaps_any(mention, own) or not usable([mention]):
            continue
        head = anchor.doc[mention.token_start : mention.token_end].root
        if any(start <= head.i <= end for start, end in described):
            continue
        distance = tree_distance(anchor, head)
        if distance <= rules.nearest_target_hops:
            rank = (mention.kind == "place", not has_country(mention), distance, abs(head.i - anchor.i))
            found.append((rank, mention))
    return min(found, key=lambda f: f[0])[1] if found else None


def source_phrases(anchor: Token, own: list[Mention]) -> list[tuple[int, int]]:
    """Token ranges of the source's whole phrase, where the trigger is not inside it: what describes the
    source ("workers affiliated with the Serbian Workers' Union", "the NUT, the umbrella union for
    teachers") is not another party.  ("Kerry, who met Lavrov": the trigger is in Kerry's phrase, and
    Lavrov may be its target.)"""
    ranges = []
    for mention in own:
        if mention.token_end <= mention.token_start:
            continue
        head = anchor.doc[mention.token_start : mention.token_end].root
        start, end = head.left_edge.i, head.right_edge.i
        if not start <= anchor.i <= end:
            ranges.append((start, end))
    return ranges


def conjuncts_of(index: MentionIndex, own: list[Mention]) -> set[int]:
    """Ids of the mentions coordinated with the source ("Russia and China condemned ..."): co-sources."""
    ids: set[int] = set()
    spacy_doc = index.doc.nlp_doc
    if spacy_doc is None:
        return ids
    for mention in own:
        if mention.token_end <= mention.token_start:
            continue
        head = spacy_doc[mention.token_start : mention.token_end].root
        ids |= {m.mention_id for tok in head.conjuncts for m in index.named(tok)}
    return ids


def reporters(rules: EventRules, anchor: Token, index: MentionIndex) -> set[int]:
    """Ids of the mentions of whoever reports the anchor's clause: the subject of a say verb above it ("the
    Washington Post reported that ...") and the object of an attribution ("according to Rowley")."""
    found: list[Mention] = []
    for verb in anchor.ancestors:
        if rules.lemma(verb) in rules.say_verbs:
            subject = subject_of(verb)
            found.extend(index.named(subject) if subject is not None else [])
    for token in anchor.sent:
        if token.lower_ in rules.attribution_words:
            found.extend(m for pobj in token.subtree if pobj.dep_ == "pobj" for m in index.named(pobj))
    return {m.mention_id for m in found}
