"""Filings: official capex, revenue and net income from the SEC's XBRL company facts.

The SEC's company facts API (``data.sec.gov/api/xbrl/companyfacts/CIK##########.json``)
carries every XBRL fact a company has filed. This module

- fetches those files (:class:`SecClient`: a User-Agent with the user's contact, at most
  10 requests per second, an on-disk cache revalidated with ETag/Last-Modified and
  written atomically) or reads saved ones (:func:`read_company_facts`);
- turns them into :class:`~capexwatch.models.Fact` objects (:func:`filing_facts`):
  quarters derived from year-to-date cash-flow values, Q4 from the annual figure minus
  nine months, periods labelled from each fact's ``start``/``end`` (never from the
  filing's ``fy``/``fp``), fiscal calendars such as NVIDIA's, and 20-F figures given in
  two currencies kept as one fact with the second in ``also``;
- stores each company as one document of kind ``'filing'`` (:func:`store_company_facts`).

Comparing news with filings is pure logic and lives in :mod:`capexwatch.filingcheck`.
Layer 3 (I/O): imports models, errors and entities only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from .entities import default_registry
from .errors import ConfigError, FilingsError, OfflineError, RefusedError
from .models import Alt, Article, Fact

if TYPE_CHECKING:
    from .store import Store

__all__ = [
    "CONCEPTS",
    "DEFAULT_BASE_URL",
    "STEP",
    "FilingsReport",
    "LoadResult",
    "RateLimiter",
    "SecClient",
    "company_document",
    "default_cache_dir",
    "derive_periods",
    "fetch_filings",
    "filing_facts",
    "load_filings",
    "period_label",
    "read_company_facts",
    "resolve_cik",
    "resolve_user_agent",
    "sec_tickers",
    "store_company_facts",
]

STEP = "capexwatch.sec_companyfacts.v1"
DEFAULT_BASE_URL = "https://data.sec.gov"
USER_AGENT_ENV = "CAPEXWATCH_SEC_USER_AGENT"
CACHE_DIR_ENV = "CAPEXWATCH_CACHE_DIR"
BASE_URL_ENV = "CAPEXWATCH_SEC_BASE_URL"
MAX_RATE = 10.0  # requests per second: https://www.sec.gov/os/accessing-edgar-data

# XBRL concepts per metric, in order of preference when one filing gives several for a period.
CONCEPTS: dict[str, tuple[tuple[str, str], ...]] = {
    "capex": (
        ("us-gaap", "PaymentsToAcquirePropertyPlantAndEquipment"),
        ("us-gaap", "PaymentsToAcquireProductiveAssets"),  # NVIDIA since 2020, Amazon
        ("ifrs-full", "PurchaseOfPropertyPlantAndEquipmentClassifiedAsInvestingActivities"),
    ),
    "revenue": (
        ("us-gaap", "Revenues"),
        ("us-gaap", "RevenueFromContractWithCustomerExcludingAssessedTax"),
        ("us-gaap", "SalesRevenueNet"),
        ("ifrs-full", "Revenue"),
    ),
    "net_income": (
        ("us-gaap", "NetIncomeLoss"),
        ("ifrs-full", "ProfitLossAttributableToOwnersOfParent"),
    ),
}

# Durations in days (end - start + 1): a quarter runs 13 or 14 weeks, a year 52 or 53.
QUARTER_DAYS = range(80, 106)
YEAR_DAYS = range(350, 381)
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_CIK = re.compile(r"^(?:CIK)?0*(\d{1,10})$", re.IGNORECASE)


# -- ticker table ------------------------------------------------------------------------

@lru_cache(maxsize=1)
def sec_tickers() -> tuple[dict[str, Any], ...]:
    """Return the packaged ticker-to-CIK table (``capexwatch/data/sec_tickers.json``)."""
    text = resources.files("capexwatch").joinpath("data/sec_tickers.json").read_text(encoding="utf-8")
    return tuple(json.loads(text)["companies"])


def resolve_cik(company: str | int) -> int:
    """Return the CIK for a ticker, a company name, ``CIK0001652044`` or a bare number."""
    text = str(company).strip()
    match = _CIK.match(text)
    if match:
        return int(match.group(1))
    for entry in sec_tickers():
        names = [entry["name"], *entry["tickers"]]
        if any(text.casefold() == n.casefold() for n in names):
            return int(entry["cik"])
    raise FilingsError(
        f"unknown ticker {text!r}: give its CIK number instead "
        f"(look it up at https://www.sec.gov/cgi-bin/browse-edgar?company={text}&action=getcompany)"
    )


def _entity_name(cik: int, fallback: str) -> str:
    for entry in sec_tickers():
        if int(entry["cik"]) == cik:
            return str(entry["name"])
    return fallback


def _company_name(data: Mapping[str, Any], facts: Sequence[Fact] = ()) -> str:
    if facts:
        return facts[0].entity
    cik = int(data["cik"])
    return _entity_name(cik, str(data.get("entityName") or f"CIK {cik}"))


# -- reading company facts ---------------------------------------------------------------

def read_company_facts(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Return the company-facts JSON saved at ``path``."""
    try:
        with open(path, "rb") as handle:
            data = json.load(handle)
    except OSError as error:
        raise FilingsError(f"{path}: cannot read: {error.strerror or error}") from error
    except ValueError as error:
        raise FilingsError(f"{path}: not a JSON file ({error}); save the response of "
                           "data.sec.gov/api/xbrl/companyfacts/CIK##########.json") from error
    if not isinstance(data, dict) or "facts" not in data or "cik" not in data:
        raise FilingsError(f"{path}: not an SEC company-facts file (no 'cik' and 'facts')")
    return data


@dataclass(frozen=True)
class Reported:
    """One XBRL value as filed: concept, unit, the period it covers and the filing."""

    concept: str
    unit: str
    start: dt.date
    end: dt.date
    value: Decimal
    form: str
    accn: str
    filed: dt.date
    fy: int | None = None
    fp: str | None = None
    also: tuple[Alt, ...] = ()

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def provenance(self) -> dict[str, Any]:
        return {"form": self.form, "accn": self.accn, "filed": self.filed.isoformat(),
                "concept": self.concept, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "fy": self.fy, "fp": self.fp}

    def describe(self) -> str:
        return (f"{self.form} filed {self.filed} (accession {self.accn}): {self.concept} "
                f"{self.start}..{self.end} = {self.value:,} {self.unit}")


@dataclass(frozen=True)
class Period:
    """A quarter or year's figure: reported directly, or ``source`` minus ``minus``."""

    start: dt.date
    end: dt.date
    value: Decimal
    unit: str
    source: Reported
    minus: Reported | None = None
    also: tuple[Alt, ...] = ()
    instead_of: Reported | None = None  # the quarter as reported alone, when it differs

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _reported(data: Mapping[str, Any], taxonomy: str, concept: str) -> dict[tuple[dt.date, dt.date], Reported]:
    """Values of one concept by (start, end): the latest filed, other currencies in ``also``."""
    units = (data.get("facts", {}).get(taxonomy, {}).get(concept) or {}).get("units") or {}
    by_unit: dict[str, dict[tuple[dt.date, dt.date], Reported]] = {}
    for unit, entries in units.items():
        if not _CURRENCY.match(unit):
            continue
        latest: dict[tuple[dt.date, dt.date], Reported] = {}
        for entry in entries:
            if not entry.get("start") or not entry.get("end") or entry.get("val") is None:
                continue
            item = Reported(
                concept=concept, unit=unit, start=dt.date.fromisoformat(entry["start"]),
                end=dt.date.fromisoformat(entry["end"]), value=Decimal(str(entry["val"])),
                form=str(entry.get("form") or ""), accn=str(entry.get("accn") or ""),
                filed=dt.date.fromisoformat(entry["filed"]), fy=entry.get("fy"), fp=entry.get("fp"),
            )
            key = (item.start, item.end)
            # The same period is reported again in later filings (as comparatives): keep the latest.
            if key not in latest or (item.filed, item.accn) >= (latest[key].filed, latest[key].accn):
                latest[key] = item
        if latest:
            by_unit[unit] = latest
    return _merge_currencies(by_unit)


def _merge_currencies(by_unit: dict[str, dict[tuple[dt.date, dt.date], Reported]]
                      ) -> dict[tuple[dt.date, dt.date], Reported]:
    # 20-F filers give many figures twice, in their reporting currency and translated into
    # USD: one figure, in the currency most of the concept's values use, the other in `also`.
    order = sorted(by_unit, key=lambda u: (-len(by_unit[u]), u == "USD", u))
    merged: dict[tuple[dt.date, dt.date], Reported] = {}
    for key in {k for values in by_unit.values() for k in values}:
        present = [by_unit[u][key] for u in order if key in by_unit[u]]
        first, rest = present[0], present[1:]
        merged[key] = _with_also(first, tuple(Alt(r.value, r.unit) for r in rest))
    return merged


def _with_also(item: Reported, also: tuple[Alt, ...]) -> Reported:
    return Reported(item.concept, item.unit, item.start, item.end, item.value, item.form, item.accn,
                    item.filed, item.fy, item.fp, also)


def _choose_concepts(per_concept: Sequence[dict[tuple[dt.date, dt.date], Reported]]
                     ) -> dict[tuple[dt.date, dt.date], Reported]:
    """For each period, the concept of the latest filing that reported it (ties: CONCEPTS order)."""
    chosen: dict[tuple[dt.date, dt.date], tuple[tuple[dt.date, int], Reported]] = {}
    for rank, values in enumerate(per_concept):
        for key, item in values.items():
            score = (item.filed, -rank)
            if key not in chosen or score > chosen[key][0]:
                chosen[key] = (score, item)
    return {key: item for key, (_score, item) in chosen.items()}


def derive_periods(values: Iterable[Reported]) -> list[Period]:
    """Return quarters and years: as reported, or as the difference of two year-to-date values.

    A 10-Q's cash-flow values run from the start of the fiscal year, so Q2 = H1 - Q1,
    Q3 = 9M - H1 and Q4 = year - 9M. Where a quarter is also reported on its own with
    another value (a later filing restated the year-to-date figures), the difference of
    year-to-date values wins, so that the quarters add up to the year.
    """
    items = sorted(values, key=lambda r: (r.start, r.end))
    out: dict[tuple[str, dt.date], Period] = {}
    for item in items:
        if item.days in QUARTER_DAYS:
            out[("Q", item.end)] = Period(item.start, item.end, item.value, item.unit, item, also=item.also)
        elif item.days in YEAR_DAYS:
            out[("Y", item.end)] = Period(item.start, item.end, item.value, item.unit, item, also=item.also)
    by_start: dict[dt.date, list[Reported]] = defaultdict(list)
    for item in items:
        by_start[item.start].append(item)
    for group in by_start.values():
        for later in group:
            earlier = [e for e in group if e.end < later.end and e.unit == later.unit
                       and e.days >= QUARTER_DAYS.start and (later.end - e.end).days in QUARTER_DAYS]
            if not earlier:
                continue
            before = max(earlier, key=lambda e: e.end)
            derived = Period(before.end + dt.timedelta(days=1), later.end, later.value - before.value,
                             later.unit, later, before, _subtract_also(later.also, before.also))
            direct = out.get(("Q", later.end))
            if direct is None:
                out[("Q", later.end)] = derived
            elif direct.value != derived.value and direct.start == derived.start:
                out[("Q", later.end)] = replace(derived, instead_of=direct.source)
    return sorted(out.values(), key=lambda p: (p.end, p.days))


def _subtract_also(later: tuple[Alt, ...], before: tuple[Alt, ...]) -> tuple[Alt, ...]:
    earlier = {a.unit: a.value for a in before}
    return tuple(Alt(a.value - earlier[a.unit], a.unit) for a in later if a.unit in earlier)


def _closing_month(day: dt.date) -> tuple[int, int]:
    # 52/53-week years end on a weekday near the month's end, sometimes a few days into the next.
    if day.day <= 7:
        day = day.replace(day=1) - dt.timedelta(days=1)
    return day.year, day.month


def period_label(start: dt.date, end: dt.date, fiscal_year_end: int = 12) -> str | None:
    """Return the FACT_SCHEMA period of a quarter or year, from its dates and the fiscal year end.

    Calendar-year companies get calendar labels; others get their fiscal labels, the fiscal
    year named after the calendar year it ends in. Other durations give None.

    >>> period_label(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    '2026Q1'
    >>> period_label(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    '2025'
    >>> period_label(dt.date(2025, 4, 28), dt.date(2025, 7, 27), fiscal_year_end=1)
    'FY2026Q2'
    >>> period_label(dt.date(2025, 1, 27), dt.date(2026, 1, 25), fiscal_year_end=1)
    'FY2026'
    >>> period_label(dt.date(2026, 1, 1), dt.date(2026, 3, 31), fiscal_year_end=6)
    'FY2026Q3'
    >>> period_label(dt.date(2025, 1, 1), dt.date(2025, 6, 30)) is None
    True
    """
    days = (end - start).days + 1
    year, month = _closing_month(end)
    fiscal_year = year if month <= fiscal_year_end else year + 1
    prefix = "" if fiscal_year_end == 12 else "FY"
    if days in YEAR_DAYS:
        return f"{prefix}{fiscal_year}"
    if days in QUARTER_DAYS:
        quarter = (((month - fiscal_year_end) % 12 or 12) + 2) // 3
        return f"{prefix}{fiscal_year}Q{quarter}"
    return None


def _fiscal_year_end(values: Iterable[Reported], default: int) -> int:
    """The month the company's latest annual period ends in."""
    years = [v for v in values if v.days in YEAR_DAYS]
    if not years:
        return default
    return _closing_month(max(years, key=lambda v: v.end).end)[1]


def filing_facts(data: Mapping[str, Any], *, entity: str | None = None,
                 metrics: Sequence[str] = tuple(CONCEPTS)) -> list[Fact]:
    """Return the capex, revenue and net income facts (quarters and years) of a company-facts file."""
    cik = int(data["cik"])
    entity = entity or _company_name(data)
    doc = f"sec:CIK{cik:010d}"
    chosen = {metric: _choose_concepts([_reported(data, tax, name) for tax, name in CONCEPTS[metric]])
              for metric in metrics}
    registered = default_registry().get(entity)
    fye = _fiscal_year_end((v for values in chosen.values() for v in values.values()),
                           registered.fiscal_year_end if registered else 12)
    facts: list[Fact] = []
    for metric, values in chosen.items():
        by_label: dict[str, Period] = {}
        for period in derive_periods(values.values()):
            label = period_label(period.start, period.end, fye)
            # One label, two date ranges (a filing's typo, a day's shift): the latest filing wins.
            if label is not None and (label not in by_label or period.source.filed >= by_label[label].source.filed):
                by_label[label] = period
        facts.extend(_fact(doc, entity, metric, label, period, fye) for label, period in by_label.items())
    return facts


def _fact(doc: str, entity: str, metric: str, label: str, period: Period, fye: int) -> Fact:
    source, minus = period.source, period.minus
    provenance = source.provenance()
    provenance.update(start=period.start.isoformat(), end=period.end.isoformat(), fiscal_year_end=fye)
    quote = source.describe()
    if minus is not None:
        provenance["derived"] = {"from": source.provenance() | {"value": str(source.value)},
                                 "minus": minus.provenance() | {"value": str(minus.value)}}
        if minus.concept != source.concept:
            provenance["concept"] = f"{source.concept} - {minus.concept}"
        quote += (f", minus {minus.describe()}, gives {period.start}..{period.end} = "
                  f"{period.value:,} {period.unit}")
    if period.instead_of is not None:
        provenance["instead_of"] = period.instead_of.provenance() | {"value": str(period.instead_of.value)}
    return Fact(doc=doc, entity=entity, metric=metric, value=period.value, unit=period.unit,
                period=label, quote=quote, also=period.also, figure=f"{period.value:,}", step=STEP,
                extra={"provenance": provenance})


# -- storing ------------------------------------------------------------------------------

@dataclass(frozen=True)
class LoadResult:
    """One company's facts read from a company-facts file, and what storing them did."""

    entity: str
    cik: int
    doc: str
    facts: tuple[Fact, ...]
    added: bool
    source: str
    status: str = "loaded"  # loaded | downloaded | revalidated | cached


@dataclass
class FilingsReport:
    """The companies loaded or fetched, and the problems with the others."""

    loaded: list[LoadResult] = field(default_factory=list)
    problems: list[tuple[str, FilingsError]] = field(default_factory=list)


def company_document(data: Mapping[str, Any], facts: Sequence[Fact], *, source: str | None = None) -> Article:
    """Return the document that stands for one company's filings: a deterministic summary."""
    cik = int(data["cik"])
    entity = _company_name(data, facts)
    filed = sorted(f.extra["provenance"]["filed"] for f in facts)
    lines = [f"{entity}: SEC XBRL company facts of CIK {cik:010d} ({data.get('entityName', '')})."]
    if filed:
        fye = facts[0].extra["provenance"]["fiscal_year_end"]
        lines.append(f"Filings from {filed[0]} to {filed[-1]}; fiscal year ending in month {fye}.")
    for metric in CONCEPTS:
        series = [f for f in facts if f.metric == metric]
        if not series:
            continue
        last = max(series, key=lambda f: (f.extra["provenance"]["end"], -len(f.period)))
        prov = last.extra["provenance"]
        lines.append(f"{metric}: {len(series)} periods; latest {last.period} = {last.value:,} {last.unit} "
                     f"({prov['form']} filed {prov['filed']}, {prov['concept']}).")
    digest = hashlib.sha256("\n".join(
        f"{f.metric}|{f.period}|{f.value}|{f.unit}|{f.extra['provenance']['accn']}" for f in facts
    ).encode()).hexdigest()
    lines.append(f"Facts digest: {digest}.")
    return Article(id=f"sec:CIK{cik:010d}", text="\n".join(lines), title=f"{entity}: SEC filings",
                   date=dt.date.fromisoformat(filed[-1]) if filed else None,
                   url=f"{DEFAULT_BASE_URL}/api/xbrl/companyfacts/CIK{cik:010d}.json",
                   publisher="SEC EDGAR", source=source)


def store_company_facts(store: Store, data: Mapping[str, Any], *, source: str = "",
                        status: str = "loaded") -> LoadResult:
    """Store one company's filing facts as a document of kind 'filing'; return what was done.

    The same file stored twice is skipped (same summary, same content hash); a newer
    file for the same company replaces the older document and its facts.
    """
    facts = filing_facts(data)
    article = company_document(data, facts, source=source or None)
    docs, _count = store.add([(article, facts)], kind="filing")
    if docs:
        _drop_older(store, article)
    return LoadResult(entity=_company_name(data, facts), cik=int(data["cik"]),
                      doc=article.id, facts=tuple(facts), added=bool(docs), source=source, status=status)


def _drop_older(store: Store, article: Article) -> None:
    conn = store.conn
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute("DELETE FROM facts WHERE document_id IN (SELECT id FROM documents"
                     " WHERE doc = ? AND kind = 'filing' AND hash <> ?)", [article.id, article.hash])
        conn.execute("DELETE FROM documents WHERE doc = ? AND kind = 'filing' AND hash <> ?",
                     [article.id, article.hash])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def load_filings(store: Store, paths: Iterable[str | os.PathLike[str]]) -> FilingsReport:
    """Read saved company-facts files (no network) and store their facts."""
    report = FilingsReport()
    for path in paths:
        try:
            data = read_company_facts(path)
            report.loaded.append(store_company_facts(store, data, source=str(path)))
        except FilingsError as error:
            report.problems.append((str(path), error))
    return report


def fetch_filings(store: Store, companies: Iterable[str | int], *, client: SecClient) -> FilingsReport:
    """Download (or revalidate) company facts for tickers or CIKs and store their facts."""
    report = FilingsReport()
    for company in companies:
        try:
            fetched = client.company_facts(company)
            report.loaded.append(store_company_facts(store, fetched.data, source=fetched.url,
                                                     status=fetched.status))
        except FilingsError as error:
            report.problems.append((str(company), error))
    return report


# -- fetching -----------------------------------------------------------------------------

def resolve_user_agent(explicit: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """Return the User-Agent to send: ``explicit``, else ``$CAPEXWATCH_SEC_USER_AGENT``."""
    value = (explicit or (os.environ if env is None else env).get(USER_AGENT_ENV) or "").strip()
    how = (f"The SEC answers only requests whose User-Agent names you and gives a contact email: "
           f"set {USER_AGENT_ENV}='Jane Doe jane@example.com' or pass --user-agent 'Jane Doe jane@example.com'.")
    if not value:
        raise ConfigError(f"no User-Agent for the SEC. {how}")
    if "@" not in value:
        raise ConfigError(f"the User-Agent {value!r} has no contact email. {how}")
    return value


def default_cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """Return the cache directory: ``$CAPEXWATCH_CACHE_DIR/sec`` or ``~/.cache/capexwatch/sec``."""
    env = os.environ if env is None else env
    root = env.get(CACHE_DIR_ENV)
    if root:
        return Path(root).expanduser() / "sec"
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "capexwatch" / "sec"


class RateLimiter:
    """At most ``rate`` calls of :meth:`wait` per second, spaced evenly, across threads."""

    def __init__(self, rate: float = MAX_RATE, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.interval = 1.0 / rate
        self._clock, self._sleep = clock, sleep
        self._next = float("-inf")
        self._lock = threading.Lock()

    def wait(self) -> None:
        """Block until the next call is allowed."""
        with self._lock:
            now = self._clock()
            if now < self._next:
                self._sleep(self._next - now)
                now = self._next
            self._next = now + self.interval


@dataclass(frozen=True)
class Fetched:
    """A company-facts response: where it came from, where it is cached, and how it was got."""

    cik: int
    url: str
    path: Path
    data: dict[str, Any]
    status: str  # downloaded | revalidated (304) | cached (fresh, no request)


class SecClient:
    """A client for data.sec.gov's company facts: User-Agent, rate limit, on-disk cache.

    Args:
        user_agent: "Name email" of the person running it (else ``$CAPEXWATCH_SEC_USER_AGENT``).
        max_age: seconds during which a cached file is used without asking the server;
            0 (the default) revalidates every time with If-None-Match / If-Modified-Since.
    """

    def __init__(self, user_agent: str | None = None, *, cache_dir: str | os.PathLike[str] | None = None,
                 base_url: str | None = None, timeout: float = 30.0, rate: float = MAX_RATE,
                 max_age: float = 0.0, transport: httpx.BaseTransport | None = None) -> None:
        self.user_agent = resolve_user_agent(user_agent)
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.base_url = (base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL).rstrip("/")
        self.max_age = max_age
        self.limiter = RateLimiter(rate)
        self.client = httpx.Client(headers={"User-Agent": self.user_agent}, timeout=timeout,
                                   transport=transport, follow_redirects=True)

    def __enter__(self) -> SecClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def url(self, cik: int) -> str:
        return f"{self.base_url}/api/xbrl/companyfacts/CIK{cik:010d}.json"

    def company_facts(self, company: str | int) -> Fetched:
        """Return the company facts of a ticker or CIK: from the cache when still current."""
        cik = resolve_cik(company)
        url = self.url(cik)
        path = self.cache_dir / f"CIK{cik:010d}.json"
        meta = _read_meta(path)
        if meta and self.max_age > 0 and time.time() - float(meta.get("fetched_at", 0)) < self.max_age:
            return Fetched(cik, url, path, _read_cached(path), "cached")
        headers = {}
        if meta.get("etag"):
            headers["If-None-Match"] = meta["etag"]
        if meta.get("last_modified"):
            headers["If-Modified-Since"] = meta["last_modified"]
        self.limiter.wait()
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304 and meta:
                    _write_meta(path, {**meta, "fetched_at": time.time()})
                    return Fetched(cik, url, path, _read_cached(path), "revalidated")
                _raise_for_status(response, cik, self.user_agent)
                data = _download(response, path)
                _write_meta(path, {"url": url, "etag": response.headers.get("etag"),
                                   "last_modified": response.headers.get("last-modified"),
                                   "sha256": _sha256(path), "fetched_at": time.time()})
        except httpx.TimeoutException as error:
            raise OfflineError(_offline(url, f"timed out after {self.client.timeout.read}s", path)) from error
        except httpx.TransportError as error:
            raise OfflineError(_offline(url, str(error) or type(error).__name__, path)) from error
        return Fetched(cik, url, path, data, "downloaded")


def _offline(url: str, what: str, path: Path) -> str:
    hint = (f"; a copy downloaded earlier is at {path}: `capexwatch filings load {path}`" if path.exists()
            else "; or load a saved company-facts file with `capexwatch filings load FILE`")
    return f"cannot get {url}: {what}. Check the network and retry{hint}"


def _raise_for_status(response: httpx.Response, cik: int, user_agent: str) -> None:
    status = response.status_code
    if status == 200:
        return
    if status == 403:
        raise RefusedError(
            f"the SEC refused the request (403 Forbidden) for CIK {cik:010d}. It requires a User-Agent naming "
            f"you with a contact email (sent: {user_agent!r}) and at most 10 requests per second; "
            f"set {USER_AGENT_ENV}='Jane Doe jane@example.com' or pass --user-agent, then retry."
        )
    if status == 404:
        raise RefusedError(f"no company facts for CIK {cik:010d} (404 Not Found): check the CIK; "
                           "companies that file no XBRL financial statements have none")
    if status == 429:
        raise RefusedError("the SEC says too many requests (429): wait ten minutes, then retry")
    raise FilingsError(f"{response.url} answered {status} {response.reason_phrase}; retry later")


def _download(response: httpx.Response, path: Path) -> dict[str, Any]:
    """Write the body next to ``path`` and move it in place once complete and valid JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in response.iter_bytes():
                handle.write(chunk)
        try:
            with open(tmp, "rb") as body:
                data = json.load(body)
        except ValueError as error:
            raise FilingsError(f"{response.url}: the response is not complete JSON ({error}); retry") from error
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if not isinstance(data, dict):
        raise FilingsError(f"{response.url}: not a company-facts response")
    return data


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _meta_path(path: Path) -> Path:
    return path.with_name(path.name + ".meta")


def _read_meta(path: Path) -> dict[str, Any]:
    """The cache entry's validators, or {} when the body is missing or does not match them."""
    try:
        meta = json.loads(_meta_path(path).read_text(encoding="utf-8"))
        if isinstance(meta, dict) and path.exists() and meta.get("sha256") == _sha256(path):
            return meta
    except (OSError, ValueError):
        pass
    return {}


def _write_meta(path: Path, meta: dict[str, Any]) -> None:
    target = _meta_path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(meta, handle)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_cached(path: Path) -> dict[str, Any]:
    return read_company_facts(path)
