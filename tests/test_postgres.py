"""PostgreSQL as the store: the same results as SQLite, the query commands, concurrent writers.

Runs against a real PostgreSQL server (see the `postgres_url` fixture in conftest.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder import queries, store

EVENTCODER = [sys.executable, "-m", "eventcoder.cli"]

ARTICLES = {
    "border": (
        "Sylvanian troops crossed the border into Freedonia on Tuesday, the Freedonian defence ministry "
        "said. "
        "Freedonia's president condemned the incursion and recalled her ambassador from Sylvania. "
        '"We will not accept this," she told reporters in the capital.'
    ),
    "talks": (
        "Russia and Ukraine agreed on Friday to hold a new round of talks in Istanbul next week. "
        "The Turkish foreign minister said both delegations had promised to attend."
    ),
    "sanctions": (
        "The European Union imposed fresh sanctions on Iran over its nuclear programme, diplomats said. "
        "Tehran accused Brussels of economic warfare and threatened to expel inspectors."
    ),
    "aid": (
        "Japan pledged 200 million dollars in aid to Bangladesh after the floods, Tokyo said on Wednesday. "
        "The Bangladeshi prime minister thanked Japan and appealed for more help from donors."
    ),
    "protest": (
        "Thousands of protesters marched in Santiago on Saturday to demand the resignation of the interior "
        "minister. Police used tear gas to disperse the crowd, witnesses said."
    ),
    "visit": (
        "The Indian prime minister visited Tokyo on Monday and met his Japanese counterpart. "
        "The two leaders signed an agreement on defence cooperation, officials said."
    ),
}


def write_jsonl(path: Path, names: list[str]) -> Path:
    with path.open("w") as handle:
        for name in names:
            handle.write(json.dumps({"id": name, "date": "2024-04-02", "text": ARTICLES[name]}) + "\n")
    return path


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*EVENTCODER, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def exported(db: str, cwd: Path) -> list[dict]:
    done = run_cli("export", "--db", db, "--format", "jsonl", "-o", "out.jsonl", cwd=cwd)
    assert done.returncode == 0, done.stderr
    return sorted((json.loads(line) for line in (cwd / "out.jsonl").open()), key=lambda d: d["doc_id"])


def test_coding_into_postgresql_stores_what_sqlite_stores(postgres_url: str, tmp_path: Path) -> None:
    articles = write_jsonl(tmp_path / "articles.jsonl", ["border", "talks", "sanctions"])
    for db in (postgres_url, str(tmp_path / "local.db")):
        done = run_cli("code", str(articles), "--workers", "1", "--db", db, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    in_postgres, in_sqlite = exported(postgres_url, tmp_path), exported(str(tmp_path / "local.db"), tmp_path)
    assert in_postgres == in_sqlite
    assert sum(len(d["events"]) for d in in_postgres) > 0 and sum(len(d["quotes"]) for d in in_postgres) > 0

    again = run_cli("code", str(articles), "--workers", "1", "--db", postgres_url, cwd=tmp_path)
    assert again.returncode == 0 and "3 skipped" in again.stderr  # resume works on PostgreSQL too

    events = run_cli("events", "--db", postgres_url, "--actor", "IRN", "--json", "--limit", "0", cwd=tmp_path)
    assert events.returncode == 0, events.stderr
    assert {json.loads(line)["doc_id"] for line in events.stdout.splitlines()} == {"sanctions"}
    quotes = run_cli("quotes", "--db", postgres_url, "--json", cwd=tmp_path)
    assert quotes.returncode == 0 and "We will not accept this" in quotes.stdout


def test_full_text_search_and_records_work_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    articles = write_jsonl(tmp_path / "articles.jsonl", ["aid", "visit"])
    assert (
        run_cli("code", str(articles), "--workers", "1", "--db", postgres_url, cwd=tmp_path).returncode == 0
    )
    conn = store.connect(postgres_url, readonly=True)
    try:
        found = queries.search_sentences(conn, "floods", limit=5)
        assert [r["doc_id"] for r in found] == ["aid"] and "floods" in found[0]["text"]
        records = queries.query_records(conn, limit=None)
        events = queries.query_events(conn, limit=None)
        assert records and {e["record_id"] for e in events} == {r["record_id"] for r in records}
    finally:
        conn.close()


def test_two_concurrent_code_runs_over_overlapping_inputs_leave_each_document_once(
    postgres_url: str, tmp_path: Path
) -> None:
    first = write_jsonl(tmp_path / "first.jsonl", ["border", "talks", "sanctions", "aid"])
    second = write_jsonl(tmp_path / "second.jsonl", ["sanctions", "aid", "protest", "visit", "border"])
    command = ["code", "--workers", "1", "--batch-size", "1", "--db", postgres_url]
    runs = [
        subprocess.Popen([*EVENTCODER, *command, str(path)], cwd=tmp_path, stderr=subprocess.PIPE, text=True)
        for path in (first, second)
    ]
    for run in runs:
        _, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, stderr
    conn = store.connect(postgres_url, readonly=True)
    try:
        ids = [r[0] for r in conn.execute("SELECT doc_id FROM documents WHERE status = 'coded'")]
        assert sorted(ids) == sorted(ARTICLES)
        per_document = conn.execute("SELECT doc_id, n_events FROM documents").fetchall()
        for doc_id, n_events in per_document:
            stored = conn.execute("SELECT count(*) FROM events WHERE doc_id = ?", (doc_id,)).fetchone()[0]
            assert stored == n_events, doc_id  # no document's events were written twice
        orphans = conn.execute(
            "SELECT count(*) FROM events"
            " WHERE record_id IS NULL OR record_id NOT IN (SELECT record_id FROM records)"
        ).fetchone()[0]
        assert orphans == 0
    finally:
        conn.close()


def test_an_unreachable_postgresql_server_is_a_clear_usage_error(tmp_path: Path) -> None:
    pytest.importorskip("psycopg", reason="psycopg is not installed: pip install 'eventcoder[postgres]'")
    done = run_cli("events", "--db", "postgresql://nobody:secret@127.0.0.1:9/none", cwd=tmp_path)
    assert done.returncode == 2
    assert "cannot connect to PostgreSQL" in done.stderr and "Traceback" not in done.stderr
    assert "secret" not in done.stderr  # the password is never printed


def test_the_dashboard_and_api_serve_a_postgresql_store(postgres_url: str, tmp_path: Path) -> None:
    pytest.importorskip("fastapi.testclient", reason="the web extra (fastapi, httpx) is not installed")
    from fastapi.testclient import TestClient

    from eventcoder.web.app import create_app

    articles = write_jsonl(tmp_path / "articles.jsonl", ["border", "sanctions", "talks"])
    assert (
        run_cli("code", str(articles), "--workers", "1", "--db", postgres_url, cwd=tmp_path).returncode == 0
    )
    client = TestClient(create_app(postgres_url))
    events = client.get("/api/events", params={"limit": 50})
    assert events.status_code == 200 and events.json()["total"] > 0
    item = events.json()["items"][0]
    for path, params in (
        ("/api/quotes", {}),
        ("/api/dyads", {}),
        ("/api/dyads/series", {"a": "IRN", "b": "EUR", "interval": "week"}),
        ("/api/actors/IRN", {}),
        ("/api/map", {}),
        ("/api/records", {}),
        ("/api/alerts", {"window": "7d"}),
        (f"/api/events/{item['doc_id']}/{item['ordinal']}", {}),
        ("/", {}),
        ("/dyads", {}),
        ("/alerts", {}),
    ):
        answer = client.get(path, params=params)
        assert answer.status_code == 200, (path, answer.text[:500])
    dyads = client.get("/api/dyads").json()["items"]
    assert all(isinstance(d["goldstein"], float | int | None) for d in dyads)
