"""Claims from facts: the seeds (gold facts and the real extractor) and constructed edge cases."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from capexwatch.entities import default_registry
from capexwatch.ingest import iter_articles
from capexwatch.models import Alt, Article, Fact
from capexwatch.normalize import normalize_facts
from capexwatch.rates import bundled_rates_file, load_rates
from capexwatch.reconcile import (
    Reconciliation,
    reconcile_facts,
    similarity,
    story_groups,
)
from capexwatch.store import Store

SHARED = Path(__file__).parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.jsonl"
RATES = load_rates(bundled_rates_file())


def reconcile_store(store: Store) -> Reconciliation:
    frame = normalize_facts(store.facts(), rates=RATES, fiscal_year_end=default_registry().fiscal_year_end)
    texts = dict(store.conn.execute("SELECT id, text FROM documents").fetchall())
    return reconcile_facts(frame, stories=story_groups(texts))


def gold_store() -> Store:
    """The seed articles with the hand-labelled gold facts in place of the extractor's."""
    gold = [Fact.from_dict(json.loads(line)) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    store = Store(memory=True)
    store.add([(a, [f for f in gold if f.doc == a.id]) for a in iter_articles([SEEDS])])
    return store


@pytest.fixture(scope="module", params=["gold", "extractor"])
def seeds(request) -> Reconciliation:
    """Both variants: gold facts (a unit test of reconcile) and the real pipeline (end to end)."""
    if request.param == "gold":
        store = gold_store()
    else:
        store = Store(memory=True)
        store.ingest([SEEDS])
    yield reconcile_store(store)
    store.close()


def claim_of(rec: Reconciliation, entity: str, metric: str, **where) -> pd.Series:
    c = rec.claims[(rec.claims["entity"] == entity) & (rec.claims["metric"] == metric)]
    for key, value in where.items():
        c = c[c[key] == value]
    assert len(c) == 1, c
    return c.iloc[0]


def facts_of(rec: Reconciliation, claim: pd.Series) -> pd.DataFrame:
    return rec.facts[rec.facts["claim_id"] == claim["claim_id"]]


# -- the seeds ----------------------------------------------------------------------------
def test_alibaba_plan_is_one_claim_across_documents(seeds) -> None:
    claim = claim_of(seeds, "Alibaba", "capex_plan")
    docs = set(facts_of(seeds, claim)["doc"].str[:3])
    # 002 and 003 give the period as unknown (gold) or 2025..2027; 004 as 2025..2027; 000 repeats "$53 billion".
    assert {"002", "003", "004"} <= docs
    assert docs == {"000", "002", "003", "004"}
    assert claim["period"] == "2025..2027"
    assert (claim["value"], claim["unit"]) == (380e9, "CNY")
    assert claim["value_usd"] == pytest.approx(52.41e9, rel=1e-3)
    assert claim["annual_usd"] == pytest.approx(claim["value_usd"] / 3)


def test_alibaba_plan_dollar_values_are_explained_as_fx(seeds) -> None:
    facts = facts_of(seeds, claim_of(seeds, "Alibaba", "capex_plan"))
    fifty_three = facts[(facts["unit"] == "USD") & (facts["value"] == 53e9)]
    assert len(fifty_three) >= 2
    assert set(fifty_three["relation"]) == {"fx"}
    text = fifty_three["explanation"].iloc[0]
    assert "CNY 380 bn" in text and "7.17 CNY/USD" in text and "7.25" in text
    assert claim_of(seeds, "Alibaba", "capex_plan")["status"] == "fx"


def test_bytedance_stated_dollars_checked_against_ecb(seeds) -> None:
    fact = seeds.facts[(seeds.facts["entity"] == "ByteDance") & (seeds.facts["metric"] == "capex_plan")].iloc[0]
    assert fact["stated_usd"] == 22.7e9
    assert fact["also_rate"] == pytest.approx(7.048, abs=1e-3)
    assert fact["also_ecb_rate"] == pytest.approx(7.00, abs=0.01)
    assert not fact["also_flag"]
    assert "period_start" in fact["also_note"]  # the article has no date: the plan period's start


def test_market_share_33_vs_36_is_a_conflict(seeds) -> None:
    claim = claim_of(seeds, "Alibaba", "market_share", segment="china_cloud")
    assert claim["status"] == "conflict"
    facts = facts_of(seeds, claim)
    assert set(facts["value"]) == {33.0, 36.0}
    conflict = facts[facts["relation"] == "conflict"].iloc[0]
    assert "disagrees" in conflict["explanation"]


def test_rmb_quarter_is_one_cny_claim_with_the_unit_problem_noted(seeds) -> None:
    claim = claim_of(seeds, "Alibaba", "capex", period="2025Q2")
    assert (claim["value"], claim["unit"], claim["n_documents"]) == (38.6e9, "CNY", 1)
    assert claim["status"] == "unit_error"
    facts = facts_of(seeds, claim)
    noted = facts[facts["relation"] == "unit_error"]
    assert len(noted) == 1
    assert "$38.6 billion RMB" in noted["explanation"].iloc[0]
    assert "$38.6 billion RMB" in claim["explanation"]


def test_nothing_is_discarded(seeds) -> None:
    assert seeds.facts["claim_id"].notna().all()
    assert seeds.facts["relation"].notna().all()
    assert (seeds.facts["relation"] == "preferred").sum() == len(seeds.claims)
    assert seeds.claims["n_facts"].sum() == len(seeds.facts)


def test_chunked_reconcile_gives_the_same_claims() -> None:
    with gold_store() as store:
        frame = normalize_facts(store.facts(), rates=RATES, fiscal_year_end=default_registry().fiscal_year_end)
    whole = reconcile_facts(frame)
    chunked = reconcile_facts(frame, chunk_size=7)  # keys are never split across chunks
    columns = ["claim_id", "value", "unit", "status", "n_sources", "preferred_id"]
    assert whole.claims[columns].equals(chunked.claims[columns])
    assert whole.facts["relation"].tolist() == chunked.facts["relation"].tolist()
    assert whole.facts["id"].tolist() == frame["id"].tolist()  # the input's order is kept


# -- constructed facts --------------------------------------------------------------------
def build(*docs: tuple[Article, list[Fact], str]) -> Reconciliation:
    store = Store(memory=True)
    for article, facts, kind in docs:
        store.add([(article, facts)], kind=kind)
    rec = reconcile_store(store)
    store.close()
    return rec


def doc(name: str, text: str, date: str | None = None, publisher: str | None = None) -> Article:
    return Article(id=name, text=text, date=dt.date.fromisoformat(date) if date else None, publisher=publisher)


def fact(name: str, entity: str, metric: str, value: str, unit: str, period: str, **kw) -> Fact:
    return Fact(doc=name, entity=entity, metric=metric, value=Decimal(value), unit=unit, period=period, **kw)


def test_plan_revised_twice() -> None:
    rec = build(
        (doc("jan", "Meta plans 2025 capex of $60-65 billion.", "2025-01-29", "Reuters"),
         [fact("jan", "Meta", "capex_plan", "60e9", "USD", "2025", high=Decimal("65e9"))], "news"),
        (doc("apr", "Meta raised its 2025 capex outlook to $64-72 billion.", "2025-04-30", "Reuters"),
         [fact("apr", "Meta", "capex_plan", "64e9", "USD", "2025", high=Decimal("72e9"))], "news"),
        (doc("jul", "Meta now expects 2025 capex of $66-72 billion.", "2025-07-30", "AInvest"),
         [fact("jul", "Meta", "capex_plan", "66e9", "USD", "2025", high=Decimal("72e9"))], "news"),
    )
    claim = claim_of(rec, "Meta", "capex_plan")
    assert (claim["value"], claim["high"], claim["preferred_doc"]) == (66e9, 72e9, "jul")
    assert claim["status"] == "revised"
    facts = facts_of(rec, claim).set_index("doc")
    assert facts.loc["jan", "relation"] == facts.loc["apr", "relation"] == "revised"
    assert "revised to USD 66 bn" in facts.loc["apr", "explanation"]


def test_latest_plan_wins_even_over_a_more_trusted_older_source() -> None:
    rec = build(
        (doc("old", "Filing: capex plan", "2025-01-29"), [fact("old", "Meta", "capex_plan", "60e9", "USD", "2025")], "filing"),
        (doc("new", "Meta lifts plan", "2025-04-30"), [fact("new", "Meta", "capex_plan", "64e9", "USD", "2025")], "news"),
    )
    assert claim_of(rec, "Meta", "capex_plan")["preferred_doc"] == "new"


STORY = ("Alibaba Group said on Friday that capital expenditure on AI and cloud infrastructure reached 38.6 billion "
         "yuan in the June quarter, as the company keeps investing in data centres and chips while revenue rose two "
         "percent from a year earlier and the cloud unit grew twenty six percent on strong demand for AI products.")


def test_copies_of_one_story_count_as_one_source() -> None:
    copy = "By Staff Writer. " + STORY.replace("said on Friday", "said Friday")
    other = "Alibaba spent 38.6 billion yuan on capex in the second quarter, its filings show, a record high."
    assert similarity(STORY, copy) >= 0.8 > similarity(STORY, other)
    figure = {"entity": "Alibaba", "metric": "capex", "value": "38.6e9", "unit": "CNY", "period": "2025Q2"}
    rec = build(
        (doc("wire", STORY, "2025-08-29", "Reuters"), [fact("wire", **figure)], "news"),
        (doc("copy", copy, "2025-08-30", "Yahoo"), [fact("copy", **figure)], "news"),
        (doc("own", other, "2025-08-31"), [fact("own", **figure)], "news"),
    )
    claim = claim_of(rec, "Alibaba", "capex")
    assert (claim["n_documents"], claim["n_sources"]) == (3, 2)
    explanation = facts_of(rec, claim).set_index("doc").loc["copy", "explanation"]
    assert "copy of the same story" in explanation


def test_copies_do_not_outvote_independent_sources() -> None:
    copy = STORY.replace("Friday", "Saturday")
    share = {"entity": "Alibaba", "metric": "market_share", "unit": "%", "period": "2025Q2", "segment": "china_cloud"}
    rec = build(
        (doc("a", STORY, "2025-08-29"), [fact("a", value="36", **share)], "news"),
        (doc("a-copy", copy, "2025-08-29"), [fact("a-copy", value="36", **share)], "news"),
        (doc("b", "Canalys puts Alibaba Cloud at 33% of China's market.", "2025-08-29"), [fact("b", value="33", **share)], "news"),
        (doc("c", "Alibaba held 33% of the Chinese cloud market, Omdia said.", "2025-08-29"), [fact("c", value="33", **share)], "news"),
    )
    claim = claim_of(rec, "Alibaba", "market_share")
    assert claim["value"] == 33.0
    assert claim["status"] == "conflict"
    assert claim["n_sources"] == 3


def test_story_groups_picks_the_smallest_id() -> None:
    groups = story_groups({7: STORY, 3: STORY + " More.", 5: "Completely different words about Tencent capex plans"})
    assert groups == {7: 3, 3: 3, 5: 5}


def test_filing_is_preferred_and_news_that_disagrees_is_a_conflict() -> None:
    rec = build(
        (doc("10-Q", "Alphabet 10-Q for the quarter"), [fact("10-Q", "Alphabet", "capex", "22.446e9", "USD", "2025Q2")], "filing"),
        (doc("wire", "Alphabet spent $22.4 billion in Q2", "2025-07-24", "Reuters"),
         [fact("wire", "Alphabet", "capex", "22.4e9", "USD", "2025Q2")], "news"),
        (doc("blog", "Alphabet capex hit $25 billion in the June quarter", "2025-07-25"),
         [fact("blog", "Alphabet", "capex", "25e9", "USD", "2025Q2")], "news"),
    )
    claim = claim_of(rec, "Alphabet", "capex")
    assert (claim["preferred_doc"], claim["kind"]) == ("10-Q", "filing")
    assert claim["reason"].startswith("filing")
    facts = facts_of(rec, claim).set_index("doc")
    assert facts.loc["wire", "relation"] == "restated"
    assert facts.loc["blog", "relation"] == "conflict"


def test_fiscal_quarter_and_calendar_quarter_are_one_claim() -> None:
    rec = build(
        (doc("10-Q", "Microsoft 10-Q"), [fact("10-Q", "Microsoft", "capex", "34.9e9", "USD", "FY2026Q1")], "filing"),
        (doc("news", "Microsoft spent $34.9 billion in the September quarter", "2025-10-30"),
         [fact("news", "Microsoft", "capex", "34.9e9", "USD", "2025Q3")], "news"),
    )
    claim = claim_of(rec, "Microsoft", "capex")
    assert claim["n_documents"] == 2 and claim["status"] == "restated"


def test_overlapping_year_labels_differ_in_period() -> None:
    rec = build(
        (doc("a", "Alibaba FY2025 capex", "2025-05-15"), [fact("a", "Alibaba", "capex", "85e9", "CNY", "FY2025")], "news"),
        (doc("b", "Alibaba 2025 capex", "2025-12-15"), [fact("b", "Alibaba", "capex", "120e9", "CNY", "2025")], "news"),
    )
    claim = claim_of(rec, "Alibaba", "capex")
    assert claim["status"] == "period_or_scope"
    other = facts_of(rec, claim).query("relation != 'preferred'").iloc[0]
    assert other["relation"] == "period_or_scope" and "different period" in other["explanation"]


def test_year_and_quarter_are_different_claims() -> None:
    rec = build(
        (doc("a", "Tencent capex in 2025 and Q2", "2025-08-14"),
         [fact("a", "Tencent", "capex", "90e9", "CNY", "2025"), fact("a", "Tencent", "capex", "19.1e9", "CNY", "2025Q2"),
          fact("a", "Tencent", "capex", "27.5e9", "CNY", "2025Q1")], "news"),
    )
    assert len(rec.claims) == 3
    assert set(rec.claims["status"]) == {"single"}


def test_unknown_period_joins_the_agreeing_claim_only() -> None:
    rec = build(
        (doc("a", "Baidu Q2 capex", "2025-08-20"), [fact("a", "Baidu", "capex", "3.1e9", "CNY", "2025Q2")], "news"),
        (doc("b", "Baidu spent 3.1 billion yuan", "2025-08-21"), [fact("b", "Baidu", "capex", "3.1e9", "CNY", "unknown")], "news"),
        (doc("c", "Baidu spent 9 billion yuan", "2025-08-22"), [fact("c", "Baidu", "capex", "9e9", "CNY", "unknown")], "news"),
    )
    known = claim_of(rec, "Baidu", "capex", period="2025Q2")
    assert set(facts_of(rec, known)["doc"]) == {"a", "b"}
    assert set(facts_of(rec, claim_of(rec, "Baidu", "capex", period="unknown"))["doc"]) == {"c"}


def test_same_figure_within_rounding_is_restated() -> None:
    rec = build(
        (doc("a", "BABA is up about 80% this year", "2025-12-20"),
         [fact("a", "Alibaba", "stock_change", "80", "%", "YTD2025", basis="ytd")], "news"),
        (doc("b", "BABA has gained 80.3% this year", "2025-12-21"),
         [fact("b", "Alibaba", "stock_change", "80.3", "%", "YTD2025", basis="ytd")], "news"),
    )
    claim = claim_of(rec, "Alibaba", "stock_change")
    assert claim["status"] == "restated" and claim["value"] == 80.3


def test_different_basis_or_segment_are_different_claims() -> None:
    rec = build(
        (doc("a", "Alibaba capex rose", "2025-08-29"),
         [fact("a", "Alibaba", "capex_change", "57", "%", "2025Q2", basis="qoq"),
          fact("a", "Alibaba", "capex_change", "220", "%", "2025Q2", basis="yoy"),
          fact("a", "Alibaba", "revenue", "33.4e9", "CNY", "2025Q2", segment="cloud"),
          fact("a", "Alibaba", "revenue", "247.652e9", "CNY", "2025Q2")], "news"),
    )
    assert len(rec.claims) == 4


def test_stated_conversion_in_also_joins_the_claim() -> None:
    rec = build(
        (doc("a", "ByteDance to spend 160 billion yuan ($22.7 billion)", "2025-12-22", "Financial Times"),
         [fact("a", "ByteDance", "capex_plan", "160e9", "CNY", "2026", also=(Alt(Decimal("22.7e9"), "USD"),))], "news"),
        (doc("b", "ByteDance's $23.2 billion plan", "2025-12-23"),
         [fact("b", "ByteDance", "capex_plan", "23.2e9", "USD", "2026")], "news"),
    )
    claim = claim_of(rec, "ByteDance", "capex_plan")
    assert claim["status"] == "fx" and claim["n_sources"] == 2


def test_rounded_conversion_is_restated() -> None:
    rec = build(
        (doc("a", "ByteDance to spend 160 billion yuan", "2025-12-22"),
         [fact("a", "ByteDance", "capex_plan", "160e9", "CNY", "2026")], "news"),
        (doc("b", "ByteDance's $23 billion plan", "2025-12-22"),
         [fact("b", "ByteDance", "capex_plan", "23e9", "USD", "2026")], "news"),
    )
    assert claim_of(rec, "ByteDance", "capex_plan")["status"] == "restated"  # 160 bn / 7.04 = 22.7 bn ≈ "$23 billion"


def test_empty_input() -> None:
    rec = build()
    assert rec.claims.empty and rec.facts.empty
