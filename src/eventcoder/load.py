"""`eventcoder load PARQUET_DIR --db ...`: load the Parquet output of a Ray run into a database.

Why shard by shard: every write task of the Ray run writes one file per table
under the same name (`documents/part-X.parquet`, `events/part-X.parquet`, ...),
holding the same documents, so a shard set is a self-contained batch: it is
loaded in one transaction and memory stays at one shard whatever the corpus.

Idempotent: a document already stored with the same content hash (and coded)
is skipped; one stored with another hash, or failed, is replaced (its old rows
deleted in the same transaction); errors upsert on their key. Loading the same
folder twice, or two overlapping folders, leaves every document once.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventcoder import store

EXIT_OK = 0
EXIT_USAGE = 2
# The Parquet layout of a Ray run (written by `scale`, read here): one dataset per table.
TABLES = ("documents", "events", "quotes", "sentences", "actors", "errors")
_ARROW_TYPES = {"TEXT": "string", "INTEGER": "int64", "REAL": "float64"}


def table_columns(table: str) -> tuple[tuple[str, str], ...]:
    """(column, Arrow type name) of an output table: the database's columns plus the content hash."""
    columns = [(name, _ARROW_TYPES.get(kind, "string")) for name, kind in store.schema_columns(table)]
    if "content_hash" not in {name for name, _ in columns}:
        columns.append(("content_hash", "string"))
    return tuple(columns)


def arrow_schema(table: str) -> Any:
    """The pyarrow schema of one output table (every column nullable, like the database's)."""
    import pyarrow as pa

    return pa.schema([(name, getattr(pa, kind)()) for name, kind in table_columns(table)])


@dataclass
class LoadSummary:
    documents: int = 0
    skipped: int = 0
    events: int = 0
    quotes: int = 0
    errors: int = 0
    shards: int = 0

    def line(self, db: str) -> str:
        """The one-line report of a load."""
        text = (
            f"loaded {self.documents} documents ({self.events} events, {self.quotes} quotes, "
            f"{self.errors} errors) from {self.shards} shards into {store.display_name(db)}"
        )
        if self.skipped:
            text += f" ({self.skipped} already there, skipped)"
        return text


def shard_names(folder: Path) -> list[str]:
    """Every shard name seen in any table folder, sorted (a shard may lack rows in some tables)."""
    names: set[str] = set()
    for table in TABLES:
        names.update(p.name for p in (folder / table).glob("*.parquet"))
    return sorted(names)


def read_shard(folder: Path, name: str) -> dict[str, list[dict[str, Any]]]:
    """The rows of one shard set, per table, with the table's full set of columns."""
    import pyarrow.parquet as pq

    rows: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        path = folder / table / name
        rows[table] = pq.read_table(path, schema=arrow_schema(table)).to_pylist() if path.is_file() else []
    return rows


def group_by_document(rows: dict[str, list[dict[str, Any]]]) -> list[dict[str, list[dict[str, Any]]]]:
    """One {table: rows} per document of a shard, in doc_id order; the hash stays on the document row."""
    grouped: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for table in TABLES:
        if table == "errors":
            continue
        for row in rows[table]:
            if table != "documents":
                row = {k: v for k, v in row.items() if k != "content_hash"}
            grouped[row["doc_id"]][table].append(row)
    return [dict(grouped[doc_id]) for doc_id in sorted(grouped) if grouped[doc_id]["documents"]]


def load_shard(conn: Any, rows: dict[str, list[dict[str, Any]]], force: bool, summary: LoadSummary) -> None:
    """One shard set in one transaction: new or changed documents replaced whole, errors upserted."""
    documents = group_by_document(rows)
    errors = [{k: v for k, v in row.items() if k != "content_hash"} for row in rows["errors"]]
    written = set(store.write_rows(conn, documents, errors, force))
    for tables in documents:
        if tables["documents"][0]["doc_id"] not in written:
            summary.skipped += 1
            continue
        summary.documents += 1
        summary.events += len(tables.get("events", []))
        summary.quotes += len(tables.get("quotes", []))
    summary.errors += sum(1 for e in errors if e["stage"] != "warning")
    summary.shards += 1


def load_parquet(folder: str | Path, db: str, force: bool = False) -> LoadSummary:
    """Load a Ray run's Parquet folder into the database at `db` (SQLite path or postgresql:// URL)."""
    folder = Path(folder)
    summary = LoadSummary()
    conn = store.connect(db)
    try:
        for name in shard_names(folder):
            load_shard(conn, read_shard(folder, name), force, summary)
    finally:
        conn.close()
    return summary


def add_load_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "folder", metavar="PARQUET_DIR", help="output folder of `eventcoder code --engine ray`"
    )
    parser.add_argument(
        "--db",
        default=store.DEFAULT_DB,
        help=store.DB_HELP,
    )
    parser.add_argument("--force", action="store_true", help="replace documents already stored unchanged")


def run_load(args: argparse.Namespace) -> int:
    """`eventcoder load`: exit 0 loaded, 2 when the folder holds no shards or the database cannot open."""
    folder = Path(args.folder)
    if not any((folder / t).is_dir() for t in TABLES):
        print(f"eventcoder load: {folder} holds no Parquet tables ({', '.join(TABLES)})", file=sys.stderr)
        return EXIT_USAGE
    try:
        summary = load_parquet(folder, args.db, args.force)
    except store.StoreError as exc:
        print(f"eventcoder load: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(summary.line(args.db), file=sys.stderr)
    return EXIT_OK
