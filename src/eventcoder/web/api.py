"""The JSON API under /api/: the database's events, quotes, dyads, records and alerts, and POST /api/code.

Lists are paginated (`limit`, `offset`) and answer `{total, limit, offset, next_offset, query, items}`.
Events and quotes are in the shapes of docs/schema.md, plus `doc_id` (and `ordinal` for events) to find them.
"""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from eventcoder.alerts import AlertSettings, find_alerts, parse_window
from eventcoder.web import queries
from eventcoder.web.deps import DAY, HINTS, Interval, Page, connection, event_filters, quote_filters
from eventcoder.web.queries import EventFilters, QuoteFilters

router = APIRouter(prefix="/api", tags=["api"])
Conn = Annotated[sqlite3.Connection, Depends(connection)]
Events = Annotated[EventFilters, Depends(event_filters)]
Pages = Annotated[Page, Depends(Page)]


class CodeRequest(BaseModel):
    """One article to code, as `Coder().code(...)` takes it."""

    text: str = Field(min_length=1, max_length=1_000_000, description=HINTS["text"])
    title: str | None = Field(None, max_length=2_000)
    date: str | None = Field(None, pattern=DAY, description="publication date, YYYY-MM-DD")
    url: str | None = Field(None, max_length=2_000)
    source: str | None = Field(None, max_length=500)
    doc_id: str | None = Field(None, max_length=500)


@router.post("/code", summary="Code an article's text into the document JSON of docs/schema.md")
def code(request: Request, article: CodeRequest) -> dict[str, Any]:
    if not article.text.strip():
        raise HTTPException(422, "text: the article text is empty (only whitespace)")
    return request.app.state.coder.code(**article.model_dump())


@router.get("/events", summary="Events matching the filters (the `eventcoder events` filters and more)")
def events(conn: Conn, filters: Events, page: Pages) -> dict[str, Any]:
    total = queries.count_events(conn, filters)
    items = queries.list_events(conn, filters, page.limit, page.offset)
    return page.envelope(total, items, **filters.active())


@router.get("/events/{doc_id:path}/{ordinal}", summary="One event with its document and highlights")
def event(conn: Conn, doc_id: str, ordinal: int) -> dict[str, Any]:
    from eventcoder.web.evidence import marks

    found = queries.get_event(conn, doc_id, ordinal)
    document = queries.get_document(conn, doc_id)
    if found is None or document is None:
        raise HTTPException(404, f"no event {ordinal} in document {doc_id!r}")
    return {"event": found, "document": document, "highlights": marks(document["text"] or "", found)}


@router.get("/quotes", summary="Quotes by speaker and by actor mentioned, with the text around them")
def quotes(
    conn: Conn, filters: Annotated[QuoteFilters, Depends(quote_filters)], page: Pages
) -> dict[str, Any]:
    total = queries.count_quotes(conn, filters)
    items = queries.list_quotes(conn, filters, page.limit, page.offset)
    return page.envelope(total, items, **vars(filters))


@router.get("/dyads", summary="Directed dyads (actor countries) ranked by event count, by QuadClass")
def dyads(conn: Conn, filters: Events, page: Pages) -> dict[str, Any]:
    total, items = queries.top_dyads(conn, filters, page.limit, page.offset)
    return page.envelope(total, items, **filters.active())


@router.get("/dyads/series", summary="A dyad's events per day or week, both directions")
def dyad_series(
    conn: Conn,
    a: Annotated[str, Query(min_length=1, max_length=100, description="one side: code prefix, e.g. USA")],
    b: Annotated[str, Query(min_length=1, max_length=100, description="the other side, e.g. RUS")],
    filters: Events,
    interval: Annotated[Interval, Query(description=HINTS["interval"])] = "week",
) -> dict[str, Any]:
    return {
        "a": a,
        "b": b,
        "interval": interval,
        "series": queries.dyad_series(conn, a, b, interval, filters),
    }


@router.get("/actors/{code}", summary="An actor's top partners, events over time and quotes")
def actor(
    conn: Conn,
    code: str,
    interval: Annotated[Interval, Query(description=HINTS["interval"])] = "week",
    limit: Annotated[int, Query(ge=1, le=500, description=HINTS["limit"])] = 20,
) -> dict[str, Any]:
    speaker = QuoteFilters(speaker_code=code)
    return {
        "code": code.upper(),
        "names": queries.actor_names(conn, code),
        "partners": queries.partners(conn, code, limit),
        "series": queries.series(conn, EventFilters(actor_code=code), interval),
        "quotes": queries.list_quotes(conn, speaker, limit, 0),
    }


@router.get("/map", summary="Event counts per country and per city-level place")
def places(conn: Conn, filters: Events) -> dict[str, Any]:
    return {"countries": queries.country_counts(conn, filters), "points": queries.place_points(conn, filters)}


@router.get("/records", summary="Cross-article event records, where the database has a records table")
def records(
    conn: Conn,
    filters: Events,
    page: Pages,
    min_articles: Annotated[
        int, Query(ge=1, le=100_000, description="records reported by N or more articles")
    ] = 1,
) -> dict[str, Any]:
    if not queries.has_table(conn, "records"):
        raise HTTPException(404, "this database has no records table (it was coded before records existed)")
    ignored = sorted(set(filters.active()) - set(queries.RECORD_FILTERS))
    if ignored:
        raise HTTPException(422, f"records cannot be filtered by {', '.join(ignored)}")
    total, items = queries.list_records(conn, filters, min_articles, page.limit, page.offset)
    return page.envelope(total, items, **filters.active(), min_articles=min_articles)


def alert_settings(
    window: Annotated[str, Query(pattern=r"^\s*\d{1,4}\s*[dwDW]?\s*$", description=HINTS["window"])] = "7d",
    baseline: Annotated[int, Query(ge=1, le=520, description="baseline windows before the latest")] = 8,
    min_count: Annotated[int, Query(ge=1, le=100_000, description="events needed in the window")] = 3,
    alpha: Annotated[float, Query(gt=0, lt=1, description="p-value threshold")] = 0.01,
    as_of: Annotated[str | None, Query(pattern=DAY, description=HINTS["as_of"])] = None,
) -> AlertSettings:
    try:
        days = parse_window(window)
    except ValueError as exc:
        raise HTTPException(422, f"window: {exc}") from exc
    return AlertSettings(days, baseline, min_count, alpha, as_of=as_of)


Alerts = Annotated[AlertSettings, Depends(alert_settings)]


@router.get(
    "/alerts", summary="Dyads and countries whose material conflict rose in the latest window, ranked"
)
def alerts(conn: Conn, settings: Alerts, page: Pages) -> dict[str, Any]:
    report = find_alerts(conn, settings).to_dict()
    items = report.pop("alerts")
    envelope = page.envelope(len(items), items[page.offset : page.offset + page.limit])
    return {**report, **envelope}
