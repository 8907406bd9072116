"""Named read queries over the store: what the web pages and their JSON twins show.

Every function takes a DuckDB connection (``store.conn`` or a cursor of it), runs SQL kept
here as module-level constants with bound parameters only, and returns JSON-ready
``list[dict]`` / ``dict`` (money stays :class:`~decimal.Decimal`). The front ends format the
result; nothing here renders HTML. Layer 3: imports models, entities and layer-2 logic only.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from .entities import EntityRegistry, default_registry

__all__ = [
    "FactFilters",
    "company",
    "conflicts",
    "claims",
    "document",
    "facts_table",
    "filter_options",
    "highlight_segments",
    "largest_spenders",
    "latest_facts",
    "overview",
    "period_sort_key",
    "region_capex",
    "search_facts",
    "usd_rates",
]

MONEY_METRICS = ("capex", "capex_plan", "revenue", "net_income", "free_cash_flow", "share_buyback", "total_assets")
TIMELINE_METRICS = ("capex", "capex_plan", "revenue")
# A group of facts is a conflict when its values differ by more than this share of the largest.
CONFLICT_TOLERANCE = Decimal("0.02")

FACT_SELECT = """
SELECT f.id, f.document_id, f.doc, f.entity, f.metric, f.value, f.high, f.unit, f.period, f.segment,
       f.basis, f.quote, f.quote_start, f.quote_end, f.figure, f.also, f.step,
       d.title, d.date AS doc_date, d.url, d.publisher, d.kind
FROM facts f JOIN documents d ON d.id = f.document_id
"""

# Filters of search_facts(): name -> SQL condition with exactly one bound parameter.
FACT_CONDITIONS = {
    "entity": "f.entity = ?",
    "metric": "f.metric = ?",
    "period": "f.period = ?",
    "region": "list_contains(?, f.entity)",
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
"""

# Rates implied by the articles themselves: "160 billion yuan ($22.7 billion)".
SQL_IMPLIED_RATES = """
SELECT unit, also, value FROM facts
WHERE unit <> 'USD' AND also LIKE '%"USD"%' AND value > 0
LIMIT 5000
"""

SQL_LATEST_DOCS = "SELECT id FROM documents ORDER BY date DESC NULLS LAST, id DESC LIMIT ?"

SQL_DOCUMENT = "SELECT id, doc, title, date, url, publisher, source, kind, text, ingested_at FROM documents WHERE id = ?"

SQL_ENTITY_EXACT = "SELECT entity FROM facts WHERE entity = ? LIMIT 1"
SQL_ENTITY_FOLDED = "SELECT entity FROM facts WHERE lower(entity) = lower(?) LIMIT 1"

SQL_COMPANY_DOCS = """
SELECT d.id, d.title, d.date, d.url, d.publisher, count(*) AS facts
FROM facts f JOIN documents d ON d.id = f.document_id
WHERE f.entity = ? GROUP BY d.id, d.title, d.date, d.url, d.publisher
ORDER BY d.date DESC NULLS LAST, d.id DESC LIMIT ?
"""

# Facts that say the same thing (entity, metric, period, unit, segment, basis) in two or more documents.
SQL_CLAIM_GROUPS = """
SELECT f.entity, f.metric, f.period, f.unit, f.segment, f.basis,
       count(DISTINCT f.document_id) AS sources, min(f.value) AS low, max(f.value) AS high,
       list(f.id ORDER BY d.date DESC NULLS LAST, f.id)[1:20] AS fact_ids
FROM facts f JOIN documents d ON d.id = f.document_id
WHERE f.period <> 'unknown' {where}
GROUP BY f.entity, f.metric, f.period, f.unit, f.segment, f.basis
HAVING count(DISTINCT f.document_id) >= 2
ORDER BY (max(f.value) - min(f.value)) / greatest(abs(max(f.value)), abs(min(f.value)), 1e-9) DESC,
         sources DESC, f.entity, f.metric, f.period
LIMIT ?
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
        (?:Q(?P<q>[1-4])|H(?P<h>[12])|-(?P<md>\d\d-\d\d)|\.\.(?P<to>\d{4}))?$  # part of it
    """,
    re.VERBOSE,
)


def period_sort_key(period: str) -> tuple[int, int, str]:
    """Return a key that sorts periods in time order, ``unknown`` last.

    >>> sorted(["2025Q2", "unknown", "2024", "FY2025", "2025H1", "2025..2027", "2025"], key=period_sort_key)
    ['2024', '2025Q2', '2025H1', '2025', 'FY2025', '2025..2027', 'unknown']
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
    for start, end in zip(cuts, cuts[1:]):
        covering = [(i, k) for s, e, i, k in valid if s <= start and end <= e]
        out.append({
            "text": text[start:end],
            "facts": sorted({i for i, _ in covering}),
            "kinds": sorted({k for _, k in covering}),
        })
    return out


def to_usd(value: Decimal | None, unit: str, rates: dict[str, Decimal], also: str | None = None) -> Decimal | None:
    """Return ``value`` in USD: as is, from the article's own USD restatement, or at ``rates[unit]``.

    >>> to_usd(Decimal(160), "CNY", {"CNY": Decimal("0.14")})
    Decimal('22.40')
    >>> to_usd(Decimal(2), "CNY", {}, '[{"value": 0.3, "unit": "USD"}]')
    Decimal('0.3')
    >>> to_usd(Decimal(5), "%", {}) is None
    True
    """
    if value is None:
        return None
    if unit == "USD":
        return Decimal(value)
    for alt in _alts(also):
        if alt.get("unit") == "USD":
            return Decimal(str(alt["value"]))
    rate = rates.get(unit)
    return Decimal(value) * rate if rate is not None else None


def _alts(also: str | None) -> list[dict[str, Any]]:
    if not also:
        return []
    try:
        parsed = json.loads(also)
    except ValueError:
        return []
    return [a for a in parsed if isinstance(a, dict)] if isinstance(parsed, list) else []


def _records(cursor: Any) -> list[dict[str, Any]]:
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


# -- queries ------------------------------------------------------------------------------

def data_version(conn: Any) -> tuple[int, int]:
    """Return (documents, highest fact id): changes whenever something is written."""
    row = conn.execute(SQL_DATA_VERSION).fetchone()
    return (int(row[0]), int(row[1]))


def usd_rates(conn: Any) -> dict[str, Decimal]:
    """Return USD per unit of each currency, as implied by the articles' own restatements.

    A stand-in until dated ECB rates are wired in: the median of ``also`` USD / value per currency.
    """
    ratios: dict[str, list[Decimal]] = defaultdict(list)
    for unit, also, value in conn.execute(SQL_IMPLIED_RATES).fetchall():
        for alt in _alts(also):
            if alt.get("unit") == "USD" and value:
                ratios[unit].append(Decimal(str(alt["value"])) / Decimal(value))
    return {unit: sorted(vals)[len(vals) // 2] for unit, vals in ratios.items()}


def filter_options(conn: Any, *, registry: EntityRegistry | None = None) -> dict[str, Any]:
    """Return the values each filter can take: entities, metrics, periods and regions."""
    registry = registry or default_registry()
    entities = [r[0] for r in conn.execute(SQL_OPTIONS["entities"]).fetchall()]
    metrics = [r[0] for r in conn.execute(SQL_OPTIONS["metrics"]).fetchall()]
    periods = sorted((r[0] for r in conn.execute(SQL_OPTIONS["periods"]).fetchall()), key=period_sort_key)
    regions = sorted({registry.region(e) or "other" for e in entities})
    return {"entities": entities, "metrics": metrics, "periods": periods, "regions": regions}


def _entities_in_region(conn: Any, region: str, registry: EntityRegistry) -> list[str]:
    entities = [r[0] for r in conn.execute(SQL_OPTIONS["entities"]).fetchall()]
    return [e for e in entities if (registry.region(e) or "other") == region]


def _where(conn: Any, filters: FactFilters, registry: EntityRegistry) -> tuple[str, list[Any]]:
    conditions, params = [], []
    for name, value in filters.active().items():
        conditions.append(FACT_CONDITIONS[name])
        params.append(_entities_in_region(conn, value, registry) if name == "region" else value)
    return (" WHERE " + " AND ".join(conditions)) if conditions else "", params


def _fact_rows(rows: list[dict[str, Any]], registry: EntityRegistry, rates: dict[str, Decimal]) -> list[dict[str, Any]]:
    for row in rows:
        row["region"] = registry.region(row["entity"]) or "other"
        row["usd"] = to_usd(row["value"], row["unit"], rates, row.get("also"))
        row["also"] = _alts(row.get("also"))
    return rows


def search_facts(conn: Any, filters: FactFilters = FactFilters(), *, limit: int = 100, offset: int = 0,
                 registry: EntityRegistry | None = None, rates: dict[str, Decimal] | None = None) -> dict[str, Any]:
    """Return ``{"filters", "total", "limit", "offset", "facts"}``: one page of the matching facts."""
    registry = registry or default_registry()
    where, params = _where(conn, filters, registry)
    # The join is needed only for the page, so count and page facts alone first.
    total = conn.execute(f"SELECT count(*) FROM facts f{where}", params).fetchone()[0]
    page = (
        f"WITH page AS (SELECT f.id FROM facts f{where} ORDER BY f.id DESC LIMIT ? OFFSET ?) "
        + FACT_SELECT + " WHERE f.id IN (SELECT id FROM page) ORDER BY f.id DESC"
    )
    rows = _records(conn.execute(page, [*params, limit, offset]))
    rates = usd_rates(conn) if rates is None else rates
    return {"filters": filters.active(), "total": int(total), "limit": limit, "offset": offset,
            "facts": _fact_rows(rows, registry, rates)}


def facts_table(conn: Any, filters: FactFilters = FactFilters(), *, registry: EntityRegistry | None = None) -> Any:
    """Return every matching fact as a pyarrow Table (for CSV and Parquet downloads)."""
    registry = registry or default_registry()
    where, params = _where(conn, filters, registry)
    sql = FACT_SELECT + where + " ORDER BY f.id"
    return conn.sql(sql, params=params).to_arrow_table()


def latest_facts(conn: Any, *, limit: int = 12, registry: EntityRegistry | None = None,
                 rates: dict[str, Decimal] | None = None) -> list[dict[str, Any]]:
    """Return the facts of the most recent documents, newest first."""
    registry = registry or default_registry()
    sql = (FACT_SELECT + " WHERE f.document_id IN (" + SQL_LATEST_DOCS + ")"
           " ORDER BY d.date DESC NULLS LAST, f.document_id DESC, f.quote_start LIMIT ?")
    rows = _records(conn.execute(sql, [max(limit, 1), limit]))
    return _fact_rows(rows, registry, usd_rates(conn) if rates is None else rates)


def _money_groups(conn: Any, metrics: Sequence[str], rates: dict[str, Decimal],
                  registry: EntityRegistry) -> list[dict[str, Any]]:
    rows = _records(conn.execute(SQL_MONEY_GROUPS, [list(metrics)]))
    for row in rows:
        row["usd"] = to_usd(row["value"], row["unit"], rates)
        row["region"] = registry.region(row["entity"]) or "other"
    return rows


def region_capex(conn: Any, *, regions: Sequence[str] = ("china", "us"), rates: dict[str, Decimal] | None = None,
                 registry: EntityRegistry | None = None) -> list[dict[str, Any]]:
    """Return capex by region and year in USD: ``[{"year", "region", "spent_usd", "planned_usd", "entities"}]``.

    Each company-year counts once: its reported capex where there is one, else its plan.
    Group entities (``Alibaba+Baidu+Tencent``, ``US hyperscalers``) are left out to avoid counting twice.
    """
    registry = registry or default_registry()
    rates = usd_rates(conn) if rates is None else rates
    best: dict[tuple[str, int], dict[str, Any]] = {}
    for row in _money_groups(conn, ("capex", "capex_plan"), rates, registry):
        year = annual_year(row["period"])
        if year is None or row["usd"] is None or row["region"] not in regions or registry.get(row["entity"]) is None:
            continue
        if "+" in row["entity"]:
            continue
        key = (row["entity"], year)
        rank = (row["metric"] == "capex", row["sources"])
        if key not in best or rank > best[key]["rank"]:
            best[key] = {**row, "rank": rank, "year": year}
    totals: dict[tuple[int, str], dict[str, Any]] = {}
    for (entity, year), row in best.items():
        cell = totals.setdefault((year, row["region"]), {"year": year, "region": row["region"], "spent_usd": Decimal(0),
                                                         "planned_usd": Decimal(0), "entities": []})
        cell["spent_usd" if row["metric"] == "capex" else "planned_usd"] += row["usd"]
        cell["entities"].append(entity)
    return [totals[k] for k in sorted(totals)]


def largest_spenders(conn: Any, *, limit: int = 10, rates: dict[str, Decimal] | None = None,
                     registry: EntityRegistry | None = None) -> list[dict[str, Any]]:
    """Return companies by their largest annual capex or plan in USD, with the original currency."""
    registry = registry or default_registry()
    rates = usd_rates(conn) if rates is None else rates
    best: dict[str, dict[str, Any]] = {}
    for row in _money_groups(conn, ("capex", "capex_plan"), rates, registry):
        if row["usd"] is None or row["period"] == "unknown":
            continue
        entity = row["entity"]
        if entity not in best or (row["usd"], row["sources"]) > (best[entity]["usd"], best[entity]["sources"]):
            best[entity] = row
    return sorted(best.values(), key=lambda r: r["usd"], reverse=True)[:limit]


def overview(conn: Any, *, limit: int = 10, registry: EntityRegistry | None = None) -> dict[str, Any]:
    """Return what the overview page shows: counts, capex by region, largest spenders, latest facts, conflicts."""
    registry = registry or default_registry()
    rates = usd_rates(conn)
    documents, facts, entities = conn.execute(SQL_COUNTS).fetchone()
    return {
        "counts": {"documents": int(documents), "facts": int(facts), "entities": int(entities)},
        "region_capex": region_capex(conn, rates=rates, registry=registry),
        "largest_spenders": largest_spenders(conn, limit=limit, rates=rates, registry=registry),
        "latest_facts": latest_facts(conn, limit=limit, rates=rates, registry=registry),
        "conflicts": conflicts(conn, limit=5, registry=registry),
        "usd_rates": rates,
    }


def resolve_entity(conn: Any, name: str) -> str | None:
    """Return the entity as stored (exact, else case-insensitive), or None."""
    row = conn.execute(SQL_ENTITY_EXACT, [name]).fetchone() or conn.execute(SQL_ENTITY_FOLDED, [name]).fetchone()
    return row[0] if row else None


def company(conn: Any, name: str, *, limit: int = 200, registry: EntityRegistry | None = None) -> dict[str, Any] | None:
    """Return one company: its timeline of capex, plans and revenue in USD, its facts and documents; or None."""
    registry = registry or default_registry()
    entity = resolve_entity(conn, name)
    if entity is None:
        return None
    rates = usd_rates(conn)
    timeline: dict[str, dict[str, Any]] = {}
    for row in _records(conn.execute(
        SQL_MONEY_GROUPS.replace("WHERE", "WHERE f.entity = ? AND", 1), [entity, list(TIMELINE_METRICS)]
    )):
        usd = to_usd(row["value"], row["unit"], rates)
        point = timeline.setdefault(row["period"], {"period": row["period"]})
        point[row["metric"]] = usd if usd is not None else point.get(row["metric"])
        point.setdefault("original", []).append(
            {"metric": row["metric"], "value": row["value"], "unit": row["unit"], "sources": row["sources"]})
    ordered = [timeline[p] for p in sorted(timeline, key=period_sort_key) if p != "unknown"]
    total = conn.execute("SELECT count(*) FROM facts WHERE entity = ?", [entity]).fetchone()[0]
    rows = _records(conn.execute(FACT_SELECT + " WHERE f.entity = ? ORDER BY d.date DESC NULLS LAST, f.id DESC LIMIT ?",
                                 [entity, limit]))
    info = registry.get(entity)
    return {
        "entity": entity,
        "region": registry.region(entity) or "other",
        "fiscal_year_end": info.fiscal_year_end if info and info.name == entity else 12,
        "timeline": ordered,
        "total_facts": int(total),
        "facts": _fact_rows(rows, registry, rates),
        "documents": _records(conn.execute(SQL_COMPANY_DOCS, [entity, 50])),
    }


def document(conn: Any, document_id: int, *, registry: EntityRegistry | None = None) -> dict[str, Any] | None:
    """Return one document with its text, its facts, and the text cut into highlighted segments; or None."""
    registry = registry or default_registry()
    docs = _records(conn.execute(SQL_DOCUMENT, [document_id]))
    if not docs:
        return None
    doc = docs[0]
    rows = _records(conn.execute(FACT_SELECT + " WHERE f.document_id = ? ORDER BY f.quote_start, f.id", [document_id]))
    facts = _fact_rows(rows, registry, usd_rates(conn))
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


def _claim_rows(conn: Any, where: str, params: list[Any], limit: int, registry: EntityRegistry) -> list[dict[str, Any]]:
    groups = _records(conn.execute(SQL_CLAIM_GROUPS.format(where=where), [*params, limit]))
    ids = sorted({i for g in groups for i in g["fact_ids"]})
    by_id = {}
    if ids:
        sources = _records(conn.execute(FACT_SELECT + " WHERE list_contains(?, f.id)", [ids]))
        by_id = {r["id"]: r for r in _fact_rows(sources, registry, {})}
    for group in groups:
        group["region"] = registry.region(group["entity"]) or "other"
        group["sources_list"] = [by_id[i] for i in group.pop("fact_ids") if i in by_id]
        spread = group["high"] - group["low"]
        scale = max(abs(group["high"]), abs(group["low"])) or Decimal(1)
        group["conflict"] = spread / scale > CONFLICT_TOLERANCE
        group["explanation"] = _explain(group)
    return groups


def _explain(group: dict[str, Any]) -> str:
    sources = group["sources_list"]
    if not group["conflict"]:
        return f"{group['sources']} documents agree."
    dates = {str(s["doc_date"]) for s in sources if s["doc_date"] is not None}
    parts = [f"{group['sources']} documents give values from {group['low']:,f} to {group['high']:,f} {group['unit']}"]
    if len(dates) > 1:
        parts.append("published on different dates (a figure may have been revised or guided again)")
    if any(s["high"] is not None for s in sources):
        parts.append("some give a range")
    return "; ".join(parts) + "."


def claims(conn: Any, *, entity: str | None = None, limit: int = 200,
           registry: EntityRegistry | None = None) -> list[dict[str, Any]]:
    """Return each claim made by two or more documents with its sources, and whether they disagree."""
    registry = registry or default_registry()
    where, params = ("AND f.entity = ?", [entity]) if entity else ("", [])
    return _claim_rows(conn, where, params, limit, registry)


def conflicts(conn: Any, *, entity: str | None = None, limit: int = 200,
              registry: EntityRegistry | None = None) -> list[dict[str, Any]]:
    """Return the claims whose sources disagree, the widest disagreement first."""
    return [c for c in claims(conn, entity=entity, limit=limit, registry=registry) if c["conflict"]]
