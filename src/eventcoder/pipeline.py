"""The pipeline: one `Coder` that runs every stage over a document.

A `Coder` loads the spaCy model and every dictionary once, then codes any number
of documents. Stage order matters: actors before events (events need their
source and target), events before quotes (quotes link the events they carry),
and time and geo last (they anchor events already found).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from spacy.tokens import Token

from eventcoder import clean, identity, nlp
from eventcoder.actors import ActorResolver
from eventcoder.events import EventCoder
from eventcoder.events.emit import lower_statements
from eventcoder.events.modality_pass import noun_modality
from eventcoder.events.repeats import drop_repeated_proposals
from eventcoder.geo import Geocoder
from eventcoder.headline import HeadlineCoder
from eventcoder.identity import DEFAULT_MIN_CONFIDENCE
from eventcoder.ingest import content_id
from eventcoder.modality import modality_of
from eventcoder.model import Article, Document
from eventcoder.quotes import QuoteFinder
from eventcoder.time import DateResolver
from eventcoder.verifier import MODEL_PATH, Verifier, without_unaimed_accusations
from eventcoder.verifier import is_scored as scored


class Coder:
    """Codes news text into events, quotes and actors.

    >>> coder = Coder()                                   # doctest: +SKIP
    >>> doc = coder.code("Russia massed troops.", date="2022-01-26")  # doctest: +SKIP
    >>> doc.to_dict()["events"]                           # doctest: +SKIP
    """

    def __init__(
        self,
        actor_files: Sequence[str | Path] = (),
        model: str = nlp.MODEL_NAME,
        asserted_only: bool = False,
        min_confidence: float | None = None,
        verify: bool = True,
        headlines: bool = True,
    ) -> None:
        self.nlp = nlp.load_pipeline(model)
        self.actors = ActorResolver(extra_files=actor_files)
        self.events = EventCoder()
        self.quotes = QuoteFinder()
        self.dates = DateResolver()
        self.geo = Geocoder()
        self.asserted_only = asserted_only
        self.verifier = Verifier(
            path=MODEL_PATH if verify else None,
            modality_of=self.token_modality,
            arguments_for=self.events.arguments_for,
        )
        self.min_confidence = DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence
        self.headlines = (
            HeadlineCoder(self.nlp, self.actors, self.events, self.verifier) if headlines else None
        )
        options = identity.coder_options(verify, self.min_confidence, headlines)
        self.version = identity.coder_version(tuple(str(f) for f in actor_files), asserted_only, options)

    def token_modality(self, token: Token) -> str:
        """The modality of an event anchored on `token`, by the events stage's lexicon: a noun's own phrase
        first ("to prevent a Western attack" is no attack), as for rule candidates."""
        rules = self.events.rules
        own = noun_modality(rules, token) if token.pos_ == "NOUN" else None
        return own if own is not None else modality_of(token, rules.lex)

    # -- public API -----------------------------------------------------------
    def code(
        self,
        text: str,
        date: str | dt.date | None = None,
        title: str | None = None,
        doc_id: str | None = None,
        url: str | None = None,
        source: str | None = None,
    ) -> Document:
        """Code one article's text; returns the `Document` (see `.to_dict()`).

        `date` is the publication date every relative expression is anchored on:
        an ISO string (`2022-01-26`, or a datetime string, whose day is kept) or a
        `datetime.date`/`datetime.datetime`; anything else raises ValueError, since
        a silently wrong anchor would misdate every event.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        article = Article(
            doc_id=doc_id or content_id(text),
            text=text,
            title=title,
            date=publication_date(date),
            url=url,
            source=source,
        )
        return next(self.code_articles([article]))

    def code_articles(self, articles: Iterable[Article], batch_size: int = 8) -> Iterator[Document]:
        """Code a stream of articles in order, parsing them in batches."""
        prepared = (self.prepare(a) for a in articles)
        for doc in nlp.parse_many(prepared, self.nlp, batch_size=batch_size):
            yield self.analyse(doc)

    # -- stages ---------------------------------------------------------------
    @staticmethod
    def prepare(article: Article) -> Document:
        """Ingested article -> cleaned Document, ready for parsing."""
        doc = Document(
            doc_id=article.doc_id,
            raw_text=article.text,
            title=article.title,
            date=article.date,
            url=article.url,
            source=article.source,
            origin=article.origin,
            input_id=article.input_id,
            content_hash=article.content_hash or identity.content_hash(article),
            encoding=article.encoding,
            language=article.language,
            flags=list(article.flags),
        )
        return clean.clean(doc)

    def analyse(self, doc: Document) -> Document:
        """Run every stage after parsing, then drop the parse."""
        self.actors.run(doc)
        self.events.run(doc)
        self.verifier.run(doc)
        self.events.fill_targets(doc)
        if self.headlines is not None:
            doc.events = self.headlines.title_events(doc) + doc.events
        lower_statements(doc.events, self.events.rules.statement_code)
        self.actors.fill_implicit(doc)
        if self.verifier.active:  # only the model proposes events this check reads
            doc.events = without_unaimed_accusations(doc.events)
        if self.verifier.active and self.min_confidence > 0:
            doc.events = [e for e in doc.events if not scored(e) or e.confidence >= self.min_confidence]
        # after the cut: a proposal gives way only to events that are emitted
        doc.events = drop_repeated_proposals(doc.events)
        self.events.drop_restatements(doc)
        self.quotes.run(doc)
        self.dates.run(doc)
        self.geo.run(doc)
        if self.asserted_only:
            doc.events = [e for e in doc.events if e.modality == "asserted"]
        identity.assign_ids(doc)
        doc.coder_version = self.version
        doc.nlp_doc = None
        return doc


def publication_date(value: object) -> str | None:
    """`date` for `Coder.code` as YYYY-MM-DD: ISO strings and date objects; a clear error otherwise."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        if _ISO_DAY.match(text):
            try:
                return dt.date.fromisoformat(text[:10]).isoformat()
            except ValueError:
                pass
        raise ValueError(f"date {value!r} is not a real ISO date (YYYY-MM-DD)")
    raise ValueError(f"date must be an ISO date string or a datetime.date, not {type(value).__name__}")


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}([T ].*)?$")
