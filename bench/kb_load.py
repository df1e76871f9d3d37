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
a worker's) runs alternately in this tree and in a git worktree of --reference (by default the
commit before the PETRARCH tables landed, i.e. the small knowledge base), and the figures are
printed as ratios. Both trees run on this checkout's virtual environment (PYTHONPATH).

    python bench/kb_load.py                        # load times, three runs of each
    python bench/kb_load.py --articles 100         # also RSS and throughput against the reference
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
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
t0 = time.perf_counter()
from eventcoder.actors import ActorResolver
resolver = ActorResolver()
t1 = time.perf_counter()
from eventcoder import geo
geo.gazetteer()
t2 = time.perf_counter()
lex = resolver.lex
print(json.dumps({"actors": t1 - t0, "gazetteer": t2 - t1, "added_mb": peak() - before,
                  "peak_mb": peak(), "people": len(lex.people), "names": len(lex.names) + len(lex.exact)}))
"""
DROP_CACHES = Path("/proc/sys/vm/drop_caches")
PETRARCH_COMMIT_SUBJECT = "Actors: PETRARCH/Phoenix dictionaries converted"
ENTRY = "import sys; from eventcoder.cli import entry; sys.exit(entry())"


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
        f"(median of {len(results)}), +{median('added_mb'):.0f} MB RSS, peak {last['peak_mb']:.0f} MB; "
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


def code_run(src: Path, input_path: Path, output: Path, cache: str) -> tuple[float, int]:
    """`eventcoder code --workers 1` from tree `src`: wall seconds and peak RSS bytes."""
    cmd = [
        sys.executable,
        "-c",
        ENTRY,
        "code",
        str(input_path),
        "-o",
        str(output),
        "--no-db",
        "--workers",
        "1",
        "--no-progress",
        "-q",
    ]
    seconds, peak, _ = run_measured(cmd, env=tree_env(src, cache))
    return seconds, peak


def compare(reference: str, count: int, rounds: int) -> None:
    articles, source = load_articles("allsides", count)
    words = sum(len(a["text"].split()) for a in articles)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        input_path = tmp_path / "articles.jsonl"
        write_jsonl(articles, input_path)
        worktree = tmp_path / "reference"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(worktree), reference],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        try:
            trees = {"reference": worktree / "src", "this tree": ROOT / "src"}
            figures: dict[str, list[tuple[float, int]]] = {name: [] for name in trees}
            for name, src in trees.items():  # build each tree's indexes once: not part of throughput
                probe(src, str(tmp_path / f"cache-{name}"))
            for _ in range(rounds):  # alternate, so that load on a shared machine hits both alike
                for name, src in trees.items():
                    figures[name].append(
                        code_run(src, input_path, tmp_path / f"{name}.jsonl", str(tmp_path / f"cache-{name}"))
                    )
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], check=False, cwd=ROOT)
    print(f"{len(articles)} articles, {words:,} words from {source}; best of {rounds} runs each, --workers 1")
    best = {name: (min(s for s, _ in runs), max(p for _, p in runs)) for name, runs in figures.items()}
    for name, (seconds, peak) in best.items():
        print(
            f"  {name:9} {seconds:6.1f} s, {words / seconds:7,.0f} words/s, peak RSS {peak / 2**20:5.0f} MB"
        )
    ref_s, ref_peak = best["reference"]
    new_s, new_peak = best["this tree"]
    print(
        f"  throughput ratio (this tree / reference) {ref_s / new_s:.3f}; "
        f"peak RSS +{(new_peak - ref_peak) / 2**20:.0f} MB per worker (reference {reference})"
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
