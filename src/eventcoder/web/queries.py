"""Read-only SQL behind the dashboard and the JSON API.

The store (`eventcoder.store`) owns the schema and the row -> JSON shapes (`event_dict`, `quote_dict`); this
module only adds the aggregate and paginated reads the web pages need (counts per week, top dyads, partners,
places), so the store stays the single writer's module. Every value reaches SQL as a bound parameter.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, fields
from typing import Any

from eventcoder import store

MODALITIES = ("asserted", "negated", "hypothetical", "future", "denied", "question")
CONTEXT_CHARS = 240
# Portable aggregates (SQLite and PostgreSQL): counts of a condition, and a mean rounded to 2 places.
QUAD_COUNTS = ", ".join(f"sum(CASE WHEN quad_class = {q} THEN 1 ELSE 0 END) AS quad{q}" for q in (1, 2, 3, 4))
CONFLICT_COUNT = "sum(CASE WHEN quad_class = 4 THEN 1 ELSE 0 END)"
MEAN_GOLDSTEIN = "round(CAST(avg(goldstein) AS NUMERIC), 2)"


def _at_least(value: str, floor: str) -> str:
    """SQL for the larger of two numbers (SQLite's two-argument max() is PostgreSQL's greatest())."""
    return f"CASE WHEN {value} > {floor} THEN {value} ELSE {floor} END"


QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def actor_match(prefix: str, needle: str, code_only: bool = False) -> tuple[str, list[str]]:
    """An actor by code prefix ("USA" matches USAGOV) or part of its name or words, as `eventcoder events`.

    `code_only` is for the actor page, where "RUS" must not also find "Brussels".
    """
    if code_only:
        return f"{prefix}_code LIKE ?", [needle.upper() + "%"]
    sql = f"({prefix}_code LIKE ? OR {prefix}_name LIKE ? OR {prefix}_text LIKE ?)"
    return sql, [needle.upper() + "%", f"%{needle}%", f"%{needle}%"]


@dataclass
class EventFilters:
    """The events filters shared by the events page, `/api/events` and the evidence links of other pages."""

    since: str | None = None
    until: str | None = None
    actor: str | None = None
    dyad: str | None = None  # SOURCE:TARGET, either side may be empty
    code: str | None = None  # CAMEO code prefix
    root: str | None = None
    quad: int | None = None
    plover: str | None = None
    modality: str | None = None
    min_confidence: float | None = None
    source: str | None = None  # the outlet (documents.source)
    country: str | None = None  # where the event took place (ISO3)
    doc: str | None = None
    actor_code: str | None = None  # source or target by code prefix only

    def active(self) -> dict[str, Any]:
        """The filters that are set, for links and for the API's echo of what it was asked."""
        return {
            f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in (None, "")
        }

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE clause (or "") and its parameters."""
        parts: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            parts.append(sql)
            params.extend(values)

        if self.actor:
            source_sql, source_params = actor_match("source", self.actor)
            target_sql, target_params = actor_match("target", self.actor)
            add(f"({source_sql} OR {target_sql})", *source_params, *target_params)
        if self.actor_code:
            source_sql, source_params = actor_match("source", self.actor_code, code_only=True)
            target_sql, target_params = actor_match("target", self.actor_code, code_only=True)
            add(f"({source_sql} OR {target_sql})", *source_params, *target_params)
        if self.dyad:
            for prefix, needle in zip(("source", "target"), self.dyad.partition(":")[::2], strict=True):
                if needle:
                    add(*_flat(actor_match(prefix, needle)))
        simple = {
            "code": ("cameo LIKE ?", f"{self.code}%"),
            "root": ("cameo_root = ?", (self.root or "").zfill(2)),
            "quad": ("quad_class = ?", self.quad),
            "plover": ("plover_type = ?", self.plover),
            "modality": ("modality = ?", self.modality),
            "min_confidence": ("confidence >= ?", self.min_confidence),
            "country": ("location_country = ?", (self.country or "").upper()),
            "doc": ("doc_id = ?", self.doc),
            "since": ("date >= ?", self.since),
            "source": ("doc_id IN (SELECT doc_id FROM documents WHERE source = ?)", self.source),
        }
        for name, (sql, value) in simple.items():
            if getattr(self, name) not in (None, ""):
                add(sql, value)
        if self.until:
            # "2022-01" as an upper bound includes the whole month.
            add("substr(date, 1, ?) <= ?", len(self.until), self.until)
        return (" WHERE " + " AND ".join(parts)) if parts else "", params


def _flat(clause: tuple[str, list[str]]) -> list[Any]:
    sql, params = clause
    return [sql, *params]


def _dicts(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    return [dict(row) for row in cursor]


# -- events -------------------------------------------------------------------
def count_events(conn: sqlite3.Connection, filters: EventFilters) -> int:
    where, params = filters.where()
    return int(conn.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0])


def list_events(
    conn: sqlite3.Connection, filters: EventFilters, limit: int, offset: int
) -> list[dict[str, Any]]:
    """A page of events, newest first, as `Event.to_dict()` plus doc_id, ordinal, outlet and headline.

    Two steps: the page's rowids first (ordered along the date index, so a deep offset stays cheap), then
    only those rows in full.
    """
    where, params = filters.where()
    page = f"SELECT rowid FROM events{where} ORDER BY date DESC, doc_id, ordinal LIMIT ? OFFSET ?"
    rowids = [r[0] for r in conn.execute(page, [*params, limit, offset])]
    if not rowids:
        return []
    sql = (
        "SELECT events.rowid AS row_number, events.*, documents.source AS outlet,"
        " documents.title AS doc_title FROM events LEFT JOIN documents USING (doc_id)"
        f" WHERE events.rowid IN ({', '.join('?' * len(rowids))})"
    )
    rows = {row["row_number"]: row for row in conn.execute(sql, rowids)}
    return [event_item(rows[r]) for r in rowids]


def event_item(row: sqlite3.Row) -> dict[str, Any]:
    """One event for the API and the pages: the schema's Event plus where it is stored."""
    keys = row.keys()
    item = {"doc_id": row["doc_id"], "ordinal": row["ordinal"], **store.event_dict(row)}
    item["trigger_start"] = row["trigger_start"]
    for extra in ("outlet", "doc_title", "record_id", "trace"):
        if extra in keys:
            item[extra] = row[extra]
    return item


def get_event(conn: sqlite3.Connection, doc_id: str, ordinal: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM events WHERE doc_id = ? AND ordinal = ?", (doc_id, ordinal)).fetchone()
    return event_item(row) if row is not None else None


def get_document(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT doc_id, title, date, url, source, origin, text, status FROM documents WHERE doc_id = ?",
        (doc_id,),
    ).fetchone()
    return dict(row) if row is not None else None


def get_quote(conn: sqlite3.Connection, doc_id: str, quote_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT * FROM quotes WHERE doc_id = ? AND quote_id = ?", (doc_id, quote_id)
    ).fetchone()
    return store.quote_dict(row) if row is not None else None


def facets(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """The values offered in the filter drop-downs: outlets and PLOVER types present in the database."""
    outlets = [
        r[0] for r in conn.execute("SELECT DISTINCT source FROM documents WHERE source IS NOT NULL LIMIT 500")
    ]
    plover = [
        r[0] for r in conn.execute("SELECT DISTINCT plover_type FROM events WHERE plover_type IS NOT NULL")
    ]
    return {"outlets": sorted(outlets), "plover": sorted(plover), "modalities": list(MODALITIES)}


# -- dyads --------------------------------------------------------------------
_SIDE = "coalesce({p}_country, {p}_code)"


def top_dyads(
    conn: sqlite3.Connection, filters: EventFilters, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """Directed dyads (actor countries, or codes where there is no country) ranked by event count."""
    where, params = filters.where()
    both = f"{_SIDE.format(p='source')} IS NOT NULL AND {_SIDE.format(p='target')} IS NOT NULL"
    where = f"{where} AND {both}" if where else f" WHERE {both}"
    grouped = (
        f"SELECT {_SIDE.format(p='source')} AS source, {_SIDE.format(p='target')} AS target,"
        " count(*) AS events,"
        f" {QUAD_COUNTS}, {MEAN_GOLDSTEIN} AS goldstein,"
        " min(events.date) AS first, max(events.date) AS last"
        f" FROM events{where} GROUP BY 1, 2"
    )
    every = _dicts(conn.execute(f"{grouped} ORDER BY events DESC, source, target", params))
    return len(every), every[offset : offset + limit]


def series(conn: sqlite3.Connection, filters: EventFilters, interval: str) -> list[dict[str, Any]]:
    """Events per day or week: counts by QuadClass and mean Goldstein, oldest first."""
    where, params = filters.where()
    dated = " AND events.date IS NOT NULL" if where else " WHERE events.date IS NOT NULL"
    period = store.dialect(conn).period_start(interval, "substr(date, 1, 10)")
    sql = (
        f"SELECT {period} AS period, count(*) AS events,"
        f" {QUAD_COUNTS}, {MEAN_GOLDSTEIN} AS goldstein"
        f" FROM events{where}{dated} GROUP BY period ORDER BY period"
    )
    return _dicts(conn.execute(sql, params))


def dyad_series(
    conn: sqlite3.Connection, a: str, b: str, interval: str, base: EventFilters
) -> dict[str, list[dict[str, Any]]]:
    """Both directions of a dyad, each as `series`."""
    out = {}
    for source, target in ((a, b), (b, a)):
        filters = EventFilters(**{**base.active(), "dyad": f"{source}:{target}"})
        out[f"{source}->{target}"] = series(conn, filters, interval)
    return out


# -- actors -------------------------------------------------------------------
def partners(conn: sqlite3.Connection, code: str, limit: int) -> list[dict[str, Any]]:
    """The actor's partners (the other side of its events, either direction), ranked by event count."""
    like = code.upper() + "%"
    sql = f"""
        SELECT partner, max(name) AS name, count(*) AS events,
               sum(outgoing) AS outgoing, sum(1 - outgoing) AS incoming,
               {MEAN_GOLDSTEIN} AS goldstein, {CONFLICT_COUNT} AS conflict
        FROM (
            SELECT target_code AS partner, target_name AS name, 1 AS outgoing, goldstein, quad_class
              FROM events
             WHERE source_code LIKE :like AND target_code IS NOT NULL
            UNION ALL
            SELECT source_code, source_name, 0, goldstein, quad_class
              FROM events
             WHERE target_code LIKE :like AND source_code IS NOT NULL
        ) AS sides GROUP BY partner ORDER BY events DESC, partner LIMIT :limit
    """
    return _dicts(conn.execute(sql, {"like": like, "limit": limit}))


def actor_names(conn: sqlite3.Connection, code: str) -> list[str]:
    like = code.upper() + "%"
    rows = conn.execute(
        "SELECT name, count(*) FROM actors WHERE code LIKE ? AND name IS NOT NULL"
        " GROUP BY name ORDER BY 2 DESC LIMIT 5",
        (like,),
    )
    return [r[0] for r in rows]


# -- quotes -------------------------------------------------------------------
@dataclass
class QuoteFilters:
    speaker: str | None = None
    about: str | None = None
    since: str | None = None
    until: str | None = None
    speaker_code: str | None = None  # the speaker by code prefix only

    def where(self) -> tuple[str, list[Any]]:
        parts: list[str] = []
        params: list[Any] = []
        for needle, code_only in ((self.speaker, False), (self.speaker_code, True)):
            if not needle:
                continue
            sql, p = actor_match("speaker", needle, code_only)
            parts.append(sql)
            params += p
        if self.about:
            parts.append("about LIKE ?")
            params.append(f'%"{self.about.upper()}%')
        if self.since:
            parts.append("documents.date >= ?")
            params.append(self.since)
        if self.until:
            parts.append("substr(documents.date, 1, ?) <= ?")
            params += [len(self.until), self.until]
        return (" WHERE " + " AND ".join(parts)) if parts else "", params


def count_quotes(conn: sqlite3.Connection, filters: QuoteFilters) -> int:
    where, params = filters.where()
    sql = f"SELECT count(*) FROM quotes JOIN documents USING (doc_id){where}"
    return int(conn.execute(sql, params).fetchone()[0])


def list_quotes(
    conn: sqlite3.Connection, filters: QuoteFilters, limit: int, offset: int
) -> list[dict[str, Any]]:
    """Quotes in the schema's shape, with the document's date and title and the text around the quote."""
    where, params = filters.where()
    sql = (
        "SELECT quotes.*, documents.date AS doc_date, documents.title AS doc_title,"
        f" substr(documents.text, {_at_least('span_start - ' + str(CONTEXT_CHARS) + ' + 1', '1')},"
        f" span_start - {_at_least('span_start - ' + str(CONTEXT_CHARS), '0')})"
        " AS before,"
        " substr(documents.text, span_start + 1, span_end - span_start) AS quoted,"
        f" substr(documents.text, span_end + 1, {CONTEXT_CHARS}) AS after"
        f" FROM quotes JOIN documents USING (doc_id){where}"
        " ORDER BY documents.date IS NULL, documents.date, doc_id, ordinal LIMIT ? OFFSET ?"
    )
    items = []
    for row in conn.execute(sql, [*params, limit, offset]):
        item = {
            "doc_id": row["doc_id"],
            **store.quote_dict(row),
            "date": row["doc_date"],
            "title": row["doc_title"],
        }
        item["context"] = {
            "before": _trim_start(row["before"]),
            "quote": row["quoted"],
            "after": _trim_end(row["after"]),
        }
        items.append(item)
    return items


def _trim_start(text: str | None) -> str:
    """The context before a quote: back to the start of its paragraph, or to a word boundary."""
    text = text or ""
    if "\n" in text:
        return text[text.rindex("\n") + 1 :]
    if len(text) < CONTEXT_CHARS:
        return text
    return "…" + text[text.find(" ") + 1 :]


def _trim_end(text: str | None) -> str:
    """The context after a quote: to the end of its paragraph, or to a word boundary."""
    text = text or ""
    if "\n" in text:
        return text[: text.index("\n")]
    if len(text) < CONTEXT_CHARS:
        return text
    return text[: text.rfind(" ")] + "…"


# -- places -------------------------------------------------------------------
def country_counts(conn: sqlite3.Connection, filters: EventFilters) -> list[dict[str, Any]]:
    where, params = filters.where()
    located = " AND location_country IS NOT NULL" if where else " WHERE location_country IS NOT NULL"
    sql = (
        f"SELECT location_country AS country, count(*) AS events, {CONFLICT_COUNT} AS conflict,"
        f" {MEAN_GOLDSTEIN} AS goldstein FROM events{where}{located} GROUP BY 1 ORDER BY 2 DESC, 1"
    )
    return _dicts(conn.execute(sql, params))


def place_points(conn: sqlite3.Connection, filters: EventFilters, limit: int = 2000) -> list[dict[str, Any]]:
    """City-level event places (GeoNames class P) with coordinates, the busiest first."""
    where, params = filters.where()
    if has_column(conn, "events", "location_feature_class"):
        city = "location_lat IS NOT NULL AND location_feature_class = 'P'"
    else:  # a database from before the column: a LIKE on the stored JSON (faster than json_extract)
        city = """location_lat IS NOT NULL AND location LIKE '%"feature!_class": "P"%' ESCAPE '!'"""
    where = f"{where} AND {city}" if where else f" WHERE {city}"
    sql = (
        "SELECT location_name AS name, location_country AS country, location_lat AS lat, location_lon AS lon,"
        f" count(*) AS events FROM events{where} GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 1 LIMIT ?"
    )
    return _dicts(conn.execute(sql, [*params, limit]))


# -- records (cross-article events, when the database has them) ----------------
def has_column(conn: sqlite3.Connection, table: str, column: str) -> bool:
    return column in store.dialect(conn).columns(conn, table)


def get_record(conn: sqlite3.Connection, record_id: str | None) -> dict[str, Any] | None:
    """The cross-article record an event belongs to (how many articles and outlets reported it)."""
    if not record_id or not has_table(conn, "records"):
        return None
    row = conn.execute("SELECT * FROM records WHERE record_id = ?", (record_id,)).fetchone()
    return dict(row) if row is not None else None


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    return bool(store.dialect(conn).columns(conn, name))


RECORD_FILTERS = ("actor", "dyad", "code", "root", "since", "until", "modality")  # columns records share


def list_records(
    conn: sqlite3.Connection, filters: EventFilters, min_articles: int, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """Event records (one per real-world event, across articles), by date, JSON columns decoded.

    Takes the filters that the records table shares with events (those of `eventcoder records`).
    """
    shared = EventFilters(**{k: v for k, v in filters.active().items() if k in RECORD_FILTERS})
    where, params = shared.where()
    if min_articles > 1:
        where = f"{where} AND num_articles >= ?" if where else " WHERE num_articles >= ?"
        params.append(min_articles)
    total = int(conn.execute(f"SELECT count(*) FROM records{where}", params).fetchone()[0])
    sql = f"SELECT * FROM records{where} ORDER BY date IS NULL, date, record_id LIMIT ? OFFSET ?"
    rows = [
        {key: _maybe_json(row[key]) for key in row.keys()}
        for row in conn.execute(sql, [*params, limit, offset])
    ]
    return total, rows


def _maybe_json(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value
