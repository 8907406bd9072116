"""Synthetic capex news articles for benchmarks: deterministic, streamed, about 700 words each.

    from benchmarks.corpus import generate_articles, write_corpus
    for article in generate_articles(1000, seed=0): ...        # dicts: id, date, title, url, text
    write_corpus("corpus/", 20_000, shard_size=2_000, seed=0)  # corpus/shard-00000.jsonl ...

Each article mixes figure-bearing sentences (capex plans and spending, revenue,
growth, share moves, cloud market shares) for varied companies, currencies,
scales and periods with paragraphs that carry no figure and the boilerplate of a
real news page (bylines, newsletter prompts, disclaimers). Article ``i`` depends
only on ``(seed, i)``, so a corpus is the same on every machine and any slice of
it can be generated on its own. All sentences here were written for this module.

Run it to write a corpus: ``python benchmarks/corpus.py OUT_DIR --articles 20000``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["generate_articles", "make_article", "write_corpus"]

# name, reporting currency, region
COMPANIES: list[tuple[str, str, str]] = [
    ("Alibaba", "CNY", "china"), ("Tencent", "CNY", "china"), ("Baidu", "CNY", "china"),
    ("ByteDance", "CNY", "china"), ("JD.com", "CNY", "china"), ("Kuaishou", "CNY", "china"),
    ("Microsoft", "USD", "us"), ("Alphabet", "USD", "us"), ("Amazon", "USD", "us"),
    ("Meta", "USD", "us"), ("Oracle", "USD", "us"), ("Nvidia", "USD", "us"), ("Apple", "USD", "us"),
    ("CoreWeave", "USD", "us"), ("Samsung Electronics", "KRW", "korea"), ("SK Hynix", "KRW", "korea"),
    ("Naver", "KRW", "korea"), ("SoftBank", "JPY", "japan"), ("NTT", "JPY", "japan"),
    ("SAP", "EUR", "europe"), ("Deutsche Telekom", "EUR", "europe"), ("Reliance Industries", "INR", "india"),
]
EXECUTIVES = ["chief executive", "chief financial officer", "finance chief", "chairman", "president",
              "head of cloud", "investor-relations director"]
PEOPLE = ["Lena Ortiz", "Wei Zhang", "Mark Havel", "Priya Raman", "Jun Takeda", "Sofia Brandt", "Omar Haddad",
          "Min-ji Park", "Tom Reilly", "Chen Yu", "Aiko Mori", "Daniel Kruger", "Grace Liu", "Ravi Menon"]
OUTLETS = ["Daily Ledger", "Asia Markets Wire", "The Compute Report", "Harbour Financial News",
           "Global Tech Desk", "Market Pulse"]
SEGMENTS = ["cloud", "cloud intelligence", "advertising", "e-commerce", "data centre", "devices", "AI services"]
THINGS = ["data centres", "AI chips", "servers", "GPU clusters", "cloud infrastructure", "network equipment",
          "power and cooling", "model training capacity"]
ANALYST_FIRMS = ["Morgan Crest", "Harlow Securities", "Jade Capital", "Northbridge Research", "Pinecone Partners",
                 "Tidewater Analytics"]

# Money written in the styles news uses, per currency: (format, scale word, divisor)
_MONEY_STYLES: dict[str, list[str]] = {
    "USD": ["${v} billion", "${v}bn", "US${v} billion", "{v} billion dollars", "${v} bln"],
    "CNY": ["{v} billion yuan", "RMB{v} billion", "¥{v}bn", "{v} billion renminbi", "CNY {v} billion"],
    "KRW": ["{v} trillion won", "₩{v} trillion", "KRW {v} trillion"],
    "JPY": ["{v} trillion yen", "¥{v} trillion", "JPY {v} trillion"],
    "EUR": ["€{v} billion", "{v} billion euros", "EUR {v}bn", "€{v}bn"],
    "INR": ["Rs {v} crore", "₹{v} crore", "INR {v} billion"],
}
_RANGES = {"USD": (2, 120), "CNY": (10, 480), "KRW": (1, 60), "JPY": (1, 9), "EUR": (1, 40), "INR": (500, 90000)}

CAPEX_TEMPLATES = [
    "{co} plans to spend {m} on {thing} {fut}, the company said in a statement on {weekday}.",
    "{co} expects capital expenditure of about {m} {fut}, {person}, its {exec}, told analysts.",
    "Capital spending at {co} rose to {m} in {past}, up {pct}% from a year earlier, as it added {thing}.",
    "{co} said it would invest {m} over the next three years in {thing} and {thing2}.",
    "The group spent {m} on property and equipment in {past}, according to its quarterly filing.",
    "{co} raised its capex guidance for {fut_year} to between {m} and {m2}, citing demand for {thing}.",
    "In {past}, {co} put {m} into {thing}, roughly {pct}% of its {seg} revenue.",
    "Investors cheered after {co} pledged {m} for {thing} through {fut_year}.",
    "{co}'s capex for {past} came in at {m}, below the {m2} analysts at {firm} had pencilled in.",
    "{person} said {co} would keep capital expenditure near {m} a quarter for the foreseeable future.",
    "Spending on {thing} at {co} is set to reach {m} {fut}, up from {m2} in {past}.",
    "{co} has earmarked {m} for new {thing} in {place}, its largest such commitment so far.",
]
OTHER_TEMPLATES = [
    "Revenue at {co} grew {pct}% year on year to {m} in {past}.",
    "{co}'s {seg} revenue climbed {pct}% to {m}, beating the consensus estimate of {m2}.",
    "Net income fell {pct}% to {m} in {past}, hurt by higher depreciation on {thing}.",
    "Shares of {co} rose {pct}% in {place} trading on {weekday} after the results.",
    "The stock is down {pct}% so far this year, lagging the wider index by a wide margin.",
    "{co} holds a {pct}% share of the {place} cloud market, according to {firm}.",
    "Free cash flow dropped {pct}% to {m} as spending on {thing} outpaced operating cash.",
    "The company bought back {m} of its shares in {past} and said more repurchases would follow.",
    "Operating margin in the {seg} unit widened to {pct}% in {past}.",
    "{co} cut prices for its AI models by as much as {pct}% to win business customers.",
]
PLAIN_SENTENCES = [
    "Analysts said the build-out reflects a race to secure computing capacity before rivals do.",
    "Some investors worry that returns on the new capacity may take years to materialise.",
    "Executives argued that demand from enterprise customers continues to exceed supply.",
    "The company did not give a breakdown of how the money would be split between regions.",
    "Power availability has become a bottleneck for new sites in several markets.",
    "Export controls on advanced chips remain a source of uncertainty for the sector.",
    "Rivals have announced similar programmes, raising questions about overcapacity.",
    "A spokesperson declined to comment on the timing of future investments.",
    "Suppliers of memory and networking gear have benefited from the surge in orders.",
    "Depreciation charges are expected to weigh on margins as new facilities come online.",
    "Several analysts raised their price targets following the call.",
    "The board also approved a plan to expand its research teams in two cities.",
    "Management reiterated that it would remain disciplined about spending outside its core businesses.",
    "Customers are shifting workloads toward inference as models move into production.",
    "The firm said talks with utilities over long-term electricity contracts were continuing.",
    "Competition for engineers with experience in large-scale training has intensified.",
]
BOILERPLATE = [
    "Sign up for our morning briefing to get the day's top technology and markets stories in your inbox.",
    "Reporting by {person} in {place}; additional reporting by {person2}; editing by {person3}.",
    "This article is for information only and does not constitute investment advice. Always do your own research before investing.",
    "© {year} {outlet}. All rights reserved. Republication or redistribution of this content is prohibited without prior written consent.",
    "Read more: How the AI spending boom is reshaping the chip supply chain",
    "Our standards: The {outlet} Trust Principles.",
    "Follow us on social media for live market coverage throughout the trading day.",
    "Advertisement. Scroll to continue with content.",
]
TITLES = [
    "{co} lifts spending on {thing} as AI race heats up",
    "{co} to invest {m} in {thing}",
    "{co} results: capex jumps, {seg} growth steadies",
    "Why {co} is betting big on {thing}",
    "{co} shares move after capex guidance",
    "Analysts weigh {co}'s {m} infrastructure plan",
]
PLACES = ["Hong Kong", "New York", "Shanghai", "Seoul", "Tokyo", "Frankfurt", "Singapore", "Mumbai", "Texas",
          "Malaysia", "the Middle East", "Northern Europe"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_START = dt.date(2023, 1, 1)
_DAYS = (dt.date(2026, 6, 30) - _START).days


def _money(rng: random.Random, currency: str) -> str:
    low, high = _RANGES[currency]
    value = rng.uniform(low, high)
    text = f"{value:.1f}" if value < 100 and rng.random() < 0.6 else f"{value:,.0f}"
    return rng.choice(_MONEY_STYLES[currency]).format(v=text)


def _periods(rng: random.Random, date: dt.date) -> dict[str, str]:
    year = date.year
    quarter = (date.month - 1) // 3 + 1
    last_q = quarter - 1 or 4
    last_q_year = year if quarter > 1 else year - 1
    past = rng.choice([
        f"the {['first', 'second', 'third', 'fourth'][last_q - 1]} quarter", f"Q{last_q} {last_q_year}",
        f"fiscal {year - 1}", f"{year - 1}", "the latest quarter", f"the three months to {['March', 'June', 'September', 'December'][last_q - 1]}",
        f"the first half of {year}",
    ])
    fut_year = str(year + rng.choice([0, 1, 1, 2]))
    fut = rng.choice([f"in {fut_year}", "next year", f"in fiscal {year + 1}", "this year",
                      f"between {year} and {year + 2}", "over the coming quarters"])
    return {"past": past, "fut": fut, "fut_year": fut_year}


def _fill(template: str, rng: random.Random, ctx: dict[str, Any]) -> str:
    values = dict(ctx)
    values.update(
        m=_money(rng, ctx["currency"]), m2=_money(rng, ctx["currency"]), pct=f"{rng.uniform(0.5, 95):.1f}".rstrip("0").rstrip("."),
        thing=rng.choice(THINGS), thing2=rng.choice(THINGS), seg=rng.choice(SEGMENTS), firm=rng.choice(ANALYST_FIRMS),
        person=rng.choice(PEOPLE), person2=rng.choice(PEOPLE), person3=rng.choice(PEOPLE), exec=rng.choice(EXECUTIVES),
        place=rng.choice(PLACES), weekday=rng.choice(WEEKDAYS),
    )
    return template.format(**values)


def make_article(index: int, *, seed: int = 0, words: int = 630) -> dict[str, Any]:
    """Return article ``index`` of the corpus ``seed``: a dict with id, date, title, url and text."""
    rng = random.Random(seed * 1_000_003 + index)
    date = _START + dt.timedelta(days=rng.randrange(_DAYS))
    co, currency, _region = rng.choice(COMPANIES)
    peer = rng.choice([c for c in COMPANIES if c[0] != co])
    ctx: dict[str, Any] = {"co": co, "currency": currency, "year": date.year, "outlet": rng.choice(OUTLETS)}
    ctx.update(_periods(rng, date))
    title = _fill(rng.choice(TITLES), rng, ctx)
    target = int(words * rng.uniform(0.8, 1.2))
    paragraphs = [f"{ctx['outlet']} | {rng.choice(PLACES)} | {date:%B %d, %Y}"]
    count = 0
    while count < target:
        kind = rng.random()
        if kind < 0.08:
            paragraph = _fill(rng.choice(BOILERPLATE), rng, ctx)
        else:
            sentences = []
            for _ in range(rng.randint(2, 5)):
                pick = rng.random()
                if pick < 0.22:
                    sentences.append(_fill(rng.choice(CAPEX_TEMPLATES), rng, ctx))
                elif pick < 0.36:
                    other = ctx if rng.random() < 0.7 else {**ctx, "co": peer[0], "currency": peer[1]}
                    sentences.append(_fill(rng.choice(OTHER_TEMPLATES), rng, other))
                else:
                    sentences.append(rng.choice(PLAIN_SENTENCES))
            paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += paragraph.count(" ") + 1
    paragraphs.append(_fill(BOILERPLATE[1], rng, ctx))
    paragraphs.append(_fill(BOILERPLATE[3], rng, ctx))
    slug = title.lower().replace(" ", "-").replace("'", "")[:60]
    return {
        "id": f"synthetic-{seed}-{index:08d}",
        "date": date.isoformat(),
        "title": title,
        "url": f"https://news.example/{date:%Y/%m/%d}/{slug}",
        "text": title + "\n\n" + "\n\n".join(paragraphs),
    }


def generate_articles(n: int, *, seed: int = 0, start: int = 0) -> Iterator[dict[str, Any]]:
    """Yield ``n`` synthetic articles (dicts with id, date, title, url, text), deterministic for ``seed``.

    >>> a = next(generate_articles(1, seed=3)); sorted(a)
    ['date', 'id', 'text', 'title', 'url']
    >>> a == next(generate_articles(1, seed=3))
    True
    """
    for index in range(start, start + n):
        yield make_article(index, seed=seed)


def write_corpus(directory: str | Path, n: int, *, shard_size: int = 2_000, seed: int = 0,
                 compress: bool = False) -> list[Path]:
    """Write ``n`` articles as JSONL shards of ``shard_size`` lines in ``directory``; return the shard paths.

    Shards are written one line at a time (never the whole corpus in memory), to a
    temporary name renamed when complete.
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, start in enumerate(range(0, n, shard_size)):
        path = out / f"shard-{number:05d}.jsonl{'.gz' if compress else ''}"
        tmp = path.with_name(path.name + ".tmp")
        opener = gzip.open if compress else open
        with opener(tmp, "wt", encoding="utf-8") as handle:  # type: ignore[operator]
            for article in generate_articles(min(shard_size, n - start), seed=seed, start=start):
                handle.write(json.dumps(article, ensure_ascii=False) + "\n")
        tmp.replace(path)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", help="folder for the shards")
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--shard-size", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--gzip", action="store_true", help="write .jsonl.gz shards")
    args = parser.parse_args()
    paths = write_corpus(args.out, args.articles, shard_size=args.shard_size, seed=args.seed, compress=args.gzip)
    print(f"{args.articles} articles in {len(paths)} shards under {args.out}")


if __name__ == "__main__":
    main()
