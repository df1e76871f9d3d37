"""Time stage: event dates against the publication date (placeholder, being built)."""

from __future__ import annotations

from eventcoder.model import Document


class DateResolver:
    def run(self, doc: Document) -> None:
        for event in doc.events:
            if event.date is None and doc.date:
                event.date, event.date_source = doc.date, "publication"
