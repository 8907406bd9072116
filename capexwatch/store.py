"""Store: documents and facts in an embedded DuckDB file.

``Store(path)`` or ``Store(memory=True)``; the schema is created and upgraded through
:mod:`capexwatch.migrations`. Writes are transactional per batch of documents: a
document and its facts land together or not at all, and a document already stored
(same content hash) is skipped. SQL takes user values only as bound parameters.
Reading articles lives in :mod:`capexwatch.ingest`; figures in :mod:`capexwatch.extract`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from .errors import StoreError
from .extract import extract_article
from .ingest import ReadProblem, iter_articles
from .migrations import apply_migrations
from .models import Article, Fact

__all__ = ["DEFAULT_DB", "IngestResult", "Store", "default_db_path"]

DEFAULT_DB = "capexwatch.duckdb"

FACT_COLUMNS = (
    "document_id", "doc", "entity", "metric", "value", "high", "unit", "period", "segment",
    "basis", "quote", "quote_start", "quote_end", "figure", "also", "step", "provenance",
)
# Filters of Store.facts(): name -> SQL condition with one bound parameter.
FACT_FILTERS = {
    "entity": "lower(f.entity) = lower(?)",
    "metric": "f.metric = ?",
    "period": "f.period = ?",
    "segment": "f.segment = ?",
    "unit": "f.unit = ?",
    "doc": "f.doc = ?",
    "document_id": "f.document_id = ?",
    "kind": "d.kind = ?",
}


def default_db_path() -> str:
    """Return the database path: ``$CAPEXWATCH_DB`` or ``capexwatch.duckdb``."""
    return os.environ.get("CAPEXWATCH_DB") or DEFAULT_DB


@dataclass
class IngestResult:
    """What one ingest did: documents read, added and skipped, facts added, problems."""

    read: int = 0
    added: int = 0
    skipped: int = 0
    facts: int = 0
    problems: list[ReadProblem] = field(default_factory=list)


class Store:
    """Documents and facts in DuckDB: ``Store(path)`` or ``Store(memory=True)``."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, memory: bool = False,
                 read_only: bool = False, batch_size: int = 200) -> None:
        if memory:
            self.path = ":memory:"
        else:
            self.path = str(path if path is not None else default_db_path())
        self.batch_size = batch_size
        self.read_only = read_only
        try:
            if read_only:
                if not Path(self.path).exists():
                    raise StoreError(f"{self.path}: no such database; run `capexwatch ingest` first")
                self.conn = duckdb.connect(self.path, read_only=True)
            else:
                self.conn = duckdb.connect(self.path)
                try:
                    apply_migrations(self.conn)
                except BaseException:
                    self.conn.close()  # release the file for the next attempt
                    raise
        except duckdb.Error as error:
            raise StoreError(f"{self.path}: cannot open the database: {error}") from error

    # -- context manager -------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # -- writing ---------------------------------------------------------------------
    def has_document(self, hash_: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE hash = ?", [hash_]).fetchone() is not None

    def add(self, batch: Sequence[tuple[Article, Sequence[Fact]]], *, kind: str = "news") -> tuple[int, int]:
        """Store documents with their facts in one transaction; return (documents, facts) added.

        Documents already stored (same content hash) are skipped.
        """
        added_docs = added_facts = 0
        self.conn.execute("BEGIN TRANSACTION")
        try:
            for article, facts in batch:
                row = self.conn.execute(
                    """INSERT INTO documents (doc, hash, title, date, url, publisher, source, kind, text)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING RETURNING id""",
                    [article.id, article.hash, article.title, article.date, article.url,
                     article.publisher, article.source, kind, article.text],
                ).fetchone()
                if row is None:
                    continue
                added_docs += 1
                rows = [_fact_row(row[0], fact) for fact in facts]
                if rows:
                    self.conn.executemany(
                        f"INSERT INTO facts ({', '.join(FACT_COLUMNS)}) VALUES ({', '.join('?' * len(FACT_COLUMNS))})",
                        rows,
                    )
                    added_facts += len(rows)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return added_docs, added_facts

    def ingest(self, paths: Iterable[str | os.PathLike[str]], *, date: Any = None,
               on_article: Callable[[Article], None] | None = None) -> IngestResult:
        """Read articles from ``paths``, extract their facts and store both.

        A document already stored is skipped; problems with single files are collected
        in the result, and the other documents are still read.
        """
        result = IngestResult()
        batch: list[tuple[Article, list[Fact]]] = []
        for article in iter_articles(paths, date=date, problems=result.problems):
            result.read += 1
            if on_article is not None:
                on_article(article)
            if self.has_document(article.hash) or any(a.hash == article.hash for a, _ in batch):
                result.skipped += 1
                continue
            batch.append((article, extract_article(article)))
            if len(batch) >= self.batch_size:
                self._flush(batch, result)
        self._flush(batch, result)
        return result

    def _flush(self, batch: list[tuple[Article, list[Fact]]], result: IngestResult) -> None:
        if batch:
            docs, facts = self.add(batch)
            result.added += docs
            result.facts += facts
            batch.clear()

    # -- reading ---------------------------------------------------------------------
    def facts(self, **filters: Any) -> pd.DataFrame:
        """Return stored facts as a DataFrame, filtered by entity, metric, period, segment, unit, doc, kind."""
        where, params = [], []
        for name, value in filters.items():
            if value is None:
                continue
            if name not in FACT_FILTERS:
                raise TypeError(f"unknown filter {name!r}; use one of {', '.join(FACT_FILTERS)}")
            where.append(FACT_FILTERS[name])
            params.append(value)
        sql = (
            "SELECT f.id, f.doc, f.entity, f.metric, f.value, f.high, f.unit, f.period, f.segment, f.basis,"
            " f.quote, f.also, f.quote_start, f.quote_end, f.figure, f.step, f.provenance, f.document_id,"
            " d.title, d.date AS doc_date, d.url, d.publisher, d.kind"
            " FROM facts f JOIN documents d ON d.id = f.document_id"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY f.document_id, f.quote_start, f.id"
        return self.conn.execute(sql, params).df()

    def documents(self) -> pd.DataFrame:
        """Return stored documents (without their text) as a DataFrame."""
        return self.conn.execute(
            "SELECT d.id, d.doc, d.title, d.date, d.url, d.publisher, d.kind, d.hash, d.ingested_at,"
            " (SELECT count(*) FROM facts f WHERE f.document_id = d.id) AS facts"
            " FROM documents d ORDER BY d.id"
        ).df()

    def document(self, document_id: int) -> dict[str, Any] | None:
        """Return one document with its text, or None."""
        cur = self.conn.execute("SELECT * FROM documents WHERE id = ?", [document_id])
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([c[0] for c in cur.description], row, strict=True))

    def query(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """Run read-only SQL with bound parameters and return a DataFrame."""
        return self.conn.execute(sql, list(params)).df()

    def iter_fact_objects(self, **filters: Any) -> Iterator[Fact]:
        """Yield stored facts as :class:`Fact` objects."""
        for rec in self.facts(**filters).to_dict("records"):
            yield fact_from_record(rec)


def _fact_row(document_id: int, fact: Fact) -> list[Any]:
    provenance = fact.extra.get("provenance")
    return [
        document_id, fact.doc, fact.entity, fact.metric, fact.value, fact.high, fact.unit, fact.period,
        fact.segment, fact.basis, fact.quote, fact.start, fact.end, fact.figure,
        json.dumps([a.to_dict() for a in fact.also]), fact.step,
        json.dumps(provenance) if provenance is not None else None,
    ]


def fact_from_record(rec: dict[str, Any]) -> Fact:
    """Return a :class:`Fact` from a row of :meth:`Store.facts`."""
    # A NULL reaches here as None or NaN, depending on the other rows of its column.
    data: dict[str, Any] = {key: None if _missing(value) else value for key, value in rec.items()}
    data["also"] = json.loads(str(data.get("also") or "[]"))
    data["span"] = [-1 if data.get(key) is None else data[key] for key in ("quote_start", "quote_end")]
    fact = Fact.from_dict(data)
    if data.get("provenance"):
        fact.extra["provenance"] = json.loads(data["provenance"])
    fact.extra["id"] = rec.get("id")
    return fact


def _missing(value: Any) -> bool:
    try:
        return value is None or bool(pd.isna(value))  # None, NaN, NA, NaT
    except (TypeError, ValueError):  # not a scalar
        return False
