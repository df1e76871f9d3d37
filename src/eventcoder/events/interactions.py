"""Rule interactions: which proposed triggers are events of their own.

- `place_nominal_triggers`: a nominal trigger is placed when it carries a light verb's event
  ("held talks": the verb gives way), is the subject of an occurrence verb ("fighting erupted"),
  or stands alone with its own participants ("Russia's deployment near ..."); circumstances
  ("after days of fighting") and references ("the deal") are not.
- `absorb_purposes`: a purpose clause is the claim of the act it serves ("staged rallies to
  demand reforms" is one PROTEST).
- `drop_background`: events in circumstance clauses ("as the opposition threatened ...") are
  dropped when the sentence reports an event of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.events.candidates import Candidate, CandidateTable, Step
from eventcoder.events.context import SentenceContext
from eventcoder.events.rules import EventRules
from eventcoder.syntax import RELATIVE_PRONOUNS, governing_verb, nominal_gerund

if TYPE_CHECKING:
    from spacy.tokens import Token

PLACE = "place_nominal_triggers"
PURPOSE = "absorb_purposes"
BACKGROUND = "drop_background"
_TITLE_MODIFIERS = ("compound", "amod", "poss", "nmod", "nummod")
_CLAUSE_LINKS = ("advcl", "xcomp", "acl", "pcomp", "prep", "relcl")
NAMED_EVENT = "a named act of violence or protest ('the Benghazi attack') is told as having happened"


def place_nominal_triggers(ctx: SentenceContext) -> None:
    for noun in [c for c in ctx.table.found if c.kind == "noun"]:
        _place(ctx.rules, ctx.table, noun, ctx.headline)


def _place(rules: EventRules, table: CandidateTable, noun: Candidate, headline: bool = False) -> None:
    """Keep a nominal trigger unless a verb event already covers it (see nouns.yaml header)."""
    token = noun.token
    if _modifier_or_circumstance(rules, token):
        noun.trace.append(_why("a modifier or circumstance, not the report"))
        return
    governor = governing_verb(token)
    noun.governor = governor
    if governor is not None and nominal_gerund(governor):
        noun.trace.append(_why("part of a noun phrase ('a proposal for signing a deal')"))
        return
    reference = rules.lemma(token) in rules.reference_nouns
    if governor is None:
        _place_ungoverned(table, noun, reference)
        return
    verb = table.get(governor.i)
    lemma = rules.lemma(governor)
    slot = transparent_slot(rules, token)
    direct = slot.dep_ in ("dobj", "nsubjpass", "attr") and slot.head.i == governor.i
    if _light_prep_noun(slot, governor, rules.light_preps.get(lemma, ())):
        # "took part in joint exercises", "insisted on its demands": the noun is the event
        if verb is not None and verb.kind == "verb" and not verb.consumed_object:
            table.drop(verb, PLACE, f"its prepositional object '{token.text}' is the event")
        direct, lemma, verb = True, "participate", None
    named = lemma not in rules.unrealised_governors and names_its_occasion(rules, noun)
    if verb is not None and verb.kind == "verb":
        light = direct and lemma in rules.light_verbs
        _place_under_verb_event(rules, table, noun, verb, slot, light, named, direct)
        return
    _place_beside_plain_verb(rules, table, noun, slot, lemma, (direct, reference, named), headline)


def _place_beside_plain_verb(
    rules: EventRules,
    table: CandidateTable,
    noun: Candidate,
    slot: Token,
    lemma: str,
    flags: tuple[bool, bool, bool],
    headline: bool,
) -> None:
    """Under a verb that is no event: a light verb's object, an occurrence verb's subject, "there was ...",
    a noun with its own participants, a named incident, or a title's nominal report is placed; `flags` are
    whether the noun is the verb's direct argument, names an agreement, names its occasion."""
    token, governor = noun.token, noun.governor
    assert governor is not None
    direct, reference, named = flags
    if direct and (lemma in rules.light_verbs or lemma == "participate"):
        table.add(token.i, noun, PLACE, f"the object of the light verb '{governor.text}'")
    elif slot.dep_ == "nsubj" and lemma in rules.occurrence_verbs:
        table.add(slot.i, noun, PLACE, f"the subject of the occurrence verb '{governor.text}'")
    elif slot.dep_ == "attr" and lemma == "be" and any(c.dep_ == "expl" for c in governor.children):
        table.add(slot.i, noun, PLACE, "'there was ...': the sentence says it happened")
    elif not headline and generic_violence(rules, noun):
        noun.trace.append(_why("violence in general (a bare plural naming no party, place or time)"))
    elif not (direct and lemma not in rules.sequel_verbs or reference) and _stands_alone(rules, table, token):
        table.add(token.i, noun, PLACE, "stands alone with its own participants")
    elif named:
        _add_named(table, noun)
    elif headline and told_in_title(token, reference) and not inside_event(token, table):
        if slot.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            noun.governor = None  # its own report: "Londoners aren't panicking over the attacks" told them
        table.add(token.i, noun, PLACE, "a headline's nominal report ('new sanctions draw Iran threat')")
    else:
        noun.trace.append(_why("a reference, not a report"))


def _light_prep_noun(slot: Token, governor: Token, preps: tuple[str, ...]) -> bool:
    """Is the noun the object of the governor's light preposition ("took part in talks", "were on strike")?
    The parser sometimes leaves the preposition childless and hangs the noun on the copula ("troops are on
    standby": "standby" an attribute)."""
    if slot.dep_ == "pobj":
        return slot.head.head.i == governor.i and slot.head.lower_ in preps
    if slot.dep_ != "attr" or slot.head.i != governor.i:
        return False
    return any(
        c.dep_ == "prep" and c.lower_ in preps and not list(c.children) and c.i < slot.i
        for c in governor.children
    )


def told_in_title(token: Token, reference: bool) -> bool:
    """A title drops its articles and often its verb: "new sanctions draw Iran threat", "Algeria hit by gas
    riots" report the sanctions, the threat and the riots.  An event noun there that says which event it
    is (a modifier, or an actor's name before it) is a report, not a reference as it would be in running
    text; a noun that names an agreement ("nuclear deal") needs an actor named on it ("Iran threat").  Not
    under another noun ("made no mention of US aid", "ultimatum on nuclear deal"): that noun's topic; not a
    name ("Iraq War groups")."""
    if token.pos_ != "NOUN" or (token.dep_ == "pobj" and token.head.head.pos_ in ("NOUN", "PROPN")):
        return False  # a proper noun is a name: "Iraq War groups", "the Arab Spring"
    modifiers = [c for c in token.children if c.dep_ in _TITLE_MODIFIERS]
    if reference:
        return any(m.pos_ == "PROPN" or m.dep_ == "poss" for m in modifiers)
    return bool(modifiers)


def _beside_statement(rules: EventRules, token: Token, verb: Candidate) -> bool:
    """ "announced after talks with the vintners", "said at a joint news conference with Li": a statement
    tells where it was made; a meeting there with its own partner is an event of its own."""
    return verb.code == rules.statement_code and has_own_actor(token, rules.own_actor_preps)


def _meeting_as_occasion(rules: EventRules, noun: Candidate) -> bool:
    """ "defended the plan during a joint news conference with Merkel", "at his meeting with Abbas, Blair
    said ...": a meeting named as the occasion of another act (`meeting_occasion_preps`) with a partner of its
    own ("with" phrase) happened too, as real-news coders code it."""
    token = noun.token
    if not noun.code.startswith("04") or token.dep_ != "pobj":
        return False
    if token.head.lower_ not in rules.meeting_occasion_preps:
        return False
    return any(
        c.dep_ == "prep" and c.lower_ == "with" and any(g.dep_ == "pobj" for g in c.children)
        for c in token.children
    )


def _place_under_verb_event(
    rules: EventRules,
    table: CandidateTable,
    noun: Candidate,
    verb: Candidate,
    slot: Token,
    light: bool,
    named: bool,
    direct: bool,
) -> None:
    """Under a verb event a nominal one is placed as a light verb's object ("held talks", the verb gives
    way), as a named act of violence ("condemned the Benghazi attack", both kept) or as a meeting with its
    own partner beside a plain statement; else the verb covers it."""
    # "the bombing in Kabul killed three": the verb tells the named event's toll, one event
    named = named and slot.dep_ not in ("nsubj", "nsubjpass")
    if not direct and _beside_statement(rules, noun.token, verb):
        table.add(noun.token.i, noun, PLACE, "stands with its own participants beside a plain statement")
    elif not direct and _meeting_as_occasion(rules, noun):
        table.add(noun.token.i, noun, PLACE, "a meeting with its own partner, the occasion of the verb's act")
    elif light and not verb.consumed_object:
        table.drop(verb, PLACE, f"a light verb: its object '{noun.token.text}' says what happened")
        table.add(noun.token.i, noun, PLACE, f"the object of the light verb '{verb.token.text}'")
    elif named and not verb.consumed_object:
        _add_named(table, noun)
    else:
        noun.trace.append(_why(f"the verb event '{verb.token.text}' covers it"))


def _add_named(table: CandidateTable, noun: Candidate) -> None:
    """A named event is no act of the verb it sits under ("the senator condemned the Benghazi attack"):
    its parties are its own (a possessive, a "by" phrase), not the verb's subject."""
    noun.governor = None
    table.add(noun.token.i, noun, PLACE, NAMED_EVENT)


def names_its_occasion(rules: EventRules, noun: Candidate) -> bool:
    """ "the Benghazi attack", "the shooting at Sandy Hook", "a mass shooting": an incident of violence
    (named_event_nouns) whose modifiers or own preposition name where, when or by whom, so it is a specific
    event that happened, not violence in general ("attacks are rising", "the era of mass shootings")."""
    token = noun.token
    if token.pos_ != "NOUN" or token.ent_type_ or token.lemma_.lower() not in rules.named_event_nouns:
        return False  # "March 23" is a date, "TANKER ATTACK" shouting
    modifiers = [c for c in token.children if c.dep_ in ("compound", "nmod", "amod", "poss", "nummod")]
    modifiers += [g for m in modifiers for g in m.children if g.dep_ in ("compound", "amod")]  # "nerve agent"
    if any(_names_occasion(rules, m) for m in modifiers):
        return True
    determined = token.tag_ == "NN" or any(c.dep_ in ("det", "poss") for c in token.children)
    if determined and any(m.lemma_.lower() in rules.named_event_mods for m in modifiers):
        return True
    if _lasted(rules, token):
        return True
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in rules.named_event_preps:
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if any(_names_occasion(rules, w) for o in objects for w in (o, *o.children)):
                return True
    return False


def _lasted(rules: EventRules, token: Token) -> bool:
    """ "after days of protests", "a week of rioting": an incident told with how long it went on happened."""
    span = token.head.head
    return (
        token.dep_ == "pobj"
        and token.head.lower_ == "of"
        and span.lemma_.lower() in rules.time_nouns
        and (span.tag_ == "NNS" or any(c.dep_ in ("nummod", "amod") for c in span.children))
    )


def _names_occasion(rules: EventRules, word: Token) -> bool:
    return word.pos_ in ("PROPN", "NUM") or word.ent_type_ in rules.named_event_entities


def generic_violence(rules: EventRules, noun: Candidate) -> bool:
    """ "protests over police killings of black males", "sponsoring terrorism attacks against the United
    States", "an end to all mass attacks": a bare plural act of violence (no article, possessor or number, and
    no actor, place or date named before it) is violence in general, a habit or a kind, not one event that
    happened (the real-news guidelines: generic acts are not coded as events).  Not in a title, which drops
    its articles, and not where a verb reports it ("clashes broke out", "launched attacks")."""
    token = noun.token
    if token.tag_ != "NNS" or noun.code[:2] not in rules.hazard_roots:
        return False
    modifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod") and c.i < token.i]
    words = [*token.children, *(g for m in modifiers for g in m.children)]  # "Iran's missile strikes"
    if any(c.dep_ in ("det", "poss", "nummod", "predet") for c in words):
        return False
    places = [  # "mass killings in northern Mexico": where they happened makes them these killings
        w
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in rules.place_preps
        for o in c.children
        if o.dep_ == "pobj"
        for w in o.subtree
    ]
    return not any(_names_occasion(rules, m) for m in (*modifiers, *words, *places))


def _stands_alone(rules: EventRules, table: CandidateTable, token: Token) -> bool:
    """A nominal event with its own participants ("the deployment of troops"), inside no other event."""
    return has_own_actor(token, rules.own_actor_preps) and not inside_event(token, table)


def _place_ungoverned(table: CandidateTable, noun: Candidate, reference: bool) -> None:
    """A noun no verb governs (a headline, a fragment) is the report, unless it only names an agreement."""
    if reference:
        noun.trace.append(_why("an agreement named with no verb is a reference to it, not a report"))
    else:
        table.add(noun.token.i, noun, PLACE, "no verb governs it")


def _modifier_or_circumstance(rules: EventRules, token: Token) -> bool:
    """A noun that modifies another ("the peace deal" in "peace deal talks"), names a state ("in charge"),
    or sits in an unrealised circumstance phrase ("until the talks"), unless its verb carries it."""
    circumstance = token.dep_ == "pobj" and token.head.lower_ in rules.background_preps
    return (
        token.dep_ in ("compound", "amod", "nmod")
        or bare_state_idiom(token)
        or (circumstance and not _light_prep_object(rules, token))
    )


def bare_state_idiom(token: Token) -> bool:
    """ "in charge of", "in protest at", "in custody": a bare singular noun under "in" names a state or a
    manner, not an event that happened."""
    return (
        token.dep_ == "pobj"
        and token.head.lower_ == "in"
        and token.tag_ == "NN"
        and not any(c.dep_ in ("det", "poss", "amod", "compound", "nummod") for c in token.children)
    )


def _light_prep_object(rules: EventRules, token: Token) -> bool:
    """ "engaged in talks", "took part in exercises": the preposition carries the verb's event, it
    does not set a circumstance."""
    prep = token.head
    verb = prep.head
    return prep.dep_ == "prep" and prep.lower_ in rules.light_preps.get(rules.lemma(verb), ())


def _why(reason: str) -> Step:
    return Step(PLACE, "not placed", reason)


def transparent_slot(rules: EventRules, token: Token) -> Token:
    """Where a nominal event sits in its clause, looking through quantity and series nouns:
    in "began a new round of joint exercises" the exercises fill the object slot of "began"."""
    for _ in range(2):
        head = token.head
        counted = head.head.lemma_.lower() in rules.transparent_nouns
        if token.dep_ == "pobj" and head.lower_ == "of" and counted:
            token = head.head
        else:
            break
    return token


def has_own_actor(token: Token, preps: frozenset[str]) -> bool:
    """A stand-alone nominal event needs its own participants ("Russia's deployment",
    "talks between A and B"); bare mentions ("the deal") are references, not reports."""
    for child in token.children:
        if child.dep_ == "poss":
            return True
        if child.dep_ == "prep" and child.lower_ in preps:
            return any(g.dep_ == "pobj" and g.pos_ in ("PROPN", "NOUN", "PRON") for g in child.children)
    return False


def inside_event(token: Token, table: CandidateTable) -> bool:
    """Is the noun inside the phrase of a placed candidate (before any verb above it)?"""
    for anc in token.ancestors:
        if anc.i in table:
            return True
        if anc.pos_ == "VERB":
            return False
    return False


def absorb_purposes(ctx: SentenceContext) -> None:
    """A purpose clause is the claim of the act it serves, not a second event: "staged
    rallies to demand reforms", "began a hunger strike to protest the ruling" are one PROTEST
    each, and "telephoned X to discuss Y" one consultation, as CAMEO and PLOVER code them."""
    rules, table = ctx.rules, ctx.table
    for cand in table.all():
        if not cand.live or cand.token.dep_ not in _CLAUSE_LINKS:
            continue
        owner = _purpose_owner(rules, table, cand)
        if owner is not None:
            table.drop(cand, PURPOSE, f"the purpose of '{owner.token.text}' ({owner.code})")
            if owner.target_from is None:
                owner.target_from = cand.token  # whom the claim is addressed to
                table.note(owner, PURPOSE, f"target from its purpose clause '{cand.token.text}'")


def _purpose_owner(rules: EventRules, table: CandidateTable, cand: Candidate) -> Candidate | None:
    """The act whose purpose the candidate's clause states, if any (up to three clauses up)."""
    current = cand.token
    for _ in range(3):
        if current.dep_ not in (*_CLAUSE_LINKS, "pobj") or _object_controlled(rules, cand, current):
            break
        current = current.head
        owner = table.get(current.i) or _noun_object_candidate(current, table)
        if owner is None or owner is cand:
            continue
        claim = cand.code[:2] in rules.purpose_roots and owner.code[:2] in rules.protest_roots
        own_clause = any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in cand.token.children)
        same = owner.code[:2] == cand.code[:2] and cand.token.dep_ in ("xcomp", "advcl") and not own_clause
        if claim or same:
            return owner
    return None


def _object_controlled(rules: EventRules, cand: Candidate, clause: Token) -> bool:
    """ "blamed Iran, prompting Tehran to accuse Washington": a speech act in the "to" clause of a verb with
    an object is that object's own act, a reply, not the purpose of the act further up."""
    return (
        cand.code[:2] in rules.speech_act_roots
        and clause.dep_ == "xcomp"
        and any(c.dep_ == "dobj" for c in clause.head.children)
    )


def _noun_object_candidate(verb: Token, table: CandidateTable) -> Candidate | None:
    """The nominal event a light verb carries ("staged rallies"), if it is a candidate."""
    for child in verb.children:
        found = table.get(child.i) if child.dep_ == "dobj" else None
        if found is not None and found.kind == "noun":
            return found
    return None


def drop_background(ctx: SentenceContext) -> None:
    """Events in a circumstance clause ("until their demands are met", "as the opposition
    threatened ...", "after troops fired on protesters") set the scene for the report; they
    are not what the sentence reports, so they are not coded when the sentence has a
    main event of its own."""
    table = ctx.table
    live = table.live()
    background = [c for c in live if _in_background_clause(ctx, c)]
    if len(background) < len(live):
        for cand in background:
            table.drop(cand, BACKGROUND, "in a circumstance clause while the sentence reports another event")


def _in_background_clause(ctx: SentenceContext, cand: Candidate) -> bool:
    rules, anchor = ctx.rules, cand.anchor
    for anc in [anchor, *anchor.ancestors][:4]:
        if anc.dep_ == "relcl" and _speech_act_of_its_own(ctx, cand, anc):
            return False
        if (anc.dep_ == "relcl" and _restates_an_event(rules, anc)) or (
            anc.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ in rules.background_marks for c in anc.children)
        ):
            return True
    return False


def _where_clause_with_subject(relcl: Token) -> bool:
    """ "..., where at least 15 people were arrested": a "where" clause with a subject of its own."""
    where = any(c.dep_ == "advmod" and c.lower_ == "where" for c in relcl.children)
    return where and any(c.dep_ in ("nsubj", "nsubjpass") for c in relcl.children)


def _speech_act_of_its_own(ctx: SentenceContext, cand: Candidate, relcl: Token) -> bool:
    """ "the interview in which he criticised May", "talks which Trump has welcomed", "a pardon, which
    campaigners had called for": a criticism, appeal, rejection, praise or threat that a relative clause
    gives its own speaker (a party or a personal pronoun as its subject, not the relative pronoun) is an act
    the real-news coders code, whatever noun the clause describes."""
    if cand.code[:2] not in ctx.rules.speech_act_roots or cand.anchor.i != relcl.i:
        return False
    return any(c.dep_ == "nsubj" and _speaker_subject(ctx, c) for c in relcl.children)


def _speaker_subject(ctx: SentenceContext, subject: Token) -> bool:
    if subject.lower_ in RELATIVE_PRONOUNS:
        return False
    if subject.pos_ == "PRON":
        return True
    party = ctx.index.at(subject, strict=True)
    return party is not None and party.actor is not None


def _restates_an_event(rules: EventRules, relcl: Token) -> bool:
    """A relative clause on an event noun tells more of that event ("the riots that killed 28", "a
    deal that ends the war"): a second trigger for one action.  On a participant ("Kerry, who met
    his counterpart") it reports an act of its own, which real-news coders code."""
    head = relcl.head
    if _where_clause_with_subject(relcl):
        return False  # "protests at the Capitol, where 15 people were arrested": a further act at the scene
    if head.lemma_.lower() in rules.nouns or head.lower_ in rules.nouns:
        return True
    # only a clause whose relative pronoun is its agent reports the participant's act ("Kerry, who met
    # ..."); "the helicopter that was captured", "whom they had taken hostage" describe the noun
    return not any(c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS for c in relcl.children)
