#!/usr/bin/env python
"""Coding speed of this checkout against an earlier revision, in the same run, as a ratio.

Why: issue 12 asks that the real-news work keep throughput within 5% of what it was when the issue was filed
(df1c6ca). Wall times on these shared machines swing by more than 5% from one minute to the next, so the two
trees are measured alternately in one run, each in a fresh process that codes the same articles in process
(`Coder.code`, full pipeline with verifier and headlines), and only CPU seconds spent coding are compared
(model loading is left out: it is the same spaCy model in both).

    python bench/revision_throughput.py            # against df1c6ca, 60 AllSides articles, 3 rounds
    python bench/revision_throughput.py --base HEAD~10 --articles 120 --rounds 5

The earlier revision is checked out into a temporary git worktree and imported from its `src/` with this
checkout's virtual environment, so its dependencies must still be installed here.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import ROOT, load_articles  # noqa: E402

ISSUE_BASE = "df1c6ca"


def child(src: str, count: int) -> None:
    """Code `count` articles with the eventcoder found in `src`; print one JSON line of figures."""
    sys.path.insert(0, src)
    import eventcoder
    from eventcoder.pipeline import Coder

    if not str(Path(eventcoder.__file__).resolve()).startswith(str(Path(src).resolve())):
        sys.exit(f"imported eventcoder from {eventcoder.__file__}, not from {src}")
    articles, _ = load_articles("allsides", count)
    coder = Coder()
    coder.code("Warm-up sentence: the ministers met in Paris.", date="2020-01-01")
    started = time.process_time()
    events = 0
    for article in articles:
        date = str(article.get("date") or "")[:10] or None
        events += len(coder.code(article["text"], date=date, title=article.get("title")).events)
    cpu = time.process_time() - started
    words = sum(len(a["text"].split()) for a in articles)
    print(json.dumps({"words": words, "cpu_s": cpu, "events": events}))


def measure(src: Path, count: int) -> dict[str, float]:
    """One child run on the tree at `src`."""
    cmd = [sys.executable, __file__, "--child", str(src), "--articles", str(count)]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"child failed for {src}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def compare(base: str, count: int, rounds: int) -> None:
    """Alternate the two trees `rounds` times and print each run and the median ratio."""
    with tempfile.TemporaryDirectory(prefix="eventcoder-base-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), base], check=True
        )
        try:
            speeds: dict[str, list[float]] = {"head": [], "base": []}
            for round_no in range(1, rounds + 1):
                for name, src in (("head", ROOT / "src"), ("base", tree / "src")):
                    run = measure(src, count)
                    speeds[name].append(run["words"] / run["cpu_s"])
                    print(
                        f"round {round_no} {name:4}: {run['words'] / run['cpu_s']:7.0f} words/CPU-s, "
                        f"{run['events']} events",
                        flush=True,
                    )
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    head, old = statistics.median(speeds["head"]), statistics.median(speeds["base"])
    print(f"median: head {head:.0f}, {base} {old:.0f} words/CPU-s; head/base = {head / old:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", default=ISSUE_BASE, help="revision to compare with (default: %(default)s)")
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.articles)
    else:
        compare(args.base, args.articles, args.rounds)


if __name__ == "__main__":
    main()
