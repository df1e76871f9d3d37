"""Source and target assignment: who did what to whom, from the parse and the actor mentions.

A verbal event's source is its subject (or a passive's agent), its target the best-evidenced of
its objects (see `verb_targets`); a nominal event's source is its possessor, a "by" phrase or
its light verb's subject, its target an of/against/on phrase. Then fallbacks that depend on the
event: whom a demand is addressed to, what a grievance is about, the subject of a threat's
condition, or the target of the event a control verb absorbed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from eventcoder.events.candidates import Candidate
from eventcoder.events.context import SentenceContext
from eventcoder.events.mentions import (
    MentionIndex,
    actor_key,
    compound_owner,
    has_country,
    overlaps_any,
    same_party,
    stranded_subjects,
)
from eventcoder.events.rules import EventRules
from eventcoder.events.triggers import (
    ALLEGATION_RULE,
    GRATITUDE_RULE,
    GRIEVANCE_RULE,
    JUDGEMENT_RULE,
    MISDEED_RULE,
    OWNED,
    grievance_causes,
    judged_owners,
)
from eventcoder.model import Mention
from eventcoder.syntax import governing_verb, has_condition_mark, misread_main_verb, prep_objects, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME = "assign_arguments"
YIELD_ROOT = "08"  # CAMEO yield: concessions, withdrawals, leaving office
Sources = list[Mention | None]


def assign_arguments(ctx: SentenceContext) -> None:
    """Fill `sources` and `targets` of every live candidate."""
    for cand in ctx.table.in_order():
        cand.sources, cand.targets = candidate_arguments(ctx, cand)
        ctx.table.note(cand, NAME, _describe(cand.sources, cand.targets))


def _describe(sources: Sources, targets: list[Mention]) -> str:
    def names(ms: list[Mention] | Sources) -> str:
        return ", ".join(m.text for m in ms if m is not None) or "-"

    return f"source {names(sources)}; target {names(targets)}"


def candidate_arguments(ctx: SentenceContext, cand: Candidate) -> tuple[Sources, list[Mention]]:
    rules, index, token = ctx.rules, ctx.index, cand.token
    if cand.rule.startswith(JUDGEMENT_RULE) and cand.rule.endswith(OWNED):
        # "Labour's arrogance", the Tory said: the speaker accuses the owner
        speakers: Sources = list(reported_speakers(rules, token, index)) or [None]
        return speakers, judged_owners(ctx, token)
    if cand.rule.startswith((JUDGEMENT_RULE, MISDEED_RULE)):
        return judgement_actors(rules, token, index)
    if cand.rule.startswith(ALLEGATION_RULE):
        # "the rebels claimed that government forces attacked": the claimer accuses the claimed act's doer
        return verb_actors(rules, token, index)[0], complement_subjects(token, index)
    if cand.received:
        return received_actors(token, index)
    if cand.rule.startswith((GRIEVANCE_RULE, GRATITUDE_RULE)):
        return grievance_actors(rules, token, index)
    if cand.kind == "verb":
        sources, targets = verb_actors(rules, token, index)
    else:
        sources, targets = noun_actors(rules, token, cand.governor, index)
    if cand.target_token is not None and not targets:
        targets = index.named(cand.target_token)
    if cand.code[:2] in rules.addressee_roots and not targets:
        targets = complement_subjects(token, index)
        if not targets and cand.kind == "noun" and cand.governor is not None:
            targets = complement_subjects(cand.governor, index)
    if cand.target_from is not None and not targets:
        targets = _borrowed_targets(ctx, cand.target_from)
    if not targets and cand.kind == "verb":
        targets = _complement_targets(rules, token, index, sources)
    if cand.kind == "verb" and cand.code[:2] in rules.grievance_roots:
        targets = _grievance_targets(rules, token, index) or targets
    code = rules.ontology.get(cand.code)
    if code is not None and code.root in rules.condition_target_roots and not targets:
        targets = conditional_subjects(rules, token, index)
    if cand.code[:2] == YIELD_ROOT and rules.lemma(token) in rules.leaving_office_words:
        targets = []  # "will resign from the speakership and the US House": the office left is no recipient
    return sources, targets


def judgement_actors(rules: EventRules, copula: Token, index: MentionIndex) -> tuple[Sources, list[Mention]]:
    """A reported judgement ("the decision was wrong", X said): the speaker accuses whoever the judged
    subject names or belongs to ("Beijing's decision"), or the subject of a judged clause ("what you
    said")."""
    sources: Sources = [s for s in speaker(rules, copula, index) if s is not None] or [None]
    subject = subject_of(copula)
    targets: list[Mention] = []
    if subject is not None:
        clause_subject = subject_of(subject) if subject.pos_ in ("VERB", "AUX") else None
        judged = clause_subject if clause_subject is not None else subject
        targets = [m for m in index.named(judged) or owners(judged, index) if m is not None]
    if not targets:
        # "this is Tony Blair's cheap gesture": whoever the judged predicate belongs to
        predicates = [c for c in copula.children if c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN")]
        targets = [m for p in predicates for m in owners(p, index) if m is not None]
    own = {s.start for s in sources if s is not None}
    return sources, [t for t in targets if t.start not in own]


def grievance_actors(rules: EventRules, feeling: Token, index: MentionIndex) -> tuple[Sources, list[Mention]]:
    """ "Grassley said he was troubled by Ms. Halligan's positions": who feels wronged (the subject, or for a
    pronoun the speaker who reports it) accuses whoever the cause names or belongs to."""
    subject = subject_of(feeling.head if feeling.dep_ == "acomp" else feeling)
    sources: Sources = list(index.for_conjuncts(subject)) if subject is not None else []
    if subject is not None and subject.pos_ == "PRON" and not any(s is not None and s.actor for s in sources):
        sources = list(reported_speakers(rules, feeling, index)) or sources
    own = {s.start for s in sources if s is not None}
    targets = [
        m
        for cause in grievance_causes(rules, feeling)
        for m in (index.for_conjuncts(cause) or owners(cause, index))
        if m is not None and m.start not in own
    ]
    return sources or [None], targets


def received_actors(verb: Token, index: MentionIndex) -> tuple[Sources, list[Mention]]:
    """ "The senator faced criticism from donors", "the plan drew condemnation from the UN", "came under fire
    from rebels": the subject undergoes the act, so it (or whoever it belongs to: "Beijing's move drew
    condemnation") is the target, and the act is by a "from" or "by" phrase or the act noun's owner ("a
    retaliatory EU complaint").  Why: read as an ordinary verb the subject would be the critic."""
    subject = subject_of(verb)
    targets: list[Mention] = []
    if subject is not None:
        targets = [m for m in index.for_conjuncts(subject) or owners(subject, index) if m is not None]
    acts = [c for c in verb.children if c.dep_ == "dobj"]
    acts += prep_objects(verb, ("under", "with", "of"))
    found: Sources = [m for act in acts for m in owners(act, index) if not _covers(m, act)]
    found += [m for pobj in prep_objects(verb, ("from", "by")) for m in index.for_conjuncts(pobj)]
    found += [m for act in acts for pobj in prep_objects(act, ("among",)) for m in index.for_conjuncts(pobj)]
    own = {t.start for t in targets}
    sources: Sources = [m for m in found if m is not None and m.start not in own] or [None]
    return sources, targets


def _covers(mention: Mention | None, token: Token) -> bool:
    """ "stiff opposition" may itself be a mention (the opposition): an act is never its own doer."""
    return mention is None or mention.token_start <= token.i < mention.token_end


def token_arguments(
    rules: EventRules, token: Token, index: MentionIndex, code: str = ""
) -> tuple[Mention | None, Mention | None]:
    """Source and target of an event of CAMEO `code` on a bare word no rule fired on (a learned
    proposal), found the way a rule candidate's are: a verb's subject, passive agent and objects; a
    noun's possessor, "by" phrase or light verb's subject.  Why: proposals that looked only at the
    word's own children lost the actor of most of them ("X went on to attack Y", "a summit with Z")."""
    if token.pos_ in ("VERB", "AUX"):
        sources, targets = verb_actors(rules, token, index)
        if not targets:
            targets = _complement_targets(rules, token, index, sources)
    else:
        sources, targets = noun_actors(rules, token, governing_verb(token), index)
    if code[:2] in rules.speech_act_roots and not _event_noun_token(rules, token):
        sources, targets = _speaker_as_source(rules, token, index, sources, targets)
    source = next((s for s in sources if s is not None), None)
    target = next((t for t in targets if source is None or t.start != source.start), None)
    return source, target


def _event_noun_token(rules: EventRules, token: Token) -> bool:
    """A noun the rules know as an event ("investigations", "talks"): it is its own clause's act ("the
    judge opened investigations, the court said"), not the speaker's."""
    return token.pos_ != "VERB" and token.lemma_.lower() in rules.nouns


def _speaker_as_source(
    rules: EventRules, token: Token, index: MentionIndex, sources: Sources, targets: list[Mention]
) -> tuple[Sources, list[Mention]]:
    """An accusation, demand, rejection, praise or threat carried by the words of a report ("'They cannot
    place lives at risk,' Sessions said"; "Ms Short said the countries could not boast good records") is
    the speaker's act, aimed at whom the reported clause is about: the speaker becomes the source and the
    clause's own subject the target (unless it is the speaker again: "I", "we", a pronoun for them)."""
    speakers = [m for m in reported_speakers(rules, token, index) if m.actor is not None]
    own = [s for s in sources if s is not None]
    if not speakers or any(overlaps_any(s, own) for s in speakers):
        return sources, targets
    same = same_party(index, speakers)
    clause_parties = [s for s in own if s.mention_id not in same and s.text.lower() not in rules.first_person]
    return list(speakers[:1]), clause_parties[:1] or [t for t in targets if t.mention_id not in same]


def reported_speakers(rules: EventRules, token: Token, index: MentionIndex) -> list[Mention]:
    """Who says the clause the token stands in: the subject of the say verb whose complement
    ("said that ...", a quote) holds it, at most eight arcs up; a first-person one ("'I think he is
    desperate,' McCain told MSNBC") is inside the quote, whose speaker is further up."""
    current = token
    for _ in range(8):
        head = current.head
        if head.i == current.i:
            return []
        if rules.lemma(head) in rules.say_verbs and current.dep_ in ("ccomp", "parataxis", "xcomp", "dobj"):
            subject = subject_of(head)
            if subject is not None and subject.lower_ not in rules.first_person:
                return index.named(subject)
        current = head
    return []


def _borrowed_targets(ctx: SentenceContext, token: Token) -> list[Mention]:
    """The target of the event a control verb absorbed ("threatened sanctions against Moscow")."""
    embedded = ctx.table.get(token.i)
    if embedded is None:
        return []
    if embedded.kind == "verb":
        return verb_actors(ctx.rules, embedded.token, ctx.index)[1]
    return noun_actors(ctx.rules, embedded.token, embedded.governor, ctx.index)[1]


def _complement_targets(
    rules: EventRules, token: Token, index: MentionIndex, sources: Sources
) -> list[Mention]:
    """ "threatened to deliver blows to the United States": the complement names the target; so does the
    infinitive of a stated readiness ("expressed its willingness to meet with Trump")."""
    controls = rules.lemma(token) in rules.complement_class
    known = [s for s in sources if s is not None]
    for child in token.children:
        if child.pos_ in ("VERB", "AUX") and (child.dep_ == "xcomp" or (child.dep_ == "ccomp" and controls)):
            return verb_targets(rules, child, index, known)
    for noun in [*token.children, *(g for c in token.children if c.dep_ == "prep" for g in c.children)]:
        if noun.dep_ in ("dobj", "pobj") and rules.lemma(noun) in rules.classes["willingness"]:
            for act in noun.children:
                if act.dep_ == "acl" and act.pos_ == "VERB":
                    return verb_targets(rules, act, index, known)
    return []


def _grievance_targets(rules: EventRules, token: Token, index: MentionIndex) -> list[Mention]:
    """ "complained to the UN over Israeli raids": the target is what the grievance is about."""
    return [
        m
        for pobj in prep_objects(token, rules.grievance_preps)
        if pobj.head.dep_ == "prep"
        for m in (index.for_conjuncts(pobj) or owners(pobj, index))
        if m is not None and has_country(m)
    ]


# -- verbs --------------------------------------------------------------------------------------
def verb_actors(rules: EventRules, token: Token, index: MentionIndex) -> tuple[Sources, list[Mention]]:
    passive, subject = _voice_and_subject(rules, token, index)
    sources: Sources = []
    targets: list[Mention] = []
    if passive:
        sources.extend(_passive_agents(rules, token, index))
        if subject is not None:
            targets.extend(index.named(subject))
    elif subject is not None:
        sources.extend(_active_subject_sources(rules, token, subject, index))
    elif token.dep_ == "ROOT":
        sources.extend(stranded_subjects(token, index))
    source_list = [s for s in sources if s is not None]
    if not passive or not targets:
        targets.extend(verb_targets(rules, token, index, source_list))
    slots: Sources = list(source_list) or [None]
    return slots, targets


def _voice_and_subject(rules: EventRules, token: Token, index: MentionIndex) -> tuple[bool, Token | None]:
    """Whether the verb's subject undergoes the act (passive), and which token is that subject, including
    the noun a participle clause describes."""
    subject = subject_of(token)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
    if agent_participle(token) or party_participle(token, index, "VBN"):
        # "a man killed by an FBI agent", "the four Britons freed from US custody": the noun the
        # participle modifies is its patient
        passive, subject = True, token.head
    elif party_participle(token, index, "VBG") and token.head.dep_ in ("nsubj", "nsubjpass"):
        # "Mr Straw, visiting Beijing, said ...": the subject the clause describes acts (on an object,
        # "has written to the watchdog accusing Labour", the writer accuses)
        subject = token.head
    if passive and rules.lemma(token) in rules.stative_passives:
        # "Israel is opposed to French mediation": an adjectival passive, its subject acts
        passive = any(c.dep_ == "agent" for c in token.children)
    return passive, subject


def _passive_agents(rules: EventRules, token: Token, index: MentionIndex) -> Sources:
    """Who did what a passive verb reports: its "by" (or agent-like) phrase, else a stray agent or the
    holder a release frees people from."""
    sources: Sources = []
    for prep in token.children:
        if prep.dep_ == "agent" or (prep.dep_ == "prep" and prep.lower_ in rules.agent_preps):
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    sources.extend(index.for_conjuncts(pobj))
    if not any(sources):
        sources.extend(stray_agents(rules, token, index) or holders_released_from(rules, token, index))
    return sources


def _active_subject_sources(rules: EventRules, token: Token, subject: Token, index: MentionIndex) -> Sources:
    """The parties an active verb's subject names; for a pronoun, the speaker; for an act noun ("the
    airstrikes that Israel carried out killed twelve"), who carried it out."""
    sources: Sources = [m for m in index.for_conjuncts(subject) if not _scene_of_act(rules, subject, m)]
    if not any(sources) and subject.pos_ == "PRON":
        sources.extend(speaker(rules, token, index))
    elif not any(sources):
        sources.extend(
            m for c in subject.children if c.dep_ == "relcl" for m in relative_clause_agents(rules, c, index)
        )
    return sources


def _scene_of_act(rules: EventRules, subject: Token, mention: Mention | None) -> bool:
    """ "The bombing in Kabul killed three": a place inside an event noun's phrase is where the act
    happened, not who did it (the agent is left to the implicit party: the scene's state)."""
    return (
        mention is not None
        and mention.kind == "place"
        and rules.lemma(subject) in rules.nouns
        and not mention.token_start <= subject.i < mention.token_end
    )


def stray_agents(rules: EventRules, token: Token, index: MentionIndex) -> Sources:
    """A passive's "by" agent the parser hung on a place phrase of the verb ("was arrested at Changi Airport
    by Singapore police"): a party, never a bare place ("a house by the river")."""
    return [
        m
        for pobj in prep_objects(token, tuple(rules.place_preps))
        if pobj.head.dep_ == "prep"
        for agent in prep_objects(pobj, tuple(rules.agent_preps))
        for m in index.for_conjuncts(agent)
        if m is not None and m.actor is not None and m.kind != "place"
    ]


def holders_released_from(rules: EventRules, token: Token, index: MentionIndex) -> Sources:
    """An agentless passive out of a place one is held in ("were released from the US camp", "freed from
    Israeli custody"; control.yaml `holding_places`) is by who holds the place."""
    return [
        m
        for pobj in prep_objects(token, ("from",))
        if pobj.head.dep_ == "prep" and pobj.lemma_.lower() in rules.holding_places
        for m in owners(pobj, index)
        if m is not None
    ]


def party_participle(token: Token, index: MentionIndex, tag: str) -> bool:
    """A participle clause (`tag` VBN: passive, VBG: active) on a noun that names a party ("the Britons
    freed from US custody", "Mr Straw, visiting Beijing"): that party is its patient or its agent.  A
    clause that is the sentence's misparsed main verb is not one, nor one on a noun that is no party
    ("a declaration demanding ...", whose issuer demands)."""
    if token.dep_ != "acl" or token.tag_ != tag or token.head.i == token.i or misread_main_verb(token):
        return False
    mention = index.at(token.head, strict=True)
    return mention is not None and mention.actor is not None and mention.kind != "place"


def agent_participle(token: Token) -> bool:
    """A passive participle on a noun that names its own agent ("a man killed by an FBI agent")."""
    return token.dep_ == "acl" and token.tag_ == "VBN" and any(c.dep_ == "agent" for c in token.children)


class UsableTargets:
    """Which mentions may be a target: not the source again ("withdraw its troops"), not a
    reflexive ("blew themselves up"), not an event noun ("the talks")."""

    def __init__(self, rules: EventRules, doc: Doc, sources: list[Mention]) -> None:
        self.rules, self.doc = rules, doc
        self.own = {actor_key(s) for s in sources if s.actor is not None}
        self.own_starts = {s.start for s in sources}
        # the countries whose forces a state source commands (protesters do not command the police)
        self.own_countries = {
            s.actor.country
            for s in sources
            if s.actor is not None and s.actor.country and rules.commands_state(s.actor)
        }
        # the bodies an international organisation source sends ("will withdraw weapons inspectors")
        self.own_bodies = {s.actor.code for s in sources if s.actor and s.actor.code.startswith("IGO")}

    def __call__(self, mentions: list[Mention | None]) -> list[Mention]:
        return [
            m
            for m in mentions
            if m is not None
            and m.start not in self.own_starts
            and not m.text.lower().endswith(("self", "selves"))
            and not event_noun(self.rules, m, self.doc)
            and not (m.kind == "pronoun" and m.actor is not None and actor_key(m) in self.own)
            and not self.own_forces(m)
        ]

    def own_staff(self, mention: Mention) -> bool:
        """A common-noun mention of international staff with no body of their own, or of the source's own
        body ("weapons inspectors", "UN observers" after an IGO source), is what it sends or withdraws."""
        actor = mention.actor
        return (
            bool(self.own_bodies)
            and mention.kind == "nominal"
            and actor is not None
            and actor.sector == "IGO"
            and (actor.code == "IGO" or actor.code in self.own_bodies)
        )

    def own_forces(self, mention: Mention) -> bool:
        """ "withdrew its troops", "sent their warships", "Israel sent eight fighter jets to strike ...",
        "ordered 475 military advisers to Iraq": forces owned by a possessive pronoun, or described by
        a common noun with the source's country (or none), are the source's own, what it moves or
        uses, not whom the act is aimed at."""
        if mention.token_end <= mention.token_start:
            return False
        actor = mention.actor
        if self.own_staff(mention):
            return True
        if (
            mention.kind == "nominal"
            and actor is not None
            and actor.sector in self.rules.own_forces_sectors
            and self.own_countries
            and (actor.country is None or actor.country in self.own_countries)
        ):
            return True
        span = self.doc[mention.token_start : mention.token_end]
        forces = self.rules.classes["troops"] | self.rules.classes["police"]
        return span.root.lemma_.lower() in forces and any(
            t.dep_ == "poss" and t.pos_ == "PRON" and t.head.i == span.root.i for t in span
        )


def verb_targets(
    rules: EventRules, token: Token, index: MentionIndex, sources: list[Mention] | None = None
) -> list[Mention]:
    """Target of a verbal event, best evidence first.

    1. an actor direct/indirect object that names a country or organisation;
    2. the owner of a non-actor object ("rejected Iraq's proposal", "an Indian offer",
       "calls by Kofi Annan", "denounced Serbia's suppression of ..."): in CAMEO the
       target of a reaction is whoever made the thing reacted to;
    3. the object of a target preposition ("sanctions on Belarus", "withdraw from Lebanon");
    4. the place where it happened ("imposed a curfew in Cizre", "massed troops along the
       border"): CAMEO codes a location as the target when no one else is named;
    5. an object that names only a sector ("peacekeepers", "23 people").
    """
    usable = UsableTargets(rules, token.doc, sources or [])
    objects = [c for c in token.children if c.dep_ in ("dobj", "dative", "iobj")]
    direct = {o.i for o in objects if o.dep_ == "dobj"}
    if not direct:
        shifted = shifted_objects(token)
        objects.extend(shifted)
        direct = {o.i for o in shifted}
    direct_objects = [o for o in objects if o.i in direct]
    named, weak = _named_objects(token, objects, direct, index, usable)
    if named:
        return named
    for obj in direct_objects:
        if index.at(obj, strict=True) is None:
            found = usable(owners(obj, index))
            if found:
                return found
    return _prepositional_targets(rules, token, direct_objects, index, usable) or weak


def _named_objects(
    token: Token, objects: list[Token], direct: set[int], index: MentionIndex, usable: UsableTargets
) -> tuple[list[Mention], list[Mention]]:
    """Objects that are mentions: (those naming a state or organisation, those naming a sector)."""
    named: list[Mention] = []
    weak: list[Mention] = []
    for obj in objects:
        if obj.i in direct and obj.pos_ in ("NOUN", "PROPN", "PRON"):
            if index.at(obj, strict=True) is not None:
                found = usable(index.for_conjuncts(obj))
                named.extend(m for m in found if has_country(m))
                weak.extend(m for m in found if not has_country(m))
        elif obj.dep_ in ("dative", "iobj"):
            named.extend(usable(index.for_conjuncts(obj)))
        if obj.i in direct and not named:
            # parse repair: "send Ukraine weapons" is often parsed with "Ukraine" as a compound
            for child in obj.children:
                if child.dep_ == "compound" and child.i == token.i + 1 and child.pos_ == "PROPN":
                    mention = index.at(child, strict=True)
                    if mention is not None:
                        named.extend(usable([mention]))
    return named, weak


def _prepositional_targets(
    rules: EventRules, token: Token, direct_objects: list[Token], index: MentionIndex, usable: UsableTargets
) -> list[Mention]:
    """Steps 3 and 4 of `verb_targets`: a target preposition, else the place."""
    holders = [token, *direct_objects]
    for obj in direct_objects:  # "$200 million in equipment to Ukraine": look inside the quantity too
        if obj.lemma_.lower() in rules.quantity_heads or obj.pos_ == "NUM":
            for prep in obj.children:
                if prep.dep_ == "prep":
                    holders.extend(p for p in prep.children if p.dep_ == "pobj")
    # the object's own complement first ("tightened the blockade of Serbia with Albania's help")
    nominal = [o for o in direct_objects if o.pos_ == "NOUN"]
    for prep_name in rules.noun_target_preps:
        found = usable([m for o in nominal for m in prep_mentions(o, (prep_name,), index)])
        if found:
            return found
    for prep_name in rules.target_preps:
        found = usable([m for h in holders for m in prep_mentions(h, (prep_name,), index)])
        if found:
            return found
    # "lifted a state of emergency in Darfur": the place may hang off the object's complement
    holders += [g for o in nominal for p in o.children if p.lower_ == "of" for g in p.children]
    places = _country_places(usable([m for h in holders for m in prep_mentions(h, rules.place_preps, index)]))
    if not places:
        # "killed 23 people when they blew themselves up in Tel Aviv": the scene may be set
        # in an adverbial clause of the same sentence
        scenes = [c for c in token.children if c.dep_ == "advcl"]
        places = _country_places(
            usable([m for h in scenes for m in prep_mentions(h, rules.place_preps, index)])
        )
    return places


def _country_places(mentions: list[Mention]) -> list[Mention]:
    return [m for m in mentions if m.actor is not None and has_country(m)][:1]


def shifted_objects(verb: Token) -> list[Token]:
    """Objects moved behind an "as" phrase ("denounced as a crime Serbia's crackdown"): the
    parser tends to hang them on the "as" noun as an apposition, so the verb looks objectless."""
    return [
        c
        for pobj in prep_objects(verb, ("as",))
        if pobj.head.dep_ == "prep"
        for c in pobj.children
        if c.dep_ == "appos" and c.pos_ == "NOUN"
    ]


def speaker(rules: EventRules, token: Token, index: MentionIndex) -> Sources:
    """An unresolved pronoun subject of reported speech is, by default, the speaker:
    in "NATO confirmed it would tighten the blockade", "it" is NATO."""
    current = token
    for _ in range(3):
        if current.dep_ not in ("ccomp", "conj", "xcomp") or current.head.i == current.i:
            return []
        current = current.head
        if rules.lemma(current) in rules.say_verbs:
            subject = subject_of(current)
            return index.for_conjuncts(subject) if subject is not None else []
    return []


def event_noun(rules: EventRules, mention: Mention, doc: Doc) -> bool:
    """A mention headed by an event noun ("joint military exercises", "the talks") is what
    happened, not a participant, even when the actors stage gave it a sector."""
    head = doc[mention.token_end - 1]
    return mention.kind == "nominal" and head.lemma_.lower() in rules.nouns


def prep_mentions(holder: Token, preps: tuple[str, ...], index: MentionIndex) -> Sources:
    """Mentions that are objects of the holder's prepositions named in `preps`."""
    return [m for pobj in prep_objects(holder, preps) for m in index.for_conjuncts(pobj)]


def owners(noun: Token, index: MentionIndex) -> Sources:
    """Who a non-actor noun belongs to: its possessor, a naming modifier ("U.S. request"),
    or a "by"/"from" phrase ("calls by Kofi Annan", "an offer from Kabul")."""
    found: Sources = []
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i):
            mention = index.at(child, strict=True) or compound_owner(child, index)
            if mention is not None and mention.kind != "place":
                found.append(mention)
        elif child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from"):
            found.extend(g for p in child.children if p.dep_ == "pobj" for g in index.for_conjuncts(p))
        elif child.dep_ == "acl" and child.tag_ == "VBN":  # "crimes committed by Croat forces"
            for agent in child.children:
                if agent.dep_ == "agent":
                    found.extend(
                        g for p in agent.children if p.dep_ == "pobj" for g in index.for_conjuncts(p)
                    )
    return found


# -- nouns --------------------------------------------------------------------------------------
def noun_actors(
    rules: EventRules, token: Token, governor: Token | None, index: MentionIndex
) -> tuple[Sources, list[Mention]]:
    patients = _patient_possessors(rules, token, index)
    sources, targets = _noun_phrase_actors(rules, token, index, patients)
    if patients and not (
        token.dep_ == "dobj" and governor is not None and rules.lemma(governor) in rules.light_verbs
    ):
        governor = None  # "following his arrest": whoever governs the phrase did not arrest him
    if governor is not None:
        _add_governor_parties(rules, token, governor, index, sources, targets)
    if not targets:  # "imposed a curfew in Cizre", "a hunger strike in Tehran": the place
        targets.extend(_place_targets(rules, token, governor, index, sources))
    return [s for s in sources if s is not None] or [None], targets


def _add_governor_parties(
    rules: EventRules,
    token: Token,
    governor: Token,
    index: MentionIndex,
    sources: Sources,
    targets: list[Mention],
) -> None:
    """Parties the verb governing a nominal event lends it when its own phrase names none: the occurrence
    verb's "between" or "with" phrase, the light verb's agent or subject, the light verb's target phrase."""
    if not [s for s in sources if s] and token.dep_ == "nsubj":
        parties = _parties_between(governor, index)  # "clashes broke out between police and protesters"
        sources.extend(parties[:1])
        targets.extend(parties[1:])
    if not targets and token.dep_ == "nsubj":  # "discussions have begun with Indonesia"
        targets.extend(m for pobj in prep_objects(governor, ("with",)) for m in index.named(pobj))
    if not [s for s in sources if s]:
        sources.extend(_governed_sources(rules, token, governor, index))
    if not targets and token.dep_ == "dobj":
        targets.extend(m for pobj in prep_objects(governor, rules.target_preps) if pobj.head.dep_ == "prep"
                       for m in index.named(pobj))  # fmt: skip


def _place_targets(
    rules: EventRules, token: Token, governor: Token | None, index: MentionIndex, sources: Sources
) -> list[Mention]:
    """The country a nominal event takes place in, as its target when no party is named."""
    holders = [token] + ([governor] if governor is not None and token.dep_ == "dobj" else [])
    own = {m.start for m in sources if m is not None}
    places = [
        m
        for h in holders
        for m in prep_mentions(h, rules.place_preps, index)
        if m is not None and m.start not in own and m.actor is not None and has_country(m)
    ]
    return places[:1]


def _parties_between(governor: Token, index: MentionIndex) -> list[Mention]:
    """ "Clashes broke out between police and protesters", "fighting erupted among the factions": the parser
    hangs the event's "between" phrase on the occurrence verb; its parties are the event's."""
    return [
        m
        for child in governor.children
        if child.dep_ == "prep" and child.lower_ in ("between", "among")
        for pobj in child.children
        if pobj.dep_ == "pobj"
        for m in index.named(pobj)
    ]


def _governed_sources(rules: EventRules, token: Token, governor: Token, index: MentionIndex) -> Sources:
    """The source of a nominal event from the verb that governs it: a "by" phrase the parser hung on the
    verb ("followed two tests of missiles by the North"), or a "from" phrase hung on the verb of which it is
    the subject ("condemnation came quickly from Democrats"), else the verb's subject ("Iran held talks")."""
    if token.dep_ == "dobj":
        found = [m for pobj in prep_objects(governor, tuple(rules.agent_preps)) for m in index.named(pobj)]
    else:
        found = [m for pobj in prep_objects(governor, ("from",)) for m in index.for_conjuncts(pobj) if m]
    if found and token.dep_ in ("dobj", "nsubj"):
        return list(found)
    subject = subject_of(governor)
    return index.for_conjuncts(subject) if subject is not None and subject.i != token.i else []


def _noun_phrase_actors(
    rules: EventRules, token: Token, index: MentionIndex, patients: list[Mention]
) -> tuple[Sources, list[Mention]]:
    """Participants inside the nominal event's own phrase: possessor (the target when it is the patient:
    `patients`), "by", "between", "against"."""
    sources: Sources = []
    targets: list[Mention] = list(patients)
    for child in token.children:
        if child.dep_ == "poss" and patients:
            continue
        if child.dep_ == "poss" or (child.dep_ in ("amod", "compound") and child.i < token.i):
            mention = index.at(child)
            # "criminal charges": a modifier whose mention is the event phrase itself is no participant
            if mention is not None and _against_mention(mention):
                if mention not in targets:
                    targets.append(mention)  # "anti-French demonstrations" are aimed at France
            elif (
                mention is not None and mention.kind != "place" and not event_noun(rules, mention, token.doc)
            ):
                sources.append(mention)
            elif mention is not None and _armed_compound(rules, child, mention):
                sources.append(mention)
        elif child.dep_ == "prep":
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                if child.lower_ in rules.agent_preps or child.lower_ == "from":
                    sources.extend(index.for_conjuncts(pobj))
                elif child.lower_ in ("between", "among"):
                    both = index.named(pobj)
                    sources.extend(both[:1])
                    targets.extend(both[1:])
                elif child.lower_ in rules.noun_target_preps:
                    # "an investigation into crimes committed by Croat forces": the crimes' authors
                    targets.extend(index.named(pobj) or [m for m in owners(pobj, index) if m])
        elif child.dep_ == "relcl":
            sources.extend(relative_clause_agents(rules, child, index))
    return sources, targets


def _against_mention(mention: Mention) -> bool:
    """ "anti-French demonstrations", "anti-American protests": a modifier naming whom the act is against."""
    return re.match(r"anti\s*[-\u2010\u2011]", mention.text.lower()) is not None  # not "Antigua"


def _armed_compound(rules: EventRules, modifier: Token, mention: Mention) -> bool:
    """ "the police killing of George Floyd", "an army raid": a noun modifier naming armed forces is the act's
    agent, though the actors stage read the whole phrase as one nominal mention of that force."""
    actor = mention.actor
    return (
        modifier.dep_ == "compound"
        and modifier.pos_ == "NOUN"
        and actor is not None
        and actor.sector in rules.armed_sectors
    )


def relative_clause_agents(rules: EventRules, clause: Token, index: MentionIndex) -> Sources:
    """ "a barrage of fire that the rebels laid down", "the strikes Israel carried out": the event noun is the
    object of its relative clause, whose subject carried it out.  A clause whose subject is the relative
    pronoun ("talks that began"), one with an object of its own, and a report ("the attack police said
    killed five") name no agent."""
    if rules.lemma(clause) in rules.say_verbs or clause.pos_ not in ("VERB", "AUX"):
        return []
    objects = [c for c in clause.children if c.dep_ == "dobj"]
    relative = [t for t in clause.subtree if t.tag_ in ("WDT", "WP")]
    if objects != relative:  # the noun is not the clause's own object ("which the powers agreed to extend")
        return []
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.tag_ in ("WDT", "WP"):
        return []
    # the subject's own mention, not one inside its phrase ("the six powers in Vienna" is no Austrian act)
    return [m for tok in [subject, *subject.conjuncts] for m in [index.at(tok, strict=True)] if m is not None]


def _patient_possessors(rules: EventRules, token: Token, index: MentionIndex) -> list[Mention]:
    """The possessor of an event noun that is done to its possessor ("his arrest", "Elgindy's conviction";
    control.yaml `patient_possessor_nouns`), when no "of" phrase names the patient instead ("Russia's
    arrest of the activist"): the target."""
    if rules.lemma(token) not in rules.patient_possessor_nouns or any(
        c.dep_ == "prep" and c.lower_ == "of" for c in token.children
    ):
        return []
    return [m for c in token.children if c.dep_ == "poss" for m in [index.at(c)] if m is not None]


def complement_subjects(token: Token, index: MentionIndex) -> list[Mention]:
    """Whom a demand or appeal is addressed to: "demanded that the US cancel ..."."""
    for child in token.children:
        if child.dep_ in ("ccomp", "xcomp", "acl"):
            for grand in child.children:
                if grand.dep_ in ("nsubj", "nsubjpass"):
                    return index.named(grand)
    return []


def conditional_subjects(rules: EventRules, token: Token, index: MentionIndex) -> list[Mention]:
    """A threat's target is often the subject of its condition: "... if Russia invades"."""
    for child in token.subtree:
        if child.dep_ in ("advcl", "ccomp") and has_condition_mark(child, rules.lex.conditional_marks):
            subject = subject_of(child)
            if subject is not None:
                return index.named(subject)
    return []
