"""``capexwatch run``: extract facts from a large corpus into Parquet (see :mod:`capexwatch.runner`)."""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from ..errors import CapexwatchError
from ..runner import DEFAULT_CHUNK_SIZE, ENGINES, UnitResult, run_corpus
from .core import cli

# Loggers that print routine messages on stderr while a Dask cluster starts and stops.
DASK_LOGGERS = ("distributed", "dask", "tornado", "bokeh", "asyncio")


def quiet_dask() -> None:
    """Silence Dask's routine log messages; only errors reach stderr."""
    for name in DASK_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)


@cli.command()
@click.argument("corpus", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Folder for facts/ and documents/ Parquet parts; running again resumes.")
@click.option("--engine", type=click.Choice(list(ENGINES)), default=None,
              help="local: this process; processes: one process per core; dask: a Dask cluster "
                   "[default: processes, or dask with --scheduler].")
@click.option("--scheduler", metavar="ADDRESS",
              help="Address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 (implies --engine dask).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes for processes or a local Dask cluster [default: one per core].")
@click.option("--chunk-size", type=click.IntRange(min=1), default=DEFAULT_CHUNK_SIZE, show_default=True,
              help="Documents per work unit; larger shards are split in chunks of this size.")
def run(corpus: tuple[str, ...], out: str, engine: str | None, scheduler: str | None, workers: int | None,
        chunk_size: int) -> None:
    """Extract the facts of a large corpus into Parquet, in parallel and resumably.

    CORPUS is JSONL shards (.jsonl, .jsonl.gz: one document per line with `text` or
    `html`, and optional `id`, `url`, `title`, `date`), Parquet shards with the same
    columns, folders of them or globs. Lines that cannot be read are listed in
    OUT/_errors.jsonl and the run goes on. Query the result with DuckDB:
    SELECT * FROM 'OUT/facts/*.parquet'.
    """
    quiet_dask()
    from tqdm import tqdm

    bar: Any = None

    def on_plan(units: int, documents: int) -> None:
        nonlocal bar
        bar = tqdm(total=documents, desc="run", unit="article", file=sys.stderr, dynamic_ncols=True,
                   smoothing=0.1, disable=None)

    def on_unit(result: UnitResult | None, planned: int) -> None:
        bar.update(planned)

    try:
        result = run_corpus(corpus, out, engine=engine, workers=workers, scheduler=scheduler,
                            chunk_size=chunk_size, on_plan=on_plan, on_unit=on_unit)
    except CapexwatchError as error:
        raise click.ClickException(str(error)) from error
    finally:
        if bar is not None:
            bar.close()
    for problem in result.problems[:5]:
        click.echo(f"warning: {problem}", err=True)
    more = f" (all in {out}/_errors.jsonl)" if result.problem_count else ""
    click.echo(
        f"{result.documents} documents, {result.facts} facts in {result.units} units written to {out}; "
        f"{result.skipped} units already done; {result.problem_count} problems{more}",
        err=True,
    )
    if result.units == 0 and result.skipped == 0:
        raise click.ClickException("no document could be read")
