"""Normalising facts: period labels to date ranges, money to US dollars, unit checks.

- :func:`period_range`: ``FY2025``, ``2025Q2``, ``TTM2025Q2``, ``YTD2025-12-22``,
  ``2025..2027``, ``2025-02-24``... to a :class:`PeriodRange`, with each company's
  fiscal calendar (the month its fiscal year ends).
- :func:`fx_date`: the day whose ECB rate values a fact: the period's end for amounts
  spent or earned, the document's date for plans.
- :func:`usd_value`, :func:`check_conversion`: US-dollar value at the ECB rate, and a
  check of a source's own conversion (``also``) against the ECB rate of its date.
- :func:`mixed_currency`: a figure that carries two currency markers (``$38.6 billion RMB``).
- :func:`normalize_facts`: all of the above, vectorised over a DataFrame of facts.

Layer 2, pure: rates and the entity registry are passed in; nothing is read here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .fx import FxError, RateSource, convert_currency, usd_per
from .parse.dates import as_date

if TYPE_CHECKING:
    import pandas as pd

# numpy and pandas are imported where the DataFrame functions run, not with the module: the
# reader (capexwatch.extract) needs only period_range, and its worker processes stay small.

__all__ = [
    "CONVERSION_TOLERANCE", "ConversionCheck", "PLAN_METRICS", "PeriodRange", "annual_average",
    "check_conversion", "figure_in_quote", "fx_date", "mixed_currency", "normalize_facts", "period_range", "unit_family", "usd_value",
]

PLAN_METRICS = frozenset({"capex_plan"})
CONVERSION_TOLERANCE = Decimal("0.02")  # a stated conversion more than 2 % off the ECB rate is flagged
_NON_MONEY = {"%": "percent", "x": "multiple", "count": "count", "params": "params"}


@dataclass(frozen=True)
class PeriodRange:
    """The first and last day (inclusive) a period label covers."""

    label: str
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def years(self) -> int:
        """Whole years covered (at least 1): 3 for ``2025..2027``."""
        return max(1, round(self.days / 365.25))

    def overlaps(self, other: PeriodRange) -> bool:
        return self.start <= other.end and other.start <= self.end


def unit_family(unit: str) -> str:
    """Return ``money`` for a currency code, else ``percent``, ``multiple``, ``count`` or ``params``.

    >>> unit_family("CNY"), unit_family("%"), unit_family("x")
    ('money', 'percent', 'multiple')
    """
    return _NON_MONEY.get(unit, "money" if re.fullmatch(r"[A-Z]{3}", unit or "") else "other")


# -- periods ---------------------------------------------------------------------------
_PERIOD = re.compile(
    r"""^(?:
        (?P<ttm>TTM)?(?P<fy>FY)?(?P<year>\d{4})            # 2025, FY2025, TTM2025Q2
        (?:(?P<q>Q[1-4])|(?P<h>H[12])|-(?P<month>\d{2}))?  # ...Q2, ...H1, 2025-03
      | (?P<ytd>YTD)(?P<ytd_year>\d{4})(?:-(?P<ytd_md>\d{2}-\d{2}))?  # YTD2025, YTD2025-12-22
      | (?P<day>\d{4}-\d{2}-\d{2})                          # 2025-02-24
      | (?P<fy1>FY)?(?P<y1>\d{4})\.\.(?:FY)?(?P<y2>\d{4})   # 2025..2027, FY2025..FY2027
    )$""",
    re.VERBOSE,
)


def _month_start(year: int, month: int) -> dt.date:
    year += (month - 1) // 12
    return dt.date(year, (month - 1) % 12 + 1, 1)


def _month_end(year: int, month: int) -> dt.date:
    start = _month_start(year, month)
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


def _year_start(year: int, fiscal: bool, fye: int) -> dt.date:
    """First day of (fiscal) year ``year``; a fiscal year is named after the year it ends in."""
    return _month_start(year - 1, fye + 1) if fiscal and fye != 12 else dt.date(year, 1, 1)


@lru_cache(maxsize=4096)  # the same few labels come back for every fact (PeriodRange is immutable)
def period_range(label: str, *, fiscal_year_end: int = 12, as_of: dt.date | None = None) -> PeriodRange | None:
    """Return the days a period label covers, or None for ``unknown`` or a label not understood.

    Plain years, quarters and halves are calendar periods; ``FY`` labels follow the
    company's fiscal year, named after the calendar year it ends in. ``as_of`` (the
    document's date) ends ``YTD2025``.

    >>> period_range("FY2025", fiscal_year_end=3)
    PeriodRange(label='FY2025', start=datetime.date(2024, 4, 1), end=datetime.date(2025, 3, 31))
    >>> r = period_range("FY2026Q1", fiscal_year_end=6); (str(r.start), str(r.end))
    ('2025-07-01', '2025-09-30')
    >>> r = period_range("TTM2025Q2"); (str(r.start), str(r.end))
    ('2024-07-01', '2025-06-30')
    >>> r = period_range("2025..2027"); (str(r.start), str(r.end), r.years)
    ('2025-01-01', '2027-12-31', 3)
    >>> period_range("unknown") is None
    True
    """
    match = _PERIOD.match((label or "").strip())
    if match is None:
        return None
    g = match.groupdict()
    if g["day"]:
        day = dt.date.fromisoformat(g["day"])
        return PeriodRange(label, day, day)
    if g["ytd"]:
        year = int(g["ytd_year"])
        if g["ytd_md"]:
            end = dt.date.fromisoformat(f"{year}-{g['ytd_md']}")
        elif as_of is not None and as_of.year == year:
            end = as_of
        else:
            end = dt.date(year, 12, 31)
        return PeriodRange(label, dt.date(year, 1, 1), end)
    if g["y1"]:
        fiscal = bool(g["fy1"])
        start = _year_start(int(g["y1"]), fiscal, fiscal_year_end)
        last = _year_start(int(g["y2"]) + 1, fiscal, fiscal_year_end) - dt.timedelta(days=1)
        return PeriodRange(label, start, last) if start <= last else None
    year, fiscal = int(g["year"]), bool(g["fy"])
    first = _year_start(year, fiscal, fiscal_year_end)
    if g["q"]:
        offset, months = 3 * (int(g["q"][1]) - 1), 3
    elif g["h"]:
        offset, months = 6 * (int(g["h"][1]) - 1), 6
    elif g["month"]:
        if not 1 <= int(g["month"]) <= 12:
            return None
        offset, months = int(g["month"]) - 1, 1
    else:
        offset, months = 0, 12
    start = _month_start(first.year, first.month + offset)
    end = _month_end(start.year, start.month + months - 1)
    if g["ttm"]:
        start = _month_start(end.year, end.month - 11)
    return PeriodRange(label, start, end)


def annual_average(value: Decimal, period: PeriodRange | None) -> Decimal:
    """Return the yearly average of a multi-year amount (the amount itself for a year or less).

    >>> annual_average(Decimal("380e9"), period_range("2025..2027"))
    Decimal('126666666666.6666666666666667')
    """
    if period is None or period.years <= 1:
        return value
    return value / period.years


# -- FX --------------------------------------------------------------------------------
def fx_date(metric: str, period: PeriodRange | None, doc_date: dt.date | None) -> tuple[dt.date | None, str]:
    """Return the day whose rate values a money fact, and what that day is.

    A plan is valued on the day it was published (else its period's start); an
    amount spent or earned at its period's end (else the document's date).

    >>> fx_date("capex", period_range("2025Q2"), dt.date(2025, 8, 29))
    (datetime.date(2025, 6, 30), 'period_end')
    >>> fx_date("capex_plan", period_range("2026"), None)
    (datetime.date(2026, 1, 1), 'period_start')
    """
    if metric in PLAN_METRICS:
        if doc_date is not None:
            return doc_date, "document"
        if period is not None:
            return period.start, "period_start"
        return None, "none"
    if period is not None:
        if doc_date is not None and period.end > doc_date and period.start <= doc_date:
            return doc_date, "document"  # a period not over yet when written: the rate known then
        return period.end, "period_end"
    if doc_date is not None:
        return doc_date, "document"
    return None, "none"


def usd_value(value: Decimal, unit: str, date: dt.date, rates: RateSource) -> tuple[Decimal, Decimal, dt.date]:
    """Return (USD value, units of ``unit`` per USD, day of the rate) at the ECB rate of ``date``."""
    if unit == "USD":
        return value, Decimal(1), date
    usd, rate = convert_currency(value, unit, "USD", date, rates)
    return usd, rate.value, rate.date


@dataclass(frozen=True)
class ConversionCheck:
    """A source's own conversion (``380 billion yuan ($52.4 billion)``) against the ECB rate."""

    currency: str
    stated_rate: Decimal  # units of currency per USD implied by the text
    ecb_rate: Decimal
    ecb_date: dt.date
    deviation: Decimal  # stated / ECB - 1
    date_basis: str  # document | period_start | period_end
    flagged: bool

    def explain(self) -> str:
        verdict = "differs from" if self.flagged else "matches"
        return (f"stated conversion implies {self.stated_rate:.2f} {self.currency}/USD, which {verdict} the ECB "
                f"rate {self.ecb_rate:.2f} of {self.ecb_date} ({self.deviation * 100:+.1f} %, {self.date_basis} date)")


def check_conversion(value: Decimal, unit: str, also: Sequence[tuple[Decimal, str]], *, metric: str,
                     period: PeriodRange | None, doc_date: dt.date | None, rates: RateSource,
                     tolerance: Decimal = CONVERSION_TOLERANCE) -> ConversionCheck | None:
    """Check the USD/other-currency pair of a fact and its ``also`` against the ECB rate.

    The rate's day is the document's date; without one, the period's start (plans) or
    end (amounts spent). Returns None when there is no such pair or no day to check.

    >>> from capexwatch.fx import EcbRates
    >>> rates = EcbRates.from_lines(["Date,USD,CNY", "2025-02-24,1.0466,7.5878"])
    >>> c = check_conversion(Decimal("380e9"), "CNY", [(Decimal("52.4e9"), "USD")], metric="capex_plan",
    ...                      period=None, doc_date=dt.date(2025, 2, 24), rates=rates)
    >>> round(c.stated_rate, 2), c.flagged
    (Decimal('7.25'), False)
    """
    pair = None
    for alt_value, alt_unit in also:
        if unit == "USD" and alt_unit != "USD" and unit_family(alt_unit) == "money":
            pair = (alt_unit, alt_value, value)
        elif alt_unit == "USD" and unit != "USD" and unit_family(unit) == "money":
            pair = (unit, value, alt_value)
        if pair:
            break
    if pair is None or not pair[2]:
        return None
    currency, amount, usd = pair
    day: dt.date | None = doc_date
    basis = "document"
    if day is None:
        day, basis = fx_date(metric, period, None)
    if day is None:
        return None
    try:
        ecb = usd_per(rates, currency, day)
    except FxError:
        return None
    stated = amount / usd
    deviation = stated / ecb.value - 1
    return ConversionCheck(currency, stated, ecb.value, ecb.date, deviation, basis, abs(deviation) > tolerance)


# -- units -----------------------------------------------------------------------------
_MARKERS = [  # (pattern, currency); word markers need word bounds
    (re.compile(r"US\$|\$|USD|\bdollars?\b", re.I), "USD"),
    (re.compile(r"\bRMB\b|\bCNY\b|\byuan\b|元|CN¥|\brenminbi\b", re.I), "CNY"),
    (re.compile(r"€|\bEUR\b|\beuros?\b", re.I), "EUR"),
    (re.compile(r"HK\$|\bHKD\b", re.I), "HKD"),
    (re.compile(r"£|\bGBP\b", re.I), "GBP"),
    (re.compile(r"\bJPY\b|\byen\b|円", re.I), "JPY"),
]


_TWO_MARKERS = re.compile(r"[$€£¥][^()]{0,25}?\b(?:RMB|CNY|yuan|EUR|euros?|USD)\b", re.I)


def mixed_currency(figure: str) -> tuple[str, ...]:
    """Return the currencies marked in one figure's text when it names more than one.

    >>> mixed_currency("$38.6 billion RMB")
    ('USD', 'CNY')
    >>> mixed_currency("380 billion yuan"), mixed_currency("HK$5 billion")
    ((), ())

    A restatement in brackets is not a mix: it is the schema's ``also``.

    >>> mixed_currency("$53 billion (RMB 380 billion)")
    ()
    """
    text = re.sub(r"\([^)]*\)?", " ", figure or "")
    found: list[str] = []
    hk = re.search(r"HK\$|\bHKD\b", text, re.I) is not None
    for pattern, currency in _MARKERS:
        if currency == "USD" and hk:
            continue  # HK$ is Hong Kong dollars, not a second currency
        if pattern.search(text):
            found.append(currency)
    return tuple(found) if len(found) > 1 else ()


_FIGURE = re.compile(
    r"""(?:US\$|HK\$|CN¥|[$€£¥])?\s?          # a leading currency symbol
        (?P<num>\d[\d,]*(?:\.\d+)?)\s*           # the number
        (?P<scale>trillion|billion|million|bn|bln|mln|tn)?\s*  # its scale
        (?:RMB|CNY|USD|EUR|HKD|yuan|dollars?|euros?)?  # a trailing currency word
    """,
    re.VERBOSE | re.I,
)
_SCALES = {"trillion": 12, "tn": 12, "billion": 9, "bn": 9, "bln": 9, "million": 6, "mln": 6}


def figure_in_quote(quote: str, value: Decimal) -> str:
    """Return the text of the first figure in ``quote`` that reads as ``value`` (for facts without ``figure``).

    >>> figure_in_quote("an investment of $38.6 billion RMB in AI", Decimal("38.6e9"))
    '$38.6 billion RMB'
    """
    for match in _FIGURE.finditer(quote or ""):
        number = Decimal(match.group("num").replace(",", ""))
        scale = _SCALES.get((match.group("scale") or "").lower(), 0)
        if number.scaleb(scale) == value:
            return match.group(0).strip()
    return ""


# -- frames ----------------------------------------------------------------------------
def _as_date(value: Any) -> dt.date | None:
    import pandas as pd
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        day: dt.date = value.date()
        return day
    return as_date(value)


def _parse_also(text: Any) -> list[tuple[Decimal, str]]:
    import pandas as pd
    if text is None or (not isinstance(text, str | list) and pd.isna(text)):
        return []
    items = json.loads(text) if isinstance(text, str) else text
    return [(Decimal(str(a["value"])), str(a["unit"])) for a in items or []]


def normalize_facts(facts: pd.DataFrame, *, rates: RateSource,
                    fiscal_year_end: Callable[[str], int]) -> pd.DataFrame:
    """Return ``facts`` with period ranges, USD values and conversion checks added.

    Needs columns entity, metric, value, unit, period (and optionally high, also,
    doc_date, figure). Adds: family, period_start, period_end, period_years,
    fx_date, fx_basis, fx_rate (units per USD), value_usd, high_usd, annual_usd,
    stated_usd, also_rate, also_ecb_rate, also_deviation, also_flag, also_note,
    unit_note. Work is done once per distinct (label, fiscal year end, date) and
    (currency, day), so a million facts cost thousands of lookups.
    """
    import numpy as np
    import pandas as pd
    out = facts.copy()
    n = len(out)
    out["family"] = out["unit"].map(unit_family) if n else pd.Series(dtype=str)
    doc_dates = out["doc_date"] if "doc_date" in out else pd.Series([None] * n, index=out.index)
    fye = out["entity"].map(lambda name: fiscal_year_end(name) if "+" not in name else 12) if n else []
    # periods: once per distinct (label, fiscal year end, document day)
    keys = pd.DataFrame({"period": out["period"].to_numpy(), "fye": np.asarray(fye, dtype=int),
                         "doc_date": pd.to_datetime(doc_dates).to_numpy()}, index=out.index)
    uniq = keys.drop_duplicates()
    starts, ends, years = [], [], []
    for label, month, day in uniq.itertuples(index=False):
        rng = period_range(label, fiscal_year_end=int(month), as_of=_as_date(day))
        starts.append(rng.start if rng else None)
        ends.append(rng.end if rng else None)
        years.append(rng.years if rng else 1)
    uniq = uniq.assign(period_start=pd.to_datetime(starts), period_end=pd.to_datetime(ends), period_years=years)
    merged = keys.merge(uniq, on=["period", "fye", "doc_date"], how="left")
    for col in ("period_start", "period_end", "period_years"):
        out[col] = merged[col].to_numpy()
    # the day whose rate values each fact (vectorised fx_date)
    plan = out["metric"].isin(PLAN_METRICS).to_numpy()
    doc = pd.to_datetime(doc_dates).to_numpy()
    start, end = out["period_start"].to_numpy(), out["period_end"].to_numpy()
    has_doc, has_period = ~pd.isna(doc), ~pd.isna(end)
    running = has_doc & has_period & (end > doc) & (start <= doc)
    day = np.where(plan, np.where(has_doc, doc, start),
                   np.where(has_period & ~running, end, doc))
    basis = np.where(plan, np.where(has_doc, "document", np.where(has_period, "period_start", "none")),
                     np.where(has_period & ~running, "period_end", np.where(has_doc, "document", "none")))
    out["fx_date"] = pd.to_datetime(day)
    out["fx_basis"] = np.where(pd.isna(out["fx_date"]), "none", basis)
    _add_usd(out, rates)
    _add_checks(out, rates)
    return out


def _rate_lookup(pairs: pd.DataFrame, rates: RateSource) -> dict[tuple[str, Any], tuple[float, Any]]:
    import pandas as pd
    table: dict[tuple[str, Any], tuple[float, Any]] = {}
    last = getattr(rates, "last_date", None)
    for unit, day in pairs.itertuples(index=False):
        when = _as_date(day) or last
        if when is None:
            continue
        try:
            rate = usd_per(rates, unit, when)
        except FxError:
            continue
        table[(unit, day)] = (float(rate.value), pd.Timestamp(rate.date))
    return table


def _add_usd(out: pd.DataFrame, rates: RateSource) -> None:
    import numpy as np
    import pandas as pd
    money = (out["family"] == "money").to_numpy() if len(out) else np.zeros(0, bool)
    pairs = out.loc[money, ["unit", "fx_date"]].drop_duplicates()
    table = _rate_lookup(pairs, rates)
    idx = pd.MultiIndex.from_frame(out[["unit", "fx_date"]]) if len(out) else None
    rate = np.full(len(out), np.nan)
    rdate = np.full(len(out), np.datetime64("NaT"), dtype="datetime64[ns]")
    if table and idx is not None:
        ser = pd.Series(table)
        found = ser.reindex(idx)
        ok = found.notna().to_numpy() & money
        rate[ok] = [v[0] for v in found.to_numpy()[ok]]
        rdate[ok] = [v[1].to_datetime64() for v in found.to_numpy()[ok]]
    out["fx_rate"] = rate
    out["fx_rate_date"] = pd.to_datetime(rdate)
    usd = (out["unit"] == "USD").to_numpy() if len(out) else np.zeros(0, bool)
    out.loc[usd, "fx_rate_date"] = out.loc[usd, "fx_date"]  # no conversion: the day is the valuation day
    value = out["value"].astype(float).to_numpy()
    high = out["high"].astype(float).to_numpy() if "high" in out else np.full(len(out), np.nan)
    out["value_usd"] = np.where(money, value / rate, np.nan)
    out["high_usd"] = np.where(money, high / rate, np.nan)
    out["annual_usd"] = out["value_usd"] / out["period_years"].astype(float)


def _add_checks(out: pd.DataFrame, rates: RateSource) -> None:
    """Per fact with a two-currency ``also``: stated USD, implied rate, ECB rate and the 2 % flag."""
    import numpy as np
    import pandas as pd
    n = len(out)
    cols = {k: np.full(n, np.nan) for k in ("stated_usd", "also_rate", "also_ecb_rate", "also_deviation")}
    flag = np.zeros(n, bool)
    note = np.full(n, None, dtype=object)
    if "also" in out and n:
        has = out["also"].astype(str).str.len().to_numpy() > 2
        for i in np.flatnonzero(has):
            row = out.iloc[i]
            also = _parse_also(row["also"])
            usd = [v for v, u in also if u == "USD"]
            if usd or row["unit"] == "USD":
                cols["stated_usd"][i] = float(usd[0]) if usd else float(row["value"])
            period = None
            if not pd.isna(row["period_start"]):
                period = PeriodRange(row["period"], _as_date(row["period_start"]), _as_date(row["period_end"]))  # type: ignore[arg-type]
            check = check_conversion(Decimal(str(row["value"])), row["unit"], also, metric=row["metric"],
                                     period=period, doc_date=_as_date(row.get("doc_date")), rates=rates)
            if check is None:
                continue
            cols["also_rate"][i] = float(check.stated_rate)
            cols["also_ecb_rate"][i] = float(check.ecb_rate)
            cols["also_deviation"][i] = float(check.deviation)
            flag[i] = check.flagged
            note[i] = check.explain()
    for key, values in cols.items():
        out[key] = values
    out["also_flag"] = flag
    out["also_note"] = note
    figure = (out["figure"] if "figure" in out else pd.Series([""] * n, index=out.index)).fillna("").astype(str)
    quote = (out["quote"] if "quote" in out else pd.Series([""] * n, index=out.index)).fillna("").astype(str)
    unit_note = np.full(n, None, dtype=object)
    money = (out["family"] == "money").to_numpy() if n else np.zeros(0, bool)
    # Only texts with two currency markers can hold a mixed figure: a cheap vectorised pre-filter.
    suspect = money & (figure.str.contains(_TWO_MARKERS) | (figure.eq("") & quote.str.contains(_TWO_MARKERS))).to_numpy()
    for i in np.flatnonzero(suspect):
        text = figure.iloc[i] or figure_in_quote(quote.iloc[i], Decimal(str(out["value"].iloc[i])))
        mixed = mixed_currency(text)
        if mixed:
            unit_note[i] = (f"figure {text!r} carries both {' and '.join(mixed)} markers; "
                            f"read as {out['unit'].iloc[i]}")
    out["unit_note"] = unit_note
