"""The analyst's questions over a store: China vs US, intensity, growth, claims, conflicts; and the CLI."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from capexwatch import compare as cmp
from capexwatch.cli import cli
from capexwatch.ingest import iter_articles
from capexwatch.models import Article, Fact
from capexwatch.store import Store

SHARED = Path(__file__).parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.jsonl"


def add_gold(store: Store) -> Store:
    gold = [Fact.from_dict(json.loads(line)) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    store.add([(a, [f for f in gold if f.doc == a.id]) for a in iter_articles([SEEDS])])
    return store


@pytest.fixture(scope="module", params=["gold", "extractor"])
def seeds(request):
    """Gold facts (checks compare's logic) and the real pipeline (end to end)."""
    store = Store(memory=True)
    if request.param == "gold":
        add_gold(store)
    else:
        store.ingest([SEEDS])
    yield store
    store.close()


def row(frame: pd.DataFrame, **where) -> pd.Series:
    for key, value in where.items():
        frame = frame[frame[key] == value]
    assert len(frame) == 1, frame
    return frame.iloc[0]


# -- the seeds ----------------------------------------------------------------------------
def test_china_vs_us_ttm(seeds) -> None:
    frame = cmp.compare(seeds, period="TTM2025Q2")
    assert row(frame, region="china")["value_usd"] == 45e9
    assert row(frame, region="us")["value_usd"] == 291e9
    assert row(frame, region="china")["entities"] == "China top cloud providers"
    assert set(frame["region"]) == {"china", "us"}


def test_compare_by_company(seeds) -> None:
    frame = cmp.compare(seeds, by="company", metric="capex_plan")
    alibaba = row(frame, entity="Alibaba")
    assert (alibaba["value"], alibaba["unit"], alibaba["period"]) == (380e9, "CNY", "2025..2027")
    assert alibaba["annual_usd"] == pytest.approx(alibaba["value_usd"] / 3)
    assert row(frame, entity="ByteDance")["region"] == "china"


def test_compare_rejects_unknown_grouping(seeds) -> None:
    with pytest.raises(ValueError, match="region"):
        cmp.compare(seeds, by="planet")


def test_capex_to_cloud_revenue_china_121_us_94(seeds) -> None:
    frame = cmp.intensity(seeds, period="2025Q2")
    stated = frame[frame["source"] == "stated"]
    assert row(stated, region="china")["ratio_pct"] == 121
    assert row(stated, region="us")["ratio_pct"] == 94
    assert set(stated["of"]) == {"cloud revenue"}


def test_intensity_computed_from_capex_and_revenue(seeds) -> None:
    computed = cmp.intensity(seeds)
    computed = computed[computed["source"] == "computed"]
    alibaba = row(computed, entity="Alibaba", period="2025Q2")
    assert alibaba["ratio_pct"] == pytest.approx(38.6 / 247.652 * 100)


def test_claims_one_row_per_claim(seeds) -> None:
    frame = cmp.claims(seeds, entity="alibaba", metric="capex_plan")
    assert len(frame) == 1
    claim = frame.iloc[0]
    assert claim["n_sources"] == 4 and claim["status"] == "fx" and claim["region"] == "china"
    for column in ("value", "value_usd", "n_sources", "status", "explanation", "reason"):
        assert column in frame.columns


def test_claim_sources_preferred_first(seeds) -> None:
    claim_id = cmp.claims(seeds, entity="Alibaba", metric="capex_plan").iloc[0]["claim_id"]
    sources = cmp.claim_sources(seeds, claim_id)
    assert sources.iloc[0]["relation"] == "preferred"
    assert set(sources["doc"].str[:3]) == {"000", "002", "003", "004"}
    assert cmp.claim_sources(seeds, "nope").empty


def test_conflicts_show_both_quotes(seeds) -> None:
    frame = cmp.conflicts(seeds)
    share = row(frame, metric="market_share", entity="Alibaba")
    assert {share["value"], share["preferred_value"]} == {33.0, 36.0}
    assert "%" in share["quote"] and "%" in share["preferred_quote"]
    assert not share["against_filing"]


def test_conversions_checked(seeds) -> None:
    frame = cmp.conversions(seeds)
    bytedance = row(frame, entity="ByteDance")
    assert bytedance["stated_rate"] == pytest.approx(7.05, abs=0.01) and not bytedance["flagged"]
    assert not frame["flagged"].any()


def test_timeline_in_document_order(seeds) -> None:
    frame = cmp.timeline(seeds, "alibaba")
    dates = frame["doc_date"].dropna()
    assert dates.is_monotonic_increasing
    assert frame["doc_date"].isna().iloc[-1]  # the undated seed last
    assert set(frame["relation"]) <= {"preferred", "restated", "fx", "unit_error", "conflict", "period_or_scope",
                                      "revised"}


def test_growth_stated(seeds) -> None:
    frame = cmp.growth(seeds, metric="capex")
    assert row(frame, entity="Alibaba+Baidu+Tencent")["change_pct"] == 168
    assert row(frame, entity="Baidu")["change_pct"] == 30


# -- constructed --------------------------------------------------------------------------
def store_with(*docs: tuple[Article, list[Fact], str]) -> Store:
    store = Store(memory=True)
    for article, facts, kind in docs:
        store.add([(article, facts)], kind=kind)
    return store


def f(doc: str, entity: str, metric: str, value: str, unit: str, period: str, **kw) -> Fact:
    return Fact(doc=doc, entity=entity, metric=metric, value=Decimal(value), unit=unit, period=period, **kw)


def test_growth_computed_yoy_and_qoq() -> None:
    store = store_with((Article("a", "Tencent capex by quarter", date=dt.date(2025, 8, 14)), [
        f("a", "Tencent", "capex", "10e9", "CNY", "2024Q2"),
        f("a", "Tencent", "capex", "25e9", "CNY", "2025Q1"),
        f("a", "Tencent", "capex", "20e9", "CNY", "2025Q2"),
    ], "news"))
    frame = cmp.growth(store, entity="Tencent")
    assert row(frame, basis="yoy")["change_pct"] == pytest.approx(100)
    assert row(frame, basis="qoq")["change_pct"] == pytest.approx(-20)
    assert set(frame["source"]) == {"computed"}


def test_region_sums_companies_without_a_group_figure() -> None:
    store = store_with((Article("a", "Chinese capex", date=dt.date(2025, 8, 30)), [
        f("a", "Alibaba", "capex", "38.6e9", "CNY", "2025Q2"),
        f("a", "Tencent", "capex", "19.1e9", "CNY", "2025Q2"),
        f("a", "Microsoft", "capex", "24.2e9", "USD", "FY2025Q4"),
        f("a", "Alibaba", "capex", "10e9", "CNY", "2025Q2", segment="cloud"),  # part of Alibaba's total
        f("a", "Baidu", "capex", "3e9", "CNY", "unknown"),  # no period: not added
    ], "news"))
    frame = cmp.compare(store, period="2025Q2")
    china = row(frame, region="china")
    assert china["basis"] == "sum of 2 companies" and china["entities"] == "Alibaba, Tencent"
    assert china["value_usd"] == pytest.approx((38.6e9 + 19.1e9) / 7.1647, rel=1e-3)
    assert row(frame, region="us")["value_usd"] == 24.2e9  # FY2025Q4 of Microsoft is April–June 2025


def test_news_disagreeing_with_a_filing_is_shown() -> None:
    store = store_with(
        (Article("alphabet-10q", "Alphabet 10-Q company facts"), [f("alphabet-10q", "Alphabet", "capex", "22.446e9", "USD", "2025Q2")], "filing"),
        (Article("blog", "Alphabet spent $25 billion on capex in Q2", date=dt.date(2025, 7, 25)),
         [f("blog", "Alphabet", "capex", "25e9", "USD", "2025Q2")], "news"),
    )
    frame = cmp.conflicts(store)
    hit = row(frame, entity="Alphabet")
    assert hit["against_filing"] and hit["preferred_kind"] == "filing"
    assert (hit["value"], hit["preferred_value"]) == (25e9, 22.446e9)


def test_news_read_by_the_extractor_against_real_filings(tmp_path) -> None:
    from capexwatch.filings import load_filings

    article = tmp_path / "alphabet.txt"
    article.write_text("Alphabet spent $40 billion on capital expenditures in the first quarter of 2026, "
                       "the company said.\n", encoding="utf-8")
    with Store(memory=True) as store:
        load_filings(store, [SHARED / "data" / "sec" / "CIK0001652044.json"])
        store.ingest([article], date=dt.date(2026, 5, 1))
        frame = cmp.conflicts(store)
    hit = row(frame, entity="Alphabet", metric="capex")
    assert hit["against_filing"] and hit["period"] == "2026Q1"
    assert (hit["value"], hit["preferred_value"]) == (40e9, 35.674e9)
    assert "disagrees with the filed USD 35.67 bn" in hit["explanation"]


def test_analysis_follows_new_facts() -> None:
    store = store_with((Article("a", "one", date=dt.date(2025, 1, 2)), [f("a", "Baidu", "capex", "1e9", "CNY", "2024Q4")], "news"))
    assert len(cmp.claims(store)) == 1
    store.add([(Article("b", "two", date=dt.date(2025, 1, 3)), [f("b", "Baidu", "capex", "2e9", "CNY", "2025Q1")])])
    assert len(cmp.claims(store)) == 2


# -- CLI ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("db") / "seeds.duckdb"
    add_gold(Store(path)).close()
    return str(path)


@pytest.mark.parametrize("command", [["compare"], ["intensity"], ["growth"], ["timeline", "Alibaba"], ["claims"],
                                     ["conflicts"]])
@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_cli_commands_in_every_format(db: str, command: list[str], fmt: str) -> None:
    result = CliRunner().invoke(cli, [*command, "--db", db, "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert isinstance(json.loads(result.output), list)
    elif fmt == "csv":
        assert "," in result.output.splitlines()[0]


def test_cli_compare_json(db: str) -> None:
    result = CliRunner().invoke(cli, ["compare", "--db", db, "--period", "TTM2025Q2", "--format", "json"])
    values = {r["region"]: r["value_usd"] for r in json.loads(result.output)}
    assert values == {"china": 45e9, "us": 291e9}


def test_cli_claim_sources(db: str) -> None:
    claims = json.loads(CliRunner().invoke(cli, ["claims", "--db", db, "--entity", "Alibaba", "--metric",
                                                 "market_share", "--format", "json"]).output)
    result = CliRunner().invoke(cli, ["claims", "--db", db, "--claim", claims[0]["claim_id"]])
    assert result.exit_code == 0 and "conflict" in result.output
    missing = CliRunner().invoke(cli, ["claims", "--db", db, "--claim", "nope"])
    assert missing.exit_code != 0 and "capexwatch claims" in missing.output


def test_cli_missing_database(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["compare", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code != 0 and "capexwatch ingest" in result.output
