#!/usr/bin/env python
"""Are event, quote and GDELT ids unique over a whole corpus? (issue #14's check)

Codes one input file as a user would (`eventcoder code FILE --workers W --db DB`; the run resumes if
the database is kept and the script is run again), then counts, over everything in the database:
  - events and distinct `event_id`s, quotes and distinct `quote_id`s, documents and distinct `doc_id`s;
  - rows and distinct GLOBALEVENTIDs of the GDELT export (`eventcoder export --format gdelt
    --all-modalities`), and of the GDELT Mentions export's (GLOBALEVENTID, MentionIdentifier,
    SentenceID, ActionCharOffset) keys.
Any duplicate is listed. Exit status 1 when an id repeats.

    python bench/event_ids.py                                  # ../shared/corpora/allsides-sample.jsonl.gz
    python bench/event_ids.py --input FILE --db kept.db --workers 2
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = ROOT.parent / "shared" / "corpora" / "allsides-sample.jsonl.gz"
EVENTCODER = [sys.executable, "-m", "eventcoder.cli"]
ID_COUNTS = {
    "events": "SELECT COUNT(*), COUNT(DISTINCT event_id) FROM events",
    "quotes": "SELECT COUNT(*), COUNT(DISTINCT quote_id) FROM quotes",
    "documents": "SELECT COUNT(*), COUNT(DISTINCT doc_id) FROM documents",
}


def code(source: Path, db: Path, workers: int) -> None:
    """Code (or resume coding) the input into the database, printing eventcoder's summary line."""
    started = time.perf_counter()
    done = subprocess.run(
        [*EVENTCODER, "code", str(source), "--workers", str(workers), "--db", str(db), "-q"],
        capture_output=True,
        text=True,
    )
    if done.returncode not in (0, 3):
        sys.exit(f"eventcoder code failed ({done.returncode}):\n{done.stderr[-3000:]}")
    summary = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "(no summary)"
    print(f"{summary}  [{time.perf_counter() - started:.0f} s]")


def database_ids(db: Path) -> bool:
    """Print rows and distinct ids per table; True when every id is unique."""
    conn = sqlite3.connect(db)
    unique = True
    for table, sql in ID_COUNTS.items():
        rows, distinct = conn.execute(sql).fetchone()
        print(f"{table:>10}: {rows} rows, {distinct} distinct ids")
        unique &= rows == distinct
    conn.close()
    return unique


def gdelt_keys(db: Path, fmt: str, columns: tuple[int, ...]) -> bool:
    """Rows and distinct keys (the given 0-based columns) of a GDELT export; True when keys are unique."""
    done = subprocess.run(
        [*EVENTCODER, "export", "--db", str(db), "--format", fmt, "--all-modalities"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(f"eventcoder export --format {fmt} failed:\n{done.stderr[-2000:]}")
    keys = Counter(tuple(line.split("\t")[c] for c in columns) for line in done.stdout.splitlines())
    repeated = [k for k, n in keys.items() if n > 1]
    print(f"{fmt:>10}: {keys.total()} rows, {len(keys)} distinct keys")
    for key in repeated[:10]:
        print(f"    repeated: {key} x{keys[key]}")
    return not repeated


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--db", type=Path, help="database to keep (and resume into)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if not args.input.exists():
        print(f"skipped: {args.input} is absent (the shared corpora are not on this machine)")
        return 0
    with tempfile.TemporaryDirectory(prefix="eventcoder-ids-") as scratch:
        db = args.db or Path(scratch) / "ids.db"
        code(args.input, db, args.workers)
        unique = database_ids(db)
        unique &= gdelt_keys(db, "gdelt", (0,))
        unique &= gdelt_keys(db, "gdelt-mentions", (0, 5, 6, 9))
    print("every id unique" if unique else "REPEATED IDS")
    return 0 if unique else 1


if __name__ == "__main__":
    sys.exit(main())
