"""Filing facts from the real SEC company-facts files of Alphabet and NVIDIA (../shared/data/sec/)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from capexwatch.cli import cli
from capexwatch.entities import default_registry
from capexwatch.errors import FilingsError
from capexwatch.filingcheck import (
    check_against_filings,
    filing_conflicts,
    filing_periods,
)
from capexwatch.filings import (
    filing_facts,
    load_filings,
    period_label,
    read_company_facts,
    resolve_cik,
    sec_tickers,
    store_company_facts,
)
from capexwatch.models import Alt, Article, Fact
from capexwatch.store import Store

SEC = Path(__file__).parents[1].parent / "shared" / "data" / "sec"
ALPHABET = SEC / "CIK0001652044.json"
NVIDIA = SEC / "CIK0001045810.json"
BN = Decimal(10) ** 9


@pytest.fixture(scope="module")
def alphabet_data():
    return read_company_facts(ALPHABET)


@pytest.fixture(scope="module")
def alphabet(alphabet_data):
    return filing_facts(alphabet_data)


@pytest.fixture(scope="module")
def nvidia():
    return filing_facts(read_company_facts(NVIDIA))


def series(facts, metric="capex"):
    return {f.period: f for f in facts if f.metric == metric}


# -- Alphabet -----------------------------------------------------------------------------

def test_alphabet_fy2025_capex(alphabet):
    fact = series(alphabet)["2025"]
    assert (fact.entity, fact.value, fact.unit) == ("Alphabet", Decimal("91.447") * BN, "USD")
    assert fact.extra["provenance"]["form"] == "10-K"


def test_alphabet_2026q1_capex_with_provenance(alphabet):
    fact = series(alphabet)["2026Q1"]
    assert fact.value == Decimal("35.674") * BN
    assert fact.doc == "sec:CIK0001652044"
    assert fact.extra["provenance"] == {
        "form": "10-Q", "accn": "0001652044-26-000048", "filed": "2026-04-30",
        "concept": "PaymentsToAcquirePropertyPlantAndEquipment", "start": "2026-01-01", "end": "2026-03-31",
        "fy": 2026, "fp": "Q1", "fiscal_year_end": 12,
    }
    assert fact.quote == ("10-Q filed 2026-04-30 (accession 0001652044-26-000048): "
                          "PaymentsToAcquirePropertyPlantAndEquipment 2026-01-01..2026-03-31 = 35,674,000,000 USD")


def test_alphabet_quarter_derived_from_ytd(alphabet):
    q2 = series(alphabet)["2025Q2"]
    derived = q2.extra["provenance"]["derived"]
    # H1 (Jan-Jun) minus Q1 (Jan-Mar), both from 10-Qs
    assert (derived["from"]["start"], derived["from"]["end"]) == ("2025-01-01", "2025-06-30")
    assert (derived["minus"]["start"], derived["minus"]["end"]) == ("2025-01-01", "2025-03-31")
    assert q2.value == Decimal(derived["from"]["value"]) - Decimal(derived["minus"]["value"])
    assert (q2.extra["provenance"]["start"], q2.extra["provenance"]["end"]) == ("2025-04-01", "2025-06-30")


def test_alphabet_q4_is_year_minus_nine_months(alphabet):
    q4 = series(alphabet)["2025Q4"]
    derived = q4.extra["provenance"]["derived"]
    assert derived["from"]["form"] == "10-K" and derived["minus"]["end"] == "2025-09-30"
    assert q4.value == Decimal("91.447") * BN - Decimal(derived["minus"]["value"])


@pytest.mark.parametrize("metric", ["capex", "revenue", "net_income"])
def test_alphabet_quarters_sum_to_years(alphabet, metric):
    by_year = defaultdict(dict)
    for period, fact in series(alphabet, metric).items():
        if "Q" in period:
            by_year[period[:4]][period] = fact.value
    years = series(alphabet, metric)
    checked = [y for y, quarters in by_year.items() if len(quarters) == 4 and y in years]
    assert len(checked) >= 8
    for year in checked:
        assert sum(by_year[year].values()) == years[year].value, year


def test_alphabet_revenue_and_net_income(alphabet):
    assert series(alphabet, "revenue")["2026Q1"].value == Decimal("109896000000")
    assert series(alphabet, "net_income")["2025"].value == Decimal("132170000000")


def test_each_period_once(alphabet, nvidia):
    for facts in (alphabet, nvidia):
        keys = [(f.metric, f.period) for f in facts]
        assert len(keys) == len(set(keys))


# -- NVIDIA: fiscal years ending in late January, and a change of concept ----------------

def test_nvidia_fiscal_labels(nvidia):
    capex = series(nvidia)
    year = capex["FY2026"]
    assert (year.extra["provenance"]["start"], year.extra["provenance"]["end"]) == ("2025-01-27", "2026-01-25")
    assert year.value == Decimal("6042000000")
    assert capex["FY2027Q1"].value == Decimal("1757000000")
    assert capex["FY2026Q2"].extra["provenance"]["end"] == "2025-07-27"
    assert not any(p[:1].isdigit() for p in capex)  # no calendar labels for a fiscal-year company


def test_nvidia_series_across_the_change_of_concept(nvidia):
    capex = series(nvidia)
    ppe, productive = "PaymentsToAcquirePropertyPlantAndEquipment", "PaymentsToAcquireProductiveAssets"
    assert capex["FY2019Q1"].extra["provenance"]["concept"] == ppe
    assert capex["FY2020Q2"].extra["provenance"]["concept"] == ppe
    # The 10-Q of 2020-11 restated FY2020's nine months under the new concept
    assert capex["FY2020Q3"].extra["provenance"]["concept"] == f"{productive} - {ppe}"
    assert capex["FY2020Q3"].value == Decimal("103000000")  # 344M (9M) - 241M (H1)
    for label in ("FY2021Q1", "FY2022Q4", "FY2026", "FY2027Q1"):
        assert capex[label].extra["provenance"]["concept"] == productive
    # quarters run on without a gap from FY2024 to FY2027Q1
    recent = [p for p in capex if "Q" in p and p >= "FY2024"]
    assert recent == [f"FY{y}Q{q}" for y in (2024, 2025, 2026) for q in (1, 2, 3, 4)] + ["FY2027Q1"]


@pytest.mark.parametrize("year", ["FY2022", "FY2024", "FY2025", "FY2026"])
def test_nvidia_quarters_sum_to_years(nvidia, year):
    capex = series(nvidia)
    quarters = [capex[f"{year}Q{q}"].value for q in (1, 2, 3, 4)]
    assert sum(quarters) == capex[year].value


def test_nvidia_latest_filing_kept_for_a_period_filed_twice(nvidia):
    # 2025-01-27..2025-04-27 was filed in the 10-Q of 2025-05-28 and again in that of 2026-05-20
    prov = series(nvidia)["FY2026Q1"].extra["provenance"]
    assert (prov["filed"], prov["accn"], prov["fy"], prov["fp"]) == ("2026-05-20", "0001045810-26-000052", 2027, "Q1")


@pytest.mark.parametrize(("start", "end", "fye", "label"), [
    ("2026-01-01", "2026-03-31", 12, "2026Q1"),
    ("2025-10-01", "2025-12-31", 12, "2025Q4"),
    ("2025-01-01", "2025-12-31", 12, "2025"),
    ("2025-10-27", "2026-01-25", 1, "FY2026Q4"),
    ("2020-10-26", "2021-01-31", 1, "FY2021Q4"),  # a 14-week quarter of a 53-week year
    ("2025-07-01", "2025-09-30", 6, "FY2026Q1"),
    ("2024-12-29", "2025-03-29", 9, "FY2025Q2"),
    ("2025-01-01", "2025-09-30", 12, None),
], ids=["cal-q1", "cal-q4", "cal-year", "nvda-q4", "nvda-14-weeks", "msft-q1", "aapl-q2", "nine-months"])
def test_period_label(start, end, fye, label):
    assert period_label(dt.date.fromisoformat(start), dt.date.fromisoformat(end), fye) == label


# -- 20-F filers: one figure given in CNY and in USD ------------------------------------

def twenty_f():
    def entry(start, end, val, accn, filed):
        return {"start": start, "end": end, "val": val, "accn": accn, "fy": 2025, "fp": "FY",
                "form": "20-F", "filed": filed}
    old, new = "0001577552-24-000010", "0001577552-25-000020"
    return {"cik": 1577552, "entityName": "Alibaba Group Holding Ltd", "facts": {"us-gaap": {
        "PaymentsToAcquirePropertyPlantAndEquipment": {"units": {
            "CNY": [entry("2023-04-01", "2024-03-31", 32087000000, old, "2024-05-23"),
                    entry("2023-04-01", "2024-03-31", 32087000000, new, "2025-05-15"),
                    entry("2024-04-01", "2025-03-31", 85972000000, new, "2025-05-15")],
            "USD": [entry("2024-04-01", "2025-03-31", 11847000000, new, "2025-05-15")],
        }},
    }}}


def test_20f_two_currencies_are_one_figure():
    facts = filing_facts(twenty_f())
    assert [(f.period, f.value, f.unit, f.also) for f in facts] == [
        ("FY2024", Decimal("32087000000"), "CNY", ()),
        ("FY2025", Decimal("85972000000"), "CNY", (Alt(Decimal("11847000000"), "USD"),)),
    ]
    assert facts[0].entity == "Alibaba" and facts[0].extra["provenance"]["accn"] == "0001577552-25-000020"


# -- ticker table -------------------------------------------------------------------------

def test_ticker_table_names_and_tickers_match_the_registry():
    registry = default_registry()
    for entry in sec_tickers():
        entity = registry.get(entry["name"])
        assert entity is not None and entity.name == entry["name"], entry
        assert set(entry["tickers"]) <= set(entity.tickers), entry


@pytest.mark.parametrize(("text", "cik"), [
    ("GOOGL", 1652044), ("goog", 1652044), ("NVDA", 1045810), ("Nvidia", 1045810), ("MSFT", 789019),
    ("AMZN", 1018724), ("META", 1326801), ("ORCL", 1341439), ("BABA", 1577552), ("CIK0001652044", 1652044),
    ("1045810", 1045810), (320193, 320193),
])
def test_resolve_cik(text, cik):
    assert resolve_cik(text) == cik


def test_resolve_unknown_ticker():
    with pytest.raises(FilingsError, match="give its CIK number"):
        resolve_cik("NOSUCH")


def test_read_not_a_company_facts_file(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"hello": 1}))
    with pytest.raises(FilingsError, match="not an SEC company-facts file"):
        read_company_facts(path)


# -- storing ------------------------------------------------------------------------------

def test_store_as_filing_document_and_reload_does_not_duplicate(tmp_path):
    db = tmp_path / "f.duckdb"
    with Store(db) as store:
        first = load_filings(store, [ALPHABET])
        again = load_filings(store, [ALPHABET])
        docs = store.documents()
        stored = store.facts(entity="Alphabet", metric="capex", period="2026Q1")
    assert first.loaded[0].added and not again.loaded[0].added
    assert docs[["doc", "kind"]].values.tolist() == [["sec:CIK0001652044", "filing"]]
    assert int(docs["facts"][0]) == len(first.loaded[0].facts)
    assert len(stored) == 1 and stored["kind"][0] == "filing"
    assert json.loads(stored["provenance"][0])["accn"] == "0001652044-26-000048"


def test_newer_file_replaces_the_older_document(alphabet_data):
    older = copy.deepcopy(alphabet_data)
    for concept in older["facts"]["us-gaap"].values():
        for unit, entries in concept["units"].items():
            concept["units"][unit] = [e for e in entries if e["filed"] < "2026-04-01"]
    with Store(memory=True) as store:
        store_company_facts(store, older)
        assert store.facts(entity="Alphabet", period="2026Q1").empty
        store_company_facts(store, alphabet_data)
        assert len(store.documents()) == 1
        capex = store.facts(entity="Alphabet", metric="capex", period="2025")
    assert len(capex) == 1 and capex["value"][0] == Decimal("91447000000")


# -- news against filings -----------------------------------------------------------------

def news_fact(value, period="2026Q1", **kw):
    return Fact(doc="news.txt", entity="Alphabet", metric="capex", value=Decimal(value), unit="USD",
                period=period, quote="Alphabet spent $40 billion on capex in the first quarter.", **kw)


def test_news_contradicting_the_filing_is_reported(alphabet):
    conflicts = filing_conflicts([news_fact(40 * BN)], alphabet)
    assert len(conflicts) == 1
    check = conflicts[0]
    assert (check.filing_value, check.news_value, check.difference) == (
        Decimal("35674000000"), Decimal("40000000000"), Decimal("12.1"))
    assert "35,674,000,000 USD" in check.explanation and "40,000,000,000" in check.explanation
    assert "12.1% higher" in check.explanation and "0001652044-26-000048" in check.explanation


def test_news_agreeing_with_the_filing_within_two_percent(alphabet):
    checks = check_against_filings([news_fact(Decimal("35.7") * BN), news_fact(91 * BN, period="FY2025")], alphabet)
    assert [(c.filing.period, c.agrees) for c in checks] == [("2026Q1", True), ("2025", True)]


def test_news_range_holding_the_filing_agrees(alphabet):
    (check,) = check_against_filings([news_fact(90 * BN, period="2025", high=95 * BN)], alphabet)
    assert check.agrees and check.difference == 0


def test_only_comparable_news_facts_are_paired(alphabet):
    others = [
        news_fact(40 * BN, segment="cloud"),
        news_fact(40 * BN, basis="yoy"),
        news_fact(40 * BN, period="2026Q2"),
        Fact("n", "Alphabet", "capex", Decimal(40 * BN), "EUR", period="2026Q1"),
        Fact("n", "Microsoft", "capex", Decimal(40 * BN), "USD", period="2026Q1"),
    ]
    assert check_against_filings(others, alphabet) == []


def test_news_in_another_currency_compared_through_also(alphabet):
    fact = Fact("n", "alphabet", "capex", Decimal(33 * BN), "EUR", period="2026Q1",
                also=(Alt(Decimal(40 * BN), "USD"),))
    (check,) = check_against_filings([fact], alphabet)
    assert check.unit == "USD" and not check.agrees


def test_nvidia_fiscal_period_pairs_only_with_its_fiscal_label(nvidia):
    fiscal = Fact("n", "Nvidia", "capex", Decimal(2 * BN), "USD", period="FY2026Q2")
    calendar = Fact("n", "Nvidia", "capex", Decimal(2 * BN), "USD", period="2025Q2")
    checks = check_against_filings([fiscal, calendar], nvidia)
    assert [c.news.period for c in checks] == ["FY2026Q2"]
    assert filing_periods(series(nvidia)["FY2026Q2"]) == {"FY2026Q2"}


def test_check_from_the_store_with_provenance_round_trip():
    with Store(memory=True) as store:
        load_filings(store, [ALPHABET])
        store.add([(Article(id="news.txt", text="Alphabet spent $40 billion."), [news_fact(40 * BN)])])
        news = list(store.iter_fact_objects(kind="news"))
        filings = list(store.iter_fact_objects(kind="filing"))
    (conflict,) = filing_conflicts(news, filings)
    assert conflict.filing.extra["provenance"]["filed"] == "2026-04-30"
    assert conflict.to_dict()["difference_pct"] == "12.1"


# -- CLI ----------------------------------------------------------------------------------

def test_cli_load_prints_the_capex_series(tmp_path):
    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(cli, ["filings", "load", str(ALPHABET), str(NVIDIA), "--db", str(db),
                                      "--format", "jsonl", "--last", "2"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["entity"], r["period"], r["value"]) for r in rows] == [
        ("Alphabet", "2025", 91447000000), ("Alphabet", "2026Q1", 35674000000),
        ("Nvidia", "FY2026", 6042000000), ("Nvidia", "FY2027Q1", 1757000000),
    ]
    assert "facts stored" in result.stderr


def test_cli_load_missing_file_fails_clearly(tmp_path):
    result = CliRunner().invoke(cli, ["filings", "load", str(tmp_path / "none.json"), "--db",
                                      str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1
    assert "cannot read" in result.stderr


def test_news_article_read_by_the_extractor_checked_against_the_filing(tmp_path):
    article = tmp_path / "alphabet.txt"
    article.write_text("Alphabet spent $40 billion on capital expenditures in the first quarter of 2026, "
                       "the company said.\n")
    with Store(memory=True) as store:
        load_filings(store, [ALPHABET])
        store.ingest([article], date=dt.date(2026, 5, 1))
        (conflict,) = filing_conflicts(store.iter_fact_objects(kind="news"), store.iter_fact_objects(kind="filing"))
    assert (conflict.news.period, conflict.news_value, conflict.filing_value) == (
        "2026Q1", Decimal("40000000000"), Decimal("35674000000"))
