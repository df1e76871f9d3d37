"""Emitting events: draft events from each candidate (one per action, its further parties kept), shared
arguments between conjoined events, and the final ranking (duplicates removed, statements below
what they report)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.events.candidates import Candidate
from eventcoder.events.context import SentenceContext
from eventcoder.events.recode import make_event_id
from eventcoder.events.triggers import JUDGEMENT_RULE
from eventcoder.model import Event, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

DRAFT = "draft_events"
SHARE = "share_arguments"
RANK = "rank_and_emit"
MAX_ACTORS = 3
# Cooperation whose conjoined subjects name no one else ("Norway and Russia sign an accord", "Kerry and Lavrov
# met in Geneva") is between them: one event each way, as CAMEO codes it (PLOVER's symmetric pair).
RECIPROCAL_QUADS = frozenset({1, 2})
# How a second trigger for the same action hangs on the first: "shot and killed", "an attack that killed 33".
_SAME_ACTION_DEPS = frozenset({"conj", "relcl"})
_SUBORDINATE_DEPS = frozenset({"advcl", "relcl", "acl", "pcomp", "amod", "npadvmod", "csubj", "prep", "pobj"})


def draft_events(ctx: SentenceContext) -> None:
    """One event per action: a candidate's source x target pairs become one event with the further
    parties in `other_sources` / `other_targets` (reciprocal cooperation stays coded both ways)."""
    for cand in ctx.table.in_order():
        cand.events = one_event_per_action(candidate_events(ctx, cand))
        ctx.table.note(cand, DRAFT, f"{len(cand.events)} event(s)")


def candidate_events(ctx: SentenceContext, cand: Candidate) -> list[Event]:
    code = ctx.rules.ontology.get(cand.code)
    if code is None:
        return []
    token, sent, doc = cand.token, ctx.sent, ctx.doc
    modality = cand.modality or "asserted"
    sources = list(cand.sources[:MAX_ACTORS]) or [None]
    target_slots: list[Mention | None] = list(cand.targets[:MAX_ACTORS]) or [None]
    trigger_text = trigger_words(cand)
    prominence = _prominence(cand.anchor)
    clause = (token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text))
    reciprocal = (
        code.quad_class in RECIPROCAL_QUADS
        and len([s for s in cand.sources if s is not None]) > 1
        and all(t.kind == "place" for t in cand.targets)  # "met in Geneva": the place is no party
    )
    events = []
    for source in sources:
        for target in [s for s in sources if s is not source] if reciprocal else target_slots:
            if source is not None and target is not None and source.start == target.start:
                continue
            events.append(
                Event(
                    event_id=make_event_id(doc.doc_id, ctx.sentence_index, token.i, cand.code),
                    doc_id=doc.doc_id,
                    sentence_index=ctx.sentence_index,
                    sentence=sent.text,
                    span=clause,
                    sentence_span=(sent.start_char, sent.end_char),
                    trigger=trigger_text,
                    source=source,
                    target=target,
                    **code.event_fields(),
                    modality=modality,
                    confidence=_confidence(cand, source, target, prominence, modality),
                    rule=cand.rule,
                    trigger_start=token.idx,
                    trigger_token=token.i,
                )
            )
    return events


def _confidence(
    cand: Candidate, source: Mention | None, target: Mention | None, prominence: float, modality: str
) -> float:
    """Higher for coded actors, specific codes and main-clause triggers; lower for unasserted events."""
    confidence = 0.45 + (0.2 if source and source.actor else 0.05 if source else 0)
    confidence += 0.15 if target and target.actor else 0.05 if target else 0
    confidence += 0.1 if len(cand.code) > 3 or not cand.code.endswith("0") else 0
    confidence += prominence - (0.1 if modality != "asserted" else 0)
    return round(min(confidence, 0.95), 2)


def trigger_words(cand: Candidate) -> str:
    """The trigger as printed: the head with its particle ("pulled out") or compound ("peace talks")."""
    token = cand.token
    words = [token]
    judgement = cand.rule.startswith(JUDGEMENT_RULE)
    for child in token.children:
        if child.dep_ == "prt" or (cand.kind == "noun" and child.dep_ == "compound"):
            words.append(child)
        elif judgement and child.dep_ in ("neg", "acomp", "attr"):  # "was not true"
            words.append(child)
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def _prominence(token: Token) -> float:
    """How central a trigger is to what the sentence reports: the main clause (or the clause a
    statement reports) scores higher than background in adverbial, relative or participle clauses,
    so the one event a sentence is about can be picked by confidence."""
    current = token
    for _ in range(8):
        if current.dep_ == "ROOT" or current.head.i == current.i:
            return 0.05
        if current.dep_ in _SUBORDINATE_DEPS:
            return -0.15
        current = current.head
    return 0.0


def share_arguments(ctx: SentenceContext) -> None:
    """Conjoined events of the same root share participants ("sent $200 million in equipment
    and let others send Ukraine weapons"): fill a missing source or target from a conjunct.
    Unlinked events in one sentence do not share: they usually involve different parties."""
    spacy_doc = ctx.sent.doc
    owned = [(cand, e) for cand in ctx.table.in_order() for e in cand.events]
    for cand, event in owned:
        for _, other in owned:
            if other is event or other.cameo_root != event.cameo_root or not _linked(spacy_doc, event, other):
                continue
            if event.target is None and other.target is not None and other.target is not event.source:
                event.target = other.target
                ctx.table.note(
                    cand, SHARE, f"target {other.target.text} from the conjoined '{other.trigger}'"
                )
            if event.source is None and other.source is not None and other.source is not event.target:
                event.source = other.source
                ctx.table.note(
                    cand, SHARE, f"source {other.source.text} from the conjoined '{other.trigger}'"
                )


def _family(token: Token) -> set[int]:
    found = {token.i}
    while token.dep_ in ("conj", "xcomp", "ccomp") and token.head.i != token.i:
        token = token.head
        found.add(token.i)
    return found


def _linked(spacy_doc: Doc, a: Event, b: Event) -> bool:
    if a.trigger_token is None or b.trigger_token is None:
        return False
    return bool(_family(spacy_doc[a.trigger_token]) & _family(spacy_doc[b.trigger_token]))


def rank_and_emit(ctx: SentenceContext) -> list[Event]:
    """The sentence's events: duplicates dropped, statements ranked below what they report."""
    table = ctx.table
    events: list[Event] = []
    seen: set[tuple[str, int | None, int | None]] = set()
    for cand in table.in_order():
        kept = []
        for event in cand.events:
            key = (
                event.cameo,
                event.source.start if event.source else None,
                event.target.start if event.target else None,
            )
            if key in seen:
                continue
            original = same_action(cand, event, events, ctx.rules.casualty_lemmas)
            if original is None:
                seen.add(key)
                kept.append(event)
            elif take_parties(original, event, fill_places=not _circumstance_noun(cand.token)):
                table.note(cand, RANK, f"its parties go to '{original.trigger}', the action it repeats")
        if len(kept) < len(cand.events):
            table.note(cand, RANK, f"{len(cand.events) - len(kept)} duplicate event(s) removed")
        cand.events = kept
        events.extend(kept)
    ranked = rank_statements(events, ctx.rules.statement_code)
    for cand in table.in_order():
        cand.events = [e for e in cand.events if any(e is r for r in ranked)]
        if not cand.events:
            table.drop(cand, RANK, "no event left (a statement without a coded speaker, or a duplicate)")
    return ranked


def same_action(
    cand: Candidate, event: Event, earlier: list[Event], casualties: frozenset[str] = frozenset()
) -> Event | None:
    """The earlier event that `event` is a second trigger for, if any: "shot and killed", "looted, razed and
    burned", "an attack that killed 33" (a conjunct or a relative clause of an earlier trigger, of the same
    PLOVER type, between the same parties, or a verb whose subject names it: "the bombing killed 12"). The
    real-news guidelines code one event. The casualties of one attack ("killed three people and wounded 260",
    "four were killed and a girl was wounded": conjoined verbs of `casualties`, or a participle telling the
    toll: "shelled the town, killing five") are one action whatever their victims."""
    token = cand.token
    head = token.head
    named = (
        _named_by_subject(token, event, earlier)
        or _toll_of(token, event, earlier, casualties)
        or _the_act_it_happened_in(token, event, earlier)
    )
    if named is not None:
        return named
    if token.dep_ not in _SAME_ACTION_DEPS or head.i == token.i:
        return None
    toll = token.dep_ == "conj" and {token.lemma_.lower(), head.lemma_.lower()} <= casualties
    if _own_objects(token, head) and not toll:
        return None
    plover = event.plover.get("type")
    return next(
        (
            other
            for other in earlier
            if plover
            and other.trigger_token == head.i
            and other.plover.get("type") == plover
            and _agree(other.source, event.source)
            and (toll or _agree(other.target, event.target))
        ),
        None,
    )


def _named_by_subject(token: Token, event: Event, earlier: list[Event]) -> Event | None:
    """ "The bombing in Kabul killed three people": the verb tells the toll of the act its subject names,
    an event already coded (of the same PLOVER type): one action."""
    plover = event.plover.get("type")
    subjects = _subjects(token)
    if not subjects and token.dep_ == "conj":  # "... killed three people and wounded 60"
        subjects = _subjects(token.head)
    return next(
        (o for o in earlier if plover and o.trigger_token in subjects and o.plover.get("type") == plover),
        None,
    )


_CIRCUMSTANCE_PREPS = ("in", "during")
_CLAUSE_CHAIN = ("advcl", "conj", "xcomp", "ccomp", "prep", "pobj")


def _circumstance_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ in _CIRCUMSTANCE_PREPS


def _the_act_it_happened_in(token: Token, event: Event, earlier: list[Event]) -> Event | None:
    """ "killed 23 people when they blew themselves up in the second-worst attack": a nominal act named in an
    "in"/"during" phrase of the clause of an earlier act of the same PLOVER type is that act, told again."""
    plover = event.plover.get("type")
    if not plover or not _circumstance_noun(token):
        return None
    same = {o.trigger_token: o for o in earlier if o.plover.get("type") == plover}
    current = token.head
    for _ in range(5):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.i in same:
            return same[current.i]
        if current.dep_ not in _CLAUSE_CHAIN:
            return None
    return None


def _subjects(token: Token) -> set[int]:
    return {c.i for c in token.children if c.dep_ in ("nsubj", "nsubjpass")}


def _toll_of(token: Token, event: Event, earlier: list[Event], casualties: frozenset[str]) -> Event | None:
    """The earlier act whose toll a casualty verb tells through a bare participle or a conjunct: "shelled the
    town, killing five and wounding ten", "air strikes hit a market, killing 30" (the act, or its clause's
    subject, of the same PLOVER type and source).  A participle with its own subordinator ("after killing")
    tells another act."""
    plover = event.plover.get("type")
    if not plover or token.lemma_.lower() not in casualties:
        return None
    same = [o for o in earlier if o.plover.get("type") == plover and _agree(o.source, event.source)]
    current = token
    for _ in range(4):
        link = current.dep_
        if link not in ("conj", "advcl") or current.head.i == current.i:
            return None
        if link == "advcl" and (current.tag_ != "VBG" or any(c.dep_ == "mark" for c in current.children)):
            return None
        current = current.head
        anchors = {current.i} | _subjects(current)
        found = next((o for o in same if o.trigger_token in anchors), None)
        if found is not None:
            return found
    return None


def take_parties(original: Event, repeat: Event, fill_places: bool = True) -> bool:
    """The one event of an action keeps the parties its second trigger names where it has none or only a
    place ("shelled the town, killing five civilians": the civilians are the victims); True if it took any.
    `fill_places` False: only where it has none (a noun "in the attack" names its parties loosely)."""
    took = False
    for slot in ("source", "target"):
        mine: Mention | None = getattr(original, slot)
        theirs: Mention | None = getattr(repeat, slot)
        other = original.target if slot == "source" else original.source
        if theirs is None or theirs.kind == "place" or (other is not None and other.start == theirs.start):
            continue
        if mine is None or (fill_places and mine.kind in ("place", "implicit")):
            setattr(original, slot, theirs)
            took = True
    return took


def _own_objects(a: Token, b: Token) -> bool:
    """Both verbs have a direct object: two actions ("burned the market and kidnapped the mayor")."""
    return all(any(c.dep_ == "dobj" for c in t.children) for t in (a, b))


def _agree(a: Mention | None, b: Mention | None) -> bool:
    return a is None or b is None or a.start == b.start


def rank_statements(events: list[Event], statement_code: str = "010") -> list[Event]:
    """Keep "X said ..." beside the events X reports, but never as the sentence's main event.

    Reported speech codes the reported event (Y -> Z) *and* the statement by X, so an analyst sees
    who made the claim. A statement is only worth keeping when its speaker is a coded actor; and it
    ranks below every other event of its sentence, so a consumer picking one event per sentence
    (PentaClass, dashboards) gets what was reported rather than the act of reporting it.
    """
    if not any(e.cameo != statement_code for e in events):
        return events
    kept = [
        e
        for e in events
        if e.cameo != statement_code
        or (e.source is not None and e.source.actor is not None and e.source.actor.code)
    ]
    lower_statements(kept, statement_code)
    return kept


def lower_statements(events: list[Event], statement_code: str = "010") -> None:
    """Give each plain statement ("X said") a confidence below every other event of its sentence (a more
    specific comment such as condolences, 018, is what its sentence says and keeps its place).

    The events stage ranks statements this way, but the learned verifier then rescores the other events
    (not statements, which the real-news measures do not count) and often below the statement's rule
    confidence: "Russia has begun withdrawing troops, Shoigu said" would be picked as a statement again.
    The pipeline calls this again after verification, so the ranking holds for what is emitted.
    """
    floors: dict[int, float] = {}
    for event in events:
        if event.cameo != statement_code:
            floor = floors.get(event.sentence_index, event.confidence)
            floors[event.sentence_index] = min(floor, event.confidence)
    for event in events:
        if event.cameo == statement_code and event.sentence_index in floors:
            ceiling = floors[event.sentence_index] - 0.05
            event.confidence = round(max(0.05, min(event.confidence, ceiling)), 2)


ActionKey = tuple[int, str, int | None, int | None, str, str, str]


def action_key(event: Event) -> ActionKey:
    """What identifies one action: its sentence (the title's text for a headline event), its trigger and
    its code and modality. Every dyad drafted from one candidate shares it."""
    title = event.sentence if event.sentence_index < 0 else ""
    return (
        event.sentence_index,
        title,
        event.trigger_start,
        event.trigger_token,
        event.trigger,
        event.cameo,
        event.modality,
    )


def one_event_per_action(events: list[Event]) -> list[Event]:
    """One event per action, as PLOVER and POLECAT record it: the dyads drafted from one trigger ("France
    and Germany condemned Russia and Belarus") become one event whose `source` and `target` are its surest
    dyad's (the highest confidence: resolved parties first; on a tie the rules' best-evidenced party) and
    whose `other_sources` and `other_targets` keep the other parties, so nothing is lost.

    Why: the real-news guidelines (after PLOVER) record one event per action, so every further dyad of a
    GDELT-style per-pair coding was a false positive. Reciprocal cooperation ("Kerry and Lavrov met", each
    the other's target, coded both ways as CAMEO does) stays two events: the guidelines code it so too."""
    groups: dict[ActionKey, list[Event]] = {}
    for event in events:
        groups.setdefault(action_key(event), []).append(event)
    kept = []
    for event in events:
        group = groups[action_key(event)]
        if len(group) == 1 or _reciprocal(group):
            kept.append(event)
            continue
        main = max(group, key=lambda e: e.confidence)  # the first of equals: the rules' order
        if event is group[0]:
            main.other_sources = _further(main.source, [*(e.source for e in group), *main.other_sources])
            main.other_targets = _further(main.target, [*(e.target for e in group), *main.other_targets])
            kept.append(main)
    return kept


def _reciprocal(group: list[Event]) -> bool:
    """ "Kerry and Lavrov met": each conjoined subject is the other's target."""
    sources = {e.source.start for e in group if e.source is not None}
    return len(sources) > 1 and all(e.target is not None and e.target.start in sources for e in group)


def _further(main: Mention | None, parties: list[Mention | None]) -> list[Mention]:
    """The distinct parties other than the main one, in the order the rules found them."""
    seen = {main.start} if main is not None else set()
    found = []
    for party in parties:
        if party is not None and party.start not in seen:
            seen.add(party.start)
            found.append(party)
    return found
