"""Score eventcoder on real-news gold: whole excerpts coded exhaustively by hand.

Curated gold sentences reward rules that do not generalise; real multi-sentence news is the yardstick the
project tunes for.  The format and the scoring rules are those of the shared real-news guidelines
(documented in docs/eval.md):

- predictions that are asserted, carry a PLOVER type and are not CAMEO root 01 are matched one-to-one to
  asserted, non-ambiguous gold events of the same sentence with the same PLOVER type;
- sentences are matched by text, not index: a prediction belongs to the gold sentence whose text holds its
  trigger (the title is sentence 0), so a different sentence splitter does not change the score;
- leftover predictions that fit an ambiguous gold event count for neither side;
- a leftover prediction that fits a negated, hypothetical or future gold event is a false positive and a
  modality error;
- country is the first three letters of a code (sector-only codes have none); symmetric gold matches in
  either orientation.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from eventcoder.model import Article, Document, Event, Mention
from eventcoder.scoring import precision_recall_f1

DATA_DIR = Path(__file__).resolve().parent / "data"
# Prefixes of transnational codes that stand where a country would (IGOUNO, IMGREB, NGOHRI, MNCUSA).
TRANSNATIONAL = {"IGO", "IMG", "NGO", "MNC"}
CONFIDENCE_BUCKETS = (0.0, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.01)
BATCH = 16


@dataclass
class GoldParty:
    text: str | None
    code: str | None


@dataclass
class RealNewsEvent:
    """One hand-coded event of an excerpt."""

    sentence: str
    sentence_no: int
    trigger: str
    plover: str
    root: str
    actor: GoldParty | None
    recipient: GoldParty | None
    modality: str
    historical: bool = False
    ambiguous: bool = False
    symmetric: bool = False


@dataclass
class Excerpt:
    """One gold excerpt: the scored text and every event in it."""

    excerpt_id: str
    title: str
    text: str
    date: str | None
    topic: str | None
    origin: str
    events: list[RealNewsEvent] = field(default_factory=list)


class RealNewsFormatError(ValueError):
    """A gold line that cannot be read, with its file and line."""


def is_realnews(path: Path) -> bool:
    """A JSONL file whose first record carries an excerpt `text` and its `events`."""
    if not path.is_file():
        return False
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.strip():
                try:
                    first = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return isinstance(first, dict) and "events" in first and "text" in first
    return False


def read_party(value: Any) -> GoldParty | None:
    if not isinstance(value, dict):
        return None
    return GoldParty(text=value.get("text"), code=value.get("code"))


def read_event(raw: dict[str, Any]) -> RealNewsEvent:
    return RealNewsEvent(
        sentence=raw["sentence"],
        sentence_no=int(raw["sentence_no"]),
        trigger=raw["trigger"],
        plover=raw["type"],
        root=str(raw["cameo_root"]).zfill(2),
        actor=read_party(raw.get("actor")),
        recipient=read_party(raw.get("recipient")),
        modality=raw.get("modality", "asserted"),
        historical=bool(raw.get("historical")),
        ambiguous=bool(raw.get("ambiguous")),
        symmetric=bool(raw.get("symmetric")),
    )


def read_realnews(path: Path) -> list[Excerpt]:
    """Read a real-news gold JSONL file; a malformed line raises with file and line."""
    excerpts = []
    with open(path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            origin = f"{path}:{line_no}"
            try:
                raw = json.loads(line)
                excerpts.append(
                    Excerpt(
                        excerpt_id=str(raw["id"]),
                        title=raw.get("title") or "",
                        text=raw["text"],
                        date=raw.get("date"),
                        topic=raw.get("topic"),
                        origin=origin,
                        events=[read_event(e) for e in raw.get("events", [])],
                    )
                )
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
                raise RealNewsFormatError(f"{origin}: {type(error).__name__}: {error}") from error
    return excerpts


# -- countries ---------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def state_codes() -> frozenset[str]:
    """ISO3 codes of the states and territories in the actors knowledge base."""
    with open(DATA_DIR / "actors" / "countries.yaml", encoding="utf-8") as handle:
        rows = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return frozenset(row["iso3"] for row in rows)


def code_country(code: str | None) -> str | None:
    """The country part of a CAMEO-style code; None for sector-only codes (CVL, CRM)."""
    if not code:
        return None
    prefix = code[:3].upper()
    return prefix if prefix in state_codes() or prefix in TRANSNATIONAL else None


def mention_country(mention: Mention | None) -> str | None:
    if mention is None or mention.actor is None:
        return None
    return mention.actor.country or code_country(mention.actor.code)


def party_country(party: GoldParty | None) -> str | None:
    return code_country(party.code) if party else None


# -- sentences -------------------------------------------------------------------------------------
def sentence_spans(excerpt: Excerpt, doc_text: str) -> dict[str, tuple[int, int]]:
    """Where each gold sentence lies in the coded text, found by its words (searching forward)."""
    spans: dict[str, tuple[int, int]] = {}
    cursor = 0
    ordered = sorted({(e.sentence_no, e.sentence) for e in excerpt.events if e.sentence_no > 0})
    for _, sentence in ordered:
        at = doc_text.find(sentence, cursor)
        if at < 0:
            at = doc_text.find(sentence)
        if at >= 0:
            spans[sentence] = (at, at + len(sentence))
            cursor = at
    return spans


def trigger_offset(event: Event, doc_text: str) -> int | None:
    """Character offset of the event's trigger in the document text, if it lies there."""
    if event.trigger_start is not None:
        return event.trigger_start
    at = doc_text.find(event.sentence)
    return at if at >= 0 else None


def is_headline_event(event: Event, excerpt: Excerpt) -> bool:
    return event.sentence_index < 0 or (
        bool(excerpt.title) and event.sentence.strip() == excerpt.title.strip()
    )


def gold_sentence_of(
    event: Event, excerpt: Excerpt, doc_text: str, spans: dict[str, tuple[int, int]]
) -> str | None:
    """The gold sentence a predicted event belongs to, matched by text; None if no gold event is there."""
    if is_headline_event(event, excerpt):
        return excerpt.title
    offset = trigger_offset(event, doc_text)
    if offset is not None:
        for sentence, (start, end) in spans.items():
            if start <= offset < end:
                return sentence
    for sentence in spans:
        if event.sentence.strip() and (event.sentence.strip() in sentence or sentence in event.sentence):
            return sentence
    return None


def scored_prediction(event: Event) -> bool:
    """Predictions the guidelines score: asserted, with a PLOVER type, not a plain statement (01)."""
    return event.modality == "asserted" and bool(event.plover.get("type")) and event.cameo_root != "01"


# -- matching --------------------------------------------------------------------------------------
def countries_agree(gold: RealNewsEvent, event: Event) -> tuple[bool, bool]:
    """Whether source and target country agree, trying both orientations for symmetric gold."""
    straight = (
        party_country(gold.actor) == mention_country(event.source),
        party_country(gold.recipient) == mention_country(event.target),
    )
    if not gold.symmetric or all(straight):
        return straight
    swapped = (
        party_country(gold.recipient) == mention_country(event.source),
        party_country(gold.actor) == mention_country(event.target),
    )
    return swapped if sum(swapped) > sum(straight) else straight


def pair_score(gold: RealNewsEvent, event: Event) -> int:
    """How well a same-sentence, same-type pair agrees: trigger words first, then countries."""
    trigger = gold.trigger.lower()
    score = 4 if event.trigger.lower() in trigger or trigger in event.trigger.lower() else 0
    return score + sum(countries_agree(gold, event))


def one_to_one(golds: Sequence[RealNewsEvent], events: Sequence[Event], key: str) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing of gold and predictions that share `key` (type or root), best first."""
    candidates = []
    for gi, gold in enumerate(golds):
        for pi, event in enumerate(events):
            if key == "type" and gold.plover != event.plover.get("type"):
                continue
            if key == "root" and gold.root != event.cameo_root:
                continue
            candidates.append((-pair_score(gold, event), gi, pi))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> dict[str, float | int]:
        precision, recall, f1 = precision_recall_f1(self.tp, self.tp + self.fp, self.tp, self.tp + self.fn)
        return {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class RealNewsScores:
    """Every measure the guidelines name, accumulated over excerpts."""

    max_misses: int = 0
    type: Counts = field(default_factory=Counts)
    root: Counts = field(default_factory=Counts)
    full: Counts = field(default_factory=Counts)
    by_topic: dict[str, Counts] = field(default_factory=dict)
    by_type: dict[str, Counts] = field(default_factory=dict)
    by_confidence: dict[str, Counts] = field(default_factory=dict)
    source_hits: int = 0
    target_hits: int = 0
    matched: int = 0
    predictions: int = 0
    modality_errors: int = 0
    ambiguous_ignored: int = 0
    headline_tp: int = 0
    headline_gold: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    miss_count: int = 0

    def miss(self, excerpt: Excerpt, kind: str, sentence: str, detail: str) -> None:
        self.miss_count += 1
        if len(self.misses) < self.max_misses:
            self.misses.append(
                {"id": excerpt.excerpt_id, "kind": kind, "sentence": sentence, "detail": detail}
            )


def confidence_bucket(confidence: float) -> str:
    for low, high in zip(CONFIDENCE_BUCKETS, CONFIDENCE_BUCKETS[1:], strict=False):
        if low <= confidence < high:
            return f"{low:.2f}-{min(high, 1.0):.2f}"
    return "1.0-1.0"


def describe_prediction(event: Event) -> str:
    source = event.source.actor.code if event.source and event.source.actor else "-"
    target = event.target.actor.code if event.target and event.target.actor else "-"
    return f"{event.plover.get('type')} {event.cameo} {source}->{target} '{event.trigger}' ({event.rule})"


def describe_gold(gold: RealNewsEvent) -> str:
    source = gold.actor.code if gold.actor else "-"
    target = gold.recipient.code if gold.recipient else "-"
    return f"{gold.plover} {gold.root} {source}->{target} '{gold.trigger}' [{gold.modality}]"


def score_sentence(
    excerpt: Excerpt, sentence: str, golds: list[RealNewsEvent], events: list[Event], scores: RealNewsScores
) -> None:
    """Match one sentence's predictions to its gold and count every measure."""
    positives = [g for g in golds if g.modality == "asserted" and not g.ambiguous]
    pairs = one_to_one(positives, events, "type")
    matched_pred = {pi for _, pi in pairs}
    matched_gold = {gi for gi, _ in pairs}
    topic = scores.by_topic.setdefault(excerpt.topic or "(none)", Counts())
    for gi, pi in pairs:
        source_ok, target_ok = countries_agree(positives[gi], events[pi])
        scores.type.tp += 1
        topic.tp += 1
        scores.by_type.setdefault(positives[gi].plover, Counts()).tp += 1
        scores.by_confidence.setdefault(confidence_bucket(events[pi].confidence), Counts()).tp += 1
        scores.matched += 1
        scores.source_hits += source_ok
        scores.target_hits += target_ok
        scores.full.tp += source_ok and target_ok
        scores.headline_tp += positives[gi].sentence_no == 0
        if not (source_ok and target_ok):
            wrong = " and ".join(n for n, ok in (("source", source_ok), ("target", target_ok)) if not ok)
            detail = f"{describe_gold(positives[gi])}, coded {describe_prediction(events[pi])}"
            scores.miss(excerpt, f"wrong {wrong} country", sentence, detail)
    leftovers = [e for pi, e in enumerate(events) if pi not in matched_pred]
    for event in leftovers:
        kind = leftover_kind(event, golds)
        if kind == "ambiguous":
            scores.ambiguous_ignored += 1
            continue
        scores.type.fp += 1
        topic.fp += 1
        scores.by_type.setdefault(event.plover.get("type") or "?", Counts()).fp += 1
        scores.by_confidence.setdefault(confidence_bucket(event.confidence), Counts()).fp += 1
        scores.modality_errors += kind == "modality"
        scores.miss(excerpt, f"false positive ({kind})", sentence, describe_prediction(event))
    for gi, gold in enumerate(positives):
        if gi not in matched_gold:
            scores.type.fn += 1
            topic.fn += 1
            scores.by_type.setdefault(gold.plover, Counts()).fn += 1
            scores.miss(excerpt, "missed", sentence, describe_gold(gold))
    scores.headline_gold += sum(1 for g in positives if g.sentence_no == 0)
    root_pairs = one_to_one(positives, events, "root")
    scores.root.tp += len(root_pairs)
    scores.root.fp += len(events) - len(root_pairs)
    scores.root.fn += len(positives) - len(root_pairs)


def leftover_kind(event: Event, golds: list[RealNewsEvent]) -> str:
    """Why an unmatched prediction is wrong: it fits an ambiguous or a non-asserted gold event, or nothing."""
    same_type = [g for g in golds if g.plover == event.plover.get("type")]
    if any(g.ambiguous for g in same_type):
        return "ambiguous"
    if any(g.modality != "asserted" for g in same_type):
        return "modality"
    return "no gold event"


def score_excerpt(excerpt: Excerpt, doc: Document | None, scores: RealNewsScores) -> None:
    """Group predictions and gold of one excerpt by sentence and score each sentence."""
    events = [e for e in (doc.events if doc else []) if scored_prediction(e)]
    scores.predictions += len(events)
    spans = sentence_spans(excerpt, doc.text if doc else excerpt.text)
    by_sentence: dict[str, list[Event]] = {}
    for event in events:
        sentence = gold_sentence_of(event, excerpt, doc.text if doc else "", spans)
        by_sentence.setdefault(sentence or f"(no gold event) {event.sentence}", []).append(event)
    gold_by_sentence: dict[str, list[RealNewsEvent]] = {}
    for gold in excerpt.events:
        gold_by_sentence.setdefault(gold.sentence, []).append(gold)
    for sentence in {*by_sentence, *gold_by_sentence}:
        score_sentence(
            excerpt, sentence, gold_by_sentence.get(sentence, []), by_sentence.get(sentence, []), scores
        )


def code_excerpts(coder: Any, excerpts: Sequence[Excerpt]) -> Iterator[tuple[Excerpt, Document | None]]:
    """Code each excerpt as one article with its title and date, the way users code articles."""
    articles = [
        Article(doc_id=e.excerpt_id, text=e.text, title=e.title or None, date=e.date, origin=e.origin)
        for e in excerpts
    ]
    for start in range(0, len(articles), BATCH):
        chunk = excerpts[start : start + BATCH]
        docs = list(coder.code_articles(articles[start : start + BATCH], batch_size=BATCH))
        yield from zip(chunk, docs, strict=True)


def rate(hit: int, total: int) -> float:
    return hit / total if total else 0.0


def result_of(scores: RealNewsScores, path: Path, excerpts: Sequence[Excerpt]) -> dict[str, Any]:
    """The result dictionary printed as JSON or as the report."""
    return {
        "format": "realnews",
        "gold": str(path),
        "excerpts": len(excerpts),
        "gold_events": sum(len(e.events) for e in excerpts),
        "type": scores.type.prf(),
        "root": scores.root.prf(),
        "full_match": scores.full.prf(),
        "source_country": {
            "value": rate(scores.source_hits, scores.matched),
            "hit": scores.source_hits,
            "total": scores.matched,
        },
        "target_country": {
            "value": rate(scores.target_hits, scores.matched),
            "hit": scores.target_hits,
            "total": scores.matched,
        },
        "modality_errors": {
            "count": scores.modality_errors,
            "predictions": scores.predictions,
            "rate": rate(scores.modality_errors, scores.predictions),
        },
        "ambiguous_ignored": scores.ambiguous_ignored,
        "headline": {"matched": scores.headline_tp, "gold": scores.headline_gold},
        "by_topic": {k: v.prf() for k, v in sorted(scores.by_topic.items())},
        "by_type": {k: v.prf() for k, v in sorted(scores.by_type.items())},
        "by_confidence": {k: v.prf() for k, v in sorted(scores.by_confidence.items())},
        "miss_count": scores.miss_count,
        "misses": scores.misses,
    }


def full_match_counts(scores: RealNewsScores) -> Counts:
    """Full match: type and both countries right, over all predictions and all gold positives."""
    gold_total = scores.type.tp + scores.type.fn
    return Counts(
        tp=scores.full.tp,
        fp=scores.predictions - scores.ambiguous_ignored - scores.full.tp,
        fn=gold_total - scores.full.tp,
    )


def evaluate_realnews(path: Path, coder: Any, misses: int = 0, limit: int | None = None) -> dict[str, Any]:
    """Read, code and score one real-news gold file."""
    excerpts = read_realnews(path)[:limit] if limit else read_realnews(path)
    scores = RealNewsScores(max_misses=misses)
    for excerpt, doc in code_excerpts(coder, excerpts):
        score_excerpt(excerpt, doc, scores)
    scores.full = full_match_counts(scores)
    return result_of(scores, path, excerpts)


def pooled_counts(rows: Sequence[dict[str, Any]]) -> dict[str, float | int]:
    """One precision/recall/F1 row from the summed counts of several files' rows."""
    tp, fp, fn = (sum(int(row[name]) for row in rows) for name in ("tp", "fp", "fn"))
    return Counts(tp=tp, fp=fp, fn=fn).prf()


def pooled_table(results: Sequence[dict[str, Any]], key: str) -> dict[str, dict[str, float | int]]:
    """A per-topic, per-type or per-confidence table pooled over files, each row from summed counts."""
    names = sorted({name for result in results for name in result[key]})
    return {name: pooled_counts([r[key][name] for r in results if name in r[key]]) for name in names}


def pooled_ratio(results: Sequence[dict[str, Any]], key: str, hit: str, total: str) -> dict[str, float | int]:
    hits, totals = sum(r[key][hit] for r in results), sum(r[key][total] for r in results)
    return {hit: hits, total: totals, ("rate" if key == "modality_errors" else "value"): rate(hits, totals)}


def pool_realnews_results(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Several real-news gold files scored as one set.

    Why: the hand-coded gold comes in several files (train-a, train-b, ...), and a figure per file of 20
    excerpts is too noisy to decide on; summing the counts (not averaging the rates) weights every event
    the same, as if the files were one."""
    pooled: dict[str, Any] = {
        "format": "realnews",
        "gold": f"all {len(results)} files, pooled",
        "excerpts": sum(r["excerpts"] for r in results),
        "gold_events": sum(r["gold_events"] for r in results),
        "ambiguous_ignored": sum(r["ambiguous_ignored"] for r in results),
        "headline": {k: sum(r["headline"][k] for r in results) for k in ("matched", "gold")},
        "miss_count": sum(r["miss_count"] for r in results),
        "misses": [],
    }
    for key in ("type", "root", "full_match"):
        pooled[key] = pooled_counts([r[key] for r in results])
    for key in ("source_country", "target_country"):
        pooled[key] = pooled_ratio(results, key, "hit", "total")
    pooled["modality_errors"] = pooled_ratio(results, "modality_errors", "count", "predictions")
    for key in ("by_topic", "by_type", "by_confidence"):
        pooled[key] = pooled_table(results, key)
    return pooled


# -- report ---------------------------------------------------------------------------------------
def pct(value: float) -> str:
    return f"{100 * value:5.1f}%"


def prf_line(name: str, row: dict[str, Any], width: int = 26) -> str:
    return (
        f"{name:<{width}}{pct(row['precision']):>7}{pct(row['recall']):>7}{pct(row['f1']):>7}"
        f"{row['tp']:>6}{row['fp']:>6}{row['fn']:>6}"
    )


def prf_table(title: str, rows: dict[str, dict[str, Any]]) -> list[str]:
    lines = [f"{title:<26}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"]
    return lines + [prf_line(name, row) for name, row in rows.items()]


def format_realnews_report(result: dict[str, Any]) -> str:
    """The human-readable table: the measures the real-news guidelines name."""
    lines = [
        f"== realnews: {result['gold']}",
        f"   {result['excerpts']} excerpts, {result['gold_events']} gold events",
        "",
    ]
    lines += prf_table(
        "field",
        {
            "PLOVER type": result["type"],
            "CAMEO root": result["root"],
            "full match (type+countries)": result["full_match"],
        },
    )
    for name in ("source_country", "target_country"):
        row = result[name]
        lines.append(
            f"{name.replace('_', ' ') + ' (matched)':<26}{pct(row['value']):>7}   {row['hit']}/{row['total']}"
        )
    modality, headline = result["modality_errors"], result["headline"]
    lines += [
        f"{'modality errors':<26}{pct(modality['rate']):>7}   {modality['count']}/{modality['predictions']}"
        " predictions fit a negated/hypothetical/future gold event",
        f"{'headline events found':<26}{headline['matched']:>7}   of {headline['gold']} gold",
        f"{'ambiguous, not counted':<26}{result['ambiguous_ignored']:>7}",
        "",
    ]
    lines += prf_table("per topic", result["by_topic"]) + [""]
    lines += prf_table("per PLOVER type", result["by_type"]) + [""]
    lines += prf_table("per confidence", result["by_confidence"])
    if result["misses"]:
        lines += ["", f"misses (first {len(result['misses'])} of {result['miss_count']})"]
        lines += [
            f"  - {m['id']} {m['kind']}: {m['detail']}\n      {m['sentence']}" for m in result["misses"]
        ]
    return "\n".join(lines)
