"""Actor mentions at tokens: the events stage's view of `Document.mentions`.

`MentionIndex.at(token)` is the one answer to "which mention is at this token" for the events
passes, with a spaCy-entity fallback for names the actors stage did not resolve.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.model import Actor, Document, Mention
from eventcoder.syntax import own_span

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# spaCy entities that may stand for a party the actors stage did not resolve; a facility (FAC: "the Europe
# Bridge") is a thing or a place, never a party
_ENTITY_LABELS = ("GPE", "NORP", "ORG", "PERSON", "LOC")
_PLACE_LABELS = ("GPE", "LOC", "FAC")


class MentionIndex:
    """Token -> actor mention lookups over `Document.mentions`, with a spaCy-entity fallback."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.by_token: dict[int, list[Mention]] = {}
        for mention in doc.mentions:
            for i in range(mention.token_start, mention.token_end):
                self.by_token.setdefault(i, []).append(mention)
        self.entities: dict[int, Span] = {}
        assert doc.nlp_doc is not None
        for ent in doc.nlp_doc.ents:
            if ent.label_ in _ENTITY_LABELS:
                for i in range(ent.start, ent.end):
                    self.entities[i] = ent
        self._fallback: dict[int, Mention] = {}

    def at(self, token: Token, strict: bool = False) -> Mention | None:
        """The smallest mention containing the token, else (unless strict) a mention in its own phrase."""
        found = self.by_token.get(token.i)
        if found:
            return min(found, key=lambda m: m.token_end - m.token_start)
        if strict:
            ent = self.entities.get(token.i)
            return self._entity_mention(ent) if ent is not None else None
        left, right = own_span(token)
        inside = {m.mention_id: m for i in range(left, right + 1) for m in self.by_token.get(i, [])}
        if inside:
            # "its European Community partners": the named actor, not the possessive pronoun;
            # among several, the one nearest the head word; at equal distance the owner before it
            # ("the Obama administration's approach toward Syria" is the administration's)
            doc = token.doc
            return min(
                inside.values(),
                key=lambda m: (
                    m.kind == "pronoun" and doc[m.token_start].dep_ == "poss",
                    abs(token.i - (m.token_end - 1)),
                    m.token_start > token.i,
                    m.token_end - m.token_start,
                ),
            )
        for i in [token.i, *range(left, right + 1)]:
            ent = self.entities.get(i)
            if ent is not None:
                return self._entity_mention(ent)
        return None

    def for_conjuncts(self, token: Token) -> list[Mention | None]:
        """One mention per conjunct: "Russia and China" -> [Russia, China]; a title that names no actor stands
        for the names in apposition to it ("presidential hopefuls Marco Rubio and Jeb Bush" -> both)."""
        out: list[Mention | None] = []
        seen: set[int] = set()
        for tok in [token, *token.conjuncts]:
            mention = self.at(tok)
            named = [mention] if mention is not None else self._apposed(tok)
            for found in named:
                if found is not None and found.start not in seen:
                    seen.add(found.start)
                    out.append(found)
        return out

    def _apposed(self, token: Token) -> list[Mention | None]:
        """The mentions of a common noun's proper-name appositions and their conjuncts."""
        names = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        return [self.at(t) for name in names for t in [name, *name.conjuncts]]

    def named(self, token: Token) -> list[Mention]:
        """`for_conjuncts` without the empty slots."""
        return [m for m in self.for_conjuncts(token) if m]

    def _entity_mention(self, ent: Span) -> Mention:
        cached = self._fallback.get(ent.start)
        if cached is None:
            sentence_index = 0
            for i, sentence in enumerate(self.doc.sentences):
                if sentence.start <= ent.start_char < sentence.end:
                    sentence_index = i
                    break
            cached = Mention(
                mention_id=-1 - len(self._fallback),
                text=ent.text,
                start=ent.start_char,
                end=ent.end_char,
                sentence_index=sentence_index,
                token_start=ent.start,
                token_end=ent.end,
                actor=None,
                # an unresolved town or region is a scene, as the actors stage's known places are
                # ("the DC protests", "a Rose Garden news conference"), not a party
                kind="place" if ent.label_ in _PLACE_LABELS else "name",
                rule=f"events:spacy-entity:{ent.label_}",
            )
            self._give_state(cached, ent)
            self._fallback[ent.start] = cached
        return cached

    def _give_state(self, mention: Mention, ent: Span) -> None:
        """A name the actors stage did not resolve still belongs to a state: a town to the state it lies in
        ("Nahr-e Saraj", "Cleveland"; a continent has none), a person or body to the article's context state
        ("LaHood", "Pat Lynch" in a story on Washington), as the actors stage gives an unknown person
        (actors/context.py).  Only the state: its sector stays unknown."""
        from eventcoder.geo import place_country

        prefer = [self.doc.context_country] if self.doc.context_country else []
        country = None
        if ent.label_ in _PLACE_LABELS:
            country = place_country(ent.text, prefer)
        how = "the state the place lies in"
        if ent.label_ == "ORG" and " " not in ent.text and place_country(ent.text, prefer):
            # spaCy labels some towns ORG ("the Benghazi attack"): a one-word name the gazetteer knows is the
            # town (a body named after one has more words: "the Chicago Tribune")
            country = place_country(ent.text, prefer)
            mention.kind = "place"
        elif ent.label_ in ("ORG", "PERSON"):
            country, how = self.doc.context_country, "document context"
        if country is not None:
            mention.actor = Actor(code=country, country=country)
            mention.rule += f"; country {country} from {how}"


def actor_key(mention: Mention) -> tuple[str | None, str | None]:
    actor = mention.actor
    return (actor.code, actor.country) if actor else (None, None)


def has_country(mention: Mention) -> bool:
    """True when the mention names a state or an organisation (not just a sector like MIL)."""
    actor = mention.actor
    return actor is not None and (actor.country is not None or actor.code[:3] in ("IGO", "NGO", "IMG"))


def overlaps_any(mention: Mention, others: list[Mention]) -> bool:
    """Does the mention share a token with any of `others` ("Russian" inside "Russian President Putin")?"""
    return any(o.token_start < mention.token_end and mention.token_start < o.token_end for o in others)


def same_party(index: MentionIndex, own: list[Mention]) -> set[int]:
    """Ids of the mentions that corefer with `own` ("North Korea claims it test-launched ...": "it")."""
    ids = {m.mention_id for m in own} | {m.antecedent for m in own if m.antecedent is not None}
    return ids | {m.mention_id for m in index.doc.mentions if m.antecedent in ids}


def compound_owner(token: Token, index: MentionIndex) -> Mention | None:
    """A naming modifier nested inside a compound ("a Security Council resolution": the
    Council owns the resolution although the parser attaches it to "resolution")."""
    for child in token.children:
        if child.dep_ == "compound" and child.i < token.i:
            mention = index.at(child, strict=True) or compound_owner(child, index)
            if mention is not None:
                return mention
    return None


def stranded_subjects(verb: Token, index: MentionIndex) -> list[Mention]:
    """Subjects of a main verb the parser left subjectless ("With the signing of a memorandum,
    the government and the rebels have agreed ..." often hangs the subject on the opening
    phrase): the actor phrase standing right before the verb and its auxiliaries, with the
    phrases it is coordinated with."""
    helpers = [c.i for c in verb.children if c.dep_ in ("aux", "neg", "advmod") and c.i < verb.i]
    first = min([verb.i, *helpers])
    if first == 0:
        return []
    before = verb.doc[first - 1]
    mention = index.at(before, strict=True)
    if mention is None or mention.actor is None:
        return []
    found = {mention.start: mention}
    current = before
    while current.dep_ == "conj" and current.head.i != current.i:
        current = current.head
        head_mention = index.at(current, strict=True)
        if head_mention is None or head_mention.actor is None:
            break
        found[head_mention.start] = head_mention
    return [found[k] for k in sorted(found)]
