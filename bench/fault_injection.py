#!/usr/bin/env python
"""Repeated fault-injection trials on a larger corpus (the long version of tests/test_faults.py).

Why: a stop or kill lands at a different moment each time; a handful of trials
in the test suite cannot cover the windows a long run exposes. This codes a
corpus once without interruption, then for each fault and trial starts the same
command, injects the fault once some documents are committed (SIGINT twice,
SIGTERM or SIGKILL to the process group, SIGINT to the parent, SIGKILL to a
worker), resumes, and compares database and JSONL document by document with the
uninterrupted run. It prints, per trial, the exit status, the seconds from the
first signal to the exit, and any difference (there should be none). It also
times reading a 0.9 MB gzip holding a gigabyte of blank lines.

    python bench/fault_injection.py --documents 200 --trials 3
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.faults import (  # noqa: E402
    EXPECTED_STATUS,
    code_command,
    interrupt,
    run,
    same_as_reference,
    write_corpus,
)


def blank_line_bomb(folder: Path) -> None:
    path = folder / "bomb.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as handle:
        for _ in range(95):
            handle.write(b"\n" * 10_000_000)
        handle.write(b'{"id": "last", "text": "Kenya met Japan."}\n')
    from eventcoder.ingest import read_inputs

    started = time.monotonic()
    items = list(read_inputs([str(path)]))
    print(f"blank-line gzip of {path.stat().st_size / 1e6:.2f} MB (950 MB of newlines): "
          f"read in {time.monotonic() - started:.1f} s, {len(items)} record(s)")  # fmt: skip


def main() -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        blank_line_bomb(folder)
        data = folder / "corpus.jsonl"
        write_corpus(data, args.documents)
        ref_db, ref_out = folder / "ref.db", folder / "ref.jsonl"
        if run(code_command(data, ref_db, ref_out, workers=args.workers)).returncode != 0:
            sys.exit("the uninterrupted run failed")
        rng = random.Random(5)
        for fault in EXPECTED_STATUS:
            for trial in range(args.trials):
                db, out = folder / f"{fault}-{trial}.db", folder / f"{fault}-{trial}.jsonl"
                cmd = code_command(data, db, out, workers=args.workers)
                stopped = interrupt(cmd, db, fault, after_docs=rng.randint(4, max(5, args.documents // 2)))
                resumed = run(cmd)
                problems = same_as_reference(db, out, ref_db, ref_out)
                ok = stopped.returncode == EXPECTED_STATUS[fault] and resumed.returncode == 0 and not problems
                failures += not ok
                print(f"{fault:<20} trial {trial + 1}: exit {stopped.returncode:>4} after "
                      f"{stopped.seconds_to_exit:5.2f} s, resume exit {resumed.returncode}, "
                      f"{'same as uninterrupted' if not problems else problems[:3]}", flush=True)  # fmt: skip
    print("all trials passed" if not failures else f"{failures} trial(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
