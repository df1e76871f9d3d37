"""Events stage: CAMEO/PLOVER event coding (placeholder, being built)."""

from __future__ import annotations

from eventcoder.model import Document


class EventCoder:
    def run(self, doc: Document) -> None:
        doc.events = []
