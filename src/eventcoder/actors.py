"""Actors stage: resolve mentions to coded actors (placeholder, being built)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from eventcoder.model import Document


class ActorResolver:
    def __init__(self, extra_files: Sequence[str | Path] = ()) -> None:
        self.extra_files = list(extra_files)

    def run(self, doc: Document) -> None:
        doc.mentions = []
