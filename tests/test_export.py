"""Exports (issue #14, 4): GDELT Events and Mentions as GDELT users load them, PLOVER JSON, CSV, Parquet."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from eventcoder import store
from eventcoder.cli import main
from eventcoder.gdelt import GDELT_COLUMNS, GDELT_DTYPES, MENTION_COLUMNS, MENTION_DTYPES
from eventcoder.model import Actor, Document, Event, Mention, Place
from eventcoder.plover import schema

TEXT = "Russian troops shelled the city on Monday. Officials said more attacks would follow."

PLACES = {
    "belarus": Place("Belarus", "Belarus", "BLR", 53.0, 28.0, 630336, "A"),
    "kharkiv": Place("Kharkiv", "Kharkiv", "UKR", 49.98, 36.25, 706483, "P"),
    "texas": Place("Texas", "Texas", "USA", 31.0, -99.0, 4736286, "A"),
    "austin": Place("Austin", "Austin", "USA", 30.27, -97.74, 4671654, "P"),
}


def actor(text: str, code: str, country: str | None, start: int) -> Mention:
    sector = code[3:] or None if country else code
    return Mention(0, text, start, start + len(text), 0, 0, 1, Actor(code, country, sector, text))


def make_event(doc_id: str, n: int, place: str, modality: str = "asserted") -> Event:
    return Event(
        event_id=f"ev:{doc_id}-{n}",
        doc_id=doc_id,
        sentence_index=0,
        sentence=TEXT[:42],
        span=(0, 42),
        trigger="shelled",
        source=actor("Russian troops", "RUSMIL", "RUS", 0),
        target=actor("the alliance", "IGONAT", None, 27) if n == 0 else actor("the city", "UKR", "UKR", 27),
        cameo="195",
        cameo_root="19",
        quad_class=4,
        goldstein=-10.0,
        plover={"type": "ASSAULT", "mode": "aerial", "context": "military"},
        modality=modality,
        date="2022-02-24",
        location=PLACES[place],
        confidence=0.8,
        trigger_start=15,
    )


def make_doc(doc_id: str, places: list[str], url: str | None = None, modality: str = "asserted") -> Document:
    events = [make_event(doc_id, n, p, modality) for n, p in enumerate(places)]
    return Document(
        doc_id=doc_id, raw_text=TEXT, text=TEXT, title="Shelling", date="2022-02-25", url=url,
        source="Example News", origin=f"{doc_id}.txt", events=events, coder_version="test",
    )  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "x.db"
    conn = store.connect(path)
    store.write_documents(
        conn,
        [
            make_doc("d1", ["belarus", "kharkiv"], url="https://www.example.org/story"),
            make_doc("d2", ["texas", "austin"]),
            make_doc("d3", ["kharkiv"], modality="hypothetical"),
        ],
    )
    conn.close()
    return path


def export(db: Path, out: Path, *argv: str) -> str:
    assert main(["export", "--db", str(db), "-o", str(out), *argv]) == 0
    return out.read_text(encoding="utf-8") if out.suffix != ".parquet" else ""


def test_gdelt_events_load_with_the_codebooks_names_and_dtypes(db: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    text = export(db, tmp_path / "events.tsv", "--format", "gdelt")
    assert not text.startswith("GLOBALEVENTID")  # GDELT files have no header
    assert all(len(line.split("\t")) == 61 for line in text.splitlines())
    frame = pd.read_csv(
        tmp_path / "events.tsv", sep="\t", header=None, names=GDELT_COLUMNS, dtype=GDELT_DTYPES
    )
    assert len(frame) == 4 and frame["GLOBALEVENTID"].is_unique
    assert str(frame["SQLDATE"].dtype) == "Int64" and set(frame["SQLDATE"]) == {20220224}
    assert frame["EventCode"].iloc[0] == "195" and frame["EventRootCode"].iloc[0] == "19"
    assert (frame["Actor1Geo_Type"] == 0).all() and (frame["Actor2Geo_Type"] == 0).all()
    by_name = {row.ActionGeo_FullName: row for row in frame.itertuples()}
    belarus, kharkiv = by_name["Belarus"], by_name["Kharkiv, Ukraine"]
    texas, austin = by_name["Texas, United States"], by_name["Austin, Texas, United States"]

    def geo(row: object) -> tuple:
        return tuple(getattr(row, f"ActionGeo_{c}") for c in ("Type", "CountryCode", "ADM1Code"))

    assert geo(belarus) == (1, "BO", "BO") and belarus.ActionGeo_FeatureID == "BO"  # FIPS, not ISO
    assert geo(kharkiv) == (4, "UP", "UP07")
    assert geo(texas) == (2, "US", "USTX")
    assert geo(austin) == (3, "US", "USTX")
    assert pd.isna(austin.ActionGeo_FeatureID)  # no GNIS id offline: blank, never a GeoNames id
    assert belarus.Actor2KnownGroupCode == "NAT" and belarus.Actor1Type1Code == "MIL"
    assert belarus.SOURCEURL == "https://www.example.org/story" and len(str(belarus.DATEADDED)) == 14
    assert belarus.FractionDate == pytest.approx(2022 + (2 * 30 + 24) / 365, abs=1e-4)


def test_gdelt_mentions_link_back_to_events_and_evidence(db: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    export(db, tmp_path / "events.tsv", "--format", "gdelt")
    export(db, tmp_path / "mentions.tsv", "--format", "gdelt-mentions")
    events = pd.read_csv(
        tmp_path / "events.tsv", sep="\t", header=None, names=GDELT_COLUMNS, dtype=GDELT_DTYPES
    )
    mentions = pd.read_csv(
        tmp_path / "mentions.tsv", sep="\t", header=None, names=MENTION_COLUMNS, dtype=MENTION_DTYPES
    )
    assert set(mentions["GLOBALEVENTID"]) == set(events["GLOBALEVENTID"])
    assert mentions["SentenceID"].min() == 1  # GDELT counts sentences from 1
    web = mentions[mentions["MentionType"] == 1]
    assert set(web["MentionIdentifier"]) == {"https://www.example.org/story"}
    assert set(mentions["MentionSourceName"]) == {"Example News"}
    assert set(mentions["Actor1CharOffset"]) == {0} and set(mentions["ActionCharOffset"]) == {15}
    assert set(mentions["Confidence"]) == {80}
    joined = mentions.merge(events, on="GLOBALEVENTID")
    per_event = joined.groupby("GLOBALEVENTID")
    assert (per_event.size() == per_event["NumMentions"].first()).all()


def test_gdelt_leaves_out_unasserted_events_unless_asked(db: Path, tmp_path: Path) -> None:
    asserted = export(db, tmp_path / "a.tsv", "--format", "gdelt")
    everything = export(db, tmp_path / "b.tsv", "--format", "gdelt", "--all-modalities")
    assert len(everything.splitlines()) == len(asserted.splitlines()) + 1


def test_plover_json_validates_against_our_schema(db: Path, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    text = export(db, tmp_path / "plover.jsonl", "--format", "plover")
    records = [json.loads(line) for line in text.splitlines()]
    assert len(records) == 5
    validator = jsonschema.Draft202012Validator(schema())
    for record in records:
        validator.validate(record)
    first = records[0]
    assert first["event"] == ["ASSAULT"] and first["mode"] == ["aerial"] and first["context"] == ["military"]
    assert first["actor"][0]["code"] == "RUS" and first["actor"][0]["sector"] == "MIL"
    assert (first["actor"][0]["start"], first["actor"][0]["end"]) == (0, 14)
    assert first["text_info"] == {"sequence": 0, "start": 0, "end": 42}
    assert first["link"].startswith("rec:") and first["date"] == "2022-02-24"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**first, "event": ["INVADE"]})


def test_csv_and_parquet_tables_at_mention_and_record_level(db: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    events = list(csv.DictReader(io.StringIO(export(db, tmp_path / "e.csv", "--format", "csv"))))
    assert len(events) == 5 and {"event_id", "record_id", "source_start", "doc_source"} <= set(events[0])
    export(db, tmp_path / "r.parquet", "--format", "parquet", "--table", "records", "--asserted-only")
    table = pq.read_table(tmp_path / "r.parquet")
    assert table.num_rows == 4
    assert str(table.schema.field("num_mentions").type) == "int64"
    assert str(table.schema.field("location_lat").type) == "double"
    export(db, tmp_path / "m.parquet", "--format", "parquet", "--table", "mentions")
    assert pq.read_table(tmp_path / "m.parquet").num_rows == 5
    export(db, tmp_path / "q.parquet", "--format", "parquet", "--table", "quotes")
    assert pq.read_table(tmp_path / "q.parquet").num_rows == 0


def test_since_until_and_asserted_only_apply_to_every_format(db: Path, tmp_path: Path) -> None:
    for fmt in ("gdelt", "gdelt-mentions", "plover", "csv", "jsonl"):
        assert export(db, tmp_path / f"{fmt}.out", "--format", fmt, "--since", "2022-03") == ""
        early = export(db, tmp_path / f"{fmt}.2", "--format", fmt, "--until", "2022-02", "--asserted-only")
        assert early.strip()
    plover = export(db, tmp_path / "p", "--format", "plover", "--asserted-only")
    assert len(plover.splitlines()) == 4


def test_export_from_jsonl_output_and_a_malformed_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    source = tmp_path / "coded.jsonl"
    source.write_text(json.dumps(make_doc("d1", ["belarus"]).to_dict()) + "\n", encoding="utf-8")
    target = tmp_path / "events.tsv"
    assert main(["export", "--from-jsonl", str(source), "--format", "gdelt", "-o", str(target)]) == 0
    [row] = [line.split("\t") for line in target.read_text(encoding="utf-8").splitlines()]
    assert row[GDELT_COLUMNS.index("EventCode")] == "195"
    source.write_text(source.read_text() + "{not json\n", encoding="utf-8")
    assert main(["export", "--from-jsonl", str(source), "-o", str(tmp_path / "x.tsv")]) == 2
    assert f"{source}:2" in capsys.readouterr().err


def test_gdelt_lines_stay_61_columns_whatever_the_names_hold(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    doc = make_doc("q", ["kharkiv"], url='https://example.org/a"b\tc')
    assert doc.events[0].source is not None and doc.events[0].source.actor is not None
    doc.events[0].source.actor.name = 'The "Wagner"\tgroup\nfighters'
    path = tmp_path / "q.db"
    conn = store.connect(path)
    store.write_documents(conn, [doc])
    conn.close()
    export(path, tmp_path / "q.tsv", "--format", "gdelt")
    frame = pd.read_csv(tmp_path / "q.tsv", sep="\t", header=None, names=GDELT_COLUMNS, dtype=GDELT_DTYPES)
    assert len(frame) == 1 and frame["Actor1Name"].iloc[0] == "THE 'WAGNER' GROUP FIGHTERS"
    assert frame["SOURCEURL"].iloc[0] == "https://example.org/a'b c"
