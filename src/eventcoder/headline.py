"""Headline events: the title coded as a sentence of its own.

Why: the headline often carries the article's main event (about one in eight hand-coded events on real news)
and sometimes it is the only place it is stated as such.  The title is not part of `Document.text`, so it is
parsed on its own and run through the same actors and events stages.  A headline event is marked with
`sentence_index == -1` and `sentence == title`; its offsets would point into the title, not the text, so its
`span` is empty (0, 0) and its trigger offsets are cleared (later stages must not look them up in the
article's parse).  When the lead states the same event, both are kept: events are mentions (a body sentence
that restates an event is coded again too), hand coders code the title as a sentence of its own, and event
records (`records.py`) group the mentions of one event.  Dropping the headline's copy lost headline events the
lead told in other words, or with other actors, and cost precision as well as recall on the real-news gold.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from eventcoder import nlp
from eventcoder.actors import ActorResolver
from eventcoder.actors.title import read_with_body
from eventcoder.events import EventCoder
from eventcoder.headlinese import (
    HeadlineRules,
    Rewrite,
    apply_rewrites,
    future_rewrites,
    passive_rewrites,
    repaired_verbs_hold,
    speaker_rewrite,
    strip_trappings,
    verb_rewrites,
)
from eventcoder.model import HEADLINE_SENTENCE as HEADLINE_SENTENCE  # re-exported: it is about headlines
from eventcoder.model import Document, Event
from eventcoder.verifier import Verifier

# A capitalised word that follows a lower-case word or a comma in running text: a name, whatever the case.
NAME_IN_TEXT = re.compile(r"(?<=[a-z,;] )[A-Z][\w'’.-]*")
WORD = re.compile(r"[A-Za-z][\w'’.-]*")
TITLE_CASE_SHARE = 0.6


def bare(word: str) -> str:
    """A word without a final full stop or a possessive ending: "Russia's" -> "Russia"."""
    return re.split(r"['’]", word.rstrip("."))[0]


def sentence_case(title: str, body: str, states: frozenset[str] = frozenset()) -> str:
    """A Title Case or ALL CAPS headline in sentence case, keeping the words the article writes as names.

    The parser reads "Turkey Says It Shot Down A Russian Warplane" as a string of proper nouns and finds no
    verb; the article itself says which of its words are names ("Turkey", "Russian"), and a state's name or
    demonym (`states`, lower case) is one whatever the article writes ("Syrian Attack").  Only letter case
    changes, so every offset into the title stays valid; a title that is not Title Case is returned as is."""
    words = WORD.findall(title)
    capitalised = [w for w in words if w[0].isupper()]
    if len(words) < 3 or len(capitalised) < TITLE_CASE_SHARE * len(words):
        return title
    names = {bare(m.group(0)) for m in NAME_IN_TEXT.finditer(body)}
    shouting = title == title.upper()
    if shouting:
        names = {name.upper() for name in names}

    def recase(match: re.Match[str]) -> str:
        word = match.group(0)
        keep = match.start() == 0 or bare(word) in names or bare(word).lower() in states
        if shouting:
            return word.capitalize() if keep else word.lower()
        return word if keep else word.lower()

    recased = WORD.sub(recase, title)
    return recased if len(recased) == len(title) else title


def state_words(actors: ActorResolver) -> frozenset[str]:
    """One-word names and demonyms of states in the actor dictionary, lower case ("syrian"); not capitals,
    some of which are common words ("Male")."""
    return frozenset(
        key[0]
        for key, (entry, kind) in actors.lex.names.items()
        if len(key) == 1 and entry.kind == "country" and kind in ("name", "demonym")
    )


def as_headline_event(event: Event, title: str) -> Event:
    """The event re-anchored on the title: sentence -1, an empty span.  Its trigger offsets still
    point into the title's own parse, for the verifier; `detached` clears them."""
    return replace(
        event,
        event_id=f"{event.event_id}-h",
        sentence_index=HEADLINE_SENTENCE,
        sentence=title,
        span=(0, 0),
        rule=event.rule if event.rule.startswith("headline/") else f"headline/{event.rule}",
    )


def actor_tokens(doc: Document, speakers_only: bool = False) -> set[int]:
    """Token indices inside actor mentions that resolved (for speakers: not places)."""
    return {
        i
        for m in doc.mentions
        if m.actor is not None and not (speakers_only and m.kind == "place")
        for i in range(m.token_start, m.token_end)
    }


def in_title_words(event: Event, originals: dict[int, str]) -> Event:
    """The event with the title's own word as its trigger where the parse read a rewritten one
    ("attacks", not the "attacked" the title was parsed as)."""
    start = event.trigger_start
    if start is None or start not in originals:
        return event
    new_word = event.trigger.split(" ", 1)[0]
    return replace(event, trigger=originals[start] + event.trigger[len(new_word) :])


def detached(event: Event) -> Event:
    """A headline event ready to join the article's events: no offsets into a parse it is not part of."""
    return replace(event, trigger_start=None, trigger_token=None)


class HeadlineCoder:
    """Codes a document's title with the stages the body went through."""

    def __init__(
        self, parser: Language, actors: ActorResolver, events: EventCoder, verifier: Verifier
    ) -> None:
        self.parser = parser
        self.actors = actors
        self.events = events
        self.verifier = verifier
        self.rules = HeadlineRules.load()
        self.states = state_words(actors)
        rules = events.rules
        self.known_verbs = frozenset(rules.verbs) | rules.say_verbs | frozenset(rules.complement_class)

    def code_title(self, doc: Document) -> Document | None:
        """The title as a one-sentence document, parsed, with its actors and its (unverified) events already
        anchored on the title.  The parse is of the title in plain words (`headlinese`); the events keep
        the title as their sentence and the title's own word as their trigger."""
        title = (doc.title or "").strip()
        if not title:
            return None
        plain = strip_trappings(title, self.rules)
        plain = sentence_case(plain, doc.text, self.states) or title
        title_doc = self.parsed(doc, plain)
        title_doc, originals = self.rewritten(doc, title_doc)
        self.events.run(title_doc, headline=True)
        title_doc.events = [as_headline_event(in_title_words(e, originals), title) for e in title_doc.events]
        return title_doc

    def parsed(self, doc: Document, text: str) -> Document:
        """`text` as a one-sentence document of `doc`, parsed, with its actors read with the article."""
        title_doc = Document(doc_id=doc.doc_id, raw_text=text, text=text, title=None, date=doc.date)
        nlp.attach(title_doc, self.parser(text))
        self.actors.run(title_doc)
        read_with_body(title_doc, doc)
        return title_doc

    def rewritten(self, doc: Document, title_doc: Document) -> tuple[Document, dict[int, str]]:
        """The title parsed in plain words, and where a rewritten word came from (`apply_rewrites`).  Repairs
        that do not hold on the new parse are undone: first the present-tense verbs (whose clauses may then
        hold a passive), then the passives; a speaker's colon and "to" for "will" always stay."""
        parse = title_doc.nlp_doc
        parties = actor_tokens(title_doc, speakers_only=True)
        speaker = speaker_rewrite(parse, parties)
        verbs = verb_rewrites(parse, self.known_verbs, self.rules, self.parser)
        fixed = [*([speaker] if speaker else []), *future_rewrites(parse, verbs)]
        attempts = [[*fixed, *verbs, *self.passives(parse, [*fixed, *verbs], parties)]]
        if verbs:  # without the verb repairs, their clauses may hold a passive
            attempts.append([*fixed, *self.passives(parse, fixed, parties)])
        for rewrites in attempts:
            if not rewrites:
                break
            rewritten, originals = apply_rewrites(parse, rewrites)
            candidate = self.parsed(doc, rewritten)
            if repaired_verbs_hold(candidate.nlp_doc, originals, rewrites, actor_tokens(candidate)):
                return candidate, originals
        if not fixed:
            return title_doc, {}
        rewritten, originals = apply_rewrites(parse, fixed)
        return self.parsed(doc, rewritten), originals

    def passives(self, parse: Doc, taken: list[Rewrite], parties: set[int]) -> list[Rewrite]:
        """Passive repairs in the clauses no other rewrite touched."""
        return passive_rewrites(parse, {r.token for r in taken}, self.rules, self.parser, parties)

    def title_events(self, doc: Document) -> list[Event]:
        """The title's events, verified and re-anchored.  A title event the lead tells again is kept: each is
        a mention of its own, as two body sentences telling one event are, and event records group them."""
        title_doc = self.code_title(doc)
        if title_doc is None:
            return []
        self.verifier.run(title_doc, in_title=True)
        self.events.fill_targets(title_doc)
        return [detached(e) for e in title_doc.events]
