#!/usr/bin/env python
"""Ray runner against the local runner, on the same texts, in one run (issue #16).

For each worker count W (default 1 and 2) it times, as separate processes of the real CLI, on all the
articles and again on the first tenth (to measure what start-up costs):
  (a) `eventcoder code FILE.jsonl --workers W --db TMP.db`                 (local worker processes)
  (b) `eventcoder code FILE.jsonl --engine ray --workers W -o DIR --no-db` (Ray Data, local cluster)
then loads the last Ray run's Parquet into SQLite (`eventcoder load`, timed on its own: the database
load is the serial step of a cluster run) and checks that its events and quotes equal the local run's
with the same W, compared by content, not order. Wall times include start-up (model loading, and for
Ray starting the local cluster) in both; the Ray overhead is 1 - (local seconds) / (Ray seconds), of wall
time and of the time after start-up (the seconds the extra nine tenths took).

    python bench/scale.py --articles 500                 # ../shared/corpora, 1 and 2 workers
    python bench/scale.py --articles 100 --workers 2 --corpus bbc
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import CORPORA, load_articles, write_jsonl  # noqa: E402

EVENTCODER = [sys.executable, "-m", "eventcoder.cli"]


def timed(args: list[str], cwd: Path) -> float:
    """Run one eventcoder command; its wall seconds (a failure stops the benchmark)."""
    started = time.perf_counter()
    done = subprocess.run([*EVENTCODER, *args], cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 3):
        sys.exit(f"eventcoder {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    print(f"    {done.stderr.strip().splitlines()[-1]}", file=sys.stderr)
    return seconds


def content(db: Path, table: str) -> Counter[str]:
    """A table's rows as a multiset of JSON strings (record ids left out: they are assigned on load)."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = Counter(
        json.dumps({k: r[k] for k in r.keys() if k != "record_id"}, sort_keys=True)
        for r in conn.execute(f"SELECT * FROM {table}")
    )
    conn.close()
    return rows


def run_engines(work: Path, workers: int, name: str, suffix: str) -> dict[str, float]:
    """Wall seconds of the local and the Ray runner on one input file, with `workers` each."""
    print(f"  {name}: local, {workers} worker(s)", file=sys.stderr)
    local = timed(["code", name, "--workers", str(workers), "--db", f"local-{workers}{suffix}.db"], work)
    print(f"  {name}: ray, {workers} worker(s)", file=sys.stderr)
    ray_args = ["code", name, "--engine", "ray", "--workers", str(workers)]
    ray = timed([*ray_args, "-o", f"ray-{workers}{suffix}", "--no-db"], work)
    return {"local": local, "ray": ray}


def report(n: int, small: int, full: dict[int, dict[str, float]], head: dict[int, dict[str, float]]) -> None:
    """Wall rates (with start-up) and marginal rates (the extra articles over the extra seconds)."""
    print(f"{'workers':>7}  {'engine':>6}  {'wall art/s':>10}  {'start-up s':>10}  {'marginal art/s':>14}")
    for workers, seconds in full.items():
        for engine, total in seconds.items():
            extra = total - head[workers][engine]
            marginal = (n - small) / extra if extra > 0 else float("nan")
            startup = total - n / marginal if extra > 0 else float("nan")
            print(f"{workers:>7}  {engine:>6}  {n / total:>10.2f}  {startup:>10.1f}  {marginal:>14.2f}")
        wall = 1 - full[workers]["local"] / full[workers]["ray"]
        local_extra = full[workers]["local"] - head[workers]["local"]
        ray_extra = full[workers]["ray"] - head[workers]["ray"]
        steady = 1 - local_extra / ray_extra if ray_extra > 0 else float("nan")
        print(f"{workers:>7}  Ray overhead: {wall:.1%} of wall time, {steady:.1%} after start-up")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="bbc")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args(argv)

    articles, source = load_articles(args.corpus, args.articles)
    small = max(4, len(articles) // 10)  # a short run of the first articles: what start-up costs
    with tempfile.TemporaryDirectory(prefix="eventcoder-scale-") as scratch:
        work = Path(scratch)
        write_jsonl(articles, work / "articles.jsonl")
        write_jsonl(articles[:small], work / "head.jsonl")
        print(f"{len(articles)} articles from {source}", file=sys.stderr)
        full = {w: run_engines(work, w, "articles.jsonl", "") for w in args.workers}
        head = {w: run_engines(work, w, "head.jsonl", "-head") for w in args.workers}
        last = args.workers[-1]
        print("  load the last Ray run into SQLite", file=sys.stderr)
        load_seconds = timed(["load", f"ray-{last}", "--db", "ray.db"], work)
        same = {
            t: content(work / "ray.db", t) == content(work / f"local-{last}.db", t)
            for t in ("events", "quotes")
        }
        counts = {t: content(work / "ray.db", t).total() for t in ("events", "quotes")}

    n = len(articles)
    print(f"\n{n} articles ({source}); start-up measured on the first {small}")
    report(n, small, full, head)
    for workers in args.workers:
        print(f"local runner per worker ({workers}): {n / full[workers]['local'] / workers:.2f} articles/s")
    print(f"load of {n} documents' Parquet into SQLite: {n / load_seconds:.1f} documents/s")
    for table, equal in same.items():
        verdict = "identical" if equal else "DIFFERENT"
        print(f"{table}: Ray ({last} workers) and local ({last} workers) {verdict} ({counts[table]} rows)")
    return 0 if all(same.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
