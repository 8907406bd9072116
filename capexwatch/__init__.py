"""capexwatch: a clean, source-linked, reconciled database of AI-infrastructure spending figures.

The public API is what ``__all__`` lists (pinned by tests/test_public_api.py).
"""

from __future__ import annotations

import os

from .errors import CapexwatchError, InputError, StoreError
from .extract import extract_article, extract_facts
from .ingest import iter_articles
from .models import Alt, Article, Fact, Figure, Money
from .store import Store

__version__ = "0.1.0"


def open(path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> Store:  # noqa: A001
    """Return a :class:`Store` over the DuckDB file at ``path`` (created if missing)."""
    return Store(path, read_only=read_only)


__all__ = [
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
]
