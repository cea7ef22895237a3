"""The web app: the timeline page and a small JSON API over the event table.

Routes: ``/`` (timeline page with map and escalation chart), ``/api/timeline``, ``/api/events``,
``/api/map`` (events per place), ``/api/escalation`` (Goldstein per dyad per day), ``/api/world``
(country outlines for the map), ``/api/health``, ``/static/*``.
Filters come as query params (``actor``, ``type``, ``since``, ``until``, ``source``, ``all=1``),
the same for the page and the API. Every error is one JSON shape
(``BrinkwatchError.to_dict()``); the page shows the same fields as HTML.
Everything the page needs (CSS, JS) is served by the app itself: it works with no network.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

import pandas as pd
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .._version import __version__
from ..analysis.frames import JSON_COLUMNS, filter_events, parse_json_list, records, require_columns
from ..analysis.timeline import REQUIRED_COLUMNS, build_timeline
from ..config import store_path as default_store_path
from ..errors import BrinkwatchError, StoreError, StoreLocked, StoreNotFound, UsageError
from .charts import DEFAULT_DYADS, ChartOptions, escalation, map_points, world_outline
from .providers import FrameProvider, FramesProvider, StoreProvider
from .views import QUADS, group_by_date, parse_filter, stats

log = logging.getLogger("brinkwatch.web")

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))

#: Largest page of /api/events (and largest ``limit`` of the page).
MAX_LIMIT = 10_000
#: Timeline entries the page shows unless ``limit`` says otherwise (a browser stays quick).
PAGE_ENTRIES = 500


class JSON(JSONResponse):
    """JSON with UTF-8 text as is and anything unusual (a date) as its string."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, default=str, separators=(",", ":")).encode()


class PageNotFound(BrinkwatchError):
    """No such page or API route."""

    code = "BW-W001"


class InternalServerError(BrinkwatchError):
    """An unexpected failure inside the server (a bug): the server log has the traceback."""

    code = "BW-W002"


def status_of(exc: BrinkwatchError) -> int:
    """HTTP status of a brinkwatch error."""
    if isinstance(exc, (UsageError,)):
        return 400
    if isinstance(exc, (StoreNotFound, PageNotFound)):
        return 404
    if isinstance(exc, StoreLocked):
        return 503
    return 500


class SecurityHeaders:
    """Adds a strict Content-Security-Policy (only our own scripts and styles) and related headers."""

    HEADERS = [
        (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                     b"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
    ]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + self.HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def _error_response(request: Request, exc: BrinkwatchError, status: int) -> Response:
    if _wants_json(request):
        return JSON(exc.to_dict(), status_code=status)
    return templates.TemplateResponse(request, "error.html", {"error": exc.to_dict(), "status": status,
                                                              "version": __version__}, status_code=status)


async def _on_brinkwatch_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, BrinkwatchError)
    status = status_of(exc)
    if status >= 500 and not isinstance(exc, StoreError):
        log.error("error while serving %s: %s", request.url.path, exc)
    return _error_response(request, exc, status)


async def _on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        err: BrinkwatchError = PageNotFound(f"Nothing at {request.url.path}.",
                                            hint="Open / for the timeline, or /api/timeline, /api/events, /api/map, "
                                                 "/api/escalation, /api/world, /api/health.")
    else:
        err = UsageError(str(exc.detail), hint="Check the request method and URL.")
    return _error_response(request, err, exc.status_code)


async def _on_unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error while serving %s", request.url.path, exc_info=exc)
    err = InternalServerError(f"Unexpected error: {type(exc).__name__}.",
                              hint="This is a bug: the server log has the traceback; please report it.")
    return _error_response(request, err, 500)


def _provider(request: Request) -> FrameProvider:
    return request.app.state.provider


def _load(request: Request) -> tuple[pd.DataFrame, pd.DataFrame, Any]:
    """(all events, filtered events, filter) for this request."""
    flt = parse_filter(request.query_params)
    frame = require_columns(_provider(request).events(), REQUIRED_COLUMNS)
    return frame, filter_events(frame, flt), flt


def _filters_dict(flt: Any) -> dict[str, Any]:
    return {"actor": flt.actor, "types": list(flt.types), "since": flt.since, "until": flt.until,
            "source": flt.source, "factual_only": flt.factual_only}


async def page_timeline(request: Request) -> Response:
    frame, selected, flt = _load(request)
    limit = _int_param(request, "limit", PAGE_ENTRIES, MAX_LIMIT)
    entries = build_timeline(selected, factual_only=flt.factual_only)
    types = sorted({str(t) for t in frame["plover"].dropna().unique()})
    context = {
        "groups": group_by_date(entries[:limit]),
        "shown": min(limit, len(entries)),
        "stats": stats(entries, len(selected)),
        "total_mentions": len(frame),
        "filters": flt,
        "types": types,
        "quads": QUADS,
        "filtered": not flt.is_empty() or not flt.factual_only,
        "api_query": request.url.query,
        "version": __version__,
    }
    return templates.TemplateResponse(request, "index.html", context)


async def api_timeline(request: Request) -> Response:
    _, selected, flt = _load(request)
    entries = build_timeline(selected, factual_only=flt.factual_only)
    return JSON({"count": len(entries), "filters": _filters_dict(flt),
                         "entries": [e.to_dict() for e in entries]})


def _int_param(request: Request, name: str, default: int, maximum: int) -> int:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise UsageError(f"{name}={raw!r} is not a whole number.", hint=f"Give {name} as an integer.") from exc
    if not 0 <= value <= maximum:
        raise UsageError(f"{name}={value} is out of range.", hint=f"Use 0 to {maximum}.")
    return value


async def api_events(request: Request) -> Response:
    _, selected, flt = _load(request)
    limit = _int_param(request, "limit", 1000, MAX_LIMIT)
    offset = _int_param(request, "offset", 0, 10**9)
    rows = []
    for rec in records(selected.iloc[offset:offset + limit]):
        rows.append({k: (parse_json_list(v) if k in JSON_COLUMNS else v) for k, v in rec.items()})
    return JSON({"count": len(selected), "offset": offset, "limit": limit,
                         "filters": _filters_dict(flt), "events": rows})


def _entries(request: Request) -> tuple[list[Any], Any]:
    _, selected, flt = _load(request)
    return build_timeline(selected, factual_only=flt.factual_only), flt


async def api_map(request: Request) -> Response:
    entries, flt = _entries(request)
    return JSON({**map_points(entries), "filters": _filters_dict(flt)})


async def api_escalation(request: Request) -> Response:
    entries, flt = _entries(request)
    options = ChartOptions(max_dyads=_int_param(request, "dyads", DEFAULT_DYADS, 50))
    return JSON({**escalation(entries, options), "filters": _filters_dict(flt)})


async def api_world(request: Request) -> Response:
    response = JSON(world_outline())
    response.headers["cache-control"] = "public, max-age=86400"
    return response


async def api_health(request: Request) -> Response:
    frame = _provider(request).events()
    return JSON({"status": "ok", "version": __version__, "source": _provider(request).describe(),
                         "events": len(frame)})


def create_app(store_path: str | os.PathLike[str] | None = None, *, provider: FrameProvider | None = None) -> Starlette:
    """The Starlette app. ``provider`` (anything with ``events()`` and ``describe()``, e.g.
    ``FramesProvider(df)``) wins over ``store_path``; without either, the configured store
    ($BRINKWATCH_STORE or ./brinkwatch.duckdb) is read, read-only, per request."""
    if provider is None:
        provider = StoreProvider(default_store_path(store_path))
    app = Starlette(
        routes=[
            Route("/", page_timeline, name="timeline"),
            Route("/api/timeline", api_timeline, name="api_timeline"),
            Route("/api/events", api_events, name="api_events"),
            Route("/api/map", api_map, name="api_map"),
            Route("/api/escalation", api_escalation, name="api_escalation"),
            Route("/api/world", api_world, name="api_world"),
            Route("/api/health", api_health, name="api_health"),
            Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
        ],
        exception_handlers={
            BrinkwatchError: _on_brinkwatch_error,
            HTTPException: _on_http_error,
            Exception: _on_unexpected,
        },
    )
    app.state.provider = provider
    app.add_middleware(SecurityHeaders)
    return app


def serve(store_path: str | os.PathLike[str] | None = None, host: str = "127.0.0.1", port: int = 8765, *,
          log_level: str = "info") -> None:
    """Run the app with uvicorn until interrupted. Fails early if the store file does not exist."""
    import uvicorn

    path = default_store_path(store_path)
    if not Path(path).exists():
        raise StoreNotFound(f"No brinkwatch store at {path}.",
                            hint="Run `brinkwatch ingest SOURCES` first, or give the right path with --store.")
    uvicorn.run(create_app(path), host=host, port=port, log_level=log_level)


__all__ = ["FramesProvider", "StoreProvider", "create_app", "serve", "PageNotFound", "InternalServerError"]
