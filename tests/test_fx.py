"""ECB rates: loading (bundled file, a user's newer file), day fallback, cross rates."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal

import pytest

from capexwatch.fx import EcbRates, FxError, convert_currency, usd_per
from capexwatch.rates import FX_FILE_ENV, bundled_rates_file, load_rates

SAT, SUN, FRI, MON = dt.date(2025, 2, 22), dt.date(2025, 2, 23), dt.date(2025, 2, 21), dt.date(2025, 2, 24)


@pytest.fixture(scope="module")
def rates() -> EcbRates:
    return load_rates(bundled_rates_file())


def test_bundled_file_is_the_ecb_history(rates: EcbRates) -> None:
    assert bundled_rates_file().name == "eurofxref-hist.zip"
    assert {"USD", "CNY", "HKD", "EUR"} <= rates.currencies
    assert rates.last_date >= dt.date(2025, 12, 31)


def test_usd_cny_is_a_cross_rate_through_eur(rates: EcbRates) -> None:
    rate = usd_per(rates, "CNY", MON)
    eur_cny, eur_usd = rates.rate("CNY", MON).value, rates.rate("USD", MON).value
    assert rate.value == eur_cny / eur_usd
    assert round(rate.value, 2) == Decimal("7.25")  # "380 billion yuan ($52.4 billion)" on 2025-02-24


@pytest.mark.parametrize("day", [SAT, SUN], ids=["saturday", "sunday"])
def test_weekend_uses_fridays_rate(rates: EcbRates, day: dt.date) -> None:
    rate = usd_per(rates, "CNY", day)
    assert rate.date == FRI
    assert rate.fallback
    assert rate.value == usd_per(rates, "CNY", FRI).value


def test_holiday_uses_the_last_rate_before_never_a_later_one(rates: EcbRates) -> None:
    christmas = usd_per(rates, "CNY", dt.date(2025, 12, 26))  # TARGET holidays on the 25th and 26th
    assert christmas.date == dt.date(2025, 12, 24)
    assert christmas.value == usd_per(rates, "CNY", dt.date(2025, 12, 24)).value


def test_a_day_after_the_data_is_stale_with_the_last_rate(rates: EcbRates) -> None:
    late = usd_per(rates, "CNY", rates.last_date + dt.timedelta(days=400))
    assert late.stale
    assert late.date == rates.last_date


def test_a_day_before_the_data_is_an_error() -> None:
    rates = EcbRates.from_lines(["Date,USD,CNY", "2025-02-24,1.0466,7.5878"])
    with pytest.raises(FxError, match="starts 2025-02-24"):
        rates.rate("CNY", dt.date(2025, 2, 21))


def test_unknown_currency_is_an_error(rates: EcbRates) -> None:
    with pytest.raises(FxError, match="no ECB rates for 'XYZ'"):
        usd_per(rates, "XYZ", MON)


@pytest.mark.parametrize(("currency", "per_usd"), [("AED", "3.6725"), ("SAR", "3.75")])
def test_a_gulf_currency_the_ecb_does_not_publish_goes_by_its_dollar_peg(rates: EcbRates, currency: str, per_usd: str) -> None:
    rate = usd_per(rates, currency, SUN)
    assert rate.value == Decimal(per_usd)  # the peg exactly, on any day the dollar has a rate
    assert rate.date == FRI  # the dollar leg's day
    usd, _rate = convert_currency(Decimal("55.8e9"), "AED", "USD", MON, rates)  # "$15.2 billion (Dh55.8 billion)"
    assert round(usd / Decimal("1e9"), 1) == Decimal("15.2")
    assert currency in rates.currencies


def test_convert_is_decimal_and_returns_the_rate(rates: EcbRates) -> None:
    usd, rate = convert_currency(Decimal("380e9"), "CNY", "USD", MON, rates)
    assert isinstance(usd, Decimal)
    assert round(usd / Decimal("1e9"), 1) == Decimal("52.4")
    assert (rate.base, rate.quote, rate.date) == ("USD", "CNY", MON)


def test_missing_values_are_skipped_per_currency() -> None:
    rates = EcbRates.from_lines(["Date,USD,CNY,", "2025-02-24,1.0466,N/A,", "2025-02-21,1.0465,7.6,"])
    assert rates.rate("CNY", MON).date == FRI
    assert rates.rate("USD", MON).date == MON


# -- a user's newer file ----------------------------------------------------------------
NEWER = "Date,USD,CNY,\n2030-01-03,1.2000,8.4000,\n2030-01-02,1.1000,8.0000,\n"


def test_env_var_points_to_a_newer_csv(tmp_path, monkeypatch) -> None:
    path = tmp_path / "eurofxref-hist.csv"
    path.write_text(NEWER, encoding="utf-8")
    monkeypatch.setenv(FX_FILE_ENV, str(path))
    rates = load_rates()
    assert rates.last_date == dt.date(2030, 1, 3)
    assert usd_per(rates, "CNY", dt.date(2030, 1, 5)).value == Decimal(7)


def test_a_zipped_file_like_the_ecbs(tmp_path) -> None:
    path = tmp_path / "eurofxref-hist.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("eurofxref-hist.csv", NEWER)
    assert load_rates(path).rate("USD", dt.date(2030, 1, 2)).value == Decimal("1.1000")


def test_a_missing_file_says_where_to_get_one(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(FX_FILE_ENV, str(tmp_path / "nope.zip"))
    with pytest.raises(FxError, match=r"CAPEXWATCH_FX_FILE.*ecb\.europa\.eu"):
        load_rates()


def test_a_file_that_is_not_ecb_rates(tmp_path) -> None:
    path = tmp_path / "rates.csv"
    path.write_text("when,price\n2025-01-01,3\n", encoding="utf-8")
    with pytest.raises(FxError, match="not an ECB rates file"):
        load_rates(path)
