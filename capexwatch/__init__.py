"""capexwatch: a clean, source-linked, reconciled database of AI-infrastructure spending figures.

The public API is what ``__all__`` lists (pinned by tests/test_public_api.py).

Names that need heavy libraries (the store: DuckDB and pandas; the extractor) are
imported on first use (PEP 562), so that ``import capexwatch.runner`` in a worker
process, or ``capexwatch --help``, does not load what it does not use.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any

from .errors import CapexwatchError, InputError, StoreError
from .models import Alt, Article, Fact, Figure, Money

if TYPE_CHECKING:
    from .extract import extract_article, extract_facts
    from .ingest import iter_articles
    from .store import Store

__version__ = "0.1.0"

# name -> the module that defines it, imported by __getattr__ the first time the name is used
_LAZY = {
    "Store": ".store",
    "extract_article": ".extract",
    "extract_facts": ".extract",
    "iter_articles": ".ingest",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later lookups do not come here again
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


def reader_build() -> str:
    """``"mypyc"`` when the reader's modules are compiled (a wheel built with the mypyc hook,
    ``make compiled``), ``"python"`` otherwise. Both builds give the same facts.

    >>> reader_build() in ("mypyc", "python")
    True
    """
    from importlib.machinery import EXTENSION_SUFFIXES
    from importlib.util import find_spec

    spec = find_spec(".extract", __name__)  # found, not imported
    origin = spec.origin if spec is not None else None
    return "mypyc" if origin and origin.endswith(tuple(EXTENSION_SUFFIXES)) else "python"


def open(path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> Store:  # noqa: A001
    """Return a :class:`Store` over the DuckDB file at ``path`` (created if missing)."""
    from .store import Store

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
    "reader_build",
]
