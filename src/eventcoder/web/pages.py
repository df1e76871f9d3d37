"""The dashboard's pages, rendered on the server from the same queries as the API.

Charts and the map get their data as JSON inside the page (`<script type="application/json">`, written with
Jinja's `tojson`, which escapes `<`, `>` and `&`) and draw it with the vendored Chart.js and Leaflet.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from eventcoder import postgres
from eventcoder.alerts import find_alerts
from eventcoder.model import HEADLINE_SENTENCE
from eventcoder.web import queries
from eventcoder.web.api import Alerts
from eventcoder.web.deps import HINTS, Interval, Page, connection, event_filters, quote_filters
from eventcoder.web.evidence import marks, pieces, title_marks
from eventcoder.web.labels import countries
from eventcoder.web.queries import QUAD_NAMES, EventFilters, QuoteFilters

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Conn = Annotated[sqlite3.Connection, Depends(connection)]
Events = Annotated[EventFilters, Depends(event_filters)]
Pages = Annotated[Page, Depends(Page)]


def render(request: Request, template: str, **context: Any) -> Any:
    context.setdefault("page_name", template.removesuffix(".html"))
    context["quad_names"] = QUAD_NAMES
    return request.app.state.templates.TemplateResponse(request, template, context)


def pager(page: Page, total: int, path: str, params: dict[str, Any]) -> dict[str, Any]:
    """Previous/next links that keep the filters."""
    previous = max(page.offset - page.limit, 0)
    following = page.offset + page.limit
    return {
        "first": page.offset + 1 if total else 0,
        "last": min(following, total),
        "total": total,
        "previous": {**params, "offset": previous, "limit": page.limit} if page.offset > 0 else None,
        "next": {**params, "offset": following, "limit": page.limit} if following < total else None,
        "path": path,
    }


def database_stamp(db: str, conn: sqlite3.Connection) -> tuple[Any, ...]:
    """Something that changes whenever the database does: file times, or PostgreSQL's document count."""
    if postgres.is_url(db):
        return tuple(conn.execute("SELECT count(*), max(coded_at) FROM documents").fetchone())
    path = Path(db)
    return tuple(p.stat().st_mtime_ns for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def cached_facets(request: Request, conn: sqlite3.Connection) -> dict[str, list[str]]:
    """The filter drop-downs' values, recomputed only when the database changes (they scan every event)."""
    stamp = database_stamp(request.app.state.db_path, conn)
    cache = request.app.state.facets
    if cache.get("stamp") != stamp:
        cache.update(stamp=stamp, value=queries.facets(conn))
    return cache["value"]


@router.get("/")
def events_page(request: Request, conn: Conn, filters: Events, page: Pages) -> Any:
    total = queries.count_events(conn, filters)
    rows = queries.list_events(conn, filters, page.limit, page.offset)
    return render(
        request, "events.html", filters=filters, rows=rows, facets=cached_facets(request, conn),
        pager=pager(page, total, "/", filters.active()),
    )  # fmt: skip


@router.get("/evidence")
def evidence_page(
    request: Request,
    conn: Conn,
    doc: Annotated[str, Query(max_length=500)],
    n: Annotated[int, Query(ge=0, description="the event's ordinal in its document")],
) -> Any:
    event = queries.get_event(conn, doc, n)
    document = queries.get_document(conn, doc)
    if event is None or document is None:
        raise HTTPException(404, f"no event {n} in document {doc!r}")
    text = document["text"] or ""
    quote = queries.get_quote(conn, doc, event["quote_id"]) if event["quote_id"] else None
    record = queries.get_record(conn, event.get("record_id"))
    title = document["title"] or ""
    # An event coded from the headline is marked in the title; the article text then has nothing to mark.
    from_title = event["sentence_index"] == HEADLINE_SENTENCE and bool(title)
    return render(
        request, "evidence.html", event=event, document=document, quote=quote, record=record,
        title_pieces=pieces(title, title_marks(title, event)) if from_title else None,
        pieces=pieces(text, {} if from_title else marks(text, event)),
    )  # fmt: skip


@router.get("/dyads")
def dyads_page(request: Request, conn: Conn, filters: Events, page: Pages) -> Any:
    total, rows = queries.top_dyads(conn, filters, page.limit, page.offset)
    return render(
        request,
        "dyads.html",
        filters=filters,
        rows=rows,
        pager=pager(page, total, "/dyads", filters.active()),
    )


@router.get("/dyad")
def dyad_page(
    request: Request,
    conn: Conn,
    a: Annotated[str, Query(min_length=1, max_length=100, description="one side, e.g. USA")],
    b: Annotated[str, Query(min_length=1, max_length=100, description="the other side, e.g. RUS")],
    filters: Events,
    interval: Annotated[Interval, Query(description=HINTS["interval"])] = "week",
) -> Any:
    both = queries.dyad_series(conn, a, b, interval, filters)
    directions = [
        {
            "label": key,
            "dyad": key.replace("->", ":"),
            "series": rows,
            "events": sum(r["events"] for r in rows),
        }
        for key, rows in both.items()
    ]
    return render(request, "dyad.html", a=a, b=b, interval=interval, filters=filters, directions=directions)


@router.get("/actor")
def actor_page(
    request: Request,
    conn: Conn,
    code: Annotated[
        str, Query(min_length=1, max_length=100, description="an actor code or prefix, e.g. RUS")
    ],
    interval: Annotated[Interval, Query(description=HINTS["interval"])] = "week",
) -> Any:
    speaker = QuoteFilters(speaker_code=code)
    return render(
        request, "actor.html", code=code.upper(), interval=interval, names=queries.actor_names(conn, code),
        partners=queries.partners(conn, code, 25),
        series=queries.series(conn, EventFilters(actor_code=code), interval),
        quotes=queries.list_quotes(conn, speaker, 25, 0), n_quotes=queries.count_quotes(conn, speaker),
    )  # fmt: skip


@router.get("/map")
def map_page(request: Request, conn: Conn, filters: Events) -> Any:
    table = countries()
    counts = queries.country_counts(conn, filters)
    shapes = {
        table[c["country"]]["numeric"]: {**c, "name": table[c["country"]]["name"]}
        for c in counts
        if c["country"] in table
    }
    data = {"countries": shapes, "points": queries.place_points(conn, filters)}
    return render(request, "map.html", filters=filters, counts=counts, data=data)


@router.get("/quotes")
def quotes_page(
    request: Request, conn: Conn, filters: Annotated[QuoteFilters, Depends(quote_filters)], page: Pages
) -> Any:
    total = queries.count_quotes(conn, filters)
    rows = queries.list_quotes(conn, filters, page.limit, page.offset)
    active = {k: v for k, v in vars(filters).items() if v}
    return render(
        request, "quotes.html", filters=filters, rows=rows, pager=pager(page, total, "/quotes", active)
    )


@router.get("/alerts")
def alerts_page(request: Request, conn: Conn, settings: Alerts) -> Any:
    report = find_alerts(conn, settings)
    return render(request, "alerts.html", report=report, settings=settings)
