"""GDELT-style and JSONL export of coded documents."""

from __future__ import annotations

import csv
import io
import json

from eventcoder.cli import main
from eventcoder.export import GDELT_COLUMNS, write_gdelt


def make_document(modality: str = "asserted") -> dict:
    actor_rus = {
        "text": "Russian troops", "name": "Russia", "country": "RUS", "sector": "MIL", "code": "RUSMIL",
    }  # fmt: skip
    actor_nato = {"text": "the alliance", "name": "NATO", "country": None, "sector": "IGO", "code": "IGONAT"}
    return {
        "doc_id": "d1",
        "date": "2022-03-01",
        "url": "https://example.org/story",
        "events": [
            {
                "event_id": "d1-0-3-154",
                "sentence_index": 0,
                "cameo": "154",
                "cameo_root": "15",
                "quad_class": 4,
                "goldstein": -7.2,
                "source": actor_rus,
                "target": actor_nato,
                "modality": modality,
                "date": "2022-02-24",
                "location": {
                    "name": "Belarus", "country": "BLR", "latitude": 53.0, "longitude": 28.0,
                    "geonames_id": 630336, "feature_class": "A",
                },  # fmt: skip
            }
        ],
    }


def read_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


def test_gdelt_rows_have_the_61_columns_in_gdelt_order():
    out = io.StringIO()
    assert write_gdelt([make_document()], out) == 1
    header, row = out.getvalue().splitlines()
    assert header.split("\t") == list(GDELT_COLUMNS)
    assert len(GDELT_COLUMNS) == 61
    assert len(row.split("\t")) == 61


def test_gdelt_row_carries_codes_dates_and_fips_geography():
    out = io.StringIO()
    write_gdelt([make_document()], out)
    row = read_rows(out.getvalue())[0]
    assert row["SQLDATE"] == "20220224"  # the event date, not the publication date
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == ("RUSMIL", "RUS", "MIL")
    assert row["Actor2KnownGroupCode"] == "NAT"
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("154", "154", "15")
    assert row["QuadClass"] == "4" and float(row["GoldsteinScale"]) == -7.2
    assert row["ActionGeo_CountryCode"] == "BO"  # FIPS code of Belarus, as GDELT writes it
    assert row["ActionGeo_Type"] == "1"
    assert row["SOURCEURL"] == "https://example.org/story"
    assert int(row["GLOBALEVENTID"]) > 0


def test_gdelt_skips_unasserted_events_unless_asked():
    hypothetical = make_document("hypothetical")
    assert write_gdelt([hypothetical], io.StringIO()) == 0
    assert write_gdelt([hypothetical], io.StringIO(), asserted_only=False) == 1


def test_export_cli_reads_jsonl_output(tmp_path, capsys):
    source = tmp_path / "coded.jsonl"
    source.write_text(json.dumps(make_document()) + "\n", encoding="utf-8")
    target = tmp_path / "events.tsv"
    assert main(["export", "--from-jsonl", str(source), "--format", "gdelt", "-o", str(target)]) == 0
    rows = read_rows(target.read_text(encoding="utf-8"))
    assert [r["EventCode"] for r in rows] == ["154"]


def test_export_cli_names_a_malformed_line(tmp_path, capsys):
    source = tmp_path / "bad.jsonl"
    source.write_text(json.dumps(make_document()) + "\n{not json\n", encoding="utf-8")
    assert main(["export", "--from-jsonl", str(source), "-o", str(tmp_path / "x.tsv")]) == 2
    assert f"{source}:2" in capsys.readouterr().err
