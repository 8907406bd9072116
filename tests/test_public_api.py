"""The public API: ``capexwatch.__all__`` is pinned; the names in it work as documented."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import capexwatch

PUBLIC = [
    "Alt",
    "Article",
    "CapexwatchError",
    "Fact",
    "Figure",
    "InputError",
    "Money",
    "Store",
    "StoreError",
    "__version__",
    "extract_article",
    "extract_facts",
    "iter_articles",
    "open",
    "reader_build",
]


def test_all_is_pinned() -> None:
    """Adding or removing a public name is a decision: update this list and the CHANGELOG."""
    assert sorted(capexwatch.__all__) == PUBLIC
    assert len(capexwatch.__all__) == len(set(capexwatch.__all__))


def test_every_public_name_exists() -> None:
    for name in capexwatch.__all__:
        assert getattr(capexwatch, name) is not None, name


def test_star_import_gives_exactly_all() -> None:
    namespace: dict[str, object] = {}
    exec("from capexwatch import *", namespace)
    assert sorted(k for k in namespace if k != "__builtins__") == PUBLIC


def test_version_matches_the_installed_package() -> None:
    assert capexwatch.__version__ == importlib.metadata.version("capexwatch")


def test_errors_form_one_tree() -> None:
    assert issubclass(capexwatch.InputError, capexwatch.CapexwatchError)
    assert issubclass(capexwatch.StoreError, capexwatch.CapexwatchError)
    assert issubclass(capexwatch.CapexwatchError, Exception)


def test_extract_facts_returns_facts() -> None:
    facts = capexwatch.extract_facts(
        "Capex next year will be 100 billion yuan.", title="ByteDance to raise AI spending", date=dt.date(2025, 6, 1))
    assert len(facts) == 1
    (fact,) = facts
    assert isinstance(fact, capexwatch.Fact)
    assert (fact.entity, fact.metric, fact.value, fact.unit, fact.period) == (
        "ByteDance", "capex_plan", Decimal("100000000000"), "CNY", "2026")
    assert isinstance(fact.value, Decimal)


def test_extract_facts_takes_the_date_as_text_too() -> None:
    text = "ByteDance will spend 100 billion yuan on capital expenditure next year."
    assert [f.period for f in capexwatch.extract_facts(text, date="2024-06-01")] == ["2025"]
    assert [f.period for f in capexwatch.extract_facts(text)] == ["unknown"]


def test_extract_article_names_the_document(article: capexwatch.Article) -> None:
    facts = capexwatch.extract_article(article)
    assert facts and {f.doc for f in facts} == {"bytedance.txt"}
    for fact in facts:
        assert article.text[fact.start:fact.end] == fact.quote


def test_open_ingest_and_facts(shared: Path, tmp_db: Path) -> None:
    with capexwatch.open(tmp_db) as store:
        assert isinstance(store, capexwatch.Store)
        result = store.ingest([shared / "seeds"])
        assert (result.read, result.added) == (5, 5)
        frame = store.facts(entity="Alibaba", metric="capex_plan")
        assert isinstance(frame, pd.DataFrame) and len(frame) > 0
        assert set(frame["entity"]) == {"Alibaba"}
        assert {"doc", "entity", "metric", "value", "unit", "period", "quote"} <= set(frame.columns)
    assert tmp_db.is_file()
    with capexwatch.open(tmp_db, read_only=True) as store:
        assert len(store.facts(entity="Alibaba", metric="capex_plan")) == len(frame)


def test_open_binds_filter_values(shared: Path, tmp_db: Path) -> None:
    with capexwatch.open(tmp_db) as store:
        store.ingest([shared / "seeds"])
        before = len(store.facts())
        assert len(store.facts(entity="x' OR 1=1 --")) == 0
        assert len(store.facts(metric="capex'); DROP TABLE facts; --")) == 0
        assert len(store.facts()) == before > 0


def test_open_read_only_without_a_file_is_a_store_error(tmp_db: Path) -> None:
    with pytest.raises(capexwatch.StoreError):
        capexwatch.open(tmp_db, read_only=True)


def test_iter_articles_reads_the_seeds(shared: Path) -> None:
    articles = list(capexwatch.iter_articles([shared / "seeds"]))
    assert len(articles) == 5 and all(isinstance(a, capexwatch.Article) for a in articles)


def test_open_does_not_shadow_the_builtin_elsewhere() -> None:
    import builtins

    assert capexwatch.open is not builtins.open
    assert open is builtins.open
