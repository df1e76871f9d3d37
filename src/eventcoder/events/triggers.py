"""Pass 1, find triggers: one walk over the sentence's tokens proposes verbal triggers (verb
lemma + object / particle / preposition / complement, verbs.yaml) and nominal triggers (nouns.yaml).

Phrasal triggers ("carry out", "pull out") are verb patterns with a `prt` constraint. Nothing is
placed in the table yet: whether a nominal trigger is an event of its own is the next pass's rule.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from eventcoder.events.candidates import Candidate
from eventcoder.events.context import SentenceContext
from eventcoder.events.rules import ANY, NO_EVENT, EventRules, Pattern, Topic
from eventcoder.model import Mention
from eventcoder.syntax import has_condition_mark, nominal_gerund, prep_objects, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME = "find_triggers"
JUDGEMENT_RULE = "classes.yaml:judgement"
JUDGEMENT_CODE = "111"
MISDEED_RULE = "classes.yaml:misdeed"
GRIEVANCE_RULE = "classes.yaml:grievance"
GRATITUDE_RULE = "classes.yaml:gratitude"
PRAISE_CODE = "051"
REMORSE_RULE = "classes.yaml:remorse"
APOLOGY_CODE = "055"
ALLEGATION_RULE = "control.yaml:allegation_verbs"
ALLEGATION_CODE = "112"
OWNED = "+owned"  # a judgement noun a party owns ("Labour's arrogance")
GRIEVANCE_DEPS = frozenset({"acomp", "ROOT", "ccomp", "conj", "xcomp"})
PARTICLE_ADVERBS = frozenset({"away", "back", "off", "out", "down", "up", "home", "together"})


def find_triggers(ctx: SentenceContext) -> None:
    """Propose every verb and noun whose lemma and arguments fit a pattern; verbs are placed at once."""
    rules, table = ctx.rules, ctx.table
    for token in ctx.sent:
        lemma = rules.lemma(token)
        background = _background_participle(token, rules)
        if background and not (token.pos_ == "VERB" and lemma in rules.verbs):
            continue
        if (
            token.pos_ == "VERB"
            and lemma in rules.verbs
            and not nominal_gerund(token)
            and not felt_state(token, rules)
            and not amount_unit(token, rules)
        ):
            found = match_verb(rules, token, lemma)
            if found and background and not _participle_event(ctx, token, found):
                continue
            if found:
                table.propose(found, NAME, f"verb pattern {found.rule}")
                table.add(token.i, found, NAME, "a verb trigger is its own event")
        elif token.pos_ in ("NOUN", "PROPN") and (lemma in rules.nouns or token.lower_ in rules.nouns):
            found = match_noun(rules, token, lemma if lemma in rules.nouns else token.lower_)
            if found:
                table.propose(found, NAME, f"noun pattern {found.rule}")
        _propose_evaluative(ctx, token, lemma)


def felt_state(token: Token, rules: EventRules) -> bool:
    """ "I felt personally attacked", "he felt betrayed and attacked": a participle carried by a verb of
    feeling or seeming (`feeling_verbs`; read as its passive auxiliary, or governing it) tells a state of
    mind, not an act anyone did."""
    if token.tag_ != "VBN":
        return False
    clause = token.head if token.dep_ == "conj" else token
    auxiliaries = [c for c in clause.children if c.dep_ in ("auxpass", "aux")]
    governed = (
        clause.dep_ in ("acomp", "oprd", "xcomp", "ccomp")
        and clause.head.lemma_.lower() in rules.feeling_verbs
    )
    return governed or any(a.lemma_.lower() in rules.feeling_verbs or a.lower_ == "felt" for a in auxiliaries)


def amount_unit(token: Token, rules: EventRules) -> bool:
    """ "between pounds 5,000 and pounds 10,000": a currency written before its amount (the style of some
    wire copy) is tagged as a verb by the parser; it is money, not shelling."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is not None and following.like_num and rules.lemma(token) in rules.classes["money"]


def _propose_evaluative(ctx: SentenceContext, token: Token, lemma: str) -> None:
    """The accusations carried by evaluative wording rather than by an event verb: a reported judgement, a
    judgement noun a party owns, a felt grievance, a reported misdeed (one per word, and only on a word
    no verb or noun pattern took)."""
    rules, table = ctx.rules, ctx.table
    if token.i in table:
        return
    found: Candidate | None = None
    if lemma == "be":
        found = match_judgement(ctx, token)
        what, why = "a reported judgement", "a speaker's disapproval is an accusation"
    elif token.pos_ == "NOUN" and lemma in rules.classes["judgement"]:
        found = match_owned_judgement(ctx, token, lemma)
        what, why = "a judgement owned by a party", "a speaker naming a party's failing accuses it"
    elif token.lower_ in rules.classes["grievance"]:
        found = match_grievance(rules, token)
        what, why = "a felt grievance", "feeling wronged by a party's act accuses it"
    elif token.lower_ in rules.classes["gratitude"]:
        found = match_grievance(rules, token, PRAISE_CODE, GRATITUDE_RULE)
        what, why = "felt gratitude", "being grateful for or pleased with a party's act praises it"
    elif token.pos_ == "ADJ" and token.lower_ in rules.classes["remorse"]:
        found = match_remorse(rules, token)
        what, why = "words of remorse", "a party saying it is sorry apologises"
    elif token.pos_ == "VERB" and lemma in rules.classes["misdeed"]:
        found = match_misdeed(ctx, token, lemma)
        what, why = "a reported misdeed", "a speaker charging a party with a misdeed accuses it"
    elif token.pos_ == "VERB" and lemma in rules.allegation_verbs:
        found = match_allegation(ctx, token, lemma)
        what, why = "a claimed wrongdoing", "claiming that another party did a hostile act accuses it"
    if found:
        table.propose(found, NAME, f"{what} {found.rule}")
        table.add(token.i, found, NAME, why)


def match_judgement(ctx: SentenceContext, copula: Token) -> Candidate | None:
    """ "X said the decision was wrong", "what you said was not true", Y said: a copula whose predicate
    disapproves, in what a say verb reports, is the speaker's accusation (111) against its subject.  So is
    one inside a direct quote whose speaker another sentence names ('"This is Blair's cheap gesture."',
    rule id `...+quoted`); not a speaker judging itself ("we were wrong" is an admission).  An epithet
    names a party only as a noun with "a" ('"The new law is a wreck"', '"She is a sick woman"'), and only
    of a party, a policy or a named thing: "the talks were hostile" judges no one."""
    rules = ctx.rules
    reported = _reported(rules, copula)
    if _hedged_judgement(rules, copula):
        return None
    admitted = _admitted_of_self(rules, copula)
    if _judged_subject_is_no_party(rules, copula) and not admitted:
        return None
    if not reported and not in_quote(copula):
        return None
    negated = any(c.dep_ == "neg" for c in copula.children)
    for pred in copula.children:
        if pred.dep_ not in ("acomp", "attr"):
            continue
        # the predicate or a word qualifying it: "unfair and inappropriate", "a cynical smear campaign"
        epithets = _names_a_party(ctx, copula, pred)
        for word in (*(w for w in pred.subtree if w.i < pred.i), pred, *(c for c in pred.conjuncts)):
            called = epithets and (word is pred or pred.lemma_.lower() in rules.classes["called_persons"])
            lemma = _judged_word(rules, word, negated, called)
            if lemma is not None:
                word_id = f"not-{lemma}" if negated else lemma
                if admitted:
                    return Candidate(
                        copula, rules.admission_code, f"{JUDGEMENT_RULE}+{word_id}+admitted", "verb"
                    )
                rule = f"{JUDGEMENT_RULE}+{word_id}" + ("" if reported else "+quoted")
                return Candidate(copula, JUDGEMENT_CODE, rule, "verb")
    return None


def match_owned_judgement(ctx: SentenceContext, noun: Token, lemma: str) -> Candidate | None:
    """'"Labour's arrogance has been their undoing"', "said it was a symbol of the failure of the
    president's law", "make Labour pay for their betrayal": a judgement noun that belongs to a party, in a
    quote or in what a say verb reports, is the speaker's accusation (111) against that party (rule
    `...+owned`).  Not the speaker's own ("our failure") nor a guess ("may be a failure")."""
    rules = ctx.rules
    if not (in_quote(noun) or _reported_words(rules, noun)):
        return None
    verb = noun.head if noun.head.pos_ in ("VERB", "AUX") else None
    if verb is not None and _hedged_judgement(rules, verb):
        return None
    if not judged_owners(ctx, noun):
        return None
    return Candidate(noun, JUDGEMENT_CODE, f"{JUDGEMENT_RULE}+{lemma}{OWNED}", "verb")


def judged_owners(ctx: SentenceContext, noun: Token) -> list[Mention]:
    """The parties a judgement noun belongs to: its possessor ("Labour's arrogance", not "our") or an "of"
    phrase ("the failure of the president's law": the law's owner)."""
    holders = [c for c in noun.children if c.dep_ == "poss" and c.lower_ not in ctx.rules.first_person]
    for pobj in (g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children):
        holders += [pobj] + [c for c in pobj.children if c.dep_ == "poss"]
    found = [ctx.index.at(h, strict=True) for h in holders]
    return [m for m in found if m is not None and m.actor is not None and m.kind != "place"]


def _reported_words(rules: EventRules, token: Token) -> bool:
    """Whether the token lies in a clause a say verb reports ("said the ruling was an embarrassment")."""
    return any(
        a.dep_ in ("ccomp", "parataxis") and rules.lemma(a.head) in rules.say_verbs
        for a in [token, *token.ancestors]
    )


def match_grievance(
    rules: EventRules, feeling: Token, code: str = JUDGEMENT_CODE, rule: str = GRIEVANCE_RULE
) -> Candidate | None:
    """ "Grassley said he was troubled by Ms. Halligan's positions", "we are frustrated by Obama's
    propensity", "appalled that the authorities felt the need to detain them": a predicate of being wronged,
    with what wronged (a by/with/at/about/over phrase or a "that" clause), is an accusation (111) by who feels
    it.  Not a modifier ("a senator frustrated with inaction led a filibuster") nor a guess ("would be
    upset").  Gratitude and delight read the same way are praise (051 SUPPORT: "the farmers are grateful to
    the ministry for the new road", "she was delighted by the court's ruling"; not "delighted to announce",
    which names no cause)."""
    hedged = any(_hedged_judgement(rules, t) for t in (feeling, feeling.head))
    if feeling.dep_ not in GRIEVANCE_DEPS or hedged:
        return None
    if feeling.pos_ == "VERB" and feeling.dep_ != "acomp" and not _felt_participle(feeling):
        return None  # "retail sales disappointed", "he has upset his chancellor": an act, not a feeling
    if not grievance_causes(rules, feeling):
        return None
    return Candidate(feeling, code, f"{rule}+{feeling.lower_}", "verb")


def match_remorse(rules: EventRules, word: Token) -> Candidate | None:
    """ "the minister said he was sorry for the delays", "we are deeply sorry that families suffered", a
    headline's "Mayor sorry over remarks": a party's remorse is an apology (055, CONCEDE in the PLOVER
    manual).  Not pity ("feel sorry for the farmers": a verb of feeling), a courtesy ("sorry to hear that"),
    condolences ("sorry for your loss") nor a guess or a condition ("would be sorry if ...")."""
    if word.dep_ == "acomp":
        if rules.lemma(word.head) != "be" or _hedged_judgement(rules, word.head):
            return None
    elif word.dep_ != "ROOT" and not (
        word.dep_ == "amod" and word.head.dep_ == "ROOT" and word.i > word.head.i
    ):
        return None  # a headline's "Blair sorry over ..." hangs the word after its party
    if any(c.dep_ == "xcomp" for c in word.children):
        return None
    pitied = rules.classes["pitied"]
    if any(
        p.lower_ == "for" and any(o.lemma_.lower() in pitied for o in p.children)
        for p in word.children
        if p.dep_ == "prep"
    ):
        return None
    return Candidate(word, APOLOGY_CODE, f"{REMORSE_RULE}+{word.lower_}", "verb")


def _felt_participle(verb: Token) -> bool:
    """ "was troubled by", "Trump infuriated by Lewis' questions" (a headline), "was shocked at X and
    appalled that ...": a passive participle (or one joined to it), with no object and no perfect "have"
    ("he has upset his chancellor")."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    if any(c.dep_ == "dobj" or (c.dep_ == "aux" and c.lemma_.lower() == "have") for c in verb.children):
        return False
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB" and verb.head.i != verb.i:
        return _felt_participle(verb.head)
    # a headline's bare participle names its cause as an agent ("Trump infuriated by ...")
    return verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children)


def grievance_causes(rules: EventRules, feeling: Token) -> list[Token]:
    """What wrongs who feels it: the objects of its cause prepositions, or the subject of its "that"
    clause.  Gratitude is also for something, or to someone ("grateful to the nurses")."""
    grateful = feeling.lower_ in rules.classes["gratitude"]
    preps = rules.gratitude_cause_preps if grateful else rules.grievance_cause_preps
    causes = [
        pobj
        for prep in feeling.children
        if prep.dep_ in ("prep", "agent") and prep.lower_ in preps
        for pobj in prep.children
        if pobj.dep_ in ("pobj", "pcomp")
    ]
    causes += [
        subject
        for clause in feeling.children
        if clause.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
        for subject in [subject_of(clause)]
        if subject is not None
    ]
    return causes


def _judged_word(rules: EventRules, word: Token, negated: bool, epithets: bool = False) -> str | None:
    """The judgement class word (or a negated approval word, or an epithet where one names a party) the
    token is, by lemma or by form: the parser lemmatises the adjective "disgusting" as the verb "disgust"."""
    if word.tag_ in ("JJR", "RBR"):
        return None  # "found it cheaper to sack a worker": a comparison judges nobody
    for form in (word.lemma_.lower(), word.lower_):
        judging = not negated and (
            form in rules.classes["judgement"] or (epithets and form in rules.classes["epithet"])
        )
        if judging or (form in rules.classes["approval"] and negated):
            return form
    return None


INDEFINITE_ARTICLES = frozenset({"a", "an"})
# "it was a terrorist attack": a pronoun for a thing names no party
THING_PRONOUNS = frozenset({"it", "this", "that", "what"})


def _names_a_party(ctx: SentenceContext, copula: Token, pred: Token) -> bool:
    """ "X is a wreck": the predicate is a noun with an indefinite article, and the subject a party, a
    policy word (classes.yaml policies) or a proper name, so an epithet names it (the noun itself, or a
    word before a person noun of classes.yaml called_persons: "a sick woman", not "a terrorist attack")."""
    indefinite = any(c.dep_ == "det" and c.lower_ in INDEFINITE_ARTICLES for c in pred.children)
    if pred.dep_ != "attr" or not indefinite:
        return False
    subject = subject_of(copula)
    if subject is None or subject.lower_ in ctx.rules.first_person or subject.lower_ in THING_PRONOUNS:
        return False
    if subject.pos_ == "PROPN" or subject.lemma_.lower() in ctx.rules.classes["policies"]:
        return True
    mention = ctx.index.at(subject, strict=True)
    return mention is not None and mention.actor is not None and mention.kind != "place"


# "what appears to be open corruption": an infinitive under these verbs still judges
SEEMING_VERBS = frozenset({"appear", "seem", "prove", "turn"})
INDEFINITE_PRONOUNS = frozenset({"something", "nothing", "everything", "anything"})


def _admitted_of_self(rules: EventRules, copula: Token) -> bool:
    """ "The home secretary has admitted he was wrong", "I concede I was wrong": a judgement whose subject
    is a personal pronoun, in what an admission verb reports, is the speaker's concession about itself."""
    subject = subject_of(copula)
    return (
        copula.dep_ == "ccomp"
        and rules.lemma(copula.head) in rules.admission_verbs
        and subject is not None
        and subject.tag_ == "PRP"
    )


def _judged_subject_is_no_party(rules: EventRules, copula: Token) -> bool:
    """ "we were wrong" is an admission, "something was wrong with the speakers" judges no one."""
    subject = subject_of(copula)
    return subject is not None and (
        subject.lower_ in rules.first_person or subject.lower_ in INDEFINITE_PRONOUNS
    )


OPEN_QUOTES = "\u201c"
CLOSE_QUOTES = "\u201d"


@lru_cache(maxsize=4)
def doc_text(doc: Doc) -> str:
    """The document's text, built once: `Doc.text` joins every token anew on each call, which made quote
    tests over a long article cost more than its parse."""
    return doc.text


def in_quote(token: Token) -> bool:
    """Whether the token stands inside a direct quote: its sentence opens with a quote mark, or more opening
    than closing curly quotes stand before it in its paragraph, or an odd number of straight ones (quotes
    never cross a blank line)."""
    if token.sent.text.lstrip()[:1] in ('"', OPEN_QUOTES):
        return True  # a quote that opens the sentence (a quote of several sentences may leave one unclosed)
    text = doc_text(token.doc)
    start = text.rfind("\n", 0, token.idx) + 1
    before = text[start : token.idx]
    opened = sum(before.count(q) for q in OPEN_QUOTES) > sum(before.count(q) for q in CLOSE_QUOTES)
    return opened or before.count('"') % 2 == 1


def match_misdeed(ctx: SentenceContext, verb: Token, lemma: str) -> Candidate | None:
    """ "This administration has lied to the American people," the congressman said; "the Tories say Blair
    lied", "said lawmakers have ignored the report": a misdeed a say verb reports of another party is the
    speaker's accusation (111) against it.  Not of the speaker ("we failed"), nor of a thing ("the figures
    fail to take into account"), nor hedged ("may have misled")."""
    rules = ctx.rules
    if not _reported(rules, verb) or _hedged_judgement(rules, verb):
        return None
    subject = subject_of(verb)
    if subject is None or subject.lower_ in rules.first_person:
        return None
    party = ctx.index.at(subject, strict=True)
    if party is None or party.actor is None:
        return None
    return Candidate(verb, JUDGEMENT_CODE, f"{MISDEED_RULE}+{lemma}", "verb")


def match_allegation(ctx: SentenceContext, verb: Token, lemma: str) -> Candidate | None:
    """ "The rebels claimed that government forces had carried out a gas attack", "Ankara claims the jet
    violated its airspace", "suggested the agencies have been leaking illegally": a claim (`allegation_verbs`)
    that another party did a hostile act or a misdeed is the claimer's accusation (112) against it.  Why: the
    real-news coders code the allegation, and the act it claims is only its content.  Not a claim of the
    claimer's own act, nor of a thing's ("claimed the storm killed 30"), nor of a future one ("could
    attack")."""
    for clause in verb.children:
        if clause.dep_ == "ccomp" and _claimed_act(ctx.rules, clause) and _claimed_doer(ctx, verb, clause):
            return Candidate(verb, ALLEGATION_CODE, f"{ALLEGATION_RULE}+{lemma}", "verb")
    return None


FUTURE_AUX = frozenset({"will", "would", "'ll", "wo", "shall"})
PERFECT_OR_PROGRESSIVE = frozenset({"have", "be"})


def _claimed_act(rules: EventRules, clause: Token) -> bool:
    """The clause's verb tells a hostile act (`allegation_codes`), done or under way: "had carried out an
    attack", "violated", "was behind the attacks", "may be shelling"; not "will strike", "could attack".  (A
    claimed misdeed, "claimed the agency lied", is the misdeed rule's.)"""
    auxes = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_AUX for a in auxes):
        return False
    modal = any(a.lower_ in rules.hedged_judgement_aux for a in auxes)
    if modal and not any(a.lemma_.lower() in PERFECT_OR_PROGRESSIVE for a in auxes):
        return False
    lemma = rules.lemma(clause)
    if lemma == "be":
        return any(c.dep_ == "prep" and c.lower_ == "behind" for c in clause.children)
    if lemma in rules.verbs:
        found = match_verb(rules, clause, lemma)
        if found is not None and found.code.startswith(rules.allegation_codes):
            return True
    if lemma not in rules.allegation_light_verbs:
        return False
    acts = [c for c in clause.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    return any(
        act.lemma_.lower() in rules.nouns
        and (found := match_noun(rules, act, act.lemma_.lower())) is not None
        and found.code.startswith(rules.allegation_codes)
        for act in acts
    )


def _claimed_doer(ctx: SentenceContext, verb: Token, clause: Token) -> bool:
    """The claimed act's doer is a named party, the active subject of the clause, and not the claimer's own
    side ("Moscow claimed Russian jets had struck ...": a state, its government and its forces)."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in clause.children):
        return False
    subject = subject_of(clause)
    if subject is None or subject.pos_ == "PRON":
        return False
    doer = ctx.index.at(subject, strict=True)
    if doer is None or doer.actor is None:
        return False
    claimer_token = subject_of(verb)
    claimer = ctx.index.at(claimer_token, strict=True) if claimer_token is not None else None
    if claimer is None or claimer.actor is None:
        return True
    own, other = claimer.actor, doer.actor
    if own.code.startswith(other.code) or other.code.startswith(own.code):
        return False
    return not ctx.rules.same_state_side(own, other)


def _hedged_judgement(rules: EventRules, copula: Token) -> bool:
    """ "this may be the worst disaster", "it would be irresponsible if we allow it", "there was an illegal
    protest", "whether the tweets were racist", "had every right to be upset": a guess, a condition, a
    question, an infinitive or a mere existence judges nobody."""
    return any(
        (c.dep_ == "aux" and c.lower_ in rules.hedged_judgement_aux)
        or (c.dep_ == "aux" and c.lower_ == "to" and rules.lemma(copula.head) not in SEEMING_VERBS)
        or (c.dep_ == "mark" and c.lower_ in ("whether", "if"))
        or c.dep_ == "expl"
        or (c.dep_ == "advcl" and has_condition_mark(c, rules.lex.conditional_marks))
        for c in copula.children
    )


def _reported(rules: EventRules, copula: Token) -> bool:
    """Whether a say verb reports the clause: its complement ("said the decision was wrong"), or a clause
    joined to that complement ("said Nato served a purpose, and the remarks had been insulting")."""
    current = copula
    for _ in range(3):
        if current.dep_ in ("ccomp", "parataxis") and rules.lemma(current.head) in rules.say_verbs:
            return True
        if current.dep_ not in ("conj", "xcomp"):
            return False
        current = current.head
    return False


def _participle_event(ctx: SentenceContext, token: Token, found: Candidate) -> bool:
    """A participle clause on a party that reports a material act done to it ("more than 100 people arrested
    during the fracas", "a boy killed in clashes", "agents convicted of espionage"), or criticism a text
    carries ("a book trashing him", "a complaint alleging that ..."): coded, as real-news coders code it.
    A material act only on a party, not on a thing ("the curfew imposed in Sudan"); an accusation only in
    the present participle ("a man suspected of murder" is a suspect, no one's act); never an infinitive
    ("the power to detain suspects") nor an adjective ("racially charged")."""
    if token.dep_ != "acl" or token.tag_ not in ("VBN", "VBG"):
        return False
    if any(c.dep_ == "aux" for c in token.children) or token.head.head.tag_ in ("WDT", "WP"):
        return False  # "the helicopter which the rebels seized" misparsed as a participle on "rebels"
    if found.code.startswith(ctx.rules.participle_event_codes):
        participant = ctx.index.at(token.head, strict=True)
        return participant is not None and participant.actor is not None
    return found.code[:2] in ctx.rules.participle_speech_roots and token.tag_ == "VBG"


def _background_participle(token: Token, rules: EventRules) -> bool:
    """Participle modifiers are background ("the UN-brokered deal"), unless the parse hung the
    clause on a statement or complement-taking noun ("issued a statement urging ...", "tweets
    blasting Lewis"), or the participle names its own agent: "a man killed by an FBI agent" reports
    who did what to whom, as a clause would."""
    head_lemma = token.head.lemma_.lower()
    return (
        token.dep_ in rules.background_deps
        and token.head.dep_ != "ROOT"
        and head_lemma not in rules.statement_nouns
        and head_lemma not in rules.noun_control
        and not any(c.dep_ == "agent" for c in token.children)
    )


class VerbFeatures:
    """The children of a verb that patterns test, gathered once per candidate verb."""

    def __init__(
        self, token: Token, quantity_heads: frozenset[str], states: frozenset[str] = frozenset()
    ) -> None:
        self.token = token
        self.objects = _objects_of(token, quantity_heads)
        self.object_lemmas = _object_words(self.objects)
        self.object_mods = {
            c.lemma_.lower()
            for o in self.objects
            for c in o.children
            if c.dep_ in ("amod", "compound", "nmod")
        }
        # "backed away from": the parser often reads a particle as an adverb
        self.particles = {
            c.lower_
            for c in token.children
            if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in PARTICLE_ADVERBS)
        }
        self.preps = _prepositions(token, self.objects)
        self.xcomps = [c for c in token.children if c.dep_ == "xcomp"]
        # "the missiles hit", "a rocket strike destroyed": the subject's head and its modifiers, inherited
        # by a "to" clause or a conjunct without one ("nurses voted to strike", "the slump deepened and
        # threatens")
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        inherited = subject_of(token) if not subjects and token.dep_ in ("xcomp", "conj") else None
        if inherited is not None and inherited.dep_ == "nsubj":
            subjects = [inherited]
        # "a court ruling that blocked the policy": the relative pronoun stands for the noun described
        if token.dep_ == "relcl" and any(s.tag_ == "WDT" for s in subjects):
            subjects = [token.head]
        self.subject_lemmas = {w.lemma_.lower() for s in subjects for w in (s, *s.children)}
        self.addressed = any(_addressed_clause(c) and c.lemma_.lower() not in states for c in token.children)
        self.has_clause = any(_finite_clause(c) for c in token.children if c.i > token.i)
        self.predicate_words = _predicate_words(token)
        # "ex-ministers who face charges", "extradited to face charges", "after images sparked outrage":
        # what a party undergoes in a description, a purpose or a circumstance is background, not the report
        self.subordinate = _is_subordinate(token)
        # the nouns of a "that" clause ("warned that there could be further walkouts")
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        self.clause_nouns = {w.lemma_.lower() for c in clauses for w in c.subtree if w.pos_ == "NOUN"}

    def topic_tokens(self) -> list[Token]:
        tokens = list(self.objects)
        for name in ("for", "of", "on", "to"):
            tokens.extend(self.preps.get(name, []))
        return tokens


def _prepositions(token: Token, objects: list[Token]) -> dict[str, list[Token]]:
    """Each preposition of a verb (or of its objects) with the nouns it governs; discourse phrases are left
    out."""
    preps: dict[str, list[Token]] = {}
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.pos_ == "ADP":
            if _discourse_phrase(child):
                continue
            preps.setdefault(child.lower_, []).extend(g for g in child.children if g.dep_ == "pobj")
            # "came under withering criticism": the parser reads the adjective as a verb taking the noun
            preps[child.lower_].extend(
                g
                for c in child.children
                if c.dep_ == "pcomp" and c.tag_ == "VBG"
                for g in c.children
                if g.dep_ == "dobj"
            )
    # "called for the embargo to be lifted", "called for him to withdraw": the parser reads "for" as the mark
    # of the infinitive clause it opens (the clause, not a noun, is what is asked for)
    for child in token.children:
        marks = [m for m in child.children if m.dep_ == "mark" and m.lower_ == "for"]
        if child.dep_ in ("advcl", "ccomp") and marks:
            preps.setdefault("for", [])
    for obj in objects:  # "put troops on alert": the preposition may hang off the object
        for child in obj.children:
            if child.dep_ == "prep":
                preps.setdefault(child.lower_, []).extend(g for g in child.children if g.dep_ == "pobj")
    return preps


def _is_subordinate(token: Token) -> bool:
    """Whether the verb's clause (through its conjunctions) is a relative, adjectival, adverbial or "to"
    clause."""
    clause = token
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause.dep_ in ("relcl", "acl", "advcl") or any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


def _predicate_words(token: Token) -> set[str]:
    """What a naming verb calls its object, with the words that qualify it: "called him a liar", "labelled
    the schemes 'a pile of pants'", "described the alliance as brain-dead", "cast Trump as a con man".  Not
    "lashed out at what she called the obstructionist GOP": the naming is part of another act's object."""
    if any(c.dep_ == "dobj" and c.lower_ == "what" for c in token.children):
        return set()
    predicates = [c for c in token.children if c.dep_ == "oprd"]
    predicates += [
        g
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == "as"
        for g in c.children
        if g.dep_ in ("pobj", "amod", "acomp")
    ]
    # "found the party's policies abhorrent", "deemed the vote illegal": a small clause the parser reads as a
    # complement with its own subject (an adjective it may tag as a verb: "declared his powers illegitimate")
    predicates += [c for c in token.children if _small_clause(c)]
    # 'called the comments "deeply offensive"': an adjective after the object is its predicate (the parser
    # hangs it on the object as a modifier, but English adjectives stand before their noun)
    predicates += [
        a for o in token.children if o.dep_ == "dobj" for a in o.children if a.dep_ == "amod" and a.i > o.i
    ]
    # 'branded the plan "a shambles"': the parser often hangs the name on the object as an apposition
    predicates += [a for o in token.children if o.dep_ == "dobj" for a in o.children if a.dep_ == "appos"]
    words = [w.lower_ for p in predicates for w in p.subtree if w.is_alpha]
    words += [w.lemma_.lower() for p in predicates for w in p.subtree if w.is_alpha]
    return {*words, *(f"{a}-{b}" for a, b in zip(words, words[1:], strict=False))}  # "brain dead"


def _small_clause(clause: Token) -> bool:
    """A verbless complement with its own subject ("deemed the vote illegal"); the parser may tag its
    adjective as a verb ("declared his powers illegitimate"), which then takes no auxiliary and no object."""
    if clause.dep_ != "ccomp" or clause.tag_ == "JJR" or not any(g.dep_ == "nsubj" for g in clause.children):
        return False
    if clause.pos_ in ("ADJ", "NOUN"):
        return True
    return clause.pos_ == "VERB" and not any(g.dep_ in ("aux", "auxpass", "dobj") for g in clause.children)


def _addressed_clause(clause: Token) -> bool:
    """ "wants Congress to act", "want the government to withdraw": a "to" clause whose subject is a party
    of its own (a name or a noun, not "you" or "it")."""
    if clause.dep_ != "ccomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return False
    return any(c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN") for c in clause.children)


# "For instance, they were called ...", "For example, the paper asked whether ...": a discourse adverbial the
# parser hangs on the verb, no argument of it ("called for", "asked for")
DISCOURSE_POBJS = frozenset({"instance", "example"})


def _discourse_phrase(prep: Token) -> bool:
    """ "for instance", and "over the weekend": a time span is when, not what the act was over ("attacked
    Hamas positions over the weekend" is no criticism over something)."""
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    if prep.lower_ == "over" and objects:
        return all(g.ent_type_ in ("DATE", "TIME") for g in objects)
    return prep.lower_ == "for" and any(g.lower_ in DISCOURSE_POBJS for g in objects)


def _finite_clause(clause: Token) -> bool:
    """ "demonstrates that the law has failed", "recognizes it has a role", "protested that he was innocent":
    a clause with a subject of its own and no "to", which marks the verb's sense of showing, knowing or
    saying.  Only one after the verb (the caller checks): "North Korea fires a missile, Japan protests" is a
    protest at what went before."""
    if clause.dep_ != "ccomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return False
    if clause.tag_ in ("VBG", "VBN") and not any(c.dep_ in ("aux", "auxpass") for c in clause.children):
        return False  # "accept refugees fleeing the violence": a participle on the object, no clause
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)


def _object_words(objects: list[Token]) -> set[str]:
    """The words object constraints test: each object's lemma and form, and "person" for a named person, so
    that "fired James Comey" matches the classes that list "person" ($staff, $people)."""
    words = {o.lemma_.lower() for o in objects} | {o.lower_ for o in objects}
    if any(o.ent_type_ == "PERSON" for o in objects):
        words.add("person")
    return words


def _objects_of(token: Token, quantity_heads: frozenset[str]) -> list[Token]:
    """Direct objects (for passives the subject) with their conjuncts, looking inside quantities:
    "$200 million in military equipment": the quantity's complement is the real object."""
    objects = _own_objects(token)
    objects += [c for o in list(objects) for c in o.conjuncts]
    objects += _raised_objects(token, objects) + _participle_objects(objects)
    for obj in list(objects):
        if obj.lemma_.lower() in quantity_heads or obj.pos_ == "NUM" or obj.text == "$":
            for prep in obj.children:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "worth"):
                    objects.extend(p for p in prep.children if p.dep_ == "pobj")
            for child in obj.children:
                if child.dep_ in ("compound", "nmod", "quantmod") and child.pos_ != "NUM":
                    objects.append(child)
    return objects


def _own_objects(token: Token) -> list[Token]:
    """The verb's own object: its direct object (a passive's subject), or the noun a participle or a
    passive relative clause describes ("a statement released by the publisher", "the requested documents",
    "documents that have been released"), or a noun the parser hung under the particle ("sent in troops")."""
    passive = any(c.dep_ == "auxpass" for c in token.children)
    obj_deps = ("dobj", "nsubjpass") if passive else ("dobj",)
    objects = [c for c in token.children if c.dep_ in obj_deps]
    if token.dep_ in ("acl", "amod") and token.tag_ in ("VBN", "VBD") and not objects:
        objects = [token.head]
    elif token.dep_ == "relcl" and passive:
        objects = [token.head if o.lower_ in ("that", "which", "who") else o for o in objects]
    if not objects:
        objects = [g for c in token.children if c.dep_ == "prt" for g in c.children if g.dep_ == "pobj"]
    return objects


def _raised_objects(token: Token, objects: list[Token]) -> list[Token]:
    """ "to arm and train rebels", "planned, financed and carried out the attack": a verb with no object of
    its own, standing right before the coordinator or comma of a later conjoined verb, shares that verb's
    object (the parser hangs a shared object on the last verb only)."""
    if objects or token.pos_ != "VERB" or token.i + 1 >= len(token.doc):
        return []
    if token.doc[token.i + 1].dep_ not in ("cc", "punct"):
        return []
    later = [c for c in token.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    if token.dep_ == "conj":
        later += [c for c in token.head.children if c.dep_ == "conj" and c.i > token.i and c.pos_ == "VERB"]
    for verb in sorted(later, key=lambda v: v.i):
        shared = [c for c in verb.children if c.dep_ == "dobj"]
        if shared:
            return shared
    return []


def _participle_objects(objects: list[Token]) -> list[Token]:
    """ "released a video claiming responsibility": the parser may read the real object as a modifier of a
    participle on a later noun (video <- claiming <- responsibility); that noun is an object too."""
    return [
        g
        for o in objects
        for c in o.children
        if c.dep_ == "amod" and c.tag_ == "VBG" and c.i < o.i
        for g in c.children
        if g.dep_ == "npadvmod" and g.pos_ == "NOUN" and g.i < c.i
    ]


REFLEXIVES = frozenset("myself yourself himself herself itself ourselves yourselves themselves".split())


def _reflexive_among_others(pattern: Pattern, feats: VerbFeatures) -> bool:
    """A no-event pattern met only by a reflexive object that stands beside other objects: "killed himself" is
    no attack, but "killed 23 people as well as themselves" is."""
    if pattern.obj is None:
        return False
    hits = [o for o in feats.objects if o.lower_ in pattern.obj or o.lemma_.lower() in pattern.obj]
    return bool(hits) and all(o.lower_ in REFLEXIVES for o in hits) and len(hits) < len(feats.objects)


def match_verb(rules: EventRules, token: Token, lemma: str) -> Candidate | None:
    """The first (most specific) pattern of the lemma that the verb's arguments fit."""
    feats = VerbFeatures(token, rules.quantity_heads, rules.wished_states)
    for pattern in rules.verbs[lemma]:
        if not fits(pattern, feats):
            continue
        if pattern.code == NO_EVENT:
            if _reflexive_among_others(pattern, feats):
                continue
            return None
        code, rule = pattern.code, pattern.rule
        if pattern.family:
            topic = find_topic(rules, pattern.family, feats.topic_tokens())
            if topic:
                code, rule = topic.codes[pattern.family], f"{rule}+topic:{topic.name}"
        # a naming verb's object is what it names, no event of its own ("called the sanctions a hostile act")
        consumed = bool(pattern.obj) or bool(pattern.family) or bool(pattern.oprd)
        return Candidate(token, code, rule, "verb", consumed_object=consumed, received=pattern.received)
    return None


def fits(p: Pattern, f: VerbFeatures) -> bool:
    """Does the verb satisfy every constraint of the pattern?"""
    checks = (
        p.obj is None or bool(p.obj & f.object_lemmas) or (ANY in p.obj and bool(f.objects)),
        p.objmod is None or bool(p.objmod & f.object_mods),
        p.prt is None or bool(p.prt & f.particles),
        p.prep is None or bool(p.prep & set(f.preps)),
        p.pobj is None or any(t.lemma_.lower() in p.pobj for ts in f.preps.values() for t in ts),
        p.xcomp is not True or bool(f.xcomps),
        not isinstance(p.xcomp, frozenset) or any(x.lemma_.lower() in p.xcomp for x in f.xcomps),
        p.subj is None or bool(p.subj & f.subject_lemmas),
        p.oprd is None or bool(p.oprd & f.predicate_words) or _names_its_object(p.oprd, f),
        p.clause is None or bool(p.clause & f.clause_nouns),
        not p.addressee or f.addressed,
        not (p.received and f.subordinate),
        not p.bare or not f.objects,
        not p.that_clause or f.has_clause,
    )
    return all(checks)


def _names_its_object(oprd: frozenset[str], f: VerbFeatures) -> bool:
    """`oprd: "*"`: the verb calls its direct object something, whatever ("called the push for a vote
    pitiful"); a naming needs an object, so "called for calm as a first step" names nothing."""
    return ANY in oprd and bool(f.predicate_words) and bool(f.objects)


def find_topic(rules: EventRules, family: str, tokens: list[Token]) -> Topic | None:
    """The first topic (families.yaml) whose head (and modifier) the arguments name."""
    for topic in rules.topics:
        if family not in topic.codes:
            continue
        for tok in tokens:
            if tok.lemma_.lower() not in topic.heads and tok.lower_ not in topic.heads:
                continue
            if topic.mods is None or any(c.lemma_.lower() in topic.mods for c in tok.children):
                return topic
    return None


def _noun_prepositions(token: Token) -> dict[str, Token]:
    """A noun's prepositions by word, with the one right after it that the parser hung on the verb instead
    ("takes war on fake news to Britain")."""
    preps = {c.lower_: c for c in token.children if c.dep_ == "prep"}
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if after is not None and after.dep_ == "prep" and after.head.i == token.head.i and token.dep_ == "dobj":
        preps.setdefault(after.lower_, after)
    return preps


def _noun_prep_objects(preps: dict[str, Token], which: frozenset[str] | None) -> set[str]:
    """Lemmas of the objects of a noun's prepositions (those in `which`, or all), looking through a part
    ("an attack on one of the biggest news outlets")."""
    objects = [g for word, prep in preps.items() if which is None or word in which for g in prep.children
               if g.dep_ == "pobj"]  # fmt: skip
    objects += [w for o in objects if o.lemma_.lower() in ("one", "some", "many", "part", "all", "each")
                for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                for w in p.children if w.dep_ == "pobj"]  # fmt: skip
    return {o.lemma_.lower() for o in objects}


def match_noun(rules: EventRules, token: Token, lemma: str) -> Candidate | None:
    """The first noun pattern whose modifier constraint the noun satisfies."""
    mods = {c.lemma_.lower() for c in token.children if c.dep_ in ("amod", "compound", "nmod", "poss")}
    of_heads = {o.lemma_.lower() for o in prep_objects(token, ("of",))}
    preps = _noun_prepositions(token)
    for pattern in rules.nouns[lemma]:
        if pattern.mod is not None and not (pattern.mod & mods):
            continue
        if pattern.of is not None and not (pattern.of & of_heads):
            continue
        if pattern.prep is not None and not (pattern.prep & preps.keys()):
            continue
        if pattern.pobj is not None and not _noun_prep_objects(preps, pattern.prep) & pattern.pobj:
            continue
        if pattern.code == NO_EVENT:
            return None  # "a heart attack"
        return Candidate(token, pattern.code, pattern.rule, "noun")
    return None
