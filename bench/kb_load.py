#!/usr/bin/env python
"""Knowledge-base load time and memory: how long building the actors stage takes and how much
resident memory it adds, with and without the PETRARCH-derived tables (issue 13 asks for < 2 s per
process and at most +150 MB per worker).

Each measurement runs in a fresh process (so nothing is cached): it imports spaCy first (every
worker does anyway), then times `ActorResolver()` and reads peak RSS before and after.

    python bench/kb_load.py            # three runs each way
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys

PROBE = r"""
import json, resource, sys, time
import spacy  # paid by every worker anyway; not part of the knowledge base
from eventcoder import actors
if sys.argv[1] == "without":
    for name in ("PETRARCH_PEOPLE", "PETRARCH_ORGS", "PETRARCH_AGENTS", "PETRARCH_DISCARDS"):
        setattr(actors, name, "absent.tsv")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
resolver = actors.ActorResolver()
seconds = time.perf_counter() - t0
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "added_mb": (after - before) / 1024, "peak_mb": after / 1024,
                  "people": len(resolver.lex.people),
                  "names": len(resolver.lex.names) + len(resolver.lex.exact),
                  "terms": len(resolver.lex.terms)}))
"""


def measure(mode: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> int:
    for mode in ("without", "with"):
        runs = [measure(mode) for _ in range(3)]
        last = runs[-1]
        print(
            f"{mode:7} PETRARCH tables: "
            f"load {statistics.median(r['seconds'] for r in runs):.2f} s (median of 3), "
            f"+{statistics.median(r['added_mb'] for r in runs):.0f} MB RSS, peak {last['peak_mb']:.0f} MB; "
            f"{last['people']:.0f} people, {last['names']:.0f} names, {last['terms']:.0f} sector terms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
