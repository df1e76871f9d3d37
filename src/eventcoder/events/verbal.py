"""Pass recode_verbal_attacks (after arguments): a politician's "attack" on a rival is criticism.

In political news "attack" is mostly words: "Trump attacks two Republican senators for criticizing
him", "Short attacks US over tsunami aid", "the campaign's attacks on Clinton's record". The
real-news guidelines code these as ACCUSE (11), and the dictionary's plain reading (ASSAULT 190)
was the largest single wrong-type class on hand-coded news. Which reading holds is told by who
attacks whom, so this runs once the arguments are known:

- an attack "for" doing something, "over" an issue or "as" something ("attacked as a power grab") is
  criticism (violence is not given reasons in a prepositional phrase; times such as "over the
  weekend" do not count);
- an attack whose every source is a political, civilian actor (a government official, a legislator,
  a party, the media: `verbal_attack_sources`) and whose target, if named, is a person or a political
  body (`verbal_attack_targets`), is criticism: "the senator attacked the governor". An attack by a
  state ("Russia attacked Ukraine"), by armed forces or on armed groups keeps its violent reading.

A labour strike noun by a state or its forces, or on a state or armed forces with no source ("the U.S.
strikes", "a strike on Syria"), is a military strike (195).

A protest (141) by a state or its government ("Japan protests", "China lodged a protest") is a diplomatic
complaint, ACCUSE as the real-news guidelines code it: states do not march (unless the protest is called
violent or the state undergoes it: "Algeria suffered violent protests").

Only the plain violent code is read again: "a suicide attack", "an air attack" have their own codes,
and an attack with a weapon ("attacked with knives") or that kills stays violence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.events.candidates import Candidate
from eventcoder.events.context import SentenceContext
from eventcoder.events.rules import EventRules
from eventcoder.model import Mention
from eventcoder.syntax import governing_verb, prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

NAME = "recode_verbal_attacks"


def recode_verbal_attacks(ctx: SentenceContext) -> None:
    rules, table = ctx.rules, ctx.table
    for cand in table.in_order():
        lemma = rules.lemma(cand.token)
        plain = cand.code == rules.violent_attack_code and lemma in rules.verbal_attack_lemmas
        if not plain or violent_cue(ctx, cand.token):
            continue
        reason = attack_reason(ctx, cand.token) or attacked_stance(ctx, cand) or political_dispute(ctx, cand)
        if reason:
            table.recode(cand, rules.verbal_attack_code, f"{cand.rule}+verbal", NAME, reason)
    for cand in table.in_order():
        if (
            cand.code == rules.plain_protest_code
            and state_sources(ctx, cand)
            and not street_protest(ctx, cand)
        ):
            reason = "a state's or a government's protest is a diplomatic complaint"
            table.recode(cand, rules.verbal_attack_code, f"{cand.rule}+diplomatic", NAME, reason)
    for cand in table.in_order():
        if cand.kind == "noun" and cand.code == rules.labour_strike_code and military_strike(ctx, cand):
            reason = "a strike by a state or its forces, or on a state or armed forces, is a military strike"
            table.recode(cand, rules.military_strike_code, f"{cand.rule}+military", NAME, reason)


def military_strike(ctx: SentenceContext, cand: Candidate) -> bool:
    """ "the U.S. strikes", "an IDF strike on a command vehicle", "a strike on Syria": a strike noun whose
    every source commands a state's forces, or that has no source and falls on or against a state or armed
    forces, is a military strike (195), not a labour strike (workers strike against employers)."""
    rules = ctx.rules
    if rules.lemma(cand.token) not in rules.military_strike_lemmas:
        return False
    if _labour_strike_slot(rules, cand.token):
        return False  # "joined the UK-wide strike", "were on strike": workers' acts
    sources = [m for m in cand.sources if m is not None]
    if sources:
        return all(rules.commands_state(m.actor) for m in sources)
    struck = prep_objects(cand.token, rules.military_strike_preps)
    found = [ctx.index.at(t, strict=True) for t in struck]
    return any(m is not None and rules.commands_state(m.actor) for m in found)


def _labour_strike_slot(rules: EventRules, token: Token) -> bool:
    """A strike that workers are "on" ("were on strike", "went on strike"), or that is the object of joining,
    calling, staging or ending it (`labour_strike_governors`); not a strike that "continued" (its subject)."""
    if token.dep_ == "pobj" and token.head.lower_ == "on" and rules.lemma(token.head.head) in ("be", "go"):
        return True
    governor = governing_verb(token)
    return (
        token.dep_ == "dobj"
        and governor is not None
        and rules.lemma(governor) in rules.labour_strike_governors
    )


def street_protest(ctx: SentenceContext, cand: Candidate) -> bool:
    """ "a weekend of violent protests", "Algeria suffered protests": a protest called violent, or one the
    state undergoes (the subject of `protest_experiencer_verbs`), is in the street, whoever its source."""
    rules, token = ctx.rules, cand.token
    if any(c.dep_ == "amod" and c.lemma_.lower() in rules.violent_modifiers for c in token.children):
        return True
    verb = token
    for _ in range(3):
        if verb.dep_ not in ("dobj", "pobj", "prep") or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb.pos_ == "VERB" and rules.lemma(verb) in rules.protest_experiencer_verbs


def state_sources(ctx: SentenceContext, cand: Candidate) -> bool:
    """ "Japan protests", "China lodged a protest with Washington": every source is a state or its
    government (`protesting_states`), which protests in words, not in the street."""
    sources = [m for m in cand.sources if m is not None]
    return bool(sources) and all(protesting_state(ctx, m) for m in sources)


def protesting_state(ctx: SentenceContext, mention: Mention) -> bool:
    """A government, or a state named as a place name ("Japan", not the people "Kenyans"), that is the
    subject itself (not "students throughout Indonesia")."""
    actor = mention.actor
    if actor is None or actor.country is None or actor.sector not in ctx.rules.protesting_states:
        return False
    words = ctx.sent.doc[mention.token_start : mention.token_end]
    if words.root.dep_ in ("pobj", "compound"):
        # "students throughout Indonesia", "the Iran protests": the place is where the protesters are
        return False
    return actor.sector is not None or any(w.ent_type_ == "GPE" for w in words)


def violent_cue(ctx: SentenceContext, token: Token) -> bool:
    """A weapon ("attacked with knives") or a casualty ("attacked ..., killing three") beside the trigger."""
    rules = ctx.rules
    if any(t.lemma_.lower() in rules.classes["weapons"] for t in prep_objects(token, ("with", "using"))):
        return True
    near = [*token.children, token.head]
    return any(t.lemma_.lower() in rules.violence_cues for t in near)


def attack_reason(ctx: SentenceContext, token: Token) -> str | None:
    """ "attacked X for criticizing", "attacks US over aid": the attack is given a reason."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ctx.rules.verbal_attack_preps:
            continue
        for obj in prep.children:
            is_time = obj.ent_type_ in ("DATE", "TIME") or obj.lemma_.lower() in ctx.rules.time_nouns
            if obj.dep_ == "pcomp" or (obj.dep_ == "pobj" and not is_time):
                return f"attacked {prep.lower_} '{obj.text}': a reason is given, so it is criticism"
    return None


def attacked_stance(ctx: SentenceContext, cand: Candidate) -> str | None:
    """ "attacks on Clinton's record", "the attack on the government's policy": what a verbal attack is
    aimed at (the objects of the lemma's criticism pattern in verbs.yaml), named by a nominal trigger."""
    if cand.kind != "noun":
        return None
    criticised = {
        word
        for pattern in ctx.rules.verbs.get(ctx.rules.lemma(cand.token), [])
        if pattern.code == ctx.rules.verbal_attack_code and pattern.obj
        for word in pattern.obj
    }
    for obj in prep_objects(cand.token, ("on", "against")):
        if obj.lemma_.lower() in criticised:
            return f"an attack on '{obj.text}' is criticism"
    return None


def political_dispute(ctx: SentenceContext, cand: Candidate) -> str | None:
    """Political, civilian sources and a person or political body (or nobody) as the target."""
    sources = [m for m in cand.sources if m is not None]
    if not sources or not all(political_source(ctx, m) for m in sources):
        return None
    if not all(political_target(ctx, m) for m in cand.targets):
        return None
    return f"'{sources[0].text}' attacks a political rival: criticism, not violence"


def political_source(ctx: SentenceContext, mention: Mention) -> bool:
    actor = mention.actor
    return actor is not None and actor.sector in ctx.rules.verbal_attack_sources


def political_target(ctx: SentenceContext, mention: Mention) -> bool:
    actor = mention.actor
    if actor is not None and actor.sector in ctx.rules.verbal_attack_targets:
        return True
    return mention.is_person
