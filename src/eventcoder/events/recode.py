"""Recoding passes: an event's code depends on what embeds it.

- `recode_control_verbs` (before actors): a complement-taking verb takes the code of the event
  it controls through families.yaml's prefix maps ("pledged to send aid" 0332, "threatened
  sanctions" 1312, "refused to lift" 124x) and absorbs it; "X said Y must withdraw" is a demand.
  An accusation's complement is its content, not an event.
- `recode_future_and_refusal` (after actors): PLOVER's single-category rule: future cooperation
  is AGREE (03x), future or possible force is THREATEN (13x); "will not accept" is a rejection.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventcoder.events.candidates import Candidate, CandidateTable
from eventcoder.events.context import SentenceContext
from eventcoder.events.interactions import PLACE, names_its_occasion
from eventcoder.events.nonpolitical import political_actor
from eventcoder.events.rules import EventRules, by_prefix
from eventcoder.modality import elliptical_condition
from eventcoder.syntax import has_condition_mark, in_condition, inverted_condition, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventcoder.schemas.events import ComplementClass

CONTROL = "recode_control_verbs"
# How a say verb holds what it reports: '"...," he said' (ccomp, parataxis), "Protect whistleblowers, TUC
# says" (the quote before the verb, parsed as a clause on it)
REPORTED_DEPS = frozenset({"ccomp", "parataxis", "advcl"})
FUTURE = "recode_future_and_refusal"


def recode_control_verbs(ctx: SentenceContext) -> None:
    rules, table = ctx.rules, ctx.table
    for cand in table.all():
        if cand.kind == "verb":
            _absorb_answered_content(ctx, cand)
        if cand.kind == "noun":
            # "its demand that Israel ease restrictions": the noun controls its complement
            spec = rules.noun_control_of(cand.token.lemma_.lower())
            spec = spec if spec is not None and spec.recode else None
        elif cand.code == rules.statement_code:
            _obligation(ctx, cand)
            continue
        elif cand.code == rules.decline_comment_code:
            continue  # "refused to discuss the reports": declining to comment takes no code from its verb
        else:
            spec = rules.control_of(rules.lemma(cand.token))
        if spec is None:
            continue
        embedded = embedded_event(cand.token, table)
        if embedded is None or embedded.received:
            continue  # "pledged to help should any come under attack": one cannot promise to undergo an act
        if spec.suppress:
            # "condemned the nerve agent attack": a named attack is no allegation, it happened
            if not (embedded.kind == "noun" and names_its_occasion(rules, embedded)):
                table.drop(embedded, CONTROL, f"the content of the accusation '{cand.token.text}'")
            continue
        recode = _recode_map(spec, embedded)
        new = by_prefix(rules.maps[recode], embedded.code) if recode else None
        if new is None:
            continue
        rule = f"{cand.rule}+{recode}:{embedded.rule.split(':', 1)[-1]}"
        if spec.recode == "demand" and orders_own_forces_back(ctx, cand, embedded):
            new, rule = embedded.code, f"{rule}+own-forces"
        table.recode(cand, new, rule, CONTROL, f"controls '{embedded.token.text}' ({embedded.code})")
        cand.target_from = embedded.token
        if cand.dropped_by == PLACE:
            # "threatened sanctions against Moscow": the light-verb rule gave way to the object,
            # but the verb controls it, so the verb (now 1312) is the event
            table.restore(cand, CONTROL, "a control verb is the event of what it controls")
        # one event, as PLOVER and CAMEO code it: "pledged to send aid" is 033x alone;
        # a denial keeps the denied event (with modality "denied") beside the 016
        if not spec.keep_embedded:
            table.drop(embedded, CONTROL, f"absorbed by the control verb '{cand.token.text}' ({new})")
        elif not embedded.live:
            table.restore(embedded, CONTROL, f"a denial ('{cand.token.text}') keeps the denied event")


def _recode_map(spec: ComplementClass, embedded: Candidate) -> str | None:
    """ "vowed not to concede" is a refusal, "vowed to concede" an intent to yield: a negated complement
    takes the class's `negated_recode` map where it has one."""
    if spec.negated_recode and any(c.dep_ == "neg" for c in embedded.token.children):
        return spec.negated_recode
    return spec.recode


def _absorb_answered_content(ctx: SentenceContext, cand: Candidate) -> None:
    """ "rejected a U.S. request to interrogate detainees", "accepted an offer to host a summit": what a
    request, offer or demand the verb answers asks for is its content, one event with the answer (as
    CAMEO codes it), not an act of its own."""
    rules, table = ctx.rules, ctx.table
    for obj in (c for c in cand.token.children if c.dep_ == "dobj"):
        if rules.noun_control_of(obj.lemma_.lower()) is None:
            continue
        for clause in obj.children:
            content = table.get(clause.i) if clause.dep_ in ("acl", "relcl") else None
            if content is not None and content is not cand and content.live:
                table.drop(content, CONTROL, f"what the '{obj.text}' answered by '{cand.token.text}' seeks")


def orders_own_forces_back(ctx: SentenceContext, cand: Candidate, embedded: Candidate) -> bool:
    """ "Putin ordered his troops to pull back", "the president ordered US forces to withdraw": a leader
    ordering the forces it commands to withdraw is the withdrawal (the ordering side retreats, as PLOVER
    codes it), not a demand on anyone.  The ordered party is the order's object: forces with the orderer's
    possessive pronoun, or a forces mention of the orderer's country (either unknown counts as the same)."""
    rules = ctx.rules
    if not any(embedded.code.startswith(c) for c in rules.ordered_withdrawal_codes):
        return False
    ordered = next((c for c in cand.token.children if c.dep_ == "dobj"), None)
    if ordered is None:
        return False
    if any(c.dep_ == "poss" and c.lower_ in rules.own_possessives for c in ordered.children):
        return True
    forces = ctx.index.at(ordered, strict=True)
    if forces is None or forces.actor is None or forces.actor.sector not in rules.own_forces_sectors:
        return False
    subject = subject_of(cand.token)
    orderer = ctx.index.at(subject) if subject is not None else None
    country = orderer.actor.country if orderer is not None and orderer.actor is not None else None
    return country is None or forces.actor.country in (None, country)


def _obligation(ctx: SentenceContext, cand: Candidate) -> None:
    """ "X said Y must withdraw": a statement carrying an obligation is a demand on Y; one reporting an
    order or a plea ('"Stop the shelling," the minister told Moscow') a demand on whom it addresses."""
    rules = ctx.rules
    for child in cand.token.children:
        if child.dep_ != "ccomp" or not _addressed_obligation(ctx, child):
            continue
        _recode_as_demand(ctx, cand, _act_readied(child) or child, "obligation")
        cand.target_token = subject_of(child)
        return
    for child in cand.token.children:
        urged = _time_for(ctx, child) if child.dep_ in REPORTED_DEPS else None
        if urged is not None:
            _recode_as_demand(ctx, cand, urged[0], "urging")
            cand.target_token = urged[1]
            return
    for child in cand.token.children:
        if child.dep_ in REPORTED_DEPS and _imperative(rules, child):
            _recode_as_demand(ctx, cand, child, "imperative")
            cand.target_token = next(
                (c for c in cand.token.children if c.dep_ in ("dative", "dobj") and c.pos_ != "PRON"), None
            )
            return


def _recode_as_demand(ctx: SentenceContext, cand: Candidate, clause: Token, why: str) -> None:
    """The statement becomes the demand of what `clause` asks for (its embedded event absorbed)."""
    rules, table = ctx.rules, ctx.table
    embedded = table.get(clause.i)
    new = by_prefix(rules.maps["demand"], embedded.code) if embedded else "100"
    rule = f"{cand.rule}+{why}" + (f":{embedded.rule.split(':', 1)[-1]}" if embedded else "")
    table.recode(cand, new or "100", rule, CONTROL, f"'{clause.text}' is an {why}: a demand")
    if embedded is not None:
        table.drop(embedded, CONTROL, f"what the demand '{cand.token.text}' asks for")


def _time_for(ctx: SentenceContext, clause: Token) -> tuple[Token, Token] | None:
    """ "It's time for the Senate to do its job": (the act urged, whom it is urged on) when the reported
    clause says it is time (`urging_predicates`) for a named party to act; the parser hangs the "for ... to"
    clause on the noun or on the copula."""
    if ctx.rules.lemma(clause) != "be":
        return None
    urging = ctx.rules.urging_predicates
    predicates = [c for c in clause.children if c.dep_ == "attr" and c.lemma_.lower() in urging]
    holders = [*predicates, clause] if predicates else []
    for holder in holders:
        for verb in holder.children:
            if verb.dep_ not in ("relcl", "acl", "ccomp") or not any(
                a.dep_ == "aux" and a.lower_ == "to" for a in verb.children
            ):
                continue
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) or _for_whom(holder)
            if subject is not None and ctx.index.named(subject):
                return verb, subject
    return None


def _for_whom(predicate: Token) -> Token | None:
    """ "time for school leaders ... to come together": the party in the predicate's "for" phrase."""
    return next(
        (g for c in predicate.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children
         if g.dep_ == "pobj"),
        None,
    )  # fmt: skip


def _imperative(rules: EventRules, clause: Token) -> bool:
    """ "Stop treating police like animals," he said: a bare verb with no subject or auxiliary that opens
    the reported clause and acts on something (an object, a complement, a preposition)."""
    if clause.tag_ != "VB" or clause.lemma_.lower() in rules.discourse_imperatives:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "aux", "auxpass", "expl") for c in clause.children):
        return False
    first = next((t for t in clause.subtree if not t.is_punct), clause)
    acts = any(c.dep_ in ("dobj", "xcomp", "prep", "ccomp", "prt") for c in clause.children)
    return first.i == clause.i and acts


def _addressed_obligation(ctx: SentenceContext, clause: Token) -> bool:
    """An obligation laid on an actor ("said Serbia must withdraw") or on a passive ("a fund should
    be set up"). Not an inverted condition ("said that, should Russia invade, ..."), a regret ("more
    should have been done"), the speaker's own side ("We must act") or a clause with no actor to
    address ("the focus should be reform"), nor a state the subject should be in ("the party should be
    ashamed")."""
    rules = ctx.rules
    auxiliaries = [a for a in clause.children if a.dep_ == "aux"]
    if not any(a.lower_ in rules.obligation_aux for a in auxiliaries):
        return False
    if any(a.lemma_ == "have" for a in auxiliaries):
        return False
    if inverted_condition(clause, rules.lex.conditional_marks):
        return False
    passive = any(c.dep_ == "auxpass" for c in clause.children)
    if clause.lemma_ == "be" and not (passive or _act_readied(clause)):
        return False  # "the party should be ashamed", "they should be relieved": a judgement, no act
    subject = subject_of(clause)
    if subject is None or subject.lower_ in rules.first_person:
        return False
    # "a fund should be set up": a demand that something be done; else an actor must be addressed
    return subject.dep_ == "nsubjpass" or bool(ctx.index.named(subject))


def _act_readied(clause: Token) -> Token | None:
    """ "his colleagues should be willing to address entitlements": the act a state of readiness is about;
    it is what is asked for, unlike a bare state ("should be ashamed")."""
    return next(
        (g for c in clause.children if c.dep_ == "acomp" for g in c.children if g.dep_ == "xcomp"), None
    )


# "called the law a wreck before announcing his retirement": a time phrase tells what else happened, never
# what a control verb asks for or is about ("called for ending", "accused of attacking")
TIME_PREPOSITIONS = frozenset({"before", "after", "since", "until", "while", "during", "upon", "despite"})


def embedded_event(token: Token, table: CandidateTable) -> Candidate | None:
    """The event in the verb's complement: "to send aid", "that it attacked", "attacking"."""
    for child in token.children:
        infinitive = child.dep_ == "advcl" and any(
            g.dep_ == "aux" and g.lower_ == "to" for g in child.children
        )  # "demanded parties to allow ...", parsed as a purpose clause
        if (
            child.dep_ in ("xcomp", "ccomp")
            or infinitive
            or (child.dep_ in ("dobj", "acl") and child.pos_ in ("VERB", "AUX"))
        ):
            found = table.get(child.i) or _object_event(child, table)
            if found:
                return found
        if child.dep_ == "prep" and child.lower_ not in TIME_PREPOSITIONS:
            for grand in child.children:
                if grand.dep_ == "pcomp" and grand.i in table:
                    return table.get(grand.i)
        if child.dep_ == "dobj" and child.i in table:
            return table.get(child.i)
    return None


def _object_event(verb: Token, table: CandidateTable) -> Candidate | None:
    """ "agreed to hold talks": the noun under the complement verb."""
    for grand in verb.children:
        if grand.dep_ in ("dobj", "xcomp") and grand.i in table:
            return table.get(grand.i)
    return None


# -- after actors: future and refusal -------------------------------------------------------------
def recode_future_and_refusal(ctx: SentenceContext) -> None:
    """PLOVER asks for the single category rather than category + auxiliary mode, so a future
    event is replaced by the (asserted) statement of intent or threat, whose rule says so
    ("...+future->13"). Events inside a condition or a control verb's complement are left alone:
    they are already accounted for."""
    rules, table = ctx.rules, ctx.table
    for cand in table.in_order():
        if not cand.events:
            continue
        new = _refusal_code(ctx, cand)
        how = "negated"
        if new is None and _future_recodable(ctx, cand):
            new = _future_code(rules, cand)
            how = cand.events[0].modality
        code = rules.ontology.get(new) if new else None
        if code is None:
            continue
        old = cand.events[0]
        table.recode(cand, code.code, f"{old.rule}+{how}->{code.root}", FUTURE, f"{how}: PLOVER's category")
        cand.events = [
            replace(
                event,
                event_id=make_event_id(event.doc_id, event.sentence_index, cand.token.i, code.code),
                cameo=code.code,
                cameo_root=code.root,
                quad_class=code.quad_class,
                goldstein=code.goldstein,
                plover=code.plover(),
                modality="asserted",
                rule=f"{event.rule}+{how}->{code.root}",
            )
            for event in cand.events
        ]
        cand.modality = "asserted"


def _refusal_code(ctx: SentenceContext, cand: Candidate) -> str | None:
    """ "will not accept refugees", "would not meet their demands": a cooperative act the
    source says it will not do is a rejection (12x), asserted, as PLOVER codes it."""
    rules = ctx.rules
    event = cand.events[0]
    if event.modality != "negated" or cand.kind != "verb" or event.cameo_root not in rules.refusal_roots:
        return None
    children = list(cand.token.children)
    if not any(c.dep_ == "neg" for c in children):
        return None
    modal = rules.lex.future_aux | rules.lex.hypothetical_aux
    if not any(c.dep_ == "aux" and (c.lower_ in modal or c.lemma_ in modal) for c in children):
        return None
    if not refusal_stated(ctx, cand.token):
        return None  # "officials anticipate owners won't surrender them": a guess, nobody's refusal
    return by_prefix(rules.maps["refuse"], event.cameo)


def _future_recodable(ctx: SentenceContext, cand: Candidate) -> bool:
    rules = ctx.rules
    return (
        cand.events[0].modality in ("future", "hypothetical")
        and cand.kind == "verb"
        and not _controlled(rules, cand)
        and not in_condition(cand.token, rules.lex.conditional_marks)
        and commissive(ctx, cand.token)
        and not (
            cand.events[0].cameo_root in rules.future_cooperation_roots and only_possible(rules, cand.token)
        )
    )


def commissive(ctx: SentenceContext, token: Token) -> bool:
    """Is a future or possible event its source's own commitment or threat?

    Only then is it PLOVER's AGREE / THREATEN: reported as said ("said it will send troops",
    '"We will strike," he said'), spoken in the first person, or announced as readiness ("stands
    ready to negotiate"). A reporter's or analyst's "would allow", "will most likely meet" or
    "should resign" is speculation or opinion and keeps its modality."""
    rules = ctx.rules
    auxiliaries = [c for c in token.children if c.dep_ == "aux"]
    if any(a.lower_ in rules.obligation_aux for a in auxiliaries):
        return False
    if any(a.lemma_ == "have" for a in auxiliaries):
        return False  # "would have imposed": a counterfactual, not a commitment
    if any(c.dep_ == "advmod" and c.lower_ in rules.hedge_adverbs for c in token.children):
        return False  # "Putin likely will meet with Trump": a guess, not a commitment
    if not_a_commitment(ctx, token):
        return False
    subject = subject_of(token)
    if subject is not None and subject.lower_ in rules.first_person:
        return True
    marks = rules.lex.conditional_marks
    # (not "if necessary", "if possible": an elliptical condition hedges the act, it states no bargain)
    conditions = [c for c in token.children if c.dep_ in ("advcl", "ccomp")]
    if any(has_condition_mark(c, marks) and not elliptical_condition(c, rules.lex) for c in conditions):
        # a conditional threat or promise: "should Russia invade, we will impose sanctions"; not a fear or
        # a guess of what another might do ("officials fear that officers might retaliate if they spoke out")
        return not _content_of_a_thought(rules, token)
    return _reported_as_own(rules, token)


def _content_of_a_thought(rules: EventRules, token: Token) -> bool:
    """Is the clause what someone fears, expects or believes, rather than what a party says it will do?"""
    head = token.head
    if token.dep_ in ("acl", "relcl"):
        # "out of fear that officials might retaliate if they spoke out": a noun's content, unless the noun
        # is a statement, a warning or a threat ("a warning that it would strike if attacked": the warner's)
        return not {head.lemma_.lower()} & (rules.statement_nouns | rules.intent_report_verbs)
    reported = head.lemma_.lower() in rules.intent_report_verbs
    return token.dep_ == "ccomp" and head.pos_ == "VERB" and not reported


def refusal_stated(ctx: SentenceContext, token: Token) -> bool:
    """ "Britain will not lift the ban", "Bangladesh says it will not accept refugees": a refusal told as the
    sentence's own statement or in the source's words; not an agentless passive, a question, or a guess
    inside another verb's clause ("officials anticipate owners won't surrender them")."""
    if not_a_commitment(ctx, token):
        return False
    top = _clause_top(token)
    return top.dep_ == "ROOT" or commissive(ctx, token)


def _reported_as_own(rules: EventRules, token: Token) -> bool:
    """Climb from the event through its own clause (xcomp, conj, acomp: "stands ready to", "said it
    would meet and sign") to a verb of saying or a readiness word.  A clause of another verb's content
    or cause ("eager to prove it could host", "because he wanted to kill", "anticipate they won't
    surrender") is a motive, a proof or a guess, not the source's own word: the climb stops there unless
    that verb is itself a verb of saying."""
    current = token
    for _ in range(5):
        head = current.head
        if head.i == current.i or current.dep_ not in ("xcomp", "ccomp", "conj", "acomp", "advcl"):
            return False
        spec = rules.control_of(head.lemma_.lower())
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
        if current.dep_ in ("ccomp", "advcl") and not (current.dep_ == "ccomp" and infinitive):
            # '"We will sign," he said' is parsed either way; any other head ends the climb ("said it would
            # allow the WFP to deliver food" climbs on: the infinitive is the allowed act)
            return head.lemma_.lower() in rules.intent_report_verbs
        if current.dep_ == "xcomp" and spec is not None and spec.in_place:
            return True
        current = head
    return False


def not_a_commitment(ctx: SentenceContext, token: Token) -> bool:
    """What cannot be the source's promise or threat, however it is reported: an agentless passive ("the
    embargo is expected to be lifted", "the NRA can be beaten", "entry cannot be guaranteed": nobody commits)
    unless a political actor says it will be done ("the government says unions will be consulted"; "can be"
    is no promise), and a question ("are you ready to march?")."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    if passive and not any(c.dep_ == "agent" for c in token.children):
        if only_possible(ctx.rules, token) or not _announced_by_party(ctx, token):
            return True
    top = _clause_top(token)
    end = max(t.i for t in top.subtree)
    return any(t.text == "?" for t in token.doc[max(end - 1, 0) : end + 3] if t.sent == token.sent)


def _announced_by_party(ctx: SentenceContext, token: Token) -> bool:
    """Is the clause reported straight under a verb of saying whose subject is a political actor?"""
    head = token.head
    if token.dep_ not in REPORTED_DEPS or ctx.rules.lemma(head) not in ctx.rules.intent_report_verbs:
        return False
    speaker = subject_of(head)
    if speaker is not None and speaker.dep_ == "nsubjpass":
        speaker = None  # "he was told he would be released": the one told, not who told him
    mention = ctx.index.at(speaker) if speaker is not None else None
    return mention is not None and political_actor(ctx, mention)


def _clause_top(token: Token) -> Token:
    """The verb heading the clause chain the event sits in (through xcomp, conj, acomp)."""
    current = token
    while current.dep_ in ("xcomp", "conj", "acomp") and current.head.i != current.i:
        current = current.head
    return current


def only_possible(rules: EventRules, token: Token) -> bool:
    """ "It could host the games", "some detainees could now be released": cooperation that is only
    possible (`possibility_aux`) is nobody's promise; a possible use of force is still a threat."""
    return any(c.dep_ == "aux" and c.lower_ in rules.possibility_aux for c in token.children)


def _future_code(rules: EventRules, cand: Candidate) -> str | None:
    """PLOVER's category of a future event: cooperation is AGREE, force THREATEN; a yield announced for the
    future ("announced that he will resign") is CONCEDE, as the real-news guidelines code announced or agreed
    withdrawals (a military one stays AGREE: PLOVER's gold codes "will withdraw its troops" so)."""
    event = cand.events[0]
    root = event.cameo_root
    if event.cameo.startswith(rules.announced_yield_prefixes):
        return rules.announced_yield_code
    table = (
        rules.future_cooperation
        if root in rules.future_cooperation_roots
        else rules.future_conflict
        if root in rules.future_conflict_roots
        else None
    )
    return by_prefix(table, event.cameo) if table else None


def _controlled(rules: EventRules, cand: Candidate) -> bool:
    """True when a complement-taking verb already accounts for the event ("plans to send")."""
    token = cand.token
    for anc in [token, *token.ancestors][:4]:
        if anc.dep_ in ("xcomp", "ccomp", "dobj", "pcomp"):
            head = anc.head.lemma_.lower()
            spec = rules.complement_class.get(head)
            if (
                spec
                and not spec.in_place
                and not spec.future_recode
                and not (anc.dep_ == "ccomp" and head in rules.say_verbs)
            ):
                return True
    return False


def make_event_id(doc_id: str, sentence_index: int, trigger_token: int, cameo: str) -> str:
    """A stable id: the same document, sentence, trigger and code always give the same id."""
    import hashlib

    key = f"{doc_id}|{sentence_index}|{trigger_token}|{cameo}"
    return "ev:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
