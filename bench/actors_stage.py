#!/usr/bin/env python
"""Cost of the actors stage with and without the generated PETRARCH tables, on the same parsed texts.

Why: issue 13 asks that the larger knowledge base keeps throughput within 10% of what it was. The
parse dominates a run, so this times what the knowledge base changes: `ActorResolver.run` over the
same spaCy documents, first with the knowledge base as it was before the tables (their files left
out), then with everything, and sets both against the parse time of the same texts.

    python bench/actors_stage.py --articles 100        # reads ../shared/corpora, or the examples
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import load_articles  # noqa: E402  (same corpus reader as the throughput bench)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    args = parser.parse_args()
    from eventcoder.actors import ActorResolver, kb
    from eventcoder.model import Document
    from eventcoder.nlp import load_pipeline, parse

    articles, source = load_articles("allsides", args.articles)
    nlp = load_pipeline()
    t0 = time.perf_counter()
    docs = [
        parse(Document(doc_id=str(i), raw_text=a["text"], text=a["text"]), nlp)
        for i, a in enumerate(articles)
    ]
    parse_s = time.perf_counter() - t0
    names = ("PETRARCH_PEOPLE", "PETRARCH_ORGS", "PETRARCH_AGENTS", "PETRARCH_DISCARDS")
    saved = {n: getattr(kb, n) for n in names}
    for n in names:
        setattr(kb, n, "absent.tsv")
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as cache:
        os.environ["EVENTCODER_CACHE_DIR"] = cache
        before = ActorResolver()
    for n, v in saved.items():
        setattr(kb, n, v)
    os.environ.pop("EVENTCODER_CACHE_DIR")
    after = ActorResolver()
    timings = {}
    for label, resolver in (
        ("before", before),
        ("after", after),
        ("before again", before),
        ("after again", after),
    ):
        batch = copy.copy(docs)
        t0 = time.perf_counter()
        for doc in batch:
            resolver.run(doc)
        timings[label] = time.perf_counter() - t0
    b = min(timings["before"], timings["before again"])
    a = min(timings["after"], timings["after again"])
    words = sum(len(d.nlp_doc) for d in docs)
    print(f"{len(docs)} articles, {words} tokens from {source}; spaCy parse {parse_s:.2f} s")
    print(f"actors stage before the tables: {b:.2f} s; with them: {a:.2f} s ({(a - b) / b:+.0%})")
    print(
        f"share of parse + actors: before {b / (parse_s + b):.1%}, after {a / (parse_s + a):.1%}; "
        f"end-to-end change at most {(a - b) / (parse_s + b):+.1%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
