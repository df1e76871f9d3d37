"""What the learned verifier and headline coding cost: the same articles coded with and without them,
in one run, as a ratio (these machines are noisy; compare within a run).

    .venv/bin/python bench/verifier_cost.py --articles 200

Reads ../shared/corpora/allsides-sample.jsonl.gz, or repeats examples/articles when it is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

from eventcoder.ingest import read_inputs
from eventcoder.model import Article
from eventcoder.pipeline import Coder

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "allsides-sample.jsonl.gz"


def articles(count: int) -> list[Article]:
    if CORPUS.exists():
        with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
            rows = [json.loads(line) for _, line in zip(range(count), handle, strict=False)]
        return [
            Article(doc_id=r["id"], text=r["text"], title=r["title"], date=r["date"] or None) for r in rows
        ]
    print(f"{CORPUS} is absent: repeating examples/articles")
    found = [a for a in read_inputs([str(ROOT / "examples" / "articles")]) if isinstance(a, Article)]
    return [found[i % len(found)] for i in range(count)]


def timed(coder: Coder, texts: list[Article]) -> tuple[float, int]:
    started = time.perf_counter()
    events = sum(len(doc.events) for doc in coder.code_articles(texts, batch_size=16))
    return time.perf_counter() - started, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    texts = articles(args.articles)
    words = sum(len(a.text.split()) for a in texts)
    rules = Coder(verify=False, headlines=False)
    full = Coder()
    timed(rules, texts[:5])  # warm both (lazy loads) before measuring
    timed(full, texts[:5])
    rules_s, rules_events = timed(rules, texts)
    full_s, full_events = timed(full, texts)
    print(f"{len(texts)} articles, {words:,} words")
    print(f"rules only          {rules_s:7.1f} s  {words / rules_s:8.0f} words/s  {rules_events} events")
    print(f"verifier+headlines  {full_s:7.1f} s  {words / full_s:8.0f} words/s  {full_events} events")
    print(f"throughput ratio (verifier+headlines / rules only): {rules_s / full_s:.3f}")


if __name__ == "__main__":
    main()
