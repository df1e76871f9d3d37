"""The SQLite store: coded documents, events, quotes, actors and errors.

One file, stdlib `sqlite3`, in WAL mode so that readers (`eventcoder events`,
`eventcoder quotes`, exports) can query while a run writes. There is a single
writer, the main process of `eventcoder code`, and it commits one transaction
per batch of documents: a run killed at any moment leaves the database at the
last committed batch, which is what makes resuming safe. Re-coding a document
deletes its old rows and inserts the new ones in the same transaction, so a
document is never stored twice.

This module also owns the `events` and `quotes` query commands.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from eventcoder.model import Article, Document, Event, IngestError, Mention, Quote

DEFAULT_DB = "eventcoder.db"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 30.0
EXIT_USAGE = 2

_REF_FIELDS = ("text", "name", "country", "sector", "code", "role")

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    title TEXT, date TEXT, url TEXT, source TEXT, origin TEXT,
    text TEXT,
    removed TEXT,          -- JSON list of stripped noise
    places TEXT,           -- JSON list of places found
    dateline TEXT,         -- JSON place or null
    n_events INTEGER, n_quotes INTEGER,
    coded_at TEXT,
    status TEXT NOT NULL   -- coded | failed
);
CREATE TABLE IF NOT EXISTS events (
    doc_id TEXT NOT NULL, ordinal INTEGER NOT NULL, event_id TEXT NOT NULL,
    sentence_index INTEGER, sentence TEXT, span_start INTEGER, span_end INTEGER,
    trigger TEXT, trigger_start INTEGER, trigger_token INTEGER,
    {", ".join(f"source_{f} TEXT" for f in _REF_FIELDS)},
    {", ".join(f"target_{f} TEXT" for f in _REF_FIELDS)},
    cameo TEXT, cameo_root TEXT, quad_class INTEGER, goldstein REAL,
    plover_type TEXT, plover_mode TEXT, plover_context TEXT,
    modality TEXT, date TEXT, date_text TEXT, date_precision TEXT, date_source TEXT,
    location_name TEXT, location_country TEXT, location_lat REAL, location_lon REAL,
    location_geonames_id INTEGER,
    location TEXT,         -- JSON place, complete (the columns above are for queries)
    quote_id TEXT, confidence REAL, rule TEXT,
    PRIMARY KEY (doc_id, ordinal)
);
CREATE TABLE IF NOT EXISTS quotes (
    doc_id TEXT NOT NULL, ordinal INTEGER NOT NULL, quote_id TEXT NOT NULL,
    text TEXT, kind TEXT,
    {", ".join(f"speaker_{f} TEXT" for f in _REF_FIELDS)},
    cue TEXT, cue_group TEXT, span_start INTEGER, span_end INTEGER, sentence_index INTEGER,
    about TEXT,            -- JSON list of actor codes
    parts TEXT,            -- JSON list of [start, end] content pieces
    PRIMARY KEY (doc_id, ordinal)
);
CREATE TABLE IF NOT EXISTS actors (
    doc_id TEXT NOT NULL, ordinal INTEGER NOT NULL,
    code TEXT, country TEXT, sector TEXT, name TEXT, role TEXT,
    mentions TEXT,         -- JSON list of the mention texts
    PRIMARY KEY (doc_id, ordinal)
);
CREATE TABLE IF NOT EXISTS errors (
    origin TEXT NOT NULL, doc_id TEXT, stage TEXT NOT NULL, reason TEXT NOT NULL, at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS errors_key ON errors(origin, stage, reason);
CREATE INDEX IF NOT EXISTS errors_doc ON errors(doc_id);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_dyad ON events(source_code, target_code);
CREATE INDEX IF NOT EXISTS events_cameo ON events(cameo);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id);
CREATE INDEX IF NOT EXISTS events_event_id ON events(event_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_name);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes(doc_id);
CREATE INDEX IF NOT EXISTS actors_doc ON actors(doc_id);
CREATE INDEX IF NOT EXISTS actors_code ON actors(code);
"""


# -- connections --------------------------------------------------------------
def connect(path: str | Path, readonly: bool = False) -> sqlite3.Connection:
    """Open (and for writers, create) the database in WAL mode.

    Readers open the file read-only with a busy timeout so they can query while
    `eventcoder code` writes; the writer turns on WAL and creates the schema.
    """
    if readonly:
        # A plain connection that never writes: `mode=ro` cannot open a WAL file whose -shm is missing.
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
    else:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
        conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode survives a killed process (not a power cut) and is much faster than FULL.
        conn.execute("PRAGMA synchronous=NORMAL")
        with conn:
            conn.executescript(SCHEMA)
            _add_missing_columns(conn)
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    conn.row_factory = sqlite3.Row
    return conn


def _add_missing_columns(conn: sqlite3.Connection) -> None:
    """Bring a database made by an older eventcoder up to date: new columns are added, never dropped."""
    fresh = sqlite3.connect(":memory:")
    fresh.executescript(SCHEMA)
    for (table,) in fresh.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        for _, column, kind, *_ in fresh.execute(f"PRAGMA table_info({table})"):
            if column not in have:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
    fresh.close()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# -- flattening ---------------------------------------------------------------
def _ref(prefix: str, mention: Mention | None) -> dict[str, Any]:
    """Flatten an actor reference into prefixed columns (`source_code`, ...)."""
    ref = mention.ref() if mention is not None else {}
    return {f"{prefix}_{f}": ref.get(f) for f in _REF_FIELDS}


def event_row(event: Event, ordinal: int) -> dict[str, Any]:
    """One `events` row for an event; `ordinal` keeps the document's order."""
    loc = event.location
    plover = event.plover or {}
    return {
        "doc_id": event.doc_id,
        "ordinal": ordinal,
        "event_id": event.event_id,
        "sentence_index": event.sentence_index,
        "sentence": event.sentence,
        "span_start": event.span[0],
        "span_end": event.span[1],
        "trigger": event.trigger,
        "trigger_start": event.trigger_start,
        "trigger_token": event.trigger_token,
        **_ref("source", event.source),
        **_ref("target", event.target),
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
        "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None,
        "location_lat": loc.latitude if loc else None,
        "location_lon": loc.longitude if loc else None,
        "location_geonames_id": loc.geonames_id if loc else None,
        "location": json.dumps(asdict(loc), ensure_ascii=False) if loc else None,
        "quote_id": event.quote_id,
        "confidence": event.confidence,
        "rule": event.rule,
    }


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


def _delete_document(cur: sqlite3.Cursor, doc_id: str) -> None:
    """Remove every row of a document, so re-coding replaces instead of duplicating."""
    for table in ("events", "quotes", "actors", "documents"):
        cur.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))


def _put_document(cur: sqlite3.Cursor, doc: Document, coded_at: str) -> None:
    _delete_document(cur, doc.doc_id)
    # Earlier failures of this document are resolved; its warnings (bad date, bad bytes) still hold.
    cur.execute("DELETE FROM errors WHERE doc_id = ? AND stage != 'warning'", (doc.doc_id,))
    _insert(
        cur,
        "documents",
        [
            {
                "doc_id": doc.doc_id,
                "title": doc.title,
                "date": doc.date,
                "url": doc.url,
                "source": doc.source,
                "origin": doc.origin,
                "text": doc.text,
                "removed": json.dumps([asdict(r) for r in doc.removed], ensure_ascii=False),
                "places": json.dumps([asdict(p) for p in doc.places], ensure_ascii=False),
                "dateline": json.dumps(asdict(doc.dateline), ensure_ascii=False) if doc.dateline else None,
                "n_events": len(doc.events),
                "n_quotes": len(doc.quotes),
                "coded_at": coded_at,
                "status": "coded",
            }
        ],
    )
    _insert(cur, "events", [event_row(e, i) for i, e in enumerate(doc.events)])
    _insert(cur, "quotes", [quote_row(doc.doc_id, q, i) for i, q in enumerate(doc.quotes)])
    actor_rows = [
        {
            "doc_id": doc.doc_id,
            "ordinal": i,
            **{k: a[k] for k in ("code", "country", "sector", "name", "role")},
            "mentions": json.dumps(a["mentions"], ensure_ascii=False),
        }
        for i, a in enumerate(doc.actors())
    ]
    _insert(cur, "actors", actor_rows)


def _put_failed(cur: sqlite3.Cursor, article: Article, max_chars: int, at: str) -> None:
    """Keep a failed article's metadata (and text, if not huge) with status `failed`."""
    _delete_document(cur, article.doc_id)
    text = article.text if len(article.text) <= max_chars else None
    cur.execute(
        "INSERT INTO documents (doc_id, title, date, url, source, origin, text, coded_at, status)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'failed')",
        (article.doc_id, article.title, article.date, article.url, article.source, article.origin, text, at),
    )


def _put_errors(cur: sqlite3.Cursor, errors: Iterable[IngestError], at: str) -> None:
    # The unique key (origin, stage, reason) keeps a re-run from piling up the same error twice.
    cur.executemany(
        "INSERT OR REPLACE INTO errors (origin, doc_id, stage, reason, at) VALUES (?, ?, ?, ?, ?)",
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
    """Store one batch (coded documents, errors, failed articles) in one transaction.

    One transaction per batch is the unit of progress: it commits whole or not at all.
    """
    at = _now()
    with conn:
        cur = conn.cursor()
        for doc in docs:
            _put_document(cur, doc, at)
        for article in failed:
            _put_failed(cur, article, max_failed_text, at)
        _put_errors(cur, errors, at)


def write_documents(conn: sqlite3.Connection, docs: Sequence[Document]) -> None:
    """Store coded documents, replacing any earlier rows of the same doc_id."""
    write_batch(conn, docs)


def record_errors(conn: sqlite3.Connection, errors: Sequence[IngestError]) -> None:
    """Store input or pipeline errors (deduplicated on origin, stage and reason)."""
    write_batch(conn, (), errors)


def coded_ids(conn: sqlite3.Connection) -> set[str]:
    """doc_ids already coded successfully (failed ones are retried on resume)."""
    return {row[0] for row in conn.execute("SELECT doc_id FROM documents WHERE status = 'coded'")}


def is_coded(conn: sqlite3.Connection, doc_id: str) -> bool:
    """Membership check for resume that needs no memory per stored document."""
    row = conn.execute("SELECT 1 FROM documents WHERE doc_id = ? AND status = 'coded'", (doc_id,)).fetchone()
    return row is not None


# -- reading documents back -----------------------------------------------------
def _unref(row: sqlite3.Row, prefix: str) -> dict[str, Any] | None:
    """The actor reference of `Mention.ref()` from prefixed columns (None when there was no mention)."""
    ref = {f: row[f"{prefix}_{f}"] for f in _REF_FIELDS}
    return ref if any(v is not None for v in ref.values()) else None


def event_dict(row: sqlite3.Row) -> dict[str, Any]:
    """An `events` row back in the shape of `Event.to_dict()`."""
    return {
        "event_id": row["event_id"],
        "sentence_index": row["sentence_index"],
        "sentence": row["sentence"],
        "span": [row["span_start"], row["span_end"]],
        "trigger": row["trigger"],
        "source": _unref(row, "source"),
        "target": _unref(row, "target"),
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
    return {
        "doc_id": doc_id,
        "title": row["title"],
        "date": row["date"],
        "url": row["url"],
        "source": row["source"],
        "text": row["text"],
        "removed": json.loads(row["removed"] or "[]"),
        "events": [event_dict(r) for r in rows("events")],
        "quotes": [quote_dict(r) for r in rows("quotes")],
        "actors": actors,
        "places": json.loads(row["places"] or "[]"),
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


# -- queries ------------------------------------------------------------------
def _actor_clause(prefixes: Sequence[str], needle: str) -> tuple[str, list[str]]:
    """SQL matching an actor by code prefix ("USA" matches USAGOV) or by name/text."""
    parts: list[str] = []
    params: list[str] = []
    for p in prefixes:
        parts.append(f"{p}_code LIKE ? OR {p}_name LIKE ? OR {p}_text LIKE ?")
        params += [needle.upper() + "%", f"%{needle}%", f"%{needle}%"]
    return "(" + " OR ".join(parts) + ")", params


_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def query_events(conn: sqlite3.Connection, args: argparse.Namespace) -> list[sqlite3.Row]:
    """Events matching the command-line filters, ordered by date then document order."""
    where: list[str] = []
    params: list[Any] = []
    if args.actor:
        clause, p = _actor_clause(("source", "target"), args.actor)
        where.append(clause)
        params += p
    if args.dyad:
        src, _, tgt = args.dyad.partition(":")
        for prefix, needle in (("source", src), ("target", tgt)):
            if needle:
                clause, p = _actor_clause((prefix,), needle)
                where.append(clause)
                params += p
    if args.code:
        where.append("cameo LIKE ?")
        params.append(args.code + "%")
    if args.root:
        where.append("cameo_root = ?")
        params.append(args.root.zfill(2))
    if args.since:
        where.append("date >= ?")
        params.append(args.since)
    if args.until:
        # "2022-01" as an upper bound includes the whole month.
        where.append("substr(date, 1, ?) <= ?")
        params += [len(args.until), args.until]
    if args.modality:
        where.append("modality = ?")
        params.append(args.modality)
    sql = "SELECT * FROM events"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY date IS NULL, date, doc_id, ordinal LIMIT ?"
    params.append(args.limit if args.limit and args.limit > 0 else -1)
    return list(conn.execute(sql, params))


def query_quotes(conn: sqlite3.Connection, args: argparse.Namespace) -> list[sqlite3.Row]:
    """Quotes matching the speaker / about filters, in document order."""
    where: list[str] = []
    params: list[Any] = []
    if args.speaker:
        clause, p = _actor_clause(("speaker",), args.speaker)
        where.append(clause)
        params += p
    if args.about:
        where.append("about LIKE ?")
        params.append(f'%"{args.about.upper()}%')
    sql = "SELECT quotes.*, documents.date AS doc_date FROM quotes JOIN documents USING (doc_id)"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY documents.date IS NULL, documents.date, doc_id, ordinal LIMIT ?"
    params.append(args.limit if args.limit and args.limit > 0 else -1)
    return list(conn.execute(sql, params))


# -- display ------------------------------------------------------------------
def _code_namer() -> Callable[[str], str | None]:
    """A function giving a CAMEO code's name from `eventcoder.ontology`, or None if it is unavailable."""
    try:
        from eventcoder.ontology import Ontology

        onto = Ontology.load()
    except Exception:  # noqa: BLE001 - the table still prints, with bare codes
        return lambda code: None

    def name(code: str) -> str | None:
        entry = onto.get(code)
        return entry.name if entry is not None else None

    return name


def _actor_label(row: sqlite3.Row, prefix: str) -> str:
    """`USAGOV Antony Blinken`, or the mention text when the actor is unresolved."""
    code = row[f"{prefix}_code"]
    name = row[f"{prefix}_name"] or row[f"{prefix}_text"]
    if code and name:
        return f"{code} {name}"
    return code or name or "-"


def _clip(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    if len(text) <= width:
        return text
    return text[: max(width - 1, 0)] + "…"


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]) -> str:
    """Fixed-width columns; the last column takes whatever width is left."""
    lines = []
    for cells in [headers, ["─" * w for w in widths], *rows]:
        lines.append("  ".join(_clip(c, w).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
    return "\n".join(lines)


def _fit(fixed: Sequence[int], minimum_last: int = 30) -> list[int]:
    """Column widths for the terminal: fixed columns, the rest to the last one."""
    total = shutil.get_terminal_size((160, 24)).columns
    last = max(minimum_last, total - sum(fixed) - 2 * len(fixed))
    return [*fixed, last]


def events_table(rows: Sequence[sqlite3.Row]) -> str:
    """The readable events table (`make demo` prints this)."""
    namer = _code_namer()
    body = []
    for r in rows:
        name = namer(r["cameo"]) if r["cameo"] else None
        event = f"{r['cameo']} {name}" if name else (r["cameo"] or "")
        body.append(
            [
                r["date"] or "-",
                _actor_label(r, "source"),
                event,
                _actor_label(r, "target"),
                r["modality"] or "",
                r["trigger"] or "",
                r["sentence"] or "",
            ]
        )
    widths = _fit([10, 22, 34, 22, 12, 12])
    headers = ["date", "source", "event", "target", "modality", "trigger", "sentence"]
    return format_table(headers, body, widths)


def quotes_table(rows: Sequence[sqlite3.Row]) -> str:
    """The readable quotes table."""
    body = []
    for r in rows:
        about = ", ".join(json.loads(r["about"] or "[]"))
        body.append(
            [
                r["doc_date"] or "-",
                _actor_label(r, "speaker"),
                r["cue"] or "",
                r["kind"] or "",
                about,
                r["text"],
            ]
        )
    widths = _fit([10, 28, 14, 8, 16])
    return format_table(["date", "speaker", "cue", "kind", "about", "quote"], body, widths)


# -- commands -----------------------------------------------------------------
def _add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB, help=f"SQLite database (default {DEFAULT_DB})")
    parser.add_argument("--limit", type=int, default=50, help="at most N rows (0: all; default 50)")
    parser.add_argument("--json", action="store_true", help="print JSON lines instead of a table")


def add_events_arguments(parser: argparse.ArgumentParser) -> None:
    _add_db_argument(parser)
    parser.add_argument("--actor", help="source or target: code prefix (USA, RUSMIL) or part of a name")
    parser.add_argument("--dyad", help="SOURCE:TARGET, each a code prefix or name part (either may be empty)")
    parser.add_argument("--code", help="CAMEO code prefix, e.g. 19 or 0831")
    parser.add_argument("--root", help="CAMEO root code, e.g. 14")
    parser.add_argument("--since", help="events dated on or after YYYY[-MM[-DD]]")
    parser.add_argument("--until", help="events dated on or before YYYY[-MM[-DD]]")
    parser.add_argument("--modality", help="asserted, negated, hypothetical, future, denied or question")


def add_quotes_arguments(parser: argparse.ArgumentParser) -> None:
    _add_db_argument(parser)
    parser.add_argument("--speaker", help="speaker: code prefix or part of a name")
    parser.add_argument("--about", help="actor code (prefix) the quote mentions, e.g. RUS")


def _open_for_reading(path: str) -> sqlite3.Connection | None:
    if not Path(path).is_file():
        print(
            f"eventcoder: no database at {path} (run `eventcoder code ... --db {path}` first)",
            file=sys.stderr,
        )
        return None
    return connect(path, readonly=True)


def _print_rows(
    rows: Sequence[sqlite3.Row], table: Callable[[Sequence[sqlite3.Row]], str], as_json: bool
) -> None:
    if as_json:
        for r in rows:
            print(json.dumps(dict(r), ensure_ascii=False))
        return
    print(table(rows), flush=True)
    print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}", file=sys.stderr)


def run_events(args: argparse.Namespace) -> int:
    """`eventcoder events`: filter and print stored events."""
    for flag in ("since", "until"):
        value = getattr(args, flag)
        if value and not _DATE.match(value):
            print(f"eventcoder events: --{flag} must look like YYYY, YYYY-MM or YYYY-MM-DD", file=sys.stderr)
            return EXIT_USAGE
    return _query_and_print(args, query_events, events_table)


def run_quotes(args: argparse.Namespace) -> int:
    """`eventcoder quotes`: filter and print stored quotes."""
    return _query_and_print(args, query_quotes, quotes_table)


def _query_and_print(
    args: argparse.Namespace,
    query: Callable[[sqlite3.Connection, argparse.Namespace], list[sqlite3.Row]],
    table: Callable[[Sequence[sqlite3.Row]], str],
) -> int:
    """Open the database read-only, run one query and print its rows (table or JSON)."""
    conn = _open_for_reading(args.db)
    if conn is None:
        return EXIT_USAGE
    with conn:
        rows = query(conn, args)
    conn.close()
    _print_rows(rows, table, args.json)
    return 0
