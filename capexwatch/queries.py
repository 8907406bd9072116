"""Named read queries over the store: what the web pages and their JSON twins show.

Every function takes a DuckDB connection (``store.conn`` or a cursor of it), runs SQL kept
here as module-level constants with bound parameters only, and returns JSON-ready
``list[dict]`` / ``dict`` (money stays :class:`~decimal.Decimal`). The front ends format the
result; nothing here renders HTML. USD values are at the ECB rate of each fact's day
(:mod:`capexwatch.normalize`); claims and conflicts come from :mod:`capexwatch.reconcile`.
Layer 3: imports layer-2 logic and the rates loader only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

import pandas as pd

from .entities import EntityRegistry, default_registry
from .fx import FxError, RateSource
from .normalize import (
    PLAN_METRICS,
    fx_date,
    normalize_facts,
    period_range,
    unit_family,
    usd_value,
)
from .rates import load_rates
from .reconcile import Reconciliation, reconcile_facts, story_groups

__all__ = [
    "FactFilters",
    "company",
    "company_index",
    "count_facts",
    "document_texts",
    "conflicts",
    "claims",
    "document",
    "facts_table",
    "filter_options",
    "highlight_segments",
    "largest_spenders",
    "latest_facts",
    "overview",
    "fact_usd",
    "period_sort_key",
    "reconcile_frame",
    "reconcile_input",
    "reconcile_store",
    "region_capex",
    "search_facts",
]

MONEY_METRICS = ("capex", "capex_plan", "revenue", "net_income", "free_cash_flow", "share_buyback", "total_assets")
TIMELINE_METRICS = ("capex", "capex_plan", "revenue")
# Claim statuses from the most to the least serious (capexwatch.reconcile).
STATUS_ORDER = ("conflict", "unit_error", "revised", "period_or_scope", "fx", "restated", "single")
STORY_LIMIT = 20_000  # documents up to which copies of one story are found and counted once
CLAIM_FACT_COLUMNS = ["id", "document_id", "doc", "doc_date", "title", "publisher", "kind", "value", "high", "unit",
                      "period", "quote", "value_usd", "relation", "explanation"]

FACT_SELECT = """
SELECT f.id, f.document_id, f.doc, f.entity, f.metric, f.value, f.high, f.unit, f.period, f.segment,
       f.basis, f.quote, f.quote_start, f.quote_end, f.figure, f.also, f.step,
       d.title, d.date AS doc_date, d.url, d.publisher, d.kind
FROM facts f JOIN documents d ON d.id = f.document_id
"""

# The same facts without the join: pages are cut from facts alone, then their documents looked up.
FACT_COLUMNS_SQL = """f.id, f.document_id, f.doc, f.entity, f.metric, f.value, f.high, f.unit, f.period, f.segment,
       f.basis, f.quote, f.quote_start, f.quote_end, f.figure, f.also, f.step"""
# ``BETWEEN`` lets DuckDB skip row groups by their min/max before matching the ids.
SQL_FACTS_BY_IDS = f"""
SELECT {FACT_COLUMNS_SQL} FROM facts f
WHERE f.id BETWEEN ? AND ? AND f.id IN (SELECT unnest(?::BIGINT[])) ORDER BY f.id DESC
"""
SQL_DOCUMENTS_BY_IDS = """
SELECT id, title, date, url, publisher, kind FROM documents
WHERE id BETWEEN ? AND ? AND id IN (SELECT unnest(?::INTEGER[]))
"""
SQL_DOCUMENT_FACTS = f"SELECT {FACT_COLUMNS_SQL} FROM facts f WHERE f.document_id = ? ORDER BY f.quote_start, f.id"

# Filters of search_facts(): name -> SQL condition with exactly one bound parameter.
FACT_CONDITIONS = {
    "entity": "f.entity = ?",
    "metric": "f.metric = ?",
    "period": "f.period = ?",
    "region": "f.entity IN (SELECT unnest(?::VARCHAR[]))",
    "q": "(f.quote ILIKE ('%' || ? || '%'))",
    "document_id": "f.document_id = ?",
}

SQL_DATA_VERSION = "SELECT (SELECT count(*) FROM documents), (SELECT coalesce(max(id), 0) FROM facts)"

SQL_OPTIONS = {
    "entities": "SELECT entity, count(*) AS n FROM facts GROUP BY entity ORDER BY entity",
    "metrics": "SELECT metric, count(*) AS n FROM facts GROUP BY metric ORDER BY metric",
    "periods": "SELECT period, count(*) AS n FROM facts GROUP BY period",
}

SQL_COUNTS = "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM facts), (SELECT count(DISTINCT entity) FROM facts)"

# The value of each (entity, metric, period, unit) across its sources: the median, with
# the number of documents and the latest date; one row per group, so the Python side is small.
SQL_MONEY_GROUPS = """
SELECT f.entity, f.metric, f.period, f.unit, median(f.value) AS value, max(f.high) AS high,
       count(DISTINCT f.document_id) AS sources, max(d.date) AS last_date,
       arg_max(f.id, d.date) AS fact_id
FROM facts f JOIN documents d ON d.id = f.document_id
WHERE f.metric IN (SELECT unnest(?::VARCHAR[])) AND f.segment IS NULL AND f.basis IS NULL
GROUP BY f.entity, f.metric, f.period, f.unit
ORDER BY f.entity, f.period, f.metric, f.unit
"""

SQL_LATEST_DOCS = "SELECT id FROM documents ORDER BY date DESC NULLS LAST, id DESC LIMIT ?"

SQL_DOCUMENT = "SELECT id, doc, title, date, url, publisher, source, kind, text, ingested_at FROM documents WHERE id = ?"

SQL_ENTITY_EXACT = "SELECT entity FROM facts WHERE entity = ? LIMIT 1"
SQL_ENTITY_FOLDED = "SELECT entity FROM facts WHERE lower(entity) = lower(?) LIMIT 1"

# Per entity (or for the one entity of ``{where}``): counts, latest facts, latest documents.
SQL_ENTITY_COUNTS = """
SELECT f.entity, count(*), count(DISTINCT f.document_id) FROM facts f {where} GROUP BY f.entity
"""
SQL_TOP_FACTS = FACT_SELECT + """
WHERE f.id IN (
  SELECT id FROM (
    SELECT f.id, row_number() OVER (PARTITION BY f.entity ORDER BY d.date DESC NULLS LAST, f.id DESC) AS rank
    FROM facts f JOIN documents d ON d.id = f.document_id {where}
  ) WHERE rank <= ?
)
ORDER BY f.entity, d.date DESC NULLS LAST, f.id DESC
"""
SQL_TOP_DOCUMENTS = """
SELECT entity, id, title, date, url, publisher, facts FROM (
  SELECT p.entity, d.id, d.title, d.date, d.url, d.publisher, p.n AS facts,
         row_number() OVER (PARTITION BY p.entity ORDER BY d.date DESC NULLS LAST, d.id DESC) AS rank
  FROM (SELECT f.entity, f.document_id, count(*) AS n FROM facts f {where} GROUP BY f.entity, f.document_id) p
  JOIN documents d ON d.id = p.document_id
) WHERE rank <= ? ORDER BY entity, rank
"""

@dataclass(frozen=True)
class FactFilters:
    """Filters of the facts search: each one ``None`` (not filtered) or a value to match exactly.

    ``q`` matches anywhere in the quote (case-insensitive); ``region`` is a region of the
    entity registry (``china``, ``us``...).
    """

    entity: str | None = None
    metric: str | None = None
    period: str | None = None
    region: str | None = None
    q: str | None = None

    def active(self) -> dict[str, str]:
        """Return the filters that are set.

        >>> FactFilters(entity="Alibaba", q="").active()
        {'entity': 'Alibaba'}
        """
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}


# -- pure helpers ------------------------------------------------------------------------

_PERIOD = re.compile(
    r"""^(?:(?P<ttm>TTM)|(?P<ytd>YTD)|(?P<fy>FY))?   # prefix
        (?P<year>\d{4})                               # year
        (?:Q(?P<q>[1-4])|H(?P<h>[12])|-(?P<md>\d\d-\d\d)|\.\.(?:FY)?(?P<to>\d{4}))?$  # part of it
    """,
    re.VERBOSE,
)


def period_sort_key(period: str) -> tuple[int, int, str]:
    """Return a key that sorts periods in time order, ``unknown`` last.

    >>> sorted(["2025Q2", "unknown", "2024", "FY2025", "2025H1", "2025..2027", "2025", "FY2025..FY2028"], key=period_sort_key)
    ['2024', '2025Q2', '2025H1', '2025', 'FY2025', '2025..2027', 'FY2025..FY2028', 'unknown']
    """
    match = _PERIOD.match(period)
    if match is None:
        return (9999, 99, period)
    year = int(match["year"])
    if match["q"]:
        sub = int(match["q"]) * 3 - 1
    elif match["h"]:
        sub = 6 if match["h"] == "1" else 12
    elif match["md"]:
        sub = int(match["md"][:2])
    elif match["to"]:
        sub = 40
    else:
        sub = 13 if not match["fy"] else 14
    return (year, sub, period)


def annual_year(period: str) -> int | None:
    """Return the year of an annual period (``2025``, ``FY2025``), else None.

    >>> annual_year("FY2025"), annual_year("2025Q1"), annual_year("2026")
    (2025, None, 2026)
    """
    match = re.fullmatch(r"(?:FY)?(\d{4})", period)
    return int(match.group(1)) if match else None


def highlight_segments(text: str, spans: Iterable[tuple[int, int, int, str]]) -> list[dict[str, Any]]:
    """Cut ``text`` into pieces, each with the ids of the spans covering it.

    ``spans`` are ``(start, end, fact_id, kind)``; spans outside the text are ignored.
    Returns ``[{"text", "facts": [ids], "kinds": [kinds]}]`` whose texts join back to ``text``.

    >>> [(s["text"], s["facts"]) for s in highlight_segments("abcdef", [(1, 4, 7, "q"), (3, 5, 8, "q")])]
    [('a', []), ('bc', [7]), ('d', [7, 8]), ('e', [8]), ('f', [])]
    >>> highlight_segments("ab", [(1, 9, 1, "q")])
    [{'text': 'ab', 'facts': [], 'kinds': []}]
    """
    valid = [(s, e, i, k) for s, e, i, k in spans if s is not None and e is not None and 0 <= s < e <= len(text)]
    cuts = sorted({0, len(text), *(s for s, *_ in valid), *(e for _, e, *_ in valid)})
    out: list[dict[str, Any]] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [(i, k) for s, e, i, k in valid if s <= start and end <= e]
        out.append({
            "text": text[start:end],
            "facts": sorted({i for i, _ in covering}),
            "kinds": sorted({k for _, k in covering}),
        })
    return out


@lru_cache(maxsize=65536)
def _fx_day(plan: bool, period: str, fiscal_year_end: int, doc_date: dt.date | None) -> dt.date | None:
    rng = period_range(period, fiscal_year_end=fiscal_year_end, as_of=doc_date)
    return fx_date("capex_plan" if plan else "capex", rng, doc_date)[0]


def fact_usd(value: Decimal | float | None, unit: str, *, metric: str, period: str, entity: str,
             doc_date: dt.date | None, rates: RateSource, registry: EntityRegistry,
             also: str | None = None) -> Decimal | None:
    """Return a money figure in USD at the ECB rate of its day (``normalize.fx_date``), else None.

    Where no ECB rate applies (a currency the ECB does not publish, no date at all), the
    source's own USD restatement (``also``) is used. Percentages and counts give None.
    """
    if value is None or unit_family(unit) != "money":
        return None
    amount = Decimal(str(value))
    if unit == "USD":
        return amount
    day = _fx_day(metric in PLAN_METRICS, period, registry.fiscal_year_end(entity), _as_date(doc_date))
    day = day or getattr(rates, "last_date", None)
    if day is not None:
        try:
            return usd_value(amount, unit, day, rates)[0]
        except FxError:
            pass
    for alt in _alts(also):
        if alt.get("unit") == "USD":
            return Decimal(str(alt["value"]))
    return None


def _as_date(value: Any) -> dt.date | None:
    if value is None or (not isinstance(value, dt.date) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else pd.Timestamp(value).date()


def _alts(also: str | None) -> list[dict[str, Any]]:
    if not also:
        return []
    try:
        parsed = json.loads(also)
    except ValueError:
        return []
    return [a for a in parsed if isinstance(a, dict)] if isinstance(parsed, list) else []


def _attach_documents(conn: Any, rows: list[dict[str, Any]]) -> None:
    """Add each fact's document fields (title, doc_date, url, publisher, kind), as FACT_SELECT has them."""
    ids = sorted({r["document_id"] for r in rows})
    if not ids:
        return
    docs = {d["id"]: d for d in _records(conn.execute(SQL_DOCUMENTS_BY_IDS, [ids[0], ids[-1], ids]))}
    for row in rows:
        doc = docs.get(row["document_id"], {})
        row.update(title=doc.get("title"), doc_date=doc.get("date"), url=doc.get("url"),
                   publisher=doc.get("publisher"), kind=doc.get("kind"))


def _records(cursor: Any) -> list[dict[str, Any]]:
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=False)) for row in cursor.fetchall()]


# -- queries ------------------------------------------------------------------------------

def data_version(conn: Any) -> tuple[int, int]:
    """Return (documents, highest fact id): changes whenever something is written."""
    row = conn.execute(SQL_DATA_VERSION).fetchone()
    return (int(row[0]), int(row[1]))


def filter_options(conn: Any, *, registry: EntityRegistry | None = None) -> dict[str, Any]:
    """Return the values each filter can take: entities, metrics, periods and regions."""
    registry = registry or default_registry()
    entities = [r[0] for r in conn.execute(SQL_OPTIONS["entities"]).fetchall()]
    metrics = [r[0] for r in conn.execute(SQL_OPTIONS["metrics"]).fetchall()]
    periods = sorted((r[0] for r in conn.execute(SQL_OPTIONS["periods"]).fetchall()), key=period_sort_key)
    regions = sorted({registry.region(e) or "other" for e in entities})
    return {"entities": entities, "metrics": metrics, "periods": periods, "regions": regions}


def _entities_in_region(conn: Any, region: str, registry: EntityRegistry,
                        entities: Sequence[str] | None = None) -> list[str]:
    if entities is None:
        entities = [r[0] for r in conn.execute(SQL_OPTIONS["entities"]).fetchall()]
    return [e for e in entities if (registry.region(e) or "other") == region]


def _where(conn: Any, filters: FactFilters, registry: EntityRegistry,
           entities: Sequence[str] | None = None) -> tuple[str, list[Any]]:
    conditions, params = [], []
    for name, value in filters.active().items():
        conditions.append(FACT_CONDITIONS[name])
        params.append(_entities_in_region(conn, value, registry, entities) if name == "region" else value)
    return (" WHERE " + " AND ".join(conditions)) if conditions else "", params


def _fact_rows(rows: list[dict[str, Any]], registry: EntityRegistry, rates: RateSource) -> list[dict[str, Any]]:
    for row in rows:
        row["region"] = registry.region(row["entity"]) or "other"
        row["usd"] = fact_usd(row["value"], row["unit"], metric=row["metric"], period=row["period"],
                              entity=row["entity"], doc_date=row.get("doc_date"), rates=rates, registry=registry,
                              also=row.get("also"))
        row["also"] = _alts(row.get("also"))
    return rows


def search_facts(conn: Any, filters: FactFilters = FactFilters(), *, limit: int = 100, offset: int = 0,
                 registry: EntityRegistry | None = None, rates: RateSource | None = None,
                 entities: Sequence[str] | None = None, total: int | None = None) -> dict[str, Any]:
    """Return ``{"filters", "total", "limit", "offset", "facts"}``: one page of the matching facts, newest first.

    ``entities`` (every stored entity, as :func:`filter_options` gives them) saves a pass for
    ``region``; ``total`` (from :func:`count_facts`, when the caller keeps it) saves the count.
    """
    registry = registry or default_registry()
    where, params = _where(conn, filters, registry, entities)
    # Count and cut the page from facts alone; only the page's rows and documents are read in full.
    if total is None:
        total = conn.execute(f"SELECT count(*) FROM facts f{where}", params).fetchone()[0]
    ids = _page_ids(conn, where, params, limit=limit, offset=offset, wanted=max(0, min(limit, int(total) - offset)))
    rows = _records(conn.execute(SQL_FACTS_BY_IDS, [min(ids), max(ids), ids])) if ids else []
    _attach_documents(conn, rows)
    return {"filters": filters.active(), "total": int(total), "limit": limit, "offset": offset,
            "facts": _fact_rows(rows, registry, rates or load_rates())}


def count_facts(conn: Any, filters: FactFilters = FactFilters(), *, registry: EntityRegistry | None = None,
                entities: Sequence[str] | None = None) -> int:
    """Return how many facts match ``filters``."""
    where, params = _where(conn, filters, registry or default_registry(), entities)
    return int(conn.execute(f"SELECT count(*) FROM facts f{where}", params).fetchone()[0])


def _page_ids(conn: Any, where: str, params: list[Any], *, limit: int, offset: int, wanted: int) -> list[int]:
    """Return the ids of one page of matching facts, newest (highest id) first.

    A top-N over all matching rows sorts them all; looking at the newest ids first, in a
    window that grows eightfold until the page is full, lets DuckDB skip the older row groups.
    """
    if wanted == 0:
        return []
    top = conn.execute("SELECT max(id) FROM facts").fetchone()[0]
    span = (limit + offset) * 8
    glue = " AND " if where else " WHERE "
    while True:
        ids = [r[0] for r in conn.execute(
            f"SELECT f.id FROM facts f{where}{glue}f.id > ? ORDER BY f.id DESC LIMIT ? OFFSET ?",
            [*params, top - span, limit, offset]).fetchall()]
        if len(ids) >= wanted or top - span <= 0:
            return ids
        span *= 8


def facts_table(conn: Any, filters: FactFilters = FactFilters(), *, registry: EntityRegistry | None = None) -> Any:
    """Return every matching fact as a pyarrow Table (for CSV and Parquet downloads)."""
    registry = registry or default_registry()
    where, params = _where(conn, filters, registry)
    return conn.sql(FACT_SELECT + where + " ORDER BY f.id", params=params).to_arrow_table()


def latest_facts(conn: Any, *, limit: int = 12, registry: EntityRegistry | None = None,
                 rates: RateSource | None = None) -> list[dict[str, Any]]:
    """Return the facts of the most recent documents, newest first."""
    registry = registry or default_registry()
    sql = (FACT_SELECT + " WHERE f.document_id IN (" + SQL_LATEST_DOCS + ")"
           " ORDER BY d.date DESC NULLS LAST, f.document_id DESC, f.quote_start LIMIT ?")
    rows = _records(conn.execute(sql, [max(limit, 1), limit]))
    return _fact_rows(rows, registry, rates or load_rates())


def _money_groups(conn: Any, metrics: Sequence[str], rates: RateSource, registry: EntityRegistry,
                  entity: str | None = None) -> list[dict[str, Any]]:
    if entity is None:
        rows = _records(conn.execute(SQL_MONEY_GROUPS, [list(metrics)]))
    else:
        rows = _records(conn.execute(SQL_MONEY_GROUPS.replace("WHERE", "WHERE f.entity = ? AND", 1),
                                     [entity, list(metrics)]))
    for row in rows:
        row["usd"] = fact_usd(row["value"], row["unit"], metric=row["metric"], period=row["period"],
                              entity=row["entity"], doc_date=row["last_date"], rates=rates, registry=registry)
        row["region"] = registry.region(row["entity"]) or "other"
    return rows


def region_capex(conn: Any, *, regions: Sequence[str] = ("china", "us"), rates: RateSource | None = None,
                 registry: EntityRegistry | None = None) -> list[dict[str, Any]]:
    """Return capex by region and year in USD: ``[{"year", "region", "spent_usd", "planned_usd", "entities"}]``.

    Each company-year counts once: its reported capex where there is one, else its plan.
    Only registry companies count; groups (``Alibaba+Baidu+Tencent``, ``US hyperscalers``)
    would count their members twice.
    """
    registry = registry or default_registry()
    best: dict[tuple[str, int], dict[str, Any]] = {}
    for row in _money_groups(conn, ("capex", "capex_plan"), rates or load_rates(), registry):
        year = annual_year(row["period"])
        if year is None or row["usd"] is None or row["region"] not in regions or row["entity"] not in registry.entities:
            continue
        key = (row["entity"], year)
        rank = (row["metric"] == "capex", row["sources"])
        if key not in best or rank > best[key]["rank"]:
            best[key] = {**row, "rank": rank, "year": year}
    totals: dict[tuple[int, str], dict[str, Any]] = {}
    for (entity, year), row in sorted(best.items()):
        cell = totals.setdefault((year, row["region"]), {"year": year, "region": row["region"], "spent_usd": Decimal(0),
                                                         "planned_usd": Decimal(0), "entities": []})
        cell["spent_usd" if row["metric"] == "capex" else "planned_usd"] += row["usd"]
        cell["entities"].append(entity)
    return [totals[k] for k in sorted(totals)]


def largest_spenders(conn: Any, *, limit: int = 10, rates: RateSource | None = None,
                     registry: EntityRegistry | None = None) -> list[dict[str, Any]]:
    """Return companies by their largest capex or plan with a known period, in USD and as reported."""
    registry = registry or default_registry()
    best: dict[str, dict[str, Any]] = {}
    for row in _money_groups(conn, ("capex", "capex_plan"), rates or load_rates(), registry):
        if row["usd"] is None or row["period"] == "unknown" or row["entity"] not in registry.entities:
            continue
        entity = row["entity"]
        if entity not in best or (row["usd"], row["sources"]) > (best[entity]["usd"], best[entity]["sources"]):
            best[entity] = row
    return sorted(best.values(), key=lambda r: r["usd"], reverse=True)[:limit]


def overview(conn: Any, *, limit: int = 10, reconciliation: Reconciliation | None = None,
             registry: EntityRegistry | None = None, rates: RateSource | None = None) -> dict[str, Any]:
    """Return what the overview page shows: counts, capex by region, largest spenders, latest facts, conflicts.

    ``conflicts`` is None when no ``reconciliation`` is given (it is the costly part).
    """
    registry = registry or default_registry()
    rates = rates or load_rates()
    documents, facts, entities = conn.execute(SQL_COUNTS).fetchone()
    return {
        "counts": {"documents": int(documents), "facts": int(facts), "entities": int(entities)},
        "region_capex": region_capex(conn, rates=rates, registry=registry),
        "largest_spenders": largest_spenders(conn, limit=limit, rates=rates, registry=registry),
        "latest_facts": latest_facts(conn, limit=limit, rates=rates, registry=registry),
        "conflicts": None if reconciliation is None else conflicts(reconciliation, limit=5),
    }


def resolve_entity(conn: Any, name: str) -> str | None:
    """Return the entity as stored (exact, else case-insensitive), or None."""
    row = conn.execute(SQL_ENTITY_EXACT, [name]).fetchone() or conn.execute(SQL_ENTITY_FOLDED, [name]).fetchone()
    return row[0] if row else None


def company(conn: Any, name: str, *, limit: int = 100, registry: EntityRegistry | None = None,
            rates: RateSource | None = None) -> dict[str, Any] | None:
    """Return one company: its timeline of capex, plans and revenue in USD, its latest facts and documents; or None."""
    entity = resolve_entity(conn, name)
    if entity is None:
        return None
    return _companies(conn, entity, limit=limit, registry=registry or default_registry(), rates=rates or load_rates())[entity]


def company_index(conn: Any, *, limit: int = 100, registry: EntityRegistry | None = None,
                  rates: RateSource | None = None) -> dict[str, dict[str, Any]]:
    """Return :func:`company` for every entity at once, keyed by entity: a few passes over the store.

    A pre-aggregation: on a million facts one company costs about as much as all of them.
    """
    return _companies(conn, None, limit=limit, registry=registry or default_registry(), rates=rates or load_rates())


def _companies(conn: Any, entity: str | None, *, limit: int, registry: EntityRegistry,
               rates: RateSource) -> dict[str, dict[str, Any]]:
    where, params = ("WHERE f.entity = ?", [entity]) if entity is not None else ("", [])
    out: dict[str, dict[str, Any]] = {}
    for name, facts, documents in conn.execute(SQL_ENTITY_COUNTS.format(where=where), params).fetchall():
        out[name] = {"entity": name, "region": registry.region(name) or "other",
                     "fiscal_year_end": registry.fiscal_year_end(name), "timeline": [], "total_facts": int(facts),
                     "total_documents": int(documents), "facts": [], "documents": []}
    timelines: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for row in _money_groups(conn, TIMELINE_METRICS, rates, registry, entity=entity):
        point = timelines[row["entity"]].setdefault(row["period"], {"period": row["period"], "original": []})
        if row["usd"] is not None:
            point[row["metric"]] = point.get(row["metric"], Decimal(0)) + row["usd"]
        point["original"].append({"metric": row["metric"], "value": row["value"], "unit": row["unit"],
                                  "usd": row["usd"], "sources": row["sources"]})
    for name, timeline in timelines.items():
        if name in out:
            out[name]["timeline"] = [timeline[p] for p in sorted(timeline, key=period_sort_key) if p != "unknown"]
    rows = _records(conn.execute(SQL_TOP_FACTS.format(where=where), [*params, limit]))
    for row in _fact_rows(rows, registry, rates):
        out[row["entity"]]["facts"].append(row)
    for row in _records(conn.execute(SQL_TOP_DOCUMENTS.format(where=where), [*params, 50])):
        out[row.pop("entity")]["documents"].append(row)
    return out


def document(conn: Any, document_id: int, *, registry: EntityRegistry | None = None,
             rates: RateSource | None = None) -> dict[str, Any] | None:
    """Return one document with its text, its facts, and the text cut into highlighted segments; or None."""
    registry = registry or default_registry()
    docs = _records(conn.execute(SQL_DOCUMENT, [document_id]))
    if not docs:
        return None
    doc = docs[0]
    rows = _records(conn.execute(SQL_DOCUMENT_FACTS, [document_id]))
    for row in rows:
        row.update(title=doc["title"], doc_date=doc["date"], url=doc["url"], publisher=doc["publisher"], kind=doc["kind"])
    facts = _fact_rows(rows, registry, rates or load_rates())
    text = doc["text"]
    spans: list[tuple[int, int, int, str]] = []
    for fact in facts:
        start, end = fact["quote_start"], fact["quote_end"]
        if start is None or end is None or not 0 <= start < end <= len(text):
            continue
        spans.append((start, end, fact["id"], "quote"))
        at = text.find(fact["figure"], start, end) if fact["figure"] else -1
        if at >= 0:
            spans.append((at, at + len(fact["figure"]), fact["id"], "figure"))
    doc["facts"] = facts
    doc["segments"] = highlight_segments(text, spans)
    return doc


# -- claims and conflicts (capexwatch.reconcile) -------------------------------------------------

def reconcile_input(conn: Any, *, entity: str | None = None) -> pd.DataFrame:
    """Return the stored facts (of one entity, or all) as the DataFrame :func:`reconcile_frame` takes."""
    sql, params = (FACT_SELECT + " WHERE f.entity = ?", [entity]) if entity else (FACT_SELECT, [])
    frame = conn.execute(sql, params).df()
    # DuckDB gives dates as datetime64[us]; reconcile fills missing dates with the ns-resolution Timestamp.min
    frame["doc_date"] = pd.to_datetime(frame["doc_date"]).astype("datetime64[ns]")
    return frame


def document_texts(conn: Any, *, limit: int = STORY_LIMIT) -> dict[int, str] | None:
    """Return every document's text by id, for :func:`~capexwatch.reconcile.story_groups`; None above ``limit``.

    Finding copies of one story compares all texts (about 15 s per 10,000 documents), so
    larger stores are reconciled with every document as its own source.
    """
    if conn.execute("SELECT count(*) FROM documents").fetchone()[0] > limit:
        return None
    return dict(conn.execute("SELECT id, text FROM documents").fetchall())


def reconcile_frame(frame: pd.DataFrame, *, texts: dict[int, str] | None = None, min_facts: int = 2,
                    registry: EntityRegistry | None = None, rates: RateSource | None = None) -> Reconciliation:
    """Return the reconciliation of ``frame``, kept to claims of ``min_facts`` facts or more.

    With ``texts`` (:func:`document_texts`), copies of one story count as one source, as in
    :func:`capexwatch.compare.analyze`. Only the columns the claims pages show are kept, so
    the result is small enough to pass between processes. Costly: about 20 s per 100,000 facts.
    """
    registry = registry or default_registry()
    normalized = normalize_facts(frame, rates=rates or load_rates(), fiscal_year_end=registry.fiscal_year_end)
    rec = reconcile_facts(normalized, stories=story_groups(texts) if texts else None)
    kept = rec.claims[rec.claims["n_facts"] >= min_facts].reset_index(drop=True)
    facts = rec.facts[rec.facts["claim_id"].isin(kept["claim_id"])]
    columns = ["claim_id", *(c for c in CLAIM_FACT_COLUMNS if c in facts.columns)]
    return Reconciliation(kept, facts[columns].reset_index(drop=True))


def reconcile_store(conn: Any, *, entity: str | None = None, min_facts: int = 2,
                    registry: EntityRegistry | None = None, rates: RateSource | None = None) -> Reconciliation:
    """Return the reconciliation of the stored facts (of one entity, or all): see :func:`reconcile_frame`."""
    return reconcile_frame(reconcile_input(conn, entity=entity), texts=document_texts(conn), min_facts=min_facts,
                           registry=registry, rates=rates)


def _json_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Records with NaN as None and timestamps as dates: plain values for the front ends."""
    out = []
    for rec in frame.to_dict("records"):
        clean: dict[str, Any] = {}
        for key, value in rec.items():
            if isinstance(value, pd.Timestamp):
                value = value.date()
            elif value is not None and not isinstance(value, str | list | dict) and pd.isna(value):
                value = None
            elif hasattr(value, "item"):
                value = value.item()
            clean[str(key)] = value
        out.append(clean)
    return out


def claims(rec: Reconciliation, *, entity: str | None = None, statuses: Sequence[str] | None = None,
           min_facts: int = 2, limit: int = 200, max_sources: int = 20) -> list[dict[str, Any]]:
    """Return claims of a reconciliation, the most serious differences first, each with its sources.

    Each claim has the reconciler's fields (``status``, ``explanation``, ``value_usd``...) and
    ``sources``: its facts (the preferred one first, then the most serious differences, at most
    ``max_sources``; ``n_facts`` counts them all) with their document, ``relation`` to the
    preferred fact and ``explanation``.
    """
    table = rec.claims
    if table.empty:
        return []
    mask = table["n_facts"] >= min_facts
    if entity is not None:
        mask &= table["entity"] == entity
    if statuses is not None:
        mask &= table["status"].isin(list(statuses))
    chosen = table[mask].copy()
    chosen["_order"] = chosen["status"].map({s: i for i, s in enumerate(STATUS_ORDER)}).fillna(len(STATUS_ORDER))
    chosen = chosen.sort_values(["_order", "n_sources", "entity", "metric"], ascending=[True, False, True, True])
    chosen = chosen.drop(columns="_order").head(limit)
    facts = rec.facts[rec.facts["claim_id"].isin(chosen["claim_id"])]
    columns = [c for c in CLAIM_FACT_COLUMNS if c in facts.columns]
    by_claim: dict[str, list[dict[str, Any]]] = defaultdict(list)
    severity = {s: i for i, s in enumerate(("preferred", *STATUS_ORDER))}
    facts = facts.assign(_order=facts["relation"].map(severity).fillna(len(severity)))
    facts = facts.sort_values(["claim_id", "_order", "id"]).groupby("claim_id", sort=False).head(max_sources)
    for claim_id, rows in facts.groupby("claim_id", sort=False):
        by_claim[claim_id] = _json_records(rows[columns])
    out = _json_records(chosen)
    for claim in out:
        claim["sources"] = by_claim.get(claim["claim_id"], [])
    return out


def conflicts(rec: Reconciliation, *, entity: str | None = None, limit: int = 200,
              max_sources: int = 20) -> list[dict[str, Any]]:
    """Return the claims whose sources really disagree (status ``conflict`` or ``unit_error``)."""
    return claims(rec, entity=entity, statuses=("conflict", "unit_error"), limit=limit, max_sources=max_sources)
