"""The SQLite store and the `events` / `quotes` query commands, on hand-built documents."""

from __future__ import annotations

import argparse
import json
import sqlite3
from pathlib import Path

import pytest

from eventcoder import queries, store
from eventcoder.model import Actor, Article, Document, Event, IngestError, Mention, Place, Quote, Sentence


def mention(mid: int, text: str, code: str, name: str, country: str | None, start: int = 0) -> Mention:
    return Mention(
        mention_id=mid,
        text=text,
        start=start,
        end=start + len(text),
        sentence_index=0,
        token_start=0,
        token_end=1,
        actor=Actor(code=code, country=country, name=name, sector=code[3:] or None),
    )


def make_doc(doc_id: str, n_events: int = 2, date: str = "2023-03-14") -> Document:
    """A small coded document: Freedonia's army shells Sylvania, its minister complains."""
    text = "Freedonian troops shelled Sylvania on Monday. The Sylvanian minister said it was a crime."
    army = mention(0, "Freedonian troops", "FRDMIL", "Freedonia", "FRD")
    sylvania = mention(1, "Sylvania", "SYL", "Sylvania", "SYL", start=26)
    minister = mention(2, "The Sylvanian minister", "SYLGOV", "Sylvanian foreign minister", "SYL", start=46)
    events = [
        Event(
            event_id=f"{doc_id}-e{i}",
            doc_id=doc_id,
            sentence_index=0,
            sentence=text[:45],
            span=(0, 45),
            trigger="shelled",
            source=army,
            target=sylvania,
            cameo="195",
            cameo_root="19",
            quad_class=4,
            goldstein=-10.0,
            plover={"type": "ASSAULT", "mode": "aerial", "context": None},
            modality="asserted" if i == 0 else "negated",
            date=date,
            date_text="on Monday",
            date_precision="day",
            date_source="text",
            location=Place("Sylvania", "Sylvania", "SYL", 1.5, 2.5, 42, "A"),
            confidence=0.8,
            rule="attack-verb",
        )
        for i in range(n_events)
    ]
    quote = Quote(
        quote_id=f"{doc_id}-q0",
        text="it was a crime",
        kind="indirect",
        speaker=minister,
        cue="said",
        cue_group="assert",
        span=(74, 88),
        sentence_index=1,
        about=["FRDMIL"],
    )
    return Document(
        doc_id=doc_id,
        raw_text=text,
        text=text,
        title="Shelling",
        date=date,
        origin=f"{doc_id}.txt",
        mentions=[army, sylvania, minister],
        events=events,
        quotes=[quote],
    )


def counts(conn: sqlite3.Connection, doc_id: str) -> tuple[int, int, int, int]:
    return tuple(  # type: ignore[return-value]
        conn.execute(f"SELECT count(*) FROM {t} WHERE doc_id = ?", (doc_id,)).fetchone()[0]
        for t in ("documents", "events", "quotes", "actors")
    )


def command(name: str, argv: list[str]) -> int:
    """Run `eventcoder events|quotes ARGV` through the store module's own parser."""
    parser = argparse.ArgumentParser(prog=f"eventcoder {name}")
    getattr(queries, f"add_{name}_arguments")(parser)
    return int(getattr(queries, f"run_{name}")(parser.parse_args(argv)))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


def test_documents_are_stored_with_flattened_events_quotes_and_actors(db: Path) -> None:
    conn = store.connect(db)
    store.write_documents(conn, [make_doc("a")])
    assert counts(conn, "a") == (1, 2, 1, 3)
    ev = conn.execute("SELECT * FROM events WHERE doc_id='a' ORDER BY ordinal").fetchone()
    assert (ev["source_code"], ev["target_code"], ev["cameo"], ev["plover_type"]) == (
        "FRDMIL",
        "SYL",
        "195",
        "ASSAULT",
    )
    assert (ev["location_name"], ev["location_lat"], ev["span_start"], ev["span_end"]) == (
        "Sylvania",
        1.5,
        0,
        45,
    )
    q = conn.execute("SELECT * FROM quotes").fetchone()
    assert q["speaker_code"] == "SYLGOV" and json.loads(q["about"]) == ["FRDMIL"]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_recoding_a_document_replaces_its_rows(db: Path) -> None:
    conn = store.connect(db)
    store.write_documents(conn, [make_doc("a", n_events=3), make_doc("b")])
    store.write_documents(conn, [make_doc("a", n_events=1)])
    assert counts(conn, "a") == (1, 1, 1, 3)
    assert counts(conn, "b") == (1, 2, 1, 3)


def test_errors_are_recorded_once_and_cleared_when_the_document_codes(db: Path) -> None:
    conn = store.connect(db)
    err = IngestError(origin="in/feed.jsonl:7", reason="no text field", doc_id="x", stage="ingest")
    store.record_errors(conn, [err])
    store.record_errors(conn, [err])  # the same error on a re-run is not stored twice
    rows = conn.execute("SELECT origin, doc_id, stage, reason FROM errors").fetchall()
    assert [tuple(r) for r in rows] == [("in/feed.jsonl:7", "x", "ingest", "no text field")]
    store.write_documents(conn, [make_doc("x")])
    assert conn.execute("SELECT count(*) FROM errors").fetchone()[0] == 0


def test_failed_documents_are_kept_but_not_counted_as_coded(db: Path) -> None:
    conn = store.connect(db)
    article = Article(doc_id="f", text="Some text.", origin="f.txt")
    store.write_batch(conn, [make_doc("ok")], [IngestError("f.txt", "boom", "f", "events")], [article])
    assert store.coded_ids(conn) == {"ok"}
    assert store.is_coded(conn, "ok") and not store.is_coded(conn, "f")
    status = conn.execute("SELECT status FROM documents WHERE doc_id='f'").fetchone()[0]
    assert status == "failed"


def test_events_command_filters_and_prints_a_table(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conn = store.connect(db)
    store.write_documents(conn, [make_doc("a", date="2023-03-14"), make_doc("b", date="2021-06-01")])
    conn.close()
    assert command("events", ["--db", str(db), "--since", "2022-01-01"]) == 0
    out = capsys.readouterr().out
    assert "2023-03-14" in out and "2021-06-01" not in out
    assert "FRDMIL" in out and "195" in out and "shelled" in out

    assert command("events", ["--db", str(db), "--dyad", "FRD:SYL", "--modality", "negated", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 2 and {r["modality"] for r in rows} == {"negated"}

    assert command("events", ["--db", str(db), "--dyad", "SYL:FRD", "--json"]) == 0
    assert capsys.readouterr().out == ""
    assert (
        command("events", ["--db", str(db), "--actor", "freedonia", "--root", "19", "--limit", "1", "--json"])
        == 0
    )
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_quotes_command_filters_by_speaker_and_subject(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conn = store.connect(db)
    store.write_documents(conn, [make_doc("a")])
    conn.close()
    assert command("quotes", ["--db", str(db), "--speaker", "sylvanian"]) == 0
    assert "it was a crime" in capsys.readouterr().out
    assert command("quotes", ["--db", str(db), "--about", "USA", "--json"]) == 0
    assert capsys.readouterr().out == ""


def test_query_commands_report_a_missing_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert command("events", ["--db", str(tmp_path / "nope.db")]) == 2
    assert "no database" in capsys.readouterr().err
    assert not (tmp_path / "nope.db").exists()


def test_stored_documents_read_back_exactly_as_the_jsonl_output(db: Path) -> None:
    docs = [make_doc("a"), make_doc("b", n_events=0)]
    conn = store.connect(db)
    store.write_documents(conn, docs)
    store.write_batch(conn, [], [], [Article(doc_id="bad", text="x")])  # failed documents are not exported
    conn.close()
    assert list(store.iter_document_dicts(db)) == [json.loads(json.dumps(d.to_dict())) for d in docs]


def test_analysis_schema_labels_search_views_and_offsets(db: Path) -> None:
    conn = store.connect(db)
    doc = make_doc("a")
    doc.sentences = [Sentence(0, 0, 45, doc.text[:45]), Sentence(1, 46, 88, doc.text[46:])]
    store.write_documents(conn, [doc, make_doc("b", date="2023-03-15")])
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    name = conn.execute("SELECT cameo_name FROM events_labelled WHERE doc_id = 'a' LIMIT 1").fetchone()[0]
    assert name == "Employ aerial weapons"  # the label of 195, from the shipped ontology
    assert conn.execute("SELECT count(*) FROM plover_types").fetchone()[0] == 16
    hits = queries.search_sentences(conn, "shelled")
    assert [(r["doc_id"], r["sentence_index"]) for r in hits] == [("a", 0)]
    quote_hits = conn.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'crime'").fetchall()
    assert len(quote_hits) == 2
    days = conn.execute("SELECT date, events FROM dyad_day ORDER BY date").fetchall()
    assert [tuple(r) for r in days] == [("2023-03-14", 1), ("2023-03-15", 1)]  # asserted events only
    quote = queries.query_quotes(conn, speaker="sylvanian")[0]
    assert (quote["speaker_start"], quote["speaker_end"]) == (46, 68)
    store.write_documents(conn, [make_doc("a", n_events=1)])  # re-coding keeps the search index in step
    assert queries.search_sentences(conn, "shelled") == []
    conn.close()


def test_open_db_gives_dataframes_with_keyword_filters(db: Path) -> None:
    import eventcoder

    conn = store.connect(db)
    store.write_documents(conn, [make_doc("a"), make_doc("b", date="2021-06-01")])
    conn.close()
    with eventcoder.open_db(db) as data:
        events = data.events(since="2022")
        assert list(events["doc_id"]) == ["a", "a"]
        assert len(data.events(asserted_only=True)) == 2
        records = data.records()
        assert set(records["num_articles"]) == {1} and "num_mentions" in records
        assert data.quotes(speaker="nobody").empty and "speaker_start" in data.quotes(speaker="nobody")
        assert len(data.mentions(records["record_id"].iloc[0])) >= 1
        assert len(data.sql("SELECT * FROM dyad_day")) == 2
