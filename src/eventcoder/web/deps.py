"""What every page and API route shares: the read-only connection, the filters and their validation.

Each filter is declared once here, with the pattern or range that FastAPI checks before a route runs, so a
bad value is a 422 naming the parameter and the form it should take, never a 500 from deep in SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import HTTPException, Query, Request

from eventcoder import postgres, store
from eventcoder.web.queries import EventFilters, QuoteFilters

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DAY = r"^\d{4}-\d{2}-\d{2}$"
MAX_PAGE = 500

# parameter -> the form it must take (said in 422 messages)
HINTS = {
    "since": "a date: YYYY, YYYY-MM or YYYY-MM-DD",
    "until": "a date: YYYY, YYYY-MM or YYYY-MM-DD",
    "as_of": "a day: YYYY-MM-DD",
    "dyad": "SOURCE:TARGET, e.g. USA:RUS (either side may be empty)",
    "code": "a CAMEO code or prefix of 1-4 digits, e.g. 19 or 190",
    "root": "a CAMEO root of 1-2 digits, e.g. 14",
    "quad": "a QuadClass from 1 to 4",
    "modality": "one of asserted, negated, hypothetical, future, denied, question",
    "min_confidence": "a number from 0 to 1",
    "country": "an ISO3 country code, e.g. UKR",
    "limit": f"a whole number from 1 to {MAX_PAGE}",
    "offset": "a whole number, 0 or more",
    "interval": "day or week",
    "window": "a number of days or weeks: 7d, 14d, 2w",
    "date": "a day: YYYY-MM-DD",
    "text": "the article text, not empty",
}

Modality = Literal["asserted", "negated", "hypothetical", "future", "denied", "question"]
Interval = Literal["day", "week"]


def connection(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection for one request (it may cross threads inside FastAPI, hence the flag)."""
    db = request.app.state.db_path
    if postgres.is_url(db):  # a team's PostgreSQL store (docs/scale.md)
        conn = store.connect(db, readonly=True)
    else:
        conn = sqlite3.connect(db, timeout=30, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA query_only = 1")
    try:
        yield conn
    finally:
        conn.close()


def check_range(since: str | None, until: str | None) -> None:
    if since and until and since[: len(until)] > until:
        raise HTTPException(422, f"since ({since}) is after until ({until})")


def event_filters(
    since: Annotated[str | None, Query(pattern=DATE, description=HINTS["since"])] = None,
    until: Annotated[str | None, Query(pattern=DATE, description=HINTS["until"] + ", inclusive")] = None,
    actor: Annotated[
        str | None, Query(max_length=100, description="source or target: code prefix or name part")
    ] = None,
    dyad: Annotated[
        str | None, Query(pattern=r"^[^:]{0,100}:[^:]{0,100}$", description=HINTS["dyad"])
    ] = None,
    code: Annotated[str | None, Query(pattern=r"^\d{1,4}$", description=HINTS["code"])] = None,
    root: Annotated[str | None, Query(pattern=r"^\d{1,2}$", description=HINTS["root"])] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description=HINTS["quad"])] = None,
    plover: Annotated[str | None, Query(max_length=40, description="PLOVER event type, e.g. ASSAULT")] = None,
    modality: Annotated[Modality | None, Query(description=HINTS["modality"])] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description=HINTS["min_confidence"])] = None,
    source: Annotated[
        str | None, Query(max_length=200, description="the outlet (the article's source)")
    ] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description=HINTS["country"])] = None,
    doc: Annotated[str | None, Query(max_length=500, description="one document's doc_id")] = None,
) -> EventFilters:
    check_range(since, until)
    return EventFilters(
        since, until, actor, dyad, code, root, quad, plover, modality, min_confidence, source, country, doc
    )


def quote_filters(
    speaker: Annotated[
        str | None, Query(max_length=100, description="speaker: code prefix or name part")
    ] = None,
    about: Annotated[
        str | None, Query(max_length=20, description="an actor code (prefix) the quote mentions")
    ] = None,
    since: Annotated[str | None, Query(pattern=DATE, description=HINTS["since"])] = None,
    until: Annotated[str | None, Query(pattern=DATE, description=HINTS["until"])] = None,
) -> QuoteFilters:
    check_range(since, until)
    return QuoteFilters(speaker, about, since, until)


class Page:
    """Pagination parameters: `limit` rows starting at `offset`."""

    def __init__(
        self,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description=HINTS["limit"])] = 50,
        offset: Annotated[int, Query(ge=0, le=10**9, description=HINTS["offset"])] = 0,
    ) -> None:
        self.limit = limit
        self.offset = offset

    def envelope(self, total: int, items: list, **echo: object) -> dict:
        """The API's paginated answer: the page, where it sits, and the query it answers."""
        following = self.offset + self.limit
        return {
            "total": total,
            "limit": self.limit,
            "offset": self.offset,
            "next_offset": following if following < total else None,
            "query": {k: v for k, v in echo.items() if v is not None},
            "items": items,
        }
