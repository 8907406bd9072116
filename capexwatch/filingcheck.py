"""Check news figures against filings: pair facts on (entity, metric, period), flag differences.

A filing (a fact whose ``extra["provenance"]`` names an SEC accession number, as
:mod:`capexwatch.filings` writes them) is the highest-trust source: a news figure more than
``tolerance`` percent away from the filed one for the same company, metric and period is
reported with both values and the difference. Reading and storing filings lives in
:mod:`capexwatch.filings`; this module is pure (layer 2): facts in, checks out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .models import Fact

__all__ = ["FilingCheck", "check_against_filings", "filing_conflicts", "filing_periods", "is_filing_fact"]

TOLERANCE = Decimal("2")  # percent
_SLACK = 7  # days a 52/53-week quarter may sit off the calendar quarter


def is_filing_fact(fact: Fact) -> bool:
    """Return True when the fact was read from a filing (its provenance names an accession).

    >>> is_filing_fact(Fact("d", "Alphabet", "capex", Decimal(1), "USD"))
    False
    >>> is_filing_fact(Fact("d", "Alphabet", "capex", Decimal(1), "USD", extra={"provenance": {"accn": "0001"}}))
    True
    """
    provenance = fact.extra.get("provenance")
    return isinstance(provenance, dict) and bool(provenance.get("accn"))


def filing_periods(fact: Fact) -> set[str]:
    """Return the period labels a filing fact answers to: its own, and calendar equivalents.

    A fiscal quarter that is also a calendar quarter (Microsoft's FY2026Q3 is 2026Q1) matches
    both labels; a calendar-year company's ``2025`` also matches ``FY2025``.

    >>> f = Fact("d", "Microsoft", "capex", Decimal(1), "USD", period="FY2026Q3",
    ...          extra={"provenance": {"start": "2026-01-01", "end": "2026-03-31"}})
    >>> sorted(filing_periods(f))
    ['2026Q1', 'FY2026Q3']
    >>> f = Fact("d", "Alphabet", "capex", Decimal(1), "USD", period="2025",
    ...          extra={"provenance": {"start": "2025-01-01", "end": "2025-12-31"}})
    >>> sorted(filing_periods(f))
    ['2025', 'FY2025']
    >>> f = Fact("d", "Nvidia", "capex", Decimal(1), "USD", period="FY2026Q1",
    ...          extra={"provenance": {"start": "2025-01-27", "end": "2025-04-27"}})
    >>> sorted(filing_periods(f))
    ['FY2026Q1']
    """
    labels = {fact.period}
    provenance = fact.extra.get("provenance") or {}
    try:
        start = dt.date.fromisoformat(str(provenance["start"]))
        end = dt.date.fromisoformat(str(provenance["end"]))
    except (KeyError, ValueError):
        return labels
    days = (end - start).days + 1
    # "FY2025" means the calendar year only for a company whose fiscal year is the calendar year.
    calendar_company = not fact.period.startswith("FY")
    for first in (dt.date(y, m, 1) for y in (start.year, start.year + 1) for m in (1, 4, 7, 10)):
        if abs((start - first).days) > _SLACK:
            continue
        if 80 <= days <= 105 and abs((end - _quarter_end(first)).days) <= _SLACK:
            label = f"{first.year}Q{(first.month + 2) // 3}"
            labels |= {label, f"FY{label}"} if calendar_company else {label}
        if first.month == 1 and 350 <= days <= 380 and abs((end - dt.date(first.year, 12, 31)).days) <= _SLACK:
            label = f"{first.year}"
            labels |= {label, f"FY{label}"} if calendar_company else {label}
    return labels


def _quarter_end(first: dt.date) -> dt.date:
    month = first.month + 2
    following = dt.date(first.year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


@dataclass(frozen=True)
class FilingCheck:
    """A news fact paired with the filing fact for the same entity, metric and period."""

    news: Fact
    filing: Fact
    unit: str
    news_value: Decimal
    filing_value: Decimal
    difference: Decimal  # percent: (news - filing) / |filing| * 100; 0 when a news range holds the filing
    tolerance: Decimal = TOLERANCE

    @property
    def agrees(self) -> bool:
        return abs(self.difference) <= self.tolerance

    @property
    def explanation(self) -> str:
        """A sentence saying what the filing and the news say, and how far apart they are."""
        provenance = self.filing.extra.get("provenance") or {}
        source = f"{provenance.get('form', 'filing')} filed {provenance.get('filed', '?')}"
        if provenance.get("accn"):
            source += f" (accession {provenance['accn']})"
        news = f"{self.news_value:,}"
        if self.news.high is not None:
            news += f" to {self.news.high:,}"
        head = (f"{self.filing.entity} {self.filing.metric} {self.news.period}: the {source} says "
                f"{self.filing_value:,} {self.unit}; the news ({self.news.doc}) says {news} {self.unit}")
        if self.agrees:
            return f"{head}: they agree within {self.tolerance}%."
        direction = "higher" if self.difference > 0 else "lower"
        return f"{head}: the news is {abs(self.difference)}% {direction} than the filing."

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready record of the check."""
        return {
            "entity": self.filing.entity, "metric": self.filing.metric, "period": self.news.period,
            "unit": self.unit, "filing_value": str(self.filing_value), "news_value": str(self.news_value),
            "difference_pct": str(self.difference), "agrees": self.agrees, "news_doc": self.news.doc,
            "filing_doc": self.filing.doc, "news_quote": self.news.quote, "filing_quote": self.filing.quote,
            "explanation": self.explanation,
        }


def check_against_filings(news_facts: Iterable[Fact], filing_facts: Iterable[Fact], *,
                          tolerance: Decimal = TOLERANCE) -> list[FilingCheck]:
    """Return a check for every news fact that a filing fact covers (agreeing or not).

    Facts pair on entity (case-insensitive), metric and period (see :func:`filing_periods`),
    and on a common unit (either fact's ``also`` counts). News facts with a segment or a
    basis are about something else than the filed total and are left out.
    """
    index: dict[tuple[str, str, str], list[Fact]] = defaultdict(list)
    for fact in filing_facts:
        for label in filing_periods(fact):
            index[(fact.entity.casefold(), fact.metric, label)].append(fact)
    checks = []
    for news in news_facts:
        if news.segment or news.basis or is_filing_fact(news):
            continue
        for filing in index.get((news.entity.casefold(), news.metric, news.period), []):
            check = _compare(news, filing, tolerance)
            if check is not None:
                checks.append(check)
                break
    return checks


def filing_conflicts(news_facts: Iterable[Fact], filing_facts: Iterable[Fact], *,
                     tolerance: Decimal = TOLERANCE) -> list[FilingCheck]:
    """Return the checks where the news figure differs from the filing by more than ``tolerance`` %."""
    return [c for c in check_against_filings(news_facts, filing_facts, tolerance=tolerance) if not c.agrees]


def _compare(news: Fact, filing: Fact, tolerance: Decimal) -> FilingCheck | None:
    filed = {filing.unit: filing.value} | {a.unit: a.value for a in filing.also}
    reported = [(news.value, news.high, news.unit)]
    reported += [(a.value, None, a.unit) for a in news.also]
    for low, high, unit in reported:
        if unit not in filed or filed[unit] == 0:
            continue
        target = filed[unit]
        if high is not None and min(low, high) <= target <= max(low, high):
            nearest = target
        elif high is not None:
            nearest = min((low, high), key=lambda v: abs(v - target))
        else:
            nearest = low
        difference = ((nearest - target) / abs(target) * 100).quantize(Decimal("0.1"))
        return FilingCheck(news, filing, unit, low, target, difference, tolerance)
    return None
