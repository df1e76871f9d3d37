"""Headline events on real-news gold: recall, precision and every title's gold and predicted events.

Why: headline events are about a tenth of the gold and are coded on a path of their own (headline.py); the
pooled eval gives only their recall.  This prints, per title, the gold title events and the headline events
coded (with confidence, modality, rule and whether the default cut keeps them), then headline TP / FP / FN
under the eval's scoring rules.
Usage: python bench/headline_report.py GOLD.jsonl [...] [--all] [--no-verifier]
(never on the frozen test or the held-out train4 files).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from eventcoder import eval_realnews as rn
from eventcoder.identity import DEFAULT_MIN_CONFIDENCE
from eventcoder.model import Document, Event
from eventcoder.pipeline import Coder


def line(event: Event, kept: bool, status: str) -> str:
    mark = "KEEP" if kept else "drop"
    described = rn.describe_prediction(event)
    return f"   {mark} {event.confidence:.2f} {event.modality:<12} {status:<2} {described}"


def score_title(
    excerpt: rn.Excerpt, doc: Document | None, cut: float, show_all: bool
) -> tuple[int, int, int]:
    """TP, FP, FN of one title's events; prints the title when it has an error (`show_all`: always)."""
    golds = [g for g in excerpt.events if g.sentence_no == 0]
    positives = [g for g in golds if g.modality == "asserted" and not g.ambiguous]
    heads = [e for e in (doc.events if doc else []) if rn.is_headline_event(e, excerpt)]
    kept = [e for e in heads if rn.scored_prediction(e) and e.confidence >= cut]
    pairs = rn.one_to_one(positives, kept, "type")
    matched = {id(kept[pi]) for _, pi in pairs}
    wrong = [e for e in kept if id(e) not in matched and rn.leftover_kind(e, golds) != "ambiguous"]
    if show_all or wrong or len(pairs) < len(positives):
        print(f"\n== {excerpt.excerpt_id}: {excerpt.title}")
        for g in golds:
            print("   gold ", rn.describe_gold(g), "amb" if g.ambiguous else "")
        for e in heads:
            status = "TP" if id(e) in matched else ("FP" if e in wrong else "")
            print(line(e, e in kept, status))
    return len(pairs), len(wrong), len(positives) - len(pairs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--all", action="store_true", help="print every title, not only those with errors")
    parser.add_argument("--no-verifier", action="store_true")
    args = parser.parse_args()
    coder = Coder(min_confidence=0, verify=not args.no_verifier)
    cut = DEFAULT_MIN_CONFIDENCE if coder.verifier.active else 0.0
    totals = [0, 0, 0]
    titles = 0
    for path in args.gold:
        for excerpt, doc in rn.code_excerpts(coder, rn.read_realnews(path)):
            titles += 1
            totals = [a + b for a, b in zip(totals, score_title(excerpt, doc, cut, args.all), strict=True)]
    print(f"\ntitles {titles}  headline TP {totals[0]} FP {totals[1]} FN {totals[2]}")


if __name__ == "__main__":
    main()
