"""The FastAPI application: dashboard pages, the JSON API under /api/, and OpenAPI docs at /docs.

Built by `create_app(db_path)`; `eventcoder serve` runs it with uvicorn. Everything the browser loads comes
from this package (templates, `static/`, the vendored libraries in `static/vendor/`): nothing from a CDN, so
the dashboard works offline. Article text is untrusted: templates autoescape, data reaches scripts only as
JSON (`tojson`) read with `textContent`, and a Content-Security-Policy forbids inline and foreign scripts.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from eventcoder.web.deps import HINTS

HERE = Path(__file__).parent
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class DropEmptyQuery:
    """ASGI middleware: `?since=&actor=` from a submitted form means "not set", not "the empty string"."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if v.strip() != ""]
            scope = {**scope, "query_string": urlencode(kept).encode("latin-1")}
        await self.app(scope, receive, send)


def link(path: str, **params: Any) -> str:
    """A URL with the parameters that are set (templates build every link with it)."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(kept)}" if kept else path


def safe_url(url: str | None) -> str | None:
    """An article's URL if it is http(s); `javascript:` and other schemes are shown as text, not linked."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def build_templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from eventcoder.web.labels import cameo_name, country_name

    env.globals.update(link=link, safe_url=safe_url, cameo_name=cameo_name, country_name=country_name)
    return Jinja2Templates(env=env)


class CoderHolder:
    """One `Coder` per server, loaded on the first POST /api/code (the model takes seconds to load)."""

    def __init__(self) -> None:
        self._coder: Any = None
        self.lock = threading.Lock()

    def code(self, **article: Any) -> dict[str, Any]:
        with self.lock:  # one document at a time: a Coder is not meant to be shared by threads
            if self._coder is None:
                from eventcoder.pipeline import Coder

                self._coder = Coder()
            return self._coder.code(**article).to_dict()


def _messages(exc: RequestValidationError) -> list[str]:
    """One line per bad parameter: its name, what was wrong, and the form it must take."""
    lines = []
    for error in exc.errors():
        name = str(error["loc"][-1]) if error.get("loc") else "request"
        hint = HINTS.get(name)
        given = error.get("input")
        shown = f" (got {given!r})" if isinstance(given, str | int | float) else ""
        lines.append(f"{name}: {hint or error['msg']}{shown}" if hint else f"{name}: {error['msg']}{shown}")
    return lines


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/openapi"))


def install_error_pages(app: FastAPI, templates: Jinja2Templates) -> None:
    """422 and 404 as JSON under /api/ and as a readable page elsewhere; an unexpected error stays a 500."""

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Any:
        lines = _messages(exc)
        if _wants_json(request):
            return JSONResponse({"detail": exc.errors(), "message": "; ".join(lines)}, status_code=422)
        context = {"status": 422, "title": "Bad parameters", "lines": lines}
        return templates.TemplateResponse(request, "error.html", context, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        if _wants_json(request):
            return JSONResponse(
                {"detail": exc.detail, "message": str(exc.detail)}, status_code=exc.status_code
            )
        title = {404: "Not found", 422: "Bad parameters"}.get(exc.status_code, "Error")
        context = {"status": exc.status_code, "title": title, "lines": [str(exc.detail)]}
        return templates.TemplateResponse(request, "error.html", context, status_code=exc.status_code)


def create_app(db_path: str | Path) -> FastAPI:
    """The dashboard and API over one SQLite database, opened read-only per request."""
    from eventcoder.web import api, pages

    app = FastAPI(
        title="eventcoder",
        version="0.1.0",
        description="Coded political events, quotes and alerts from an eventcoder database; "
        "POST /api/code codes new text. Every list is paginated with limit and offset.",
        docs_url=None,  # FastAPI's own page loads Swagger UI from a CDN: ours serves the vendored copy
        redoc_url=None,
    )
    app.state.db_path = str(db_path)
    app.state.coder = CoderHolder()
    app.state.facets = {}
    templates = build_templates()
    app.state.templates = templates
    app.add_middleware(DropEmptyQuery)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    install_error_pages(app, templates)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request) -> Any:
        return templates.TemplateResponse(request, "docs.html", {})

    return app
