"""Quotes stage: direct and indirect quotations (placeholder, being built)."""

from __future__ import annotations

from eventcoder.model import Document


class QuoteFinder:
    def run(self, doc: Document) -> None:
        doc.quotes = []
