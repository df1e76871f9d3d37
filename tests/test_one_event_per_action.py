"""One event per action (PLOVER/POLECAT, the real-news guidelines): a trigger with several recipients or
actors is one event whose further parties are kept in `other_targets` / `other_sources` and reach every
output: the JSON, the SQLite and PostgreSQL stores, the Parquet tables of a Ray run, CSV and PLOVER
exports. Sentences and documents written for these tests."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from eventcoder import load, store
from eventcoder.cli import main
from eventcoder.events.emit import one_event_per_action
from eventcoder.model import Actor, Document, Event, Mention, event_from_dict

TEXT = "Sylvania condemned Freedonia and Ruritania on Monday."


def party(text: str, code: str, start: int) -> Mention:
    return Mention(0, text, start, start + len(text), 0, 0, 1, Actor(code, code[:3], code[3:] or None, text))


SYLVANIA, FREEDONIA, RURITANIA = (
    party("Sylvania", "SYLGOV", 0),
    party("Freedonia", "FRD", 19),
    party("Ruritania", "RUR", 33),
)


def dyad(
    source: Mention | None, target: Mention | None, confidence: float = 0.7, trigger_token: int = 1
) -> Event:
    return Event(
        event_id="ev:x",
        doc_id="d1",
        sentence_index=0,
        sentence=TEXT,
        span=(0, len(TEXT)),
        trigger="condemned",
        source=source,
        target=target,
        cameo="122",
        cameo_root="12",
        quad_class=3,
        goldstein=-2.0,
        plover={"type": "ACCUSE", "mode": None, "context": None},
        date="2024-03-04",
        confidence=confidence,
        trigger_start=9,
        trigger_token=trigger_token,
    )


def test_the_dyads_of_one_trigger_become_one_event_keeping_every_party() -> None:
    events = one_event_per_action([dyad(SYLVANIA, FREEDONIA, 0.6), dyad(SYLVANIA, RURITANIA, 0.8)])
    assert len(events) == 1
    event = events[0]
    assert event.target is RURITANIA  # the surest dyad leads
    assert [m.text for m in event.other_targets] == ["Freedonia"]
    assert event.other_sources == []


def test_equal_confidence_keeps_the_rules_first_party_and_other_triggers_stay_apart() -> None:
    first, second = dyad(SYLVANIA, FREEDONIA), dyad(SYLVANIA, RURITANIA)
    later = dyad(SYLVANIA, RURITANIA, trigger_token=7)
    assert one_event_per_action([first, second, later]) == [first, later]
    assert first.other_targets == [RURITANIA] and later.other_targets == []


def test_reciprocal_cooperation_stays_coded_both_ways() -> None:
    one, other = dyad(SYLVANIA, FREEDONIA), dyad(FREEDONIA, SYLVANIA)
    assert one_event_per_action([one, other]) == [one, other]


@pytest.mark.parametrize(
    ("text", "others"),
    [
        ("The Dutch government condemned Russia and Belarus on Monday.", "other_targets"),
        ("France, Germany and Britain imposed new sanctions on Iran.", "other_sources"),
    ],
)
def test_coded_articles_give_one_event_per_action(code, text: str, others: str) -> None:
    events = [e for e in code(text) if e.cameo_root != "01"]
    assert len(events) == 1, [
        (e.cameo, e.source and e.source.text, e.target and e.target.text) for e in events
    ]
    assert getattr(events[0], others), events[0]


def test_a_meeting_of_two_leaders_is_still_coded_each_way(code) -> None:
    events = [e for e in code("Kerry and Lavrov met in Geneva on Friday.") if e.cameo_root == "04"]
    assert {(e.source.text, e.target.text) for e in events} == {("Kerry", "Lavrov"), ("Lavrov", "Kerry")}


# -- every output keeps the further parties -----------------------------------------------------------
def document() -> Document:
    event = one_event_per_action([dyad(SYLVANIA, FREEDONIA, 0.8), dyad(SYLVANIA, RURITANIA, 0.6)])[0]
    return Document(
        doc_id="d1", raw_text=TEXT, text=TEXT, title="Condemnation", date="2024-03-04", origin="d1.txt",
        mentions=[SYLVANIA, FREEDONIA, RURITANIA], events=[event], coder_version="test",
    )  # fmt: skip


def test_json_output_lists_the_further_parties_and_reads_back() -> None:
    data = json.loads(json.dumps(document().to_dict()))
    (event,) = data["events"]
    assert [r["code"] for r in event["other_targets"]] == ["RUR"] and event["other_sources"] == []
    again = event_from_dict(event, "d1")
    assert [m.text for m in again.other_targets] == ["Ruritania"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "x.db"
    conn = store.connect(path)
    store.write_documents(conn, [document()])
    conn.close()
    return path


def test_the_store_keeps_the_further_parties(db: Path) -> None:
    (stored,) = list(store.iter_document_dicts(db))
    assert stored["events"] == json.loads(json.dumps(document().to_dict()))["events"]


def test_csv_and_plover_exports_carry_the_further_recipients(db: Path, tmp_path: Path) -> None:
    assert main(["export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "e.csv")]) == 0
    (row,) = list(csv.DictReader(io.StringIO((tmp_path / "e.csv").read_text(encoding="utf-8"))))
    assert [r["text"] for r in json.loads(row["other_targets"])] == ["Ruritania"]
    assert main(["export", "--db", str(db), "--format", "plover", "-o", str(tmp_path / "p.jsonl")]) == 0
    record = json.loads((tmp_path / "p.jsonl").read_text(encoding="utf-8"))
    assert [r["entity_text"] for r in record["recipient"]] == ["Freedonia", "Ruritania"]
    assert [r["entity_text"] for r in record["actor"]] == ["Sylvania"]


def test_parquet_tables_of_a_ray_run_carry_the_further_parties(tmp_path: Path) -> None:
    pq = pytest.importorskip(
        "pyarrow.parquet", reason="pyarrow is not installed (it comes with eventcoder[ray])"
    )
    import pyarrow as pa

    rows = store.document_rows(document(), "2024-03-05T00:00:00+00:00")
    pq.write_table(
        pa.Table.from_pylist(rows["events"], schema=load.arrow_schema("events")), tmp_path / "e.parquet"
    )
    (read,) = pq.read_table(tmp_path / "e.parquet", schema=load.arrow_schema("events")).to_pylist()
    assert json.loads(read["other_targets"])[0]["code"] == "RUR"


def test_postgresql_keeps_the_further_parties(postgres_url: str) -> None:
    conn = store.connect(postgres_url)
    store.write_documents(conn, [document()])
    (row,) = list(conn.execute("SELECT * FROM events"))
    assert [r["text"] for r in store.event_dict(row)["other_targets"]] == ["Ruritania"]
    conn.close()
