#!/usr/bin/env python
"""Knowledge-base load time and memory: how long building the actors stage takes and how much
resident memory it adds (issue 13 asks for < 2 s per process and at most +150 MB per worker).

Each measurement runs in a fresh process: it imports spaCy first (every worker does anyway), then
times `ActorResolver()` and reads peak RSS before and after. Three cases:
  without  the generated PETRARCH tables left out (the knowledge base before issue 13), built cold;
  cold     everything, built from the data files (schema checker included): the first process;
  warm     everything, from the prebuilt index in the cache (every later process and worker).

    python bench/kb_load.py            # three runs of each
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile

PROBE = r"""
import json, resource, sys, time
import spacy  # paid by every worker anyway; not part of the knowledge base
from eventcoder.actors import ActorResolver, kb
if sys.argv[1] == "without":
    for name in ("PETRARCH_PEOPLE", "PETRARCH_ORGS", "PETRARCH_AGENTS", "PETRARCH_DISCARDS"):
        setattr(kb, name, "absent.tsv")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
resolver = ActorResolver()
seconds = time.perf_counter() - t0
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
lex = resolver.lex
print(json.dumps({"seconds": seconds, "added_mb": (after - before) / 1024, "peak_mb": after / 1024,
                  "people": len(lex.people), "names": len(lex.names) + len(lex.exact),
                  "terms": len(lex.terms)}))
"""


def measure(mode: str, cache: str) -> dict[str, float]:
    env = {**os.environ, "EVENTCODER_CACHE_DIR": cache}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, mode], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(out.stdout)


def main() -> int:
    with tempfile.TemporaryDirectory() as warm_cache:
        measure("with", warm_cache)  # builds the index the warm runs read
        for mode in ("without", "cold", "warm"):
            runs = []
            for _ in range(3):
                with tempfile.TemporaryDirectory() as cold_cache:
                    runs.append(
                        measure(
                            "without" if mode == "without" else "with",
                            warm_cache if mode == "warm" else cold_cache,
                        )
                    )
            last = runs[-1]
            print(
                f"{mode:7} load {statistics.median(r['seconds'] for r in runs):.2f} s (median of 3), "
                f"+{statistics.median(r['added_mb'] for r in runs):.0f} MB RSS, "
                f"peak {last['peak_mb']:.0f} MB; "
                f"{last['people']:.0f} people, {last['names']:.0f} names, {last['terms']:.0f} sector terms"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
