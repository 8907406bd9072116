"""The compiled reader (mypyc, `make compiled`) is the one imported, and reads as the source does.

These tests run in the compiled build's environment (`make test-compiled`, part of `make test`,
sets CAPEXWATCH_EXPECT_COMPILED=1); in the editable pure-Python environment they are skipped.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import capexwatch

ROOT = Path(__file__).resolve().parents[1]
COMPILED = ["models", "text", "tables", "cues", "entities", "extract",
            "parse._currencies", "parse.dates", "parse.figures", "parse.periods", "parse.prefilter"]

pytestmark = pytest.mark.skipif(os.environ.get("CAPEXWATCH_EXPECT_COMPILED") != "1",
                                reason="runs against the compiled build (make test-compiled)")

# Prints every fact of every article in the folders given, one JSON line each, in a stable
# form: the same script runs in this process's build and against the checkout's source.
DUMP = r"""
import json, sys
from pathlib import Path
sys.path.insert(0, str(Path(sys.argv[1]) / "benchmarks"))
from corpus import generate_articles
import capexwatch
from capexwatch import extract_facts
from capexwatch.ingest import iter_articles
docs = [(a.id, a.text, a.date) for a in iter_articles([Path(p) for p in sys.argv[2:]])]
docs += [(str(i), a["text"], a["date"]) for i, a in enumerate(generate_articles(300, seed=5))]
print(capexwatch.reader_build(), capexwatch.__file__, file=sys.stderr)
for name, text, date in docs:
    for fact in extract_facts(text, date=date, doc=name):
        print(json.dumps(fact.to_dict(), sort_keys=True, default=str))
"""


def _dump(env: dict[str, str], folders: list[Path]) -> tuple[list[str], str]:
    done = subprocess.run([sys.executable, "-P", "-c", DUMP, str(ROOT), *map(str, folders)], env=env,
                          capture_output=True, text=True, timeout=600, check=True)
    return done.stdout.splitlines(), done.stderr


def test_reader_modules_are_compiled() -> None:
    assert capexwatch.reader_build() == "mypyc"
    for name in COMPILED:
        module = importlib.import_module(f"capexwatch.{name}")
        assert module.__file__ is not None and not module.__file__.endswith(".py"), module.__file__
        assert not Path(module.__file__).is_relative_to(ROOT / "capexwatch"), "the checkout's package was imported"


def test_compiled_reader_gives_the_facts_of_the_source(shared: Path) -> None:
    """Every fact of the seeds, dev, own and example articles and 300 synthetic ones is the same
    whether read by the compiled modules or by the checkout's Python source."""
    folders = [p for p in (shared / "seeds", shared / "dev" / "articles", shared / "dev" / "multilingual",
                           ROOT / "tests" / "data" / "own", ROOT / "examples") if p.is_dir()]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    compiled, where = _dump(env, folders)
    assert where.startswith("mypyc ")
    source, where = _dump({**env, "PYTHONPATH": str(ROOT)}, folders)
    assert where.startswith("python ") and str(ROOT) in where
    assert len(compiled) > 1000
    assert compiled == source
    assert all(json.loads(line)["quote"] for line in compiled)
