"""Web benchmark: latency of the dashboard and its JSON API over a database of generated facts.

    python benchmarks/web.py                    # 1,000,000 facts
    python benchmarks/web.py --facts 100000     # quick, while developing
    python benchmarks/web.py --db big.duckdb    # reuse a database built by an earlier run

Builds a DuckDB file of --facts generated facts (10 per document, 35 registry companies
plus generated ones, money in each company's currency, periods 2019..2027) with one bulk
insert per table from pandas frames, starts `capexwatch serve` on it in its own process on
127.0.0.1, waits for its reconciliation, warms each endpoint up, then sends a fixed number of requests per endpoint from a
few concurrent clients (httpx) and prints p50 / p95 / p99 latency per endpoint. Target:
p95 < 100 ms for the overview, company and search pages and their JSON twins. The
server reconciles the store in a background process at start; the benchmark waits for
that (timed and printed) before measuring.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np
import pandas as pd

from capexwatch.entities import default_registry
from capexwatch.store import Store

CURRENCY = {"china": "CNY", "us": "USD", "korea": "KRW", "japan": "JPY", "taiwan": "TWD"}
METRICS = [("capex", 0.2), ("capex_plan", 0.1), ("revenue", 0.25), ("revenue_change", 0.15), ("net_income", 0.1),
           ("capex_change", 0.05), ("stock_change", 0.1), ("market_share", 0.05)]
PERCENT = {"revenue_change", "capex_change", "stock_change", "market_share"}
PERIODS = [str(y) for y in range(2019, 2028)] + [f"{y}Q{q}" for y in range(2022, 2027) for q in range(1, 5)] + [
    "2025..2027", "unknown"]
SENTENCE = ("{entity} said its {metric} was {figure} for {period}, according to people familiar with the matter, "
            "as the race to build AI data centres continues. ")


def build_database(path: Path, n_facts: int, *, seed: int = 7) -> None:
    """Write ``n_facts`` generated facts (10 per document) to a new DuckDB file at ``path``."""
    rng = np.random.default_rng(seed)
    registry = default_registry()
    companies = [(e.name, e.region) for e in registry.entities.values()]
    companies += [(f"Generated Co {i:03d}", ["china", "us", "korea"][i % 3]) for i in range(165)]
    n_docs = max(1, n_facts // 10)
    names = np.array([c[0] for c in companies])
    currencies = np.array([CURRENCY[c[1]] for c in companies])
    # a few big companies get most of the coverage, as in the news
    weights = 1 / np.arange(1, len(companies) + 1) ** 0.8
    pick = rng.choice(len(companies), size=n_facts, p=weights / weights.sum())
    metric_names = np.array([m for m, _ in METRICS])
    metric_p = np.array([p for _, p in METRICS])
    metrics = rng.choice(metric_names, size=n_facts, p=metric_p / metric_p.sum())
    periods = rng.choice(np.array(PERIODS), size=n_facts)
    percent = np.isin(metrics, list(PERCENT))
    units = np.where(percent, "%", currencies[pick])
    scale = np.where(units == "KRW", 1400, np.where(units == "JPY", 150, np.where(units == "CNY", 7.2, 1)))
    values = np.where(percent, rng.normal(10, 20, n_facts).round(1),
                      (rng.lognormal(23, 1.2, n_facts) * scale).round(-6))
    doc_ids = np.arange(n_facts) // 10 + 1
    sentences = [SENTENCE.format(entity=e, metric=m, figure=f"{v:,.0f} {u}", period=p)
                 for e, m, v, u, p in zip(names[pick], metrics, values, units, periods, strict=True)]
    lengths = np.array([len(s) for s in sentences])
    # each document's text is its ten sentences; each quote's span is where it stands
    starts = np.zeros(n_facts, dtype=np.int64)
    for k in range(1, 10):
        idx = np.arange(k, n_facts, 10)
        starts[idx] = starts[idx - 1] + lengths[idx - 1]
    ends = starts + lengths - 1
    first_day = dt.date(2023, 1, 1)
    days = rng.integers(0, 1060, n_docs)
    texts = ["".join(sentences[i * 10:(i + 1) * 10]) for i in range(n_docs)]
    documents = pd.DataFrame({
        "id": np.arange(1, n_docs + 1, dtype=np.int32),
        "doc": [f"gen_{i:07d}.txt" for i in range(1, n_docs + 1)],
        "hash": [f"{i:064x}" for i in range(1, n_docs + 1)],
        "title": [f"AI spending update {i}" for i in range(1, n_docs + 1)],
        "date": [first_day + dt.timedelta(days=int(d)) for d in days],
        "url": [f"https://news.example/{i}" for i in range(1, n_docs + 1)],
        "publisher": rng.choice(["Reuters", "Bloomberg", "Caixin", "CNBC", "Example Daily"], n_docs),
        "source": "benchmark", "kind": "news", "text": texts,
    })
    facts = pd.DataFrame({
        "id": np.arange(1, n_facts + 1, dtype=np.int64), "document_id": doc_ids.astype(np.int32),
        "doc": documents["doc"].to_numpy()[doc_ids - 1], "entity": names[pick], "metric": metrics,
        "value": values, "unit": units, "period": periods,
        "quote": [s.strip() for s in sentences], "quote_start": starts.astype(np.int32),
        "quote_end": ends.astype(np.int32), "figure": "", "also": "[]", "step": "benchmark.generated.v1",
    })
    path.unlink(missing_ok=True)
    with Store(path) as store:
        conn = store.conn
        conn.register("documents_frame", documents)
        conn.register("facts_frame", facts)
        conn.execute("INSERT INTO documents (id, doc, hash, title, date, url, publisher, source, kind, text) "
                     "SELECT id, doc, hash, title, date, url, publisher, source, kind, text FROM documents_frame")
        conn.execute("INSERT INTO facts (id, document_id, doc, entity, metric, value, unit, period, quote, quote_start,"
                     " quote_end, figure, also, step) SELECT id, document_id, doc, entity, metric,"
                     " CAST(value AS DECIMAL(38, 6)), unit, period, quote, quote_start, quote_end, figure, also, step"
                     " FROM facts_frame")
        conn.execute("CHECKPOINT")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "-m", "capexwatch", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server stopped: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=1)
            return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start within 60 s")


def endpoints(db: Path) -> dict[str, list[str]]:
    """Requests per endpoint: several companies and filters, so no single cached answer is measured."""
    import duckdb

    with duckdb.connect(str(db), read_only=True) as conn:
        top = [r[0] for r in conn.execute(
            "SELECT entity FROM facts GROUP BY entity ORDER BY count(*) DESC LIMIT 20").fetchall()]
        doc_ids = [r[0] for r in conn.execute("SELECT id FROM documents USING SAMPLE 20 ROWS").fetchall()]
    from urllib.parse import quote

    searches = [f"entity={quote(e)}&metric=capex" for e in top[:5]] + [
        "metric=revenue", "region=china", "region=us&period=2025", "period=2025Q2", f"entity={quote(top[3])}"]
    return {
        "overview": ["/"], "overview.json": ["/.json"],
        "company": [f"/companies/{quote(e)}" for e in top], "company.json": [f"/companies/{quote(e)}.json" for e in top],
        "search": [f"/facts?{q}" for q in searches], "search.json": [f"/facts.json?{q}" for q in searches],
        "search q=": ["/facts?q=data%20centres&metric=capex", "/facts?q=Reuters", "/facts?q=yuan"],
        "document": [f"/documents/{i}" for i in doc_ids],
    }


async def load(base: str, urls: list[str], requests: int, concurrency: int) -> list[float]:
    latencies: list[float] = []
    queue: asyncio.Queue[str] = asyncio.Queue()
    for i in range(requests):
        queue.put_nowait(urls[i % len(urls)])

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            url = queue.get_nowait()
            start = time.perf_counter()
            response = await client.get(base + url, headers={"Accept": "text/html"})
            latencies.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code}")

    async with httpx.AsyncClient(timeout=120) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return latencies


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", type=int, default=1_000_000, help="generated facts (default 1,000,000)")
    parser.add_argument("--db", type=Path, help="database file to build or, if it exists, reuse")
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint (default 200)")
    parser.add_argument("--concurrency", type=int, default=4, help="concurrent clients (default 4)")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="capexwatch-web-bench-")
    db = args.db or Path(tmp.name) / f"web-{args.facts}.duckdb"
    if not db.exists():
        start = time.perf_counter()
        build_database(db, args.facts)
        print(f"built {db} with {args.facts:,} facts in {time.perf_counter() - start:.1f} s")
    port = free_port()
    server = start_server(db, port)
    base = f"http://127.0.0.1:{port}"
    try:
        plan = endpoints(db)
        start = time.perf_counter()
        while httpx.get(f"{base}/conflicts.json", timeout=120).status_code == 503:
            pass  # each request waits up to 20 s for the background reconciliation
        print(f"reconciliation (in the server's background process): {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        for urls in plan.values():  # warm-up: one request per distinct URL
            asyncio.run(load(base, urls, len(urls), 1))
        print(f"warm-up (one request per URL): {time.perf_counter() - start:.1f} s")
        print(f"{'endpoint':<14} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  (concurrency {args.concurrency},"
              f" {os.cpu_count()} CPUs)")
        for name, urls in plan.items():
            latencies = asyncio.run(load(base, urls, args.requests, args.concurrency))
            p95 = percentile(latencies, 95)
            mark = "" if p95 < 100 else "  > 100 ms"
            print(f"{name:<14} {len(latencies):>8} {percentile(latencies, 50):>8.1f} {p95:>8.1f}"
                  f" {percentile(latencies, 99):>8.1f}{mark}  (mean {statistics.fmean(latencies):.1f})")
    finally:
        server.terminate()
        server.wait(timeout=30)
        tmp.cleanup()


if __name__ == "__main__":
    random.seed(7)
    main()
