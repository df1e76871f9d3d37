"""The Ray runner: same events and quotes as the local runner, Parquet tables, bad records, killed workers.

Everything runs on a real local Ray instance (at most 2 CPUs) through the real command line.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip(
    "ray", reason="Ray is not installed: `pip install eventcoder[ray]` (make test installs it)"
)
pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (it comes with eventcoder[ray])")

from eventcoder import load, scale  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
EVENTCODER = [sys.executable, "-m", "eventcoder.cli"]

OWN_RECORDS = [
    {
        "id": "own-talks",
        "date": "2024-03-01",
        "text": (
            "Russia and Ukraine agreed on Friday to hold a new round of talks in Istanbul next week. "
            "The Turkish foreign minister said both delegations had promised to attend."
        ),
    },
    {
        "id": "own-sanctions",
        "date": "2024-03-04",
        "headline": "EU sanctions",
        "body": (
            "The European Union imposed fresh sanctions on Iran over its nuclear programme, diplomats said. "
            "Tehran accused Brussels of economic warfare and threatened to expel inspectors."
        ),
    },
]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*EVENTCODER, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def corpus(folder: Path) -> Path:
    """The bundled examples (txt, html, csv, jsonl), our own records, and two bad inputs."""
    shutil.copytree(EXAMPLES, folder)
    with (folder / "own.jsonl").open("w") as handle:
        for record in OWN_RECORDS:
            handle.write(json.dumps(record) + "\n")
        handle.write('{"id": "broken", "text": \n')
    (folder / "empty.txt").write_text("")
    return folder


def rows(db: Path, sql: str) -> Counter[str]:
    """Rows of a query as a multiset of JSON strings: compared by content, not order.

    Record ids are left out: a record is named after the mention that opened it, and which mention
    comes first depends on the order documents are committed in (input order, or shard by shard).
    """
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    found = Counter(
        json.dumps({k: r[k] for k in r.keys() if k != "record_id"}, sort_keys=True) for r in conn.execute(sql)
    )
    conn.close()
    return found


EVENTS = "SELECT * FROM events"
QUOTES = "SELECT * FROM quotes"
ERRORS = "SELECT origin, doc_id, stage, reason FROM errors"


@pytest.fixture(scope="module")
def ray_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One Ray run (2 workers) of the test corpus into Parquet and a database."""
    work = tmp_path_factory.mktemp("ray-run")
    corpus(work / "articles")
    done = run_cli(
        "code",
        "articles",
        "--engine",
        "ray",
        "--workers",
        "2",
        "-o",
        "out",
        "--db",
        "ray.db",
        "--date",
        "2024-05-02",
        cwd=work,
    )
    assert done.returncode == 3, done.stderr  # some inputs were bad: status 3, as the local runner
    return work


@pytest.mark.slow
def test_ray_run_codes_the_same_events_and_quotes_as_the_local_runner(ray_run: Path) -> None:
    local = run_cli(
        "code", "articles", "--workers", "2", "--db", "local.db", "--date", "2024-05-02", cwd=ray_run
    )
    assert local.returncode == 3, local.stderr
    documents = "SELECT doc_id, input_id, status, title, date, text, content_hash, coder_version"
    documents += " FROM documents"
    for sql in (EVENTS, QUOTES, documents, "SELECT * FROM sentences", "SELECT * FROM actors"):
        ray_rows, local_rows = rows(ray_run / "ray.db", sql), rows(ray_run / "local.db", sql)
        assert ray_rows == local_rows, sql
        assert ray_rows, sql


@pytest.mark.slow
def test_ray_run_writes_one_parquet_table_per_kind_with_the_database_columns(ray_run: Path) -> None:
    out = ray_run / "out"
    documents = pq.read_table(out / "documents").to_pylist()
    ids = [d["doc_id"] for d in documents]
    assert len(ids) == len(set(ids)) and "own-talks" in ids and "own-sanctions" in ids
    assert all(d["content_hash"] and d["status"] == "coded" for d in documents)
    events = pq.read_table(out / "events")
    assert {"event_id", "cameo", "source_code", "target_code", "sentence", "doc_id"} <= set(
        events.column_names
    )
    assert events.num_rows == sum(d["n_events"] for d in documents)
    assert not (out / "_staging").exists()


@pytest.mark.slow
def test_bad_records_become_error_rows_and_the_run_goes_on(ray_run: Path) -> None:
    errors = pq.read_table(ray_run / "out" / "errors").to_pylist()
    reasons = {Path(e["origin"]).name: e["reason"] for e in errors}
    assert reasons["own.jsonl:3"].startswith("malformed JSON")
    assert reasons["empty.txt"] == "empty file"
    assert rows(ray_run / "ray.db", ERRORS).total() == len(errors)


@pytest.mark.slow
def test_loading_the_same_parquet_twice_leaves_each_document_once(ray_run: Path, tmp_path: Path) -> None:
    db = tmp_path / "loaded.db"
    first = load.load_parquet(ray_run / "out", str(db))
    again = load.load_parquet(ray_run / "out", str(db))
    assert first.documents > 0 and again.documents == 0 and again.skipped == first.documents
    assert rows(db, EVENTS) == rows(ray_run / "ray.db", EVENTS)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) = count(DISTINCT doc_id) FROM documents").fetchone()[0] == 1
    conn.close()


@pytest.mark.slow
def test_loading_into_postgresql_twice_leaves_each_document_once(ray_run: Path, postgres_url: str) -> None:
    for attempt in range(2):
        done = run_cli("load", "out", "--db", postgres_url, cwd=ray_run)
        assert done.returncode == 0, done.stderr
        assert ("already there" in done.stderr) == (attempt == 1)
    from eventcoder import store

    conn = store.connect(postgres_url, readonly=True)
    try:
        ids = [r[0] for r in conn.execute("SELECT doc_id FROM documents")]
        events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    finally:
        conn.close()
    assert len(ids) == len(set(ids)) == rows(ray_run / "ray.db", "SELECT doc_id FROM documents").total()
    assert events == rows(ray_run / "ray.db", EVENTS).total()


def _actor_pids() -> set[int]:
    """Process ids of running eventcoder coding actors (Ray titles them `ray::...CodeBatches...`)."""
    pids = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                title = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if b"CodeBatches" in title and title.startswith(b"ray::"):
                pids.add(int(entry.name))
    return pids


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds Ray worker processes through /proc")
def test_killing_a_ray_worker_mid_job_still_yields_every_document_once(tmp_path: Path) -> None:
    articles = corpus(tmp_path / "articles")
    job = subprocess.Popen(
        [
            *EVENTCODER,
            "code",
            str(articles),
            "--engine",
            "ray",
            "--workers",
            "1",
            "--batch-size",
            "1",
            "-o",
            "out",
            "--no-db",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    killed = None
    deadline = time.monotonic() + 300
    while killed is None and time.monotonic() < deadline and job.poll() is None:
        loaded = [p for p in _actor_pids() if _rss_mb(p) > 250]  # the spaCy model is in: it is coding
        if loaded:
            time.sleep(2)
            killed = loaded[0]
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.2)
    _, stderr = job.communicate(timeout=600)
    assert killed is not None, "the coding actor was never seen running: " + stderr[-2000:]
    assert job.returncode == 3, stderr[-2000:]
    ids = [d["doc_id"] for d in pq.read_table(tmp_path / "out" / "documents").to_pylist()]
    local = run_cli("code", str(articles), "--workers", "1", "--no-db", "-o", "local.jsonl", cwd=tmp_path)
    expected = [json.loads(line)["doc_id"] for line in (tmp_path / "local.jsonl").read_text().splitlines()]
    assert local.returncode == 3
    assert sorted(ids) == sorted(expected)  # every document, none twice


def test_code_dataset_codes_any_ray_dataset_of_records_and_keeps_failures() -> None:
    import ray

    scale.init_ray(None, 1)
    try:
        records = [*OWN_RECORDS, {"id": "no-text", "title": "nothing here"}]
        dataset = ray.data.from_items(records)
        coded = {r["doc_id"]: r for r in scale.code_dataset(dataset, workers=1).take_all()}
    finally:
        ray.shutdown()
    assert coded["own-talks"]["status"] == "coded"
    document = json.loads(coded["own-sanctions"]["document"])
    assert document["title"] == "EU sanctions" and document["events"]
    tables = json.loads(coded["no-text"]["tables"])
    assert coded["no-text"]["status"] == "ingest" and "no 'text'" in tables["errors"][0]["reason"]


def test_one_large_jsonl_file_is_cut_into_blocks_for_every_actor_to_share(tmp_path: Path) -> None:
    """A block is coded by one actor: a file read as a single block would leave the other actors idle."""
    import ray

    sentence = "The minister of {n} said the talks with the neighbouring state would resume next week. "
    with (tmp_path / "many.jsonl").open("w") as handle:
        for n in range(300):
            handle.write(json.dumps({"id": f"a{n}", "text": sentence.format(n=n) * 24}) + "\n")
    scale.init_ray(None, 2)
    try:
        dataset = scale.read_dataset([str(tmp_path / "many.jsonl")]).materialize()
        blocks, count = dataset.num_blocks(), dataset.count()
    finally:
        ray.shutdown()
    assert count == 300
    assert blocks >= 2 * 2 * scale.TASKS_PER_ACTOR  # more blocks than the two actors queue at once


def test_a_local_ray_instance_keeps_idle_workers_and_runs_at_the_users_priority(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each read or write task in a fresh process cost 1.3-1.9 CPU seconds taken from the actors."""
    monkeypatch.delenv("RAY_idle_worker_killing_time_threshold_ms", raising=False)
    monkeypatch.setenv("RAY_worker_niceness", "5")  # the user's own choice
    scale.set_local_ray_defaults()
    assert int(os.environ["RAY_idle_worker_killing_time_threshold_ms"]) >= 60_000
    assert os.environ["RAY_worker_niceness"] == "5"
