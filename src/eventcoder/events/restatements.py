"""Later mentions of an act already told are not new events: "the attack", "the bombing", "the strike lasted
minutes", "the Jersey City attack" once more.

Why: after an article reports an act, it goes on naming it ("two men were involved in the attack", "a visit to
the site of the attack"), and each mention was coded as one more event.  The real-news guidelines make a bare
nominal restatement ambiguous (its own verb, "the bombers struck again", is coded again), and hand coders
leave most of them uncoded: on the hand-coded train articles they were false positives far more often than
hits.

A nominal trigger is a restatement when a determiner of `restatement_determiners` makes it definite, nothing
names its own parties or occasion (no possessive, no prepositional phrase, no number), and the document has
told it before: an earlier sentence (or the title) has an event of its PLOVER type or uses the noun, or, for
a noun with name modifiers, the same words.  It stays an event where a verb reports it ("carried out the
attack", a light verb's object) or where it is the subject of its toll ("the attack killed five").
"""

from __future__ import annotations

from spacy.tokens import Token

from eventcoder.events.rules import EventRules
from eventcoder.model import Document, Event

# Children that give a nominal event parties or an occasion of its own: not a bare restatement.
OWN_DETAIL_DEPS = frozenset({"poss", "prep", "nummod", "relcl", "acl", "appos", "conj"})
NAME_MODIFIER_DEPS = frozenset({"compound", "nmod"})


def is_bare_definite(rules: EventRules, token: Token) -> bool:
    """ "the attack", "this week's ..." excluded: a definite noun with no detail of its own."""
    children = list(token.children)
    definite = any(c.dep_ == "det" and c.lower_ in rules.restatement_determiners for c in children)
    return definite and not any(c.dep_ in OWN_DETAIL_DEPS for c in children)


def reported_by_its_verb(rules: EventRules, token: Token) -> bool:
    """ "launched the attack", "the attacks were carried out with TNT" (a light verb's object) or "the attack
    killed five" (its toll's subject)."""
    head = rules.lemma(token.head)
    if token.dep_ in ("dobj", "nsubjpass") and head in rules.light_verbs:
        return True
    return token.dep_ in ("nsubj", "nsubjpass") and head in rules.casualty_lemmas


def phrase(token: Token) -> str:
    """The noun with its name modifiers, as written: "Jersey City attack"."""
    words = [t for t in token.subtree if t.i <= token.i and (t is token or t.dep_ in NAME_MODIFIER_DEPS)]
    start = min(words, key=lambda t: t.i)
    return token.doc[start.i : token.i + 1].text


def told_before(doc: Document, event: Event, token: Token, earlier: list[Event]) -> bool:
    """Whether the title or an earlier sentence tells the act `event` names (the module docstring)."""
    before = f"{doc.title or ''}\n{doc.text[: token.sent.start_char]}".lower()
    if any(c.dep_ in NAME_MODIFIER_DEPS for c in token.children):
        return phrase(token).lower() in before
    plover = event.plover.get("type")
    return (
        token.lemma_.lower() in before
        or token.lower_ in before
        or any(e.plover.get("type") == plover for e in earlier)
    )


def restatement(rules: EventRules, doc: Document, event: Event, earlier: list[Event]) -> bool:
    spacy_doc = doc.nlp_doc
    if spacy_doc is None or event.trigger_token is None or event.sentence_index < 0:
        return False
    token = spacy_doc[event.trigger_token]
    return (
        token.pos_ == "NOUN"
        and is_bare_definite(rules, token)
        and not reported_by_its_verb(rules, token)
        and told_before(doc, event, token, earlier)
    )


def drop_restatements(rules: EventRules, doc: Document) -> None:
    """Leave out of `doc.events` every nominal event that restates an act told earlier in the document."""
    kept: list[Event] = []
    for event in doc.events:
        earlier = [e for e in kept if e.sentence_index < event.sentence_index]
        if not restatement(rules, doc, event, earlier):
            kept.append(event)
    doc.events = kept
