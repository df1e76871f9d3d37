"""Geo stage: places geolocated offline (placeholder, being built)."""

from __future__ import annotations

from eventcoder.model import Document


class Geocoder:
    def run(self, doc: Document) -> None:
        doc.places = []
