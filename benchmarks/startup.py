#!/usr/bin/env python3
"""Start-up cost: how long a fresh Python takes to import the reader, against a bare Python.

    python benchmarks/startup.py            # best of 5 fresh processes each

Every `capexwatch extract FILE` pays this before it reads a word, so it is what a user waits
for on one short article. The baseline is `python -c pass` measured in the same run, so the
ratio is what to compare across machines. Most of the cost is compiling regular expressions;
`capexwatch.parse.prefilter` compiles a word list's per-letter patterns when a word first starts
with that letter.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time


def best_of(repeats: int, code: str) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    bare = best_of(args.repeats, "pass")
    print(f"{'what':40s} {'seconds':>8s} {'x bare':>7s}")
    print(f"{'python -c pass':40s} {bare:8.3f} {1:7.1f}")
    for label, code in (
        ("import capexwatch.extract", "import capexwatch.extract"),
        ("extract_facts on one sentence", "from capexwatch import extract_facts; extract_facts('Alibaba will spend RMB380 billion on AI over three years.')"),
    ):
        took = best_of(args.repeats, code)
        print(f"{label:40s} {took:8.3f} {took / bare:7.1f}")


if __name__ == "__main__":
    main()
