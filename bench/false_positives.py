"""False positives on the hand-coded real-news gold, grouped by class, to decide which precision fix pays.

    .venv/bin/python bench/false_positives.py gold/realnews/dev.jsonl
    .venv/bin/python bench/false_positives.py gold/realnews/train-*.jsonl --no-verifier --show repeat
    .venv/bin/python bench/false_positives.py gold/realnews/dev.jsonl --out /tmp/fp.json

Predictions are paired with gold the way `eventcoder eval` pairs them (same sentence, same PLOVER type, one to
one); every leftover that is not excused by an ambiguous gold event is a false positive, and is put in the
first class that fits:

- ``proposal repeat``: a verifier proposal with the type of another prediction of its sentence (or of the
  headline and the lead);
- ``repeat``: a rule event with the type of another prediction of its sentence;
- ``proposal``: any other verifier proposal;
- ``headline``: any other headline event;
- ``modality``: the gold has the event, but negated, hypothetical or future;
- ``bare nominal``: a nominal trigger with a definite article ("the attack");
- ``rule``: the rest, grouped further by rule id with `--by-rule`.

Speed is not measured here.  Never pass the frozen test part.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from eventcoder import eval_realnews as ern
from eventcoder.model import Document, Event

PROPOSAL_RULE = "verifier:"
DEFINITE = ("the ", "this ", "that ", "these ", "those ")


def party(event: Event, slot: str) -> str:
    mention = getattr(event, slot)
    return mention.actor.code if mention is not None and mention.actor is not None else "-"


def fp_class(event: Event, others: list[Event], lead_types: set[str]) -> str:
    """The first class of the module docstring that fits a false positive."""
    plover = event.plover.get("type")
    proposal = PROPOSAL_RULE in event.rule
    same_type = any(o is not event and o.plover.get("type") == plover for o in others)
    if proposal and (same_type or (event.sentence_index < 0 and plover in lead_types)):
        return "proposal repeat"
    if same_type:
        return "repeat"
    if proposal:
        return "proposal"
    if event.sentence_index < 0:
        return "headline"
    words = event.sentence.lower()
    trigger = event.trigger.lower()
    at = words.find(trigger)
    if "nouns.yaml" in event.rule and at >= 0 and words[max(0, at - 6) : at].endswith(DEFINITE):
        return "bare nominal"
    return "rule"


def leftovers(excerpt: ern.Excerpt, doc: Document) -> list[dict[str, Any]]:
    """Every false positive of one excerpt, with its class."""
    events = [e for e in doc.events if ern.scored_prediction(e)]
    spans = ern.sentence_spans(excerpt, doc.text)
    by_sentence: dict[str, list[Event]] = {}
    for event in events:
        sentence = ern.gold_sentence_of(event, excerpt, doc.text, spans)
        by_sentence.setdefault(sentence or f"(no gold event) {event.sentence}", []).append(event)
    golds: dict[str, list[ern.RealNewsEvent]] = {}
    for gold in excerpt.events:
        golds.setdefault(gold.sentence, []).append(gold)
    lead_types = {e.plover.get("type") or "" for e in events if e.sentence_index == 0}
    rows = []
    for sentence, predicted in by_sentence.items():
        gold = golds.get(sentence, [])
        positives = [g for g in gold if g.modality == "asserted" and not g.ambiguous]
        matched = {pi for _, pi in ern.one_to_one(positives, predicted, "type")}
        for pi, event in enumerate(predicted):
            if pi in matched:
                continue
            kind = ern.leftover_kind(event, gold)
            if kind == "ambiguous":
                rows.append({"id": excerpt.excerpt_id, "class": "ambiguous"})
                continue
            name = "modality" if kind == "modality" else fp_class(event, predicted, lead_types)
            rows.append(
                {
                    "id": excerpt.excerpt_id,
                    "class": name,
                    "type": event.plover.get("type"),
                    "rule": event.rule,
                    "trigger": event.trigger,
                    "source": party(event, "source"),
                    "target": party(event, "target"),
                    "confidence": event.confidence,
                    "sentence": sentence,
                    "gold": [f"{g.plover}:{g.trigger}" for g in gold],
                }
            )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--no-verifier", action="store_true")
    parser.add_argument("--min-confidence", type=float, default=None)
    parser.add_argument("--show", action="append", default=[], help="print the false positives of a class")
    parser.add_argument("--by-rule", action="store_true", help="count false positives per rule id")
    parser.add_argument("--out", type=Path, help="write every false positive as JSON")
    args = parser.parse_args()
    from eventcoder.pipeline import Coder

    coder = Coder(verify=not args.no_verifier, min_confidence=args.min_confidence)
    rows: list[dict[str, Any]] = []
    predictions = 0
    for path in args.gold:
        for excerpt, doc in ern.code_excerpts(coder, ern.read_realnews(path)):
            if doc is not None:
                predictions += sum(1 for e in doc.events if ern.scored_prediction(e))
                rows += leftovers(excerpt, doc)
    excused = sum(1 for r in rows if r["class"] == "ambiguous")
    rows = [r for r in rows if r["class"] != "ambiguous"]
    true = predictions - excused - len(rows)
    precision = true / (true + len(rows)) if rows or true else 0.0
    print(f"{predictions} scored predictions, {len(rows)} false positives, {excused} fit ambiguous gold")
    print(f"PLOVER type precision {100 * precision:.1f}% ({true} true positives)")
    for name, count in Counter(r["class"] for r in rows).most_common():
        print(f"  {name:<18}{count:>5}")
    if args.by_rule:
        print("by rule")
        for rule, count in Counter(r["rule"] for r in rows).most_common(40):
            print(f"  {rule:<50}{count:>5}")
    for row in rows:
        if row["class"] in args.show or "all" in args.show:
            print(
                f"- [{row['class']}] {row['type']} {row['source']}->{row['target']} '{row['trigger']}' "
                f"({row['rule']}, {row['confidence']})\n    {row['sentence']}\n    gold: {row['gold']}"
            )
    if args.out:
        args.out.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
