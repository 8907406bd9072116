"""CLI commands of this area (registered on the `cli` group of :mod:`capexwatch.cli.core`)."""

from __future__ import annotations

from .core import cli  # noqa: F401
