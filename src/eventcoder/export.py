"""`eventcoder export`: the database as data products analysts load directly.

Formats (docs/export.md documents every column against its codebook):
- `gdelt`: GDELT 2.0 Events, one headerless tab-separated row per event *record*
  (see `eventcoder.gdelt`); `gdelt-mentions`: GDELT 2.0 Mentions, one row per
  mention, joined to the Events file by GLOBALEVENTID.
- `plover`: PLOVER/POLECAT-style JSON lines, one per event mention (`eventcoder.plover`),
  valid against `data/export/plover.schema.json`.
- `csv`, `parquet`: a table at the level asked for with `--table`: `events` (one row per
  event mention), `records` (one per real-world event), `mentions` (record to mention
  links with offsets) or `quotes`.
- `jsonl`: whole documents in the shape `eventcoder code -o` writes.

`--since/--until` (event date; for quotes and documents, the publication date) and
`--asserted-only` apply to every format. GDELT files hold asserted events only unless
`--all-modalities` is given: GDELT has no modality column, so a negated event would
read as fact. Input is the database, or a JSONL file from `eventcoder code -o`
(`--from-jsonl`), which is loaded into a temporary database first so that records
and counts are computed the same way.
"""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from eventcoder import gdelt, queries, records, store
from eventcoder.gdelt import GDELT_COLUMNS as GDELT_COLUMNS  # re-exported: the column names
from eventcoder.plover import plover_record

FORMATS = ("gdelt", "gdelt-mentions", "plover", "csv", "parquet", "jsonl")
TABLES = ("events", "records", "mentions", "quotes")
PARQUET_BATCH = 10_000


@dataclass(frozen=True)
class Selection:
    """Which rows an export covers (the same for every format)."""

    since: str | None = None
    until: str | None = None
    asserted_only: bool = False


# -- rows from the database --------------------------------------------------------
_EVENT_SQL = (
    "SELECT events.*, documents.url, documents.source AS doc_source, documents.title,"
    " documents.date AS doc_date, documents.coded_at, documents.coder_version,"
    " length(documents.text) AS doc_len, records.first_added AS record_added"
    " FROM events JOIN documents ON documents.doc_id = events.doc_id"
    " LEFT JOIN records ON records.record_id = events.record_id"
)
_MENTION_COLUMNS = (
    "record_id", "event_id", "doc_id", "sentence_index", "span_start", "span_end", "trigger_start",
    "source_start", "source_end", "target_start", "target_end", "confidence", "modality", "date",
    "doc_date", "doc_source", "url",
)  # fmt: skip


def _filtered(
    sql: str, date_column: str, modality_column: str | None, selection: Selection, *fixed: str
) -> tuple[str, list[Any]]:
    """`sql` with the selection's WHERE clause (plus any `fixed` conditions) and its parameters."""
    filters = queries.Filters()
    for condition in fixed:
        filters.add(condition)
    queries.date_range(filters, date_column, selection.since, selection.until)
    if selection.asserted_only and modality_column:
        filters.add(f"{modality_column} = 'asserted'")
    return sql + filters.sql(), filters.params


def event_rows(conn: sqlite3.Connection, selection: Selection) -> Iterator[dict[str, Any]]:
    """Event mentions joined with their document (and record), by date then document order."""
    sql, params = _filtered(_EVENT_SQL, "events.date", "events.modality", selection)
    sql += " ORDER BY events.date IS NULL, events.date, events.doc_id, events.ordinal"
    for row in conn.execute(sql, params):
        yield dict(row)


def record_rows(conn: sqlite3.Connection, selection: Selection) -> Iterator[dict[str, Any]]:
    """Event records, by date."""
    sql, params = _filtered("SELECT * FROM records", "date", "modality", selection)
    for row in conn.execute(sql + " ORDER BY date IS NULL, date, record_id", params):
        yield dict(row)


def mention_rows(conn: sqlite3.Connection, selection: Selection) -> Iterator[dict[str, Any]]:
    """Record-to-mention links with the offsets that point back to the evidence."""
    for row in event_rows(conn, selection):
        yield {c: row.get(c) for c in _MENTION_COLUMNS}


def quote_rows(conn: sqlite3.Connection, selection: Selection) -> Iterator[dict[str, Any]]:
    """Quotes with their document's date, source and url; `--asserted-only` does not apply."""
    base = (
        "SELECT quotes.*, documents.date AS doc_date, documents.source AS doc_source, documents.url"
        " FROM quotes JOIN documents ON documents.doc_id = quotes.doc_id"
    )
    sql, params = _filtered(base, "documents.date", None, selection)
    for row in conn.execute(sql + " ORDER BY documents.date, quotes.doc_id, quotes.ordinal", params):
        yield dict(row)


TABLE_ROWS = {"events": event_rows, "records": record_rows, "mentions": mention_rows, "quotes": quote_rows}


def document_dicts(conn: sqlite3.Connection, selection: Selection) -> Iterator[dict[str, Any]]:
    """Whole documents (JSONL), selected by publication date; `--asserted-only` drops other events."""
    sql, params = _filtered("SELECT * FROM documents", "date", None, selection, "status = 'coded'")
    for row in conn.execute(sql + " ORDER BY rowid", params):
        document = store.document_dict(conn, row)
        if selection.asserted_only:
            document["events"] = [e for e in document["events"] if e["modality"] == "asserted"]
        yield document


# -- writers -------------------------------------------------------------------------
def write_gdelt(conn: sqlite3.Connection, out: TextIO, selection: Selection) -> int:
    """GDELT 2.0 Events rows (headerless, tab-separated), one per record; returns the row count."""
    count = 0
    for record in record_rows(conn, selection):
        out.write(tsv_line(gdelt.event_row(record)))
        count += 1
    return count


def write_gdelt_mentions(conn: sqlite3.Connection, out: TextIO, selection: Selection) -> int:
    """GDELT 2.0 Mentions rows, one per event mention that belongs to an exported record."""
    count = 0
    written: set[tuple[Any, ...]] = set()  # mentions of the current (date, document) run of rows
    group: tuple[Any, ...] = ()
    for row in event_rows(conn, selection):  # ordered by date, then document: a sentence's rows are adjacent
        if (row.get("date"), row["doc_id"]) != group:
            group, written = (row.get("date"), row["doc_id"]), set()
        key = (row.get("record_id"), *records.mention_key(row))
        if row.get("record_id") and key not in written:  # the parties of one compound actor: one row
            written.add(key)
            out.write(tsv_line(gdelt.mention_row(row)))
            count += 1
    return count


def tsv_line(cells: Sequence[str]) -> str:
    """One GDELT line. GDELT files have no quoting: tabs and line breaks inside a value become spaces,
    and double quotes become single quotes, so that any CSV reader's defaults load the file."""
    clean = (" ".join(str(c).split()) if any(ch in str(c) for ch in "\t\r\n") else str(c) for c in cells)
    return "\t".join(c.replace('"', "'") for c in clean) + "\n"


def write_plover(conn: sqlite3.Connection, out: TextIO, selection: Selection) -> int:
    """PLOVER JSON lines; events without a PLOVER type or a date are left out (PLOVER requires both)."""
    count = 0
    for row in event_rows(conn, selection):
        record = plover_record(row, row.get("coder_version") or "eventcoder")
        if record is not None:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_jsonl(documents: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for document in documents:
        out.write(json.dumps(document, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """CSV with a header row taken from the first row's keys."""
    writer: csv.DictWriter[str] | None = None
    count = 0
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
        writer.writerow(row)
        count += 1
    return count


_ARROW_TYPES = {"INTEGER": "int64", "REAL": "float64"}


def _column_types(conn: sqlite3.Connection) -> dict[str, str]:
    """Declared SQLite type of every column name in the schema (for typed Parquet columns)."""
    types = {"doc_len": "INTEGER", "doc_date": "TEXT", "record_added": "TEXT", "doc_source": "TEXT"}
    for table in ("documents", "records", "events", "quotes"):
        for name, kind in store.schema_columns(table):
            types.setdefault(name, kind)
    return types


def _arrow_schema(conn: sqlite3.Connection, columns: Sequence[str]) -> Any:
    import pyarrow as pa

    declared = _column_types(conn)
    kinds = {"INTEGER": pa.int64(), "REAL": pa.float64()}
    return pa.schema([(c, kinds.get(declared.get(c, ""), pa.string())) for c in columns])


def write_parquet(conn: sqlite3.Connection, rows: Iterable[dict[str, Any]], path: Path) -> int:
    """Parquet (pyarrow) with typed columns: INTEGER -> int64, REAL -> float64, TEXT -> string."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer = None
    count = 0
    try:
        for batch in _batches(rows, PARQUET_BATCH):
            if writer is None:
                writer = pq.ParquetWriter(str(path), _arrow_schema(conn, list(batch[0])))
            writer.write_table(pa.Table.from_pylist(batch, schema=writer.schema))
            count += len(batch)
        if writer is None:  # no rows: still a valid, empty file
            pq.write_table(pa.table({}), str(path))
    finally:
        if writer is not None:
            writer.close()
    return count


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# -- input ----------------------------------------------------------------------------
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


def load_jsonl_into(db_path: Path, jsonl: Path) -> None:
    """Store a `code -o` JSONL file in a fresh database (records are grouped as in a real run)."""
    from eventcoder.model import document_from_dict

    conn = store.connect(db_path)
    try:
        batch = []
        for number, data in enumerate(read_jsonl_documents(jsonl), 1):
            try:
                batch.append(document_from_dict(data))
            except (KeyError, TypeError, ValueError) as error:
                raise ValueError(f"{jsonl}:{number}: not an eventcoder document: {error}") from error
            if len(batch) >= 64:
                store.write_documents(conn, batch)
                batch = []
        store.write_documents(conn, batch)
    finally:
        conn.close()


# -- CLI --------------------------------------------------------------------------------
def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=store.DEFAULT_DB, help=f"database to export: {store.DB_HELP}")
    parser.add_argument("--from-jsonl", metavar="FILE", help="export a JSONL file from `code -o` instead")
    parser.add_argument("--format", choices=FORMATS, default="gdelt")
    parser.add_argument(
        "--table", choices=TABLES, default="events", help="csv/parquet: which table (default events)"
    )
    parser.add_argument(
        "-o", "--output", default="-", help="output file (default: stdout; parquet needs a file)"
    )
    parser.add_argument("--since", help="events (quotes: documents) dated on or after YYYY[-MM[-DD]]")
    parser.add_argument("--until", help="events (quotes: documents) dated on or before YYYY[-MM[-DD]]")
    parser.add_argument("--asserted-only", action="store_true", help="only asserted events")
    parser.add_argument(
        "--all-modalities",
        action="store_true",
        help="GDELT: also write negated, hypothetical and future events (GDELT has no modality column)",
    )


def _selection(args: argparse.Namespace) -> Selection:
    queries.check_date_bound("--since", args.since)
    queries.check_date_bound("--until", args.until)
    gdelt_default = args.format.startswith("gdelt") and not args.all_modalities
    return Selection(args.since, args.until, asserted_only=args.asserted_only or gdelt_default)


def export(conn: sqlite3.Connection, fmt: str, table: str, output: str, selection: Selection) -> str:
    """Write one export; returns the line to report ("wrote 12 GDELT event rows")."""
    if fmt == "parquet":
        count = write_parquet(conn, TABLE_ROWS[table](conn, selection), Path(output))
        return f"wrote {count} {table} rows to {output}"
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8", newline="")
    try:
        if fmt == "gdelt":
            return f"wrote {write_gdelt(conn, out, selection)} GDELT event rows"
        if fmt == "gdelt-mentions":
            return f"wrote {write_gdelt_mentions(conn, out, selection)} GDELT mention rows"
        if fmt == "plover":
            return f"wrote {write_plover(conn, out, selection)} PLOVER events"
        if fmt == "csv":
            return f"wrote {write_csv(TABLE_ROWS[table](conn, selection), out)} {table} rows"
        return f"wrote {write_jsonl(document_dicts(conn, selection), out)} documents"
    finally:
        if out is not sys.stdout:
            out.close()


def run_export(args: argparse.Namespace) -> int:
    """`eventcoder export`: 0 written, 2 usage error or unusable input."""
    if args.format == "parquet" and args.output == "-":
        print("eventcoder export: parquet needs an output file (-o FILE.parquet)", file=sys.stderr)
        return 2
    try:
        selection = _selection(args)
        with tempfile.TemporaryDirectory(prefix="eventcoder-export-") as scratch:
            db_path: str | Path = args.db  # a file, or a postgresql:// URL (never through Path)
            if args.from_jsonl:
                db_path = Path(scratch) / "from-jsonl.db"
                load_jsonl_into(db_path, Path(args.from_jsonl))
            conn = store.connect(db_path, readonly=True)
            try:
                message = export(conn, args.format, args.table, args.output, selection)
            finally:
                conn.close()
    except BrokenPipeError:
        raise
    except (store.StoreError, ValueError, OSError, sqlite3.DatabaseError) as error:
        print(f"eventcoder export: {error}", file=sys.stderr)
        return 2
    print(message, file=sys.stderr)
    return 0
