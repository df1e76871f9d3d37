"""The SQLite store: coded documents, events, quotes, actors and errors.

One file, stdlib `sqlite3`, in WAL mode so that readers (`eventcoder events`,
`eventcoder quotes`, exports) can query while a run writes. There is a single
writer, the main process of `eventcoder code`, and it commits one transaction
per batch of documents: a run killed at any moment leaves the database at the
last committed batch, which is what makes resuming safe. Re-coding a document
deletes its old rows and inserts the new ones in the same transaction, so a
document is never stored twice.

Queries and the `events`, `records` and `quotes` commands are in `eventcoder.queries`;
event records are grouped by `eventcoder.records`.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventcoder.identity import Stored, input_file
from eventcoder.model import Article, Document, Event, IngestError, Mention, Place, Quote

DEFAULT_DB = "eventcoder.db"
DB_HELP = f"SQLite file or postgresql://user@host/dbname (default {DEFAULT_DB})"
# 2: document identity (content hash, coder version), unique event ids, records, labels, search index.
SCHEMA_VERSION = 2
BUSY_TIMEOUT_S = 30.0

_REF_FIELDS = ("text", "name", "country", "sector", "code", "role")
_REF_SPAN = ("start", "end")
_PLACE_COLUMNS = "name TEXT, country TEXT, lat REAL, lon REAL, geonames_id INTEGER, feature_class TEXT"


def _ref_columns(prefix: str) -> str:
    fields = [f"{prefix}_{f} TEXT" for f in _REF_FIELDS] + [f"{prefix}_{f} INTEGER" for f in _REF_SPAN]
    return ", ".join(fields)


def _place_columns(prefix: str) -> str:
    return ", ".join(f"{prefix}_{c}" for c in _PLACE_COLUMNS.split(", "))


# Portable DDL (SQLite and PostgreSQL alike); the SQLite-only search index is in `_SQLITE_SEARCH`.
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    input_id TEXT,         -- the input record's own id (null for files and id-less records)
    title TEXT, date TEXT, url TEXT, source TEXT, origin TEXT,
    input_file TEXT,       -- the file the document came from (origin without :line)
    content_hash TEXT,     -- digest of text, title, date, url, source (identity.content_hash)
    coder_version TEXT,    -- eventcoder version + rule-file digest that coded it
    text TEXT,
    removed TEXT,          -- JSON list of stripped noise
    places TEXT,           -- JSON list of places found
    dateline TEXT,         -- JSON place or null
    encoding TEXT, language TEXT,
    flags TEXT,            -- JSON list of doubts about the input ("short-body")
    n_events INTEGER, n_quotes INTEGER,
    coded_at TEXT,
    status TEXT NOT NULL   -- coded | failed
);
CREATE TABLE IF NOT EXISTS records (
    record_id TEXT PRIMARY KEY,
    event_id TEXT,         -- the representative (earliest) mention
    date TEXT, cameo TEXT, cameo_root TEXT, quad_class INTEGER, goldstein REAL,
    plover_type TEXT, plover_mode TEXT, plover_context TEXT, modality TEXT,
    {", ".join(f"source_{f} TEXT" for f in _REF_FIELDS)},
    {", ".join(f"target_{f} TEXT" for f in _REF_FIELDS)},
    {_place_columns("location")},
    location TEXT,
    num_mentions INTEGER, num_sources INTEGER, num_articles INTEGER,
    first_seen TEXT, last_seen TEXT, first_added TEXT,
    first_doc_id TEXT, source_url TEXT, is_root INTEGER
);
CREATE TABLE IF NOT EXISTS events (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL, event_id TEXT NOT NULL UNIQUE,
    record_id TEXT REFERENCES records(record_id) DEFERRABLE INITIALLY DEFERRED,
    record_key TEXT,       -- blocking key for grouping into records (records.record_key)
    sentence_index INTEGER, sentence TEXT, span_start INTEGER, span_end INTEGER,
    trigger TEXT, trigger_start INTEGER, trigger_token INTEGER,
    {_ref_columns("source")},
    {_ref_columns("target")},
    other_sources TEXT, other_targets TEXT, -- JSON lists of actor references: further parties of the action
    cameo TEXT, cameo_root TEXT, quad_class INTEGER, goldstein REAL,
    plover_type TEXT, plover_mode TEXT, plover_context TEXT,
    modality TEXT, date TEXT, date_text TEXT, date_precision TEXT, date_source TEXT,
    location_name TEXT, location_country TEXT, location_lat REAL, location_lon REAL,
    location_geonames_id INTEGER, location_feature_class TEXT,
    location TEXT,         -- JSON place, complete (the columns above are for queries)
    quote_id TEXT, confidence REAL, rule TEXT,
    PRIMARY KEY (doc_id, ordinal)
);
CREATE TABLE IF NOT EXISTS quotes (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL, quote_id TEXT NOT NULL,
    text TEXT, kind TEXT,
    {_ref_columns("speaker")},
    cue TEXT, cue_group TEXT, span_start INTEGER, span_end INTEGER, sentence_index INTEGER,
    about TEXT,            -- JSON list of actor codes
    parts TEXT,            -- JSON list of [start, end] content pieces
    PRIMARY KEY (doc_id, ordinal)
);
CREATE TABLE IF NOT EXISTS sentences (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    sentence_index INTEGER NOT NULL, span_start INTEGER, span_end INTEGER, text TEXT,
    PRIMARY KEY (doc_id, sentence_index)
);
CREATE TABLE IF NOT EXISTS actors (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    code TEXT, country TEXT, sector TEXT, name TEXT, role TEXT,
    mentions TEXT,         -- JSON list of the mention texts
    PRIMARY KEY (doc_id, ordinal)
);
CREATE TABLE IF NOT EXISTS errors (
    origin TEXT NOT NULL, doc_id TEXT, stage TEXT NOT NULL, reason TEXT NOT NULL, at TEXT
);
CREATE TABLE IF NOT EXISTS cameo_codes (
    code TEXT PRIMARY KEY, root TEXT, name TEXT, goldstein REAL, quad_class INTEGER,
    plover_type TEXT, plover_mode TEXT, plover_context TEXT
);
CREATE TABLE IF NOT EXISTS plover_types (type TEXT PRIMARY KEY, quad_class INTEGER, about TEXT);
CREATE TABLE IF NOT EXISTS plover_modes (
    type TEXT NOT NULL REFERENCES plover_types(type), mode TEXT NOT NULL, about TEXT,
    PRIMARY KEY (type, mode)
);
CREATE TABLE IF NOT EXISTS quad_classes (quad_class INTEGER PRIMARY KEY, name TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS errors_key ON errors(origin, stage, reason);
CREATE INDEX IF NOT EXISTS errors_doc ON errors(doc_id);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_dyad ON events(source_code, target_code);
CREATE INDEX IF NOT EXISTS events_cameo ON events(cameo);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id);
CREATE INDEX IF NOT EXISTS events_record ON events(record_id);
CREATE INDEX IF NOT EXISTS events_record_key ON events(record_key, date);
CREATE INDEX IF NOT EXISTS records_date ON records(date);
CREATE INDEX IF NOT EXISTS records_dyad ON records(source_code, target_code);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_name);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes(doc_id);
CREATE INDEX IF NOT EXISTS actors_doc ON actors(doc_id);
CREATE INDEX IF NOT EXISTS actors_code ON actors(code);
CREATE INDEX IF NOT EXISTS documents_hash ON documents(content_hash);
CREATE VIEW IF NOT EXISTS dyad_day AS
    SELECT date, source_country, target_country, cameo_root, quad_class,
           count(*) AS events, count(DISTINCT record_id) AS records, count(DISTINCT doc_id) AS articles,
           avg(goldstein) AS mean_goldstein
    FROM events WHERE modality = 'asserted' AND date IS NOT NULL
    GROUP BY date, source_country, target_country, cameo_root, quad_class;
CREATE VIEW IF NOT EXISTS dyad_day_records AS
    SELECT date, source_country, target_country, cameo_root, quad_class,
           count(*) AS records, sum(num_mentions) AS mentions, sum(num_articles) AS articles,
           avg(goldstein) AS mean_goldstein
    FROM records WHERE modality = 'asserted' AND date IS NOT NULL
    GROUP BY date, source_country, target_country, cameo_root, quad_class;
CREATE VIEW IF NOT EXISTS events_labelled AS
    SELECT events.*, cameo_codes.name AS cameo_name, quad_classes.name AS quad_class_name
    FROM events LEFT JOIN cameo_codes ON cameo_codes.code = events.cameo
    LEFT JOIN quad_classes ON quad_classes.quad_class = events.quad_class;
"""

# Full-text search: SQLite FTS5 over sentences and quotes, kept in step by triggers.
# Isolated here because it is SQLite syntax; another backend provides its own index.
_SQLITE_SEARCH = """
CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(text, content='sentences', content_rowid='rowid');
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(text, content='quotes', content_rowid='rowid');
CREATE TRIGGER IF NOT EXISTS sentences_ai AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts(rowid, text) VALUES (new.rowid, new.text); END;
CREATE TRIGGER IF NOT EXISTS sentences_ad AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.rowid, old.text); END;
CREATE TRIGGER IF NOT EXISTS quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (new.rowid, new.text); END;
CREATE TRIGGER IF NOT EXISTS quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text); END;
"""

QUAD_CLASS_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


class StoreError(Exception):
    """A database that cannot be used, with a message for the user (no traceback)."""


# -- backends -------------------------------------------------------------------
# The store's SQL is portable; what differs between SQLite and PostgreSQL (the writer lock,
# full-text search) sits behind this small interface. `postgres.PostgresDialect` is the other side.
class SQLiteDialect:
    """SQLite's side of the backend interface."""

    name = "sqlite"

    def lock_writers(self, cur: Any) -> None:
        """Nothing to do: SQLite's own write lock lets one transaction write at a time."""

    def has_search_index(self, conn: Any) -> bool:
        row = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sentences_fts'").fetchone()
        return row is not None

    def search_sql(self) -> str:
        """Sentences matching an FTS5 query (`sanctions NEAR Russia`), best first."""
        return (
            "SELECT sentences.* FROM sentences_fts JOIN sentences ON sentences.rowid = sentences_fts.rowid"
            " WHERE sentences_fts MATCH ? ORDER BY rank"
        )

    def search_params(self, match: str) -> list[Any]:
        return [match]

    def columns(self, conn: Any, table: str) -> set[str]:
        """The columns the database's table has (none if there is no such table)."""
        return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}

    def period_start(self, interval: str, day: str) -> str:
        """SQL for the first day (YYYY-MM-DD) of the day or ISO week (from Monday) of the date `day`."""
        return day if interval == "day" else f"date({day}, '-6 days', 'weekday 1')"

    def days_between(self, later: str, earlier: str) -> str:
        """SQL for the number of days from the date `earlier` to the date `later`."""
        return f"(julianday({later}) - julianday({earlier}))"


SQLITE = SQLiteDialect()


def dialect(conn: Any) -> Any:
    """The backend interface of a connection from `connect` (SQLite unless it says otherwise)."""
    return getattr(conn, "dialect", SQLITE)


@lru_cache(maxsize=1)
def schema_layout() -> dict[str, tuple[tuple[str, str], ...]]:
    """table -> (column, declared type: TEXT, INTEGER or REAL), read from SCHEMA whatever the backend."""
    fresh = sqlite3.connect(":memory:")
    fresh.executescript(SCHEMA)
    layout = {}
    for (table,) in fresh.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        info = fresh.execute(f"PRAGMA table_info({table})")
        layout[table] = tuple((name, (kind or "TEXT").upper()) for _, name, kind, *_ in info)
    fresh.close()
    return layout


def schema_columns(table: str) -> tuple[tuple[str, str], ...]:
    """(column, declared type) of one table of SCHEMA."""
    return schema_layout()[table]


# -- connections --------------------------------------------------------------
def may_exist(db: str | Path) -> bool:
    """False when --db names an SQLite file that is not there (a PostgreSQL URL is checked on connecting)."""
    from eventcoder import postgres

    return postgres.is_url(db) or Path(db).is_file()


def display_name(db: str | Path) -> str:
    """The database as shown to users: a file path, or a PostgreSQL URL without its password."""
    text = str(db)
    if "://" not in text:
        return text
    from urllib.parse import urlsplit

    parts = urlsplit(text)
    if parts.password is None:
        return text
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def connect(path: str | Path, readonly: bool = False) -> sqlite3.Connection:
    """Open (and for writers, create or check) the database: an SQLite file in WAL mode, or PostgreSQL.

    Readers open the file without writing so they can query while `eventcoder code`
    writes; on read-only storage they fall back to SQLite's immutable mode. Raises
    StoreError for a file that is not an eventcoder database of this schema.
    A `postgresql://user@host/dbname` URL opens PostgreSQL instead (see `postgres.py`).
    """
    from eventcoder import postgres

    if postgres.is_url(path):
        try:
            return postgres.connect(  # type: ignore[return-value]
                str(path), SCHEMA, schema_layout(), SCHEMA_VERSION, readonly
            )
        except (postgres.ConnectionProblem, ImportError) as exc:
            raise StoreError(f"{display_name(path)}: {exc}") from exc
    conn = _open_reader(path) if readonly else _open_writer(path)
    conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.row_factory = sqlite3.Row
    return conn


def _open_writer(path: str | Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
    try:
        _check_schema(conn, path, allow_empty=True)
        conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode survives a killed process (not a power cut) and is much faster than FULL.
        conn.execute("PRAGMA synchronous=NORMAL")
        with conn:
            conn.executescript(SCHEMA)
            _add_missing_columns(conn)
            _create_search_index(conn)
            _fill_labels(conn)
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(database_problem(path, exc)) from exc
    except StoreError:
        conn.close()
        raise
    return conn


def _open_reader(path: str | Path) -> sqlite3.Connection:
    if not Path(path).is_file():
        raise StoreError(f"no database at {path} (run `eventcoder code ... --db {path}` first)")
    # A plain connection that never writes: `mode=ro` cannot open a WAL file whose -shm is missing.
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
    try:
        _check_schema(conn, path, allow_empty=False)
    except sqlite3.OperationalError:
        conn.close()  # read-only storage: no -shm can be made; nothing can be writing either
        uri = Path(path).resolve().as_uri() + "?immutable=1"
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            _check_schema(conn, path, allow_empty=False)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(database_problem(path, exc)) from exc
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(database_problem(path, exc)) from exc
    except StoreError:
        conn.close()
        raise
    return conn


def _read_only_storage(path: str | Path) -> bool:
    folder = Path(path).resolve().parent
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY) or not os.access(folder, os.W_OK)
    except OSError:
        return False


def database_problem(path: str | Path, exc: sqlite3.DatabaseError) -> str:
    """One line for the user saying what is wrong with a database file (or PostgreSQL database)."""
    message = str(exc)
    if "://" in str(path):
        return f"cannot use database {display_name(path)}: {message}"
    if _read_only_storage(path):
        return f"{path} is on read-only storage: it can be queried and exported, not written ({message})"
    if "not a database" in message or "malformed" in message:
        return f"{path} is not an SQLite database ({message})"
    if "readonly" in message or "read-only" in message:
        return f"{path} is on read-only storage or not writable ({message})"
    return f"cannot use database {path}: {message}"


def _check_schema(conn: sqlite3.Connection, path: str | Path, allow_empty: bool) -> None:
    """Refuse a database of another schema (or none) with a clear message, never misread it."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if not tables:
        if allow_empty:
            return
        raise StoreError(f"{path} has no eventcoder tables (is it the database `eventcoder code` wrote?)")
    if "documents" not in tables or "events" not in tables:
        raise StoreError(
            f"{path} is an SQLite database but not eventcoder's (no documents/events tables); "
            "give another --db"
        )
    if version < SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by an older eventcoder (schema {version or 1}; this version needs "
            f"{SCHEMA_VERSION}): document and event ids changed, so it cannot be read or resumed "
            "correctly. Code the articles again into a new database (--db NEW.db), or delete this one."
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer eventcoder (schema {version}; this version knows "
            f"{SCHEMA_VERSION}): upgrade eventcoder to read it"
        )


def _add_missing_columns(conn: sqlite3.Connection) -> None:
    """Bring a database of this schema up to date: new columns are added, never dropped."""
    fresh = sqlite3.connect(":memory:")
    fresh.executescript(SCHEMA)
    for (table,) in fresh.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        for _, column, kind, *_ in fresh.execute(f"PRAGMA table_info({table})"):
            if column not in have:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
    fresh.close()


def _create_search_index(conn: sqlite3.Connection) -> None:
    """FTS5 tables and triggers (SQLite only); a build of SQLite without FTS5 simply has no search."""
    try:
        conn.executescript(_SQLITE_SEARCH)
    except sqlite3.OperationalError as exc:
        if "fts5" not in str(exc):
            raise


def has_search_index(conn: sqlite3.Connection) -> bool:
    return bool(dialect(conn).has_search_index(conn))


def _fill_labels(conn: sqlite3.Connection) -> None:
    """The CAMEO and PLOVER label tables, refreshed from the shipped ontology on every writer start."""
    from eventcoder.ontology import Ontology

    onto = Ontology.load()
    for table in ("cameo_codes", "plover_modes", "plover_types", "quad_classes"):
        conn.execute(f"DELETE FROM {table}")
    conn.executemany(
        "INSERT INTO cameo_codes VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                c.code,
                c.root,
                c.name,
                c.goldstein,
                c.quad_class,
                c.plover_type,
                c.plover_mode,
                c.plover_context,
            )
            for c in onto.codes.values()
        ],
    )
    conn.executemany(
        "INSERT INTO plover_types VALUES (?, ?, ?)",
        [(name, t.quad_class, t.about) for name, t in onto.plover_types.items()],
    )
    conn.executemany(
        "INSERT INTO plover_modes VALUES (?, ?, ?)",
        [(name, mode, about) for name, t in onto.plover_types.items() for mode, about in t.modes.items()],
    )
    conn.executemany("INSERT INTO quad_classes VALUES (?, ?)", sorted(QUAD_CLASS_NAMES.items()))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# -- flattening ---------------------------------------------------------------
def _ref(prefix: str, mention: Mention | None) -> dict[str, Any]:
    """Flatten an actor reference into prefixed columns (`source_code`, ..., `source_start`)."""
    ref = mention.ref() if mention is not None else {}
    return {f"{prefix}_{f}": ref.get(f) for f in (*_REF_FIELDS, *_REF_SPAN)}


def _ref_list(mentions: list[Mention]) -> str | None:
    """Further parties of an action as one JSON column (null when there are none, the usual case)."""
    return json.dumps([m.ref() for m in mentions], ensure_ascii=False) if mentions else None


def _place(prefix: str, place: Place | None) -> dict[str, Any]:
    """A place as query columns (`location_name`, `location_lat`, ...)."""
    values = (
        (place.name, place.country, place.latitude, place.longitude, place.geonames_id, place.feature_class)
        if place
        else (None,) * 6
    )
    names = ("name", "country", "lat", "lon", "geonames_id", "feature_class")
    return {f"{prefix}_{n}": v for n, v in zip(names, values, strict=True)}


def event_row(event: Event, ordinal: int) -> dict[str, Any]:
    """One `events` row for an event; `ordinal` keeps the document's order."""
    from eventcoder.records import record_key

    loc = event.location
    plover = event.plover or {}
    row = {
        "doc_id": event.doc_id,
        "ordinal": ordinal,
        "event_id": event.event_id,
        "record_id": None,  # set by records.assign in the same transaction
        "sentence_index": event.sentence_index,
        "sentence": event.sentence,
        "span_start": event.span[0],
        "span_end": event.span[1],
        "trigger": event.trigger,
        "trigger_start": event.trigger_start,
        "trigger_token": event.trigger_token,
        **_ref("source", event.source),
        **_ref("target", event.target),
        "other_sources": _ref_list(event.other_sources),
        "other_targets": _ref_list(event.other_targets),
        "cameo": event.cameo,
        "cameo_root": event.cameo_root,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "plover_type": plover.get("type"),
        "plover_mode": plover.get("mode"),
        "plover_context": plover.get("context"),
        "modality": event.modality,
        "date": event.date,
        "date_text": event.date_text,
        "date_precision": event.date_precision,
        "date_source": event.date_source,
        **_place("location", loc),
        "location": json.dumps(asdict(loc), ensure_ascii=False) if loc else None,
        "quote_id": event.quote_id,
        "confidence": event.confidence,
        "rule": event.rule,
    }
    row["record_key"] = record_key(row)
    return row


def quote_row(doc_id: str, quote: Quote, ordinal: int) -> dict[str, Any]:
    """One `quotes` row for a quote."""
    return {
        "doc_id": doc_id,
        "ordinal": ordinal,
        "quote_id": quote.quote_id,
        "text": quote.text,
        "kind": quote.kind,
        **_ref("speaker", quote.speaker),
        "cue": quote.cue,
        "cue_group": quote.cue_group,
        "span_start": quote.span[0],
        "span_end": quote.span[1],
        "sentence_index": quote.sentence_index,
        "about": json.dumps(list(quote.about)),
        "parts": json.dumps([list(p) for p in getattr(quote, "parts", None) or []]),
    }


def _insert(cur: sqlite3.Cursor, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows that all share the first row's keys."""
    if not rows:
        return
    cols = list(rows[0])
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
    cur.executemany(sql, [tuple(r[c] for c in cols) for r in rows])


_DOCUMENT_TABLES = ("events", "quotes", "sentences", "actors", "documents")


def _delete_document(cur: sqlite3.Cursor, doc_id: str) -> set[str]:
    """Remove every row of a document, so re-coding replaces instead of duplicating.

    Returns the records its events belonged to: their counts must be recomputed.
    """
    stale = {
        r[0] for r in cur.execute("SELECT DISTINCT record_id FROM events WHERE doc_id = ?", (doc_id,)) if r[0]
    }
    for table in _DOCUMENT_TABLES:
        cur.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
    return stale


def _document_row(doc: Document, coded_at: str) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id,
        "input_id": doc.input_id,
        "title": doc.title,
        "date": doc.date,
        "url": doc.url,
        "source": doc.source,
        "origin": doc.origin,
        "input_file": input_file(doc.origin),
        "content_hash": doc.content_hash,
        "coder_version": doc.coder_version,
        "text": doc.text,
        "removed": json.dumps([asdict(r) for r in doc.removed], ensure_ascii=False),
        "places": json.dumps([asdict(p) for p in doc.places], ensure_ascii=False),
        "dateline": json.dumps(asdict(doc.dateline), ensure_ascii=False) if doc.dateline else None,
        "encoding": doc.encoding,
        "language": doc.language,
        "flags": json.dumps(doc.flags),
        "n_events": len(doc.events),
        "n_quotes": len(doc.quotes),
        "coded_at": coded_at,
        "status": "coded",
    }


def document_rows(doc: Document, coded_at: str) -> dict[str, list[dict[str, Any]]]:
    """A coded document as its rows of each document table (also the rows of the Ray run's Parquet)."""
    actor_rows = [
        {
            "doc_id": doc.doc_id,
            "ordinal": i,
            **{k: a[k] for k in ("code", "country", "sector", "name", "role")},
            "mentions": json.dumps(a["mentions"], ensure_ascii=False),
        }
        for i, a in enumerate(doc.actors())
    ]
    sentence_rows = [
        {
            "doc_id": doc.doc_id,
            "sentence_index": s.index,
            "span_start": s.start,
            "span_end": s.end,
            "text": s.text,
        }
        for s in doc.sentences
    ]
    return {
        "documents": [_document_row(doc, coded_at)],
        "events": [event_row(e, i) for i, e in enumerate(doc.events)],
        "quotes": [quote_row(doc.doc_id, q, i) for i, q in enumerate(doc.quotes)],
        "sentences": sentence_rows,
        "actors": actor_rows,
    }


def failed_row(article: Article, at: str, max_chars: int = 1_000_000) -> dict[str, Any]:
    """The `documents` row of an article that could not be coded: metadata (and text, if not huge)."""
    return {
        "doc_id": article.doc_id,
        "input_id": article.input_id,
        "title": article.title,
        "date": article.date,
        "url": article.url,
        "source": article.source,
        "origin": article.origin,
        "input_file": input_file(article.origin),
        "content_hash": article.content_hash,
        "text": article.text if len(article.text) <= max_chars else None,
        "coded_at": at,
        "status": "failed",
    }


def _put_rows(cur: sqlite3.Cursor, tables: dict[str, list[dict[str, Any]]]) -> set[str]:
    """Replace a document's stored rows by `tables` (its `document_rows`); returns records to recompute."""
    doc_id = tables["documents"][0]["doc_id"]
    stale = _delete_document(cur, doc_id)
    if tables["documents"][0]["status"] == "coded":
        # Earlier failures of this document are resolved; its warnings (bad date, bad bytes) still hold.
        cur.execute("DELETE FROM errors WHERE doc_id = ? AND stage != 'warning'", (doc_id,))
    for table in reversed(_DOCUMENT_TABLES):  # the document first: the other rows reference it
        _insert(cur, table, tables.get(table, []))
    return stale


def _put_document(cur: sqlite3.Cursor, doc: Document, coded_at: str) -> set[str]:
    """Store one coded document (replacing an earlier coding); returns the records to recompute."""
    return _put_rows(cur, document_rows(doc, coded_at))


def _put_failed(cur: sqlite3.Cursor, article: Article, max_chars: int, at: str) -> set[str]:
    """Keep a failed article's metadata (and text, if not huge) with status `failed`."""
    return _put_rows(cur, {"documents": [failed_row(article, at, max_chars)]})


def _put_errors(cur: sqlite3.Cursor, errors: Iterable[IngestError], at: str) -> None:
    # The unique key (origin, stage, reason) keeps a re-run from piling up the same error twice.
    cur.executemany(
        "INSERT INTO errors (origin, doc_id, stage, reason, at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (origin, stage, reason) DO UPDATE SET doc_id = excluded.doc_id, at = excluded.at",
        [(e.origin, e.doc_id, e.stage, e.reason, at) for e in errors],
    )


# -- the writer API -----------------------------------------------------------
def write_batch(
    conn: sqlite3.Connection,
    docs: Sequence[Document],
    errors: Sequence[IngestError] = (),
    failed: Sequence[Article] = (),
    max_failed_text: int = 1_000_000,
) -> None:
    """Store one batch (coded documents, errors, failed articles) and regroup records, in one transaction.

    One transaction per batch is the unit of progress: it commits whole or not at all,
    and the event records always agree with the events stored.
    """
    from eventcoder import records

    at = _now()
    with conn:
        cur = conn.cursor()
        dialect(conn).lock_writers(cur)
        stale: set[str] = set()
        for doc in docs:
            stale |= _put_document(cur, doc, at)
        for article in failed:
            stale |= _put_failed(cur, article, max_failed_text, at)
        _put_errors(cur, errors, at)
        records.assign(cur, [d.doc_id for d in docs], stale)


def write_documents(conn: sqlite3.Connection, docs: Sequence[Document]) -> None:
    """Store coded documents, replacing any earlier rows of the same doc_id."""
    write_batch(conn, docs)


def record_errors(conn: sqlite3.Connection, errors: Sequence[IngestError]) -> None:
    """Store input or pipeline errors (deduplicated on origin, stage and reason)."""
    write_batch(conn, (), errors)


def write_rows(
    conn: sqlite3.Connection,
    documents: Sequence[dict[str, list[dict[str, Any]]]],
    error_rows: Sequence[dict[str, Any]] = (),
    force: bool = False,
) -> list[str]:
    """Store documents given as table rows (a Parquet shard of a Ray run) in one transaction.

    A document already stored coded with the same content hash and coder version is left as it is
    (unless `force`), so loading the same rows twice changes nothing. Returns the doc_ids written.
    """
    from eventcoder import records

    written: list[str] = []
    with conn:
        cur = conn.cursor()
        dialect(conn).lock_writers(cur)
        stale: set[str] = set()
        for tables in documents:
            row = tables["documents"][0]
            stored = None if force else stored_identity(conn, row["doc_id"])
            if stored is not None and (stored.content_hash, stored.coder_version) == (
                row.get("content_hash"),
                row.get("coder_version"),
            ):
                continue
            stale |= _put_rows(cur, tables)
            written.append(row["doc_id"])
        _put_errors(
            cur, [IngestError(r["origin"], r["reason"], r["doc_id"], r["stage"]) for r in error_rows], _now()
        )
        coded = [d["documents"][0]["doc_id"] for d in documents if d["documents"][0]["status"] == "coded"]
        records.assign(cur, [doc_id for doc_id in coded if doc_id in set(written)], stale)
    return written


def coded_ids(conn: sqlite3.Connection) -> set[str]:
    """doc_ids already coded successfully (failed ones are retried on resume)."""
    return {row[0] for row in conn.execute("SELECT doc_id FROM documents WHERE status = 'coded'")}


def is_coded(conn: sqlite3.Connection, doc_id: str) -> bool:
    """Membership check that needs no memory per stored document."""
    row = conn.execute("SELECT 1 FROM documents WHERE doc_id = ? AND status = 'coded'", (doc_id,)).fetchone()
    return row is not None


def stored_identity(conn: sqlite3.Connection, doc_id: str) -> Stored | None:
    """What resume compares for a coded document: content hash, coder version, input file, origin."""
    row = conn.execute(
        "SELECT content_hash, coder_version, input_file, origin FROM documents"
        " WHERE doc_id = ? AND status = 'coded'",
        (doc_id,),
    ).fetchone()
    return Stored(*row) if row is not None else None


# -- reading documents back -----------------------------------------------------
def _unref(row: sqlite3.Row, prefix: str) -> dict[str, Any] | None:
    """The actor reference of `Mention.ref()` from prefixed columns (None when there was no mention)."""
    ref = {f: row[f"{prefix}_{f}"] for f in (*_REF_FIELDS, *_REF_SPAN)}
    return ref if any(v is not None for v in ref.values()) else None


def _unref_list(row: sqlite3.Row, column: str) -> list[dict[str, Any]]:
    """A JSON list column of actor references back as a list (a database written before it: empty)."""
    value = row[column] if column in row.keys() else None
    return list(json.loads(value)) if value else []


def event_dict(row: sqlite3.Row, sentence_spans: dict[int, list[int]] | None = None) -> dict[str, Any]:
    """An `events` row back in the shape of `Event.to_dict()`.

    `sentence_spans` (sentence index -> [start, end], from the `sentences` table) gives back
    `sentence_span`, which the database keeps once per sentence rather than per event.
    """
    return {
        "event_id": row["event_id"],
        "sentence_index": row["sentence_index"],
        "sentence": row["sentence"],
        "span": [row["span_start"], row["span_end"]],
        "sentence_span": (sentence_spans or {}).get(row["sentence_index"]),
        "trigger": row["trigger"],
        "source": _unref(row, "source"),
        "target": _unref(row, "target"),
        "other_sources": _unref_list(row, "other_sources"),
        "other_targets": _unref_list(row, "other_targets"),
        "cameo": row["cameo"],
        "cameo_root": row["cameo_root"],
        "quad_class": row["quad_class"],
        "goldstein": row["goldstein"],
        "plover": {"type": row["plover_type"], "mode": row["plover_mode"], "context": row["plover_context"]},
        "modality": row["modality"],
        "date": row["date"],
        "date_text": row["date_text"],
        "date_precision": row["date_precision"],
        "date_source": row["date_source"],
        "location": json.loads(row["location"]) if row["location"] else None,
        "quote_id": row["quote_id"],
        "confidence": row["confidence"],
        "rule": row["rule"],
    }


def quote_dict(row: sqlite3.Row) -> dict[str, Any]:
    """A `quotes` row back in the shape of `Quote.to_dict()`."""
    return {
        "quote_id": row["quote_id"],
        "text": row["text"],
        "kind": row["kind"],
        "speaker": _unref(row, "speaker"),
        "cue": row["cue"],
        "cue_group": row["cue_group"],
        "span": [row["span_start"], row["span_end"]],
        "sentence_index": row["sentence_index"],
        "about": json.loads(row["about"] or "[]"),
        "parts": json.loads(row["parts"] or "[]"),
    }


def document_dict(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    """A stored document in the JSON shape `eventcoder code -o` writes (`Document.to_dict()`)."""
    doc_id = row["doc_id"]

    def rows(table: str) -> list[sqlite3.Row]:
        return list(conn.execute(f"SELECT * FROM {table} WHERE doc_id = ? ORDER BY ordinal", (doc_id,)))

    actors = [
        {
            **{k: a[k] for k in ("code", "country", "sector", "name", "role")},
            "mentions": json.loads(a["mentions"]),
        }
        for a in rows("actors")
    ]
    spans = {
        r[0]: [r[1], r[2]]
        for r in conn.execute(
            "SELECT sentence_index, span_start, span_end FROM sentences WHERE doc_id = ?", (doc_id,)
        )
    }
    return {
        "doc_id": doc_id,
        "title": row["title"],
        "date": row["date"],
        "url": row["url"],
        "source": row["source"],
        "encoding": row["encoding"],
        "language": row["language"],
        "flags": json.loads(row["flags"] or "[]"),
        "text": row["text"],
        "removed": json.loads(row["removed"] or "[]"),
        "events": [event_dict(r, spans) for r in rows("events")],
        "quotes": [quote_dict(r) for r in rows("quotes")],
        "actors": actors,
        "places": json.loads(row["places"] or "[]"),
        "input_id": row["input_id"],
        "content_hash": row["content_hash"],
        "coder_version": row["coder_version"],
    }


def iter_document_dicts(db_path: str | Path) -> Iterator[dict[str, Any]]:
    """Every coded document in the database, in the order stored, one at a time (for exports)."""
    conn = connect(db_path, readonly=True)
    try:
        docs = conn.execute("SELECT * FROM documents WHERE status = 'coded' ORDER BY rowid")
        for row in docs:
            yield document_dict(conn, row)
    finally:
        conn.close()
