"""`eventcoder.open_db(path)`: a coded database as pandas DataFrames, for notebooks and scripts.

    >>> db = eventcoder.open_db("eventcoder.db")                      # doctest: +SKIP
    >>> db.events(dyad="USA:RUS", since="2022-01-01")                  # one row per event mention
    >>> db.records(min_articles=3)                                     # one row per real-world event
    >>> db.quotes(speaker="Blinken")
    >>> db.mentions("rec:...")                                         # the evidence of one record

The methods take the same keyword filters as the `queries.query_*` functions the
CLI and the dashboard use (documented there), with no row limit unless one is
given. The connection is read-only: analysis never changes the data.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventcoder import queries, records, store


class Database:
    """A read-only view of an eventcoder database; every query returns a pandas DataFrame."""

    def __init__(self, path: str | Path) -> None:
        self.path = path  # a file, or a postgresql:// URL
        self.conn = store.connect(self.path, readonly=True)

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def events(self, *, limit: int | None = None, **filters: Any) -> Any:
        """Event mentions (`queries.query_events` filters: actor, dyad, code, root, since, until, ...)."""
        return _frame(queries.query_events(self.conn, limit=limit, **filters), "events", self.conn)

    def records(self, *, limit: int | None = None, **filters: Any) -> Any:
        """Event records with NumMentions/NumSources/NumArticles (`queries.query_records` filters)."""
        return _frame(queries.query_records(self.conn, limit=limit, **filters), "records", self.conn)

    def quotes(self, *, limit: int | None = None, **filters: Any) -> Any:
        """Quotes with speaker and offsets (`queries.query_quotes` filters: speaker, about, since, ...)."""
        return _frame(queries.query_quotes(self.conn, limit=limit, **filters), "quotes", self.conn)

    def mentions(self, record_id: str) -> Any:
        """The mentions of one record: document, sentence, span, confidence."""
        import pandas as pd

        return pd.DataFrame(records.mention_list(self.conn, record_id))

    def sql(self, query: str, params: Sequence[Any] = ()) -> Any:
        """Any read-only SQL (views `dyad_day`, `dyad_day_records`, `events_labelled`; docs/schema.md)."""
        import pandas as pd

        cursor = self.conn.execute(query, list(params))  # SQLite or PostgreSQL alike (store.connect)
        return pd.DataFrame(cursor.fetchall(), columns=[d[0] for d in cursor.description or ()])


def _frame(rows: Sequence[sqlite3.Row], table: str, conn: sqlite3.Connection) -> Any:
    """A DataFrame with the table's columns even when no row matched."""
    import pandas as pd

    if rows:
        return pd.DataFrame([dict(r) for r in rows])
    columns = [name for name, _ in store.schema_columns(table)]
    return pd.DataFrame(columns=columns)


def open_db(path: str | Path) -> Database:
    """Open a database written by `eventcoder code` for analysis (raises store.StoreError if unusable)."""
    return Database(path)
