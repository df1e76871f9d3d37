"""Queries over the store, and the `events`, `records` and `quotes` commands that print them.

Every query takes plain keyword arguments (no argparse namespace), so Python code, the
CLI, `eventcoder.open_db` and a dashboard call the same functions. Text filters are
substrings matched without regard to case; `%` and `_` in them are literal characters.
The SQL is portable (`lower(x) LIKE ? ESCAPE`, no SQLite-only LIMIT forms), so the same
queries run on SQLite and PostgreSQL; full-text search asks the backend (`store.dialect`).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sqlite3
import sys
from collections.abc import Callable, Sequence
from typing import Any

from eventcoder.model import MODALITIES
from eventcoder.store import DB_HELP, DEFAULT_DB, StoreError, connect, database_problem, dialect

EXIT_USAGE = 2

# -- queries ------------------------------------------------------------------
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MAX_LIMIT = 2**62  # larger limits mean "all rows" (SQLite integers are 64-bit)


def like_escape(text: str) -> str:
    """`text` made literal inside a LIKE pattern (with ESCAPE '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _contains(column: str, needle: str) -> tuple[str, list[Any]]:
    return f"lower({column}) LIKE ? ESCAPE '\\'", [f"%{like_escape(needle.lower())}%"]


def _starts(column: str, needle: str) -> tuple[str, list[Any]]:
    return f"lower({column}) LIKE ? ESCAPE '\\'", [f"{like_escape(needle.lower())}%"]


def _actor_clause(prefixes: Sequence[str], needle: str) -> tuple[str, list[Any]]:
    """SQL matching an actor by code prefix ("USA" matches USAGOV) or by name/text."""
    parts: list[str] = []
    params: list[Any] = []
    for p in prefixes:
        for sql, args in (
            _starts(f"{p}_code", needle),
            _contains(f"{p}_name", needle),
            _contains(f"{p}_text", needle),
        ):
            parts.append(sql)
            params += args
    return "(" + " OR ".join(parts) + ")", params


class Filters:
    """WHERE clauses and their parameters, built up one filter at a time."""

    def __init__(self) -> None:
        self.where: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, params: Sequence[Any] = ()) -> None:
        self.where.append(clause)
        self.params += list(params)

    def add_pair(self, pair: tuple[str, list[Any]]) -> None:
        self.add(*pair)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.where)) if self.where else ""


def check_date_bound(name: str, value: str | None) -> None:
    """Raise ValueError unless `value` is YYYY, YYYY-MM or YYYY-MM-DD (or None)."""
    if value is not None and not _DATE.match(value):
        raise ValueError(f"{name} must look like YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")


def date_range(filters: Filters, column: str, since: str | None, until: str | None) -> None:
    check_date_bound("since", since)
    check_date_bound("until", until)
    if since:
        filters.add(f"{column} >= ?", [since])
    if until:
        # "2022-01" as an upper bound includes the whole month.
        filters.add(f"substr({column}, 1, {len(until)}) <= ?", [until])


def _limit_sql(limit: int | None) -> str:
    """LIMIT n, or nothing for None, 0, negative or astronomically large limits (all rows)."""
    if limit is None or limit <= 0 or limit >= MAX_LIMIT:
        return ""
    return f" LIMIT {int(limit)}"


def _event_filters(
    filters: Filters,
    *,
    actor: str | None,
    dyad: str | None,
    code: str | None,
    root: str | None,
    since: str | None,
    until: str | None,
    modality: str | None,
    asserted_only: bool,
) -> None:
    """Filters shared by events (mentions) and records: both tables have these columns."""
    if actor:
        filters.add_pair(_actor_clause(("source", "target"), actor))
    if dyad:
        src, _, tgt = dyad.partition(":")
        for prefix, needle in (("source", src), ("target", tgt)):
            if needle:
                filters.add_pair(_actor_clause((prefix,), needle))
    if code:
        filters.add_pair(_starts("cameo", code))
    if root:
        filters.add("cameo_root = ?", [root.zfill(2)])
    date_range(filters, "date", since, until)
    if asserted_only:
        filters.add("modality = 'asserted'")
    elif modality:
        filters.add("modality = ?", [modality])


def query_events(
    conn: sqlite3.Connection,
    *,
    actor: str | None = None,
    dyad: str | None = None,
    code: str | None = None,
    root: str | None = None,
    since: str | None = None,
    until: str | None = None,
    modality: str | None = None,
    asserted_only: bool = False,
    doc_id: str | None = None,
    record_id: str | None = None,
    limit: int | None = 50,
) -> list[sqlite3.Row]:
    """Event mentions (one row per event in an article), ordered by date then document order.

    `actor`: source or target, code prefix or part of a name; `dyad`: "SOURCE:TARGET" (either may
    be empty); `code`: CAMEO code prefix; `root`: CAMEO root; `since`/`until`: YYYY[-MM[-DD]];
    `modality`: one of model.MODALITIES; `limit`: at most this many rows (None or 0: all).
    """
    filters = Filters()
    _event_filters(
        filters, actor=actor, dyad=dyad, code=code, root=root, since=since, until=until,
        modality=modality, asserted_only=asserted_only,
    )  # fmt: skip
    if doc_id:
        filters.add("doc_id = ?", [doc_id])
    if record_id:
        filters.add("record_id = ?", [record_id])
    sql = "SELECT * FROM events" + filters.sql()
    sql += " ORDER BY date IS NULL, date, doc_id, ordinal" + _limit_sql(limit)
    return list(conn.execute(sql, filters.params))


def query_records(
    conn: sqlite3.Connection,
    *,
    actor: str | None = None,
    dyad: str | None = None,
    code: str | None = None,
    root: str | None = None,
    since: str | None = None,
    until: str | None = None,
    modality: str | None = None,
    asserted_only: bool = False,
    min_articles: int = 1,
    limit: int | None = 50,
) -> list[sqlite3.Row]:
    """Event records (one row per real-world event, grouped across articles), by date.

    Takes the filters of `query_events`, plus `min_articles`: only records reported by at
    least this many articles.
    """
    filters = Filters()
    _event_filters(
        filters, actor=actor, dyad=dyad, code=code, root=root, since=since, until=until,
        modality=modality, asserted_only=asserted_only,
    )  # fmt: skip
    if min_articles > 1:
        filters.add("num_articles >= ?", [min_articles])
    sql = "SELECT * FROM records" + filters.sql()
    sql += " ORDER BY date IS NULL, date, record_id" + _limit_sql(limit)
    return list(conn.execute(sql, filters.params))


def query_quotes(
    conn: sqlite3.Connection,
    *,
    speaker: str | None = None,
    about: str | None = None,
    since: str | None = None,
    until: str | None = None,
    contains: str | None = None,
    doc_id: str | None = None,
    limit: int | None = 50,
) -> list[sqlite3.Row]:
    """Quotes matching the filters, ordered by document date then document order.

    `speaker`: code prefix or part of a name; `about`: an actor code (prefix) the quote
    mentions; `since`/`until`: the document's date; `contains`: words in the quote.
    """
    filters = Filters()
    if speaker:
        filters.add_pair(_actor_clause(("speaker",), speaker))
    if about:
        filters.add("about LIKE ? ESCAPE '\\'", [f'%"{like_escape(about.upper())}%'])
    date_range(filters, "documents.date", since, until)
    if contains:
        filters.add_pair(_contains("quotes.text", contains))
    if doc_id:
        filters.add("quotes.doc_id = ?", [doc_id])
    sql = (
        "SELECT quotes.*, documents.date AS doc_date FROM quotes JOIN documents"
        " ON documents.doc_id = quotes.doc_id" + filters.sql()
    )
    sql += " ORDER BY documents.date IS NULL, documents.date, quotes.doc_id, quotes.ordinal" + _limit_sql(
        limit
    )
    return list(conn.execute(sql, filters.params))


def search_sentences(conn: sqlite3.Connection, match: str, limit: int | None = 50) -> list[sqlite3.Row]:
    """Sentences matching a full-text query, best first: SQLite FTS5 syntax (`sanctions NEAR Russia`),
    or PostgreSQL's web-search syntax on a PostgreSQL store (`store.dialect`)."""
    backend = dialect(conn)
    return list(conn.execute(backend.search_sql() + _limit_sql(limit), backend.search_params(match)))


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


def records_table(rows: Sequence[sqlite3.Row]) -> str:
    """The readable records table: one line per real-world event with how widely it was reported."""
    namer = _code_namer()
    body = []
    for r in rows:
        name = namer(r["cameo"]) if r["cameo"] else None
        body.append(
            [
                r["date"] or "-",
                _actor_label(r, "source"),
                f"{r['cameo']} {name}" if name else (r["cameo"] or ""),
                _actor_label(r, "target"),
                str(r["num_articles"]),
                str(r["num_mentions"]),
                r["location_name"] or "",
                r["record_id"],
            ]
        )
    widths = _fit([10, 22, 34, 22, 8, 8, 16])
    headers = ["date", "source", "event", "target", "articles", "mentions", "place", "record"]
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
def limit_argument(value: str) -> int:
    """argparse type for --limit: a whole number >= 0 (0 and huge values mean all rows)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 (all) or more")
    return number


def _add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB, help=DB_HELP)
    parser.add_argument(
        "--limit", type=limit_argument, default=50, help="at most N rows (0: all; default 50)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON lines instead of a table")


def _add_event_filter_arguments(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--actor", help="source or target: code prefix (USA, RUSMIL) or part of a name")
    parser.add_argument("--dyad", help="SOURCE:TARGET, each a code prefix or name part (either may be empty)")
    parser.add_argument("--code", help="CAMEO code prefix, e.g. 19 or 0831")
    parser.add_argument("--root", help="CAMEO root code, e.g. 14")
    parser.add_argument("--since", help=f"{what} dated on or after YYYY[-MM[-DD]]")
    parser.add_argument("--until", help=f"{what} dated on or before YYYY[-MM[-DD]]")
    parser.add_argument("--modality", choices=MODALITIES, help="only events of this modality")
    parser.add_argument("--asserted-only", action="store_true", help="only asserted events")


def add_events_arguments(parser: argparse.ArgumentParser) -> None:
    _add_db_argument(parser)
    _add_event_filter_arguments(parser, "events")
    parser.add_argument("--record", dest="record_id", help="only the mentions of this event record")


def add_records_arguments(parser: argparse.ArgumentParser) -> None:
    _add_db_argument(parser)
    _add_event_filter_arguments(parser, "records")
    parser.add_argument(
        "--min-articles", type=limit_argument, default=1, help="only records reported by N or more articles"
    )


def add_quotes_arguments(parser: argparse.ArgumentParser) -> None:
    _add_db_argument(parser)
    parser.add_argument("--speaker", help="speaker: code prefix or part of a name")
    parser.add_argument("--about", help="actor code (prefix) the quote mentions, e.g. RUS")
    parser.add_argument("--since", help="quotes in documents dated on or after YYYY[-MM[-DD]]")
    parser.add_argument("--until", help="quotes in documents dated on or before YYYY[-MM[-DD]]")
    parser.add_argument("--contains", help="words the quote contains")


def _event_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    names = ("actor", "dyad", "code", "root", "since", "until", "modality", "asserted_only", "limit")
    return {n: getattr(args, n) for n in names}


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
    """`eventcoder events`: filter and print stored event mentions."""
    kwargs = {**_event_kwargs(args), "record_id": args.record_id}
    return _query_and_print("events", args, lambda conn: query_events(conn, **kwargs), events_table)


def run_records(args: argparse.Namespace) -> int:
    """`eventcoder records`: filter and print event records (events grouped across articles)."""
    kwargs = {**_event_kwargs(args), "min_articles": args.min_articles}
    return _query_and_print("records", args, lambda conn: query_records(conn, **kwargs), records_table)


def run_quotes(args: argparse.Namespace) -> int:
    """`eventcoder quotes`: filter and print stored quotes."""
    names = ("speaker", "about", "since", "until", "contains", "limit")
    kwargs = {n: getattr(args, n) for n in names}
    return _query_and_print("quotes", args, lambda conn: query_quotes(conn, **kwargs), quotes_table)


def _query_and_print(
    command: str,
    args: argparse.Namespace,
    query: Callable[[sqlite3.Connection], list[sqlite3.Row]],
    table: Callable[[Sequence[sqlite3.Row]], str],
) -> int:
    """Open the database read-only, run one query and print its rows; a clean message on any problem."""
    try:
        conn = connect(args.db, readonly=True)
    except StoreError as exc:
        print(f"eventcoder {command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        rows = query(conn)
    except ValueError as exc:
        print(f"eventcoder {command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.DatabaseError as exc:
        print(f"eventcoder {command}: {database_problem(args.db, exc)}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        conn.close()
    _print_rows(rows, table, args.json)
    return 0
