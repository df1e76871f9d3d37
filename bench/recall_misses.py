"""Which gold events eventcoder misses on the hand-coded real-news gold, grouped by miss class.

    .venv/bin/python bench/recall_misses.py gold/realnews/dev.jsonl --out /tmp/dev.json
    .venv/bin/python bench/recall_misses.py gold/realnews/train-*.jsonl gold/realnews/train2-*.jsonl \
        --no-verifier --out /tmp/train.json --show nominal
    .venv/bin/python bench/recall_misses.py --diff /tmp/train-before.json /tmp/train.json

Every unmatched gold positive (asserted, not ambiguous) is put in one class by what the sentence shows:

- ``mistyped``: we coded an event of another PLOVER type in the sentence that no gold event took;
- ``hedged``: we coded the gold type there, but not as asserted (negated, hypothetical, future);
- ``statement only``: we coded the trigger's clause as a plain statement (01), which is not scored;
- ``evaluative``: an ACCUSE carried by wording rather than an accusing verb (no trigger word is a known verb);
- ``embedded verb``: the trigger's verb sits in a relative clause, participle, adverbial or complement clause;
- ``nominal``: the trigger's head is a noun (or a participle modifying one);
- ``verb unknown`` / ``verb known``: a main-clause verb trigger whose lemma verbs.yaml lacks / has.

With ``--out`` the rows (misses, and every scored prediction with whether it matched) are written as JSON, so
that two runs can be compared with ``--diff`` (true and false positives gained and lost, by rule).  Speed is
not measured here.  Never pass the frozen test part.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from eventcoder import eval_realnews as ern
from eventcoder.model import Document, Event
from realnews_parsed import coded_with_parses

EMBEDDED_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "pcomp", "conj", "csubj", "parataxis"}


def trigger_tokens(sent: Span, trigger: str) -> list[Token]:
    """The tokens of the gold trigger inside the sentence (first occurrence, case-insensitive)."""
    at = sent.text.lower().find(trigger.lower().strip())
    if at < 0 or not trigger.strip():
        return []
    start, end = sent.start_char + at, sent.start_char + at + len(trigger.strip())
    return [t for t in sent if t.idx < end and t.idx + len(t) > start]


def trigger_head(tokens: list[Token]) -> Token | None:
    """The token of the trigger highest in the parse."""
    inside = set(tokens)
    heads = [t for t in tokens if t.head not in inside or t.head == t]
    return heads[0] if heads else None


def find_sentence(doc: Doc, sentence: str) -> Span | None:
    key = sentence.strip()[:60]
    for sent in doc.sents:
        if key and key in sent.text:
            return sent
    at = doc.text.find(key)
    return doc.char_span(at, at + len(sentence.strip()), alignment_mode="expand") if at >= 0 else None


def miss_class(
    gold: ern.RealNewsEvent, head: Token | None, leftovers: list[Event], others: list[Event], verbs: set[str]
) -> str:
    """The miss class of one unmatched gold event (see the module docstring)."""
    if any(e.plover.get("type") == gold.plover and e.modality != "asserted" for e in others):
        return "hedged"
    if leftovers:
        return "mistyped"
    if head is not None and any(
        e.cameo_root == "01" and e.trigger_token in (head.i, head.head.i) for e in others
    ):
        return "statement only"
    if head is None:
        return "no trigger in parse"
    if gold.plover == "ACCUSE" and not any(
        t.lemma_.lower() in verbs for t in head.subtree if t.pos_ == "VERB"
    ):
        return "evaluative"
    if head.pos_ in ("NOUN", "PROPN") or (head.dep_ in ("amod", "compound") and head.head.pos_ == "NOUN"):
        return "nominal"
    if head.dep_ in EMBEDDED_DEPS:
        return "embedded verb"
    return "verb known" if head.lemma_.lower() in verbs else "verb unknown"


def describe(event: Event) -> dict[str, Any]:
    return {
        "type": event.plover.get("type"),
        "cameo": event.cameo,
        "trigger": event.trigger,
        "rule": event.rule,
        "modality": event.modality,
        "confidence": round(event.confidence, 3),
        "source": event.source.actor.code if event.source and event.source.actor else None,
        "target": event.target.actor.code if event.target and event.target.actor else None,
    }


def sentence_rows(
    excerpt: ern.Excerpt, doc: Document, sentence: str, events: list[Event], verbs: set[str]
) -> list[dict[str, Any]]:
    golds = [g for g in excerpt.events if g.sentence == sentence]
    positives = [g for g in golds if g.modality == "asserted" and not g.ambiguous]
    scored = [e for e in events if ern.scored_prediction(e)]
    pairs = ern.one_to_one(positives, scored, "type")
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    leftovers = [e for pi, e in enumerate(scored) if pi not in matched_pred]
    rows: list[dict[str, Any]] = []
    for pi, event in enumerate(scored):
        kind = "tp" if pi in matched_pred else ern.leftover_kind(event, golds)
        rows.append(
            {
                "row": "prediction",
                "id": excerpt.excerpt_id,
                "sentence": sentence,
                "kind": kind,
                **describe(event),
            }
        )
    sent = find_sentence(doc.nlp_doc, sentence) if doc.nlp_doc is not None else None
    for gi, gold in enumerate(positives):
        if gi in matched_gold:
            continue
        head = trigger_head(trigger_tokens(sent, gold.trigger)) if sent is not None else None
        rows.append(
            {
                "row": "miss",
                "id": excerpt.excerpt_id,
                "sentence": sentence,
                "type": gold.plover,
                "root": gold.root,
                "trigger": gold.trigger,
                "source": gold.actor.code if gold.actor else None,
                "target": gold.recipient.code if gold.recipient else None,
                "class": miss_class(gold, head, leftovers, events, verbs),
                "head": f"{head.lemma_}/{head.pos_}/{head.dep_}<{head.head.lemma_}"
                if head is not None
                else None,
                "predicted": [describe(e) for e in events],
            }
        )
    return rows


def rows_for(excerpt: ern.Excerpt, doc: Document | None, verbs: set[str]) -> list[dict[str, Any]]:
    if doc is None:
        return []
    spans = ern.sentence_spans(excerpt, doc.text)
    by_sentence: dict[str, list[Event]] = {}
    for event in doc.events:
        sentence = ern.gold_sentence_of(event, excerpt, doc.text, spans)
        by_sentence.setdefault(sentence or f"(no gold event) {event.sentence}", []).append(event)
    rows = []
    for sentence in {*by_sentence, *(g.sentence for g in excerpt.events)}:
        rows.extend(sentence_rows(excerpt, doc, sentence, by_sentence.get(sentence, []), verbs))
    return rows


def collect(paths: list[Path], verify: bool) -> list[dict[str, Any]]:
    from eventcoder.pipeline import Coder

    coder = Coder(verify=verify)
    verbs = set(coder.events.rules.verbs) if hasattr(coder.events, "rules") else set()
    rows: list[dict[str, Any]] = []
    for excerpt, doc in coded_with_parses(coder, paths, "recall_misses"):
        rows.extend(rows_for(excerpt, doc, verbs))
    return rows


def summary(rows: list[dict[str, Any]]) -> str:
    preds = [r for r in rows if r["row"] == "prediction"]
    misses = [r for r in rows if r["row"] == "miss"]
    tp = sum(r["kind"] == "tp" for r in preds)
    fp = sum(r["kind"] not in ("tp", "ambiguous") for r in preds)
    p, r_ = tp / max(tp + fp, 1), tp / max(tp + len(misses), 1)
    lines = [
        f"type P {100 * p:.1f} R {100 * r_:.1f} F1 {200 * p * r_ / max(p + r_, 1e-9):.1f}"
        f"  (tp {tp} fp {fp} fn {len(misses)})",
        "misses by class:",
    ]
    lines += [f"  {n:4d}  {name}" for name, n in Counter(m["class"] for m in misses).most_common()]
    lines.append("misses by type (and recall):")
    tps = Counter(r["type"] for r in preds if r["kind"] == "tp")
    for name, n in Counter(m["type"] for m in misses).most_common():
        lines.append(f"  {n:4d}  {name:10s} recall {100 * tps[name] / (tps[name] + n):.0f}%")
    return "\n".join(lines)


def diff(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> str:
    """Predictions gained and lost between two runs, by rule and kind."""

    def key(r: dict[str, Any]) -> tuple[str, str, str, str, str]:
        return (r["id"], r["sentence"], r["type"], r["trigger"], r["kind"])

    old = Counter(key(r) for r in before if r["row"] == "prediction")
    new = Counter(key(r) for r in after if r["row"] == "prediction")
    rules = {key(r): r["rule"] for r in [*before, *after] if r["row"] == "prediction"}
    lines = []
    for label, delta in (("gained", new - old), ("lost", old - new)):
        lines.append(
            f"{label}: "
            + ", ".join(f"{k} {n}" for k, n in Counter(k[4] for k in delta.elements()).most_common())
        )
        for k in sorted(delta, key=lambda k: (k[4], k[2])):
            lines.append(f"  [{k[4]}] {k[2]} '{k[3]}' {rules[k]}  | {k[1][:150]}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("gold", nargs="*", type=Path)
    parser.add_argument("--no-verifier", action="store_true", help="rules only")
    parser.add_argument("--out", type=Path, help="write the rows as JSON")
    parser.add_argument("--show", help="print the misses of one class (or one PLOVER type)")
    parser.add_argument("--diff", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.diff:
        print(diff(*(json.loads(p.read_text()) for p in args.diff)))
        return
    rows = collect(args.gold, verify=not args.no_verifier)
    if args.out:
        args.out.write_text(json.dumps(rows, indent=1, ensure_ascii=False))
    print(summary(rows))
    if args.show:
        for m in rows:
            if m["row"] == "miss" and args.show in (m["class"], m["type"]):
                got = "; ".join(
                    f"{p['type'] or p['cameo']} '{p['trigger']}' {p['modality']}" for p in m["predicted"]
                )
                print(
                    f"- {m['type']} '{m['trigger']}' {m['source']}->{m['target']} [{m['head']}]\n"
                    f"    {m['sentence'][:220]}\n    got: {got}"
                )


if __name__ == "__main__":
    main()
