"""The analyst's questions over a Store, answered as DataFrames.

``compare`` (China vs US, or company by company), ``intensity`` (capex against revenue
or cloud revenue), ``growth``, ``timeline``, ``claims``, ``claim_sources``,
``conflicts`` and ``conversions`` (sources' own FX conversions checked against the ECB).

Every function reads the store's facts, normalises them (USD at dated ECB rates,
fiscal-calendar date ranges) and reconciles them into claims at query time: derived
columns are not stored, so a newer rates file (``CAPEXWATCH_FX_FILE``) or a changed
fiscal calendar takes effect at once and no migration is needed. The work is cached
per store until its facts change. Layer 3: reads the store and the rates file.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .entities import EntityRegistry, default_registry
from .fx import RateSource
from .normalize import normalize_facts, period_range
from .rates import load_rates
from .reconcile import Reconciliation, reconcile_facts, story_groups
from .store import Store

__all__ = [
    "Analysis", "analyze", "claim_sources", "claims", "compare", "conflicts", "conversions", "growth",
    "intensity", "timeline",
]

_CACHE: weakref.WeakKeyDictionary[Store, tuple[tuple[Any, ...], Analysis]] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Analysis:
    """A store's facts normalised and reconciled: ``facts`` (one row per fact) and ``claims``."""

    facts: pd.DataFrame
    claims: pd.DataFrame
    registry: EntityRegistry


def _fingerprint(store: Store) -> tuple[Any, ...]:
    facts = store.conn.execute("SELECT count(*), max(id) FROM facts").fetchone()
    docs = store.conn.execute("SELECT count(*), max(id) FROM documents").fetchone()
    return (facts, docs)


def analyze(store: Store, *, rates: RateSource | None = None, registry: EntityRegistry | None = None) -> Analysis:
    """Return the store's facts normalised and reconciled (cached until the store changes)."""
    default = rates is None and registry is None
    key = _fingerprint(store)
    if default and store in _CACHE and _CACHE[store][0] == key:
        return _CACHE[store][1]
    registry = registry or default_registry()
    rates = rates or load_rates()
    frame = store.facts()
    texts = dict(store.conn.execute("SELECT id, text FROM documents").fetchall())
    stories = story_groups(texts)
    normalized = normalize_facts(frame, rates=rates, fiscal_year_end=registry.fiscal_year_end)
    rec: Reconciliation = reconcile_facts(normalized, stories=stories)
    claims_frame = rec.claims.copy()
    claims_frame.insert(1, "region", [registry.region(e) or "other" for e in claims_frame["entity"]])
    result = Analysis(rec.facts, claims_frame, registry)
    if default:
        _CACHE[store] = (key, result)
    return result


def _in_period(frame: pd.DataFrame, period: str | None) -> pd.DataFrame:
    """Rows whose claim period is ``period``, or covers exactly its calendar days."""
    if period is None:
        return frame
    target = period_range(period)
    match = frame["period"] == period
    if target is not None:
        match |= (pd.to_datetime(frame["period_start"]) == pd.Timestamp(target.start)) & (
            pd.to_datetime(frame["period_end"]) == pd.Timestamp(target.end))
    return frame[match]


# -- public functions ------------------------------------------------------------------
def claims(store: Store, *, entity: str | None = None, metric: str | None = None) -> pd.DataFrame:
    """Return one row per claim: preferred value (original and USD), sources, status, explanation."""
    frame = analyze(store).claims
    if entity is not None:
        frame = frame[frame["entity"].str.lower() == entity.lower()]
    if metric is not None:
        frame = frame[frame["metric"] == metric]
    return frame.reset_index(drop=True)


SOURCE_COLUMNS = ["id", "relation", "explanation", "doc", "title", "publisher", "doc_date", "url", "kind", "story",
                  "entity", "metric", "segment", "period", "value", "high", "unit", "value_usd", "fx_rate",
                  "fx_rate_date", "also_note", "also_flag", "unit_note", "quote"]


def claim_sources(store: Store, claim_id: str) -> pd.DataFrame:
    """Return the facts behind one claim, preferred first, each with its relation and explanation."""
    facts = analyze(store).facts
    rows = facts[facts["claim_id"] == claim_id]
    order = rows["relation"].map(lambda r: 0 if r == "preferred" else 1)
    rows = rows.assign(_o=order).sort_values(["_o", "doc_date", "id"]).drop(columns="_o")
    return rows[[c for c in SOURCE_COLUMNS if c in rows.columns]].reset_index(drop=True)


def compare(store: Store, *, by: str = "region", metric: str = "capex", period: str | None = None) -> pd.DataFrame:
    """Return ``metric`` in USD by region (China vs US...) or by company, for ``period`` or every period.

    By region, a group's own figure (``China top cloud providers``) is used where one
    exists for the period; otherwise the region's companies are summed (whole companies,
    known periods only). Plans carry ``annual_usd``, the yearly average of a multi-year plan.
    """
    if by not in ("region", "company"):
        raise ValueError(f"by={by!r}: use 'region' or 'company'")
    a = analyze(store)
    frame = _in_period(a.claims[a.claims["metric"] == metric], period)
    frame = frame[frame["value_usd"].notna()]
    cols = ["region", "entity", "segment", "period", "metric", "value", "high", "unit", "value_usd", "high_usd",
            "annual_usd", "n_sources", "status", "claim_id"]
    if by == "company":
        return frame[cols].sort_values(["region", "value_usd"], ascending=[True, False]).reset_index(drop=True)
    # Regions add up whole companies over known periods: a segment (AWS within Amazon) would
    # count twice, and plans without a period cannot be added to anything.
    frame = frame[frame["segment"].isna() & (frame["period"] != "unknown")]
    rows = []
    for (region, label), part in frame.groupby(["region", "period"], sort=True):
        groups = part[[a.registry.is_group(e) for e in part["entity"]]]
        if not groups.empty:
            best = groups.sort_values("value_usd", ascending=False).iloc[0]
            rows.append({"region": region, "period": label, "metric": metric, "value_usd": best["value_usd"],
                         "annual_usd": best["annual_usd"], "entities": best["entity"], "basis": "group figure",
                         "n_claims": 1, "n_sources": int(best["n_sources"]), "claim_ids": best["claim_id"]})
        else:
            rows.append({"region": region, "period": label, "metric": metric, "value_usd": part["value_usd"].sum(),
                         "annual_usd": part["annual_usd"].sum(), "entities": ", ".join(sorted(part["entity"])),
                         "basis": f"sum of {len(part)} compan{'y' if len(part) == 1 else 'ies'}",
                         "n_claims": len(part), "n_sources": int(part["n_sources"].sum()),
                         "claim_ids": ", ".join(part["claim_id"])})
    columns = ["region", "period", "metric", "value_usd", "annual_usd", "entities", "basis", "n_claims", "n_sources",
               "claim_ids"]
    return pd.DataFrame(rows, columns=columns)


def intensity(store: Store, *, period: str | None = None) -> pd.DataFrame:
    """Return capex as a % of revenue (or of a segment's revenue): stated ratios, and ratios computed
    from capex and revenue claims of the same entity and period."""
    a = analyze(store)
    c = a.claims
    rows = []
    for r in c[c["metric"] == "capex_to_revenue"].itertuples():
        rows.append({"entity": r.entity, "region": r.region, "period": r.period,
                     "of": f"{r.segment} revenue" if r.segment else "revenue", "ratio_pct": float(r.value),
                     "capex_usd": np.nan, "revenue_usd": np.nan, "source": "stated", "claim_ids": r.claim_id,
                     "period_start": r.period_start, "period_end": r.period_end})
    capex = c[(c["metric"] == "capex") & (c["segment"].isna())]
    revenue = c[c["metric"] == "revenue"]
    pairs = capex.merge(revenue, on=["entity", "period_start", "period_end"], suffixes=("_c", "_r"))
    for r in pairs.itertuples():
        if r.unit_c == r.unit_r:
            ratio = float(r.value_c) / float(r.value_r) * 100
        else:
            ratio = float(r.value_usd_c) / float(r.value_usd_r) * 100
        rows.append({"entity": r.entity, "region": r.region_c, "period": r.period_c,
                     "of": f"{r.segment_r} revenue" if isinstance(r.segment_r, str) else "revenue",
                     "ratio_pct": ratio, "capex_usd": r.value_usd_c, "revenue_usd": r.value_usd_r,
                     "source": "computed", "claim_ids": f"{r.claim_id_c}, {r.claim_id_r}",
                     "period_start": r.period_start, "period_end": r.period_end})
    columns = ["entity", "region", "period", "of", "ratio_pct", "capex_usd", "revenue_usd", "source", "claim_ids",
               "period_start", "period_end"]
    frame = pd.DataFrame(rows, columns=columns)
    frame = _in_period(frame, period)
    return frame.drop(columns=["period_start", "period_end"]).sort_values(
        ["region", "entity", "period"]).reset_index(drop=True)


def growth(store: Store, *, entity: str | None = None, metric: str = "capex") -> pd.DataFrame:
    """Return changes of ``metric``: stated (``capex_change`` claims) and computed between
    consecutive quarters (qoq) and the same period a year earlier (yoy)."""
    a = analyze(store)
    c = a.claims
    if entity is not None:
        c = c[c["entity"].str.lower() == entity.lower()]
    rows = []
    for r in c[(c["metric"] == f"{metric}_change") & (c["unit"] == "%")].itertuples():
        rows.append({"entity": r.entity, "metric": metric, "period": r.period, "basis": r.basis,
                     "change_pct": float(r.value), "from_period": None, "from_usd": np.nan, "to_usd": np.nan,
                     "source": "stated", "claim_ids": r.claim_id})
    levels = c[(c["metric"] == metric) & c["period_start"].notna()].copy()
    levels["segment"] = levels["segment"].fillna("")
    levels["days"] = (pd.to_datetime(levels["period_end"]) - pd.to_datetime(levels["period_start"])).dt.days
    for (_name, _segment), part in levels.groupby(["entity", "segment"]):
        part = part.sort_values("period_start")
        for cur in part.itertuples():
            for prev in part.itertuples():
                basis = _change_basis(prev, cur)
                if basis is None:
                    continue
                same = prev.unit == cur.unit
                old, new = (float(prev.value), float(cur.value)) if same else (prev.value_usd, cur.value_usd)
                if not old:
                    continue
                rows.append({"entity": cur.entity, "metric": metric, "period": cur.period, "basis": basis,
                             "change_pct": (new / old - 1) * 100, "from_period": prev.period,
                             "from_usd": prev.value_usd, "to_usd": cur.value_usd, "source": "computed",
                             "claim_ids": f"{prev.claim_id}, {cur.claim_id}"})
    columns = ["entity", "metric", "period", "basis", "change_pct", "from_period", "from_usd", "to_usd", "source",
               "claim_ids"]
    return pd.DataFrame(rows, columns=columns).sort_values(["entity", "period", "basis"]).reset_index(drop=True)


def _change_basis(prev: Any, cur: Any) -> str | None:
    if abs(prev.days - cur.days) > 5:
        return None
    p_start, c_start = pd.Timestamp(prev.period_start), pd.Timestamp(cur.period_start)
    if c_start == p_start + pd.DateOffset(years=1):
        return "yoy"
    if prev.days < 100 and c_start == pd.Timestamp(prev.period_end) + pd.Timedelta(days=1):
        return "qoq"
    return None


def timeline(store: Store, entity: str) -> pd.DataFrame:
    """Return what was said about ``entity``, fact by fact, in the order the documents appeared."""
    facts = analyze(store).facts
    rows = facts[facts["entity"].str.lower() == entity.lower()]
    cols = ["doc_date", "doc", "publisher", "metric", "segment", "period", "value", "high", "unit", "value_usd",
            "relation", "claim_id", "quote"]
    rows = rows.sort_values(["doc_date", "period_start", "metric", "id"], na_position="last")
    return rows[cols].reset_index(drop=True)


def conflicts(store: Store) -> pd.DataFrame:
    """Return every fact that disagrees with its claim's preferred value, beside that value.

    ``against_filing`` is True where the preferred value is from a filing: a news
    figure that disagrees with what the company filed for the same period.
    """
    facts = analyze(store).facts
    pref = facts[facts["relation"] == "preferred"].set_index("claim_id")
    bad = facts[facts["relation"] == "conflict"]
    p = pref.reindex(bad["claim_id"].to_numpy())
    frame = pd.DataFrame({
        "claim_id": bad["claim_id"].to_numpy(),
        "entity": bad["entity"].to_numpy(),
        "metric": bad["metric"].to_numpy(),
        "segment": bad["segment"].replace("", None).to_numpy(),
        "period": bad["period"].to_numpy(),
        "value": bad["value"].to_numpy(),
        "unit": bad["unit"].to_numpy(),
        "value_usd": bad["value_usd"].to_numpy(),
        "doc": bad["doc"].to_numpy(),
        "publisher": bad["publisher"].to_numpy(),
        "quote": bad["quote"].to_numpy(),
        "preferred_value": p["value"].to_numpy(),
        "preferred_unit": p["unit"].to_numpy(),
        "preferred_value_usd": p["value_usd"].to_numpy(),
        "preferred_period": p["period"].to_numpy(),
        "preferred_doc": p["doc"].to_numpy(),
        "preferred_publisher": p["publisher"].to_numpy(),
        "preferred_kind": p["kind"].to_numpy(),
        "preferred_quote": p["quote"].to_numpy(),
        "against_filing": (p["kind"] == "filing").to_numpy(),
        "explanation": bad["explanation"].to_numpy(),
    })
    return frame.sort_values(["against_filing", "entity", "metric"], ascending=[False, True, True]).reset_index(drop=True)


def conversions(store: Store) -> pd.DataFrame:
    """Return every source's own currency conversion (``also``) checked against the ECB rate (flag > 2 %)."""
    facts = analyze(store).facts
    rows = facts[facts["also_rate"].notna()]
    cols = ["entity", "metric", "period", "value", "unit", "stated_usd", "also_rate", "also_ecb_rate",
            "also_deviation", "also_flag", "also_note", "doc", "doc_date", "claim_id"]
    return rows[cols].rename(columns={"also_rate": "stated_rate", "also_ecb_rate": "ecb_rate",
                                      "also_deviation": "deviation", "also_flag": "flagged",
                                      "also_note": "note"}).reset_index(drop=True)
