"""Analysis commands: compare, intensity, growth, timeline, claims, conflicts, report.

Each reads its options, calls one function of :mod:`capexwatch.compare` or
:mod:`capexwatch.report`, and prints the result (registered on ``cli`` of ``.core``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pandas as pd

from .. import compare as cmp
from ..errors import CapexwatchError
from ..report import build_report, render_html, render_text
from ..store import Store, default_db_path
from .core import cli, db_option, echo_frame, output_option

ANALYSIS_FORMATS = ["table", "csv", "json"]


def _run(db: str | None, func: Callable[[Store], pd.DataFrame]) -> pd.DataFrame:
    try:
        with Store(db or default_db_path(), read_only=True) as store:
            return func(store)
    except CapexwatchError as error:
        raise click.ClickException(str(error)) from error


def _money_columns(frame: pd.DataFrame, fmt: str) -> pd.DataFrame:
    """For tables, show USD in billions so wide numbers stay readable."""
    if fmt != "table" or frame.empty:
        return frame
    out = frame.copy()
    for col in [c for c in out.columns if c.endswith("_usd")]:
        out[col.replace("_usd", "_usd_bn")] = (out.pop(col).astype(float) / 1e9).round(2)
    return out


@cli.command()
@db_option
@click.option("--by", type=click.Choice(["region", "company"]), default="region", show_default=True,
              help="Compare regions (China vs US) or companies.")
@click.option("--metric", default="capex", show_default=True, help="capex, capex_plan, revenue...")
@click.option("--period", help="Period label, e.g. TTM2025Q2, 2025, FY2026Q1.")
@output_option(default="table", choices=ANALYSIS_FORMATS)
def compare(db: str | None, by: str, metric: str, period: str | None, fmt: str) -> None:
    """Compare spending in US dollars by region or company."""
    frame = _run(db, lambda s: cmp.compare(s, by=by, metric=metric, period=period))
    echo_frame(_money_columns(frame, fmt), fmt)


@cli.command()
@db_option
@click.option("--period", help="Period label, e.g. 2025Q2.")
@output_option(default="table", choices=ANALYSIS_FORMATS)
def intensity(db: str | None, period: str | None, fmt: str) -> None:
    """Capex as a share of revenue or cloud revenue (stated and computed)."""
    echo_frame(_money_columns(_run(db, lambda s: cmp.intensity(s, period=period)), fmt), fmt)


@cli.command()
@db_option
@click.option("--entity", help="Company or group, e.g. Alibaba.")
@click.option("--metric", default="capex", show_default=True, help="Metric whose growth to show.")
@output_option(default="table", choices=ANALYSIS_FORMATS)
def growth(db: str | None, entity: str | None, metric: str, fmt: str) -> None:
    """Growth of a metric: stated changes and changes computed between periods."""
    echo_frame(_money_columns(_run(db, lambda s: cmp.growth(s, entity=entity, metric=metric)), fmt), fmt)


@cli.command()
@click.argument("entity")
@db_option
@output_option(default="table", choices=ANALYSIS_FORMATS)
def timeline(entity: str, db: str | None, fmt: str) -> None:
    """What was said about ENTITY, in the order the documents appeared."""
    frame = _run(db, lambda s: cmp.timeline(s, entity))
    if fmt == "table":
        frame = frame.drop(columns=["quote"])
    echo_frame(_money_columns(frame, fmt), fmt)


@cli.command()
@db_option
@click.option("--entity", help="Company or group, e.g. Alibaba.")
@click.option("--metric", help="Metric, e.g. capex_plan.")
@click.option("--claim", "claim_id", help="Show the sources of one claim (its id).")
@output_option(default="table", choices=ANALYSIS_FORMATS)
def claims(db: str | None, entity: str | None, metric: str | None, claim_id: str | None, fmt: str) -> None:
    """Reconciled claims: preferred value, sources, status and why; or one claim's sources."""
    if claim_id:
        frame = _run(db, lambda s: cmp.claim_sources(s, claim_id))
        if frame.empty:
            raise click.ClickException(f"no claim {claim_id!r}; list them with `capexwatch claims`")
        if fmt == "table":
            frame = frame[["relation", "doc", "publisher", "doc_date", "period", "value", "unit", "value_usd",
                           "explanation"]]
    else:
        frame = _run(db, lambda s: cmp.claims(s, entity=entity, metric=metric))
        if fmt == "table":
            frame = frame[["claim_id", "entity", "metric", "segment", "period", "value", "unit", "value_usd",
                           "n_sources", "status"]]
    echo_frame(_money_columns(frame, fmt), fmt)


@cli.command()
@db_option
@output_option(default="table", choices=ANALYSIS_FORMATS)
def conflicts(db: str | None, fmt: str) -> None:
    """Figures that disagree with their claim's preferred value (and news that disagrees with filings)."""
    frame = _run(db, cmp.conflicts)
    if fmt == "table":
        frame = frame[["entity", "metric", "period", "value", "unit", "doc", "preferred_value", "preferred_unit",
                       "preferred_doc", "against_filing"]]
    echo_frame(frame, fmt)


@cli.command()
@db_option
@click.option("--html", "html_file", type=click.Path(dir_okay=False, writable=True),
              help="Also write a self-contained HTML report with charts to this file.")
@output_option(default="table", choices=ANALYSIS_FORMATS)
def report(db: str | None, html_file: str | None, fmt: str) -> None:
    """The summary: who spends how much, China vs US, conflicts with their sources."""
    try:
        with Store(db or default_db_path(), read_only=True) as store:
            result = build_report(store)
    except CapexwatchError as error:
        raise click.ClickException(str(error)) from error
    if html_file:
        Path(html_file).write_text(render_html(result), encoding="utf-8")
        click.echo(f"report written to {html_file}", err=True)
    if fmt == "table":
        click.echo(render_text(result), nl=False)
    elif fmt == "json":
        tables: dict[str, Any] = {name: json.loads(frame.to_json(orient="records", date_format="iso",
                                                                 default_handler=str))
                                  for name, frame in result.tables().items()}
        click.echo(json.dumps({"summary": result.summary, **tables}, ensure_ascii=False, indent=2))
    else:
        for name, frame in result.tables().items():
            click.echo(f"# {name}")
            echo_frame(frame, "csv")
