"""Knowledge-base lookup: one greedy longest-match pass of names and sector words over the tokens."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventcoder.actors.kb import (
    DIRECTIONS,
    Entry,
    Lexicon,
    Match,
    _norm,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc


def find_matches(spacy_doc: Doc, lex: Lexicon) -> list[Match | None]:
    """Greedy longest-match of names and sector terms; one slot per token."""
    parsed = list(spacy_doc)  # one pass: each iteration builds new Token objects
    tokens = [t.text for t in parsed]
    low = [_norm(t) for t in tokens]
    lemmas = [_norm(t.lemma_) for t in parsed]
    slots: list[Match | None] = [None] * len(tokens)
    i, n = 0, len(tokens)
    while i < n:
        skip = _discard_at(i, low, lex) if low[i] in lex.discard_first else 0
        if skip:
            i += skip
            continue
        first = low[i] in lex.first_tokens or lemmas[i] in lex.first_tokens
        match = _match_at(i, (tokens, low, lemmas), lex, spacy_doc) if first else None
        if match is None and "-" in tokens[i][1:]:
            match = _hyphen_state(i, tokens[i], lex)
        if match is None:
            i += 1
            continue
        for j in range(match.start, match.end):
            slots[j] = match
        i = match.end
    if lex.acronym_states:
        _settle_acronyms(slots, tokens, lex)
    return slots


def _hyphen_state(i: int, token: str, lex: Lexicon) -> Match | None:
    """A state written as one token with its hyphenated suffix ("U.S.-led", "Iran-backed"): the state
    before the last hyphen (whether it is the actor's own or a backer is the mention builder's call)."""
    prefix = token.rsplit("-", 1)[0]
    named = lex.exact.get((prefix,)) or (lex.names.get((_norm(prefix),)) if prefix[:1].isupper() else None)
    if named is None or named[0].kind != "country":
        return None
    return Match(i, i + 1, entry=named[0], form=named[1])


def _settle_acronyms(slots: list[Match | None], tokens: list[str], lex: Lexicon) -> None:
    """An acronym several states' bodies share takes the body of the state the article named most
    recently before it ("the PRI" after "Mexico"), else of one it names later; with none of them
    named, the last-loaded entry stays."""
    order = [m.entry.country for k, m in enumerate(slots) if m and m.entry and _state_match_at(m, k)]
    last_seen: dict[str, int] = {}
    for k, match in enumerate(slots):
        if _state_match_at(match, k):
            assert match is not None and match.entry is not None and match.entry.country
            last_seen[match.entry.country] = k
            continue
        if match is None or match.start != k or match.entry is None:
            continue
        choices = lex.acronym_states.get(tuple(tokens[match.start : match.end]))
        if not choices:
            continue
        before = [c for c in choices if c in last_seen]
        later = [c for c in order if c in choices]
        country = max(before, key=last_seen.__getitem__) if before else (later[0] if later else None)
        if country is not None and country != match.entry.country:
            settled = replace(match, entry=choices[country][0], form=choices[country][1])
            for j in range(match.start, match.end):
                slots[j] = settled


def _state_match_at(match: Match | None, k: int) -> bool:
    return (
        match is not None and match.start == k and match.entry is not None and match.entry.kind == "country"
    )


def _discard_at(i: int, low: list[str], lex: Lexicon) -> int:
    """Length of the longest discard phrase ("Asian Cup", "Manchester United") starting at token i, else 0."""
    for length in range(min(lex.discard_len, len(low) - i), 0, -1):
        if tuple(low[i : i + length]) in lex.discards:
            return length
    return 0


def _match_at(
    i: int, words: tuple[list[str], list[str], list[str]], lex: Lexicon, spacy_doc: Doc
) -> Match | None:
    """The longest entry or term starting at token i, names before terms.
    `words` holds the token texts, their normalised forms and their normalised lemmas."""
    tokens, low, lemmas = words
    # Longer keys start with this token (exact: its normalised form); a one-token lemma or
    # singular key has its own first token, and length 1 is always tried.
    for length in range(min(lex.first_len.get(low[i], 1), len(tokens) - i), 0, -1):
        exact = lex.exact.get(tuple(tokens[i : i + length]))
        if exact:
            return Match(i, i + length, entry=exact[0], form=exact[1])
        key = tuple(low[i : i + length])
        named = lex.names.get(key)
        cap = tokens[i + 1] if low[i] == "the" and length > 1 else tokens[i]
        capital = cap[:1].isupper() or key in lex.plain_names
        if named and capital and _fits_entities(spacy_doc, i, i + length, named[0]):
            return Match(i, i + length, entry=named[0], form=named[1])
        term = lex.terms.get(key)
        if term is None and length > 0:
            lemma_key = key[:-1] + (lemmas[i + length - 1],)
            term = lex.terms.get(lemma_key)
        if term is None and key[-1].endswith("s") and len(key[-1]) > 3:
            # a capitalised plural is tagged PROPN and keeps its -s as lemma ("Slovak Soldiers")
            term = lex.terms.get(key[:-1] + (key[-1][:-1],))
        if term and (term.title or not _in_person_name(spacy_doc, i, i + length)):
            return Match(i, i + length, term=term, form="term")
    return None


def _in_person_name(spacy_doc: Doc, start: int, end: int) -> bool:
    """A sector noun written as part of a person's name is a name ("Hunter Biden", "Mr Farmer")."""
    return all(spacy_doc[k].ent_type_ == "PERSON" and spacy_doc[k].is_title for k in range(start, end))


def _fits_entities(spacy_doc: Doc, start: int, end: int, entry: Entry) -> bool:
    """Reject a state or organisation name that spaCy reads as part of a person's name,
    or as part of a longer place name ("West" in "West Darfur State", "Mexico" in "New Mexico")."""
    if entry.kind == "person":
        return True
    if spacy_doc[start].ent_type_ in ("GPE", "LOC"):
        ent_start, ent_end = start, end
        while ent_start > 0 and spacy_doc[ent_start].ent_iob_ == "I":
            ent_start -= 1
        while ent_end < len(spacy_doc) and spacy_doc[ent_end].ent_iob_ == "I":
            ent_end += 1
        if spacy_doc[ent_start].lower_ == "the" and ent_start < start:
            ent_start += 1
        while ent_end > end and spacy_doc[ent_end - 1].tag_ == "POS":  # "The Ivory Coast's"
            ent_end -= 1
        extra = {t.lower_ for t in spacy_doc[ent_start:start]} | {t.lower_ for t in spacy_doc[end:ent_end]}
        if (ent_start < start or ent_end > end) and not (entry.kind == "country" and extra <= DIRECTIONS):
            return False
    if entry.code == entry.sector and _ends_longer_name(spacy_doc, start, end):
        return False
    return not _inside_longer_person(spacy_doc, start, end)


def _ends_longer_name(spacy_doc: Doc, start: int, end: int) -> bool:
    """A body named by its sector alone ("the House": LEG) whose name is only the last word of a longer
    proper name ("House" in "the Sydney Opera House", "Government House"): the longer name is something
    else, most often a building."""
    head = spacy_doc[end - 1]
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < start for c in head.children)


def _inside_longer_person(spacy_doc: Doc, start: int, end: int) -> bool:
    """True when [start, end) lies in a spaCy PERSON name that reaches beyond it ("West" in
    "Kanye West").  A name that covers the whole PERSON entity is kept: spaCy often reads an
    organisation's name as a person's ("Boko Haram"), and the knowledge base knows better."""
    for k in range(start, end):
        tok = spacy_doc[k]
        if tok.ent_type_ != "PERSON":
            continue
        ent_start, ent_end = _entity_bounds(spacy_doc, k)
        if ent_start < start or ent_end > end:
            return True
    return False


def _entity_bounds(spacy_doc: Doc, k: int) -> tuple[int, int]:
    """Token range of the spaCy entity that token k belongs to."""
    ent_start, ent_end = k, k + 1
    while ent_start > 0 and spacy_doc[ent_start].ent_iob_ == "I":
        ent_start -= 1
    while ent_end < len(spacy_doc) and spacy_doc[ent_end].ent_iob_ == "I":
        ent_end += 1
    return ent_start, ent_end
