#!/usr/bin/env python
"""Actor-resolution errors on matched events, grouped into classes and counted.

Why: issue 13's country and sector targets mix two causes: the event took the wrong mention as its
source or target (argument selection), or the right words resolved to the wrong actor (resolution).
This separates them. For every gold event whose type the pipeline matched, each side's annotated words
are found in the coded text and the mention there is compared with the gold code; the mention the
event actually chose is shown beside it.

Classes (per side):
  ok              the event's actor agrees with gold
  resolution      the mention on the gold words resolves to another country or sector
  unresolved      the gold words lie in a mention with no actor, or in no mention at all
  argument        the gold words resolve right but the event chose another mention (or none)
  implicit        (real news) gold names no words for the party: the event had to infer it
  spurious        (real news) gold has no party on this side and the event named one
Real-news classes carry a detail after a colon: for implicit parties where the gold country is found
(context state, same sentence, the two sentences before, elsewhere, nowhere) and what was chosen (none, a
place, the implicit context party, a stateless actor, another state); for resolution errors whether the
words are a person and whether the gold country is the article's context state.
  headline        (real news) the gold words are in the title, which has no mentions to compare

    python bench/actor_errors.py ../shared/eval/plover-gsr-dev.json
    python bench/actor_errors.py gold/realnews/dev.jsonl gold/realnews/train-a.jsonl --class resolution
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventcoder.model import Document, Mention


@dataclass
class SideRow:
    """One side of one matched event, as the report prints it."""

    item: str
    side: str
    gold_text: str
    gold_country: str | None
    gold_sector: str | None
    chosen: str
    at_gold: str
    country_class: str
    sector_class: str | None
    sentence: str = ""


def describe(mention: Mention | None) -> str:
    if mention is None:
        return "-"
    code = mention.actor.code if mention.actor else "?"
    return f"{code}({mention.text})[{mention.rule}]"


def classify(agrees_chosen: bool, agrees_at_gold: bool | None, at_gold: Mention | None, why: str = "") -> str:
    if agrees_chosen:
        return "ok"
    if why:
        return why
    if at_gold is None or at_gold.actor is None:
        return "unresolved"
    return "argument" if agrees_at_gold else "resolution"


def mention_at(doc: Document, sentence_start: int, text: str | None) -> Mention | None:
    """The mention on the gold words, searched from the event's sentence onwards."""
    from eventcoder.evaluate import mention_for

    if not text:
        return None
    body = doc.text
    at = body.find(text, sentence_start)
    if at < 0:
        at = body.casefold().find(text.casefold())
    return mention_for(doc, at, at + len(text)) if at >= 0 else None


def plover_rows(path: Path, coder: Any) -> Iterator[SideRow]:
    from eventcoder.eval_formats import read_gold
    from eventcoder.evaluate import (
        actor_country,
        actor_sector,
        align,
        code_items,
        event_plover,
        plover_pair_score,
    )

    items = [i for i in read_gold(path, "plover") if not i.skip_reason and i.text.strip()]
    for item, doc, _ in code_items(coder, items):
        if doc is None:
            continue
        events = [e for e in doc.events if event_plover(e)]
        for gi, pi in align(item.events, events, plover_pair_score):
            gold, event = item.events[gi], events[pi]
            if event_plover(event) != gold.plover:
                continue
            for side in ("source", "target"):
                for actor in getattr(gold, side + "s")[:1]:
                    chosen = getattr(event, side)
                    here = mention_at(doc, 0, actor.text)
                    members = getattr(gold, side + "s")
                    countries = {a.code for a in members}
                    sectors = {a.sector for a in members if a.sector}
                    yield SideRow(
                        item.item_id,
                        side,
                        actor.text or "",
                        actor.code,
                        actor.sector,
                        describe(chosen),
                        describe(here),
                        classify(actor_country(chosen) in countries, actor_country(here) in countries, here),
                        classify(actor_sector(chosen) in sectors, actor_sector(here) in sectors, here)
                        if sectors
                        else None,
                    )


def realnews_rows(path: Path, coder: Any, args_detail: bool = True) -> Iterator[SideRow]:
    from eventcoder import eval_realnews as rn

    excerpts = rn.read_realnews(path)
    for excerpt, doc in rn.code_excerpts(coder, excerpts):
        if doc is None:
            continue
        events = [e for e in doc.events if rn.scored_prediction(e)]
        spans = rn.sentence_spans(excerpt, doc.text)
        by_sentence: dict[str, list[Any]] = {}
        for event in events:
            by_sentence.setdefault(rn.gold_sentence_of(event, excerpt, doc.text, spans) or "", []).append(
                event
            )
        golds: dict[str, list[Any]] = {}
        for g in excerpt.events:
            golds.setdefault(g.sentence, []).append(g)
        for sentence, gold_list in golds.items():
            positives = [g for g in gold_list if g.modality == "asserted" and not g.ambiguous]
            preds = by_sentence.get(sentence, [])
            start = spans.get(sentence, (0, 0))[0]
            for gi, pi in rn.one_to_one(positives, preds, "type"):
                gold, event = positives[gi], preds[pi]
                source_ok, target_ok = rn.countries_agree(gold, event)
                for side, party, chosen, ok in (
                    ("source", gold.actor, event.source, source_ok),
                    ("target", gold.recipient, event.target, target_ok),
                ):
                    text = party.text if party else None
                    headline = sentence == excerpt.title
                    here = mention_at(doc, start, text) if not headline else None
                    want = rn.party_country(party)
                    why = "implicit" if not text else "headline" if headline else ""
                    kind = (
                        classify(ok, rn.mention_country(here) == want, here, why)
                        if party
                        else ("ok" if ok else "spurious")
                    )
                    if kind != "ok" and args_detail:
                        kind += ":" + realnews_detail(doc, start, want, chosen, here, kind)
                    yield SideRow(
                        excerpt.excerpt_id,
                        side,
                        text or "-",
                        (party.code if party else None),
                        None,
                        describe(chosen),
                        describe(here),
                        kind,
                        None,
                        f"[{gold.plover} '{gold.trigger}'] {sentence}",
                    )


def sentence_index_at(doc: Document, offset: int) -> int:
    return next((s.index for s in doc.sentences if s.start <= offset < s.end), -1)


def realnews_detail(
    doc: Document, start: int, want: str | None, chosen: Mention | None, here: Mention | None, kind: str
) -> str:
    """A finer class for a wrong side, from where the gold country can be found in the article:
    the article's context state, a mention of the sentence, one of the two sentences before, elsewhere,
    nowhere (for an implicit party); what was chosen (none, a place, the implicit context party)."""
    from eventcoder import eval_realnews as rn

    got = rn.mention_country(chosen)
    picked = (
        "none"
        if chosen is None
        else "implicit"
        if chosen.kind == "implicit"
        else "place"
        if chosen.kind == "place"
        else "stateless"
        if got is None
        else "other"
    )
    if kind.startswith(("argument", "spurious")):
        return picked
    if kind.startswith(("resolution", "unresolved")):
        if here is not None and here.actor is not None and rn.mention_country(here) is None:
            return "stateless" + (":ctx=gold" if doc.context_country == want else "")
        person = "person" if here is not None and here.is_person else "nonperson"
        return person + (":ctx=gold" if doc.context_country == want and want else "")
    where = "nowhere"
    this = sentence_index_at(doc, start)
    if want is None:
        where = "gold-stateless"
    elif doc.context_country == want:
        where = "context"
    else:
        countries = {}
        for m in doc.mentions:
            c = rn.mention_country(m)
            if c == want:
                countries.setdefault(m.sentence_index, m)
        if this in countries:
            where = "same-sentence"
        elif any(this - 2 <= i < this for i in countries):
            where = "previous"
        elif countries:
            where = "elsewhere"
    return f"{where}/{picked}"


def report(name: str, rows: list[SideRow], only: str | None, show_all: bool) -> None:
    """Counts by side and class, most frequent first, and the rows asked for."""
    print(f"== {name}: {len(rows)} sides of matched events")
    for side in ("source", "target"):
        for what, key in (("country", "country_class"), ("sector", "sector_class")):
            counts = Counter(getattr(r, key) for r in rows if r.side == side and getattr(r, key))
            if counts:
                ok = counts.get("ok", 0)
                print(f"{side} {what}: ok {ok}/{sum(counts.values())}")
                for label, n in counts.most_common():
                    if label != "ok":
                        print(f"    {n:4} {label}")
    for r in rows:
        bad = r.country_class != "ok" or (r.sector_class not in (None, "ok"))
        labels = (r.country_class, r.sector_class or "")
        wanted = any(label.startswith(only) for label in labels) if only else bad and show_all
        if wanted:
            print(
                f"  {r.item} {r.side:6} c={r.country_class} s={r.sector_class or '-'}"
                f" gold={r.gold_country}{r.gold_sector or ''}({r.gold_text})"
                f" at-gold={r.at_gold} chosen={r.chosen}"
                + (f"\n      | {r.sentence[:220]}" if r.sentence else "")
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--class", dest="only", help="list only rows whose class starts with this")
    parser.add_argument("--all", action="store_true", help="list every non-ok row")
    parser.add_argument("--together", action="store_true", help="one report over all the files")
    args = parser.parse_args()
    for path in args.gold:
        if not path.exists():
            print(f"{path}: not here (../shared absent?), skipped", file=sys.stderr)
            return 0
    from eventcoder.pipeline import Coder

    coder = Coder()
    everything: list[SideRow] = []
    for path in args.gold:
        rows = list((realnews_rows if path.suffix == ".jsonl" else plover_rows)(path, coder))
        everything.extend(rows)
        if not args.together:
            report(str(path), rows, args.only, args.all)
    if args.together:
        report(f"{len(args.gold)} files", everything, args.only, args.all)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
