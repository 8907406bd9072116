"""Benchmark: normalise and reconcile a million synthetic facts; print facts/s and peak memory.

    python benchmarks/reconcile.py                 # 1,000,000 facts
    python benchmarks/reconcile.py --facts 100000  # quick

Facts are generated column-wise with numpy (no Python object per fact): 2,000 entities,
five metrics, yearly and quarterly periods 2021-2026 (5 % unknown), USD/CNY/EUR money
and percentages, about ten facts per document, 2 % filings, 30 % wire stories, 5 % of
documents copies of another story; per claim a mix of identical figures, rounded
restatements, FX-converted ones and real conflicts. Peak memory is the process's
maximum resident set size (it includes the generated input), which must stay under 2 GB.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time

import numpy as np
import pandas as pd

from capexwatch.normalize import normalize_facts
from capexwatch.rates import load_rates
from capexwatch.reconcile import CHUNK_SIZE, reconcile_facts

LIMIT_MB = 2048
METRICS = np.array(["capex", "capex_plan", "revenue", "market_share", "capex_change"])
PERIODS = np.array([str(y) for y in range(2021, 2027)] + [f"{y}Q{q}" for y in range(2021, 2027) for q in range(1, 5)]
                   + ["2025..2027", "unknown"])


def generate(n: int, seed: int = 0) -> tuple[pd.DataFrame, dict[int, int]]:
    """Return ``n`` facts (the columns Store.facts() gives) and the documents' story map."""
    rng = np.random.default_rng(seed)
    n_docs = max(1, n // 10)
    n_claims = max(1, n // 3)
    # each fact restates one underlying claim (entity, metric, period)
    claim = rng.integers(0, n_claims, n)
    c_entity = rng.integers(0, 2000, n_claims)
    c_metric = rng.integers(0, len(METRICS), n_claims)
    c_period = rng.integers(0, len(PERIODS) - 1, n_claims)
    c_value = np.round(rng.lognormal(22, 1.5, n_claims), -6)
    entity = c_entity[claim]
    metric = METRICS[c_metric[claim]]
    period = PERIODS[c_period[claim]]
    period = np.where(rng.random(n) < 0.05, "unknown", period)
    percent = np.isin(metric, ["market_share", "capex_change"])
    china = entity % 3 == 0
    unit = np.where(percent, "%", np.where(china & (rng.random(n) < 0.6), "CNY",
                                           np.where(rng.random(n) < 0.05, "EUR", "USD")))
    base = np.where(percent, (c_value[claim] % 90) + 1, c_value[claim])
    value = np.where(unit == "CNY", base * 7.2, np.where(unit == "EUR", base * 0.92, base))
    kind = rng.random(n)
    value = np.where(kind < 0.15, np.round(value, -8), value)  # rounded restatement
    value = np.where((kind >= 0.15) & (kind < 0.22), value * 1.012, value)  # another FX rate
    value = np.where((kind >= 0.22) & (kind < 0.26), value * 1.3, value)  # a real conflict
    document = rng.integers(1, n_docs + 1, n)
    d_date = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 1000, n_docs + 1), unit="D")
    d_kind = np.where(rng.random(n_docs + 1) < 0.02, "filing", "news")
    d_pub = np.where(rng.random(n_docs + 1) < 0.3, "Reuters", "Blog")
    also = np.where((unit == "CNY") & (rng.random(n) < 0.05),
                    [json.dumps([{"value": 1.0, "unit": "USD"}])], "[]")
    frame = pd.DataFrame({
        "id": np.arange(1, n + 1), "document_id": document, "doc": pd.Series(document).map("d{}".format),
        "entity": pd.Series(entity).map("E{:04d}".format), "metric": metric, "value": value, "high": np.nan,
        "unit": unit, "period": period, "segment": None, "basis": None, "quote": "", "also": also,
        "figure": "", "doc_date": d_date[document], "publisher": d_pub[document], "kind": d_kind[document],
    })
    usd_also = frame["also"] != "[]"
    frame.loc[usd_also, "also"] = [json.dumps([{"value": v / 7.1, "unit": "USD"}])
                                   for v in frame.loc[usd_also, "value"]]
    copies = rng.random(n_docs + 1) < 0.05
    stories = {d: (int(rng.integers(1, n_docs + 1)) if copies[d] else d) for d in range(1, n_docs + 1)}
    return frame, stories


def peak_mb() -> float:
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--chunk", type=int, default=CHUNK_SIZE, help="facts reconciled at once")
    args = parser.parse_args()
    rates = load_rates()
    t0 = time.perf_counter()
    frame, stories = generate(args.facts, args.seed)
    t1 = time.perf_counter()
    peaks = {"generate": peak_mb()}
    normalized = normalize_facts(frame, rates=rates, fiscal_year_end=lambda name: 3 if name.endswith("7") else 12)
    del frame
    t2 = time.perf_counter()
    peaks["normalize"] = peak_mb()
    rec = reconcile_facts(normalized, stories=stories, chunk_size=args.chunk)
    t3 = time.perf_counter()
    n = args.facts
    statuses = rec.claims["status"].value_counts().to_dict()
    print(f"facts:       {n:,} ({len(rec.claims):,} claims: {statuses})")
    print(f"generate:    {t1 - t0:6.1f} s")
    print(f"normalize:   {t2 - t1:6.1f} s  {n / (t2 - t1):>10,.0f} facts/s")
    print(f"reconcile:   {t3 - t2:6.1f} s  {n / (t3 - t2):>10,.0f} facts/s")
    print(f"both:        {t3 - t1:6.1f} s  {n / (t3 - t1):>10,.0f} facts/s")
    peak = peak_mb()
    print(f"peak memory: {peak:,.0f} MB (limit {LIMIT_MB:,} MB) {'ok' if peak <= LIMIT_MB else 'OVER'}; "
          f"after generate {peaks['generate']:,.0f} MB, after normalize {peaks['normalize']:,.0f} MB")
    return 0 if peak <= LIMIT_MB else 1


if __name__ == "__main__":
    raise SystemExit(main())
