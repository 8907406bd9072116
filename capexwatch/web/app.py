"""The web dashboard and JSON API: an ASGI app (FastAPI) over :mod:`capexwatch.queries`.

Every HTML page has a JSON twin built from the same query call (datasette's pattern):
``/`` and ``/.json``, ``/companies/{entity}`` and ``.json``, ``/documents/{id}`` and ``.json``,
``/claims``, ``/conflicts``, ``/facts`` (plus ``.csv`` and ``.parquet`` downloads).
The database is opened read-only unless a write token is given; the only write endpoint,
``POST /api/ingest``, needs that token. Templates autoescape; article text is never trusted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import io
import multiprocessing
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import duckdb
import jinja2
import pandas as pd
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import queries
from ..errors import CapexwatchError
from ..extract import extract_article
from ..models import Article
from ..reconcile import Reconciliation
from ..store import Store
from .format import (
    billions,
    compact_money,
    jsonable,
    metric_label,
    number,
    safe_url,
    value_text,
)

__all__ = ["create_app"]

HERE = Path(str(resources.files("capexwatch") / "web"))
# Scripts only from our own origin: a <script> that slipped through escaping would still not run.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
OVERVIEW_WAIT = 0.0  # the overview shows the rest at once while the reconciliation is computed
PROCESS_THRESHOLD = 20_000  # facts from which the reconciliation runs in its own process
CLAIMS_WAIT = 20.0  # seconds the claims and conflicts pages wait before answering 503 (retry later)
FilterText = Annotated[str | None, Query(max_length=200)]


def _connection(request: Request) -> Iterator[Any]:
    """One cursor per request: DuckDB connections are not shared between threads."""
    cursor = request.app.state.store.conn.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


def _fact_filters(entity: FilterText = None, metric: FilterText = None, period: FilterText = None,
                  region: FilterText = None, q: FilterText = None) -> queries.FactFilters:
    return queries.FactFilters(entity=entity, metric=metric, period=period, region=region, q=q)


Conn = Annotated[Any, Depends(_connection)]
Filters = Annotated[queries.FactFilters, Depends(_fact_filters)]
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


class IngestRequest(BaseModel):
    """A text to ingest through ``POST /api/ingest``."""

    text: str = Field(min_length=1, max_length=2_000_000)
    title: str | None = None
    url: str | None = None
    date: dt.date | None = None
    doc: str | None = None


class _Reconciler:
    """The store's reconciliation (claims, conflicts), computed in the background.

    Reconciling is costly (about 20 s per 100,000 facts) and holds the GIL, so a large store
    is reconciled in a separate process while the pages keep answering; it starts with the
    app and again after each write. Pages that need it wait a little, then say it is on its way.
    """

    def __init__(self, fetch: Callable[[], tuple[pd.DataFrame, dict[int, str] | None]]) -> None:
        self.fetch = fetch
        self.threads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="capexwatch-reconcile")
        self.processes: ProcessPoolExecutor | None = None
        self.future: Future[Reconciliation] | None = None

    def start(self) -> None:
        self.future = self.threads.submit(self._compute)

    def _compute(self) -> Reconciliation:
        frame, texts = self.fetch()
        if len(frame) < PROCESS_THRESHOLD:
            return queries.reconcile_frame(frame, texts=texts)
        if self.processes is None:
            self.processes = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        return self.processes.submit(queries.reconcile_frame, frame, texts=texts).result()

    def get(self, wait: float) -> Reconciliation | None:
        """Return the reconciliation, waiting up to ``wait`` seconds; None while it is being computed."""
        if self.future is None:
            self.start()
        assert self.future is not None
        try:
            return self.future.result(timeout=wait)
        except FutureTimeout:
            return None

    def close(self, *, wait: bool = False) -> None:
        if self.processes is not None:
            if not wait:  # do not keep the server from stopping until a long reconciliation ends
                for process in list(getattr(self.processes, "_processes", {}).values()):
                    process.terminate()
            self.processes.shutdown(wait=wait, cancel_futures=True)
        self.threads.shutdown(wait=wait, cancel_futures=True)


class _Cache:
    """Results of the heavier queries, per data version (the store changes only through this app).

    One computation per key at a time: concurrent requests for a key being computed wait for it.
    """

    def __init__(self, size: int = 1024) -> None:
        self.items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self.size = size
        self.lock = threading.Lock()
        self.key_locks: dict[tuple[Any, ...], threading.Lock] = {}
        self.generation = 0  # bumped by clear(): a result computed before a write is not kept after it

    def get(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
            key_lock = self.key_locks.setdefault(key, threading.Lock())
        with key_lock:
            with self.lock:
                if key in self.items:
                    return self.items[key]
                generation = self.generation
            value = compute()
            with self.lock:
                self.key_locks.pop(key, None)
                if generation == self.generation:
                    self.items[key] = value
                    while len(self.items) > self.size:
                        self.items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.generation += 1


def _templates() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(money=compact_money, number=number, value_text=value_text, metric=metric_label,
                       safe_url=safe_url, billions=billions, jsonable=jsonable)
    env.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": False}
    return env


def create_app(db_path: str | Path, *, write_token: str | None = None) -> FastAPI:
    """Return the ASGI app serving the database at ``db_path``.

    Read-only unless ``write_token`` is given; then ``POST /api/ingest`` accepts texts
    carrying ``Authorization: Bearer <write_token>``.
    """
    store = Store(db_path, read_only=write_token is None)
    cache = _Cache()

    def reconcile_input() -> tuple[pd.DataFrame, dict[int, str] | None]:
        cursor = store.conn.cursor()
        try:
            return queries.reconcile_input(cursor), queries.document_texts(cursor)
        finally:
            cursor.close()

    reconciler = _Reconciler(reconcile_input)
    reconciler.start()
    warm_up = ThreadPoolExecutor(max_workers=1, thread_name_prefix="capexwatch-warm-up")
    env = _templates()
    write_lock = threading.Lock()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        warm_up.shutdown(wait=False, cancel_futures=True)
        reconciler.close(wait=False)
        with contextlib.suppress(duckdb.Error):  # a reconciliation still running keeps it busy; the process ends anyway
            store.close()

    app = FastAPI(title="capexwatch", version=_version(), docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Source-linked facts about AI-infrastructure spending. Every HTML page has a JSON twin.")
    app.state.store = store
    app.state.reconciler = reconciler

    def warm() -> None:
        """Pre-aggregate what the overview, company and search pages read, before the first visitor."""
        cursor = store.conn.cursor()
        try:
            overview_data(cursor)
            company_index(cursor)
            options(cursor)
        finally:
            cursor.close()

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Any]) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    def cached(name: str, conn: Any, compute: Callable[[], Any], *args: Any) -> Any:
        return cache.get((name, *args), compute)

    def render(request: Request, template: str, status_code: int = 200, headers: dict[str, str] | None = None,
               **context: Any) -> HTMLResponse:
        html = env.get_template(template).render(request=request, path=request.url.path, **context)
        return HTMLResponse(html, status_code=status_code, headers=headers)

    def not_found(what: str) -> HTTPException:
        return HTTPException(status_code=404, detail=f"{what} not found")

    # -- data, shared by each page and its JSON twin --------------------------------------
    def overview_data(conn: Any) -> dict[str, Any]:
        data: dict[str, Any] = cached("overview", conn, lambda: queries.overview(conn))
        rec = reconciler.get(OVERVIEW_WAIT)
        found = None if rec is None else cache.get(("overview-conflicts", id(rec)), lambda: queries.conflicts(rec, limit=5))
        return {**data, "conflicts": found}

    def company_index(conn: Any) -> dict[str, dict[str, Any]]:
        return cache.get(("company-index",), lambda: queries.company_index(conn))  # type: ignore[no-any-return]

    def company_data(conn: Any, name: str) -> dict[str, Any]:
        entity = queries.resolve_entity(conn, name)
        if entity is None:
            raise not_found(f"company {name!r}")
        return company_index(conn).get(entity) or queries.company(conn, entity)  # type: ignore[return-value]

    def document_data(conn: Any, document_id: int) -> dict[str, Any]:
        data = queries.document(conn, document_id)
        if data is None:
            raise not_found(f"document {document_id}")
        return data

    def search_data(conn: Any, filters: queries.FactFilters, limit: int, offset: int) -> dict[str, Any]:
        entities = options(conn)["entities"]
        # counts are kept per filter (the store only changes through this app): a page costs only its rows
        total = cache.get(("count", filters), lambda: queries.count_facts(conn, filters, entities=entities))
        return queries.search_facts(conn, filters, limit=limit, offset=offset, entities=entities, total=total)

    def options(conn: Any) -> dict[str, Any]:
        return cached("options", conn, lambda: queries.filter_options(conn))  # type: ignore[no-any-return]

    def claims_data(entity: str | None, only_conflicts: bool) -> list[dict[str, Any]]:
        rec = reconciler.get(CLAIMS_WAIT)
        if rec is None:
            raise HTTPException(status_code=503, headers={"Retry-After": "30"},
                                detail="The facts are being reconciled; try again in a minute.")
        func = queries.conflicts if only_conflicts else queries.claims
        return cache.get(("claims", id(rec), entity, only_conflicts),  # type: ignore[no-any-return]
                         lambda: func(rec, entity=entity))

    # -- overview ---------------------------------------------------------------------
    @app.get("/.json", tags=["pages"], summary="Overview: capex by region, largest spenders, latest facts, conflicts")
    def overview_json(conn: Conn) -> JSONResponse:
        return JSONResponse(jsonable(overview_data(conn)))

    @app.get("/api/overview", include_in_schema=False)
    def overview_api(conn: Conn) -> JSONResponse:
        return overview_json(conn)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview_page(request: Request, conn: Conn) -> HTMLResponse:
        data = overview_data(conn)
        chart = [{"year": r["year"], "region": r["region"], "spent": billions(r["spent_usd"]),
                  "planned": billions(r["planned_usd"]), "entities": r["entities"]} for r in data["region_capex"]]
        return render(request, "overview.html", data=data, chart=chart, json_url="/.json")

    # -- companies ----------------------------------------------------------------------
    @app.get("/companies/{entity:path}.json", tags=["pages"], summary="One company: timeline in USD, facts, documents")
    def company_json(entity: str, conn: Conn) -> JSONResponse:
        return JSONResponse(jsonable(company_data(conn, entity)))

    @app.get("/companies/{entity:path}", response_class=HTMLResponse, include_in_schema=False)
    def company_page(entity: str, request: Request, conn: Conn) -> HTMLResponse:
        data = company_data(conn, entity)
        chart = [{"period": p["period"], "capex": billions(p.get("capex")), "capex_plan": billions(p.get("capex_plan")),
                  "revenue": billions(p.get("revenue"))} for p in data["timeline"]]
        return render(request, "company.html", data=data, chart=chart,
                      json_url=request.url_for("company_json", entity=data["entity"]).path)

    # -- documents ----------------------------------------------------------------------
    @app.get("/documents/{document_id:int}.json", tags=["pages"], summary="One document: text, facts, highlight segments")
    def document_json(document_id: int, conn: Conn) -> JSONResponse:
        return JSONResponse(jsonable(document_data(conn, document_id)))

    @app.get("/documents/{document_id:int}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(document_id: int, request: Request, conn: Conn) -> HTMLResponse:
        data = document_data(conn, document_id)
        return render(request, "document.html", data=data, json_url=f"/documents/{document_id}.json")

    # -- claims and conflicts -----------------------------------------------------------
    @app.get("/claims.json", tags=["pages"], summary="Claims made by two or more documents, with their sources")
    def claims_json(conn: Conn, entity: FilterText = None) -> JSONResponse:
        return JSONResponse(jsonable(claims_data(entity, False)))

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_page(request: Request, conn: Conn, entity: FilterText = None) -> HTMLResponse:
        rows = claims_data(entity, False)
        return render(request, "claims.html", rows=rows, title="Claims", entity=entity,
                      json_url="/claims.json" + _qs(entity=entity))

    @app.get("/conflicts.json", tags=["pages"], summary="Claims whose sources disagree, with the explanation")
    def conflicts_json(conn: Conn, entity: FilterText = None) -> JSONResponse:
        return JSONResponse(jsonable(claims_data(entity, True)))

    @app.get("/conflicts", response_class=HTMLResponse, include_in_schema=False)
    def conflicts_page(request: Request, conn: Conn, entity: FilterText = None) -> HTMLResponse:
        rows = claims_data(entity, True)
        return render(request, "claims.html", rows=rows, title="Conflicts", entity=entity,
                      json_url="/conflicts.json" + _qs(entity=entity))

    # -- facts search ------------------------------------------------------------------
    @app.get("/facts.json", tags=["facts"], summary="Facts matching the filters, one page at a time")
    def facts_json(conn: Conn, filters: Filters, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
        return JSONResponse(jsonable(search_data(conn, filters, limit, offset)))

    @app.get("/facts", response_class=HTMLResponse, include_in_schema=False)
    def facts_page(request: Request, conn: Conn, filters: Filters, limit: Limit = 50,
                   offset: Offset = 0) -> HTMLResponse:
        data = search_data(conn, filters, limit, offset)
        qs = _qs(**filters.active())
        pages = {
            "prev": _qs(**filters.active(), limit=limit, offset=max(offset - limit, 0)) if offset > 0 else None,
            "next": _qs(**filters.active(), limit=limit, offset=offset + limit)
            if offset + limit < data["total"] else None,
        }
        return render(request, "facts.html", data=data, options=options(conn), filters=filters.active(), qs=qs,
                      pages=pages, json_url="/facts.json" + qs)

    @app.get("/facts.csv", tags=["facts"], summary="Download every fact matching the filters as CSV")
    def facts_csv(conn: Conn, filters: Filters) -> Response:
        import pyarrow.csv as pacsv

        table = _defuse_formulas(queries.facts_table(conn, filters))
        buffer = io.BytesIO()
        pacsv.write_csv(table, buffer)
        return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="facts.csv"'})

    @app.get("/facts.parquet", tags=["facts"], summary="Download every fact matching the filters as Parquet")
    def facts_parquet(conn: Conn, filters: Filters) -> Response:
        import pyarrow.parquet as pq

        buffer = io.BytesIO()
        pq.write_table(queries.facts_table(conn, filters), buffer)
        return Response(buffer.getvalue(), media_type="application/vnd.apache.parquet",
                        headers={"Content-Disposition": 'attachment; filename="facts.parquet"'})

    # -- writing (only with a token) ----------------------------------------------------------
    @app.post("/api/ingest", tags=["write"], summary="Extract and store one text (needs --allow-writes and the token)")
    def ingest_text(body: IngestRequest, authorization: Annotated[str | None, Header()] = None) -> JSONResponse:
        if write_token is None:
            raise HTTPException(status_code=403, detail="read-only: start the server with --allow-writes --token T")
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), write_token.encode()):
            raise HTTPException(status_code=401, detail="missing or wrong token (Authorization: Bearer <token>)")
        article = Article(id=body.doc or "api", text=body.text, title=body.title, date=body.date, url=body.url,
                          source="api")
        facts = extract_article(article)
        with write_lock:
            try:
                docs, added = store.add([(article, facts)])
            except CapexwatchError as error:
                raise HTTPException(status_code=400, detail=str(error)) from error
            cache.clear()
            reconciler.start()
        return JSONResponse({"documents": docs, "facts": added}, status_code=201 if docs else 200)

    # -- API docs without a CDN -----------------------------------------------------------
    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        return render(request, "api.html")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))
        return render(request, "error.html", status_code=exc.status_code, status=exc.status_code, detail=exc.detail,
                      headers=getattr(exc, "headers", None))

    app.state.warm_up = warm_up.submit(warm)
    return app


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.endswith(".json") or path.startswith("/api/") or "text/html" not in request.headers.get("accept", "")


def _qs(**params: Any) -> str:
    """Return ``?a=1&b=2`` for the parameters that are set, or an empty string."""
    items = {k: v for k, v in params.items() if v not in (None, "")}
    return "?" + urlencode(items) if items else ""


def _defuse_formulas(table: Any) -> Any:
    """Prefix text cells a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) with ``'``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns = []
    for column in table.columns:
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            risky = pc.match_substring_regex(column, r"^[=+\-@\t\r]")
            column = pc.if_else(risky, pc.binary_join_element_wise("'", column, ""), column)
        columns.append(column)
    return pa.table(columns, names=table.column_names)


def _version() -> str:
    from .. import __version__

    return __version__
