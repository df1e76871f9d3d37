"""PostgreSQL as the store for teams: `--db postgresql://user@host/dbname`, through psycopg 3.

Why a thin connection wrapper rather than a second store: the store's SQL is
written once, portably (standard types, `ON CONFLICT` upserts, `LIKE ... ESCAPE`),
and every query function takes a connection. `PgConnection` gives psycopg the
few manners of `sqlite3.Connection` the store relies on (`?` parameters, rows
read by name or position, `with conn:` as one transaction), and `PostgresDialect`
holds the only real differences: the DDL types, the writer lock and full-text
search. SQLite stays the embedded default; nothing here loads unless a
postgresql:// URL is given.

Several `eventcoder code` processes, on any machines, may write into one
database at once. Each batch is one transaction that first takes a
transaction-level advisory lock, so batch commits happen one at a time (as
SQLite's write lock does for one file): a document's rows are replaced whole
or not at all, its doc_id primary key and the events' unique event_id forbid a
second copy, and event records are grouped against everything committed before.
Coding, the expensive part, runs in parallel; only the short commits queue.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

URL_PREFIXES = ("postgresql://", "postgres://")
# Advisory-lock keys (any fixed 64-bit numbers): one for schema set-up, one for batch commits.
SCHEMA_LOCK = 0x6576_656E_7473_01
WRITE_LOCK = 0x6576_656E_7473_02
CONNECT_TIMEOUT_S = 10


def is_url(db: object) -> bool:
    """Is this --db value a PostgreSQL URL (rather than an SQLite file)?"""
    return str(db).startswith(URL_PREFIXES)


# -- SQL translation -----------------------------------------------------------
_STRING_OR_MARK = re.compile(r"'(?:[^']|'')*'|\?|%|(?<![:\w]):[A-Za-z_]\w*")


def translate(sql: str) -> str:
    """SQLite-style parameters (`?`, `:name`) to psycopg's (`%s`, `%(name)s`), literal `%` doubled.

    String literals are left as they are; `::` casts are not parameters.
    """

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        if token.startswith(":"):
            return f"%({token[1:]})s"
        return token

    return _STRING_OR_MARK.sub(swap, sql)


# INTEGER stays 32-bit (offsets, counts and GeoNames ids fit; substr() takes int4), REAL becomes 64-bit.
_PG_TYPES = ((re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),)


_VIEW = re.compile(r"^CREATE VIEW IF NOT EXISTS (\w+)")


def ddl(schema: str) -> list[str]:
    """The store's portable DDL as PostgreSQL statements (64-bit floats); views are in `views`."""
    statements = []
    for statement in schema.split(";"):
        text = statement.strip()
        if not text or _VIEW.match(text):
            continue
        for pattern, replacement in _PG_TYPES:
            text = pattern.sub(replacement, text)
        statements.append(text)
    return statements


def views(schema: str) -> dict[str, str]:
    """name -> `CREATE VIEW` statement of each view in the schema.

    PostgreSQL has no CREATE VIEW IF NOT EXISTS, and CREATE OR REPLACE refuses a view whose
    `events.*` gained a column, so a view is created only where it is missing (as in SQLite).
    """
    found = {}
    for statement in schema.split(";"):
        match = _VIEW.match(statement.strip())
        if match:
            found[match.group(1)] = statement.strip().replace(" IF NOT EXISTS", "", 1)
    return found


# Insertion order (SQLite's implicit rowid, which exports and the dashboard use) and full-text indexes.
_EXTRA_DDL = (
    "ALTER TABLE documents ADD COLUMN IF NOT EXISTS rowid BIGINT GENERATED ALWAYS AS IDENTITY",
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS rowid BIGINT GENERATED ALWAYS AS IDENTITY",
    "CREATE INDEX IF NOT EXISTS sentences_search ON sentences USING gin (to_tsvector('english', text))",
    "CREATE INDEX IF NOT EXISTS quotes_search ON quotes USING gin (to_tsvector('english', text))",
    "CREATE TABLE IF NOT EXISTS eventcoder_schema (version BIGINT NOT NULL)",
)


# -- rows and cursors with sqlite3's manners --------------------------------------
class Row(tuple):  # type: ignore[type-arg]
    """A result row readable by position or by column name, and convertible with dict(), like sqlite3.Row."""

    names: tuple[str, ...] = ()

    def __new__(cls, values: Sequence[Any], names: tuple[str, ...]) -> Row:
        row = super().__new__(cls, values)
        row.names = names
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names.index(key))
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


def _row_factory(cursor: Any) -> Any:
    names = tuple(column.name for column in cursor.description or ())
    return lambda values: Row(values, names)


class PostgresError(sqlite3.DatabaseError):
    """A PostgreSQL error raised as sqlite3's DatabaseError, so callers handle both backends alike."""


@contextmanager
def _as_database_error() -> Iterator[None]:
    psycopg = _psycopg()
    try:
        yield
    except psycopg.Error as exc:
        raise PostgresError(str(exc).strip()) from exc


class PgCursor:
    """A psycopg cursor that takes the store's `?` SQL."""

    def __init__(self, raw: Any, connection: PgConnection) -> None:
        self.raw = raw
        self.connection = connection

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> PgCursor:
        values = dict(params) if isinstance(params, Mapping) else tuple(params) if params else None
        with _as_database_error():
            self.raw.execute(translate(sql), values)
        return self

    def executemany(self, sql: str, seq: Any) -> PgCursor:
        with _as_database_error():
            self.raw.executemany(translate(sql), [tuple(p) for p in seq])
        return self

    def fetchone(self) -> Any:
        return self.raw.fetchone()

    def fetchall(self) -> list[Any]:
        return list(self.raw.fetchall())

    def __iter__(self) -> Iterator[Any]:
        return iter(self.raw)

    @property
    def description(self) -> Any:
        return self.raw.description

    @property
    def rowcount(self) -> int:
        return int(self.raw.rowcount)

    def close(self) -> None:
        self.raw.close()


class PgConnection:
    """A psycopg connection with `sqlite3.Connection`'s interface as the store uses it.

    Statements outside `with conn:` commit on their own (autocommit); `with conn:` is one
    transaction, committed at the end or rolled back on an exception, as with sqlite3.
    """

    def __init__(self, raw: Any, url: str) -> None:
        from psycopg.types.numeric import FloatLoader

        raw.adapters.register_loader("numeric", FloatLoader)  # round(x, 2) gives floats, as in SQLite
        self.raw = raw
        self.url = url
        self.dialect = PostgresDialect()
        self.row_factory: Any = None  # accepted for sqlite3 compatibility; rows are always `Row`
        self._transactions: list[Any] = []

    def cursor(self) -> PgCursor:
        return PgCursor(self.raw.cursor(row_factory=_row_factory), self)

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> PgCursor:
        return self.cursor().execute(sql, params)

    def executemany(self, sql: str, seq: Any) -> PgCursor:
        return self.cursor().executemany(sql, seq)

    def __enter__(self) -> PgConnection:
        transaction = self.raw.transaction()
        transaction.__enter__()
        self._transactions.append(transaction)
        return self

    def __exit__(self, *exc: Any) -> None:
        self._transactions.pop().__exit__(*exc)

    def commit(self) -> None:
        """Nothing to do outside `with conn:` (autocommit); kept for sqlite3-style callers."""

    @property
    def in_transaction(self) -> bool:
        return bool(self._transactions)

    def close(self) -> None:
        self.raw.close()


# -- what differs from SQLite ------------------------------------------------------
class PostgresDialect:
    """PostgreSQL's side of the store's backend interface (`store.SQLiteDialect` is the other)."""

    name = "postgresql"

    def lock_writers(self, cur: Any) -> None:
        """One batch commit at a time across every process writing to this database."""
        cur.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")

    def has_search_index(self, conn: Any) -> bool:
        return True

    def search_sql(self) -> str:
        """Sentences matching a web-search style query (`eventcoder search`), best first."""
        return (
            "SELECT sentences.* FROM sentences"
            " WHERE to_tsvector('english', text) @@ websearch_to_tsquery('english', ?)"
            " ORDER BY ts_rank(to_tsvector('english', text), websearch_to_tsquery('english', ?)) DESC"
        )

    def search_params(self, match: str) -> list[Any]:
        return [match, match]

    def columns(self, conn: Any, table: str) -> set[str]:
        sql = "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
        return {row[0] for row in conn.execute(sql + " AND table_name = ?", (table,))}

    def period_start(self, interval: str, day: str) -> str:
        if interval == "day":
            return day
        return f"to_char(date_trunc('week', CAST({day} AS date)), 'YYYY-MM-DD')"

    def days_between(self, later: str, earlier: str) -> str:
        return f"(CAST({later} AS date) - CAST({earlier} AS date))"


# -- opening -----------------------------------------------------------------------
def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:  # the optional extra is missing
        raise ImportError("PostgreSQL needs psycopg 3: pip install 'eventcoder[postgres]'") from exc
    return psycopg


Layout = dict[str, tuple[tuple[str, str], ...]]  # table -> (column, declared type), `store.schema_layout`


def connect(
    url: str, schema: str, layout: Layout, schema_version: int, readonly: bool = False
) -> PgConnection:
    """Open the database at `url`; writers create or update the schema (one process at a time).

    Raises `ConnectionProblem` (the store turns it into a StoreError) with a message that names
    the database without its password.
    """
    psycopg = _psycopg()
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
    except psycopg.Error as exc:
        raise ConnectionProblem(f"cannot connect to PostgreSQL: {str(exc).strip()}") from exc
    conn = PgConnection(raw, url)
    try:
        if readonly:
            check_version(conn, schema_version, allow_empty=False)
        else:
            create_schema(conn, schema, layout, schema_version)
    except (psycopg.Error, sqlite3.DatabaseError) as exc:
        conn.close()
        raise ConnectionProblem(f"cannot use the PostgreSQL database: {str(exc).strip()}") from exc
    except ConnectionProblem:
        conn.close()
        raise
    return conn


class ConnectionProblem(Exception):
    """The PostgreSQL database cannot be reached or used (message for the user)."""


def create_schema(conn: PgConnection, schema: str, layout: Layout, schema_version: int) -> None:
    """Tables, indexes and views, made or brought up to date under a lock (concurrent DDL would clash)."""
    conn.execute(f"SELECT pg_advisory_lock({SCHEMA_LOCK})")
    try:
        check_version(conn, schema_version, allow_empty=True)
        with conn:
            for statement in ddl(schema):
                conn.execute(statement)
            for table, columns in layout.items():  # a database made by an older eventcoder gains new columns
                for column, kind in columns:
                    conn.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {ddl(kind)[0]}")
            for statement in _EXTRA_DDL:
                conn.execute(statement)
            have = {
                r[0]
                for r in conn.execute("SELECT viewname FROM pg_views WHERE schemaname = current_schema()")
            }
            for name, statement in views(schema).items():
                if name not in have:
                    conn.execute(statement)
            conn.execute("DELETE FROM eventcoder_schema")
            conn.execute("INSERT INTO eventcoder_schema (version) VALUES (?)", (schema_version,))
    finally:
        conn.execute(f"SELECT pg_advisory_unlock({SCHEMA_LOCK})")


def check_version(conn: PgConnection, schema_version: int, allow_empty: bool) -> None:
    """Refuse a database without eventcoder's tables (readers) or of another schema version."""
    tables = {
        r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    }
    if "documents" not in tables:
        if allow_empty:
            return
        raise ConnectionProblem(
            "the PostgreSQL database has no eventcoder tables (run `eventcoder code` first)"
        )
    version = None
    if "eventcoder_schema" in tables:
        row = conn.execute("SELECT max(version) FROM eventcoder_schema").fetchone()
        version = row[0] if row else None
    if version is not None and int(version) != schema_version:
        raise ConnectionProblem(
            f"the PostgreSQL database has eventcoder schema {version}; this version needs {schema_version}"
        )
