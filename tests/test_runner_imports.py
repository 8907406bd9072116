"""What a `capexwatch run` worker process loads: the package imports heavy libraries only when used (#6)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import capexwatch


def _loaded_after(statement: str) -> set[str]:
    """The modules of interest in ``sys.modules`` after running ``statement`` in a fresh interpreter."""
    probe = (f"{statement}\nimport json, sys\n"
             "print(json.dumps([m for m in ('duckdb', 'pandas', 'capexwatch.store', 'capexwatch.extract', "
             "'distributed') if m in sys.modules]))")
    output = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    return set(json.loads(output))


def test_importing_the_package_loads_no_heavy_library() -> None:
    assert _loaded_after("import capexwatch") == set()


def test_a_worker_importing_the_runner_does_not_load_the_store() -> None:
    loaded = _loaded_after("import capexwatch.runner")
    assert "capexwatch.extract" in loaded
    assert not loaded & {"duckdb", "capexwatch.store", "distributed", "pandas"}


def test_the_reader_does_not_load_pandas() -> None:
    # extract needs only normalize.period_range; numpy and pandas load with the DataFrame functions
    assert _loaded_after("import capexwatch.extract") == {"capexwatch.extract"}


def test_lazy_public_names_resolve_on_first_use() -> None:
    from capexwatch import extract, ingest, store

    assert capexwatch.Store is store.Store
    assert capexwatch.extract_facts is extract.extract_facts
    assert capexwatch.extract_article is extract.extract_article
    assert capexwatch.iter_articles is ingest.iter_articles
    assert set(capexwatch.__all__) <= set(dir(capexwatch))
    with pytest.raises(AttributeError, match="no_such_name"):
        capexwatch.no_such_name  # noqa: B018


def test_the_local_cluster_settings_are_dask_settings() -> None:
    """A key Dask renamed or dropped would be set and silently ignored."""
    dask = pytest.importorskip("dask")
    pytest.importorskip("distributed")
    from capexwatch.runner import _local_dask_config

    for key in _local_dask_config():
        dask.config.get(key)  # KeyError if Dask does not know it
