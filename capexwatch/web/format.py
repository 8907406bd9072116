"""Presentation helpers of the web front end: numbers, money, links, JSON.

Pure functions used as Jinja filters and by the JSON twins; nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

__all__ = ["compact_money", "jsonable", "metric_label", "number", "safe_url", "value_text"]

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥", "KRW": "₩", "HKD": "HK$", "TWD": "NT$"}
METRIC_LABELS = {
    "capex": "Capex",
    "capex_plan": "Capex plan",
    "capex_change": "Capex change",
    "capex_to_revenue": "Capex / revenue",
    "revenue": "Revenue",
    "revenue_change": "Revenue change",
    "net_income": "Net income",
    "net_income_change": "Net income change",
    "free_cash_flow": "Free cash flow",
    "free_cash_flow_change": "FCF change",
    "eps_change": "EPS change",
    "market_share": "Market share",
    "stock_change": "Share price move",
    "share_buyback": "Buyback",
    "shares_outstanding_change": "Shares outstanding change",
    "pe_ratio": "P/E",
    "total_assets": "Total assets",
    "net_debt_to_equity": "Net debt / equity",
    "price_cut": "Price cut",
    "model_count": "Models",
    "model_params": "Model parameters",
}


def jsonable(value: Any) -> Any:
    """Return ``value`` with Decimals as numbers (int when whole), dates as ISO strings.

    >>> jsonable({"v": Decimal("160000000000.000000"), "r": Decimal("7.6"), "d": dt.date(2025, 2, 24)})
    {'v': 160000000000, 'r': 7.6, 'd': '2025-02-24'}
    """
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def compact_money(value: Any, unit: str = "USD") -> str:
    """Return money in a short form: ``$22.7 bn``, ``CN¥380 bn``, ``₩1.2 tn``.

    >>> compact_money(Decimal("22700000000"), "USD"), compact_money(380e9, "CNY"), compact_money(None)
    ('$22.7 bn', 'CN¥380 bn', '–')
    >>> compact_money(Decimal("1250000"), "XYZ")
    'XYZ 1.25 m'
    """
    if value is None:
        return "–"
    amount = Decimal(str(value))
    for scale, suffix in ((Decimal(10) ** 12, "tn"), (Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m")):
        if abs(amount) >= scale:
            text = f"{_short(amount / scale)} {suffix}"
            break
    else:
        text = _short(amount)
    symbol = SYMBOLS.get(unit)
    return f"{symbol}{text}" if symbol else f"{unit} {text}"


def _short(amount: Decimal) -> str:
    """Three significant digits or so, without trailing zeros."""
    digits = 0 if abs(amount) >= 100 else 1 if abs(amount) >= 10 else 2
    text = f"{amount:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def number(value: Any) -> str:
    """Return a number with thousands separators and no needless decimals.

    >>> number(Decimal("7.600000")), number(1234567), number(None)
    ('7.6', '1,234,567', '–')
    """
    if value is None:
        return "–"
    amount = Decimal(str(value)).normalize()
    if amount == amount.to_integral_value():
        return f"{amount:,.0f}"
    return f"{amount:,f}"


def value_text(value: Any, unit: str, high: Any = None) -> str:
    """Return a fact's value as read: money compact, ``%`` and ``x`` after the number; ranges joined.

    >>> value_text(Decimal(64e9), "USD", Decimal(72e9)), value_text(Decimal("-76"), "%"), value_text(4.5, "x")
    ('$64 bn – $72 bn', '-76 %', '4.5x')
    """
    if unit == "%":
        text, high_text = f"{number(value)} %", (f"{number(high)} %" if high is not None else None)
    elif unit == "x":
        text, high_text = f"{number(value)}x", (f"{number(high)}x" if high is not None else None)
    elif unit in ("count", "params"):
        text, high_text = number(value), (number(high) if high is not None else None)
    else:
        text, high_text = compact_money(value, unit), (compact_money(high, unit) if high is not None else None)
    return f"{text} – {high_text}" if high_text else text


def metric_label(metric: str) -> str:
    """Return the display name of a metric.

    >>> metric_label("capex_plan"), metric_label("something_new")
    ('Capex plan', 'Something new')
    """
    return METRIC_LABELS.get(metric, metric.replace("_", " ").capitalize())


def safe_url(url: Any) -> str | None:
    """Return ``url`` when it is an http(s) URL, else None (``javascript:``, ``data:``... are dropped).

    >>> safe_url("https://example.com/a?b=1"), safe_url("javascript:alert(1)"), safe_url(" JaVaScRiPt:x")
    ('https://example.com/a?b=1', None, None)
    """
    if not isinstance(url, str):
        return None
    text: str = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return text
    return None


def billions(value: Any) -> float | None:
    """Return a USD amount in billions for charts.

    >>> billions(Decimal("22700000000")), billions(None)
    (22.7, None)
    """
    if value is None:
        return None
    return round(float(value) / 1e9, 3)
