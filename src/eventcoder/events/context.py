"""What every pass receives: the rules, the document and the sentence's candidate table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventcoder.events.candidates import CandidateTable
from eventcoder.events.mentions import MentionIndex
from eventcoder.events.rules import EventRules
from eventcoder.model import Document

if TYPE_CHECKING:
    from spacy.tokens import Span


@dataclass
class SentenceContext:
    rules: EventRules
    doc: Document
    sent: Span
    sentence_index: int
    index: MentionIndex
    table: CandidateTable
    headline: bool = False  # the sentence is a title (headline.py): headlinese drops articles and verbs
