#!/usr/bin/env python
"""Throughput benchmark: eventcoder end to end against bare spaCy on the same texts.

Why: the pipeline's cost is dominated by the spaCy parse; issue #6 asks that
everything eventcoder adds on top (cleaning, actors, events, quotes, dates,
places, SQLite, JSON) keeps end-to-end throughput at >= 80% of bare
`nlp.pipe`, that two workers scale (>= 1.6x one worker), and that all
processes together stay under 2 GB.

For each worker count it runs, as separate processes so that peak memory is
measured the same way for both:
  (a) bare spaCy: `nlp.pipe(texts, n_process=W)` with the same pipeline;
  (b) `eventcoder code FILE.jsonl --db TMP --workers W` (the real CLI).
Wall time includes start-up (model loading) in both. Peak RSS is the largest
sum of resident memory over the process and all its descendants, sampled
every 0.1 s from /proc.

    python bench/throughput.py --articles 2000                  # AllSides, 1 and 2 workers
    python bench/throughput.py --articles 300 --corpus bbc --workers 2
    python bench/throughput.py --articles 200 --stages          # where the time goes, per stage
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = {"allsides": "allsides-sample.jsonl.gz", "bbc": "bbc-2004-2005.jsonl.gz"}
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


# -- input ----------------------------------------------------------------------
def load_articles(corpus: str, count: int) -> tuple[list[dict[str, Any]], str]:
    """The first `count` non-empty articles of a corpus, or the bundled examples repeated."""
    path = SHARED / "corpora" / CORPORA[corpus]
    if path.is_file():
        articles: list[dict[str, Any]] = []
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if (record.get("text") or "").strip():
                    articles.append(record)
                if len(articles) >= count:
                    break
        return articles, str(path)
    examples = sorted((ROOT / "examples" / "articles").glob("*.txt"))
    if not examples:
        sys.exit(f"{path} is absent and examples/articles has no .txt files: nothing to measure")
    print(
        f"note: {path} is absent (../shared beside the checkout); using examples/articles repeated",
        file=sys.stderr,
    )
    texts = [p.read_text(encoding="utf-8") for p in examples]
    articles = [{"id": f"example-{i}", "text": texts[i % len(texts)]} for i in range(count)]
    return articles, "examples/articles (repeated)"


def write_jsonl(articles: list[dict[str, Any]], path: Path) -> None:
    """The benchmark input: ids made unique, dates kept only when they are ISO dates."""
    with path.open("w", encoding="utf-8") as handle:
        for i, a in enumerate(articles):
            record = {"id": f"{a.get('id', 'doc')}-{i}", "title": a.get("title"), "text": a["text"]}
            date = str(a.get("date") or "")
            if len(date) == 10 and date[4] == "-" and date[7] == "-":
                record["date"] = date
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


# -- measuring a process tree -----------------------------------------------------
def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants."""
    tree = _children()
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        stack.extend(tree.get(p, []))
        try:
            with open(f"/proc/{p}/statm", encoding="ascii") as handle:
                total += int(handle.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Run a command; return wall seconds, peak RSS of its process tree, and its stdout."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(proc.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode not in (0, 3):
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{err[-3000:]}")
    summary = [line for line in err.splitlines() if line.startswith("coded ")]
    return seconds, peak, (summary[-1] if summary else out.strip())


# -- the bare spaCy run (a child process of this script) ----------------------------
def bare_spacy(path: Path, workers: int, batch_size: int) -> None:
    """Parse every text with the full pipeline and nothing else."""
    from eventcoder.nlp import load_pipeline

    nlp = load_pipeline()
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    started = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts, n_process=workers, batch_size=batch_size))
    print(json.dumps({"docs": n, "pipe_seconds": time.perf_counter() - started}))


# -- per-stage timing (in-process) ----------------------------------------------
def stage_profile(articles: list[dict[str, Any]]) -> None:
    """Time each stage of `Coder` in this process: where does the time go?"""
    from eventcoder.model import Article
    from eventcoder.pipeline import Coder

    coder = Coder()
    # Warm up first: some stages build indexes on first use (once per process), which is start-up cost.
    warm = [Article(doc_id=f"warm-{i}", text=a["text"]) for i, a in enumerate(articles[:3])]
    list(coder.code_articles(warm))
    spent: dict[str, float] = {}

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - t

        return wrapper

    coder.prepare = timed("clean", coder.prepare)  # type: ignore[method-assign]
    for name in ("actors", "events", "quotes", "dates", "geo"):
        stage = getattr(coder, name)
        stage.run = timed(name, stage.run)
    items = [Article(doc_id=str(i), text=a["text"], title=a.get("title")) for i, a in enumerate(articles)]
    started = time.perf_counter()
    docs = list(coder.code_articles(items))
    total = time.perf_counter() - started
    spent["spaCy parse (nlp.pipe)"] = total - sum(spent.values())
    words = sum(len(a["text"].split()) for a in articles)
    print(
        f"{len(docs)} articles, {words:,} words in {total:.1f} s in one process "
        f"({words / total:,.0f} words/s)"
    )
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<24} {seconds:7.2f} s  {100 * seconds / total:5.1f} %")


# -- the report -----------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=200, help="number of articles (default 200)")
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="allsides")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--stages", action="store_true", help="time each pipeline stage in-process instead")
    parser.add_argument("--bare", type=Path, help=argparse.SUPPRESS)  # internal: the bare spaCy child
    args = parser.parse_args(argv)
    worker_counts = [int(w) for w in args.workers.split(",") if w.strip()]
    if args.bare:
        bare_spacy(args.bare, worker_counts[0], args.batch_size)
        return 0

    articles, origin = load_articles(args.corpus, args.articles)
    if args.stages:
        stage_profile(articles)
        return 0
    words = sum(len(a["text"].split()) for a in articles)
    print(
        f"corpus: {origin}: {len(articles)} articles, {words:,} words "
        f"(mean {words / max(len(articles), 1):,.0f}); {os.cpu_count()} CPUs"
    )
    rows: dict[tuple[str, int], tuple[float, int]] = {}
    with tempfile.TemporaryDirectory(prefix="eventcoder-bench-") as tmp:
        data = Path(tmp) / "articles.jsonl"
        write_jsonl(articles, data)
        for workers in worker_counts:
            bare_cmd = [
                sys.executable,
                str(Path(__file__).resolve()),
                "--bare",
                str(data),
                "--workers",
                str(workers),
                "--batch-size",
                str(args.batch_size),
            ]
            seconds, peak, _ = run_measured(bare_cmd)
            rows[("bare spaCy nlp.pipe", workers)] = (seconds, peak)
            db = Path(tmp) / f"bench-{workers}.db"
            code_cmd = [
                sys.executable,
                "-m",
                "eventcoder.cli",
                "code",
                str(data),
                "--db",
                str(db),
                "--workers",
                str(workers),
                "--batch-size",
                str(args.batch_size),
                "--no-progress",
            ]
            seconds, peak, summary = run_measured(code_cmd)
            rows[("eventcoder code", workers)] = (seconds, peak)
            print(f"  {workers} worker(s): {summary}", file=sys.stderr)
    print_table(rows, len(articles), words, worker_counts)
    return 0


def print_table(
    rows: dict[tuple[str, int], tuple[float, int]], n: int, words: int, counts: list[int]
) -> None:
    print(f"{'run':<22}{'workers':>8}{'seconds':>9}{'articles/s':>12}{'words/s':>10}{'peak RSS':>11}")
    for (name, workers), (seconds, peak) in rows.items():
        print(
            f"{name:<22}{workers:>8}{seconds:>9.1f}{n / seconds:>12.1f}{words / seconds:>10,.0f}"
            f"{peak / 2**20:>8,.0f} MB"
        )
    for workers in counts:
        bare, ours = rows[("bare spaCy nlp.pipe", workers)], rows[("eventcoder code", workers)]
        ratio = bare[0] / ours[0]
        print(
            f"eventcoder / bare spaCy throughput, {workers} worker(s): {ratio:.2f}"
            f"  (target >= 0.80: {'ok' if ratio >= 0.8 else 'MISSED'})"
        )
    if 1 in counts and 2 in counts:
        scale = rows[("eventcoder code", 1)][0] / rows[("eventcoder code", 2)][0]
        rate = n / rows[("eventcoder code", 2)][0]
        peak_gb = rows[("eventcoder code", 2)][1] / 2**30
        print(
            f"eventcoder scaling 2 vs 1 workers: {scale:.2f}x  "
            f"(target >= 1.6: {'ok' if scale >= 1.6 else 'MISSED'})"
        )
        print(
            f"eventcoder 2 workers: {rate:.1f} articles/s, peak RSS {peak_gb:.2f} GB  "
            f"(targets >= 12/s of ~600 words, <= 2 GB)"
        )


if __name__ == "__main__":
    sys.exit(main())
