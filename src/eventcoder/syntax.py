"""Questions about the dependency parse that several stages ask: one function per concept.

Why one module: "the subject of a verb" or "the verb governing a noun" were written three or
four times with small differences, so a parse repair made in one place was missing in the
others. Everything here reads spaCy tokens only; no stage knowledge, no word lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


SUBJECT_DEPS = frozenset({"nsubj", "csubj", "nsubjpass"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def governing_verb(token: Token) -> Token | None:
    """The nearest verb (or auxiliary) above the token: the clause it belongs to."""
    for anc in token.ancestors:
        if anc.pos_ in ("VERB", "AUX"):
            return anc
    return None


def misread_main_verb(verb: Token) -> bool:
    """A clause on a noun that is really the sentence's main verb: finite ("groups donated"),
    or a bare participle in a sentence whose root is a noun, i.e. that has no verb otherwise."""
    if verb.head.pos_ not in ("NOUN", "PROPN") or verb.head.i == verb.i:
        return False
    if verb.tag_ in FINITE_TAGS:
        return True
    root = verb.sent.root
    return (
        verb.tag_ == "VBN"
        and root.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ in ("agent", "auxpass") for c in verb.children)
    )


def subject_of(token: Token, hops: int = 7) -> Token | None:
    """The subject of a verb, inherited through xcomp/conj/relative clauses when it has none."""
    current = token
    for _ in range(hops):
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            # several subjects are a parse error ("If A invades B, C will close ..."): the nearest wins
            child = min(subjects, key=lambda c: (c.i > current.i, abs(current.i - c.i)))
            if child.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                return current.head
            return child
        if current.dep_ == "relcl":
            return current.head
        if current.dep_ == "acl" and misread_main_verb(current):
            # "Doctors from two aid groups donated ...": the main verb parsed as a clause on the
            # noun before it; that noun is its subject
            return current.head
        if current.dep_ == "acl" and current.tag_ == "VBG" and current.head.i != current.i:
            # "issued a declaration demanding ...": the issuer demands
            current = governing_verb(current.head) or current.head
            continue
        controller = _object_controller(current)
        if controller is not None:
            return controller
        if current.dep_ in ("xcomp", "conj", "advcl", "pcomp", "prep") and current.head.i != current.i:
            current = _clause_verb_above(current.head)
            continue
        return None
    return None


def _object_controller(clause: Token) -> Token | None:
    """ "prompting Tehran to accuse Washington", "forced the minister to resign": a "to" clause after a verb's
    object is that object's act (the verb's subject only prompts it)."""
    if clause.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return None
    objects = [c for c in clause.head.children if c.dep_ == "dobj" and c.i < clause.i and _may_act(c)]
    return objects[0] if objects and clause.head.pos_ == "VERB" else None


MEASURE_ENTITIES = frozenset({"DATE", "TIME", "QUANTITY", "CARDINAL", "MONEY", "PERCENT"})


def _may_act(obj: Token) -> bool:
    """ "prompting Tehran to ...", not "faces three weeks to strike a deal": a time or an amount does
    nothing."""
    return obj.ent_type_ not in MEASURE_ENTITIES and not any(c.dep_ == "nummod" for c in obj.children)


def _clause_verb_above(token: Token) -> Token:
    """ "accused X of attacking", "took steps, including sending ...": climb to the clause's verb."""
    current = token
    for _ in range(3):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            break
        current = current.head
    return current


def nominal_gerund(token: Token) -> bool:
    """ "its involvement in killing", "a proposal for signing a treaty": a gerund inside a noun
    phrase names an activity, it does not report one."""
    head = token.head
    return token.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("NOUN", "PROPN")


def own_span(token: Token) -> tuple[int, int]:
    """The token's phrase (first and last token index) without its conjuncts, relative clauses
    and appositions."""
    left, right = token.left_edge.i, token.right_edge.i
    for child in token.children:
        if child.i > token.i and child.dep_ in ("conj", "cc", "relcl", "appos", "punct", "acl"):
            right = min(right, child.left_edge.i - 1)
    return left, right


def prep_objects(holder: Token, preps: tuple[str, ...] | frozenset[str]) -> list[Token]:
    """Objects of the holder's prepositions named in `preps` ("sanctions on Belarus" -> Belarus)."""
    return [
        pobj
        for prep in holder.children
        if prep.dep_ in ("prep", "dative") and prep.lower_ in preps
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def has_condition_mark(clause: Token, marks: frozenset[str]) -> bool:
    """Is this clause a condition: does it carry a conditional subordinator ("if", "unless"), or
    is it an inverted condition ("Should Russia invade, ...", "Had they known, ...", "Were China to
    attack, ...")?

    The one test of "is this clause a condition", used by modality and by the events passes
    (recoding, threat targets); the words are control.yaml's `conditional_marks`."""
    return any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children) or inverted_condition(
        clause, marks
    )


def inverted_condition(clause: Token, marks: frozenset[str]) -> bool:
    """A subordinate clause opened by a conditional auxiliary standing before its subject:
    "Should Russia invade" (aux "should" before "Russia"), "Were China to attack" (the clause's
    own head "were" before "China"). A main clause is a question ("Should the US act?"), not a
    condition, and a clause with its own subordinator ("as were the police") is not inverted."""
    if clause.dep_ == "ROOT" or clause.head.i == clause.i:
        return False
    children = list(clause.children)
    if any(c.dep_ == "mark" and c.lower_ != "that" for c in children):
        return False
    opening = [c for c in [*children, clause] if c.dep_ not in ("mark", "punct") and c.i <= clause.i]
    first = min(opening, key=lambda c: c.i, default=None)
    return (
        first is not None
        and first.lower_ in marks
        and (first.dep_ in ("aux", "auxpass") or first.i == clause.i)
        and any(c.dep_ in SUBJECT_DEPS and c.i > first.i for c in children)
    )


def in_condition(token: Token, marks: frozenset[str]) -> bool:
    """True when the token or a clause above it is a condition ("if Russia decides to invade")."""
    return any(has_condition_mark(anc, marks) for anc in [token, *token.ancestors])


def tree_distance(a: Token, b: Token) -> int:
    """Arcs between two tokens of one sentence in the dependency tree."""
    depth = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in depth:
            return n + depth[t.i]
    return len(a.doc)
