"""Fault injection helpers shared by tests/test_faults.py and bench/fault_injection.py.

A trial starts `eventcoder code` as its own process group, waits until it has
committed some documents, injects one fault (a signal to the parent, to a
worker or to the whole group), lets it end, resumes with the same command, and
compares the result document by document with an uninterrupted run.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ACTORS = ["Sylvania", "Freedonia", "Russia", "Ukraine", "France", "Japan", "Brazil", "Kenya", "NATO", "Iran"]
ACTIONS = [
    "{a} accused {b} of violating the ceasefire",
    "{a} signed a trade agreement with {b}",
    "{a} expelled two diplomats from {b}",
    "{a} promised economic aid to {b}",
    "{a} threatened {b} with sanctions",
]


def write_corpus(path: Path, count: int, seed: int = 11) -> list[str]:
    """`count` short generated news items as JSONL; returns their ids."""
    rng = random.Random(seed)
    ids = []
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            a, b = rng.sample(ACTORS, 2)
            text = rng.choice(ACTIONS).format(a=a, b=b) + f" on Tuesday, officials in {a} said."
            ids.append(f"f-{i:04d}")
            handle.write(json.dumps({"id": ids[-1], "text": text, "date": "2023-10-02"}) + "\n")
    return ids


def code_command(data: Path, db: Path, out: Path, *extra: str, workers: int = 2) -> list[str]:
    return [
        sys.executable, "-m", "eventcoder.cli", "code", str(data), "--db", str(db), "-o", str(out),
        "--workers", str(workers), "--batch-size", "4", "--no-progress", *extra,
    ]  # fmt: skip


def run(cmd: list[str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def coded_in(db: Path) -> int:
    try:
        conn = sqlite3.connect(db, timeout=10)
        try:
            return int(conn.execute("SELECT count(*) FROM documents WHERE status='coded'").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def workers_of(pid: int) -> list[int]:
    """The pool's worker processes (children running multiprocessing's spawn main, not its tracker)."""
    found = []
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmdline:
            found.append(int(child))
    return found


@dataclass
class Interrupted:
    returncode: int
    stderr: str
    seconds_to_exit: float  # from the first signal to the process's exit


def interrupt(
    cmd: list[str], db: Path, fault: str, after_docs: int = 8, ready: Callable[[], bool] | None = None
) -> Interrupted:
    """Run `cmd`, and once `after_docs` documents are committed (or `ready()` says so) inject `fault`:
    sigint-twice-group, sigterm-group, sigint-parent, sigkill-worker, sigkill-group."""
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True
    )
    ready = ready or (lambda: coded_in(db) >= after_docs)
    deadline = time.monotonic() + 300
    while proc.poll() is None and not ready() and time.monotonic() < deadline:
        time.sleep(0.05)
    started = time.monotonic()
    if proc.poll() is None:
        _inject(proc.pid, fault)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        _, err = proc.communicate()
        return Interrupted(-999, err + "\n[hung: killed after 60 s]", 60.0)
    return Interrupted(proc.returncode, err, time.monotonic() - started)


def _inject(pid: int, fault: str) -> None:
    if fault == "sigint-twice-group":
        os.killpg(pid, signal.SIGINT)
        time.sleep(0.2)
        os.killpg(pid, signal.SIGINT)
    elif fault == "sigterm-group":
        os.killpg(pid, signal.SIGTERM)
    elif fault == "sigint-parent":
        os.kill(pid, signal.SIGINT)
    elif fault == "sigkill-group":
        os.killpg(pid, signal.SIGKILL)
    elif fault == "sigkill-worker":
        deadline = time.monotonic() + 30
        while not (workers := workers_of(pid)) and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(workers[0], signal.SIGKILL)
    else:
        raise ValueError(fault)


EXPECTED_STATUS = {
    "sigint-twice-group": 130,
    "sigterm-group": 143,
    "sigint-parent": 130,
    "sigkill-group": -9,
    "sigkill-worker": 4,
}


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """documents, events, quotes and actors rows, sorted, timestamps left out; checks integrity."""
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = {}
    for table in ("documents", "events", "quotes", "actors"):
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "coded_at"]
        rows[table] = sorted(conn.execute(f"SELECT {', '.join(cols)} FROM {table}"), key=repr)
    conn.close()
    return rows


def lines_in(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except OSError:
        return 0


def jsonl_documents(out: Path) -> dict[str, dict[str, object]]:
    """doc_id -> document of a JSONL output; fails on a repeated id or a broken line."""
    docs: dict[str, dict[str, object]] = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert record["doc_id"] not in docs, f"{record['doc_id']} twice in {out}"
        docs[str(record["doc_id"])] = record
    return docs


def database_documents(db: Path) -> dict[str, dict[str, object]]:
    from eventcoder import store

    return {str(d["doc_id"]): d for d in store.iter_document_dicts(db)}


def same_as_reference(db: Path, out: Path, ref_db: Path, ref_out: Path) -> list[str]:
    """What differs from the uninterrupted run, document by document (empty when nothing does)."""
    problems = []
    if snapshot(db) != snapshot(ref_db):
        problems.append("database rows differ from the uninterrupted run")
    ours, theirs = jsonl_documents(out), jsonl_documents(ref_out)
    stored = database_documents(db)
    if ours != stored:
        problems.append(f"JSONL differs from the database: {sorted(set(ours) ^ set(stored))[:5]}")
    for doc_id in sorted(set(ours) | set(theirs)):
        if ours.get(doc_id) != theirs.get(doc_id):
            problems.append(f"document {doc_id} differs from the uninterrupted run")
    return problems
