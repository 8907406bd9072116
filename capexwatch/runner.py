"""Batch extraction over large corpora: plan work units, map ``extract_article`` over them, write Parquet.

What lives here is orchestration only (layer 4): reading JSONL (``.jsonl``,
``.jsonl.gz``) and Parquet shards in bounded chunks, mapping one pure, picklable
function over them with an engine, and writing the results. The figures are read
by :func:`capexwatch.extract.extract_article`, the function ingest uses, on every engine:

- ``local``: in this process, one unit after the other;
- ``processes``: a :class:`concurrent.futures.ProcessPoolExecutor` (one worker per core);
- ``dask``: a Dask cluster, given by its scheduler address, or a ``LocalCluster`` started here.

A work unit is a shard, or a chunk of ``chunk_size`` documents of a larger one. Each
unit is reduced where it runs, to two small Parquet files (its facts, and its
documents with their text), which this process writes into ``out``::

    out/facts/part-<key>.parquet       one row per fact (FACT_SCHEMA columns, quote span)
    out/documents/part-<key>.parquet   one row per document: id, hash, title, date, url, ..., n_facts, text
    out/_done/<key>                    marker of a finished unit (JSON: counts and problems)
    out/_errors.jsonl                  every line or shard that could not be read: shard, chunk, line, problem
    out/_run.json                      the parameters the output was written with

``<key>`` hashes the shard's path and the chunk's index. Files are written under a
temporary name and renamed, so a crash never leaves half a file; a unit whose marker
exists is skipped, so running the same command again resumes. The same corpus gives
byte-identical parts whatever the engine. ``value`` and ``high`` are ``decimal128(38, 6)``,
as in the DuckDB store; :func:`load_run` puts a run's output into a :class:`Store`.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from decimal import Context, Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from .errors import ConfigError, InputError
from .extract import extract_article
from .ingest import article_from_html, article_from_text
from .models import Alt, Article, Fact

if TYPE_CHECKING:  # workers never need the store (DuckDB, pandas); load_run's caller has it
    from .store import Store

__all__ = [
    "DEFAULT_CHUNK_SIZE", "DOCUMENT_SCHEMA", "ENGINES", "FACT_SCHEMA", "RunProblem", "RunResult",
    "UnitResult", "WorkUnit", "article_from_record", "extract_records", "find_shards", "is_run_output",
    "load_run", "plan_units",
    "process_unit", "run_corpus",
]

ENGINES = ("local", "processes", "dask")
DEFAULT_CHUNK_SIZE = 1_000
KEEP_PROBLEMS = 1_000  # problems kept in a RunResult; _errors.jsonl has them all
LAYOUT = 1  # version of the output layout, recorded in _run.json
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet", ".pq")
_DECIMAL = pa.decimal128(38, 6)
_SCALE = Decimal("0.000001")
_CONTEXT = Context(prec=38)

FACT_SCHEMA = pa.schema([
    ("doc", pa.string()), ("document_hash", pa.string()), ("entity", pa.string()), ("metric", pa.string()),
    ("value", _DECIMAL), ("high", _DECIMAL), ("unit", pa.string()), ("period", pa.string()),
    ("segment", pa.string()), ("basis", pa.string()), ("quote", pa.string()), ("quote_start", pa.int32()),
    ("quote_end", pa.int32()), ("figure", pa.string()), ("also", pa.string()), ("step", pa.string()),
])
DOCUMENT_SCHEMA = pa.schema([
    ("id", pa.string()), ("hash", pa.string()), ("title", pa.string()), ("date", pa.date32()),
    ("url", pa.string()), ("publisher", pa.string()), ("source", pa.string()), ("n_facts", pa.int32()),
    ("text", pa.string()),
])


# -- data types --------------------------------------------------------------------------
@dataclass(frozen=True)
class WorkUnit:
    """A shard, or a chunk of one: records ``first`` to ``first + count - 1`` (1-based lines or rows)."""

    shard: str
    chunk: int
    kind: str  # "jsonl" or "parquet"
    first: int = 1
    count: int | None = None  # None: to the end of the shard
    offset: int = 0  # JSONL: byte offset of line `first` in the (decompressed) stream
    row_groups: tuple[int, ...] = ()  # Parquet: the row groups of this chunk

    @property
    def key(self) -> str:
        """The unit's name in the output: a hash of the shard path and chunk index."""
        return hashlib.sha256(f"{self.shard}\n{self.chunk}".encode()).hexdigest()[:20]


@dataclass(frozen=True)
class RunProblem:
    """A line, a chunk or a shard that could not be processed; the run goes on."""

    shard: str
    problem: str
    line: int | None = None
    chunk: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"shard": self.shard, "chunk": self.chunk, "line": self.line, "problem": self.problem}

    def __str__(self) -> str:
        where = f"{self.shard}:{self.line}" if self.line is not None else self.shard
        return f"{where}: {self.problem}"


@dataclass(frozen=True)
class UnitResult:
    """What one work unit produced: counts, problems, and its two Parquet parts as bytes."""

    key: str
    shard: str
    chunk: int
    documents: int
    facts: int
    problems: tuple[RunProblem, ...]
    facts_parquet: bytes = field(repr=False)
    documents_parquet: bytes = field(repr=False)


@dataclass
class RunResult:
    """What :func:`run_corpus` did: units run and skipped, documents and facts written, problems."""

    out: Path
    units: int = 0
    skipped: int = 0
    documents: int = 0
    facts: int = 0
    problems: list[RunProblem] = field(default_factory=list)  # the first KEEP_PROBLEMS of them
    problem_count: int = 0

    def note(self, problems: Iterable[RunProblem]) -> None:
        """Count problems, keeping the first KEEP_PROBLEMS (all are in _errors.jsonl): bounded memory."""
        for problem in problems:
            self.problem_count += 1
            if len(self.problems) < KEEP_PROBLEMS:
                self.problems.append(problem)


# -- planning ------------------------------------------------------------------------------
def _shard_kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return None


def find_shards(paths: Iterable[str | os.PathLike[str]], *, problems: list[RunProblem] | None = None) -> list[Path]:
    """Return the JSONL and Parquet shards named by files, folders (recursively) and globs, sorted."""
    problems = problems if problems is not None else []
    found: dict[str, Path] = {}
    for item in paths:
        text = str(item)
        path = Path(text)
        if path.is_dir():
            candidates = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            candidates = [p for p in candidates if _shard_kind(p)]
        elif path.exists():
            candidates = [path]
        elif glob.has_magic(text):
            candidates = [Path(p) for p in sorted(glob.glob(text, recursive=True)) if Path(p).is_file()]
        else:
            problems.append(RunProblem(text, "no such file or folder"))
            continue
        if not candidates:
            problems.append(RunProblem(text, "no .jsonl, .jsonl.gz or .parquet shard found here"))
        for candidate in candidates:
            if _shard_kind(candidate) is None:
                problems.append(RunProblem(str(candidate), "not a shard: use .jsonl, .jsonl.gz or .parquet"))
                continue
            found.setdefault(str(candidate.resolve()), candidate.resolve())
    return [found[k] for k in sorted(found)]


def _open_jsonl(path: Path) -> io.BufferedIOBase:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def _plan_jsonl(path: Path, chunk_size: int) -> Iterator[tuple[WorkUnit, int]]:
    starts: list[tuple[int, int]] = [(1, 0)]  # (first line, byte offset) of each chunk
    lines = offset = 0
    with _open_jsonl(path) as handle:
        try:
            for raw in handle:
                lines += 1
                offset += len(raw)
                if lines % chunk_size == 0:
                    starts.append((lines + 1, offset))
        except (OSError, EOFError):
            if lines == 0:
                raise
            # A truncated or corrupt end: plan the lines before it; the last unit reports the problem.
    if starts[-1][0] > lines:
        starts.pop()
    for chunk, (first, start) in enumerate(starts):
        last = chunk == len(starts) - 1
        unit = WorkUnit(str(path), chunk, "jsonl", first=first, count=None if last else chunk_size, offset=start)
        yield unit, (lines - first + 1) if last else chunk_size


def _plan_parquet(path: Path, chunk_size: int) -> Iterator[tuple[WorkUnit, int]]:
    meta = pq.ParquetFile(path).metadata
    groups: list[int] = []
    first = row = 1
    chunk = 0
    for index in range(meta.num_row_groups):
        groups.append(index)
        row += meta.row_group(index).num_rows
        if row - first >= chunk_size or index == meta.num_row_groups - 1:
            unit = WorkUnit(str(path), chunk, "parquet", first=first, count=row - first, row_groups=tuple(groups))
            yield unit, row - first
            groups, first, chunk = [], row, chunk + 1


def plan_units(shards: Iterable[Path], *, chunk_size: int = DEFAULT_CHUNK_SIZE,
               problems: list[RunProblem] | None = None) -> Iterator[tuple[WorkUnit, int]]:
    """Yield each shard's work units with their number of records (JSONL is scanned once, streamed)."""
    problems = problems if problems is not None else []
    for shard in shards:
        try:
            plan = _plan_parquet if _shard_kind(shard) == "parquet" else _plan_jsonl
            units = list(plan(shard, chunk_size))
        except (OSError, EOFError, pa.ArrowException, ValueError) as error:
            problems.append(RunProblem(str(shard), f"cannot read this shard: {error}"))
            continue
        if not units:
            problems.append(RunProblem(str(shard), "empty shard: no documents"))
        yield from units


# -- one unit: read, extract, reduce --------------------------------------------------------
def _read_unit(unit: WorkUnit, problems: list[RunProblem]) -> Iterator[tuple[int, Any]]:
    """Yield (line, record) for each record of ``unit``; a bad line or shard becomes a problem."""
    line = unit.first
    try:
        if unit.kind == "parquet":
            handle = pq.ParquetFile(unit.shard)
            names = [n for n in ("id", "text", "html", "title", "date", "published", "url")
                     if n in handle.schema_arrow.names]
            for batch in handle.iter_batches(batch_size=1_000, row_groups=list(unit.row_groups), columns=names):
                for record in batch.to_pylist():
                    yield line, record
                    line += 1
            return
        with _open_jsonl(Path(unit.shard)) as stream:
            stream.seek(unit.offset)
            for raw in stream:
                if unit.count is not None and line >= unit.first + unit.count:
                    return
                if raw.strip():
                    try:
                        yield line, json.loads(raw)
                    except (ValueError, UnicodeDecodeError) as error:
                        problems.append(RunProblem(unit.shard, f"not valid JSON: {error}", line, unit.chunk))
                line += 1
    except (OSError, EOFError, pa.ArrowException) as error:
        problems.append(RunProblem(unit.shard, f"shard unreadable from here on: {error}", line, unit.chunk))


def article_from_record(record: Any, *, shard: str, line: int) -> Article:
    """Return the Article of one corpus record; raise ValueError saying what is wrong with it."""
    if not isinstance(record, dict):
        raise ValueError("a document must be a JSON object")
    id_ = str(record.get("id") or f"{Path(shard).name}:{line}")
    date = record.get("date") or record.get("published")
    title, url, source = record.get("title") or None, record.get("url") or None, f"{shard}:{line}"
    if record.get("text"):
        return article_from_text(str(record["text"]), id=id_, date=date, title=title, url=url, source=source)
    if record.get("html"):
        article = article_from_html(str(record["html"]), id=id_, date=date, title=title, url=url, source=source)
        if article is None:
            raise ValueError("no article text found in 'html'")
        return article
    raise ValueError("a document needs a 'text' or 'html' field")


def _decimal(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(_SCALE, context=_CONTEXT)


def _fact_row(fact: Fact, article: Article) -> dict[str, Any]:
    return {
        "doc": fact.doc or article.id, "document_hash": article.hash, "entity": fact.entity,
        "metric": fact.metric, "value": _decimal(fact.value), "high": _decimal(fact.high), "unit": fact.unit,
        "period": fact.period, "segment": fact.segment, "basis": fact.basis, "quote": fact.quote,
        "quote_start": fact.start, "quote_end": fact.end, "figure": fact.figure,
        "also": json.dumps([a.to_dict() for a in fact.also]), "step": fact.step,
    }


def _sort_key(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["quote_start"], row["quote_end"], row["entity"], row["metric"], row["unit"], row["period"],
            str(row["value"]), str(row["high"]), row["segment"] or "", row["basis"] or "", row["figure"])


def extract_records(records: Iterable[tuple[int, Any]], *, shard: str, chunk: int = 0
                    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[RunProblem]]:
    """Return (document rows, fact rows, problems) for ``(line, record)`` pairs, via ``extract_article``.

    The reduction within a partition: rows are sorted (documents in shard order, facts
    by document then position), so the same records always give the same rows.
    """
    documents: list[dict[str, Any]] = []
    facts: list[dict[str, Any]] = []
    problems: list[RunProblem] = []
    for line, record in records:
        try:
            article = article_from_record(record, shard=shard, line=line)
            found = extract_article(article)  # as ingest reads it: the same facts whichever runs
            rows = sorted((_fact_row(f, article) for f in found), key=_sort_key)
        except (ValueError, TypeError, InvalidOperation) as error:
            problems.append(RunProblem(shard, str(error) or type(error).__name__, line, chunk))
            continue
        except Exception as error:  # a bug in extraction must not stop a run over millions of documents
            problems.append(RunProblem(shard, f"extraction failed: {type(error).__name__}: {error}", line, chunk))
            continue
        documents.append({
            "id": article.id, "hash": article.hash, "title": article.title, "date": article.date,
            "url": article.url, "publisher": article.publisher, "source": article.source,
            "n_facts": len(rows), "text": article.text,
        })
        facts.extend(rows)
    return documents, facts, problems


def _parquet_bytes(rows: list[dict[str, Any]], schema: pa.Schema) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), buffer, compression="zstd")
    return buffer.getvalue()


def process_unit(unit: WorkUnit) -> UnitResult:
    """Read one work unit, extract its facts and return them as Parquet bytes (what every engine maps)."""
    problems: list[RunProblem] = []
    documents, facts, found = extract_records(_read_unit(unit, problems), shard=unit.shard, chunk=unit.chunk)
    problems.extend(found)
    problems.sort(key=lambda p: (p.line or 0, p.problem))
    return UnitResult(
        key=unit.key, shard=unit.shard, chunk=unit.chunk, documents=len(documents), facts=len(facts),
        problems=tuple(problems), facts_parquet=_parquet_bytes(facts, FACT_SCHEMA),
        documents_parquet=_parquet_bytes(documents, DOCUMENT_SCHEMA),
    )


# -- engines: each yields (unit, result or the exception it raised) -----------------------------
Outcome = tuple[WorkUnit, "UnitResult | BaseException"]


def _run_local(units: Iterable[WorkUnit]) -> Iterator[Outcome]:
    for unit in units:
        try:
            yield unit, process_unit(unit)
        except Exception as error:
            yield unit, error


def _run_processes(units: Iterable[WorkUnit], workers: int) -> Iterator[Outcome]:
    import multiprocessing
    from concurrent.futures.process import BrokenProcessPool

    # forkserver: workers start from a clean process, not a fork of one that may run threads (Dask, tqdm).
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":  # import capexwatch once in the server; workers fork from it, sharing its pages
        context.set_forkserver_preload(["capexwatch.runner"])
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        pending: dict[Future[UnitResult], WorkUnit] = {}
        queue = iter(units)
        while True:
            for unit in queue:  # keep at most 2 units per worker in flight: bounded memory
                pending[executor.submit(process_unit, unit)] = unit
                if len(pending) >= 2 * workers:
                    break
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for future in sorted(done, key=lambda f: pending[f].key):
                unit = pending.pop(future)
                error = future.exception()
                broken = broken or isinstance(error, BrokenProcessPool)
                yield unit, error if error is not None else future.result()
            if broken:  # a worker died (killed, out of memory): its units failed; go on with a new pool
                for future, unit in pending.items():
                    error = future.exception()
                    yield unit, error if error is not None else future.result()
                pending.clear()
                executor.shutdown(wait=True, cancel_futures=True)
                executor = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


# Settings of the LocalCluster that `--engine dask` starts without --scheduler. Dask's defaults
# suit interactive work with a dashboard: a profiler thread samples every event loop and every
# running task's stack each 10 ms, event loops tick every 20 ms, system monitors run every
# 0.5 s and nannies poll their worker's memory every 0.1 s, all contending for the GIL with the
# pure-Python extraction; workers are spawned, each importing distributed and pandas from
# scratch. Here workers fork from a server that imported those once (as the `processes` engine
# does), and the periodic work runs rarely or not at all; docs/scale.md has the measurements and
# the same settings for `dask worker` on a cluster of several machines.
LOCAL_DASK_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}


def _local_dask_config() -> dict[str, Any]:
    import multiprocessing

    config = dict(LOCAL_DASK_CONFIG)
    if "forkserver" in multiprocessing.get_all_start_methods():
        config["distributed.worker.multiprocessing-method"] = "forkserver"
    return config


def _run_dask(units: Iterable[WorkUnit], workers: int, scheduler: str | None) -> Iterator[Outcome]:
    import contextlib
    import importlib
    import logging

    distributed: Any = importlib.import_module("distributed")  # untyped; imported only for this engine
    dask: Any = importlib.import_module("dask")
    Client, LocalCluster, as_completed = distributed.Client, distributed.LocalCluster, distributed.as_completed
    cluster = None
    with contextlib.ExitStack() as settings:
        if not scheduler:  # kept while the cluster runs: a worker that dies is restarted with them
            settings.enter_context(dask.config.set(_local_dask_config()))
        try:
            if scheduler:
                client = Client(scheduler, timeout="20s")
            else:
                # No dashboard; the scheduler's HTTP server on a free port, not 8787 (another cluster's?)
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, scheduler_kwargs={"dashboard_address": ":0"},
                                       silence_logs=logging.ERROR)
                client = Client(cluster)
        except (OSError, TimeoutError) as error:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {error}; start one with `dask "
                              "scheduler` (and `dask worker ADDRESS` on each machine) or fix --scheduler") from error
        try:
            yield from _dask_outcomes(client, as_completed(), units, workers)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _dask_outcomes(client: Any, futures: Any, units: Iterable[WorkUnit], workers: int) -> Iterator[Outcome]:
    """Submit ``units`` to a Dask client, two per worker in flight (bounded memory); yield their outcomes."""
    slots = 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
    queue = iter(units)
    pending: dict[Any, WorkUnit] = {}
    for unit in queue:
        future = client.submit(process_unit, unit, key=f"capexwatch-unit-{unit.key}", pure=False)
        pending[future.key] = unit
        futures.add(future)
        if len(pending) >= slots:
            break
    for future in futures:
        unit = pending.pop(future.key)
        if future.status == "finished":
            yield unit, future.result()
        else:  # "error" (the exception, or KilledWorker) or "cancelled"
            yield unit, future.exception() if future.status == "error" else RuntimeError(future.status)
        future.release()
        for next_unit in queue:
            nxt = client.submit(process_unit, next_unit, key=f"capexwatch-unit-{next_unit.key}", pure=False)
            pending[nxt.key] = next_unit
            futures.add(nxt)
            break


# -- the run -------------------------------------------------------------------------------
def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _prepare_out(out: Path, chunk_size: int) -> None:
    for sub in ("facts", "documents", "_done"):
        (out / sub).mkdir(parents=True, exist_ok=True)
        for stale in (out / sub).glob(".*.tmp-*"):  # left by a crash between write and rename
            stale.unlink(missing_ok=True)
    params = {"layout": LAYOUT, "chunk_size": chunk_size}
    run_file = out / "_run.json"
    if run_file.exists():
        try:
            before = json.loads(run_file.read_text())
        except ValueError:
            before = None
        if before != params:
            written = f"--chunk-size {before['chunk_size']}" if isinstance(before, dict) else "other parameters"
            raise ConfigError(f"{out} holds a run written with {written}; resume it with the same "
                              "--chunk-size, or choose a new --out")
    else:
        _write_atomic(run_file, json.dumps(params).encode())


def _finish_unit(out: Path, result: UnitResult) -> None:
    _write_atomic(out / "facts" / f"part-{result.key}.parquet", result.facts_parquet)
    _write_atomic(out / "documents" / f"part-{result.key}.parquet", result.documents_parquet)
    marker = {"shard": result.shard, "chunk": result.chunk, "documents": result.documents,
              "facts": result.facts, "problems": [p.to_dict() for p in result.problems]}
    _write_atomic(out / "_done" / result.key, json.dumps(marker).encode())


def _write_errors(out: Path, extra: Sequence[RunProblem]) -> None:
    """Rewrite _errors.jsonl: this run's problems no marker holds, then each unit's, in shard order."""
    markers = []
    for marker in (out / "_done").iterdir():
        if not marker.name.startswith("."):
            data = json.loads(marker.read_bytes())
            if data["problems"]:
                markers.append((data["shard"], data["chunk"], marker))
    tmp = out / f"._errors.jsonl.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as handle:
        for problem in sorted(extra, key=lambda p: (p.shard, p.chunk or -1, p.line or 0, p.problem)):
            handle.write(json.dumps(problem.to_dict(), ensure_ascii=False) + "\n")
        for _, _, marker in sorted(markers):
            for item in json.loads(marker.read_bytes())["problems"]:  # one unit's at a time: bounded memory
                handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    os.replace(tmp, out / "_errors.jsonl")


def run_corpus(
    paths: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    engine: str | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    on_plan: Callable[[int, int], None] | None = None,
    on_unit: Callable[[UnitResult | None, int], None] | None = None,
) -> RunResult:
    """Extract the facts of a corpus into Parquet under ``out``; return what was done.

    Args:
        paths: JSONL/Parquet shards, folders of them, or globs.
        engine: ``local``, ``processes`` or ``dask``; default: ``dask`` with a scheduler, else ``processes``.
        workers: processes (or local Dask workers); default: one per core.
        scheduler: address of a running Dask scheduler, e.g. ``tcp://10.0.0.5:8786``.
        on_plan: called once with (units to run, documents to read).
        on_unit: called after each unit with its result (None if it failed) and its planned documents.
    """
    engine = engine or ("dask" if scheduler else "processes")
    if scheduler and engine != "dask":
        raise ConfigError(f"a Dask scheduler was given with engine {engine!r}; drop one of them")
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if chunk_size < 1:
        raise ConfigError("chunk_size must be at least 1")
    workers = workers or os.cpu_count() or 1
    result = RunResult(out=Path(out))
    run_level: list[RunProblem] = []  # what no unit's marker records: missing or unreadable shards, failed units
    shards = find_shards(paths, problems=run_level)
    if not shards:
        raise InputError(", ".join(map(str, paths)) or "(no path)", "no .jsonl, .jsonl.gz or .parquet shard to read")
    _prepare_out(result.out, chunk_size)
    todo: list[WorkUnit] = []
    sizes: dict[str, int] = {}
    for unit, size in plan_units(shards, chunk_size=chunk_size, problems=run_level):
        if (result.out / "_done" / unit.key).exists():
            result.skipped += 1
        else:
            todo.append(unit)
            sizes[unit.key] = size
    result.note(run_level)
    if on_plan is not None:
        on_plan(len(todo), sum(sizes.values()))
    if engine == "local":
        outcomes = _run_local(todo)
    elif engine == "processes":
        outcomes = _run_processes(todo, workers)
    else:
        outcomes = _run_dask(todo, workers, scheduler)
    with open(result.out / "_errors.jsonl", "a", encoding="utf-8") as log:
        for unit, outcome in outcomes:
            if isinstance(outcome, UnitResult):
                _finish_unit(result.out, outcome)
                result.units += 1
                result.documents += outcome.documents
                result.facts += outcome.facts
                found = list(outcome.problems)
            else:
                found = [RunProblem(unit.shard, f"chunk failed, will be retried on the next run: "
                                                f"{type(outcome).__name__}: {outcome}", unit.first, unit.chunk)]
                run_level.extend(found)
            result.note(found)
            for problem in found:
                log.write(json.dumps(problem.to_dict(), ensure_ascii=False) + "\n")
            log.flush()
            if on_unit is not None:
                on_unit(outcome if isinstance(outcome, UnitResult) else None, sizes[unit.key])
    _write_errors(result.out, run_level)
    return result


# -- loading a run into the store ---------------------------------------------------------------
def _fact_from_row(row: dict[str, Any]) -> Fact:
    return Fact(
        doc=row["doc"], entity=row["entity"], metric=row["metric"], value=row["value"], unit=row["unit"],
        period=row["period"], segment=row["segment"], basis=row["basis"], quote=row["quote"],
        also=tuple(Alt(Decimal(str(a["value"])), a["unit"]) for a in json.loads(row["also"] or "[]")),
        high=row["high"], start=row["quote_start"], end=row["quote_end"], figure=row["figure"] or "",
        step=row["step"] or "",
    )


def load_run(out: str | os.PathLike[str], store: Store, *, batch_size: int = 500) -> tuple[int, int]:
    """Put a run's documents and facts into ``store``; return (documents, facts) added.

    Reads one part at a time; documents already in the store (same text) are skipped.
    """
    root = Path(out)
    if not (root / "documents").is_dir():
        raise InputError(str(root), "not the output of `capexwatch run` (no documents/ folder)")
    added_docs = added_facts = 0
    for part in sorted((root / "documents").glob("part-*.parquet")):
        by_hash: dict[str, list[Fact]] = {}
        facts_part = root / "facts" / part.name
        if facts_part.exists():
            for row in pq.read_table(facts_part).to_pylist():
                by_hash.setdefault(row["document_hash"], []).append(_fact_from_row(row))
        batch: list[tuple[Article, list[Fact]]] = []
        for batch_table in pq.ParquetFile(part).iter_batches(batch_size=batch_size):
            for row in batch_table.to_pylist():
                article = Article(id=row["id"], text=row["text"], title=row["title"], date=row["date"],
                                  url=row["url"], publisher=row["publisher"], source=row["source"], hash=row["hash"])
                batch.append((article, by_hash.get(row["hash"], [])))
            docs, facts = store.add(batch)
            added_docs, added_facts, batch = added_docs + docs, added_facts + facts, []
    return added_docs, added_facts


def is_run_output(path: str | os.PathLike[str]) -> bool:
    """Return True if ``path`` is a folder written by :func:`run_corpus`."""
    return (Path(path) / "_run.json").is_file() and (Path(path) / "documents").is_dir()

