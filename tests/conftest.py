"""Shared fixtures: the shared data folder, stores (in memory and on disk), a small article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from capexwatch.models import Article
from capexwatch.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"

BYTEDANCE_TEXT = (
    "ByteDance plans to spend 160 billion yuan ($22.7 billion) on capital expenditure next year, "
    "mainly on AI infrastructure, the Financial Times reported on Monday. "
    "That is up from 150 billion yuan in 2025."
)


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared data folder (seeds, dev articles, gold), beside the repository."""
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


@pytest.fixture
def store() -> Iterator[Store]:
    """An empty in-memory store."""
    with Store(memory=True) as db:
        yield db


@pytest.fixture
def tmp_db(tmp_path: Path) -> Path:
    """The path of a DuckDB file that does not exist yet."""
    return tmp_path / "capexwatch.duckdb"


@pytest.fixture
def article() -> Article:
    """A small dated article with two capex figures, one of them restated in USD."""
    return Article(id="bytedance.txt", text=BYTEDANCE_TEXT, title="ByteDance to spend more on AI",
                   date=dt.date(2025, 12, 22), publisher="Financial Times", source="tests/bytedance.txt")
