#!/usr/bin/env python
"""Knowledge-base load time, worker memory and throughput (issue 13: the large knowledge base must
load in under 2 s per process, cold as well as warm; peak RSS per worker may grow by at most 150 MB
over the small knowledge base; throughput within 10% of the tree before the large one landed).

Load time: each run is a fresh process that imports spaCy first (every worker does anyway), then
times the two indexes a worker loads, the actors lexicon (`ActorResolver()`) and the gazetteer
(`geo.gazetteer()`), and reads its peak RSS before and after. Three cases:
  build   no prebuilt index in the cache: built from the data files, schema checker included (the
          first process after installing or editing a data file), page cache dropped when root;
  cold    the prebuilt index in the cache, page cache dropped when root (the first process after a
          reboot);
  warm    the prebuilt index in the cache and in the page cache (every later process and worker).
Dropping the page cache (`sync; echo 3 > /proc/sys/vm/drop_caches`) needs root; without it the
build and cold figures say "page cache kept".

With --articles N, `eventcoder code N articles --workers 1` (coding in one process: its peak RSS is
a worker's) runs alternately in three variants: a git worktree of --reference (by default the commit
before the PETRARCH tables landed), this tree with the tables left out ("small KB": what the tables
themselves cost on today's code) and this tree. Throughput is compared by CPU seconds of the
process (wall time too, but on a shared machine it varies by tens of percent between equal runs).
All run on this checkout's virtual environment (PYTHONPATH).

    python bench/kb_load.py                        # load times, three runs of each
    python bench/kb_load.py --articles 100         # also RSS and throughput against the reference
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from throughput import load_articles, run_measured, write_jsonl  # noqa: E402

PROBE = r"""
import json, resource, sys, time
import spacy  # paid by every worker anyway; not part of the knowledge base
def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
before = peak()
t0, c0 = time.perf_counter(), time.process_time()
from eventcoder.actors import ActorResolver
resolver = ActorResolver()
t1 = time.perf_counter()
from eventcoder import geo
geo.gazetteer()
t2, c2 = time.perf_counter(), time.process_time()
lex = resolver.lex
print(json.dumps({"actors": t1 - t0, "gazetteer": t2 - t1, "cpu": c2 - c0, "added_mb": peak() - before,
                  "peak_mb": peak(), "people": len(lex.people), "names": len(lex.names) + len(lex.exact)}))
"""
DROP_CACHES = Path("/proc/sys/vm/drop_caches")
PETRARCH_COMMIT_SUBJECT = "Actors: PETRARCH/Phoenix dictionaries converted"
# The `eventcoder` command of either tree (older trees name its function `main`).
ENTRY = "import sys, eventcoder.cli as cli; sys.exit((getattr(cli, 'entry', None) or cli.main)())"


def drop_page_cache() -> bool:
    """Evict every file from the page cache (root only); False when not allowed."""
    try:
        subprocess.run(["sync"], check=True)
        DROP_CACHES.write_text("3\n")
    except OSError:
        return False
    return True


def tree_env(src: Path, cache: str | None = None) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    if cache is not None:
        env["EVENTCODER_CACHE_DIR"] = cache
    return env


def probe(src: Path, cache: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, env=tree_env(src, cache)
    )
    return json.loads(out.stdout)


def load_times(src: Path, runs: int) -> None:
    """The build, cold and warm cases, `runs` fresh processes each."""
    dropped = True
    with tempfile.TemporaryDirectory() as warm_cache:
        probe(src, warm_cache)  # builds the index the cold and warm runs read
        for case in ("build", "cold", "warm"):
            results = []
            for _ in range(runs):
                with tempfile.TemporaryDirectory() as empty_cache:
                    if case != "warm":
                        dropped = drop_page_cache() and dropped
                    results.append(probe(src, empty_cache if case == "build" else warm_cache))
            print(_load_line(case, results, dropped or case == "warm"))


def _load_line(case: str, results: list[dict[str, float]], dropped: bool) -> str:
    def median(key: str) -> float:
        return statistics.median(r[key] for r in results)

    total = statistics.median(r["actors"] + r["gazetteer"] for r in results)
    note = "" if dropped else " (page cache kept: not root)"
    last = results[-1]
    return (
        f"{case:5} load {total:.2f} s = actors {median('actors'):.2f} s"
        f" + gazetteer {median('gazetteer'):.2f} s "
        f"(median of {len(results)}; CPU {median('cpu'):.2f} s), +{median('added_mb'):.0f} MB RSS, "
        f"peak {last['peak_mb']:.0f} MB; "
        f"{last['people']:.0f} people, {last['names']:.0f} names{note}"
    )


# -- throughput and worker memory against a reference tree ------------------------------------------
def reference_commit() -> str:
    """The parent of the commit that added the PETRARCH tables (the small knowledge base)."""
    out = subprocess.run(
        ["git", "log", "--format=%H", "--fixed-strings", f"--grep={PETRARCH_COMMIT_SUBJECT}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    commits = out.stdout.split()
    if not commits:
        sys.exit("no commit adding the PETRARCH tables in this history; pass --reference")
    return f"{commits[-1]}^"


# `eventcoder code` in this tree with the generated PETRARCH tables left out: the small knowledge base
# on today's code, which isolates what the tables themselves cost.
SMALL_KB = (
    "import eventcoder.actors.kb as kb\n"
    "for name in ('PETRARCH_PEOPLE', 'PETRARCH_ORGS', 'PETRARCH_AGENTS', 'PETRARCH_DISCARDS'):\n"
    "    setattr(kb, name, 'absent.tsv')\n"
)


@dataclass
class Run:
    wall_s: float
    cpu_s: float  # user + system seconds of the process: steadier than wall time on a shared machine
    peak_rss: int


def code_run(src: Path, entry: str, input_path: Path, output: Path, cache: str) -> Run:
    """`eventcoder code --workers 1` (coding in one process, as a worker does) from tree `src`."""
    cmd = [sys.executable, "-c", entry, "code", str(input_path), "-o", str(output), "--no-db"]
    cmd += ["--workers", "1", "--no-progress"]  # (no -q: older trees lack it)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds, peak, _ = run_measured(cmd, env=tree_env(src, cache))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, cpu, peak)


def compare(reference: str, count: int, rounds: int) -> None:
    articles, source = load_articles("allsides", count)
    words = sum(len(a["text"].split()) for a in articles)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        input_path = tmp_path / "articles.jsonl"
        write_jsonl(articles, input_path)
        worktree = tmp_path / "reference"
        git = ["git", "worktree"]
        subprocess.run(
            [*git, "add", "--detach", str(worktree), reference], check=True, capture_output=True, cwd=ROOT
        )
        try:
            variants = {
                "reference": (worktree / "src", ENTRY),
                "small KB": (ROOT / "src", SMALL_KB + ENTRY),
                "this tree": (ROOT / "src", ENTRY),
            }
            runs: dict[str, list[Run]] = {name: [] for name in variants}
            for name, (src, entry) in variants.items():
                # one untimed run each: builds that variant's indexes (start-up is measured above)
                code_run(src, entry, input_path, tmp_path / "warm.jsonl", str(tmp_path / f"cache-{name}"))
            for _ in range(rounds):  # alternate, so that load on a shared machine hits all alike
                for name, (src, entry) in variants.items():
                    out = tmp_path / f"{name}.jsonl"
                    runs[name].append(code_run(src, entry, input_path, out, str(tmp_path / f"cache-{name}")))
        finally:
            subprocess.run([*git, "remove", "--force", str(worktree)], check=False, cwd=ROOT)
    _report(runs, f"{len(articles)} articles, {words:,} words from {source}", words, rounds, reference)


def _report(runs: dict[str, list[Run]], what: str, words: int, rounds: int, reference: str) -> None:
    print(f"{what}; best of {rounds} runs each, --workers 1 (reference: {reference})")
    best = {
        name: Run(min(r.wall_s for r in rs), min(r.cpu_s for r in rs), max(r.peak_rss for r in rs))
        for name, rs in runs.items()
    }
    for name, run in best.items():
        print(
            f"  {name:9} wall {run.wall_s:6.1f} s, CPU {run.cpu_s:6.1f} s "
            f"({words / run.cpu_s:6,.0f} words per CPU second), peak RSS {run.peak_rss / 2**20:5.0f} MB"
        )
    new = best["this tree"]
    for name in ("reference", "small KB"):
        old = best[name]
        print(
            f"  this tree against {name}: throughput x{old.cpu_s / new.cpu_s:.3f} by CPU time "
            f"(x{old.wall_s / new.wall_s:.3f} by wall time), "
            f"peak RSS {(new.peak_rss - old.peak_rss) / 2**20:+.0f} MB"
        )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per load case (default 3)")
    parser.add_argument(
        "--articles", type=int, default=0, help="also compare throughput and RSS on N articles"
    )
    parser.add_argument(
        "--rounds", type=int, default=2, help="runs of each tree in the comparison (default 2)"
    )
    parser.add_argument("--reference", help="commit to compare with (default: before the PETRARCH tables)")
    parser.add_argument("--no-load", action="store_true", help="skip the load-time cases")
    args = parser.parse_args()
    if not args.no_load:
        load_times(ROOT / "src", args.runs)
    if args.articles:
        compare(args.reference or reference_commit(), args.articles, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
