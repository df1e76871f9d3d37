"""Pass drop_non_political (after arguments): events need a political actor's act.

Real news reports much that has a verb of the dictionary but no political actor behind it:

- speech by commentators: economists, analysts, pollsters and reporters quoted at length ("some
  economists warned another rise could come", "CNN asked Duckworth ...", "experts warn that deaths
  may dwarf ..."). Their warnings, criticisms and calls are opinion, not acts between political
  actors (the real-news guidelines: experts', operatives' and pundits' opinions and journalists'
  questions are not coded). A speech event (roots in control.yaml's `commentary_roots`) whose
  every source is a commentator, by the head word of the mention (`commentator_heads`) or the
  actor's sector (`commentator_sectors`), is dropped. Their material acts are kept.
- speech with no speaker: "the crime calls for an arrest", "a system that encourages people", "a dispute that
  threatened supplies", "are you ready to march?". A speech event whose subject resolves to no actor and is a
  generic pronoun (`generic_subjects`) or a thing that cannot speak (`inanimate_subjects`) is dropped.
- business acts: a firm's deals, offers, payments and takeovers ("Citigroup beat Standard Chartered
  to buy Koram bank", "the firm offered to repay its creditors") are not political events; a
  cooperative or material event (roots in `business_roots`) whose every source is a business actor
  (`business_sectors`) is dropped.
- private travel: "tourists visit the Statue of Liberty", "the debris has been flown to France", "an artist
  visited the House of Lords". A visit is a consultation between political actors; a travel event (roots in
  `consult_roots`, lemmas in `travel_lemmas`) none of whose sources is a political actor (a state, an
  organisation, a known office holder or an actor of `political_sectors`) is dropped.
- talk about a topic: "a segment that discussed caravans", "Ford publicly discussed the allegations". A
  consultation needs a partner; a talk event (lemmas in `partner_lemmas`) with no "with"/"between" party, no
  target, no plural or conjoined subject and no meeting it is the purpose of, is dropped.
- visits at home: "Senator Sanders toured Iowa union halls", "a helicopter tour of the country". A visit or
  a hosting (`visit_codes`) whose every target is in the source's own country is domestic campaigning or
  business, not a consultation between actors, and is dropped.
- money inside one country's politics: "the Romneys donated $4 million to charity", "I'm funding my own
  campaign", "the caucus system is funded by the state parties". Aid (roots in `aid_roots`) goes from a
  political actor to another country, an organisation or people in need; an aid event whose sources are all
  private people (who hold no office) or firms, or whose targets are all political bodies of the source's
  own country (`domestic_recipient_sectors`), is dropped; so is money a party, legislature or firm spends
  with no recipient ("funded by the state parties": `spending_lemmas`), and money anyone sets aside in a
  budget with no recipient ("has earmarked 100 trillion won for the first half": `budget_lemmas`), and money
  named as a country's own ("federal money", "taxpayers' money", "my own campaign": `domestic_money_words`).
- support of no one: "defended himself", "defended his call to arm teachers", "we support celebrating
  emancipation". SUPPORT is between actors; support on a stance lemma (`stance_lemmas`) with no target other
  than the source, whose object is the source itself, its own thing, an activity or nothing, is a stance,
  and is dropped.
- fights that are metaphors: "fighting over the debt", "nomination battles", "his battle with brain cancer",
  "their head-to-head clash". Violence on a fight lemma (`metaphor_lemmas`) is dropped unless a party is armed
  (`armed_sectors`, an armed group, a state itself) or the phrase names a weapon or casualty.
- harm done by nature: "the earthquake killed 300 people", "thousands were killed in the tsunami", "boats
  destroyed by the waves",
  "sunlight kills the virus". Natural disasters and their deaths are not events; violence (roots in
  `hazard_roots`) whose subject or "in"/"by" phrase is a hazard (`hazard_heads`) is dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.events.candidates import Candidate
from eventcoder.events.context import SentenceContext
from eventcoder.events.rules import EventRules
from eventcoder.model import Mention
from eventcoder.syntax import prep_objects, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Token

NAME = "drop_non_political"
COMMENTS = "comments; speech by commentators is not a state act"
STANCE_ROOT = "05"
AID_WORDS = frozenset({"aid", "assistance", "relief", "help"})
TOPIC_PREPS = frozenset({"over", "about"})
# A verb pattern's subject is its agent; a reported judgement's subject ("said the policy was wrong") is what
# it judges
VERB_RULES = "verbs.yaml:"
# Reflexive and possessive pronouns: "defended himself", "defended his call" support the source's own.
# How far back (in tokens, about two sentences) a hazard the story just named explains an agentless death
HAZARD_LOOKBACK_TOKENS = 60
OWN_WORDS = frozenset(
    {"his", "her", "its", "their", "my", "our", "himself", "herself", "itself", "themselves"}
)


def drop_non_political(ctx: SentenceContext) -> None:
    rules, table = ctx.rules, ctx.table
    for cand in table.in_order():
        root = cand.code[:2]
        if root in rules.commentary_roots:
            speaker = commentator_source(ctx, cand)
            if speaker:
                table.drop(cand, NAME, f"'{speaker}' {COMMENTS}")
            elif cand.kind == "verb" and (not any(cand.sources) or cand.rule.startswith(VERB_RULES)):
                drop_speechless(ctx, cand)
            if cand.live and cand.kind == "verb" and rules.lemma(cand.token) in rules.likelihood_verbs:
                drop_thing_promising(ctx, cand)
            if cand.live and root == STANCE_ROOT and stance_only(ctx, cand):
                table.drop(cand, NAME, "support or defence of no one: a stance, not SUPPORT")
        if cand.live and root in rules.business_roots and business_source(ctx, cand):
            table.drop(cand, NAME, "a business act, not a political event")
        if cand.live and root in rules.consult_roots:
            drop_private_consultation(ctx, cand)
        if cand.live and root in rules.aid_roots:
            drop_domestic_money(ctx, cand)
        elif cand.live and root in rules.hazard_roots:
            hazard = natural_cause(ctx, cand.anchor)
            if hazard is not None:
                table.drop(cand, NAME, f"'{hazard.text}' is a natural hazard, not an actor")
            elif figurative_fight(ctx, cand):
                table.drop(cand, NAME, "a fight with no armed party, weapon or casualty: a metaphor")


def stance_only(ctx: SentenceContext, cand: Candidate) -> bool:
    """Is support on a stance lemma (`stance_lemmas`) of no one: no target other than the source, and an
    object that is the source itself ("defended himself"), a thing it owns ("defended his call"), an
    activity ("defended visiting", "support celebrating") or nothing at all?  An object the actors stage
    did not resolve ("defended the agency and Mr. Comey") is still someone supported."""
    if cand.kind != "verb" or ctx.rules.lemma(cand.token) not in ctx.rules.stance_lemmas:
        return False
    own = [m for m in cand.sources if m is not None]
    if any(not _same_party(t, own) for t in cand.targets):
        return False
    objects = [c for c in cand.token.children if c.dep_ in ("dobj", "xcomp", "ccomp")]
    if not objects:
        return True
    obj = objects[0]
    owned = any(c.dep_ == "poss" and c.lower_ in OWN_WORDS for c in obj.children)
    return obj.pos_ in ("VERB", "AUX") or obj.lower_ in OWN_WORDS or owned


def _same_party(mention: Mention, sources: list[Mention]) -> bool:
    """The source again: the same words, or a pronoun for the same actor ("defended his call")."""
    if any(mention.start == s.start for s in sources):
        return True
    if mention.kind != "pronoun" and mention.text.lower() not in OWN_WORDS:
        return False
    code = mention.actor.code if mention.actor is not None else None
    return code is None or any(s.actor is not None and s.actor.code == code for s in sources)


def drop_speechless(ctx: SentenceContext, cand: Candidate) -> None:
    """Speech whose subject is no actor but a generic pronoun or a thing that cannot speak (module doc),
    also when a source was found elsewhere: "the plan that the general drafted called for ..." is the plan's
    content, whoever the relative clause names."""
    subject = subject_of(cand.anchor)
    if subject is None or subject.dep_ == "nsubjpass" or cand.received:
        return  # "the move drew condemnation": the subject undergoes the act, it need not speak
    word = subject.lemma_.lower()
    rules = ctx.rules
    if any(cand.sources) and subject.i in ctx.index.by_token:
        return
    for prep in (c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"):
        left, right = prep.left_edge.i, prep.right_edge.i
        if any(m is not None and left <= m.token_start <= right for m in cand.sources):
            return  # "a number of political parties condemned": the "of" phrase names the speakers
    generic = subject.pos_ == "PRON" and word in rules.generic_subjects
    if generic or (subject.pos_ == "NOUN" and word in rules.inanimate_subjects):
        ctx.table.drop(cand, NAME, f"'{subject.text}' is no speaker: not a political act")


def drop_thing_promising(ctx: SentenceContext, cand: Candidate) -> None:
    """ "The list promises to deliver controversy", "the hard line of the general threatens to set off
    an insurgency": a thing that promises or threatens is only likely to; a party named inside its phrase
    ("of the general") does not make it a speaker.  The subject's head word must be an actor's mention
    (only for `likelihood_verbs` with a to-infinitive: the sense "is likely to" needs one)."""
    if not any(c.dep_ == "xcomp" for c in cand.token.children):
        return
    subject = subject_of(cand.anchor)
    if subject is None or subject.dep_ == "nsubjpass" or subject.pos_ != "NOUN":
        return
    if subject.i not in ctx.index.by_token and subject.lemma_.lower() not in ctx.rules.person_nouns:
        ctx.table.drop(cand, NAME, f"'{subject.text}' is a thing: it cannot promise or threaten")


def drop_private_consultation(ctx: SentenceContext, cand: Candidate) -> None:
    """Travel by private people or things, and talk about a topic with nobody (see the module doc)."""
    rules, table = ctx.rules, ctx.table
    lemma = rules.lemma(cand.token)
    political = any(political_actor(ctx, m) for m in cand.sources if m is not None)
    if lemma in rules.travel_lemmas and not political:
        table.drop(cand, NAME, "travel by no political actor is not a visit")
    elif lemma in rules.partner_lemmas and not has_partner(ctx, cand):
        table.drop(cand, NAME, "talk about a topic with no partner is not a consultation")
    elif cand.code in rules.visit_codes and home_visit(cand):
        table.drop(cand, NAME, "a visit or host inside the source's own country is no consultation")


def home_visit(cand: Candidate) -> bool:
    """A visit, tour or hosting whose every target lies in the source's own country ("toured Iowa union
    halls", "a helicopter tour of the country", "visiting the Pakistani community in Manchester")."""
    countries = {m.actor.country for m in cand.sources if m is not None and m.actor is not None}
    targets = [m.actor.country if m.actor is not None else None for m in cand.targets]
    return len(countries) == 1 and bool(targets) and all(t in countries for t in targets)


def drop_domestic_money(ctx: SentenceContext, cand: Candidate) -> None:
    """Private giving and money between a country's own political bodies are not aid (module doc)."""
    sources = [m for m in cand.sources if m is not None]
    if sources and all(private_giver(ctx, m) for m in sources):
        ctx.table.drop(cand, NAME, f"'{sources[0].text}' gives privately: not aid")
        return
    spender = sources and all(domestic_body(ctx, m) for m in sources)
    lemma = ctx.rules.lemma(cand.token)
    budget = lemma in ctx.rules.budget_lemmas and not named_aid(ctx.rules, cand.token)
    if (budget or (spender and lemma in ctx.rules.spending_lemmas)) and not cand.targets:
        ctx.table.drop(cand, NAME, "money with no recipient is spending, not aid")
        return
    if domestic_money(ctx.rules, cand.token):
        ctx.table.drop(cand, NAME, "federal, public or campaign money: a country's own politics, not aid")
        return
    countries = {m.actor.country for m in sources if m.actor is not None and m.actor.country}
    if cand.targets and all(domestic_recipient(ctx, m, countries) for m in cand.targets):
        ctx.table.drop(cand, NAME, "money to the source's own country's political bodies: not aid")


def domestic_money(rules: EventRules, verb: Token) -> bool:
    """ "give 15 local areas federal money", "receive taxpayers' money", "funding my own campaign": what is
    given, or its modifier or owner, names money of a country's own politics (`domestic_money_words`)."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
    words = {w.lemma_.lower() for o in objects for w in (o, *o.children) if w.dep_ != "prep"}
    return bool(words & rules.domestic_money_words)


def named_aid(rules: EventRules, verb: Token) -> bool:
    """Money the clause names as aid or help ("earmarked 1.5 million euros in emergency aid to help Haiti",
    "allocating 95 million euros in humanitarian support"): it goes to someone, even unnamed."""
    words = rules.classes["humanitarian_mod"] | rules.classes["military_mod"] | AID_WORDS
    parts = [c for c in verb.children if c.dep_ not in ("nsubj", "nsubjpass", "ccomp", "parataxis")]
    return any(t.lemma_.lower() in words for c in parts for t in c.subtree)


def private_giver(ctx: SentenceContext, mention: Mention) -> bool:
    """A firm, or a person who holds no office ("the Romneys", "Mr. Adelson"); doctors and charities do
    give aid."""
    actor = mention.actor
    if actor is None:
        return False
    if actor.sector in ctx.rules.business_sectors:
        return True
    return mention.is_person and not actor.role and actor.sector in (None, "CVL")


def domestic_body(ctx: SentenceContext, mention: Mention) -> bool:
    """A party, legislature, court, school, firm ...: a body of one country's own politics, not a state."""
    actor = mention.actor
    return actor is not None and actor.sector in ctx.rules.domestic_recipient_sectors - {"GOV", "MIL"}


def domestic_recipient(ctx: SentenceContext, mention: Mention, countries: set[str]) -> bool:
    actor = mention.actor
    return (
        actor is not None
        and actor.country in countries
        and actor.sector in ctx.rules.domestic_recipient_sectors
    )


def political_actor(ctx: SentenceContext, mention: Mention) -> bool:
    """A state, an organisation, an office holder or a political sector: who makes visits that are events."""
    actor = mention.actor
    if actor is None:
        return False
    if actor.role or actor.sector in ctx.rules.political_sectors:
        return True
    return actor.sector is None and not mention.is_person


def has_partner(ctx: SentenceContext, cand: Candidate) -> bool:
    token = cand.token
    if cand.targets or prep_objects(token, ("with", "between", "among")):
        return True
    head = ctx.table.get(token.head.i)
    if head is not None and head is not cand and head.code[:2] in ctx.rules.consult_roots:
        return True  # "met the envoy to discuss ...": the meeting's purpose
    subject = subject_of(token) if cand.kind == "verb" else None
    return subject is not None and (
        subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
    )


def commentator_source(ctx: SentenceContext, cand: Candidate) -> str | None:
    """The commentator who is the event's only source, if it is one."""
    # "A leading analyst criticised ...", "18 percent of Republicans backing Obama": the subject (or the
    # noun a participle describes) names a commentator or a share of poll respondents, whatever the
    # actor mentions inside it
    anchor = cand.anchor
    subject = anchor.head if anchor.dep_ == "acl" and anchor.tag_ == "VBG" else subject_of(anchor)
    if subject is not None and subject.lemma_.lower() in ctx.rules.commentator_heads:
        return subject.text
    sources = [m for m in cand.sources if m is not None]
    if sources:
        return sources[0].text if all(is_commentator(ctx, m) for m in sources) else None
    return None


def business_source(ctx: SentenceContext, cand: Candidate) -> bool:
    """Is every source of the event a business actor (a firm, a bank, an executive)?"""
    sources = [m for m in cand.sources if m is not None]
    sectors = ctx.rules.business_sectors
    return bool(sources) and all(m.actor is not None and m.actor.sector in sectors for m in sources)


def is_commentator(ctx: SentenceContext, mention: Mention) -> bool:
    """A journalist, analyst, economist, pollster ...: by the actor's sector or the phrase's head word."""
    rules = ctx.rules
    if mention.actor is not None and mention.actor.sector in rules.commentator_sectors:
        return True
    spacy_doc = ctx.doc.nlp_doc
    if spacy_doc is None or mention.token_end <= mention.token_start:
        return False
    head = spacy_doc[mention.token_start : mention.token_end].root
    return head.lemma_.lower() in rules.commentator_heads


def figurative_fight(ctx: SentenceContext, cand: Candidate) -> bool:
    """A fight, battle, clash or war (`metaphor_lemmas`) none of whose parties is armed or a state and whose
    phrase names no weapon or casualty: "fighting over the debt", "nomination battles", "their clash"."""
    rules = ctx.rules
    if rules.lemma(cand.token) not in rules.metaphor_lemmas:
        return False
    if fought_ill(rules, cand.token):
        return True
    parties = [m for m in [*cand.sources, *cand.targets] if m is not None]
    if any(armed(rules, m) for m in parties):
        return False
    cues = rules.violence_cues | rules.classes["weapons"] | rules.violent_modifiers
    # "Battle over military sexual assault": what a fight is over or about is its topic, not a weapon
    topics = {t.i for p in cand.token.children if p.lower_ in TOPIC_PREPS for t in p.subtree}
    words = {t.lemma_.lower() for t in cand.token.subtree if t.i not in topics}
    words.add(cand.token.head.lemma_.lower())
    return not words & cues


def fought_ill(rules: EventRules, token: Token) -> bool:
    """ "the fight against a deadly disease", "his war on poverty", "a battle with cancer": a fight against
    an ill or a hazard (`hazard_heads`, the ills class) is a metaphor whoever fights it."""
    ills = rules.hazard_heads | rules.classes["ills"]
    return any(o.lemma_.lower() in ills for o in prep_objects(token, ("against", "on", "with")))


def armed(rules: EventRules, mention: Mention) -> bool:
    """A party that can fight for real: armed forces, police, rebels, an armed group, or a state itself."""
    actor = mention.actor
    if actor is None:
        return False
    bare_state = actor.country is not None and not actor.sector
    return bare_state or actor.sector in rules.armed_sectors or actor.code[:3] in rules.armed_sectors


def natural_cause(ctx: SentenceContext, verb: Token) -> Token | None:
    """The hazard that did it: the verb's subject ("the quake killed ...") or its "in"/"by" object
    ("were killed in the tsunami")."""
    hazards = ctx.rules.hazard_heads
    subject = subject_of(verb)
    candidates = [subject] if subject is not None and subject.dep_ != "nsubjpass" else []
    candidates += prep_objects(verb, ("in", "by", "during"))
    # "boats destroyed by the waves": the passive's agent
    candidates += [
        g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ in ("pobj", "pcomp")
    ]
    # "superstorm Sandy", "Hurricane Katrina": a hazard named with its kind
    found = next((t for t in candidates if t.lemma_.lower() in hazards or _hazard_kind(t, hazards)), None)
    return found if found is not None else _hazard_told_before(ctx, verb, subject)


def _hazard_kind(token: Token, hazards: frozenset[str]) -> bool:
    """A name whose compound modifier is a hazard's kind: "superstorm Sandy", "Hurricane Katrina"."""
    return token.pos_ == "PROPN" and any(
        c.dep_ == "compound" and c.lemma_.lower() in hazards for c in token.children
    )


def _hazard_told_before(ctx: SentenceContext, verb: Token, subject: Token | None) -> Token | None:
    """A hazard the story named just before: "Mitch killed 10,000 people" after "Hurricane Mitch" (a storm
    is named once with its kind, then by name alone), or deaths with no agent ("with at least 23,000
    people killed") right after "the earthquake and waves that hammered southern Asia"."""
    hazards = ctx.rules.disaster_heads
    start = ctx.sent.start
    earlier = ctx.sent.doc[max(0, start - HAZARD_LOOKBACK_TOKENS) : start]
    # "with 23,000 people killed": a bare participle's subject is who died, not who killed
    bare_participle = verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    if subject is not None and subject.dep_ != "nsubjpass" and not bare_participle:
        if subject.pos_ != "PROPN":
            return None
        named = (t for t in earlier if t.lower_ == subject.lower_ and t.head.lemma_.lower() in hazards)
        kinds = (
            t
            for t in earlier
            if t.lower_ == subject.lower_
            and any(c.dep_ == "compound" and c.lemma_.lower() in hazards for c in t.children)
        )
        return next(named, None) or next(kinds, None)
    if any(c.dep_ == "agent" for c in verb.children):
        return None
    told = (t for t in earlier if t.pos_ == "NOUN" and t.lemma_.lower() in hazards and not _of_phrase(t))
    return next(told, None)


def _of_phrase(token: Token) -> bool:
    """ "a storm of criticism", "a flood of refugees": a disaster word with an "of" phrase is a figure."""
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)
