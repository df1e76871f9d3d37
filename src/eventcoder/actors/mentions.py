"""Mention building: each noun phrase, its extent and the actor its pieces make (see docs/actors.md,
"How a mention is resolved").  The classes are layers of one builder, each with one job."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from eventcoder.actors.context import backer_words, posted_abroad, proxy_nouns
from eventcoder.actors.kb import (
    ACTING_DEPS,
    APPOSITION_GAP,
    ETHNIC_WORDS,
    FORMER_WORDS,
    HEAD_POS,
    LESSER_OFFICE,
    MAX_APPOSITION,
    MAX_TAIL,
    MODIFIER_DEPS,
    NAME_ENTS,
    NP_LEFT_DEPS,
    PLURAL_TAGS,
    PRONOUNS,
    STANCE_PREFIXES,
    TAIL_PREPS,
    Entry,
    Lexicon,
    Match,
    Role,
    Term,
    _norm,
    _parse_doc_date,
    _role_for_title,
    org_actor,
    party_tag_region,
    people_named,
    person_actor,
    role_at,
)
from eventcoder.geo import place_country
from eventcoder.model import Actor, Document, Mention

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


@dataclass
class _Phrase:
    """What the tokens of one noun phrase contribute to its actor."""

    country: Match | None = None
    org: Match | None = None
    person: Match | None = None
    head_term: Match | None = None
    titles: list[Match] = field(default_factory=list)
    terms: list[Match] = field(default_factory=list)
    former: bool = False


def _party_member_code(org: Entry, code: str, sector: str | None) -> str:
    """ "Republican lawmakers", "Republican Senator X", "Labour MPs": a party word names the state and
    the side, and the noun or title says the sector (USALEG), as CAMEO codes party members."""
    if org.sector != "PTY" or not org.country or not sector or sector == "PTY":
        return code
    return org.country + sector


class _MentionContext:
    """The parsed document, its knowledge-base matches and the helpers every mention pass shares."""

    def __init__(self, doc: Document, lex: Lexicon, matches: list[Match | None]) -> None:
        self.doc = doc
        self.sd = doc.nlp_doc
        self.lex = lex
        self.matches = matches
        self.date = _parse_doc_date(doc.date)
        self.mentions: list[Mention] = []
        self.covered: set[int] = set()  # tokens inside an actor phrase
        self.np_heads: list[tuple[int, Mention | None]] = []  # (head token, its actor mention or None)
        self.sent_index = self._sentence_index()
        self.person_words: set[str] = set()  # words of person names seen so far ("Marsh" later on)
        self._ents: list[Span | None] | None = None  # token index -> spaCy entity span (built on first use)
        self.person_heads: set[int] = set()  # heads of phrases resolved as a person's name
        self._states: set[str] | None = None  # states the matches name (built on first use)

    def _sentence_index(self) -> list[int]:
        index = [0] * len(self.sd)
        for s_i, sent in enumerate(self.sd.sents):
            for k in range(sent.start, sent.end):
                index[k] = s_i
        return index

    def _entity_of(self, token: Token) -> Span | None:
        """The spaCy entity holding the token (indexed once: `Doc.ents` rebuilds its spans on
        every access, which made this lookup the stage's main per-document cost)."""
        if self._ents is None:
            self._ents = [None] * len(self.sd)
            for ent in self.sd.ents:
                for k in range(ent.start, ent.end):
                    self._ents[k] = ent
        return self._ents[token.i]

    def _term_at(self, i: int) -> Match | None:
        match = self.matches[i]
        return match if match is not None and match.term is not None else None

    def _named_states(self) -> set[str]:
        """The states the document names (by name, demonym or capital).

        Computed once: the matches are fixed, and rescanning them for every unknown town made a
        long document quadratic.
        """
        if self._states is None:
            self._states = {
                m.entry.country
                for m in self.matches
                if m is not None and m.entry is not None and m.entry.kind == "country" and m.entry.country
            }
        return self._states

    def _make(self, start: int, end: int, actor: Actor | None, kind: str, rule: str) -> Mention:
        span = self.sd[start:end]
        return Mention(
            mention_id=-1,
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            sentence_index=self.sent_index[start],
            token_start=start,
            token_end=end,
            actor=actor,
            kind=kind,
            rule=rule,
        )

    def _text(self, match: Match | None) -> str:
        return self.sd[match.start : match.end].text if match is not None else ""


def _of_phrase_end(prep: Token) -> int:
    """Where an "of" phrase that names the actor ends: after its object's own modifiers, before a clause or
    apposition on the object ("the leader of a militia that has attacked US forces" is the militia's
    leader, and the forces it attacked are no part of the phrase)."""
    end = prep.i + 1
    for obj in (c for c in prep.children if c.dep_ == "pobj"):
        end = max(end, obj.i + 1)
        for child in obj.rights:
            if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj"):
                break
            end = max(end, child.right_edge.i + 1)
    return end


class _Extents(_MentionContext):
    """Where a mention starts and ends (the noun phrase, its place phrase and apposition), and what
    its tokens contribute."""

    def _is_head(self, token: Token) -> bool:
        if token.pos_ not in HEAD_POS and not self._adjectival_head(token):
            return False
        if token.dep_ in MODIFIER_DEPS and token.head.i != token.i and token.head.pos_ in HEAD_POS:
            return False
        return True

    def _adjectival_head(self, token: Token) -> bool:
        """ "the French said", "Palestinians" tagged as adjectives: a demonym heading a phrase."""
        match = self.matches[token.i]
        return (
            match is not None
            and match.entry is not None
            and token.dep_ in ("nsubj", "dobj", "pobj", "conj")
            and token.pos_ in ("ADJ", "NOUN", "PROPN")
        )

    def _span(self, head: Token) -> tuple[int, int]:
        """Token span of the noun phrase headed by `head` (left modifiers, "of" + name, entity)."""
        start = head.i
        for child in head.lefts:
            if child.dep_ in NP_LEFT_DEPS:
                start = min(start, child.left_edge.i)
        end = head.i + 1
        named = self.matches[head.i]
        if named is not None and named.entry is not None:  # "Law and Justice" is one party, not two
            start, end = min(start, named.start), max(end, named.end)
        if head.ent_type_ in NAME_ENTS and head.ent_iob_ != "O":
            ent = self._entity_of(head)
            if ent is not None:
                start, end = min(start, ent.start), max(end, ent.end)
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of" and self._names_something(child):
                end = max(end, _of_phrase_end(child))
        sent = head.sent
        start, end = max(start, sent.start), min(end, sent.end)
        while end - 1 > start and self.sd[end - 1].is_punct:
            if self.sd[end - 1].text == ")" and "(" in self.sd[start : end - 1].text:
                break  # "All Pakistan Muslim League (APML)"
            end -= 1
        while start < head.i and (
            self.sd[start].pos_ == "CCONJ" or self.sd[start].is_punct or self.sd[start].lower_ == "to"
        ):
            start += 1  # "and", "(", and the "to" of "up to 8,500 troops"
        return self._within_paragraph(head, start, end)

    def _within_paragraph(self, head: Token, start: int, end: int) -> tuple[int, int]:
        """A phrase never runs across a line break (a photo credit above a paragraph is not part
        of the name that opens it: "Getty Images\n\nBlinken")."""
        for k in range(start, head.i):
            if "\n" in self.sd[k].text or "\n" in self.sd[k].whitespace_:
                start = k + 1
        for k in range(head.i, end - 1):
            if "\n" in self.sd[k].whitespace_ or "\n" in self.sd[k + 1].text:
                return start, k + 1
        return start, end

    def _names_something(self, prep: Token) -> bool:
        """An "of" phrase that belongs to the actor: "of Morocco", "of Foreign Affairs"."""
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            return False
        obj = objects[0]
        match = self.matches[obj.i]
        if match is not None and match.entry is not None:
            return True
        if match is not None and match.term is not None and not match.term.title:
            # "Leaders of the opposition coalition"; not "the commander of forces in Iraq", whose forces'
            # place phrase says where they serve, not whose they are
            return self._generic_head(prep.head) and not any(c.dep_ == "prep" for c in obj.children)
        return (
            obj.pos_ == "PROPN"
            and prep.head.pos_ in HEAD_POS
            and (prep.head.pos_ == "PROPN" or self._term_at(prep.head.i) is not None)
        )

    def _generic_head(self, tok: Token) -> bool:
        """A word that names someone only through the body of its "of" phrase: a generic title
        ("leader", "chief", also as "leaders") or any title ("the head of the army")."""
        for key in ((_norm(tok.lemma_),), (_norm(tok.text),)):
            term = self.lex.terms.get(key)
            if term is not None and (term.generic or term.title):
                return True
        return False

    def _tail(self, head: Token, start: int, end: int) -> tuple[int, int]:
        """(end of the phrase, end of its extent): a place phrase after a sector noun or a
        people word ("rebels in Darfur", "students throughout Indonesia", "Doctors from two
        American aid groups") is part of the noun phrase and may say where its actor is from."""
        match = self.matches[head.i]
        if match is None or (match.term is None and match.form != "demonym"):
            return end, end
        for child in head.rights:
            if child.i < end or child.dep_ != "prep" or child.lower_ not in TAIL_PREPS:
                continue
            last = child.right_edge.i + 1
            if last - child.i > MAX_TAIL or last > head.sent.end:
                return end, end
            if self._names_place(child):
                while last - 1 > child.i and self.sd[last - 1].is_punct:
                    last -= 1
                return end, last
            return end, end
        return end, end

    def _apposition_end(self, head: Token, end: int) -> int:
        """The end of the phrase's extent with its apposition: "the Palestinian president,
        Mahmoud Abbas", "Nigerian Air Force (NAF)".  The apposition keeps its own mention (and
        coreference merges the two); only the outer mention's extent grows."""
        for child in head.rights:
            if child.dep_ != "appos" or child.i < end:
                continue
            gap = self.sd[end : child.left_edge.i]
            if any(t.text not in APPOSITION_GAP for t in gap):
                return end
            last = child.right_edge.i + 1
            if last < head.sent.end and self.sd[last].text == ")" and "(" in gap.text:
                last += 1
            if last - end > MAX_APPOSITION or last > head.sent.end:
                return end
            while last - 1 > child.i and self.sd[last - 1].is_punct and self.sd[last - 1].text != ")":
                last -= 1
            return self._within_paragraph(head, head.i, last)[1]
        return end

    def _names_place(self, prep: Token) -> bool:
        """The object of a preposition names a state, a place or an organisation."""
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            return False
        obj = objects[0]
        if obj.ent_type_ in ("GPE", "LOC") or obj.ent_type_ == "ORG" and obj.pos_ == "PROPN":
            return True
        return any(
            self.matches[k] is not None and self.matches[k].entry is not None  # type: ignore[union-attr]
            for k in range(obj.left_edge.i, obj.i + 1)
        )

    def _definite_description(self, head: Token, start: int) -> bool:
        """ "the alliance", "the group": may refer back to an actor (coref decides, or drops it)."""
        return head.lemma_.lower() in self.lex.coref_nouns and self.sd[start].lower_ in (
            "the",
            "this",
            "that",
        )

    def _collect(self, start: int, end: int, head: Token) -> _Phrase:
        phrase = _Phrase()
        seen: set[int] = set()
        for k in range(start, end):
            tok = self.sd[k]
            if tok.lower_ in FORMER_WORDS and k < head.i:
                phrase.former = True
            match = self.matches[k]
            if match is None or id(match) in seen:
                continue
            seen.add(id(match))
            self._add_to_phrase(phrase, match, head)
        return phrase

    def _add_to_phrase(self, phrase: _Phrase, match: Match, head: Token) -> None:
        if match.term is not None:
            phrase.terms.append(match)
            if match.start <= head.i < match.end:
                phrase.head_term = match
            elif match.term.title:
                phrase.titles.append(match)
            return
        entry = match.entry
        assert entry is not None
        if entry.kind == "person":
            phrase.person = phrase.person or match
        elif entry.kind == "country":
            if not self._stance_word(match):
                phrase.country = phrase.country or match
        elif not self._stance_word(match):  # "Ukraine's pro-Kremlin president" is not the Kremlin's
            at_head = match.start <= head.i < match.end
            if phrase.org is None or at_head:
                phrase.org = match

    def _stance_word(self, match: Match) -> bool:
        """ "pro-Iranian Hizbollah", "anti-American protesters": a stance, not the group's state; nor is
        a backer ("Iran-backed rebels in Yemen", "Saudi-funded groups": context.yaml `backer_words`) or a
        sponsor ("an Iranian proxy militia": `proxy_nouns`)."""
        k = match.start
        after = [t.lower_ for t in self.sd[match.end : match.end + 2]]
        if len(after) == 2 and after[0] == "-" and after[1] in backer_words():
            return True
        if after and after[0] in proxy_nouns() and match.entry is not None and match.entry.kind == "country":
            return True  # "an Iranian proxy militia in Iraq": Iran sponsors it
        word = self.sd[match.end - 1].lower_
        if "-" in word[1:] and word.rsplit("-", 1)[1] in backer_words():
            return True  # one token: "saudi-funded"
        before = [t.lower_ for t in self.sd[max(0, k - 2) : k]]
        if not before:
            return False
        hyphenated = len(before) == 2 and before[1] == "-" and before[0] in STANCE_PREFIXES
        return before[-1] in STANCE_PREFIXES or hyphenated


class _Places(_Extents):
    """States and places: a state named in the phrase, a capital or town, a place phrase, the gazetteer."""

    def _place_from_tail(
        self, actor: Actor, p: _Phrase, head: Token, start: int, tail: tuple[int, int]
    ) -> str:
        """Give a sector actor with no state the state of its place phrase ("rebels in the
        Ivory Coast" -> CIV); "ethnic Albanians in Serbia" are Serbia's people (SRB CVL)."""
        country = self._tail_country(tail)
        if country is None or actor.code.startswith(("IGO", "NGO", "IMG")):
            return ""
        ethnic = self._ethnic(head, start)
        if actor.country is not None and not (ethnic and actor.sector == "CVL"):
            return ""
        if actor.country is None and actor.sector is None:
            return ""
        if actor.country is not None:
            actor.name = None  # the demonym's state is not who they are
        actor.country = country
        actor.code = country + (actor.sector or "")
        return f"; country {country} from the place phrase '{self.sd[tail[0] : tail[1]].text}'"

    def _ethnic(self, head: Token, start: int) -> bool:
        """ "ethnic Albanians": the demonym names an ethnicity, not the state they live in."""
        return any(self.sd[k].lower_ in ETHNIC_WORDS for k in range(start, head.i))

    def _ethnic_home(self, actor: Actor, head: Token) -> str:
        """An ethnic group lives in the one other state its sentence names ("Serb forces killed
        three ethnic Albanians in southeastern Serbia" -> SRB CVL); with none or several, the
        demonym's state stays."""
        sent = head.sent
        others = {
            m.entry.country
            for m in (self.matches[k] for k in range(sent.start, sent.end))
            if m is not None and m.entry is not None and m.entry.kind == "country"
        } - {actor.country, None}
        if len(others) != 1:
            return ""
        country = others.pop()
        assert country is not None
        actor.country, actor.code, actor.name = country, country + "CVL", None
        return f"; ethnic group living in {country}, the other state named in the sentence"

    def _tail_country(self, tail: tuple[int, int]) -> str | None:
        for k in range(*tail):
            match = self.matches[k]
            if match is not None and match.entry is not None:
                if match.entry.kind == "country":
                    return match.entry.country
                return match.entry.country if match.entry.kind != "person" else None
        for k in range(*tail):
            found = self._place_at(k, tail[1])
            if found is not None:
                return found[0]
        return None

    def _city(self, head: Token) -> tuple[Actor | None, str, str]:
        """A town the knowledge base lacks ("Cizre"): its state, from the offline gazetteer."""
        ent = self._entity_of(head)
        if ent is None:
            return None, "", ""
        iso3 = place_country(str(ent.text), self._named_states())
        entry = self.lex.countries.get(iso3 or "")
        if entry is None:
            return None, "", ""
        actor = Actor(
            code=(entry.code or "") + "CVL",
            country=entry.country,
            sector="CVL",
            name=entry.name,
            entry=entry.entry_id,
        )
        return actor, "place", f"place in the offline gazetteer -> {iso3}, as its people (CVL)"

    def _place_modifier(self, head: Token) -> tuple[str, str] | None:
        """ "Shanghai police", "Mariupol residents": a place name the knowledge base lacks, written
        before a sector noun, gives it the state the gazetteer puts that place in."""
        for k in range(head.left_edge.i, head.i):
            found = self._place_at(k, head.i)
            if found is not None:
                return found
        return None

    def _lone_proper_word(self, tok: Token, limit: int) -> bool:
        """A capitalised word that is not part of a longer entity (spaCy often tags an unfamiliar
        town as ADJ or ORG: "Mariupol residents")."""
        if tok.pos_ not in ("PROPN", "ADJ") or not tok.is_title or tok.ent_type_ not in ("", "ORG"):
            return False
        return tok.i + 1 >= limit or self.sd[tok.i + 1].ent_iob_ != "I"

    def _place_at(self, k: int, limit: int) -> tuple[str, str] | None:
        """(state, name) when a place name the knowledge base lacks starts at token k and ends
        before `limit`: a GPE/LOC entity, or a proper noun spaCy left untyped or took for an ORG
        ("Mariupol"); the state is the gazetteer's."""
        tok = self.sd[k]
        if self.matches[k] is not None or tok.ent_iob_ == "I":
            return None
        if tok.ent_type_ in ("GPE", "LOC"):
            ent = self._entity_of(tok)
            name = str(ent.text) if ent is not None and ent.end <= limit else None
        elif self._lone_proper_word(tok, limit):
            name = tok.text
        else:
            return None
        country = place_country(name, self._named_states()) if name else None
        return (country, name) if country and name else None

    def _state_noun(self, head: Token) -> bool:
        """Head of a description that stands for a whole state (coref.yaml rules with countries: true)."""
        lemma = head.lemma_.lower()
        return any(
            rule.get("countries") and lemma in {str(n).lower() for n in rule["nouns"]}
            for rule in self.lex.coref_rules
        )

    def _people_group(self, head: Token) -> bool:
        """An ethnic or religious group the knowledge base lacks ("Kurds", "Shiites", "Tamils"):
        spaCy's NORP entity on a plural noun."""
        return (
            head.ent_type_ == "NORP"
            and head.tag_ in PLURAL_TAGS
            and self.matches[head.i] is None
            and head.text[:1].isupper()
        )

    def _group_of_people(self, p: _Phrase, head: Token) -> tuple[Actor, str, str]:
        """People of a group are civilians; a state word in the phrase places them ("Iraqi Kurds").
        The group's name stays as the actor name, so "the Shiites" is not read as a reference
        back to some other civilians."""
        entry = p.country.entry if p.country is not None else None
        country = entry.country if entry is not None else None
        actor = Actor(code=(country or "") + "CVL", country=country, sector="CVL", name=head.text)
        why = "ethnic or religious group (spaCy NORP) -> CVL"
        return actor, "nominal", why + (f"; country from '{self._text(p.country)}'" if country else "")

    def _people_of(self, head: Token) -> bool:
        """ "168 Liberians", "young Algerians": a demonym naming people, not the state.
        "the Palestinians" (definite, bare) is read as the state, as coders usually do."""
        if head.pos_ == "ADJ" or self.matches[head.i] is None:
            return False
        if head.tag_ not in PLURAL_TAGS and not head.text.endswith("s"):
            return False
        return not any(c.dep_ == "det" and c.lower_ == "the" for c in head.lefts) or any(
            c.dep_ in ("amod", "nummod") for c in head.lefts
        )

    def _state(self, p: _Phrase, head: Token | None = None) -> tuple[Actor | None, str, str]:
        if p.country is None or p.country.entry is None:
            return None, "", ""  # a country word with no entry behind it resolves nothing (it used to crash)
        entry = p.country.entry
        actor = Actor(code=entry.code or "", country=entry.country, name=entry.name, entry=entry.entry_id)
        if p.country.form == "demonym" and head is not None and self._people_of(head):
            actor = replace(actor, code=(entry.country or "") + "CVL", sector="CVL")
            return (
                actor,
                "nominal",
                f"nationality noun for people: {entry.entry_id} ('{self._text(p.country)}') -> CVL",
            )
        if p.country.form == "capital" and head is not None and self._acting(head):
            actor = replace(actor, code=(entry.country or "") + "GOV", sector="GOV")
            return (
                actor,
                "name",
                f"capital as metonymy for the government: {entry.entry_id} ('{self._text(p.country)}')",
            )
        if p.country.form == "capital":
            actor = replace(actor, code=(entry.country or "") + "CVL", sector="CVL")
            return actor, "place", f"town as its people: {entry.entry_id} ('{self._text(p.country)}') -> CVL"
        kind = "name"
        how = {"capital": "capital as metonymy", "demonym": "nationality word"}.get(
            p.country.form, "state name"
        )
        why = f"{how}: {entry.entry_id} ('{self._text(p.country)}')"
        last = self.lex.terms.get((_norm(self.sd[p.country.end - 1].text),))
        if p.country.end - p.country.start > 1 and last is not None and not last.title:
            # "the Palestinian Authority", "Kurdistan Regional Government": a state's name that
            # ends in a sector word names that part of the state
            actor = replace(actor, code=(entry.country or "") + last.sector, sector=last.sector)
            why += f"; the name ends in the sector word '{self.sd[p.country.end - 1].text}' -> {last.sector}"
        return actor, kind, why

    def _acting(self, head: Token) -> bool:
        """A capital that does something stands for its government: a subject or possessor
        ("Moscow massed", "Washington's demands") or the agent after "by" ("an admission by Moscow").
        So does a capital that is addressed, pressed or judged ("urged Moscow", "called on Beijing"):
        the verbs are in addressees.yaml."""
        if head.dep_ in ACTING_DEPS:
            return True
        if head.dep_ == "pobj" and head.head.lower_ == "by":
            return True
        if head.dep_ in ("dobj", "dative"):
            return head.head.lemma_.lower() in self.lex.addressee_verbs
        if head.dep_ == "pobj" and head.head.lower_ in self.lex.addressee_preps:
            governor = head.head.head
            return governor.lemma_.lower() in self.lex.addressee_verbs
        return False


class _PersonHomes(_Places):
    """Where a person the knowledge base lacks is from: a party tag ("R-Ariz."), a place before the title
    ("Texas Gov."), a place after the name; split from _People to keep each class short."""

    def _home_reason(
        self, p: _Phrase, country: str | None, place: tuple[str, str] | None, tag: tuple[str, str] | None
    ) -> str:
        """Why an unknown person has the country it has (for the mention's rule)."""
        if country and place is not None and p.country is None:
            return f"; country {country} of the place '{place[1]}' (gazetteer)"
        if tag is not None:
            return f"; country {country} from the party tag (names.yaml)"
        return f"; country from '{self._text(p.country or p.org)}'" if country else ""

    def _written_home(
        self, head: Token, span: tuple[int, int], title: Match | None
    ) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
        """Where a person the knowledge base lacks is from, as written with the name: a place with the
        title ("Sen. X of Ohio", "Texas Gov. X": (state, place)), else a party tag ("X, R-Ariz.": (country,
        sector))."""
        place = None
        if title is not None:
            place = self._place_after(head, span[1]) or self._place_before(span[0], title.start)
        return place, (self._party_tag(*span) if place is None else None)

    def _party_tag(self, start: int, end: int) -> tuple[str, str] | None:
        """ "Sen. Jane Roe, R-Ariz.", "John Doe (D-NY)": a party letter, a hyphen and a region in the
        person's phrase or right after the name, behind a comma or bracket (names.yaml `party_tags`), give
        the country and a sector."""
        stop = min(end + 4, self.sd[end - 1].sent.end) if end > start else end
        tokens = self.sd[start:stop]
        for k in range(len(tokens) - 2):
            party, dash, region = tokens[k], tokens[k + 1], tokens[k + 2]
            if dash.text != "-" or (party.i >= end and self.sd[party.i - 1].text not in (",", "(")):
                continue
            found = self.lex.party_tags.get((party.text, party_tag_region(region.text)))
            if found is not None:
                return found
        return None

    def _place_before(self, start: int, title_start: int) -> tuple[str, str] | None:
        """ "Texas Gov. Rick Perry", "Ohio Rep. Jim Jordan": a place written before the title."""
        for k in range(start, title_start):
            found = self._place_at(k, title_start)
            if found is not None:
                return found
        return None

    def _place_after(self, head: Token, end: int) -> tuple[str, str] | None:
        """ "Sen. Lindsey Graham of South Carolina": the place written after a titled person's name
        (in the phrase's "of" part) gives the state the gazetteer puts it in."""
        for k in range(head.i + 1, end):
            found = self._place_at(k, end)
            if found is not None:
                return found
        return None


class _People(_PersonHomes):
    """People: known people with dated roles, titles written with a name, unknown people."""

    def _person(self, p: _Phrase, head: Token, start: int, end: int) -> tuple[Actor | None, str, str]:
        title = p.titles[-1] if p.titles else self._office_noun(p, head)
        title_text = self._text(title) if title else None
        if p.person is not None and p.person.entry is not None and not self._other_person(p.person):
            actor, why = self._known_person(p, p.person)
            return actor, "name", why
        by_family_name = None
        if p.person is None and p.org is None:
            by_family_name = self._surname_person(head, start, title_text)
        if by_family_name is not None:
            actor, why = self._known_person(
                p, Match(head.i, head.i + 1, entry=by_family_name, form="surname")
            )
            return actor, "name", why + f"; found by the family name '{head.text}' alone (names.yaml)"
        return self._unknown_person(p, head, (start, end), title)

    def _unknown_person(
        self, p: _Phrase, head: Token, span: tuple[int, int], title: Match | None
    ) -> tuple[Actor | None, str, str]:
        """A person the knowledge base lacks: the title's sector, the state or body the phrase
        names (or the place after the name), "former" making an elite."""
        name = self._person_name(head, *span)
        title_text = self._text(title) if title else None
        country = p.country.entry.country if p.country and p.country.entry else None
        sector = self._title_sector(p, title) if title else None
        org = p.org.entry if p.org and p.org.entry else None
        place, tag = (
            self._written_home(head, span, title) if country is None and org is None else (None, None)
        )
        if tag is not None:  # "Rep. Jane Roe, D-Calif.": a member of that country's legislature
            country, sector = tag[0], sector or tag[1]
        if org is not None:
            code, country, sector = org.code or "", org.country, sector or org.sector
            code = _party_member_code(org, code, sector)
        else:
            country = country or (place[0] if place else None)
            code = (country or "") + (sector or "")
        if p.former and code:
            sector = "ELI"
            code = (country or "") + "ELI"
        role = ("former " if p.former else "") + title_text if title_text else None
        why = "unknown person" + (f"; title '{title_text}' -> {sector or '?'}" if title_text else "")
        why += self._home_reason(p, country, place, tag)
        if not code:
            return Actor(code="", name=name, role=role), "name", why + "; no country or sector known"
        return Actor(code=code, country=country, sector=sector, name=name, role=role), "name", why

    def _office_noun(self, p: _Phrase, head: Token) -> Match | None:
        """A sector noun written right before a person's name stands as the title: the generated
        agents table lists offices as nouns ("Serbian Labour Minister Dragan Milovanovic" GOV)."""
        first = head.i
        while first > 0 and self.sd[first - 1].ent_type_ == "PERSON" and self.matches[first - 1] is None:
            first -= 1
        for match in p.terms:
            if match.end == first and match.term is not None and match.start < first:
                return match
        return None

    def _surname_person(self, head: Token, start: int, title: str | None) -> Entry | None:
        """ "Mr Blair", "Kim", "Ms Short": a person written by the family name alone (after an
        honorific, or as a spaCy PERSON): the known person the text names in full, else exactly one
        known person that fits (see `_one_person`; those of the honorific's gender, and those who
        held the title written with the name, when there are any); a text that names in full
        someone the knowledge base lacks ("John Blair") keeps the unknown person."""
        if head.pos_ != "PROPN" or not head.text[:1].isupper() or self.matches[head.i] is not None:
            return None  # (not `is_title`: "McCain")
        before = [t for t in self.sd[start : head.i] if t.pos_ == "PROPN" and self.matches[t.i] is None]
        honoured = [t for t in before if _norm(t.text) in self.lex.honorifics]
        if len(honoured) != len(before) or (not honoured and head.ent_type_ != "PERSON"):
            return None  # a given name is written: "John Sullivan" is not the known "Jake Sullivan"
        written = self._full_names(head)
        if written:  # the known "Tony Blair" the text names, or nobody if it names someone else
            return next(iter(written.values())) if len(written) == 1 else None
        genders = {self.lex.honorifics[_norm(t.text)] for t in honoured} - {None}
        people = [
            e
            for e in people_named(self.lex, head.text)
            if not (genders and e.gender and e.gender not in genders)
        ]
        titled = [e for e in people if title and _role_for_title(e, title, None) is not None]
        return self._one_person(titled or people)  # "Mrs. Clinton", "Senator Clinton": not Bill Clinton

    def _full_names(self, head: Token) -> dict[str, Entry | None]:
        """The people the text names in full with this family name, by entry id: their
        knowledge-base entry, or None for one it lacks (keyed by the name)."""
        found: dict[str, Entry | None] = {}
        for ent in self.sd.ents:
            if ent.label_ != "PERSON" or ent[-1].lower_ != head.lower_ or ent[-1].i == head.i:
                continue
            if any(t.pos_ == "PROPN" and _norm(t.text) not in self.lex.honorifics for t in ent[:-1]):
                match = self.matches[ent[-1].i]
                entry = match.entry if match is not None and match.entry is not None else None
                if entry is not None and entry.kind == "person":
                    found[entry.entry_id] = entry
                else:
                    found[ent.text] = None
        return found

    def _one_person(self, candidates: list[Entry]) -> Entry | None:
        """The one person among `candidates` the text can mean: the first of these groups that is
        not empty decides, and it must hold exactly one person of a state the article names (once
        narrowed to heads of state or government when it holds several): our own people.yaml entries in
        office on the date, anyone in office of a state the article names, our own entries who
        held an office."""
        named = self._named_states()

        def of_named(people: list[Entry]) -> list[Entry]:
            return [e for e in people if {e.country, *(r.country for r in e.roles)} & named]

        ours = [e for e in candidates if e.roles and e.entry_id.startswith("people:")]
        current = [e for e in candidates if e.roles and (self.date is None or self._in_office(e))]
        # the generated tables' people count only in office and of a state the article names
        for tier in ([e for e in current if e in ours], of_named(current), ours):
            if not tier:
                continue
            tier = of_named(tier)  # "Mr Howard" in a story naming Britain is not Australia's John Howard
            for head in ("state", "government"):  # "Kim" in 2019: the head of state, not his sister
                if len(tier) > 1:
                    tier = [e for e in tier if self._head_of(e) == head] or tier
            return tier[0] if len(tier) == 1 else None
        return None

    def _head_of(self, entry: Entry) -> str | None:
        """ "state" or "government" when the person's role on the date (the latest one, undated)
        heads one (sectors.yaml titles with `head`)."""
        role, _ = role_at(entry, self.date)
        term = self.lex.terms.get(tuple(_norm(role.role).split())) if role is not None else None
        return term.head if term is not None else None

    def _in_office(self, entry: Entry) -> bool:
        role, former = role_at(entry, self.date)
        return role is not None and not former

    def _surname_country(self, head: Token) -> tuple[str, str] | None:
        """ "the Bush administration", "Trudeau's office": a family name before a sector noun gives it
        the state of the known people of that name (our own people.yaml entries, else the generated
        tables' people of a state the article names), when they all belong to one."""
        for child in head.lefts:
            if child.dep_ not in ("compound", "poss") or child.ent_type_ != "PERSON" or self.matches[child.i]:
                continue  # a person's name only: not "York" in "New York court"
            people = [e for e in people_named(self.lex, child.text) if e.roles and e.country]
            ours = [e for e in people if e.entry_id.startswith("people:")]
            named = [e for e in people if e.country in self._named_states()]
            countries = {e.country for e in ours or named if e.country}
            if len(countries) == 1:
                return countries.pop(), child.text
        return None

    @staticmethod
    def _title_sector(p: _Phrase, title: Match) -> str:
        """A generic title ("leader", "chief") belongs to the sector of the body named before
        it ("the party's leader" PTY, "army chief" MIL); other titles carry their own sector."""
        term = title.term
        assert term is not None
        if term.generic:
            for match in reversed(p.terms):
                if match.end <= title.start and match.term is not None and not match.term.title:
                    return match.term.sector
            party = p.org.entry if p.org is not None and p.org.end <= title.start else None
            if party is not None and party.sector == "PTY":
                return "PTY"  # "Tory leader Michael Howard": the leader of the party named before the title
        return term.sector

    def _known_person(self, p: _Phrase, match: Match) -> tuple[Actor, str]:
        """A people.yaml person: the role on the document date, unless a title in the phrase
        (or in the alias itself: "President Obama") says which office the story means."""
        entry = match.entry
        assert entry is not None
        actor, why = person_actor(entry, self.date, former=p.former)
        undated = self._undated_role(entry) if self.date is None and not p.former else None
        if undated is not None:
            actor, _ = person_actor(replace(entry, roles=(undated,)), None)
            why = f"undated: latest role in a state the article names, {undated.role} ({undated.country})"
        title = p.titles[-1] if p.titles else self._title_in_name(match)
        if title is not None and title.term is not None and not p.former:
            actor, why = self._titled_person(p, entry, actor, why, title)
        return actor, f"person {entry.entry_id} ({why})"

    def _undated_role(self, entry: Entry) -> Role | None:
        """With no date, a person's latest role may be one the story is not about (Tony Blair the
        Quartet envoy in a story on the British election): the latest role in a state the article
        names wins over the latest role overall, and with no such state the latest in the person's own
        state does; None when that is the same role or there is none."""
        named = self._named_states()
        fitting = [r for r in entry.roles if r.country in named]
        if not fitting:  # no state of the person's named: the offices in the person's own state
            fitting = [r for r in entry.roles if entry.country is not None and r.country == entry.country]
        if not fitting or len({r.country for r in entry.roles}) < 2:
            return None
        best = max(fitting, key=lambda r: r.start or dt.date.min)
        latest = max(entry.roles, key=lambda r: r.start or dt.date.min)
        return None if best is latest else best

    def _title_in_name(self, match: Match) -> Match | None:
        """The title that opens a person alias ("President Obama", "Secretary Kerry")."""
        for length in range(match.end - match.start - 1, 0, -1):
            key = tuple(_norm(t.text) for t in self.sd[match.start : match.start + length])
            term = self.lex.terms.get(key)
            if term is not None and term.title:
                return Match(match.start, match.start + length, term=term, form="term")
        return None

    def _other_person(self, match: Match) -> bool:
        """ "John Sullivan" is not the known "Jake Sullivan" whose bare surname matched: a
        different given name written right before the surname, inside one person name."""
        k = match.start - 1
        if k < 0 or match.end - match.start != 1:
            return False
        tok = self.sd[k]
        if not (
            tok.pos_ == "PROPN"
            and tok.ent_type_ == "PERSON"
            and self.matches[k] is None
            and tok.is_title
            and self.sd[match.start].ent_iob_ == "I"
        ):
            return False
        if len(tok.text) <= 2 or tok.text.endswith("."):
            return False  # an initial: "Joseph R. Biden"
        given = match.entry.given_names if match.entry is not None else ()
        # "Joseph" for a listed "Joe", "Tony" for "Antony": a variant shares its first letters
        return not any(_norm(g)[:3] == tok.lower_[:3] or _norm(g)[-3:] == tok.lower_[-3:] for g in given)

    def _titled_person(
        self, p: _Phrase, entry: Entry, actor: Actor, why: str, title: Match
    ) -> tuple[Actor, str]:
        """A title written with the name ("British Foreign Secretary Jack Straw") is the best
        evidence of the office the story means; the dated role only stands when it agrees."""
        term = title.term
        assert term is not None
        title_text = self._text(title)
        org = p.org.entry if p.org is not None and p.org.entry is not None else None
        country = p.country.entry.country if p.country is not None and p.country.entry else None
        sector = self._title_sector(p, title)
        role_words = set(_norm(actor.role or "").split()) - set(_norm(title_text).split())
        agrees = (
            actor.sector == sector
            and (country is None or actor.country == country)
            and not role_words & LESSER_OFFICE
        )
        if agrees and (org is None or actor.code.startswith(org.code or "")):
            return actor, why + f"; title '{title_text}' agrees"
        role = _role_for_title(entry, title_text, country)
        if role is not None:
            picked, _ = person_actor(replace(entry, roles=(role,)), None)
            return picked, f"title '{title_text}' in the text picks the role {role.role}"
        if org is not None:
            code, country = org.code or "", org.country
        else:
            country = country or actor.country or entry.country
            code = (country or "") + sector
        titled = Actor(
            code=code, country=country, sector=sector, name=entry.name, role=title_text, entry=entry.entry_id
        )
        return titled, f"title '{title_text}' in the text -> {code} (people.yaml: {why})"

    def _person_name(self, head: Token, start: int, end: int) -> str:
        ent = self._entity_of(head)
        if ent is not None and ent.label_ == "PERSON":
            return str(ent.text)
        words = [t for t in self.sd[start:end] if t.pos_ == "PROPN" and self.matches[t.i] is None]
        return " ".join(t.text for t in words) or head.text


class _Resolution(_People):
    """The actor of a phrase from its pieces: a person, a body, a state, or a sector noun with what
    modifies it."""

    def _resolve(self, p: _Phrase, head: Token, start: int, end: int) -> tuple[Actor | None, str, str]:
        """The actor of a phrase, the mention kind and the reason."""

        def in_head(m: Match | None) -> bool:
            return m is not None and m.start <= head.i < m.end

        if (
            in_head(p.person)
            or (head.ent_type_ == "PERSON" and p.head_term is None and not in_head(p.org))
            or (head.pos_ == "PROPN" and head.text in self.person_words and p.head_term is None)
        ):
            actor, kind, rule = self._person(p, head, start, end)
            self.person_heads.add(head.i)
            if actor is not None and actor.name:
                self.person_words.update(actor.name.split())
            return actor, kind, rule
        if in_head(p.org):
            return self._org(p)
        if in_head(p.country) and p.head_term is None:
            return self._state(p, head)
        if p.head_term is not None:
            return self._nominal(p, head)
        modifier_term = self._state_owned(p, head) or self._modifier_term(p, head)
        if modifier_term is not None:
            p.head_term = modifier_term
            return self._nominal(p, head)
        if p.org is not None and head.lemma_.lower() in self.lex.coref_nouns:
            return self._org(p)  # "the Taliban religious faction"
        if self._people_group(head):
            return self._group_of_people(p, head)
        if head.ent_type_ == "ORG" and head.ent_iob_ != "O":
            if p.org is None and not p.terms and p.country is None:
                actor, kind, rule = self._city(head)  # "Police in Mariupol": spaCy took the town for an ORG
                if actor is not None:
                    return actor, kind, rule
            return self._unknown_org(p)
        if head.ent_type_ == "GPE" and p.country is None:
            return self._city(head)
        named_state = p.country is not None and p.country.form in ("demonym", "name", "alias")
        if named_state and self._state_noun(head):
            # "the Azerbaijani republic", "the Afghan state": the modifier says which state it is,
            # so it must not be left to coreference with some other state named earlier
            actor, kind, rule = self._state(p)
            return actor, kind, rule + f"; head '{head.lemma_.lower()}' names the state itself"
        return None, "", ""

    def _state_owned(self, p: _Phrase, head: Token) -> Match | None:
        """A sector for a head that a state's name or demonym modifies (modifiers.yaml `states`):
        "British aircraft" are the state's air force."""
        if p.country is None or p.country.end > head.i or p.country.form not in ("name", "alias", "demonym"):
            return None
        for tok in (head, self.sd[head.i - 1]) if head.pos_ == "NOUN" else (head,):
            if tok.i < p.country.end or (tok is not head and tok.dep_ != "compound"):
                continue  # "US Predator attacks": the aircraft compounded onto the head, as "army raids"
            sector = self.lex.state_heads.get(_norm(tok.text)) or self.lex.state_heads.get(_norm(tok.lemma_))
            if sector is not None:
                return Match(tok.i, tok.i + 1, term=Term(text=tok.text, sector=sector), form="term")
        return None

    def _modifier_term(self, p: _Phrase, head: Token) -> Match | None:
        """A non-title sector noun compounded onto a common-noun head ("Ugandan opposition
        candidates": the sector word modifies the head)."""
        if head.pos_ != "NOUN":
            return None
        for match in reversed(p.terms):
            if match.term is not None and not match.term.title and match.end == head.i:
                return match
        return None

    def _org(self, p: _Phrase) -> tuple[Actor, str, str]:
        assert p.org is not None and p.org.entry is not None
        entry = p.org.entry
        actor, dated = org_actor(entry, self.date)
        if p.head_term is not None and p.head_term.term is not None:
            actor.sector = p.head_term.term.sector
        kind = "group" if entry.kind == "group" else "name"
        why = f"organisation {entry.entry_id} ('{self._text(p.org)}'){dated}"
        other = self._other_state(p, entry)
        state_body = entry.country is not None and entry.code == entry.country + (entry.sector or "")
        if other is not None and state_body:
            # "Chile's Defense Department" is not the Pentagon: another state's body of the same kind
            sector = actor.sector
            actor = Actor(code=other + (sector or ""), country=other, sector=sector, entry=entry.entry_id)
            return actor, "name", why + f"; named with {other}: that state's body of the same kind"
        if other is not None and entry.sector == "NGO":
            # "the Iranian Red Crescent": a state's society of an international movement
            actor = Actor(code=other + "NGO", country=other, sector="NGO", entry=entry.entry_id)
            return actor, "name", why + f"; named with {other}: its national society"
        return actor, kind, why

    def _other_state(self, p: _Phrase, entry: Entry) -> str | None:
        """The state a phrase names beside an organisation, when it is not the organisation's own."""
        if p.country is None or p.country.entry is None or p.org is None:
            return None
        if p.country.form not in ("name", "alias", "demonym"):
            return None
        if p.org.start <= p.country.start < p.org.end:
            return None
        state = p.country.entry.country
        return state if state and state != entry.country else None

    def _nominal(self, p: _Phrase, head: Token) -> tuple[Actor, str, str]:
        term = p.head_term.term if p.head_term else None
        assert term is not None and p.head_term is not None
        sector = self._title_sector(p, p.head_term) if term.title else term.sector
        if p.former and term.title:
            sector = "ELI"
        why = f"sector noun '{self._text(p.head_term)}' -> {sector}"
        role = self._text(p.head_term) if term.title else None
        sector, why = self._modified(head, sector, why)
        if p.org is not None and p.org.entry is not None and self._part_of_party_name(p, sector):
            p.org = None  # "the Congress Party" is a party named after a body, not the US Congress
            why += "; a body's name inside a party's name"
        if p.org is not None and p.org.entry is not None:
            org = p.org.entry
            actor, dated = org_actor(org, self.date)
            if term.title and actor.sector and actor.sector != "IGO" and not term.generic:
                # "the President of the Red Cross", "White House chief of staff": the body's sector
                sector = actor.sector
                why += f"; title of the body -> {sector}"
            actor.sector, actor.role = sector, role
            actor.code = _party_member_code(org, actor.code, sector)
            return actor, "nominal", f"{why}; of organisation {org.entry_id}{dated}"
        later = self._body_after_title(p, head) if term.title or self._generic_head(head) else None
        if later is not None:
            sector = later
            why += f"; title of a body whose sector is {sector}"
        if p.country is not None and p.country.entry is not None:
            country = p.country.entry.country or ""
            actor = Actor(
                code=country + sector,
                country=country,
                sector=sector,
                role=role,
                entry=p.country.entry.entry_id,
            )
            return actor, "nominal", f"{why}; country from '{self._text(p.country)}' ({p.country.form})"
        home, whose = self._home_of(p, head)
        if home is not None:
            return Actor(code=home + sector, country=home, sector=sector, role=role), "nominal", why + whose
        if term.prefix and sector == term.sector and p.head_term.end - 1 == head.i:
            # "Islamists attacked a gas field": militants across states, not the story's state
            code = term.prefix + sector
            return (
                Actor(code=code, sector=sector, role=role),
                "nominal",
                why + f"; no state in the phrase: {code}",
            )
        return Actor(code=sector, sector=sector, role=role), "nominal", why + "; no country in the phrase"

    def _modified(self, head: Token, sector: str, why: str) -> tuple[str, str]:
        """The sector a modifier word gives the phrase (modifiers.yaml), and the reason."""
        modified = self._modifier_sector(head)
        if modified is None or modified[0] == sector:
            return sector, why
        if sector in self.lex.modifier_keeps.get(modified[0], ()):
            return sector, why  # "Protestant extremists" stay armed: the faith does not make them clergy
        return modified[0], why + f"; '{modified[1]}' makes it {modified[0]} (modifiers.yaml)"

    def _home_of(self, p: _Phrase, head: Token) -> tuple[str | None, str]:
        """The state of a sector phrase naming none: its person's, its family name's, its place's."""
        if p.person is not None and p.person.entry is not None:  # "the Bush administration"
            person, _ = person_actor(p.person.entry, self.date)
            home = person.country or p.person.entry.country
            if home:
                return home, f"; country {home} of '{self._text(p.person)}' (person)"
        family = self._surname_country(head)
        if family is not None:
            return family[0], f"; country {family[0]} of the people named '{family[1]}' (family name)"
        place = self._place_modifier(head) if head.lemma_.lower() not in posted_abroad() else None
        if place is not None:
            return place[0], f"; country {place[0]} of the place '{place[1]}' (gazetteer)"
        return None, ""

    def _modifier_sector(self, head: Token) -> tuple[str, str] | None:
        """(sector, word) when a word before the head changes its sector ("Muslim leaders" REL)."""
        if not self.lex.modifiers:
            return None
        heads = (_norm(head.text), _norm(head.lemma_))
        for child in head.lefts:
            if child.dep_ not in ("amod", "compound", "nmod", "poss"):
                continue
            for word in heads:
                sector = self.lex.modifiers.get((_norm(child.text), word))
                if sector is not None:
                    return sector, child.text
        return None

    @staticmethod
    def _part_of_party_name(p: _Phrase, sector: str) -> bool:
        """A party's name that holds a state body's name ("Congress Party", "Senate Party")."""
        org = p.org.entry if p.org is not None else None
        return sector == "PTY" and org is not None and org.country is not None and org.sector != "PTY"

    def _body_after_title(self, p: _Phrase, head: Token) -> str | None:
        """ "President of the Chadian Human Rights League": a title followed by an of-phrase naming a
        body takes that body's sector (the last sector word after the title), not the title's own."""
        after = [m for m in p.terms if m.start > head.i and m.term is not None and not m.term.title]
        if not after or not any(t.lower_ == "of" for t in self.sd[head.i : after[-1].start]):
            return None
        assert after[-1].term is not None
        return after[-1].term.sector

    def _unknown_org(self, p: _Phrase) -> tuple[Actor, str, str]:
        """An organisation spaCy found but the knowledge base lacks: sector from its words."""
        country = p.country.entry.country if p.country and p.country.entry else None
        term = p.terms[-1] if p.terms else None
        sector = term.term.sector if term and term.term else None
        if p.org is not None and p.org.entry is not None:  # "United Nations Emergency Relief Coordinator"
            org = p.org.entry
            actor = Actor(
                code=org.code or "",
                country=org.country,
                sector=sector or org.sector,
                name=org.name,
                entry=org.entry_id,
            )
            return actor, "name", f"part of organisation {org.entry_id} ('{self._text(p.org)}')"
        actor = Actor(code=(country or "") + (sector or ""), country=country, sector=sector)
        why = "organisation not in the knowledge base"
        why += f"; sector from '{self._text(term)}'" if term else "; no sector word"
        if p.country:
            why += f"; country from '{self._text(p.country)}'"
        return actor, "name", why


class MentionBuilder(_Resolution):
    """Builds the document's mentions: every noun-phrase head, possessors, pronouns, and names left inside
    phrases that are not actors themselves (knowledge-base lookup happens in `matching.find_matches`)."""

    def build(self) -> list[Mention]:
        # Widest phrases first, so that "State" in "Secretary of State Antony Blinken"
        # or "Affairs" in "Ministry of Foreign Affairs" does not head a phrase of its own.
        # A phrase's tail ("in Darfur" in "rebels in Darfur") belongs to its extent, but the
        # heads inside the tail still make phrases (and mentions) of their own.
        spans = []
        for tok in self.sd:
            if self._is_head(tok):
                start, end = self._span(tok)
                tail = self._tail(tok, start, end)
                spans.append((tok, start, end, tail, self._apposition_end(tok, tail[1])))
        spans.sort(key=lambda x: (-(x[4] - x[1]), x[1]))
        inside: set[int] = set()
        accepted = []
        for tok, start, end, tail, extent in spans:
            if tok.i in inside:
                continue
            accepted.append((tok, start, end, tail, extent))
            inside.update(range(start, end))
        for tok, start, end, tail, extent in sorted(accepted, key=lambda x: x[0].i):
            self._phrase_mention(tok, start, end, tail, extent)
        self._possessors()
        self.np_heads.sort(key=lambda x: x[0])
        for tok in self.sd:
            if tok.tag_ in ("PRP", "PRP$", "WP"):
                self._pronoun_mention(tok)
        self._leftover_names()
        return self.mentions

    def _possessors(self) -> None:
        """A sector phrase or a person owning something that is no actor ("the government's ability",
        "the army's offensive", "LaHood's warnings") is an actor mention of its own."""
        for tok in self.sd:
            if tok.dep_ != "poss" or tok.pos_ not in HEAD_POS or tok.i in self.covered:
                continue
            match = self.matches[tok.i]
            if match is not None and match.entry is not None:
                continue  # known names are left to _leftover_names
            if match is None and tok.ent_type_ != "PERSON":
                continue  # a person the knowledge base lacks owns too: "Attorney General Eric Holder's claim"
            start, end = self._span(tok)
            while end > tok.i + 1 and self.sd[end - 1].tag_ == "POS":
                end -= 1
            if not any(k in self.covered for k in range(start, end)):
                self._phrase_mention(tok, start, end, (end, end))

    def _phrase_mention(
        self, head: Token, start: int, end: int, tail: tuple[int, int], extent: int | None = None
    ) -> None:
        phrase = self._collect(start, end, head)
        actor, kind, rule = self._resolve(phrase, head, start, end)
        if actor is None and self._definite_description(head, start):
            kind, rule = "nominal", f"definite description '{head.lemma_.lower()}'"
        elif actor is None:
            self.np_heads.append((head.i, None))
            return
        if tail[1] > end and actor is not None:
            rule += self._place_from_tail(actor, phrase, head, start, tail)
            end = tail[1]
        elif actor is not None and self._ethnic(head, start) and actor.sector == "CVL":
            rule += self._ethnic_home(actor, head)
        end = max(end, extent or end)
        mention = self._make(start, end, actor, kind, rule)
        mention.is_person = head.i in self.person_heads
        self.np_heads.append((head.i, mention))
        self.mentions.append(mention)
        self.covered.update(range(start, end))

    def _pronoun_mention(self, token: Token) -> None:
        if token.lower_ not in PRONOUNS:
            return
        self.mentions.append(self._make(token.i, token.i + 1, None, "pronoun", "pronoun"))

    def _leftover_names(self) -> None:
        """States, organisations and people named inside phrases that are not actors
        themselves ("NATO's principle", "the Ukraine border")."""
        seen: set[int] = set()
        for match in self.matches:
            if match is None or match.entry is None or id(match) in seen:
                continue
            seen.add(id(match))
            if any(k in self.covered for k in range(match.start, match.end)):
                continue
            end = match.end
            if end < len(self.sd) and self.sd[end].text == "-":  # "American-made"
                continue
            phrase = _Phrase()
            self._add_to_phrase(phrase, match, self.sd[match.start])
            head = self.sd[match.start]
            if match.entry.kind == "person":
                last = self.sd[end - 1]
                # the title and state words before the name: "Syrian President Assad's decree"
                around = self._collect(min(last.left_edge.i, match.start), end, last)
                actor, why = self._known_person(around, match)
                self.mentions.append(self._make(match.start, end, actor, "name", why))
            elif match.entry.kind == "country":
                if phrase.country is None:
                    continue  # "anti-American": a stance, not a mention of the state
                state, kind, rule = self._state(phrase)
                self.mentions.append(self._make(match.start, end, state, kind, rule + "; modifier"))
            elif phrase.org is not None:  # "pro-Kremlin": a stance, not a mention of the body
                actor, kind, rule = self._org(phrase)
                self.mentions.append(self._make(match.start, end, actor, kind, rule + "; modifier"))
            del head
