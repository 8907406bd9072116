"""The ``capexwatch`` command line: one thin command per library entry point.

Commands read their options, call one library function and format its result.
Library errors become ``click.ClickException`` with a message that says what to do.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import click
import pandas as pd

from .. import reader_build
from ..entities import ENTITIES_ENV, default_registry
from ..errors import CapexwatchError
from ..extract import extract_article
from ..ingest import ReadProblem, iter_articles
from ..models import Fact
from ..store import Store, default_db_path

FORMATS = ["jsonl", "csv", "table", "json"]
TABLE_COLUMNS = ["doc", "entity", "metric", "value", "high", "unit", "period", "segment", "basis"]


def output_option(default: str = "table", choices: Sequence[str] = FORMATS) -> Callable[[Any], Any]:
    """The shared ``--format`` option (sqlite-utils' output_options)."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=default,
                        show_default=True, help="Output format.")


def db_option(func: Any) -> Any:
    return click.option("--db", "db", type=click.Path(dir_okay=False), default=None,
                        help="DuckDB file [default: $CAPEXWATCH_DB or capexwatch.duckdb].")(func)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


def echo_records(records: list[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> None:
    """Print records as JSON lines, a JSON list, CSV or an aligned table."""
    if fmt == "jsonl":
        for rec in records:
            click.echo(json.dumps(rec, ensure_ascii=False, default=str))
    elif fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, default=str, indent=2))
    else:
        frame = pd.DataFrame.from_records(records)
        if columns is not None:  # the same columns whatever the records hold (e.g. no range: no "high")
            frame = frame.reindex(columns=list(columns))
        echo_frame(frame, fmt)


def echo_frame(frame: pd.DataFrame, fmt: str) -> None:
    """Print a DataFrame in one of FORMATS."""
    if fmt in ("jsonl", "json"):
        records = json.loads(frame.to_json(orient="records", date_format="iso", default_handler=str))
        echo_records(records, fmt)
    elif fmt == "csv":
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL)
        click.echo(buffer.getvalue(), nl=False)
    elif frame.empty:
        click.echo("(nothing found)")
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200,
                               "display.max_colwidth", 60):
            click.echo(frame.to_string(index=False))


def report_problems(problems: Iterable[ReadProblem]) -> None:
    for problem in problems:
        label = "error" if problem.fatal else "warning"
        click.echo(f"{label}: {problem}", err=True)


def progress(desc: str) -> Any:
    """A progress bar on stderr that shows itself only when work takes a while."""
    from tqdm import tqdm

    return tqdm(desc=desc, unit="doc", file=sys.stderr, delay=1.0, leave=False, dynamic_ncols=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="capexwatch", message=f"%(prog)s %(version)s (reader: {reader_build()})")
@click.option("--entities", "entity_files", multiple=True, type=click.Path(dir_okay=False),
              help=f"A JSON file of your own companies, added to the built-in registry (repeatable; also {ENTITIES_ENV}).")
def cli(entity_files: tuple[str, ...]) -> None:
    """capexwatch: a source-linked database of AI-infrastructure spending figures read from news."""
    if entity_files:  # through the environment, so that worker processes read the same registry
        os.environ[ENTITIES_ENV] = os.pathsep.join(p for p in (os.environ.get(ENTITIES_ENV, ""), *entity_files) if p)
    if os.environ.get(ENTITIES_ENV):
        try:
            default_registry()
        except CapexwatchError as error:
            raise click.ClickException(str(error)) from error


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@output_option(default="jsonl", choices=["jsonl", "csv", "table", "json"])
@click.option("--date", callback=_date, help="Publication date for every document (YYYY-MM-DD).")
def extract(paths: tuple[str, ...], fmt: str, date: dt.date | None) -> None:
    """Print the facts found in articles; nothing is stored.

    PATHS are .txt, .md or .html files, folders (read recursively), .jsonl corpora
    (one document per line with `text` or `html`) or http(s) URLs.
    """
    problems: list[ReadProblem] = []
    facts: list[Fact] = []
    read = 0
    with progress("extract") as bar:
        for article in iter_articles(paths, date=date, problems=problems):
            read += 1
            try:
                facts.extend(extract_article(article))
            except Exception as error:  # one unreadable document must not stop the others
                problems.append(ReadProblem(article.source or article.id, f"extraction failed: {error!r}"))
            bar.update()
    report_problems(problems)
    echo_records([f.to_dict() for f in facts], fmt, TABLE_COLUMNS)
    if read == 0:
        raise click.ClickException("no document could be read")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--date", callback=_date, help="Publication date for every document (YYYY-MM-DD).")
def ingest(paths: tuple[str, ...], db: str | None, date: dt.date | None) -> None:
    """Read articles, extract their facts and store both in the database.

    A document already stored (same text) is skipped. A folder written by `capexwatch run`
    is loaded as it is (its facts were extracted there).
    """
    from ..runner import is_run_output, load_run

    runs = [p for p in paths if is_run_output(p)]
    articles = [p for p in paths if p not in runs]
    loaded_docs = loaded_facts = 0
    try:
        with Store(db or default_db_path()) as store, progress("ingest") as bar:
            for run in runs:
                docs, found = load_run(run, store)
                loaded_docs, loaded_facts = loaded_docs + docs, loaded_facts + found
            result = store.ingest(articles, date=date, on_article=lambda _a: bar.update())
    except CapexwatchError as error:
        raise click.ClickException(str(error)) from error
    report_problems(result.problems)
    if runs:
        click.echo(f"{len(runs)} run output(s) loaded: {loaded_docs} documents and {loaded_facts} facts added", err=True)
    click.echo(
        f"{result.read} documents read, {result.added} added, {result.skipped} already stored; "
        f"{result.facts} facts stored in {db or default_db_path()}",
        err=True,
    )
    if result.read == 0 and not runs:
        raise click.ClickException("no document could be read")


@cli.command()
@db_option
@click.option("--entity", help="Company or group, e.g. Alibaba.")
@click.option("--metric", help="Metric, e.g. capex or capex_plan.")
@click.option("--period", help="Period, e.g. 2025Q2, FY2025, 2025..2027.")
@click.option("--segment", help="Segment, e.g. cloud.")
@output_option(default="table")
def facts(db: str | None, entity: str | None, metric: str | None, period: str | None,
          segment: str | None, fmt: str) -> None:
    """List stored facts."""
    try:
        with Store(db or default_db_path(), read_only=True) as store:
            frame = store.facts(entity=entity, metric=metric, period=period, segment=segment)
    except CapexwatchError as error:
        raise click.ClickException(str(error)) from error
    if fmt == "table":
        frame = frame[[c for c in TABLE_COLUMNS if c in frame.columns]]
    elif fmt == "jsonl":
        records = [_schema_record(r) for r in frame.to_dict("records")]
        echo_records(records, fmt)
        return
    echo_frame(frame, fmt)


def _schema_record(rec: dict[str, Any]) -> dict[str, Any]:
    from ..store import fact_from_record

    return fact_from_record(rec).to_dict()


def main() -> None:
    cli(prog_name="capexwatch")


if __name__ == "__main__":
    main()
