"""Modality pass: whether each candidate's event happened (asserted), is negated, hypothetical,
future, denied or asked about, read off the parse by `eventcoder.modality`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.events.candidates import Candidate
from eventcoder.events.context import SentenceContext
from eventcoder.events.rules import EventRules
from eventcoder.events.triggers import JUDGEMENT_RULE
from eventcoder.modality import modality_of

if TYPE_CHECKING:
    from spacy.tokens import Token

NAME = "assign_modality"
EXPOSURE_PREPS = frozenset({"to", "against", "from"})


def assign_modality(ctx: SentenceContext) -> None:
    for cand in ctx.table.in_order():
        cand.modality = candidate_modality(ctx.rules, cand, ctx.table.question, ctx.headline)
        ctx.table.note(cand, NAME, cand.modality)


def candidate_modality(rules: EventRules, cand: Candidate, question: bool, headline: bool = False) -> str:
    token = cand.token
    if cand.kind == "noun":
        found = noun_modality(rules, token, headline)
        if found is not None:
            return found
    elif cand.kind == "verb" and _object_negated(rules, token):
        return "negated"  # "offered no apology", "gave neither money nor arms"
    anchor = cand.anchor
    if cand.rule.startswith(JUDGEMENT_RULE):
        # "said it was not true": the "not" is part of the judgement; the say verb gives the modality
        anchor = cand.token.head
    modality = modality_of(anchor, rules.lex, question=question and not reported(anchor, rules.say_verbs))
    if modality == "future" and cand.kind == "verb" and enacted_by_vote(rules, cand, headline):
        return modality_of(cand.token.head, rules.lex, question=question)
    return modality


def noun_modality(rules: EventRules, token: Token, headline: bool = False) -> str | None:
    """What a nominal event's own phrase says of it, before its clause is read: "no talks" (negated),
    "visits he never made" (negated), "a potential invasion", "fears of an attack" (hypothetical), "planned
    talks" (future); None when the phrase says nothing.  Used for rule candidates and for the verifier's
    proposals on nouns alike."""
    if any(c.dep_ == "det" and c.lower_ in rules.noun_negators for c in token.children):
        return "negated"  # "no talks"
    if any(_denied_by_relative(rules, c) for c in token.children):
        return "negated"  # "frequent visits to ground zero that he never made"
    news = rules.headline_news_mods if headline else frozenset()
    if unrealised_noun(rules, token, news):
        return "hypothetical"
    if planned_noun(rules, token):
        return "future"
    return None


def _denied_by_relative(rules: EventRules, clause: Token) -> bool:
    """A relative clause whose light verb denies that the noun's act was done: "visits that he never made",
    "the talks they did not hold"."""
    return (
        clause.dep_ == "relcl"
        and rules.lemma(clause) in rules.light_verbs
        and any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't") for c in clause.children)
    )


def _object_negated(rules: EventRules, verb: Token) -> bool:
    """The verb's direct object is denied by its determiner: "offered no apology", "neither regret nor
    apology"."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    denials = (*rules.noun_negators, "neither")
    return any(c.dep_ in ("det", "preconj") and c.lower_ in denials for o in objects for c in o.children)


def enacted_by_vote(rules: EventRules, cand: Candidate, headline: bool) -> bool:
    """The act is what a vote held does ("voted to condemn", a title's "votes to suspend"): the vote is past
    (or a title's present), carries no auxiliary of its own, and the act is no deferred one (control.yaml
    `enacting_verbs`, `deferred_roots`)."""
    token, vote = cand.token, cand.token.head
    if token.dep_ != "xcomp" or rules.lemma(vote) not in rules.enacting_verbs:
        return False
    if cand.code[:2] in rules.deferred_roots or any(c.dep_ == "aux" for c in vote.children):
        return False
    return vote.tag_ in ("VBD", "VBN") or (headline and vote.tag_ == "VBZ")


def unrealised_noun(rules: EventRules, token: Token, news: frozenset[str] = frozenset()) -> bool:
    """ "a potential invasion", "fears of an invasion", "faces an inquiry", "vulnerable to attack": the
    nominal event has not happened.  `news`: modifiers that in a title tell the news ("new sanctions")."""
    unrealised = rules.unrealised_mods - news
    # by form too: the parser lemmatises the participles "expected", "planned" as verbs
    if any(c.dep_ == "amod" and {c.lemma_.lower(), c.lower_} & unrealised for c in token.children):
        return True
    head = token.head
    if token.dep_ == "dobj" and rules.lemma(head) in rules.unrealised_governors:
        return True  # "faces an inquiry", "to avert a strike"
    exposed = head.head.lemma_.lower() in rules.exposure_words
    if token.dep_ == "pobj" and head.lower_ in EXPOSURE_PREPS and exposed:
        return True  # "vulnerable to cyber attack", "defences against attacks"
    return token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in rules.unrealised_heads


def planned_noun(rules: EventRules, token: Token) -> bool:
    """ "a strike set to begin Thursday", "demonstrations are planned for Thursday": a plan verb describes
    the nominal event, which is still to come, or has it as its object ("seeks a deal", "prepares an
    offensive"); so does an impending verb it is the subject of ("a strike looms")."""
    if token.dep_ == "nsubj" and rules.lemma(token.head) in rules.impending_verbs:
        return True
    planned = [c for c in token.children if c.dep_ == "acl"]
    if token.dep_ in ("nsubjpass", "dobj"):  # "talks are planned", "EU seeks trade deal", "plans offensive"
        planned.append(token.head)
    return any(_plan_class(rules, verb) for verb in planned)


def _plan_class(rules: EventRules, verb: Token) -> bool:
    spec = rules.control_of(rules.lemma(verb))
    return spec is not None and spec.future_recode


def reported(token: Token, say_verbs: frozenset[str]) -> bool:
    """True when the token sits in the complement of a say verb ("he asked whether ...")."""
    return any(anc.lemma_.lower() in say_verbs for anc in token.ancestors)
