"""The exceptions capexwatch raises.

    CapexwatchError
    ├── InputError          a document could not be read (names the file and line)
    ├── StoreError          the database could not be opened or written
    ├── FilingsError        SEC company facts could not be fetched or read
    │   ├── OfflineError    no network, or a time-out
    │   └── RefusedError    the server said no (403, 404, 429)
    └── ConfigError         a setting or data file is wrong

Layer 1: imports nothing from capexwatch.
"""

from __future__ import annotations

__all__ = [
    "CapexwatchError",
    "ConfigError",
    "FilingsError",
    "InputError",
    "OfflineError",
    "RefusedError",
    "StoreError",
]


class CapexwatchError(Exception):
    """Base class of every error capexwatch raises on purpose."""


class InputError(CapexwatchError):
    """A document could not be read; ``source`` and ``line`` say where."""

    def __init__(self, source: str, problem: str, *, line: int | None = None) -> None:
        self.source = source
        self.problem = problem
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}")


class StoreError(CapexwatchError):
    """The database could not be opened or written."""


class FilingsError(CapexwatchError):
    """SEC company facts could not be fetched or read."""


class OfflineError(FilingsError):
    """The network could not be reached, or the request timed out."""


class RefusedError(FilingsError):
    """The server refused the request."""


class ConfigError(CapexwatchError):
    """A setting or a data file is wrong."""
