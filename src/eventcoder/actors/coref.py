"""Rule-based coreference for actor mentions.

coreferee cannot run offline (its English model downloads at run time), so the
actors stage links mentions with a few transparent rules instead:

* appositions share one actor ("his Russian counterpart, Foreign Minister
  Sergey Lavrov");
* "who" heading a relative clause is the noun it modifies;
* he/she: the most recent earlier person that agrees in gender, preferring the
  subject of the nearest sentence that has one, never the subject of the same
  verb (binding);
* it/they: the most recent earlier noun phrase of the right number, but only
  when that phrase is itself an actor (otherwise "it" is about something else);
* definite titles ("the secretary", "the president") match an earlier
  person's role; with no such person a head-of-state title resolves to the
  person holding it in the document's main country on the document date;
* other definite descriptions ("the alliance", "the group", "the government")
  follow the rules in data/actors/coref.yaml, and bare sector nouns ("the
  police") borrow the country of the latest same-sector mention.

Unresolved pronouns are dropped; everything else keeps its own actor.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from eventcoder.actors.context import context_country, context_rules, country_votes, takes_context
from eventcoder.actors.kb import (
    FEMALE,
    LESSER_OFFICE,
    MALE,
    PLURAL,
    RELATIVE,
    Lexicon,
    _parse_doc_date,
    people_holding,
    person_actor,
    role_at,
)
from eventcoder.model import Actor, Document, Mention
from eventcoder.schemas.actors import ContextFile

if TYPE_CHECKING:
    from spacy.tokens import Token

DEFINITE = frozenset({"the", "this", "that", "these", "those"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
PERSON_WINDOW = 6  # sentences back for he/she
THING_WINDOW = 1  # sentences back for it/they


def resolve(doc: Document, lex: Lexicon, np_heads: list[tuple[int, Mention | None]]) -> None:
    """Link pronouns and descriptions in `doc.mentions` to earlier mentions, in place."""
    Resolver(doc, lex, np_heads).run()


class _CorefContext:
    """The document, its mentions and the agreement tests (person, gender, number) every rule shares."""

    def __init__(self, doc: Document, lex: Lexicon, np_heads: list[tuple[int, Mention | None]]) -> None:
        self.doc = doc
        self.sd = doc.nlp_doc
        self.lex = lex
        self.np_heads = np_heads
        self.head_of: dict[int, int] = {id(m): h for h, m in np_heads if m is not None}
        self.mention_of_head: dict[int, Mention] = {h: m for h, m in np_heads if m is not None}
        self.date = _parse_doc_date(doc.date)
        self.gender: dict[int, str] = {}  # id(mention) -> m / f

    def _link(self, mention: Mention, ante: Mention, why: str, actor: Actor | None = None) -> None:
        mention.__dict__["_ante"] = ante
        base = actor if actor is not None else ante.actor
        mention.actor = replace(base) if base is not None else None
        mention.rule = (
            f"{mention.rule}; coref -> '{ante.text}' ({why})"
            if mention.rule
            else f"coref -> '{ante.text}' ({why})"
        )
        if id(ante) in self.gender:
            self.gender[id(mention)] = self.gender[id(ante)]

    def _is_person(self, m: Mention) -> bool:
        if m.actor is None:
            return False
        if m.is_person:
            return True
        return (
            m.kind in ("nominal", "pronoun")
            and m.actor.role is not None
            and m.actor.name is not None
            or (m.kind == "nominal" and m.actor.role is not None and self._singular(m))
        )

    def _gender_of(self, m: Mention) -> str | None:
        if id(m) in self.gender:
            return self.gender[id(m)]
        if m.actor is not None and m.actor.name in self.lex.people:
            return self.lex.people[m.actor.name].gender
        return None

    def _singular(self, m: Mention) -> bool:
        head = self.head_of.get(id(m))
        return head is None or self.sd[head].tag_ not in ("NNS", "NNPS")

    def _plural(self, m: Mention) -> bool:
        head = self.head_of.get(id(m))
        if m.kind == "group":
            return True
        return head is not None and self.sd[head].tag_ in ("NNS", "NNPS")

    @staticmethod
    def _is_named_person(m: Mention) -> bool:
        return m.is_person

    def _is_subject(self, m: Mention) -> bool:
        head = self.head_of.get(id(m))
        if head is None:
            head = m.token_start
        return self.sd[head].dep_ in SUBJECT_DEPS

    @staticmethod
    def _main_country(prior: list[Mention]) -> str | None:
        counts = Counter(c.actor.country for c in prior if c.actor is not None and c.actor.country)
        if not counts:
            return None
        return counts.most_common(1)[0][0]


def _unknown_body(m: Mention) -> bool:
    """A name spaCy took for an organisation that the knowledge base lacks, with no sector word ("LaHood",
    "Cabinet Office", "the Spamhaus Project"): most often a body or a person of the article's own state
    (spaCy's small model reads many surnames as organisations), so it takes the context state."""
    a = m.actor
    return m.kind == "name" and a is not None and not (a.code or a.name or a.entry or a.sector or a.country)


class _Appositions(_CorefContext):
    """Appositions and repeated names: "X, the Y" is one actor; "Blinken" after "Antony Blinken"."""

    def _appositions(self) -> None:
        """ "X, the Y" and "the Y, X" describe one actor: merge what each side knows."""
        for head_i, mention in self.np_heads:
            if mention is None:
                continue
            tok = self.sd[head_i]
            if tok.dep_ != "appos":
                continue
            other = self.mention_of_head.get(tok.head.i)
            if other is None or other.actor is None or mention.actor is None:
                continue
            if not mention.actor.code and other.actor.code and not self._is_named_person(mention):
                self._link(mention, other, "apposition (an unknown name for a known actor: an acronym)")
                continue
            if not other.actor.code and mention.actor.code and not self._is_named_person(other):
                # "Reince Priebus, the incoming White House chief of staff" with the name read as an ORG
                self._link(other, mention, "apposition (an unknown name described by a known actor)")
                continue
            if self._misread_place(mention, other) or self._misread_place(other, mention):
                continue
            person, nominal = (mention, other) if self._is_named_person(mention) else (other, mention)
            if self._is_named_person(person) and nominal.kind == "nominal":
                self._merge_apposition(person, nominal)

    def _merge_apposition(self, person: Mention, nominal: Mention) -> None:
        """A person's name and a title in apposition: the title fills what the name lacks."""
        pa, na = person.actor, nominal.actor
        assert pa is not None and na is not None
        lacks_country = pa.country is None and na.country is not None
        # A generated dictionary role is coarse ("government official"): an apposition naming an
        # international body's office says more ("Kenzo Oshima, the United Nations relief coordinator").
        coarse = (pa.entry or "").startswith("petrarch-") and na.code.startswith(("IGO", "NGO"))
        if coarse and not pa.code.startswith(na.code[:3]):
            pa.role = None
        lacks_sector = pa.sector is None and na.sector
        if not pa.code or lacks_country or lacks_sector or (pa.role is None and coarse):
            if na.code.startswith(("IGO", "NGO", "IMG")):
                pa.code, pa.country, pa.sector = na.code, na.country, na.sector
            else:
                pa.country = pa.country or na.country
                pa.sector = pa.sector or na.sector
                pa.code = (pa.country or "") + (pa.sector or "")
            pa.role = pa.role or na.role
            person.rule += f"; country and sector from apposition '{nominal.text}'"
        self._link(nominal, person, "apposition")

    def _misread_place(self, place: Mention, title: Mention) -> bool:
        """ "Kenzo Oshima, the United Nations Emergency Relief Coordinator": a name spaCy took
        for a town, in apposition with a title, is the person the title describes."""
        if place.kind != "place" or title.kind != "nominal" or title.actor is None or not title.actor.role:
            return False
        head = self.head_of.get(id(title))
        if head is not None and self.sd[head].tag_ in ("NNS", "NNPS"):
            return False
        name = place.text
        place_head = self.head_of.get(id(place))
        for ent in self.sd.ents if place_head is not None else ():
            if ent.start <= place_head < ent.end:
                name = self.sd[place.token_start : ent.end].text  # the name alone, not its apposition
        place.kind = "name"
        place.is_person = True
        self._link(place, title, "apposition: a person's name read as a place, described by a title")
        if place.actor is not None:
            place.actor.name = name
        title.actor = replace(place.actor) if place.actor is not None else title.actor
        return True

    def _same_name(self, m: Mention, prior: list[Mention]) -> None:
        """ "Blinken" after "Antony Blinken": a shorter form of an earlier person's name."""
        assert m.actor is not None
        name = m.actor.name or ""
        words = name.split()
        if not words:
            return
        for cand in reversed(prior):
            ca = cand.actor
            if ca is None or not ca.name or cand.kind == "pronoun" or not self._is_named_person(cand):
                continue
            cand_words = ca.name.split()
            if cand_words != words and cand_words[-len(words) :] == words:
                role = m.actor.role
                self._link(m, cand, "same person, shorter name")
                if role and m.actor is not None and not m.actor.role:
                    m.actor.role = role
                return


class _Pronouns(_Appositions):
    """Pronouns: he/she to an agreeing person, it/they to an earlier actor phrase, "who" to its noun."""

    def _pronoun(self, m: Mention, prior: list[Mention]) -> bool:
        word = self.sd[m.token_start].lower_
        if word in RELATIVE:
            return self._relative(m)
        if word in MALE or word in FEMALE:
            return self._personal(m, prior, "m" if word in MALE else "f")
        return self._thing(m, plural=word in PLURAL)

    def _relative(self, m: Mention) -> bool:
        tok = self.sd[m.token_start]
        verb = tok.head
        if verb.dep_ != "relcl":
            return False
        ante = self.mention_of_head.get(verb.head.i)
        if ante is None or ante.actor is None:
            return False
        self._link(m, ante, "relative pronoun")
        return True

    def _personal(self, m: Mention, prior: list[Mention], gender: str) -> bool:
        tok = self.sd[m.token_start]
        window = m.sentence_index - PERSON_WINDOW
        candidates = [
            c
            for c in prior
            if c.sentence_index >= window
            and c.end <= m.start
            and self._is_person(c)
            and self._gender_of(c) in (None, gender)
            and not self._bound(c, tok)
        ]
        if not candidates:
            return False
        same = [c for c in candidates if c.sentence_index == m.sentence_index]
        if same and tok.dep_ in SUBJECT_DEPS:
            same = self._subject_antecedents(same, earlier=len(same) < len(candidates))
            candidates = (
                candidates if same else [c for c in candidates if c.sentence_index != m.sentence_index]
            )
        if same:
            ante = same[-1]
            why = "nearest person in the sentence"
        else:
            last = max(c.sentence_index for c in candidates)
            in_last = [c for c in candidates if c.sentence_index == last]
            subjects = [c for c in in_last if self._is_subject(c)]
            ante = (subjects or in_last)[0] if subjects else in_last[-1]
            why = "subject of the nearest sentence with a person" if subjects else "nearest person"
        self.gender[id(m)] = gender
        self._link(m, ante, f"{why}, gender {gender}")
        return True

    def _subject_antecedents(self, same: list[Mention], earlier: bool) -> list[Mention]:
        """For a subject pronoun, the people of its own sentence it may stand for: its subjects ("a call Mr
        Trump made to President Zelensky shows he urged ...": Trump), else those outside a prepositional
        phrase; people only named inside one ("At a conference hosted by Gordon Brown, he said ...") leave
        the pronoun to the earlier sentences' subject when there is one (`earlier`)."""
        subjects = [c for c in same if self._is_subject(c)]
        if subjects:
            return subjects
        unplaced = [c for c in same if not self._in_prepositional_phrase(c)]
        if unplaced or earlier:
            return unplaced
        return same  # no one else to stand for

    def _in_prepositional_phrase(self, m: Mention) -> bool:
        head = self.head_of.get(id(m), m.token_start)
        token = self.sd[head]
        for _ in range(4):
            if token.dep_ in ("pobj", "agent"):
                return True
            if token.dep_ not in ("appos", "compound", "conj", "poss") or token.head.i == token.i:
                return False
            token = token.head
        return False

    def _bound(self, cand: Mention, pronoun: Token) -> bool:
        """A non-reflexive object pronoun cannot be the subject of its own verb ("X met him")."""
        if pronoun.dep_ in SUBJECT_DEPS or pronoun.tag_ == "PRP$" or pronoun.lower_.endswith("self"):
            return False
        head = self.head_of.get(id(cand))
        if head is None:
            return False
        verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
        return self.sd[head].dep_ in SUBJECT_DEPS and self.sd[head].head.i == verb.i

    def _thing(self, m: Mention, plural: bool) -> bool:
        """it/they: the nearest earlier noun phrase of that number, if it is an actor."""
        low = m.sentence_index - THING_WINDOW
        sents = self.doc.sentences
        first_tok = (
            self.sd.char_span(sents[max(low, 0)].start, sents[max(low, 0)].end, alignment_mode="expand").start
            if sents
            else 0
        )
        carried = self._subject_carried_over(m, plural)
        if carried is not None:
            self._link(m, carried, "subject of the previous sentence continues as subject")
            return True
        main = self._main_clause_subject(m, plural)
        if main is not None:
            self._link(m, main, "subject of the clause it depends on")
            return True
        for head_i, mention in reversed(self.np_heads):
            if head_i >= m.token_start or head_i < first_tok:
                continue
            tok = self.sd[head_i]
            if tok.pos_ == "PRON":
                continue
            is_plural = tok.tag_ in ("NNS", "NNPS") or (mention is not None and mention.kind == "group")
            if is_plural != plural:
                continue
            if mention is None or mention.actor is None or self._is_person(mention) and not plural:
                return False
            mention = self._prefer_subject(m, mention, plural)
            self._link(m, mention, f"nearest {'plural' if plural else 'singular'} noun phrase")
            return True
        return False

    def _main_clause_subject(self, m: Mention, plural: bool) -> Mention | None:
        """ "Two suicide bombers killed 23 people when they blew themselves up": the subject pronoun of an
        adverbial clause is the subject of the clause it depends on, when that is an actor of its number
        (not the object named in between)."""
        tok = self.sd[m.token_start]
        verb = tok.head
        if tok.dep_ not in SUBJECT_DEPS or verb.dep_ != "advcl":
            return None
        by_head = {h: mention for h, mention in self.np_heads if mention is not None}
        for child in verb.head.children:
            mention = by_head.get(child.i)
            if child.dep_ in SUBJECT_DEPS and child.i < tok.i and mention is not None and mention.actor:
                is_plural = child.tag_ in ("NNS", "NNPS") or mention.kind == "group"
                return mention if is_plural == plural else None
        return None

    def _subject_carried_over(self, m: Mention, plural: bool) -> Mention | None:
        """ "The Kremlin rejected the offer. It called the plan unacceptable.": a subject
        pronoun with no noun phrase before it in its sentence continues the previous
        sentence's subject, when that subject is an actor of the same number."""
        tok = self.sd[m.token_start]
        subject = tok.dep_ in SUBJECT_DEPS or (tok.dep_ == "poss" and tok.head.dep_ in SUBJECT_DEPS)
        if not subject or m.sentence_index == 0:  # "It said ...", "Its leaders said ..."
            return None
        sent_start = tok.sent.start
        if any(sent_start <= h < m.token_start for h, _ in self.np_heads):
            return None
        for head_i, mention in self.np_heads:
            if mention is None or mention.actor is None or mention.sentence_index != m.sentence_index - 1:
                continue
            head = self.sd[head_i]
            is_plural = head.tag_ in ("NNS", "NNPS") or mention.kind == "group"
            if head.dep_ in SUBJECT_DEPS and is_plural == plural and not self._is_person(mention):
                return mention
        return None

    def _prefer_subject(self, m: Mention, found: Mention, plural: bool) -> Mention:
        """A subject pronoun starting a new sentence usually continues the last subject
        ("Japan protested to China. It summoned ...")."""
        tok = self.sd[m.token_start]
        if tok.dep_ not in SUBJECT_DEPS or found.sentence_index == m.sentence_index:
            return found
        for head_i, mention in self.np_heads:
            if mention is None or mention.actor is None or mention.sentence_index != found.sentence_index:
                continue
            head = self.sd[head_i]
            is_plural = head.tag_ in ("NNS", "NNPS") or mention.kind == "group"
            if head.dep_ in SUBJECT_DEPS and is_plural == plural and not self._is_person(mention):
                return mention
        return found


class Resolver(_Pronouns):
    """Runs the coreference rules over a document's mentions: appositions, names, pronouns, definite
    descriptions (titles, same-sector nouns, coref.yaml rules), then the document's state."""

    def run(self) -> None:
        self._appositions()
        keep: list[Mention] = []
        for mention in self.doc.mentions:
            if mention.is_person and (mention.actor is None or not mention.actor.entry):
                self._same_name(mention, keep)  # a name the knowledge base lacks: maybe a shorter form
            if mention.kind == "pronoun":
                if not self._pronoun(mention, keep):
                    continue
            elif mention.kind == "nominal" and self._is_open_description(mention):
                if not self._description(mention, keep):
                    continue
            keep.append(mention)
        for i, mention in enumerate(keep):
            mention.mention_id = i
        # antecedent ids were set as object refs (see _link); renumber them now
        index = {id(m): i for i, m in enumerate(keep)}
        for mention in keep:
            ante = getattr(mention, "_ante", None)
            if ante is not None:
                mention.antecedent = index.get(id(ante))
                del mention.__dict__["_ante"]
        self.doc.mentions = keep
        self._owner_country(keep)
        self._document_country(keep)

    def _owner_country(self, mentions: list[Mention]) -> None:
        """ "his military would respond", "its diplomats left": a stateless sector phrase owned by a
        pronoun belongs to the state of whoever the pronoun refers to.  Only subjects: as an object
        ("withdraw its troops from Lebanon") the phrase is the source's own, and giving it a state would
        make it outrank the real target."""
        pronoun_at = {m.token_start: m for m in mentions if m.kind == "pronoun"}
        rules = context_rules()
        for m in mentions:
            head = self.head_of.get(id(m))
            if head is None or m.actor is None or not m.actor.sector or not takes_context(m.actor, rules):
                continue
            if self.sd[head].dep_ not in SUBJECT_DEPS:
                continue
            owner = next((pronoun_at.get(c.i) for c in self.sd[head].children if c.dep_ == "poss"), None)
            if owner is None or owner.actor is None or not owner.actor.country:
                continue
            country = owner.actor.country
            if country:
                m.actor.country = country
                m.actor.code = country + m.actor.sector
                m.rule += f"; country {country} of its owner '{owner.text}' ({owner.rule.split('; ')[-1]})"

    def _document_country(self, mentions: list[Mention]) -> None:
        """Give stateless sector actors ("police", "President X") the article's context country,
        but only when the context is clear (actors/context.py)."""
        rules = context_rules()
        _us_state_homonyms(mentions, country_votes(self.doc, mentions, rules), rules)
        votes = country_votes(self.doc, mentions, rules)
        top = context_country(votes, rules)
        self.doc.context_country = top
        if top is None:
            self._nearby_country(mentions, rules)
            return
        how = "the only state" if len(votes) == 1 else "the main state"
        for m in mentions:
            a = m.actor
            if a is None or m.kind == "group" or not takes_context(a, rules):
                continue
            if a.sector is None and not (
                self._is_named_person(m) or m.kind == "pronoun" and a.name or _unknown_body(m)
            ):
                continue  # a pronoun copies its antecedent: "he" after "President X" gets X's state too
            a.country = top
            a.code = top + (a.sector or "")
            m.rule += f"; country {top} from document context ({how})"

    def _nearby_country(self, mentions: list[Mention], rules: ContextFile) -> None:
        """An article about several states: a stateless sector actor ("the committee", "the company") takes
        the one state that its own sentence and the one before it name (`nearby_sentences`), if only one."""
        states: dict[int, set[str]] = {}
        for m in mentions:
            if m.kind != "pronoun" and m.actor is not None and m.actor.country:
                states.setdefault(m.sentence_index, set()).add(m.actor.country)
        for m in mentions:
            a = m.actor
            if a is None or not a.sector or m.kind in ("group", "pronoun") or not takes_context(a, rules):
                continue
            window = range(m.sentence_index - rules.nearby_sentences, m.sentence_index + 1)
            near = set().union(*(states.get(i, set()) for i in window))
            if len(near) == 1:
                country = next(iter(near))
                a.country = country
                a.code = country + a.sector
                m.rule += f"; country {country}, the one state named nearby"

    def _is_open_description(self, m: Mention) -> bool:
        """ "the secretary", "the alliance", "the police": definite, no state or name of its own."""
        if m.actor is None:
            return True
        if m.actor.country is not None or m.actor.name is not None:
            return False
        if m.actor.code.startswith(("IGO", "NGO")):
            return False
        first = self.sd[m.token_start].lower_
        return first in DEFINITE

    def _description(self, m: Mention, prior: list[Mention]) -> bool:
        """Resolve a definite description; False if it stays without an actor."""
        head_i = self.head_of.get(id(m), m.token_end - 1)
        head_word = self.sd[head_i].lemma_.lower()
        if m.actor is None:
            return self._by_rule(m, prior, head_word)
        if m.actor.role is not None and self._title(m, prior):
            return True
        if self._same_sector(m, prior):
            return True
        self._by_rule(m, prior, head_word)
        return True

    def _title(self, m: Mention, prior: list[Mention]) -> bool:
        assert m.actor is not None and m.actor.role is not None
        title = m.actor.role.lower()
        former = m.actor.sector == "ELI"
        for cand in reversed(prior):
            ca = cand.actor
            if ca is None or ca.role is None or cand.kind == "pronoun" or not self._is_person(cand):
                continue
            if ca.role.lower().startswith("former ") and not former:
                continue  # "the minister" is someone in office
            if ca.name and self._same_office(title, ca.role.lower(), cand.text.lower()):
                self._link(m, cand, f"title '{title}' matches role '{ca.role}'")
                return True
        return self._head_of_state(m, prior, title)

    def _same_office(self, title: str, role: str, text: str) -> bool:
        """ "secretary" ~ "Secretary of State"; "premier" ~ "Prime Minister" (both head of government)."""
        if title in role or title in text:
            return True
        term = self.lex.terms.get(tuple(title.split()))
        if term is None or term.head is None:
            return False
        role = role.removeprefix("former ")
        other = self.lex.terms.get(tuple(role.split()))
        return other is not None and other.head == term.head

    def _head_of_state(self, m: Mention, prior: list[Mention], title: str) -> bool:
        key = tuple(title.split())
        term = self.lex.terms.get(key)
        if term is None or term.head is None:
            return False
        country = self._main_country(prior)
        if country is None:
            return False
        wanted = set(title.split())
        for entry in people_holding(self.lex, title.split()[-1]):
            role, former = role_at(entry, self.date)
            if role is None or former or role.country != country:
                continue
            words = set(role.role.lower().split())
            if not wanted <= words or (words - wanted) & LESSER_OFFICE:
                continue  # "the president" is not the vice president
            if self.date is None and role.end is not None:
                continue  # undated: only whoever holds the office now, not every past holder's last role
            actor, _why = person_actor(entry, self.date)
            m.actor = actor
            when = "on the document date" if self.date else "now (undated)"
            m.rule += f"; coref: the {title} of {country} {when} is {entry.name} ({entry.entry_id})"
            for cand in reversed(prior):
                if cand.actor is not None and cand.actor.name == entry.name:
                    m.__dict__["_ante"] = cand
                    break
            return True
        return False

    def _same_sector(self, m: Mention, prior: list[Mention]) -> bool:
        assert m.actor is not None
        sector = m.actor.sector
        window = m.sentence_index - 8
        for cand in reversed(prior):
            if cand.sentence_index < window:
                break
            ca = cand.actor
            if cand.kind == "place":
                continue  # a town read as its people ("Rio" CVL) is not the group "the men" refers to
            if ca is not None and ca.sector == sector and ca.country and not self._is_named_person(cand):
                self._link(m, cand, f"same sector {sector}")
                return True
        return False

    def _proper_head(self, m: Mention) -> bool:
        """The description's head is written as a name and has no "of" phrase: "the North" refers to a
        state, "the north of the country" to a region."""
        head = self.sd[self.head_of.get(id(m), m.token_end - 1)]
        return head.text[:1].isupper() and not any(
            c.dep_ == "prep" and c.lower_ == "of" for c in head.children
        )

    def _by_rule(self, m: Mention, prior: list[Mention], head_word: str) -> bool:
        for rule in self.lex.coref_rules:
            if head_word not in rule["nouns"] or (rule.get("proper") and not self._proper_head(m)):
                continue
            window = m.sentence_index - int(rule.get("window", 8))
            for cand in reversed(prior):
                if cand.sentence_index < window:
                    break
                if (
                    cand.kind == "pronoun"
                    or not self._fits(cand, rule)
                    or self._other_kind(m, cand, head_word)
                ):
                    continue
                ca = cand.actor
                assert ca is not None
                actor = ca
                sector = m.actor.sector if m.actor is not None else None
                if sector and ca.country and ca.code == ca.country:
                    actor = replace(ca, code=ca.country + sector, sector=sector)
                self._link(m, cand, f"'{head_word}' rule", actor=actor)
                return True
        return False

    def _other_kind(self, m: Mention, cand: Mention, head_word: str) -> bool:
        """ "the rebel group" is not "the ruling party" named before it: a description whose sector
        comes from a word before its head ("rebel", "opposition") refers back only to an actor of
        that sector."""
        own = m.actor.sector if m.actor is not None else None
        if own is None or (head_word,) in self.lex.terms or cand.actor is None:
            return False
        return cand.actor.sector is not None and cand.actor.sector != own

    @staticmethod
    def _fits(cand: Mention, rule: dict[str, Any]) -> bool:
        ca = cand.actor
        if ca is None:
            return False
        if "codes" in rule and not any(ca.code.startswith(c) for c in rule["codes"]):
            return False
        if "sectors" in rule and ca.sector not in rule["sectors"]:
            return False
        if rule.get("countries") and not (ca.country and ca.code == ca.country):
            return False
        return True


def _us_state_homonyms(mentions: list[Mention], votes: Counter[str], rules: ContextFile) -> None:
    """ "Georgia" in a story on US politics is the US state: when the United States has at least
    `us_state_votes` votes besides, and the country is named only by the shared name (no capital, no
    demonym, no leader, no other foreign state in its sentences), its mentions become American
    (context.yaml `us_state_homonyms`)."""
    for iso3, names in rules.us_state_homonyms.items():
        named = [m for m in mentions if m.actor is not None and m.actor.country == iso3]
        if not named or votes["USA"] < rules.us_state_votes:
            continue
        by_name = [m for m in named if any(n in re.findall(r"[a-z]+", m.text.lower()) for n in names)]
        if len(by_name) < len(named) or _beside_a_foreign_state(by_name, mentions, iso3):
            continue  # "Tbilisi", "Georgian troops", "the Russian war with Georgia": the country itself
        for m in by_name:
            actor = m.actor
            assert actor is not None
            actor.country = "USA"
            actor.code = "USA" + (actor.sector or "")
            m.rule += f"; '{m.text}' as the US state (the story is on the United States)"


def _beside_a_foreign_state(named: list[Mention], mentions: list[Mention], iso3: str) -> bool:
    """Does a sentence naming the country also name another state than the United States?"""
    sentences = {m.sentence_index for m in named}
    return any(
        m.sentence_index in sentences and m.actor is not None and m.actor.country not in (None, "USA", iso3)
        for m in mentions
    )
