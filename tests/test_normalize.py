"""Periods with fiscal calendars, the day of a fact's FX rate, USD values and conversion checks."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pandas as pd
import pytest

from capexwatch.entities import default_registry
from capexwatch.fx import EcbRates
from capexwatch.normalize import (
    annual_average,
    check_conversion,
    figure_in_quote,
    fx_date,
    mixed_currency,
    normalize_facts,
    period_range,
    unit_family,
)
from capexwatch.rates import bundled_rates_file, load_rates

D = dt.date


@pytest.fixture(scope="module")
def rates() -> EcbRates:
    return load_rates(bundled_rates_file())


def fye(name: str) -> int:
    return default_registry().fiscal_year_end(name)


PERIODS = [
    # fiscal calendars from the registry
    ("FY2025", "Alibaba", None, D(2024, 4, 1), D(2025, 3, 31)),
    ("FY2026Q1", "Microsoft", None, D(2025, 7, 1), D(2025, 9, 30)),
    ("FY2026Q1", "Alibaba", None, D(2025, 4, 1), D(2025, 6, 30)),
    ("FY2025H2", "Alibaba", None, D(2024, 10, 1), D(2025, 3, 31)),
    ("FY2026", "Nvidia", None, D(2025, 2, 1), D(2026, 1, 31)),
    ("FY2025", "Alphabet", None, D(2025, 1, 1), D(2025, 12, 31)),
    ("FY2025..FY2027", "Alibaba", None, D(2024, 4, 1), D(2027, 3, 31)),
    # calendar labels, whoever the company
    ("2025", "Alibaba", None, D(2025, 1, 1), D(2025, 12, 31)),
    ("2025Q2", "Alibaba", None, D(2025, 4, 1), D(2025, 6, 30)),
    ("2025H1", "Microsoft", None, D(2025, 1, 1), D(2025, 6, 30)),
    ("TTM2025Q2", "China top cloud providers", None, D(2024, 7, 1), D(2025, 6, 30)),
    ("YTD2025-12-22", "Alibaba", None, D(2025, 1, 1), D(2025, 12, 22)),
    ("YTD2025", "Alibaba", D(2025, 12, 6), D(2025, 1, 1), D(2025, 12, 6)),
    ("YTD2025", "Alibaba", None, D(2025, 1, 1), D(2025, 12, 31)),
    ("2025..2027", "Alibaba", None, D(2025, 1, 1), D(2027, 12, 31)),
    ("2025-02-24", "Alibaba", None, D(2025, 2, 24), D(2025, 2, 24)),
    ("2025-03", "Alibaba", None, D(2025, 3, 1), D(2025, 3, 31)),
]


@pytest.mark.parametrize(("label", "entity", "as_of", "start", "end"), PERIODS,
                         ids=[f"{p[0]}-{p[1]}" for p in PERIODS])
def test_period_range(label, entity, as_of, start, end) -> None:
    rng = period_range(label, fiscal_year_end=fye(entity), as_of=as_of)
    assert (rng.start, rng.end) == (start, end)


@pytest.mark.parametrize("label", ["unknown", "", "next year", "2025Q5", "2027..2025", "FY25"])
def test_period_not_understood_is_none(label: str) -> None:
    assert period_range(label) is None


def test_annual_average_of_a_three_year_plan() -> None:
    assert round(annual_average(Decimal("380e9"), period_range("2025..2027")) * 3) == Decimal("380e9")
    assert annual_average(Decimal("60e9"), period_range("2025")) == Decimal("60e9")
    assert annual_average(Decimal("53e9"), None) == Decimal("53e9")


def test_unit_family() -> None:
    assert [unit_family(u) for u in ("USD", "CNY", "%", "x", "count", "params")] == [
        "money", "money", "percent", "multiple", "count", "params"]


# -- the day of the rate ------------------------------------------------------------------
def test_spent_amount_uses_period_end() -> None:
    assert fx_date("capex", period_range("FY2025", fiscal_year_end=3), D(2025, 5, 15)) == (D(2025, 3, 31), "period_end")


def test_plan_uses_document_date() -> None:
    assert fx_date("capex_plan", period_range("2025..2027"), D(2025, 2, 24)) == (D(2025, 2, 24), "document")


def test_plan_without_document_date_uses_period_start() -> None:
    assert fx_date("capex_plan", period_range("2026"), None) == (D(2026, 1, 1), "period_start")


def test_period_still_running_uses_document_date() -> None:
    assert fx_date("capex", period_range("2025"), D(2025, 8, 29)) == (D(2025, 8, 29), "document")


def test_nothing_known_gives_no_date() -> None:
    assert fx_date("capex", None, None) == (None, "none")


# -- a source's own conversion ------------------------------------------------------------
def test_alibaba_380bn_yuan_is_52_4bn_dollars_on_its_day(rates) -> None:
    check = check_conversion(Decimal("380e9"), "CNY", [(Decimal("52.4e9"), "USD")], metric="capex_plan",
                             period=period_range("2025..2027"), doc_date=D(2025, 2, 24), rates=rates)
    assert round(check.stated_rate, 2) == Decimal("7.25")
    assert check.ecb_date == D(2025, 2, 24)
    assert not check.flagged


def test_bytedance_160bn_yuan_without_document_date_uses_the_period(rates) -> None:
    # seed 000 has no date; "next year" became period 2026: the plan's rate is that of its start
    check = check_conversion(Decimal("160e9"), "CNY", [(Decimal("22.7e9"), "USD")], metric="capex_plan",
                             period=period_range("2026"), doc_date=None, rates=rates)
    assert round(check.stated_rate, 2) == Decimal("7.05")
    assert check.date_basis == "period_start"
    assert check.ecb_date == D(2025, 12, 31)  # 1 January is a holiday: the last rate before it
    assert abs(check.deviation) < Decimal("0.02")
    assert not check.flagged


def test_bytedance_with_a_document_date_uses_it(rates) -> None:
    check = check_conversion(Decimal("160e9"), "CNY", [(Decimal("22.7e9"), "USD")], metric="capex_plan",
                             period=period_range("2026"), doc_date=D(2025, 12, 22), rates=rates)
    assert (check.date_basis, check.ecb_date) == ("document", D(2025, 12, 22))
    assert not check.flagged


def test_conversion_beyond_two_percent_is_flagged(rates) -> None:
    check = check_conversion(Decimal("160e9"), "CNY", [(Decimal("25e9"), "USD")], metric="capex_plan",
                             period=None, doc_date=D(2025, 12, 22), rates=rates)
    assert check.flagged
    assert "differs from" in check.explain()


def test_usd_first_with_yuan_in_also_is_checked_too(rates) -> None:
    check = check_conversion(Decimal("53e9"), "USD", [(Decimal("380e9"), "CNY")], metric="capex_plan",
                             period=None, doc_date=D(2025, 8, 29), rates=rates)
    assert round(check.stated_rate, 2) == Decimal("7.17")
    assert not check.flagged


def test_no_date_at_all_gives_no_check(rates) -> None:
    assert check_conversion(Decimal("1e9"), "CNY", [(Decimal("1.4e8"), "USD")], metric="capex", period=None,
                            doc_date=None, rates=rates) is None


def test_no_usd_pair_gives_no_check(rates) -> None:
    assert check_conversion(Decimal("1e9"), "USD", [], metric="capex", period=None,
                            doc_date=D(2025, 1, 2), rates=rates) is None


# -- units --------------------------------------------------------------------------------
@pytest.mark.parametrize(("figure", "mixed"), [
    ("$38.6 billion RMB", ("USD", "CNY")),
    ("US$5bn yuan", ("USD", "CNY")),
    ("€4 billion USD", ("USD", "EUR")),
    ("38.6 billion RMB", ()),
    ("$53 billion (RMB 380 billion)", ()),
    ("HK$12 billion", ()),
    ("", ()),
])
def test_mixed_currency(figure: str, mixed: tuple[str, ...]) -> None:
    assert mixed_currency(figure) == mixed


def test_figure_found_in_quote_when_the_fact_has_none() -> None:
    quote = "Alibaba Group has announced a significant quarterly investment of $38.6 billion RMB in AI"
    assert figure_in_quote(quote, Decimal("38.6e9")) == "$38.6 billion RMB"
    assert figure_in_quote(quote, Decimal("7e9")) == ""


# -- frames -------------------------------------------------------------------------------
def _frame(rows: list[dict]) -> pd.DataFrame:
    base = {"segment": None, "basis": None, "high": None, "also": "[]", "doc_date": None, "figure": "", "quote": ""}
    return pd.DataFrame([{**base, **r} for r in rows])


def test_normalize_frame_values_at_the_right_days(rates) -> None:
    frame = _frame([
        {"entity": "Alibaba", "metric": "capex", "value": 38.6e9, "unit": "CNY", "period": "2025Q2",
         "doc_date": "2025-08-29", "figure": "$38.6 billion RMB"},
        {"entity": "Alibaba", "metric": "capex_plan", "value": 380e9, "unit": "CNY", "period": "2025..2027",
         "doc_date": "2025-02-22", "also": json.dumps([{"value": 52.4e9, "unit": "USD"}])},
        {"entity": "Microsoft", "metric": "capex", "value": 20e9, "high": 22e9, "unit": "USD", "period": "FY2026Q1"},
        {"entity": "Alibaba", "metric": "market_share", "value": 33, "unit": "%", "period": "unknown"},
    ])
    out = normalize_facts(frame, rates=rates, fiscal_year_end=fye)
    capex, plan, msft, share = out.to_dict("records")
    assert capex["fx_date"] == pd.Timestamp("2025-06-30") and capex["fx_basis"] == "period_end"
    assert capex["value_usd"] == pytest.approx(38.6e9 / float(rates.rate("CNY", D(2025, 6, 30)).value
                                                             / rates.rate("USD", D(2025, 6, 30)).value))
    assert "USD and CNY" in capex["unit_note"]
    # a Saturday document: Friday's rate
    assert plan["fx_date"] == pd.Timestamp("2025-02-22") and plan["fx_rate_date"] == pd.Timestamp("2025-02-21")
    assert plan["annual_usd"] == pytest.approx(plan["value_usd"] / 3)
    assert plan["stated_usd"] == 52.4e9 and not plan["also_flag"]
    assert (msft["period_start"], msft["period_end"]) == (pd.Timestamp("2025-07-01"), pd.Timestamp("2025-09-30"))
    assert (msft["value_usd"], msft["high_usd"]) == (20e9, 22e9)
    assert share["family"] == "percent" and pd.isna(share["value_usd"]) and pd.isna(share["period_start"])


def test_normalize_empty_frame(rates) -> None:
    out = normalize_facts(_frame([]).reindex(columns=["entity", "metric", "value", "unit", "period", "also"]),
                          rates=rates, fiscal_year_end=fye)
    assert out.empty and "value_usd" in out.columns
