"""The events stage: named passes over one candidate table per sentence.

    find_triggers            verbs, nouns, phrasal verbs (verbs.yaml, nouns.yaml)
    place_nominal_triggers   light verbs, occurrence verbs, stand-alone nominal events
    recode_control_verbs     "pledged to send aid", "threatened sanctions", "said Y must ..."
    absorb_purposes          "staged rallies to demand reforms" is one protest
    drop_background          circumstance clauses give way to the sentence's report
    verify                   a learned verifier's hook (no-op without a model)
    assign_modality          asserted / negated / hypothetical / future / denied / question
    assign_arguments         source and target from the parse and the actor mentions
    recode_verbal_attacks    a politician's "attack" on a rival is criticism (ACCUSE), not violence
    recode_test_launches     a missile fired at no one is a show of force (MOBILIZE), not an attack
    drop_non_political       speech by commentators, harm done by natural hazards
    draft_events             one event per action (further parties in other_sources/other_targets)
    share_arguments          conjoined events share participants
    recode_future_and_refusal PLOVER: future cooperation is AGREE, future force is THREATEN
    rank_and_emit            duplicates removed, statements ranked below what they report

Each pass reads and writes the `CandidateTable` only through its methods, which record a trace
(`eventcoder explain` prints it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from eventcoder.events.arguments import assign_arguments, token_arguments
from eventcoder.events.candidates import Candidate, CandidateTable
from eventcoder.events.context import SentenceContext
from eventcoder.events.emit import draft_events, rank_and_emit, share_arguments
from eventcoder.events.interactions import absorb_purposes, drop_background, place_nominal_triggers
from eventcoder.events.launches import recode_test_launches
from eventcoder.events.mentions import MentionIndex
from eventcoder.events.modality_pass import assign_modality
from eventcoder.events.nearest import fill_nearest_targets
from eventcoder.events.nonpolitical import drop_non_political
from eventcoder.events.recipients import drop_stray_targets
from eventcoder.events.recode import recode_control_verbs, recode_future_and_refusal
from eventcoder.events.restatements import drop_restatements
from eventcoder.events.rules import DATA_DIR, EventRules
from eventcoder.events.triggers import find_triggers
from eventcoder.events.verbal import recode_verbal_attacks
from eventcoder.events.verify import Verifier, verify
from eventcoder.model import Document, Event, Mention

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

Pass = Callable[[SentenceContext], None]


@dataclass
class SentenceReport:
    """What `explain` prints: every candidate with its trace, and the events emitted."""

    sentence: str
    candidates: list[Candidate] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


class EventCoder:
    """Finds and codes events in parsed documents. Build once; call `run(doc)` per document."""

    def __init__(self, data_dir: str | Path = DATA_DIR, verifier: Verifier | None = None) -> None:
        self.rules = EventRules(data_dir)
        self.verifier = verifier
        self.pipeline: list[tuple[str, Pass]] = [
            ("find_triggers", find_triggers),
            ("place_nominal_triggers", place_nominal_triggers),
            ("recode_control_verbs", recode_control_verbs),
            ("absorb_purposes", absorb_purposes),
            ("drop_background", drop_background),
            ("verify", lambda ctx: verify(ctx, self.verifier)),
            ("assign_modality", assign_modality),
            ("assign_arguments", assign_arguments),
            ("recode_verbal_attacks", recode_verbal_attacks),
            ("recode_test_launches", recode_test_launches),
            ("drop_non_political", drop_non_political),
            ("draft_events", draft_events),
            ("share_arguments", share_arguments),
            ("recode_future_and_refusal", recode_future_and_refusal),
        ]

    @property
    def passes(self) -> list[str]:
        return [name for name, _ in self.pipeline] + ["rank_and_emit"]

    def run(self, doc: Document, headline: bool = False) -> None:
        """Fill `doc.events` from the parse and the actor mentions.  `headline`: `doc` is a title
        (headline.py), whose bare nominal events are its reports ("new sanctions draw Iran threat")."""
        doc.events = []
        if doc.nlp_doc is None:
            return
        index = MentionIndex(doc)
        for sentence_index, sent in enumerate(doc.nlp_doc.sents):
            doc.events.extend(self.code_sentence(doc, sent, sentence_index, index, headline=headline))

    def fill_targets(self, doc: Document) -> None:
        """After the verifier has scored `doc.events`: events still without a target get the nearest
        named party of their sentence (events/nearest.py), once targets that are no recipient (the source's
        own state, a verbal act's scene: events/recipients.py) are cleared; which events are kept does not
        change."""
        drop_stray_targets(self.rules, doc)
        fill_nearest_targets(self.rules, doc)

    def drop_restatements(self, doc: Document) -> None:
        """Once the title's events have joined the body's: later bare mentions of an act already told
        ("the attack") are left out (events/restatements.py)."""
        drop_restatements(self.rules, doc)

    def arguments_for(self, doc: Document) -> Callable[[Token, str], tuple[Mention | None, Mention | None]]:
        """Source and target of an event of CAMEO `code` on any word of `doc`, by the stage's argument
        rules (the verifier's proposals use it); the mention index is built once per document."""
        index = MentionIndex(doc)
        return lambda token, code: token_arguments(self.rules, token, index, code)

    def code_sentence(
        self,
        doc: Document,
        sent: Span,
        sentence_index: int,
        index: MentionIndex,
        report: SentenceReport | None = None,
        headline: bool = False,
    ) -> list[Event]:
        ctx = SentenceContext(self.rules, doc, sent, sentence_index, index, CandidateTable(sent), headline)
        for name, run_pass in self.pipeline:
            run_pass(ctx)
            if name == "find_triggers" and not ctx.table.found:
                return []
        events = rank_and_emit(ctx)
        if report is not None:
            report.candidates = sorted(ctx.table.found, key=lambda c: c.token.i)
            report.events = events
        return events

    def explain(self, doc: Document, headline: bool = False) -> list[SentenceReport]:
        """Code the document sentence by sentence, keeping each pass's view (for `eventcoder explain`)."""
        reports: list[SentenceReport] = []
        doc.events = []
        if doc.nlp_doc is None:
            return reports
        index = MentionIndex(doc)
        for sentence_index, sent in enumerate(doc.nlp_doc.sents):
            report = SentenceReport(sent.text)
            doc.events.extend(self.code_sentence(doc, sent, sentence_index, index, report, headline))
            reports.append(report)
        return reports
