"""Extraction quality against gold, end to end through the CLI and the shared scorer.

The floors live in tests/gold/floors.json and only go up (`python tests/eval_gate.py --update`).
The issue's own floors for the seeds are F1 ≥ 0.90 and period accuracy ≥ 0.90.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("eval_gate", HERE / "eval_gate.py")
assert spec and spec.loader
eval_gate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(eval_gate)

ISSUE_FLOORS = {"seeds": {"f1": 0.90, "period_accuracy": 0.90}}


def available() -> list[str]:
    return [name for name, (articles, gold, _) in eval_gate.corpora().items() if articles.exists() and gold.exists()]


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, float]]:
    return {name: eval_gate.score(name) for name in available()}


@pytest.mark.parametrize("name", ["seeds", "dev", "dev-multilingual", "own", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10", "blind11", "blind12", "blind13", "blind14", "blind15", "blind16", "blind17", "blind18", "blind19", "blind20", "blind21", "blind22", "blind23", "blind24", "blind25", "blind26", "blind27", "blind28", "blind29", "blind30", "blind31", "blind32", "blind33", "examples"])
def test_scores_stay_above_their_floors(scores: dict[str, dict[str, float]], name: str) -> None:
    if name not in scores:
        pytest.skip(f"no {name} corpus beside the checkout")
    floors = {k: v for k, v in eval_gate.load_floors().get(name, {}).items() if k in eval_gate.GATED}
    for metric, floor in ISSUE_FLOORS.get(name, {}).items():
        floors[metric] = max(floors.get(metric, 0.0), floor)
    assert floors, f"no floors recorded for {name}: run tests/eval_gate.py --update"
    below = {m: (round(scores[name][m], 4), f) for m, f in floors.items() if scores[name][m] + 1e-9 < f}
    assert not below, f"{name}: below the floor (got, floor): {below}"


def test_floors_never_fall_below_the_issue() -> None:
    floors = eval_gate.load_floors()["seeds"]
    assert floors["f1"] >= 0.90 and floors["period_accuracy"] >= 0.90
