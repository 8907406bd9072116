#!/usr/bin/env python3
"""Extraction speed: articles/s of `extract_facts` against one bare money regex over the same texts.

    python benchmarks/extract.py                 # 2,000 synthetic ~700-word articles + the real ones
    python benchmarks/extract.py --articles 500  # quicker
    make bench                                   # both builds: pure Python and compiled (mypyc)

It measures the capexwatch that Python imports (the line "reader:" says which build).

The baseline is measured in the same run on the same texts, so the ratio is what to compare
across machines (target: ≥ 500 articles/s in one process for ~700-word articles, ratio ≥ 0.25).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
try:
    import capexwatch  # the installed build: editable (pure Python) or a compiled wheel
except ImportError:  # not installed: the checkout's source
    sys.path.insert(0, str(ROOT))
    import capexwatch

from corpus import generate_articles  # noqa: E402

from capexwatch import extract_facts  # noqa: E402
from capexwatch.ingest import iter_articles  # noqa: E402

# The simplest thing that finds money in text: what a bare regex costs on the same texts.
BARE_MONEY = re.compile(r"(?:US\$|\$|RMB|USD|CNY|HK\$)\s?\d[\d,.]*\s?(?:trillion|billion|million|bn|bln|mn|[BMT])?|\d[\d,.]*\s?(?:billion|million)\s(?:yuan|dollars|won|yen)")


def real_articles() -> list[tuple[str, object]]:
    shared = ROOT.parent / "shared"
    paths = [p for p in (shared / "seeds", shared / "dev" / "articles", ROOT / "tests" / "data" / "own", ROOT / "examples") if p.exists()]
    return [(a.text, a.date) for a in iter_articles(paths)]


def best_of(repeats: int, func, *args) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def run_extract(docs: list[tuple[str, object]]) -> int:
    return sum(len(extract_facts(text, date=date)) for text, date in docs)


def run_regex(docs: list[tuple[str, object]]) -> int:
    return sum(len(BARE_MONEY.findall(text)) for text, _ in docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000, help="synthetic articles (default 2000)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    synthetic = [(a["text"], a["date"]) for a in generate_articles(args.articles, seed=7)]
    real = real_articles()
    run_extract(synthetic[:20])  # warm up: compile regexes, load the registry
    print(f"reader: {capexwatch.reader_build()} ({Path(capexwatch.__file__).parent})")
    print(f"{'corpus':12s} {'articles':>8s} {'words/art':>9s} {'extract art/s':>14s} {'regex art/s':>12s} {'ratio':>7s} {'facts':>7s}")
    for name, docs in (("synthetic", synthetic), ("real", real)):
        if not docs:
            continue
        words = statistics.mean(len(t.split()) for t, _ in docs)
        t_extract = best_of(args.repeats, run_extract, docs)
        t_regex = best_of(args.repeats, run_regex, docs)
        rate, base = len(docs) / t_extract, len(docs) / t_regex
        print(f"{name:12s} {len(docs):8d} {words:9.0f} {rate:14.0f} {base:12.0f} {rate / base:7.4f} {run_extract(docs):7d}")
    print("target: >= 500 articles/s for ~700-word articles in one process")


if __name__ == "__main__":
    main()
