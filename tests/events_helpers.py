"""Shared helper for the events and modality tests: parse, resolve actors, code events."""

from __future__ import annotations

from eventcoder.model import Document, Event


def code_text(nlp, coder, text: str) -> list[Event]:
    from eventcoder.actors import ActorResolver
    from eventcoder.nlp import parse

    doc = parse(Document(doc_id="t", raw_text=text, text=text, date="2023-05-01"), nlp)
    ActorResolver().run(doc)
    coder.run(doc)
    return doc.events


def roots(events: list[Event]) -> set[str]:
    return {e.cameo_root for e in events}
