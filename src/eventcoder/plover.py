"""PLOVER/POLECAT-style JSON event records, with the field names of the PLOVER manual's Data Fields chapter.

One JSON object per event mention: `actor` and `recipient` lists of entity
objects (with the mention's character offsets), `event` (the PLOVER type),
`mode`, `context`, `date`, `event_loc` (PLOVER's GeoNames-style location object),
`event_text` (the sentence) and `text_info` (its sequence number and offsets),
`cite_info` (the article), and `link`: the event record the mention belongs to,
so mentions of one real-world event can be joined. eventcoder's own fields
(`cameo`, `modality`, `confidence`) are added under their own names, as the
manual allows. `data/export/plover.schema.json` is the JSON Schema they validate
against.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).parent / "data" / "export" / "plover.schema.json"
CODEBOOK = "PLOVER 2021 (eventcoder mapping) / CAMEO 1.1b3"
_REF_FIELDS = ("text", "name", "country", "sector", "code", "role", "start", "end")
_RESOLUTION = {1: 1, 2: 2, 3: 4, 4: 4, 5: 2}  # GDELT geo type -> PLOVER resolution


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of one PLOVER record (draft 2020-12)."""
    with SCHEMA_PATH.open(encoding="utf-8") as handle:
        return dict(json.load(handle))


def _entity(row: Mapping[str, Any], prefix: str, others: str) -> list[dict[str, Any]]:
    """The main party (`source_*` / `target_*` columns) and then the action's further parties (the JSON
    list column `others`): PLOVER's actor and recipient are lists, one event per action."""
    main = {field: row.get(f"{prefix}_{field}") for field in _REF_FIELDS}
    further = json.loads(row[others]) if row.get(others) else []
    return [_entity_object(ref) for ref in (main, *further) if ref.get("code") or ref.get("text")]


def _entity_object(ref: Mapping[str, Any]) -> dict[str, Any]:
    """One PLOVER entity object from an actor reference (`Mention.ref()` keys)."""
    code = ref.get("code")
    return {
        "code": ref.get("country") or (code[:3] if code else None),
        "sector": ref.get("sector"),
        "entity_text": ref.get("text") or "",
        "identifier_text": ref.get("name"),
        "office": ref.get("role"),
        "actor_code": code,
        "start": ref.get("start"),
        "end": ref.get("end"),
    }


def _location(row: Mapping[str, Any]) -> dict[str, Any] | None:
    if not row.get("location_name"):
        return None
    from eventcoder.gdelt import _place, geo_type

    place = json.loads(row["location"]) if row.get("location") else {}
    resolution = _RESOLUTION.get(geo_type(_place(row) or {}), 2)
    return {
        "extracted_place": place.get("text"),
        "resolved_place": row["location_name"],
        "geonameid": row.get("location_geonames_id"),
        "lat": row.get("location_lat"),
        "lon": row.get("location_lon"),
        "country_code": row.get("location_country"),
        "feature_class": row.get("location_feature_class"),
        "resolution": resolution,
    }


def _as_list(value: object) -> list[str]:
    return [str(value)] if value else []


def plover_record(row: Mapping[str, Any], coder: str) -> dict[str, Any] | None:
    """The PLOVER JSON of one event mention (an `events` row joined with its document), or None.

    None when the event has no PLOVER type or no date: PLOVER requires both.
    """
    date = row.get("date") or row.get("doc_date")
    if not row.get("plover_type") or not date:
        return None
    record: dict[str, Any] = {
        "id": row["event_id"],
        "has_event": True,
        "date": str(date)[:10],
        "actor": _entity(row, "source", "other_sources"),
        "recipient": _entity(row, "target", "other_targets"),
        "event": [row["plover_type"]],
        "mode": _as_list(row.get("plover_mode")),
        "context": _as_list(row.get("plover_context")),
        "quad_code": row.get("quad_class"),
        "event_scale": row.get("goldstein"),
        "event_text": [row.get("sentence") or ""],
        "text_info": {
            "sequence": row.get("sentence_index") or 0,
            "start": row.get("span_start") or 0,
            "end": row.get("span_end") or 0,
        },
        "cite_info": {
            "citation": row["doc_id"],
            "url": row.get("url"),
            "title": row.get("title"),
            "language": "en",
            "publication": row.get("doc_source"),
            "coder": coder,
            "codebook": CODEBOOK,
        },
        "coder": coder,
        "cameo": row.get("cameo"),
        "modality": row.get("modality") or "asserted",
        "confidence": row.get("confidence"),
    }
    if row.get("record_id"):
        record["link"] = row["record_id"]
    if row.get("coded_at"):
        record["coded_date"] = str(row["coded_at"])[:10]
    location = _location(row)
    if location is not None:
        record["event_loc"] = location
    return {k: v for k, v in record.items() if v is not None}
