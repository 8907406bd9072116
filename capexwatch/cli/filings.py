"""``capexwatch filings fetch`` / ``filings load``: official figures from SEC company facts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import click

from ..errors import CapexwatchError
from ..filings import FilingsReport, SecClient, fetch_filings, load_filings
from ..store import Store, default_db_path
from .core import cli, db_option, echo_records, output_option

SUMMARY_COLUMNS = ["entity", "period", "value", "unit", "form", "filed", "accn", "concept", "derived"]


@cli.group()
def filings() -> None:
    """Official capex, revenue and net income from SEC XBRL company facts."""


@filings.command()
@click.argument("companies", nargs=-1, required=True)
@db_option
@click.option("--user-agent", envvar="CAPEXWATCH_SEC_USER_AGENT", show_envvar=True,
              help="Your name and email, sent to the SEC, e.g. 'Jane Doe jane@example.com'.")
@click.option("--cache-dir", type=click.Path(file_okay=False),
              help="Where responses are cached [default: $CAPEXWATCH_CACHE_DIR/sec or ~/.cache/capexwatch/sec].")
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Seconds to wait for the SEC.")
@click.option("--base-url", envvar="CAPEXWATCH_SEC_BASE_URL", hidden=True)
@click.option("--last", type=int, default=12, show_default=True,
              help="Capex periods to show per company (0: all).")
@output_option(default="table")
def fetch(companies: tuple[str, ...], db: str | None, user_agent: str | None, cache_dir: str | None,
          timeout: float, base_url: str | None, last: int, fmt: str) -> None:
    """Download SEC company facts for COMPANIES (tickers or CIKs) and store their figures.

    Responses are cached on disk and revalidated; at most 10 requests per second are sent.
    """
    try:
        with SecClient(user_agent, cache_dir=cache_dir, base_url=base_url, timeout=timeout) as client, \
                Store(db or default_db_path()) as store:
            report = fetch_filings(store, companies, client=client)
    except CapexwatchError as error:
        raise click.ClickException(str(error)) from error
    _finish(report, db, last, fmt)


@filings.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@db_option
@click.option("--last", type=int, default=12, show_default=True,
              help="Capex periods to show per company (0: all).")
@output_option(default="table")
def load(paths: tuple[str, ...], db: str | None, last: int, fmt: str) -> None:
    """Store the figures of saved company-facts files (CIK##########.json); no network."""
    try:
        with Store(db or default_db_path()) as store:
            report = load_filings(store, paths)
    except CapexwatchError as error:
        raise click.ClickException(str(error)) from error
    _finish(report, db, last, fmt)


def _finish(report: FilingsReport, db: str | None, last: int, fmt: str) -> None:
    for _name, problem in report.problems:
        click.echo(f"error: {problem}", err=True)
    for result in report.loaded:
        done = f"{len(result.facts)} facts stored" if result.added else "already stored"
        click.echo(f"{result.entity} (CIK {result.cik}, {result.status}): {done} in {db or default_db_path()}",
                   err=True)
    echo_records(_capex_rows(report, last, table=fmt == "table"), fmt, SUMMARY_COLUMNS)
    if report.problems:
        raise click.ClickException(f"{len(report.problems)} of {len(report.problems) + len(report.loaded)} "
                                   "could not be read")


def _capex_rows(report: FilingsReport, last: int, *, table: bool) -> list[dict[str, Any]]:
    rows = []
    for result in report.loaded:
        series = [f for f in result.facts if f.metric == "capex"]
        # By end date; a year after the Q4 that ends on the same day.
        series.sort(key=lambda f: (f.extra["provenance"]["end"], "Q" not in f.period))
        for fact in series[-last:] if last > 0 else series:
            prov = fact.extra["provenance"]
            rows.append({"entity": fact.entity, "period": fact.period, "value": f"{fact.value:,}" if table else _number(fact.value),
                         "unit": fact.unit, "form": prov["form"], "filed": prov["filed"], "accn": prov["accn"],
                         "concept": prov["concept"], "derived": "derived" in prov})
    return rows


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)
