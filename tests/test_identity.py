"""Issue #14 (1, 2, 6) and #18 (2, 6): every document coded once per content; unique ids; clean failures."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder import queries, store

ROOT = Path(__file__).resolve().parents[1]

MONDAY = "Harbour talks\n\nChile and Peru signed a fishing agreement in Lima on Monday.\n"
TUESDAY = "Harbour talks\n\nChile expelled two Peruvian diplomats on Tuesday, the ministry said.\n"


def eventcoder(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventcoder.cli", *argv], capture_output=True, text=True, cwd=cwd, timeout=300
    )


def code(cwd: Path, *paths: str) -> subprocess.CompletedProcess[str]:
    args = ["code", *paths, "--db", "run.db", "--workers", "1", "--no-progress", "--date", "2024-05-02"]
    return eventcoder(*args, cwd=cwd)


def stored(db: Path) -> dict[str, str]:
    """doc_id -> content hash of every coded document."""
    conn = sqlite3.connect(db)
    rows = dict(conn.execute("SELECT doc_id, content_hash FROM documents WHERE status = 'coded'").fetchall())
    conn.close()
    return rows


@pytest.mark.slow
def test_same_names_in_two_folders_an_edit_and_reruns_code_each_content_once(tmp_path: Path) -> None:
    for folder, text in (("monday", MONDAY), ("tuesday", TUESDAY)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text, encoding="utf-8")

    first = code(tmp_path, "monday", "tuesday")
    assert first.returncode == 0, first.stderr
    assert "coded 2 documents" in first.stderr
    assert set(stored(tmp_path / "run.db")) == {"monday/story.txt", "tuesday/story.txt"}

    again = code(tmp_path, "tuesday", "./monday")  # another order, another spelling: nothing to do
    assert "coded 0 documents" in again.stderr and "2 skipped: 2 unchanged" in again.stderr

    (tmp_path / "monday" / "story.txt").write_text(MONDAY.replace("Monday", "Sunday"), encoding="utf-8")
    edited = code(tmp_path, "monday", "tuesday")
    assert "coded 1 document:" in edited.stderr and "1 changed since they were coded" in edited.stderr
    assert "1 skipped: 1 unchanged" in edited.stderr
    after = stored(tmp_path / "run.db")
    assert len(after) == 2  # re-coded in place, not stored twice

    conn = sqlite3.connect(tmp_path / "run.db")
    texts = [r[0] for r in conn.execute("SELECT text FROM documents WHERE doc_id = 'monday/story.txt'")]
    assert texts and "Sunday" in texts[0]
    ids = [r[0] for r in conn.execute("SELECT event_id FROM events")]
    assert len(ids) == len(set(ids))


@pytest.mark.slow
def test_one_id_in_two_input_files_keeps_both_documents_in_either_order(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "r1", "text": MONDAY}) + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "r1", "text": TUESDAY}) + "\n", encoding="utf-8")

    first = code(tmp_path, "a.jsonl", "b.jsonl")
    assert first.returncode == 0, first.stderr
    assert "coded 2 documents" in first.stderr
    warning = [line for line in first.stderr.splitlines() if line.startswith("eventcoder: warning")]
    assert len(warning) == 1 and "a.jsonl:1" in warning[0] and "b.jsonl:1" in warning[0]
    docs = stored(tmp_path / "run.db")
    assert "r1" in docs and len(docs) == 2

    backwards = code(tmp_path, "b.jsonl", "a.jsonl")
    assert "coded 0 documents" in backwards.stderr and "2 unchanged" in backwards.stderr
    assert stored(tmp_path / "run.db") == docs


def test_a_repeated_record_in_one_run_is_skipped_and_said(tmp_path: Path) -> None:
    from eventcoder.identity import Identities
    from eventcoder.model import Article

    identities = Identities(None, "v1")
    first = identities.decide(Article(doc_id="x", text="Same.", origin="f.jsonl:1"))
    repeat = identities.decide(Article(doc_id="x", text="Same.", origin="f.jsonl:2"))
    other = identities.decide(Article(doc_id="x", text="Different.", origin="g.jsonl:1"))
    assert first.skip is None and repeat.skip == "repeated"
    assert other.skip is None and other.doc_id.startswith("x#") and "f.jsonl:1" in (other.warning or "")


def test_a_compound_actor_gives_one_event_with_a_stable_unique_id(coder) -> None:
    doc = coder.code("France, Germany and Britain threatened Iran with new sanctions.", date="2023-05-01")
    ids = [e.event_id for e in doc.events]
    assert len(ids) == len(set(ids))
    (threat,) = [e for e in doc.events if e.cameo_root == "13"]  # one event per action, all three actors
    assert [m.text for m in (threat.source, *threat.other_sources)] == ["France", "Germany", "Britain"]
    assert all(e.doc_id == doc.doc_id for e in doc.events)
    again = coder.code("France, Germany and Britain threatened Iran with new sanctions.", date="2023-05-01")
    assert [e.event_id for e in again.events] == ids  # stable across runs


def test_code_normalises_and_checks_the_date(coder) -> None:
    text = "Chile expelled two Peruvian diplomats on Tuesday."
    assert coder.code(text, date=dt.date(2024, 5, 2)).date == "2024-05-02"
    assert coder.code(text, date="2024-05-02T10:30:00Z").date == "2024-05-02"
    for bad in ("2020-13-01", "May 2, 2024", 20240502):
        with pytest.raises(ValueError, match="date"):
            coder.code(text, date=bad)


# -- databases that cannot be used: a clean message and exit 2, never a traceback --------------
def _old_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE documents (doc_id TEXT PRIMARY KEY, status TEXT);"
        "CREATE TABLE events (doc_id TEXT, ordinal INTEGER, event_id TEXT);"
        "PRAGMA user_version=1;"
    )
    conn.close()


@pytest.mark.parametrize("kind", ["not-sqlite", "no-tables", "other-tables", "old-schema"])
def test_query_commands_and_export_refuse_unusable_databases_cleanly(tmp_path: Path, kind: str) -> None:
    db = tmp_path / "x.db"
    if kind == "not-sqlite":
        db.write_text("this is a text file, not a database\n" * 50, encoding="utf-8")
    elif kind == "no-tables":
        sqlite3.connect(db).close()
        db.write_bytes(b"")  # an empty file is a valid, empty SQLite database
    elif kind == "other-tables":
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE things (x)")
        conn.close()
    else:
        _old_database(db)
    for argv in (["events"], ["quotes"], ["records"], ["export", "--format", "gdelt"]):
        result = eventcoder(*argv, "--db", str(db), cwd=tmp_path)
        assert result.returncode == 2, (argv, result.stderr)
        assert "Traceback" not in result.stderr and str(db) in result.stderr
    if kind == "old-schema":
        assert "older eventcoder" in result.stderr
        refused = eventcoder("code", "-", "--db", str(db), "--workers", "1", cwd=tmp_path)
        assert refused.returncode == 2 and "older eventcoder" in refused.stderr


def test_huge_limits_and_pattern_characters_are_plain_values(tmp_path: Path) -> None:
    from tests.test_store import make_doc

    db = tmp_path / "q.db"
    conn = store.connect(db)
    store.write_documents(conn, [make_doc("a"), make_doc("b")])
    assert len(queries.query_events(conn, limit=99999999999999999999)) == 4
    assert queries.query_events(conn, actor="%") == [] and queries.query_events(conn, actor="_") == []
    assert queries.query_quotes(conn, speaker="%") == []
    assert len(queries.query_events(conn, actor="freedonia", limit=None)) == 4
    conn.close()
    result = eventcoder("events", "--db", str(db), "--limit", "99999999999999999999", "--json", cwd=tmp_path)
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 4
    negative = eventcoder("events", "--db", str(db), "--limit", "-3", cwd=tmp_path)
    assert negative.returncode == 2 and "Traceback" not in negative.stderr


def test_a_database_on_read_only_storage_is_read_and_refused_for_writing(tmp_path: Path) -> None:
    from tests.test_store import make_doc

    folder = tmp_path / "ro"
    folder.mkdir()
    conn = store.connect(folder / "x.db")
    store.write_documents(conn, [make_doc("a")])
    conn.close()
    mounted = subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("needs root to mount a read-only folder")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], capture_output=True, check=True)
        db = str(folder / "x.db")
        listed = eventcoder("events", "--db", db, "--json", cwd=tmp_path)
        assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 2, listed.stderr
        exported = eventcoder("export", "--db", db, "--format", "csv", cwd=tmp_path)
        assert exported.returncode == 0 and "Traceback" not in exported.stderr
        refused = eventcoder("code", "-", "--db", db, "--workers", "1", cwd=tmp_path)
        assert refused.returncode == 2 and "read-only storage" in refused.stderr
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)
