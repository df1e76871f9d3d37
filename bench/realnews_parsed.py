"""Real-news gold coded by the full pipeline with each document's spaCy parse kept, for analysis scripts.

Why: `Coder.analyse` drops the parse once a document is coded (it is large and users never need it), but the
error-analysis scripts in bench/ classify events by their words' dependencies.  They share this instead of
each patching the coder.  The frozen test part is refused: only the lead scores it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from eventcoder import eval_realnews as ern
from eventcoder.model import Document
from eventcoder.pipeline import Coder


def keeping_parses(coder: Coder) -> Coder:
    """The coder, made to leave `nlp_doc` on the documents it codes."""
    analyse = coder.analyse

    def keep_parse(doc: Document) -> Document:
        parsed = doc.nlp_doc
        done = analyse(doc)
        done.nlp_doc = parsed
        return done

    coder.analyse = keep_parse  # type: ignore[method-assign]
    return coder


def coded_with_parses(
    coder: Coder, paths: list[Path], script: str
) -> Iterator[tuple[ern.Excerpt, Document | None]]:
    """Every excerpt of the gold files, coded with its parse kept; exits on the frozen test part."""
    keeping_parses(coder)
    for path in paths:
        if path.name.startswith("test"):
            sys.exit(f"{script}: the frozen test part is scored by the lead only")
        yield from ern.code_excerpts(coder, ern.read_realnews(path))
