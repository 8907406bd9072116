"""The ``capexwatch`` command line, one module per area; each registers its commands on ``cli``.

- ``core``: extract, ingest, facts (and the shared output options)
- ``analysis``: compare, intensity, growth, timeline, claims, conflicts, report
- ``filings``: filings fetch / load
- ``web``: serve
- ``run``: run (batch extraction at scale)
"""

from __future__ import annotations

from . import analysis, filings, run, web  # noqa: F401  (register their commands)
from .core import cli, main

__all__ = ["cli", "main"]
