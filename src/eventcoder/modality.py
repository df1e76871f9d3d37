"""Modality of an event trigger, read off the dependency parse.

An event reported in a news sentence may not have happened: it can be negated ("did
not attack"), conditional ("if Russia decides to invade"), merely possible ("could
attack"), announced for the future ("will impose"), denied ("denied attacking") or asked
about. Coding such events as if they happened is the classic event-data error, so every
event carries one of `model.MODALITIES`; only "asserted" ones count as having occurred.
The word lists live in data/events/control.yaml; this module only walks the tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eventcoder.syntax import has_condition_mark

if TYPE_CHECKING:
    from spacy.tokens import Token

# Clause links we climb when looking for what governs a trigger's truth.
_EMBEDDING_DEPS = {
    "xcomp",
    "ccomp",
    "pcomp",
    "advcl",
    "conj",
    "relcl",
    "acl",
    "csubj",
    "dobj",
    "pobj",
    "prep",
    "nsubj",
    "nsubjpass",
    "attr",
    "appos",
    "compound",
    "amod",
    "npadvmod",
    "acomp",
}
# Prepositions whose gerund is a complement-taking verb's content: "aimed at ending", "agreed on lifting".
CONTENT_PREPS = frozenset({"at", "on", "upon", "to", "toward", "towards", "against"})
# Links through which the governor's own negation, condition or modal carries to what it embeds.
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "csubj", "acomp"})


@dataclass
class ModalityLexicon:
    """Word lists that decide modality (loaded from control.yaml by the events stage)."""

    negators: frozenset[str] = frozenset()
    future_aux: frozenset[str] = frozenset()
    hypothetical_aux: frozenset[str] = frozenset()
    conditional_marks: frozenset[str] = frozenset()
    # complement-taking verb lemma -> modality its complement gets ("refuse" -> negated)
    complement_modality: dict[str, str] = field(default_factory=dict)
    # attempt verbs whose complement happened only in the past tense ("tried to block", not "is trying to")
    past_asserted: frozenset[str] = frozenset()
    # reporting verbs: a "that" clause under them is reported content, not an order or appeal
    # ("a court was told soldiers beat detainees" reports a beating; "told them to leave" does not)
    reporting: frozenset[str] = frozenset()
    # adverbs that make "have / be ... to VERB" a pending, not yet done, act ("have yet to agree")
    pending_adverbs: frozenset[str] = frozenset()
    # adverbs of an alternative not taken ("rather than charging them", "instead of imposing sanctions")
    rejected_alternatives: frozenset[str] = frozenset()
    # words of a past or present date ("last week", "this week"): a present tense with one is no schedule
    past_time_words: frozenset[str] = frozenset()
    # verbs whose "from" gerund is kept from happening ("protect the grave from being vandalized")
    preventing_verbs: frozenset[str] = frozenset()
    # nouns whose "of" gerund or participle has not happened ("fears of their children being killed")
    unrealised_heads: frozenset[str] = frozenset()
    # nouns whose "to" infinitive is asked for, promised, refused or feared, not done ("a demand for Turkey
    # to recognise Cyprus", "calls to impose sanctions", "his refusal to sign"), with the modality it takes
    infinitive_heads: dict[str, str] = field(default_factory=dict)
    # subordinators of a time still to come with a present tense ("before they agree to a funding measure")
    pending_marks: frozenset[str] = frozenset()

    @staticmethod
    def from_control(control: dict[str, Any]) -> ModalityLexicon:
        aux = control.get("modal_aux", {})
        comp: dict[str, str] = {}
        past: set[str] = set()
        for spec in control.get("complement_classes", {}).values():
            for lemma in spec.get("lemmas", []):
                comp.setdefault(str(lemma), str(spec.get("modality", "asserted")))
            past |= {str(lemma) for lemma in spec.get("lemmas", []) if spec.get("past_asserted")}
        return ModalityLexicon(
            negators=frozenset(str(w) for w in control.get("negators", [])),
            future_aux=frozenset(str(w) for w in aux.get("future", [])),
            hypothetical_aux=frozenset(str(w) for w in aux.get("hypothetical", [])),
            conditional_marks=frozenset(str(w) for w in control.get("conditional_marks", [])),
            complement_modality=comp,
            past_asserted=frozenset(past),
            reporting=frozenset(str(w) for w in control.get("say_verbs", [])),
            pending_adverbs=frozenset(str(w) for w in control.get("pending_adverbs", [])),
            rejected_alternatives=frozenset(str(w) for w in control.get("rejected_alternatives", [])),
            past_time_words=frozenset(str(w) for w in control.get("past_time_words", [])),
            preventing_verbs=frozenset(str(w) for w in control.get("preventing_verbs", [])),
            unrealised_heads=frozenset(str(w) for w in control.get("unrealised_heads", [])),
            infinitive_heads=_infinitive_heads(control),
            pending_marks=frozenset(str(w) for w in control.get("pending_marks", [])),
        )


def elliptical_condition(clause: Token, lex: ModalityLexicon) -> bool:
    """ "if necessary", "if needed", "if possible": a condition with no clause of its own, on the act it
    hangs on."""
    return (
        clause.dep_ == "advcl"
        and clause.pos_ in ("ADJ", "ADV")
        and any(c.dep_ == "mark" and c.lower_ in lex.conditional_marks for c in clause.children)
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)
    )


def _infinitive_heads(control: dict[str, Any]) -> dict[str, str]:
    """Nouns that take a complement event (`noun_complement_classes`) with their class's modality, and the
    nouns of what has not happened or only provides for it (`unrealised_heads`, `proposal_heads`),
    hypothetical."""
    classes = control.get("complement_classes", {})
    words = [*control.get("unrealised_heads", []), *control.get("proposal_heads", [])]
    heads = {str(w): "hypothetical" for w in words}
    for noun, name in control.get("noun_complement_classes", {}).items():
        heads[str(noun)] = str(classes.get(name, {}).get("modality", "hypothetical"))
    return heads


def _local(token: Token, lex: ModalityLexicon) -> set[str]:
    """Modality marked on the token itself: its negation, auxiliaries and subordinator."""
    found: set[str] = set()
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ in ("det", "advmod") and word in lex.negators):
            found.add("negated")
        elif child.dep_ in ("aux", "auxpass"):
            if word in lex.future_aux or child.lemma_ in lex.future_aux:
                found.add("future")
            elif word in lex.hypothetical_aux or child.lemma_ in lex.hypothetical_aux:
                found.add("hypothetical")
    if has_condition_mark(token, lex.conditional_marks):
        found.add("conditional")
    if any(elliptical_condition(c, lex) for c in token.children):
        found.add("hypothetical")  # "to evacuate their nationals if necessary": only should the need arise
    if _negated_subject(token, lex) or _alternative_not_taken(token, lex):
        found.add("negated")
    if _scheduled(token, lex) or _pending_clause(token, lex):
        found.add("future")
    construction = _governing_construction(token, lex) | _noun_infinitive(token, lex)
    return found | construction | _unrealised_gerund(token, lex)


def _noun_infinitive(token: Token, lex: ModalityLexicon) -> set[str]:
    """ "calls to impose sanctions", "bow to demands to recognise the country", "an EU demand for Turkey to
    recognise Cyprus", "a plea from Kiev to send weapons": the infinitive of a demand, plea, plan, threat or
    refusal noun (`infinitive_heads`) is what is asked for or feared, not an act done.  The parser hangs the
    infinitive on the noun (acl, relcl) or, past a "for"/"from" phrase, on the main verb; either way the noun
    stands right before the "to" or heads the phrase that does."""
    to = next((c for c in token.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or to.i == 0:
        return set()
    before = token.doc[to.i - 1]
    nouns = [token.head] if token.dep_ in ("acl", "relcl") else []
    nouns.append(before)
    if before.dep_ == "pobj" and before.head.dep_ == "prep":
        nouns.append(before.head.head)
    for noun in nouns:
        modality = lex.infinitive_heads.get(noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
        if modality is not None and modality != "asserted":
            return {modality}
    return set()


def _unrealised_gerund(token: Token, lex: ModalityLexicon) -> set[str]:
    """ "without being killed", "left without firing a shot", "protect the gravesite from being vandalized"
    (negated), "fears of their children being killed", "the risk of Russia invading" (hypothetical): a gerund
    or participle under a preposition or noun that says the act did not happen."""
    if token.tag_ not in ("VBG", "VBN"):
        return set()
    head = token.head
    if token.dep_ == "pcomp" and head.lower_ == "without":
        return {"negated"}
    if token.dep_ == "pcomp" and head.lower_ == "from" and head.head.lemma_ in lex.preventing_verbs:
        return {"negated"}
    # a passive participle counts only with "being": "children being killed", not "talks hosted by Canada"
    being = any(c.dep_ == "auxpass" and c.tag_ == "VBG" for c in token.children)
    nouns = [head.head] if token.dep_ == "pcomp" and head.lower_ == "of" else []
    if token.dep_ == "acl" and being:
        nouns.append(head)  # "fears [of children] being killed": the fear, or the noun under its "of"
        if head.dep_ == "pobj" and head.head.lower_ == "of":
            nouns.append(head.head.head)
    if any(n.lemma_.lower() in lex.unrealised_heads for n in nouns):
        return {"hypothetical"}
    return set()


PRESENT_TAGS = frozenset({"VBZ", "VBP"})
_DATE_DEPS = frozenset({"npadvmod", "prep", "tmod", "advmod", "obl"})


def _pending_clause(token: Token, lex: ModalityLexicon) -> bool:
    """ "insist on a deal before they agree to a funding measure", "will not disarm until the army withdraws":
    a present-tense clause of a time still to come (`pending_marks`), under a clause that is not past, tells
    what has not happened yet."""
    if token.dep_ != "advcl" or token.tag_ not in ("VBP", "VBZ") or token.head.tag_ in ("VBD", "VBN"):
        return False
    return any(c.dep_ == "mark" and c.lower_ in lex.pending_marks for c in token.children)


def _scheduled(token: Token, lex: ModalityLexicon) -> bool:
    """ "World leaders meet in New York in September", "the council votes on Tuesday": a verb in the simple
    present (no auxiliary) with a date of its own that is not past or present tells a schedule, an event
    still to come. News tells what happened in the past tense, so a present with a date is a plan."""
    if token.tag_ not in PRESENT_TAGS or token.lemma_ in lex.reporting:
        return False  # "says Tuesday (that ...)" reports what was said
    if any(c.dep_ in ("aux", "auxpass") for c in token.children):
        return False
    for child in token.children:
        if child.dep_ not in _DATE_DEPS or child.i < token.i:
            continue  # "On Monday, Romney calls for ...": a date told first is the narrative's present
        heads = [child, *(g for g in child.children if g.dep_ == "pobj")]
        words = [w for h in heads if h.ent_type_ == "DATE" for w in h.subtree]
        if words and not any(w.lower_ in lex.past_time_words for w in words):
            return True
    return False


def _governing_construction(token: Token, lex: ModalityLexicon) -> set[str]:
    """Modality set by the construction the trigger completes: "is going to attack" and "the Council is to
    hold a meeting" (future), "have yet to agree" and "is yet to withdraw" (not done so far), "has to
    accept" (an obligation, hypothetical)."""
    head = token.head
    if token.dep_ != "xcomp":
        return set()
    if head.lemma_ in ("have", "be") and any(
        c.dep_ == "advmod" and c.lower_ in lex.pending_adverbs for c in head.children
    ):
        return {"negated"}
    if head.lemma_ == "go" and head.tag_ == "VBG":
        return {"future"}
    if head.lemma_ == "be" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return {"future"}
    if head.lemma_ == "have" and head.tag_ != "VBD" and any(c.lower_ == "to" for c in token.children):
        return {"hypothetical"}  # "has to accept", "will have to involve": an obligation ("had to" was done)
    return set()


def _alternative_not_taken(token: Token, lex: ModalityLexicon) -> bool:
    """ "rather than charging them", "instead of imposing sanctions", "negotiate rather than attack":
    the act set aside did not happen."""
    head = token.head
    if token.dep_ == "pcomp":
        return any(c.dep_ == "advmod" and c.lower_ in lex.rejected_alternatives for c in head.children)
    if token.dep_ == "conj":
        return any(
            c.dep_ == "cc"
            and head.i < c.i < token.i
            and any(g.lower_ in lex.rejected_alternatives for g in c.children)
            for c in head.children
        )
    return False


def _negated_subject(token: Token, lex: ModalityLexicon) -> bool:
    """ "Neither city was struck", "No country has recognised ...", "No other president has visited":
    the subject's determiner (or its modifier's) negates."""
    return any(
        child.dep_ in ("nsubj", "nsubjpass") and _negated_phrase(child, lex) for child in token.children
    )


def _own_tensed_clause(clause: Token) -> bool:
    """A conjunct with its own subject and its own tense ("X would have been ..., but his nomination was
    killed"): the other clause's "would" or "will" is not its own."""
    subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    tensed = clause.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP") for c in clause.children
    )
    return subject and tensed


def _participle_of(clause: Token) -> bool:
    """A participle clause with no subject of its own ("..., urging the party to act"): its doer is the
    subject of the verb it hangs on."""
    return clause.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in clause.children)


def _negated_phrase(noun: Token, lex: ModalityLexicon) -> bool:
    """ "neither city", "no other president", "not one Republican", "not a single senator"."""
    modifiers = [noun, *(c for c in noun.children if c.dep_ in ("amod", "nummod"))]
    return any(
        g.dep_ in ("det", "preconj", "neg") and g.lower_ in lex.negators
        for m in modifiers
        for g in m.children
    ) or any(g.dep_ == "neg" and g.i < noun.i and g.head.i == noun.i for g in noun.children)


def _shares_negated_subject(token: Token, lex: ModalityLexicon) -> bool:
    """ "No one has been arrested or charged": a conjunct without its own subject shares its head's."""
    own = any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
    return token.dep_ == "conj" and not own and _negated_subject(token.head, lex)


def modality_of(token: Token, lex: ModalityLexicon, question: bool = False, max_hops: int = 6) -> str:
    """The modality of the event whose trigger head is `token`.

    Climbs from the trigger through the clauses that embed it, because truth is often
    decided higher up: "refused to send", "if Russia decides to invade", "will mass troops
    and attack". Precedence: conditional > denied > negated > question > hypothetical >
    future > asserted.
    """
    marks = _local(token, lex)
    current = token
    for _ in range(max_hops):
        dep = current.dep_
        head = current.head
        if head.i == current.i or dep not in _EMBEDDING_DEPS or (dep == "relcl" and _aside(current)):
            break
        if _done_to_the_noun(current) or _misparsed_clause(current, lex):
            break
        if _extraposed_infinitive(current, lex):
            marks.add("hypothetical")  # "it is wrong to attack civilians": an act judged, done by no one
        marks |= _marks_from_head(current, lex, marks)
        current = head
        if current.pos_ in ("VERB", "AUX"):
            marks |= {m for m in _local(current, lex) if m == "conditional"}
    return _resolve(marks, question)


def _marks_from_head(current: Token, lex: ModalityLexicon, marks: set[str]) -> set[str]:
    """What the clause the climb has reached lends the event below it: a complement takes its controlling
    verb's modality ("refused to send") and the verb's own negation or condition ("did not agree to
    send"); a conjunct the future or hypothetical of the verb it is joined to; a participle the denial of
    its subject."""
    dep, head = current.dep_, current.head
    complement = (
        dep in _COMPLEMENT_DEPS
        or (dep == "dobj" and current.pos_ == "VERB")
        or _stranded_complement(current, lex)
        or _listed_gerund(current, lex)
    )
    found: set[str] = set()
    if complement or (_prepositional_complement(current) and head.lemma_ in lex.complement_modality):
        controlled = lex.complement_modality.get(head.lemma_)
        if head.lemma_ in lex.past_asserted and head.tag_ not in ("VBD", "VBN"):
            controlled = "future"  # "is trying to block", "tries to": not done yet
        if controlled == "hypothetical" and dep == "ccomp" and head.lemma_ in lex.reporting:
            controlled = None
        if controlled and controlled != "asserted":
            found.add(controlled)
        # a negated or conditional governor carries over ("did not agree to send")
        found |= _local(head, lex) & {"negated", "conditional", "hypothetical", "future"}
    elif dep == "advcl" and _participle_of(current) and _negated_subject(head, lex):
        found.add("negated")  # "not one Republican stood up urging the party to ...": nobody urged
    elif dep == "conj":
        if not (marks & {"future", "hypothetical"}) and not _own_tensed_clause(current):
            found |= _local(head, lex) & {"future", "hypothetical", "conditional"}
        if _stray_infinitive(current):
            found.add("future")
        if _shares_negated_subject(current, lex):
            found.add("negated")
    return found


# finite tenses a bare infinitive cannot be coordinated with as a clause of its own
FINITE_PAST_TAGS = frozenset({"VBD", "VBZ"})


def _stranded_complement(clause: Token, lex: ModalityLexicon) -> bool:
    """ "called on Republicans on Tuesday to apologize": an adjunct between the verb and its infinitive
    makes the parser read the complement as a clause of purpose; under a verb that takes a complement
    and has none of its own, the infinitive is that complement and gets its modality."""
    head = clause.head
    return (
        clause.dep_ == "advcl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        and not any(c.dep_ == "mark" for c in clause.children)
        and head.lemma_ in lex.complement_modality
        and not any(c.dep_ in ("xcomp", "ccomp") for c in head.children)
    )


def _extraposed_infinitive(clause: Token, lex: ModalityLexicon) -> bool:
    """ "It is wrong to attack civilians", "it shouldn't be a firing offence to object", "it is important
    for the EU to act": an infinitive that is the real subject of "it is ..." names an act judged or wished
    for, not one that happened."""
    on_predicate_noun = clause.dep_ in ("relcl", "acl") and clause.head.dep_ == "attr"  # "a crime to protest"
    if not (clause.dep_ in ("advcl", "xcomp", "ccomp") or on_predicate_noun) or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
    ):
        return False
    subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    if subject and not any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children):
        return False
    if clause.head.lemma_ in lex.complement_modality:
        return False  # "it is ready to negotiate": "it" is the party, and "ready" says what it will do
    copula = clause.head.head if clause.head.dep_ in ("acomp", "attr") else clause.head
    linking = copula.lemma_ in ("be", "become", "seem", "remain")  # "it's become fashionable to complain"
    return linking and any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") and c.lower_ == "it" for c in copula.children
    )


def _listed_gerund(clause: Token, lex: ModalityLexicon) -> bool:
    """ "has advocated bombing Iran, attacking North Korea, and ...": the parser reads the second gerund of a
    list of complements as a clause of its own; after a first "-ing" complement it is one more of them."""
    head = clause.head
    return (
        clause.dep_ == "advcl"
        and clause.tag_ == "VBG"
        and not any(c.dep_ in ("mark", "aux") for c in clause.children)
        and head.lemma_ in lex.complement_modality
        and any(_gerund_complement(c) for c in head.children if c.i < clause.i)
    )


def _gerund_complement(word: Token) -> bool:
    return word.dep_ in ("dobj", "xcomp") and word.lower_.endswith("ing")


def _misparsed_clause(clause: Token, lex: ModalityLexicon) -> bool:
    """ "has hit back at an aide who joked his vote doesn't matter": the parser can hang the main verb
    as a complement of a later clause's verb. A clause complement stands before its governor only
    when that governor reports or frames it ("We will strike, he said"), so any other later governor
    is a misparse, and its negation or tense must not reach the main verb."""
    head = clause.head
    return (
        clause.dep_ == "ccomp"
        and head.i > clause.i
        and head.lemma_ not in lex.reporting
        and head.lemma_ not in lex.complement_modality
    )


def _stray_infinitive(verb: Token) -> bool:
    """ "announced plans to intensify airstrikes, send more advisers and arm the rebels": the parser hangs
    "send" on "announced", but a bare infinitive with no subject or auxiliary of its own cannot be a clause
    coordinated with a past or third-person verb; it continues an earlier infinitive, a plan not yet done."""
    if verb.tag_ != "VB" or verb.head.tag_ not in FINITE_PAST_TAGS:
        return False
    own = ("nsubj", "nsubjpass", "aux", "auxpass", "expl")
    return not any(c.dep_ in own for c in verb.children)


def _done_to_the_noun(participle: Token) -> bool:
    """ "want justice for the teenager shot and killed by a police officer", "demanded the release of men
    arrested in the raid": a past participle describing a noun tells what was done to it, whatever the
    clause around wants or plans (not "children being killed": `_unrealised_gerund` reads that)."""
    return (
        participle.dep_ == "acl"
        and participle.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "auxpass") for c in participle.children)
    )


def _aside(relative: Token) -> bool:
    """ "stopped short of saying that Trump, who has praised Putin, wants ...": a relative clause set off by a
    comma is the writer's own aside, true whatever the clause around it."""
    start = relative.left_edge.i
    return start > 0 and relative.doc[start - 1].text == ","


def _prepositional_complement(prep: Token) -> bool:
    """ "a deal aimed at ending the war", "agreed on lifting the curfew", "warned against attacking": a
    preposition of aim or content whose object is a gerund clause stands for the governing verb's complement
    (not "for", a reason as often: "declined to indict him for firing six shots")."""
    if prep.dep_ != "prep" or prep.lower_ not in CONTENT_PREPS:
        return False
    return any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in prep.children)


def _resolve(marks: set[str], question: bool) -> str:
    if "conditional" in marks:
        return "hypothetical"
    for name in ("denied", "negated"):
        if name in marks:
            return name
    if question:
        return "question"
    for name in ("hypothetical", "future"):
        if name in marks:
            return name
    return "asserted"
