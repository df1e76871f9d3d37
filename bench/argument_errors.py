"""Where source and target assignment goes wrong on the hand-coded real-news gold, by error class.

    .venv/bin/python bench/argument_errors.py gold/realnews/dev.jsonl            # summary by class
    .venv/bin/python bench/argument_errors.py gold/realnews/train-*.jsonl --out /tmp/a.json \
        --show target:missed

For every event matched to gold (same sentence and PLOVER type, the way `eventcoder eval` pairs them), the
gold source and target are compared with the predicted ones by country, and each disagreement is put in a
class from what the sentence offers:

- ``missed``: we attached nothing, but a mention of the sentence has the gold country;
- ``wrong pick``: we attached a mention with another country while a mention with the gold country is there;
- ``spurious``: gold has no party (or no country) and we attached one; split by what we attached (a place,
  the source's own country, another actor);
- ``resolved wrong``: the mention we attached overlaps the gold span but resolves to another country (an
  actor-resolution matter, not argument selection);
- ``not in sentence``: no mention of the sentence has the gold country (implicit party, earlier sentence,
  unknown actor).

Speed is not measured here.  The gold files are read from the project's gold/realnews folder; never pass the
frozen test part.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from eventcoder import eval_realnews as ern
from eventcoder.model import Document, Event, Mention
from realnews_parsed import coded_with_parses


def mention_row(mention: Mention | None) -> dict[str, Any] | None:
    if mention is None:
        return None
    code = mention.actor.code if mention.actor else None
    return {"text": mention.text, "code": code, "country": ern.mention_country(mention), "kind": mention.kind}


def overlaps(gold_text: str | None, predicted: str | None) -> bool:
    if not gold_text or not predicted:
        return False
    a, b = gold_text.lower(), predicted.lower()
    return a in b or b in a


def classify(
    gold: ern.GoldParty | None,
    predicted: Mention | None,
    sentence_mentions: list[Mention],
    source: Mention | None = None,
) -> str:
    """The error class of one slot (see the module docstring); "ok" when countries agree."""
    gold_country = ern.party_country(gold)
    got = ern.mention_country(predicted)
    if gold_country == got:
        return "ok"
    if gold_country is None:
        if predicted is not None and predicted.kind == "place":
            return "spurious: a place"
        if source is not None and got is not None and got == ern.mention_country(source):
            return "spurious: source's own country"
        return "spurious: other actor"
    if predicted is not None and gold is not None and overlaps(gold.text, predicted.text):
        return "resolved wrong"
    taken = {m.start for m in (source, predicted) if m is not None}
    available = any(
        ern.mention_country(m) == gold_country and m.start not in taken for m in sentence_mentions
    )
    if not available:
        return "not in sentence"
    return "missed" if predicted is None or got is None else "wrong pick"


def sentence_mentions_of(doc: Document, event: Event) -> list[Mention]:
    return [m for m in doc.mentions if m.sentence_index == event.sentence_index]


def parse_of(doc: Document, event: Event) -> str:
    if doc.nlp_doc is None or event.trigger_token is None:
        return ""
    sent = doc.nlp_doc[event.trigger_token].sent
    return " ".join(f"{t.text}/{t.dep_}<{t.head.i - sent.start}" for t in sent)


def path_between(doc: Document, trigger: int | None, mention: Mention) -> str:
    """The dependency path from the trigger to the mention's head ("prep:with>pobj", "^nsubj")."""
    if doc.nlp_doc is None or trigger is None or mention.token_end <= mention.token_start:
        return "?"
    head = doc.nlp_doc[mention.token_start : mention.token_end].root
    up = [head, *head.ancestors]
    trig = doc.nlp_doc[trigger]
    down = [trig, *trig.ancestors]
    common = next((t for t in up if t in down), None)
    if common is None:
        return "?"
    rise = [f"^{t.dep_}" for t in down[: down.index(common)]]
    fall = [f"{t.dep_}:{t.lower_}" if t.dep_ == "prep" else t.dep_ for t in reversed(up[: up.index(common)])]
    return " ".join(rise + fall) or "="


def gold_paths(doc: Document, event: Event, gold: ern.GoldParty | None, mentions: list[Mention]) -> list[str]:
    """Paths to the sentence's mentions with the gold party's country, other than those attached."""
    country = ern.party_country(gold)
    taken = {m.start for m in (event.source, event.target) if m is not None}
    spans = [m for m in mentions if gold is not None and overlaps(gold.text, m.text)]
    same = [m for m in mentions if ern.mention_country(m) == country and m.start not in taken]
    return [path_between(doc, event.trigger_token, m) for m in (spans or same)]


def rows_for(excerpt: ern.Excerpt, doc: Document | None) -> list[dict[str, Any]]:
    """One row per matched event: gold and predicted parties and their classes."""
    if doc is None:
        return []
    events = [e for e in doc.events if ern.scored_prediction(e)]
    spans = ern.sentence_spans(excerpt, doc.text)
    by_sentence: dict[str, list[Event]] = {}
    for event in events:
        sentence = ern.gold_sentence_of(event, excerpt, doc.text, spans)
        if sentence is not None:
            by_sentence.setdefault(sentence, []).append(event)
    rows = []
    for sentence, predicted in by_sentence.items():
        golds = [g for g in excerpt.events if g.sentence == sentence]
        positives = [g for g in golds if g.modality == "asserted" and not g.ambiguous]
        for gi, pi in ern.one_to_one(positives, predicted, "type"):
            gold, event = positives[gi], predicted[pi]
            if gold.symmetric and ern.countries_agree(gold, event) != (
                ern.party_country(gold.actor) == ern.mention_country(event.source),
                ern.party_country(gold.recipient) == ern.mention_country(event.target),
            ):
                gold = ern.RealNewsEvent(
                    **{**gold.__dict__, "actor": gold.recipient, "recipient": gold.actor}
                )
            mentions = sentence_mentions_of(doc, event)
            rows.append(
                {
                    "id": excerpt.excerpt_id,
                    "sentence": sentence,
                    "type": gold.plover,
                    "gold_trigger": gold.trigger,
                    "trigger": event.trigger,
                    "rule": event.rule,
                    "gold_source": gold.actor.__dict__ if gold.actor else None,
                    "gold_target": gold.recipient.__dict__ if gold.recipient else None,
                    "source": mention_row(event.source),
                    "target": mention_row(event.target),
                    "source_class": classify(gold.actor, event.source, mentions),
                    "target_class": classify(gold.recipient, event.target, mentions, event.source),
                    "mentions": [mention_row(m) for m in mentions],
                    "source_paths": gold_paths(doc, event, gold.actor, mentions),
                    "target_paths": gold_paths(doc, event, gold.recipient, mentions),
                    "picked_path": path_between(doc, event.trigger_token, event.target)
                    if event.target
                    else None,
                    "parse": parse_of(doc, event),
                }
            )
    return rows


def collect(paths: list[Path]) -> list[dict[str, Any]]:
    from eventcoder.pipeline import Coder

    coder = Coder()
    rows: list[dict[str, Any]] = []
    for excerpt, doc in coded_with_parses(coder, paths, "argument_errors"):
        rows.extend(rows_for(excerpt, doc))
    return rows


def summary(rows: list[dict[str, Any]]) -> str:
    lines = [f"matched events: {len(rows)}"]
    for slot in ("source", "target"):
        counts = Counter(r[f"{slot}_class"] for r in rows)
        ok = counts.get("ok", 0)
        lines.append(f"{slot} country right: {ok}/{len(rows)} ({100 * ok / max(len(rows), 1):.1f}%)")
        lines.extend(f"  {n:4d}  {name}" for name, n in counts.most_common() if name != "ok")
    return "\n".join(lines)


def show(rows: list[dict[str, Any]], which: str) -> str:
    slot, _, name = which.partition(":")
    out = []
    for r in rows:
        if name not in r[f"{slot}_class"] or r[f"{slot}_class"] == "ok":
            continue
        gold = r[f"gold_{slot}"]
        got = r[slot]
        out.append(
            f"[{r['id']}] {r['type']} '{r['trigger']}' ({r['rule']})\n  {r['sentence']}\n"
            f"  gold {slot}: {gold and (gold['text'], gold['code'])}"
            f"  got: {got and (got['text'], got['code'])}"
            f"  class: {r[f'{slot}_class']}\n"
            f"  gold src {r['gold_source'] and r['gold_source']['code']}"
            f" got src {r['source'] and r['source']['code']}"
            f" | mentions: {[(m['text'], m['code']) for m in r['mentions']]}\n"
            f"  paths to gold {slot}: {r[f'{slot}_paths']}"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", type=Path, help="real-news gold files (not the test part)")
    parser.add_argument("--out", type=Path, help="write every row as JSON here")
    parser.add_argument("--rows", type=Path, help="read rows written by --out instead of coding again")
    parser.add_argument(
        "--show", action="append", default=[], help="list rows of slot:class, e.g. target:missed"
    )
    args = parser.parse_args(argv)
    rows = json.loads(args.rows.read_text()) if args.rows else collect(args.gold)
    if args.out:
        args.out.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print(summary(rows))
    for which in args.show:
        print(show(rows, which))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
